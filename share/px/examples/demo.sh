#!/bin/sh
# demo.sh [DIR] - the whole px loop on the sample data, as cron would run it.
#
# Each step is an ordinary command reading and writing records; copy the
# ones you need into a crontab.  DIR (default ./px-demo) receives a fresh
# database.  Nothing leaves the machine: messages go through
# a local sink (sink.py) standing in for the SMS gateway and the mail
# server.  Patients' answers are simulated from the links in the
# invitations.
#
# First come three months of history, so that the report has something to
# show: about 700 visits from 2026-09-01 that history.py makes up from a
# fixed seed (DEMO_SEED), imported a week at a time with the clock
# (PX_NOW) stepped, the patients' answers and the staff's follow-up of the
# negative ones; the same seed gives the same figures.  Then one day of the
# loop, step by step, on the visits of visits.csv and adt.hl7.
set -eu

dir=${1:-px-demo}
here=$(cd "$(dirname "$0")" && pwd)
share=${PX_DATA:-$(cd "$here/.." && pwd)}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
export PX_DB="$dir/px.db" PX_DATA="$share"
rm -f "$PX_DB" "$PX_DB-wal" "$PX_DB-shm" "$dir"/*.jsonl "$dir"/*.csv
# The keyed hash of national IDs needs a secret; a real site keeps it in
# px.conf as 'natid_key = env:...' or in the environment, never here.
export PX_PRIVACY_NATID_KEY="${PX_PRIVACY_NATID_KEY:-demo-only-key-not-for-production}"

# The local sink, and a px.conf that sends through it.
rm -rf "$dir/sink"
mkdir -p "$dir/sink"
py=/usr/bin/python3   # Debian's, which has aiosmtpd
[ -x "$py" ] || py=python3
"$py" "$here/sink.py" "$dir/sink" &
sink=$!
trap 'kill $sink 2> /dev/null' EXIT
for _ in $(seq 1 100); do [ -s "$dir/sink/ports" ] && break; sleep 0.1; done
read -r http smtp < "$dir/sink/ports"
cat > "$dir/px.conf" <<CONF
# The demo's configuration: messages go to the local sink.
[sms]
url = http://127.0.0.1:$http/sms
id_field = /data/message_id

[whatsapp]
url = http://127.0.0.1:$http/whatsapp
id_field = /data/message_id

[smtp]
url = smtp://127.0.0.1:$smtp
from = PX Demo <px@demo.invalid>
# a loopback test server offers no TLS; never set this for a real one
starttls = optional
CONF
export PX_CONFIG="$dir/px.conf"

step() { printf '\n== %s\n' "$*"; }
# at TIME: the clock of the steps that follow (Asia/Riyadh is UTC+3)
at() { export PX_NOW="$1"; printf -- '-- %s\n' "$1"; }
# send: the outbox, as cron runs it; keeps a copy of what was sent
send() { tee -a "$dir/outbox.jsonl" | px-notify > "$dir/sent.jsonl"; }
sent() {
	n=$(grep -c '"type":"notification.result".*"status":"sent"' "$dir/sent.jsonl" || true)
	echo "$n message(s) sent by px-notify (to the local sink in $dir/sink)"
}
# token MRN TEMPLATE: the token of the patient's latest link of that kind
token() {
	pat=$(jq -r --arg m "$1" 'select(.type == "survey.due" and .mrn == $m) | .patient' "$dir/due.jsonl" | head -n 1)
	jq -r --arg p "$pat" --arg t "$2" \
		'select(.type == "notification" and .patient == $p and .template == $t) | .vars.link' \
		"$dir/outbox.jsonl" | tail -n 1 | sed 's#.*/s/##'
}
# survey_of HOSPITAL: its negative survey
survey_of() { jq -r --arg h "$1" 'select(.type == "survey.negative" and .hospital == $h) | .survey' "$dir/negative.jsonl"; }

step "Set up: the store, hospitals and departments, staff, survey templates"
at 2026-08-31T05:00:00Z
px init
px org load "$here/org.csv"
px org load "$here/org.csv"   # a second run changes nothing
px user add kfh_px --role hospital_admin --hospital KFH --full-name "KFH patient experience" --email px@kfh.example
px user add kamc_px --role hospital_admin --hospital KAMC --full-name "KAMC patient experience" --email px@kamc.example
px user add dgh_px --role hospital_admin --hospital DGH --full-name "DGH patient experience" --email px@dgh.example
px user add kfh_nurse --role staff --hospital KFH
for f in "$share"/surveys/*.json; do px-survey template add "$f" > /dev/null; done
px org list -o table
px-survey template list -o csv | cut -d, -f3,4,6,7

step "Three months of history: each week from September, cron imports the HIS export, sends the surveys, patients answer, staff follow up"
seed=${DEMO_SEED:-px-demo-1}
hist="$dir/history"
rm -rf "$hist"
mkdir -p "$hist"
: > "$hist/due.jsonl"
: > "$hist/followup.jsonl"
# history.py COMMAND ...: what the hospitals and their patients do
gen() { cmd=$1; shift; "$py" "$here/history.py" "$cmd" "$seed" "$@"; }
gen weeks "$hist" > "$hist/weeks"
while read -r week cron answers _; do
	export PX_NOW="$cron"
	{
		px-import-his --quiet "$hist/visits-$week.csv" | tee -a "$hist/due.jsonl" | px-survey send
		px-survey send --due
	} > "$hist/sent.jsonl"
	px-notify < "$hist/sent.jsonl" > /dev/null
	# the next day the patients answer, and answer last week's satisfaction
	# checks; the negative answers alert the hospital
	px-survey list --status sent --since "$cron" -o jsonl > "$hist/surveys.jsonl"
	cat "$hist/sent.jsonl" "$hist/followup.jsonl" > "$hist/outbox.jsonl"
	gen answers "$hist" "$hist/surveys.jsonl" "$hist/outbox.jsonl" > "$hist/answers.csv"
	export PX_NOW="$answers"
	px-survey respond "$hist/answers.csv" | tee "$hist/negative.jsonl" | px-contact queue - > "$hist/followup.jsonl"
	px-notify < "$hist/negative.jsonl" > /dev/null
	# staff call most of the patients, some late, and send a satisfaction
	# check, which cron delivers within the hour
	gen followups "$hist" "$hist/negative.jsonl" "$answers" |
	while read -r at srv user flag note; do
		PX_NOW=$at px-contact --as "$user" log "$srv" --notes "$note" --"$flag" > /dev/null
		PX_NOW=$at px-contact --as "$user" satisfaction "$srv" | tee -a "$hist/followup.jsonl" |
			PX_NOW=$at px-notify > /dev/null
	done
	printf -- '-- week from %s: %s visit event(s), %s survey(s) sent, %s answered, %s negative\n' \
		"$week" "$(($(wc -l < "$hist/visits-$week.csv") - 1))" \
		"$(grep -c '"template":"survey_invitation"' "$hist/sent.jsonl" || true)" \
		"$(cut -d, -f1 "$hist/answers.csv" | sed 1d | sort -u | wc -l)" \
		"$(grep -c '"type":"survey.negative"' "$hist/negative.jsonl" || true)"
done < "$hist/weeks"
# The history's messages are kept apart from the day's below.
mkdir -p "$dir/sink/history"
find "$dir/sink" -maxdepth 1 -name '[0-9]*.*' -exec mv -t "$dir/sink/history/" {} +
echo "$(ls "$dir/sink/history" | wc -l) message(s) of the history reached the local sink (in $dir/sink/history)"

step "Cron, 12:00: import the HIS exports, send the surveys that are due, deliver"
at 2026-11-23T09:00:00Z
px-import-his "$here/visits.csv" "$here/adt.hl7" | tee "$dir/due.jsonl" | px-survey send --explain | send
echo "$(grep -c '"type":"survey.due"' "$dir/due.jsonl") survey(s) due; not surveyed, and why:"
sqlite3 "$PX_DB" "SELECT '  ' || status || ': ' || reason || ' (' || count(*) || ')' FROM survey_due WHERE status IN ('suppressed', 'withdrawn') GROUP BY status, reason"
sent

step "Cron, next morning: the surveys that have come due since"
at 2026-11-24T06:00:00Z
px-survey send --due --explain | send
sent

step "Patients answer (simulated from their links); negative answers raise alerts"
at 2026-11-24T08:00:00Z
t1=$(token KFH100001 survey_invitation) t2=$(token KFH100002 survey_invitation)
t3=$(token DGH300001 survey_invitation) t4=$(token KFH100003 survey_invitation)
cat > "$dir/answers.csv" <<CSV
token,question,value
$t1,q1,2
$t1,q2,1
$t1,q3,no
$t1,q4,3
$t1,q5,Three hours in the waiting room and nobody told us why
$t2,triage,5
$t2,staff,5
$t2,pain,yes
$t2,wait,lt30
$t3,recommend,3
$t4,nursing,5
$t4,doctors,4
$t4,room,4
$t4,meals,good
$t4,discharge_explained,yes
$t4,comment,شكراً لفريق التمريض
CSV
px-survey respond "$dir/answers.csv" | tee "$dir/negative.jsonl" | px-contact queue - | send
sent
px-survey list --since 2026-11-23 -o csv | cut -d, -f3,6,7,10,18,20 | sed 's/,/  /g'

step "Staff: the queue of negative surveys, oldest first"
at 2026-11-24T09:00:00Z
px-contact queue --since 2026-11-23 -o table

step "Staff call the patients, log it, and send a satisfaction check"
s1=$(survey_of KFH) s2=$(survey_of DGH)
px-contact --as kfh_px log "$s1" --notes "Called Mr Al-Qahtani; apologised; the clinic adds a nurse to the morning shift" --resolved
px-contact --as dgh_px log "$s2" --notes "Called the patient; the nurse's manager will follow up" --explained
{ px-contact --as kfh_px satisfaction "$s1"; px-contact --as dgh_px satisfaction "$s2"; } | send
sent
px-contact --as kfh_px satisfaction "$s1" || echo "(a second check needs --again: refused as it should be)"

step "Patients answer the check: one by SMS in Arabic, one by link"
at 2026-11-24T15:00:00Z
printf '{"from":"0501234567","text":"نعم"}\n' | px-survey respond --sms
printf 'token,question,value\n%s,satisfied,no\n' "$(token DGH300001 satisfaction_check)" |
	px-survey respond | tee "$dir/escalated.jsonl"
echo "loop of $s1: $(px-contact show "$s1" | jq -r 'select(.type == "contact.survey") | .state')"
echo "loop of $s2: $(px-contact show "$s2" | jq -r 'select(.type == "contact.survey") | .state')"

step "Complaints: the call centre's export, taken in twice (the second adds nothing), each caller told the tracking code"
at 2026-11-24T16:00:00Z
px-complaint new --as kfh_nurse "$here/calls.csv" > "$dir/complaints.jsonl"
px-complaint new --as kfh_nurse "$here/calls.csv" > /dev/null
jq -r '[.ref, .source_ref, .classification, .severity, .tracking] | @tsv' "$dir/complaints.jsonl"
px-notify --drain > "$dir/acks.jsonl" 2> "$dir/drain.log" ||
	echo "(the drain also failed $(wc -l < "$dir/drain.log") message(s) of the history that quiet hours held past their expiry: $dir/drain.log)"
echo "$(jq -r 'select(.status == "sent") | .object' "$dir/acks.jsonl" | grep -c '^KFH-') acknowledgement(s) sent"
c1=$(jq -r 'select(.source_ref == "CC-2611-0042") | .ref' "$dir/complaints.jsonl")
code1=$(jq -r 'select(.source_ref == "CC-2611-0042") | .tracking' "$dir/complaints.jsonl")

step "The complaint worked: assigned, investigated, resolved, closed; the patient's verdict"
px-complaint --as kfh_px assign "$c1" --to kfh_nurse --department OPD > /dev/null
px-complaint --as kfh_nurse start "$c1" --note "Asked the clinic for the day's schedule" > /dev/null
px-complaint --as kfh_nurse note "$c1" --text "The clinic ran one doctor short that morning"
px-complaint --as kfh_px resolve "$c1" --category full_action --resolution "A second doctor now covers the morning clinic" > /dev/null
px-complaint --as kfh_px close "$c1" | jq -c 'select(.type == "notification")' | send
at 2026-11-25T09:00:00Z
printf 'token,question,value\n%s,resolved,yes\n%s,satisfaction,5\n%s,speed,4\n' \
	"$(token KFH100001 complaint_resolution)" "$(token KFH100001 complaint_resolution)" \
	"$(token KFH100001 complaint_resolution)" | px-survey respond > /dev/null
px-complaint show "$c1" | jq -r 'select(.type == "case.event") | [.at, .actor, .event, .verb // "", .to_state // "", .text // ""] | @tsv'
echo "what the patient sees with the code $code1:"
px-complaint track "$code1"
px-complaint list -o table

step "Service levels: cron's px-sla check reminds, then escalates the complaint nobody has answered; negative surveys are watched to their contact target"
c2=$(jq -r 'select(.source_ref == "CC-2611-0043") | .ref' "$dir/complaints.jsonl")
px-sla due --from 2026-11-24T19:00:00+03:00 --hours 8 | jq -r '"8 business hours from Tuesday 19:00 fall due " + .due_local'
at 2026-11-25T10:00:00Z
px-sla check | tee "$dir/sla.jsonl" | jq -r 'select(.kind != "followup") | [.type, .ref, .clock, .before // "", .to] | @tsv'
echo "$(jq -r 'select(.kind == "followup") | .ref' "$dir/sla.jsonl" | wc -l) negative surveys of the history not called within 48 hours: their contact target marked breached, and nobody chased for what fell due before px-sla watched them"
px-notify --drain | jq -r 'select(.status == "sent") | [.object, .channel, .status] | @tsv'
at 2026-11-25T14:00:00Z
px-sla check | tee -a "$dir/sla.jsonl" | jq -r '[.type, .ref, .clock, (.level // "" | tostring), .to // ""] | @tsv'
px-sla check   # again: nothing happens twice
px-sla show "$c2" | jq -r '[.clock, .target, .state, .used_hours, .due_at, .breached] | @tsv'
px-notify list -o csv | awk -F, 'NR == 1 || /sla_escalation/' | cut -d, -f4,6,8,10

step "Improvement actions: raised from the escalated survey and the low call ratings, routed, worked, approved above their owner"
at 2026-11-25T15:00:00Z
px user add dgh_day_dm --role department_manager --hospital DGH --department DAY \
	--full-name "DGH day-surgery manager" --email day.manager@dgh.example
px user add kfh_er_dm --role department_manager --hospital KFH --department ER \
	--full-name "KFH emergency manager" --email er.manager@kfh.example
px-contact call import "$here/call-centre.csv" | px-action raise > "$dir/actions.jsonl"
px-action raise < "$dir/escalated.jsonl" >> "$dir/actions.jsonl"
jq -r 'select(.type == "case" and .kind == "action") | [.ref, .owner_department, .owner // "-", .priority, .title] | @tsv' "$dir/actions.jsonl"
px-action raise < "$dir/escalated.jsonl" | jq -r 'select(.kind == "action") | .ref'   # again: nothing more
a=$(jq -r 'select(.kind == "action" and (.title | startswith("Escalated"))) | .ref' "$dir/actions.jsonl")
px-action --as dgh_day_dm start "$a" > /dev/null
px-action --as dgh_day_dm rca add-cause "$a" --category communication \
	--text "Nobody told the patient why the nurse was late" > /dev/null
px-action --as dgh_day_dm note "$a" --evidence --text "Nurses now tell waiting patients the reason and the time" > /dev/null
px-action --as dgh_day_dm submit "$a" > /dev/null
px-action --as dgh_day_dm approve "$a" || echo "(its owner may not approve it: refused as it should be)"
px-action --as dgh_px approve "$a" | jq -r 'select(.type == "case") | "\(.ref): \(.state)"'
px-action --as dgh_day_dm close "$a" | jq -r 'select(.type == "case") | "\(.ref): \(.state)"'
px-notify --drain | jq -r 'select(.status == "sent") | [.object, .channel, .status] | @tsv'
px-report actions --by trigger --since 2026-11-01 -o table

step "Summary"
at 2026-11-24T16:00:00Z
px-contact queue --all --since 2026-11-23 -o table
px-contact feedback list -o table | { head -n 1; tail -n 2; }
echo
echo "What happened, from the audit trail:"
px audit -o csv | cut -d, -f5 | sed 1d | sort | uniq -c | sort -rn

step "The survey page: px-web behind lighttpd on 127.0.0.1, as the patient opens it from the message"
lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
if [ -x "$lighttpd" ] && command -v px-web > /dev/null; then
	port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	cat > "$dir/lighttpd.conf" <<CONF
server.modules += ( "mod_alias", "mod_cgi", "mod_setenv" )
server.document-root = "$dir"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$dir/lighttpd.log"
alias.url = ( "/" => "$(command -v px-web)/" )
cgi.assign = ( "/px-web" => "" )
setenv.add-environment = ( "PX_DB" => "$PX_DB", "PX_CONFIG" => "$PX_CONFIG", "PX_DATA" => "$PX_DATA",
	"PX_NOW" => "$PX_NOW", "PX_PRIVACY_NATID_KEY" => "$PX_PRIVACY_NATID_KEY", "TZ" => "UTC" )
CONF
	"$lighttpd" -D -f "$dir/lighttpd.conf" &
	web=$!
	trap 'kill $sink $web 2> /dev/null' EXIT
	for _ in $(seq 1 50); do "$py" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2> /dev/null && break; sleep 0.1; done
	# a survey of the day nobody has answered yet, by the link in its message
	open=$(px-survey list --since 2026-11-23 -o jsonl | jq -r 'select(.status == "sent") | .id' | head -1)
	token=$(jq -r --arg s "$open" 'select(.type == "notification" and .object == $s) | .vars.link // empty' "$dir/outbox.jsonl" | head -1 | sed 's#.*/s/##')
	link="http://127.0.0.1:$port/s/$token"
	echo "A patient's survey, served by px-web: $link"
	curl -s -o /dev/null -w "GET /s/TOKEN: HTTP %{http_code}, %{content_type}\n" "$link"
	if command -v chromium > /dev/null; then
		timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
			--window-size=360,1100 --screenshot="$dir/survey.png" "$link" > /dev/null 2>&1 &&
			echo "Its screenshot at a phone's width: $dir/survey.png"
	fi
	kill "$web" 2> /dev/null || true
	wait "$web" 2> /dev/null || true
	trap 'kill $sink 2> /dev/null' EXIT
else
	echo "(lighttpd is not installed: make deps installs it)"
fi

step "Report: the three months, by month"
px-report surveys --by hospital --period month --since 2026-09-01 -o table
px-report nps --by department --since 2026-09-01 -o table
px-report negative --period month --since 2026-09-01 -o table
px-report suppressed --since 2026-09-01 -o table
echo
px-report summary
px-report summary --lang ar
px-report dashboard --since 2026-09-01 > "$dir/dashboard.html"
px-report dashboard --since 2026-09-01 --lang ar > "$dir/dashboard-ar.html"
echo
echo "The dashboard is $dir/dashboard.html (one file, open it in a browser; in Arabic: dashboard-ar.html);"
echo "the store is $PX_DB: try  px --db $PX_DB audit -o table"
