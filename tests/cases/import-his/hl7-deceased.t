HL7 PID-30 Y (patient death indicator) on an A08 after an inpatient stay: the patient is marked deceased at the event's time and the stay's surveys still due are withdrawn as deceased; nothing is printed
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
cat "$TESTS/fixtures/his/adt-a01.hl7" "$TESTS/fixtures/his/adt-a03.mllp" | px-import-his | jq -r '.template'; code
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261124090000||ADT^A08|MSG009|P|2.5\rEVN|A08|20261124090000\rPID|1||M2001^^^KFH^MR||||19800101|M||||||||||||||||||||||Y\r' > a08.hl7
px-import-his a08.hl7; code
q "SELECT mrn, ifnull(deceased_at, '-') FROM patients"
q "SELECT template, status, ifnull(reason, '-') FROM survey_due ORDER BY id"
### stdout
inpatient_discharge
nps
exit 0
exit 0
M2001|2026-11-24T06:00:00Z
inpatient_discharge|withdrawn|deceased
nps|withdrawn|deceased
### stderr
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 2 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 1 records, 1 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 2 withdrawn
