What px-contact call import refuses, each row at its line with the field and the reason, while the good rows are taken in (status 1); under --strict a file with a bad row stores nothing (status 4) while the files before it are kept; --rejects keeps the refused rows as they were read; --dry-run checks every row, stores nothing and counts what it read.  The MRN and phone are never repeated in a message.
### cmd
. "$TESTS/fixtures/call/setup.sh"
setup_calls
cat > bad.csv <<'CSV'
call_id,hospital,type,agent,started_at,wait_seconds,talk_seconds,resolution,rating,department,mrn,phone,notes
B-01,KFH,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,7,OPD,,,
B-02,KFH,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,4.5,OPD,,,
B-03,KFH,walk_in,Lama,2026-11-22T08:00:00Z,10,20,resolved,3,OPD,,,
B-04,KFH,inquiry,Lama,22/11/2026 08:00,10,20,resolved,3,OPD,,,
B-05,KFH,inquiry,Lama,2026-11-24T08:00:00Z,10,20,resolved,3,OPD,,,
B-06,NOPE,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,3,OPD,,,
B-07,KFH,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,3,CARD,,,
B-08,KFH,inquiry,Lama,2026-11-22T08:00:00Z,ten,20,resolved,3,OPD,,,
B-09,KFH,inquiry,Lama,2026-11-22T08:00:00Z,10,1:75,resolved,3,OPD,,,
B-10,KFH,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,3,OPD,KFH0404,,
,KFH,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,3,OPD,,,
B-12,,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,3,OPD,,,
B-13,KFH,inquiry,Lama,,10,20,resolved,3,OPD,,,
B-14,KFH,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,0,OPD,,,
B-15,KFH,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,3,OPD,,,fine
CSV
px-contact call import --rejects refused.csv bad.csv | jq -r .external_id; code
q "SELECT external_id FROM calls"
wc -l < refused.csv
head -2 refused.csv
# a type of call in its own column, and the record's type naming another
printf '{"external_id":"J-1","hospital":"KFH","started_at":"2026-11-22T08:00:00Z"}\n{"type":"call","external_id":"J-2","hospital":"KFH","call_type":"chat","started_at":"2026-11-22T08:00:00Z"}\n{"type":"inquiry","external_id":"J-3","call_id":"J-4","hospital":"KFH","started_at":"2026-11-22T08:00:00Z"}\n{"type":"inquiry","external_id":"J-5","call_type":"complaint","hospital":"KFH","started_at":"2026-11-22T08:00:00Z"}\n' | px-contact call import; code
# --dry-run: every row checked, nothing stored or given
px-contact call import --dry-run calls.csv; code
q "SELECT count(*) FROM calls"
# --strict: each file whole or not at all
px-contact call import --strict calls.csv bad.csv > /dev/null; code
q "SELECT count(*) FROM calls WHERE external_id LIKE 'CC-%'"
q "SELECT count(*) FROM calls WHERE external_id LIKE 'B-%'"
### stdout
B-15
exit 1
B-15
15
call_id,hospital,type,agent,started_at,wait_seconds,talk_seconds,resolution,rating,department,mrn,phone,notes,_line,_reason
B-01,KFH,inquiry,Lama,2026-11-22T08:00:00Z,10,20,resolved,7,OPD,,,,2,rating: '7' is not a rating from 1 to 5
exit 1
exit 0
1
exit 4
5
1
### stderr
px-contact: bad.csv:2: rating: '7' is not a rating from 1 to 5
px-contact: bad.csv:3: rating: '4.5' is not a rating from 1 to 5
px-contact: bad.csv:4: type: unknown type of call 'walk_in' (inquiry, complaint, appointment, follow_up, feedback)
px-contact: bad.csv:5: started_at: not an ISO 8601 time '22/11/2026 08:00'
px-contact: bad.csv:6: started_at: '2026-11-24T08:00:00Z' is later than now
px-contact: bad.csv:7: unknown hospital 'NOPE'
px-contact: bad.csv:8: unknown department 'CARD' in KFH
px-contact: bad.csv:9: wait_seconds: not a duration 'ten' (seconds, M:SS or H:MM:SS)
px-contact: bad.csv:10: talk_seconds: not a duration '1:75' (seconds, M:SS or H:MM:SS)
px-contact: bad.csv:11: mrn: no patient of KFH has that MRN
px-contact: bad.csv:12: needs 'external_id' (or 'call_id'), the call centre's id of the call
px-contact: bad.csv:13: needs 'hospital'
px-contact: bad.csv:14: needs 'started_at'
px-contact: bad.csv:15: rating: '0' is not a rating from 1 to 5
px-contact: -:1: needs 'call_type' (inquiry, complaint, appointment, follow_up, feedback)
px-contact: -:2: call_type: unknown type of call 'chat' (inquiry, complaint, appointment, follow_up, feedback)
px-contact: -:3: 'external_id' and 'call_id' differ (give one)
px-contact: -:4: 'call_type' and 'type' differ (give one)
px-contact: dry run: 5 records, 0 rejected
px-contact: bad.csv:2: rating: '7' is not a rating from 1 to 5
px-contact: bad.csv: nothing applied (--strict)
