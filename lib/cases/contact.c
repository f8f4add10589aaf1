/* contact.c - the closed loop on negative surveys, and feedback records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "cases/contact.h"
#include "base/mem.h"
#include "core/org.h"
#include "surveys/survey.h"
#include "base/time.h"
#include "base/token.h"
#include "base/banned.h"

/* What px-contact knows of one survey and its loop. */
struct loop {
	int64_t id, hospital_id, department_id, patient_id;
	char pid[PX_ID_LEN], patient[PX_ID_LEN], hospital[40], department[40], tpl[80];
	char completed_at[PX_TIME_UTC_LEN], state[24], contacted_at[PX_TIME_UTC_LEN];
	char satisfaction_sent_at[PX_TIME_UTC_LEN];
	double score;
	int has_score, negative;
};

#define LOOP_SQL \
	"SELECT s.id, s.public_id, s.hospital_id, s.department_id, s.patient_id, h.code, " \
	"COALESCE(d.code, ''), t.name, COALESCE(s.completed_at, ''), s.score, s.negative, " \
	"COALESCE(f.state, 'awaiting_contact'), COALESCE(f.contacted_at, ''), " \
	"COALESCE(f.satisfaction_sent_at, ''), p.public_id FROM surveys s " \
	"JOIN hospitals h ON h.id = s.hospital_id LEFT JOIN departments d ON d.id = s.department_id " \
	"JOIN survey_templates t ON t.id = s.template_id JOIN patients p ON p.id = s.patient_id " \
	"LEFT JOIN survey_followups f ON f.survey_id = s.id "

static void loop_fill(struct px_stmt *s, struct loop *l)
{
	memset(l, 0, sizeof *l);
	l->id = px_stmt_col_int(s, 0);
	px_strlcpy(l->pid, px_stmt_col_text(s, 1), sizeof l->pid);
	l->hospital_id = px_stmt_col_int(s, 2);
	l->department_id = px_stmt_col_int(s, 3);
	l->patient_id = px_stmt_col_int(s, 4);
	px_strlcpy(l->hospital, px_stmt_col_text(s, 5), sizeof l->hospital);
	px_strlcpy(l->department, px_stmt_col_text(s, 6), sizeof l->department);
	px_strlcpy(l->tpl, px_stmt_col_text(s, 7), sizeof l->tpl);
	px_strlcpy(l->completed_at, px_stmt_col_text(s, 8), sizeof l->completed_at);
	l->has_score = !px_stmt_col_isnull(s, 9);
	l->score = px_stmt_col_double(s, 9);
	l->negative = (int)px_stmt_col_int(s, 10);
	px_strlcpy(l->state, px_stmt_col_text(s, 11), sizeof l->state);
	px_strlcpy(l->contacted_at, px_stmt_col_text(s, 12), sizeof l->contacted_at);
	px_strlcpy(l->satisfaction_sent_at, px_stmt_col_text(s, 13), sizeof l->satisfaction_sent_at);
	px_strlcpy(l->patient, px_stmt_col_text(s, 14), sizeof l->patient);
}

/* The loop of a negative survey by public id: 0, or -1 (PX_EUSAGE
 * unknown, PX_EREJECT not negative) / -2. */
static int loop_load(struct px_store *st, const char *survey, struct loop *l, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, LOOP_SQL "WHERE s.public_id = ?1", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, survey);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		loop_fill(s, l);
	px_stmt_reset(s);
	if (rc < 0)
		return -2;
	if (rc == 0)
		return px_err_set(err, PX_EUSAGE, "unknown survey '%s'", survey);
	if (!l->negative)
		return px_err_set(err, PX_EREJECT, "survey '%s' is not negative", survey);
	return 0;
}

static int may(const struct px_contact_io *io, enum px_role min, const struct loop *l,
	       const char *verb, struct px_err *err)
{
	char what[200];
	snprintf(what, sizeof what, "%s for hospital '%s'", verb, l->hospital);
	return px_auth_require(io->actor, min, l->hospital_id, what, err);
}

static int now_text(char at[PX_TIME_UTC_LEN], int64_t *now, struct px_err *err)
{
	int64_t t;
	if (px_time_now(&t, err))
		return -1;
	px_time_format_utc(t, at);
	if (now)
		*now = t;
	return 0;
}

static void set_text_or_null(struct px_rec *r, const char *key, const char *v)
{
	px_rec_set_str(r, key, v && *v ? v : NULL);
}

static void set_score(struct px_rec *r, const struct loop *l)
{
	if (l->has_score)
		px_rec_set_num(r, "score", l->score);
	else
		px_rec_set_null(r, "score");
}

/* Makes sure the survey has its follow-up row. */
static int followup_row(struct px_store *st, int64_t survey_id, const char *at, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"INSERT OR IGNORE INTO survey_followups (survey_id, state, created_at, updated_at) "
		"VALUES (?1, 'awaiting_contact', ?2, ?2)", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, survey_id);
	px_stmt_text(s, 2, at);
	return px_stmt_run(s, err);
}

static int audit(struct px_store *st, const char *actor, const char *action, const char *type,
		 const char *id, struct px_rec *details, struct px_err *err)
{
	int rc = px_audit_record(st, actor, action, type, id, details, err);
	px_rec_free(details);
	return rc;
}

/* Ends a write: commits when rc is 0, else rolls back; maps the error to
 * the -1/-2 convention. */
static int finish(struct px_store *st, int rc, struct px_err *err)
{
	if (rc == 0 && px_store_commit(st, err) == 0)
		return 0;
	px_store_rollback(st);
	return err->code == PX_EREJECT || err->code == PX_EPERM || err->code == PX_EUSAGE ? -1 : -2;
}

static struct px_rec *escalated_record(const struct loop *l, const char *reason,
				       const char *feedback, const char *at, const char *by)
{
	struct px_rec *r = px_rec_new("survey.escalated");
	px_rec_set_str(r, "survey", l->pid);
	px_rec_set_str(r, "patient", l->patient);
	px_rec_set_str(r, "hospital", l->hospital);
	set_text_or_null(r, "department", l->department);
	px_rec_set_str(r, "template", l->tpl);
	set_score(r, l);
	px_rec_set_str(r, "reason", reason);
	set_text_or_null(r, "feedback", feedback);
	px_rec_set_str(r, "escalated_at", at);
	px_rec_set_str(r, "by", by);
	return r;
}

/* ---------- the queue ---------- */

static struct px_rec *item_record(const struct loop *l, int64_t now)
{
	struct px_rec *r = px_rec_new("contact.item");
	px_rec_set_str(r, "survey", l->pid);
	px_rec_set_str(r, "hospital", l->hospital);
	set_text_or_null(r, "department", l->department);
	px_rec_set_str(r, "template", l->tpl);
	set_score(r, l);
	set_text_or_null(r, "completed_at", l->completed_at);
	int64_t done;
	if (l->completed_at[0] && !px_time_parse(l->completed_at, &done))
		px_rec_set_int(r, "age_hours", (now - done) / 3600);
	else
		px_rec_set_null(r, "age_hours");
	px_rec_set_str(r, "state", l->state);
	set_text_or_null(r, "contacted_at", l->contacted_at);
	set_text_or_null(r, "satisfaction_sent_at", l->satisfaction_sent_at);
	return r;
}

int px_contact_queue(const struct px_contact_io *io, const struct px_contact_filter *f,
		     struct px_err *err)
{
	int64_t now;
	char at[PX_TIME_UTC_LEN], since[PX_TIME_UTC_LEN], until[PX_TIME_UTC_LEN];
	if (now_text(at, &now, err))
		return -2;
	struct px_stmt *s = px_stmt_prepare(io->st, LOOP_SQL
		"WHERE s.negative = 1 AND (?1 IS NULL OR h.code = ?1) AND (?2 IS NULL OR d.code = ?2) "
		"AND (?3 IS NULL OR COALESCE(f.state, 'awaiting_contact') = ?3) "
		"AND (?4 OR COALESCE(f.state, 'awaiting_contact') <> 'closed') "
		"AND (?5 IS NULL OR s.completed_at >= ?5) AND (?6 IS NULL OR s.completed_at < ?6) "
		"ORDER BY s.completed_at, s.id", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, f->hospital);
	px_stmt_text(s, 2, f->department);
	px_stmt_text(s, 3, f->state);
	px_stmt_int(s, 4, f->all || (f->state && !strcmp(f->state, "closed")));
	if (f->since) {
		px_time_format_utc(f->since, since);
		px_stmt_text(s, 5, since);
	}
	if (f->until) {
		px_time_format_utc(f->until, until);
		px_stmt_text(s, 6, until);
	}
	int rc;
	struct loop l;
	while ((rc = px_stmt_step(s, err)) == 1) {
		loop_fill(s, &l);
		if (!px_auth_in_scope(io->actor, l.hospital_id))
			continue;
		struct px_rec *r = item_record(&l, now);
		io->emit(r, io->ctx);
		px_rec_free(r);
	}
	return rc < 0 ? -2 : 0;
}

int px_contact_queue_record(const struct px_contact_io *io, struct px_rec *r, struct px_err *err)
{
	const char *type = px_rec_type(r);
	if (!type || strcmp(type, "survey.negative"))
		return 1;
	const char *survey = px_rec_get(r, "survey");
	if (!survey)
		return px_err_set(err, PX_EREJECT, "survey.negative record has no 'survey'");
	struct loop l;
	int rc = loop_load(io->st, survey, &l, err);
	if (rc == -1)
		err->code = PX_EREJECT;
	if (rc)
		return rc;
	if (may(io, PX_ROLE_VIEWER, &l, "read surveys", err))
		return -1;
	int64_t now;
	char at[PX_TIME_UTC_LEN];
	if (now_text(at, &now, err))
		return -2;
	struct px_rec *item = item_record(&l, now);
	io->emit(item, io->ctx);
	px_rec_free(item);
	return 0;
}

/* ---------- acting on a loop ---------- */

int px_contact_log(const struct px_contact_io *io, const char *survey, const char *notes,
		   const char *outcome, struct px_err *err)
{
	struct loop l;
	int rc = loop_load(io->st, survey, &l, err);
	if (rc)
		return rc;
	if (may(io, PX_ROLE_HOSPITAL_ADMIN, &l, "log patient contact", err))
		return -1;
	if (!notes || !*notes)
		return px_err_set(err, PX_EUSAGE, "contact notes are required"), -1;
	if (outcome && strcmp(outcome, "resolved") && strcmp(outcome, "explained"))
		return px_err_set(err, PX_EUSAGE, "unknown outcome '%s'", outcome), -1;
	char at[PX_TIME_UTC_LEN];
	if (now_text(at, NULL, err) || px_store_begin(io->st, err))
		return -2;
	/* the state again, inside the write lock */
	if ((rc = loop_load(io->st, survey, &l, err)))
		return finish(io->st, -1, err);
	if (!strcmp(l.state, "closed"))
		return finish(io->st, px_err_set(err, PX_EREJECT, "the loop of survey '%s' is closed",
						 survey), err);
	rc = followup_row(io->st, l.id, at, err);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(io->st,
		"UPDATE survey_followups SET state = 'contacted', contacted = 1, contacted_at = ?2, "
		"contacted_by = ?3, contact_notes = ?4, outcome = ?5, issue_resolved = ?6, "
		"first_contacted_at = COALESCE(first_contacted_at, ?2), contacts = contacts + 1, "
		"updated_at = ?2 WHERE survey_id = ?1", err);
	if (!s)
		return finish(io->st, -1, err);
	px_stmt_int(s, 1, l.id);
	px_stmt_text(s, 2, at);
	px_stmt_text(s, 3, io->actor->name);
	px_stmt_text(s, 4, notes);
	px_stmt_text(s, 5, outcome);
	px_stmt_int(s, 6, outcome && !strcmp(outcome, "resolved"));
	if (px_stmt_run(s, err))
		return finish(io->st, -1, err);
	s = px_stmt_prepare(io->st, "INSERT INTO survey_contacts (survey_id, at, by, notes, outcome) "
			    "VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!s)
		return finish(io->st, -1, err);
	px_stmt_int(s, 1, l.id);
	px_stmt_text(s, 2, at);
	px_stmt_text(s, 3, io->actor->name);
	px_stmt_text(s, 4, notes);
	px_stmt_text(s, 5, outcome);
	if (px_stmt_run(s, err))
		return finish(io->st, -1, err);
	/* notes stay out of the audit trail: they may name the patient */
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", l.state);
	px_rec_set_str(d, "outcome", outcome);
	return finish(io->st, audit(io->st, io->actor->name, "survey_patient_contacted", "survey",
				    l.pid, d, err), err);
}

int px_contact_satisfaction(const struct px_contact_io *io, const char *survey, int again,
			    struct px_err *err)
{
	struct loop l;
	int rc = loop_load(io->st, survey, &l, err);
	if (rc)
		return rc;
	if (may(io, PX_ROLE_HOSPITAL_ADMIN, &l, "send satisfaction checks", err))
		return -1;
	int64_t now;
	char at[PX_TIME_UTC_LEN], fid[PX_ID_LEN], check[PX_ID_LEN];
	if (now_text(at, &now, err) || px_store_begin(io->st, err))
		return -2;
	if ((rc = loop_load(io->st, survey, &l, err)))
		return finish(io->st, -1, err);
	if (!strcmp(l.state, "closed"))
		rc = px_err_set(err, PX_EREJECT, "the loop of survey '%s' is closed", survey);
	else if (!strcmp(l.state, "awaiting_contact"))
		rc = px_err_set(err, PX_EREJECT, "the patient of survey '%s' has not been contacted yet",
				survey);
	else if (!strcmp(l.state, "escalated"))
		rc = px_err_set(err, PX_EREJECT, "survey '%s' was escalated: contact the patient again first",
				survey);
	else if (!strcmp(l.state, "satisfaction_sent") && !again)
		rc = px_err_set(err, PX_EREJECT, "a satisfaction check for survey '%s' was already sent "
				"at %s (--again sends another)", survey, l.satisfaction_sent_at);
	if (rc || px_id_new("fbk", fid, err))
		return finish(io->st, -1, err);
	struct px_stmt *s = px_stmt_prepare(io->st,
		"INSERT INTO feedback (public_id, type, status, hospital_id, department_id, patient_id, "
		"related_survey_id, created_by, created_at, updated_at) "
		"VALUES (?1, 'satisfaction_check', 'submitted', ?2, ?3, ?4, ?5, ?6, ?7, ?7)", err);
	if (!s)
		return finish(io->st, -1, err);
	px_stmt_text(s, 1, fid);
	px_stmt_int(s, 2, l.hospital_id);
	if (l.department_id)
		px_stmt_int(s, 3, l.department_id);
	px_stmt_int(s, 4, l.patient_id);
	px_stmt_int(s, 5, l.id);
	px_stmt_text(s, 6, io->actor->name);
	px_stmt_text(s, 7, at);
	if (px_stmt_run(s, err))
		return finish(io->st, -1, err);
	int64_t fbk_row = px_store_last_id(io->st), check_id;
	struct px_ctx scx = { .st = io->st, .cfg = io->cfg, .actor = io->actor };
	struct px_rec *note = NULL;
	rc = px_survey_followup(&scx, l.id, "satisfaction_check", fid, check, &check_id, err);
	if (scx.nafter) {
		note = scx.after[0];
		scx.nafter = 0;
	}
	px_ctx_release(&scx);
	if (rc)
		return finish(io->st, -1, err);
	s = px_stmt_prepare(io->st, "UPDATE feedback SET check_survey_id = ?2 WHERE id = ?1", err);
	if (s) {
		px_stmt_int(s, 1, fbk_row);
		px_stmt_int(s, 2, check_id);
		rc = px_stmt_run(s, err);
	}
	if (!s || rc || followup_row(io->st, l.id, at, err))
		goto fail;
	s = px_stmt_prepare(io->st,
		"UPDATE survey_followups SET state = 'satisfaction_sent', satisfaction_sent = 1, "
		"satisfaction_sent_at = ?2, satisfaction_count = satisfaction_count + 1, "
		"satisfaction_outcome = NULL, updated_at = ?2 WHERE survey_id = ?1", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, l.id);
	px_stmt_text(s, 2, at);
	if (px_stmt_run(s, err))
		goto fail;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "feedback", fid);
	px_rec_set_str(d, "check_survey", check);
	px_rec_set_bool(d, "again", !strcmp(l.state, "satisfaction_sent"));
	if (audit(io->st, io->actor->name, "satisfaction_feedback_sent", "survey", l.pid, d, err))
		goto fail;
	d = px_rec_new(NULL);
	px_rec_set_str(d, "feedback_type", "satisfaction_check");
	px_rec_set_str(d, "related_survey", l.pid);
	if (audit(io->st, io->actor->name, "feedback_created", "feedback", fid, d, err))
		goto fail;
	if (finish(io->st, 0, err)) {
		px_rec_free(note);
		return -2;
	}
	io->emit(note, io->ctx);
	px_rec_free(note);
	return 0;
fail:
	px_rec_free(note);
	return finish(io->st, -1, err);
}

/* Closes the feedback records of the loop that are still open. */
static int close_feedback(struct px_store *st, const char *actor, int64_t survey_id,
			  const char *at, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT public_id FROM feedback WHERE related_survey_id = ?1 AND status <> 'closed' "
		"ORDER BY id", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, survey_id);
	char **ids = NULL;
	size_t n = 0;
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		ids = px_xrealloc(ids, (n + 1) * sizeof *ids);
		ids[n++] = px_xstrdup(px_stmt_col_text(s, 0));
	}
	for (size_t i = 0; i < n; i++) {
		if (rc >= 0 && (s = px_stmt_prepare(st, "UPDATE feedback SET status = 'closed', "
						    "closed_at = ?2, updated_at = ?2 WHERE public_id = ?1",
						    err))) {
			px_stmt_text(s, 1, ids[i]);
			px_stmt_text(s, 2, at);
			rc = px_stmt_run(s, err);
			if (!rc)
				rc = audit(st, actor, "feedback_closed", "feedback", ids[i], NULL, err);
		} else {
			rc = -1;
		}
		free(ids[i]);
	}
	free(ids);
	return rc < 0 ? -1 : 0;
}

/*
 * Closes or escalates a loop by hand (to is "closed" or "escalated"),
 * with notes, in one transaction with its audit event.  A closed loop,
 * and one already in the state asked for, are refused.
 */
static int by_hand(const struct px_contact_io *io, const char *survey, const char *notes,
		   const char *to, struct loop *l, char at[PX_TIME_UTC_LEN], struct px_err *err)
{
	int closing = !strcmp(to, "closed");
	int rc = loop_load(io->st, survey, l, err);
	if (rc)
		return rc;
	if (may(io, PX_ROLE_HOSPITAL_ADMIN, l, closing ? "close survey loops" : "escalate surveys", err))
		return -1;
	if (!notes || !*notes)
		return px_err_set(err, PX_EUSAGE, "%s notes are required",
				  closing ? "closing" : "escalation"), -1;
	if (now_text(at, NULL, err) || px_store_begin(io->st, err))
		return -2;
	if ((rc = loop_load(io->st, survey, l, err)))
		return finish(io->st, -1, err);
	if (!strcmp(l->state, "closed") || !strcmp(l->state, to))
		return finish(io->st, px_err_set(err, PX_EREJECT, "the loop of survey '%s' is already %s",
						 survey, l->state), err);
	struct px_stmt *s = followup_row(io->st, l->id, at, err) ? NULL : px_stmt_prepare(io->st, closing
		? "UPDATE survey_followups SET state = 'closed', closed_at = ?2, closed_by = ?3, "
		  "notes = ?4, updated_at = ?2 WHERE survey_id = ?1"
		: "UPDATE survey_followups SET state = 'escalated', escalated_at = ?2, escalated_by = ?3, "
		  "notes = ?4, updated_at = ?2 WHERE survey_id = ?1", err);
	if (!s)
		return finish(io->st, -1, err);
	px_stmt_int(s, 1, l->id);
	px_stmt_text(s, 2, at);
	px_stmt_text(s, 3, io->actor->name);
	px_stmt_text(s, 4, notes);
	if (px_stmt_run(s, err) || (closing && close_feedback(io->st, io->actor->name, l->id, at, err)))
		return finish(io->st, -1, err);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", l->state);
	if (closing)
		px_rec_set_bool(d, "by_hand", 1);
	else
		px_rec_set_str(d, "reason", "by_hand");
	return finish(io->st, audit(io->st, io->actor->name,
				    closing ? "survey_loop_closed" : "survey_escalated", "survey",
				    l->pid, d, err), err);
}

int px_contact_close(const struct px_contact_io *io, const char *survey, const char *notes,
		     struct px_err *err)
{
	struct loop l;
	char at[PX_TIME_UTC_LEN];
	return by_hand(io, survey, notes, "closed", &l, at, err);
}

int px_contact_escalate(const struct px_contact_io *io, const char *survey, const char *notes,
			struct px_err *err)
{
	struct loop l;
	char at[PX_TIME_UTC_LEN];
	int rc = by_hand(io, survey, notes, "escalated", &l, at, err);
	if (rc)
		return rc;
	struct px_rec *r = escalated_record(&l, "by_hand", NULL, at, io->actor->name);
	io->emit(r, io->ctx);
	px_rec_free(r);
	return 0;
}

int px_contact_check_completed(struct px_store *st, const char *actor, int64_t check_survey,
			       int satisfied, const char *at, struct px_rec **escalated,
			       struct px_err *err)
{
	*escalated = NULL;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT f.public_id, r.public_id FROM feedback f JOIN surveys r ON r.id = f.related_survey_id "
		"WHERE f.check_survey_id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, check_survey);
	int rc = px_stmt_step(s, err);
	char fid[PX_ID_LEN] = "", rel[PX_ID_LEN] = "";
	if (rc == 1) {
		px_strlcpy(fid, px_stmt_col_text(s, 0), sizeof fid);
		px_strlcpy(rel, px_stmt_col_text(s, 1), sizeof rel);
	}
	px_stmt_reset(s);
	if (rc <= 0 || satisfied < 0)
		return rc < 0 ? -1 : 0;
	struct loop l;
	if (loop_load(st, rel, &l, err))
		return -1;
	const char *outcome = satisfied ? "satisfied" : "not_satisfied";
	s = px_stmt_prepare(st, "UPDATE feedback SET outcome = ?2, status = ?3, updated_at = ?4, "
			    "closed_at = CASE WHEN ?3 = 'closed' THEN ?4 END WHERE public_id = ?1", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, fid);
	px_stmt_text(s, 2, outcome);
	px_stmt_text(s, 3, satisfied ? "closed" : "reviewed");
	px_stmt_text(s, 4, at);
	if (px_stmt_run(s, err))
		return -1;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "outcome", outcome);
	if (audit(st, actor, satisfied ? "feedback_closed" : "feedback_reviewed", "feedback", fid, d, err))
		return -1;
	/* the loop moves on only while it waits for this answer */
	if (strcmp(l.state, "satisfaction_sent"))
		return 0;
	s = px_stmt_prepare(st, satisfied
		? "UPDATE survey_followups SET state = 'closed', satisfaction_outcome = 'satisfied', "
		  "closed_at = ?2, closed_by = ?3, updated_at = ?2 WHERE survey_id = ?1"
		: "UPDATE survey_followups SET state = 'escalated', satisfaction_outcome = 'not_satisfied', "
		  "escalated_at = ?2, escalated_by = ?3, updated_at = ?2 WHERE survey_id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, l.id);
	px_stmt_text(s, 2, at);
	px_stmt_text(s, 3, actor);
	if (px_stmt_run(s, err))
		return -1;
	d = px_rec_new(NULL);
	px_rec_set_str(d, "from", l.state);
	px_rec_set_str(d, "feedback", fid);
	px_rec_set_str(d, "reason", outcome);
	if (audit(st, actor, satisfied ? "survey_loop_closed" : "survey_escalated", "survey", l.pid, d, err))
		return -1;
	if (!satisfied)
		*escalated = escalated_record(&l, "not_satisfied", fid, at, actor);
	return 0;
}

/* ---------- reading ---------- */

static struct px_rec *feedback_record(struct px_stmt *s)
{
	/* columns: public_id, type, status, hospital, department, related,
	 * check, outcome, created_by, created_at, closed_at */
	struct px_rec *r = px_rec_new("feedback");
	px_rec_set_str(r, "id", px_stmt_col_text(s, 0));
	px_rec_set_str(r, "feedback_type", px_stmt_col_text(s, 1));
	px_rec_set_str(r, "status", px_stmt_col_text(s, 2));
	px_rec_set_str(r, "hospital", px_stmt_col_text(s, 3));
	set_text_or_null(r, "department", px_stmt_col_text(s, 4));
	set_text_or_null(r, "related_survey", px_stmt_col_text(s, 5));
	set_text_or_null(r, "check_survey", px_stmt_col_text(s, 6));
	set_text_or_null(r, "outcome", px_stmt_col_text(s, 7));
	px_rec_set_str(r, "created_by", px_stmt_col_text(s, 8));
	px_rec_set_str(r, "created_at", px_stmt_col_text(s, 9));
	set_text_or_null(r, "closed_at", px_stmt_col_text(s, 10));
	return r;
}

#define FEEDBACK_SQL \
	"SELECT f.public_id, f.type, f.status, h.code, COALESCE(d.code, ''), " \
	"COALESCE(r.public_id, ''), COALESCE(c.public_id, ''), COALESCE(f.outcome, ''), " \
	"f.created_by, f.created_at, COALESCE(f.closed_at, ''), f.hospital_id, f.related_survey_id " \
	"FROM feedback f JOIN hospitals h ON h.id = f.hospital_id " \
	"LEFT JOIN departments d ON d.id = f.department_id " \
	"LEFT JOIN surveys r ON r.id = f.related_survey_id " \
	"LEFT JOIN surveys c ON c.id = f.check_survey_id "

int px_contact_show(const struct px_contact_io *io, const char *survey, struct px_err *err)
{
	struct loop l;
	int rc = loop_load(io->st, survey, &l, err);
	if (rc)
		return rc;
	if (may(io, PX_ROLE_VIEWER, &l, "read surveys", err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(io->st,
		"SELECT contacted, COALESCE(contacted_by, ''), COALESCE(contact_notes, ''), "
		"COALESCE(outcome, ''), issue_resolved, contacts, satisfaction_sent, "
		"COALESCE(satisfaction_outcome, ''), COALESCE(closed_at, ''), COALESCE(escalated_at, ''), "
		"COALESCE(notes, '') FROM survey_followups WHERE survey_id = ?1", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, l.id);
	rc = px_stmt_step(s, err);
	if (rc < 0)
		return -2;
	struct px_rec *r = px_rec_new("contact.survey");
	px_rec_set_str(r, "survey", l.pid);
	px_rec_set_str(r, "hospital", l.hospital);
	set_text_or_null(r, "department", l.department);
	px_rec_set_str(r, "template", l.tpl);
	set_score(r, &l);
	set_text_or_null(r, "completed_at", l.completed_at);
	px_rec_set_str(r, "state", l.state);
	if (!strcmp(l.state, "awaiting_contact"))
		px_rec_set_str(r, "warning", "Action required: contact the patient to discuss this negative survey");
	else if (!strcmp(l.state, "escalated"))
		px_rec_set_str(r, "warning", "Escalated: the patient is not satisfied; contact the patient again");
	else
		px_rec_set_null(r, "warning");
	int row = rc == 1;
	px_rec_set_bool(r, "contacted", row && px_stmt_col_int(s, 0));
	set_text_or_null(r, "contacted_at", l.contacted_at);
	set_text_or_null(r, "contacted_by", row ? px_stmt_col_text(s, 1) : NULL);
	set_text_or_null(r, "contact_notes", row ? px_stmt_col_text(s, 2) : NULL);
	set_text_or_null(r, "outcome", row ? px_stmt_col_text(s, 3) : NULL);
	px_rec_set_bool(r, "issue_resolved", row && px_stmt_col_int(s, 4));
	px_rec_set_int(r, "contacts", row ? px_stmt_col_int(s, 5) : 0);
	px_rec_set_bool(r, "satisfaction_sent", row && px_stmt_col_int(s, 6));
	set_text_or_null(r, "satisfaction_sent_at", l.satisfaction_sent_at);
	set_text_or_null(r, "satisfaction_outcome", row ? px_stmt_col_text(s, 7) : NULL);
	set_text_or_null(r, "closed_at", row ? px_stmt_col_text(s, 8) : NULL);
	set_text_or_null(r, "escalated_at", row ? px_stmt_col_text(s, 9) : NULL);
	set_text_or_null(r, "notes", row ? px_stmt_col_text(s, 10) : NULL);
	px_stmt_reset(s);
	io->emit(r, io->ctx);
	px_rec_free(r);
	s = px_stmt_prepare(io->st, "SELECT at, by, COALESCE(outcome, ''), notes FROM survey_contacts "
			    "WHERE survey_id = ?1 ORDER BY at, id", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, l.id);
	while ((rc = px_stmt_step(s, err)) == 1) {
		r = px_rec_new("contact.log");
		px_rec_set_str(r, "survey", l.pid);
		px_rec_set_str(r, "at", px_stmt_col_text(s, 0));
		px_rec_set_str(r, "by", px_stmt_col_text(s, 1));
		set_text_or_null(r, "outcome", px_stmt_col_text(s, 2));
		px_rec_set_str(r, "notes", px_stmt_col_text(s, 3));
		io->emit(r, io->ctx);
		px_rec_free(r);
	}
	if (rc < 0)
		return -2;
	s = px_stmt_prepare(io->st, FEEDBACK_SQL "WHERE f.related_survey_id = ?1 ORDER BY f.id", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, l.id);
	while ((rc = px_stmt_step(s, err)) == 1) {
		r = feedback_record(s);
		io->emit(r, io->ctx);
		px_rec_free(r);
	}
	return rc < 0 ? -2 : 0;
}

int px_contact_feedback_list(const struct px_contact_io *io, const struct px_feedback_filter *f,
			     struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(io->st, FEEDBACK_SQL
		"WHERE (?1 IS NULL OR h.code = ?1) AND (?2 IS NULL OR f.type = ?2) "
		"AND (?3 IS NULL OR f.status = ?3) ORDER BY f.created_at, f.id", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, f->hospital);
	px_stmt_text(s, 2, f->type);
	px_stmt_text(s, 3, f->status);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		if (!px_auth_in_scope(io->actor, px_stmt_col_int(s, 11)))
			continue;
		struct px_rec *r = feedback_record(s);
		io->emit(r, io->ctx);
		px_rec_free(r);
	}
	return rc < 0 ? -2 : 0;
}

int px_contact_feedback_show(const struct px_contact_io *io, const char *id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(io->st, FEEDBACK_SQL "WHERE f.public_id = ?1", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc <= 0) {
		px_stmt_reset(s);
		return rc < 0 ? -2 : (px_err_set(err, PX_EUSAGE, "unknown feedback '%s'", id), -1);
	}
	char what[160], related[PX_ID_LEN];
	snprintf(what, sizeof what, "read feedback of hospital '%s'", px_stmt_col_text(s, 3));
	if (px_auth_require(io->actor, PX_ROLE_VIEWER, px_stmt_col_int(s, 11), what, err)) {
		px_stmt_reset(s);
		return -1;
	}
	struct px_rec *r = feedback_record(s);
	px_strlcpy(related, px_stmt_col_text(s, 5), sizeof related);
	px_stmt_reset(s);
	io->emit(r, io->ctx);
	px_rec_free(r);
	if (!related[0])
		return 0;
	struct loop l;
	if ((rc = loop_load(io->st, related, &l, err)))
		return rc;
	s = px_stmt_prepare(io->st, "SELECT COALESCE(contacted_by, ''), COALESCE(contact_notes, ''), "
			    "COALESCE(outcome, '') FROM survey_followups WHERE survey_id = ?1", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, l.id);
	rc = px_stmt_step(s, err);
	if (rc < 0)
		return -2;
	r = px_rec_new("feedback.survey");
	px_rec_set_str(r, "feedback", id);
	px_rec_set_str(r, "survey", l.pid);
	px_rec_set_str(r, "template", l.tpl);
	set_score(r, &l);
	set_text_or_null(r, "completed_at", l.completed_at);
	px_rec_set_str(r, "state", l.state);
	set_text_or_null(r, "contacted_at", l.contacted_at);
	set_text_or_null(r, "contacted_by", rc == 1 ? px_stmt_col_text(s, 0) : NULL);
	set_text_or_null(r, "contact_notes", rc == 1 ? px_stmt_col_text(s, 1) : NULL);
	set_text_or_null(r, "outcome", rc == 1 ? px_stmt_col_text(s, 2) : NULL);
	px_stmt_reset(s);
	io->emit(r, io->ctx);
	px_rec_free(r);
	return 0;
}

static const char *const fb_states[] = { "submitted", "reviewed", "acknowledged", "closed", NULL };

static int fb_rank(const char *status)
{
	for (int i = 0; fb_states[i]; i++)
		if (!strcmp(status, fb_states[i]))
			return i;
	return -1;
}

/* Emits the feedback record with this row id. */
static int emit_feedback(const struct px_contact_io *io, int64_t row, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(io->st, FEEDBACK_SQL "WHERE f.id = ?1", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, row);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		struct px_rec *r = feedback_record(s);
		io->emit(r, io->ctx);
		px_rec_free(r);
	}
	px_stmt_reset(s);
	return rc < 0 ? -2 : 0;
}

int px_contact_feedback_add(const struct px_contact_io *io, const char *type,
			    const char *hospital, const char *department, const char *mrn,
			    const char *notes, struct px_err *err)
{
	static const char *const types[] = { "compliment", "suggestion", "general", "inquiry", NULL };
	int known = 0;
	for (int i = 0; types[i]; i++)
		known |= type && !strcmp(type, types[i]);
	if (!known)
		return px_err_set(err, PX_EUSAGE, "feedback type must be compliment, suggestion, "
				  "general or inquiry, not '%s'", type ? type : ""), -1;
	if (!notes || !*notes)
		return px_err_set(err, PX_EUSAGE, "feedback needs --notes"), -1;
	int64_t hid, did = 0, pid = 0;
	int rc = px_org_hospital_id(io->st, hospital, &hid, err);
	if (rc <= 0)
		return rc < 0 ? -2 : (px_err_set(err, PX_EUSAGE, "unknown hospital '%s'", hospital), -1);
	char what[160];
	snprintf(what, sizeof what, "record feedback for hospital '%s'", hospital);
	if (px_auth_require(io->actor, PX_ROLE_STAFF, hid, what, err))
		return -1;
	if (department) {
		rc = px_org_department_id(io->st, hid, department, &did, err);
		if (rc <= 0)
			return rc < 0 ? -2 : (px_err_set(err, PX_EUSAGE, "unknown department '%s'", department), -1);
	}
	if (mrn) {
		struct px_stmt *s = px_stmt_prepare(io->st,
			"SELECT id FROM patients WHERE hospital_id = ?1 AND mrn = ?2", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, hid);
		px_stmt_text(s, 2, mrn);
		rc = px_stmt_step(s, err);
		if (rc == 1)
			pid = px_stmt_col_int(s, 0);
		px_stmt_reset(s);
		if (rc <= 0)
			return rc < 0 ? -2 : (px_err_set(err, PX_EUSAGE, "no such patient in hospital '%s'",
							  hospital), -1);
	}
	char at[PX_TIME_UTC_LEN], fid[PX_ID_LEN];
	if (now_text(at, NULL, err) || px_id_new("fbk", fid, err) || px_store_begin(io->st, err))
		return -2;
	struct px_stmt *s = px_stmt_prepare(io->st,
		"INSERT INTO feedback (public_id, type, status, hospital_id, department_id, patient_id, "
		"notes, created_by, created_at, updated_at) "
		"VALUES (?1, ?2, 'submitted', ?3, ?4, ?5, ?6, ?7, ?8, ?8)", err);
	if (!s)
		return finish(io->st, -1, err);
	px_stmt_text(s, 1, fid);
	px_stmt_text(s, 2, type);
	px_stmt_int(s, 3, hid);
	if (did)
		px_stmt_int(s, 4, did);
	if (pid)
		px_stmt_int(s, 5, pid);
	px_stmt_text(s, 6, notes);
	px_stmt_text(s, 7, io->actor->name);
	px_stmt_text(s, 8, at);
	if (px_stmt_run(s, err))
		return finish(io->st, -1, err);
	int64_t row = px_store_last_id(io->st);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "feedback_type", type);
	if ((rc = finish(io->st, audit(io->st, io->actor->name, "feedback_created", "feedback", fid,
				       d, err), err)))
		return rc;
	return emit_feedback(io, row, err);
}

int px_contact_feedback_set(const struct px_contact_io *io, const char *id, const char *status,
			    const char *notes, struct px_err *err)
{
	int to = status ? fb_rank(status) : -1;
	if (to <= 0)
		return px_err_set(err, PX_EUSAGE, "--status must be reviewed, acknowledged or closed, "
				  "not '%s'", status ? status : ""), -1;
	if (px_store_begin(io->st, err))
		return -2;
	struct px_stmt *s = px_stmt_prepare(io->st,
		"SELECT f.id, f.type, f.status, f.hospital_id, h.code FROM feedback f "
		"JOIN hospitals h ON h.id = f.hospital_id WHERE f.public_id = ?1", err);
	if (!s)
		return finish(io->st, -1, err);
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	int64_t row = 0, hid = 0;
	char type[32] = "", from[24] = "", code[40] = "";
	if (rc == 1) {
		row = px_stmt_col_int(s, 0);
		px_strlcpy(type, px_stmt_col_text(s, 1), sizeof type);
		px_strlcpy(from, px_stmt_col_text(s, 2), sizeof from);
		hid = px_stmt_col_int(s, 3);
		px_strlcpy(code, px_stmt_col_text(s, 4), sizeof code);
	}
	px_stmt_reset(s);
	if (rc <= 0)
		return finish(io->st, rc < 0 ? -1 : px_err_set(err, PX_EUSAGE, "unknown feedback '%s'", id), err);
	char what[160];
	snprintf(what, sizeof what, "handle feedback for hospital '%s'", code);
	if (px_auth_require(io->actor, PX_ROLE_STAFF, hid, what, err))
		return finish(io->st, -1, err);
	if (!strcmp(type, "satisfaction_check"))
		return finish(io->st, px_err_set(err, PX_EREJECT, "feedback '%s' is a satisfaction check: "
						 "its loop sets its status", id), err);
	if (to <= fb_rank(from))
		return finish(io->st, px_err_set(err, PX_EREJECT, "feedback '%s' is already %s", id, from),
			      err);
	s = px_stmt_prepare(io->st, "UPDATE feedback SET status = ?2, notes = COALESCE(?3, notes), "
			    "updated_at = ?4, closed_at = CASE WHEN ?2 = 'closed' THEN ?4 END WHERE id = ?1",
			    err);
	char at[PX_TIME_UTC_LEN];
	if (!s || now_text(at, NULL, err))
		return finish(io->st, -1, err);
	px_stmt_int(s, 1, row);
	px_stmt_text(s, 2, status);
	px_stmt_text(s, 3, notes);
	px_stmt_text(s, 4, at);
	if (px_stmt_run(s, err))
		return finish(io->st, -1, err);
	char action[40];
	snprintf(action, sizeof action, "feedback_%s", status);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", from);
	if ((rc = finish(io->st, audit(io->st, io->actor->name, action, "feedback", id, d, err), err)))
		return rc;
	return emit_feedback(io, row, err);
}

int px_contact_survey_completed(struct px_ctx *cx, const void *payload, struct px_err *err)
{
	const struct px_ev_survey *ev = payload;
	struct px_rec *esc = NULL;
	if (px_contact_check_completed(cx->st, cx->actor->name, ev->survey, ev->satisfied, ev->at,
				       &esc, err))
		return err->code ? err->code : PX_ESTORE;
	if (esc)
		px_emit_after(cx, esc);
	return PX_OK;
}
