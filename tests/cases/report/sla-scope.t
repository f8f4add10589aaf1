px-report sla counts the hospitals of the acting user's scope only: a hospital_admin of KAMC sees KAMC's two complaints and none of KFH's, by hospital and by department; naming KFH is permission denied (3); a viewer of KFH sees KFH's; a px_admin sees both, by hospital and by department, or one hospital it names
### cmd
. "$TESTS/fixtures/report/sla.sh"
setup_sla_report || exit 1
export PX_NOW=2026-12-15T09:00:00Z
px-report sla --as kamc_admin -o csv
px-report sla --as kamc_admin --by hospital -o csv | cut -d, -f4-
px-report sla --as kamc_admin --by department --since 2026-11-01 --until 2026-12-01 -o csv | cut -d, -f4-
px-report sla --as kamc_admin --hospital KFH; code
px-report sla --as viewer --by hospital --since 2026-11-01 --until 2026-12-01 -o csv | cut -d, -f4-
px-report sla --by hospital --since 2026-11-01 --until 2026-12-01 -o csv | cut -d, -f4-
px-report sla --by department --since 2026-11-01 --until 2026-12-01 -o csv | cut -d, -f4-
px-report sla --hospital KAMC --by kind -o csv | cut -d, -f4-8
### stdout
type,from,to,cases,response_due,response_met,response_breached,response_compliance,median_response_hours,resolution_due,resolution_met,resolution_breached,resolution_compliance,median_resolution_hours,breaches,escalations,open_overdue,low_n,partial
report.sla,,,2,2,1,1,50,5.5,2,2,0,100,20.5,1,0,0,true,true
hospital,cases,response_due,response_met,response_breached,response_compliance,median_response_hours,resolution_due,resolution_met,resolution_breached,resolution_compliance,median_resolution_hours,breaches,escalations,open_overdue,low_n,partial
KAMC,2,2,1,1,50,5.5,2,2,0,100,20.5,1,0,0,true,true
department,cases,response_due,response_met,response_breached,response_compliance,median_response_hours,resolution_due,resolution_met,resolution_breached,resolution_compliance,median_resolution_hours,breaches,escalations,open_overdue,low_n,partial
KAMC/CARD,0,0,0,0,,,0,0,0,,,0,0,0,true,false
KAMC/ER,1,1,1,0,100,1,1,1,0,100,9,0,0,0,true,false
exit 3
hospital,cases,response_due,response_met,response_breached,response_compliance,median_response_hours,resolution_due,resolution_met,resolution_breached,resolution_compliance,median_resolution_hours,breaches,escalations,open_overdue,low_n,partial
KFH,8,8,6,2,75,2,7,3,4,42.9,23,3,4,2,true,false
hospital,cases,response_due,response_met,response_breached,response_compliance,median_response_hours,resolution_due,resolution_met,resolution_breached,resolution_compliance,median_resolution_hours,breaches,escalations,open_overdue,low_n,partial
KAMC,1,1,1,0,100,1,1,1,0,100,9,0,0,0,true,false
KFH,8,8,6,2,75,2,7,3,4,42.9,23,3,4,2,true,false
department,cases,response_due,response_met,response_breached,response_compliance,median_response_hours,resolution_due,resolution_met,resolution_breached,resolution_compliance,median_resolution_hours,breaches,escalations,open_overdue,low_n,partial
KAMC/CARD,0,0,0,0,,,0,0,0,,,0,0,0,true,false
KAMC/ER,1,1,1,0,100,1,1,1,0,100,9,0,0,0,true,false
KFH/ER,3,3,1,2,33.3,4,3,0,3,0,33.5,2,2,1,true,false
KFH/IPD,0,0,0,0,,,0,0,0,,,0,0,0,true,false
KFH/OPD,5,5,5,0,100,2,4,3,1,75,19,1,2,1,true,false
kind,cases,response_due,response_met,response_breached
complaint,2,2,1,1
inquiry,0,0,0,0
observation,0,0,0,0
action,0,0,0,0
followup,0,0,0,0
### stderr
px-report: permission denied: 'kamc_admin' (hospital_admin) may not read reports
