-- 006-report: indexes for px-report, which reads each table by the time
-- that puts a row in a period.  The survey indexes cover the figures of
-- the nps, scores and negative reports so that they read no table rows.

CREATE INDEX surveys_sent ON surveys (sent_at);
CREATE INDEX surveys_completed ON surveys (completed_at, status, nps_class,
	score, negative, hospital_id, department_id, channel, template_id);
CREATE INDEX notifications_created ON notifications (created_at);
CREATE INDEX survey_due_due ON survey_due (due_at);
CREATE INDEX journeys_started ON journeys (started_at);
