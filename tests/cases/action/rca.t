Root-cause analysis of an action or a complaint: causes by category, corrective actions with an owner, a due day and an effectiveness score after review, the risk as likelihood times impact with its level; refusals name the reason.  list finds actions awaiting approval and those px-sla check marked overdue, which it escalates like every other kind.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
export PX_NOW=2026-11-23T06:00:00Z
A=$(px-action new --as opd_dm --hospital KFH --department OPD --title "Fix the queue display" --owner nurse --priority high | jq -r 'select(.type == "case") | .ref')
C=$(px-complaint new --as nurse --hospital KFH --department OPD --name Sara --phone 0551234567 --title "Long wait" | jq -r .ref)
px-action rca add-cause "$A" --as nurse --category equipment --text "The display freezes after an hour" | jq -r '[.type, .case, .id, .category] | @tsv'
px-action rca add-cause "$C" --as nurse --category process --text "No one watches the queue" | jq -r '[.type, .case, .category] | @tsv'
px-action rca add-corrective "$A" --as nurse --text "Replace the display's controller" --owner nurse --due 2026-12-15 | jq -r '[.type, .n, .owner, .due] | @tsv'
px-action rca add-corrective "$A" --as nurse --text "Check it weekly" --owner opd_dm --due 2026-12-31 | jq -r .n
px-action rca review "$A" 1 --as nurse --effectiveness 4; code
px-action rca review "$A" 1 --as opd_dm --effectiveness 4 | jq -r '[.type, .n, .effectiveness] | @tsv'
px-action rca review "$A" 3 --as opd_dm --effectiveness 4; code
px-action rca review "$A" 1 --as opd_dm --effectiveness 6; code
px-action rca risk "$A" --as opd_dm --likelihood 4 --impact 5 | jq -r '[.score, .level] | @tsv'
px-action rca add-corrective "$A" --as nurse --text "x" --owner nurse --due 2026-02-30; code
px-action rca add-corrective "$A" --as nurse --text "x" --owner kamc_admin --due 2026-12-01; code
px-action rca show "$A" | jq -c 'del(.at, .reviewed_at)'; code
F=$(q "SELECT public_id FROM cases WHERE kind = 'complaint'")
px-contact feedback add --as nurse --type compliment --hospital KFH --notes "kind staff" > /dev/null
FB=$(q "SELECT ref FROM cases WHERE kind = 'feedback'")
px-action rca add-cause "$FB" --as nurse --category people --text "x"; code
# awaiting approval, and overdue: a high-priority action is due in 7 days
px-action submit "$A" --as nurse > /dev/null
px-action list --awaiting-approval | jq -r .ref
px-action list --overdue | jq -r .ref
B=$(px-action new --as opd_dm --hospital KFH --department OPD --title "Repaint the signs" --owner nurse --priority high | jq -r 'select(.type == "case") | .ref')
PX_NOW=2026-11-30T06:30:00Z px-sla check | jq -r '[.type, .ref == "'"$B"'", .kind, .level // "", .to // ""] | @tsv'; code
px-action list --overdue | jq -r .ref
px-action list --overdue --awaiting-approval | jq -r .ref
### stdout
rca.cause	KFH-ACT-2026-000001	1	equipment
rca.cause	KFH-2026-000001	process
rca.corrective	1	nurse	2026-12-15
2
exit 3
rca.review	1	4
exit 4
exit 2
20	critical
exit 2
exit 1
{"type":"rca.cause","case":"KFH-ACT-2026-000001","id":1,"category":"equipment","text":"The display freezes after an hour","by":"nurse"}
{"type":"rca.corrective","case":"KFH-ACT-2026-000001","n":1,"text":"Replace the display's controller","owner":"nurse","due":"2026-12-15","effectiveness":4,"reviewed_by":"opd_dm"}
{"type":"rca.corrective","case":"KFH-ACT-2026-000001","n":2,"text":"Check it weekly","owner":"opd_dm","due":"2026-12-31","effectiveness":null,"reviewed_by":null}
{"type":"rca.risk","case":"KFH-ACT-2026-000001","likelihood":4,"impact":5,"score":20,"by":"opd_dm","level":"critical"}
exit 0
exit 4
KFH-ACT-2026-000001
sla.breach	false	complaint		
sla.escalation	false	complaint	1	opd_dm
sla.escalation	false	complaint	2	kfh_head
sla.escalation	false	complaint	3	boss
sla.breach	false	complaint		
sla.escalation	false	complaint	1	opd_dm
sla.breach	true	action		
sla.escalation	true	action	1	opd_dm
exit 0
KFH-ACT-2026-000002
### stderr
px-action: permission denied: 'nurse' (staff) may not review action cases
px-action: KFH-ACT-2026-000001 has no corrective action 3
px-action: --effectiveness needs a number from 1 to 5, not '6'
usage: px-action rca review REF N --effectiveness SCORE
px-action: --due needs a day as YYYY-MM-DD, not '2026-02-30'
px-action: KFH-ACT-2026-000001: kamc_admin may not work cases of this hospital
px-action: KFH-FB-2026-000001 is a case of kind feedback: root-cause analysis is of actions and complaints
