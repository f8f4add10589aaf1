A visit whose patient type no journey lists makes no survey due: each of its records is reported as a warning with file:line and counted in the summary (status 0); --strict rejects such a record and applies nothing of the file; import.default_journey names the journey such a visit follows instead, and an unknown one is refused
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his --strict v.csv; code
q "SELECT count(*) FROM encounters"
px-import-his v.csv | jq -r '[.visit, .journey, .template] | @tsv'; code
q "SELECT visit_number, ifnull(patient_type, '-') FROM encounters ORDER BY visit_number"
printf 'import.default_journey = opd\n' > px.conf
px-import-his w.csv | jq -r '[.visit, .journey, .template] | @tsv'; code
printf 'import.default_journey = nosuch\n' > px.conf
px-import-his w.csv 2>&1 | sed 's#(in .*)#(in DIR)#'; code
### file v.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
discharge,2026-11-20T10:00:00Z,KFH,OPD,V1,opd,M1,0501234561
admit,2026-11-20T10:00:00Z,KFH,OPD,V2,psych,M2,0501234562
discharge,2026-11-21T10:00:00Z,KFH,OPD,V2,,M2,
discharge,2026-11-20T10:00:00Z,KFH,OPD,V3,,M3,0501234563
### file w.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone
discharge,2026-11-20T10:00:00Z,KFH,OPD,W1,rehab,M4,0501234564
### stdout
exit 4
0
V1	opd	outpatient_visit
exit 0
V1|opd
V2|psych
V3|-
W1	opd	outpatient_visit
exit 0
px-import-his: import.default_journey: unknown journey 'nosuch' (in DIR)
exit 4
### stderr
px-import-his: v.csv:3: unknown patient type 'psych': no survey
px-import-his: v.csv: nothing applied (--strict)
px-import-his: 2 records, 0 applied, 0 already imported, 1 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: unknown patient type 'psych': no survey
px-import-his: v.csv:3: unknown patient type 'psych': no survey
px-import-his: v.csv:4: unknown patient type 'psych': no survey
px-import-his: v.csv:5: no patient type: no survey
px-import-his: 4 records, 4 applied, 0 already imported, 0 rejected, 1 surveys due, 0 suppressed, 0 withdrawn, 3 of an unknown patient type
px-import-his: 1 records, 1 applied, 0 already imported, 0 rejected, 1 surveys due, 0 suppressed, 0 withdrawn, 1 of an unknown patient type
