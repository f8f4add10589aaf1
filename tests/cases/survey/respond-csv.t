respond reads answers (CSV: token or survey, question, value), rejects bad values with file:line, completes, scores, emits survey.negative and one alert per hospital admin with email; negative re-emits the stored record.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
px-survey send --due > sent.jsonl
tok=$(token_of sent.jsonl 1)
srv=$(q "SELECT survey_id FROM survey_due WHERE public_id = 'due_omar'")
sed -e "s/TOK/$tok/" -e "s/SRV/$srv/" answers.csv > a.csv
{ px-survey respond a.csv; code; } 2>&1 | normtok
q "SELECT d.public_id, s.status, s.score, s.negative FROM surveys s JOIN survey_due d ON d.survey_id = s.public_id ORDER BY s.id"
q "SELECT q.code, a.value FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id ORDER BY a.survey_id, q.position"
{ px-survey negative; code; } 2>&1 | normtok
q "SELECT action, details FROM audit WHERE object_type = 'survey' AND action NOT IN ('survey_sent') ORDER BY id"
### file answers.csv
token,survey,question,value
TOK,,q1,2
TOK,,q2,٢
TOK,,q3,لا
TOK,,q4,11
TOK,,q7,3
TOK,,q4,3
,SRV,q1,5
,SRV,q2,five
,SRV,q2,4
,SRV,q3,yes
,SRV,q5,fine
,SRV,q4,10
,srv_nosuch,q1,1
TOK,,q5,after completion
nosuchtoken,,q1,1
### stdout
px-survey: a.csv:5: question 'q4': nps must be 0 to 10, not '11'
px-survey: a.csv:6: unknown question 'q7'
{"type":"survey.negative","survey":"srv_ID","patient":"pat_sara","hospital":"KFH","department":"ER","template":"outpatient_visit","method":"average","score":1.8,"completed_at":"2026-11-23T09:00:00Z"}
{"type":"notification","key":"survey_negative_alert:srv_ID:kfh_px","id":"msg_ID","channel":"email","user":"kfh_px","language":"en","template":"survey_negative_alert","vars":{"survey":"srv_ID","hospital_name":"King Fahd Hospital","department_name":"Emergency","template_name":"Outpatient visit","score":"1.8","patient_ref":"******"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
{"type":"notification","key":"survey_negative_alert:srv_ID:kfh_quality","id":"msg_ID","channel":"email","user":"kfh_quality","language":"en","template":"survey_negative_alert","vars":{"survey":"srv_ID","hospital_name":"King Fahd Hospital","department_name":"Emergency","template_name":"Outpatient visit","score":"1.8","patient_ref":"******"},"object_type":"survey","object":"srv_ID","hospital":"KFH"}
px-survey: a.csv:9: question 'q2': likert must be 1 to 5, not 'five'
px-survey: a.csv:12: question 'q5' is skipped: its condition on 'q1' does not hold
px-survey: a.csv:14: unknown survey 'srv_nosuch'
px-survey: a.csv:15: survey 'srv_ID' is already completed
px-survey: a.csv:16: unknown survey token
exit 1
due_sara|completed|1.8|1
due_omar|completed|4.75|0
due_lina|sent||0
q1|2
q2|2
q3|no
q4|3
q1|5
q2|4
q3|yes
q4|10
{"type":"survey.negative","survey":"srv_ID","patient":"pat_sara","hospital":"KFH","department":"ER","template":"outpatient_visit","method":"average","score":1.8,"completed_at":"2026-11-23T09:00:00Z"}
exit 0
survey_answered|{"question":"q1"}
survey_status_changed|{"from":"sent","to":"in_progress","event":"answer"}
survey_answered|{"question":"q2"}
survey_answered|{"question":"q3"}
survey_answered|{"question":"q4"}
survey_completed|{"from":"in_progress","method":"average","score":1.8,"negative":true}
survey_negative|{"score":1.8}
survey_answered|{"question":"q1"}
survey_status_changed|{"from":"sent","to":"in_progress","event":"answer"}
survey_answered|{"question":"q2"}
survey_answered|{"question":"q3"}
survey_answered|{"question":"q4"}
survey_completed|{"from":"in_progress","method":"average","score":4.75,"negative":false}
