A "no" by SMS to the satisfaction check escalates the loop and emits survey.escalated; the loop can then be repeated: contact again, check again, satisfied, closed.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
PX_NOW=2026-11-23T12:00:00Z px-contact --as kfh_px log "$NEG" --notes "First call"
PX_NOW=2026-11-23T12:05:00Z px-contact --as kfh_px satisfaction "$NEG" > /dev/null
printf '{"from":"+966 50 123 4567","text":"لا"}\n' | PX_NOW=2026-11-23T20:00:00Z px-survey respond --sms | norm; code
q "SELECT state, satisfaction_outcome, escalated_at FROM survey_followups"
q "SELECT status, outcome FROM feedback"
px-contact show "$NEG" | jq -r 'select(.type == "contact.survey") | .warning'
px-contact satisfaction "$NEG" 2> err; code
sed "s/$NEG/NEG/" err
PX_NOW=2026-11-24T09:00:00Z px-contact --as kfh_px log "$NEG" --notes "Second call with the head nurse" --resolved; code
PX_NOW=2026-11-24T09:05:00Z px-contact --as kfh_px satisfaction "$NEG" > check2.jsonl; code
printf '{"from":"0501234567","text":"نعم"}\n' | PX_NOW=2026-11-24T10:00:00Z px-survey respond --sms; code
q "SELECT state, contacts, satisfaction_count, satisfaction_outcome FROM survey_followups"
q "SELECT status, outcome FROM feedback ORDER BY id"
px-contact show "$NEG" | jq -r 'select(.type == "contact.log") | .notes'
### stdout
{"type":"survey.escalated","survey":"srv_ID","patient":"pat_ID","hospital":"KFH","department":"OPD","template":"outpatient_visit","score":1.45,"reason":"not_satisfied","feedback":"fbk_ID","escalated_at":"2026-11-23T20:00:00Z","by":"admin"}
exit 0
escalated|not_satisfied|2026-11-23T20:00:00Z
reviewed|not_satisfied
Escalated: the patient is not satisfied; contact the patient again
exit 1
px-contact: survey 'NEG' was escalated: contact the patient again first
exit 0
exit 0
exit 0
closed|2|2|satisfied
reviewed|not_satisfied
closed|satisfied
First call
Second call with the head nurse
