px-report --compare adds the previous period's figures and deltas, by --period or by a window of the same length before --since
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
export PX_NOW=2026-12-15T09:00:00Z
px-report surveys --period month --compare --since 2026-11-01
px-report nps --compare --since 2026-11-10 --until 2026-12-01
short_usage px-report nps --compare; code
### stdout
{"type":"report.surveys","period":"2026-11","from":"2026-11-01T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","sent":13,"delivered":2,"opened":12,"started":12,"completed":11,"abandoned":1,"delivery_rate":15.4,"open_rate":92.3,"response_rate":84.6,"abandonment_rate":8.3,"sent_prev":0,"sent_delta":13,"completed_prev":0,"completed_delta":11,"response_rate_prev":null,"response_rate_delta":null,"low_n":true,"partial":false}
{"type":"report.surveys","period":"2026-12","from":"2026-12-01T00:00:00+03:00","to":"2027-01-01T00:00:00+03:00","sent":0,"delivered":0,"opened":0,"started":0,"completed":0,"abandoned":0,"delivery_rate":null,"open_rate":null,"response_rate":null,"abandonment_rate":null,"sent_prev":13,"sent_delta":-13,"completed_prev":11,"completed_delta":-11,"response_rate_prev":84.6,"response_rate_delta":null,"low_n":true,"partial":true}
{"type":"report.nps","from":"2026-11-10T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","n":1,"promoters":0,"passives":0,"detractors":1,"nps":-100,"nps_low":-100,"nps_high":-100,"n_prev":5,"n_delta":-4,"nps_prev":40,"nps_delta":-140,"low_n":true,"partial":false}
exit 2
### stderr
px-report: --compare needs --period or --since
usage: px-report surveys|scores|nps|negative|journeys|notify|suppressed|complaints [--by DIMENSION]
           [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE] [--compare]
           [--within HOURS] [--list] [--lang LANG] [-o FORMAT]
