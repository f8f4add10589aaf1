An observation worked to its close: staff start it, a department manager resolves it with what was done (an observation.resolved record for the pipeline), a hospital administrator closes, cancels and reopens it; each move refused to the role below it and from a state it does not leave, with its reason; classify, assign and notes; the timeline names the workers, never the anonymous reporter; track follows every state.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
O=$(px-complaint observation new --hospital KFH --department OPD --category safety --description "Oxygen cylinder unsecured in corridor B." | jq -r .ref)
O2=$(px-complaint observation new --hospital KFH --category process --description "Two forms ask the same questions." | jq -r .ref)
CODE=$(q "SELECT tracking FROM cases WHERE ref = '$O'")
track() { px-complaint track "$CODE" --as viewer | jq -r '[.ref, .state] | @tsv'; }
px-complaint observation start "$O" --as viewer; code
px-complaint observation close "$O" --as kfh_admin; code
px-complaint observation start "$O" --as kfh_staff --note "Porter informed" | jq -r '[.ref, .state] | @tsv'; code
track
px-complaint observation classify "$O" --as kfh_staff --category process --severity critical | jq -r '[.classification, .severity] | @tsv'; code
short_usage px-complaint observation classify "$O" --as kfh_staff --category danger; code
px-complaint observation assign "$O" --as kfh_dm --to kfh_staff | jq -r .owner; code
px-complaint observation note "$O" --as kfh_staff --text "Chains fitted to the wall"; code
px-complaint observation resolve "$O" --as kfh_staff --resolution "Chains fitted"; code
short_usage px-complaint observation resolve "$O" --as kfh_dm; code
px-complaint observation resolve "$O" --as kfh_dm --resolution "Chains fitted; porters briefed" | jq -r '[.type, .ref, .state, .fields.resolution // ""] | @tsv'; code
track
px-complaint observation close "$O" --as kfh_dm; code
px-complaint observation close "$O" --as kfh_admin | jq -r .state; code
px-complaint observation reopen "$O" --as kfh_admin --reason "Chains removed again" | jq -r .state; code
px-complaint observation cancel "$O2" --as kfh_dm --reason duplicate; code
px-complaint observation cancel "$O2" --as kfh_admin --reason duplicate | jq -r .state; code
px-complaint observation start "$O2" --as kfh_staff; code
px-complaint observation reopen "$O2" --as kfh_admin --reason "not a duplicate" | jq -r .state; code
px-complaint start "$O" --as kfh_staff; code
px-complaint inquiry show "$O"; code
px-complaint observation show "$O" | jq -r 'select(.type == "case.event") | [.actor, .event, .verb // "", .from_state // "", .to_state // "", .text // ""] | @tsv'
q "SELECT actor, action, details FROM audit WHERE object_type = 'case' ORDER BY rowid"
### stdout
exit 3
exit 1
KFH-OB-2026-000001	in_progress
exit 0
KFH-OB-2026-000001	in_progress
process	critical
exit 0
exit 2
kfh_staff
exit 0
exit 0
exit 3
exit 2
observation.resolved	KFH-OB-2026-000001	resolved	
case	KFH-OB-2026-000001	resolved	Chains fitted; porters briefed
exit 0
KFH-OB-2026-000001	resolved
exit 3
closed
exit 0
in_progress
exit 0
exit 3
cancelled
exit 0
exit 1
in_progress
exit 0
exit 4
exit 4
(anonymous)	created			open	
(anonymous)	clock	start			response
(anonymous)	clock	start			resolution
kfh_staff	transition	start	open	in_progress	Porter informed
kfh_staff	clock	stop			response
kfh_staff	clock	start			resolution
kfh_staff	note	classify			
kfh_dm	assignment	assign			
kfh_staff	note				Chains fitted to the wall
kfh_dm	transition	resolve	in_progress	resolved	
kfh_dm	clock	stop			response
kfh_dm	clock	stop			resolution
kfh_admin	transition	close	resolved	closed	
kfh_admin	transition	reopen	closed	in_progress	
kfh_admin	clock	stop			response
kfh_admin	clock	start			resolution
(anonymous)|case_opened|{"kind":"observation","to":"open"}
(anonymous)|case_opened|{"kind":"observation","to":"open"}
kfh_staff|case_moved|{"kind":"observation","verb":"start","from":"open","to":"in_progress"}
kfh_staff|case_classified|{"kind":"observation"}
kfh_dm|case_assigned|{"kind":"observation"}
kfh_staff|case_noted|{"kind":"observation"}
kfh_dm|case_moved|{"kind":"observation","verb":"resolve","from":"in_progress","to":"resolved"}
kfh_admin|case_moved|{"kind":"observation","verb":"close","from":"resolved","to":"closed"}
kfh_admin|case_moved|{"kind":"observation","verb":"reopen","from":"closed","to":"in_progress"}
kfh_admin|case_moved|{"kind":"observation","verb":"cancel","from":"open","to":"cancelled"}
kfh_admin|case_moved|{"kind":"observation","verb":"reopen","from":"cancelled","to":"in_progress"}
### stderr
px-complaint: permission denied: 'viewer' (viewer) may not start observation cases
px-complaint: KFH-OB-2026-000001: 'close' needs the state resolved, not open
px-complaint: unknown observation category 'danger' (safety, process, good_practice)
px-complaint: permission denied: 'kfh_staff' (staff) may not resolve observation cases
px-complaint: observation resolve needs --resolution
usage: px-complaint observation resolve REF --resolution TEXT [--note TEXT]
px-complaint: permission denied: 'kfh_dm' (department_manager) may not close observation cases
px-complaint: permission denied: 'kfh_dm' (department_manager) may not cancel observation cases
px-complaint: KFH-OB-2026-000002: 'start' needs the state open, not cancelled
px-complaint: unknown complaint 'KFH-OB-2026-000001' (it is a case of kind observation)
px-complaint: unknown inquiry 'KFH-OB-2026-000001' (it is a case of kind observation)
