px-report periods are in the display zone: 2026-11-30T22:00:00Z is December in Riyadh, November in UTC; default window of twelve months; day periods
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
export PX_NOW=2026-12-15T09:00:00Z
px-report scores --by department --period month -o csv | grep -e '^type' -e IPD
px-report scores --hospital KFH --period day --since 2026-11-30 --until 2026-12-02 -o csv
px-report scores --since 2026-12-01 | cut -d, -f2-5
echo '[time]' > px.conf; echo 'zone = UTC' >> px.conf
px-report scores --period month --since 2026-11-01 --until 2027-01-01 -o csv | cut -d, -f2,6-7
### stdout
type,period,from,to,department,responses,mean,band_1,band_2,band_3,band_4,band_5,low_n,partial
report.scores,2026-01,2026-01-01T00:00:00+03:00,2026-02-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-02,2026-02-01T00:00:00+03:00,2026-03-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-03,2026-03-01T00:00:00+03:00,2026-04-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-04,2026-04-01T00:00:00+03:00,2026-05-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-05,2026-05-01T00:00:00+03:00,2026-06-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-06,2026-06-01T00:00:00+03:00,2026-07-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-07,2026-07-01T00:00:00+03:00,2026-08-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-08,2026-08-01T00:00:00+03:00,2026-09-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-09,2026-09-01T00:00:00+03:00,2026-10-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-10,2026-10-01T00:00:00+03:00,2026-11-01T00:00:00+03:00,KFH/IPD,0,,0,0,0,0,0,true,false
report.scores,2026-11,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,KFH/IPD,1,50,0,0,1,0,0,true,false
report.scores,2026-12,2026-12-01T00:00:00+03:00,2027-01-01T00:00:00+03:00,KFH/IPD,1,75,0,0,0,1,0,true,true
type,period,from,to,responses,mean,band_1,band_2,band_3,band_4,band_5,low_n,partial
report.scores,2026-11-30,2026-11-30T00:00:00+03:00,2026-12-01T00:00:00+03:00,1,50,0,0,1,0,0,true,false
report.scores,2026-12-01,2026-12-01T00:00:00+03:00,2026-12-02T00:00:00+03:00,1,75,0,0,0,1,0,true,false
"from":"2026-12-01T00:00:00+03:00","to":null,"responses":1,"mean":75
period,mean,band_1
2026-11,60.2,2
2026-12,,0
### status
0
