A13 cancel discharge withdraws the survey its discharge made due and a new discharge makes it due again; A11 cancel admit withdraws every due survey; events arriving out of order are replayed by event time
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his a.csv | norm; code
q "SELECT visit_number, status, ifnull(discharged_at, '-') FROM encounters ORDER BY visit_number"
q "SELECT e.visit_number, d.template, d.status, ifnull(d.reason, '-'), d.due_at FROM survey_due d JOIN encounters e ON e.id = d.encounter_id ORDER BY e.visit_number, d.template"
q "SELECT action, count(*) FROM audit WHERE action LIKE 'survey_due%' GROUP BY action ORDER BY action"
# the import's own rows are audited with their batch
q "SELECT count(*) || ' his_import, ' || sum(json_extract(details, '$.surveys_due')) || ' surveys due' FROM audit WHERE action = 'his_import'"
px-import-his b.csv | norm; code
q "SELECT e.visit_number, d.status, ifnull(d.reason, '-'), d.due_at FROM survey_due d JOIN encounters e ON e.id = d.encounter_id WHERE e.visit_number = 'V1'"
### file a.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
discharge,2026-11-20T10:00:00Z,KFH,OPD,V1,opd,M1,0501234567
cancel_discharge,2026-11-20T11:00:00Z,KFH,OPD,V1,opd,M1,
A01,2026-11-20T08:00:00Z,KFH,OPD,V1,opd,M1,
A03,2026-11-21T10:00:00Z,KFH,IPD,V2,inpatient,M2,0501234568
A11,2026-11-21T12:00:00Z,KFH,IPD,V2,inpatient,M2,
### file b.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
discharge,2026-11-20T15:00:00Z,KFH,OPD,V1,opd,M1,
### stdout
exit 0
V1|open|-
V2|cancelled|-
V1|outpatient_visit|withdrawn|cancel_discharge|2026-11-20T12:00:00Z
V2|inpatient_discharge|withdrawn|cancel_admit|2026-11-22T10:00:00Z
V2|nps|withdrawn|cancel_admit|2026-12-21T10:00:00Z
survey_due_withdrawn|3
1 his_import, 3 surveys due
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1","hospital":"KFH","department":"OPD","encounter":"enc_ID","visit":"V1","journey":"opd","stage":"discharge","template":"outpatient_visit","channel":"sms","language":"ar","due_at":"2026-11-20T17:00:00Z"}
exit 0
V1|due|-|2026-11-20T17:00:00Z
### stderr
px-import-his: 5 records, 5 applied, 0 already imported, 0 rejected, 3 surveys due, 0 suppressed, 3 withdrawn
px-import-his: 1 records, 1 applied, 0 already imported, 0 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
