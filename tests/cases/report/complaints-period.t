px-report complaints by month: a complaint counts in the month of its opening in the display zone (21:30Z on 31 October is November in Riyadh), --compare gives the previous month's opened, median hours to resolve, reopen and satisfaction rates and their deltas; by department (the complaint's, HOSPITAL/- for none) as CSV; by state as a table
### cmd
. "$TESTS/fixtures/report/complaints.sh"
setup_complaints || exit 1
export PX_NOW=2026-12-15T09:00:00Z
px-report complaints --period month --since 2026-10-01 --until 2026-12-01 --compare
px-report complaints --period month --since 2026-10-01 --until 2026-12-01 -o json | jq -c '.[] | [.period, .opened, .open, .closed, .median_hours_to_resolve, .satisfaction_rate]'
px-report complaints --since 2026-11-01 --until 2026-12-01 --by department -o csv
px-report complaints --since 2026-11-01 --until 2026-12-01 --by state -o table
### stdout
{"type":"report.complaints","period":"2026-10","from":"2026-10-01T00:00:00+03:00","to":"2026-11-01T00:00:00+03:00","opened":2,"open":1,"in_progress":0,"waiting":0,"partially_resolved":0,"resolved":0,"closed":1,"cancelled":0,"ever_resolved":1,"median_hours_to_resolve":24,"reopened":0,"reopen_rate":0,"surveyed":1,"satisfied":1,"satisfaction_rate":100,"unanswered":0,"opened_prev":0,"opened_delta":2,"median_hours_to_resolve_prev":null,"median_hours_to_resolve_delta":null,"reopen_rate_prev":null,"reopen_rate_delta":null,"satisfaction_rate_prev":null,"satisfaction_rate_delta":null,"low_n":true,"partial":false}
{"type":"report.complaints","period":"2026-11","from":"2026-11-01T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","opened":9,"open":1,"in_progress":2,"waiting":1,"partially_resolved":1,"resolved":1,"closed":2,"cancelled":1,"ever_resolved":4,"median_hours_to_resolve":30,"reopened":2,"reopen_rate":50,"surveyed":2,"satisfied":1,"satisfaction_rate":50,"unanswered":1,"opened_prev":2,"opened_delta":7,"median_hours_to_resolve_prev":24,"median_hours_to_resolve_delta":6,"reopen_rate_prev":0,"reopen_rate_delta":50,"satisfaction_rate_prev":100,"satisfaction_rate_delta":-50,"low_n":true,"partial":false}
["2026-10",2,1,1,24,100]
["2026-11",9,1,2,30,50]
type,from,to,department,opened,open,in_progress,waiting,partially_resolved,resolved,closed,cancelled,ever_resolved,median_hours_to_resolve,reopened,reopen_rate,surveyed,satisfied,satisfaction_rate,unanswered,low_n,partial
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC/CARD,0,0,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC/ER,1,1,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/-,1,0,0,0,1,0,0,0,0,,0,,0,0,,0,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/ER,3,0,0,1,0,1,1,0,2,48,1,50,1,0,0,1,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/IPD,0,0,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/OPD,4,0,2,0,0,0,1,1,2,18,1,50,1,1,100,0,true,false
FROM                  STATE     OPENED  OPEN  WAITING  RESOLVED  CLOSED  REOPENED  LOW_N  PARTIAL
2026-11-01 00:00 +03  open      1       1     0        0         0       0         true   false
2026-11-01 00:00 +03  in_prog…  2       0     0        0         0       1         true   false
2026-11-01 00:00 +03  waiting   1       0     1        0         0       0         true   false
2026-11-01 00:00 +03  partial…  1       0     0        0         0       0         true   false
2026-11-01 00:00 +03  resolved  1       0     0        1         0       1         true   false
2026-11-01 00:00 +03  closed    2       0     0        0         2       0         true   false
2026-11-01 00:00 +03  cancell…  1       0     0        0         0       0         true   false
