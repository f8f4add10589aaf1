A patient who died is never surveyed again, whatever the order the events arrive in: a death (a disposition of import.deceased_codes, the deceased field, HL7 PID-30) marks the patient deceased at the death's time and withdraws in the same transaction every survey due, every sent survey not yet opened (and so its reminders and checks) and every message still queued for the patient; a later visit's survey is suppressed as deceased; surveys made due earlier in the same file are not printed
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
for f in "$SHARE"/surveys/*.json; do px-survey template add "$f" > /dev/null || exit 1; done
# M1: a visit whose survey is due, then a death on another visit; M4: a
# survey sent, then a death; M3: a death in the file of its visit
px-import-his a.csv | jq -r '[.visit, .template] | @tsv'; code
# M4's survey goes out and its invitation waits in the outbox
PX_NOW=2026-11-21T09:00:00Z px-survey send --due | jq -r '.type'
q "SELECT p.mrn, n.state FROM notifications n JOIN patients p ON p.id = n.patient_id ORDER BY p.mrn"
px-import-his b.csv | jq -r '[.visit, .template] | @tsv'; code
# M2 died first; the visit after it is suppressed
px-import-his c.csv | jq -r '[.visit, .template] | @tsv'; code
q "SELECT mrn, ifnull(deceased_at, '-') FROM patients ORDER BY mrn"
q "SELECT e.visit_number, d.template, d.status, ifnull(d.reason, '-') FROM survey_due d JOIN encounters e ON e.id = d.encounter_id ORDER BY e.visit_number, d.template"
q "SELECT p.mrn, s.status FROM surveys s JOIN patients p ON p.id = s.patient_id ORDER BY p.mrn"
q "SELECT p.mrn, n.state, n.reason FROM notifications n JOIN patients p ON p.id = n.patient_id ORDER BY p.mrn"
q "SELECT action, details FROM audit WHERE action = 'patient_deceased' ORDER BY id" | sed -E 's/"deceased_at":"[^"]*",//'
# nothing is ever sent to them afterwards
PX_NOW=2026-12-30T09:00:00Z px-survey send --due --explain 2>&1 | norm; code
PX_NOW=2026-11-25T09:00:00Z px-survey remind --explain 2>&1 | norm; code
### file a.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
discharge,2026-11-21T08:00:00Z,KFH,OPD,V1,opd,M1,0501234561
discharge,2026-11-20T06:00:00Z,KFH,OPD,V4,opd,M4,0501234564
### file b.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone,disposition,deceased
discharge,2026-11-22T10:00:00Z,KFH,IPD,I1,inpatient,M1,,20,
discharge,2026-11-22T10:00:00Z,KFH,OPD,V4B,opd,M4,,,yes
discharge,2026-11-22T10:00:00Z,KFH,OPD,V3,opd,M3,0501234563,,
register,2026-11-22T11:00:00Z,KFH,OPD,V3B,opd,M3,,,yes
### file c.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone,deceased
register,2026-11-20T10:00:00Z,KFH,OPD,V2,opd,M2,0501234562,yes
discharge,2026-11-23T10:00:00Z,KFH,OPD,V2B,opd,M2,0501234562,
### stdout
V1	outpatient_visit
V4	outpatient_visit
exit 0
notification
M4|pending
exit 0
exit 0
M1|2026-11-22T10:00:00Z
M2|2026-11-20T10:00:00Z
M3|2026-11-22T11:00:00Z
M4|2026-11-22T10:00:00Z
I1|inpatient_discharge|suppressed|deceased
I1|nps|suppressed|deceased
V1|outpatient_visit|withdrawn|deceased
V2B|outpatient_visit|suppressed|deceased
V3|outpatient_visit|withdrawn|deceased
V4|outpatient_visit|sent|-
V4B|outpatient_visit|suppressed|deceased
M4|cancelled
M4|failed|patient deceased
patient_deceased|{"due_withdrawn":1,"surveys_cancelled":0,"messages_failed":0}
patient_deceased|{"due_withdrawn":0,"surveys_cancelled":1,"messages_failed":1}
patient_deceased|{"due_withdrawn":1,"surveys_cancelled":0,"messages_failed":0}
patient_deceased|{"due_withdrawn":0,"surveys_cancelled":0,"messages_failed":0}
exit 0
exit 0
### stderr
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 2 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 4 records, 4 applied, 0 already imported, 0 rejected, 1 surveys due, 3 suppressed, 2 withdrawn
px-import-his: suppressed 3: deceased
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 0 surveys due, 1 suppressed, 0 withdrawn
px-import-his: suppressed 1: deceased
