The testing checklist of the closed loop, end to end: a negative survey shows a warning, the contact is logged and kept, the satisfaction check creates feedback linked both ways and a notification px-notify can render, and each step is audited.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop; code
# 1. negative surveys were flagged; the positive one was not
q "SELECT p.mrn, s.negative FROM surveys s JOIN patients p ON p.id = s.patient_id ORDER BY p.mrn"
jq -r 'select(.type == "survey.negative") | .survey == env.NEG or .survey == env.KNEG' responded.jsonl
# 2. the warning on the survey
px-contact show "$NEG" -o jsonl | jq -r 'select(.type == "contact.survey") | .state, .warning'
# 3. log the contact with notes
PX_NOW=2026-11-23T12:00:00Z px-contact --as kfh_px log "$NEG" --notes "Called the patient; the clinic was short of staff" --resolved; code
# 4. the contact is stored
px-contact show "$NEG" -o jsonl | jq -c 'select(.type == "contact.survey") | [.state, .warning, .contacted, .contacted_at, .contacted_by, .contact_notes, .outcome, .issue_resolved]'
q "SELECT contacted, contacted_by, outcome, issue_resolved, first_contacted_at FROM survey_followups"
# 5. send the satisfaction check: a notification carrying the link
PX_NOW=2026-11-23T12:05:00Z px-contact --as kfh_px satisfaction "$NEG" > check.jsonl; code
jq -c '[.type, .template, .channel, .language, .object_type, (.vars.link | test("^https://px.invalid/s/[A-Za-z0-9_-]{32}$"))]' check.jsonl
px-notify --dry-run < check.jsonl | jq -r '.type, .template, .text' | sed -E 's#/s/[A-Za-z0-9_-]{32}#/s/TOKEN#'
# 6. the feedback record is created and linked to the survey, and back
export FB=$(px-contact feedback list | jq -r .id)
px-contact feedback list -o csv | norm
CHECK=$(jq -r .object check.jsonl)
q "SELECT f.type, f.status, r.public_id = '$NEG', c.public_id = '$CHECK' FROM feedback f JOIN surveys r ON r.id = f.related_survey_id JOIN surveys c ON c.id = f.check_survey_id"
# 7. the feedback shows its survey
px-contact feedback show "$FB" -o jsonl | norm | sed "s/$NEG/NEG/"
# 8. the survey shows its feedback
px-contact show "$NEG" -o jsonl | jq -r 'select(.type == "feedback") | .id == env.FB'
# 9. audit events
q "SELECT actor, action, object_type FROM audit WHERE action IN ('survey_patient_contacted', 'satisfaction_feedback_sent', 'feedback_created') ORDER BY id"
q "SELECT count(*) FROM audit WHERE details LIKE '%short of staff%' OR details LIKE '%KFH0001%'"
### stdout
exit 0
KAMC0001|1
KFH0001|1
KFH0002|0
true
true
awaiting_contact
Action required: contact the patient to discuss this negative survey
exit 0
["contacted",null,true,"2026-11-23T12:00:00Z","kfh_px","Called the patient; the clinic was short of staff","resolved",true]
1|kfh_px|resolved|1|2026-11-23T12:00:00Z
exit 0
["notification","satisfaction_check","sms","ar","survey",true]
notification.preview
satisfaction_check
عزيزنا أحمد علي، تابعنا ملاحظاتك. هل أنت راضٍ عن طريقة معالجتها؟ شاركنا رأيك: https://px.invalid/s/TOKEN
type,id,feedback_type,status,hospital,department,related_survey,check_survey,outcome,created_by,created_at,closed_at
feedback,fbk_ID,satisfaction_check,submitted,KFH,OPD,srv_ID,srv_ID,,kfh_px,2026-11-23T12:05:00Z,
satisfaction_check|submitted|1|1
{"type":"feedback","id":"fbk_ID","feedback_type":"satisfaction_check","status":"submitted","hospital":"KFH","department":"OPD","related_survey":"srv_ID","check_survey":"srv_ID","outcome":null,"created_by":"kfh_px","created_at":"2026-11-23T12:05:00Z","closed_at":null}
{"type":"feedback.survey","feedback":"fbk_ID","survey":"srv_ID","template":"outpatient_visit","score":1.45,"completed_at":"2026-11-23T10:00:00Z","state":"satisfaction_sent","contacted_at":"2026-11-23T12:00:00Z","contacted_by":"kfh_px","contact_notes":"Called the patient; the clinic was short of staff","outcome":"resolved"}
true
kfh_px|survey_patient_contacted|survey
kfh_px|satisfaction_feedback_sent|survey
kfh_px|feedback_created|feedback
0
