# Ninety days of cron: generated visits (a few hundred, three journeys,
# some patients dying between visits, deaths and visits arriving in any
# order), PX_NOW stepped daily through what cron runs (px-import-his,
# px-survey send --due, remind, expire, px-notify --drain) against a real
# HTTP SMS gateway on loopback that is down for six hours in the middle.
# At the end, counted at the gateway and in the store: no message to a
# patient after the import that told px of the death, none lost (every
# survey sent has its invitation delivered or failed with a reason), none
# delivered twice, and every failed message with its reason.
. "$TESTS/servers/notify.sh"
px init > /dev/null && px org load "$TESTS/fixtures/org.csv" > /dev/null || exit 1
for f in "$SHARE"/surveys/*.json; do px-survey template add "$f" > /dev/null || exit 1; done
echo 200 > answer
# the gateway as start_server starts it, but for as long as ninety days
# take under a sanitizer on a busy machine
mkdir -p gw.d
timeout 1800 "$PY" "$TESTS/servers/http_gateway.py" gw.d gw.port "file:$PWD/answer" 2> gw.log &
SERVER_PIDS="$SERVER_PIDS $!"
for _ in $(seq 1 100); do [ -s gw.port ] && break; sleep 0.05; done
PORT=$(cat gw.port 2> /dev/null)
[ -n "$PORT" ] || { echo "not ok 1 - gateway did not start"; cat gw.log; exit 1; }
printf '[sms]\nurl = http://127.0.0.1:%s/send\nid_field = /data/message_id\n' "$PORT" > px.conf
printf 'idempotency_header = Idempotency-Key\ntimeout = 2\n' >> px.conf

# The visits: day N's file holds what the HIS sends that day.  Patients
# come back; about one in twelve dies on a later visit (a death
# disposition, or an update with the deceased flag), some of them with a
# visit of theirs arriving after the death, some with the death in the
# same file as a visit.
"$PY" - <<'PY' || exit 1
import datetime, random
rnd = random.Random(12)
days = {d: [] for d in range(90)}
types = [("opd", "OPD", 0), ("ems", "ER", 0), ("inpatient", "IPD", 3)]
base = datetime.datetime(2026, 9, 1)
def ts(d, h):
    return (base + datetime.timedelta(days=d, hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ")
def row(d, *f):
    days[d].append(",".join(str(x) for x in f))
v = 0
for p in range(120):
    mrn, phone = "M%04d" % p, "050%07d" % (1000000 + p)
    day = rnd.randrange(0, 40)
    dies = rnd.random() < 0.14
    for k in range(rnd.randrange(1, 4)):
        if day > 80:
            break
        t, dept, stay = rnd.choice(types)
        v += 1
        vis = "V%05d" % v
        if stay:
            row(day, "admit", ts(day, 7), "KFH", dept, vis, t, mrn, phone, "", "")
        end = min(day + stay, 85)
        row(end, "discharge", ts(end, 8), "KFH", dept, vis, t, mrn, phone, "", "")
        day = end + rnd.randrange(5, 25)
    if dies and day <= 85:
        v += 1
        kind = rnd.randrange(3)
        if kind == 0:    # dies in hospital: a death disposition
            row(day, "discharge", ts(day, 6), "KFH", "IPD", "V%05d" % v, "inpatient", mrn, "", "20", "")
        elif kind == 1:  # reported by an update, then a visit of before arrives late
            row(day, "update", ts(day, 6), "KFH", "", "", "", mrn, "", "", "yes")
            late = min(day + 2, 89)
            row(late, "discharge", ts(day - 1, 5), "KFH", "OPD", "V%05d" % v, "opd", mrn, phone, "", "")
        else:            # a visit and the death in one file
            row(day, "discharge", ts(day, 5), "KFH", "OPD", "V%05d" % v, "opd", mrn, phone, "", "")
            row(day, "update", ts(day, 6), "KFH", "", "", "", mrn, "", "", "yes")
for d, rows in days.items():
    with open("day%02d.csv" % d, "w") as f:
        f.write("event,event_time,hospital,department,visit,patient_type,mrn,phone,disposition,deceased\n")
        for r in rows:
            f.write(r + "\n")
PY

utc() { printf '%(%Y-%m-%dT%H:%M:%SZ)T' "$1"; } # TZ is UTC
start=$(date -u -d 2026-09-01T09:00:00Z +%s)
# requests.log: "time count" after each step, to tell when the gateway got
# each request
cron() { # TIME [import-file [remind]]: what cron runs at TIME
	export PX_NOW=$1
	local rows
	if [ -n "${2:-}" ]; then
		mapfile -t rows < "$2"
		if [ "${#rows[@]}" -gt 1 ]; then
			px-import-his "$2" > /dev/null 2>> import.err || echo "import $1 $?" >> failures
		fi
	fi
	px-survey send --due > /dev/null 2>> send.err || echo "send $1 $?" >> failures
	if [ -n "${3:-}" ]; then
		px-survey remind > /dev/null 2>> remind.err || echo "remind $1 $?" >> failures
		px-survey expire > /dev/null 2>> expire.err || echo "expire $1 $?" >> failures
	fi
	px-notify --drain > /dev/null 2>> drain.err
	local got=(gw.d/*.json)
	[ -e "${got[0]}" ] || got=()
	echo "$1 ${#got[@]}" >> requests.log
}
: > failures
for d in $(seq 0 89); do
	t=$((start + d * 86400))
	f=$(printf 'day%02d.csv' "$d")
	# reminders and expiry every third day, as a site may set its cron
	r=$((d % 3 == 0 ? 1 : 0)); [ "$r" = 1 ] || r=
	if [ "$d" = 45 ]; then
		# the gateway is down from 06:00 to 12:00; cron runs hourly
		echo 503 > answer
		cron "$(utc $((t - 3 * 3600)))" "$f" 1
		for h in 1 2 3 4 5; do cron "$(utc $((t - 3 * 3600 + h * 3600)))"; done
		echo 200 > answer
		for h in 6 7 8 9 10; do cron "$(utc $((t - 3 * 3600 + h * 3600)))"; done
	else
		cron "$(utc $t)" "$f" "$r"
	fi
done
# two more days for what is still to go
for d in 90 91; do cron "$(utc $((start + d * 86400)))" "" 1; done

q() { sqlite3 -batch px.db "$@"; }
check "every cron command succeeded" test ! -s failures
[ -s failures ] && head -5 failures | sed 's/^/# /'
q "SELECT p.phone, a.at FROM audit a JOIN patients p ON p.public_id = a.object_id
	WHERE a.action = 'patient_deceased'" > deceased
q "SELECT count(*) FROM notifications WHERE state IN ('sent', 'delivered')" > delivered
"$PY" - > verdict <<'PY'
import glob, json
steps = [l.split() for l in open("requests.log")]
def when(i):  # the step in which the gateway got request number i (1-based)
    for t, n in steps:
        if i <= int(n):
            return t
    return "end"
died = {}
for line in open("deceased"):
    phone, at = line.strip().split("|")
    died[phone] = min(at, died.get(phone, at))
ok200, late, dup, total, down = {}, [], [], 0, 0
for path in sorted(glob.glob("gw.d/*.json")):
    r = json.load(open(path))
    i = int(path[-8:-5])
    total += 1
    body = json.loads(r["body"])
    to, key = body["to"], r["headers"].get("Idempotency-Key")
    t = when(i)
    if to in died and t >= died[to]:
        late.append("%s to %s at %s, died %s" % (key, to, t, died[to]))
    if r["status"] == 200:
        if key in ok200:
            dup.append(key)
        ok200[key] = 1
    else:
        down += 1
print("requests %d, refused while down %d, deceased %d" % (total, down, len(died)))
print("late %d %s" % (len(late), "; ".join(late[:3])))
print("dup %d %s" % (len(dup), " ".join(dup[:3])))
print("delivered %d" % len(ok200))
PY
sed 's/^/# /' verdict
check "some patients died, and the gateway was down for a while" \
	sh -c "test $(wc -l < deceased) -ge 5 && ! grep -q 'refused while down 0,' verdict"
check "no message reached a patient after px learnt of the death" grep -q '^late 0 ' verdict
check "no message was delivered twice (counted at the gateway)" grep -q '^dup 0 ' verdict
check "what the store calls sent is what the gateway took" \
	test "$(sed -n 's/^delivered //p' verdict)" = "$(cat delivered)"
check "no survey sent without its invitation, delivered or failed" \
	test "$(q "SELECT count(*) FROM surveys s LEFT JOIN notifications n
		ON n.key = 'survey_invitation:' || s.public_id
		WHERE n.id IS NULL OR n.state NOT IN ('sent', 'delivered', 'failed')")" = 0
check "every failed message says why" \
	test "$(q "SELECT count(*) FROM notifications WHERE state = 'failed'
		AND coalesce(last_error, reason, '') = ''")" = 0
check "the surveys of the dead were withdrawn, their messages failed as deceased" \
	test "$(q "SELECT (SELECT count(*) FROM survey_due WHERE reason = 'deceased') > 0
		AND (SELECT count(*) FROM survey_due d JOIN patients p ON p.id = d.patient_id
			WHERE p.deceased_at IS NOT NULL AND d.status = 'due') = 0")" = 1
check "surveys went out, reminders too, and the inpatient follow-ups" \
	test "$(q "SELECT (SELECT count(*) FROM surveys) > 150
		AND (SELECT count(*) FROM notifications WHERE template = 'survey_reminder') > 0
		AND (SELECT count(*) FROM survey_due WHERE stage = 'follow_up' AND status = 'sent') > 0")" = 1
