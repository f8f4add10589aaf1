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
# Set TESTS_MATCH=glob to run only matching cases.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0 n=0
match=${TESTS_MATCH:-*}

report() { # status name [diagnostics-file]
	n=$((n + 1))
	if [ "$1" = ok ]; then
		pass=$((pass + 1))
		echo "ok $n - $2"
	else
		fail=$((fail + 1))
		echo "not ok $n - $2"
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
	unset PX_DB PX_EXEC_PATH_EXTRA
	: > "$2/px.conf"
}

run_case() { # bindir label file
	local bin=$1 label=$2 file=$3 name tmp
	name=${file#"$top/tests/cases/"}
	name=${name%.t}
	tmp=$(mktemp -d)
	awk -v dir="$tmp" '
		/^### / {
			s = substr($0, 5)
			out = (s ~ /^file /) ? dir "/" substr(s, 6) : dir "/.case." s
			printf "" > out
			next
		}
		out != "" { print > out }
	' "$file"
	[ -f "$tmp/.case.status" ] || echo 0 > "$tmp/.case.status"
	[ -f "$tmp/.case.stdout" ] || : > "$tmp/.case.stdout"
	[ -f "$tmp/.case.stderr" ] || : > "$tmp/.case.stderr"
	[ -f "$tmp/.case.stdin" ] || : > "$tmp/.case.stdin"
	(
		setup_env "$bin" "$tmp"
		cd "$tmp" || exit 1
		bash -o pipefail -c '. "$TESTS/lib/common.sh"; . ./.case.cmd' \
			< .case.stdin > .out 2> .err
		echo $? > .rc
	)
	local want got diag="$tmp/.diag"
	want=$(tr -d ' \n' < "$tmp/.case.status")
	got=$(cat "$tmp/.rc")
	: > "$diag"
	if [ "$got" -gt 128 ] && [ "$want" -le 128 ]; then
		echo "killed by signal $((got - 128))" >> "$diag"
	elif [ "$got" != "$want" ]; then
		echo "exit status $got, expected $want" >> "$diag"
	fi
	diff -u --label expected-stdout --label stdout "$tmp/.case.stdout" "$tmp/.out" >> "$diag"
	diff -u --label expected-stderr --label stderr "$tmp/.case.stderr" "$tmp/.err" >> "$diag"
	if [ -s "$diag" ]; then
		report fail "$name [$label]" "$diag"
	else
		report ok "$name [$label]"
	fi
	rm -rf "$tmp"
}

run_tap() { # label name command... : re-numbers a TAP producer's lines
	local label=$1 name=$2 out line
	shift 2
	out=$(mktemp)
	"$@" > "$out" 2>&1
	local rc=$? seen=0
	while IFS= read -r line; do
		case $line in
		"ok "*) seen=1; report ok "$name: $(echo "$line" | sed -E 's/^ok [0-9]+ - //') [$label]" ;;
		"not ok "*) seen=1; report fail "$name: $(echo "$line" | sed -E 's/^not ok [0-9]+ - //') [$label]" ;;
		"#"*) [ "$seen" = 1 ] && echo "$line" ;;
		esac
	done < "$out"
	if [ "$rc" != 0 ] && ! grep -q '^not ok' "$out"; then
		report fail "$name: exited with status $rc [$label]"
		sed 's/^/#   /' "$out" | tail -20
	fi
	rm -f "$out"
}

run_script() { # bindir label file
	local bin=$1 label=$2 file=$3 tmp
	tmp=$(mktemp -d)
	(
		setup_env "$bin" "$tmp"
		cd "$tmp" || exit 1
		export PX_SANITIZED=0
		case $label in asan) PX_SANITIZED=1 ;; esac
		run_tap "$label" "$(basename "$file" .sh)" bash -o pipefail "$file"
		echo "$pass $fail $n" > "$tmp/.counts"
	)
	read -r pass fail n < "$tmp/.counts"
	rm -rf "$tmp"
}

for build in "$@"; do
	bin="$top/$build/bin"
	case $build in *asan*) label=asan ;; *) label=plain ;; esac
	if [ ! -x "$bin/px" ]; then
		report fail "build '$build' has no px [$label]"
		continue
	fi
	for u in "$top/$build"/tests/*; do
		[ -x "$u" ] || continue
		case "unit/$(basename "$u")" in $match) ;; *) continue ;; esac
		tmp=$(mktemp -d)
		(cd "$tmp" && setup_env "$bin" "$tmp" && run_tap "$label" "unit/$(basename "$u")" "$u" &&
			echo "$pass $fail $n" > "$tmp/.counts")
		read -r pass fail n < "$tmp/.counts"
		rm -rf "$tmp"
	done
	for f in "$top"/tests/cases/*/*.t; do
		[ -f "$f" ] || continue
		rel=${f#"$top/tests/cases/"}
		case ${rel%.t} in $match) ;; *) continue ;; esac
		run_case "$bin" "$label" "$f"
	done
	for f in "$top"/tests/t/*.sh; do
		[ -f "$f" ] || continue
		case "t/$(basename "$f" .sh)" in $match) ;; *) continue ;; esac
		run_script "$bin" "$label" "$f"
	done
done
echo "1..$n"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
