Migrations: an empty file is migrated, a migrated one is left alone, a newer one is refused.
### cmd
: > empty.db
px --db empty.db init; code
q() { sqlite3 -batch empty.db "$@"; }
v=$(q 'PRAGMA user_version')
[ "$v" -ge 1 ] && echo migrated
q "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('hospitals','audit','patients') ORDER BY name"
px --db empty.db init; code
[ "$(q 'PRAGMA user_version')" = "$v" ] && echo "same version"
q 'SELECT count(*) FROM audit'
q 'PRAGMA user_version = 999'
px --db empty.db org list 2> err; code
sed "s/ ($(ls "$TOP"/lib/store/schema/*.sql | wc -l))\$/ (N)/" err
### stdout
exit 0
migrated
audit
hospitals
patients
exit 0
same version
1
exit 5
px: database schema version 999 is newer than this px (N)
