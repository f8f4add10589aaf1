-- 014-sla: what px-sla keeps.  The clocks of a case are derived from its
-- timeline each time (lib/cases/sla.c); only what was done about them is
-- stored, so that each reminder, breach and escalation happens once.

-- The calendar a hospital works to, by name (share/px/calendars/NAME).
CREATE TABLE hospital_calendars (
	hospital_id INTEGER PRIMARY KEY REFERENCES hospitals(id),
	calendar TEXT NOT NULL,
	set_by TEXT NOT NULL,
	set_at TEXT NOT NULL
);

-- Holidays a site adds to a calendar: its own days, or dates announced
-- after the calendar file was written.
CREATE TABLE calendar_holidays (
	calendar TEXT NOT NULL,
	first_day TEXT NOT NULL,                 -- YYYY-MM-DD, in the calendar's zone
	last_day TEXT NOT NULL,
	name TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (calendar, first_day)
);

-- Each reminder, breach and escalation level px-sla check made, once per
-- case and clock: a second check finds the row and does nothing.
CREATE TABLE sla_marks (
	case_id INTEGER NOT NULL REFERENCES cases(id),
	clock TEXT NOT NULL,                     -- response, resolution
	mark TEXT NOT NULL,                      -- reminder:86400, breach, escalation:1
	due_at TEXT NOT NULL,                    -- the due time it was made against
	policy TEXT NOT NULL,
	made_at TEXT NOT NULL,
	made_by TEXT NOT NULL,
	PRIMARY KEY (case_id, clock, mark)
);

-- The policy and due time px-sla check last found for a case's clock: a
-- different one next time (the policy file changed, the case was
-- reclassified) is written on the case's timeline.
CREATE TABLE sla_clocks (
	case_id INTEGER NOT NULL REFERENCES cases(id),
	clock TEXT NOT NULL,
	policy TEXT NOT NULL,
	target TEXT NOT NULL,                    -- "24bh", "48h"
	due_at TEXT,                             -- NULL while paused or stopped
	PRIMARY KEY (case_id, clock)
);
