# The demo of 'make demo' runs the whole loop to its end: one loop closed
# by the patient's answer, one escalated, every survey accounted for.
# Before that day it makes three months of history, so that its report and
# dashboard have something to show.
unset PX_NOW
start=$(date +%s)
sh "$SHARE/examples/demo.sh" d > out 2> err
rc=$?
echo "# demo.sh took $(($(date +%s) - start)) s"
[ "$rc" = 0 ] && echo "ok 1 - demo.sh exits 0" || { echo "not ok 1 - demo.sh exited $rc"; sed 's/^/#   /' err | tail -20; }
grep -q '^loop of srv_[a-z0-9]*: closed$' out && grep -q '^loop of srv_[a-z0-9]*: escalated$' out
[ $? = 0 ] && echo "ok 2 - one loop closed, one escalated" || echo "not ok 2 - loop outcomes missing"
grep -q '"type":"survey.escalated"' out && echo "ok 3 - survey.escalated emitted" || echo "not ok 3 - no survey.escalated"
n=$(sqlite3 d/px.db "SELECT count(*) FROM surveys WHERE status = 'completed' AND sent_at >= '2026-11-23'")
[ "$n" = 7 ] && echo "ok 4 - seven surveys of the day completed (four answered, two satisfaction checks, one complaint resolution)" || echo "not ok 4 - $n surveys of the day completed"
if grep -v -e '^px-survey: due_[a-z0-9]*: not sent: not due until' -e 'already sent at' \
	-e '^px-import-his: [0-9]* records, [0-9]* applied, ' -e '^px-import-his: suppressed [0-9]*: ' \
	-e "^px-action: permission denied: DGH-ACT-2026-000001: approving one's own action\$" err > unexpected; then
	echo "not ok 5 - unexpected diagnostics"; sed 's/^/#   /' unexpected | head
else
	echo "ok 5 - only the expected diagnostics"
fi
n=$(ls d/sink | grep -c -E '^[0-9]+\.(json|eml)$')
[ "$n" = 17 ] && echo "ok 8 - seventeen messages reached the local sink: six invitations, two alerts, two checks, two acknowledgements of complaints, one resolution survey, one SLA reminder, two actions assigned and one submitted" || echo "not ok 8 - $n messages reached the sink"
s=$(jq -r 'select(.kind == "complaint") | [.type, .clock, (.level // "" | tostring)] | join(":")' d/sla.jsonl | tr '\n' ' ')
[ "$s" = "sla.reminder:response: sla.breach:response: sla.escalation:response:1 " ] &&
	echo "ok 10 - px-sla reminds, then marks the breach and escalates, once each" ||
	echo "not ok 10 - px-sla: $s"
# every negative survey of the history not called within 48 hours is a
# follow-up case whose contact target is marked breached (but for the
# closed ones: a closed case is not checked), and nobody is sent
# anything about it: it fell due before px-sla watched it
f=$(jq -r 'select(.kind == "followup") | .type' d/sla.jsonl | sort | uniq -c | tr -s ' ' | tr '\n' ' ')
u=$(sqlite3 d/px.db "SELECT count(*) FROM surveys s JOIN survey_followups f ON f.survey_id = s.id WHERE s.negative = 1 AND f.state <> 'closed' AND (f.first_contacted_at IS NULL OR julianday(f.first_contacted_at) - julianday(s.completed_at) > 2)")
m=$(sqlite3 d/px.db "SELECT count(*) FROM notifications n JOIN cases c ON c.ref = n.object_id WHERE c.kind = 'followup' AND n.template LIKE 'sla_%'")
[ "$f" = " $u sla.breach " ] && [ "$u" -gt 0 ] && [ "$m" = 0 ] &&
	echo "ok 12 - the history's $u negative surveys not called in time are breached follow-ups, and nobody is chased for them" ||
	echo "not ok 12 - follow-ups: '$f' of $u not called in time, $m messages"
# the actions: one from each call rated 2 or less, one from the escalated
# survey, which its owner (a manager) works and the hospital's admin
# approves; raising again makes nothing more
act=$(sqlite3 d/px.db "SELECT group_concat(c.ref || ':' || r.rule || ':' || c.state || ':' || coalesce(c.owner, '-'), ' ') FROM (SELECT * FROM cases WHERE kind = 'action' AND created_at >= '2026-11-25' ORDER BY id) c JOIN action_raises r ON r.case_id = c.id")
[ "$act" = "KFH-ACT-2026-000001:low-call:open:kfh_er_dm KAMC-ACT-2026-000001:low-call:open:- DGH-ACT-2026-000001:escalated-loop:closed:dgh_day_dm" ] &&
	echo "ok 13 - two actions from the low call ratings, one from the escalated survey, closed once approved above its owner" ||
	echo "not ok 13 - actions: $act"
by=$(sqlite3 d/px.db "SELECT t.actor FROM case_timeline t JOIN cases c ON c.id = t.case_id WHERE c.ref = 'DGH-ACT-2026-000001' AND t.verb = 'approve'")
[ "$by" = dgh_px ] && echo "ok 14 - the hospital's admin approved the manager's action" || echo "not ok 14 - approved by '$by'"
# the survey page, served by px-web behind lighttpd, and its picture
if [ -x /usr/sbin/lighttpd ] || command -v lighttpd > /dev/null; then
	grep -q '^GET /s/TOKEN: HTTP 200, text/html; charset=utf-8$' out && { ! command -v chromium > /dev/null || [ -s d/survey.png ]; }
	[ $? = 0 ] && echo "ok 15 - the demo serves a survey's page through lighttpd and px-web, and takes its picture" ||
		echo "not ok 15 - no survey page served"
else
	echo "ok 15 - # SKIP lighttpd not installed"
fi
held=$(sqlite3 d/px.db "SELECT next_attempt_at FROM notifications WHERE template = 'sla_escalation'")
[ "$held" = 2026-11-26T05:00:00Z ] && echo "ok 11 - the escalation made after hours waits for the next opening" ||
	echo "not ok 11 - escalation held to '$held'"
c=$(sqlite3 d/px.db "SELECT group_concat(source_ref || ':' || state || ':' || coalesce(json_extract(fields, '$.verdict'), '-'), ' ') FROM (SELECT * FROM cases WHERE kind = 'complaint' ORDER BY id)")
[ "$c" = "CC-2611-0042:closed:satisfied CC-2611-0043:open:-" ] &&
	echo "ok 9 - the call centre's two complaints taken in once; one closed, the patient satisfied" ||
	echo "not ok 9 - complaints: $c"
grep -q '^Patient experience, 2026-11 compared with 2026-10$' out && echo "ok 6 - the demo ends with the report" || echo "not ok 6 - no report summary"
# The history: hundreds of visits, answers and follow-ups over three
# months, the same each time (history.py draws everything from the seed).
v=$(sqlite3 d/px.db "SELECT count(*) FROM encounters WHERE created_at < '2026-11-23'")
a=$(sqlite3 d/px.db "SELECT count(*) FROM surveys WHERE status = 'completed' AND sent_at < '2026-11-23'")
f=$(sqlite3 d/px.db "SELECT count(*) FROM survey_followups f JOIN surveys s ON s.id = f.survey_id WHERE s.sent_at < '2026-11-23' AND f.first_contacted_at IS NOT NULL")
m=$(sqlite3 d/px.db "SELECT count(DISTINCT substr(sent_at, 1, 7)) FROM surveys WHERE sent_at < '2026-11-23'")
[ "$v" -ge 300 ] && [ "$a" -ge 200 ] && [ "$f" -ge 30 ] && [ "$m" = 3 ] &&
	echo "ok 9 - three months of history: $v visits, $a surveys answered, $f negative ones followed up" ||
	echo "not ok 9 - history: $v visits, $a answered, $f followed up, $m months"
mkdir h1 h2 h3
python3 "$SHARE/examples/history.py" weeks px-demo-1 h1 > h1/weeks &&
	python3 "$SHARE/examples/history.py" weeks px-demo-1 h2 > h2/weeks &&
	python3 "$SHARE/examples/history.py" weeks px-demo-2 h3 > h3/weeks &&
	diff -r h1 h2 > /dev/null && cmp -s h1/visits-2026-09-01.csv d/history/visits-2026-09-01.csv &&
	! cmp -s h1/visits-2026-09-01.csv h3/visits-2026-09-01.csv
[ $? = 0 ] && echo "ok 10 - the history is the same for the same seed, another for another" || echo "not ok 10 - the history is not reproducible"
# Its report and dashboard show what px is for: trends of three months by
# hospital, departments by name, the Arabic page all Arabic.
grep -q '>2026-09</text>' d/dashboard.html && grep -q '>2026-10</text>' d/dashboard.html &&
	grep -q '>2026-11\*</text>' d/dashboard.html &&
	[ "$(grep -c '<circle' d/dashboard.html)" -ge 18 ] && grep -q '>Outpatient Clinics, King Fahd Hospital<' d/dashboard.html
[ $? = 0 ] && echo "ok 11 - the dashboard has three months by hospital and departments by name" || echo "not ok 11 - the dashboard lacks its trends"
python3 -c '
import sys, html.parser
class Text(html.parser.HTMLParser):
    skip = 0
    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script")
    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script")
    def handle_data(self, data):
        if not self.skip:
            print(data)
Text().feed(open(sys.argv[1], encoding="utf-8").read())' d/dashboard-ar.html > ar.txt
grep -q 'تجربة المريض' ar.txt && ! grep -q '[A-Za-z]' ar.txt && echo "ok 12 - the Arabic dashboard has no English left" ||
	{ echo "not ok 12 - English on the Arabic dashboard"; grep '[A-Za-z]' ar.txt | head -5 | sed 's/^/#   /'; }
grep -q -e '^  KFH/OPD: ' out && grep -q 'changes left out: a sample under 30)$' out
[ $? = 0 ] && echo "ok 13 - the summary names a department's change and leaves the small ones out" || echo "not ok 13 - the summary's largest changes"
# The demo's dashboard, rendered for people to look at: tests/output/demo-dashboard.png
if command -v chromium > /dev/null; then
	prof=$(mktemp -d)
	timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" --window-size=1280,3200 --screenshot="$PWD/demo.png" \
		"file://$PWD/d/dashboard.html" > /dev/null 2>&1
	rm -rf "$prof"
	if [ -s demo.png ]; then
		echo "ok 7 - the demo's dashboard renders"
		[ "${PX_SANITIZED:-0}" = 1 ] || cp demo.png "$TOP/tests/output/demo-dashboard.png"
	else
		echo "not ok 7 - chromium made no screenshot of the demo's dashboard"
	fi
else
	echo "ok 7 - # SKIP chromium not installed"
fi
