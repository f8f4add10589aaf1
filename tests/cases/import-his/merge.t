An A40 merge moves the prior patient's encounters and surveys to the surviving MRN; later events for the prior MRN reach the survivor; a second merge changes nothing
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his v.csv >/dev/null; code
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122120000||ADT^A40|M1|P|2.5\rEVN|A40|20261122120000\rPID|1||NEW1^^^KFH^MR||Doe^Jane\rMRG|OLD1^^^KFH^MR\r' > merge.hl7
px-import-his merge.hl7; code
px-import-his merge.hl7; code
q "SELECT p.mrn, count(e.id) FROM patients p LEFT JOIN encounters e ON e.patient_id = p.id GROUP BY p.id ORDER BY p.mrn"
q "SELECT p.mrn, q.mrn FROM patients p JOIN patients q ON q.id = p.merged_into"
q "SELECT p.mrn, p.optout_sms FROM survey_due d JOIN patients p ON p.id = d.patient_id"
q "SELECT count(*) FROM audit WHERE action = 'patients_merged'"
### file v.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone,optout_sms
discharge,2026-11-20T10:00:00Z,KFH,OPD,V1,opd,OLD1,0501234567,yes
admit,2026-11-21T10:00:00Z,KFH,OPD,V2,opd,NEW1,0501234567,
### stdout
exit 0
exit 0
exit 0
NEW1|2
OLD1|0
OLD1|NEW1
NEW1|1
1
### stderr
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 1 records, 1 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 1 records, 0 applied, 1 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
