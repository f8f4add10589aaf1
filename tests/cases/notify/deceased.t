The sender refuses a message to a deceased patient at send time, whatever queued it: failed with the reason "patient deceased", no attempt made; messages to staff and to other patients go on
### cmd
setup_org >/dev/null
q "INSERT INTO patients (public_id, hospital_id, mrn, name_en, phone, language, created_at, updated_at) VALUES ('pat_sara0000000000000000', 1, 'MRN1', 'Sara Ali', '0501234567', 'ar', 't', 't'), ('pat_omar0000000000000000', 1, 'MRN2', 'Omar', '0501234568', 'en', 't', 't')"
px-notify --queue in.jsonl > /dev/null; code
q "UPDATE patients SET deceased_at = '2026-11-23T08:00:00Z' WHERE mrn = 'MRN1'"
{ px-notify --drain > out; code; } 2>&1 | norm
jq -r '[.key, .status, .attempts, .reason // "-"] | @tsv' out
q "SELECT key, state, attempts, ifnull(reason, '-'), ifnull(last_error, '-') FROM notifications ORDER BY id"
### file in.jsonl
{"type":"notification","key":"q1","channel":"sms","patient":"pat_sara0000000000000000","template":"survey_reminder","vars":{"link":"L"}}
{"type":"notification","key":"q2","channel":"sms","patient":"pat_omar0000000000000000","template":"survey_reminder","vars":{"link":"L"}}
### stdout
exit 0
px-notify: msg_ID: failed: patient deceased
px-notify: msg_ID: waiting: no sms gateway: set sms.url in px.conf
exit 4
q1	failed	0	patient deceased
q2	pending	0	no sms gateway: set sms.url in px.conf
q1|failed|0|patient deceased|patient deceased
q2|pending|0|no sms gateway: set sms.url in px.conf|-
