# px-notify sends email to a real SMTP server on 127.0.0.1 (aiosmtpd) and
# the server receives a well-formed message with an intact Arabic subject.
. "$TESTS/servers/notify.sh"
setup_notify
start_server smtp smtp_sink.py pxmail s3cret-smtp
export PX_TEST_SMTP_PASSWORD=s3cret-smtp
cat > px.conf <<CONF
[smtp]
url = smtp://127.0.0.1:$PORT
from = PX Surveys <px@kfh.example.sa>
starttls = optional
user = pxmail
password = env:PX_TEST_SMTP_PASSWORD
timeout = 10
CONF

notification survey_invitation:srv_1 email | px-notify > out 2> err
rc=$?
check "email sent: exit 0, nothing on stderr" test "$rc" = 0 -a ! -s err
check "result says sent, one attempt, Message-ID as provider id" \
	grep -Eq '^\{"type":"notification.result","key":"survey_invitation:srv_1","id":"msg_[0-9a-z]{20}","channel":"email","status":"sent","attempts":1,"error":null,"reason":null,"provider_id":"msg_[0-9a-z]{20}@kfh.example.sa","segments":null,"object_type":"survey","object":"srv_1"\}$' out
check "server received exactly one message" test "$(ls smtp.d/*.eml 2>/dev/null | wc -l)" = 1
check "envelope: sender, recipient and the login" \
	test "$(cat smtp.d/1.json)" = '{"from": "px@kfh.example.sa", "to": ["sara@example.com"], "login": "pxmail"}'
cat > check.py <<'PY'
import email, email.header, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw)
def hdr(name):
    return str(email.header.make_header(email.header.decode_header(m[name])))
problems = []
for h in ("Date", "Message-ID", "From", "To", "Subject", "MIME-Version"):
    if m[h] is None: problems.append("no " + h)
if hdr("Subject") != "مستشفى الملك فهد: كيف كانت زيارتك؟": problems.append("subject " + hdr("Subject"))
if "=?UTF-8?B?" not in m["Subject"]: problems.append("subject not RFC 2047 B-encoded")
if m["Date"] != "Mon, 23 Nov 2026 09:00:00 +0000": problems.append("date " + m["Date"])
if m["From"] != "PX Surveys <px@kfh.example.sa>": problems.append("from " + m["From"])
if m["To"] != "<sara@example.com>": problems.append("to " + m["To"])
if m.get_content_type() != "multipart/alternative": problems.append("type " + m.get_content_type())
parts = {p.get_content_type(): p for p in m.walk() if not p.is_multipart()}
text = parts["text/plain"].get_payload(decode=True).decode("utf-8")
if parts["text/plain"]["Content-Transfer-Encoding"] != "base64": problems.append("text not base64")
if parts["text/plain"].get_content_charset() != "utf-8": problems.append("charset")
want = "عزيزنا سارة علي، شكراً لزيارتك مستشفى الملك فهد. نرجو مشاركتنا رأيك في تجربتك: https://px.example/s/abc\r\n"
if text != want: problems.append("body %r" % text)
html = parts["text/html"].get_payload(decode=True).decode("utf-8")
if '<a href="https://px.example/s/abc">' not in html or "سارة علي" not in html: problems.append("html")
for line in raw.split(b"\r\n"):
    if len(line) > 998: problems.append("line longer than 998")
    if b"\n" in line: problems.append("bare LF")
if problems: print("; ".join(problems))
PY
"$PY" check.py smtp.d/1.eml > problems 2>&1
check "message headers, decoded Arabic subject and body, HTML part" test ! -s problems
[ -s problems ] && sed 's/^/# /' problems
check "the password is never printed" sh -c '! grep -q s3cret out err'
check "the outbox says sent" test "$(sqlite3 px.db "SELECT state, attempts FROM notifications")" = "sent|1"

# The same key again: not sent a second time, the result says so.
notification survey_invitation:srv_1 email | px-notify > out2 2> err2
rc=$?
check "same key again: duplicate (exit 0), still one message at the server" \
	sh -c 'test "$1" = 0 && grep -q "\"status\":\"sent\".*\"duplicate\":true" out2 && test "$(ls smtp.d/*.eml | wc -l)" = 1' sh "$rc"

# STARTTLS is required by default: this server does not offer it.
sed -i '/starttls/d' px.conf
notification survey_invitation:srv_2 email | px-notify > out3 2> err3
rc=$?
check "STARTTLS required by default: exit 5, message pending, nothing sent" \
	sh -c "test $rc = 5 && grep -q '\"status\":\"pending\"' out3 && grep -q STARTTLS err3 && test \$(ls smtp.d/*.eml | wc -l) = 1"
check "the pending message keeps its error and a next attempt time" \
	test "$(sqlite3 px.db "SELECT state, attempts, next_attempt_at > '2026-11-23T09:00:59Z', last_error LIKE '%STARTTLS%' FROM notifications WHERE key = 'survey_invitation:srv_2'")" = "pending|1|1|1"

# Optional STARTTLS is refused for a server that is not on the loopback.
printf '[smtp]\nurl = smtp://mail.example.com\nfrom = px@kfh.example.sa\nstarttls = optional\n' > px.conf
notification survey_invitation:srv_3 email | px-notify > out4 2> err4
rc=$?
check "starttls = optional off the loopback: exit 4" \
	sh -c "test $rc = 4 && grep -q 'loopback' err4"

# A recipient the server refuses (550) fails at once, without retry.
printf '[smtp]\nurl = smtp://127.0.0.1:%s\nfrom = px@kfh.example.sa\nstarttls = optional\nuser = pxmail\npassword = env:PX_TEST_SMTP_PASSWORD\n' "$PORT" > px.conf
echo '{"type":"notification","key":"k-reject","channel":"email","to":"reject@example.com","language":"en","template":"sla_reminder","hospital":"KFH","vars":{"complaint":"CMP-1","due":"today","link":"https://px.example/c/1"}}' | px-notify > out5 2> err5
rc=$?
check "550 from the server: failed at once, exit 1" \
	sh -c "test $rc = 1 && grep -q '\"status\":\"failed\",\"attempts\":1' out5 && grep -q 'msg_.*: failed: smtp' err5"
