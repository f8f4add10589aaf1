-o table fits 100 columns: the widest text columns are cut with an ellipsis, never an id, a time or a header; --columns N (any command, any verb) sets the width, --columns 200 keeps this table whole and 0 sets no limit; CSV is never cut; without it $PX_COLUMNS (px passes its --columns to px-COMMAND so), else 100; a width that is not a number is a usage error.
### cmd
px init
long="The waiting room was full and nobody told us how long the wait would be, so we waited three hours"
rec="{\"type\":\"complaint\",\"id\":\"cmp_0123456789abcdefghij\",\"patient\":\"pat_abcdefghij0123456789\",\"at\":\"2026-11-23T09:00:00Z\",\"category\":\"waiting time and communication\",\"text\":\"$long\"}"
echo "$rec" | px org load -o table
echo "$rec" | px org load -o table | LC_ALL=C.utf8 wc -L
echo columns-200
echo "$rec" | px org load -o table --columns 200
echo columns-0
echo "$rec" | px org load --columns 0 -o table | LC_ALL=C.utf8 wc -L
echo columns-60
echo "$rec" | px --columns 60 org load -o table
echo env
echo "$rec" | PX_COLUMNS=60 px org load -o table | head -1
echo "$rec" | PX_COLUMNS=60 px org load -o table --columns 200 | head -1
PX_COLUMNS=wide short_usage px org list; code
echo csv
echo "$rec" | px org load -o csv --columns 40 | tail -1
short_usage px org list --columns wide; code
short_usage px-survey list --columns -1; code
### stdout
ID                        PATIENT                   AT                    CATEGORY      TEXT
cmp_0123456789abcdefghij  pat_abcdefghij0123456789  2026-11-23 12:00 +03  waiting tim…  The waiting…
100
columns-200
ID                        PATIENT                   AT                    CATEGORY                        TEXT
cmp_0123456789abcdefghij  pat_abcdefghij0123456789  2026-11-23 12:00 +03  waiting time and communication  The waiting room was full and nobody told us how long the wait would be, so we waited three h…
columns-0
203
columns-60
ID                        PATIENT                   CATEGORY
cmp_0123456789abcdefghij  pat_abcdefghij0123456789  waiting…
env
ID                        PATIENT                   CATEGORY
ID                        PATIENT                   AT                    CATEGORY                        TEXT
exit 2
csv
complaint,cmp_0123456789abcdefghij,pat_abcdefghij0123456789,2026-11-23T09:00:00Z,waiting time and communication,"The waiting room was full and nobody told us how long the wait would be, so we waited three hours"
exit 2
exit 2
### stderr
px: PX_COLUMNS: not a number of columns: 'wide'
usage: px org list [--hospital CODE] [-o FORMAT]
px: --columns: not a number of columns: 'wide'
usage: px org list [--hospital CODE] [-o FORMAT]
px-survey: --columns: not a number of columns: '-1'
usage: px-survey list [--hospital CODE] [--department CODE] [--template NAME] [--status STATUS] [--negative] [--since TIME] [--until TIME] [-o FORMAT]
