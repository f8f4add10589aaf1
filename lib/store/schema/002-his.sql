-- 002-his: encounters (visits) and the surveys they make due.
-- px-import-his writes these; px-survey send reads survey_due and marks
-- what it sent.

CREATE TABLE encounters (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'enc_...'
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	department_id INTEGER REFERENCES departments(id),
	patient_id INTEGER NOT NULL REFERENCES patients(id),
	visit_number TEXT NOT NULL,              -- the HIS encounter id
	patient_type TEXT,                       -- ems, inpatient, opd, daycase
	status TEXT NOT NULL DEFAULT 'open',     -- open, discharged, cancelled
	admitted_at TEXT,
	discharged_at TEXT,
	disposition TEXT,                        -- HL7 table 0112 code
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (hospital_id, visit_number)
);
CREATE INDEX encounters_patient ON encounters (patient_id);

CREATE TABLE survey_due (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'due_...'
	patient_id INTEGER NOT NULL REFERENCES patients(id),
	encounter_id INTEGER REFERENCES encounters(id),
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	department_id INTEGER REFERENCES departments(id),
	journey TEXT,
	stage TEXT,
	template TEXT NOT NULL,                  -- survey template name
	channel TEXT,                            -- hint: sms, whatsapp, email
	due_at TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'due'
		CHECK (status IN ('due', 'sent', 'suppressed', 'withdrawn')),
	reason TEXT,                             -- why suppressed or withdrawn
	survey_id TEXT,                          -- public id of the instance sent
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (encounter_id, template)
);
CREATE INDEX survey_due_status ON survey_due (status, due_at);
CREATE INDEX survey_due_patient ON survey_due (patient_id, status, due_at);

-- What px-import-his keeps beyond the hand-over tables: the HIS events
-- it applied (their keys make re-imports idempotent), journeys and their
-- stages, and patient details the HIS sends.

ALTER TABLE patients ADD COLUMN preferred_channel TEXT;  -- sms, whatsapp, email
ALTER TABLE patients ADD COLUMN his_at TEXT;             -- event time of the last demographics applied
ALTER TABLE patients ADD COLUMN merged_into INTEGER REFERENCES patients(id);
ALTER TABLE patients ADD COLUMN deceased_at TEXT;

ALTER TABLE survey_due ADD COLUMN event_id INTEGER;     -- visit_events.id that made it due

CREATE TABLE visit_events (
	id INTEGER PRIMARY KEY,
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	event_key TEXT NOT NULL,                 -- the HIS event id, or a digest of the event
	encounter_id INTEGER REFERENCES encounters(id),
	patient_id INTEGER REFERENCES patients(id),
	event TEXT NOT NULL,                     -- admit, register, transfer, discharge, update, cancel_*, merge
	event_at TEXT NOT NULL,
	department_id INTEGER REFERENCES departments(id),
	disposition TEXT,
	cancelled INTEGER NOT NULL DEFAULT 0,    -- undone by a later cancel event
	imported_at TEXT NOT NULL,
	UNIQUE (hospital_id, event_key)
);
CREATE INDEX visit_events_encounter ON visit_events (encounter_id, event_at);

CREATE TABLE journeys (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'jrn_...'
	encounter_id INTEGER NOT NULL UNIQUE REFERENCES encounters(id),
	journey TEXT NOT NULL,                   -- ems, inpatient, opd, daycase
	status TEXT NOT NULL DEFAULT 'active',   -- active, completed, cancelled
	started_at TEXT NOT NULL,
	completed_at TEXT
);

CREATE TABLE journey_stages (
	journey_id INTEGER NOT NULL REFERENCES journeys(id),
	position INTEGER NOT NULL,
	stage TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending',  -- pending, completed
	completed_at TEXT,
	event_id INTEGER REFERENCES visit_events(id),
	PRIMARY KEY (journey_id, position)
) WITHOUT ROWID;
