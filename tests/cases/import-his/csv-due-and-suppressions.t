A CSV of visits creates patients and encounters, prints one survey.due per survey its journeys call for, and stores suppressions (deceased, no contact) with their reason; an SMS opt-out leaves WhatsApp, and a second visit's survey is not held by the first's while that one is only due (due-rules has opted out and fatigue)
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his "$TESTS/fixtures/his/visits.csv" | norm; code
q "SELECT e.visit_number, d.template, d.status, ifnull(d.reason, '-'), ifnull(d.channel, '-'), d.due_at FROM survey_due d JOIN encounters e ON e.id = d.encounter_id ORDER BY e.visit_number, d.template"
q "SELECT mrn, natid_masked, ifnull(natid_hash, '') != '' , ifnull(phone, '-'), ifnull(email, '-'), language FROM patients ORDER BY mrn"
q "SELECT action, count(*) FROM audit WHERE action NOT LIKE 'user%' AND action NOT LIKE 'store%' AND action NOT LIKE 'hospital%' AND action NOT LIKE 'department%' GROUP BY action ORDER BY action"
# the import's own rows are audited with their batch
q "SELECT count(*) || ' his_import, ' || sum(json_extract(details, '$.encounters_created')) || ' encounters created' || ', ' || sum(json_extract(details, '$.patients_created')) || ' patients created' || ', ' || sum(json_extract(details, '$.surveys_due')) || ' surveys due' || ', ' || sum(json_extract(details, '$.surveys_suppressed')) || ' surveys suppressed' FROM audit WHERE action = 'his_import'"
q "SELECT count(*) FROM audit WHERE details LIKE '%M100%' OR details LIKE '%1012345678%'"
### stdout
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1001","hospital":"KFH","department":"OPD","encounter":"enc_ID","visit":"V100","journey":"opd","stage":"discharge","template":"outpatient_visit","channel":"sms","language":"ar","due_at":"2026-11-22T12:00:00Z"}
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1002","hospital":"KFH","department":"ER","encounter":"enc_ID","visit":"V200","journey":"ems","stage":"discharge","template":"emergency","channel":"email","language":"en","due_at":"2026-11-22T15:00:00Z"}
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1003","hospital":"KFH","department":"IPD","encounter":"enc_ID","visit":"V300","journey":"inpatient","stage":"discharge","template":"inpatient_discharge","channel":"whatsapp","language":"ar","due_at":"2026-11-23T12:00:00Z"}
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1003","hospital":"KFH","department":"IPD","encounter":"enc_ID","visit":"V300","journey":"inpatient","stage":"follow_up","template":"nps","channel":"whatsapp","language":"ar","due_at":"2026-12-22T12:00:00Z"}
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1006","hospital":"KFH","department":"OPD","encounter":"enc_ID","visit":"V600","journey":"opd","stage":"discharge","template":"outpatient_visit","channel":"whatsapp","language":"ar","due_at":"2026-11-22T14:00:00Z"}
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M1001","hospital":"KFH","department":"OPD","encounter":"enc_ID","visit":"V101","journey":"opd","stage":"discharge","template":"outpatient_visit","channel":"sms","language":"ar","due_at":"2026-11-22T15:00:00Z"}
exit 0
V100|outpatient_visit|due|-|sms|2026-11-22T12:00:00Z
V101|outpatient_visit|due|-|sms|2026-11-22T15:00:00Z
V200|emergency|due|-|email|2026-11-22T15:00:00Z
V300|inpatient_discharge|due|-|whatsapp|2026-11-23T12:00:00Z
V300|nps|due|-|whatsapp|2026-12-22T12:00:00Z
V400|inpatient_discharge|suppressed|deceased|-|2026-11-23T12:00:00Z
V400|nps|suppressed|deceased|-|2026-12-22T12:00:00Z
V500|outpatient_visit|suppressed|no_contact|-|2026-11-22T14:00:00Z
V600|outpatient_visit|due|-|whatsapp|2026-11-22T14:00:00Z
M1001|******5678|1|+966501234567|-|ar
M1002||0|-|sara@example.com|en
M1003||0|+966555555555|-|ar
M1004||0|+966555555556|-|ar
M1005||0|-|-|ar
M1006||0|+966555555557|-|ar
his_import|1
patient_deceased|1
1 his_import, 7 encounters created, 6 patients created, 6 surveys due, 3 surveys suppressed
0
### stderr
px-import-his: 8 records, 8 applied, 0 already imported, 0 rejected, 6 surveys due, 3 suppressed, 0 withdrawn
px-import-his: suppressed 2: deceased
px-import-his: suppressed 1: no_contact
