# px-notify sends SMS and WhatsApp through a real HTTP gateway on
# 127.0.0.1 and handles its failures: 500 then 200, slow answers, refused
# connections, 400 for a bad number, WhatsApp falling back to SMS.
. "$TESTS/servers/notify.sh"
setup_notify
export PX_TEST_SMS_TOKEN=tok-123-secret

# sms_conf PORT [EXTRA...]: a gateway section for the channel sms.
sms_conf() {
	local port=$1
	shift
	{
		echo "[sms]"
		echo "url = http://127.0.0.1:$port/v1/messages"
		echo "header.1 = Authorization: Bearer env:PX_TEST_SMS_TOKEN"
		echo 'body = {"to":"{{to}}","text":"{{text}}","ref":"{{key}}"}'
		echo "id_field = /data/message_id"
		echo "idempotency_header = Idempotency-Key"
		echo "timeout = 2"
		for l in "$@"; do echo "$l"; done
	} > px.conf
}
requests() { ls "$1".d/*.json 2>/dev/null | wc -l; }
state() { sqlite3 px.db "SELECT state || '|' || attempts FROM notifications WHERE key = '$1'"; }

# 1. Accepted at once: what the gateway received.
start_server ok http_gateway.py 200
sms_conf "$PORT"
notification k1 sms | px-notify > out 2> err
rc=$?
check "sent: exit 0, quiet" test "$rc" = 0 -a ! -s err
check "result: sent, provider id from /data/message_id, 2 UCS-2 segments" \
	grep -Eq '^\{"type":"notification.result","key":"k1","id":"msg_[0-9a-z]{20}","channel":"sms","status":"sent","attempts":1,"error":null,"reason":null,"provider_id":"prov-1","segments":2,"object_type":"survey","object":"srv_1"\}$' out
cat > req.py <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
b = json.loads(r["body"])
h = {k.lower(): v for k, v in r["headers"].items()}
p = []
if r["method"] != "POST" or r["path"] != "/v1/messages": p.append("request line")
if h.get("authorization") != "Bearer tok-123-secret": p.append("authorization")
if h.get("content-type") != "application/json": p.append("content-type")
if h.get("idempotency-key") != "k1": p.append("idempotency key")
if b != {"to": "+966501234567", "ref": "k1", "text": "عزيزنا سارة علي، شكراً لزيارتك مستشفى الملك فهد. نرجو مشاركتنا رأيك في تجربتك: https://px.example/s/abc"}: p.append("body %r" % b)
if p: print("; ".join(p))
PY
"$PY" req.py ok.d/001.json > problems 2>&1
check "gateway got the normalised number, the Arabic text, the key and the headers" test ! -s problems
[ -s problems ] && sed 's/^/# /' problems
check "the token is never printed" sh -c '! grep -q tok-123 out err'

# 2. 500 then 200: pending, then sent once by a later --drain.
start_server flaky http_gateway.py 500,200
sms_conf "$PORT"
notification k2 sms | px-notify > out 2> err
rc=$?
check "500: exit 5, result pending with the error" \
	sh -c "test $rc = 5 && grep -q '\"status\":\"pending\",\"attempts\":1,\"error\":\"sms gateway answered HTTP 500\"' out && grep -q 'will retry' err"
check "500: next attempt after the backoff (60 to 90 s)" \
	test "$(sqlite3 px.db "SELECT next_attempt_at >= '2026-11-23T09:01:00Z' AND next_attempt_at <= '2026-11-23T09:01:30Z' FROM notifications WHERE key = 'k2'")" = 1
px-notify --drain > out 2> err
check "drain before the backoff: nothing sent" sh -c "test ! -s out && test $(requests flaky) = 1"
PX_NOW=2026-11-23T09:05:00Z px-notify --drain > out 2> err
rc=$?
check "drain after the backoff: sent on the second attempt" \
	sh -c "test $rc = 0 && grep -q '\"key\":\"k2\".*\"status\":\"sent\",\"attempts\":2,\"error\":null' out"
PX_NOW=2026-11-23T10:00:00Z px-notify --drain > out 2> err
check "gateway saw exactly two requests, the second with the same key" \
	sh -c "test ! -s out && test $(requests flaky) = 2 && grep -q '\"Idempotency-Key\": \"k2\"' flaky.d/002.json"

# 3. Slower than the timeout: pending, bounded in time.  The gateway takes
# 20 s; px-notify with a 1 s timeout gives up long before, with room left
# for a loaded machine.
start_server slow http_gateway.py slow:20
sms_conf "$PORT" "timeout = 1"
start=$(date +%s)
notification k3 sms | px-notify > out 2> err
rc=$?
took=$(( $(date +%s) - start ))
check "slow gateway: gives up after the timeout (took ${took}s), pending" \
	sh -c "test $rc = 5 && test $took -le 10 && grep -q '\"status\":\"pending\".*\"error\":\"sms gateway: timed out\"' out"

# 4. Connection refused: nothing lost.
sms_conf 1
notification k4 sms | px-notify > out 2> err
rc=$?
check "refused connection: exit 5, message pending in the outbox" \
	sh -c "test $rc = 5 && test '$(state k4)' = 'pending|1' && grep -q 'connection refused' out"

# 5. 400 for a bad number: failed, never retried.
start_server bad http_gateway.py 400
sms_conf "$PORT"
notification k5 sms | px-notify > out 2> err
rc=$?
check "400: exit 1, failed after one attempt" \
	sh -c "test $rc = 1 && grep -q '\"status\":\"failed\",\"attempts\":1,\"error\":\"sms gateway refused the message: HTTP 400\"' out"
PX_NOW=2026-11-24T09:00:00Z px-notify --drain > /dev/null 2>&1
check "400: a later drain does not retry it" sh -c "test $(grep -l 'Idempotency-Key\": \"k5' bad.d/*.json | wc -l) = 1 && test '$(state k5)' = 'failed|1'"

# 6. Always 500: failed after notify.max_attempts.
start_server down http_gateway.py 500
sms_conf "$PORT" "[notify]" "max_attempts = 2"
notification k6 sms | px-notify > /dev/null 2>&1
rc6=$?
PX_NOW=2026-11-23T12:00:00Z px-notify --drain > out 2> err
rc=$?
check "max_attempts = 2: pending after the first attempt (exit 5), failed after the second" \
	sh -c "test $rc6 = 5 && test $rc = 1 && test '$(state k6)' = 'failed|2' && test $(requests down) = 2"

# 7. WhatsApp refused: falls back to SMS when configured.
start_server wa http_gateway.py 400
waport=$PORT
start_server sms2 http_gateway.py 200
sms_conf "$PORT" "[whatsapp]" "url = http://127.0.0.1:$waport/wa" "fallback_sms = true" "timeout = 2"
notification k7 whatsapp | px-notify > out 2> err
rc=$?
check "WhatsApp 400 then SMS: sent by sms" \
	sh -c "test $rc = 0 && grep -q '\"channel\":\"sms\",\"status\":\"sent\"' out && test $(requests wa) = 1 && test $(requests sms2) = 1"
check "the outbox remembers the fallback" \
	test "$(sqlite3 px.db "SELECT requested_channel, channel, reason FROM notifications WHERE key = 'k7'")" = "whatsapp|sms|whatsapp failed: sent by sms"
