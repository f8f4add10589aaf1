-- 010-cases: the case engine.  Complaints, inquiries and every later kind
-- of work done to a deadline are rows of one table; what a kind's states
-- and moves are is data (share/px/workflows/KIND, px-workflow(5)), so the
-- state is checked by the engine (lib/cases/case.c), not here.

CREATE TABLE cases (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'cas_...'
	kind TEXT NOT NULL,
	ref TEXT NOT NULL UNIQUE,                -- KFH-2026-000123: hospital, year, number
	tracking TEXT NOT NULL UNIQUE,           -- the code the patient is given
	state TEXT NOT NULL,
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	department_id INTEGER REFERENCES departments(id),
	patient_id INTEGER REFERENCES patients(id),
	person_name TEXT,                        -- someone not in the store
	person_phone TEXT,
	person_email TEXT,
	encounter_id INTEGER REFERENCES encounters(id),
	owner TEXT,                              -- a user's name
	owner_department_id INTEGER REFERENCES departments(id),
	severity TEXT NOT NULL DEFAULT 'medium'
		CHECK (severity IN ('low', 'medium', 'high', 'critical')),
	priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
	source TEXT NOT NULL,
	source_ref TEXT,                         -- the source's own reference
	title TEXT,
	description TEXT,
	fields TEXT NOT NULL DEFAULT '{}',       -- JSON: what the kind's moves recorded
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
-- a source's reference names one case: importing an export twice adds nothing
CREATE UNIQUE INDEX cases_source_ref ON cases (kind, hospital_id, source, source_ref)
	WHERE source_ref IS NOT NULL;
CREATE INDEX cases_state ON cases (kind, hospital_id, state);
CREATE INDEX cases_patient ON cases (patient_id);

-- The last number given in each hospital's year: the next reference is
-- taken in the transaction that makes the case, so numbers have no gaps.
CREATE TABLE case_refs (
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	year INTEGER NOT NULL,
	last INTEGER NOT NULL,
	PRIMARY KEY (hospital_id, year)
);

-- Records a case is about or came from, by public id.
CREATE TABLE case_links (
	case_id INTEGER NOT NULL REFERENCES cases(id),
	type TEXT NOT NULL,                      -- survey, encounter, case, action
	object TEXT NOT NULL,
	PRIMARY KEY (case_id, type, object)
);

-- What happened to a case, append-only, for every kind.
CREATE TABLE case_timeline (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id),
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	type TEXT NOT NULL CHECK (type IN ('created', 'transition', 'note', 'communication',
		'assignment', 'attachment', 'message', 'clock')),
	verb TEXT,                               -- the move, or start/pause/stop of a clock
	old_state TEXT,
	new_state TEXT,
	text TEXT,
	data TEXT                                -- JSON
);
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);

CREATE TRIGGER case_timeline_no_update BEFORE UPDATE ON case_timeline
BEGIN
	SELECT RAISE(ABORT, 'case timeline rows are append-only');
END;

CREATE TRIGGER case_timeline_no_delete BEFORE DELETE ON case_timeline
BEGIN
	SELECT RAISE(ABORT, 'case timeline rows are append-only');
END;
