Migration 008 gives suppressions a code and keeps the words: rows px-survey send wrote before it ("fatigue window (srv_... sent within 30 days)", "opted out of sms", "no contact", "template disabled") get the code their words mean, codes stay as they are, and the report groups them
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
# The store as px left it before migration 008, with the words it wrote.
q "CREATE TABLE journeys (id INTEGER PRIMARY KEY, public_id TEXT NOT NULL UNIQUE, encounter_id INTEGER NOT NULL UNIQUE REFERENCES encounters(id), journey TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', started_at TEXT NOT NULL, completed_at TEXT); INSERT INTO journeys (public_id, encounter_id, journey, status, started_at, completed_at) SELECT 'jrn_' || id, id, journey, journey_status, journey_started_at, journey_completed_at FROM encounters WHERE journey IS NOT NULL; CREATE TABLE journey_stages (journey_id INTEGER NOT NULL REFERENCES journeys(id), position INTEGER NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', completed_at TEXT, event_id INTEGER REFERENCES visit_events(id), PRIMARY KEY (journey_id, position)) WITHOUT ROWID; INSERT INTO journey_stages SELECT j.id, g.position, g.stage, g.status, g.completed_at, g.event_id FROM encounter_stages g JOIN journeys j ON j.encounter_id = g.encounter_id; CREATE INDEX journeys_started ON journeys (started_at); DROP TABLE encounter_stages; DROP INDEX encounters_journey_started; ALTER TABLE encounters DROP COLUMN journey; ALTER TABLE encounters DROP COLUMN journey_status; ALTER TABLE encounters DROP COLUMN journey_started_at; ALTER TABLE encounters DROP COLUMN journey_completed_at; ALTER TABLE visit_events DROP COLUMN import_id; DROP TABLE import_batches; CREATE INDEX survey_due_due ON survey_due (due_at); ALTER TABLE survey_due DROP COLUMN reason_detail; DROP TRIGGER audit_no_reuse; ALTER TABLE audit DROP COLUMN hash; DELETE FROM meta WHERE key = 'audit_legacy_through'; DROP TABLE web_failures; DROP TABLE action_rule_files; DROP TABLE calls; DROP TABLE rca_risk; DROP TABLE rca_corrective; DROP TABLE rca_causes; DROP TABLE action_route_turns; DROP TABLE action_raises; DROP TABLE sla_clocks; DROP TABLE sla_marks; DROP TABLE calendar_holidays; DROP TABLE hospital_calendars; DROP TABLE user_departments; DROP TABLE case_attachments; DROP TABLE attachment_contents; DROP TABLE case_timeline; DROP TABLE case_links; DROP TABLE case_refs; DROP TABLE cases; PRAGMA user_version = 7"
q "INSERT INTO survey_due (public_id, patient_id, hospital_id, template, due_at, status, reason, created_at, updated_at)
SELECT 'due_old' || x.n, p.id, p.hospital_id, 'nps', '2026-11-0' || x.n || 'T08:00:00Z', x.status, x.reason,
	'2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z'
FROM (SELECT 1 AS n, 'suppressed' AS status, 'fatigue window (srv_aaaaaaaaaaaaaaaaaaaa sent within 30 days)' AS reason
	UNION ALL SELECT 2, 'suppressed', 'fatigue window (srv_bbbbbbbbbbbbbbbbbbbb sent within 30 days)'
	UNION ALL SELECT 3, 'suppressed', 'opted out of sms'
	UNION ALL SELECT 4, 'suppressed', 'no contact'
	UNION ALL SELECT 5, 'suppressed', 'template disabled'
	UNION ALL SELECT 6, 'suppressed', 'deceased'
	UNION ALL SELECT 7, 'suppressed', 'fatigue'
	UNION ALL SELECT 8, 'withdrawn', 'cancel_admit'
	UNION ALL SELECT 9, 'suppressed', 'held for a reason of its own') x
JOIN patients p ON p.mrn = 'MRN001'"
px-report suppressed --since 2026-11-01 --until 2026-11-10 -o csv; code
[ "$(q 'PRAGMA user_version')" = "$(ls "$TOP"/lib/store/schema/*.sql | wc -l)" ] && echo "migrated"
q "SELECT public_id, status, reason, coalesce(reason_detail, '-') FROM survey_due WHERE public_id LIKE 'due_old%' ORDER BY id"
### stdout
type,from,to,reason,suppressed,due,share,low_n,partial
report.suppressed,2026-11-01T00:00:00+03:00,2026-11-10T00:00:00+03:00,fatigue,3,9,33.3,true,false
report.suppressed,2026-11-01T00:00:00+03:00,2026-11-10T00:00:00+03:00,deceased,1,9,11.1,true,false
report.suppressed,2026-11-01T00:00:00+03:00,2026-11-10T00:00:00+03:00,no_contact,1,9,11.1,true,false
report.suppressed,2026-11-01T00:00:00+03:00,2026-11-10T00:00:00+03:00,opted_out,1,9,11.1,true,false
report.suppressed,2026-11-01T00:00:00+03:00,2026-11-10T00:00:00+03:00,other,1,9,11.1,true,false
report.suppressed,2026-11-01T00:00:00+03:00,2026-11-10T00:00:00+03:00,template_disabled,1,9,11.1,true,false
exit 0
migrated
due_old1|suppressed|fatigue|fatigue window (srv_aaaaaaaaaaaaaaaaaaaa sent within 30 days)
due_old2|suppressed|fatigue|fatigue window (srv_bbbbbbbbbbbbbbbbbbbb sent within 30 days)
due_old3|suppressed|opted_out|opted out of sms
due_old4|suppressed|no_contact|no contact
due_old5|suppressed|template_disabled|template disabled
due_old6|suppressed|deceased|-
due_old7|suppressed|fatigue|-
due_old8|withdrawn|cancel_admit|-
due_old9|suppressed|other|held for a reason of its own
