Exports in another encoding, read through iconv with --encoding: windows-1256 and ISO-8859-6 Arabic, UTF-16 with its byte order mark, each giving the same patients with their Arabic names as the UTF-8 file (so importing one after another adds nothing); windows-1256 read without --encoding is a rejected row naming its column, the other rows kept; a byte the declared encoding does not have is a read error of the file; an encoding iconv does not know is refused before anything is read.
### cmd
export PX_DATA=$SHARE
setup_org > /dev/null
src="$TESTS/fixtures/his/visits.csv"
iconv -f UTF-8 -t WINDOWS-1256 "$src" > cp1256.csv
iconv -f UTF-8 -t ISO-8859-6 "$src" > iso.csv
iconv -f UTF-8 -t UTF-16 "$src" > u16.csv
head -c 2 u16.csv | od -An -tx1
px-import-his --encoding windows-1256 cp1256.csv > /dev/null; code
q "SELECT mrn, name_ar FROM patients WHERE name_ar IS NOT NULL ORDER BY mrn"
px-import-his --encoding ISO-8859-6 iso.csv | wc -l; code
px-import-his --encoding UTF-16 u16.csv | wc -l; code
px-import-his "$src" | wc -l; code
q "SELECT count(*) FROM visit_events"
# undeclared: the rows with Arabic are rejected, by column, the others kept
setup_org_fresh() { rm -f px.db*; setup_org_run > /dev/null 2>&1; }
px --db un.db init > /dev/null; px --db un.db org load "$TESTS/fixtures/org.csv" > /dev/null
px-import-his --db un.db cp1256.csv > /dev/null 2> un.err; code
sed -n '1,2p' un.err
printf 'event_id,event,event_time,hospital,department,visit,patient_type,mrn,name_en\nz1,admit,2026-11-23T08:00:00Z,KFH,OPD,V990,opd,M9901,x\xff\n' > bad.csv
px-import-his --encoding ISO-8859-6 bad.csv; code
px-import-his --encoding klingon cp1256.csv; code
### stdout
 ff fe
exit 0
M1001|أحمد علي
M1002|سارة عمر
M1003|خالد
M1004|منى
M1005|نور
M1006|فهد
0
exit 0
0
exit 0
0
exit 0
8
exit 1
px-import-his: cp1256.csv:2: invalid UTF-8 in column 'name_ar'
px-import-his: cp1256.csv:4: invalid UTF-8 in column 'name_ar'
exit 4
exit 4
### stderr
px-import-his: 8 records, 8 applied, 0 already imported, 0 rejected, 6 surveys due, 3 suppressed, 0 withdrawn
px-import-his: suppressed 2: deceased
px-import-his: suppressed 1: no_contact
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: bad.csv:1: read error: byte 132 is not ISO-8859-6
px-import-his: 0 records, 0 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: cp1256.csv: unknown encoding 'klingon'
px-import-his: 0 records, 0 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
