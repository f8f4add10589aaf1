px-report calls: the call centre's calls by the time they started: how many, how many rated, the mean rating, the share rated 2 or less, the median seconds waited and talked; by hospital, department and agent, by period, and within the user's hospitals only.  A call rated 2 or less raises its action through px-action raise.
### cmd
. "$TESTS/fixtures/call/setup.sh"
setup_calls
export PX_NOW=2026-12-02T06:00:00Z
px-contact call import calls.csv > calls.jsonl
px-report calls --since 2026-11-01 --until 2026-12-01 | jq -c 'del(.from, .to)'; code
px-report calls --by agent --since 2026-11-01 --until 2026-12-01 -o csv | cut -d, -f4-; code
px-report calls --by department --since 2026-11-01 --until 2026-12-01 | jq -r 'select(.calls > 0) | [.department, .calls, .mean_rating, .rated_low] | @tsv'; code
px-report calls --by hospital --period day --since 2026-11-20 --until 2026-11-24 | jq -r 'select(.calls > 0) | [.period, .hospital, .calls] | @tsv'; code
px-report calls --as kamc_admin --since 2026-11-01 --until 2026-12-01 | jq -r '[.calls, .rated] | @tsv'; code
px-report calls --by template; code
# the calls rated 2 or less become actions, once
px-action raise calls.jsonl | jq -r 'select(.kind == "action") | [.ref, .title] | @tsv'; code
px-action raise calls.jsonl | jq -r 'select(.kind == "action") | .ref'; code
px-action raise --as kfh_admin calls.jsonl 2>&1 > /dev/null | sed 's/cal_[0-9a-z]*/cal_ID/'; code
### stdout
{"type":"report.calls","calls":5,"rated":4,"mean_rating":3,"rated_low":2,"low_rating_rate":50,"median_wait_seconds":33,"median_talk_seconds":148,"low_n":true,"partial":false}
exit 0
agent,calls,rated,mean_rating,rated_low,low_rating_rate,median_wait_seconds,median_talk_seconds,low_n,partial
Hadi,2,2,2.5,1,50,158,233,true,false
Lama,2,1,5,0,0,33,148,true,false
Reem,1,1,2,1,100,,,true,false
exit 0
KAMC/ER	1	2	1
KFH/-	1	4	0
KFH/ER	1	1	1
KFH/OPD	2	5	0
exit 0
2026-11-22	KAMC	1
2026-11-22	KFH	4
exit 0
1	1
exit 0
exit 2
KFH-ACT-2026-000001	Call rated 1 of 5 (complaint, agent Hadi) at KFH
KAMC-ACT-2026-000001	Call rated 2 of 5 (follow_up, agent Reem) at KAMC
exit 0
exit 0
px-action: calls.jsonl:4: permission denied: cal_ID is of a hospital outside kfh_admin's
exit 3
### stderr
px-report: the calls report cannot be grouped by template
usage: px-report sla|actions|calls [--by DIMENSION] [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE]
           [--compare] [--lang LANG] [-o FORMAT]
