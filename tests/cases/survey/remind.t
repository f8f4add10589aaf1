remind (cron): after survey.reminder_days, at most survey.reminder_max, never in quiet hours; each reminder the link of the invitation and a stable key; completed surveys are not reminded.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
printf '[survey]\nreminder_days = 2\nreminder_max = 2\n' > px.conf
px-survey send --due > sent.jsonl
s2=$(q "SELECT public_id FROM surveys WHERE id = 2")
for q in q1 q2 q3 q4; do echo "{\"survey\":\"$s2\",\"question\":\"$q\",\"value\":\"5\"}"; done | sed 's/"q3","value":"5"/"q3","value":"yes"/' | px-survey respond; code
echo day1; PX_NOW=2026-11-24T09:00:00Z px-survey remind; code
echo day2-quiet; PX_NOW=2026-11-25T20:00:00Z px-survey remind --explain; code
echo day2; PX_NOW=2026-11-25T09:00:00Z px-survey remind | normtok; code
echo day2-again; PX_NOW=2026-11-25T10:00:00Z px-survey remind; code
echo day4; PX_NOW=2026-11-27T09:00:00Z px-survey remind | normtok; code
echo day6; PX_NOW=2026-11-29T09:00:00Z px-survey remind; code
q "SELECT id, reminders, last_reminder_at, (SELECT COUNT(*) FROM survey_tokens WHERE survey_id = surveys.id) FROM surveys ORDER BY id"
q "SELECT COUNT(*) FROM survey_events WHERE event = 'reminder_sent'"
### stdout
exit 0
day1
exit 0
day2-quiet
exit 0
day2
{"type":"notification","key":"survey_reminder:srv_ID:1","id":"msg_ID","channel":"sms","patient":"pat_sara","language":"ar","template":"survey_reminder","vars":{"patient_name":"سارة علي","hospital_name":"مستشفى الملك فهد","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
{"type":"notification","key":"survey_reminder:srv_ID:1","id":"msg_ID","channel":"sms","patient":"pat_lina","language":"en","template":"survey_reminder","vars":{"patient_name":"Lina Fahad","hospital_name":"King Abdulaziz Medical City","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KAMC"}
exit 0
day2-again
exit 0
day4
{"type":"notification","key":"survey_reminder:srv_ID:2","id":"msg_ID","channel":"sms","patient":"pat_sara","language":"ar","template":"survey_reminder","vars":{"patient_name":"سارة علي","hospital_name":"مستشفى الملك فهد","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
{"type":"notification","key":"survey_reminder:srv_ID:2","id":"msg_ID","channel":"sms","patient":"pat_lina","language":"en","template":"survey_reminder","vars":{"patient_name":"Lina Fahad","hospital_name":"King Abdulaziz Medical City","link":"https://px.invalid/s/TOKEN","expires_on":"2026-12-23"},"object_type":"survey","object":"srv_ID","hospital":"KAMC"}
exit 0
day6
exit 0
1|2|2026-11-27T09:00:00Z|1
2|0||1
3|2|2026-11-27T09:00:00Z|1
4
### stderr
px-survey: remind: not sent: quiet hours
