Bad records are rejected with file:line and reason, written to --rejects, and the others are applied; MRNs never appear in clear in diagnostics
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his --rejects bad.csv visits.csv | norm; code
cat bad.csv
q "SELECT count(*) FROM visit_events"
### file visits.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone,prior_mrn
discharge,2026-11-22T10:00:00Z,KFH,OPD,V1,opd,M1,0501234567,
discharge,2026-11-22T10:00:00Z,NOPE,OPD,V2,opd,M2,0501234567,
discharge,yesterday,KFH,OPD,V3,opd,M3,0501234567,
fly,2026-11-22T10:00:00Z,KFH,OPD,V4,opd,M4,0501234567,
discharge,2026-11-22T10:00:00Z,KFH,XRAY,V5,opd,M5,0501234567,
discharge,2026-11-22T10:00:00Z,KFH,OPD,V6,opd,,0501234567,
discharge,2026-11-22T10:00:00Z,KFH,OPD,,opd,M7,0501234567,
merge,2026-11-22T10:00:00Z,KFH,,,,M8,,M12345678
### stdout
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1","hospital":"KFH","department":"OPD","encounter":"enc_ID","visit":"V1","journey":"opd","stage":"discharge","template":"outpatient_visit","channel":"sms","language":"ar","due_at":"2026-11-22T12:00:00Z"}
exit 1
discharge,2026-11-22T10:00:00Z,NOPE,OPD,V2,opd,M2,0501234567,
discharge,yesterday,KFH,OPD,V3,opd,M3,0501234567,
fly,2026-11-22T10:00:00Z,KFH,OPD,V4,opd,M4,0501234567,
discharge,2026-11-22T10:00:00Z,KFH,XRAY,V5,opd,M5,0501234567,
discharge,2026-11-22T10:00:00Z,KFH,OPD,V6,opd,,0501234567,
discharge,2026-11-22T10:00:00Z,KFH,OPD,,opd,M7,0501234567,
merge,2026-11-22T10:00:00Z,KFH,,,,M8,,M12345678
1
### stderr
px-import-his: visits.csv:3: unknown hospital 'NOPE'
px-import-his: visits.csv:4: bad event_time 'yesterday'
px-import-his: visits.csv:5: unknown event 'fly'
px-import-his: visits.csv:6: unknown department 'XRAY' of KFH
px-import-his: visits.csv:7: missing 'mrn'
px-import-his: visits.csv:8: missing 'visit'
px-import-his: visits.csv:9: unknown prior_mrn '*****5678'
