Only a hospital_admin of the hospital (or px_admin) may import its visits: each other record is a permission-denied reject, status 3
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his --as kamc_admin visits.jsonl | norm; code
px-import-his --as kfh_staff visits.jsonl; code
q "SELECT count(*) FROM encounters"
### file visits.jsonl
{"event":"discharge","event_time":"2026-11-22T10:00:00Z","hospital":"KFH","department":"ER","visit":"V1","patient_type":"ems","mrn":"M1","email":"a@example.com"}
{"event":"discharge","event_time":"2026-11-22T10:00:00Z","hospital":"KAMC","department":"ER","visit":"V1","patient_type":"ems","mrn":"M1","email":"a@example.com"}
{"type":"note","text":"passes through"}
### stdout
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1","hospital":"KAMC","department":"ER","encounter":"enc_ID","visit":"V1","journey":"ems","stage":"discharge","template":"emergency","channel":"email","language":"ar","due_at":"2026-11-22T14:00:00Z"}
{"type":"note","text":"passes through"}
exit 3
{"type":"note","text":"passes through"}
exit 3
1
### stderr
px-import-his: visits.jsonl:1: permission denied: 'kamc_admin' (hospital_admin) may not import visits for KFH
px-import-his: 3 records, 1 applied, 0 already imported, 1 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: permission denied: 'kamc_admin' (hospital_admin) may not import visits for KFH
px-import-his: visits.jsonl:1: permission denied: 'kfh_staff' (staff) may not import visits for KFH
px-import-his: visits.jsonl:2: permission denied: 'kfh_staff' (staff) may not import visits for KAMC
px-import-his: 3 records, 0 applied, 0 already imported, 2 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: permission denied: 'kfh_staff' (staff) may not import visits for KFH
px-import-his: rejected 1: permission denied: 'kfh_staff' (staff) may not import visits for KAMC
