# Credentials are used or refused, never dropped: a gateway token or an
# SMTP password given as env:NAME whose variable is set but empty is
# refused like an unset one, and with smtp.user and smtp.password set no
# mail goes out unauthenticated when the server offers no AUTH.
. "$TESTS/servers/notify.sh"
setup_notify

# 1. env:NAME in a gateway header: unset and empty are the same refusal.
start_server gw http_gateway.py 200
printf '[sms]\nurl = http://127.0.0.1:%s/v1/messages\nheader.1 = Authorization: Bearer env:PX_TEST_SMS_TOKEN\n' "$PORT" > px.conf
unset PX_TEST_SMS_TOKEN
notification unset1 sms | px-notify > out 2> err-unset
rc_unset=$?
export PX_TEST_SMS_TOKEN=
notification empty1 sms | px-notify > out 2> err-empty
rc_empty=$?
check "token unset: exit 4, the message waits" \
	sh -c "test $rc_unset = 4 && test \"\$(sqlite3 px.db \"SELECT state FROM notifications WHERE key = 'unset1'\")\" = pending"
check "token empty: the same exit 4 and the same reason as unset" \
	sh -c "test $rc_empty = 4 && grep -q \"environment variable 'PX_TEST_SMS_TOKEN' is unset or empty\" err-empty && test \"\$(sed 's/msg_[a-z0-9]*/msg_ID/' err-empty)\" = \"\$(sed 's/msg_[a-z0-9]*/msg_ID/' err-unset)\""
check "nothing reached the gateway: no empty 'Authorization: Bearer '" test "$(ls gw.d | wc -l)" = 0
export PX_TEST_SMS_TOKEN=tok-1
PX_NOW=2026-11-23T09:05:00Z px-notify --drain > out 2> err
check "with the token set, both go, with it" \
	sh -c "test \$(ls gw.d | wc -l) = 2 && grep -q 'Bearer tok-1' gw.d/001.json && grep -q 'Bearer tok-1' gw.d/002.json"

# 2. env:NAME for smtp.password: empty is missing.
start_server smtp smtp_sink.py pxmail s3cret-smtp
smtp_conf() {
	printf '[smtp]\nurl = smtp://127.0.0.1:%s\nfrom = px@kfh.example.sa\nstarttls = optional\nuser = pxmail\npassword = env:PX_TEST_SMTP_PASSWORD\n' "$1" > px.conf
}
smtp_conf "$PORT"
export PX_TEST_SMTP_PASSWORD=
notification mail1 email | px-notify > out 2> err
rc=$?
check "smtp password empty: exit 4, refused as missing, nothing sent" \
	sh -c "test $rc = 4 && grep -q 'smtp.password is not' err && test \$(ls smtp.d | wc -l) = 0"
export PX_TEST_SMTP_PASSWORD=s3cret-smtp
PX_NOW=2026-11-23T09:06:00Z px-notify --drain > out 2> err
check "with the password: sent after the login" \
	test "$(cat smtp.d/1.json 2>/dev/null)" = '{"from": "px@kfh.example.sa", "to": ["sara@example.com"], "login": "pxmail"}'

# 3. A server that offers no AUTH: the message fails for good, with the
# reason, and the server receives nothing (not even MAIL FROM's mail).
SMTP_AUTH=none start_server open smtp_sink.py pxmail s3cret-smtp
smtp_conf "$PORT"
notification mail2 email | px-notify > out 2> err
rc=$?
check "no AUTH offered: exit 1, failed at once, one attempt" \
	sh -c "test $rc = 1 && grep -q '\"key\":\"mail2\".*\"status\":\"failed\",\"attempts\":1' out"
check "the reason says so" \
	grep -q 'smtp: the server offers no login (no AUTH after EHLO) and smtp.user is set: not sent unauthenticated' out
check "the server received no message" test "$(ls open.d | wc -l)" = 0
check "the outbox keeps the failure and its reason" \
	test "$(sqlite3 px.db "SELECT state, last_error LIKE '%not sent unauthenticated%' FROM notifications WHERE key = 'mail2'")" = "failed|1"
PX_NOW=2026-11-23T10:00:00Z px-notify --drain > out 2> err
check "a later --drain does not send it either" test "$(ls open.d | wc -l)" = 0
# without a login configured the same server takes the mail
printf '[smtp]\nurl = smtp://127.0.0.1:%s\nfrom = px@kfh.example.sa\nstarttls = optional\n' "$PORT" > px.conf
notification mail3 email | px-notify > out 2> err
rc=$?
check "no login configured: the same server gets the mail" \
	sh -c "test $rc = 0 && test \$(ls open.d/*.eml | wc -l) = 1"
check "the password is never printed" sh -c '! grep -rq s3cret out err err-unset err-empty'
