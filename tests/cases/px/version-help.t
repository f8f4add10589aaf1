--version and -h go to stdout with status 0; an unknown option is status 2.
### cmd
px --version; code
px -h | head -2; code
px org list --bogus; code
### stdout
px 0.1.0
exit 0
usage: px [--db FILE] [--as USER] [--config FILE] COMMAND [ARGS...]
       px init
exit 0
exit 2
### stderr
px: unknown option '--bogus'
usage: px org list [--hospital CODE] [-o FORMAT]
