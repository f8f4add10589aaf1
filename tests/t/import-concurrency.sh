# Three px-import-his processes on the same events at once, each fed
# through a pipe that pauses after every batch so that their batches
# interleave: none fails, every survey made due is printed by exactly one
# of them, and the store ends as one import alone leaves it.
export PX_DATA="$SHARE"
printf '[import]\nbatch = 50\n' > px.conf
awk 'BEGIN { print "event_id,event,event_time,hospital,department,visit,patient_type,mrn,phone";
  for (i = 0; i < 1200; i++) { v = int(i / 2); ev = i % 2 ? "discharge" : "admit";
    printf "e%d,%s,2026-11-%02dT%02d:00:00Z,KFH,OPD,V%d,opd,M%d,05%08d\n", i, ev, 1 + v % 20, 8 + i % 2, v, v % 400, v % 400 } }' > visits.csv
count() { sqlite3 "$1" "SELECT (SELECT count(*) FROM patients) || ' ' || (SELECT count(*) FROM encounters) || ' ' ||
	(SELECT count(*) FROM visit_events) || ' ' || (SELECT count(*) FROM encounter_stages WHERE status = 'completed') || ' ' ||
	(SELECT group_concat(status || ':' || n) FROM (SELECT status, count(*) n FROM survey_due GROUP BY status ORDER BY status)) || ' ' ||
	(SELECT sum(json_extract(details, '$.patients_created') + json_extract(details, '$.encounters_created') +
		json_extract(details, '$.surveys_due') + json_extract(details, '$.surveys_suppressed'))
		FROM audit WHERE action = 'his_import')"; }
PX_DB=alone.db px init >/dev/null && PX_DB=alone.db px org load "$TESTS/fixtures/org.csv" >/dev/null || exit 1
PX_DB=alone.db px-import-his visits.csv > alone.jsonl || exit 1
px init >/dev/null && px org load "$TESTS/fixtures/org.csv" >/dev/null || exit 1
# the header and then 50 events (one batch) at a time, 30 ms apart, each
# import starting at another third of the file
feed() {
	python3 -c 'import sys, time
lines = open("visits.csv").readlines()
chunks = [lines[i:i + 50] for i in range(1, len(lines), 50)]
k = len(chunks) * int(sys.argv[1]) // 3
sys.stdout.write(lines[0])
for c in chunks[k:] + chunks[:k]:
    sys.stdout.write("".join(c)); sys.stdout.flush(); time.sleep(0.03)' "$1"
}
pids=
for i in 1 2 3; do
	feed $((i - 1)) | px-import-his -i csv > out$i.jsonl 2> err$i & pids="$pids $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
[ "$fails" = 0 ] && echo "ok 1 - three concurrent imports all exit 0" || echo "not ok 1 - $fails of three concurrent imports failed"
if grep -v -h '^px-import-his: [0-9]* records, [0-9]* applied, ' err1 err2 err3 | grep -q .; then
	echo "not ok 2 - concurrent imports printed diagnostics"; cat err1 err2 err3 | sed 's/^/# /' | head
else
	echo "ok 2 - no diagnostics"
fi
jq -r .id out1.jsonl out2.jsonl out3.jsonl > ids
jqrc=$?
printed=$(sort ids | uniq -d | wc -l)
total=$(cat out1.jsonl out2.jsonl out3.jsonl | wc -l)
want=$(wc -l < alone.jsonl)
echo "# surveys due printed by each import: $(wc -l < out1.jsonl) $(wc -l < out2.jsonl) $(wc -l < out3.jsonl)"
[ "$jqrc" = 0 ] && [ "$printed" = 0 ] && [ "$total" = "$want" ] && [ "$want" -gt 0 ] &&
	echo "ok 3 - each of the $want surveys due printed once" ||
	echo "not ok 3 - $total printed, $printed twice, one import alone prints $want"
a=$(count alone.db) b=$(count px.db)
[ "$a" = "$b" ] && echo "ok 4 - the store ends as one import leaves it ($b)" || echo "not ok 4 - '$b', one import alone: '$a'"
ic=$(sqlite3 px.db "PRAGMA integrity_check")
[ "$ic" = ok ] && echo "ok 5 - integrity check" || echo "not ok 5 - integrity: $ic"
