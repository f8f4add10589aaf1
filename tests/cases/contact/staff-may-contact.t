Seed 000 gives the contact and satisfaction-check verbs to hospital_admin and px_admin: staff are refused, until px.conf sets contact.staff_may_contact, which lets staff of the survey's hospital work the loop (and not staff of another).
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
px-contact --as kfh_staff log "$NEG" --notes "called" 2>&1 | sed "s/$NEG/NEG/"; code
px-contact --as kfh_staff satisfaction "$NEG" 2>&1 | sed "s/$NEG/NEG/"; code
export PX_CONTACT_STAFF_MAY_CONTACT=true
px-contact --as kfh_staff log "$NEG" --notes "called"; code
px-contact --as kfh_staff satisfaction "$NEG" | jq -r .type; code
px-contact --as kfh_staff close "$NEG" --notes "done"; code
px-contact --as viewer escalate "$NEG" --notes "again" 2>&1 | sed "s/$NEG/NEG/"; code
px-contact --as kfh_staff log "$KNEG" --notes "called" 2>&1 | sed "s/$KNEG/KNEG/"; code
q "SELECT actor, action FROM audit WHERE action IN ('survey_patient_contacted', 'satisfaction_feedback_sent', 'survey_loop_closed') ORDER BY id"
### stdout
px-contact: permission denied: 'kfh_staff' (staff) may not log patient contact for hospital 'KFH'
exit 3
px-contact: permission denied: 'kfh_staff' (staff) may not send satisfaction checks for hospital 'KFH'
exit 3
exit 0
notification
exit 0
exit 0
px-contact: permission denied: 'viewer' (viewer) may not escalate surveys for hospital 'KFH'
exit 3
px-contact: permission denied: 'kfh_staff' (staff) may not log patient contact for hospital 'KAMC'
exit 3
kfh_staff|survey_patient_contacted
kfh_staff|satisfaction_feedback_sent
kfh_staff|survey_loop_closed
### stderr
