px-sla watches observations by the policies of kind observation: a safety concern (severity high) has 4 business hours to a response and 24 to its resolution, a process problem 16 and 80; one classified critical runs on the clock; starting one stops its response clock, resolving it its resolution clock.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
S=$(px-complaint observation new --hospital KFH --category safety --description "Sharps bin overfull." | jq -r .ref)
P=$(px-complaint observation new --hospital KFH --category process --description "Forms asked twice." | jq -r .ref)
px-sla show "$S" | jq -r '[.ref, .clock, .policy, .target, .due_at, .state] | @tsv'; code
px-sla show "$P" | jq -r '[.ref, .clock, .policy, .target, .due_at, .state] | @tsv'
px-sla policy explain "$S" | jq -r 'select(.matches) | [.name, .weight, .chosen] | @tsv'
px-complaint observation classify "$P" --as kfh_staff --severity critical > /dev/null
px-sla show "$P" | jq -r '[.clock, .policy, .target, .due_at] | @tsv'
PX_NOW=2026-11-23T10:00:00Z px-complaint observation start "$S" --as kfh_staff > /dev/null
PX_NOW=2026-11-23T12:00:00Z px-complaint observation resolve "$S" --as kfh_dm --resolution "Bin replaced" > /dev/null
PX_NOW=2026-11-23T12:00:00Z px-sla show "$S" | jq -r '[.clock, .state, .used_hours, .breached] | @tsv'
PX_NOW=2026-11-24T12:00:00Z px-sla check | jq -r '[.type, .ref, .clock, .policy // "", .level // "", .to // ""] | @tsv'
### stdout
KFH-OB-2026-000001	response	observation-high	4bh	2026-11-23T13:00:00Z	running
KFH-OB-2026-000001	resolution	observation-high	24bh	2026-11-26T09:00:00Z	running
exit 0
KFH-OB-2026-000002	response	observation	16bh	2026-11-25T09:00:00Z	running
KFH-OB-2026-000002	resolution	observation	80bh	2026-12-07T09:00:00Z	running
observation	0	false
observation-high	4	true
response	observation-critical	2h	2026-11-23T11:00:00Z
resolution	observation-critical	24h	2026-11-24T09:00:00Z
response	stopped	1	false
resolution	stopped	3	false
sla.breach	KFH-OB-2026-000002	response	observation-critical		
sla.escalation	KFH-OB-2026-000002	response	observation-critical	1	kfh_px
sla.escalation	KFH-OB-2026-000002	response	observation-critical	2	kfh_px
sla.escalation	KFH-OB-2026-000002	response	observation-critical	3	
sla.breach	KFH-OB-2026-000002	resolution	observation-critical		
sla.escalation	KFH-OB-2026-000002	resolution	observation-critical	1	kfh_px
