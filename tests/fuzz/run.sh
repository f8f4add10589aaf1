#!/bin/bash
# tests/fuzz/run.sh BUILD SECONDS [NAME...] - runs each libFuzzer harness
# of BUILD/fuzz (made by `make FUZZ=1 fuzzers`) for SECONDS on its seed
# corpus and what earlier runs found, and prints one TAP line each.
#
# Seeds are made afresh from the test fixtures and the vendored suites
# (tests/vendor), with the harness's selector byte in front where it has
# one.  What a run finds that is new goes to BUILD/fuzz/found/NAME and is
# read by the next run; a crash, leak, timeout (over 1 s) or sanitizer
# report fails the harness, and its input is copied to
# tests/fuzz/regress/NAME/, to be committed with the fix as a regression
# file that every later run reads first.
set -u
B=$(cd "${1:?build}" && pwd) secs=${2:?seconds}
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
names=("$@")
if [ ${#names[@]} = 0 ]; then
	for f in "$top"/tests/fuzz/*.c; do names+=("$(basename "$f" .c)"); done
fi
seeds="$B/fuzz/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
# seed NAME SELECTOR FILE...: each FILE with the selector byte in front
seed() {
	local name=$1 sel=$2 f i=0
	shift 2
	mkdir -p "$seeds/$name"
	for f in "$@"; do
		[ -f "$f" ] || continue
		i=$((i + 1))
		if [ "$sel" = - ]; then
			head -c 65536 "$f" > "$seeds/$name/$sel$i"
		else
			{ printf "\\$(printf '%03o' "$sel")"; head -c 65536 "$f"; } > "$seeds/$name/s$sel-$i"
		fi
	done
}
fx=$top/tests/fixtures
v=$top/tests/vendor
seed records 0 "$fx"/his/* "$fx"/*/*.csv "$top"/share/px/examples/*.csv "$top"/share/px/examples/adt.hl7
seed records 1 "$fx"/his/kfh-visits.csv "$v"/csv-spectrum/csvs/*
seed records 2 "$v"/JSONTestSuite/test_parsing/y_*
seed records 3 "$v"/JSONTestSuite/test_parsing/[yni]_array*
seed records 4 "$fx"/his/*.hl7 "$fx"/his/*.mllp "$top"/share/px/examples/adt.hl7
seed records 21 "$fx"/his/kfh-visits.csv
seed hl7 - "$fx"/his/*.hl7 "$fx"/his/*.mllp "$top"/share/px/examples/adt.hl7
seed files 0 "$fx"/his/kfh.map
seed files 1 "$top"/share/px/calendars/*
seed files 2 "$top"/tests/fixtures/*/px.conf "$top"/share/px/px.conf*
seed files 3 "$top"/share/px/workflows/*
seed files 4 "$top"/share/px/rules/actions
seed files 5 "$top"/share/px/rules/routing
seed files 6 "$top"/share/px/sla/* "$top"/share/px/policies*
seed files 7 "$top"/share/px/journeys/*
seed files 8 "$top"/share/px/surveys/*.json
printf '\000token=abc&lang=ar&q1=5&q2=%%D8%%B9%%D9%%84%%D9%%8A+x' > "$seeds/web.form" 2>/dev/null
mkdir -p "$seeds/web"
mv "$seeds/web.form" "$seeds/web/form"
printf '\001--XyZzy\r\nContent-Disposition: form-data; name="title"\r\n\r\nA note\r\n--XyZzy\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XyZzy--\r\n' > "$seeds/web/multipart"
printf '\003POST\napplication/x-www-form-urlencoded\n22\nlang=ar\n/s/abc\ntoken=abc&q1=5&q2=yes' > "$seeds/web/cgi-form"
printf '\003POST\nmultipart/form-data; boundary="XyZzy"\n120\n\n/complaint\n--XyZzy\r\nContent-Disposition: form-data; name="title"\r\n\r\nA note\r\n--XyZzy\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhi\r\n--XyZzy--\r\n' > "$seeds/web/cgi-multipart"
printf '\003GET\n\n\ntoken=abc%%ZZ\n/s/x' > "$seeds/web/cgi-get"
printf '\0029' > "$seeds/web/sms-number"
printf '\002STOP' > "$seeds/web/sms-stop"
printf '\002\331\240\331\251' > "$seeds/web/sms-arabic-digits"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
for name in "${names[@]}"; do
	n=$((n + 1))
	bin="$B/fuzz/$name"
	if ! [ -x "$bin" ]; then
		echo "not ok $n - fuzz/$name: no harness $bin (make FUZZ=1 fuzzers)"
		failed=$((failed + 1))
		continue
	fi
	found="$B/fuzz/found/$name" regress="$top/tests/fuzz/regress/$name" art="$B/fuzz/artifacts/$name"
	mkdir -p "$found" "$art" "$seeds/$name"
	# new inputs go to the first directory: found, never the regressions
	dirs=("$found" "$seeds/$name")
	[ -d "$regress" ] && dirs+=("$regress")
	log="$B/fuzz/$name.log"
	( cd "$art" && TMPDIR=$tmp ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  "$bin" -max_total_time="$secs" -timeout=1 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$art/" "${dirs[@]}" ) > "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	if [ $rc = 0 ]; then
		echo "ok $n - fuzz/$name: ${execs:-?} inputs in ${secs} s, no crash, leak, timeout or sanitizer report"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz/$name: exit $rc (log $log)"
		grep -m 5 -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | sed 's/^/#   /'
		mkdir -p "$regress"
		for a in "$art"/*; do [ -f "$a" ] && cp "$a" "$regress/" && echo "#   kept as $regress/${a##*/}"; done
	fi
done
echo "1..$n"
[ $failed = 0 ]
