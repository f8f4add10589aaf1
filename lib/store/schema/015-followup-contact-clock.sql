-- 015-followup-contact-clock: px-sla watches the loop on a negative
-- survey to its contact target (share/px/workflows/followup: the
-- response clock, from the survey's completion to the first contact).
-- The workflow writes the clock's start when it opens a loop's case; the
-- loops stored before, still awaiting their first contact, get that
-- start here, at their survey's completion.  A loop that has moved on
-- keeps no clock: when it stopped is not known.
INSERT INTO case_timeline (case_id, at, actor, type, verb, text)
SELECT c.id, s.completed_at, 'px', 'clock', 'start', 'response'
FROM cases c JOIN surveys s ON s.public_id = c.source_ref AND s.hospital_id = c.hospital_id
WHERE c.kind = 'followup' AND c.source = 'survey' AND c.state = 'awaiting_contact'
	AND s.completed_at IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM case_timeline t WHERE t.case_id = c.id
		AND t.type IN ('clock', 'transition'));

-- px-sla check looks for the negative surveys whose loop has no case yet
-- at every run: the negative ones are few among all the surveys
CREATE INDEX IF NOT EXISTS surveys_negative ON surveys (id) WHERE negative = 1;
