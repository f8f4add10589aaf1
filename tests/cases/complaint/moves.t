Every move of a complaint along its workflow, and every move refused for the state the complaint is in or a field it lacks: the refusal names the reference and the reason, and changes nothing.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint new --as kfh_staff --hospital KFH --patient KFH0001 --title "Long wait" --source patient > /dev/null
R=$(last_ref)
st() { q "SELECT state FROM cases WHERE ref = '$R'"; }
px-complaint close "$R"; code
px-complaint reopen "$R" --reason x; code
px-complaint partial "$R" --resolution "waiting list shortened" 2> err.txt; code; head -1 err.txt
px-complaint start "$R" --as kfh_staff --note "called the clinic" | jq -r '[.type, .ref, .state] | @tsv'; code
px-complaint start "$R" --as kfh_staff; code
px-complaint wait "$R" --as kfh_staff | jq -r .state; code
px-complaint partial "$R" --as kfh_dm --resolution "waiting list shortened" | jq -r '[.state, .fields.resolution] | @tsv'; code
px-complaint start "$R" --as kfh_staff | jq -r .state; code
px-complaint resolve "$R" --as kfh_dm --category full_action --resolution "slots added" | jq -r '[.type, .state] | @tsv'; code
px-complaint resolve "$R" --as kfh_dm --category full_action --resolution again; code
px-complaint close "$R" --as kfh_admin | jq -r '[.type, .state] | @tsv'; code
px-complaint reopen "$R" --as kfh_admin --reason "the patient called again" | jq -r '[.type, .state] | @tsv'; code
px-complaint cancel "$R" --as kfh_admin --reason "duplicate of another" | jq -r '[.state, .fields.reason] | @tsv'; code
px-complaint start "$R"; code
px-complaint reopen "$R" --reason "cancelled by mistake" | jq -r .state; code
px-complaint start KFH-2026-999999; code
st
q "SELECT coalesce(verb, type), coalesce(old_state, ''), coalesce(new_state, ''), actor FROM case_timeline WHERE case_id = (SELECT id FROM cases WHERE ref = '$R') AND type IN ('created', 'transition') ORDER BY id"
q "SELECT count(*) FROM audit WHERE action = 'case_moved'"
### stdout
exit 1
exit 1
exit 1
px-complaint: KFH-2026-000001: 'partial' needs the state in_progress or waiting, not open
case	KFH-2026-000001	in_progress
exit 0
exit 1
waiting
exit 0
partially_resolved	waiting list shortened
exit 0
in_progress
exit 0
complaint.resolved	resolved
case	resolved
exit 0
exit 1
complaint.closed	closed
notification	
case	closed
exit 0
case	in_progress
exit 0
cancelled	duplicate of another
exit 0
exit 1
in_progress
exit 0
exit 4
in_progress
created||open|kfh_staff
start|open|in_progress|kfh_staff
wait|in_progress|waiting|kfh_staff
partial|waiting|partially_resolved|kfh_dm
start|partially_resolved|in_progress|kfh_staff
resolve|in_progress|resolved|kfh_dm
close|resolved|closed|kfh_admin
reopen|closed|in_progress|kfh_admin
cancel|in_progress|cancelled|kfh_admin
reopen|cancelled|in_progress|admin
9
### stderr
px-complaint: KFH-2026-000001: 'close' needs the state resolved, not open
px-complaint: KFH-2026-000001: 'reopen' needs the state resolved, closed or cancelled, not open
px-complaint: KFH-2026-000001: 'start' needs the state open, waiting or partially_resolved, not in_progress
px-complaint: KFH-2026-000001: 'resolve' needs the state open, in_progress, waiting or partially_resolved, not resolved
px-complaint: KFH-2026-000001: 'start' needs the state open, waiting or partially_resolved, not cancelled
px-complaint: unknown case 'KFH-2026-999999'
