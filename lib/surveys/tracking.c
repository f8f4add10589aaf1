/* tracking.c - link events: page views, starts, answers, abandons; the
 * survey's status, open count and time spent follow them. */
#include <stdio.h>
#include <string.h>

#include "base/time.h"
#include "surveys/internal.h"
#include "base/banned.h"

/* One event as read from its record. */
struct event {
	const char *name, *question;
	char at[PX_TIME_UTC_LEN];
	long long secs;
	int has_secs;
};

static int event_read(struct px_ctx *cx, struct px_rec *r, struct event *e, struct px_err *err)
{
	static const char *const events[] = { "page_view", "survey_started", "question_answered",
					      "survey_abandoned", "survey_completed", "reminder_sent",
					      NULL };
	const char *ev = px_rec_get(r, "event"), *when = px_rec_get(r, "at");
	int known = 0;
	for (const char *const *p = events; ev && *p; p++)
		known |= !strcmp(*p, ev);
	if (!ev || !*ev)
		return px_fail(err, PX_EREJECT, "event has no 'event'");
	if (!known)
		return px_fail(err, PX_EREJECT, "unknown event '%s'", ev);
	int64_t t = px_now(cx);
	if (when && *when && px_time_parse(when, &t))
		return px_fail(err, PX_EREJECT, "bad time '%s'", when);
	px_time_format_utc(t, e->at);
	e->name = ev;
	e->secs = 0;
	int k = px_rec_get_int(r, "time_on_page", &e->secs);
	if (k == -2 || e->secs < 0 || e->secs > 86400)
		return px_fail(err, PX_EREJECT, "'time_on_page' must be 0 to 86400 seconds");
	e->has_secs = k == 0;
	const char *q = px_rec_get(r, "question");
	e->question = q ? q : "";
	return PX_OK;
}

/* The status an event moves a survey to. */
static const char *status_after(const char *from, const char *ev)
{
	if (strcmp(from, "sent") && strcmp(from, "viewed") && strcmp(from, "in_progress") &&
	    strcmp(from, "abandoned"))
		return from; /* completed, expired and cancelled surveys keep theirs */
	if (!strcmp(ev, "page_view") && !strcmp(from, "sent"))
		return "viewed";
	if (!strcmp(ev, "survey_started") || !strcmp(ev, "question_answered"))
		return "in_progress";
	if (!strcmp(ev, "survey_abandoned") && strcmp(from, "sent"))
		return "abandoned";
	return from;
}

/* Inside the transaction: the event stored once; *seen when it was. */
static int event_store(struct px_ctx *cx, const struct px_survey_inst *in, const struct event *e,
		       struct px_rec *r, const char *now, int *seen, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO survey_events (survey_id, event, at, question, time_on_page, device, "
		"user_agent, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
		"ON CONFLICT (survey_id, event, at, question) DO NOTHING", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, in->id);
	px_stmt_text(s, 2, e->name);
	px_stmt_text(s, 3, e->at);
	px_stmt_text(s, 4, e->question);
	if (e->has_secs)
		px_stmt_int(s, 5, e->secs);
	else
		px_stmt_null(s, 5);
	px_stmt_text(s, 6, px_rec_get(r, "device"));
	px_stmt_text(s, 7, px_rec_get(r, "user_agent"));
	px_stmt_text(s, 8, now);
	int rc = px_stmt_run(s, err);
	*seen = !rc && !px_store_changes(cx->st);
	return rc;
}

/* Inside the transaction: the survey's status and counters. */
static int survey_update(struct px_ctx *cx, const struct px_survey_inst *in, const struct event *e,
			 const char *to, const char *now, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"UPDATE surveys SET status = ?2, "
		"open_count = open_count + ?3, "
		"opened_at = CASE WHEN ?3 = 1 AND (opened_at IS NULL OR opened_at > ?4) THEN ?4 "
		"ELSE opened_at END, "
		"last_opened_at = CASE WHEN ?3 = 1 AND (last_opened_at IS NULL OR last_opened_at < ?4) "
		"THEN ?4 ELSE last_opened_at END, "
		"started_at = CASE WHEN ?2 = 'in_progress' AND started_at IS NULL THEN ?4 "
		"ELSE started_at END, "
		"last_activity_at = CASE WHEN ?6 = 1 AND (last_activity_at IS NULL "
		"OR last_activity_at < ?4) THEN ?4 ELSE last_activity_at END, "
		"time_spent = time_spent + ?5, updated_at = ?7 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, in->id);
	px_stmt_text(s, 2, to);
	px_stmt_int(s, 3, !strcmp(e->name, "page_view"));
	px_stmt_text(s, 4, e->at);
	px_stmt_int(s, 5, e->secs);
	px_stmt_int(s, 6, strcmp(e->name, "reminder_sent") != 0);
	px_stmt_text(s, 7, now);
	return px_stmt_run(s, err);
}

int px_survey_track(struct px_rec *r, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	struct event e;
	struct px_survey_inst in;
	int rc = event_read(cx, r, &e, err);
	if (!rc)
		rc = px_survey_inst_find(cx->st, r, &in, err);
	if (!rc && !in.by_token)
		rc = px_survey_require(cx, PX_ROLE_STAFF, in.hospital_id, "track surveys", err);
	if (!rc)
		rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	char now[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), now);
	int seen = 0;
	const char *to = status_after(in.status, e.name);
	rc = event_store(cx, &in, &e, r, now, &seen, err);
	if (!rc && !seen)
		rc = survey_update(cx, &in, &e, to, now, err);
	if (!rc && !seen && strcmp(in.status, to))
		rc = px_survey_audit_status(cx, &in, "survey_status_changed", in.status, to, e.name, err);
	if (rc || seen) {
		/* seen before: nothing changes */
		px_store_rollback(cx->st);
		return rc;
	}
	return px_store_commit(cx->st, err);
}
