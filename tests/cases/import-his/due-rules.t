The rules that hold a survey back at import: a patient opted out of every channel (opted_out); a survey sent to the patient within survey.fatigue_days before the new one falls due, whatever the template (fatigue), the encounter's own surveys exempt unless the journey stage says fatigue=yes; a survey only due, or sent longer ago, holds nothing back
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
mkdir j
cp "$SHARE/journeys/opd.journey" j/
printf 'name = keep\ntypes = keep\nstage = first register survey=first_a\nstage = last discharge survey=last_b delay=1h\n' > j/keep.journey
printf 'name = hold\ntypes = hold\nstage = first register survey=first_a\nstage = last discharge survey=last_b delay=1h fatigue=yes\n' > j/hold.journey
export PX_IMPORT_JOURNEYS=j
px-import-his journeys | jq -c 'select(.stage == "last") | [.journey, .fatigue]'
px-import-his a.csv | jq -r '[.visit, .template, .channel] | @tsv'; code
# the surveys due so far are sent when they fall due
q "INSERT INTO survey_templates (id, public_id, name, version, title, survey_type, scoring, negative_threshold, definition, created_at, updated_at) VALUES (1, 'tpl_t', 't', 1, 'T', 'general', 'average', 3, '{}', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')"
q "INSERT INTO surveys (public_id, template_id, patient_id, hospital_id, encounter_id, due_id, dedup_key, channel, language, sent_at, expires_at, created_at, updated_at) SELECT 'srv_' || d.id, 1, d.patient_id, d.hospital_id, d.encounter_id, d.id, 'k' || d.id, 'sms', 'ar', d.due_at, '2026-12-30T00:00:00Z', d.due_at, d.due_at FROM survey_due d WHERE d.status = 'due'"
q "UPDATE survey_due SET status = 'sent' WHERE status = 'due'"
px-import-his b.csv | jq -r '[.visit, .template, .channel] | @tsv'; code
q "SELECT e.visit_number, d.template, d.status, ifnull(d.reason, '-'), ifnull(d.channel, '-') FROM survey_due d JOIN encounters e ON e.id = d.encounter_id ORDER BY e.visit_number, d.template"
### file a.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone,email,optout_sms,optout_whatsapp
discharge,2026-11-20T10:00:00Z,KFH,OPD,V1,opd,M1,0501234567,,,
discharge,2026-11-20T10:00:00Z,KFH,OPD,V9,opd,M9,0501234569,,yes,yes
register,2026-11-21T08:00:00Z,KFH,OPD,K1,keep,M2,0501234562,,,
register,2026-11-21T08:00:00Z,KFH,OPD,H1,hold,M3,0501234563,,,
### file b.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
discharge,2026-11-22T10:00:00Z,KFH,OPD,V2,opd,M1,
discharge,2026-11-22T10:00:00Z,KFH,OPD,K1,keep,M2,
discharge,2026-11-22T10:00:00Z,KFH,OPD,H1,hold,M3,
discharge,2026-12-25T10:00:00Z,KFH,OPD,V3,opd,M1,
### stdout
["hold",true]
["keep",false]
V1	outpatient_visit	sms
K1	first_a	sms
H1	first_a	sms
exit 0
K1	last_b	sms
V3	outpatient_visit	sms
exit 0
H1|first_a|sent|-|sms
H1|last_b|suppressed|fatigue|-
K1|first_a|sent|-|sms
K1|last_b|due|-|sms
V1|outpatient_visit|sent|-|sms
V2|outpatient_visit|suppressed|fatigue|-
V3|outpatient_visit|due|-|sms
V9|outpatient_visit|suppressed|opted_out|-
### stderr
px-import-his: 4 records, 4 applied, 0 already imported, 0 rejected, 3 surveys due, 1 suppressed, 0 withdrawn
px-import-his: suppressed 1: opted_out
px-import-his: 4 records, 4 applied, 0 already imported, 0 rejected, 2 surveys due, 2 suppressed, 0 withdrawn
px-import-his: suppressed 2: fatigue
