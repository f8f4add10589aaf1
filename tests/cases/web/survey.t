px-web's survey page, run as the web server runs a CGI program: the survey of a link's token in the patient's language (English, or Arabic right to left on ?lang=ar), the first name and nothing else of the patient; a POST without the form's nonce refused; an answer the question does not take shown again with the reason; the answer recorded as px-survey respond records it (the satisfaction check's "no" escalates the loop), the page then thanks; the link tracked (page view, start, answer); an unknown token, an expired survey, a body over the cap and a method the page does not take each get their page and status; every response carries the security headers.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
px-contact --as kfh_px log "$NEG" --notes "called" > /dev/null
px-contact --as kfh_px satisfaction "$NEG" > sat.jsonl
S=$(jq -r 'select(.type == "notification") | .object' sat.jsonl)
T=$(token_for "$S" sat.jsonl)
# web METHOD PATH [QUERY [BODY]]: px-web as a CGI program
web() {
	printf '%s' "${4:-}" | REQUEST_METHOD=$1 PATH_INFO=$2 QUERY_STRING=${3:-} \
		CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#4} \
		HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Mobile" px-web
}
status() { sed -n '1s/\r$//p'; }
web GET "/s/$T" > get.txt; code
status < get.txt
sed -n '2,6p' get.txt | tr -d '\r'
grep -o '<html[^>]*>' get.txt
grep -c 'name="q_satisfied"' get.txt
web GET "/s/$T" "lang=en" | grep -o 'Dear [^,]*'
grep -c 'KFH0001\|0501234567' get.txt || true
web GET "/s/$T" "lang=ar" | grep -o '<html[^>]*>'
q "SELECT status FROM surveys WHERE public_id = '$S'"
N=$(grep -o 'name="nonce" value="[^"]*"' get.txt | sed 's/.*value="//; s/"$//')
web POST "/s/$T" "" "q_satisfied=yes" | status
web POST "/s/$T" "" "nonce=$N&q_satisfied=maybe" > bad.txt; status < bad.txt
grep -o '<p class="error">[^<]*' bad.txt
web POST "/s/$T" "" "nonce=$N&lang=en&q_satisfied=no" > done.txt; status < done.txt
grep -o '<h1>[^<]*' done.txt
q "SELECT s.status, a.value FROM surveys s JOIN survey_answers a ON a.survey_id = s.id WHERE s.public_id = '$S'"
q "SELECT state FROM cases WHERE kind = 'followup' AND source_ref = '$NEG'"
q "SELECT e.event, coalesce(e.question, ''), e.device FROM survey_events e JOIN surveys s ON s.id = e.survey_id WHERE s.public_id = '$S' ORDER BY e.id"
web GET "/s/$T" | grep -o '<h1>[^<]*'
web GET "/s/not-a-token" | status
web GET "/s/not-a-token" "lang=ar" | grep -o '<h1>[^<]*'
px-contact log "$KNEG" --notes "called" > /dev/null
px-contact satisfaction "$KNEG" > sat2.jsonl
T2=$(token_for "$(jq -r 'select(.type == "notification") | .object' sat2.jsonl)" sat2.jsonl)
PX_NOW=2027-06-01T00:00:00Z web GET "/s/$T2" > expired.txt; status < expired.txt
grep -o '<h1>[^<]*' expired.txt
printf 'x' | REQUEST_METHOD=POST PATH_INFO="/s/$T" CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=999999 px-web | status
web DELETE "/s/$T" | status
web GET "/s/$T" "" | grep -c 'text/html; charset=utf-8'
# the time on the page, from its making to its sending, is the time spent
t0=$(date -u +%s)
N2=$(PX_NOW=$(date -u -d "@$t0" +%Y-%m-%dT%H:%M:%SZ) web GET "/s/$T2" "lang=en" | grep -o 'name="nonce" value="[^"]*"' | sed 's/.*value="//; s/"$//')
PX_NOW=$(date -u -d "@$((t0 + 95))" +%Y-%m-%dT%H:%M:%SZ) web POST "/s/$T2" "" "nonce=$N2&lang=en&q_satisfied=yes" | grep -o '<h1>[^<]*'
S2=$(jq -r 'select(.type == "notification") | .object' sat2.jsonl)
q "SELECT status, time_spent FROM surveys WHERE public_id = '$S2'"
q "SELECT e.event, e.time_on_page FROM survey_events e JOIN surveys s ON s.id = e.survey_id WHERE s.public_id = '$S2' AND e.time_on_page > 0"
# twenty wrong links from one network this hour: the next try from it is
# refused, even with a good link; another network goes on
for i in $(seq 20); do REMOTE_ADDR=10.1.2.3 web GET "/s/wrong-$i" > /dev/null; done
REMOTE_ADDR=10.1.2.99 web GET "/s/$T" | status
REMOTE_ADDR=10.1.3.1 web GET "/s/$T" | status
q "SELECT count(*), sum(failures), min(length(client)) FROM web_failures"
q "SELECT count(*) FROM web_failures WHERE client LIKE '%10.1%'"
### stdout
exit 0
Status: 200 OK
Content-Security-Policy: default-src 'self'
Referrer-Policy: no-referrer
X-Frame-Options: DENY
X-Content-Type-Options: nosniff
Cache-Control: no-store
<html lang="ar" dir="rtl">
1
Dear Ahmed
0
<html lang="ar" dir="rtl">
viewed
Status: 403 Forbidden
Status: 400 Bad Request
<p class="error">هذه الإجابة ليست من خيارات السؤال.
Status: 200 OK
<h1>Thank you
completed|no
escalated
page_view||mobile
survey_started||mobile
question_answered|satisfied|mobile
survey_completed||mobile
<h1>شكراً لك
Status: 404 Not Found
<h1>الرابط غير صالح
Status: 410 Gone
<h1>انتهت مدة هذا الاستبيان
Status: 413 Payload Too Large
Status: 405 Method Not Allowed
1
<h1>Thank you
completed|95
survey_started|95
Status: 429 Too Many Requests
Status: 200 OK
2|22|64
0
