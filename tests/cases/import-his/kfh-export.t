A hospital's real export read in one command (tests/fixtures/his/kfh-visits.csv, made by make-kfh-export.py beside it): Windows-1256 Arabic, ';'-separated with CRLF, one row per visit with day-first admission and discharge times, coded patient types and department codes, no hospital column, and 62 bad rows among 1,000 good visits. The store gets every good visit's events in UTC, the summary counts the rejects by reason, and the rejects file, fixed where the map lacked a code, is read again with the same map: the fixed rows go in, the others are rejected again, and nothing is imported twice.
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
F=$TESTS/fixtures/his
imp() { px-import-his --rows visits --map "$F/kfh.map" --date-format '%d/%m/%Y %H:%M' "$@"; }
imp --encoding windows-1256 --rejects rejects.csv "$F/kfh-visits.csv" > due.jsonl 2> err; code
grep -v ':[0-9]*: ' err
grep -c 'kfh-visits.csv:[0-9]*: ' err
q "SELECT count(*) FROM patients"
q "SELECT en.patient_type, count(DISTINCT en.id), count(*) FROM visit_events e JOIN encounters en ON en.id = e.encounter_id GROUP BY 1 ORDER BY 1"
q "SELECT e.event, e.event_at, coalesce(e.disposition, '-'), d.code, p.name_ar, p.phone FROM visit_events e JOIN encounters en ON en.id = e.encounter_id JOIN departments d ON d.id = en.department_id JOIN patients p ON p.id = e.patient_id WHERE en.visit_number = 'V5000000' ORDER BY e.event_at"
q "SELECT status, coalesce(reason, '-'), count(*) FROM survey_due GROUP BY 1, 2 ORDER BY 1, 2"
wc -l < due.jsonl
head -1 rejects.csv
tail -n +2 rejects.csv | wc -l
tail -n +2 rejects.csv | awk -F';' '{ print NF }' | sort -u
sed -e 's/^\([^;]*;[^;]*;[^;]*;[^;]*;\)9;/\11;/' -e 's/^\([^;]*;[^;]*;[^;]*;[^;]*;[^;]*;\)99;/\110;/' rejects.csv > fixed.csv
imp --rejects again.csv fixed.csv > /dev/null 2> err2; code
grep -v ':[0-9]*: ' err2
tail -n +2 again.csv | wc -l
imp --encoding windows-1256 "$F/kfh-visits.csv" > again.jsonl 2> err3; code
grep '^px-import-his: 1062 records' err3
wc -l < again.jsonl
### stdout
exit 1
px-import-his: 1062 records, 1000 applied, 0 already imported, 62 rejected, 1060 surveys due, 69 suppressed, 10 withdrawn
px-import-his: rejected 20: 'patient_type': the map has no value for '9'
px-import-his: rejected 14: 'department': the map has no value for '99'
px-import-his: rejected 9: missing 'mrn'
px-import-his: rejected 1: 'discharged_at': '2026-03-09 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-10 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-13 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-12 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-08 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-06 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-05 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 12 more, for other reasons
px-import-his: suppressed 18: deceased
px-import-his: suppressed 51: no_contact
62
537
daycase|171|342
ems|349|698
inpatient|143|279
opd|337|674
admit|2026-03-02T00:43:00Z|-|ER|خالد القحطاني|+966553704169
discharge|2026-03-02T07:54:00Z|20|ER|خالد القحطاني|+966553704169
due|-|1050
suppressed|deceased|18
suppressed|no_contact|51
withdrawn|deceased|10
1054
VisitNo;PatientMRN;PatientName;NameAr;PatType;DeptCode;AdmitDate;DischargeDate;Disposition;Mobile;_line;_reason
62
12
exit 1
px-import-his: 62 records, 34 applied, 0 already imported, 28 rejected, 52 surveys due, 3 suppressed, 0 withdrawn
px-import-his: rejected 9: missing 'mrn'
px-import-his: rejected 1: 'discharged_at': '2026-03-09 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-10 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-13 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-12 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-08 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-06 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-05 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-07 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 1: 'discharged_at': '2026-03-14 10:00' is not a time as '%d/%m/%Y %H:%M'
px-import-his: rejected 10 more, for other reasons
px-import-his: suppressed 3: no_contact
28
exit 1
px-import-his: 1062 records, 0 applied, 1000 already imported, 62 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
0
