# The transactional outbox, through the real commands, a real store and
# real servers on 127.0.0.1: px-survey send --due | px-notify with the
# WhatsApp gateway not configured queues every sent survey's message, sends
# the others, says some wait (status 4), and a drain once WhatsApp is
# configured sends the rest, each message once at the servers.  Reminders,
# the negative survey's alerts to staff and the satisfaction check are
# queued with the change that causes them, and carry the survey's one
# link; no survey token is anywhere in the database file.
. "$TESTS/lib/common.sh"
. "$TESTS/servers/notify.sh"
setup_org > /dev/null &&
px user add kfh_px --role hospital_admin --hospital KFH --email px@kfh.example > /dev/null &&
for f in "$SHARE"/surveys/*.json; do px-survey template add "$f" > /dev/null || exit 1; done
# Nine patients with a phone and an email, each due a survey on a channel:
# sms, whatsapp, email in turn, WhatsApp second so that today's px-notify
# would stop before the rest.
for i in 1 2 3 4 5 6 7 8 9; do
	case $((i % 3)) in 1) ch=sms ;; 2) ch=whatsapp ;; 0) ch=email ;; esac
	h=1; [ "$i" -gt 6 ] && h=2
	sqlite3 px.db "INSERT INTO patients (public_id, hospital_id, mrn, name_en, name_ar, phone, email, language, created_at, updated_at)
		VALUES ('pat_p$i', $h, 'MRN$i', 'Patient $i', 'مريض $i', '05012345$i$i', 'p$i@example.org', 'en', 't', 't');
	INSERT INTO encounters (public_id, hospital_id, department_id, patient_id, visit_number, patient_type, status,
		admitted_at, discharged_at, created_at, updated_at)
		SELECT 'enc_p$i', $h, (SELECT id FROM departments WHERE hospital_id = $h AND code = 'ER'), id, 'V$i', 'ems',
		'discharged', '2026-11-22T06:00:00Z', '2026-11-22T10:00:00Z', 't', 't' FROM patients WHERE public_id = 'pat_p$i';
	INSERT INTO survey_due (public_id, patient_id, encounter_id, hospital_id, department_id, journey, stage, template,
		channel, due_at, created_at, updated_at)
		SELECT 'due_p$i', p.id, e.id, p.hospital_id, e.department_id, 'ems', 'discharge', 'outpatient_visit', '$ch',
		'2026-11-23T08:0$i:00Z', 't', 't' FROM patients p JOIN encounters e ON e.patient_id = p.id WHERE p.public_id = 'pat_p$i'" || exit 1
done
start_server gw http_gateway.py 200
gw=$PORT
start_server smtp smtp_sink.py
smtp=$PORT
conf() {
	{
		printf '[notify]\nquiet_hours = none\n'
		printf '[sms]\nurl = http://127.0.0.1:%s/sms\nid_field = /data/message_id\n' "$gw"
		printf '[smtp]\nurl = smtp://127.0.0.1:%s\nfrom = PX <px@kfh.example.sa>\nstarttls = optional\n' "$smtp"
		for l in "$@"; do echo "$l"; done
	} > px.conf
}
conf
# What the servers received: one line per message, "key link" (the
# gateway's reference, the mail's Message-ID key found in the outbox).
cat > received.py <<'PY'
import email, glob, json, re, sqlite3
db = sqlite3.connect("px.db")
link = re.compile(r"https://px\.invalid/s/[A-Za-z0-9_-]+")
for f in sorted(glob.glob("gw.d/*.json")):
    r = json.load(open(f))
    b = json.loads(r["body"])
    m = link.search(b["text"])
    print(b["reference"], m.group(0) if m else "-")
for f in sorted(glob.glob("smtp.d/*.eml")):
    m = email.message_from_bytes(open(f, "rb").read())
    mid = m["Message-ID"].strip("<>").split("@")[0]
    key = db.execute("SELECT key FROM notifications WHERE public_id = ?", (mid,)).fetchone()[0]
    text = "".join(p.get_payload(decode=True).decode("utf-8") for p in m.walk() if not p.is_multipart())
    links = sorted(set(link.findall(text)))
    print(key, " ".join(links) if links else "-")
PY
received() { "$PY" received.py; }

# 1. The pipeline with WhatsApp not configured.
px-survey send --due 2> survey.err | tee sent.jsonl | px-notify > results 2> err
st=("${PIPESTATUS[@]}")
src=${st[0]} nrc=${st[2]}
check "px-survey sends nine surveys" sh -c "test $src = 0 && test \$(grep -c '\"type\":\"notification\"' sent.jsonl) = 9"
check "each printed with the id of its message in the outbox" \
	test "$(grep -c '"type":"notification","key":"survey_invitation:srv_[0-9a-z]*","id":"msg_[0-9a-z]*"' sent.jsonl)" = 9
check "every sent survey has its message in the outbox" \
	test "$(sqlite3 px.db "SELECT count(*) FROM surveys s WHERE s.status = 'sent' AND EXISTS (SELECT 1 FROM notifications n WHERE n.object_id = s.public_id AND n.key = 'survey_invitation:' || s.public_id)")/$(sqlite3 px.db "SELECT count(*) FROM surveys")" = 9/9
check "px-notify exits 4: three wait for WhatsApp, each said on stderr" \
	sh -c "test $nrc = 4 && test \$(grep -c 'waiting: no whatsapp gateway: set whatsapp.url in px.conf' err) = 3 && test \$(wc -l < err) = 3"
check "the six others were sent: three by SMS, three by email" \
	sh -c "test \$(grep -c '\"status\":\"sent\"' results) = 6 && test \$(ls gw.d | wc -l) = 3 && test \$(ls smtp.d/*.eml | wc -l) = 3"
check "the WhatsApp ones wait in the outbox, nothing attempted" \
	test "$(sqlite3 px.db "SELECT group_concat(state || attempts) FROM notifications WHERE channel = 'whatsapp'")" = "pending0,pending0,pending0"

# 2. WhatsApp configured: a drain sends the rest, each once.
conf "[whatsapp]" "url = http://127.0.0.1:$gw/wa" "id_field = /data/message_id"
px-notify --drain > drained 2> err
rc=$?
check "the drain sends the three WhatsApp messages, exit 0" \
	sh -c "test $rc = 0 && test \$(grep -c '\"channel\":\"whatsapp\",\"status\":\"sent\",\"attempts\":1' drained) = 3 && ! test -s err"
px-notify --drain > drained2 2> err
px-notify < sent.jsonl > again 2> err2
check "a second drain and the records again send nothing" \
	sh -c "test ! -s drained2 && test \$(grep -c '\"status\":\"sent\"' again) = 9 && ! grep -q duplicate again"
received > got
check "the servers received nine messages, one per survey" \
	sh -c "test \$(wc -l < got) = 9 && test \$(cut -d' ' -f1 got | sort -u | wc -l) = 9"
check "the outbox holds nine messages" test "$(sqlite3 px.db "SELECT count(*) FROM notifications")" = 9
# the link each survey was sent with, as px-survey printed it
grep -o '"key":"[^"]*"\|https://px.invalid/s/[A-Za-z0-9_-]*' sent.jsonl | paste - - |
	sed 's/"key":"\([^"]*\)"\t/\1 /' | sort > printed
check "each message carried the link px-survey printed, made again at sending time" \
	sh -c "sort got | cmp -s - printed"

# 3. Reminders, with the same link; the store's tokens work by their hash.
PX_NOW=2026-11-26T09:00:00Z px-survey remind > reminders.jsonl
rc=$?
PX_NOW=2026-11-26T09:00:00Z px-notify < reminders.jsonl > rresults 2> err
check "nine reminders queued and sent" \
	sh -c "test $rc = 0 && test \$(grep -c '\"id\":\"msg_' reminders.jsonl) = 9 && test \$(grep -c '\"status\":\"sent\"' rresults) = 9"
received > got2
cat > same.py <<'PY'
import collections, sys
links = collections.defaultdict(set)
for line in open("got2"):
    key, link = line.split()
    links[key.split(":")[1]].add(link)
bad = [s for s, l in links.items() if len(l) != 1]
print(len(links), len(bad))
PY
check "each reminder carries its invitation's link" test "$("$PY" same.py)" = "9 0"

# 4. A negative answer: the alert to staff is queued with the completion.
srv=$(sed -n 1p sent.jsonl | grep -o '"object":"srv_[0-9a-z]*"' | cut -d'"' -f4)
tok=$(sed -n 1p sent.jsonl | grep -o '/s/[A-Za-z0-9_-]*' | cut -c4-)
printf 'token,question,value\n%s,q1,1\n%s,q2,2\n%s,q3,no\n%s,q4,2\n' "$tok" "$tok" "$tok" "$tok" > answers.csv
PX_NOW=2026-11-26T10:00:00Z px-survey respond answers.csv > responded.jsonl 2> err
rc=$?
check "the answer by the link's token completes the survey, negative" \
	sh -c "test $rc = 0 && grep -q '\"type\":\"survey.negative\",\"survey\":\"$srv\"' responded.jsonl"
check "its alert is in the outbox, queued as the survey was completed" \
	test "$(sqlite3 px.db "SELECT n.state || '|' || n.created_at || '|' || s.completed_at FROM notifications n JOIN surveys s ON s.public_id = n.object_id WHERE n.key = 'survey_negative_alert:$srv:kfh_px'")" = "pending|2026-11-26T10:00:00Z|2026-11-26T10:00:00Z"
PX_NOW=2026-11-26T10:00:00Z px-notify < responded.jsonl > aresults 2> err
check "and px-notify sends it by email" grep -q '"key":"survey_negative_alert:[^"]*:kfh_px".*"status":"sent"' aresults

# 5. The satisfaction check: queued with the loop's step.
PX_NOW=2026-11-26T11:00:00Z px-contact --as kfh_px log "$srv" --notes "Called" --explained > /dev/null &&
PX_NOW=2026-11-26T11:05:00Z px-contact --as kfh_px satisfaction "$srv" > check.jsonl
rc=$?
check "the satisfaction check is printed with its message's id, queued in the outbox" \
	sh -c "test $rc = 0 && grep -q '\"key\":\"satisfaction_check:srv_[0-9a-z]*\",\"id\":\"msg_' check.jsonl && test \$(sqlite3 px.db \"SELECT count(*) FROM notifications WHERE template = 'satisfaction_check' AND state = 'pending'\") = 1"
PX_NOW=2026-11-26T11:05:00Z px-notify --drain > cresults 2> err
check "a drain sends it" grep -q '"key":"satisfaction_check:.*"status":"sent"' cresults

# 6. No token in the store: every link printed or received, searched in a
# .dump and in the raw files.
cat sent.jsonl reminders.jsonl check.jsonl | grep -o '/s/[A-Za-z0-9_-]*' | cut -c4- > tokens
received | tr ' ' '\n' | grep -o '/s/[A-Za-z0-9_-]*' | cut -c4- >> tokens
sort -u tokens -o tokens
check "the test's messages carried ten distinct tokens (nine surveys and the check)" test "$(wc -l < tokens)" = 10
sqlite3 px.db .dump > dump.sql
found=0
while read -r t; do
	grep -qF -- "$t" dump.sql && found=$((found + 1))
	for f in px.db px.db-wal; do [ -f "$f" ] && grep -aqF -- "$t" "$f" && found=$((found + 1)); done
done < tokens
check "no token in a .dump of the store, nor in its files" test "$found" = 0
check "the store keeps the hashes and salts, the outbox the placeholder" \
	sh -c "test \$(sqlite3 px.db \"SELECT count(*) FROM survey_tokens WHERE salt IS NOT NULL\") = 10 && test \$(sqlite3 px.db \"SELECT count(*) FROM notifications WHERE link IS NOT NULL AND body LIKE '%{{link}}%' AND vars NOT LIKE '%/s/%'\") = 19"
