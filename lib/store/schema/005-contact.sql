-- 005-contact: the closed loop on negative surveys (seed 000) and the
-- feedback records it creates.
--
-- A negative survey without a row in survey_followups is awaiting
-- contact; px-contact writes the row when staff first act on it.

CREATE TABLE survey_followups (
	survey_id INTEGER PRIMARY KEY REFERENCES surveys(id),
	state TEXT NOT NULL CHECK (state IN ('awaiting_contact', 'contacted',
		'satisfaction_sent', 'closed', 'escalated')),
	contacted INTEGER NOT NULL DEFAULT 0,
	contacted_at TEXT,                       -- the latest contact
	contacted_by TEXT,                       -- user name
	contact_notes TEXT,
	outcome TEXT CHECK (outcome IN ('resolved', 'explained')),
	issue_resolved INTEGER NOT NULL DEFAULT 0,
	first_contacted_at TEXT,                 -- for time-to-contact figures
	contacts INTEGER NOT NULL DEFAULT 0,     -- how many times
	satisfaction_sent INTEGER NOT NULL DEFAULT 0,
	satisfaction_sent_at TEXT,
	satisfaction_count INTEGER NOT NULL DEFAULT 0,
	satisfaction_outcome TEXT CHECK (satisfaction_outcome IN ('satisfied',
		'not_satisfied')),
	closed_at TEXT,
	closed_by TEXT,
	escalated_at TEXT,
	escalated_by TEXT,
	notes TEXT,                              -- notes of the last close/escalate
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX survey_followups_state ON survey_followups (state);

-- Every contact logged, so a loop that is repeated keeps its history.
CREATE TABLE survey_contacts (
	id INTEGER PRIMARY KEY,
	survey_id INTEGER NOT NULL REFERENCES surveys(id),
	at TEXT NOT NULL,
	by TEXT NOT NULL,
	notes TEXT NOT NULL,
	outcome TEXT
);
CREATE INDEX survey_contacts_survey ON survey_contacts (survey_id, at);

CREATE TABLE feedback (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'fbk_...'
	type TEXT NOT NULL CHECK (type IN ('compliment', 'suggestion', 'general',
		'inquiry', 'satisfaction_check')),
	status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted',
		'reviewed', 'acknowledged', 'closed')),
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	department_id INTEGER REFERENCES departments(id),
	patient_id INTEGER REFERENCES patients(id),
	related_survey_id INTEGER REFERENCES surveys(id),  -- the negative survey
	check_survey_id INTEGER REFERENCES surveys(id),    -- its satisfaction check
	outcome TEXT CHECK (outcome IN ('satisfied', 'not_satisfied')),
	notes TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	closed_at TEXT
);
CREATE INDEX feedback_related ON feedback (related_survey_id);
CREATE INDEX feedback_check ON feedback (check_survey_id);
CREATE INDEX feedback_hospital ON feedback (hospital_id, created_at);
