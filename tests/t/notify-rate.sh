# sms.rate_per_minute holds across senders: two drains at once share the
# channel's sending slots, so six messages at 300 a minute (one each 0.2 s)
# take at least a second between them, where each drain pacing only
# itself would finish in about half that.
. "$TESTS/servers/notify.sh"
setup_notify
start_server gw http_gateway.py 200
printf '[sms]\nurl = http://127.0.0.1:%s/send\nrate_per_minute = 300\n' "$PORT" > px.conf
for i in 1 2 3 4 5 6; do notification "r$i" sms; done | px-notify --queue > /dev/null
rq=$?
start=$(date +%s.%N)
px-notify --drain > d1 2> e1 &
p1=$!
px-notify --drain > d2 2> e2 &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
end=$(date +%s.%N)
check "the queue and both drains exit 0" test "$rq$r1$r2" = 000
check "six messages sent, each once" test "$(ls gw.d | wc -l)" = 6
# the last of six slots 0.2 s apart is at least 1.0 s after the first
check "the six sends took at least one second together" \
	"$PY" -c "import sys; sys.exit(0 if $end - $start >= 1.0 else 1)"
check "the slots are kept in the store" \
	test "$(sqlite3 px.db "SELECT channel FROM notify_rate")" = sms
