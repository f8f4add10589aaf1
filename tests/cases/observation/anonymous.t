An anonymous observation (seed 003): any user may report one, even a viewer; the store keeps no name, contact or language of the reporter, and nothing in the case, its timeline, its audit row or the outbox names the user who sent it; it is numbered in the series OB, and its tracking code shows its state.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint observation new --as kfh_staff --hospital KFH --department OPD --category safety --title "Wet floor" --description "Wet floor by the lift on ward 3, no sign; a visitor nearly fell." --language ar | jq -r '[.ref, .kind, .state, .hospital, .department, .classification, .severity, .source, .person, .language, .title] | @tsv'; code
O=$(last_ref)
px-complaint observation new --as viewer --hospital KAMC --category good_practice --description "The night nurses double-check every insulin dose." | jq -r '[.ref, .severity, .person] | @tsv'; code
q "SELECT ref, person_name IS NULL, person_phone IS NULL, person_email IS NULL, language IS NULL, patient_id IS NULL, source_ref IS NULL, created_by FROM cases ORDER BY id"
q "SELECT DISTINCT actor FROM case_timeline"
q "SELECT actor, action, details FROM audit WHERE object_type = 'case'"
q "SELECT count(*) FROM audit WHERE actor IN ('kfh_staff', 'viewer')"
q "SELECT count(*) FROM notifications WHERE object_type = 'case'"
q "SELECT count(*) FROM case_timeline WHERE type = 'message'"
CODE=$(q "SELECT tracking FROM cases WHERE ref = '$O'")
px-complaint track "$(printf '%s' "$CODE" | tr -d - | tr A-Z a-z)" --as viewer; code
px-complaint observation start "$O" --as kfh_staff > /dev/null
px-complaint track "$CODE" --as viewer | jq -r '[.ref, .state] | @tsv'
### stdout
KFH-OB-2026-000001	observation	open	KFH	OPD	safety	high	staff			Wet floor
exit 0
KAMC-OB-2026-000001	low	
exit 0
KFH-OB-2026-000001|1|1|1|1|1|1|(anonymous)
KAMC-OB-2026-000001|1|1|1|1|1|1|(anonymous)
(anonymous)
(anonymous)|case_opened|{"kind":"observation","to":"open"}
(anonymous)|case_opened|{"kind":"observation","to":"open"}
0
0
0
{"type":"case.track","ref":"KFH-OB-2026-000001","state":"open","opened_at":"2026-11-23T09:00:00Z","state_since":"2026-11-23T09:00:00Z"}
exit 0
KFH-OB-2026-000001	in_progress
