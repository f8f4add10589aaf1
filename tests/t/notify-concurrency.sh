# Two px-notify --drain at once against one outbox: every message reaches
# the gateway exactly once.  A sender that died mid-attempt is recovered.
. "$TESTS/servers/notify.sh"
setup_notify
start_server gw http_gateway.py 200
printf '[sms]\nurl = http://127.0.0.1:%s/send\ntimeout = 5\n' "$PORT" > px.conf
for i in $(seq 1 40); do notification "c$i" sms; done | px-notify --queue > queued 2> err
rc=$?
check "--queue stores 40 messages and sends none, exit 0" \
	sh -c "test $rc = 0 && test \$(grep -c '\"status\":\"pending\",\"attempts\":0' queued) = 40 && test \$(ls gw.d | wc -l) = 0"
px-notify --drain > d1 2> e1 &
p1=$!
px-notify --drain > d2 2> e2 &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
check "both drains exit 0 without diagnostics" sh -c "test $r1 = 0 -a $r2 = 0 && ! test -s e1 && ! test -s e2"
cat > count.py <<'PY'
import glob, json, collections
c = collections.Counter(json.loads(json.load(open(f))["body"])["reference"] for f in glob.glob("gw.d/*.json"))
print(len(c), sorted(set(c.values())))
PY
check "the gateway received 40 distinct messages, each once" test "$("$PY" count.py)" = "40 [1]"
check "40 results between the two drains" test "$(cat d1 d2 | grep -c '"status":"sent"')" = 40
check "every message sent once in the outbox" \
	test "$(sqlite3 px.db "SELECT count(*), sum(attempts) FROM notifications WHERE state = 'sent'")" = "40|40"

# A sender died during an attempt: e-mail whose after_crash policy is
# hold becomes unknown after the lease; an SMS gateway with an idempotency
# key is resent (tests/t/crash.sh kills real senders under both policies).
notification u1 email | px-notify --queue > /dev/null
r1=$?
printf '[sms]\nurl = http://127.0.0.1:%s/send\nidempotency_header = Idempotency-Key\n[email]\nafter_crash = hold\n' "$PORT" > px.conf
notification u2 sms | px-notify --queue > /dev/null
r2=$?
check "two more messages queued, exit 0" test "$r1$r2" = 00
sqlite3 px.db "UPDATE notifications SET state = 'sending', attempts = 1, claim_token = 'dead', claimed_at = '2026-11-23T09:00:00Z' WHERE key IN ('u1', 'u2')"
px-notify --drain > out 2> err
check "within the lease nothing is touched" sh -c "test ! -s out && test \$(sqlite3 px.db \"SELECT count(*) FROM notifications WHERE state = 'sending'\") = 2"
PX_NOW=2026-11-23T09:20:00Z px-notify --drain > out 2> err
rc=$?
check "after the lease: email held, unknown (exit 1), never resent" \
	sh -c "test $rc = 1 && grep -q '\"key\":\"u1\".*\"status\":\"unknown\"' out && grep -q 'unknown: a sender stopped' err"
check "after the lease: the SMS with an idempotency key is resent once" \
	sh -c "grep -q '\"key\":\"u2\".*\"status\":\"sent\",\"attempts\":2' out && test \$(ls gw.d | wc -l) = 41"
