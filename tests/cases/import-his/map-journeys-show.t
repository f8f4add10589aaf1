--map renames the columns of another HIS export; 'journeys' lists the journey stages; 'show' prints an encounter with its events, stages and surveys, by visit number or public id.
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
px-import-his --map map x.csv | norm; code
px-import-his journeys -o csv | grep -c '^journey.stage,'
px-import-his journeys | jq -r 'select(.journey == "opd") | [.position, .stage, .events, .template, .delay_hours] | @tsv'
px-import-his show V1 | norm
enc=$(q "SELECT public_id FROM encounters")
[ "$(px-import-his show "$enc" | norm)" = "$(px-import-his show V1 | norm)" ] && echo "same by id"
px-import-his show V404; code
### file x.csv
Visit No,Event,When,Site,Unit,Type,Record No,Mobile
V1,register,2026-11-22T08:00:00Z,KFH,OPD,opd,M1,0501234567
V1,discharge,2026-11-22T09:00:00Z,KFH,OPD,opd,M1,
### file map
visit = Visit No
event = Event
event_time = When
hospital = Site
department = Unit
patient_type = Type
mrn = Record No
phone = Mobile
### stdout
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1","hospital":"KFH","department":"OPD","encounter":"enc_ID","visit":"V1","journey":"opd","stage":"discharge","template":"outpatient_visit","channel":"sms","language":"ar","due_at":"2026-11-22T11:00:00Z"}
exit 0
13
1	registration	register admit		
2	consultation	transfer		
3	discharge	discharge	outpatient_visit	2
{"type":"encounter","id":"enc_ID","hospital":"KFH","department":"OPD","visit":"V1","patient":"pat_ID","patient_type":"opd","journey":"opd","status":"discharged","admitted_at":"2026-11-22T08:00:00Z","discharged_at":"2026-11-22T09:00:00Z","disposition":null}
{"type":"visit.event","event":"register","event_time":"2026-11-22T08:00:00Z","department":"OPD","disposition":null,"cancelled":false}
{"type":"visit.event","event":"discharge","event_time":"2026-11-22T09:00:00Z","department":"OPD","disposition":null,"cancelled":false}
{"type":"journey.stage","journey":"opd","position":1,"stage":"registration","status":"completed","completed_at":"2026-11-22T08:00:00Z"}
{"type":"journey.stage","journey":"opd","position":2,"stage":"consultation","status":"pending","completed_at":null}
{"type":"journey.stage","journey":"opd","position":3,"stage":"discharge","status":"completed","completed_at":"2026-11-22T09:00:00Z"}
{"type":"encounter.survey","id":"due_ID","journey":"opd","stage":"discharge","template":"outpatient_visit","channel":"sms","due_at":"2026-11-22T11:00:00Z","status":"due","reason":null,"survey":null}
same by id
exit 4
### stderr
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
px-import-his: unknown encounter 'V404'
