The shipped policies, and why a case gets the one it gets: the most specific match wins, a rule naming the source beats one naming the severity; a malformed policy file is refused at its file and line.
### cmd
. "$TESTS/fixtures/sla/setup.sh"
setup_sla
px-sla policy list | jq -r '[.name, .kind, .source // "", .severity // "", .response // "", .resolution // "", .reminders, .escalate, .calendar] | @tsv'; code
px-sla policy show complaint-moh | jq -r '[.name, .source, .response, .resolution, (.at | sub(".*/"; ""))] | @tsv'; code
px-sla policy show nothing 2>&1 | sed "s#$SHARE#SHARE#"; code
R=$(open_complaint 2026-11-26T12:30:00Z --source moh --severity critical)
px-sla policy explain "$R" | jq -r '[.name, .matches, .weight, .chosen] | @tsv'; code
printf 'policy a kind=complaint response=8bh\npolicy b kind=complaint deadline=2d\n' > bad.policies
printf 'sla.policies = bad.policies\n' > px.conf
px-sla policy list; code
printf 'policy a kind=complaint response=8hours\n' > bad.policies
px-sla check; code
printf 'policy a response=8bh\n' > bad.policies
px-sla policy list; code
### stdout
complaint	complaint			8bh	40bh	24h,6h	0h,24h,48h	hospital
complaint-high	complaint		high	4bh	24bh	24h,6h	0h,24h,48h	hospital
complaint-critical	complaint		critical	2h	24h	6h,1h	0h,4h,8h	always
complaint-moh	complaint	moh		24h	72h	24h,6h	0h,24h,48h	hospital
complaint-chi	complaint	chi		24h	72h	24h,6h	0h,24h,48h	hospital
inquiry	inquiry			16bh		24h,6h	0h,24h,48h	hospital
observation	observation			16bh	80bh	24h,6h	0h,24h,48h	hospital
observation-high	observation		high	4bh	24bh	24h,6h	0h,24h,48h	hospital
observation-critical	observation		critical	2h	24h	6h,1h	0h,4h,8h	always
action	action				720h	24h,6h	0h,24h,48h	hospital
action-high	action				168h	24h,6h	0h,24h,48h	hospital
followup	followup			48h		24h,6h	0h,24h,48h	hospital
exit 0
complaint-moh	moh	24h	72h	policies:18
exit 0
px-sla: unknown policy 'nothing' (SHARE/sla/policies)
exit 4
complaint	true	0	false
complaint-high	false	4	false
complaint-critical	true	4	false
complaint-moh	true	8	true
complaint-chi	false	8	false
exit 0
exit 4
exit 4
exit 4
### stderr
px-sla: bad.policies:2: unknown key 'deadline' (kind, hospital, source, severity, priority, response, resolution, reminders, escalate, calendar)
px-sla: bad.policies:1: bad duration '8hours' (24bh business hours, 48h, 2d or 90m of the clock)
px-sla: bad.policies:1: policy 'a' needs kind=KIND
