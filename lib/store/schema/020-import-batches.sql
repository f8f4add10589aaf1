-- 020-import-batches: what px-import-his writes per event made smaller.
--
-- An encounter's journey is one-to-one with it: its name, status and
-- times become columns of encounters, and its stages rows of
-- encounter_stages keyed by the encounter.  The journeys table and its
-- public ids (which nothing read) go.
--
-- A bulk import is audited once per transaction (import batch), not once
-- per patient, encounter and survey it writes: import_batches keeps who
-- imported what and when with the counts, one audit row names the batch,
-- and each visit event keeps its provenance, the batch that brought it
-- (visit_events.import_id).  Events imported before this migration have
-- none: their audit rows say what they did.

CREATE TABLE import_batches (
	id INTEGER PRIMARY KEY,
	public_id TEXT NOT NULL UNIQUE,          -- 'imp_...'
	actor TEXT NOT NULL,
	source TEXT NOT NULL,                    -- the file, '-' for standard input
	first_line INTEGER,                      -- of the records it applied
	last_line INTEGER,
	events INTEGER NOT NULL DEFAULT 0,
	patients_created INTEGER NOT NULL DEFAULT 0,
	patients_updated INTEGER NOT NULL DEFAULT 0,
	encounters_created INTEGER NOT NULL DEFAULT 0,
	surveys_due INTEGER NOT NULL DEFAULT 0,
	surveys_suppressed INTEGER NOT NULL DEFAULT 0,
	digest TEXT,                             -- SHA-256 of the event keys it applied, a line each
	                                         -- (every 64 KiB of them give way to their digest)
	created_at TEXT NOT NULL
);

ALTER TABLE visit_events ADD COLUMN import_id INTEGER;  -- import_batches.id

ALTER TABLE encounters ADD COLUMN journey TEXT;          -- ems, inpatient, opd, daycase
ALTER TABLE encounters ADD COLUMN journey_status TEXT;   -- active, completed, cancelled
ALTER TABLE encounters ADD COLUMN journey_started_at TEXT;
ALTER TABLE encounters ADD COLUMN journey_completed_at TEXT;

CREATE TABLE encounter_stages (
	encounter_id INTEGER NOT NULL REFERENCES encounters(id),
	position INTEGER NOT NULL,
	stage TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending',  -- pending, completed
	completed_at TEXT,
	event_id INTEGER REFERENCES visit_events(id),
	PRIMARY KEY (encounter_id, position)
) WITHOUT ROWID;

UPDATE encounters SET journey = (SELECT j.journey FROM journeys j WHERE j.encounter_id = encounters.id),
	journey_status = (SELECT j.status FROM journeys j WHERE j.encounter_id = encounters.id),
	journey_started_at = (SELECT j.started_at FROM journeys j WHERE j.encounter_id = encounters.id),
	journey_completed_at = (SELECT j.completed_at FROM journeys j
		WHERE j.encounter_id = encounters.id)
WHERE id IN (SELECT encounter_id FROM journeys);

INSERT INTO encounter_stages (encounter_id, position, stage, status, completed_at, event_id)
SELECT j.encounter_id, g.position, g.stage, g.status, g.completed_at, g.event_id
FROM journey_stages g JOIN journeys j ON j.id = g.journey_id;

DROP TABLE journey_stages;
DROP TABLE journeys;

-- px-report reads journeys by the time they started.
CREATE INDEX encounters_journey_started ON encounters (journey_started_at);

-- and the surveys due of a period, of any status, by survey_due_status
-- (status, due_at): survey_due_due is one index more to write per survey.
DROP INDEX survey_due_due;
