# Crash trials: each command of the loop (import, send, complaint intake,
# SLA check, drain) is killed with SIGKILL at a random moment of its run,
# TRIALS times (20 on the plain build, 4 under the sanitizers, which are
# slower but no different here).  After each kill the store must pass
# integrity_check and foreign_key_check, and running the command again
# must finish the work exactly once: every table (but the audit) holds
# the rows of a run that was never killed, and the rows that say what was
# done are the same (events, due surveys, references, marks, messages).
# The drain's trials count at real servers on 127.0.0.1 what arrived:
# under the resend policy (an SMS gateway with an idempotency key, and
# e-mail) every message arrives, and any that arrives twice carries the
# same key or Message-ID both times; under the hold policy none arrives
# twice, and a message left in doubt is 'unknown' for a person.
. "$TESTS/lib/common.sh"
. "$TESTS/servers/notify.sh"
# the servers live as long as the whole test may take on a loaded machine
SERVER_TIMEOUT=900
TRIALS=${CRASH_TRIALS:-20}
msgstate=state # what the facts say of a message
[ "$PX_SANITIZED" = 1 ] && TRIALS=4
export PX_NOW=2026-11-23T10:00:00Z
t=0
ok() { t=$((t + 1)); echo "ok $t - $1"; }
nok() { t=$((t + 1)); echo "not ok $t - $1"; }
setup_org > /dev/null &&
px user add kfh_px --role hospital_admin --hospital KFH --email px@kfh.example > /dev/null &&
px user add kfh_opd --role department_manager --hospital KFH --department OPD --email opd@kfh.example > /dev/null &&
for f in "$SHARE"/surveys/*.json; do px-survey template add "$f" > /dev/null || exit 1; done
printf '[import]\nbatch = 200\n[notify]\nquiet_hours = none\nexpire_hours = 240\n' > px.conf

# every table's rows but the audit's, in one query
count_sql=$(sqlite3 px.db "SELECT group_concat('SELECT ''' || name || ''', count(*) FROM \"' || name || '\"', ' UNION ALL ')
	FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit' ORDER BY name)")
counts() { sqlite3 px.db "$count_sql"; }
# what was done, without the random public ids and the run's own times
facts() {
	sqlite3 px.db "
	SELECT 'event', event_key, event FROM visit_events ORDER BY 2;
	SELECT 'due', e.event_key, d.status, d.template FROM survey_due d JOIN visit_events e ON e.id = d.event_id ORDER BY 2, 4;
	SELECT 'survey', s.template_id, s.dedup_key, s.status FROM surveys s ORDER BY 2, 3;
	SELECT 'case', ref, kind, state, source_ref FROM cases ORDER BY 2;
	SELECT 'mark', c.ref, m.clock, m.mark FROM sla_marks m JOIN cases c ON c.id = m.case_id ORDER BY 2, 3, 4;
	SELECT 'message', channel, template, address, $msgstate FROM notifications ORDER BY 2, 3, 4, 5;" 2>&1
}
keep() { sqlite3 px.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null && cp px.db "$1.db"; }
restore() { rm -f px.db-wal px.db-shm && cp "$1.db" px.db; }
ms() { echo $(($(date +%s%N) / 1000000)); }

# trials NAME BEFORE 'COMMAND' ['AGAIN']: COMMAND's run on the store
# BEFORE, untouched, is the reference (its store kept as NAME); then
# TRIALS runs of it on BEFORE, each killed after a random part of the
# reference's time, checked, and finished by AGAIN (default COMMAND).
# Sets $killed to how many trials the kill cut short.
trials() {
	local name=$1 before=$2 cmd=$3 again=${4:-$3} t0 span i delay pid bad= rc st
	killed=0
	restore "$before"
	t0=$(ms)
	bash -c "$cmd" > "$name.clean.out" 2> "$name.clean.err"
	span=$(($(ms) - t0))
	counts > "$name.counts"
	facts > "$name.facts"
	keep "$name"
	grep -q 'rror' "$name.facts" && bad="the facts of the run: $(head -1 "$name.facts")"
	trial_reset
	for i in $([ -z "$bad" ] && seq 1 "$TRIALS"); do
		restore "$before"
		delay=$((RANDOM % (span + 1)))
		( exec bash -c "exec $cmd" > "$name.out" 2> "$name.err" ) &
		pid=$!
		sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
		kill -9 "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
		st=$?
		[ "$st" = 137 ] && killed=$((killed + 1))
		if [ "$(sqlite3 px.db 'PRAGMA integrity_check; PRAGMA foreign_key_check')" != ok ]; then
			bad="trial $i (killed after ${delay} ms): integrity_check or foreign_key_check failed"
			break
		fi
		bash -c "$again" > "$name.again.out" 2> "$name.again.err"
		rc=$?
		if [ "$rc" != 0 ]; then
			bad="trial $i (killed after ${delay} ms): run again, exit $rc: $(head -1 "$name.again.err")"
			break
		fi
		if ! counts | cmp -s - "$name.counts"; then
			bad="trial $i (killed after ${delay} ms): run again, other rows: $(counts | diff "$name.counts" - | grep '^[<>]' | tr '\n' ' ')"
			break
		fi
		if ! facts | cmp -s - "$name.facts"; then
			bad="trial $i (killed after ${delay} ms): run again, other work: $(facts | diff "$name.facts" - | grep '^[<>]' | head -4 | tr '\n' ' ')"
			break
		fi
		trial_check "$name" "$i" || { bad="trial $i (killed after ${delay} ms): $why"; break; }
	done
	if [ -z "$bad" ] && [ "$killed" -gt 0 ]; then
		ok "$name: $TRIALS kills ($killed mid-run, the run takes ${span} ms): store intact, run again the work is done once"
	else
		nok "$name: ${bad:-the kill never cut a run short}"
	fi
	restore "$name"
}
trial_check() { :; }
trial_reset() { :; }

# 800 visits of 50 patients, admitted and discharged
awk 'BEGIN { print "event_id,event,event_time,hospital,department,visit,patient_type,mrn,phone";
  for (i = 0; i < 1600; i++) { v = int(i / 2); ev = i % 2 ? "discharge" : "admit";
    printf "e%d,%s,2026-11-%02dT%02d:00:00Z,KFH,OPD,V%d,opd,M%d,05%08d\n", i, ev, 1 + v % 20, 8 + i % 2, v, v % 50, v % 50 } }' > visits.csv
keep base
trials import base "px-import-his --quiet visits.csv > /dev/null"
trials send import "px-survey send --due > /dev/null"
# 40 complaints from a call centre, each acknowledged by SMS
awk 'BEGIN { print "hospital,reference,source,mrn,name,phone,email,department,title,description,category,severity";
  for (i = 0; i < 40; i++)
    printf "KFH,CC-%d,call_center,,Caller %d,055%07d,,OPD,Waited,Waited for hours,1.1,%s\n", i, i, i, i % 3 ? "medium" : "high" }' > complaints.csv
trials complaint send "px-complaint new complaints.csv > /dev/null"
trials sla complaint "env PX_NOW=2026-11-26T10:00:00Z px-sla check > /dev/null"

# The drain: every message queued so far (invitations by SMS, the
# complaints' acknowledgements, the SLA reminders by e-mail) to an SMS
# gateway and an SMTP server that take their time.  Run again after the
# lease, so that what a killed sender held is recovered.
start_server gw http_gateway.py 200
gw=$PORT
start_server smtp smtp_sink.py
smtp=$PORT
conf() { # the gateway's idempotency header, or none; e-mail's policy
	printf '[import]\nbatch = 200\n[notify]\nquiet_hours = none\nlease = 60\nexpire_hours = 240\n[sms]\nurl = http://127.0.0.1:%s/sms\nid_field = /data/message_id\n%s\n[email]\nafter_crash = %s\n[smtp]\nurl = smtp://127.0.0.1:%s\nfrom = PX <px@kfh.example.sa>\nstarttls = optional\n' \
		"$gw" "$1" "$2" "$smtp" > px.conf
}
queued=$(sqlite3 px.db "SELECT count(*) FROM notifications WHERE state = 'pending'")
# what arrived, one line per delivery: channel, key or Message-ID, the
# idempotency key the request carried
arrivals() {
	"$PY" - <<'PY'
import glob, json, email
for f in sorted(glob.glob("gw.d/*.json")):
    r = json.load(open(f))
    print("sms", json.loads(r["body"])["reference"], r["headers"].get("Idempotency-Key", "-"))
for f in sorted(glob.glob("smtp.d/*.eml")):
    m = email.message_from_binary_file(open(f, "rb"))
    print("email", m["Message-ID"], "-")
PY
}
drained() { # how many messages px says it sent, and how many arrived once
	sqlite3 px.db "SELECT count(*) FROM notifications WHERE state = 'sent'"
}
trial_reset() { rm -f gw.d/* smtp.d/*; }
again="env PX_NOW=2026-11-26T10:02:00Z px-notify --drain > /dev/null 2>&1; true"
trial_check() { # the servers' count: resend
	local dup
	arrivals > "arrivals.$2"
	trial_reset
	dup=$(awk '{ print $1, $2 }' "arrivals.$2" | sort | uniq -d | wc -l)
	dups=$((dups + dup))
	if [ "$(awk '{ print $1, $2 }' "arrivals.$2" | sort -u | wc -l)" != "$queued" ]; then
		why="$(awk '{ print $1, $2 }' "arrivals.$2" | sort -u | wc -l) of $queued messages arrived"
		return 1
	fi
	if [ "$(sort -u "arrivals.$2" | awk '$1 == "sms" { print $2 }' | sort | uniq -d | wc -l)" != 0 ]; then
		why="an SMS arrived twice under two idempotency keys"
		return 1
	fi
	if [ "$(drained)" != "$queued" ]; then
		why="$(drained) of $queued messages sent"
		return 1
	fi
}
conf "idempotency_header = Idempotency-Key" resend
dups=0
trials drain-resend sla "env PX_NOW=2026-11-26T10:00:00Z px-notify --drain > /dev/null 2>&1; true" "$again"
echo "# resend: $dups messages arrived twice, each time under the same key"
[ "$queued" -gt 150 ] && ok "resend: $queued messages, by SMS and e-mail, each arrived; a repeat carried its key" ||
	nok "resend: only $queued messages queued"
# hold: nothing arrives twice; what is not sent is unknown, at most one
# message per kill (a sender holds one at a time), and arrived at most once
trial_check() {
	arrivals > "arrivals.$2"
	trial_reset
	local sent unknown other
	sent=$(drained)
	unknown=$(sqlite3 px.db "SELECT count(*) FROM notifications WHERE state = 'unknown'")
	other=$(sqlite3 px.db "SELECT count(*) FROM notifications WHERE state NOT IN ('sent', 'unknown')")
	held=$((held + unknown))
	if [ "$(awk '{ print $1, $2 }' "arrivals.$2" | sort | uniq -d | wc -l)" != 0 ]; then
		why="a message arrived twice under the hold policy"
		return 1
	fi
	if [ "$other" != 0 ] || [ "$unknown" -gt 1 ] || [ $((sent + unknown)) != "$queued" ]; then
		why="$sent sent, $unknown unknown, $other otherwise, of $queued"
		return 1
	fi
	if [ "$(wc -l < "arrivals.$2")" -lt "$sent" ]; then
		why="$sent sent, $(wc -l < "arrivals.$2") arrived"
		return 1
	fi
}
conf "" hold
held=0 msgstate="'sent or held'"
trials drain-hold sla "env PX_NOW=2026-11-26T10:00:00Z px-notify --drain > /dev/null 2>&1; true" "$again"
echo "# hold: $held messages left unknown for a person"
echo "1..$t"
