Branch logic: a question whose condition does not hold is not required and cannot be answered; when it holds it is required before completion; choices are checked.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
px-survey template add branchy.json
printf '[survey]\nfatigue_days = 0\n' > px.conf
px-survey send --patient MRN001 --hospital KFH --template branchy > s1.jsonl
px-survey send --patient MRN005 --hospital KAMC --template branchy > s2.jsonl
a=$(q "SELECT public_id FROM surveys WHERE id = 1"); b=$(q "SELECT public_id FROM surveys WHERE id = 2")
sed -e "s/A/$a/g" -e "s/B/$b/g" in1.jsonl > answers1.jsonl
sed -e "s/A/$a/g" -e "s/B/$b/g" in2.jsonl > answers2.jsonl
{ px-survey respond answers1.jsonl; code; } 2>&1 | normtok
q "SELECT id, status, score, negative FROM surveys ORDER BY id"
{ px-survey respond answers2.jsonl; code; } 2>&1 | normtok
q "SELECT id, status, score, negative FROM surveys ORDER BY id"
### file branchy.json
{"name": "branchy", "title": "Branches", "questions": [
 {"id": "q1", "type": "rating", "text": "Overall?"},
 {"id": "q2", "type": "text", "text": "What went wrong?", "show_if": {"question": "q1", "op": "le", "value": 2}},
 {"id": "q3", "type": "multiple_choice", "text": "Which ward?", "choices": [
   {"value": "a", "label": "A", "score": 5}, {"value": "b", "label": "B"}]},
 {"id": "q4", "type": "yes_no", "text": "Would you come back?", "show_if": {"question": "q3", "op": "in", "value": ["a"]}}
]}
### file in1.jsonl
{"survey":"A","question":"q1","value":4}
{"survey":"A","question":"q2","value":"nothing"}
{"survey":"A","question":"q3","value":"c"}
{"survey":"A","question":"q3","value":"b"}
{"survey":"B","question":"q1","value":"1"}
{"survey":"B","question":"q3","value":"a"}
{"survey":"B","question":"q4","value":"no"}
### file in2.jsonl
{"survey":"B","question":"q2","value":"the wait"}
{"survey":"B","question":"q2","value":"again"}
### stdout
px-survey: answers1.jsonl:2: question 'q2' is skipped: its condition on 'q1' does not hold
px-survey: answers1.jsonl:3: question 'q3': 'c' is not one of: a, b
exit 1
1|completed|4.0|0
2|in_progress||0
{"type":"survey.negative","survey":"srv_ID","patient":"pat_lina","hospital":"KAMC","department":null,"template":"branchy","method":"average","score":2.33,"completed_at":"2026-11-23T09:00:00Z"}
exit 0
1|completed|4.0|0
2|completed|2.33|1
