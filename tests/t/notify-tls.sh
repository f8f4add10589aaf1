# px-notify over real TLS on 127.0.0.1, with a certificate made for the
# test: STARTTLS and SMTPS mail and an HTTPS gateway are sent when the
# certificate's authority is trusted (smtp.ca_file, sms.ca_file), and
# refused, the message kept pending, when it is not: verification is
# never turned off.
. "$TESTS/servers/notify.sh"
setup_notify
if ! openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 \
	-subj "/CN=px test" -addext "subjectAltName=IP:127.0.0.1" > /dev/null 2>&1; then
	echo "not ok 1 - openssl could not make a test certificate"
	exit 0
fi
export SMTP_CERT=$PWD/cert.pem SMTP_KEY=$PWD/key.pem

SMTP_TLS=starttls start_server st smtp_sink.py
cat > px.conf <<CONF
[smtp]
url = smtp://127.0.0.1:$PORT
from = PX <px@kfh.example.sa>
timeout = 10
CONF
notification t1 email | px-notify > out 2> err
rc=$?
check "STARTTLS to an unknown authority: not sent, kept pending (exit 5)" \
	sh -c "test $rc = 5 && grep -q '\"status\":\"pending\"' out && ! ls st.d/*.eml > /dev/null 2>&1"
printf 'ca_file = %s\n' "$PWD/cert.pem" >> px.conf
PX_NOW=2026-11-23T10:00:00Z px-notify --drain > out 2> err
check "STARTTLS with the site's authority: sent" grep -q '"key":"t1".*"status":"sent"' out
check "the mail travelled encrypted" grep -q '"tls": true' st.d/1.json

SMTP_TLS=smtps start_server ss smtp_sink.py
printf '[smtp]\nurl = smtps://127.0.0.1:%s\nfrom = PX <px@kfh.example.sa>\nca_file = %s\n' "$PORT" "$PWD/cert.pem" > px.conf
notification t2 email | px-notify > out 2> err
rc=$?
check "SMTPS with the site's authority: sent, exit 0" sh -c "test $rc = 0 && grep -q '\"status\":\"sent\"' out && test -s ss.d/1.eml"

GATEWAY_CERT=$PWD/cert.pem GATEWAY_KEY=$PWD/key.pem start_server gw http_gateway.py 200
printf '[sms]\nurl = https://127.0.0.1:%s/send\ntimeout = 5\n' "$PORT" > px.conf
notification t3 sms | px-notify > out 2> err
rc=$?
check "HTTPS gateway with an unknown authority: not sent, kept pending (exit 5)" \
	sh -c "test $rc = 5 && grep -q '\"status\":\"pending\"' out && ! ls gw.d/*.json > /dev/null 2>&1"
printf 'ca_file = %s\n' "$PWD/cert.pem" >> px.conf
PX_NOW=2026-11-23T10:00:00Z px-notify --drain > out 2> err
check "HTTPS gateway with the site's authority: sent once" \
	sh -c "grep -q '\"key\":\"t3\".*\"status\":\"sent\"' out && test \$(ls gw.d | wc -l) = 1"
