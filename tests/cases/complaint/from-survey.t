A complaint opened from a survey: its patient, hospital, department and encounter, source survey, the survey as its reference (so once per survey), titled by whether the survey was negative; a survey.negative record piped in does the same; the answer to that survey is no verdict on the complaint.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint new --as kfh_staff --from-survey "$NEG" | jq -r '[.ref, .source, .source_ref == env.NEG, .patient != null, .department, .title] | @tsv'; code
px-complaint new --as kfh_staff --from-survey "$NEG" | jq -r .ref; code
px-complaint new --as kfh_staff --from-survey "$POS" | jq -r '[.ref, .title] | @tsv'; code
jq -c 'select(.type == "survey.negative")' responded.jsonl | px-complaint new --as kfh_staff --from-negative | jq -r .ref; code
echo '{"type":"survey.negative","survey":"srv_nope"}' | px-complaint new --as kfh_staff --from-negative; code
q "SELECT ref, l.type, l.object = '$NEG' OR l.object = '$POS' FROM cases c JOIN case_links l ON l.case_id = c.id WHERE c.kind = 'complaint' ORDER BY ref"
q "SELECT count(*) FROM cases WHERE kind = 'complaint' AND json_extract(fields, '$.verdict') IS NOT NULL"
### stdout
KFH-2026-000001	survey	true	true	OPD	Negative survey: Outpatient visit, score 1.45
exit 0
KFH-2026-000001
exit 0
KFH-2026-000002	Survey: Outpatient visit, score 5.0
exit 0
KFH-2026-000001
exit 3
exit 1
KFH-2026-000001|survey|1
KFH-2026-000002|survey|1
0
### stderr
px-complaint: -:2: permission denied: 'kfh_staff' (staff) may not open complaint cases
px-complaint: -:1: unknown survey 'srv_nope'
