The rules px-action keeps beyond the workflow file, each refused with its reason and nothing changed: approving one's own action, approving below the role the owner's needs, closing without evidence or without a root cause, acting outside one's hospital; and what the workflow refuses (a move from the wrong state, a reason missing).
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
px user add opd_dm2 --role department_manager --hospital KFH --department OPD --email dm2@kfh.example > /dev/null
# a manager's own action: another manager may not approve it, nor may its owner
M=$(px-action new --as opd_dm --hospital KFH --department OPD --title "Shorten the morning wait" --owner opd_dm | jq -r 'select(.type == "case") | .ref')
echo "$M"
px-action submit "$M" --as opd_dm | jq -r 'select(.type == "case") | .state'
px-action approve "$M" --as opd_dm; code
px-action approve "$M" --as opd_dm2; code
px-action reject "$M" --as opd_dm2 --reason "not enough"; code
px-action reject "$M" --as kfh_head; code
q "SELECT state FROM cases WHERE ref = '$M'"
px-action approve "$M" --as kfh_head | jq -r 'select(.type == "case") | .state'
# a nurse's action: closing needs evidence, then a root cause
N=$(px-action new --as opd_dm --hospital KFH --department OPD --title "Explain delays at reception" --owner nurse | jq -r 'select(.type == "case") | .ref')
px-action close "$N" --as nurse; code
px-action submit "$N" --as nurse > /dev/null
px-action approve "$N" --as opd_dm > /dev/null
px-action close "$N" --as nurse; code
px-action note "$N" --as nurse --text "Reception told to announce delays" --evidence > /dev/null
px-action close "$N" --as nurse; code
px-action rca add-cause "$N" --as nurse --category people --text "Nobody owned the announcements" > /dev/null
px-action close "$N" --as nurse | jq -r 'select(.type == "case") | .state'
# another hospital's users may not touch it
px-action note "$N" --as kamc_admin --text "hello"; code
px-action show "$N" --as kamc_admin; code
px-action new --as kamc_admin --hospital KFH --title "x"; code
px-action rca add-cause "$N" --as viewer --category process --text "x"; code
px-action rca add-cause "$N" --category luck --text "x"; code
px-action new --as nurse --hospital KFH --title "x" --owner kamc_admin; code
q "SELECT count(*) FROM cases WHERE kind = 'action'"
px-action show KFH-ACT-2026-000099; code
### stdout
KFH-ACT-2026-000001
pending_approval
exit 3
exit 3
exit 3
exit 2
pending_approval
approved
exit 1
exit 1
exit 1
closed
exit 3
exit 3
exit 3
exit 3
exit 2
exit 1
2
exit 4
### stderr
px-action: permission denied: KFH-ACT-2026-000001: approving one's own action
px-action: permission denied: KFH-ACT-2026-000001: approving an action owned by a department_manager needs hospital_admin or above
px-action: permission denied: KFH-ACT-2026-000001: rejecting an action owned by a department_manager needs hospital_admin or above
px-action: reject needs --reason
usage: px-action reject REF --reason TEXT [--note TEXT]
px-action: KFH-ACT-2026-000002: 'close' needs the state approved, not open
px-action: KFH-ACT-2026-000002: 'close' needs evidence: an attachment or a note marked --evidence
px-action: KFH-ACT-2026-000002: 'close' needs a root cause (rca add-cause KFH-ACT-2026-000002)
px-action: permission denied: 'kamc_admin' (hospital_admin) may not add notes to action cases
px-action: permission denied: 'kamc_admin' (hospital_admin) may not read action cases
px-action: permission denied: 'kamc_admin' (hospital_admin) may not open actions
px-action: permission denied: 'viewer' (viewer) may not analyse action cases
px-action: --category: unknown category 'luck' (process, people, equipment, communication, policy, environment, technology)
usage: px-action rca add-cause REF --category CATEGORY --text TEXT
px-action: kamc_admin may not own actions of this hospital
px-action: unknown case 'KFH-ACT-2026-000099'
