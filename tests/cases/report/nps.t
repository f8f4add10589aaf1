px-report nps: NPS with its 95% interval; all promoters (KAMC/ER), all detractors (KFH/ER), empty groups, by channel and by question
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
px-report nps --since 2026-11-01 --until 2026-12-01
px-report nps --by department --since 2026-11-01 --until 2026-12-01 -o csv
px-report nps --by channel --since 2026-11-01 --until 2026-12-01 -o csv
px-report nps --by question --since 2026-11-01 --until 2026-12-01 -o csv
### stdout
{"type":"report.nps","from":"2026-11-01T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","n":6,"promoters":3,"passives":1,"detractors":2,"nps":16.7,"nps_low":-55.2,"nps_high":88.5,"low_n":true,"partial":true}
type,from,to,department,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC/CARD,0,0,0,0,,,,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC/ER,1,1,0,0,100,100,100,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/ER,1,0,0,1,-100,-100,-100,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/IPD,0,0,0,0,,,,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/OPD,4,2,1,1,25,-56.3,100,true,true
type,from,to,channel,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,email,0,0,0,0,,,,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,sms,5,3,1,1,40,-30.1,100,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,whatsapp,1,0,0,1,-100,-100,-100,true,true
type,from,to,question,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,nps:q1,6,3,1,2,16.7,-55.2,88.5,true,true
### status
0
