px-report shows only hospitals in the user's scope, in records, pages and the summary; a hospital out of scope is permission denied (3), an unknown one status 4
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
px-report surveys --by hospital --as viewer -o csv; code
px-report nps --as kamc_admin -o csv; code
px-report nps --as kamc_admin --hospital KFH; code
px-report nps --as viewer --hospital KFH -o csv; code
px-report nps --hospital NOPE; code
px-report dashboard --hospital NOPE > /dev/null; code
px-report summary --as kamc_admin --hospital KFH; code
px-report nps -o html --as viewer --hospital KAMC > /dev/null; code
px-report dashboard --as kamc_admin > d.html; code
grep -c KFH d.html; grep -q KAMC d.html && echo 'KAMC shown'
### stdout
type,from,to,hospital,sent,delivered,opened,started,completed,abandoned,delivery_rate,open_rate,response_rate,abandonment_rate,low_n,partial
report.surveys,,,KFH,12,2,11,11,10,1,16.7,91.7,83.3,9.1,true,true
exit 0
type,from,to,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,,,1,1,0,0,100,100,100,true,true
exit 0
exit 3
type,from,to,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,,,5,2,1,2,0,-78.4,78.4,true,true
exit 0
exit 4
exit 4
exit 3
exit 3
exit 0
0
KAMC shown
### stderr
px-report: permission denied: 'kamc_admin' (hospital_admin) may not read reports
px-report: unknown hospital 'NOPE'
px-report: unknown hospital 'NOPE'
px-report: permission denied: 'kamc_admin' (hospital_admin) may not read reports
px-report: permission denied: 'viewer' (viewer) may not read reports
