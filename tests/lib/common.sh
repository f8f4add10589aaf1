# Sourced by every golden case before its script.

# Prints the exit status of the command before: px org load x; code
code() { echo "exit $?"; }

# Runs SQL against the case's database, rows as a|b|c.
q() { sqlite3 -batch "${DB:-px.db}" "$@"; }

# Replaces random public ids by PREFIX_ID so that output is stable.
norm() { sed -E 's/\b([a-z]{3})_[0-9a-z]{20}\b/\1_ID/g'; }

# first_line CMD [ARGS...]: the first line CMD prints (stdout and stderr
# together), and CMD's exit status; unlike "CMD 2>&1 | head -1" it keeps
# the status and never stops CMD with SIGPIPE: first_line px-x bad; code
first_line() {
	local rc
	"$@" > .first_line 2>&1
	rc=$?
	head -1 .first_line
	rm -f .first_line
	return $rc
}

# short_usage CMD [ARGS...]: runs CMD and passes its standard error on,
# a usage text in it shortened to the one line "usage: as CMD -h" when it
# is exactly what 'CMD -h' prints; any other usage text is left whole, so
# that a difference shows.  Each command's whole usage is pinned once, in
# the case that checks its -h; the others need not repeat it.
short_usage() {
	local rc
	"$@" 2> .short_usage.err
	rc=$?
	if grep -q '^usage: ' .short_usage.err; then
		"$1" -h > .short_usage.h 2>&1
		awk -v cmd="$1" '
			FNR == NR { h = h $0 "\n"; next }
			function end() {
				if (blk == "") return
				printf "%s", (blk == h) ? "usage: as " cmd " -h\n" : blk
				blk = ""
			}
			/^usage: / { end(); blk = $0 "\n"; next }
			blk != "" && /^[ \t]/ { blk = blk $0 "\n"; next }
			{ end(); print }
			END { end() }
		' .short_usage.h .short_usage.err >&2
	else
		cat .short_usage.err >&2
	fi
	rm -f .short_usage.err .short_usage.h
	return $rc
}

# A database with the sample organisation and a few users:
#   admin (px_admin), kfh_admin (hospital_admin of KFH),
#   kfh_staff (staff of KFH), kamc_admin (hospital_admin of KAMC),
#   viewer (viewer of KFH).
setup_org() {
	px init &&
	px org load "$TESTS/fixtures/org.csv" &&
	px user add kfh_admin --role hospital_admin --hospital KFH &&
	px user add kfh_staff --role staff --hospital KFH &&
	px user add kamc_admin --role hospital_admin --hospital KAMC &&
	px user add viewer --role viewer --hospital KFH
}
