A department manager given departments assigns and resolves the complaints of those departments only (a case's own department or the one it is assigned to); one given none manages every department of its hospitals; staff-level moves stay open to it.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px user add opd_dm --role department_manager --hospital KFH --department OPD; code
px user add bad_dm --role department_manager --hospital KFH --department XX; code
px user list | jq -r 'select(.name == "opd_dm" or .name == "kfh_dm") | [.name, .role, .hospitals, .departments] | @tsv'
px-complaint new --as kfh_staff --hospital KFH --patient KFH0001 --department ER --title "Rude reception" > /dev/null
ER=$(last_ref)
px-complaint new --as kfh_staff --hospital KFH --patient KFH0002 --department OPD --title "Long wait" > /dev/null
OPD=$(last_ref)
px-complaint assign "$ER" --as opd_dm --to kfh_staff; code
px-complaint resolve "$ER" --as opd_dm --category no_action --resolution x; code
px-complaint start "$ER" --as opd_dm | jq -r .state; code
px-complaint resolve "$OPD" --as opd_dm --category full_action --resolution "slots added" | jq -r 'select(.type == "case") | .state'; code
px-complaint assign "$ER" --as kfh_dm --department OPD | jq -r .owner_department; code
px-complaint resolve "$ER" --as opd_dm --category partial_action --resolution "apologised" | jq -r 'select(.type == "case") | .state'; code
px user revoke opd_dm --department OPD; code
px user list | jq -r 'select(.name == "opd_dm") | [.hospitals, .departments // "all"] | @tsv'
q "SELECT action FROM audit WHERE action LIKE 'user_department%' ORDER BY id"
### stdout
exit 0
exit 4
kfh_dm	department_manager	KFH	
opd_dm	department_manager	KFH	OPD
exit 3
exit 3
in_progress
exit 0
resolved
exit 0
OPD
exit 0
resolved
exit 0
exit 0
KFH	all
user_department_granted
user_department_revoked
### stderr
px: unknown department 'XX' in the hospitals of 'bad_dm'
px-complaint: permission denied: 'opd_dm' (department_manager) may not assign complaint cases outside its departments (KFH-2026-000001)
px-complaint: permission denied: 'opd_dm' (department_manager) may not resolve complaint cases outside its departments (KFH-2026-000001)
