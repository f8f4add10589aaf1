The negative report follows the closed loop as px-contact writes it; satisfaction checks count as the loop's outcome, never as scores or negatives of their own.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
PX_NOW=2026-11-23T12:00:00Z px-contact --as kfh_px log "$NEG" --notes "called"
PX_NOW=2026-11-23T12:05:00Z px-contact --as kfh_px satisfaction "$NEG" > /dev/null
printf '{"from":"0501234567","text":"no"}\n' | PX_NOW=2026-11-23T13:00:00Z px-survey respond --sms > /dev/null
export PX_NOW=2026-11-23T14:00:00Z
px-report scores --by template -o csv
px-report negative --by hospital -o csv
### stdout
type,from,to,template,responses,mean,band_1,band_2,band_3,band_4,band_5,low_n,partial
report.scores,,,emergency,1,0,1,0,0,0,0,true,true
report.scores,,,outpatient_visit,2,55.6,1,0,0,0,1,true,true
type,from,to,hospital,completed,negatives,negative_rate,awaiting_contact,contacted,contacted_within,contacted_within_rate,median_hours_to_contact,satisfied,not_satisfied,closed,escalated,closed_rate,low_n,partial
report.negative,,,KAMC,1,1,100,1,0,0,0,,0,0,0,0,0,true,true
report.negative,,,KFH,2,1,50,0,1,1,100,2,0,1,0,1,0,true,true
