list with filters, show with answers, export as one CSV row per survey and one column per question; scope: another hospital's admin sees only its own.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
px-survey send --due > sent.jsonl
s1=$(q "SELECT public_id FROM surveys WHERE id = 1"); s2=$(q "SELECT public_id FROM surveys WHERE id = 2")
printf 'survey,question,value\n%s,q1,1\n%s,q2,1\n%s,q3,no\n%s,q4,0\n%s,q5,"Long wait, rude desk"\n%s,q1,4\n' $s1 $s1 $s1 $s1 $s1 $s2 | px-survey respond > /dev/null
px-survey list -o csv | norm
echo negative; px-survey list --negative -o csv | norm
echo status; px-survey list --status in_progress --hospital KFH -o csv | norm
echo kamc; px-survey list --as kamc_admin -o csv | norm
echo show; px-survey show "$s1" | norm
echo export; px-survey export --template outpatient_visit | norm
echo export-kfh; px-survey export --template outpatient_visit --hospital KAMC | norm
{ px-survey show srv_nosuch; code; } 2>&1
{ px-survey --as kamc_admin show "$s1"; code; } 2>&1 | norm
first_line px-survey export; code
### stdout
type,id,template,version,patient,hospital,department,channel,language,status,sent_at,expires_at,open_count,last_opened_at,time_spent,reminders,completed_at,score,method,nps_class,negative
survey,srv_ID,outpatient_visit,1,pat_sara,KFH,ER,sms,ar,completed,2026-11-23T09:00:00Z,2026-12-23T09:00:00Z,0,,0,0,2026-11-23T09:00:00Z,1,average,,true
survey,srv_ID,outpatient_visit,1,pat_omar,KFH,ER,whatsapp,en,in_progress,2026-11-23T09:00:00Z,2026-12-23T09:00:00Z,0,,0,0,,,average,,false
survey,srv_ID,outpatient_visit,1,pat_lina,KAMC,ER,sms,en,sent,2026-11-23T09:00:00Z,2026-12-23T09:00:00Z,0,,0,0,,,average,,false
negative
type,id,template,version,patient,hospital,department,channel,language,status,sent_at,expires_at,open_count,last_opened_at,time_spent,reminders,completed_at,score,method,nps_class,negative
survey,srv_ID,outpatient_visit,1,pat_sara,KFH,ER,sms,ar,completed,2026-11-23T09:00:00Z,2026-12-23T09:00:00Z,0,,0,0,2026-11-23T09:00:00Z,1,average,,true
status
type,id,template,version,patient,hospital,department,channel,language,status,sent_at,expires_at,open_count,last_opened_at,time_spent,reminders,completed_at,score,method,nps_class,negative
survey,srv_ID,outpatient_visit,1,pat_omar,KFH,ER,whatsapp,en,in_progress,2026-11-23T09:00:00Z,2026-12-23T09:00:00Z,0,,0,0,,,average,,false
kamc
type,id,template,version,patient,hospital,department,channel,language,status,sent_at,expires_at,open_count,last_opened_at,time_spent,reminders,completed_at,score,method,nps_class,negative
survey,srv_ID,outpatient_visit,1,pat_lina,KAMC,ER,sms,en,sent,2026-11-23T09:00:00Z,2026-12-23T09:00:00Z,0,,0,0,,,average,,false
show
{"type":"survey","id":"srv_ID","template":"outpatient_visit","version":1,"patient":"pat_sara","hospital":"KFH","department":"ER","channel":"sms","language":"ar","status":"completed","sent_at":"2026-11-23T09:00:00Z","expires_at":"2026-12-23T09:00:00Z","open_count":0,"last_opened_at":null,"time_spent":0,"reminders":0,"completed_at":"2026-11-23T09:00:00Z","score":1.0,"method":"average","nps_class":null,"negative":true}
{"type":"survey.answer","survey":"srv_ID","question":"q1","question_type":"rating","text":"كيف تقيم زيارتك بشكل عام؟","value":"1","score":1.0,"answered_at":"2026-11-23T09:00:00Z"}
{"type":"survey.answer","survey":"srv_ID","question":"q2","question_type":"likert","text":"كان وقت الانتظار معقولاً.","value":"1","score":1.0,"answered_at":"2026-11-23T09:00:00Z"}
{"type":"survey.answer","survey":"srv_ID","question":"q3","question_type":"yes_no","text":"هل شرح لك الطبيب علاجك بوضوح؟","value":"no","score":1.0,"answered_at":"2026-11-23T09:00:00Z"}
{"type":"survey.answer","survey":"srv_ID","question":"q4","question_type":"nps","text":"ما مدى احتمال أن توصي بعياداتنا لصديق؟","value":"0","score":1.0,"answered_at":"2026-11-23T09:00:00Z"}
{"type":"survey.answer","survey":"srv_ID","question":"q5","question_type":"textarea","text":"ما الذي كان بإمكاننا تحسينه؟","value":"Long wait, rude desk","score":null,"answered_at":"2026-11-23T09:00:00Z"}
export
type,survey,template,version,hospital,department,channel,language,status,sent_at,completed_at,score,negative,q1,q2,q3,q4,q5
survey.export,srv_ID,outpatient_visit,1,KFH,ER,sms,ar,completed,2026-11-23T09:00:00Z,2026-11-23T09:00:00Z,1,true,1,1,no,0,"Long wait, rude desk"
survey.export,srv_ID,outpatient_visit,1,KFH,ER,whatsapp,en,in_progress,2026-11-23T09:00:00Z,,,false,4,,,,
survey.export,srv_ID,outpatient_visit,1,KAMC,ER,sms,en,sent,2026-11-23T09:00:00Z,,,false,,,,,
export-kfh
type,survey,template,version,hospital,department,channel,language,status,sent_at,completed_at,score,negative,q1,q2,q3,q4,q5
survey.export,srv_ID,outpatient_visit,1,KAMC,ER,sms,en,sent,2026-11-23T09:00:00Z,,,false,,,,,
px-survey: unknown survey 'srv_nosuch'
exit 4
px-survey: permission denied: 'kamc_admin' (hospital_admin) may not read surveys of hospital 'KFH'
exit 3
px-survey: export needs --template
exit 2
