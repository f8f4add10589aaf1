A store or configuration error inside a run is not a bad record: the record it stopped is never half applied and, with --strict, nothing of the file is in the store afterwards, whatever import.batch says
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
count() { q "SELECT (SELECT count(*) FROM patients) || ' patients, ' || (SELECT count(*) FROM encounters) || ' encounters, ' || (SELECT count(*) FROM visit_events) || ' events'"; }
# no key (no key file, PX_PRIVACY_NATID_KEY unset): the first write needs it
unset PX_PRIVACY_NATID_KEY
mv px.db.key key.saved
px-import-his --strict v.csv; code
count
px-import-his v.csv; code
count
mv key.saved px.db.key
# a store error on the third record, in batches of one
printf 'import.batch = 1\n' > px.conf
q "CREATE TRIGGER boom BEFORE INSERT ON encounters WHEN NEW.visit_number = 'V3' BEGIN SELECT RAISE(ABORT, 'no room'); END"
px-import-his --strict v.csv > /dev/null; code
count
### file v.csv
event,event_time,hospital,department,visit,patient_type,mrn,phone,national_id
discharge,2026-11-20T10:00:00Z,KFH,OPD,V1,opd,M1,0501234561,
discharge,2026-11-20T10:00:00Z,KFH,OPD,V2,opd,M2,0501234562,1234567890
discharge,2026-11-20T10:00:00Z,KFH,OPD,V3,opd,M3,0501234563,
discharge,2026-11-20T10:00:00Z,KFH,OPD,V4,opd,M4,0501234564,
### stdout
exit 4
0 patients, 0 encounters, 0 events
exit 4
0 patients, 0 encounters, 0 events
exit 4
0 patients, 0 encounters, 0 events
### stderr
px-import-his: v.csv:2: no key for the audit trail: px init writes one beside the store (privacy.key_file)
px-import-his: v.csv: nothing applied (--strict)
px-import-his: 0 records, 0 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: v.csv:2: no key for the audit trail: px init writes one beside the store (privacy.key_file)
px-import-his: 0 records, 0 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: v.csv:4: store: no room
px-import-his: v.csv: nothing applied (--strict)
px-import-his: 3 records, 0 applied, 0 already imported, 1 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: store: no room
