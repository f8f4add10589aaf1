The database path comes from --db, else $PX_DB, else store.db in px.conf, else ./px.db.
### cmd
px --db a.db init
PX_DB=b.db px init
printf '[store]\ndb = c.db\n' > px.conf
px init
PX_DB=d.db px --db e.db init
ls *.db
### stdout
a.db
b.db
c.db
e.db
