Migration 020 carries a store's journeys over: each journey becomes its encounter's columns and its stages the encounter's, so that 'show', px-report journeys and the next import find them as they were; events imported before it name no import batch.
### cmd
export PX_DATA=$SHARE; set -o pipefail
setup_org >/dev/null
px-import-his "$TESTS/fixtures/his/visits.csv" > /dev/null; code
look() {
	px-import-his show V300 | norm
	px-report journeys -o csv
	q "SELECT e.visit_number, e.journey, e.journey_status, e.journey_started_at, coalesce(e.journey_completed_at, '-') FROM encounters e ORDER BY e.visit_number"
}
look > before
# the store as a px before migration 020 left it: journeys in their own tables
q "CREATE TABLE journeys (id INTEGER PRIMARY KEY, public_id TEXT NOT NULL UNIQUE, encounter_id INTEGER NOT NULL UNIQUE REFERENCES encounters(id), journey TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', started_at TEXT NOT NULL, completed_at TEXT); INSERT INTO journeys (public_id, encounter_id, journey, status, started_at, completed_at) SELECT 'jrn_' || id, id, journey, journey_status, journey_started_at, journey_completed_at FROM encounters WHERE journey IS NOT NULL; CREATE TABLE journey_stages (journey_id INTEGER NOT NULL REFERENCES journeys(id), position INTEGER NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', completed_at TEXT, event_id INTEGER REFERENCES visit_events(id), PRIMARY KEY (journey_id, position)) WITHOUT ROWID; INSERT INTO journey_stages SELECT j.id, g.position, g.stage, g.status, g.completed_at, g.event_id FROM encounter_stages g JOIN journeys j ON j.encounter_id = g.encounter_id; CREATE INDEX journeys_started ON journeys (started_at); DROP TABLE encounter_stages; DROP INDEX encounters_journey_started; ALTER TABLE encounters DROP COLUMN journey; ALTER TABLE encounters DROP COLUMN journey_status; ALTER TABLE encounters DROP COLUMN journey_started_at; ALTER TABLE encounters DROP COLUMN journey_completed_at; ALTER TABLE visit_events DROP COLUMN import_id; DROP TABLE import_batches; CREATE INDEX survey_due_due ON survey_due (due_at); PRAGMA user_version = 19"
q "SELECT count(*) FROM journeys"
q "SELECT count(*) FROM journey_stages"
look > after
cmp before after && echo "the same journeys"
q "SELECT count(*) FROM sqlite_master WHERE name IN ('journeys', 'journey_stages', 'survey_due_due')"
q "SELECT count(*) FROM visit_events WHERE import_id IS NULL"
# the next import goes on from them: the same file adds nothing
px-import-his "$TESTS/fixtures/his/visits.csv"; code
look | cmp - before && echo "unchanged"
px audit verify | jq -r .status
cat before
### stdout
exit 0
7
23
the same journeys
0
8
exit 0
unchanged
ok
{"type":"encounter","id":"enc_ID","hospital":"KFH","department":"IPD","visit":"V300","patient":"pat_ID","patient_type":"inpatient","journey":"inpatient","status":"discharged","admitted_at":null,"discharged_at":"2026-11-22T12:00:00Z","disposition":"01"}
{"type":"visit.event","event":"discharge","event_time":"2026-11-22T12:00:00Z","department":"IPD","disposition":"01","cancelled":false}
{"type":"journey.stage","journey":"inpatient","position":1,"stage":"admission","status":"pending","completed_at":null}
{"type":"journey.stage","journey":"inpatient","position":2,"stage":"ward","status":"pending","completed_at":null}
{"type":"journey.stage","journey":"inpatient","position":3,"stage":"discharge","status":"completed","completed_at":"2026-11-22T12:00:00Z"}
{"type":"journey.stage","journey":"inpatient","position":4,"stage":"follow_up","status":"completed","completed_at":"2026-11-22T12:00:00Z"}
{"type":"encounter.survey","id":"due_ID","journey":"inpatient","stage":"discharge","template":"inpatient_discharge","channel":"whatsapp","due_at":"2026-11-23T12:00:00Z","status":"due","reason":null,"survey":null}
{"type":"encounter.survey","id":"due_ID","journey":"inpatient","stage":"follow_up","template":"nps","channel":"whatsapp","due_at":"2026-12-22T12:00:00Z","status":"due","reason":null,"survey":null}
type,from,to,journey,stage,journeys,completed,completion_rate,low_n,partial
report.journeys,,,ems,arrival,1,0,0,true,true
report.journeys,,,ems,treatment,1,0,0,true,true
report.journeys,,,ems,discharge,1,1,100,true,true
report.journeys,,,inpatient,admission,2,0,0,true,true
report.journeys,,,inpatient,ward,2,0,0,true,true
report.journeys,,,inpatient,discharge,2,2,100,true,true
report.journeys,,,inpatient,follow_up,2,2,100,true,true
report.journeys,,,opd,registration,4,1,25,true,true
report.journeys,,,opd,consultation,4,0,0,true,true
report.journeys,,,opd,discharge,4,4,100,true,true
V100|opd|completed|2026-11-22T08:00:00Z|2026-11-22T10:00:00Z
V101|opd|completed|2026-11-22T13:00:00Z|2026-11-22T13:00:00Z
V200|ems|completed|2026-11-22T11:00:00Z|2026-11-22T11:00:00Z
V300|inpatient|completed|2026-11-22T12:00:00Z|2026-11-22T12:00:00Z
V400|inpatient|completed|2026-11-22T12:00:00Z|2026-11-22T12:00:00Z
V500|opd|completed|2026-11-22T12:00:00Z|2026-11-22T12:00:00Z
V600|opd|completed|2026-11-22T12:00:00Z|2026-11-22T12:00:00Z
### stderr
px-import-his: 8 records, 8 applied, 0 already imported, 0 rejected, 6 surveys due, 3 suppressed, 0 withdrawn
px-import-his: suppressed 2: deceased
px-import-his: suppressed 1: no_contact
px-import-his: 8 records, 0 applied, 8 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
