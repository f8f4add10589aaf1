#!/usr/bin/env bash
# tests/run.sh BUILD_DIR... - runs the suite once per build directory and
# prints TAP, then "N passed, N failed".
#
# Three kinds of test, each run in a fresh temporary directory with a fixed
# environment (LC_ALL=C, TZ=UTC, PX_NOW, PX_USER=admin, an empty px.conf):
#   tests/unit/*.c      C unit tests of libpx, built to BUILD_DIR/tests/
#   tests/cases/*/*.t   golden cases: a shell script, its stdin, fixture
#                       files, and the exact stdout, stderr and exit status
#   tests/t/*.sh        scripts printing TAP (concurrency, modes, servers)
# Cases and scripts run under bash with pipefail set, so that the status of
# "px ... | norm; code" is px's and not the filter's.
#
# Tests run in parallel, TESTS_JOBS at a time (by default twice the number
# of processors: many tests spend their time waiting on other processes,
# servers and timeouts).  Each test writes its TAP lines, unnumbered, to a
# file of its own; they are printed in a fixed order (per build: unit
# tests, cases, scripts, each in name order) and numbered as they are
# printed, so that the output does not depend on how the tests were
# scheduled.  Tests start longest first (scripts, then cases, then unit
# tests, the sanitized build first).  The scripts in $serial run alone,
# before the others: notify-rate checks a lower bound on the wall clock
# that the load of other tests must not make true, and install runs make
# install, which after a fresh build compiles and links the commands of
# BUILD_DIR again (make removes their objects as intermediate files), so
# that no other test may be running them then.  The test servers listen on
# ports the system picks (tests/servers/), so that tests running at once
# never collide.  The harness itself starts as few processes as it can per
# test: on this kind of machine starting a process is the dearest thing a
# test does.
#
# The set-ups that many cases run identically (setup_org in
# tests/lib/common.sh, setup_survey and setup_loop in tests/fixtures/) are
# run once per run and build, and copied into each case that asks for
# them: the files they leave and their stdout, stderr and exit status,
# exactly as running them in the case would have left them, so that each
# case checks what it checked before.  A case whose environment, shell
# functions or directory differ from those the copy was made with runs
# the set-up itself (px_cached in tests/lib/common.sh).
#
# TESTS_MATCH=glob runs only matching tests (unit/NAME, DIR/CASE, t/NAME);
# TESTS_TIMES=FILE writes the seconds each test took to FILE, slowest
# first, with the processor time of its processes (user+system).
# A whole run ends with the privacy scan (tests/lib/privacy.py): every
# test's directory is kept until then, and every captured standard error,
# log and store is searched for the fixtures' national ids, phones, MRNs
# and survey tokens out of their places (tests/privacy.allow).
# TESTS_PRIVACY=0 leaves it out, TESTS_PRIVACY=1 runs it on a partial run
# too.  TESTS_KEEP=1 keeps the run's directory (named on stderr) for a
# look afterwards.  The last lines give the count, the wall time and the summary.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
match=${TESTS_MATCH:-*}
jobs=${TESTS_JOBS:-$((2 * $(nproc 2> /dev/null || echo 1)))}
case $jobs in '' | *[!0-9]* | 0) jobs=1 ;; esac
serial=" t/notify-rate t/install "
privacy=${TESTS_PRIVACY:-}
[ -n "$privacy" ] || { [ "$match" = '*' ] && privacy=1 || privacy=0; }
started=$EPOCHREALTIME
work=$(mktemp -d)
if [ -n "${TESTS_KEEP:-}" ]; then
	echo "# the tests' directories are kept in $work" >&2
else
	trap 'rm -rf "$work"' EXIT
fi
mkdir "$work/cache"

# Within a test: one unnumbered TAP line, on the test's output.
report() { # status name [diagnostics-file]
	if [ "$1" = ok ]; then
		echo "ok - $2"
	else
		echo "not ok - $2"
		[ -n "${3:-}" ] && [ -s "$3" ] && sed 's/^/#   /' "$3" | head -60
	fi
}

setup_env() { # bindir tmp
	export LC_ALL=C TZ=UTC PX_NOW=2026-11-23T09:00:00Z PX_USER=admin
	export HOME="$2" TMPDIR="$2" PX_CONFIG="$2/px.conf"
	export PX_PRIVACY_NATID_KEY=px-test-key-0123456789abcdef
	export PATH="$1:/usr/local/bin:/usr/bin:/bin" PX_EXEC_PATH="$1"
	export TESTS="$top/tests" SHARE="$top/share/px" TOP="$top" BIN="$1" PX_DATA="$top/share/px"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
	export PX_TEST_CACHE="$work/cache" PX_FAULTS_BUILT=0
	# a build with fault injection (make SANITIZE=1 or COVERAGE=1)
	[ -e "${1%/bin}/.faults" ] && PX_FAULTS_BUILT=1
	unset PX_DB PX_EXEC_PATH_EXTRA
	: > "$2/px.conf"
}

# Whether two files hold the same bytes, by builtins when neither holds a
# NUL byte (a bash string cannot); status 2 when it cannot tell.
same_file() {
	local a b
	IFS= read -r -d '' a < "$1" && return 2
	IFS= read -r -d '' b < "$2" && return 2
	[ "$a" = "$b" ]
}

run_case() { # bindir label file dir
	local bin=$1 label=$2 file=$3 tmp=$4 name line sec out=
	local -A opened=()
	name=${file#"$top/tests/cases/"}
	name=${name%.t}
	# "### SECTION" starts a section, "### file NAME" a fixture file
	while IFS= read -r line || [ -n "$line" ]; do
		if [[ $line == '### '* ]]; then
			sec=${line:4}
			if [[ $sec == 'file '* ]]; then out=$tmp/${sec:5}; else out=$tmp/.case.$sec; fi
			[ -n "${opened[$out]:-}" ] || : > "$out"
			opened[$out]=1
		elif [ -n "$out" ]; then
			printf '%s\n' "$line" >> "$out"
		fi
	done < "$file"
	[ -f "$tmp/.case.status" ] || echo 0 > "$tmp/.case.status"
	[ -f "$tmp/.case.stdout" ] || : > "$tmp/.case.stdout"
	[ -f "$tmp/.case.stderr" ] || : > "$tmp/.case.stderr"
	[ -f "$tmp/.case.stdin" ] || : > "$tmp/.case.stdin"
	setup_env "$bin" "$tmp"
	cd "$tmp" || return
	bash -o pipefail -c '. "$TESTS/lib/common.sh"; . ./.case.cmd' \
		< .case.stdin > .out 2> .err
	local got=$? want diag=$tmp/.diag
	IFS= read -r -d '' want < .case.status
	want=${want//[ $'\n']/}
	: > "$diag"
	if [ "$got" -gt 128 ] && [ "$want" -le 128 ]; then
		echo "killed by signal $((got - 128))" >> "$diag"
	elif [ "$got" != "$want" ]; then
		echo "exit status $got, expected $want" >> "$diag"
	fi
	same_file .case.stdout .out ||
		diff -u --label expected-stdout --label stdout .case.stdout .out >> "$diag"
	same_file .case.stderr .err ||
		diff -u --label expected-stderr --label stderr .case.stderr .err >> "$diag"
	if [ -s "$diag" ]; then
		report fail "$name [$label]" "$diag"
	else
		report ok "$name [$label]"
	fi
}

run_tap() { # label name command... : a TAP producer's lines, renamed,
	# with every comment line, also those before its first test line
	local label=$1 name=$2 out=$work/$job.tap line desc
	shift 2
	"$@" > "$out" 2>&1
	local rc=$? failed=0
	while IFS= read -r line; do
		case $line in
		"ok "* | "not ok "*)
			desc=$line
			[[ $line =~ ^(not\ )?ok\ [0-9]+\ -\ (.*)$ ]] && desc=${BASH_REMATCH[2]}
			case $line in
			ok*) report ok "$name: $desc [$label]" ;;
			*) failed=1; report fail "$name: $desc [$label]" ;;
			esac
			;;
		"#"*) printf '%s\n' "$line" ;;
		esac
	done < "$out"
	if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
		report fail "$name: exited with status $rc [$label]"
		sed 's/^/#   /' "$out" | tail -20
	fi
}

run_unit() { # bindir label file dir
	setup_env "$1" "$4"
	cd "$4" || return
	run_tap "$2" "unit/${3##*/}" "$3"
}

run_script() { # bindir label file dir
	local name=${3##*/}
	setup_env "$1" "$4"
	cd "$4" || return
	export PX_SANITIZED=0
	case $2 in asan) PX_SANITIZED=1 ;; esac
	run_tap "$2" "${name%.sh}" bash -o pipefail "$3"
	cd "$work" || return
	[ "$privacy" = 1 ] || rm -rf "$4"
}

# The tests, in the order they are printed.
kind=() tbin=() tlabel=() tfile=() tname=()
add() { kind+=("$1") tbin+=("$2") tlabel+=("$3") tfile+=("$4") tname+=("$5"); }
for build in "$@"; do
	bin="$top/$build/bin"
	case $build in *asan*) label=asan ;; *) label=plain ;; esac
	if [ ! -x "$bin/px" ]; then
		add nobuild "$bin" "$label" "$build" "build '$build'"
		continue
	fi
	for u in "$top/$build"/tests/*; do
		[ -x "$u" ] || continue
		case "unit/${u##*/}" in $match) ;; *) continue ;; esac
		add unit "$bin" "$label" "$u" "unit/${u##*/}"
	done
	for f in "$top"/tests/cases/*/*.t; do
		[ -f "$f" ] || continue
		rel=${f#"$top/tests/cases/"}
		case ${rel%.t} in $match) ;; *) continue ;; esac
		add case "$bin" "$label" "$f" "${rel%.t}"
	done
	for f in "$top"/tests/t/*.sh; do
		[ -f "$f" ] || continue
		f1=${f##*/}
		case "t/${f1%.sh}" in $match) ;; *) continue ;; esac
		add script "$bin" "$label" "$f" "t/${f1%.sh}"
	done
done
total=${#kind[@]}
# a directory for each test, all made by one process
dirs=()
for ((i = 0; i < total; i++)); do
	dirs+=("$work/$i.d")
	printf '%s\t%s\t%s\t%s\n' "$i" "${kind[i]}" "${tlabel[i]}" "${tname[i]}"
done > "$work/manifest"
[ "$total" = 0 ] || mkdir "${dirs[@]}"

run_one() { # index: runs that test, its lines in $work/INDEX
	local job=$1 t0=$EPOCHREALTIME cpu
	case ${kind[job]} in
	nobuild) report fail "build '${tfile[job]}' has no px [${tlabel[job]}]" ;;
	unit) run_unit "${tbin[job]}" "${tlabel[job]}" "${tfile[job]}" "$work/$job.d" ;;
	case) run_case "${tbin[job]}" "${tlabel[job]}" "${tfile[job]}" "$work/$job.d" ;;
	script) run_script "${tbin[job]}" "${tlabel[job]}" "${tfile[job]}" "$work/$job.d" ;;
	esac > "$work/$job" 2> "$work/$job.err"
	times > "$work/$job.cpu"
	{ read -r cpu; read -r cpu; } < "$work/$job.cpu"
	echo "$EPOCHREALTIME $t0 ${cpu// /+} ${tname[job]} [${tlabel[job]}]" > "$work/$job.time"
	: > "$work/$job.done"
}

# Prints the finished tests that come next in order, numbering them.
n=0 pass=0 fail=0 next=0
flush() {
	local line
	while [ "$next" -lt "$total" ] && [ -e "$work/$next.done" ]; do
		while IFS= read -r line; do
			case $line in
			"ok - "*) n=$((n + 1)) pass=$((pass + 1)); echo "ok $n - ${line#ok - }" ;;
			"not ok - "*) n=$((n + 1)) fail=$((fail + 1)); echo "not ok $n - ${line#not ok - }" ;;
			*) printf '%s\n' "$line" ;;
			esac
		done < "$work/$next"
		[ -s "$work/$next.err" ] && cat "$work/$next.err" >&2
		next=$((next + 1))
	done
}

is_serial() { [ "${kind[$1]}" = script ] && [[ $serial == *" ${tname[$1]} "* ]]; }

# The order they start in.
order=()
for k in serial script case unit nobuild; do
	for lab in asan plain; do
		for ((i = 0; i < total; i++)); do
			[ "${tlabel[i]}" = "$lab" ] || continue
			if is_serial "$i"; then
				[ "$k" = serial ] && order+=("$i")
			elif [ "${kind[i]}" = "$k" ]; then
				order+=("$i")
			fi
		done
	done
done

running=0
for i in "${order[@]}"; do
	if is_serial "$i"; then
		wait
		running=0
		flush
		run_one "$i" &
		wait "$!"
		flush
		continue
	fi
	while [ "$running" -ge "$jobs" ]; do
		wait -n
		running=$((running - 1))
		flush
	done
	run_one "$i" &
	running=$((running + 1))
done
wait
flush
if [ "$privacy" = 1 ] && [ "$total" -gt 0 ]; then
	t0=$EPOCHREALTIME
	python3 "$top/tests/lib/privacy.py" "$work" "$top" > "$work/$total" 2>&1 ||
		echo "not ok - privacy: the scan failed" >> "$work/$total"
	echo "$EPOCHREALTIME $t0 0 privacy [scan]" > "$work/$total.time"
	: > "$work/$total.done"
	total=$((total + 1))
	flush
fi

if [ -n "${TESTS_TIMES:-}" ]; then
	for ((i = 0; i < total; i++)); do
		read -r t1 t0 cpu rest < "$work/$i.time"
		us=$((10#${t1/./} - 10#${t0/./}))
		printf '%d.%02d %s %s\n' $((us / 1000000)) $((us % 1000000 / 10000)) "$cpu" "$rest"
	done | sort -rn > "$TESTS_TIMES"
fi
echo "1..$n"
now=$EPOCHREALTIME
echo "# wall time $((${now%.*} - ${started%.*})) s"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
