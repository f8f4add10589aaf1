Feedback a patient gives is recorded by staff and moves forward from submitted to reviewed, acknowledged and closed; a satisfaction check's status belongs to its loop.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
px-contact --as kfh_staff feedback add --type compliment --hospital KFH --department OPD --patient KFH0002 --notes "Thank the reception team" | norm; code
F=$(px-contact feedback list --type compliment | jq -r .id)
PX_NOW=2026-11-23T10:00:00Z px-contact --as kfh_staff feedback set "$F" --status reviewed | jq -r .status; code
PX_NOW=2026-11-23T11:00:00Z px-contact --as kfh_staff feedback set "$F" --status closed --notes "Passed on at the morning huddle" | jq -r '[.status, .closed_at] | @tsv'; code
px-contact feedback set "$F" --status acknowledged 2>&1 | sed "s/$F/F/"; code
px-contact --as viewer feedback add --type suggestion --hospital KFH --notes "More parking"; code
px-contact --as kamc_admin feedback set "$F" --status closed 2>&1 | sed "s/$F/F/"; code
first_line px-contact feedback add --type rumour --hospital KFH --notes x; code
px-contact feedback add --type inquiry --hospital KFH --patient NOPE --notes x; code
px-contact log "$NEG" --notes called
px-contact satisfaction "$NEG" > /dev/null
C=$(px-contact feedback list --type satisfaction_check | jq -r .id)
px-contact feedback set "$C" --status closed 2>&1 | sed "s/$C/C/"; code
q "SELECT type, status, notes, patient_id IS NOT NULL FROM feedback ORDER BY id"
q "SELECT action, details FROM audit WHERE object_type = 'feedback' ORDER BY id" | norm
### stdout
{"type":"feedback","id":"fbk_ID","feedback_type":"compliment","status":"submitted","hospital":"KFH","department":"OPD","related_survey":null,"check_survey":null,"outcome":null,"created_by":"kfh_staff","created_at":"2026-11-23T09:00:00Z","closed_at":null}
exit 0
reviewed
exit 0
closed	2026-11-23T11:00:00Z
exit 0
px-contact: feedback 'F' is already closed
exit 1
exit 3
px-contact: permission denied: 'kamc_admin' (hospital_admin) may not handle feedback for hospital 'KFH'
exit 3
px-contact: --type: unknown value 'rumour'
exit 2
exit 4
px-contact: feedback 'C' is a satisfaction check: its loop sets its status
exit 1
compliment|closed|Passed on at the morning huddle|1
satisfaction_check|submitted||1
feedback_created|{"feedback_type":"compliment"}
feedback_reviewed|{"from":"submitted"}
feedback_closed|{"from":"reviewed"}
feedback_created|{"feedback_type":"satisfaction_check","related_survey":"srv_ID"}
### stderr
px-contact: permission denied: 'viewer' (viewer) may not record feedback for hospital 'KFH'
px-contact: unknown patient (MRN ****) in hospital 'KFH'
