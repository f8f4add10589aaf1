A group's own rules and routes kept in the store (px-action rules load, px_admin): read whole and refused at file:line before anything is kept, in force in place of the files for every command on the store, shown as they are, and dropped by rules reset; each change audited.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
px-action rules show | grep -c '^rule '
px-action rules show --routing | grep '^route default'
printf 'rule calls on=call rating_max=3 priority=high title=Call rated {rating}\nrule oops on=nothing title=x\n' > mine
px-action rules load mine 2>&1 | sed "s#$PWD/##"; code
sed -i '$d' mine
px-action rules load mine --as kfh_head; code
px-action rules load mine; code
printf 'route mine to=ER owner=nurse\n' | px-action rules load - --routing; code
px-action rules show
px-action rules show --routing --as viewer
px-complaint new --as nurse --hospital KFH --department OPD --name A --phone 0551234567 --title x --severity critical | px-action raise --as nurse | jq -r 'select(.kind == "action") | .ref'; code
q "SELECT count(*) FROM cases WHERE kind = 'action'"
px-action rules reset; code
px-action rules reset --routing; code
px-action rules show | grep -c '^rule '
q "SELECT action, object_id, details FROM audit WHERE object_type = 'action_rules' ORDER BY id"
### stdout
5
route default                                to=same owner=department_manager round-robin
px-action: mine:2: unknown event 'nothing' (survey.negative, survey.escalated, complaint.unsatisfied, complaint, call, report.KIND)
exit 4
exit 3
{"type":"action.rules","name":"actions","from":"store","rules":1}
exit 0
{"type":"action.rules","name":"routing","from":"store","routes":1}
exit 0
rule calls on=call rating_max=3 priority=high title=Call rated {rating}
route mine to=ER owner=nurse
exit 0
0
{"type":"action.rules","name":"actions","from":"file"}
exit 0
{"type":"action.rules","name":"routing","from":"file"}
exit 0
5
action_rules_loaded|actions|{"rules":1}
action_rules_loaded|routing|{"routes":1}
action_rules_reset|actions|{}
action_rules_reset|routing|{}
### stderr
px-action: permission denied: 'kfh_head' (hospital_admin) may not change the action rules
