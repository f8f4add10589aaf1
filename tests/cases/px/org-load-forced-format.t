-i forces the input format: JSON Lines text read as CSV is a one-column table.
### cmd
px init
printf '{"type":"x"}\n' | px org load -i csv; code
printf 'type,code\nx,1\n' | px org load -i jsonl; code
short_usage px org load -i yaml < /dev/null; code
### stdout
exit 4
exit 1
exit 2
### stderr
px: -:1: malformed CSV: misplaced quote
px: -:1: invalid JSON: invalid token near 'type'
px: -:2: invalid JSON: invalid token near 'x'
px: unknown input format 'yaml'
usage: px org load [-i FORMAT] [-o FORMAT] [FILE...]
