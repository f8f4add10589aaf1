The same events as CSV and as JSON Lines give the same store: patients, encounters, visit events, journeys and due surveys.
### cmd
export PX_DATA=$SHARE
dump() {
	DB=$1 q "SELECT h.code, p.mrn, p.name_en, p.name_ar, p.phone, p.email, p.language, p.natid_masked, length(p.natid_hash), p.optout_sms FROM patients p JOIN hospitals h ON h.id = p.hospital_id ORDER BY p.mrn"
	DB=$1 q "SELECT e.visit_number, e.patient_type, e.status, e.admitted_at, e.discharged_at, e.disposition, d.code FROM encounters e LEFT JOIN departments d ON d.id = e.department_id ORDER BY e.visit_number"
	DB=$1 q "SELECT v.event, v.event_at, e.visit_number FROM visit_events v JOIN encounters e ON e.id = v.encounter_id ORDER BY v.event_at, v.event"
	DB=$1 q "SELECT e.visit_number, e.journey, g.stage, g.status FROM encounters e JOIN encounter_stages g ON g.encounter_id = e.id ORDER BY e.visit_number, g.position"
	DB=$1 q "SELECT p.mrn, s.template, s.due_at, s.status, s.reason FROM survey_due s JOIN patients p ON p.id = s.patient_id ORDER BY p.mrn, s.template"
}
for db in csv.db json.db; do
	px --db $db init && px --db $db org load "$TESTS/fixtures/org.csv" || exit 1
done
px-import-his --db csv.db visits.csv > csv.out; code
px-import-his --db json.db visits.jsonl > json.out; code
dump csv.db > csv.dump
dump json.db > json.dump
cmp csv.dump json.dump && echo "same store"
[ "$(norm < csv.out)" = "$(norm < json.out)" ] && echo "same records"
wc -l < csv.dump
cat csv.dump
### file visits.csv
event_id,event,event_time,hospital,department,visit,patient_type,mrn,national_id,name_en,name_ar,phone,email,language,optout_sms,disposition
e1,admit,2026-11-20T08:00:00Z,KFH,IPD,V1,inpatient,M1,1012345678,"Al-Harbi, Fahad",فهد الحربي,0501234567,fahad@example.com,ar,,
e2,transfer,2026-11-21T08:00:00Z,KFH,OPD,V1,inpatient,M1,,,,,,,,
e3,discharge,2026-11-22T08:00:00Z,KFH,OPD,V1,inpatient,M1,,,,,,,,01
e4,register,2026-11-22T09:00:00Z,KAMC,CARD,V2,opd,M2,,Noura Saad,نورة سعد,0551112233,,en,yes,
e5,discharge,2026-11-22T10:00:00Z,KAMC,CARD,V2,opd,M2,,,,,,,,01
### file visits.jsonl
{"event_id":"e1","event":"admit","event_time":"2026-11-20T08:00:00Z","hospital":"KFH","department":"IPD","visit":"V1","patient_type":"inpatient","mrn":"M1","national_id":"1012345678","name_en":"Al-Harbi, Fahad","name_ar":"فهد الحربي","phone":"0501234567","email":"fahad@example.com","language":"ar"}
{"event_id":"e2","event":"transfer","event_time":"2026-11-21T08:00:00Z","hospital":"KFH","department":"OPD","visit":"V1","patient_type":"inpatient","mrn":"M1"}
{"event_id":"e3","event":"discharge","event_time":"2026-11-22T08:00:00Z","hospital":"KFH","department":"OPD","visit":"V1","patient_type":"inpatient","mrn":"M1","disposition":"01"}
{"event_id":"e4","event":"register","event_time":"2026-11-22T09:00:00Z","hospital":"KAMC","department":"CARD","visit":"V2","patient_type":"opd","mrn":"M2","name_en":"Noura Saad","name_ar":"نورة سعد","phone":"0551112233","language":"en","optout_sms":"yes"}
{"event_id":"e5","event":"discharge","event_time":"2026-11-22T10:00:00Z","hospital":"KAMC","department":"CARD","visit":"V2","patient_type":"opd","mrn":"M2","disposition":"01"}
### stdout
exit 0
exit 0
same store
same records
19
KFH|M1|Al-Harbi, Fahad|فهد الحربي|+966501234567|fahad@example.com|ar|******5678|64|0
KAMC|M2|Noura Saad|نورة سعد|+966551112233||en|||1
V1|inpatient|discharged|2026-11-20T08:00:00Z|2026-11-22T08:00:00Z|01|OPD
V2|opd|discharged|2026-11-22T09:00:00Z|2026-11-22T10:00:00Z|01|CARD
admit|2026-11-20T08:00:00Z|V1
transfer|2026-11-21T08:00:00Z|V1
discharge|2026-11-22T08:00:00Z|V1
register|2026-11-22T09:00:00Z|V2
discharge|2026-11-22T10:00:00Z|V2
V1|inpatient|admission|completed
V1|inpatient|ward|completed
V1|inpatient|discharge|completed
V1|inpatient|follow_up|completed
V2|opd|registration|completed
V2|opd|consultation|pending
V2|opd|discharge|completed
M1|inpatient_discharge|2026-11-23T08:00:00Z|due|
M1|nps|2026-12-22T08:00:00Z|due|
M2|outpatient_visit|2026-11-22T12:00:00Z|due|
### stderr
px-import-his: 5 records, 5 applied, 0 already imported, 0 rejected, 3 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 5 records, 5 applied, 0 already imported, 0 rejected, 3 surveys due, 0 suppressed, 0 withdrawn
