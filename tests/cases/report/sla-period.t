px-report sla by month (a case counts in the month it was opened, in the display zone): --compare gives the previous month's compliance of each clock and its median hours, and their deltas (null when either is); as CSV and as a table (at 100 columns the widest are left out; --columns 0 keeps them); the month not ended is partial
### cmd
. "$TESTS/fixtures/report/sla.sh"
setup_sla_report || exit 1
export PX_NOW=2026-12-15T09:00:00Z
px-report sla --period month --since 2026-10-01 --until 2027-01-01 --compare
px-report sla --period month --since 2026-10-01 --until 2027-01-01 -o csv
px-report sla --period month --since 2026-11-01 --until 2027-01-01 --by hospital -o table
px-report sla --since 2026-11-01 --until 2026-12-01 --by kind -o table --columns 0
### stdout
{"type":"report.sla","period":"2026-10","from":"2026-10-01T00:00:00+03:00","to":"2026-11-01T00:00:00+03:00","cases":2,"response_due":2,"response_met":1,"response_breached":1,"response_compliance":50,"median_response_hours":8,"resolution_due":2,"resolution_met":2,"resolution_breached":0,"resolution_compliance":100,"median_resolution_hours":24,"breaches":1,"escalations":0,"open_overdue":0,"response_compliance_prev":null,"response_compliance_delta":null,"median_response_hours_prev":null,"median_response_hours_delta":null,"resolution_compliance_prev":null,"resolution_compliance_delta":null,"median_resolution_hours_prev":null,"median_resolution_hours_delta":null,"low_n":true,"partial":false}
{"type":"report.sla","period":"2026-11","from":"2026-11-01T00:00:00+03:00","to":"2026-12-01T00:00:00+03:00","cases":9,"response_due":9,"response_met":7,"response_breached":2,"response_compliance":77.8,"median_response_hours":2,"resolution_due":8,"resolution_met":4,"resolution_breached":4,"resolution_compliance":50,"median_resolution_hours":21,"breaches":3,"escalations":4,"open_overdue":2,"response_compliance_prev":50,"response_compliance_delta":27.8,"median_response_hours_prev":8,"median_response_hours_delta":-6,"resolution_compliance_prev":100,"resolution_compliance_delta":-50,"median_resolution_hours_prev":24,"median_resolution_hours_delta":-3,"low_n":true,"partial":false}
{"type":"report.sla","period":"2026-12","from":"2026-12-01T00:00:00+03:00","to":"2027-01-01T00:00:00+03:00","cases":1,"response_due":1,"response_met":1,"response_breached":0,"response_compliance":100,"median_response_hours":2,"resolution_due":1,"resolution_met":0,"resolution_breached":0,"resolution_compliance":null,"median_resolution_hours":null,"breaches":0,"escalations":0,"open_overdue":0,"response_compliance_prev":77.8,"response_compliance_delta":22.2,"median_response_hours_prev":2,"median_response_hours_delta":0,"resolution_compliance_prev":50,"resolution_compliance_delta":null,"median_resolution_hours_prev":21,"median_resolution_hours_delta":null,"low_n":true,"partial":true}
type,period,from,to,cases,response_due,response_met,response_breached,response_compliance,median_response_hours,resolution_due,resolution_met,resolution_breached,resolution_compliance,median_resolution_hours,breaches,escalations,open_overdue,low_n,partial
report.sla,2026-10,2026-10-01T00:00:00+03:00,2026-11-01T00:00:00+03:00,2,2,1,1,50,8,2,2,0,100,24,1,0,0,true,false
report.sla,2026-11,2026-11-01T00:00:00+03:00,2026-12-01T00:00:00+03:00,9,9,7,2,77.8,2,8,4,4,50,21,3,4,2,true,false
report.sla,2026-12,2026-12-01T00:00:00+03:00,2027-01-01T00:00:00+03:00,1,1,1,0,100,2,1,0,0,,,0,0,0,true,true
PERIOD   HOSPITAL  CASES  RESPONSE_DUE  RESPONSE_MET  BREACHES  ESCALATIONS  LOW_N  PARTIAL
2026-11  KAMC      1      1             1             0         0            true   false
2026-11  KFH       8      8             6             3         4            true   false
2026-12  KAMC      0      0             0             0         0            true   true
2026-12  KFH       1      1             1             0         0            true   true
FROM                  TO                    KIND       CASES  RESPONSE_DUE  RESPONSE_MET  RESPONSE_BREACHED  RESPONSE_COMPLIANCE  MEDIAN_RESPONSE_HOURS  RESOLUTION_DUE  RESOLUTION_MET  RESOLUTION_BREACHED  RESOLUTION_COMPLIANCE  MEDIAN_RESOLUTION_HOURS  BREACHES  ESCALATIONS  OPEN_OVERDUE  LOW_N  PARTIAL
2026-11-01 00:00 +03  2026-12-01 00:00 +03  complaint  8      8             6             2                  75                   2                      8               4               4                    50                     21                       3         4            2             true   false
2026-11-01 00:00 +03  2026-12-01 00:00 +03  inquiry    1      1             1             0                  100                  8                      0               0               0                                                                    0         0            0             true   false
2026-11-01 00:00 +03  2026-12-01 00:00 +03  followup   0      0             0             0                                                              0               0               0                                                                    0         0            0             true   false
