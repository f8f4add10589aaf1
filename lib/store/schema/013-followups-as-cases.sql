-- 013-followups-as-cases: the loop on a negative survey and feedback
-- become kinds of case (share/px/workflows/followup and feedback): their
-- state is cases.state, changed by the engine's moves alone, and what
-- happens to them goes to case_timeline.
--
-- survey_followups and feedback stay tables, the detail of their kinds:
-- the contact and its outcome, the satisfaction check, a feedback's type,
-- notes and surveys are theirs, and what reads them (px-report, the
-- analysts' queries, whatever loads a loop's history into
-- survey_followups) reads and writes them as before.  Their state and
-- status columns are no longer written by px's modules: the triggers at
-- the end copy cases.state into them whenever the engine opens or moves
-- a case, so that they say what cases says.  Views of those names over
-- cases would have left nothing to write to, and a migration cannot turn
-- a table into a view so that it may run again on a store whose cases
-- tables were dropped and made anew.
--
-- A loop's case names its survey: source 'survey', source_ref the
-- survey's public id, so one case per survey (cases_source_ref); its
-- public id is cas_ followed by the survey's own characters.  A
-- feedback's case has the feedback's public id (fbk_..., the 'id' line of
-- its workflow).  Both kinds number their references in series of their
-- own, KFH-FU-2026-000001 and KFH-FB-2026-000001 (the 'ref' line), so
-- that complaint and inquiry numbers stay without gaps: one case per
-- negative survey would otherwise take most of the year's numbers.
-- case_refs is keyed by the series too, '' for the kinds that share one.
--
-- The rows already stored become cases here, numbered by the UTC year of
-- their creation in the order they were made, with a tracking code that
-- no typed code can match ('none:' and the public id: nobody was given
-- one), made by 'px', and a timeline of what is known: the creation and,
-- when the state is another, the move to it at the last change.

CREATE TABLE case_refs_013 (
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	year INTEGER NOT NULL,
	series TEXT NOT NULL DEFAULT '',         -- the workflow's 'ref', '' when none
	last INTEGER NOT NULL,
	PRIMARY KEY (hospital_id, year, series)
);
INSERT INTO case_refs_013 (hospital_id, year, series, last)
SELECT hospital_id, year, '', last FROM case_refs;
DROP TABLE case_refs;
ALTER TABLE case_refs_013 RENAME TO case_refs;

-- the loops
INSERT INTO cases (public_id, kind, ref, tracking, state, hospital_id, department_id, patient_id,
	encounter_id, source, source_ref, created_by, created_at, updated_at)
SELECT 'cas_' || substr(x.survey, 5), 'followup',
	x.code || '-FU-' || x.year || '-' || substr('00000' || CAST(x.n AS TEXT), length(CAST(x.n AS TEXT)), 6),
	'none:cas_' || substr(x.survey, 5), x.state, x.hospital_id, x.department_id, x.patient_id,
	x.encounter_id, 'survey', x.survey, 'px', x.created_at, x.updated_at
FROM (SELECT s.public_id AS survey, h.code AS code, substr(f.created_at, 1, 4) AS year, f.state AS state,
		s.hospital_id AS hospital_id, s.department_id AS department_id, s.patient_id AS patient_id,
		s.encounter_id AS encounter_id, f.created_at AS created_at, f.updated_at AS updated_at,
		row_number() OVER (PARTITION BY s.hospital_id, substr(f.created_at, 1, 4)
			ORDER BY f.created_at, f.survey_id) AS n
	FROM survey_followups f JOIN surveys s ON s.id = f.survey_id JOIN hospitals h ON h.id = s.hospital_id
	WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.kind = 'followup' AND c.source_ref = s.public_id)) AS x;

-- feedback
INSERT INTO cases (public_id, kind, ref, tracking, state, hospital_id, department_id, patient_id,
	source, created_by, created_at, updated_at)
SELECT x.public_id, 'feedback',
	x.code || '-FB-' || x.year || '-' || substr('00000' || CAST(x.n AS TEXT), length(CAST(x.n AS TEXT)), 6),
	'none:' || x.public_id, x.status, x.hospital_id, x.department_id, x.patient_id, x.source,
	x.created_by, x.created_at, x.updated_at
FROM (SELECT f.public_id AS public_id, h.code AS code, substr(f.created_at, 1, 4) AS year,
		f.status AS status, f.hospital_id AS hospital_id, f.department_id AS department_id,
		f.patient_id AS patient_id,
		CASE WHEN f.type = 'satisfaction_check' THEN 'followup' ELSE 'patient' END AS source,
		f.created_by AS created_by, f.created_at AS created_at, f.updated_at AS updated_at,
		row_number() OVER (PARTITION BY f.hospital_id, substr(f.created_at, 1, 4)
			ORDER BY f.created_at, f.id) AS n
	FROM feedback f JOIN hospitals h ON h.id = f.hospital_id
	WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.public_id = f.public_id)) AS x;

-- the numbers they took
INSERT INTO case_refs (hospital_id, year, series, last)
SELECT hospital_id, CAST(substr(created_at, 1, 4) AS INTEGER),
	CASE kind WHEN 'followup' THEN 'FU' ELSE 'FB' END, count(*)
FROM cases WHERE kind IN ('followup', 'feedback') AND tracking LIKE 'none:%'
GROUP BY hospital_id, substr(created_at, 1, 4), kind
ON CONFLICT (hospital_id, year, series) DO UPDATE SET last = excluded.last;

-- their timelines
INSERT INTO case_timeline (case_id, at, actor, type, new_state)
SELECT c.id, c.created_at, 'px', 'created',
	CASE c.kind WHEN 'followup' THEN 'awaiting_contact' ELSE 'submitted' END
FROM cases c WHERE c.kind IN ('followup', 'feedback') AND c.tracking LIKE 'none:%'
	AND NOT EXISTS (SELECT 1 FROM case_timeline t WHERE t.case_id = c.id)
ORDER BY c.id;
INSERT INTO case_timeline (case_id, at, actor, type, old_state, new_state)
SELECT c.id, c.updated_at, 'px', 'transition', t.new_state, c.state
FROM cases c JOIN case_timeline t ON t.case_id = c.id AND t.type = 'created'
WHERE c.kind IN ('followup', 'feedback') AND c.tracking LIKE 'none:%' AND c.state <> t.new_state
	AND NOT EXISTS (SELECT 1 FROM case_timeline u WHERE u.case_id = c.id AND u.type = 'transition')
ORDER BY c.id;

-- The copies of cases.state.  A loop's row is made when its case is
-- (an existing row, one loaded by hand, takes the case's state).
CREATE TRIGGER IF NOT EXISTS survey_followups_opened AFTER INSERT ON cases
WHEN NEW.kind = 'followup'
BEGIN
	INSERT INTO survey_followups (survey_id, state, created_at, updated_at)
	SELECT s.id, NEW.state, NEW.created_at, NEW.updated_at FROM surveys s
	WHERE s.public_id = NEW.source_ref
	ON CONFLICT (survey_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at;
END;

CREATE TRIGGER IF NOT EXISTS survey_followups_moved AFTER UPDATE OF state ON cases
WHEN NEW.kind = 'followup'
BEGIN
	UPDATE survey_followups SET state = NEW.state, updated_at = NEW.updated_at
	WHERE survey_id = (SELECT s.id FROM surveys s WHERE s.public_id = NEW.source_ref);
END;

-- A feedback row is written after its case, with the case's public id.
CREATE TRIGGER IF NOT EXISTS feedback_opened AFTER INSERT ON feedback
WHEN EXISTS (SELECT 1 FROM cases c WHERE c.public_id = NEW.public_id)
BEGIN
	UPDATE feedback SET status = (SELECT c.state FROM cases c WHERE c.public_id = NEW.public_id)
	WHERE id = NEW.id;
END;

CREATE TRIGGER IF NOT EXISTS feedback_moved AFTER UPDATE OF state ON cases
WHEN NEW.kind = 'feedback'
BEGIN
	UPDATE feedback SET status = NEW.state, updated_at = NEW.updated_at
	WHERE public_id = NEW.public_id;
END;
