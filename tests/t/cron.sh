# share/px/examples/px-cron, the wrapper the README's crontab uses: silent
# when the pipeline succeeds, its output and status when any part of it
# fails (pipefail), one run of a job at a time, and a time limit that
# stops the whole pipeline.
export PX_DATA="$SHARE" PX_CRON_LOCKS=$PWD
t=0
ok() { t=$((t + 1)); echo "ok $t - $1"; }
nok() { t=$((t + 1)); echo "not ok $t - $1"; }
cron="$SHARE/examples/px-cron"
px init >/dev/null && px org load "$TESTS/fixtures/org.csv" >/dev/null || exit 1
px-survey template add "$SHARE/surveys/outpatient_visit.json" > /dev/null || exit 1
printf 'event_id,event,event_time,hospital,department,visit,patient_type,mrn,phone\nc1,discharge,2026-11-22T10:00:00Z,KFH,OPD,V1,opd,M1,0501234567\n' > v.csv
"$cron" import 'px-import-his v.csv | px-survey send > sent.jsonl' > out1 2>&1; rc=$?
[ $rc = 0 ] && ! [ -s out1 ] && [ "$(sqlite3 px.db "SELECT count(*) FROM surveys")" = 1 ] &&
	ok "a pipeline that succeeds prints nothing and exits 0" || { nok "success: exit $rc"; sed 's/^/# /' out1; }
"$cron" import 'px-import-his missing.csv | cat' > out2 2>&1; rc=$?
[ $rc = 4 ] && head -1 out2 | grep -Eqx 'px-cron: import: exit 4 after [0-9]+ s' &&
	grep -q "^px-import-his: missing.csv: cannot open" out2 &&
	ok "a failure at the head of a pipe is the job's: its status and its output" ||
	{ nok "failure: exit $rc"; sed 's/^/# /' out2; }
"$cron" slow 'sleep 3' & first=$!
sleep 0.5
"$cron" slow 'touch second-ran' > out3 2>&1; rc=$?
wait $first
[ $rc = 0 ] && ! [ -e second-ran ] && ! [ -s out3 ] &&
	ok "a run that finds the last one still going does nothing" || nok "overlap: exit $rc, $(ls second-ran 2>&1)"
"$cron" slow 'touch second-ran' && [ -e second-ran ] && ok "the lock is free once the run ends" || nok "the lock stayed"
s0=$(date +%s)
"$cron" -t 1 stuck 'sleep 60 | cat' > out4 2>&1; rc=$?
dt=$(($(date +%s) - s0))
[ $rc = 124 ] && [ $dt -lt 20 ] && [ "$(cat out4)" = "px-cron: stuck: stopped at its time limit of 1 s" ] &&
	ok "a run over its time limit is stopped, 124" || { nok "time limit: exit $rc after $dt s"; sed 's/^/# /' out4; }
pgrep -f 'sleep 60' >/dev/null && nok "the stopped pipeline's processes are left" || ok "the whole pipeline is stopped"
"$cron" > out5 2>&1; rc=$?
[ $rc = 2 ] && grep -q '^usage: px-cron' out5 && ok "usage, exit 2" || nok "usage: exit $rc"
[ "$(stat -c %a px-cron-import.lock)" = 600 ] && ok "the lock file is 0600" || nok "lock mode $(stat -c %a px-cron-import.lock)"
echo "1..$t"
