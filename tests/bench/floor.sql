-- floor.sql - the least a CSV import has to write, done by sqlite3 alone:
-- the CSV loaded into a staging table as the baseline loads it, then
-- patients, encounters and visit events inserted set-based into px's own
-- schema (its indexes, constraints and foreign keys), in one transaction.
-- px-import-his also writes journeys, their stages, due surveys and audit
-- rows, so no import can be faster than this.
PRAGMA foreign_keys = ON;
PRAGMA synchronous = NORMAL;
CREATE TEMP TABLE st (event_id, event, event_time, hospital, department, visit,
	patient_type, mrn, phone);
.import --csv --skip 1 events.csv st
BEGIN IMMEDIATE;
INSERT INTO patients (public_id, hospital_id, mrn, phone, created_at, updated_at)
	SELECT printf('pat_%020d', st.rowid), h.id, st.mrn, st.phone, '2026-11-23T09:00:00Z',
		'2026-11-23T09:00:00Z'
	FROM st JOIN hospitals h ON h.code = st.hospital WHERE true
	ON CONFLICT DO NOTHING;
INSERT INTO encounters (public_id, hospital_id, department_id, patient_id, visit_number,
		patient_type, created_at, updated_at)
	SELECT printf('enc_%020d', st.rowid), h.id, d.id, p.id, st.visit, st.patient_type,
		'2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z'
	FROM st JOIN hospitals h ON h.code = st.hospital
	JOIN departments d ON d.hospital_id = h.id AND d.code = st.department
	JOIN patients p ON p.hospital_id = h.id AND p.mrn = st.mrn WHERE true
	ON CONFLICT DO NOTHING;
INSERT INTO visit_events (hospital_id, event_key, encounter_id, patient_id, event, event_at,
		department_id, imported_at)
	SELECT h.id, 'id:' || st.event_id, e.id, e.patient_id, st.event, st.event_time,
		e.department_id, '2026-11-23T09:00:00Z'
	FROM st JOIN hospitals h ON h.code = st.hospital
	JOIN encounters e ON e.hospital_id = h.id AND e.visit_number = st.visit WHERE true
	ON CONFLICT DO NOTHING;
COMMIT;
SELECT (SELECT count(*) FROM patients) || ' patients, ' || (SELECT count(*) FROM encounters)
	|| ' encounters, ' || (SELECT count(*) FROM visit_events) || ' events';
