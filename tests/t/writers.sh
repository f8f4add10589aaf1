# Every kind of writer at once, eight of each, with readers: importers
# (each its own visits, and all of them one shared file), senders of due
# surveys, drains to an SMS gateway and an SMTP server on 127.0.0.1,
# complaint intake (each its own call-centre file, and a shared one), SLA
# checks and action raises, each looping a few times, while reports and
# listings read.  Every process exits 0 without a diagnostic (none finds
# the store busy), the store ends with the rows the same work done one
# command after another leaves, and each message reached its server
# exactly once.
. "$TESTS/lib/common.sh"
. "$TESTS/servers/notify.sh"
# the servers live as long as the whole test may take on a loaded machine
SERVER_TIMEOUT=900
export PX_NOW=2026-11-23T10:00:00Z
W=8
ROUNDS=3
[ "$PX_SANITIZED" = 1 ] && ROUNDS=2
t=0
ok() { t=$((t + 1)); echo "ok $t - $1"; }
nok() { t=$((t + 1)); echo "not ok $t - $1"; }
setup_org > /dev/null &&
px user add kfh_px --role hospital_admin --hospital KFH --email px@kfh.example > /dev/null &&
px user add kfh_opd --role department_manager --hospital KFH --department OPD --email opd@kfh.example > /dev/null &&
for f in "$SHARE"/surveys/*.json; do px-survey template add "$f" > /dev/null || exit 1; done
sqlite3 px.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null && cp px.db base.db
start_server gw http_gateway.py 200
gw=$PORT
start_server smtp smtp_sink.py
printf '[notify]\nquiet_hours = none\nexpire_hours = 240\n[import]\nbatch = 20\n[sms]\nurl = http://127.0.0.1:%s/sms\nid_field = /data/message_id\n[smtp]\nurl = smtp://127.0.0.1:%s\nfrom = PX <px@kfh.example.sa>\nstarttls = optional\n' "$gw" "$PORT" > px.conf

# visits: one per patient, so that which import comes first decides nothing
visits() { # FILE FIRST COUNT
	awk -v a="$2" -v n="$3" 'BEGIN { print "event_id,event,event_time,hospital,department,visit,patient_type,mrn,phone";
	  for (v = a; v < a + n; v++) for (k = 0; k < 2; k++)
	    printf "e%d-%d,%s,2026-11-%02dT%02d:00:00Z,KFH,OPD,V%d,opd,M%d,05%08d\n", v, k, k ? "discharge" : "admit", 1 + v % 20, 8 + k, v, v, v }' > "$1"
}
complaints() { # FILE FIRST COUNT
	awk -v a="$2" -v n="$3" 'BEGIN { print "hospital,reference,source,mrn,name,phone,email,department,title,description,category,severity";
	  for (i = a; i < a + n; i++)
	    printf "KFH,CC-%d,call_center,,Caller %d,055%07d,,OPD,Waited,Waited for hours,1.1,%s\n", i, i, i, i % 3 ? "medium" : "high" }' > "$1"
}
visits shared.csv 0 40
complaints shared-cc.csv 0 10
for i in $(seq 1 $W); do
	visits "v$i.csv" $((i * 100)) 40
	complaints "c$i.csv" $((i * 100)) 15
done

# the work, one command after another: the reference
reference() {
	px-import-his --quiet shared.csv v*.csv > /dev/null &&
		px-survey send --due > /dev/null &&
		px-complaint new shared-cc.csv c*.csv > /dev/null &&
		PX_NOW=2026-11-26T10:00:00Z px-sla check > /dev/null &&
		px-action raise --from-store > /dev/null &&
		PX_NOW=2026-11-26T10:00:00Z px-notify --drain > /dev/null
}
rows() {
	sqlite3 px.db "
	SELECT 'patients', count(*) FROM patients;
	SELECT 'events', count(*) FROM visit_events;
	SELECT 'due ' || status, count(*) FROM survey_due GROUP BY status;
	SELECT 'surveys', count(*) FROM surveys;
	SELECT 'cases ' || kind, count(*), count(DISTINCT ref), max(ref) FROM cases GROUP BY kind;
	SELECT 'marks', count(*) FROM sla_marks;
	SELECT 'messages ' || template || ' ' || state, count(*) FROM notifications GROUP BY template, state;"
}
if reference 2> ref.err; then rows > ref.rows; else nok "the reference run failed: $(head -1 ref.err)"; fi
# what the servers received, one line per message: its channel and key
# or Message-ID (random ids: runs are compared by their counts)
arrivals() {
	"$PY" - <<'PY'
import glob, json, email
for f in glob.glob("gw.d/*.json"):
    print("sms", json.loads(json.load(open(f))["body"])["reference"])
for f in glob.glob("smtp.d/*.eml"):
    print("email", email.message_from_binary_file(open(f, "rb"))["Message-ID"])
PY
}
arrivals | sort > ref.arrivals
rm -f gw.d/* smtp.d/*
rm -f px.db-wal px.db-shm && cp base.db px.db

# everyone at once
mkdir -p log
pids=
spawn() { # NAME COMMAND
	( for r in $(seq 1 $ROUNDS); do eval "$2" || exit 1; sleep 0.0$((RANDOM % 9)); done ) > "log/$1.out" 2> "log/$1.err" &
	pids="$pids $!"
}
for i in $(seq 1 $W); do
	spawn "import$i" "px-import-his --quiet v$i.csv shared.csv > /dev/null"
	spawn "send$i" "px-survey send --due > /dev/null"
	spawn "drain$i" "PX_NOW=2026-11-26T10:00:00Z px-notify --drain > /dev/null"
	spawn "complaint$i" "px-complaint new c$i.csv shared-cc.csv > /dev/null"
	spawn "sla$i" "PX_NOW=2026-11-26T10:00:00Z px-sla check > /dev/null"
	spawn "action$i" "px-action raise --from-store > /dev/null"
done
readers=
for i in 1 2; do
	( for r in $(seq 1 $((ROUNDS * 3))); do
		px-report surveys -o json > /dev/null && px-complaint list > /dev/null && px-report complaints > /dev/null || exit 1
	done ) > "log/read$i.out" 2> "log/read$i.err" &
	readers="$readers $!"
done
fails=0
for p in $pids $readers; do wait "$p" || fails=$((fails + 1)); done
[ "$fails" = 0 ] && ok "$((W * 6)) writers and 2 readers at once: every one exits 0" ||
	nok "$fails of $((W * 6 + 2)) processes failed: $(grep -l . log/*.err | head -3 | tr '\n' ' ')"
if grep -q . log/*.err; then
	nok "diagnostics: $(grep -h . log/*.err | sort | uniq -c | sort -rn | head -3 | tr '\n' ' ')"
else
	ok "no diagnostics, none found the store busy"
fi
# what the last of each kind may have left to the next run (a survey
# made due after the last send, a complaint opened after the last check):
# one more of each, one after another
px-survey send --due > /dev/null && PX_NOW=2026-11-26T10:00:00Z px-sla check > /dev/null &&
	px-action raise --from-store > /dev/null && PX_NOW=2026-11-26T10:00:00Z px-notify --drain > /dev/null ||
	nok "the runs after the crowd failed"
rows > crowd.rows
if cmp -s ref.rows crowd.rows; then
	ok "the store holds the rows of the same work done in turn ($(grep -c . crowd.rows) counts)"
else
	nok "the store differs from the work done in turn: $(diff ref.rows crowd.rows | grep '^[<>]' | head -4 | tr '\n' ' ')"
fi
arrivals | sort > crowd.arrivals
n=$(wc -l < crowd.arrivals)
twice=$(uniq -d crowd.arrivals | wc -l)
[ "$twice" = 0 ] && [ "$(cut -d' ' -f1 ref.arrivals | uniq -c)" = "$(cut -d' ' -f1 crowd.arrivals | uniq -c)" ] && [ "$n" -gt 100 ] &&
	ok "each of $n messages reached its server once, the same as in turn" ||
	nok "$n arrived, $twice twice, $(wc -l < ref.arrivals) in turn"
ic=$(sqlite3 px.db "PRAGMA integrity_check; PRAGMA foreign_key_check")
[ "$ic" = ok ] && ok "integrity and foreign keys" || nok "integrity: $ic"
echo "1..$t"
