px audit filters by actor, action, object and time; CSV output; only px_admin may read it.
### cmd
px init
PX_NOW=2026-11-23T10:00:00Z px org load "$TESTS/fixtures/org.csv"
PX_NOW=2026-11-24T08:00:00+03:00 px user add kfh_admin --role hospital_admin --hospital KFH
px audit --action hospital_created -o csv | norm
px audit --since 2026-11-23T09:30:00Z --until 2026-11-24 -o jsonl | norm | cut -c1-80
px audit --since "2026-11-24 08:00" --actor admin -o csv | cut -d, -f3-5
id=$(q "SELECT public_id FROM hospitals WHERE code = 'KAMC'")
px audit --object "$id" -o csv | cut -d, -f5,6
px --as kfh_admin audit; code
short_usage px audit --since yesterday; code
### stdout
type,id,at,actor,action,object_type,object_id,details
audit,2,2026-11-23T10:00:00Z,admin,hospital_created,hospital,hsp_ID,"{""code"":""KFH"",""name"":""King Fahd Hospital"",""name_ar"":""مستشفى الملك فهد""}"
audit,3,2026-11-23T10:00:00Z,admin,hospital_created,hospital,hsp_ID,"{""code"":""KAMC"",""name"":""King Abdulaziz Medical City"",""name_ar"":""مدينة الملك عبدالعزيز الطبية""}"
{"type":"audit","id":2,"at":"2026-11-23T10:00:00Z","actor":"admin","action":"hos
{"type":"audit","id":3,"at":"2026-11-23T10:00:00Z","actor":"admin","action":"hos
{"type":"audit","id":4,"at":"2026-11-23T10:00:00Z","actor":"admin","action":"dep
{"type":"audit","id":5,"at":"2026-11-23T10:00:00Z","actor":"admin","action":"dep
{"type":"audit","id":6,"at":"2026-11-23T10:00:00Z","actor":"admin","action":"dep
{"type":"audit","id":7,"at":"2026-11-23T10:00:00Z","actor":"admin","action":"dep
{"type":"audit","id":8,"at":"2026-11-23T10:00:00Z","actor":"admin","action":"dep
at,actor,action
2026-11-24T05:00:00Z,admin,user_added
2026-11-24T05:00:00Z,admin,user_hospital_granted
action,object_type
hospital_created,hospital
exit 3
exit 2
### stderr
px: permission denied: 'kfh_admin' (hospital_admin) may not read the audit trail
px: --since: not an ISO 8601 time: 'yesterday'
usage: px audit [--actor USER] [--action ACTION] [--object ID] [--since TIME] [--until TIME] [-o FORMAT]
