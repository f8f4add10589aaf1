# The demo of 'make demo' runs the whole loop to its end: one loop closed
# by the patient's answer, one escalated, every survey accounted for.
unset PX_NOW
sh "$SHARE/examples/demo.sh" d > out 2> err
rc=$?
[ "$rc" = 0 ] && echo "ok 1 - demo.sh exits 0" || { echo "not ok 1 - demo.sh exited $rc"; sed 's/^/#   /' err | tail -20; }
grep -q '^loop of srv_[a-z0-9]*: closed$' out && grep -q '^loop of srv_[a-z0-9]*: escalated$' out
[ $? = 0 ] && echo "ok 2 - one loop closed, one escalated" || echo "not ok 2 - loop outcomes missing"
grep -q '"type":"survey.escalated"' out && echo "ok 3 - survey.escalated emitted" || echo "not ok 3 - no survey.escalated"
n=$(sqlite3 d/px.db "SELECT count(*) FROM surveys WHERE status = 'completed'")
[ "$n" = 6 ] && echo "ok 4 - six surveys completed (four answered, two satisfaction checks)" || echo "not ok 4 - $n surveys completed"
if grep -v -e '^px-survey: due_[a-z0-9]*: not sent: not due until' -e 'already sent at' err > unexpected; then
	echo "not ok 5 - unexpected diagnostics"; sed 's/^/#   /' unexpected | head
else
	echo "ok 5 - only the expected diagnostics"
fi
n=$(ls d/sink | grep -c -E '^[0-9]+\.(json|eml)$')
[ "$n" = 9 ] && echo "ok 8 - nine messages reached the local sink: five invitations, two alerts, two checks" || echo "not ok 8 - $n messages reached the sink"
grep -q '^Patient experience, 2026-11 compared with 2026-10$' out && echo "ok 6 - the demo ends with the report" || echo "not ok 6 - no report summary"
# The demo's dashboard, rendered for people to look at: tests/output/demo-dashboard.png
if command -v chromium > /dev/null; then
	prof=$(mktemp -d)
	timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" --window-size=1280,1800 --screenshot="$PWD/demo.png" \
		"file://$PWD/d/dashboard.html" > /dev/null 2>&1
	rm -rf "$prof"
	if [ -s demo.png ]; then
		echo "ok 7 - the demo's dashboard renders"
		[ "${PX_SANITIZED:-0}" = 1 ] || cp demo.png "$TOP/tests/output/demo-dashboard.png"
	else
		echo "not ok 7 - chromium made no screenshot of the demo's dashboard"
	fi
else
	echo "ok 7 - # SKIP chromium not installed"
fi
