# Sourced by every golden case before its script.

# Prints the exit status of the command before: px org load x; code
code() { echo "exit $?"; }

# Runs SQL against the case's database, rows as a|b|c.
q() { sqlite3 -batch "${DB:-px.db}" "$@"; }

# Replaces random public ids by PREFIX_ID so that output is stable.
norm() { sed -E 's/\b([a-z]{3})_[0-9a-z]{20}\b/\1_ID/g'; }

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
