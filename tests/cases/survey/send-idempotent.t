survey.due records from stdin: sent once; a re-run sends nothing and --explain says duplicate; other records pass through; a due record not in the store is sent from its fields.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
{ px-survey send --explain < in.jsonl; code; } 2>&1 | normtok
echo again
{ px-survey send --explain < in.jsonl; code; } 2>&1 | normtok
{ q "SELECT s.public_id IS NOT NULL, d.public_id, d.status FROM survey_due d LEFT JOIN surveys s ON s.public_id = d.survey_id ORDER BY d.id"; } 2>&1 | normtok
{ q "SELECT COUNT(*) FROM surveys"; } 2>&1 | normtok
### file in.jsonl
{"type":"survey.due","id":"due_sara","patient":"pat_sara","mrn":"MRN001","hospital":"KFH","department":"ER","encounter":"enc_sara","visit":"V001","journey":"ems","stage":"discharge","template":"outpatient_visit","channel":"sms","language":"en","due_at":"2026-11-23T08:00:00Z"}
{"type":"visit","id":"V9"}
{"type":"survey.due","id":"due_omar","patient":"pat_omar","mrn":"MRN002","hospital":"KFH","department":"ER","encounter":"enc_omar","template":"outpatient_visit","channel":"email","language":"en","due_at":"2026-11-23T08:00:00Z"}
{"type":"survey.due","id":"due_new","patient":"pat_lina","hospital":"KAMC","department":"CARD","template":"nps","channel":"sms","due_at":"2026-11-23T08:00:00Z"}
### stdout
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"sms","patient":"pat_sara","language":"en","template":"survey_invitation","vars":{"patient_name":"Sara Ali","hospital_name":"King Fahd Hospital","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
{"type":"visit","id":"V9"}
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"whatsapp","patient":"pat_omar","language":"en","template":"survey_invitation","vars":{"patient_name":"Omar Hassan","hospital_name":"King Fahd Hospital","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"sms","patient":"pat_lina","language":"en","template":"survey_invitation","vars":{"patient_name":"Lina Fahad","hospital_name":"King Abdulaziz Medical City","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KAMC"}
exit 0
again
px-survey: due_sara: not sent: duplicate
{"type":"visit","id":"V9"}
px-survey: due_omar: not sent: duplicate
px-survey: pat_lina: not sent: duplicate (srv_ID)
exit 0
1|due_sara|sent
1|due_omar|sent
0|due_huda|due
0|due_khalid|due
0|due_lina|due
3
