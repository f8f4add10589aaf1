#!/bin/bash
# tests/bench/run.sh BUILD - px-import-his throughput against sqlite3 .import
# of the same CSV, as ratios measured in the same run.
set -eu
B=$(cd "${1:-build}" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
N=${BENCH_EVENTS:-1000000} H=${BENCH_HL7:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export PATH="$B/bin:$PATH" PX_DATA="$top/share/px" PX_USER=admin PX_CONFIG=/dev/null
export PX_NOW=2026-11-23T09:00:00Z PX_PRIVACY_NATID_KEY=bench-key-0123456789abcdef
awk -v n="$N" 'BEGIN { print "event_id,event,event_time,hospital,department,visit,patient_type,mrn,phone";
  for (i = 0; i < n; i++) { v = int(i / 2); ev = i % 2 ? "discharge" : "admit";
    printf "b%d,%s,2026-11-%02dT%02d:00:00Z,KFH,OPD,V%d,opd,M%d,05%08d\n", i, ev, 1 + v % 20, 8 + i % 2, v, v % 200000, v % 200000 } }' > visits.csv
awk -v n="$H" 'BEGIN { for (i = 0; i < n; i++) { v = int(i / 2); t = i % 2 ? "A03" : "A01";
    printf "MSH|^~\\&|HIS|KFH|PX|PX|202611%02d%02d0000||ADT^%s|H%d|P|2.5\rPID|1||H%d^^^KFH^MR||Doe^John|||||||^PRN^CP^^966^50^%07d\rPV1|1|O|OPD^^^KFH||||||||||||||||HV%d\r", 1 + v % 20, 8 + i % 2, t, i, v % 50000, v % 50000, v } }' > adt.hl7
now() { date +%s.%N; }
peak() { if [ -x /usr/bin/time ]; then /usr/bin/time -f %M -o rss "$@"; cat rss; else "$@"; echo 0; fi; }
px init >/dev/null
px org load "$top/tests/fixtures/org.csv" >/dev/null
t0=$(now); sqlite3 base.db ".mode csv" ".import visits.csv visits"; t1=$(now)
base=$(echo "$t1 - $t0" | bc -l)
t0=$(now); r1=$(peak px-import-his -i csv visits.csv 2>&1 >/dev/null | tail -1); t1=$(now)
first=$(echo "$t1 - $t0" | bc -l)
t0=$(now); peak px-import-his -i csv visits.csv >/dev/null 2>&1; t1=$(now)
again=$(echo "$t1 - $t0" | bc -l)
t0=$(now); r2=$(peak px-import-his -i hl7 adt.hl7 2>&1 >/dev/null | tail -1); t1=$(now)
hl7=$(echo "$t1 - $t0" | bc -l)
printf 'sqlite3 .import: %d rows in %.2fs (%.0f rows/s)\n' "$N" "$base" "$(echo "$N / $base" | bc -l)"
printf 'csv import:      %d events in %.2fs (%.0f events/s), %.2fx the baseline, peak RSS %s KiB\n' \
	"$N" "$first" "$(echo "$N / $first" | bc -l)" "$(echo "$first / $base" | bc -l)" "$r1"
printf 'csv re-import:   %.2fs, %.2fx the first import\n' "$again" "$(echo "$again / $first" | bc -l)"
printf 'hl7 import:      %d messages in %.2fs (%.0f messages/s), peak RSS %s KiB\n' \
	"$H" "$hl7" "$(echo "$H / $hl7" | bc -l)" "$r2"
