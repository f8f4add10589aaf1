Who may take calls in and read them: a viewer is refused each call (status 3) and stores nothing, staff of KFH is refused KAMC's calls while KFH's are taken in, and a user of another hospital sees none of KFH's calls, by listing or by id.
### cmd
. "$TESTS/fixtures/call/setup.sh"
setup_calls
px-contact --as viewer call import calls.csv; code
q "SELECT count(*) FROM calls"
before=$(q "SELECT count(*) FROM audit")
px-contact --as kfh_staff call import calls.csv | jq -r .external_id; code
q "SELECT h.code, c.external_id, c.created_by FROM calls c JOIN hospitals h ON h.id = c.hospital_id ORDER BY c.id"
q "SELECT count(*) - $before FROM audit"
px-contact call import calls.csv > /dev/null; code
# the admin of KAMC sees KAMC's call alone
px-contact --as kamc_admin call list | jq -r '[.external_id, .hospital] | @tsv'; code
px-contact --as kamc_admin call list --hospital KFH; code
px-contact --as kamc_admin call show CC-5002; code
px-contact --as kamc_admin call show "$(q "SELECT public_id FROM calls WHERE external_id = 'CC-5001'")" 2>&1 | norm; code
px-contact --as kamc_admin call show CC-5004 | jq -r .external_id; code
# the viewer of KFH reads KFH's calls
px-contact --as viewer call list | jq -r .external_id; code
px-contact --as viewer call show CC-5004; code
px-contact call show CC-9999; code
### stdout
exit 3
0
CC-5001
CC-5002
CC-5003
CC-5005
exit 3
KFH|CC-5001|kfh_staff
KFH|CC-5002|kfh_staff
KFH|CC-5003|kfh_staff
KFH|CC-5005|kfh_staff
4
exit 0
CC-5004	KAMC
exit 0
exit 3
exit 3
px-contact: permission denied: 'kamc_admin' (hospital_admin) may not read calls of hospital 'KFH'
exit 3
CC-5004
exit 0
CC-5005
CC-5003
CC-5002
CC-5001
exit 0
exit 3
exit 4
### stderr
px-contact: calls.csv:2: permission denied: 'viewer' (viewer) may not take in calls of hospital 'KFH'
px-contact: calls.csv:3: permission denied: 'viewer' (viewer) may not take in calls of hospital 'KFH'
px-contact: calls.csv:4: permission denied: 'viewer' (viewer) may not take in calls of hospital 'KFH'
px-contact: calls.csv:5: permission denied: 'viewer' (viewer) may not take in calls of hospital 'KAMC'
px-contact: calls.csv:6: permission denied: 'viewer' (viewer) may not take in calls of hospital 'KFH'
px-contact: calls.csv:5: permission denied: 'kfh_staff' (staff) may not take in calls of hospital 'KAMC'
px-contact: permission denied: 'kamc_admin' (hospital_admin) may not read calls of hospital 'KFH'
px-contact: permission denied: 'kamc_admin' (hospital_admin) may not read calls of hospital 'KFH'
px-contact: permission denied: 'viewer' (viewer) may not read calls of hospital 'KAMC'
px-contact: unknown call 'CC-9999'
