close and escalate by hand, with notes: escalation emits survey.escalated and can be followed by a new contact; closing closes the open feedback.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
PX_NOW=2026-11-23T13:00:00Z px-contact --as kfh_px escalate "$NEG" --notes "Complaint about a doctor: to the medical director" | norm; code
q "SELECT state, escalated_by, notes FROM survey_followups"
px-contact --as kfh_px log "$NEG" --notes "Director called the patient"
px-contact --as kfh_px satisfaction "$NEG" > /dev/null
q "SELECT status FROM feedback"
PX_NOW=2026-11-24T13:00:00Z px-contact --as kfh_px close "$NEG" --notes "Patient met the director; no further action"; code
q "SELECT state, closed_by, closed_at, notes FROM survey_followups"
q "SELECT status, closed_at FROM feedback"
px-contact close "$KNEG" --notes "closing without contact"; code
q "SELECT state FROM survey_followups ORDER BY survey_id"
q "SELECT action, details FROM audit WHERE action IN ('survey_escalated', 'survey_loop_closed', 'feedback_closed') ORDER BY id"
### stdout
{"type":"survey.escalated","survey":"srv_ID","patient":"pat_ID","hospital":"KFH","department":"OPD","template":"outpatient_visit","score":1.45,"reason":"by_hand","feedback":null,"escalated_at":"2026-11-23T13:00:00Z","by":"kfh_px"}
exit 0
escalated|kfh_px|Complaint about a doctor: to the medical director
submitted
exit 0
closed|kfh_px|2026-11-24T13:00:00Z|Patient met the director; no further action
closed|2026-11-24T13:00:00Z
exit 0
closed
closed
survey_escalated|{"from":"awaiting_contact","reason":"by_hand"}
feedback_closed|{}
survey_loop_closed|{"from":"satisfaction_sent","by_hand":true}
survey_loop_closed|{"from":"awaiting_contact","by_hand":true}
