Loading the same file twice changes nothing and audits nothing the second time; a changed name updates.
### cmd
px init
px org load "$TESTS/fixtures/org.csv"; code
q "SELECT count(*) FROM audit"
before=$(q "SELECT group_concat(public_id) FROM (SELECT public_id FROM hospitals UNION ALL SELECT public_id FROM departments)")
px org load "$TESTS/fixtures/org.csv"; code
q "SELECT count(*) FROM audit"
after=$(q "SELECT group_concat(public_id) FROM (SELECT public_id FROM hospitals UNION ALL SELECT public_id FROM departments)")
[ "$before" = "$after" ] && echo "ids stable"
echo '{"type":"department","hospital":"KFH","code":"ER","name":"Emergency Department","name_ar":"الطوارئ"}' | px org load; code
q "SELECT action, details FROM audit WHERE id > 8"
q "SELECT d.name FROM departments d JOIN hospitals h ON h.id = d.hospital_id WHERE h.code = 'KFH' AND d.code = 'ER'"
### stdout
exit 0
8
exit 0
8
ids stable
exit 0
department_updated|{"code":"ER","name":"Emergency Department","name_ar":"الطوارئ","hospital":"KFH"}
Emergency Department
