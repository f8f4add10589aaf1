px-action raise: each trigger raises exactly one action per rule (an escalated negative survey, a serious complaint, a complaint whose patient was not satisfied with its resolution, a department's low NPS for a month); records that trigger nothing pass through in order; the same records again, and raise --from-store, raise nothing more; a trigger only the store has is raised from it.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
px-survey template add "$SHARE/surveys/complaint_resolution.json" > /dev/null
px user add kfh_dm --role department_manager --hospital KFH --department OPD --email dm@kfh.example > /dev/null
export PX_NOW=2026-11-24T08:00:00Z
px-contact --as kfh_px escalate "$NEG" --notes "the patient asks for the manager" > escalated.jsonl
px-complaint new --as kfh_px --hospital KFH --department OPD --patient KFH0001 --title "Wrong medicine given" --severity critical > serious.jsonl
px-complaint new --as kfh_px --hospital KFH --department OPD --patient KFH0002 --title "Lost results" > plain.jsonl
R=$(jq -r .ref plain.jsonl)
px-complaint resolve "$R" --as kfh_px --category full_action --resolution "results found" > /dev/null
px-complaint close "$R" --as kfh_px > closed.jsonl
T=$(jq -r 'select(.type == "notification") | .vars.link' closed.jsonl | sed 's#.*/s/##')
printf 'token,question,value\n%s,resolved,no\n%s,satisfaction,1\n%s,speed,1\n' "$T" "$T" "$T" | PX_NOW=2026-11-24T09:00:00Z px-survey respond > unsatisfied.jsonl
printf '{"type":"report.nps","period":"2026-10","from":"2026-10-01T00:00:00+03:00","to":"2026-11-01T00:00:00+03:00","department":"KFH/OPD","n":40,"nps":-12.5,"low_n":false}\n{"type":"report.nps","period":"2026-10","from":"2026-10-01T00:00:00+03:00","to":"2026-11-01T00:00:00+03:00","department":"KFH/ER","n":3,"nps":-50,"low_n":true}\n' > nps.jsonl
cat escalated.jsonl serious.jsonl plain.jsonl unsatisfied.jsonl nps.jsonl > triggers.jsonl
px-action raise --as kfh_px triggers.jsonl | jq -r '[.type, .ref // .survey // .department // "", .title // ""] | @tsv' | sed "s/$NEG/NEG/"; code
q "SELECT r.rule, r.source_type, r.source_ref = '$NEG', c.ref, c.owner, c.priority FROM action_raises r JOIN cases c ON c.id = r.case_id ORDER BY c.id"
# again: nothing more, everything passed through
px-action raise --as kfh_px triggers.jsonl | jq -r .type | sort | uniq -c | sed 's/^ *//'; code
px-action raise --as kfh_px --from-store -v; code
q "SELECT count(*) FROM cases WHERE kind = 'action'"
# a serious complaint nobody piped: cron's --from-store raises it, once
px-complaint new --as kfh_px --hospital KFH --department ER --patient KFH0002 --title "Fall in the corridor" --severity high > /dev/null
px-action raise --as kfh_px --from-store -v | jq -r '[.type, .title // ""] | @tsv'; code
px-action raise --as kfh_px --from-store -v; code
# a trigger naming what the store does not have
printf '{"type":"survey.escalated","survey":"srv_nothing"}\n' | px-action raise --as kfh_px; code
q "SELECT count(*) FROM cases WHERE kind = 'action'"
### stdout
survey.escalated	NEG	
case	KFH-ACT-2026-000001	Escalated negative survey (outpatient_visit) at KFH OPD
notification		
case	KFH-2026-000001	Wrong medicine given
case	KFH-ACT-2026-000002	Serious complaint KFH-2026-000001 (critical): Wrong medicine given
case	KFH-2026-000002	Lost results
case	KFH-2026-000002	Lost results
complaint.unsatisfied	KFH-2026-000002	
case	KFH-ACT-2026-000003	Complaint KFH-2026-000002: the patient was not satisfied with its resolution
notification		
report.nps	KFH/OPD	
case	KFH-ACT-2026-000004	NPS -12.5 in OPD at KFH from 2026-10-01T00:00:00+03:00
notification		
report.nps	KFH/ER	
exit 0
escalated-loop|survey|1|KFH-ACT-2026-000001|kfh_dm|high
serious-complaint|complaint|0|KFH-ACT-2026-000002|kfh_admin|high
unsatisfied|complaint|0|KFH-ACT-2026-000003|kfh_dm|high
low-nps|report|0|KFH-ACT-2026-000004|kfh_dm|high
3 case
1 complaint.unsatisfied
2 report.nps
1 survey.escalated
exit 0
exit 0
4
case	Serious complaint KFH-2026-000003 (high): Fall in the corridor
exit 0
exit 0
exit 1
5
### stderr
px-action: 7 triggers, 0 actions raised
px-action: 8 triggers, 1 actions raised
px-action: 8 triggers, 0 actions raised
px-action: -:1: unknown survey 'srv_nothing'
