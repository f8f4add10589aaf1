-- 004-notify: the outbox.  Every message px sends is written here before
-- any attempt; px-notify claims, sends and records the outcome.

CREATE TABLE notifications (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'msg_...'
	key TEXT NOT NULL UNIQUE,                -- the caller's idempotency key
	channel TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'email')),
	requested_channel TEXT NOT NULL,         -- differs after a fallback
	recipient TEXT NOT NULL CHECK (recipient IN ('patient', 'user')),
	patient_id INTEGER REFERENCES patients(id),
	user_id INTEGER REFERENCES users(id),
	address TEXT,                            -- E.164 phone or email
	language TEXT NOT NULL CHECK (language IN ('en', 'ar')),
	template TEXT NOT NULL,
	vars TEXT NOT NULL DEFAULT '{}',
	subject TEXT,
	body TEXT,
	html TEXT,
	segments INTEGER,                        -- SMS parts
	object_type TEXT,
	object_id TEXT,
	hospital_id INTEGER REFERENCES hospitals(id),
	state TEXT NOT NULL DEFAULT 'pending'
		CHECK (state IN ('pending', 'sending', 'sent', 'delivered',
			'failed', 'bounced', 'suppressed', 'unknown')),
	attempts INTEGER NOT NULL DEFAULT 0,
	last_error TEXT,
	reason TEXT,                             -- why held or suppressed
	next_attempt_at TEXT NOT NULL,
	claim_token TEXT,                        -- who holds a 'sending' row
	claimed_at TEXT,
	provider_id TEXT,                        -- the gateway's message id
	sent_at TEXT,
	receipt_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX notifications_due ON notifications (state, next_attempt_at);
CREATE INDEX notifications_provider ON notifications (provider_id);
CREATE INDEX notifications_object ON notifications (object_id);

-- The next free sending slot of each channel with a rate limit, in
-- microseconds of wall-clock time, shared by every sender.
CREATE TABLE notify_rate (
	channel TEXT PRIMARY KEY,
	next_us INTEGER NOT NULL
) WITHOUT ROWID;
