-- 012-case-attachments: the files attached to cases, kept in the store
-- (never as paths to files that can vanish) and addressed by their
-- content: the bytes of a file are stored once, under their SHA-256,
-- however many cases attach them.  Written by lib/cases/attach.c alone;
-- what a file may be (its size, its type read from its bytes) is checked
-- there.

CREATE TABLE attachment_contents (
	sha256 TEXT PRIMARY KEY,                 -- 64 lower-case hex digits of the bytes
	type TEXT NOT NULL,                      -- application/pdf, image/jpeg, image/png, text/plain
	size INTEGER NOT NULL CHECK (size > 0),
	bytes BLOB NOT NULL                      -- bytea on PostgreSQL
);

-- Bytes stored under their digest never change.
CREATE TRIGGER attachment_contents_no_update BEFORE UPDATE ON attachment_contents
BEGIN
	SELECT RAISE(ABORT, 'attachment contents are stored once and never changed');
END;

-- A file attached to a case: one row per case and content (the same
-- bytes attached again give the earlier row back).
CREATE TABLE case_attachments (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'att_...'
	case_id INTEGER NOT NULL REFERENCES cases(id),
	sha256 TEXT NOT NULL REFERENCES attachment_contents(sha256),
	name TEXT NOT NULL,                      -- the file's name as given, without its directory
	created_by TEXT NOT NULL,                -- a user's name
	created_at TEXT NOT NULL,
	UNIQUE (case_id, sha256)
);
CREATE INDEX case_attachments_sha256 ON case_attachments (sha256);
