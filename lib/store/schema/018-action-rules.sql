-- 018-action-rules: a group's own trigger rules and routes for
-- improvement actions (px-action rules load), kept in the store so that
-- every machine that runs px on it raises and routes alike; they take
-- the place of the files (share/px/rules/actions and routing) while they
-- are there.
CREATE TABLE action_rule_files (
	name TEXT PRIMARY KEY CHECK (name IN ('actions', 'routing')),
	text TEXT NOT NULL,
	loaded_by TEXT NOT NULL,
	loaded_at TEXT NOT NULL
);
