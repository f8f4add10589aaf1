px-report negative: negative rate, contact within 48 and 72 hours, median hours to first contact, satisfaction outcomes, closed and escalated
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
px-report negative --since 2026-11-01 --until 2026-12-01
px-report negative --within 72 --since 2026-11-01 --until 2026-12-01 | cut -d, -f8-10
px-report negative --by hospital --since 2026-11-01 --until 2026-12-01 -o csv
### stdout
{"type":"report.negative","from":"2026-11-01T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","completed":10,"negatives":4,"negative_rate":40,"awaiting_contact":2,"contacted":2,"contacted_within":1,"contacted_within_rate":25,"median_hours_to_contact":32.5,"satisfied":1,"not_satisfied":1,"closed":1,"escalated":1,"closed_rate":25,"low_n":true,"partial":true}
"contacted":2,"contacted_within":2,"contacted_within_rate":50
type,from,to,hospital,completed,negatives,negative_rate,awaiting_contact,contacted,contacted_within,contacted_within_rate,median_hours_to_contact,satisfied,not_satisfied,closed,escalated,closed_rate,low_n,partial
report.negative,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC,1,0,0,0,0,0,,,0,0,0,0,,true,true
report.negative,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH,9,4,44.4,2,2,1,25,32.5,1,1,1,1,25,true,true
### status
0
