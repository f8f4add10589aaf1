An event id imported before is the same event only when it says the same: the same id with another event, time or patient is a record that differs from the one stored, rejected and not taken for it; the same row again is already imported, and so is an event of a patient since merged into another.
### file a.csv
event_id,event,event_time,hospital,department,visit,patient_type,mrn,phone
E1,admit,2026-11-20T08:00:00Z,KFH,IPD,V1,inpatient,M1,0501234567
E2,discharge,2026-11-21T08:00:00Z,KFH,OPD,V2,opd,M2,0501234568
### file b.csv
event_id,event,event_time,hospital,department,visit,patient_type,mrn,phone
E1,admit,2026-11-20T08:00:00Z,KFH,IPD,V1,inpatient,M1,0501234567
E1,admit,2026-11-20T09:30:00Z,KFH,IPD,V1,inpatient,M1,0501234567
E1,discharge,2026-11-20T08:00:00Z,KFH,IPD,V1,inpatient,M1,0501234567
E1,admit,2026-11-20T08:00:00Z,KFH,IPD,V1,inpatient,M9,0501234567
### file merge.csv
event_id,event,event_time,hospital,mrn,prior_mrn
E3,merge,2026-11-22T08:00:00Z,KFH,M3,M2
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
px-import-his --quiet a.csv > /dev/null; code
px-import-his b.csv > /dev/null; code
px-import-his --quiet merge.csv > /dev/null; code
px-import-his a.csv > /dev/null; code
q "SELECT e.event_key, e.event, e.event_at, p.mrn FROM visit_events e JOIN patients p ON p.id = e.patient_id ORDER BY e.event_key"
### stdout
exit 0
exit 1
exit 0
exit 0
id:E1|admit|2026-11-20T08:00:00Z|M1
id:E2|discharge|2026-11-21T08:00:00Z|M3
id:E3|merge|2026-11-22T08:00:00Z|M3
### stderr
px-import-his: b.csv:3: event id 'E1' was imported before as another event or time
px-import-his: b.csv:4: event id 'E1' was imported before as another event or time
px-import-his: b.csv:5: event id 'E1' was imported before for another patient
px-import-his: 4 records, 0 applied, 1 already imported, 3 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 2: event id 'E1' was imported before as another event or time
px-import-his: rejected 1: event id 'E1' was imported before for another patient
px-import-his: 2 records, 0 applied, 2 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
