# Sourced by the tests/man/PAGE.setup scripts, in the directory where a
# page's EXAMPLES run (see tests/t/man-examples.sh).  Helpers to give the
# examples what a site has: a store with the sample organisation, the
# shipped survey templates, the sample HIS files, and an SMS/WhatsApp
# gateway and a mail server on 127.0.0.1, stopped when the session ends.
. "$TESTS/lib/common.sh"
. "$TESTS/servers/notify.sh"

# The shipped journeys and message templates, from the source tree.
export PX_DATA="$SHARE"

# ex_store: px init, the sample hospitals and departments, and kfh_px, a
# hospital_admin of KFH with an email address (negative-survey alerts).
ex_store() {
	px init
	px org load "$SHARE/examples/org.csv" > /dev/null
	px user add kfh_px --role hospital_admin --hospital KFH \
		--full-name "KFH patient experience" --email px@kfh.example.sa
}

# ex_templates: the shipped survey templates.
ex_templates() {
	px-survey template add "$SHARE"/surveys/*.json > /dev/null
}

# ex_samples: the sample HIS files in the current directory.
ex_samples() {
	cp "$SHARE/examples/visits.csv" "$SHARE/examples/adt.hl7" .
}

# ex_servers: an HTTP gateway for SMS and WhatsApp and a mail server, both
# accepting everything, and a px.conf that sends through them.  What they
# received is in gw.d/NNN.json and smtp.d/N.eml.
ex_servers() {
	start_server gw http_gateway.py 200
	local gw=$PORT
	start_server smtp smtp_sink.py
	cat >> "$PX_CONFIG" <<CONF
[sms]
url = http://127.0.0.1:$gw/sms
id_field = /data/message_id

[whatsapp]
url = http://127.0.0.1:$gw/whatsapp
id_field = /data/message_id

[smtp]
url = smtp://127.0.0.1:$PORT
from = PX Surveys <px@kfh.example.sa>
starttls = optional
CONF
}

# ex_count DIR PATTERN: how many files a server wrote.
ex_count() {
	find "$1" -name "$2" 2> /dev/null | wc -l
}

# ex_fail MESSAGE: a failed check, on standard error, ending the session.
ex_fail() {
	echo "check: $*" >&2
	exit 1
}
