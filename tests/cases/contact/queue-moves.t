The queue moves: each item has its owner, the hours left to the contact target (contact.target_hours, 48 by default) and a priority; --state takes several states; an expired satisfaction check moves its loop on (contact.expired_check: escalated by default, or back to awaiting_contact).
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
PX_NOW=2026-11-23T14:00:00Z px-contact queue | jq -r '[.hospital, .owner, .due_hours, .age_hours, .priority] | @tsv'
PX_NOW=2026-11-26T14:00:00Z PX_CONTACT_TARGET_HOURS=24 px-contact queue | jq -r '[.hospital, .due_hours] | @tsv'
PX_NOW=2026-11-23T12:00:00Z px-contact --as kfh_px log "$NEG" --notes "called"
PX_NOW=2026-11-23T12:05:00Z px-contact --as kfh_px satisfaction "$NEG" > /dev/null
PX_NOW=2026-11-23T12:10:00Z px-contact log "$KNEG" --notes "called"
PX_NOW=2026-11-25T12:15:00Z px-contact satisfaction "$KNEG" > /dev/null
px-contact queue | jq -r '[.hospital, .state, .owner, .due_hours] | @tsv'
px-contact queue --state awaiting_contact,satisfaction_sent | jq -r .hospital
px-contact queue --state closed,escalated | wc -l
short_usage px-contact queue --state contacted,lost; code
# the checks expire unanswered: KFH's loop escalates (the default), then KAMC's goes back to staff
PX_NOW=2026-12-24T00:00:00Z px-survey expire > /dev/null 2>&1; code
PX_NOW=2026-12-26T00:00:00Z PX_CONTACT_EXPIRED_CHECK=awaiting_contact px-survey expire > /dev/null 2>&1; code
px-contact queue --state escalated,awaiting_contact | jq -r '[.hospital, .state, .priority, .due_hours] | @tsv'
q "SELECT s.public_id = '$NEG', a.action, a.details FROM audit a JOIN surveys s ON s.public_id = a.object_id WHERE a.action IN ('survey_escalated', 'survey_loop_reopened')" | norm
### stdout
KFH	kfh_px	44	4	high
KAMC		44	3	high
KFH	-52
KAMC	-52
KFH	satisfaction_sent	kfh_px	
KAMC	satisfaction_sent	admin	
KFH
KAMC
0
exit 2
exit 0
exit 0
KFH	escalated	high	
KAMC	awaiting_contact	high	
1|survey_escalated|{"from":"satisfaction_sent","feedback":"fbk_ID","reason":"check_expired"}
0|survey_loop_reopened|{"from":"satisfaction_sent","feedback":"fbk_ID","reason":"check_expired","to":"awaiting_contact"}
### stderr
px-contact: --state: unknown value 'contacted,lost'
usage: px-contact queue [--hospital CODE] [--department CODE] [--state STATE] [--all] [--since TIME] [--until TIME] [-o FORMAT] [FILE...]
