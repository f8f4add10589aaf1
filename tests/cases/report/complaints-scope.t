px-report complaints counts the hospitals of the acting user's scope only: a hospital_admin of KAMC sees KAMC's complaint and none of KFH's, by hospital and by department; naming KFH is permission denied (3); a viewer of KFH sees KFH's
### cmd
. "$TESTS/fixtures/report/complaints.sh"
setup_complaints || exit 1
export PX_NOW=2026-12-15T09:00:00Z
px-report complaints --as kamc_admin -o csv
px-report complaints --as kamc_admin --by department -o csv | cut -d, -f4-6
px-report complaints --as kamc_admin --by hospital -o csv | cut -d, -f4-6
px-report complaints --as kamc_admin --hospital KFH; code
px-report complaints --as viewer --by hospital -o csv | cut -d, -f4-6
px-report complaints --hospital KAMC --by state | jq -c 'select(.opened > 0) | [.state, .opened]'
### stdout
type,from,to,opened,open,in_progress,waiting,partially_resolved,resolved,closed,cancelled,ever_resolved,median_hours_to_resolve,reopened,reopen_rate,surveyed,satisfied,satisfaction_rate,unanswered,low_n,partial
report.complaints,,,1,1,0,0,0,0,0,0,0,,0,,0,0,,0,true,true
department,opened,open
KAMC/CARD,0,0
KAMC/ER,1,1
hospital,opened,open
KAMC,1,1
exit 3
hospital,opened,open
KFH,10,1
["open",1]
### stderr
px-report: permission denied: 'kamc_admin' (hospital_admin) may not read reports
