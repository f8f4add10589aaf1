A record rejected for what the store holds (a visit of another patient, a merge into itself or from an unknown MRN) writes nothing: no patient, no encounter, no audit row
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his visits.csv | norm; code
q "SELECT mrn FROM patients ORDER BY mrn"
q "SELECT e.visit_number, p.mrn FROM encounters e JOIN patients p ON p.id = e.patient_id"
q "SELECT count(*) FROM visit_events"
q "SELECT action, count(*) FROM audit WHERE object_type IN ('patient', 'encounter', 'survey_due') GROUP BY action ORDER BY action"
# the import's own rows are audited with their batch
q "SELECT count(*) || ' his_import, ' || sum(json_extract(details, '$.encounters_created')) || ' encounters created' || ', ' || sum(json_extract(details, '$.patients_created')) || ' patients created' || ', ' || sum(json_extract(details, '$.surveys_due')) || ' surveys due' FROM audit WHERE action = 'his_import'"
### file visits.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone,prior_mrn
admit,2026-11-22T08:00:00Z,KFH,OPD,V1,opd,M1,0501234567,
discharge,2026-11-22T10:00:00Z,KFH,OPD,V1,opd,M2,0501234568,
merge,2026-11-22T11:00:00Z,KFH,,,,M1,,M1
merge,2026-11-22T11:00:00Z,KFH,,,,M3,0501234569,M9
merge,2026-11-22T12:00:00Z,KFH,OPD,V1,opd,M4,0501234560,M1
discharge,2026-11-22T13:00:00Z,KFH,OPD,V1,opd,M4,0501234560,
### stdout
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M4","hospital":"KFH","department":"OPD","encounter":"enc_ID","visit":"V1","journey":"opd","stage":"discharge","template":"outpatient_visit","channel":"sms","language":"ar","due_at":"2026-11-22T15:00:00Z"}
exit 1
M1
M4
V1|M4
3
patients_merged|1
1 his_import, 1 encounters created, 2 patients created, 1 surveys due
### stderr
px-import-his: visits.csv:3: visit 'V1' belongs to another patient
px-import-his: visits.csv:4: prior_mrn '**' is the patient itself
px-import-his: visits.csv:5: unknown prior_mrn '**'
px-import-his: 6 records, 3 applied, 0 already imported, 3 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: visit 'V1' belongs to another patient
px-import-his: rejected 1: prior_mrn '**' is the patient itself
px-import-his: rejected 1: unknown prior_mrn '**'
