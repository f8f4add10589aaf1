px-sla show: each clock of a complaint with its policy, target, calendar, state, business time used and left, pauses and due time; a pause while waiting on the patient moves the resolution's due time by the business time it lasted; --explain shows the spans the clock ran and, within them, the calendar's open hours.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
R=$(open_complaint 2026-11-26T12:30:00Z)
PX_NOW=2026-11-29T06:00:00Z px-complaint start "$R" --as nurse > /dev/null
PX_NOW=2026-11-29T07:00:00Z px-complaint wait "$R" --as nurse > /dev/null
PX_NOW=2026-11-30T07:00:00Z px-complaint start "$R" --as nurse > /dev/null
PX_NOW=2026-11-30T09:00:00Z px-sla show "$R" | jq -r '[.clock, .policy, .target, .calendar, .state, .started_at, .used_hours, .left_hours, .paused_hours, .due_at, .breached] | @tsv'; code
PX_NOW=2026-11-30T09:00:00Z px-sla show "$R" --explain | jq -r 'select(.type != "sla.clock") | [.type, .clock, .from, .to, .counted_hours // .hours] | @tsv'; code
px-sla show KFH-2026-999999; code
px-sla show "$R" --as kamc_admin; code
### stdout
response	complaint	8bh	saudi	stopped	2026-11-26T12:30:00Z	1.5	6.5	0		false
resolution	complaint	40bh	saudi	running	2026-11-26T12:30:00Z	4.5	35.5	24	2026-12-06T12:30:00Z	false
exit 0
sla.span	response	2026-11-26T12:30:00Z	2026-11-29T06:00:00Z	1.5
sla.open	response	2026-11-26T12:30:00Z	2026-11-26T13:00:00Z	0.5
sla.open	response	2026-11-29T05:00:00Z	2026-11-29T06:00:00Z	1
sla.span	resolution	2026-11-26T12:30:00Z	2026-11-29T07:00:00Z	2.5
sla.open	resolution	2026-11-26T12:30:00Z	2026-11-26T13:00:00Z	0.5
sla.open	resolution	2026-11-29T05:00:00Z	2026-11-29T07:00:00Z	2
sla.span	resolution	2026-11-30T07:00:00Z	2026-11-30T09:00:00Z	2
sla.open	resolution	2026-11-30T07:00:00Z	2026-11-30T09:00:00Z	2
exit 0
exit 4
exit 3
### stderr
px-sla: unknown case 'KFH-2026-999999'
px-sla: permission denied: 'kamc_admin' (hospital_admin) may not read service levels
