Bad records are rejected with file:line and reason, written to --rejects, and the others are applied; MRNs never appear in clear in diagnostics.  The rejects file is re-importable: the input's header and delimiter, each row as read with _line and _reason, which px-import-his ignores when it reads the file again (the same rows rejected, for the same reasons)
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his --rejects bad.csv visits.csv | norm; code
cat bad.csv
q "SELECT count(*) FROM visit_events"
px-import-his --rejects again.csv bad.csv 2> again.err > /dev/null; code
cut -d, -f1-9 again.csv | diff - <(cut -d, -f1-9 bad.csv) && echo the same rows rejected again
cut -d, -f11 again.csv | diff - <(cut -d, -f11 bad.csv) && echo for the same reasons
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
event,event_time,hospital,department,visit,patient_type,mrn,phone,prior_mrn,_line,_reason
discharge,2026-11-22T10:00:00Z,NOPE,OPD,V2,opd,M2,0501234567,,3,unknown hospital 'NOPE'
discharge,yesterday,KFH,OPD,V3,opd,M3,0501234567,,4,bad event_time 'yesterday'
fly,2026-11-22T10:00:00Z,KFH,OPD,V4,opd,M4,0501234567,,5,unknown event 'fly'
discharge,2026-11-22T10:00:00Z,KFH,XRAY,V5,opd,M5,0501234567,,6,unknown department 'XRAY' of KFH
discharge,2026-11-22T10:00:00Z,KFH,OPD,V6,opd,,0501234567,,7,missing 'mrn'
discharge,2026-11-22T10:00:00Z,KFH,OPD,,opd,M7,0501234567,,8,missing 'visit'
merge,2026-11-22T10:00:00Z,KFH,,,,M8,,M12345678,9,unknown prior_mrn '*****5678'
1
exit 1
the same rows rejected again
for the same reasons
### stderr
px-import-his: visits.csv:3: unknown hospital 'NOPE'
px-import-his: visits.csv:4: bad event_time 'yesterday'
px-import-his: visits.csv:5: unknown event 'fly'
px-import-his: visits.csv:6: unknown department 'XRAY' of KFH
px-import-his: visits.csv:7: missing 'mrn'
px-import-his: visits.csv:8: missing 'visit'
px-import-his: visits.csv:9: unknown prior_mrn '*****5678'
px-import-his: 8 records, 1 applied, 0 already imported, 7 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: unknown hospital 'NOPE'
px-import-his: rejected 1: bad event_time 'yesterday'
px-import-his: rejected 1: unknown event 'fly'
px-import-his: rejected 1: unknown department 'XRAY' of KFH
px-import-his: rejected 1: missing 'mrn'
px-import-his: rejected 1: missing 'visit'
px-import-his: rejected 1: unknown prior_mrn '*****5678'
