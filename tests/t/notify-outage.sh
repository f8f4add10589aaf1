# A gateway down for hours: px-notify retries transient failures on the
# notify.retry schedule as the clock moves on (PX_NOW stepped to each next
# attempt) and delivers every message once when the gateway is back; a 400
# is never retried; a message not sent within notify.expire_hours fails as
# expired with its reason, whether it met errors or waited for a channel;
# px-notify retry --failed puts failed messages back within the acting
# user's hospitals.
. "$TESTS/servers/notify.sh"
setup_notify
px user add kfh_staff --role staff --hospital KFH > /dev/null &&
px user add kamc_admin --role hospital_admin --hospital KAMC > /dev/null || exit 1
sqlite3 px.db "INSERT INTO patients (public_id, hospital_id, mrn, name_en, phone, language, created_at, updated_at)
	VALUES ('pat_badnumber00000000000', 1, 'MRN8', 'Bad Number', '0500000400', 'en', 't', 't'),
	('pat_omar0000000000000000', 2, 'MRN9', 'Omar', '0507654321', 'en', 't', 't')"
echo 503 > answer
GATEWAY_REFUSE=+966500000400 start_server gw http_gateway.py "file:$PWD/answer"
conf() {
	{
		printf '[sms]\nurl = http://127.0.0.1:%s/send\nid_field = /data/message_id\n' "$PORT"
		printf 'idempotency_header = Idempotency-Key\ntimeout = 2\n[notify]\nquiet_hours = none\n'
		for l in "$@"; do echo "$l"; done
	} > px.conf
}
conf
T0=2026-11-23T09:00:00Z
utc() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
secs() { date -u -d "$1" +%s; }
state() { sqlite3 px.db "SELECT state || '|' || attempts FROM notifications WHERE key = '$1'"; }
# the gateway's requests for a key, and how many it answered 200
asked() { grep -l "\"Idempotency-Key\": \"$1\"" gw.d/*.json 2> /dev/null | wc -l; }
got() { grep -l "\"Idempotency-Key\": \"$1\"" gw.d/*.json 2> /dev/null | xargs -r grep -l '"status": 200' | wc -l; }

# 1. Five messages and one to a number the gateway refuses, while it is down.
{ for i in 1 2 3 4 5; do notification "o$i" sms; done
  printf '{"type":"notification","key":"bad","channel":"sms","patient":"pat_badnumber00000000000","template":"survey_reminder","vars":{"link":"L"}}\n'
} | px-notify > out 2> err
rc=$?
check "503: exit 5, every message pending after one attempt but the refused one" \
	sh -c "test $rc = 5 && test \$(grep -c '\"status\":\"pending\",\"attempts\":1,\"error\":\"sms gateway answered HTTP 503\"' out) = 5"
check "400: failed at once" test "$(state bad)" = "failed|1"
check "the first retry comes after 1 minute plus up to 25% (60 to 75 s)" \
	test "$(sqlite3 px.db "SELECT count(*) FROM notifications WHERE key LIKE 'o%' AND next_attempt_at >= '2026-11-23T09:01:00Z' AND next_attempt_at <= '2026-11-23T09:01:15Z'")" = 5

# 2. PX_NOW steps to each next attempt; the gateway comes back after 4 hours.
back=$(( $(secs $T0) + 4 * 3600 ))
sqlite3 px.db "SELECT '$T0', key, attempts, state FROM notifications WHERE key LIKE 'o%'" > log
for step in $(seq 1 40); do
	next=$(sqlite3 px.db "SELECT min(next_attempt_at) FROM notifications WHERE state = 'pending'")
	[ -n "$next" ] || break
	[ "$(secs "$next")" -ge "$back" ] && echo 200 > answer
	PX_NOW=$next px-notify --drain >> drains.out 2>> drains.err
	sqlite3 px.db "SELECT '$next', key, attempts, state FROM notifications WHERE key LIKE 'o%'" >> log
done
check "after the outage every message is sent" \
	test "$(sqlite3 px.db "SELECT count(*) FROM notifications WHERE key LIKE 'o%' AND state = 'sent'")" = 5
check "each after six attempts: 1, 5, 15, 60 and 180 minutes apart, then sent" \
	test "$(sqlite3 px.db "SELECT group_concat(DISTINCT attempts) FROM notifications WHERE key LIKE 'o%'")" = 6
cat > gaps.py <<'PY'
import sys, datetime
t = {}
for line in open("log"):
    now, key, attempts, state = line.strip().split("|")
    t.setdefault(key, {}).setdefault(int(attempts), now)
p = []
sched = [60, 300, 900, 3600, 10800]
for key, seen in sorted(t.items()):
    times = [datetime.datetime.strptime(seen[a], "%Y-%m-%dT%H:%M:%SZ") for a in sorted(seen)]
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
    if len(gaps) != len(sched):
        p.append("%s: %d gaps %r" % (key, len(gaps), gaps))
    for g, d in zip(gaps, sched):
        if not (d <= g <= d * 1.25 + 1):
            p.append("%s: gap %d not in [%d, %d]" % (key, g, d, d * 1.25))
if p: print("; ".join(p))
PY
"$PY" gaps.py > problems 2>&1
check "the gaps between attempts follow notify.retry with its jitter" test ! -s problems
[ -s problems ] && sed 's/^/# /' problems
ok=1
for i in 1 2 3 4 5; do
	[ "$(asked o$i)" = 6 ] && [ "$(got o$i)" = 1 ] || ok=0
done
check "the gateway was asked six times for each, and took each once" test "$ok" = 1
check "400: never retried, the gateway asked once" sh -c "test '$(state bad)' = 'failed|1' && test \$(grep -l 'Idempotency-Key\": \"bad' gw.d/*.json | wc -l) = 1"
check "the drains said only 'will retry' while the gateway was down" \
	sh -c "! grep -v 'will retry: sms gateway answered HTTP 503' drains.err | grep -q ."

# 3. Expiry: a message that meets only errors, and one that waits for a
# channel without a gateway, both fail as expired with their reason.
echo 503 > answer
conf "expire_hours = 3"
T1=2026-11-24T09:00:00Z
{ notification e1 sms; notification w1 whatsapp
  printf '{"type":"notification","key":"k1","channel":"sms","patient":"pat_omar0000000000000000","template":"survey_reminder","vars":{"link":"L"}}\n'
} | PX_NOW=$T1 px-notify > out 2> err
rc=$?
check "a channel without a gateway: the message waits, status 4, the others go on" \
	sh -c "test $rc = 5 && grep -q '\"key\":\"w1\".*\"status\":\"pending\",\"attempts\":0,.*\"reason\":\"no whatsapp gateway: set whatsapp.url in px.conf\"' out && grep -q 'waiting: no whatsapp gateway' err && grep -q '\"key\":\"k1\".*\"status\":\"pending\",\"attempts\":1' out"
last=
for step in $(seq 1 40); do
	next=$(sqlite3 px.db "SELECT min(next_attempt_at) FROM notifications WHERE state = 'pending' AND key IN ('e1', 'k1')")
	[ -n "$next" ] || break
	last=$next
	PX_NOW=$next px-notify --drain > out 2> err
	rc=$?
done
# (status 4: the message without a gateway still waits)
check "errors until expiry: failed, its last attempt as it expired (6 attempts)" \
	sh -c "test '$(state e1)' = 'failed|6' && test '$last' = 2026-11-24T12:00:00Z && grep -q 'msg_.*: failed: expired: not sent within 3 hours (sms gateway answered HTTP 503, 6 attempts)' err && test $rc = 4"
PX_NOW=2026-11-24T12:00:01Z px-notify --drain > out 2> err
check "waiting until expiry: failed with the reason it waited" \
	sh -c "test '$(state w1)' = 'failed|0' && grep -q '\"key\":\"w1\".*\"status\":\"failed\",\"attempts\":0,\"error\":\"expired: not sent within 3 hours (no whatsapp gateway: set whatsapp.url in px.conf)\"' out"

# 4. px-notify retry --failed, within the acting user's hospitals.
echo 200 > answer
T2=2026-11-24T13:00:00Z
PX_NOW=$T2 px-notify --as kamc_admin retry --failed > out 2> err
rc=$?
check "a KAMC admin requeues only the KAMC message" \
	sh -c "test $rc = 0 && test \$(wc -l < out) = 1 && grep -q '\"key\":\"k1\",.*\"status\":\"pending\",\"attempts\":0' out && test '$(state e1)' = 'failed|6'"
PX_NOW=$T2 px-notify --as kfh_staff retry --failed --since 2026-11-24T00:00:00Z > out 2> err
rc=$?
check "KFH's staff requeues what failed since the day began, not the refused one" \
	sh -c "test $rc = 0 && test \$(wc -l < out) = 2 && grep -q '\"key\":\"e1\"' out && grep -q '\"key\":\"w1\"' out && test '$(state bad)' = 'failed|1'"
check "each requeue is audited" \
	test "$(sqlite3 px.db "SELECT group_concat(actor) FROM (SELECT actor FROM audit WHERE action = 'notification_requeued' ORDER BY id)")" = "kamc_admin,kfh_staff,kfh_staff"
PX_NOW=$T2 px-notify --drain > out 2> err
rc=$?
check "the next drain sends the requeued messages once; the one without a gateway waits again" \
	sh -c "test $rc = 4 && test '$(state e1)' = 'sent|1' && test '$(state k1)' = 'sent|1' && test $(got e1) = 1 && test $(got k1) = 1 && test '$(state w1)' = 'pending|0'"
