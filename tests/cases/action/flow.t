The action flow of seed 003: a serious complaint comes in and px-action raise makes its action (routed to the department's manager by a site's routing file), which the owner works, attaches evidence to, analyses, submits; the approver (above the owner) rejects it once, then approves; it closes.  Running raise again makes nothing more.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
px user add nurse2 --role staff --hospital KFH --email nurse2@kfh.example > /dev/null
printf 'route all to=same owner=nurse\n' > routing
export PX_ACTIONS_ROUTING=$PWD/routing
PX_NOW=2026-11-23T06:00:00Z px-complaint new --as nurse --hospital KFH --department OPD --name Sara --phone 0551234567 --title "Rude reception" --severity high > complaint.jsonl
PX_NOW=2026-11-23T06:05:00Z px-action raise --as nurse < complaint.jsonl | jq -r '[.type, .ref // .key // "", .state // "", .owner // .user // "", .title // ""] | @tsv'; code
PX_NOW=2026-11-23T06:06:00Z px-action raise --as nurse < complaint.jsonl | jq -r '.type'; code
A=$(q "SELECT ref FROM cases WHERE kind = 'action'")
echo "$A"
q "SELECT rule, source_type, source_ref FROM action_raises"
PX_NOW=2026-11-23T07:00:00Z px-action start "$A" --as nurse | jq -r .state
PX_NOW=2026-11-23T08:00:00Z px-action rca add-cause "$A" --as nurse --category communication --text "Reception staff were not briefed on the new triage" | jq -r '[.type, .category] | @tsv'
PX_NOW=2026-11-23T08:10:00Z px-action note "$A" --as nurse --evidence --text "Briefing held on 23 November, attendance sheet kept" | jq -r .state
PX_NOW=2026-11-23T09:00:00Z px-action submit "$A" --as nurse | jq -r '[.type, .state // .user // ""] | @tsv'
PX_NOW=2026-11-23T09:30:00Z px-action approve "$A" --as nurse2; code
PX_NOW=2026-11-23T09:30:00Z px-action reject "$A" --as opd_dm --reason "Attach the attendance sheet" | jq -r .state
PX_NOW=2026-11-23T10:00:00Z px-action submit "$A" --as nurse > /dev/null
PX_NOW=2026-11-23T10:30:00Z px-action approve "$A" --as opd_dm | jq -r .state
PX_NOW=2026-11-23T11:00:00Z px-action close "$A" --as nurse | jq -r .state
PX_NOW=2026-11-23T11:00:00Z px-action show "$A" | jq -r 'select(.type != "case") | [.type, .verb // .rule // .clock // .category // "", .to_state // .state // ""] | @tsv'
### stdout
case	KFH-2026-000001	open		Rude reception
case	KFH-ACT-2026-000001	open	nurse	Serious complaint KFH-2026-000001 (high): Rude reception
notification	action:KFH-ACT-2026-000001:action_assigned:nurse:2026-11-23T06:05:00Z		nurse	
exit 0
case
exit 0
KFH-ACT-2026-000001
serious-complaint|complaint|KFH-2026-000001
in_progress
rca.cause	communication
in_progress
case	pending_approval
notification	opd_dm
exit 3
in_progress
approved
approved
closed
closed
case.event		open
case.event	start	
case.event	route	
case.event	start	in_progress
case.event	start	
case.event	rca	
case.event	evidence	
case.event	submit	pending_approval
case.event	pause	
case.event	reject	in_progress
case.event	start	
case.event	submit	pending_approval
case.event	pause	
case.event	approve	approved
case.event	stop	
case.event	close	closed
action.trigger	serious-complaint	
rca.cause	communication	
sla.clock	resolution	stopped
### stderr
px-action: permission denied: 'nurse2' (staff) may not approve action cases
