HL7 ADT A28 and A31 add and update a patient without a visit, A05 pre-admits, A04 registers, A08 updates demographics, A02 transfers, A12 cancels the transfer and A03 discharges; each message is one visit event and the journey follows.
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
px-import-his adt.hl7 | norm; code
q "SELECT mrn, name_en, name_ar, phone, email, language FROM patients ORDER BY mrn"
q "SELECT e.visit_number, e.patient_type, e.status, d.code, e.admitted_at, e.discharged_at FROM encounters e LEFT JOIN departments d ON d.id = e.department_id ORDER BY e.visit_number"
q "SELECT v.event, v.event_at, d.code, v.cancelled FROM visit_events v LEFT JOIN departments d ON d.id = v.department_id ORDER BY v.id"
q "SELECT action, count(*) FROM audit WHERE action LIKE 'patient%' OR action LIKE 'encounter%' GROUP BY action ORDER BY action"
# the import's own rows are audited with their batch
q "SELECT count(*) || ' his_import, ' || sum(json_extract(details, '$.encounters_created')) || ' encounters created' || ', ' || sum(json_extract(details, '$.patients_created')) || ' patients created' || ', ' || sum(json_extract(details, '$.patients_updated')) || ' patients updated' FROM audit WHERE action = 'his_import'"
### file adt.hl7
MSH|^~\&|HIS|KFH|PX|PX|20261120080000||ADT^A28|T1|P|2.5
EVN|A28|20261120080000
PID|1||M7^^^KFH^MR||Saleh^Huda||19900202|F|||||^PRN^CP^^966^50^7654321||en
MSH|^~\&|HIS|KFH|PX|PX|20261120090000||ADT^A31|T2|P|2.4
EVN|A31|20261120090000
PID|1||M7^^^KFH^MR||Saleh^Huda~صالح^هدى||19900202|F|||||^PRN^CP^^966^50^7654321~^NET^Internet^huda@example.com||ar
MSH|^~\&|HIS|KFH|PX|PX|20261121080000||ADT^A05|T3|P|2.3
EVN|A05|20261121080000
PID|1||M7^^^KFH^MR||Saleh^Huda
PV1|1|I|IPD^101^1^KFH||||||||||||||||V70
MSH|^~\&|HIS|KFH|PX|PX|20261121100000||ADT^A04|T4|P|2.5.1
EVN|A04|20261121100000
PID|1||M8^^^KFH^MR||Omar^Ali||||||||^PRN^CP^^966^55^1112233||en
PV1|1|O|OPD^^^KFH||||||||||||||||V80
MSH|^~\&|HIS|KFH|PX|PX|20261121110000||ADT^A08|T5|P|2.5
EVN|A08|20261121110000
PID|1||M8^^^KFH^MR||Omar^Ali||||||||^PRN^CP^^966^55^9998877||ar
PV1|1|O|OPD^^^KFH||||||||||||||||V80
MSH|^~\&|HIS|KFH|PX|PX|20261122080000||ADT^A02|T6|P|2.5
EVN|A02|20261122080000
PID|1||M7^^^KFH^MR
PV1|1|I|ER^^^KFH||||||||||||||||V70
MSH|^~\&|HIS|KFH|PX|PX|20261122090000||ADT^A12|T7|P|2.5
EVN|A12|20261122090000
PID|1||M7^^^KFH^MR
PV1|1|I|ER^^^KFH||||||||||||||||V70
MSH|^~\&|HIS|KFH|PX|PX|20261123060000||ADT^A03|T8|P|2.5
EVN|A03|20261123060000
PID|1||M7^^^KFH^MR
PV1|1|I|IPD^101^1^KFH||||||||||||||||V70|||||||||||||||||01
### stdout
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M7","hospital":"KFH","department":"IPD","encounter":"enc_ID","visit":"V70","journey":"inpatient","stage":"discharge","template":"inpatient_discharge","channel":"sms","language":"ar","due_at":"2026-11-24T03:00:00Z"}
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M7","hospital":"KFH","department":"IPD","encounter":"enc_ID","visit":"V70","journey":"inpatient","stage":"follow_up","template":"nps","channel":"sms","language":"ar","due_at":"2026-12-23T03:00:00Z"}
exit 0
M7|Huda Saleh|هدى صالح|+966507654321|huda@example.com|ar
M8|Ali Omar||+966559998877||ar
V70|I|discharged|IPD||2026-11-23T03:00:00Z
V80|O|open|OPD|2026-11-21T07:00:00Z|
update|2026-11-20T05:00:00Z||0
update|2026-11-20T06:00:00Z||0
preadmit|2026-11-21T05:00:00Z|IPD|0
register|2026-11-21T07:00:00Z|OPD|0
update|2026-11-21T08:00:00Z|OPD|0
transfer|2026-11-22T05:00:00Z|ER|1
cancel_transfer|2026-11-22T06:00:00Z|ER|0
discharge|2026-11-23T03:00:00Z|IPD|0
1 his_import, 2 encounters created, 2 patients created, 2 patients updated
### stderr
px-import-his: 8 records, 8 applied, 0 already imported, 0 rejected, 2 surveys due, 0 suppressed, 0 withdrawn
