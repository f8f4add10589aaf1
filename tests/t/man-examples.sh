# Every EXAMPLES block of the manual runs: the literal blocks of a page's
# EXAMPLES section form one shell session, started in an empty directory,
# that must exit 0.  px(7) is left out: its pipelines show the whole
# toolkit and read site files.
n=0
for page in "$TOP"/man/*.[15] "$TOP"/man/*.7; do
	case $(basename "$page") in px.7) continue ;; esac
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
	if (cd "$dir" && printf 'set -e\n%s\n' "$script" | bash > out 2> err); then
		echo "ok $n - EXAMPLES of $(basename "$page") run"
	else
		echo "not ok $n - EXAMPLES of $(basename "$page") fail"
		sed 's/^/#   /' "$dir/err" | tail -10
	fi
	rm -rf "$dir"
done
[ "$n" -gt 0 ] || echo "not ok 1 - no EXAMPLES found"
