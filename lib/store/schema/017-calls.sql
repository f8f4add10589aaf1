-- 017-calls: the calls of the hospitals' call centres, taken in from their
-- exports (px-contact call import; lib/cases/call.c owns the table).  A
-- call is kept once per hospital and the call centre's own id, so that an
-- export read again adds nothing; a call rated 2 or less is feedback that
-- asks for an improvement action.

CREATE TABLE calls (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- cal_...
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	department_id INTEGER REFERENCES departments(id),
	patient_id INTEGER REFERENCES patients(id), -- NULL: the caller matched nobody
	external_id TEXT NOT NULL,               -- the call centre's id of the call
	call_type TEXT NOT NULL CHECK (call_type IN
		('inquiry', 'complaint', 'appointment', 'follow_up', 'feedback')),
	agent TEXT,                              -- who answered, as the call centre names them
	started_at TEXT NOT NULL,                -- UTC ISO 8601
	wait_seconds INTEGER CHECK (wait_seconds >= 0),
	talk_seconds INTEGER CHECK (talk_seconds >= 0),
	resolution TEXT,                         -- resolved, unresolved, transferred, or free text
	rating INTEGER CHECK (rating BETWEEN 1 AND 5), -- NULL: the caller gave none
	notes TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (hospital_id, external_id)
);

-- a hospital's calls, newest first
CREATE INDEX calls_hospital_started ON calls (hospital_id, started_at);
-- the calls rated 2 or less, which raise improvement actions
CREATE INDEX calls_low_rating ON calls (hospital_id, started_at) WHERE rating <= 2;
