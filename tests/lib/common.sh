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
