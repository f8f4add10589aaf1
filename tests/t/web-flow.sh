# The patients' pages through a real web server and a real browser on
# 127.0.0.1 (lighttpd running px-web as a CGI program, headless Chromium
# through the DevTools protocol, tests/servers/web.sh): a survey opened
# from the link of the SMS a gateway on 127.0.0.1 received, answered in
# Arabic, its answers,
# score, link events, alert and queue item in the store; a complaint filed
# on the form and followed by its code; an anonymous observation.  The
# pages pass tidy, and phone-width screenshots of the survey (English and
# Arabic) and the complaint form are kept in tests/output.
. "$TESTS/lib/common.sh"
. "$TESTS/servers/notify.sh"
. "$TESTS/servers/web.sh"
. "$TESTS/fixtures/contact/setup.sh"
web_require lighttpd tidy chromium
setup_loop > /dev/null 2>&1 || { echo "not ok 1 - the store"; exit 1; }
px user add kfh_dm --role department_manager --hospital KFH --department OPD --email dm@kfh.example > /dev/null
start_web "$BIN/px-web"
export PX_SURVEY_BASE_URL="$WEB_URL/s/"

# a survey sent to KFH0002 for a new visit, its link from the message;
# a low rating reveals the question of what went wrong, asked on the
# next page before the survey completes
# sent by SMS through a gateway on 127.0.0.1: the link is read from the
# message the gateway received
start_server gw http_gateway.py 200
export PX_SMS_URL="http://127.0.0.1:$PORT/sms" PX_SMS_ID_FIELD=/data/message_id
PX_SURVEY_FATIGUE_DAYS=0 px-survey send --patient KFH0002 --hospital KFH --template outpatient_visit |
	px-notify > sent.jsonl 2> sent.err
[ -s sent.err ] && sed "s/^/#   /" sent.err
S=$(jq -r 'select(.type == "notification.result") | .object' sent.jsonl | head -1)
LINK=$(grep -ho "$WEB_URL/s/[A-Za-z0-9_-]*" gw.d/*.json | head -1)
check "the survey's SMS reached the gateway with a link to the page" eval '[ -n "$S" ] && [[ $LINK == "$WEB_URL/s/"* ]]'

cat > survey.txt <<W
goto $LINK?lang=en
screenshot web-survey-en.png
source
goto $LINK?lang=ar
screenshot web-survey-ar.png
check 'input[name=q_q1][value="1"]'
check 'input[name=q_q2][value="2"]'
check input[name=q_q3][value=no]
check 'input[name=q_q4][value="1"]'
click button[type=submit]
fill #q_q5 "انتظرت ثلاث ساعات ولم يخبرنا أحد"
click button[type=submit]
status
text
W
cdp --width 360 --height 740 survey.txt > survey.out 2> survey.err
rc=$?
check "the browser answers the survey: exit 0" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/#   /' survey.err | tail -5
check "the page thanks the patient in Arabic" grep -q 'شكراً لك' survey.out
sed -n '/^<!DOCTYPE/,/^<\/html>/p' survey.out > survey.html
tidy -q -e survey.html 2> survey.tidy; [ $? -le 1 ]
check "the survey page is valid HTML (tidy)" test $? = 0
answers=$(q "SELECT group_concat(qq.code || '=' || a.value, ' ') FROM survey_answers a JOIN survey_questions qq ON qq.id = a.question_id JOIN surveys s ON s.id = a.survey_id WHERE s.public_id = '$S' ORDER BY qq.position")
check "the store holds the answers" test "$answers" = "q1=1 q2=2 q3=no q4=1 q5=انتظرت ثلاث ساعات ولم يخبرنا أحد"
st=$(q "SELECT status || ' ' || negative || ' ' || (score IS NOT NULL) FROM surveys WHERE public_id = '$S'")
check "completed, scored and negative" test "$st" = "completed 1 1"
ev=$(q "SELECT group_concat(event, ' ') FROM (SELECT e.event FROM survey_events e JOIN surveys s ON s.id = e.survey_id WHERE s.public_id = '$S' ORDER BY e.id)")
check "the link events: views, the start, each answer, the completion" \
	eval '[[ $ev == "page_view "*"survey_started question_answered question_answered question_answered question_answered question_answered survey_completed" ]]'
al=$(q "SELECT count(*) FROM notifications WHERE template = 'survey_negative_alert' AND object_id = '$S'")
check "the negative answer alerts the hospital's admins" test "$al" -ge 1
px-contact queue --as kfh_px > queue.jsonl
check "and is an item of px-contact's queue, awaiting contact" \
	eval "jq -s -e --arg s '$S' 'any(.[]; .survey == \$s and .state == \"awaiting_contact\")' queue.jsonl > /dev/null"

cat > complaint.txt <<W
goto $WEB_URL/complaint?lang=en
screenshot web-complaint.png
select #where "Outpatient Clinics"
fill #title "Long wait"
fill #description "Three hours in the waiting room"
fill #name "Sara Al-Harbi"
fill #phone 0551234567
click button[type=submit]
status
text
W
cdp --width 360 --height 740 complaint.txt > complaint.out 2> complaint.err
check "the browser files a complaint on the form" test $? = 0
code=$(grep -o '[A-Z0-9]\{4\}-[A-Z0-9]\{4\}-[A-Z0-9]\{3\}' complaint.out | head -1)
check "the page gives its tracking code" test -n "$code"
c=$(q "SELECT source || ' ' || created_by || ' ' || person_name FROM cases WHERE tracking = '$code'")
check "a complaint of source patient, opened for the web form" test "$c" = "patient (web form) Sara Al-Harbi"
cdp -e "goto $WEB_URL/track?code=$code&lang=en" -e text > track.out 2> track.err
check "the tracking page shows its reference and state" grep -q "KFH-2026-000001" track.out

cat > observe.txt <<W
goto $WEB_URL/observe?lang=en
select #where Emergency
check input[name=category][value=safety]
fill #description "Wet floor without a sign"
click button[type=submit]
text
W
cdp --width 360 --height 740 observe.txt > observe.out 2> observe.err
check "the browser reports an observation" test $? = 0
o=$(q "SELECT created_by || ' ' || coalesce(person_name, '-') || ' ' || severity FROM cases WHERE kind = 'observation'")
check "anonymous: nothing of who sent it" test "$o" = "(anonymous) - high"
# every page is valid HTML, as px-web writes it
page() { REQUEST_METHOD=GET PATH_INFO=$1 QUERY_STRING=${2:-} px-web | sed '1,/^\r$/d'; }
bad=
for p in /complaint /observe /track "/track code=$code" "/track code=NOPE-NOPE-NOP" /nowhere "/s/$S" \
	"/complaint lang=ar" "/observe lang=ar"; do
	page $p > page.html
	tidy -q -e page.html 2> page.tidy
	[ $? -le 1 ] || { bad="$bad $p"; sed "s/^/#   $p: /" page.tidy | head -3; }
done
check "the forms, the tracking pages, the thanks and the 404 are valid HTML (tidy)" test -z "$bad"
stop_web
check "px-web wrote nothing to the server's log" test ! -s "$WEB_CGI_LOG"
[ -s "$WEB_CGI_LOG" ] && sed 's/^/#   /' "$WEB_CGI_LOG" | head -10
mkdir -p "$TOP/tests/output"
for f in web-survey-en.png web-survey-ar.png web-complaint.png; do
	[ -s "$f" ] && [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ]
	check "$f is a PNG" test $? = 0
	# keep the plain build's pictures
	[ "${BIN##*/asan*}" = "$BIN" ] && cp "$f" "$TOP/tests/output/$f"
done
echo "1..$T"
