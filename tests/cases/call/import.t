A call-centre export in CSV, its columns as the call centre names them (call_id, type), times with and without an offset, durations in seconds and as M:SS or H:MM:SS: each call taken in once, its patient found by MRN or by the one patient with the caller's number (a withheld number matches nobody), with its audit row; reading the export again adds nothing, writes no audit row and gives the calls as they are.
### cmd
. "$TESTS/fixtures/call/setup.sh"
setup_calls
px-contact call import calls.csv | norm; code
q "SELECT c.external_id, h.code, coalesce(d.code, '-'), coalesce(p.mrn, '-'), c.call_type, c.agent, c.started_at, coalesce(c.wait_seconds, '-'), coalesce(c.talk_seconds, '-'), c.resolution, coalesce(c.rating, '-'), coalesce(c.notes, '-'), c.created_by, c.created_at FROM calls c JOIN hospitals h ON h.id = c.hospital_id LEFT JOIN departments d ON d.id = c.department_id LEFT JOIN patients p ON p.id = c.patient_id ORDER BY c.id"
q "SELECT count(*) FROM calls WHERE public_id LIKE 'cal_%' AND length(public_id) = 24"
q "SELECT a.actor, a.action, a.object_type, a.object_id = c.public_id, a.details FROM audit a JOIN calls c ON c.public_id = a.object_id ORDER BY a.id"
audit=$(q "SELECT count(*) FROM audit")
# again: nothing added, the same calls given
px-contact call import calls.csv | norm > again.jsonl; code
px-contact call import calls.csv | norm > first.jsonl
cmp first.jsonl again.jsonl && wc -l < again.jsonl
q "SELECT count(*) FROM calls"
[ "$(q "SELECT count(*) FROM audit")" = "$audit" ] && echo "no audit row"
### stdout
{"type":"call","id":"cal_ID","external_id":"CC-5001","hospital":"KFH","department":"OPD","patient":null,"call_type":"inquiry","agent":"Lama","started_at":"2026-11-22T05:15:00Z","wait_seconds":45,"talk_seconds":200,"resolution":"resolved","rating":5,"notes":"Asked about the clinic's hours"}
{"type":"call","id":"cal_ID","external_id":"CC-5002","hospital":"KFH","department":"ER","patient":"pat_ID","call_type":"complaint","agent":"Hadi","started_at":"2026-11-22T06:02:00Z","wait_seconds":310,"talk_seconds":405,"resolution":"unresolved","rating":1,"notes":"Waited two hours in the emergency room"}
{"type":"call","id":"cal_ID","external_id":"CC-5003","hospital":"KFH","department":"OPD","patient":"pat_ID","call_type":"appointment","agent":"Lama","started_at":"2026-11-22T10:30:00Z","wait_seconds":20,"talk_seconds":95,"resolution":"resolved","rating":null,"notes":"Moved an appointment to Sunday"}
{"type":"call","id":"cal_ID","external_id":"CC-5004","hospital":"KAMC","department":"ER","patient":"pat_ID","call_type":"follow_up","agent":"Reem","started_at":"2026-11-22T08:00:00Z","wait_seconds":null,"talk_seconds":null,"resolution":"transferred","rating":2,"notes":null}
{"type":"call","id":"cal_ID","external_id":"CC-5005","hospital":"KFH","department":null,"patient":null,"call_type":"feedback","agent":"Hadi","started_at":"2026-11-22T10:45:00Z","wait_seconds":5,"talk_seconds":60,"resolution":"resolved","rating":4,"notes":"Thanked the night nurses"}
exit 0
CC-5001|KFH|OPD|-|inquiry|Lama|2026-11-22T05:15:00Z|45|200|resolved|5|Asked about the clinic's hours|admin|2026-11-23T09:00:00Z
CC-5002|KFH|ER|KFH0001|complaint|Hadi|2026-11-22T06:02:00Z|310|405|unresolved|1|Waited two hours in the emergency room|admin|2026-11-23T09:00:00Z
CC-5003|KFH|OPD|KFH0002|appointment|Lama|2026-11-22T10:30:00Z|20|95|resolved|-|Moved an appointment to Sunday|admin|2026-11-23T09:00:00Z
CC-5004|KAMC|ER|KAMC0001|follow_up|Reem|2026-11-22T08:00:00Z|-|-|transferred|2|-|admin|2026-11-23T09:00:00Z
CC-5005|KFH|-|-|feedback|Hadi|2026-11-22T10:45:00Z|5|60|resolved|4|Thanked the night nurses|admin|2026-11-23T09:00:00Z
5
admin|call_taken_in|call|1|{"hospital":"KFH","external_id":"CC-5001","call_type":"inquiry","rating":5}
admin|call_taken_in|call|1|{"hospital":"KFH","external_id":"CC-5002","call_type":"complaint","rating":1}
admin|call_taken_in|call|1|{"hospital":"KFH","external_id":"CC-5003","call_type":"appointment","rating":null}
admin|call_taken_in|call|1|{"hospital":"KAMC","external_id":"CC-5004","call_type":"follow_up","rating":2}
admin|call_taken_in|call|1|{"hospital":"KFH","external_id":"CC-5005","call_type":"feedback","rating":4}
exit 0
5
5
no audit row
