expire (cron): past expiry -> expired; in progress and idle for survey.abandon_hours -> abandoned; answers to an expired survey are rejected; a second run changes nothing.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
printf '[survey]\nexpiry_days = 2\nabandon_hours = 12\n' > px.conf
px-survey send --due > sent.jsonl
s1=$(q "SELECT public_id FROM surveys WHERE id = 1")
echo "{\"survey\":\"$s1\",\"question\":\"q1\",\"value\":4}" | px-survey respond
export PX_NOW=2026-11-24T09:00:00Z
px-survey expire; code
q "SELECT id, status FROM surveys ORDER BY id"
export PX_NOW=2026-11-25T09:00:00Z
px-survey expire; code
q "SELECT id, status FROM surveys ORDER BY id"
px-survey expire; code
q "SELECT action, details FROM audit WHERE action IN ('survey_expired', 'survey_abandoned') ORDER BY id"
{ echo "{\"survey\":\"$s1\",\"question\":\"q2\",\"value\":4}" | px-survey respond; code; } 2>&1 | normtok
### stdout
exit 0
1|abandoned
2|sent
3|sent
exit 0
1|expired
2|expired
3|expired
exit 0
survey_abandoned|{"from":"in_progress","to":"abandoned"}
survey_expired|{"from":"abandoned","to":"expired"}
survey_expired|{"from":"sent","to":"expired"}
survey_expired|{"from":"sent","to":"expired"}
px-survey: -:1: survey 'srv_ID' has expired
exit 1
