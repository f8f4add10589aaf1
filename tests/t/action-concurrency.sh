# Two px-action raise at once, from the store and from the same pipe,
# over 120 serious complaints: each complaint raises exactly one action,
# the round-robin among three staff of the department gives each forty,
# and every action's owner is told once.
. "$TESTS/lib/common.sh"
. "$TESTS/fixtures/sla/setup.sh"
export PX_DATA="$SHARE"
setup_sla || { echo "not ok 1 - the store"; exit 1; }
for u in er_a er_b er_c; do
	px user add $u --role staff --hospital KFH --department ER --email $u@kfh.example > /dev/null || exit 1
done
printf 'route er department=ER owner=staff round-robin\n' > routing
export PX_ACTIONS_ROUTING=$PWD/routing PX_NOW=2026-11-23T06:00:00Z
awk 'BEGIN { print "hospital,reference,source,name,phone,title,department,severity";
  for (i = 1; i <= 120; i++) printf "KFH,ER-%d,call_center,Caller %d,05%08d,Call %d,ER,high\n", i, i, i, i }' > er.csv
px-complaint new --as nurse er.csv > complaints.jsonl || { echo "not ok 1 - the complaints"; exit 1; }
fails=0
px-action raise --as nurse --from-store > a.out 2> a.err & pa=$!
px-action raise --as nurse complaints.jsonl > b.out 2> b.err & pb=$!
px-action raise --as nurse --from-store > c.out 2> c.err & pc=$!
for p in $pa $pb $pc; do wait "$p" || fails=$((fails + 1)); done
[ "$fails" = 0 ] && ! [ -s a.err ] && ! [ -s b.err ] && ! [ -s c.err ] &&
	echo "ok 1 - three raises at once exit 0 with nothing on stderr" ||
	{ echo "not ok 1 - $fails failed"; sed 's/^/# /' a.err b.err c.err | head -5; }
n=$(q "SELECT count(*) || ' ' || count(DISTINCT source_ref) FROM action_raises")
cases=$(q "SELECT count(*) FROM cases WHERE kind = 'action'")
[ "$n" = "120 120" ] && [ "$cases" = 120 ] && echo "ok 2 - 120 complaints, 120 actions, one each" ||
	echo "not ok 2 - raises '$n', actions $cases"
printed=$(cat a.out b.out c.out | jq -r 'select(.kind == "action") | .ref' | sort | uniq -c | awk '$1 != 1' | wc -l)
total=$(cat a.out b.out c.out | jq -r 'select(.kind == "action") | .ref' | wc -l)
[ "$printed" = 0 ] && [ "$total" = 120 ] && echo "ok 3 - each action printed once, by the raise that made it" ||
	echo "not ok 3 - $total printed, $printed more than once"
fair=$(q "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM cases WHERE kind = 'action' GROUP BY owner ORDER BY owner) AS x")
[ "$fair" = "40 40 40" ] && echo "ok 4 - round-robin gave each of the three forty" || echo "not ok 4 - owners: $fair"
told=$(q "SELECT count(*) || ' ' || count(DISTINCT object_id) FROM notifications WHERE template = 'action_assigned'")
[ "$told" = "120 120" ] && echo "ok 5 - each owner told once of each action" || echo "not ok 5 - messages: $told"
ic=$(q "PRAGMA integrity_check")
[ "$ic" = ok ] && echo "ok 6 - integrity check" || echo "not ok 6 - integrity: $ic"
