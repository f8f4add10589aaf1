-- 009-audit-chain: the audit trail made tamper-evident.
--
-- Each row px writes carries hash, the hex HMAC-SHA-256, under the
-- store's "audit" secret, of the previous row's chain value and of this
-- row's own columns (core/audit.c says exactly how), so that a row that
-- is changed, removed, inserted or moved breaks the chain from there on:
-- px audit verify finds it.  The key is not in the database, so whoever
-- can write the file cannot make a row that verifies.
--
-- Rows written before this migration have no hash; the chain runs
-- through them all the same, so the first row written after it covers
-- them.  meta.audit_legacy_through keeps the last of them: a row after
-- it without a hash is broken.
ALTER TABLE audit ADD COLUMN hash TEXT;

INSERT INTO meta (key, value)
SELECT 'audit_legacy_through', CAST(COALESCE(max(id), 0) AS TEXT) FROM audit;

-- UPDATE and DELETE are refused by 001's triggers; an INSERT that names
-- an existing id (INSERT OR REPLACE, REPLACE INTO: the delete trigger
-- does not fire for the row REPLACE removes) or an id below the last is
-- refused here.  NEW.id is -1 when the insert lets SQLite choose it.
CREATE TRIGGER audit_no_reuse BEFORE INSERT ON audit
WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
	OR (NEW.id <> -1 AND NEW.id < (SELECT max(id) FROM audit))
BEGIN
	SELECT RAISE(ABORT, 'audit rows are append-only');
END;
