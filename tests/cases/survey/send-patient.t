send --patient sends one survey outside any encounter; the fatigue window holds back a second survey; unknown templates and patients are rejected.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
{ px-survey send --patient MRN001 --hospital KFH --template nps --explain; code; } 2>&1 | normtok
{ px-survey send --patient MRN001 --hospital KFH --template nps --explain; code; } 2>&1 | normtok
{ px-survey send --patient MRN001 --hospital KFH --template emergency --explain; code; } 2>&1 | normtok
{ q "SELECT status, reason FROM survey_due WHERE public_id = 'due_sara'"; } 2>&1 | normtok
{ px-survey send --due --explain; code; } 2>&1 | normtok
{ q "SELECT status, reason FROM survey_due WHERE public_id = 'due_sara'"; } 2>&1 | normtok
printf '[survey]\nfatigue_days = 0\n' > px.conf
{ px-survey send --patient MRN001 --hospital KFH --template emergency --channel whatsapp; code; } 2>&1 | normtok
{ px-survey send --patient MRN001 --hospital KFH --template nosuch; code; } 2>&1 | normtok
{ px-survey send --patient MRN999 --hospital KFH --template nps; code; } 2>&1 | normtok
{ short_usage px-survey send --patient MRN001 --template nps; code; } 2>&1 | normtok
### stdout
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"sms","patient":"pat_sara","language":"ar","template":"survey_invitation","vars":{"patient_name":"سارة علي","hospital_name":"مستشفى الملك فهد","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
exit 0
px-survey: pat_sara: not sent: duplicate (srv_ID)
exit 0
px-survey: pat_sara: not sent: fatigue window (srv_ID sent within 30 days)
exit 0
due|
px-survey: due_sara: not sent: fatigue window (srv_ID sent within 30 days)
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"whatsapp","patient":"pat_omar","language":"en","template":"survey_invitation","vars":{"patient_name":"Omar Hassan","hospital_name":"King Fahd Hospital","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
px-survey: due_huda: not sent: no contact
px-survey: due_khalid: not sent: opted out of sms
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"sms","patient":"pat_lina","language":"en","template":"survey_invitation","vars":{"patient_name":"Lina Fahad","hospital_name":"King Abdulaziz Medical City","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KAMC"}
exit 0
suppressed|fatigue
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"whatsapp","patient":"pat_sara","language":"ar","template":"survey_invitation","vars":{"patient_name":"سارة علي","hospital_name":"مستشفى الملك فهد","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
exit 0
px-survey: unknown template 'nosuch'
exit 4
px-survey: unknown patient (MRN ******) in hospital 'KFH'
exit 4
px-survey: send needs --patient, --hospital and --template together
usage: px-survey send [--explain] [-i FORMAT] [FILE...]
       px-survey send --due [--explain]
       px-survey send --patient MRN --hospital CODE --template NAME [--channel CHANNEL] [--explain]
exit 2
