px-report surveys counts a satisfaction check as delivered when its own message (satisfaction_check) was sent, as an invitation is for the other surveys
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
q "INSERT INTO survey_templates (id, public_id, name, version, title, survey_type, scoring, negative_threshold, definition, created_at, updated_at)
VALUES (3, 'tpl_chk', 'satisfaction_check', 1, 'Check', 'satisfaction_check', 'average', 3, '{}', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z');
INSERT INTO surveys (public_id, template_id, patient_id, hospital_id, department_id, dedup_key, channel, language, status, sent_at, expires_at, created_at, updated_at)
SELECT 'srv_chk', 3, patient_id, hospital_id, department_id, 'chk', 'sms', 'en', 'sent', '2026-11-03T12:00:00Z', '2026-12-03T12:00:00Z',
	'2026-11-03T12:00:00Z', '2026-11-03T12:00:00Z' FROM surveys WHERE public_id = 'srv_c';
INSERT INTO notifications (public_id, key, channel, requested_channel, recipient, patient_id, language, template, object_type, object_id,
	hospital_id, state, next_attempt_at, created_at, updated_at)
SELECT 'msg_chk', 'satisfaction_check:srv_chk', 'sms', 'sms', 'patient', patient_id, 'en', 'satisfaction_check', 'survey', public_id,
	hospital_id, 'sent', sent_at, sent_at, sent_at FROM surveys WHERE public_id = 'srv_chk'"
px-report surveys --by template -o csv
### stdout
type,from,to,template,sent,delivered,opened,started,completed,abandoned,delivery_rate,open_rate,response_rate,abandonment_rate,low_n,partial
report.surveys,,,nps,6,0,6,6,6,0,0,100,100,0,true,true
report.surveys,,,outpatient_visit,7,2,6,6,5,1,28.6,85.7,71.4,16.7,true,true
report.surveys,,,satisfaction_check,1,1,0,0,0,0,100,0,0,,true,true
