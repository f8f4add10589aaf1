px-report complaints: complaints opened in the window (inquiries not counted), the state each is in now, resolved ever and the median hours to the first resolve, reopened after a resolve and its rate, the resolution survey's verdicts; by state in the workflow's order and by source in px-complaint's, every state and source shown
### cmd
. "$TESTS/fixtures/report/complaints.sh"
setup_complaints || exit 1
export PX_NOW=2026-12-15T09:00:00Z
px-report complaints
px-report complaints --since 2026-11-01 --until 2026-12-01
px-report complaints --since 2026-11-01 --until 2026-12-01 --by state -o csv
px-report complaints --since 2026-11-01 --until 2026-12-01 --by source -o csv | cut -d, -f4-
### stdout
{"type":"report.complaints","from":null,"to":null,"opened":11,"open":2,"in_progress":2,"waiting":1,"partially_resolved":1,"resolved":1,"closed":3,"cancelled":1,"ever_resolved":5,"median_hours_to_resolve":24,"reopened":2,"reopen_rate":40,"surveyed":3,"satisfied":2,"satisfaction_rate":66.7,"unanswered":1,"low_n":true,"partial":true}
{"type":"report.complaints","from":"2026-11-01T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","opened":9,"open":1,"in_progress":2,"waiting":1,"partially_resolved":1,"resolved":1,"closed":2,"cancelled":1,"ever_resolved":4,"median_hours_to_resolve":30,"reopened":2,"reopen_rate":50,"surveyed":2,"satisfied":1,"satisfaction_rate":50,"unanswered":1,"low_n":true,"partial":false}
type,from,to,state,opened,open,in_progress,waiting,partially_resolved,resolved,closed,cancelled,ever_resolved,median_hours_to_resolve,reopened,reopen_rate,surveyed,satisfied,satisfaction_rate,unanswered,low_n,partial
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,open,1,1,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,in_progress,2,0,2,0,0,0,0,0,1,12,1,100,0,0,,0,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,waiting,1,0,0,1,0,0,0,0,0,,0,,0,0,,0,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,partially_resolved,1,0,0,0,1,0,0,0,0,,0,,0,0,,0,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,resolved,1,0,0,0,0,1,0,0,1,36,1,100,1,0,0,0,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,closed,2,0,0,0,0,0,2,0,2,42,0,0,1,1,100,1,true,false
report.complaints,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,cancelled,1,0,0,0,0,0,0,1,0,,0,,0,0,,0,true,false
source,opened,open,in_progress,waiting,partially_resolved,resolved,closed,cancelled,ever_resolved,median_hours_to_resolve,reopened,reopen_rate,surveyed,satisfied,satisfaction_rate,unanswered,low_n,partial
patient,3,1,1,0,0,0,1,0,2,18,1,50,1,1,100,0,true,false
family,1,0,0,0,0,1,0,0,1,36,1,100,1,0,0,0,true,false
staff,1,0,1,0,0,0,0,0,0,,0,,0,0,,0,true,false
survey,0,0,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
social_media,2,0,0,0,0,0,1,1,1,60,0,0,0,0,,1,true,false
call_center,1,0,0,1,0,0,0,0,0,,0,,0,0,,0,true,false
moh,1,0,0,0,1,0,0,0,0,,0,,0,0,,0,true,false
chi,0,0,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
other,0,0,0,0,0,0,0,0,0,,0,,0,0,,0,true,false
