Who may do what to a complaint (the default workflow): staff take in, note, start and wait; a department manager also assigns and resolves; a hospital admin also closes, cancels and reopens; a viewer reads; nobody acts outside their hospitals.  Every refusal is status 3 and changes nothing.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint new --as kfh_staff --hospital KFH --patient KFH0001 --title "Long wait" > /dev/null
R=$(last_ref)
px-complaint start "$R" --as viewer; code
px-complaint note "$R" --as viewer --text x; code
px-complaint assign "$R" --as kfh_staff --to kfh_dm; code
px-complaint resolve "$R" --as kfh_staff --category no_action --resolution x; code
px-complaint start "$R" --as kamc_admin; code
px-complaint show "$R" --as kamc_admin; code
px-complaint start "$R" --as kfh_staff | jq -r .state; code
px-complaint note "$R" --as kfh_staff --text "Called the patient back."; code
px-complaint assign "$R" --as kfh_dm --to kfh_staff --department OPD | jq -r '[.owner, .owner_department] | @tsv'; code
px-complaint assign "$R" --as kfh_dm --to kamc_admin; code
px-complaint assign "$R" --as kfh_dm --to nobody; code
px-complaint resolve "$R" --as kfh_dm --category no_action --resolution "explained the delay" | jq -r 'select(.type == "case") | .state'; code
px-complaint close "$R" --as kfh_dm; code
px-complaint close "$R" --as kfh_admin | jq -r 'select(.type == "case") | .state'; code
px-complaint list --as kamc_admin | wc -l
px-complaint list --as viewer | jq -r '[.ref, .state, .owner] | @tsv'
px-complaint list --as kfh_staff --mine | jq -r .ref
px-complaint show "$R" --as viewer | jq -r 'select(.type == "case.event") | [.event, .verb // "", .to_state // "", .text // ""] | @tsv'
q "SELECT action FROM audit WHERE object_type = 'case' ORDER BY id"
### stdout
exit 3
exit 3
exit 3
exit 3
exit 3
exit 3
in_progress
exit 0
exit 0
kfh_staff	OPD
exit 0
exit 1
exit 4
resolved
exit 0
exit 3
closed
exit 0
0
KFH-2026-000001	closed	kfh_staff
KFH-2026-000001
created		open	
clock	start		response
clock	start		resolution
message			complaint_received
transition	start	in_progress	
clock	stop		response
clock	start		resolution
note			Called the patient back.
assignment	assign		
transition	resolve	resolved	
clock	stop		resolution
transition	close	closed	
message			complaint_resolution
case_opened
case_moved
case_noted
case_assigned
case_moved
case_moved
### stderr
px-complaint: permission denied: 'viewer' (viewer) may not start complaint cases
px-complaint: permission denied: 'viewer' (viewer) may not add notes to complaint cases
px-complaint: permission denied: 'kfh_staff' (staff) may not assign complaint cases
px-complaint: permission denied: 'kfh_staff' (staff) may not resolve complaint cases
px-complaint: permission denied: 'kamc_admin' (hospital_admin) may not start complaint cases
px-complaint: permission denied: 'kamc_admin' (hospital_admin) may not read complaint cases
px-complaint: KFH-2026-000001: kamc_admin may not work cases of this hospital
px-complaint: unknown user 'nobody'
px-complaint: permission denied: 'kfh_dm' (department_manager) may not close complaint cases
