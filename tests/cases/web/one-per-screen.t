A template whose layout is one_per_screen asks one question a page: the next shown question not yet answered, a question its answers reveal in its turn, an optional one sent empty passed over; the survey completes with the last, and what was passed over is no answer.
### file screens.json
{"name": "screens", "title": "Your visit", "title_ar": "زيارتك", "layout": "one_per_screen",
 "questions": [
  {"id": "q1", "type": "rating", "text": "How was your visit?", "text_ar": "كيف كانت زيارتك؟"},
  {"id": "q2", "type": "textarea", "required": false, "text": "What went wrong?", "text_ar": "ما الخطأ؟",
   "show_if": {"question": "q1", "op": "le", "value": 3}},
  {"id": "q3", "type": "yes_no", "text": "Would you come back?", "text_ar": "هل ستعود؟"}
 ]}
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
px-survey template add screens.json > /dev/null; code
PX_SURVEY_FATIGUE_DAYS=0 px-survey send --patient KFH0002 --hospital KFH --template screens > sent.jsonl
S=$(jq -r 'select(.type == "notification") | .object' sent.jsonl)
T=$(token_for "$S" sent.jsonl)
web() {
	printf '%s' "${4:-}" | REQUEST_METHOD=$1 PATH_INFO=$2 QUERY_STRING=${3:-} \
		CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#4} px-web
}
asked() { grep -o 'name="q_[a-z0-9]*"' | sort -u | tr '\n' ' '; echo; }
web GET "/s/$T" "lang=en" > p1.txt
asked < p1.txt
grep -o '<button type="submit">[^<]*' p1.txt
N=$(grep -o 'name="nonce" value="[^"]*"' p1.txt | sed 's/.*value="//; s/"$//')
web POST "/s/$T" "" "nonce=$N&lang=en&passed=&q_q1=2" > p2.txt
asked < p2.txt
web POST "/s/$T" "" "nonce=$N&lang=en&passed=&q_q2=" > p3.txt
asked < p3.txt
grep -o 'name="passed" value="[^"]*"' p3.txt
web POST "/s/$T" "" "nonce=$N&lang=en&passed=q2&q_q3=yes" | grep -o '<h1>[^<]*'
q "SELECT s.status, group_concat(qq.code || '=' || a.value, ' ') FROM surveys s JOIN survey_answers a ON a.survey_id = s.id JOIN survey_questions qq ON qq.id = a.question_id WHERE s.public_id = '$S'"
printf '{"name": "bad", "title": "x", "layout": "carousel", "questions": [{"id": "q1", "type": "rating", "text": "x"}]}\n' > bad.json
px-survey template add bad.json; code
### stdout
exit 0
name="q_q1" 
<button type="submit">Next
name="q_q2" 
name="q_q3" 
name="passed" value="q2"
<h1>Thank you
completed|q1=2 q3=yes
exit 1
### stderr
px-survey: bad.json: unknown layout 'carousel' (one_page, one_per_screen)
