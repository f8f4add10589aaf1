Routing (share/px/rules/routing, or actions.routing): the first route that matches wins, the last one catches the rest; to= sends the action to another department, owner= names a user or a role; round-robin gives each of a department's users of that role the next action in turn, ten each of thirty; route --explain says which route matched and why the ones before did not.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
for u in er_a er_b er_c; do px user add $u --role staff --hospital KFH --department ER --email $u@kfh.example > /dev/null; done
px user add ipd_dm --role department_manager --hospital KFH --department IPD --email ipd@kfh.example > /dev/null
cat > routing <<'R'
# serious complaints from anywhere go to the inpatient wards' manager
route serious  source=complaint severity=high,critical  to=IPD  owner=department_manager
route er       department=ER                            owner=staff round-robin
route named    department=OPD                           owner=nurse
route default  to=same
R
printf 'rule c on=complaint title=Complaint {ref} {severity}\n' > rules
export PX_ACTIONS_ROUTING=$PWD/routing PX_ACTIONS_RULES=$PWD/rules
export PX_NOW=2026-11-23T06:00:00Z
px-complaint new --as nurse --hospital KFH --department OPD --name A --phone 0551234567 --title serious --severity high > serious.jsonl
px-complaint new --as nurse --hospital KFH --department OPD --name B --phone 0551234568 --title plain > opd.jsonl
px-complaint new --as nurse --hospital KFH --department IPD --name C --phone 0551234569 --title ward > ipd.jsonl
cat serious.jsonl opd.jsonl ipd.jsonl | px-action raise --as nurse | jq -r 'select(.type == "case" and .kind == "action") | [.title, .owner_department // "", .owner // ""] | @tsv'; code
# thirty ER complaints: ten actions each for er_a, er_b and er_c
awk 'BEGIN { print "hospital,reference,source,name,phone,title,department";
  for (i = 1; i <= 30; i++) printf "KFH,ER-%d,call_center,Caller %d,05%08d,Call %d,ER\n", i, i, i, i }' > er.csv
px-complaint new --as nurse er.csv | px-action raise --as nurse > /dev/null; code
q "SELECT owner, count(*) FROM cases WHERE kind = 'action' AND owner LIKE 'er_%' GROUP BY owner ORDER BY owner"
px-action route --explain --as nurse serious.jsonl; code
px-action route --explain --as nurse ipd.jsonl -o csv; code
printf '{"type":"notification"}\n' | px-action route --explain --as nurse; code
printf 'route x owner=staff round-robin\nroute y to=OPD sideways\n' > bad
PX_ACTIONS_ROUTING=bad px-action route --explain --as nurse serious.jsonl; code
### stdout
Complaint KFH-2026-000001 high	IPD	ipd_dm
Complaint KFH-2026-000002 medium	OPD	nurse
Complaint KFH-2026-000003 medium	IPD	
exit 0
exit 0
er_a|10
er_b|10
er_c|10
{"type":"action.route","rule":"c","route":"serious","line":2,"matched":true,"department":"IPD","owner":"ipd_dm","why":"the first of 1 department_manager by name"}
exit 0
type,rule,route,line,matched,department,owner,why
action.route,c,serious,2,false,,,"severity is medium, not high,critical"
action.route,c,er,3,false,,,"department is IPD, not ER"
action.route,c,named,4,false,,,"department is IPD, not OPD"
action.route,c,default,5,true,IPD,,the route names no owner
exit 0
exit 1
exit 4
### stderr
px-action: -:1: a record of type notification raises no action
px-action: bad:2: 'sideways' is not KEY=VALUE or round-robin
