--rows visits: an export of one row per visit gives its admit and discharge events, each with its own id (the visit's followed by :admit and :discharge), both times read with --date-format; a visit still in hospital gives its admit alone; a row whose discharge time is bad is rejected whole, its admit not kept; reading the export again adds nothing.
### file visits.txt
VisitNo;PatientMRN;PatientName;Admitted;Discharged;Dept;PatType;Disposition
V1;M601;Ahmed Ali;01/03/2026 08:00;03/03/2026 11:30;IPD;1;01
V2;M602;Mona Saad;02/03/2026 09:15;;IPD;1;
V3;M603;Fahd Omar;02/03/2026 10:00;yesterday;OPD;2;01
### file visits.map
visit = VisitNo
mrn = PatientMRN
name_en = PatientName
admitted_at = Admitted
discharged_at = Discharged
department = Dept
patient_type = PatType
disposition = Disposition
set hospital = KFH
patient_type: 1=inpatient 2=opd
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
px-import-his --rows visits --map visits.map --date-format '%d/%m/%Y %H:%M' visits.txt > /dev/null; code
q "SELECT e.event_key, e.event, e.event_at, coalesce(e.disposition, '-'), en.visit_number, en.patient_type FROM visit_events e JOIN encounters en ON en.id = e.encounter_id ORDER BY e.event_key"
q "SELECT count(*) FROM encounters WHERE visit_number = 'V3'"
px-import-his --rows visits --map visits.map --date-format '%d/%m/%Y %H:%M' visits.txt > /dev/null 2>&1; code
q "SELECT count(*) FROM visit_events"
px-import-his --rows weeks visits.txt 2> e; code; head -1 e
### stdout
exit 1
id:V1:admit|admit|2026-03-01T05:00:00Z|-|V1|inpatient
id:V1:discharge|discharge|2026-03-03T08:30:00Z|01|V1|inpatient
id:V2:admit|admit|2026-03-02T06:15:00Z|-|V2|inpatient
0
exit 1
3
exit 2
px-import-his: --rows: unknown value 'weeks' (events, visits)
### stderr
px-import-his: visits.txt:4: 'discharged_at': 'yesterday' is not a time as '%d/%m/%Y %H:%M'
px-import-his: 3 records, 2 applied, 0 already imported, 1 rejected, 0 surveys due, 2 suppressed, 0 withdrawn
px-import-his: rejected 1: 'discharged_at': 'yesterday' is not a time as '%d/%m/%Y %H:%M'
px-import-his: suppressed 2: no_contact
