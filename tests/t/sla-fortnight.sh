# A simulated fortnight of px-sla: PX_NOW stepped every 15 minutes from
# Sunday 20 September 2026 00:00 Riyadh (2026-09-19T21:00:00Z) to Saturday
# 3 October 23:45, 1,344 steps, a fortnight with the National Day holiday
# (Wednesday 23 and Thursday 24 September, px-calendar(5)).  Eleven
# complaints are opened, started, made to wait and resumed, resolved,
# one resolved straight from open, one reopened, and some left to breach;
# at every step two px-sla check run at once, then px-notify --drain
# sends the outbox to a real SMTP server on 127.0.0.1.  Each reminder,
# breach and escalation the table below works out by hand is printed
# once, made once in sla_marks, and each of its messages is received by
# the server once, at the step the table says, and never outside the
# hospital's business hours; those held past the fortnight wait in the
# outbox for the next opening.
#
# Under the ASan build (BIN ending in /asan/bin) the schedule is cut to
# its first four days, 384 steps, through the holiday of Wednesday 23
# September: the same table, the rows after the end left out.
. "$TESTS/lib/common.sh"
. "$TESTS/servers/notify.sh"
. "$TESTS/fixtures/sla/setup.sh"
export PX_DATA="$SHARE"
shopt -s nullglob
steps=1344
if [ "${PX_SANITIZED:-0}" = 1 ]; then steps=384; fi
case $BIN in */asan/bin) steps=384 ;; esac

setup_sla > setup.out 2>&1 || { echo "not ok 1 - the store"; sed 's/^/# /' setup.out; exit 1; }
SERVER_TIMEOUT=900 start_server smtp smtp_sink.py
cat > px.conf <<CONF
[smtp]
url = smtp://127.0.0.1:$PORT
from = PX <px@kfh.example.sa>
starttls = optional
timeout = 10
CONF

# The hand-worked table.  Times are UTC, MM-DDTHH:MM; Riyadh is UTC+3 and
# the saudi calendar is open Sunday to Thursday 05:00-13:00 UTC, so the
# fortnight's working days are Sun 20, Mon 21, Tue 22 (Wed 23 and Thu 24
# the National Day holiday, Fri 25 and Sat 26 the weekend), Sun 27,
# Mon 28, Tue 29, Wed 30 September and Thu 1 October, 8 business hours
# each: business hour b of the fortnight (bh) is day (b div 8) at
# 05:00 + (b mod 8) hours.  From the shipped policies (px-sla(5)):
#   complaint           response 8bh, resolution 40bh
#   complaint-high      response 4bh, resolution 24bh
#   complaint-moh       response 24h, resolution 72h (of the clock)
#   complaint-critical  response 2h,  resolution 24h (of the clock),
#                       reminders 6h,1h, escalation 0h,4h,8h
# and by default reminders 24h and 6h of the clock before the due time,
# escalation 0h, 24h and 48h after it.  A reminder is made at the first
# check at or after its time, and only the one nearest the due time sends
# when two have come at once; the breach at the first check at or after
# the due time, with level 1 at once; each level only while the clock
# still runs.  Reminders go to the owner (nurse; the department's
# managers, else the hospital's admins, when the case has none), level 1
# to OPD's manager opd_dm, 2 to KFH's admin kfh_head (kfh_admin has no
# address), 3 to the px admin boss; a level nobody fills passes to the
# next.  A message made outside business hours is received at the next
# opening.
#
# Columns: made, case, clock, mark, to, received.  A breach sends nothing
# (to and received "-"); a reminder made but not sent, because a nearer
# one came at the same check, has to "-".
cat > table <<'TABLE'
# 1 ignored: opened Sun 20 06:00 (bh 1), owned by nurse, never touched.
#   response 8bh: due bh 9, Mon 21 06:00; 24h before is the opening.
09-20T06:00 1 response reminder:24h nurse 09-20T06:00
09-21T00:00 1 response reminder:6h nurse 09-21T05:00
09-21T06:00 1 response breach - -
09-21T06:00 1 response escalation:1 opd_dm 09-21T06:00
09-22T06:00 1 response escalation:2 kfh_head 09-22T06:00
#   Wed 23 is the holiday: held to Sunday's opening
09-23T06:00 1 response escalation:3 boss 09-27T05:00
#   resolution 40bh: due bh 41, Tue 29 06:00
09-28T06:00 1 resolution reminder:24h nurse 09-28T06:00
09-29T00:00 1 resolution reminder:6h nurse 09-29T05:00
09-29T06:00 1 resolution breach - -
09-29T06:00 1 resolution escalation:1 opd_dm 09-29T06:00
09-30T06:00 1 resolution escalation:2 kfh_head 09-30T06:00
10-01T06:00 1 resolution escalation:3 boss 10-01T06:00
# 2 prompt: opened Sun 20 07:00 (bh 2), started 07:30, resolved Mon 28
#   08:00.  response due bh 10, Mon 21 07:00, met at 07:30.
09-20T07:00 2 response reminder:24h nurse 09-20T07:00
#   resolution due bh 42, Tue 29 07:00, met on Mon 28 at 08:00
09-28T07:00 2 resolution reminder:24h nurse 09-28T07:00
# 3 first contact: opened Sun 20 08:00 (bh 3), resolved from open at
#   09:00, the first move out of open: both clocks stop (px-sla(5)).
#   response due bh 11, Mon 21 08:00, never reached.
09-20T08:00 3 response reminder:24h nurse 09-20T08:00
# 4 paused: opened Sun 20 10:00 (bh 5) and started at once (the response
#   clock stops at its start: no due time), waiting from Mon 21 07:00
#   (bh 10: 5 used) to Sun 27 09:00 (bh 28): 35 left, due bh 63,
#   Thu 1 12:00.  Levels 2 and 3 fall on the weekend: held to Sunday
#   4 October, after the fortnight.
09-30T12:00 4 resolution reminder:24h nurse 09-30T12:00
10-01T06:00 4 resolution reminder:6h nurse 10-01T06:00
10-01T12:00 4 resolution breach - -
10-01T12:00 4 resolution escalation:1 opd_dm 10-01T12:00
10-02T12:00 4 resolution escalation:2 kfh_head 10-04T05:00
10-03T12:00 4 resolution escalation:3 boss 10-04T05:00
# 5 high, two pauses: opened Sun 20 12:00 (bh 7), severity high.
#   response 4bh: due bh 11, Mon 21 08:00; its 24h reminder has come at
#   the opening, its 6h one at 02:00 waits for 05:00; the wait at Mon 21
#   06:00 stops it.
09-20T12:00 5 response reminder:24h nurse 09-20T12:00
09-21T02:00 5 response reminder:6h nurse 09-21T05:00
#   resolution 24bh: runs Sun 20 12:00-Mon 21 06:00 (2), waits, runs
#   Tue 22 10:00-Sun 27 06:00 (4), waits, runs from Mon 28 12:00 (bh 39)
#   with 18 left: due bh 57, Thu 1 06:00.
09-30T06:00 5 resolution reminder:24h nurse 09-30T06:00
10-01T00:00 5 resolution reminder:6h nurse 10-01T05:00
10-01T06:00 5 resolution breach - -
10-01T06:00 5 resolution escalation:1 opd_dm 10-01T06:00
10-02T06:00 5 resolution escalation:2 kfh_head 10-04T05:00
10-03T06:00 5 resolution escalation:3 boss 10-04T05:00
# 6 reopened: opened Mon 21 05:00 (bh 8) and started at once, resolved
#   Tue 22 09:00 (bh 20: 12 used), reopened by kfh_admin Mon 28 06:00
#   (bh 33): 28 left, due bh 61, Thu 1 10:00; resolved again Thu 1 08:00.
09-30T10:00 6 resolution reminder:24h nurse 09-30T10:00
10-01T04:00 6 resolution reminder:6h nurse 10-01T05:00
# 7 from the Ministry: opened Tue 22 08:00, source moh.  response 24h:
#   due Wed 23 08:00, met by a note to the patient at 12:00.
09-22T08:00 7 response reminder:24h nurse 09-22T08:00
#   resolution 72h: due Fri 25 08:00; the holiday and the weekend hold
#   everything to Sunday's opening but level 3, made then.
09-24T08:00 7 resolution reminder:24h nurse 09-27T05:00
09-25T02:00 7 resolution reminder:6h nurse 09-27T05:00
09-25T08:00 7 resolution breach - -
09-25T08:00 7 resolution escalation:1 opd_dm 09-27T05:00
09-26T08:00 7 resolution escalation:2 kfh_head 09-27T05:00
09-27T08:00 7 resolution escalation:3 boss 09-27T08:00
# 8 late response: opened Tue 22 11:00 (bh 22).  response 8bh: due bh
#   30, Sun 27 11:00; started at 12:00, met late: no level 2.
09-26T11:00 8 response reminder:24h nurse 09-27T05:00
09-27T05:00 8 response reminder:6h nurse 09-27T05:00
09-27T11:00 8 response breach - -
09-27T11:00 8 response escalation:1 opd_dm 09-27T11:00
#   resolution 40bh: due bh 62, Thu 1 11:00; resolved Wed 30 14:00
09-30T11:00 8 resolution reminder:24h nurse 09-30T11:00
# 9 high, two reminders at once: opened Sun 27 06:00 (bh 25).  response
#   4bh: due bh 29, Sun 27 10:00; 24h and 6h before have both come at
#   the opening: the 6h one sends.  Started at 07:00.
09-27T06:00 9 response reminder:24h - -
09-27T06:00 9 response reminder:6h nurse 09-27T06:00
#   resolution 24bh: due bh 49, Wed 30 06:00; resolved Tue 29 12:00
09-29T06:00 9 resolution reminder:24h nurse 09-29T06:00
# 10 critical: opened Sun 27 17:00, after hours; hours of the clock.
#   response 2h: due 19:00; everything held to Monday's opening.
09-27T17:00 10 response reminder:6h nurse 09-28T05:00
09-27T18:00 10 response reminder:1h nurse 09-28T05:00
09-27T19:00 10 response breach - -
09-27T19:00 10 response escalation:1 opd_dm 09-28T05:00
09-27T23:00 10 response escalation:2 kfh_head 09-28T05:00
09-28T03:00 10 response escalation:3 boss 09-28T05:00
#   resolution 24h: due Mon 28 17:00
09-28T11:00 10 resolution reminder:6h nurse 09-28T11:00
09-28T16:00 10 resolution reminder:1h nurse 09-29T05:00
09-28T17:00 10 resolution breach - -
09-28T17:00 10 resolution escalation:1 opd_dm 09-29T05:00
09-28T21:00 10 resolution escalation:2 kfh_head 09-29T05:00
09-29T01:00 10 resolution escalation:3 boss 09-29T05:00
# 11 nobody's: opened Mon 28 06:00 (bh 33) in ER, which has no manager,
#   and given to no one: its reminders and level 1 pass to kfh_head.
#   response 8bh: due bh 41, Tue 29 06:00.  resolution 40bh: due bh 73,
#   Mon 5 October, after the fortnight.
09-28T06:00 11 response reminder:24h kfh_head 09-28T06:00
09-29T00:00 11 response reminder:6h kfh_head 09-29T05:00
09-29T06:00 11 response breach - -
09-29T06:00 11 response escalation:1 kfh_head 09-29T06:00
09-30T06:00 11 response escalation:2 kfh_head 09-30T06:00
10-01T06:00 11 response escalation:3 boss 10-01T06:00
TABLE
# Over the whole fortnight: 63 records (29 reminders, 9 breaches, 25
# escalations), 64 marks, 54 messages to staff, 50 of them received within
# the fortnight and 4 waiting for Sunday 4 October; to the patients, 11
# acknowledgements and the note to patient 7.

# The schedule: what happens at a step (step k is 2026-09-19T21:00:00Z
# and 15k minutes), before its checks.
evfail=0
declare -A REF
ev() { # N COMMAND ARGS...: a px-complaint verb on case N, at the step's time
	local n=$1 verb=$2
	shift 2
	PX_NOW=$now px-complaint "$verb" "${REF[$n]}" "$@" > ev.out 2> ev.err ||
		{ evfail=$((evfail + 1)); echo "# $now: case $n: $verb: $(cat ev.err)" >> events.log; }
}
open() { # N ARGS...: opens complaint N, owned by nurse unless it is in ER
	local n=$1 ref
	shift
	ref=$(PX_NOW=$now px-complaint new --as nurse --hospital KFH --name "Patient $n" \
		--email "p$n@example.com" --title "Complaint $n" "$@" 2> ev.err | jq -r .ref)
	REF[$n]=$ref
	if [ "$ref" != "$(printf 'KFH-2026-%06d' "$n")" ]; then
		evfail=$((evfail + 1))
		echo "# $now: case $n: opened as '$ref': $(cat ev.err)" >> events.log
	fi
	case " $* " in *" ER "*) ;; *) ev "$n" assign --as opd_dm --to nurse ;; esac
}
resolve() { ev "$1" resolve --as opd_dm --category full_action --resolution "done"; }
events() {
	case $1 in
	2026-09-20T06:00:00Z) open 1 --department OPD ;;
	2026-09-20T07:00:00Z) open 2 --department OPD ;;
	2026-09-20T07:30:00Z) ev 2 start --as nurse ;;
	2026-09-20T08:00:00Z) open 3 --department OPD ;;
	2026-09-20T09:00:00Z) resolve 3 ;;
	2026-09-20T10:00:00Z) open 4 --department OPD && ev 4 start --as nurse ;;
	2026-09-20T12:00:00Z) open 5 --department OPD --severity high ;;
	2026-09-21T05:00:00Z) open 6 --department OPD && ev 6 start --as nurse ;;
	2026-09-21T06:00:00Z) ev 5 wait --as nurse ;;
	2026-09-21T07:00:00Z) ev 4 wait --as nurse ;;
	2026-09-22T08:00:00Z) open 7 --department OPD --source moh ;;
	2026-09-22T09:00:00Z) resolve 6 ;;
	2026-09-22T10:00:00Z) ev 5 start --as nurse ;;
	2026-09-22T11:00:00Z) open 8 --department OPD ;;
	2026-09-22T12:00:00Z) ev 7 note --as nurse --to-patient --text "We are looking into it" ;;
	2026-09-27T06:00:00Z) open 9 --department OPD --severity high && ev 5 wait --as nurse ;;
	2026-09-27T07:00:00Z) ev 9 start --as nurse ;;
	2026-09-27T09:00:00Z) ev 4 start --as nurse ;;
	2026-09-27T12:00:00Z) ev 8 start --as nurse ;;
	2026-09-27T17:00:00Z) open 10 --department OPD --severity critical ;;
	2026-09-28T06:00:00Z) open 11 --department ER && ev 6 reopen --as kfh_admin --reason "the patient called back" ;;
	2026-09-28T08:00:00Z) resolve 2 ;;
	2026-09-28T12:00:00Z) ev 5 start --as nurse ;;
	2026-09-29T12:00:00Z) resolve 9 ;;
	2026-09-30T14:00:00Z) resolve 8 ;;
	2026-10-01T08:00:00Z) resolve 6 ;;
	esac
}

# The fortnight: at each step its events, two checks at once, a drain.
t0=$(date -u -d 2026-09-19T21:00:00Z +%s)
checkfail=0 drainfail=0 seen=0
: > records
: > received
: > events.log
: > diag.log
for ((step = 0; step < steps; step++)); do
	printf -v now '%(%Y-%m-%dT%H:%M:%SZ)T' $((t0 + step * 900))
	events "$now"
	PX_NOW=$now px-sla check > a.out 2> a.err & pa=$!
	PX_NOW=$now px-sla check > b.out 2> b.err & pb=$!
	wait "$pa" || checkfail=$((checkfail + 1))
	wait "$pb" || checkfail=$((checkfail + 1))
	if [ -s a.err ] || [ -s b.err ]; then
		checkfail=$((checkfail + 1))
		{ echo "# $now: check:"; cat a.err b.err; } >> diag.log
	fi
	for f in a.out b.out; do
		[ -s $f ] || continue
		while IFS= read -r line; do printf '%s %s\n' "$now" "$line"; done < $f >> records
	done
	PX_NOW=$now px-notify --drain > d.out 2> d.err || drainfail=$((drainfail + 1))
	if [ -s d.err ]; then
		drainfail=$((drainfail + 1))
		{ echo "# $now: drain:"; cat d.err; } >> diag.log
	fi
	# what the server received in this drain
	emls=(smtp.d/*.eml)
	while [ "$seen" -lt "${#emls[@]}" ]; do
		seen=$((seen + 1))
		echo "$seen ${now:5:11}" >> received
	done
done
end=${now:5:11}
echo "# $steps steps, to $now"

check "every event of the schedule: the complaints opened as KFH-2026-000001 to 000011, each move made" \
	test "$evfail" = 0
[ -s events.log ] && head -5 events.log
check "every check of every step, two at once, exits 0 with nothing on stderr" test "$checkfail" = 0
check "every drain exits 0 with nothing on stderr" test "$drainfail" = 0
[ -s diag.log ] && sed 's/^\([^#]\)/# \1/' diag.log | head -10

# What the table expects by the end of the run.
grep -v '^#' table | awk -v end="$end" '$1 <= end' > due.table
awk '!($4 ~ /^reminder/ && $5 == "-") { print $1, $2, $3, $4, $5 }' due.table | sort > want.records
awk '{ print $1, $2, $3, $4 }' due.table | sort > want.marks
awk -v end="$end" '$6 != "-" && $6 <= end { print $6, $2, $3, $4, $5 }' due.table | sort > want.mails
awk -v end="$end" '$6 != "-" && $6 > end { print $2, $3, $4, $5, $6 }' due.table | sort > want.pending

# What happened: the records the checks printed, the marks, the messages
# the server received (matched to the outbox by their Message-ID).
jq -R -r '(index(" ")) as $i | .[:$i] as $t | (.[$i + 1:] | fromjson) as $r |
	select($r.type | startswith("sla.")) |
	[$t[5:16], ($r.ref | ltrimstr("KFH-2026-") | tonumber),
	 $r.clock,
	 (if $r.type == "sla.reminder" then "reminder:" + $r.before
	  elif $r.type == "sla.escalation" then "escalation:" + ($r.level | tostring)
	  else "breach" end),
	 (if $r.type == "sla.breach" then "-" else $r.to end)] | join(" ")' records | sort > got.records
# hours: a reminder's mark as the table writes it (reminder:86400 is reminder:24h)
hours() { sed -E 's/reminder:([0-9]+)/reminder:\1s/; s/reminder:86400s/reminder:24h/; s/reminder:21600s/reminder:6h/; s/reminder:3600s/reminder:1h/'; }
q "SELECT substr(m.made_at, 6, 11), CAST(substr(c.ref, 10) AS INTEGER), m.clock, m.mark
	FROM sla_marks m JOIN cases c ON c.id = m.case_id" | tr '|' ' ' | hours | sort > got.marks
q "SELECT CAST(substr(c.ref, 10) AS INTEGER), n.key, n.next_attempt_at FROM notifications n
	JOIN cases c ON c.ref = n.object_id WHERE n.key LIKE 'sla:%' AND n.state = 'pending'" |
	awk -F'|' '{ split($2, k, ":"); print $1, k[3], k[4] ":" k[5], k[6], substr($3, 6, 11) }' |
	hours | sort > got.pending
cat > mails.py <<'PY'
import email, email.header, json, sqlite3
received = dict(line.split() for line in open("received"))
db = sqlite3.connect("px.db")
by_id = {pid: (key, addr, tpl) for pid, key, addr, tpl in
         db.execute("SELECT provider_id, key, address, template FROM notifications WHERE provider_id IS NOT NULL")}
address = dict(db.execute("SELECT name, email FROM users WHERE email IS NOT NULL"))
mails, patients, problems = [], [], []
for n in sorted(received, key=int):
    raw = open("smtp.d/%s.eml" % n, "rb").read()
    env = json.load(open("smtp.d/%s.json" % n))
    m = email.message_from_bytes(raw)
    subject = str(email.header.make_header(email.header.decode_header(m["Subject"])))
    text = next(p.get_payload(decode=True).decode() for p in m.walk() if p.get_content_type() == "text/plain")
    mid = (m["Message-ID"] or "").strip("<> ")
    if mid not in by_id:
        problems.append("message %s: Message-ID %s not in the outbox" % (n, mid))
        continue
    key, addr, tpl = by_id[mid]
    if env["to"] != [addr]:
        problems.append("message %s: sent to %s, stored for %s" % (n, env["to"], addr))
    if not key.startswith("sla:"):
        patients.append("%s %s %s" % (received[n], tpl, env["to"][0]))
        continue
    _, ref, clock, mark, level, user = key.split(":")
    case = int(ref[len("KFH-2026-"):])
    if mark == "reminder":
        mark = "reminder:" + {"86400": "24h", "21600": "6h", "3600": "1h"}.get(level, level + "s")
        want = "Complaint %s is due " % ref
        if not subject.startswith(want):
            problems.append("message %s: subject %r" % (n, subject))
    else:
        mark = "escalation:" + level
        if subject != "Escalation: complaint %s is overdue" % ref or "(level %s)" % level not in text:
            problems.append("message %s: subject %r, level not %s" % (n, subject, level))
    if env["to"] != [address.get(user)]:
        problems.append("message %s: to %s, not %s's address" % (n, env["to"], user))
    mails.append("%s %d %s %s %s" % (received[n], case, clock, mark, user))
open("got.mails", "w").write("".join(sorted(l + "\n" for l in mails)))
open("got.patients", "w").write("".join(sorted(l + "\n" for l in patients)))
open("mail.problems", "w").write("".join(l + "\n" for l in problems))
PY
"$PY" mails.py 2> mails.err || echo "python: $(cat mails.err)" >> mail.problems

# same WANT GOT COL COND: the lines of both that the awk condition COND
# picks (col: the column of the case number) are the same; a difference
# is left in diff.shown for the line after the check.
: > diff.shown
same() {
	awk "$4" col="$3" "$1" > "$1.cmp"
	awk "$4" col="$3" "$2" > "$2.cmp"
	diff "$1.cmp" "$2.cmp" > "$2.diff" && return 0
	sed 's/^/# /' "$2.diff" | head -40 >> diff.shown
	return 1
}
shown() { cat diff.shown; : > diff.shown; }
others='$col != 3' three='$col == 3'

n=$(awk "$others" col=2 want.records | wc -l)
check "the checks printed exactly the $n records the table expects, each once (case, clock, reminder, breach or level, to)" \
	same want.records got.records 2 "$others"
shown
n=$(awk "$others" col=2 want.marks | wc -l)
check "sla_marks holds exactly the $n marks the table expects, each made at its step" \
	same want.marks got.marks 2 "$others"
shown
dup=$(q "SELECT count(*) FROM (SELECT case_id, clock, mark FROM sla_marks GROUP BY 1, 2, 3 HAVING count(*) > 1) AS d")
check "no mark twice in sla_marks" test "$dup" = 0
n=$(awk "$others" col=2 want.mails | wc -l)
check "the SMTP server received exactly the $n messages to staff the table expects, each once, at the step it says" \
	same want.mails got.mails 2 "$others"
shown
check "each message went to its user's address, with the subject and level of its mark" test ! -s mail.problems
sed 's/^/# /' mail.problems | head -5
late=$(while read -r at _; do
	day=${at%T*} hm=${at#*T}
	dow=$(date -u -d "2026-$day" +%u)
	if [ "$dow" = 5 ] || [ "$dow" = 6 ] || [ "$day" = 09-23 ] || [ "$day" = 09-24 ] ||
		[[ $hm < 05:00 ]] || [[ ! $hm < 13:00 ]]; then echo "$at"; fi
done < got.mails | sort -u)
check "no message to staff was received outside business hours (Sunday to Thursday 05:00-13:00 UTC, not on the holiday)" \
	test -z "$late"
[ -n "$late" ] && echo "$late" | sed 's/^/# received at /' | head -5
n=$(awk "$others" col=1 want.pending | wc -l)
check "each message held past the end ($n) waits in the outbox for the opening the table says" \
	same want.pending got.pending 1 "$others"
shown
# and to the patients: each acknowledgement at its opening (quiet hours,
# 22:00-08:00 Riyadh, hold none of them), the note to patient 7 at once
cat > want.patients.all <<'MAILS'
09-20T06:00 complaint_received p1@example.com
09-20T07:00 complaint_received p2@example.com
09-20T08:00 complaint_received p3@example.com
09-20T10:00 complaint_received p4@example.com
09-20T12:00 complaint_received p5@example.com
09-21T05:00 complaint_received p6@example.com
09-22T08:00 complaint_received p7@example.com
09-22T11:00 complaint_received p8@example.com
09-22T12:00 case_message p7@example.com
09-27T06:00 complaint_received p9@example.com
09-27T17:00 complaint_received p10@example.com
09-28T06:00 complaint_received p11@example.com
MAILS
awk -v end="$end" '$1 <= end' want.patients.all | sort > want.patients
n=$(wc -l < want.patients)
check "the patients received exactly their $n messages: the acknowledgements and the note to patient 7" \
	same want.patients got.patients 1 1
shown
ic=$(q "PRAGMA integrity_check")
check "integrity check" test "$ic" = ok

# Complaint 3 is resolved straight from open: its response clock stops
# then (the first move out of the state it was opened in), so nothing
# more is made for its response.
check "complaint 3, resolved straight from open: its records" \
	same want.records got.records 2 "$three"
shown
three_rest() {
	same want.marks got.marks 2 "$three" && same want.mails got.mails 2 "$three" &&
		same want.pending got.pending 1 "$three"
}
check "complaint 3, resolved straight from open: its marks and messages" \
	three_rest
shown
exit 0
