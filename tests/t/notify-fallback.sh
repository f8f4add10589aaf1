# The channel fallback order: notify.fallback lists channels, and a
# message whose channel px cannot use (no gateway) or that is refused goes
# to the next channel after its own that px can use and on which the
# patient has an address and no opt-out, its text made again for that
# channel; with none left it waits (status 4) until a drain finds one.
# whatsapp.fallback_sms is the same as "whatsapp sms".
. "$TESTS/servers/notify.sh"
setup_notify
start_server sms http_gateway.py 200
smsport=$PORT
start_server wa http_gateway.py 400
waport=$PORT
start_server smtp smtp_sink.py
smtpport=$PORT
conf() {
	{
		echo "[notify]"
		echo "quiet_hours = none"
		for l in "$@"; do echo "$l"; done
	} > px.conf
}
SMS="[sms]
url = http://127.0.0.1:$smsport/send"
WA="[whatsapp]
url = http://127.0.0.1:$waport/wa"
MAIL="[smtp]
url = smtp://127.0.0.1:$smtpport
from = PX <px@kfh.example.sa>
starttls = optional"
row() { sqlite3 px.db "SELECT requested_channel, channel, state, coalesce(reason, '-') FROM notifications WHERE key = '$1'"; }
n() { ls "$1".d 2> /dev/null | grep -c "${2:-json}$"; }

# 1. No WhatsApp gateway: sent by SMS.
conf "fallback = whatsapp sms" "$SMS"
notification f1 whatsapp | px-notify > out 2> err
rc=$?
check "no whatsapp gateway, fallback whatsapp sms: sent by sms, exit 0" \
	sh -c "test $rc = 0 && test '$(row f1)' = 'whatsapp|sms|sent|whatsapp unavailable: sent by sms' && test $(n sms) = 1 && ! test -s err"
check "the move is audited" \
	test "$(sqlite3 px.db "SELECT count(*) FROM audit WHERE action = 'notification_fallback'")" = 1

# 2. WhatsApp refuses (400): sent by SMS.
conf "fallback = whatsapp sms" "$SMS" "$WA"
notification f2 whatsapp | px-notify > out 2> err
rc=$?
check "whatsapp 400, fallback whatsapp sms: sent by sms" \
	sh -c "test $rc = 0 && test '$(row f2)' = 'whatsapp|sms|sent|whatsapp failed: sent by sms' && test $(n wa) = 1 && test $(n sms) = 2"

# 3. SMS to email: the text made again from the template, with a subject.
conf "fallback = sms email" "$MAIL"
notification f3 sms | px-notify > out 2> err
rc=$?
check "no sms gateway, fallback sms email: sent by email to the patient's address" \
	sh -c "test $rc = 0 && test '$(row f3)' = 'sms|email|sent|sms unavailable: sent by email' && test $(n smtp eml) = 1 && grep -q sara@example.com smtp.d/1.json"
cat > mail.py <<'PY'
import email, email.header, sys
m = email.message_from_bytes(open("smtp.d/1.eml", "rb").read())
subject = str(email.header.make_header(email.header.decode_header(m["Subject"])))
parts = {p.get_content_type(): p for p in m.walk() if not p.is_multipart()}
text = parts["text/plain"].get_payload(decode=True).decode("utf-8")
p = []
if "مستشفى الملك فهد" not in subject: p.append("subject %r" % subject)
if "https://px.example/s/abc" not in text or "سارة علي" not in text: p.append("text %r" % text)
if p: print("; ".join(p))
PY
"$PY" mail.py > problems 2>&1
check "the email has the template's subject and the text with the link" test ! -s problems
[ -s problems ] && sed 's/^/# /' problems

# 4. A channel the patient opted out of is passed over.
sqlite3 px.db "UPDATE patients SET optout_sms = 1"
conf "fallback = whatsapp sms email" "$SMS" "$MAIL"
notification f4 whatsapp | px-notify > out 2> err
check "opted out of sms: whatsapp goes by email" \
	sh -c "test '$(row f4)' = 'whatsapp|email|sent|whatsapp unavailable: sent by email' && test $(n smtp eml) = 2 && test $(n sms) = 2"
sqlite3 px.db "UPDATE patients SET optout_sms = 0"

# 5. Only the channels after the message's own: email first in the list
# never takes a WhatsApp message; with none left it waits, and goes when
# a channel after it is configured.
conf "fallback = email whatsapp sms" "$MAIL"
notification f5 whatsapp | px-notify > out 2> err
rc=$?
check "no channel left: waits on whatsapp, exit 4, said on stderr" \
	sh -c "test $rc = 4 && test '$(row f5)' = 'whatsapp|whatsapp|pending|no whatsapp gateway: set whatsapp.url in px.conf' && grep -q 'waiting: no whatsapp gateway' err && test $(n smtp eml) = 2"
conf "fallback = email whatsapp sms" "$MAIL" "$SMS"
px-notify --drain > out 2> err
rc=$?
check "a drain once sms is configured: sent by sms, once" \
	sh -c "test $rc = 0 && test '$(row f5)' = 'whatsapp|sms|sent|whatsapp unavailable: sent by sms' && test $(n sms) = 3"
px-notify --drain > out 2> err
check "and not again" sh -c "test ! -s out && test $(n sms) = 3"

# 6. whatsapp.fallback_sms keeps working, now also without a WhatsApp gateway.
conf "$SMS" "[whatsapp]" "fallback_sms = true"
notification f6 whatsapp | px-notify > out 2> err
check "whatsapp.fallback_sms = true: no whatsapp gateway, sent by sms" \
	test "$(row f6)" = 'whatsapp|sms|sent|whatsapp unavailable: sent by sms'

# 7. A bad order is a configuration error.
conf "fallback = whatsapp fax" "$SMS"
notification f7 whatsapp | px-notify > out 2> err
rc=$?
check "notify.fallback with an unknown channel: exit 4 before anything is stored" \
	sh -c "test $rc = 4 && grep -q 'notify.fallback must list channels' err && test -z \"\$(sqlite3 px.db \"SELECT 1 FROM notifications WHERE key = 'f7'\")\""
