--strict applies a file all or nothing (status 4 on a bad record); --dry-run writes nothing and reports counts and rejects
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his --strict v.csv; code
q "SELECT count(*) FROM encounters"
px-import-his --dry-run v.csv; code
q "SELECT count(*) FROM encounters"
### file v.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
discharge,2026-11-20T10:00:00Z,KFH,OPD,V1,opd,M1,0501234567
discharge,2026-11-20T10:00:00Z,KFH,OPD,V2,opd,M2,0501234567
discharge,2026-11-20T10:00:00Z,ZZZ,OPD,V3,opd,M3,0501234567
### stdout
exit 4
0
exit 1
0
### stderr
px-import-his: v.csv:4: unknown hospital 'ZZZ'
px-import-his: v.csv: nothing applied (--strict)
px-import-his: 3 records, 0 applied, 0 already imported, 1 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: unknown hospital 'ZZZ'
px-import-his: v.csv:4: unknown hospital 'ZZZ'
px-import-his: dry run: 3 records, 2 applied, 0 already imported, 1 rejected, 2 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: unknown hospital 'ZZZ'
