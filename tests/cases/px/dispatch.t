px runs px-NAME with its arguments and passes its exit status; unknown commands are status 2.
### cmd
mkdir bin
printf '#!/bin/sh\necho "args: $*"\necho "db=$PX_DB user=$PX_USER"\nexit 7\n' > bin/px-hello
chmod +x bin/px-hello
PX_EXEC_PATH=$PWD/bin px --db x.db --as nurse hello a "b c"; code
px nosuch; code
px ../etc; code
PX_EXEC_PATH=$PWD/bin px --list-commands
short_usage px; code
### stdout
args: a b c
db=x.db user=nurse
exit 7
exit 2
exit 2
action
audit
complaint
contact
hello
help
import-his
init
notify
org
patient
report
sla
survey
user
exit 2
### stderr
px: 'nosuch' is not a px command; see 'px --list-commands'
px: '../etc' is not a px command; see 'px --list-commands'
px: missing command
usage: as px -h
