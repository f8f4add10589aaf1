The headline NPS counts every survey's likelihood-to-recommend question (a question of type nps), not only the nps template: two outpatient surveys answer it (2: a detractor, 10: a promoter) beside one nps survey (8: a passive); --by template and --by question keep the split, and the emergency survey, which has no such question, stays out
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
printf '[survey]\nfatigue_days = 0\n' > px.conf
PX_NOW=2026-11-23T11:00:00Z px-survey send --patient KFH0002 --hospital KFH --template nps > nps.jsonl
t=$(grep -o '/s/[A-Za-z0-9_-]*' nps.jsonl | cut -c4-)
printf 'token,question,value\n%s,recommend,8\n' "$t" | PX_NOW=2026-11-23T11:30:00Z px-survey respond > /dev/null
export PX_NOW=2026-11-23T14:00:00Z
px-report nps -o csv
px-report nps --by template -o csv
px-report nps --by question -o csv
px-report nps --by department -o csv
### stdout
type,from,to,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,,,3,1,1,1,0,-92.4,92.4,true,true
type,from,to,template,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,,,nps,1,0,1,0,0,0,0,true,true
report.nps,,,outpatient_visit,2,1,0,1,0,-100,100,true,true
type,from,to,question,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,,,nps:recommend,1,0,1,0,0,0,0,true,true
report.nps,,,outpatient_visit:q4,2,1,0,1,0,-100,100,true,true
type,from,to,department,n,promoters,passives,detractors,nps,nps_low,nps_high,low_n,partial
report.nps,,,KAMC/CARD,0,0,0,0,,,,true,true
report.nps,,,KAMC/ER,0,0,0,0,,,,true,true
report.nps,,,KFH/-,1,0,1,0,0,0,0,true,true
report.nps,,,KFH/ER,0,0,0,0,,,,true,true
report.nps,,,KFH/IPD,0,0,0,0,,,,true,true
report.nps,,,KFH/OPD,2,1,0,1,0,-100,100,true,true
