#!/bin/bash
# tests/bench/sla.sh BUILD - px-sla check over a backlog of open
# complaints against a plain SQL scan of the same rows in the sqlite3
# shell (each open case joined to the timeline rows its clocks are read
# from), timed in the same run; the figures are the ratios of the two.
#
# BENCH_SLA_CASES open complaints (default 100000), opened through
# px-complaint new in 84 imports two hours apart over the week before the
# check, Sunday 29 November 2026 12:00 Riyadh: some within their targets,
# some due soon, some breached up to the last level of escalation.  The
# first check makes every reminder, breach and escalation then due and
# queues their messages; the second, at the same time, is the check that
# cron runs every 15 minutes when nothing has come due, and must change
# nothing.
set -eu
B=$(cd "${1:-build}" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
N=${BENCH_SLA_CASES:-100000}
for tool in bc sqlite3; do
	command -v $tool >/dev/null || { echo "sla bench: '$tool' is needed" >&2; exit 4; }
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export PATH="$B/bin:$PATH" PX_DATA="$top/share/px" PX_USER=admin PX_CONFIG=/dev/null
export PX_PRIVACY_NATID_KEY=bench-key-0123456789abcdef
CHECK_AT=2026-11-29T09:00:00Z
px init >/dev/null
px org load "$top/tests/fixtures/org.csv" >/dev/null
px user add opd_dm --role department_manager --hospital KFH --department OPD \
	--email dm@kfh.example >/dev/null
px user add kfh_head --role hospital_admin --hospital KFH --email head@kfh.example >/dev/null
px user add boss --role px_admin --email boss@px.example >/dev/null

now() { date +%s.%N; }
ratio() { printf '%.1f' "$(echo "$1 / $2" | bc -l)"; }
rate() { printf '%.0f' "$(echo "$1 / $2" | bc -l)"; }

# The backlog: slice j of 84 opened at CHECK_AT - 168h + 2j hours, its
# complaints in OPD and ER (ER has no manager: its messages go to the
# hospital's admin), one in ten of high severity.
t0=$(now)
start=$(date -u -d "$CHECK_AT - 168 hours" +%s)
for j in $(seq 0 83); do
	at=$(date -u -d "@$((start + j * 7200))" +%Y-%m-%dT%H:%M:%SZ)
	awk -v n="$N" -v j="$j" 'BEGIN { print "hospital,reference,source,name,phone,title,department,severity";
	  for (i = j; i < n; i += 84)
	    printf "KFH,B-%d,call_center,Caller %d,05%08d,Call %d,%s,%s\n", i, i, i, i,
	      i % 3 ? "OPD" : "ER", i % 10 ? "medium" : "high" }' > slice.csv
	PX_NOW=$at px-complaint new slice.csv > /dev/null ||
		{ echo "sla bench: px-complaint new failed at $at" >&2; exit 5; }
done
t1=$(now)
setup=$(echo "$t1 - $t0" | bc -l)
sqlite3 px.db "ANALYZE"
opened=$(sqlite3 px.db "SELECT count(*) FROM cases WHERE state = 'open'")
[ "$opened" = "$N" ] || { echo "sla bench: $opened open cases, expected $N" >&2; exit 5; }

# state: what a check may change, for before and after
state() {
	sqlite3 px.db "SELECT (SELECT count(*) FROM sla_marks), (SELECT count(*) FROM notifications),
		(SELECT count(*) FROM case_timeline), (SELECT count(*) FROM audit)"
	sqlite3 px.db "SELECT * FROM sla_clocks ORDER BY case_id, clock"
}

# The baseline: the open cases and the rows of their clocks, read once.
t0=$(now)
sqlite3 px.db "SELECT count(*), sum(length(c.ref) + length(c.state) + length(c.severity)
		+ length(c.source) + length(t.type) + length(t.at)), max(t.at)
	FROM cases c JOIN case_timeline t ON t.case_id = c.id
	WHERE c.state NOT IN ('closed', 'cancelled')
	AND ((t.type = 'clock' AND t.verb IN ('start', 'pause', 'stop')) OR t.type = 'communication')" > base.txt
t1=$(now)
base=$(echo "$t1 - $t0" | bc -l)
rows=$(cut -d'|' -f1 base.txt)
[ "$rows" = $((2 * N)) ] || { echo "sla bench: the scan read $rows rows, expected $((2 * N))" >&2; exit 5; }

state > before1
t0=$(now)
PX_NOW=$CHECK_AT px-sla check -v > first.jsonl 2> first.err ||
	{ echo "sla bench: px-sla check failed:" >&2; tail -5 first.err >&2; exit 5; }
t1=$(now)
first=$(echo "$t1 - $t0" | bc -l)
state > after1
read -r m0 n0 _ < <(head -1 before1 | tr '|' ' ')
read -r m1 n1 _ < <(head -1 after1 | tr '|' ' ')
[ "$m1" -gt "$m0" ] || { echo "sla bench: the first check made no mark" >&2; exit 5; }

t0=$(now)
PX_NOW=$CHECK_AT px-sla check -v > idle.jsonl 2> idle.err ||
	{ echo "sla bench: the re-check failed:" >&2; tail -5 idle.err >&2; exit 5; }
t1=$(now)
idle=$(echo "$t1 - $t0" | bc -l)
state > after2
[ ! -s idle.jsonl ] && [ "$(cat idle.err)" = "px-sla: $N open cases, 0 reminders, 0 breaches, 0 escalations" ] ||
	{ echo "sla bench: the re-check did something" >&2; head -3 idle.jsonl idle.err >&2; exit 5; }
cmp -s after1 after2 || { echo "sla bench: the re-check changed the store:" >&2; diff after1 after2 | head -5 >&2; exit 5; }

printf 'px-complaint new: %7d complaints in %7.2fs (%6s a second), in 84 imports (the set-up)\n' \
	"$N" "$setup" "$(rate "$N" "$setup")"
printf 'sqlite3 scan:     %7d cases, %d clock rows, in %.2fs\n' "$N" "$rows" "$base"
printf 'px-sla check:     %7d cases in %7.2fs (%6s a second), %sx the scan: %d marks, %d messages queued (%s)\n' \
	"$N" "$first" "$(rate "$N" "$first")" "$(ratio "$first" "$base")" $((m1 - m0)) $((n1 - n0)) \
	"$(tail -1 first.err | sed 's/^px-sla: //')"
printf 'idle re-check:    %7d cases in %7.2fs (%6s a second), %sx the scan, nothing changed\n' \
	"$N" "$idle" "$(rate "$N" "$idle")" "$(ratio "$idle" "$base")"
