A rule on a report's figure (on=report.nps by=department period=month) is raised by px-action raise --from-store from the last whole month's figures, once per department and month however often cron runs it; the same figure piped from px-report raises nothing more.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
printf 'rule dept-nps on=report.nps by=department period=month n_min=1 nps_max=0 priority=high title=NPS {nps} in {department} at {hospital}, month from {from}\n' > rules
export PX_ACTIONS_RULES=$PWD/rules PX_NOW=2026-12-02T06:00:00Z
px-report nps --by department --since 2026-11-01 --until 2026-12-01 | jq -r 'select(.n > 0) | [.department, .n, .nps] | @tsv'
px-action raise --from-store -v | jq -r '[.type, .ref, .owner_department, .priority, .title] | @tsv'; code
px-action raise --from-store -v; code
px-report nps --by department --period month --since 2026-11-01 --until 2026-12-01 -o jsonl | px-action raise | jq -r 'select(.kind == "action") | .ref'; code
q "SELECT rule, source_type, source_ref FROM action_raises"
printf 'rule bad on=report.nps by=template period=month title=x\nrule worse on=report.nps by=department period=fortnight title=x\n' > rules
px-action raise --from-store 2>&1 | sed "s#$PWD/##"; code
sed -i 1d rules
px-action raise --from-store 2>&1 | sed "s#$PWD/##"; code
### stdout
KFH/OPD	2	0
case	KFH-ACT-2026-000001	OPD	high	NPS 0 in OPD at KFH, month from 2026-11-01T00:00:00+03:00
exit 0
exit 0
exit 0
dept-nps|report|report.nps:department=KFH/OPD:2026-11-01T00:00:00+03:00
px-action: rules:1: rule 'bad': by=template: an action belongs to a hospital, so by=hospital or by=department
exit 4
px-action: rules:1: rule 'worse': unknown period 'fortnight'
exit 4
### stderr
px-action: 5 triggers, 1 actions raised
px-action: 5 triggers, 0 actions raised
