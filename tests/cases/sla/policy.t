The shipped policies, and why a case gets the one it gets: the most specific match wins, a rule naming the source beats one naming the severity; a malformed policy file is refused at its file and line.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
px-sla policy list | jq -r '[.name, .kind, .source // "", .severity // "", .response // "", .resolution // "", .reminders, .escalate, .calendar] | @tsv'; code
R=$(open_complaint 2026-11-26T12:30:00Z --source moh --severity critical)
px-sla policy explain "$R" | jq -r '[.name, .matches, .weight, .chosen] | @tsv'; code
printf 'policy a kind=complaint response=8bh\npolicy b kind=complaint deadline=2d\n' > bad.policies
printf 'sla.policies = bad.policies\n' > px.conf
px-sla policy list; code
printf 'policy a kind=complaint response=8hours\n' > bad.policies
px-sla check; code
printf 'policy a response=8bh\n' > bad.policies
px-sla policy list; code
