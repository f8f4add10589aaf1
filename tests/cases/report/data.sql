-- The fixed data set of the report cases (see README of each case for the
-- figures worked out by hand).  Loaded after setup_org.
PRAGMA foreign_keys = ON;
INSERT INTO patients (public_id, hospital_id, mrn, created_at, updated_at) VALUES
 ('pat_kfh', (SELECT id FROM hospitals WHERE code = 'KFH'), 'M1', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z'),
 ('pat_kamc', (SELECT id FROM hospitals WHERE code = 'KAMC'), 'M2', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z');
INSERT INTO survey_templates (id, public_id, name, version, title, survey_type, scoring, negative_threshold, definition, created_at, updated_at) VALUES
 (1, 'tpl_ov', 'outpatient_visit', 1, 'Visit', 'stage', 'average', 3, '{}', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z'),
 (2, 'tpl_nps', 'nps', 1, 'NPS', 'nps', 'nps', 7, '{}', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z');
INSERT INTO survey_questions (id, template_id, code, position, type, text) VALUES
 (1, 1, 'q1', 1, 'rating', 'Overall?'), (2, 1, 'q2', 2, 'yes_no', 'Recommend?'), (3, 2, 'q1', 1, 'nps', 'How likely?');
CREATE TEMP TABLE f (n, pid, h, d, tpl, ch, status, sent, opened, started, completed, score, class, neg);
INSERT INTO f VALUES
 (1, 'srv_a', 'KFH', 'ER', 1, 'sms', 'completed', '2026-11-01T08:00:00Z', 1, 1, '2026-11-01T10:00:00Z', 5, NULL, 0),
 (2, 'srv_b', 'KFH', 'ER', 1, 'sms', 'completed', '2026-11-02T08:00:00Z', 1, 1, '2026-11-02T12:00:00Z', 2, NULL, 1),
 (3, 'srv_c', 'KFH', 'ER', 1, 'email', 'completed', '2026-11-03T08:00:00Z', 1, 1, '2026-11-03T12:00:00Z', 1.5, NULL, 1),
 (4, 'srv_d', 'KFH', 'ER', 1, 'sms', 'abandoned', '2026-11-04T08:00:00Z', 1, 1, NULL, NULL, NULL, 0),
 (5, 'srv_e', 'KFH', 'OPD', 1, 'whatsapp', 'sent', '2026-11-05T08:00:00Z', 0, 0, NULL, NULL, NULL, 0),
 (6, 'srv_f', 'KFH', 'OPD', 2, 'sms', 'completed', '2026-11-06T08:00:00Z', 1, 1, '2026-11-06T09:00:00Z', 10, 'promoter', 0),
 (7, 'srv_g', 'KFH', 'OPD', 2, 'sms', 'completed', '2026-11-06T08:00:00Z', 1, 1, '2026-11-06T10:00:00Z', 9, 'promoter', 0),
 (8, 'srv_h', 'KFH', 'OPD', 2, 'sms', 'completed', '2026-11-07T08:00:00Z', 1, 1, '2026-11-07T09:00:00Z', 8, 'passive', 0),
 (9, 'srv_i', 'KFH', 'OPD', 2, 'sms', 'completed', '2026-11-07T08:00:00Z', 1, 1, '2026-11-07T10:00:00Z', 3, 'detractor', 1),
 (10, 'srv_j', 'KAMC', 'ER', 2, 'sms', 'completed', '2026-11-08T08:00:00Z', 1, 1, '2026-11-08T09:00:00Z', 10, 'promoter', 0),
 (11, 'srv_k', 'KFH', 'IPD', 1, 'sms', 'completed', '2026-11-30T20:00:00Z', 1, 1, '2026-11-30T22:00:00Z', 4, NULL, 0),
 (12, 'srv_l', 'KFH', 'IPD', 1, 'sms', 'completed', '2026-11-30T20:00:00Z', 1, 1, '2026-11-30T20:59:59Z', 3, NULL, 0),
 (13, 'srv_m', 'KFH', 'ER', 2, 'whatsapp', 'completed', '2026-11-10T08:00:00Z', 1, 1, '2026-11-10T09:00:00Z', 0, 'detractor', 1);
INSERT INTO surveys (id, public_id, template_id, patient_id, hospital_id, department_id, dedup_key, channel, language,
	status, sent_at, expires_at, opened_at, started_at, completed_at, score, nps_class, negative, created_at, updated_at)
SELECT f.n, f.pid, f.tpl, p.id, h.id, d.id, f.pid, f.ch, 'en', f.status, f.sent, '2026-12-31T00:00:00Z',
	CASE WHEN f.opened THEN f.sent END, CASE WHEN f.started THEN f.sent END, f.completed, f.score, f.class, f.neg,
	f.sent, f.sent
FROM f JOIN hospitals h ON h.code = f.h JOIN departments d ON d.hospital_id = h.id AND d.code = f.d
JOIN patients p ON p.hospital_id = h.id ORDER BY f.n;
-- answers: the survey's own score as the rating or NPS answer; q2 yes on a and k only
INSERT INTO survey_answers (survey_id, question_id, value, answered_at)
SELECT id, CASE template_id WHEN 1 THEN 1 ELSE 3 END, CAST(CAST(score AS INTEGER) AS TEXT), completed_at
FROM surveys WHERE score IS NOT NULL AND id <> 3;
INSERT INTO survey_answers (survey_id, question_id, value, answered_at) VALUES
 (3, 1, '1', '2026-11-03T12:00:00Z'), (3, 2, 'no', '2026-11-03T12:00:00Z'),
 (1, 2, 'yes', '2026-11-01T10:00:00Z'), (11, 2, 'yes', '2026-11-30T22:00:00Z');
INSERT INTO survey_followups (survey_id, state, contacted, first_contacted_at, contacts, satisfaction_outcome, created_at, updated_at) VALUES
 (2, 'closed', 1, '2026-11-02T17:00:00Z', 1, 'satisfied', '2026-11-02T17:00:00Z', '2026-11-02T17:00:00Z'),
 (3, 'escalated', 1, '2026-11-06T00:00:00Z', 2, 'not_satisfied', '2026-11-06T00:00:00Z', '2026-11-06T00:00:00Z'),
 (13, 'awaiting_contact', 0, NULL, 0, NULL, '2026-11-10T09:00:00Z', '2026-11-10T09:00:00Z');
INSERT INTO notifications (public_id, key, channel, requested_channel, recipient, patient_id, language, template, object_type, object_id,
	hospital_id, state, next_attempt_at, created_at, updated_at)
SELECT 'msg_' || s.public_id, 'survey_invitation:' || s.public_id, s.channel, s.channel, 'patient', s.patient_id, 'en',
	'survey_invitation', 'survey', s.public_id, s.hospital_id, x.state, s.sent_at, s.sent_at, s.sent_at
FROM surveys s JOIN (SELECT 'srv_a' AS p, 'delivered' AS state UNION ALL SELECT 'srv_b', 'sent'
	UNION ALL SELECT 'srv_c', 'failed' UNION ALL SELECT 'srv_e', 'suppressed') x ON x.p = s.public_id;
INSERT INTO notifications (public_id, key, channel, requested_channel, recipient, patient_id, language, template, object_type, object_id,
	hospital_id, state, next_attempt_at, created_at, updated_at)
SELECT 'msg_rem', 'survey_reminder:srv_d', 'sms', 'sms', 'patient', patient_id, 'en', 'survey_reminder', 'survey', public_id,
	hospital_id, 'pending', '2026-11-05T08:00:00Z', '2026-11-05T08:00:00Z', '2026-11-05T08:00:00Z' FROM surveys WHERE public_id = 'srv_d';
INSERT INTO survey_due (public_id, patient_id, hospital_id, department_id, template, channel, due_at, status, reason, created_at, updated_at)
SELECT 'due_' || x.n, p.id, h.id, d.id, 'outpatient_visit', 'sms', x.at, x.status, x.reason, x.at, x.at
FROM (SELECT 1 AS n, 'KFH' AS h, 'ER' AS d, '2026-11-01T06:00:00Z' AS at, 'sent' AS status, NULL AS reason
	UNION ALL SELECT 2, 'KFH', 'ER', '2026-11-02T06:00:00Z', 'sent', NULL
	UNION ALL SELECT 3, 'KFH', 'ER', '2026-11-03T06:00:00Z', 'sent', NULL
	UNION ALL SELECT 4, 'KFH', 'ER', '2026-11-04T06:00:00Z', 'suppressed', 'fatigue'
	UNION ALL SELECT 5, 'KFH', 'ER', '2026-11-05T06:00:00Z', 'suppressed', 'fatigue'
	UNION ALL SELECT 6, 'KFH', 'OPD', '2026-11-06T06:00:00Z', 'suppressed', 'deceased'
	UNION ALL SELECT 7, 'KFH', 'OPD', '2026-11-07T06:00:00Z', 'withdrawn', 'cancelled'
	UNION ALL SELECT 8, 'KAMC', 'ER', '2026-11-08T06:00:00Z', 'suppressed', 'optout') x
JOIN hospitals h ON h.code = x.h JOIN departments d ON d.hospital_id = h.id AND d.code = x.d
JOIN patients p ON p.hospital_id = h.id;
INSERT INTO encounters (id, public_id, hospital_id, department_id, patient_id, visit_number, patient_type, status, admitted_at, created_at, updated_at)
SELECT n, 'enc_' || n, h.id, d.id, p.id, 'V' || n, 'ems', 'discharged', '2026-11-01T06:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T06:00:00Z'
FROM (SELECT 1 AS n UNION ALL SELECT 2) JOIN hospitals h ON h.code = 'KFH' JOIN departments d ON d.hospital_id = h.id AND d.code = 'ER'
JOIN patients p ON p.hospital_id = h.id;
UPDATE encounters SET journey = 'ems', journey_status = 'completed', journey_started_at = '2026-11-01T06:00:00Z',
 journey_completed_at = '2026-11-01T12:00:00Z' WHERE id = 1;
UPDATE encounters SET journey = 'ems', journey_status = 'active', journey_started_at = '2026-11-01T07:00:00Z'
 WHERE id = 2;
INSERT INTO encounter_stages (encounter_id, position, stage, status, completed_at) VALUES
 (1, 1, 'triage', 'completed', '2026-11-01T06:10:00Z'), (1, 2, 'treatment', 'completed', '2026-11-01T08:00:00Z'),
 (1, 3, 'discharge', 'completed', '2026-11-01T12:00:00Z'),
 (2, 1, 'triage', 'completed', '2026-11-01T07:10:00Z'), (2, 2, 'treatment', 'pending', NULL), (2, 3, 'discharge', 'pending', NULL);
