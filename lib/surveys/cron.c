/* cron.c - what cron runs: expiry and abandonment, and reminders outside
 * quiet hours; both safe to run as often as it likes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/time.h"
#include "core/audit.h"
#include "messages/notify.h"
#include "surveys/internal.h"
#include "base/banned.h"

/* The surveys a cron query finds, read before any of them is changed. */
struct batch {
	struct px_survey_inst *v;
	char (*to)[16]; /* expire: the status each goes to */
	size_t n;
};

static int add_inst(struct px_stmt *s, void *vb)
{
	struct batch *b = vb;
	b->v = px_xrealloc(b->v, (b->n + 1) * sizeof *b->v);
	b->to = px_xrealloc(b->to, (b->n + 1) * sizeof *b->to);
	px_survey_inst_fill(s, &b->v[b->n]);
	b->to[b->n][0] = '\0';
	if (px_stmt_col_count(s) > PX_SURVEY_INST_NCOLS)
		px_strlcpy(b->to[b->n], px_stmt_col_text(s, PX_SURVEY_INST_NCOLS), sizeof b->to[b->n]);
	b->n++;
	return 0;
}

static void batch_free(struct batch *b)
{
	free(b->v);
	free(b->to);
}

/* ---------- expire ---------- */

static int expire_one(struct px_ctx *cx, const struct px_survey_inst *in, const char *to,
		      const char *at, struct px_err *err)
{
	int rc = px_store_begin(cx->st, err);
	if (!rc)
		rc = px_survey_set_status(cx->st, in, to, at, err);
	if (!rc)
		rc = px_survey_audit_status(cx, in, !strcmp(to, "expired") ? "survey_expired"
					    : "survey_abandoned", in->status, to, NULL, err);
	/* the loop an expired satisfaction check was sent for moves on, in
	 * this transaction, through the follow-up module's hook */
	struct px_ev_survey ev = { .survey = in->id, .satisfied = -1, .at = at };
	if (!rc && !strcmp(to, "expired"))
		rc = px_ctx_run_hooks(cx, PX_EV_SURVEY_EXPIRED, &ev, err);
	if (rc) {
		px_store_rollback(cx->st);
		return rc;
	}
	return px_store_commit(cx->st, err);
}

int px_survey_expire(struct px_ctx *cx, long *changed, struct px_err *err)
{
	long n = 0;
	if (changed)
		*changed = 0;
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "expire surveys", err))
		return PX_EPERM;
	int64_t now = px_now(cx);
	char at[PX_TIME_UTC_LEN], idle[PX_TIME_UTC_LEN];
	long long hours = px_config_num(cx->cfg, "survey.abandon_hours");
	px_time_format_utc(now, at);
	px_time_format_utc(now - hours * 3600, idle);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT " PX_SURVEY_INST_COLS ", CASE WHEN s.expires_at <= ?1 THEN 'expired' "
		"ELSE 'abandoned' END FROM surveys s WHERE s.status IN " PX_SURVEY_OPEN " "
		"AND (s.expires_at <= ?1 OR (s.status = 'in_progress' "
		"AND COALESCE(s.last_activity_at, s.sent_at) <= ?2)) ORDER BY s.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, at);
	px_stmt_text(s, 2, idle);
	struct batch b = { 0 };
	int rc = px_stmt_each(s, add_inst, &b, err);
	for (size_t i = 0; !rc && i < b.n; i++) {
		if (!px_auth_in_scope(cx->actor, b.v[i].hospital_id))
			continue;
		if (!(rc = expire_one(cx, &b.v[i], b.to[i], at, err)))
			n++;
	}
	batch_free(&b);
	if (changed)
		*changed = n;
	return rc;
}

/* ---------- remind ---------- */

/* Inside the transaction: the counters, the event and the audit of the
 * reminder that url carries. */
static int remind_record(struct px_ctx *cx, const struct px_survey_inst *in, long nth,
			 const char *at, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"UPDATE surveys SET reminders = ?2, last_reminder_at = ?3, updated_at = ?3 "
		"WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, in->id);
	px_stmt_int(s, 2, nth);
	px_stmt_text(s, 3, at);
	int rc = px_stmt_run(s, err);
	s = rc ? NULL : px_stmt_prepare(cx->st,
		"INSERT INTO survey_events (survey_id, event, at, created_at) "
		"VALUES (?1, 'reminder_sent', ?2, ?2)", err);
	if (!s)
		return rc ? rc : err->code;
	px_stmt_int(s, 1, in->id);
	px_stmt_text(s, 2, at);
	if ((rc = px_stmt_run(s, err)))
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_int(d, "reminder", nth);
	px_rec_set_str(d, "channel", in->channel);
	rc = px_audit_record(cx->st, cx->actor->name, "survey_reminded", "survey", in->pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* One reminder, with the survey's link, queued in the outbox in its own
 * transaction; *sent when it went out. */
static int remind_one(struct px_ctx *cx, const struct px_survey_inst *in, const char *at,
		      int *sent, struct px_err *err)
{
	struct px_patient p = { 0 };
	struct px_survey_hospital h = { 0 };
	struct px_survey_link link = { 0 };
	struct px_rec *n = NULL;
	*sent = 0;
	int rc = px_patient_load(cx->st, in->patient_id, &p, err);
	if (!rc)
		rc = px_survey_hospital_load(cx->st, in->hospital_id, &h, err);
	int ch = px_channel_parse(in->channel);
	if (!rc && p.deceased_at) {
		px_note(cx, in->pid, "not sent: deceased");
		goto out;
	}
	if (!rc && (ch < 0 || p.optout[ch] || !px_patient_has_address(&p, ch))) {
		px_note(cx, in->pid, "not sent: %s %s", ch >= 0 && p.optout[ch] ? "opted out of"
			: "no contact for", in->channel);
		goto out;
	}
	long nth = in->reminders + 1;
	if (!rc)
		rc = px_store_begin(cx->st, err);
	if (!rc)
		rc = px_survey_link(cx, in, at, &link, err);
	if (!rc)
		rc = remind_record(cx, in, nth, at, err);
	if (!rc) {
		char key[80];
		snprintf(key, sizeof key, "survey_reminder:%s:%ld", in->pid, nth);
		n = px_survey_notification(key, "survey_reminder", in, &p, &h, link.url);
		rc = px_notify_queue_tx(cx, n, &link.spec, err);
	}
	if (!rc)
		rc = px_store_commit(cx->st, err);
	else
		px_store_rollback(cx->st);
	if (!rc) {
		rc = px_emit(cx, n, err);
		*sent = 1;
	}
out:
	px_rec_free(n);
	px_survey_link_free(&link);
	px_patient_free(&p);
	px_survey_hospital_free(&h);
	return rc;
}

int px_survey_remind(struct px_ctx *cx, long *sent, struct px_err *err)
{
	long n = 0;
	if (sent)
		*sent = 0;
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "send survey reminders", err))
		return PX_EPERM;
	int64_t now = px_now(cx), qend;
	char at[PX_TIME_UTC_LEN], before[PX_TIME_UTC_LEN];
	long long days = px_config_num(cx->cfg, "survey.reminder_days");
	long long max = px_config_num(cx->cfg, "survey.reminder_max");
	int qfrom, qto;
	if (px_notify_quiet_config(cx->cfg, &qfrom, &qto, err))
		return err->code ? err->code : PX_EINPUT;
	if (px_notify_quiet(qfrom, qto, now, &qend)) {
		px_note(cx, "remind", "not sent: quiet hours");
		return PX_OK;
	}
	px_time_format_utc(now, at);
	px_time_format_utc(now - days * 86400, before);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT " PX_SURVEY_INST_COLS " FROM surveys s "
		"WHERE s.status IN " PX_SURVEY_OPEN " AND s.expires_at > ?1 "
		"AND s.reminders < ?2 AND COALESCE(s.last_reminder_at, s.sent_at) <= ?3 ORDER BY s.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, at);
	px_stmt_int(s, 2, max);
	px_stmt_text(s, 3, before);
	struct batch b = { 0 };
	int rc = px_stmt_each(s, add_inst, &b, err);
	for (size_t i = 0; !rc && i < b.n; i++) {
		int one = 0;
		if (px_auth_in_scope(cx->actor, b.v[i].hospital_id))
			rc = remind_one(cx, &b.v[i], at, &one, err);
		n += one;
	}
	batch_free(&b);
	if (sent)
		*sent = n;
	return rc;
}
