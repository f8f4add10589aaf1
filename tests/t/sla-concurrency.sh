# Two px-sla check at once, at each step of two working days, over 200
# complaints: each reminder, breach and escalation is made once and its
# message queued once, whichever check got there first, and the records
# the two print add up to exactly those marks.
. "$TESTS/lib/common.sh"
. "$TESTS/fixtures/sla/setup.sh"
export PX_DATA="$SHARE"
setup_sla || { echo "not ok 1 - the store"; exit 1; }
# 200 complaints opened on Sunday 2026-11-29 from 08:00 Riyadh, a minute apart
awk 'BEGIN { print "hospital,reference,source,name,phone,title,department";
  for (i = 1; i <= 200; i++) printf "KFH,C-%d,call_center,Caller %d,05%08d,Call %d,OPD\n", i, i, i, i }' > calls.csv
PX_NOW=2026-11-29T05:00:00Z px-complaint new --as nurse calls.csv > /dev/null || { echo "not ok 1 - the complaints"; exit 1; }
fails=0 printed=0
# every 30 minutes from Sunday 08:00 to Tuesday 16:00 Riyadh
for step in $(seq 0 111); do
	now=$(date -u -d "2026-11-29T05:00:00Z + $((step * 30)) minutes" +%Y-%m-%dT%H:%M:%SZ)
	PX_NOW=$now px-sla check > a.out 2> a.err & pa=$!
	PX_NOW=$now px-sla check > b.out 2> b.err & pb=$!
	wait "$pa" || fails=$((fails + 1))
	wait "$pb" || fails=$((fails + 1))
	if [ -s a.err ] || [ -s b.err ]; then
		fails=$((fails + 1))
		sed 's/^/# /' a.err b.err | head -3
	fi
	printed=$((printed + $(cat a.out b.out | wc -l)))
done
[ "$fails" = 0 ] && echo "ok 1 - every check of every step exits 0 with nothing on stderr" ||
	echo "not ok 1 - $fails checks failed"
marks=$(q "SELECT count(*) FROM sla_marks")
dup=$(q "SELECT count(*) FROM (SELECT case_id, clock, mark FROM sla_marks GROUP BY 1, 2, 3 HAVING count(*) > 1) AS d")
[ "$marks" -gt 0 ] && [ "$dup" = 0 ] && echo "ok 2 - $marks marks, none twice" ||
	echo "not ok 2 - $marks marks, $dup twice"
sent=$(q "SELECT count(*) FROM case_timeline WHERE (type = 'message' AND text = 'sla_reminder') OR (type = 'clock' AND verb IN ('breach', 'escalate'))")
[ "$printed" = "$sent" ] && echo "ok 3 - the two checks printed $printed records, one per mark that speaks" ||
	echo "not ok 3 - printed $printed, marks that speak $sent"
msgs=$(q "SELECT count(*) || ' ' || count(DISTINCT key) FROM notifications WHERE template LIKE 'sla%'")
[ "${msgs% *}" = "${msgs#* }" ] && [ "${msgs% *}" -gt 0 ] && echo "ok 4 - $msgs: each message queued once" ||
	echo "not ok 4 - messages: $msgs"
late=$(q "SELECT count(*) FROM notifications WHERE template LIKE 'sla%' AND (substr(next_attempt_at, 12, 5) < '05:00' OR substr(next_attempt_at, 12, 5) >= '13:00')")
[ "$late" = 0 ] && echo "ok 5 - no message to staff goes out of business hours" || echo "not ok 5 - $late outside business hours"
ic=$(q "PRAGMA integrity_check")
[ "$ic" = ok ] && echo "ok 6 - integrity check" || echo "not ok 6 - integrity: $ic"
