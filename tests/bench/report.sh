#!/bin/bash
# tests/bench/report.sh BUILD - px-report over a million completed surveys
# against the same aggregate written as one plain SQL query in the sqlite3
# shell, timed in the same run; the figure is the ratio of the two.
set -eu
B=$(cd "${1:-build}" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
N=${BENCH_RESPONSES:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export PATH="$B/bin:$PATH" PX_USER=admin PX_CONFIG=/dev/null
export PX_NOW=2026-12-15T09:00:00Z PX_PRIVACY_NATID_KEY=bench-key-0123456789abcdef
px init >/dev/null
px org load "$top/tests/fixtures/org.csv" >/dev/null
# A million surveys over 2026, each with its NPS answer.
sqlite3 px.db <<SQL
INSERT INTO patients (id, public_id, hospital_id, mrn, created_at, updated_at)
	VALUES (1, 'pat_bench', 1, 'M1', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO survey_templates (id, public_id, name, version, title, survey_type, scoring, negative_threshold,
	definition, created_at, updated_at)
	VALUES (1, 'tpl_bench', 'nps', 1, 'NPS', 'nps', 'nps', 7, '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO survey_questions (id, template_id, code, position, type, text) VALUES (1, 1, 'q1', 1, 'nps', 'Likely?');
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < $N)
INSERT INTO surveys (id, public_id, template_id, patient_id, hospital_id, department_id, dedup_key, channel,
	language, status, sent_at, expires_at, completed_at, score, nps_class, negative, created_at, updated_at)
SELECT n, 'srv_' || n, 1, 1, 1 + n % 2, 1 + n % 5, 'd' || n, 'sms', 'en', 'completed', t, t, t, v,
	CASE WHEN v >= 9 THEN 'promoter' WHEN v >= 7 THEN 'passive' ELSE 'detractor' END, v < 7, t, t
FROM (SELECT n, (n * 7) % 11 AS v, strftime('%Y-%m-%dT%H:%M:%SZ', 1767214800 + (n * 31449) % 31536000,
	'unixepoch') AS t FROM i);
INSERT INTO survey_answers (survey_id, question_id, value, answered_at)
	SELECT id, 1, CAST(CAST(score AS INTEGER) AS TEXT), completed_at FROM surveys;
ANALYZE;
SQL
now() { date +%s.%N; }
# The same aggregate: NPS counts by department and Riyadh month of 2026.
t0=$(now)
sqlite3 px.db "SELECT h.code || '/' || d.code, strftime('%Y-%m', s.completed_at, '+3 hours'),
	sum(s.nps_class = 'promoter'), sum(s.nps_class = 'passive'), sum(s.nps_class = 'detractor')
	FROM surveys s JOIN hospitals h ON h.id = s.hospital_id JOIN departments d ON d.id = s.department_id
	WHERE s.status = 'completed' AND s.nps_class IS NOT NULL
	AND s.completed_at >= '2025-12-31T21:00:00Z' AND s.completed_at < '2026-12-31T21:00:00Z'
	GROUP BY 1, 2" > base.txt
t1=$(now)
base=$(echo "$t1 - $t0" | bc -l)
t0=$(now)
px-report nps --by department --period month --since 2026-01-01 --until 2027-01-01 -o csv > report.csv
t1=$(now)
rep=$(echo "$t1 - $t0" | bc -l)
# Both saw every response.
a=$(awk -F'|' '{ s += $3 + $4 + $5 } END { print s }' base.txt)
b=$(awk -F, 'NR > 1 { s += $6 } END { print s }' report.csv)
[ "$a" = "$N" ] && [ "$b" = "$N" ] || { echo "report bench: counts differ: sql $a, px-report $b, expected $N" >&2; exit 1; }
printf 'sqlite3 aggregate:  %d responses in %.2fs\n' "$N" "$base"
printf 'px-report nps:      %d responses in %.2fs, %.2fx the plain query\n' "$N" "$rep" "$(echo "$rep / $base" | bc -l)"
