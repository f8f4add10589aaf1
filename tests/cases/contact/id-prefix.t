A survey id prefix that matches exactly one negative survey is accepted by show, log, satisfaction and close; an ambiguous one is status 4 with the number of matches; an unknown one is status 4.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
# a prefix unique among the negative surveys: the shortest that tells NEG from KNEG
n=5; while [ "${NEG:0:$n}" = "${KNEG:0:$n}" ]; do n=$((n + 1)); done
P=${NEG:0:$n}
px-contact show "$P" | jq -r 'select(.type == "contact.survey") | .survey == env.NEG'
px-contact --as kfh_px log "$P" --notes "called" && echo logged
px-contact --as kfh_px satisfaction "$P" | jq -r .type
px-contact --as kfh_px close "$P" --notes "done" && echo closed
q "SELECT state FROM survey_followups f JOIN surveys s ON s.id = f.survey_id WHERE s.public_id = '$NEG'"
px-contact show srv_ 2>&1; code
px-contact log srv_ --notes x 2>&1; code
px-contact show srv_zzzzzz 2>&1; code
### stdout
true
logged
notification
closed
closed
px-contact: ambiguous id 'srv_' (2 matches)
exit 4
px-contact: ambiguous id 'srv_' (2 matches)
exit 4
px-contact: unknown survey 'srv_zzzzzz'
exit 4
### stderr
