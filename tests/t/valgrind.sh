# valgrind finds no leak and no error in px org load and px org list.
if [ "${PX_SANITIZED:-0}" = 1 ]; then
	echo "ok 1 - # SKIP valgrind runs on the plain build only"
	exit 0
fi
if ! command -v valgrind >/dev/null; then
	echo "not ok 1 - valgrind is not installed (make deps installs it)"
	exit 0
fi
px init || exit 1
vg() { valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=42 "$@"; }
printf '{"type":"memo","x":1}\n{bad\n' > extra.jsonl
vg "$BIN/px" org load "$TESTS/fixtures/org.csv" extra.jsonl > out 2> err
rc=$?
[ "$rc" = 1 ] && ! grep -q '==[0-9]*==' err && echo "ok 1 - px org load: no leak, no error" || { echo "not ok 1 - px org load under valgrind: status $rc"; sed 's/^/# /' err | head -30; }
vg "$BIN/px" org list -o table > out 2> err
rc=$?
[ "$rc" = 0 ] && ! grep -q '==[0-9]*==' err && echo "ok 2 - px org list: no leak, no error" || { echo "not ok 2 - px org list under valgrind: status $rc"; sed 's/^/# /' err | head -30; }
printf 'type,code,name\nhospital,"A1,"x\n' > bad.csv
vg "$BIN/px" org load bad.csv > out 2> err
rc=$?
[ "$rc" = 1 ] && ! grep -q '==[0-9]*==' err && echo "ok 3 - px org load of bad CSV: no leak" || { echo "not ok 3 - bad CSV under valgrind: status $rc"; sed 's/^/# /' err | head -30; }
