# Eight px-complaint new processes at once, 500 complaints each, into one
# hospital: every one exits 0, 4,000 references KFH-2026-000001 to
# KFH-2026-004000, each once and without a gap, one acknowledgement each
# in the outbox, and reading all the exports again adds nothing.
export PX_DATA="$SHARE"
px init >/dev/null && px org load "$TESTS/fixtures/org.csv" >/dev/null || exit 1
for i in 1 2 3 4 5 6 7 8; do
	awk -v p="$i" 'BEGIN { print "hospital,reference,source,name,phone,title";
	  for (j = 1; j <= 500; j++)
	    printf "KFH,P%d-%d,call_center,Caller %d,05%08d,Call %d of export %d\n", p, j, j, p * 1000 + j, j, p }' > calls$i.csv
done
pids=
for i in 1 2 3 4 5 6 7 8; do
	px-complaint new calls$i.csv > out$i.jsonl 2> err$i & pids="$pids $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
[ "$fails" = 0 ] && echo "ok 1 - eight concurrent imports all exit 0" ||
	echo "not ok 1 - $fails of eight concurrent imports failed"
if grep -q . err1 err2 err3 err4 err5 err6 err7 err8; then
	echo "not ok 2 - diagnostics (busy?)"; cat err? | sed 's/^/# /' | head
else
	echo "ok 2 - no diagnostics, no busy failure"
fi
refs=$(sqlite3 px.db "SELECT count(*) || ' ' || count(DISTINCT ref) || ' ' || min(ref) || ' ' || max(ref) FROM cases")
[ "$refs" = "4000 4000 KFH-2026-000001 KFH-2026-004000" ] &&
	echo "ok 3 - 4000 references, each once, from 000001 to 004000: no gap" ||
	echo "not ok 3 - references: $refs"
printed=$(cat out?.jsonl | jq -r .ref | sort -u | wc -l)
[ "$printed" = 4000 ] && echo "ok 4 - each complaint printed once" || echo "not ok 4 - $printed printed"
acks=$(sqlite3 px.db "SELECT count(*) || ' ' || count(DISTINCT object_id) FROM notifications WHERE template = 'complaint_received'")
[ "$acks" = "4000 4000" ] && echo "ok 5 - one acknowledgement each" || echo "not ok 5 - acknowledgements: $acks"
px-complaint new calls1.csv calls2.csv calls3.csv calls4.csv calls5.csv calls6.csv calls7.csv calls8.csv > again.jsonl 2> again.err
rc=$?
after=$(sqlite3 px.db "SELECT (SELECT count(*) FROM cases) || ' ' || (SELECT count(*) FROM notifications) || ' ' || (SELECT last FROM case_refs)")
[ "$rc" = 0 ] && [ "$after" = "4000 4000 4000" ] && [ "$(wc -l < again.jsonl)" = 4000 ] &&
	echo "ok 6 - the same exports again add nothing and send nothing" ||
	echo "not ok 6 - again: exit $rc, store '$after', printed $(wc -l < again.jsonl)"
ic=$(sqlite3 px.db "PRAGMA integrity_check")
[ "$ic" = ok ] && echo "ok 7 - integrity check" || echo "not ok 7 - integrity: $ic"
