A survey's link token is its holder's authority: answers and link events that name the survey by its token need no role (the patient on the survey page), while those that name it by its id need staff of its hospital.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
px-contact --as kfh_px log "$NEG" --notes "called" > /dev/null
px-contact --as kfh_px satisfaction "$NEG" > sat.jsonl
S=$(jq -r 'select(.type == "notification") | .object' sat.jsonl)
T=$(token_for "$S" sat.jsonl)
[ -n "$T" ] && echo "a token"
printf 'survey,question,value\n%s,satisfied,yes\n' "$S" | px-survey respond --as viewer; code
printf 'token,event,at\n%s,page_view,2026-11-23T10:00:00Z\n' "$T" | px-survey track --as viewer; code
printf 'token,question,value\n%s,satisfied,yes\n' "$T" | px-survey respond --as viewer; code
q "SELECT s.status, a.value FROM surveys s JOIN survey_answers a ON a.survey_id = s.id JOIN survey_questions qq ON qq.id = a.question_id WHERE s.public_id = '$S' AND qq.code = 'satisfied'"
q "SELECT event FROM survey_events e JOIN surveys s ON s.id = e.survey_id WHERE s.public_id = '$S'"
printf 'token,question,value\nnot-a-token,satisfied,yes\n' | px-survey respond --as viewer; code
### stdout
a token
exit 3
exit 0
exit 0
completed|yes
page_view
exit 1
### stderr
px-survey: -:2: permission denied: 'viewer' (viewer) may not record answers to surveys of hospital 'KFH'
px-survey: -:2: unknown survey token
