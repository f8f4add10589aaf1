px-report scores: mean normalised score (0-100) and five bands, overall, by hospital (one with a single answer) and by question
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
px-report scores --since 2026-11-01 --until 2026-12-01
px-report scores --by hospital --since 2026-11-01 --until 2026-12-01 -o csv
px-report scores --by question --since 2026-11-01 --until 2026-12-01 -o csv
### stdout
{"type":"report.scores","from":"2026-11-01T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","responses":10,"mean":58.8,"band_1":2,"band_2":2,"band_3":1,"band_4":0,"band_5":5,"low_n":true,"partial":true}
type,from,to,hospital,responses,mean,band_1,band_2,band_3,band_4,band_5,low_n,partial
report.scores,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC,1,100,0,0,0,0,1,true,true
report.scores,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH,9,54.2,2,2,1,0,4,true,true
type,from,to,question,responses,mean,band_1,band_2,band_3,band_4,band_5,low_n,partial
report.scores,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,nps:q1,6,66.7,1,1,0,0,4,true,true
report.scores,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,outpatient_visit:q1,4,43.8,1,1,1,0,1,true,true
report.scores,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,outpatient_visit:q2,2,50,1,0,0,0,1,true,true
### status
0
