px-sla check over a complaint opened on Thursday at 15:30 (8 business hours to respond, due Sunday 15:30): the 24-hour reminder on Saturday, held to the next opening; the 6-hour one on Sunday morning; nothing when run again; the breach and escalation level 1 (the department's manager) once it is due, level 2 (the hospital's admins) a day later; each once however often it runs, and the messages waiting in the outbox for business hours.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
R=$(open_complaint 2026-11-26T12:30:00Z)
echo "$R"
PX_NOW=2026-11-28T13:00:00Z px-sla check | jq -r '[.type, .ref, .clock, .policy, .target, .due_at, .before, .to] | @tsv'; code
PX_NOW=2026-11-28T13:15:00Z px-sla check; code
PX_NOW=2026-11-29T07:00:00Z px-sla check | jq -r '[.type, .clock, .before, .to] | @tsv'; code
PX_NOW=2026-11-29T12:45:00Z px-sla check -v | jq -r '[.type, .clock, .level // "", .to // ""] | @tsv'; code
PX_NOW=2026-11-29T13:00:00Z px-sla check; code
PX_NOW=2026-11-30T12:45:00Z px-sla check | jq -r '[.type, .clock, .level // "", .to // ""] | @tsv'; code
q "SELECT clock, mark, due_at, policy, made_at FROM sla_marks ORDER BY made_at, clock, mark"
q "SELECT template, json_extract(vars, '$.level'), next_attempt_at, reason FROM notifications WHERE object_type = 'case' AND template LIKE 'sla%' ORDER BY id"
q "SELECT type, coalesce(verb, ''), coalesce(text, '') FROM case_timeline WHERE type IN ('clock', 'message') AND at > '2026-11-27' ORDER BY id"
### stdout
KFH-2026-000001
sla.reminder	KFH-2026-000001	response	complaint	8bh	2026-11-29T12:30:00Z	24h	nurse
exit 0
exit 0
sla.reminder	response	6h	nurse
exit 0
sla.breach	response		
sla.escalation	response	1	opd_dm
exit 0
exit 0
sla.escalation	response	2	kfh_head
exit 0
response|reminder:86400|2026-11-29T12:30:00Z|complaint|2026-11-28T13:00:00Z
response|reminder:21600|2026-11-29T12:30:00Z|complaint|2026-11-29T07:00:00Z
response|breach|2026-11-29T12:30:00Z|complaint|2026-11-29T12:45:00Z
response|escalation:1|2026-11-29T12:30:00Z|complaint|2026-11-29T12:45:00Z
response|escalation:2|2026-11-29T12:30:00Z|complaint|2026-11-30T12:45:00Z
sla_reminder|0|2026-11-29T05:00:00Z|outside business hours until 2026-11-29T08:00:00+03:00
sla_reminder|0|2026-11-29T07:00:00Z|
sla_escalation|1|2026-11-29T12:45:00Z|
sla_escalation|2|2026-11-30T12:45:00Z|
message||sla_reminder
message||sla_reminder
clock|breach|response
clock|escalate|response
clock|escalate|response
### stderr
px-sla: 1 open cases, 0 reminders, 1 breaches, 1 escalations
