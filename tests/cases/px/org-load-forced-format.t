-i forces the input format: JSON Lines text read as CSV is a one-column table.
### cmd
px init
printf '{"type":"x"}\n' | px org load -i csv; code
printf 'type,code\nx,1\n' | px org load -i jsonl; code
px org load -i yaml < /dev/null; code
### stdout
exit 4
exit 1
exit 2
### stderr
px: -:1: malformed CSV: misplaced quote
px: -:1: invalid JSON: '[' or '{' expected near 'type'
px: -:2: invalid JSON: '[' or '{' expected near 'x'
px: unknown input format 'yaml'
usage: px [--db FILE] [--as USER] [--config FILE] COMMAND [ARGS...]
       px init
       px user add NAME --role ROLE [--hospital CODE]... [--full-name TEXT] [--email ADDR] [--phone NUMBER]
       px user list [-o FORMAT]
       px user grant NAME [--role ROLE] [--hospital CODE]...
       px user revoke NAME [--hospital CODE]...
       px org load [-i FORMAT] [-o FORMAT] [FILE...]
       px org list [--hospital CODE] [-o FORMAT]
       px audit [--actor USER] [--action ACTION] [--object ID] [--since TIME] [--until TIME] [-o FORMAT]
       px help [COMMAND]
       px --list-commands
       px --version
