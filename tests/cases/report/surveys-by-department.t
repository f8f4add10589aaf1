px-report surveys: sent, delivered, opened, completed and rates by department, channel and template; a department without surveys gets a row of zeros and null rates
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
px-report surveys --by department --since 2026-11-01 --until 2026-12-01 -o csv; code
px-report surveys --by channel --since 2026-11-01 --until 2026-12-01 -o csv
px-report surveys --by template --hospital KAMC --since 2026-11-01 --until 2026-12-01
### stdout
type,from,to,department,sent,delivered,opened,started,completed,abandoned,delivery_rate,open_rate,response_rate,abandonment_rate,low_n,partial
report.surveys,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC/CARD,0,0,0,0,0,0,,,,,true,true
report.surveys,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC/ER,1,0,1,1,1,0,0,100,100,0,true,true
report.surveys,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/ER,5,2,5,5,4,1,40,100,80,20,true,true
report.surveys,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/IPD,2,0,2,2,2,0,0,100,100,0,true,true
report.surveys,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/OPD,5,0,4,4,4,0,0,80,80,0,true,true
exit 0
type,from,to,channel,sent,delivered,opened,started,completed,abandoned,delivery_rate,open_rate,response_rate,abandonment_rate,low_n,partial
report.surveys,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,email,1,0,1,1,1,0,0,100,100,0,true,true
report.surveys,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,sms,10,2,10,10,9,1,20,100,90,10,true,true
report.surveys,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,whatsapp,2,0,1,1,1,0,0,50,50,0,true,true
{"type":"report.surveys","from":"2026-11-01T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","template":"nps","sent":1,"delivered":0,"opened":1,"started":1,"completed":1,"abandoned":0,"delivery_rate":0,"open_rate":100,"response_rate":100,"abandonment_rate":0,"low_n":true,"partial":true}
### status
0
