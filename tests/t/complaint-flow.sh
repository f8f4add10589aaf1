# Seed 003's complaint resolution flow through the real commands, a real
# store and a real SMTP server on 127.0.0.1: a complaint submitted and
# classified, its acknowledgement mailed with the tracking code, assigned,
# investigated, resolved and closed; the resolution survey mailed; a
# satisfied answer keeps it closed, an unsatisfied one reopens it and
# prints complaint.unsatisfied.  The public view tells nothing but the
# reference, the state and the dates.
. "$TESTS/servers/notify.sh"
export PX_DATA="$SHARE"
setup_notify
px user add kfh_staff --role staff --hospital KFH > /dev/null &&
px user add kfh_dm --role department_manager --hospital KFH > /dev/null &&
px user add kfh_admin --role hospital_admin --hospital KFH > /dev/null &&
px-survey template add "$SHARE/surveys/complaint_resolution.json" > /dev/null || exit 1
sqlite3 px.db "UPDATE patients SET phone = NULL" || exit 1
start_server smtp smtp_sink.py
cat > px.conf <<CONF
[smtp]
url = smtp://127.0.0.1:$PORT
from = PX <px@kfh.example.sa>
starttls = optional
timeout = 10
[survey]
base_url = https://px.example/s/
[cases]
track_url = https://px.example/track/
CONF
# mailed N: the text of the N-th message the server received
mailed() {
	"$PY" - "smtp.d/$1.eml" <<'PY'
import email, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read())
for p in m.walk():
    if p.get_content_type() == "text/plain":
        print(p.get_payload(decode=True).decode())
PY
}
flow() { # MRN TITLE: a complaint through to its resolution survey; sets REF, TOKEN
	local n
	px-complaint new --as kfh_staff --hospital KFH --patient "$1" --title "$2" --source patient \
		--category 2.1 > new.jsonl || return 1
	REF=$(jq -r .ref new.jsonl) CODE=$(jq -r .tracking new.jsonl)
	px-notify --drain > drained.jsonl || return 1
	n=$(ls smtp.d/*.eml | wc -l)
	mailed "$n" > ack.txt
	px-complaint assign "$REF" --as kfh_dm --to kfh_staff --department OPD > /dev/null &&
	px-complaint start "$REF" --as kfh_staff --note "called the clinic" > /dev/null &&
	px-complaint resolve "$REF" --as kfh_dm --category full_action --resolution "slots added" > /dev/null &&
	px-complaint close "$REF" --as kfh_admin > closed.jsonl &&
	px-notify --drain > drained.jsonl || return 1
	n=$(ls smtp.d/*.eml | wc -l)
	mailed "$n" > survey.txt
	TOKEN=$(grep -o 'https://px.example/s/[A-Za-z0-9_-]*' survey.txt | sed 's#.*/s/##')
}
state() { sqlite3 px.db "SELECT state || ' ' || json_extract(fields, '$.verdict') FROM cases WHERE ref = '$1'"; }

flow MRN1 "Three hours in the waiting room"; rc=$?
check "a complaint runs from intake to close, its messages mailed" test "$rc" = 0
check "the acknowledgement carries the reference and the tracking code" \
	grep -q "$REF.*https://px.example/track/$CODE" ack.txt
check "the resolution survey is mailed with its link" test -n "$TOKEN"
printf 'token,question,value\n%s,resolved,yes\n%s,satisfaction,5\n%s,speed,5\n' "$TOKEN" "$TOKEN" "$TOKEN" |
	PX_NOW=2026-11-24T10:00:00Z px-survey respond > answered.jsonl; rc=$?
check "a satisfied answer: exit 0" test "$rc" = 0
check "a satisfied answer keeps it closed" test "$(state "$REF")" = "closed satisfied"
check "no complaint.unsatisfied and no negative survey" \
	test "$(jq -r 'select(.type == "complaint.unsatisfied" or .type == "survey.negative") | .type' answered.jsonl)" = ""
SATISFIED=$REF

flow MRN1 "Nobody called back"; rc=$?
check "a second complaint runs to close" test "$rc" = 0
printf 'token,question,value\n%s,resolved,no\n%s,satisfaction,2\n%s,speed,1\n%s,what_left,the same wait\n' \
	"$TOKEN" "$TOKEN" "$TOKEN" "$TOKEN" | PX_NOW=2026-11-24T11:00:00Z px-survey respond > answered.jsonl; rc=$?
check "an unsatisfied answer: exit 0" test "$rc" = 0
check "an unsatisfied answer reopens it" test "$(state "$REF")" = "in_progress unsatisfied"
check "and prints complaint.unsatisfied" \
	test "$(jq -r 'select(.type == "complaint.unsatisfied") | .ref' answered.jsonl)" = "$REF"
check "the reopening is on its timeline, by px on the patient's word" \
	test "$(sqlite3 px.db "SELECT old_state || ' ' || new_state || ' ' || verb FROM case_timeline WHERE type = 'transition' AND case_id = (SELECT id FROM cases WHERE ref = '$REF') ORDER BY id DESC LIMIT 1")" = "closed in_progress unsatisfied"
check "the first stays closed" test "$(state "$SATISFIED")" = "closed satisfied"

lower=$(printf '%s' "$CODE" | tr 'A-Z' 'a-z' | tr -d -)
px-complaint track "$lower" > track.jsonl 2> track.err; rc=$?
check "track by the code as typed: exit 0" test "$rc" = 0 -a ! -s track.err
check "track shows the reference, the state and its dates, nothing else" \
	test "$(jq -c 'keys' track.jsonl)" = '["opened_at","ref","state","state_since","type"]'
check "track names no person, text or staff" \
	sh -c "! grep -Eiq 'sara|waiting|called|kfh_|slots|MRN' track.jsonl"
px-complaint track K7QM-2XHD-9PF > /dev/null 2> bad.err; rc=$?
check "an unknown code: status 4, the same message as a malformed one" \
	test "$rc" = 4 -a "$(cat bad.err)" = "px-complaint: no case has the tracking code 'K7QM-2XHD-9PF'"
