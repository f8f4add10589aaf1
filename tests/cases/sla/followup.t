px-sla watches the loop on a negative survey to its contact target (48 hours of the clock from the answer, contact.target_hours, unless a policy of kind followup says otherwise): the check opens the loop's case with its clock started at the survey's completion, once; reminds, marks the breach and escalates the loop nobody calls; a logged contact stops the clock.  px-contact queue's due_hours and px-report negative's contacted_within count to the same target, in business hours when the policy says so; --within still overrides it.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
px user add kamc_head --role hospital_admin --hospital KAMC --email head@kamc.example
# two checks at once open each loop's case once
PX_NOW=2026-11-23T10:40:00Z px-sla check -v > a.out 2> a.err & pa=$!
PX_NOW=2026-11-23T10:40:00Z px-sla check -v > b.out 2> b.err; code
wait "$pa"; code
cat a.out b.out
cat a.err b.err | sed -n 's/^px-sla: \([0-9]*\) cases opened$/\1/p' | awk '{ n += $1 } END { print n " opened" }'
q "SELECT count(*) FROM audit WHERE action = 'case_opened'"
q "SELECT c.ref, c.state, c.source_ref = '$NEG', c.created_at FROM cases c WHERE c.kind = 'followup' ORDER BY c.id"
q "SELECT c.ref, t.type, t.verb, t.text, t.at FROM case_timeline t JOIN cases c ON c.id = t.case_id WHERE c.kind = 'followup' ORDER BY t.id"
PX_NOW=2026-11-23T10:55:00Z px-sla check -v; code
export FU=$(q "SELECT ref FROM cases WHERE kind = 'followup' AND source_ref = '$NEG'")
export KFU=$(q "SELECT ref FROM cases WHERE kind = 'followup' AND source_ref = '$KNEG'")
PX_NOW=2026-11-24T10:00:00Z px-sla check | jq -r '[.type, .ref == env.FU, .clock, .policy, .target, .due_at, .before, .to] | @tsv'; code
PX_NOW=2026-11-24T12:00:00Z px-contact --as kfh_px log "$NEG" --notes "called; apologised"
PX_NOW=2026-11-25T11:00:00Z px-sla check | jq -r '[.type, .ref == env.KFU, .clock, .level // "", .to // ""] | @tsv'; code
PX_NOW=2026-11-25T11:15:00Z px-sla check; code
PX_NOW=2026-11-25T11:15:00Z px-sla show "$FU" | jq -r '[.clock, .policy, .target, .state, .used_hours, .due_at, .breached] | @tsv'
PX_NOW=2026-11-25T11:15:00Z px-sla show "$KFU" | jq -r '[.clock, .state, .used_hours, .due_at, .breached] | @tsv'
q "SELECT n.template, u.name, n.next_attempt_at FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.object_type = 'case' ORDER BY n.id"
# a policy in business hours: 8 of them from Monday 13:00 in Riyadh fall due Tuesday 13:00
printf 'policy fu kind=followup response=8bh\n' > fu.policies
PX_NOW=2026-11-23T14:00:00Z px-contact queue | jq -r '[.hospital, .due_hours] | @tsv'
PX_NOW=2026-11-23T14:00:00Z PX_SLA_POLICIES=fu.policies px-contact queue | jq -r '[.hospital, .due_hours] | @tsv'
PX_NOW=2026-11-26T00:00:00Z px-report negative --since 2026-11-01 --until 2026-12-01 | jq -r '[.contacted, .contacted_within] | @tsv'
PX_NOW=2026-11-26T00:00:00Z PX_SLA_POLICIES=fu.policies px-report negative --since 2026-11-01 --until 2026-12-01 | jq -r '[.contacted, .contacted_within] | @tsv'
PX_NOW=2026-11-26T00:00:00Z PX_SLA_POLICIES=fu.policies px-report negative --within 30 --since 2026-11-01 --until 2026-12-01 | jq -r '[.contacted, .contacted_within] | @tsv'
PX_NOW=2026-11-26T00:00:00Z PX_SLA_POLICIES=fu.policies px-report summary | grep '^Negative'
PX_NOW=2026-11-26T00:00:00Z px-report summary | grep '^Negative'
### stdout
exit 0
exit 0
2 opened
2
KFH-FU-2026-000001|awaiting_contact|1|2026-11-23T10:40:00Z
KAMC-FU-2026-000001|awaiting_contact|0|2026-11-23T10:40:00Z
KFH-FU-2026-000001|created|||2026-11-23T10:40:00Z
KFH-FU-2026-000001|clock|start|response|2026-11-23T10:00:00Z
KAMC-FU-2026-000001|created|||2026-11-23T10:40:00Z
KAMC-FU-2026-000001|clock|start|response|2026-11-23T10:30:00Z
exit 0
sla.reminder	true	response	followup	48h	2026-11-25T10:00:00Z	24h	kfh_px
exit 0
sla.breach	true	response		
sla.escalation	true	response	1	kamc_head
exit 0
exit 0
response	followup	48h	stopped	26		false
response	running	48.75	2026-11-25T10:30:00Z	true
sla_reminder|kfh_px|2026-11-24T10:00:00Z
sla_escalation|kamc_head|2026-11-25T11:00:00Z
KFH	
KAMC	44
KFH	
KAMC	20
1	1
1	0
1	1
Negative surveys: 2 (66.7%); contacted within 8 business h: 0%; median time to contact: 26 h (low n)
Negative surveys: 2 (66.7%); contacted within 48 h: 50%; median time to contact: 26 h (low n)
### stderr
px-sla: 2 open cases, 0 reminders, 0 breaches, 0 escalations
