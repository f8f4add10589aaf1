px-report actions: the actions opened in the period by state, the open ones overdue, the median days to close, the decisions on submissions with their turnaround and the share rejected, the root causes by category and the most frequent; by owning department, source, state and the rule that raised them.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
printf 'route all to=same owner=nurse\n' > routing
export PX_ACTIONS_ROUTING=$PWD/routing
at() { PX_NOW=$1 "${@:2}" > /dev/null; }
at 2026-11-02T06:00:00Z px-complaint new --as nurse --hospital KFH --department OPD --name A --phone 0551234567 --title "Rude" --severity high
px-complaint list -o jsonl | PX_NOW=2026-11-02T06:05:00Z px-action raise --as nurse > /dev/null
A=KFH-ACT-2026-000001
at 2026-11-03T06:00:00Z px-action new --as opd_dm --hospital KFH --department OPD --title "Queue display" --owner nurse
B=KFH-ACT-2026-000002
at 2026-11-04T06:00:00Z px-action new --as opd_dm --hospital KFH --department ER --title "Signs" --owner nurse --priority high
at 2026-11-02T08:00:00Z px-action submit $A --as nurse
at 2026-11-02T12:00:00Z px-action reject $A --as opd_dm --reason "no evidence"
at 2026-11-03T08:00:00Z px-action rca add-cause $A --as nurse --category communication --text "not briefed"
at 2026-11-03T08:00:00Z px-action rca add-cause $A --as nurse --category people --text "new staff"
at 2026-11-03T08:00:00Z px-action rca add-cause $B --as nurse --category communication --text "no notice"
at 2026-11-03T09:00:00Z px-action note $A --as nurse --evidence --text "briefing sheet"
at 2026-11-03T10:00:00Z px-action submit $A --as nurse
at 2026-11-03T12:00:00Z px-action approve $A --as opd_dm
at 2026-11-04T06:00:00Z px-action close $A --as nurse
at 2026-11-20T06:00:00Z px-sla check
export PX_NOW=2026-11-20T06:00:00Z
px-report actions --since 2026-11-01 --until 2026-12-01 | jq -c 'del(.from, .to)'; code
px-report actions --by trigger --since 2026-11-01 --until 2026-12-01 -o csv | cut -d, -f4-6,12-14; code
px-report actions --by department --since 2026-11-01 --until 2026-12-01 | jq -r '[.department, .opened, .overdue, .top_cause] | @tsv'; code
px-report actions --by state --since 2026-11-01 --until 2026-12-01 | jq -r '[.state, .opened] | @tsv'; code
px-report actions --by template; code
### stdout
{"type":"report.actions","opened":3,"open":2,"in_progress":0,"pending_approval":0,"approved":0,"closed":1,"cancelled":0,"overdue":1,"median_days_to_close":2,"approved_decisions":1,"rejected_decisions":1,"rejection_rate":50,"median_hours_to_decide":3,"cause_process":0,"cause_people":1,"cause_equipment":0,"cause_communication":2,"cause_policy":0,"cause_environment":0,"cause_technology":0,"top_cause":"communication","low_n":true,"partial":true}
exit 0
trigger,opened,open,overdue,median_days_to_close,approved_decisions
manual,2,2,1,,0
serious-complaint,1,0,0,2,1
exit 0
KAMC/CARD	0	0	
KAMC/ER	0	0	
KFH/ER	1	1	
KFH/IPD	0	0	
KFH/OPD	2	0	communication
exit 0
open	2
in_progress	0
pending_approval	0
approved	0
closed	1
cancelled	0
exit 0
exit 2
### stderr
px-report: the actions report cannot be grouped by template
usage: px-report sla|actions|calls [--by DIMENSION] [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE]
           [--compare] [--lang LANG] [-o FORMAT]
