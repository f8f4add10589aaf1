Sending needs at least staff in the hospital's scope: a viewer and another hospital's admin are denied (status 3), staff may send.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
{ px-survey --as viewer send --patient MRN001 --hospital KFH --template nps; code; } 2>&1 | normtok
{ px-survey --as kamc_admin send --patient MRN001 --hospital KFH --template nps; code; } 2>&1 | normtok
{ px-survey send --as kamc_admin --patient MRN001 --hospital KFH --template nps; code; } 2>&1 | normtok
{ px-survey send --as kfh_staff --patient MRN001 --hospital KFH --template nps; code; } 2>&1 | normtok
{ px-survey send --as kfh_staff --due --explain; code; } 2>&1 | normtok
{ q "SELECT public_id, status FROM survey_due ORDER BY id"; } 2>&1 | normtok
### stdout
px-survey: permission denied: 'viewer' (viewer) may not send surveys of hospital 'KFH'
exit 3
px-survey: permission denied: 'kamc_admin' (hospital_admin) may not send surveys of hospital 'KFH'
exit 3
px-survey: permission denied: 'kamc_admin' (hospital_admin) may not send surveys of hospital 'KFH'
exit 3
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"sms","patient":"pat_sara","language":"ar","template":"survey_invitation","vars":{"patient_name":"سارة علي","hospital_name":"مستشفى الملك فهد","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
exit 0
px-survey: due_sara: not sent: fatigue window (srv_ID sent within 30 days)
{"type":"notification","key":"survey_invitation:srv_ID","id":"msg_ID","channel":"whatsapp","patient":"pat_omar","language":"en","template":"survey_invitation","vars":{"patient_name":"Omar Hassan","hospital_name":"King Fahd Hospital","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
px-survey: due_huda: not sent: no contact
px-survey: due_khalid: not sent: opted out of sms
exit 0
due_sara|suppressed
due_omar|sent
due_huda|suppressed
due_khalid|suppressed
due_lina|due
