Every refusal of the loop, with its message and status, and nothing changed by a refused step.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
# px-contact with the survey ids and the usage text abbreviated in its messages
px-contact() {
	command px-contact "$@" 2> err.tmp
	local rc=$?
	sed -e "s/$NEG/NEG/g" -e "s/$POS/POS/g" -e '/^usage:/c USAGE' -e '/^       px-contact /d' err.tmp >&2
	return $rc
}
before=$(q "SELECT count(*) FROM audit")
# not contacted yet
px-contact satisfaction "$NEG"; code
# roles: staff and viewer of KFH, and the admin of another hospital
px-contact --as kfh_staff log "$NEG" --notes "tried"; code
px-contact --as viewer log "$NEG" --notes "tried"; code
px-contact --as kamc_admin log "$NEG" --notes "tried"; code
px-contact --as kamc_admin show "$NEG"; code
px-contact --as kfh_admin satisfaction "$KNEG"; code
# a survey that is not negative, one that does not exist
px-contact log "$POS" --notes "x"; code
px-contact log srv_nosuch --notes "x"; code
# arguments
px-contact log "$NEG"; code
px-contact log "$NEG" --notes "x" --resolved --explained; code
px-contact queue --state lost; code
px-contact frobnicate; code
px-contact; code
[ "$(q "SELECT count(*) FROM audit")" = "$before" ] && echo "no audit event"
q "SELECT count(*) FROM survey_followups"
q "SELECT count(*) FROM feedback"
# already sent
px-contact log "$NEG" --notes "spoke to the patient"
px-contact satisfaction "$NEG" > /dev/null; code
px-contact satisfaction "$NEG"; code
q "SELECT count(*) FROM feedback"
px-contact satisfaction "$NEG" --again | jq -r .template; code
q "SELECT count(*), count(DISTINCT check_survey_id) FROM feedback"
# closed is final
px-contact close "$NEG" --notes "resolved in person"; code
px-contact close "$NEG" --notes "again"; code
px-contact escalate "$NEG" --notes "late"; code
px-contact log "$NEG" --notes "late"; code
px-contact satisfaction "$NEG" --again; code
### stdout
exit 1
exit 3
exit 3
exit 3
exit 3
exit 3
exit 1
exit 4
exit 2
exit 2
exit 2
exit 2
exit 2
no audit event
0
0
exit 0
exit 1
1
satisfaction_check
exit 0
2|2
exit 0
exit 1
exit 1
exit 1
exit 1
### stderr
px-contact: the patient of survey 'NEG' has not been contacted yet
px-contact: permission denied: 'kfh_staff' (staff) may not log patient contact for hospital 'KFH'
px-contact: permission denied: 'viewer' (viewer) may not log patient contact for hospital 'KFH'
px-contact: permission denied: 'kamc_admin' (hospital_admin) may not log patient contact for hospital 'KFH'
px-contact: permission denied: 'kamc_admin' (hospital_admin) may not read surveys for hospital 'KFH'
px-contact: permission denied: 'kfh_admin' (hospital_admin) may not send satisfaction checks for hospital 'KAMC'
px-contact: survey 'POS' is not negative
px-contact: unknown survey 'srv_nosuch'
px-contact: log needs --notes
USAGE
px-contact: --resolved and --explained exclude each other
USAGE
px-contact: --state: unknown value 'lost'
USAGE
px-contact: unknown verb 'frobnicate'
USAGE
px-contact: missing verb (queue, log, satisfaction, close, escalate, show, feedback, call)
USAGE
px-contact: a satisfaction check for survey 'NEG' was already sent at 2026-11-23T09:00:00Z (--again sends another)
px-contact: the loop of survey 'NEG' is already closed
px-contact: the loop of survey 'NEG' is already closed
px-contact: the loop of survey 'NEG' is closed
px-contact: the loop of survey 'NEG' is closed
