The queue lists negative surveys in scope, oldest first, with state and age; filters; survey.negative records on input become queue items and other records pass through.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
PX_NOW=2026-11-23T14:00:00Z px-contact queue -o csv | norm
px-contact --as kfh_admin queue -o csv | norm | cut -d, -f2,3,9
px-contact queue --hospital KAMC | jq -r .template
px-contact --as kfh_px log "$NEG" --notes "called"
px-contact queue --state contacted | jq -r '.survey == env.NEG'
px-contact queue --state awaiting_contact | jq -r .hospital
px-contact queue --since 2026-11-23T10:15:00Z | jq -r .hospital
PX_NOW=2026-11-23T14:00:00Z px-contact queue responded.jsonl | norm | cut -c1-120
short_usage px-contact queue --since soon; code
### stdout
type,survey,hospital,department,template,score,completed_at,age_hours,state,contacted_at,satisfaction_sent_at
contact.item,srv_ID,KFH,OPD,outpatient_visit,1.45,2026-11-23T10:00:00Z,4,awaiting_contact,,
contact.item,srv_ID,KAMC,ER,emergency,1,2026-11-23T10:30:00Z,3,awaiting_contact,,
survey,hospital,state
srv_ID,KFH,awaiting_contact
emergency
true
KAMC
KAMC
{"type":"contact.item","survey":"srv_ID","hospital":"KFH","department":"OPD","template":"outpatient_visit","score":1.45,
{"type":"notification","key":"survey_negative_alert:srv_ID:kfh_px","id":"msg_ID","channel":"email","user":"kfh_px","lang
{"type":"contact.item","survey":"srv_ID","hospital":"KAMC","department":"ER","template":"emergency","score":1,"completed
exit 2
### stderr
px-contact: --since: not an ISO 8601 time: 'soon'
usage: px-contact queue [--hospital CODE] [--department CODE] [--state STATE] [--all] [--since TIME] [--until TIME] [-o FORMAT] [FILE...]
