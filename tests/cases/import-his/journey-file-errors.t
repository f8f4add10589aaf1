A journey file that px cannot use stops the import before anything is read, naming the file, the line and the reason
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
mkdir j
printf 'name = twice\ntypes = opd\nstage = seen admit survey=outpatient_visit\nstage = gone discharge survey=outpatient_visit\n' > j/twice.journey
PX_IMPORT_JOURNEYS=j px-import-his visits.csv; code
printf 'name = late\ntypes = opd\nstage = gone discharge delay=soon\n' > j/twice.journey
PX_IMPORT_JOURNEYS=j px-import-his visits.csv; code
printf 'name = bare\ntypes = opd\nstage = gone\n' > j/twice.journey
PX_IMPORT_JOURNEYS=j px-import-his visits.csv; code
q "SELECT count(*) FROM visit_events"
### file visits.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
admit,2026-11-22T08:00:00Z,KFH,OPD,V1,opd,M1,0501234567
### stdout
exit 4
exit 4
exit 4
0
### stderr
px-import-his: j/twice.journey:4: survey 'outpatient_visit' is already that of stage 'seen'
px-import-his: j/twice.journey:3: bad delay 'soon'
px-import-his: j/twice.journey:3: stage 'gone' names no event
