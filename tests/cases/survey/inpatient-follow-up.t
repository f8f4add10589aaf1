The shipped defaults work together: an inpatient discharge's survey goes out the next day and the journey's 30-day NPS follow-up goes out 30 days after the discharge, although the first was sent within survey.fatigue_days (30): the same stay's surveys are exempt; a stage that says fatigue=yes is held by them at send time as it was at import
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
for f in "$SHARE"/surveys/*.json; do px-survey template add "$f" > /dev/null || exit 1; done
px-import-his journeys | jq -r 'select(.journey == "inpatient") | [.stage, .template // "-", .fatigue] | @tsv'
px-import-his a.csv | jq -r '[.visit, .template, .due_at] | @tsv'; code
PX_NOW=2026-11-21T09:00:00Z px-survey send --due | jq -r '.template'; code
PX_NOW=2026-12-20T09:00:00Z px-survey send --due --explain 2>&1 | jq -Rr 'fromjson? // . | if type == "object" then .template else . end'; code
q "SELECT e.visit_number, d.stage, d.status, ifnull(d.reason, '-') FROM survey_due d JOIN encounters e ON e.id = d.encounter_id ORDER BY d.id"
# a stage with fatigue=yes: held at send time by the stay's first survey
mkdir j
cp "$SHARE"/journeys/*.journey j/
sed 's/^name = inpatient/name = strict/; s/^types = .*/types = strict/; s/fatigue=no/fatigue=yes/' "$SHARE/journeys/inpatient.journey" > j/strict.journey
export PX_IMPORT_JOURNEYS=j
px-import-his b.csv | jq -r '[.visit, .template] | @tsv'; code
PX_NOW=2026-11-21T09:00:00Z px-survey send --due | jq -r '.template'; code
PX_NOW=2026-12-20T09:00:00Z px-survey send --due --explain 2>&1 | norm; code
q "SELECT e.visit_number, d.stage, d.status, ifnull(d.reason, '-') FROM survey_due d JOIN encounters e ON e.id = d.encounter_id WHERE e.visit_number = 'S1' ORDER BY d.id"
### file a.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
admit,2026-11-15T10:00:00Z,KFH,IPD,I1,inpatient,M1,0501234561
discharge,2026-11-20T08:00:00Z,KFH,IPD,I1,inpatient,M1,
### file b.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
admit,2026-11-15T10:00:00Z,KFH,IPD,S1,strict,M2,0501234562
discharge,2026-11-20T08:00:00Z,KFH,IPD,S1,strict,M2,
### stdout
admission	-	false
ward	-	false
discharge	inpatient_discharge	false
follow_up	nps	false
I1	inpatient_discharge	2026-11-21T08:00:00Z
I1	nps	2026-12-20T08:00:00Z
exit 0
survey_invitation
exit 0
survey_invitation
exit 0
I1|discharge|sent|-
I1|follow_up|sent|-
S1	inpatient_discharge
S1	nps
exit 0
survey_invitation
exit 0
px-survey: due_ID: not sent: fatigue window (srv_ID sent within 30 days)
exit 0
S1|discharge|sent|-
S1|follow_up|suppressed|fatigue
### stderr
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 2 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 2 surveys due, 0 suppressed, 0 withdrawn
