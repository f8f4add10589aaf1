A complaint taken at the desk from someone not in the store: its reference is the first of the hospital's year, the acknowledgement with the tracking code waits in the outbox, and the same reference given again changes nothing and sends nothing.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint new --as kfh_staff --hospital KFH --name "Huda Salem" --phone 0551234567 --department ER --title "Rude reception" --description "The receptionist shouted" --source family --reference DESK-7 --severity high --category 3.4 > one.jsonl; code
jq -r '[.type, .ref, .kind, .state, .hospital, .department, .person, .severity, .priority, .classification, .source, .source_ref, .created_at] | @tsv' one.jsonl
jq -r .tracking one.jsonl | grep -cE '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$'
q "SELECT template, channel, language, state, object_type, object_id FROM notifications WHERE object_type = 'case'"
q "SELECT count(*) FROM notifications WHERE body LIKE '%' || (SELECT tracking FROM cases) || '%'"
q "SELECT type, coalesce(verb, ''), coalesce(new_state, ''), coalesce(text, '') FROM case_timeline ORDER BY id"
px-complaint new --as kfh_staff --hospital KFH --name "Huda Salem" --phone 0551234567 --title "Rude reception" --source family --reference DESK-7 | jq -r '[.ref, .state] | @tsv'; code
q "SELECT count(*) FROM cases"
q "SELECT count(*) FROM notifications WHERE object_type = 'case'"
q "SELECT action FROM audit WHERE object_type = 'case' ORDER BY id"
ls -l px.db | cut -c1-10
### stdout
exit 0
case	KFH-2026-000001	complaint	open	KFH	ER	Huda Salem	high	medium	3.4	family	DESK-7	2026-11-23T09:00:00Z
1
complaint_received|sms|ar|pending|case|KFH-2026-000001
1
created||open|
clock|start||response
clock|start||resolution
message|||complaint_received
KFH-2026-000001	open
exit 0
1
1
case_opened
-rw-------
