HL7 ADT A01 then A03 (in an MLLP block): Arabic and Latin names from PID-5 repetitions, mobile from PID-13, the inpatient journey, surveys due after discharge
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
cat "$TESTS/fixtures/his/adt-a01.hl7" "$TESTS/fixtures/his/adt-a03.mllp" | px-import-his | norm; code
q "SELECT mrn, name_en, name_ar, phone, email, language, natid_masked, birth_date, sex FROM patients"
q "SELECT visit_number, patient_type, status, admitted_at, discharged_at, disposition FROM encounters"
px-import-his "$TESTS/fixtures/his/adt-a01.hl7" "$TESTS/fixtures/his/adt-a03.mllp"; code
### stdout
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M2001","hospital":"KFH","department":"IPD","encounter":"enc_ID","visit":"V9001","journey":"inpatient","stage":"discharge","template":"inpatient_discharge","channel":"sms","language":"ar","due_at":"2026-11-24T07:00:00Z"}
{"type":"survey.due","id":"due_ID","patient":"pat_ID","mrn":"M2001","hospital":"KFH","department":"IPD","encounter":"enc_ID","visit":"V9001","journey":"inpatient","stage":"follow_up","template":"nps","channel":"sms","language":"ar","due_at":"2026-12-23T07:00:00Z"}
exit 0
M2001|Fahad Al-Harbi|فهد الحربي|+966501234567|fahad@example.com|ar|******5678|1980-01-01|M
V9001|I|discharged|2026-11-22T05:00:00Z|2026-11-23T07:00:00Z|01
exit 0
### stderr
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 2 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 2 records, 0 applied, 2 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
