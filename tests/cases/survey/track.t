track ingests link events: sent -> viewed -> in_progress -> abandoned, open count, last opened, time spent; a repeated event changes nothing; expired surveys keep their status.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
px-survey send --due > sent.jsonl
tok=$(token_of sent.jsonl 1)
sed "s/TOK/$tok/" events.jsonl > e.jsonl
{ px-survey track e.jsonl; code; } 2>&1 | normtok
q "SELECT status, open_count, opened_at, last_opened_at, started_at, time_spent FROM surveys WHERE id = 1"
px-survey track e.jsonl; code
q "SELECT status, open_count, time_spent, (SELECT COUNT(*) FROM survey_events) FROM surveys WHERE id = 1"
q "SELECT action, details FROM audit WHERE action = 'survey_status_changed'"
### file events.jsonl
{"type":"survey.event","token":"TOK","event":"page_view","at":"2026-11-23T10:00:00Z","time_on_page":30,"device":"mobile","user_agent":"Mozilla/5.0"}
{"type":"survey.event","token":"TOK","event":"page_view","at":"2026-11-23T10:05:00Z","time_on_page":20}
{"type":"survey.event","token":"TOK","event":"survey_started","at":"2026-11-23T10:06:00Z"}
{"type":"survey.event","token":"TOK","event":"question_answered","at":"2026-11-23T10:07:00Z","question":"q1","time_on_page":15}
{"type":"survey.event","token":"TOK","event":"survey_abandoned","at":"2026-11-23T10:08:00Z"}
{"type":"survey.event","token":"TOK","event":"page_flip","at":"2026-11-23T10:09:00Z"}
{"type":"survey.event","token":"TOK","event":"page_view","at":"yesterday"}
{"type":"survey.event","survey":"srv_nosuch","event":"page_view"}
{"type":"other","x":1}
### stdout
px-survey: e.jsonl:6: unknown event 'page_flip'
px-survey: e.jsonl:7: bad time 'yesterday'
px-survey: e.jsonl:8: unknown survey 'srv_nosuch'
{"type":"other","x":1}
exit 1
abandoned|2|2026-11-23T10:00:00Z|2026-11-23T10:05:00Z|2026-11-23T10:06:00Z|65
{"type":"other","x":1}
exit 1
abandoned|2|65|5
survey_status_changed|{"from":"sent","to":"viewed","event":"page_view"}
survey_status_changed|{"from":"viewed","to":"in_progress","event":"survey_started"}
survey_status_changed|{"from":"in_progress","to":"abandoned","event":"survey_abandoned"}
### stderr
px-survey: e.jsonl:6: unknown event 'page_flip'
px-survey: e.jsonl:7: bad time 'yesterday'
px-survey: e.jsonl:8: unknown survey 'srv_nosuch'
