/* send.c - sending surveys: due records and rows, one patient by MRN,
 * follow-ups; once per patient, encounter and template, on the channel
 * and under the fatigue rule of core/patient. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/privacy.h"
#include "core/patient_find.h"
#include "base/time.h"
#include "base/token.h"
#include "core/audit.h"
#include "core/org.h"
#include "intake/journey.h"
#include "surveys/internal.h"
#include "base/banned.h"

/* What to send: a due row of the store, or the fields of a request. */
struct send_req {
	int64_t patient_id, hospital_id, department_id, encounter_id, due_id;
	char due_pid[PX_ID_LEN], due_status[16];
	const char *tpl, *channel, *language;
	int fatigue;   /* the stage asks for the rule within its encounter too */
	int named;     /* the status of an unknown thing the request names */
	char *tpl_own, *channel_own; /* copies from a survey_due row */
	char *journey, *stage;       /* the journey stage that made it due */
};

static void req_free(struct send_req *rq)
{
	free(rq->tpl_own);
	free(rq->channel_own);
	free(rq->journey);
	free(rq->stage);
}

#define DUE_COLS "id, public_id, patient_id, encounter_id, hospital_id, department_id, " \
	"template, channel, status, journey, stage"

static int due_fill(struct px_stmt *s, void *vrq)
{
	struct send_req *rq = vrq;
	rq->due_id = px_stmt_col_int(s, 0);
	px_strlcpy(rq->due_pid, px_stmt_col_text(s, 1), sizeof rq->due_pid);
	rq->patient_id = px_stmt_col_int(s, 2);
	rq->encounter_id = px_stmt_col_int(s, 3);
	rq->hospital_id = px_stmt_col_int(s, 4);
	rq->department_id = px_stmt_col_int(s, 5);
	rq->tpl = rq->tpl_own = px_xstrdup(px_stmt_col_text(s, 6));
	rq->channel = rq->channel_own = px_stmt_col_isnull(s, 7) ? NULL
					: px_xstrdup(px_stmt_col_text(s, 7));
	px_strlcpy(rq->due_status, px_stmt_col_text(s, 8), sizeof rq->due_status);
	rq->journey = px_stmt_col_isnull(s, 9) ? NULL : px_xstrdup(px_stmt_col_text(s, 9));
	rq->stage = px_stmt_col_isnull(s, 10) ? NULL : px_xstrdup(px_stmt_col_text(s, 10));
	return 0;
}

/* ---------- creating a survey ---------- */

/* A survey to create: who, what, how, and what the audit event adds. */
struct new_survey {
	const struct px_survey_tpl *t;
	const struct px_patient *p;
	int64_t hospital_id, department_id, encounter_id, due_id;
	const char *key, *channel, *language, *at;
	const char *why, *why_value; /* "due" or "followup_of", and its id */
	struct px_survey_inst in;    /* set by create_survey */
	struct px_survey_link link;  /* set by create_survey; caller frees */
};

/* Inserts the survey and its link, with the survey_sent audit event. */
static int create_survey(struct px_ctx *cx, struct new_survey *ns, struct px_err *err)
{
	long long days;
	int rc = px_survey_expiry_days(cx, &days, err);
	if (rc)
		return rc;
	struct px_survey_inst *in = &ns->in;
	memset(in, 0, sizeof *in);
	if (px_id_new("srv", in->pid, err))
		return err->code ? err->code : PX_ESTORE;
	int64_t now;
	px_time_parse(ns->at, &now);
	in->expires_at = now + days * 86400;
	in->template_id = ns->t->id;
	in->patient_id = ns->p->id;
	in->hospital_id = ns->hospital_id;
	in->department_id = ns->department_id;
	px_strlcpy(in->status, "sent", sizeof in->status);
	px_strlcpy(in->channel, ns->channel, sizeof in->channel);
	px_strlcpy(in->language, ns->language, sizeof in->language);
	char exp[PX_TIME_UTC_LEN];
	px_time_format_utc(in->expires_at, exp);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO surveys (public_id, template_id, patient_id, hospital_id, department_id, "
		"encounter_id, due_id, dedup_key, channel, language, status, sent_at, expires_at, "
		"created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'sent', ?11, "
		"?12, ?11, ?11) RETURNING id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, in->pid);
	px_stmt_int(s, 2, ns->t->id);
	px_stmt_int(s, 3, ns->p->id);
	px_stmt_int(s, 4, ns->hospital_id);
	if (ns->department_id)
		px_stmt_int(s, 5, ns->department_id);
	if (ns->encounter_id)
		px_stmt_int(s, 6, ns->encounter_id);
	if (ns->due_id)
		px_stmt_int(s, 7, ns->due_id);
	px_stmt_text(s, 8, ns->key);
	px_stmt_text(s, 9, in->channel);
	px_stmt_text(s, 10, in->language);
	px_stmt_text(s, 11, ns->at);
	px_stmt_text(s, 12, exp);
	rc = px_stmt_step(s, err);
	if (rc == 1)
		in->id = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	if (rc != 1)
		return rc < 0 ? err->code : px_fail(err, PX_ESTORE, "no id for the new survey");
	if ((rc = px_survey_link(cx, in, ns->at, &ns->link, err)))
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "template", ns->t->name);
	px_rec_set_int(d, "version", ns->t->version);
	px_rec_set_str(d, "channel", in->channel);
	if (ns->why)
		px_rec_set_str(d, ns->why, ns->why_value);
	rc = px_audit_record(cx->st, cx->actor->name, "survey_sent", "survey", in->pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* Why a patient cannot be reached, as --explain and the due row say it. */
static void unreachable(const char *why, int opted, char *buf, size_t size)
{
	if (!strcmp(why, "opted_out") && opted >= 0)
		snprintf(buf, size, "opted out of %s", px_channel_name(opted));
	else if (!strcmp(why, "no_contact"))
		snprintf(buf, size, "no contact");
	else
		snprintf(buf, size, "%s", why);
}

/* ---------- one send ---------- */

/* What one send works with, loaded before its transaction. */
struct job {
	struct send_req *rq;
	struct px_survey_tpl *t;
	struct px_patient p;
	struct px_survey_hospital h;
	int64_t now;
	char at[PX_TIME_UTC_LEN], subject[80], reason[160];
	const char *code; /* the reason as a code (survey_due.reason) */
	char *key;
	int channel;
};

/* What a send comes to. */
enum verdict { SEND, STALE, DUPLICATE, HELD };

static void job_close(struct job *j)
{
	px_survey_tpl_free(j->t);
	px_patient_free(&j->p);
	px_survey_hospital_free(&j->h);
	free(j->key);
}

static int job_open(struct px_ctx *cx, struct job *j, struct px_err *err)
{
	struct send_req *rq = j->rq;
	int rc = px_survey_require(cx, PX_ROLE_STAFF, rq->hospital_id, "send surveys", err);
	if (rc)
		return rc;
	j->now = px_now(cx);
	px_time_format_utc(j->now, j->at);
	int64_t tid;
	rc = px_survey_tpl_current(cx->st, rq->tpl, &tid, err);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, rq->named, "unknown template '%s'", rq->tpl);
	if (!(j->t = px_survey_tpl_load(cx->st, tid, err)))
		return err->code;
	if ((rc = px_patient_load(cx->st, rq->patient_id, &j->p, err)) ||
	    (rc = px_survey_hospital_load(cx->st, rq->hospital_id, &j->h, err)))
		return rc;
	snprintf(j->subject, sizeof j->subject, "%s", rq->due_id ? rq->due_pid : j->p.pid);
	return PX_OK;
}

/* The dedup key, "patient|encounter|template"; *existing the survey
 * already sent with it, or "". */
static int dedup(struct px_ctx *cx, struct job *j, char existing[PX_ID_LEN], struct px_err *err)
{
	char enc[PX_ID_LEN] = "-";
	existing[0] = '\0';
	if (j->rq->encounter_id) {
		struct px_stmt *s = px_stmt_prepare(cx->st,
			"SELECT public_id FROM encounters WHERE id = ?1", err);
		if (!s)
			return err->code;
		px_stmt_int(s, 1, j->rq->encounter_id);
		int rc = px_stmt_step(s, err);
		if (rc == 1)
			px_strlcpy(enc, px_stmt_col_text(s, 0), sizeof enc);
		px_stmt_reset(s);
		if (rc != 1)
			return rc < 0 ? err->code : px_fail(err, PX_ESTORE, "encounter row is missing");
	}
	j->key = px_xasprintf("%s|%s|%s", j->p.pid, enc, j->t->name);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT public_id FROM surveys WHERE dedup_key = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, j->key);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		px_strlcpy(existing, px_stmt_col_text(s, 0), PX_ID_LEN);
	px_stmt_reset(s);
	return rc < 0 ? err->code : PX_OK;
}

/* Whether the journey stage that made the survey due says fatigue=yes
 * (intake/journey.h): the encounter's own surveys then count for the
 * fatigue rule at sending as they did when the import made it due.  A
 * journey that cannot be read (the import checked it) or no longer has
 * the stage says no. */
static int stage_fatigue(struct px_ctx *cx, const struct send_req *rq)
{
	if (!rq->journey || !rq->stage)
		return 0;
	char dir[4096];
	struct px_journeys js;
	struct px_err e;
	px_err_clear(&e);
	if (px_journeys_load(px_journeys_dir(cx->cfg, dir, sizeof dir), &js, &e))
		return 0;
	int yes = 0;
	const struct px_journey *jr = px_journeys_find(&js, rq->journey);
	for (size_t k = 0; jr && k < jr->nstages; k++)
		if (!strcmp(jr->stages[k].name, rq->stage))
			yes = jr->stages[k].fatigue;
	px_journeys_free(&js);
	return yes;
}

/* Why the survey must not be sent now (j->reason, in words, and j->code,
 * the code reports group by), or "" to send it on j->channel. */
static int hold(struct px_ctx *cx, struct job *j, struct px_err *err)
{
	j->reason[0] = '\0';
	if (!j->t->active) {
		j->code = "template_disabled";
		snprintf(j->reason, sizeof j->reason, "template disabled");
		return PX_OK;
	}
	char blocking[PX_ID_LEN];
	int rc = px_patient_fatigued(cx, j->p.id, j->rq->encounter_id, j->now, j->rq->fatigue,
				     blocking, err);
	if (rc == 0 && !j->rq->fatigue && j->rq->encounter_id && stage_fatigue(cx, j->rq))
		rc = px_patient_fatigued(cx, j->p.id, j->rq->encounter_id, j->now, 1, blocking, err);
	if (rc < 0)
		return -rc;
	if (rc == 1) {
		long long days;
		px_patient_fatigue_days(cx->cfg, &days, err);
		j->code = "fatigue";
		snprintf(j->reason, sizeof j->reason, "fatigue window (%s sent within %lld days)",
			 blocking, days);
		return PX_OK;
	}
	const char *why = NULL;
	int opted;
	j->channel = px_patient_channel(&j->p, j->rq->channel, &why, &opted);
	if (j->channel < 0) {
		j->code = why; /* deceased, opted_out, no_contact */
		unreachable(why, opted, j->reason, sizeof j->reason);
	}
	return PX_OK;
}

/* The due row's new status, with the reason's code and words when it is
 * suppressed (NULL otherwise). */
static int mark_due(struct px_ctx *cx, const struct send_req *rq, const char *status,
		    const char *code, const char *detail, const char *survey, const char *at,
		    struct px_err *err)
{
	if (!rq->due_id)
		return PX_OK;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"UPDATE survey_due SET status = ?2, reason = ?3, reason_detail = ?4, survey_id = ?5, "
		"updated_at = ?6 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, rq->due_id);
	px_stmt_text(s, 2, status);
	px_stmt_text(s, 3, code);
	px_stmt_text(s, 4, detail);
	px_stmt_text(s, 5, survey);
	px_stmt_text(s, 6, at);
	return px_stmt_run(s, err);
}

/* Not sent: the due row (if any) is suppressed with the reason. */
static int suppress(struct px_ctx *cx, struct job *j, struct px_err *err)
{
	const struct send_req *rq = j->rq;
	if (!rq->due_id)
		return PX_OK;
	int rc = mark_due(cx, rq, "suppressed", j->code, j->reason, NULL, j->at, err);
	if (rc)
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "template", rq->tpl);
	px_rec_set_str(d, "reason", j->reason);
	rc = px_audit_record(cx->st, cx->actor->name, "survey_suppressed", "survey_due",
			     rq->due_pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* Inside the transaction: decides what becomes of the send, and records
 * it unless the survey is to be sent. */
static int judge(struct px_ctx *cx, struct job *j, enum verdict *v, struct px_err *err)
{
	const struct send_req *rq = j->rq;
	if (rq->due_id && strcmp(rq->due_status, "due")) {
		/* sent or suppressed by another run meanwhile */
		snprintf(j->reason, sizeof j->reason, "%s",
			 !strcmp(rq->due_status, "sent") ? "duplicate" : rq->due_status);
		*v = STALE;
		return PX_OK;
	}
	char existing[PX_ID_LEN];
	int rc = dedup(cx, j, existing, err);
	if (rc)
		return rc;
	if (existing[0]) {
		snprintf(j->reason, sizeof j->reason, "duplicate (%s)", existing);
		*v = DUPLICATE;
		return mark_due(cx, rq, "sent", NULL, NULL, existing, j->at, err);
	}
	if ((rc = hold(cx, j, err)))
		return rc;
	if (j->reason[0]) {
		*v = HELD;
		return suppress(cx, j, err);
	}
	*v = SEND;
	return PX_OK;
}

/* Inside the transaction: the survey, its link, the due row marked, and
 * the invitation queued in the outbox (*out, the record to print). */
static int send_one(struct px_ctx *cx, struct job *j, struct px_rec **out, struct px_err *err)
{
	const struct send_req *rq = j->rq;
	const char *lang = rq->language && (!strcmp(rq->language, "en") || !strcmp(rq->language, "ar"))
			   ? rq->language : j->p.language;
	struct new_survey ns = {
		.t = j->t, .p = &j->p, .hospital_id = rq->hospital_id,
		.department_id = rq->department_id, .encounter_id = rq->encounter_id,
		.due_id = rq->due_id, .key = j->key, .channel = px_channel_name(j->channel),
		.language = lang, .at = j->at, .why = rq->due_id ? "due" : NULL,
		.why_value = rq->due_pid,
	};
	int rc = create_survey(cx, &ns, err);
	if (!rc)
		rc = mark_due(cx, rq, "sent", NULL, NULL, ns.in.pid, j->at, err);
	if (!rc) {
		char key[80];
		snprintf(key, sizeof key, "survey_invitation:%s", ns.in.pid);
		*out = px_survey_notification(key, "survey_invitation", &ns.in, &j->p, &j->h,
					      ns.link.url);
		rc = px_notify_queue_tx(cx, *out, &ns.link.spec, err);
	}
	px_survey_link_free(&ns.link);
	return rc;
}

/* Sends one survey in one transaction, or says why not (px_note). */
static int send_core(struct px_ctx *cx, struct send_req *rq, struct px_err *err)
{
	struct job j = { .rq = rq };
	int rc = job_open(cx, &j, err);
	if (!rc)
		rc = px_store_begin(cx->st, err);
	if (rc) {
		job_close(&j);
		return rc;
	}
	enum verdict v = STALE;
	struct px_rec *n = NULL;
	rc = judge(cx, &j, &v, err);
	if (!rc && v == SEND)
		rc = send_one(cx, &j, &n, err);
	if (rc || v == STALE)
		px_store_rollback(cx->st);
	else
		rc = px_store_commit(cx->st, err);
	if (!rc && v == SEND)
		rc = px_emit(cx, n, err);
	else if (!rc)
		px_note(cx, j.subject, "not sent: %s", j.reason);
	px_rec_free(n);
	job_close(&j);
	return rc;
}

/* ---------- what to send ---------- */

/* A row id by SQL and parameters (?1 int, ?2 text, ?3 text unless c is
 * NULL): 1, 0 or -1. */
static int lookup_id(struct px_store *st, const char *sql, int64_t a, const char *b,
		     const char *c, int64_t *id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, sql, err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, a);
	px_stmt_text(s, 2, b);
	if (c)
		px_stmt_text(s, 3, c);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*id = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc;
}

/* What a request names, as given: codes and public ids. */
struct names {
	const char *hospital, *department, *patient, *mrn, *encounter;
};

/* Resolves a request's names to row ids; rq->named says the status of
 * an unknown one. */
static int resolve(struct px_ctx *cx, const struct names *nm, struct send_req *rq,
		   struct px_err *err)
{
	struct px_store *st = cx->st;
	int rc = px_org_hospital_id(st, nm->hospital, &rq->hospital_id, err);
	if (rc <= 0)
		return rc < 0 ? err->code : px_fail(err, rq->named, "unknown hospital '%s'", nm->hospital);
	if (nm->department && *nm->department) {
		rc = px_org_department_id(st, rq->hospital_id, nm->department, &rq->department_id, err);
		if (rc <= 0)
			return rc < 0 ? err->code : px_fail(err, rq->named, "unknown department '%s'",
							    nm->department);
	}
	int by_pid = nm->patient && *nm->patient;
	const char *who = by_pid ? nm->patient : nm->mrn ? nm->mrn : "";
	rc = lookup_id(st, "SELECT id FROM patients WHERE hospital_id = ?1 "
		       "AND (public_id = ?2 OR mrn = ?3)", rq->hospital_id, by_pid ? who : "",
		       by_pid ? "" : who, &rq->patient_id, err);
	if (rc < 0)
		return err->code;
	if (rc == 0) {
		if (by_pid)
			return px_fail(err, rq->named, "unknown patient '%s' in hospital '%s'",
				       who, nm->hospital);
		return px_patient_unknown(err, rq->named, "MRN", who, nm->hospital);
	}
	if (nm->encounter && *nm->encounter) {
		rc = lookup_id(st, "SELECT id FROM encounters WHERE patient_id = ?1 "
			       "AND public_id = ?2", rq->patient_id,
			       nm->encounter, NULL, &rq->encounter_id, err);
		if (rc <= 0)
			return rc < 0 ? err->code : px_fail(err, rq->named, "unknown encounter '%s'",
							    nm->encounter);
	}
	return PX_OK;
}

/* The due row by public id: 1 found (rq filled), 0 not, -1 error. */
static int due_by_pid(struct px_store *st, const char *id, struct send_req *rq, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, "SELECT " DUE_COLS " FROM survey_due "
					    "WHERE public_id = ?1", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		due_fill(s, rq);
	px_stmt_reset(s);
	return rc;
}

/* A survey.due record not (yet) in survey_due: the record says it all. */
static int due_from_record(struct px_ctx *cx, struct px_rec *r, struct send_req *rq,
			   struct px_err *err)
{
	struct names nm = {
		px_rec_get(r, "hospital"), px_rec_get(r, "department"), px_rec_get(r, "patient"),
		px_rec_get(r, "mrn"), px_rec_get(r, "encounter"),
	};
	rq->tpl = px_rec_get(r, "template");
	rq->channel = px_rec_get(r, "channel");
	if (!nm.hospital || !*nm.hospital)
		return px_fail(err, PX_EREJECT, "survey.due has no 'hospital'");
	if (!rq->tpl || !*rq->tpl)
		return px_fail(err, PX_EREJECT, "survey.due has no 'template'");
	return resolve(cx, &nm, rq, err);
}

int px_survey_send(struct px_rec *r, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	struct send_req rq = { .named = PX_EREJECT };
	const char *id = px_rec_get(r, "id"), *due_at = px_rec_get(r, "due_at");
	rq.language = px_rec_get(r, "language");
	rq.fatigue = px_rec_get_bool(r, "fatigue");
	int rc = id ? due_by_pid(cx->st, id, &rq, err) : 0;
	if (rc < 0)
		return err->code;
	rc = rc ? PX_OK : due_from_record(cx, r, &rq, err);
	/* A survey due later stays in survey_due for 'send --due' from cron. */
	int64_t due;
	if (!rc && due_at && !px_time_parse(due_at, &due) && due > px_now(cx))
		px_note(cx, id ? id : "survey.due", "not sent: not due until %s", due_at);
	else if (!rc)
		rc = send_core(cx, &rq, err);
	req_free(&rq);
	return rc;
}

int px_survey_send_patient(struct px_ctx *cx, const char *hospital, const char *mrn,
			   const char *tpl, const char *channel, struct px_err *err)
{
	struct send_req rq = { .named = PX_EINPUT, .tpl = tpl, .channel = channel };
	struct names nm = { .hospital = hospital, .mrn = mrn };
	int rc = resolve(cx, &nm, &rq, err);
	return rc ? rc : send_core(cx, &rq, err);
}

static int add_id(struct px_stmt *s, void *vids)
{
	struct px_buf *ids = vids;
	int64_t id = px_stmt_col_int(s, 0);
	px_buf_add(ids, &id, sizeof id);
	return 0;
}

int px_survey_send_pending(struct px_ctx *cx, struct px_err *err)
{
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT id FROM survey_due "
					    "WHERE status = 'due' AND due_at <= ?1 ORDER BY due_at, id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, at);
	struct px_buf ids = PX_BUF_INIT;
	int rc = px_stmt_each(s, add_id, &ids, err), worst = PX_OK;
	size_t n = ids.len / sizeof(int64_t);
	for (size_t i = 0; !rc && i < n; i++) {
		int64_t id;
		memcpy(&id, ids.s + i * sizeof id, sizeof id);
		struct send_req rq = { .named = PX_EREJECT };
		s = px_stmt_prepare(cx->st, "SELECT " DUE_COLS " FROM survey_due WHERE id = ?1", err);
		if (!s) {
			rc = err->code;
			break;
		}
		px_stmt_int(s, 1, id);
		if ((rc = px_stmt_each(s, due_fill, &rq, err)) || !rq.due_id ||
		    !px_auth_in_scope(cx->actor, rq.hospital_id)) {
			/* each user drains the hospitals in its scope */
			req_free(&rq);
			continue;
		}
		struct px_err e;
		px_err_clear(&e);
		int k = send_core(cx, &rq, &e);
		if (k == PX_EREJECT || k == PX_EPERM) {
			struct px_err e2 = e;
			px_fail(&e2, k, "%s: %s", rq.due_pid, e.text);
			px_reject(cx, &e2);
			worst = k > worst ? k : worst;
		} else if (k) {
			*err = e;
			rc = k;
		}
		req_free(&rq);
	}
	px_buf_free(&ids);
	return rc ? rc : worst;
}

/* ---------- follow-ups ---------- */

/* The survey followed up: its patient, hospital, department, encounter. */
struct of_survey {
	int64_t patient_id, hospital_id, department_id, encounter_id;
	char pid[PX_ID_LEN];
};

static int of_load(struct px_store *st, int64_t id, struct of_survey *o, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT patient_id, hospital_id, department_id, encounter_id, public_id FROM surveys "
		"WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		o->patient_id = px_stmt_col_int(s, 0);
		o->hospital_id = px_stmt_col_int(s, 1);
		o->department_id = px_stmt_col_int(s, 2);
		o->encounter_id = px_stmt_col_int(s, 3);
		px_strlcpy(o->pid, px_stmt_col_text(s, 4), sizeof o->pid);
	}
	px_stmt_reset(s);
	if (rc == 0)
		return px_fail(err, PX_ESTORE, "survey row %lld is missing", (long long)id);
	return rc < 0 ? err->code : PX_OK;
}

/* The follow-up's template, enabled: PX_OK, PX_EREJECT or a failure. */
static int followup_tpl(struct px_store *st, const char *name, struct px_survey_tpl **t,
			struct px_err *err)
{
	int64_t tid;
	int rc = px_survey_tpl_current(st, name, &tid, err);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EREJECT, "unknown template '%s' (load it with "
			       "'px-survey template add')", name);
	if (!(*t = px_survey_tpl_load(st, tid, err)))
		return err->code;
	if (!(*t)->active)
		return px_fail(err, PX_EREJECT, "template '%s' is disabled", name);
	return PX_OK;
}

int px_survey_for(struct px_ctx *cx, const struct px_survey_about *a, const char *tpl_name,
		  const char *dedup_key, char out_pid[PX_ID_LEN], int64_t *out_id,
		  struct px_err *err)
{
	struct px_survey_tpl *t = NULL;
	struct px_patient p = { 0 };
	struct px_survey_hospital h = { 0 };
	char at[PX_TIME_UTC_LEN], why[80], *key = NULL;
	px_time_format_utc(px_now(cx), at);
	int rc = followup_tpl(cx->st, tpl_name, &t, err);
	if (!rc)
		rc = px_patient_load(cx->st, a->patient_id, &p, err);
	if (!rc)
		rc = px_survey_hospital_load(cx->st, a->hospital_id, &h, err);
	const char *reason = NULL;
	int opted, ch = rc ? -1 : px_patient_channel(&p, NULL, &reason, &opted);
	if (!rc && ch < 0) {
		unreachable(reason, opted, why, sizeof why);
		rc = px_fail(err, PX_EREJECT, "cannot reach the patient: %s", why);
	}
	struct new_survey ns = {
		.t = t, .p = &p, .hospital_id = a->hospital_id, .department_id = a->department_id,
		.encounter_id = a->encounter_id, .channel = px_channel_name(ch), .language = p.language,
		.at = at, .why = a->why, .why_value = a->why_value,
	};
	if (!rc) {
		ns.key = key = px_xasprintf("%s|%s:%s|%s", p.pid,
					    !strcmp(a->why, "followup_of") ? "followup" : a->why,
					    dedup_key, t->name);
		rc = create_survey(cx, &ns, err);
	}
	if (!rc) {
		char nkey[80];
		snprintf(nkey, sizeof nkey, "%s:%s", t->name, ns.in.pid);
		struct px_rec *n = px_survey_notification(nkey, t->name, &ns.in, &p, &h, ns.link.url);
		rc = px_notify_queue_tx(cx, n, &ns.link.spec, err);
		if (rc)
			px_rec_free(n);
		else
			px_emit_after(cx, n);
	}
	if (!rc) {
		px_strlcpy(out_pid, ns.in.pid, PX_ID_LEN);
		*out_id = ns.in.id;
	}
	free(key);
	px_survey_link_free(&ns.link);
	px_survey_tpl_free(t);
	px_patient_free(&p);
	px_survey_hospital_free(&h);
	return rc;
}

int px_survey_followup(struct px_ctx *cx, int64_t of_survey, const char *tpl_name,
		       const char *dedup_key, char out_pid[PX_ID_LEN], int64_t *out_id,
		       struct px_err *err)
{
	struct of_survey o;
	int rc = of_load(cx->st, of_survey, &o, err);
	if (rc)
		return rc;
	struct px_survey_about a = {
		.patient_id = o.patient_id, .hospital_id = o.hospital_id,
		.department_id = o.department_id, .encounter_id = o.encounter_id,
		.why = "followup_of", .why_value = o.pid,
	};
	return px_survey_for(cx, &a, tpl_name, dedup_key, out_pid, out_id, err);
}
