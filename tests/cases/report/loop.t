px-report notify, suppressed and journeys: delivery and failure per channel and template, suppression reasons and shares, stage completion
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
px-report notify --by channel -o csv
px-report notify --by template -o csv
px-report suppressed --by hospital -o csv
px-report suppressed --by department --since 2026-11-06 -o csv
px-report journeys -o csv
px-report journeys --by department -o csv
### stdout
type,from,to,channel,messages,sent,delivered,failed,suppressed,pending,delivery_rate,failure_rate,low_n,partial
report.notify,,,email,1,0,0,1,0,0,0,100,true,true
report.notify,,,sms,3,1,1,0,0,1,100,0,true,true
report.notify,,,whatsapp,1,0,0,0,1,0,,,true,true
type,from,to,template,messages,sent,delivered,failed,suppressed,pending,delivery_rate,failure_rate,low_n,partial
report.notify,,,survey_invitation,4,1,1,1,1,0,66.7,33.3,true,true
report.notify,,,survey_reminder,1,0,0,0,0,1,,,true,true
type,from,to,hospital,reason,suppressed,due,share,low_n,partial
report.suppressed,,,KAMC,optout,1,1,100,true,true
report.suppressed,,,KFH,fatigue,2,7,28.6,true,true
report.suppressed,,,KFH,deceased,1,7,14.3,true,true
type,from,to,department,reason,suppressed,due,share,low_n,partial
report.suppressed,2026-11-06T00:00:00+03:00,,KAMC/CARD,,0,0,,true,true
report.suppressed,2026-11-06T00:00:00+03:00,,KAMC/ER,optout,1,1,100,true,true
report.suppressed,2026-11-06T00:00:00+03:00,,KFH/ER,,0,0,,true,true
report.suppressed,2026-11-06T00:00:00+03:00,,KFH/IPD,,0,0,,true,true
report.suppressed,2026-11-06T00:00:00+03:00,,KFH/OPD,deceased,1,2,50,true,true
type,from,to,journey,stage,journeys,completed,completion_rate,low_n,partial
report.journeys,,,ems,triage,2,2,100,true,true
report.journeys,,,ems,treatment,2,1,50,true,true
report.journeys,,,ems,discharge,2,1,50,true,true
type,from,to,department,journey,stage,journeys,completed,completion_rate,low_n,partial
report.journeys,,,KAMC/CARD,,,0,0,,true,true
report.journeys,,,KAMC/ER,,,0,0,,true,true
report.journeys,,,KFH/ER,ems,triage,2,2,100,true,true
report.journeys,,,KFH/ER,ems,treatment,2,1,50,true,true
report.journeys,,,KFH/ER,ems,discharge,2,1,50,true,true
report.journeys,,,KFH/IPD,,,0,0,,true,true
report.journeys,,,KFH/OPD,,,0,0,,true,true
### status
0
