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
CREATE INDEX survey_due_patient ON survey_due (patient_id, status);
