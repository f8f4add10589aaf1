The fatigue rule (core/patient): a survey sent to the patient within survey.fatigue_days, of any template, holds back another; the surveys of the same encounter do not count unless the record says "fatigue": true; a survey outside any encounter, or of another encounter, is held.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
q "INSERT INTO encounters (public_id, hospital_id, department_id, patient_id, visit_number, patient_type, status, admitted_at, discharged_at, created_at, updated_at) SELECT 'enc_sara2', hospital_id, department_id, patient_id, 'V001B', 'ems', 'discharged', '2026-11-22T12:00:00Z', '2026-11-22T14:00:00Z', '2026-11-22T14:00:00Z', '2026-11-22T14:00:00Z' FROM encounters WHERE public_id = 'enc_sara'"
px-survey send --due > /dev/null; code
{ px-survey send --explain in.jsonl; code; } 2>&1 | normtok | sed -E 's/^(\{"type":"notification","key":"[^"]*","id":"[^"]*","channel":"[^"]*","patient":"[^"]*","language":"[^"]*","template":"[^"]*").*/\1}/'
{ px-survey send --patient MRN001 --hospital KFH --template emergency --explain; code; } 2>&1 | normtok
q "SELECT e.public_id, t.name FROM surveys s JOIN encounters e ON e.id = s.encounter_id JOIN survey_templates t ON t.id = s.template_id JOIN patients p ON p.id = s.patient_id WHERE p.mrn = 'MRN001' ORDER BY s.id"
### file in.jsonl
{"type":"survey.due","patient":"pat_sara","hospital":"KFH","encounter":"enc_sara","template":"nps"}
{"type":"survey.due","patient":"pat_sara","hospital":"KFH","encounter":"enc_sara","template":"emergency","fatigue":true}
{"type":"survey.due","patient":"pat_sara","hospital":"KFH","encounter":"enc_sara2","template":"emergency"}
### stdout
exit 0
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"sms","patient":"pat_sara","language":"ar","template":"survey_invitation"}
px-survey: pat_sara: not sent: fatigue window (srv_ID sent within 30 days)
px-survey: pat_sara: not sent: fatigue window (srv_ID sent within 30 days)
exit 0
px-survey: pat_sara: not sent: fatigue window (srv_ID sent within 30 days)
exit 0
enc_sara|outpatient_visit
enc_sara|nps
