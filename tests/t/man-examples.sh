# Every EXAMPLES block of the manual runs: the literal blocks of a page's
# EXAMPLES section form one bash session (set -e, pipefail), started in an
# empty directory with an empty px.conf as $PX_CONFIG and no standard
# input, that must exit 0.  px(7) is left out: its pipelines show the whole
# toolkit and read site files.
#
# tests/man/PAGE.setup, when it exists, is sourced first in the same
# session: it prepares what the examples need (a store, templates, sample
# files, local servers that it stops on exit).  tests/man/PAGE.check, when
# it exists, is sourced after them and must exit 0 too: it checks that the
# examples did what the page says (a message reached the server...).
n=0
for page in "$TOP"/man/*.[15] "$TOP"/man/*.7; do
	name=$(basename "$page")
	case $name in px.7) continue ;; esac
	script=$(awk '
		/^\.Sh EXAMPLES/ { on = 1; next }
		/^\.Sh / { on = 0 }
		on && /^\.Bd -literal/ { lit = 1; next }
		on && /^\.Ed/ { lit = 0; next }
		on && lit { gsub(/\\e/, "\\"); gsub(/\\&/, ""); print }
	' "$page")
	[ -n "$script" ] || continue
	n=$((n + 1))
	dir=$(mktemp -d)
	setup="$TOP/tests/man/$name.setup"
	check="$TOP/tests/man/$name.check"
	{
		echo 'set -eo pipefail'
		[ -f "$setup" ] && printf '. %q\n' "$setup"
		printf '%s\n' "$script"
		[ -f "$check" ] && printf '. %q\n' "$check"
		echo 'exit 0'
	} > "$dir/.examples.sh"
	: > "$dir/px.conf"
	if (cd "$dir" && PX_CONFIG="$dir/px.conf" timeout 300 bash .examples.sh < /dev/null > .out 2> .err); then
		echo "ok $n - EXAMPLES of $name run"
	else
		echo "not ok $n - EXAMPLES of $name fail"
		sed 's/^/#   /' "$dir/.err" | tail -10
	fi
	rm -rf "$dir"
done
[ "$n" -gt 0 ] || echo "not ok 1 - no EXAMPLES found"
