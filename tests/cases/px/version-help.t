--version and -h go to stdout with status 0 (the whole usage of px pinned here once); an unknown option is status 2.
### cmd
px --version; code
px -h; code
short_usage px org list --bogus; code
### stdout
px 0.1.0
exit 0
usage: px [--db FILE] [--as USER] [--config FILE] COMMAND [ARGS...]
       px init
       px user add NAME --role ROLE [--hospital CODE]... [--department CODE]... [--full-name TEXT] [--email ADDR] [--phone NUMBER]
       px user list [-o FORMAT]
       px user grant NAME [--role ROLE] [--hospital CODE]... [--department CODE]...
       px user revoke NAME [--hospital CODE]... [--department CODE]...
       px org load [-i FORMAT] [-o FORMAT] [FILE...]
       px org list [--hospital CODE] [-o FORMAT]
       px audit [--actor USER] [--action ACTION] [--object ID] [--since TIME] [--until TIME] [-o FORMAT]
       px audit verify [-o FORMAT]
       px workflow check [-o FORMAT] [FILE...]
       px patient find [--hospital CODE] [--mrn MRN | --phone NUMBER | --natid ID] [-o FORMAT]
       px patient show PATIENT [-o FORMAT]
       px help [COMMAND]
       px --list-commands
       px --version
exit 0
exit 2
### stderr
px: unknown option '--bogus'
usage: px org list [--hospital CODE] [-o FORMAT]
