Calls as JSON Lines, as px names their fields (external_id, call_type, numbers as JSON numbers), from standard input: a caller found by a phone written as the patient's number, a number that several patients share matching nobody, and records of other types passing through in their place.
### cmd
. "$TESTS/fixtures/call/setup.sh"
setup_calls
# a second patient of KFH with KFH0002's number
q "INSERT INTO patients (public_id, hospital_id, mrn, phone, created_at, updated_at) SELECT 'pat_twin', hospital_id, 'KFH0009', phone, created_at, updated_at FROM patients WHERE mrn = 'KFH0002'"
px-contact call import | norm; code
q "SELECT c.external_id, coalesce(p.mrn, '-'), c.started_at, c.rating FROM calls c LEFT JOIN patients p ON p.id = c.patient_id ORDER BY c.id"
### stdin
{"type":"call","external_id":"IVR-1","hospital":"KFH","call_type":"complaint","started_at":"2026-11-22T07:00:00Z","wait_seconds":600,"talk_seconds":240,"rating":2,"phone":"+966 50 123 4567","agent":"Hadi","resolution":"unresolved","notes":"Lost lab results"}
{"type":"survey.negative","survey":"srv_x"}
{"external_id":"IVR-2","hospital":"KFH","call_type":"inquiry","started_at":"2026-11-22T08:00:00+03:00","rating":3,"phone":"0551112233"}
{"type":"call","external_id":"IVR-3","hospital":"KFH","call_type":"feedback","started_at":"2026-11-22T09:00:00","rating":"5","mrn":" KFH0002 "}
### stdout
{"type":"call","id":"cal_ID","external_id":"IVR-1","hospital":"KFH","department":null,"patient":"pat_ID","call_type":"complaint","agent":"Hadi","started_at":"2026-11-22T07:00:00Z","wait_seconds":600,"talk_seconds":240,"resolution":"unresolved","rating":2,"notes":"Lost lab results"}
{"type":"survey.negative","survey":"srv_x"}
{"type":"call","id":"cal_ID","external_id":"IVR-2","hospital":"KFH","department":null,"patient":null,"call_type":"inquiry","agent":null,"started_at":"2026-11-22T05:00:00Z","wait_seconds":null,"talk_seconds":null,"resolution":null,"rating":3,"notes":null}
{"type":"call","id":"cal_ID","external_id":"IVR-3","hospital":"KFH","department":null,"patient":"pat_ID","call_type":"feedback","agent":null,"started_at":"2026-11-22T06:00:00Z","wait_seconds":null,"talk_seconds":null,"resolution":null,"rating":5,"notes":null}
exit 0
IVR-1|KFH0001|2026-11-22T07:00:00Z|2
IVR-2|-|2026-11-22T05:00:00Z|3
IVR-3|KFH0002|2026-11-22T06:00:00Z|5
