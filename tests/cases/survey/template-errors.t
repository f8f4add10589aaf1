template add rejects malformed templates naming the file; only px_admin may manage templates (status 3).
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_org
for f in bad*.json missing.json; do px-survey template add "$f"; echo "exit $?"; done
px-survey template add --as kfh_admin "$SHARE/surveys/nps.json"; code
px-survey template list -o csv; code
### file bad1.json
{"name": "Bad Name", "title": "x", "questions": []}
### file bad2.json
{"name": "b2", "title": "x", "questions": [{"id": "q1", "type": "stars", "text": "?"}]}
### file bad3.json
{"name": "b3", "title": "x", "questions": [{"id": "q1", "type": "rating", "text": "?", "show_if": {"question": "q2", "op": "eq", "value": 1}}, {"id": "q2", "type": "rating", "text": "?"}]}
### file bad4.json
{"name": "b4", "title": "x", "questions": [{"id": "q1", "type": "multiple_choice", "text": "?"}]}
### file bad5.json
{"name": "b5", "title": "x", "scoring": "nps", "questions": [{"id": "q1", "type": "rating", "text": "?"}]}
### file bad6.json
{"name": "b6", "title": "x", "negative_threshold": 8, "questions": [{"id": "q1", "type": "rating", "text": "?"}]}
### file bad7.json
{"name": "b7", "title": "x", "questions": [{"id": "q1", "type": "rating", "text": "?"}, {"id": "q1", "type": "nps", "text": "?"}]}
### file bad8.json
{"name": "b8", "title": "x", "questions": [
### stdout
exit 1
exit 1
exit 1
exit 1
exit 1
exit 1
exit 1
exit 1
exit 4
exit 3
exit 0
### stderr
px-survey: bad1.json: bad template name 'Bad Name' (a-z, 0-9 and _)
px-survey: bad2.json: question 'q1': unknown type 'stars'
px-survey: bad3.json: question 'q1': 'show_if' refers to 'q2', which is not an earlier question
px-survey: bad4.json: question 'q1': multiple_choice needs 'choices'
px-survey: bad5.json: scoring 'nps' needs an nps question
px-survey: bad6.json: 'negative_threshold' must be on the average scale (1 to 5)
px-survey: bad7.json: duplicate question id 'q1'
px-survey: bad8.json: invalid JSON: ']' expected near end of file
px-survey: cannot open 'missing.json': No such file or directory
px-survey: permission denied: 'kfh_admin' (hospital_admin) may not manage survey templates
