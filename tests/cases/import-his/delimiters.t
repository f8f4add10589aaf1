Delimited exports with any delimiter: ';', tab and '|' told by the header line (the one it has most of, outside quotes), -i tsv, --delimiter given (one character, or tab), RFC 4180 quoting whatever the delimiter (a quoted ';' and a quoted newline kept); the same events whatever the delimiter, so re-importing the comma file after the semicolon one adds nothing; a delimiter that is not one character is a usage error.
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
src="$TESTS/fixtures/his/visits.csv"
# the fixture with another delimiter: its fields have no ',' ';' '|' or tab
sed 's/,/;/g' "$src" > semi.csv
sed 's/,/|/g' "$src" > pipe.csv
tr ',' '\t' < "$src" > tab.tsv
px-import-his semi.csv > semi.jsonl; code
q "SELECT count(*) FROM visit_events"
px-import-his "$src" | wc -l; code
q "SELECT count(*) FROM visit_events"
px-import-his pipe.csv > /dev/null; code
px-import-his -i tsv tab.tsv > /dev/null; code
px-import-his -i csv tab.tsv > /dev/null; code
px-import-his --delimiter tab tab.tsv > /dev/null; code
q "SELECT count(*) FROM visit_events"
printf 'event_id;event;event_time;hospital;department;visit;patient_type;mrn;name_en\nq1;admit;2026-11-23T08:00:00Z;KFH;OPD;V900;opd;M9001;"Al-Harbi; Sara"\nq2;admit;2026-11-23T09:00:00Z;KFH;OPD;V901;opd;M9002;"two\nlines"\n' > quoted.csv
px-import-his --delimiter ';' quoted.csv > /dev/null; code
q "SELECT name_en FROM patients WHERE mrn IN ('M9001', 'M9002') ORDER BY mrn"
# a header with ';' inside quotes only is still comma-separated
printf 'event_id,event,event_time,hospital,department,visit,patient_type,mrn,"name;en"\nq3,admit,2026-11-23T10:00:00Z,KFH,OPD,V902,opd,M9003,x\n' > head.csv
px-import-his head.csv > /dev/null; code
q "SELECT count(*) FROM patients WHERE mrn = 'M9003'"
px-import-his --delimiter ';;' semi.csv 2> usage.err; code
head -1 usage.err
### stdout
exit 0
8
0
exit 0
8
exit 0
exit 0
exit 0
exit 0
8
exit 0
Al-Harbi; Sara
two
lines
exit 0
1
exit 2
px-import-his: --delimiter needs one character (or 'tab'), not ';;'
### stderr
px-import-his: 8 records, 8 applied, 0 already imported, 0 rejected, 6 surveys due, 3 suppressed, 0 withdrawn
px-import-his: suppressed 2: deceased
px-import-his: suppressed 1: no_contact
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 1 records, 1 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
