template add: created, unchanged, updated in place while unused, a new version once used (instances keep theirs); disable stops sending; adding again enables; list, show.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_org
q < "$TESTS/fixtures/survey/patients.sql"
px-survey template add v1.json; code
px-survey template add v1.json; code
px-survey template add v2.json; code
px-survey send --patient MRN001 --hospital KFH --template short > /dev/null; code
px-survey template add v3.json; code
px-survey template list --all -o csv | norm
px-survey template show short 1 -o jsonl | norm
px-survey template show short | norm
q "SELECT s.id, t.version FROM surveys s JOIN survey_templates t ON t.id = s.template_id"
px-survey template disable short; code
px-survey template list -o csv | norm
printf '[survey]\nfatigue_days = 0\n' > px.conf
px-survey send --patient MRN002 --hospital KFH --template short --explain; code
px-survey template add v3.json; code
px-survey template list -o csv | norm
q "SELECT action, details FROM audit WHERE object_type = 'survey_template' ORDER BY id"
{ px-survey template show short 9; code; } 2>&1
{ px-survey template disable nosuch; code; } 2>&1
### file v1.json
{"name": "short", "title": "Short", "title_ar": "قصير", "questions": [
 {"id": "q1", "type": "rating", "text": "Overall?", "text_ar": "بشكل عام؟"}]}
### file v2.json
{"name": "short", "title": "Short", "title_ar": "قصير", "questions": [
 {"id": "q1", "type": "rating", "text": "Overall, how was it?", "text_ar": "بشكل عام؟"}]}
### file v3.json
{"name": "short", "title": "Short", "title_ar": "قصير", "scoring": "weighted", "questions": [
 {"id": "q1", "type": "rating", "text": "Overall, how was it?", "text_ar": "بشكل عام؟", "weight": 2},
 {"id": "q2", "type": "likert", "text": "Clean?", "required": false}]}
### stdout
exit 0
exit 0
exit 0
exit 0
exit 0
type,id,name,version,status,title,title_ar,survey_type,scoring,negative_threshold,questions,surveys
survey.template,tpl_ID,short,1,superseded,Short,قصير,stage,average,3,1,1
survey.template,tpl_ID,short,2,active,Short,قصير,stage,weighted,3,2,0
{"type":"survey.template","id":"tpl_ID","name":"short","version":1,"status":"superseded","title":"Short","title_ar":"قصير","survey_type":"stage","scoring":"average","negative_threshold":3,"questions":1,"surveys":1}
{"type":"survey.question","template":"short","version":1,"id":"q1","position":1,"question_type":"rating","required":true,"weight":1,"text":"Overall, how was it?","text_ar":"بشكل عام؟","choices":null,"show_if":null}
{"type":"survey.template","id":"tpl_ID","name":"short","version":2,"status":"active","title":"Short","title_ar":"قصير","survey_type":"stage","scoring":"weighted","negative_threshold":3,"questions":2,"surveys":0}
{"type":"survey.question","template":"short","version":2,"id":"q1","position":1,"question_type":"rating","required":true,"weight":2,"text":"Overall, how was it?","text_ar":"بشكل عام؟","choices":null,"show_if":null}
{"type":"survey.question","template":"short","version":2,"id":"q2","position":2,"question_type":"likert","required":false,"weight":1,"text":"Clean?","text_ar":null,"choices":null,"show_if":null}
1|1
exit 0
type,id,name,version,status,title,title_ar,survey_type,scoring,negative_threshold,questions,surveys
survey.template,tpl_ID,short,2,disabled,Short,قصير,stage,weighted,3,2,0
exit 0
exit 0
type,id,name,version,status,title,title_ar,survey_type,scoring,negative_threshold,questions,surveys
survey.template,tpl_ID,short,2,active,Short,قصير,stage,weighted,3,2,0
survey_template_created|{"name":"short","version":1,"questions":1}
survey_template_updated|{"name":"short","version":1,"questions":1}
survey_template_versioned|{"name":"short","version":2,"questions":2}
survey_template_disabled|{"name":"short"}
survey_template_enabled|{"name":"short","version":2,"questions":2}
px-survey: template 'short' has no version 9
exit 4
px-survey: unknown template 'nosuch'
exit 4
### stderr
px-survey: pat_omar: not sent: template disabled
