px init creates the database 0600 with WAL, and the caller becomes px_admin.
### cmd
umask 022
px init; code
stat -c '%a %n' px.db
q 'PRAGMA journal_mode; PRAGMA foreign_keys;'
[ "$(q 'PRAGMA user_version')" = "$(ls "$TOP"/lib/store/schema/*.sql | wc -l)" ] && echo "every migration applied"
q 'SELECT name, role, active FROM users'
q 'INSERT INTO meta VALUES ("k","v")'
# a px process holding the store open: its -wal and -shm are 0600 too
mkfifo in
px org load < in &
exec 3> in
echo '{"type":"hospital","code":"H1","name":"One"}' >&3
for i in 1 2 3 4 5 6 7 8 9 10; do [ -e px.db-wal ] && break; sleep 0.2; done
sleep 0.3
stat -c '%a %n' px.db px.db-wal px.db-shm
exec 3>&-
wait $!; code
### stdout
exit 0
600 px.db
wal
0
every migration applied
admin|px_admin|1
600 px.db
600 px.db-wal
600 px.db-shm
exit 0
