A satisfied answer to the satisfaction check closes the loop and its feedback by itself; the check is not a negative survey.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
PX_NOW=2026-11-23T12:00:00Z px-contact --as kfh_px log "$NEG" --notes "Apologised; waiting times reviewed" --explained
PX_NOW=2026-11-23T12:05:00Z px-contact --as kfh_px satisfaction "$NEG" > check.jsonl
T=$(jq -r .vars.link check.jsonl | sed 's#.*/s/##')
printf 'token,question,value\n%s,satisfied,yes\n' "$T" | PX_NOW=2026-11-24T08:00:00Z px-survey respond; code
q "SELECT state, satisfaction_outcome, closed_at, closed_by FROM survey_followups"
q "SELECT type, status, outcome, closed_at FROM feedback"
q "SELECT t.name, s.status, s.negative FROM surveys s JOIN survey_templates t ON t.id = s.template_id WHERE t.name = 'satisfaction_check'"
q "SELECT count(*) FROM survey_negatives"
px-contact queue | jq -r '[.survey == env.NEG, .state] | @tsv'
px-contact queue --all | jq -r 'select(.survey == env.NEG) | .state'
q "SELECT action FROM audit WHERE id > (SELECT max(id) FROM audit WHERE action = 'satisfaction_feedback_sent') ORDER BY id"
### stdout
exit 0
closed|satisfied|2026-11-24T08:00:00Z|admin
satisfaction_check|closed|satisfied|2026-11-24T08:00:00Z
satisfaction_check|completed|0
2
false	awaiting_contact
closed
feedback_created
survey_answered
survey_status_changed
survey_completed
feedback_closed
survey_loop_closed
patient_identifiers_read
patient_identifiers_read
