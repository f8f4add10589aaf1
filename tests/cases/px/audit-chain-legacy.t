A store made before the chain: its audit rows are not rewritten; the first row written after the upgrade covers them, px audit verify counts them as legacy, and a change to one breaks the chain at that first row.
### cmd
v() { px audit verify > v.out; echo "exit $?"; sed -E 's/"hash":"[0-9a-f]{64}"/"hash":"H"/' v.out; }
setup_org > /dev/null
# the store as a px of schema 6 left it
q "CREATE TABLE journeys (id INTEGER PRIMARY KEY, public_id TEXT NOT NULL UNIQUE, encounter_id INTEGER NOT NULL UNIQUE REFERENCES encounters(id), journey TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', started_at TEXT NOT NULL, completed_at TEXT); INSERT INTO journeys (public_id, encounter_id, journey, status, started_at, completed_at) SELECT 'jrn_' || id, id, journey, journey_status, journey_started_at, journey_completed_at FROM encounters WHERE journey IS NOT NULL; CREATE TABLE journey_stages (journey_id INTEGER NOT NULL REFERENCES journeys(id), position INTEGER NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', completed_at TEXT, event_id INTEGER REFERENCES visit_events(id), PRIMARY KEY (journey_id, position)) WITHOUT ROWID; INSERT INTO journey_stages SELECT j.id, g.position, g.stage, g.status, g.completed_at, g.event_id FROM encounter_stages g JOIN journeys j ON j.encounter_id = g.encounter_id; CREATE INDEX journeys_started ON journeys (started_at); DROP TABLE encounter_stages; DROP INDEX encounters_journey_started; ALTER TABLE encounters DROP COLUMN journey; ALTER TABLE encounters DROP COLUMN journey_status; ALTER TABLE encounters DROP COLUMN journey_started_at; ALTER TABLE encounters DROP COLUMN journey_completed_at; ALTER TABLE visit_events DROP COLUMN import_id; DROP TABLE import_batches; CREATE INDEX survey_due_due ON survey_due (due_at); DROP TRIGGER audit_no_reuse; ALTER TABLE audit DROP COLUMN hash; DELETE FROM meta WHERE key = 'audit_legacy_through'; DROP TABLE web_failures; DROP TABLE action_rule_files; DROP TABLE calls; DROP TABLE rca_risk; DROP TABLE rca_corrective; DROP TABLE rca_causes; DROP TABLE action_route_turns; DROP TABLE action_raises; DROP TABLE sla_clocks; DROP TABLE sla_marks; DROP TABLE calendar_holidays; DROP TABLE hospital_calendars; DROP TABLE user_departments; DROP TABLE case_attachments; DROP TABLE attachment_contents; DROP TABLE case_timeline; DROP TABLE case_links; DROP TABLE case_refs; DROP TABLE cases; PRAGMA user_version = 8"
v
q "SELECT value FROM meta WHERE key = 'audit_legacy_through'"
q "SELECT count(*) FROM audit WHERE hash IS NULL"
px user add v2 --role viewer --hospital KFH
q "SELECT count(*) FROM audit WHERE hash IS NULL"
v
cp px.db upgraded.db
# a legacy row changed: the row that covers them no longer matches
q "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'mallory' WHERE id = 2"
v
# a row after them stripped of its hash
cp upgraded.db px.db; q "DROP TRIGGER audit_no_update; UPDATE audit SET hash = NULL WHERE id = 18"
v
# all of them stripped, to pass for legacy rows: not past the mark
cp upgraded.db px.db; q "DROP TRIGGER audit_no_update; UPDATE audit SET hash = NULL"
v
### stdout
exit 0
{"type":"audit.verify","status":"ok","rows":16,"legacy":16,"broken":null,"hash":"H"}
16
16
16
exit 0
{"type":"audit.verify","status":"ok","rows":18,"legacy":16,"broken":null,"hash":"H"}
exit 1
{"type":"audit.verify","status":"broken","rows":16,"legacy":16,"broken":17,"hash":null}
exit 1
{"type":"audit.verify","status":"broken","rows":17,"legacy":16,"broken":18,"hash":null}
exit 1
{"type":"audit.verify","status":"broken","rows":16,"legacy":16,"broken":17,"hash":null}
### stderr
px: audit row 17 does not match the chain: it, or a row before it, was changed, removed or moved
px: audit row 18 has no hash
px: audit row 17 has no hash
