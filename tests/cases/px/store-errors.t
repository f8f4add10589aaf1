Missing database, a file that is not a database, a bad px.conf and an unknown zone: clear messages, documented statuses.
### cmd
px org list; code
echo "not a database, just text that is long enough to be read as a header......" > junk.db
px --db junk.db org list; code
px init
printf '[store]\nthis is not valid\n' > bad.conf
px --config bad.conf org list; code
px --config missing.conf org list; code
printf '[time]\nzone = Mars/Olympus\n' > px.conf
px --config px.conf org list; code
### stdout
exit 4
exit 4
exit 4
exit 4
exit 4
### stderr
px: no database 'px.db' (create it with 'px init')
px: store: file is not a database
px: bad.conf:2: expected 'key = value'
px: missing.conf: cannot read configuration: No such file or directory
px: px.conf:2: unknown time zone 'Mars/Olympus'
