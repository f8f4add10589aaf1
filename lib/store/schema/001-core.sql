-- 001-core: organisation, users and roles, patients, audit.
-- Times are UTC ISO 8601 text ('2026-11-23T09:00:00Z'), so they sort.

CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE hospitals (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	name_ar TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE departments (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	name_ar TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (hospital_id, code)
);

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,
	full_name TEXT,
	email TEXT,
	phone TEXT,
	role TEXT NOT NULL CHECK (role IN ('px_admin', 'hospital_admin',
		'department_manager', 'staff', 'viewer')),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE user_hospitals (
	user_id INTEGER NOT NULL REFERENCES users(id),
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	PRIMARY KEY (user_id, hospital_id)
) WITHOUT ROWID;

CREATE TABLE patients (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	mrn TEXT NOT NULL,
	natid_hash TEXT,             -- HMAC-SHA-256 under privacy.natid_key
	natid_masked TEXT,           -- '******1234'
	name_en TEXT,
	name_ar TEXT,
	birth_date TEXT,
	sex TEXT,
	phone TEXT,
	email TEXT,
	language TEXT NOT NULL DEFAULT 'ar' CHECK (language IN ('en', 'ar')),
	optout_sms INTEGER NOT NULL DEFAULT 0,
	optout_whatsapp INTEGER NOT NULL DEFAULT 0,
	optout_email INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (hospital_id, mrn)
);
CREATE INDEX patients_natid ON patients (natid_hash);

CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id TEXT NOT NULL,
	details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_object ON audit (object_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are append-only');
END;
