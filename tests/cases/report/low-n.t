report.min_n marks the groups whose sample is under it as low_n in CSV, JSON and tables, greys them in HTML and keeps them out of the summary's largest changes; a period that has not ended is marked partial; a malformed min_n is refused
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
printf '[report]\nmin_n = 4\n' > px.conf
px-report nps --by department --since 2026-11-01 --until 2026-12-01 -o csv
px-report surveys --by hospital --period month --since 2026-10-01 --until 2027-01-01 -o csv | cut -d, -f2,5,6,15-
px-report suppressed --by hospital -o json
px-report nps --by department --since 2026-11-01 --until 2026-12-01 -o table | awk '{ print $(NF - 1), $NF }'
px-report nps --by department --since 2026-11-01 --until 2026-12-01 -o html > nps.html
grep -c '<tr class="low">' nps.html
grep -o '<tr><td[^>]*>[^<]*</td><td[^>]*>[^<]*</td>' nps.html
grep -o 'In grey: a sample of fewer than 4\.' nps.html
px-report surveys --period month --since 2026-11-01 --until 2027-01-01 -o html | grep -o -e '<td class="t">2026-1[12][*]*</td>' -e '[*] The period has not ended: its figures are partial\.'
printf '[report]\nmin_n = -1\n' > px.conf
PX_CONFIG=px.conf px-report nps; code
printf '[report]\nmin_n = few\n' > px.conf
PX_CONFIG=px.conf px-report dashboard > /dev/null; code
### stdout
type,from,to,department,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC/CARD,0,0,0,0,,,,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KAMC/ER,1,1,0,0,100,100,100,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/ER,1,0,0,1,-100,-100,-100,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/IPD,0,0,0,0,,,,true,true
report.nps,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/OPD,4,2,1,1,25,-56.3,100,false,true
period,hospital,sent,abandonment_rate,low_n,partial
2026-10,KAMC,0,,true,false
2026-10,KFH,0,,true,false
2026-11,KAMC,1,0,true,true
2026-11,KFH,12,9.1,false,true
2026-12,KAMC,0,,true,true
2026-12,KFH,0,,true,true
[
{"type":"report.suppressed","from":null,"to":null,"hospital":"KAMC","reason":"optout","suppressed":1,"due":1,"share":100,"low_n":true,"partial":true},
{"type":"report.suppressed","from":null,"to":null,"hospital":"KFH","reason":"fatigue","suppressed":2,"due":7,"share":28.6,"low_n":false,"partial":true},
{"type":"report.suppressed","from":null,"to":null,"hospital":"KFH","reason":"deceased","suppressed":1,"due":7,"share":14.3,"low_n":false,"partial":true}
]
LOW_N PARTIAL
true true
true true
true true
true true
false true
4
<tr><td class="t">KFH/OPD</td><td class="t">Outpatient Clinics, King Fahd Hospital</td>
In grey: a sample of fewer than 4.
In grey: a sample of fewer than 4.
* The period has not ended: its figures are partial.
<td class="t">2026-11*</td>
<td class="t">2026-12*</td>
* The period has not ended: its figures are partial.
exit 4
exit 4
### stderr
px-report: px.conf:2: configuration 'report.min_n' must be an integer from 0 to 1000000000, not '-1'
px-report: px.conf:2: configuration 'report.min_n' must be an integer from 0 to 1000000000, not 'few'
