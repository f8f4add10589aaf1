The queue lists negative surveys in scope, oldest first, with state and age; filters; survey.negative records on input become queue items and other records pass through.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
PX_NOW=2026-11-23T14:00:00Z px-contact queue -o csv | norm
px-contact --as kfh_admin queue -o csv | norm | cut -d, -f2,7,16
px-contact queue --hospital KAMC | jq -r .template
px-contact --as kfh_px log "$NEG" --notes "called"
px-contact queue --state contacted | jq -r '.survey == env.NEG'
px-contact queue --state awaiting_contact | jq -r .hospital
px-contact queue --since 2026-11-23T10:15:00Z | jq -r .hospital
PX_NOW=2026-11-23T14:00:00Z px-contact queue responded.jsonl | norm | cut -c1-120
short_usage px-contact queue --since soon; code
### stdout
type,survey,patient,name,mrn,phone,hospital,department,template,score,priority,completed_at,age_hours,due_hours,owner,state,contacted_at,satisfaction_sent_at
contact.item,srv_ID,pat_ID,Ahmed Ali,KFH0001,+966501234567,KFH,OPD,outpatient_visit,1.45,high,2026-11-23T10:00:00Z,4,44,kfh_px,awaiting_contact,,
contact.item,srv_ID,pat_ID,Faisal Saad,KAMC0001,+966594445566,KAMC,ER,emergency,1,high,2026-11-23T10:30:00Z,3,44,,awaiting_contact,,
survey,hospital,state
srv_ID,KFH,awaiting_contact
emergency
true
KAMC
KAMC
{"type":"contact.item","survey":"srv_ID","patient":"pat_ID","name":"Ahmed Ali","mrn":"KFH0001","phone":"+966501234567","
{"type":"notification","key":"survey_negative_alert:srv_ID:kfh_px","id":"msg_ID","channel":"email","user":"kfh_px","lang
{"type":"contact.item","survey":"srv_ID","patient":"pat_ID","name":"Faisal Saad","mrn":"KAMC0001","phone":"+966594445566
exit 2
### stderr
px-contact: --since: not an ISO 8601 time: 'soon'
usage: px-contact queue [--hospital CODE] [--department CODE] [--state STATE] [--all] [--since TIME] [--until TIME] [-o FORMAT] [FILE...]
