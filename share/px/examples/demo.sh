#!/bin/sh
# demo.sh [DIR] - the px loop on the sample data, as cron would run it.
#
# Copy the lines you need into your crontab; each step is an ordinary
# command reading and writing records.  DIR (default ./px-demo) receives a
# fresh database; nothing leaves the machine.
set -eu

dir=${1:-px-demo}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
export PX_DB="$dir/px.db"
rm -f "$PX_DB" "$PX_DB-wal" "$PX_DB-shm"
# The keyed hash of national IDs needs a secret; a real site keeps it in
# px.conf as 'natid_key = env:...' or in the environment, never here.
export PX_PRIVACY_NATID_KEY="${PX_PRIVACY_NATID_KEY:-demo-only-key-not-for-production}"

step() { printf '\n== %s\n' "$*"; }

step "Create the store; you ($(id -un)) become its first px_admin"
px init
echo "created $PX_DB"

step "Load hospitals and departments (CSV, idempotent)"
px org load "$here/org.csv"
px org load "$here/org.csv"   # the second run changes nothing
px org list -o table

step "Add staff with roles scoped to hospitals"
px user add kfh_px --role hospital_admin --hospital KFH --full-name "KFH patient experience"
px user add kfh_nurse --role staff --hospital KFH
px user list -o table

step "What happened, from the audit trail"
px audit -o csv | cut -d, -f4-6
