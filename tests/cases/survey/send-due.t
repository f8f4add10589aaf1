send --due drains due surveys: links by sms/whatsapp, suppressed when opted out or without contact, survey_due updated.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
px-survey send --due --explain > out.jsonl; code
normtok < out.jsonl
q "SELECT public_id, status, reason, survey_id IS NOT NULL FROM survey_due ORDER BY id"
q "SELECT p.mrn, s.channel, s.language, s.status, s.sent_at, s.expires_at FROM surveys s JOIN patients p ON p.id = s.patient_id ORDER BY p.mrn"
q "SELECT action, object_type, details FROM audit WHERE action IN ('survey_sent', 'survey_suppressed') ORDER BY id" | norm
echo again; px-survey send --due --explain; code
### stdout
exit 0
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"sms","patient":"pat_sara","language":"ar","template":"survey_invitation","vars":{"patient_name":"سارة علي","hospital_name":"مستشفى الملك فهد","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"whatsapp","patient":"pat_omar","language":"en","template":"survey_invitation","vars":{"patient_name":"Omar Hassan","hospital_name":"King Fahd Hospital","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"sms","patient":"pat_lina","language":"en","template":"survey_invitation","vars":{"patient_name":"Lina Fahad","hospital_name":"King Abdulaziz Medical City","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KAMC"}
due_sara|sent||1
due_omar|sent||1
due_huda|suppressed|no_contact|0
due_khalid|suppressed|opted_out|0
due_lina|sent||1
MRN001|sms|ar|sent|2026-11-23T09:00:00Z|2026-12-23T09:00:00Z
MRN002|whatsapp|en|sent|2026-11-23T09:00:00Z|2026-12-23T09:00:00Z
MRN005|sms|en|sent|2026-11-23T09:00:00Z|2026-12-23T09:00:00Z
survey_sent|survey|{"template":"outpatient_visit","version":1,"channel":"sms","due":"due_sara"}
survey_sent|survey|{"template":"outpatient_visit","version":1,"channel":"whatsapp","due":"due_omar"}
survey_suppressed|survey_due|{"template":"outpatient_visit","reason":"no contact"}
survey_suppressed|survey_due|{"template":"outpatient_visit","reason":"opted out of sms"}
survey_sent|survey|{"template":"outpatient_visit","version":1,"channel":"sms","due":"due_lina"}
again
exit 0
### stderr
px-survey: due_huda: not sent: no contact
px-survey: due_khalid: not sent: opted out of sms
