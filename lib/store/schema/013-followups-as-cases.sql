-- 013-followups-as-cases: references in series of their own.
--
-- A kind whose workflow has a 'ref' line numbers its references apart,
-- HOSPITAL-SERIES-YEAR-NNNNNN, so that the cases px opens by itself do
-- not leave gaps in the numbers of complaints and inquiries, which share
-- the series ''.  case_refs is keyed by the series too.

CREATE TABLE case_refs_013 (
	hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
	year INTEGER NOT NULL,
	series TEXT NOT NULL DEFAULT '',         -- the workflow's 'ref', '' when none
	last INTEGER NOT NULL,
	PRIMARY KEY (hospital_id, year, series)
);
INSERT INTO case_refs_013 (hospital_id, year, series, last)
SELECT hospital_id, year, '', last FROM case_refs;
DROP TABLE case_refs;
ALTER TABLE case_refs_013 RENAME TO case_refs;
