-- floor-journeys.sql - floor.sql and the rest of what a CSV import of
-- the bench's events writes, done by sqlite3 alone and set-based: the
-- encounters with their journey's columns, each encounter's three opd
-- stages, and the survey its discharge makes due.  Random public ids as
-- px makes them; no checks, no rules, no audit, no output.  It says
-- what px's schema costs to fill before px does anything of its own.
PRAGMA foreign_keys = ON;
PRAGMA synchronous = NORMAL;
CREATE TEMP TABLE st (event_id, event, event_time, hospital, department, visit,
	patient_type, mrn, phone);
.import --csv --skip 1 events.csv st
BEGIN IMMEDIATE;
INSERT INTO patients (public_id, hospital_id, mrn, phone, created_at, updated_at)
	SELECT 'pat_' || lower(hex(randomblob(10))), h.id, st.mrn, st.phone,
		'2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z'
	FROM st JOIN hospitals h ON h.code = st.hospital WHERE true
	ON CONFLICT DO NOTHING;
INSERT INTO encounters (public_id, hospital_id, department_id, patient_id, visit_number,
		patient_type, status, admitted_at, discharged_at, created_at, updated_at, journey,
		journey_status, journey_started_at, journey_completed_at)
	SELECT 'enc_' || lower(hex(randomblob(10))), h.id, d.id, p.id, a.visit, a.patient_type,
		'discharged', a.event_time, x.event_time, '2026-11-23T09:00:00Z',
		'2026-11-23T09:00:00Z', 'opd', 'completed', a.event_time, x.event_time
	FROM st a JOIN st x ON x.rowid = a.rowid + 1
	JOIN hospitals h ON h.code = a.hospital
	JOIN departments d ON d.hospital_id = h.id AND d.code = a.department
	JOIN patients p ON p.hospital_id = h.id AND p.mrn = a.mrn WHERE a.event = 'admit'
	ON CONFLICT DO NOTHING;
INSERT INTO visit_events (hospital_id, event_key, encounter_id, patient_id, event, event_at,
		department_id, imported_at)
	SELECT h.id, 'id:' || st.event_id, e.id, e.patient_id, st.event, st.event_time,
		e.department_id, '2026-11-23T09:00:00Z'
	FROM st JOIN hospitals h ON h.code = st.hospital
	JOIN encounters e ON e.hospital_id = h.id AND e.visit_number = st.visit WHERE true
	ON CONFLICT DO NOTHING;
INSERT INTO encounter_stages (encounter_id, position, stage, status, completed_at, event_id)
	SELECT e.id, s.position, s.stage, s.status, CASE s.status WHEN 'completed'
		THEN v.event_at END, CASE s.status WHEN 'completed' THEN v.id END
	FROM encounters e
	JOIN (SELECT 1 AS position, 'registration' AS stage, 'completed' AS status, 'admit' AS event
		UNION ALL SELECT 2, 'consultation', 'pending', NULL
		UNION ALL SELECT 3, 'discharge', 'completed', 'discharge') s
	LEFT JOIN visit_events v ON v.encounter_id = e.id AND v.event = s.event;
INSERT INTO survey_due (public_id, patient_id, encounter_id, hospital_id, department_id,
		journey, stage, template, channel, due_at, status, event_id, created_at, updated_at)
	SELECT 'due_' || lower(hex(randomblob(10))), e.patient_id, e.id, e.hospital_id,
		e.department_id, 'opd', 'discharge', 'outpatient_visit', 'sms', v.event_at, 'due',
		v.id, '2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z'
	FROM encounters e JOIN visit_events v ON v.encounter_id = e.id AND v.event = 'discharge';
COMMIT;
SELECT (SELECT count(*) FROM patients) || ' patients, ' || (SELECT count(*) FROM encounters)
	|| ' encounters, ' || (SELECT count(*) FROM visit_events) || ' events, '
	|| (SELECT count(*) FROM encounter_stages) || ' stages, '
	|| (SELECT count(*) FROM survey_due) || ' surveys due';
