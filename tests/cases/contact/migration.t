A store whose loops and feedback were written before they were cases: migration 013 makes each a case with its state (the loop's keyed by its survey, the feedback keeping its id), numbered in their own series by hospital and year, with a timeline of what is known; px-contact then moves them on as any other, and new ones take the next numbers.
### cmd
. "$TESTS/fixtures/contact/setup.sh"
setup_loop
# the store as a px without cases left it, and the loop and feedback it wrote
q "CREATE TABLE journeys (id INTEGER PRIMARY KEY, public_id TEXT NOT NULL UNIQUE, encounter_id INTEGER NOT NULL UNIQUE REFERENCES encounters(id), journey TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', started_at TEXT NOT NULL, completed_at TEXT); INSERT INTO journeys (public_id, encounter_id, journey, status, started_at, completed_at) SELECT 'jrn_' || id, id, journey, journey_status, journey_started_at, journey_completed_at FROM encounters WHERE journey IS NOT NULL; CREATE TABLE journey_stages (journey_id INTEGER NOT NULL REFERENCES journeys(id), position INTEGER NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', completed_at TEXT, event_id INTEGER REFERENCES visit_events(id), PRIMARY KEY (journey_id, position)) WITHOUT ROWID; INSERT INTO journey_stages SELECT j.id, g.position, g.stage, g.status, g.completed_at, g.event_id FROM encounter_stages g JOIN journeys j ON j.encounter_id = g.encounter_id; CREATE INDEX journeys_started ON journeys (started_at); DROP TABLE encounter_stages; DROP INDEX encounters_journey_started; ALTER TABLE encounters DROP COLUMN journey; ALTER TABLE encounters DROP COLUMN journey_status; ALTER TABLE encounters DROP COLUMN journey_started_at; ALTER TABLE encounters DROP COLUMN journey_completed_at; ALTER TABLE visit_events DROP COLUMN import_id; DROP TABLE import_batches; CREATE INDEX survey_due_due ON survey_due (due_at); DROP TRIGGER audit_no_reuse; ALTER TABLE audit DROP COLUMN hash; DELETE FROM meta WHERE key = 'audit_legacy_through'; DROP TRIGGER feedback_opened; DROP TABLE web_failures; DROP TABLE action_rule_files; DROP TABLE calls; DROP TABLE rca_risk; DROP TABLE rca_corrective; DROP TABLE rca_causes; DROP TABLE action_route_turns; DROP TABLE action_raises; DROP TABLE sla_clocks; DROP TABLE sla_marks; DROP TABLE calendar_holidays; DROP TABLE hospital_calendars; DROP TABLE user_departments; DROP TABLE case_attachments; DROP TABLE attachment_contents; DROP TABLE case_timeline; DROP TABLE case_links; DROP TABLE case_refs; DROP TABLE cases; PRAGMA user_version = 8"
q "INSERT INTO survey_followups (survey_id, state, contacted, contacted_at, contacted_by, contact_notes, first_contacted_at, contacts, satisfaction_sent, satisfaction_sent_at, satisfaction_count, satisfaction_outcome, escalated_at, escalated_by, created_at, updated_at)
SELECT id, 'escalated', 1, '2026-11-23T12:00:00Z', 'kfh_px', 'First call', '2026-11-23T12:00:00Z', 1, 1, '2026-11-23T12:05:00Z', 1, 'not_satisfied', '2026-11-23T20:00:00Z', 'admin', '2026-11-23T12:00:00Z', '2026-11-23T20:00:00Z' FROM surveys WHERE public_id = '$NEG';
INSERT INTO survey_contacts (survey_id, at, by, notes) SELECT id, '2026-11-23T12:00:00Z', 'kfh_px', 'First call' FROM surveys WHERE public_id = '$NEG';
INSERT INTO feedback (public_id, type, status, hospital_id, department_id, related_survey_id, outcome, created_by, created_at, updated_at)
SELECT 'fbk_aaaaaaaaaaaaaaaaaaaa', 'satisfaction_check', 'reviewed', hospital_id, department_id, id, 'not_satisfied', 'kfh_px', '2026-11-23T12:05:00Z', '2026-11-23T20:00:00Z' FROM surveys WHERE public_id = '$NEG';
INSERT INTO feedback (public_id, type, status, hospital_id, notes, created_by, created_at, updated_at, closed_at)
SELECT 'fbk_bbbbbbbbbbbbbbbbbbbb', 'compliment', 'closed', id, 'Kind nurses', 'kfh_staff', '2026-11-20T08:00:00Z', '2026-11-21T08:00:00Z', '2026-11-21T08:00:00Z' FROM hospitals WHERE code = 'KFH'"
px-contact show "$NEG" | jq -r 'select(.type == "contact.survey") | .state'; code
[ "$(q 'PRAGMA user_version')" = "$(ls "$TOP"/lib/store/schema/*.sql | wc -l)" ] && echo "migrated"
q "SELECT kind, ref, state, source, source_ref = '$NEG', substr(public_id, 5) = substr(source_ref, 5), tracking = 'none:' || public_id, created_by, created_at FROM cases WHERE kind = 'followup'"
q "SELECT kind, ref, public_id, state, source, created_by, created_at FROM cases WHERE kind = 'feedback' ORDER BY ref"
q "SELECT h.code, r.year, r.series, r.last FROM case_refs r JOIN hospitals h ON h.id = r.hospital_id ORDER BY 1, 2, 3"
q "SELECT c.ref, t.at, t.actor, t.type, coalesce(t.old_state, '-'), t.new_state FROM case_timeline t JOIN cases c ON c.id = t.case_id ORDER BY c.ref, t.id"
# the migrated loop and feedback move on
PX_NOW=2026-11-24T09:00:00Z px-contact --as kfh_px log "$NEG" --notes "Second call" --resolved; code
q "SELECT f.state, c.state, f.contacts FROM survey_followups f JOIN surveys s ON s.id = f.survey_id JOIN cases c ON c.source_ref = s.public_id"
px-contact --as kfh_staff feedback set fbk_aaaaaaaaaaaaaaaaaaaa --status closed 2>&1; code
px-contact feedback list | jq -r '[.id, .status] | @tsv'
# and new ones take the next numbers of their series
px-contact --as kfh_staff feedback add --type suggestion --hospital KFH --notes "More chairs" > /dev/null; code
PX_NOW=2026-11-24T09:05:00Z px-contact --as kfh_px satisfaction "$NEG" > /dev/null; code
px-contact close "$KNEG" --notes "Called back" ; code
q "SELECT ref, kind, state FROM cases WHERE tracking NOT LIKE 'none:%' ORDER BY id"
### stdout
escalated
exit 0
migrated
followup|KFH-FU-2026-000001|escalated|survey|1|1|1|px|2026-11-23T12:00:00Z
feedback|KFH-FB-2026-000001|fbk_bbbbbbbbbbbbbbbbbbbb|closed|patient|kfh_staff|2026-11-20T08:00:00Z
feedback|KFH-FB-2026-000002|fbk_aaaaaaaaaaaaaaaaaaaa|reviewed|followup|kfh_px|2026-11-23T12:05:00Z
KFH|2026|FB|2
KFH|2026|FU|1
KFH-FB-2026-000001|2026-11-20T08:00:00Z|px|created|-|submitted
KFH-FB-2026-000001|2026-11-21T08:00:00Z|px|transition|submitted|closed
KFH-FB-2026-000002|2026-11-23T12:05:00Z|px|created|-|submitted
KFH-FB-2026-000002|2026-11-23T20:00:00Z|px|transition|submitted|reviewed
KFH-FU-2026-000001|2026-11-23T12:00:00Z|px|created|-|awaiting_contact
KFH-FU-2026-000001|2026-11-23T20:00:00Z|px|transition|awaiting_contact|escalated
exit 0
contacted|contacted|2
px-contact: feedback 'fbk_aaaaaaaaaaaaaaaaaaaa' is a satisfaction check: its loop sets its status
exit 1
fbk_bbbbbbbbbbbbbbbbbbbb	closed
fbk_aaaaaaaaaaaaaaaaaaaa	reviewed
exit 0
exit 0
exit 0
KFH-FB-2026-000003|feedback|submitted
KFH-FB-2026-000004|feedback|submitted
KAMC-FU-2026-000001|followup|closed
