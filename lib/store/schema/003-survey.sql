-- 003-survey: survey templates (versioned), their questions, the survey
-- instances sent to patients, their link tokens (hashes only), tracking
-- events, answers and the negative experiences found by scoring.

CREATE TABLE survey_templates (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'tpl_...'
	name TEXT NOT NULL,                      -- 'outpatient_visit'
	version INTEGER NOT NULL,
	current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	title TEXT NOT NULL,
	title_ar TEXT,
	survey_type TEXT NOT NULL CHECK (survey_type IN ('stage',
		'complaint_resolution', 'general', 'nps', 'satisfaction_check')),
	scoring TEXT NOT NULL CHECK (scoring IN ('average', 'weighted', 'nps')),
	negative_threshold REAL NOT NULL,
	definition TEXT NOT NULL,                -- the template as loaded (JSON)
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (name, version)
);

CREATE TABLE survey_questions (
	id INTEGER PRIMARY KEY,
	template_id INTEGER NOT NULL REFERENCES survey_templates(id),
	code TEXT NOT NULL,                      -- 'q1'
	position INTEGER NOT NULL,
	type TEXT NOT NULL CHECK (type IN ('rating', 'nps', 'yes_no',
		'multiple_choice', 'text', 'textarea', 'likert')),
	text TEXT NOT NULL,
	text_ar TEXT,
	required INTEGER NOT NULL DEFAULT 1,
	weight REAL NOT NULL DEFAULT 1,
	choices TEXT,                            -- JSON array
	show_if TEXT,                            -- JSON object
	UNIQUE (template_id, code)
);

CREATE TABLE surveys (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'srv_...'
	template_id INTEGER NOT NULL REFERENCES survey_templates(id),
	patient_id INTEGER NOT NULL REFERENCES patients(id),
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	department_id INTEGER REFERENCES departments(id),
	encounter_id INTEGER REFERENCES encounters(id),
	due_id INTEGER REFERENCES survey_due(id),
	dedup_key TEXT NOT NULL UNIQUE,          -- patient|encounter|template
	channel TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'email')),
	language TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'viewed',
		'in_progress', 'completed', 'abandoned', 'expired', 'cancelled')),
	sent_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	opened_at TEXT,
	last_opened_at TEXT,
	open_count INTEGER NOT NULL DEFAULT 0,
	started_at TEXT,
	last_activity_at TEXT,
	time_spent INTEGER NOT NULL DEFAULT 0,   -- seconds
	reminders INTEGER NOT NULL DEFAULT 0,
	last_reminder_at TEXT,
	completed_at TEXT,
	score REAL,                              -- on the method's own scale
	nps_class TEXT,
	negative INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX surveys_status ON surveys (status, expires_at);
CREATE INDEX surveys_patient ON surveys (patient_id, sent_at);
CREATE INDEX surveys_hospital ON surveys (hospital_id, sent_at);

-- Every link sent (the invitation and each reminder) carries its own
-- token; only the SHA-256 of each is kept.
CREATE TABLE survey_tokens (
	token_hash TEXT PRIMARY KEY,
	survey_id INTEGER NOT NULL REFERENCES surveys(id),
	created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX survey_tokens_survey ON survey_tokens (survey_id);

CREATE TABLE survey_events (
	id INTEGER PRIMARY KEY,
	survey_id INTEGER NOT NULL REFERENCES surveys(id),
	event TEXT NOT NULL CHECK (event IN ('page_view', 'survey_started',
		'question_answered', 'survey_abandoned', 'survey_completed',
		'reminder_sent')),
	at TEXT NOT NULL,
	question TEXT NOT NULL DEFAULT '',
	time_on_page INTEGER,
	device TEXT,
	user_agent TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (survey_id, event, at, question)
);

CREATE TABLE survey_answers (
	id INTEGER PRIMARY KEY,
	survey_id INTEGER NOT NULL REFERENCES surveys(id),
	question_id INTEGER NOT NULL REFERENCES survey_questions(id),
	value TEXT NOT NULL,                     -- canonical form
	answered_at TEXT NOT NULL,
	UNIQUE (survey_id, question_id)
);

CREATE TABLE survey_negatives (
	survey_id INTEGER PRIMARY KEY REFERENCES surveys(id),
	record TEXT NOT NULL,                    -- the survey.negative record
	created_at TEXT NOT NULL
);
