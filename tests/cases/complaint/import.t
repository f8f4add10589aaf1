A call-centre export: each row a complaint (a patient by MRN, people not in the store by phone or email, a flat category mapped onto the taxonomy), a bad row refused at its line while the others are taken in; reading the same export again adds nothing and sends nothing.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
cp "$TESTS/fixtures/complaint/callcentre.csv" calls.csv
echo 'KFH,CC-1004,call_center,,Nobody,,,,No way to answer,,,' >> calls.csv
px-complaint new --as kfh_staff calls.csv | jq -r '[.ref, .source_ref, .patient != null, .person, .department, .classification, .severity] | @tsv'; code
q "SELECT template, channel, state FROM notifications WHERE object_type = 'case' ORDER BY id"
px-complaint new --as kfh_staff calls.csv | jq -r '[.ref, .source_ref] | @tsv'; code
q "SELECT count(*) FROM cases"
q "SELECT count(*) FROM notifications WHERE object_type = 'case'"
q "SELECT last FROM case_refs"
### stdout
KFH-2026-000001	CC-1001	true		OPD	1.1	high
KFH-2026-000002	CC-1002	false	Huda Salem	ER	3.4	medium
KFH-2026-000003	CC-1003	false	Omar Nasser			low
exit 1
complaint_received|sms|pending
complaint_received|sms|pending
complaint_received|email|pending
KFH-2026-000001	CC-1001
KFH-2026-000002	CC-1002
KFH-2026-000003	CC-1003
exit 1
3
3
3
### stderr
px-complaint: calls.csv:5: 'Nobody' needs 'phone' or 'email' to be answered
px-complaint: calls.csv:5: 'Nobody' needs 'phone' or 'email' to be answered
