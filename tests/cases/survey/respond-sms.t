respond --sms reads replies to one-question surveys in both digit sets and yes/no in English and Arabic; STOP and إيقاف opt the patient out of sms; unreadable replies are rejected.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
printf '[survey]\nfatigue_days = 0\n' > px.conf
px-survey send --patient MRN001 --hospital KFH --template nps > /dev/null
px-survey send --patient MRN005 --hospital KAMC --template nps > /dev/null
{ px-survey respond --sms replies.csv; code; } 2>&1 | normtok
q "SELECT p.mrn, t.name, s.status, s.score, s.nps_class, s.negative FROM surveys s JOIN patients p ON p.id = s.patient_id JOIN survey_templates t ON t.id = s.template_id ORDER BY s.id"
px-survey send --patient MRN001 --hospital KFH --template satisfaction_check > /dev/null
{ px-survey respond --sms replies2.csv; code; } 2>&1 | normtok
q "SELECT p.mrn, t.name, s.status, s.score FROM surveys s JOIN patients p ON p.id = s.patient_id JOIN survey_templates t ON t.id = s.template_id WHERE s.id = 3"
q "SELECT mrn, optout_sms, optout_whatsapp FROM patients WHERE mrn IN ('MRN001', 'MRN005') ORDER BY mrn"
q "SELECT action, object_type, details FROM audit WHERE action = 'patient_opted_out'"
{ px-survey send --patient MRN005 --hospital KAMC --template emergency --explain; code; } 2>&1 | normtok
### file replies.csv
from,text
0501234567,great
0501234567,٣
+966559998888, 9
+966559998888,10
0500000000,5
### file replies2.csv
from,text
0501234567,نعم
0559998888,إيقاف
### stdout
px-survey: replies.csv:2: cannot read the reply from '*********4567' as an answer
{"type":"survey.negative","survey":"srv_ID","patient":"pat_sara","hospital":"KFH","department":null,"template":"nps","method":"nps","score":3.0,"nps_class":"detractor","completed_at":"2026-11-23T09:00:00Z"}
{"type":"notification","key":"survey_negative_alert:srv_ID:kfh_px","id":"msg_ID","channel":"email","user":"kfh_px","language":"en","template":"survey_negative_alert","vars":{"survey":"srv_ID","hospital_name":"King Fahd Hospital","department_name":"","template_name":"Would you recommend us?","score":"3.0","patient_ref":"******"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
{"type":"notification","key":"survey_negative_alert:srv_ID:kfh_quality","id":"msg_ID","channel":"email","user":"kfh_quality","language":"en","template":"survey_negative_alert","vars":{"survey":"srv_ID","hospital_name":"King Fahd Hospital","department_name":"","template_name":"Would you recommend us?","score":"3.0","patient_ref":"******"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
px-survey: replies.csv:5: no open one-question survey for '*********8888'
px-survey: replies.csv:6: no open one-question survey for '*********0000'
exit 1
MRN001|nps|completed|3.0|detractor|1
MRN005|nps|completed|9.0|promoter|0
exit 0
MRN001|satisfaction_check|completed|5.0
MRN001|0|0
MRN005|1|0
patient_opted_out|patient|{"channel":"sms","via":"reply"}
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"whatsapp","patient":"pat_lina","language":"en","template":"survey_invitation","vars":{"patient_name":"Lina Fahad","hospital_name":"King Abdulaziz Medical City","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KAMC"}
exit 0
