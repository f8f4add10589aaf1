px-report sla: the cases a service-level policy watches (complaints and inquiries), opened in the window, and their clocks read now: how many had each target, met it (stopped before it) or breached it (reached it, stopped or not), the compliance of those decided and the median time used by those stopped; the breaches and escalations px-sla check marked; the cases open and overdue; a case cancelled within its targets has met them (its clocks stop when it is cancelled), a case still running within its target is neither met nor breached, and a breach no check saw has no mark; read at an earlier time (a replay), the clocks are as they were then and only the marks made by then count; by kind and by severity, every kind a policy watches and every severity shown in their order
### cmd
. "$TESTS/fixtures/report/sla.sh"
setup_sla_report || exit 1
export PX_NOW=2026-12-15T09:00:00Z
px-report sla
px-report sla --since 2026-11-01 --until 2026-12-01
px-report sla --since 2026-11-01 --until 2026-12-01 --by kind -o csv
px-report sla --since 2026-11-01 --until 2026-12-01 --by severity -o csv | cut -d, -f4-
px-report sla --since 2026-12-01 --until 2027-01-01 -o jsonl | jq -c '[.cases, .response_met, .resolution_due, .resolution_met, .resolution_breached, .resolution_compliance, .open_overdue, .partial]'
PX_NOW=2026-11-03T00:00:00Z px-report sla --since 2026-11-01 --until 2026-11-03 -o jsonl | jq -c '[.cases, .response_met, .response_breached, .resolution_met, .resolution_breached, .breaches, .escalations, .open_overdue]'
### stdout
{"type":"report.sla","from":null,"to":null,"cases":12,"response_due":12,"response_met":9,"response_breached":3,"response_compliance":75,"median_response_hours":2,"resolution_due":11,"resolution_met":6,"resolution_breached":4,"resolution_compliance":60,"median_resolution_hours":21,"breaches":4,"escalations":4,"open_overdue":2,"low_n":true,"partial":true}
{"type":"report.sla","from":"2026-11-01T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","cases":9,"response_due":9,"response_met":7,"response_breached":2,"response_compliance":77.8,"median_response_hours":2,"resolution_due":8,"resolution_met":4,"resolution_breached":4,"resolution_compliance":50,"median_resolution_hours":21,"breaches":3,"escalations":4,"open_overdue":2,"low_n":true,"partial":false}
type,from,to,kind,cases,response_due,response_met,response_breached,response_compliance,median_response_hours,resolution_due,resolution_met,resolution_breached,resolution_compliance,median_resolution_hours,breaches,escalations,open_overdue,low_n,partial
report.sla,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,complaint,8,8,6,2,75,2,8,4,4,50,21,3,4,2,true,false
report.sla,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,inquiry,1,1,1,0,100,8,0,0,0,,,0,0,0,true,false
report.sla,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,observation,0,0,0,0,,,0,0,0,,,0,0,0,true,false
report.sla,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,action,0,0,0,0,,,0,0,0,,,0,0,0,true,false
report.sla,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,followup,0,0,0,0,,,0,0,0,,,0,0,0,true,false
severity,cases,response_due,response_met,response_breached,response_compliance,median_response_hours,resolution_due,resolution_met,resolution_breached,resolution_compliance,median_resolution_hours,breaches,escalations,open_overdue,low_n,partial
low,0,0,0,0,,,0,0,0,,,0,0,0,true,false
medium,7,7,6,1,85.7,2,6,3,3,50,14,1,2,2,true,false
high,1,1,0,1,0,6,1,0,1,0,26,2,2,0,true,false
critical,1,1,1,0,100,1,1,1,0,100,23,0,0,0,true,false
[1,1,1,0,0,null,0,true]
[2,1,1,0,0,1,1,0]
