-- 016-actions: improvement actions (share/px/workflows/action) are cases;
-- what is theirs alone is here: the triggers that raised them, their
-- routing's turns, and root-cause analysis, which a complaint may have
-- too.

-- One action per rule and source record (a survey, a complaint, a call,
-- a report's figure for a group and period), whatever raises it twice.
CREATE TABLE action_raises (
	rule TEXT NOT NULL,                      -- its name in share/px/rules/actions
	source_type TEXT NOT NULL,               -- survey, complaint, call, report
	source_ref TEXT NOT NULL,                -- its public id, reference or figure
	case_id INTEGER NOT NULL REFERENCES cases(id),
	raised_at TEXT NOT NULL,
	raised_by TEXT NOT NULL,
	PRIMARY KEY (rule, source_type, source_ref)
);
CREATE INDEX action_raises_case ON action_raises (case_id);

-- The user a round-robin route gave its last action to, per department.
CREATE TABLE action_route_turns (
	route TEXT NOT NULL,
	department_id INTEGER NOT NULL REFERENCES departments(id),
	last_user TEXT NOT NULL,
	PRIMARY KEY (route, department_id)
);

-- Root-cause analysis (seed 003, rca) of an action or a complaint.
CREATE TABLE rca_causes (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id),
	category TEXT NOT NULL CHECK (category IN ('process', 'people', 'equipment',
		'communication', 'policy', 'environment', 'technology')),
	text TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX rca_causes_case ON rca_causes (case_id);

CREATE TABLE rca_corrective (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id),
	n INTEGER NOT NULL,                      -- 1, 2, ... within its case
	text TEXT NOT NULL,
	owner TEXT NOT NULL,                     -- a user's name
	due_on TEXT NOT NULL,                    -- YYYY-MM-DD
	effectiveness INTEGER CHECK (effectiveness BETWEEN 1 AND 5),
	reviewed_by TEXT,
	reviewed_at TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (case_id, n)
);

CREATE TABLE rca_risk (
	case_id INTEGER PRIMARY KEY REFERENCES cases(id),
	likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
	impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
	set_by TEXT NOT NULL,
	set_at TEXT NOT NULL
);
