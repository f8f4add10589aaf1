#!/bin/bash
# tests/bench/run.sh BUILD - px-import-his throughput against sqlite3 .import
# of the same CSV, as ratios measured in the same run.  The floor is
# sqlite3 alone writing the least an import must write (floor.sql): how
# close to the baseline any import into px's schema could come; the
# floor with journeys adds what px-import-his writes besides for these
# events, the journey's columns and stages and the surveys due, with
# random public ids (floor-journeys.sql).
#
# BENCH_EVENTS CSV events of the large run (default 1000000), BENCH_SMALL
# of the small run (default 100000; peak memory should not grow between
# the two), BENCH_HL7 HL7 messages (default 100000).
set -eu
B=$(cd "${1:-build}" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
N=${BENCH_EVENTS:-1000000} S=${BENCH_SMALL:-100000} H=${BENCH_HL7:-100000}
[ "$S" -le "$N" ] || S=$N
for tool in bc sqlite3; do
	command -v $tool >/dev/null || { echo "bench: '$tool' is needed" >&2; exit 4; }
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export PATH="$B/bin:$PATH" PX_DATA="$top/share/px" PX_USER=admin PX_CONFIG=/dev/null
export PX_NOW=2026-11-23T09:00:00Z PX_PRIVACY_NATID_KEY=bench-key-0123456789abcdef
gen_csv() {
	awk -v n="$1" 'BEGIN { print "event_id,event,event_time,hospital,department,visit,patient_type,mrn,phone";
	  for (i = 0; i < n; i++) { v = int(i / 2); ev = i % 2 ? "discharge" : "admit";
	    printf "b%d,%s,2026-11-%02dT%02d:00:00Z,KFH,OPD,V%d,opd,M%d,05%08d\n", i, ev, 1 + v % 20, 8 + i % 2, v, v % 200000, v % 200000 } }'
}
gen_csv "$N" > large.csv
head -n $((S + 1)) large.csv > small.csv
awk -v n="$H" 'BEGIN { for (i = 0; i < n; i++) { v = int(i / 2); t = i % 2 ? "A03" : "A01";
    printf "MSH|^~\\&|HIS|KFH|PX|PX|202611%02d%02d0000||ADT^%s|H%d|P|2.5\rPID|1||H%d^^^KFH^MR||Doe^John||||||||^PRN^CP^^966^50^%07d\rPV1|1|O|OPD^^^KFH||||||||||||||||HV%d\r", 1 + v % 20, 8 + i % 2, t, i, v % 50000, v % 50000, v } }' > adt.hl7

now() { date +%s.%N; }
# run NAME CMD...: runs CMD with stdout and stderr to NAME.out, sets
# secs and rss (peak resident set in KiB, "?" without GNU time); fails
# the bench when CMD fails.
run() {
	local name=$1 t0 t1
	shift
	t0=$(now)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$name.rss" "$@" > "$name.out" 2>&1 ||
			{ echo "bench: $name failed:" >&2; tail -5 "$name.out" >&2; exit 5; }
	else
		"$@" > "$name.out" 2>&1 || { echo "bench: $name failed" >&2; exit 5; }
		echo "?" > "$name.rss"
	fi
	t1=$(now)
	secs=$(echo "$t1 - $t0" | bc -l)
	rss=$(tail -1 "$name.rss")
}
fresh() {
	rm -f px.db px.db-wal px.db-shm
	px init >/dev/null
	px org load "$top/tests/fixtures/org.csv" >/dev/null
}
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
rate() { printf '%.0f' "$(echo "$1 / $2" | bc -l)"; }

run base_small sqlite3 base_small.db ".mode csv" ".import small.csv visits"; base_s=$secs
run base_large sqlite3 base_large.db ".mode csv" ".import large.csv visits"; base_l=$secs
fresh
ln -s large.csv events.csv
run floor sqlite3 px.db ".read $top/tests/bench/floor.sql"; floor=$secs
fresh
run floor_j sqlite3 px.db ".read $top/tests/bench/floor-journeys.sql"; floor_j=$secs
fresh
run small px-import-his --quiet -i csv small.csv; small=$secs rss_s=$rss
fresh
run large px-import-his --quiet -i csv large.csv; large=$secs rss_l=$rss
run again px-import-his --quiet -i csv large.csv; again=$secs rss_a=$rss
fresh
run hl7 px-import-his --quiet -i hl7 adt.hl7; hl7=$secs rss_h=$rss
[ ! -s again.out ] || { echo "bench: the re-import printed records" >&2; exit 5; }

printf 'sqlite3 .import: %8d rows   in %7.2fs (%7s rows/s)\n' "$S" "$base_s" "$(rate "$S" "$base_s")"
printf 'sqlite3 .import: %8d rows   in %7.2fs (%7s rows/s)\n' "$N" "$base_l" "$(rate "$N" "$base_l")"
printf 'floor (sqlite3): %8d events in %7.2fs (%7s events/s), %sx the baseline: %s\n' \
	"$N" "$floor" "$(rate "$N" "$floor")" "$(ratio "$floor" "$base_l")" "$(tail -1 floor.out)"
printf 'floor, journeys: %8d events in %7.2fs (%7s events/s), %sx the baseline: %s\n' \
	"$N" "$floor_j" "$(rate "$N" "$floor_j")" "$(ratio "$floor_j" "$base_l")" "$(tail -1 floor_j.out)"
printf 'csv import:      %8d events in %7.2fs (%7s events/s), %sx the baseline, peak RSS %s KiB\n' \
	"$S" "$small" "$(rate "$S" "$small")" "$(ratio "$small" "$base_s")" "$rss_s"
printf 'csv import:      %8d events in %7.2fs (%7s events/s), %sx the baseline, peak RSS %s KiB\n' \
	"$N" "$large" "$(rate "$N" "$large")" "$(ratio "$large" "$base_l")" "$rss_l"
printf 'csv re-import:   %8d events in %7.2fs (%7s events/s), %sx the first import, peak RSS %s KiB\n' \
	"$N" "$again" "$(rate "$N" "$again")" "$(ratio "$again" "$large")" "$rss_a"
if [ "$rss_s" != "?" ] && [ "$rss_l" != "?" ]; then
	printf 'peak RSS:        %sx from %d to %d events\n' "$(ratio "$rss_l" "$rss_s")" "$S" "$N"
fi
printf 'hl7 import:      %8d msgs   in %7.2fs (%7s msgs/s), peak RSS %s KiB\n' \
	"$H" "$hl7" "$(rate "$H" "$hl7")" "$rss_h"
