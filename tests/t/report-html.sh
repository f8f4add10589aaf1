# The HTML report renders in headless Chromium: the dashboard and a
# report page are self-contained (no scripts, no links out), show the
# figures the store holds (checked against plain SQL), lay Arabic out
# right to left, and the screenshot of the dashboard is kept in
# tests/output/ for people to look at.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
	echo "ok 1 - # SKIP chromium not installed"
	exit 0
fi
. "$TESTS/lib/common.sh"
export PX_NOW=2026-12-15T09:00:00Z
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
# Six more months of answers so that the trends have a shape: survey i
# goes to one of five departments, and its answer follows a slow drift.
q "WITH RECURSIVE i(n) AS (SELECT 100 UNION ALL SELECT n + 1 FROM i WHERE n < 699)
INSERT INTO surveys (id, public_id, template_id, patient_id, hospital_id, department_id, dedup_key, channel, language,
	status, sent_at, expires_at, opened_at, started_at, completed_at, score, nps_class, negative, created_at, updated_at)
SELECT n, 'srv_x' || n, 1 + n % 2, p.id, d.hospital_id, d.id, 'x' || n, 'sms', 'en',
	CASE WHEN n % 5 = 0 THEN 'sent' ELSE 'completed' END, t, t, t, t,
	CASE WHEN n % 5 = 0 THEN NULL ELSE t END,
	CASE WHEN n % 5 = 0 THEN NULL WHEN n % 2 THEN (n * 7 + n / 60) % 11 ELSE 1 + (n * 3 + n / 100) % 5 END,
	CASE WHEN n % 5 = 0 OR n % 2 = 0 THEN NULL WHEN (n * 7 + n / 60) % 11 >= 9 THEN 'promoter'
	     WHEN (n * 7 + n / 60) % 11 >= 7 THEN 'passive' ELSE 'detractor' END,
	0, t, t
FROM (SELECT n, strftime('%Y-%m-%dT%H:%M:%SZ', '2026-06-01', '+' || ((n - 100) * 6 / 24) || ' days',
	'+' || (n % 12) || ' hours') AS t FROM i) i
JOIN departments d ON d.id = 1 + i.n % (SELECT count(*) FROM departments)
JOIN patients p ON p.hospital_id = d.hospital_id"
t $? "six months of surveys loaded"

px-report dashboard > dash.html
t $? "px-report dashboard writes a page"
! grep -Eqi '<script|<link|src=|href=|https?://[^w]' dash.html
t $? "the page loads nothing and runs nothing"
grep -q '<svg' dash.html && grep -q '<polyline' dash.html && grep -q '<rect' dash.html
t $? "the page has inline SVG trend lines and bars"

chrome() {
	timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d)" "$@" 2> chrome.err
}
chrome --dump-dom "file://$PWD/dash.html" > dom.html
t $? "chromium renders the dashboard"
# The NPS of the window (twelve months to December 2026), by plain SQL.
nps=$(q "SELECT round(100.0 * (sum(nps_class = 'promoter') - sum(nps_class = 'detractor')) / count(*), 1)
	FROM surveys WHERE status = 'completed' AND nps_class IS NOT NULL
	AND completed_at >= '2025-12-31T21:00:00Z' AND completed_at < '2026-12-31T21:00:00Z'")
sent=$(q "SELECT count(*) FROM surveys WHERE sent_at >= '2025-12-31T21:00:00Z' AND sent_at < '2026-12-31T21:00:00Z'")
grep -q "<b>$sent</b>" dom.html
t $? "the rendered page shows $sent surveys sent"
grep -q "<b>$nps \[" dom.html
t $? "the rendered page shows the NPS $nps"
grep -q 'KFH/OPD' dom.html && grep -q 'Score by department' dom.html
t $? "the rendered page has the bars by department"
grep -c '<polyline' dom.html | grep -qx 4
t $? "two trend charts of two hospitals each"

out="$TOP/tests/output"
mkdir -p "$out"
rm -f shot.png
chrome --screenshot="$PWD/shot.png" --window-size=1280,2000 "file://$PWD/dash.html" > /dev/null
[ -s shot.png ] && [ "$(head -c 8 shot.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
t $? "the screenshot is a PNG"
cp shot.png "$out/report-dashboard.png" 2>/dev/null
t $? "the screenshot is kept in tests/output/report-dashboard.png"

# The default window: the twelve full months up to the last one that has
# data.  December has begun (srv_k was completed on its first day in
# Riyadh) but is not over: the page ends with November.
grep -q 'from 2025-12-01 to 2026-11-30 (Asia/Riyadh)' dom.html
t $? "the default window is the twelve full months up to the last one with data"
PX_NOW=2027-03-10T09:00:00Z px-report dashboard > later.html &&
	grep -q 'from 2026-01-01 to 2026-12-31 (Asia/Riyadh)' later.html && ! grep -q '2027-0[12]' later.html
t $? "months without data after the last full month that has some are left out"
# Names and question text, not codes; the codes stay in the tooltips.
grep -q '>Outpatient Clinics, King Fahd Hospital<title>KFH/OPD: ' dash.html &&
	grep -q '>Overall?<title>outpatient_visit:q1: ' dash.html &&
	grep -q '&#9632; King Fahd Hospital<' dash.html && ! grep -q '<text[^>]*>KFH' dash.html
t $? "the dashboard shows department names and question text, not codes"
grep -q '<tr class="low">' dash.html && grep -q 'fill="#ccc"' dash.html &&
	grep -q 'In grey: a sample of fewer than 30\.' dash.html
t $? "groups under report.min_n are greyed"

px-report dashboard --lang ar > ar.html && chrome --dump-dom "file://$PWD/ar.html" > ar-dom.html
grep -q '<html lang="ar" dir="rtl">' ar-dom.html && grep -q 'صافي نقاط الترويج' ar-dom.html
t $? "the Arabic dashboard renders right to left with Arabic labels"
rm -f shot-ar.png
chrome --screenshot="$PWD/shot-ar.png" --window-size=1280,2000 "file://$PWD/ar.html" > /dev/null
[ -s shot-ar.png ] && cp shot-ar.png "$out/report-dashboard-ar.png"
t $? "the Arabic screenshot is kept too"

# Every label Arabic: with the Arabic names the data has (the questions of
# data.sql have none, and one of its reasons is no code px knows), no
# word of English is left in the text of the page, tooltips included.
visible() {
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
Text().feed(open(sys.argv[1], encoding="utf-8").read())' "$1"
}
q "UPDATE survey_questions SET text_ar = 'سؤال ' || id; UPDATE survey_due SET reason = 'opted_out' WHERE reason = 'optout'"
px-report dashboard --lang ar > ar2.html && chrome --dump-dom "file://$PWD/ar2.html" > ar2-dom.html &&
	visible ar2-dom.html > ar2.txt && grep -q 'تجربة المريض' ar2.txt && ! grep '[A-Za-z]' ar2.txt > latin.txt
t $? "the Arabic dashboard has no English left"
[ -s latin.txt ] && sed 's/^/#   /' latin.txt | head -5
timeout 30 px-report dashboard --lang ar --since 2026-06-01 > ar3.html && visible ar3.html > ar3.txt &&
	grep -q 'فترة لم تنته بعد' ar3.txt && ! grep -q '[A-Za-z]' ar3.txt
t $? "an Arabic dashboard with a period not ended, and its notes, has none either"

px-report nps --by department --period month --since 2026-11-01 --until 2027-01-01 -o html > nps.html &&
	chrome --dump-dom "file://$PWD/nps.html" > nps-dom.html
grep -q '<td class="t">KFH/OPD</td>' nps-dom.html && grep -q '<polyline' nps-dom.html
t $? "a report page (-o html) renders its table and trend"

# --since without --period: month trends that stop with the current month
# (they used to run on towards the end of time).
timeout 30 px-report dashboard --since 2026-06-01 > open.html &&
	grep -q 'KFH 2026-12:' open.html && grep -q 'KFH 2026-06:' open.html && ! grep -q '2027-01' open.html
t $? "a dashboard from --since alone ends its trends with the current month"
