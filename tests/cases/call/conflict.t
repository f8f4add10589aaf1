A call the store has already, given again with other details, is refused at its line with the details that differ, never merged; the same call given again as it was changes nothing and is not an error, the other rows of the file are taken in, and the stored call keeps what it had.
### cmd
. "$TESTS/fixtures/call/setup.sh"
setup_calls
px-contact call import calls.csv > /dev/null; code
cat > later.csv <<'CSV'
call_id,hospital,type,agent,started_at,wait_seconds,talk_seconds,resolution,rating,department,mrn,phone,notes
CC-5002,KFH,complaint,Hadi,2026-11-22T09:02:00+03:00,310,0:06:45,resolved,4,ER,KFH0001,,Waited two hours in the emergency room
CC-5003,KFH,appointment,Lama,2026-11-22T10:30:00Z,20,95,resolved,,OPD,,0551112233,Moved an appointment to Sunday
CC-5006,KFH,inquiry,Lama,2026-11-22T14:00:00+03:00,12,40,resolved,5,OPD,,,Parking
CC-5001,KFH,inquiry,Lama,2026-11-22 08:15,45,200,resolved,5,OPD,KFH0002,,Asked about the clinic's hours
CSV
px-contact call import later.csv | jq -r '[.external_id, .rating] | @tsv'; code
q "SELECT external_id, resolution, rating, coalesce(patient_id, '-') FROM calls ORDER BY id"
# the same id in another hospital is another call
printf 'call_id,hospital,type,started_at\nCC-5002,KAMC,inquiry,2026-11-22T12:00:00Z\n' | px-contact call import | jq -r '[.external_id, .hospital] | @tsv'; code
q "SELECT count(*) FROM calls WHERE external_id = 'CC-5002'"
### stdout
exit 0
CC-5003	
CC-5006	5
exit 1
CC-5001|resolved|5|-
CC-5002|unresolved|1|1
CC-5003|resolved||2
CC-5004|transferred|2|3
CC-5005|resolved|4|-
CC-5006|resolved|5|-
CC-5002	KAMC
exit 0
2
### stderr
px-contact: later.csv:2: call 'CC-5002' already taken in with other details (resolution, rating)
px-contact: later.csv:5: call 'CC-5001' already taken in with other details (patient)
