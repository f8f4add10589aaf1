Observations from records: CSV with a header row and JSON Lines, typed observation or untyped; a bad record is refused at its file and line with the same reasons as the options give, and the others are taken in; records of other types pass through.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
cat > obs.csv <<'CSV'
hospital,department,category,title,description,name,phone,email,language
KFH,OPD,safety,Broken rail,The bed rail in room 12 does not lock.,,,,
KFH,,process,,Discharge letters wait two days for a signature.,Hala Amin,0551112233,,ar
KFH,,danger,,Something,,,,
NOPE,,safety,,Something,,,,
KFH,,safety,,,,,,
KFH,,safety,,Someone,,0551112233,,
CSV
px-complaint observation new --as kfh_staff obs.csv | jq -r '[.ref, .department, .classification, .severity, .title, .person] | @tsv'; code
printf '%s\n' '{"type":"observation","hospital":"KAMC","category":"good_practice","description":"Clear signs to the new clinic."}' '{"type":"note","text":"passes"}' '{"hospital":"KFH","category":"safety","description":"Hand gel dispensers on ward 2 are empty."}' > obs.jsonl
px-complaint observation new --as kfh_staff obs.jsonl | jq -c 'if .type == "case" then [.ref, .classification] else . end'; code
q "SELECT count(*) FROM cases WHERE kind = 'observation'"
q "SELECT ref, created_by FROM cases ORDER BY id"
### stdout
KFH-OB-2026-000001	OPD	safety	high	Broken rail	
KFH-OB-2026-000002		process	medium		Hala Amin
exit 1
["KAMC-OB-2026-000001","good_practice"]
{"type":"note","text":"passes"}
["KFH-OB-2026-000003","safety"]
exit 0
4
KFH-OB-2026-000001|(anonymous)
KFH-OB-2026-000002|kfh_staff
KAMC-OB-2026-000001|(anonymous)
KFH-OB-2026-000003|(anonymous)
### stderr
px-complaint: obs.csv:4: unknown observation category 'danger' (safety, process, good_practice)
px-complaint: obs.csv:5: unknown hospital 'NOPE'
px-complaint: obs.csv:6: needs 'description': what happened
px-complaint: obs.csv:7: 'phone' and 'email' need 'name': an anonymous observation keeps no contact
