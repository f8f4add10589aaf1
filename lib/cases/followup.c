/* followup.c - the closed loop on negative surveys: the queue, the
 * contact, the satisfaction check and its answer, closing and escalating.
 *
 * A loop is a case of kind followup (share/px/workflows/followup), opened
 * when someone first acts on the survey: its state is the case's, moved
 * only by px_case_move_tx, and a survey without one is awaiting contact.
 * What the workflow allows decides each step; this file words the
 * refusals, keeps the loop's own records (survey_followups, whose state
 * column the store copies from the case, and survey_contacts) and writes
 * the audit rows the loop has always had, through the moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "cases/case.h"
#include "cases/feedback.h"
#include "cases/followup.h"
#include "cases/internal.h"
#include "cases/sla.h"
#include "core/org.h"
#include "core/patient_find.h"
#include "surveys/survey.h"
#include "base/banned.h"

static const char *const states[PX_LOOP_STATES] = {
	"awaiting_contact", "contacted", "satisfaction_sent", "closed", "escalated",
};

const char *px_followup_state_name(enum px_loop_state s)
{
	return (unsigned)s < PX_LOOP_STATES ? states[s] : "";
}

int px_followup_state_parse(const char *name)
{
	for (int i = 0; name && i < PX_LOOP_STATES; i++)
		if (!strcmp(name, states[i]))
			return i;
	return -1;
}

int px_followup_states_parse(const char *list)
{
	if (!list || !*list)
		return -1;
	int mask = 0;
	const char *p = list;
	for (;;) {
		size_t n = strcspn(p, ",");
		char one[24];
		if (!n || n >= sizeof one)
			return -1;
		memcpy(one, p, n);
		one[n] = '\0';
		int st = px_followup_state_parse(one);
		if (st < 0)
			return -1;
		mask |= 1 << st;
		if (!p[n])
			return mask;
		p += n + 1;
	}
}

const char *px_followup_priority(const char *scoring, double score, int escalated)
{
	if (escalated)
		return "high";
	/* the score on [0, 1], as score.h normalises an answer */
	double n = scoring && !strcmp(scoring, "nps") ? score / 10 : (score - 1) / 4;
	return n < 0.25 ? "high" : n < 0.5 ? "medium" : "low";
}

/* The survey's loop: its case (c), when it has one, and its own row (f). */
#define LOOP_JOIN \
	"LEFT JOIN cases c ON c.kind = 'followup' AND c.hospital_id = s.hospital_id " \
	"AND c.source = 'survey' AND c.source_ref = s.public_id " \
	"LEFT JOIN survey_followups f ON f.survey_id = s.id "
/* The state of the loop, in SQL: a survey without a case yet awaits
 * contact. */
#define STATE_SQL "COALESCE(c.state, 'awaiting_contact')"

/* What the loop's steps need to know of one survey and its loop. */
struct loop {
	int64_t id, hospital_id, department_id, patient_id, encounter_id;
	char pid[PX_ID_LEN], hospital[40], state[24], satisfaction_sent_at[PX_TIME_UTC_LEN];
	char kase[PX_ID_LEN]; /* the case's public id, "" before it has one */
	int negative;
	int64_t completed;    /* the survey's completion, where the contact clock starts */
};

#define LOOP_SQL \
	"SELECT s.id, s.public_id, s.hospital_id, s.department_id, s.patient_id, h.code, " \
	"s.negative, " STATE_SQL ", COALESCE(f.satisfaction_sent_at, ''), " \
	"COALESCE(c.public_id, ''), s.encounter_id, COALESCE(s.completed_at, '') FROM surveys s " \
	"JOIN hospitals h ON h.id = s.hospital_id " LOOP_JOIN

static int loop_fill(struct px_stmt *s, void *vl)
{
	struct loop *l = vl;
	l->id = px_stmt_col_int(s, 0);
	px_strlcpy(l->pid, px_stmt_col_text(s, 1), sizeof l->pid);
	l->hospital_id = px_stmt_col_int(s, 2);
	l->department_id = px_stmt_col_int(s, 3);
	l->patient_id = px_stmt_col_int(s, 4);
	px_strlcpy(l->hospital, px_stmt_col_text(s, 5), sizeof l->hospital);
	l->negative = (int)px_stmt_col_int(s, 6);
	px_strlcpy(l->state, px_stmt_col_text(s, 7), sizeof l->state);
	px_strlcpy(l->satisfaction_sent_at, px_stmt_col_text(s, 8), sizeof l->satisfaction_sent_at);
	px_strlcpy(l->kase, px_stmt_col_text(s, 9), sizeof l->kase);
	l->encounter_id = px_stmt_col_int(s, 10);
	if (px_time_parse(px_stmt_col_text(s, 11), &l->completed))
		l->completed = 0;
	return 0;
}

/*
 * The loop of the one negative survey whose public id begins with
 * prefix, for ids named on the command line ("srv_1m8t"): none leaves
 * l empty, more than one is PX_EINPUT.  substr, not LIKE: '_' in an id
 * is no wildcard.
 */
static int loop_by_prefix(struct px_ctx *cx, const char *prefix, struct loop *l,
			  struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT count(*), min(public_id) FROM surveys WHERE negative = 1 "
		"AND substr(public_id, 1, length(?1)) = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, prefix);
	int rc = px_stmt_step(s, err);
	long long n = rc == 1 ? px_stmt_col_int(s, 0) : 0;
	char pid[PX_ID_LEN] = "";
	if (n == 1)
		px_strlcpy(pid, px_stmt_col_text(s, 1), sizeof pid);
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (n > 1)
		return px_fail(err, PX_EINPUT, "ambiguous id '%s' (%lld matches)", prefix, n);
	if (!n)
		return PX_OK;
	s = px_stmt_prepare(cx->st, LOOP_SQL "WHERE s.public_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, pid);
	return px_stmt_each(s, loop_fill, l, err);
}

/* The loop of a negative survey by public id (or, when named is
 * PX_EINPUT, a prefix of one): PX_OK, named (the status
 * of an unknown survey), PX_EREJECT when it is not negative. */
static int loop_load(struct px_ctx *cx, const char *survey, int named, struct loop *l,
		     struct px_err *err)
{
	memset(l, 0, sizeof *l);
	struct px_stmt *s = px_stmt_prepare(cx->st, LOOP_SQL "WHERE s.public_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, survey);
	int rc = px_stmt_each(s, loop_fill, l, err);
	if (!rc && !l->id && named == PX_EINPUT)
		rc = loop_by_prefix(cx, survey, l, err);
	if (rc)
		return rc;
	if (!l->id)
		return px_fail(err, named, "unknown survey '%s'", survey);
	if (!l->negative)
		return px_fail(err, PX_EREJECT, "survey '%s' is not negative", survey);
	return PX_OK;
}

static int may(struct px_ctx *cx, enum px_role min, const struct loop *l, const char *verb,
	       struct px_err *err)
{
	char what[200];
	snprintf(what, sizeof what, "%s for hospital '%s'", verb, l->hospital);
	return px_auth_require(cx->actor, min, l->hospital_id, what, err) ? PX_EPERM : PX_OK;
}

/* Ends a write: committed when rc is PX_OK, else rolled back (and what
 * it held for after the commit dropped). */
static int finish(struct px_ctx *cx, int rc, struct px_err *err)
{
	if (!rc)
		rc = px_store_commit(cx->st, err);
	else
		px_store_rollback(cx->st);
	if (rc)
		px_emit_drop(cx);
	return rc;
}

/* The loop's workflow (caller frees). */
static int loop_workflow(struct px_ctx *cx, struct px_workflow **wf, struct px_err *err)
{
	return px_case_workflow(cx, "followup", wf, err);
}

/* Whether the workflow's move verb leaves the state. */
static int move_allowed(const struct px_workflow *wf, const char *verb, const char *state)
{
	const struct px_wf_move *m = px_workflow_move(wf, verb);
	int st = px_workflow_state(wf, state);
	return m && st >= 0 && ((m->from >> st) & 1);
}

/* Inside the transaction: the loop's case, opened when it has none yet
 * (the store makes its survey_followups row with it). */
static int loop_case(struct px_ctx *cx, const struct px_workflow *wf, struct loop *l,
		     struct px_err *err)
{
	if (*l->kase)
		return PX_OK;
	struct px_case_new n = {
		.hospital_id = l->hospital_id, .department_id = l->department_id,
		.patient_id = l->patient_id, .encounter_id = l->encounter_id,
		.source = "survey", .source_ref = l->pid, .since = l->completed,
	};
	struct px_case_made m;
	int rc = px_case_open_tx(cx, wf, &n, &m, err);
	if (!rc)
		px_strlcpy(l->kase, m.pid, sizeof l->kase);
	return rc;
}

/* Inside the transaction: the move verb on the loop's case, with fields
 * (borrowed, may be NULL) and the loop's audit row, action on the survey
 * with details (freed). */
static int loop_move(struct px_ctx *cx, const struct px_workflow *wf, struct loop *l,
		     const char *verb, const struct px_rec *fields, const char *action,
		     struct px_rec *details, struct px_err *err)
{
	int rc = loop_case(cx, wf, l, err);
	struct px_case_audit a = { action, "survey", l->pid, details };
	if (!rc)
		rc = px_case_move_tx(cx, wf, l->kase, verb, fields, &a, err);
	px_rec_free(details);
	return rc;
}

/* A record of one field, or of none when v is NULL (caller frees). */
static struct px_rec *field(const char *k, const char *v)
{
	struct px_rec *r = px_rec_new(NULL);
	if (v)
		px_rec_set_str(r, k, v);
	return r;
}

/* The survey.escalated record of survey id (caller frees); NULL with err. */
static struct px_rec *escalated_record(struct px_ctx *cx, int64_t id, const char *reason,
				       const char *feedback, const char *at, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT s.public_id AS survey, p.public_id AS patient, h.code AS hospital, "
		"d.code AS department, t.name AS template, s.score AS score, "
		"CAST(?2 AS TEXT) AS reason, CAST(?3 AS TEXT) AS feedback, "
		"CAST(?4 AS TEXT) AS escalated_at, CAST(?5 AS TEXT) AS by FROM surveys s "
		"JOIN patients p ON p.id = s.patient_id JOIN hospitals h ON h.id = s.hospital_id "
		"LEFT JOIN departments d ON d.id = s.department_id "
		"JOIN survey_templates t ON t.id = s.template_id WHERE s.id = ?1", err);
	if (!s)
		return NULL;
	px_stmt_int(s, 1, id);
	px_stmt_text(s, 2, reason);
	px_stmt_text(s, 3, feedback);
	px_stmt_text(s, 4, at);
	px_stmt_text(s, 5, cx->actor->name);
	struct px_rec *r = NULL;
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		r = px_stmt_rec(s, "survey.escalated", NULL);
	px_stmt_reset(s);
	if (rc == 0)
		px_fail(err, PX_ESTORE, "survey row %lld is missing", (long long)id);
	return r;
}

/* ---------- the queue ---------- */

/* A contact.item: the survey, whom to call (hidden below), its priority,
 * how long it has waited and how long is left to the contact target, and
 * who owns it: the user who logged the latest contact, else the
 * hospital's first hospital_admin with an email (the one told of the
 * negative survey). */
#define ITEM_SQL \
	"SELECT s.public_id AS survey, p.public_id AS patient, " \
	"COALESCE(NULLIF(p.name_en, ''), p.name_ar) AS name, p.mrn AS mrn, p.phone AS phone, " \
	"h.code AS hospital, d.code AS department, " \
	"t.name AS template, s.score AS score, NULL AS priority, s.completed_at AS completed_at, " \
	"NULL AS age_hours, NULL AS due_hours, COALESCE(f.contacted_by, (SELECT min(u.name) " \
	"FROM users u JOIN user_hospitals uh ON uh.user_id = u.id WHERE uh.hospital_id = s.hospital_id " \
	"AND u.role = 'hospital_admin' AND u.active = 1 AND u.email IS NOT NULL AND u.email <> '')) " \
	"AS owner, " STATE_SQL " AS state, f.contacted_at AS contacted_at, " \
	"f.satisfaction_sent_at AS satisfaction_sent_at, s.hospital_id AS hospital_row, " \
	"t.scoring AS scoring, f.first_contacted_at AS first_contacted_at " \
	"FROM surveys s JOIN hospitals h ON h.id = s.hospital_id " \
	"JOIN patients p ON p.id = s.patient_id " \
	"LEFT JOIN departments d ON d.id = s.department_id " \
	"JOIN survey_templates t ON t.id = s.template_id " LOOP_JOIN
#define ITEM_HOSPITAL_COL 17

/* The items of one run, gathered so that the audit of the identifiers
 * they show is written before any is shown. */
struct item_ctx {
	struct px_ctx *cx;
	struct px_err *err;
	struct px_sla_eval *ev; /* the contact target's policy and calendar */
	int64_t now, target;  /* contact.target_hours in seconds, when no policy */
	struct px_rec **v;
	const char **shown;   /* the surveys whose patient is identified */
	int n, nshown, cap;
};

static int64_t hours_floor(int64_t secs)
{
	return secs >= 0 ? secs / 3600 : -((-secs + 3599) / 3600);
}

/* The row's times, priority and, unless the user may contact the
 * patient, no identifiers. */
static int item_finish(struct item_ctx *ic, struct px_stmt *s, struct px_rec *r)
{
	const char *done = px_rec_get(r, "completed_at");
	int64_t t, due;
	if (done && !px_time_parse(done, &t)) {
		px_rec_set_int(r, "age_hours", hours_floor(ic->now - t));
		if (px_stmt_col_isnull(s, ITEM_HOSPITAL_COL + 2)) {
			int got = px_sla_eval_due(ic->ev, "followup", px_stmt_col_int(s, ITEM_HOSPITAL_COL),
						  px_rec_get(r, "hospital"), "survey", "response", t, &due,
						  NULL, ic->err);
			if (got < 0)
				return ic->err->code ? ic->err->code : PX_ESTORE;
			if (!got)
				due = t + ic->target;
			px_rec_set_int(r, "due_hours", hours_floor(due - ic->now));
		}
	}
	if (!px_stmt_col_isnull(s, 8))
		px_rec_set_str(r, "priority", px_followup_priority(px_stmt_col_text(s, ITEM_HOSPITAL_COL + 1),
			       px_stmt_col_double(s, 8), !strcmp(px_stmt_col_text(s, 14), "escalated")));
	if (px_patient_may_identify(ic->cx, px_stmt_col_int(s, ITEM_HOSPITAL_COL))) {
		ic->shown[ic->nshown++] = px_rec_get(r, "survey");
		return PX_OK;
	}
	px_rec_set_null(r, "name");
	px_rec_set_null(r, "mrn");
	px_rec_set_null(r, "phone");
	return PX_OK;
}

/* px_stmt_each: the row as a contact.item, held. */
static int add_item(struct px_stmt *s, void *vic)
{
	static const struct px_col cols[] = {
		{ "hospital_row", PX_COL_SKIP }, { "scoring", PX_COL_SKIP },
		{ "first_contacted_at", PX_COL_SKIP }, { NULL, 0 },
	};
	struct item_ctx *ic = vic;
	if (!px_auth_in_scope(ic->cx->actor, px_stmt_col_int(s, ITEM_HOSPITAL_COL)))
		return 0;
	if (ic->n == ic->cap) {
		ic->cap = ic->cap ? 2 * ic->cap : 16;
		ic->v = px_xrealloc(ic->v, (size_t)ic->cap * sizeof *ic->v);
		ic->shown = px_xrealloc(ic->shown, (size_t)ic->cap * sizeof *ic->shown);
	}
	struct px_rec *r = px_stmt_rec(s, "contact.item", cols);
	ic->v[ic->n++] = r;
	return item_finish(ic, s, r);
}

/* Runs s over add_item, writes the audit row of the identifiers shown
 * (one per run), then emits the items. */
static int items_run(struct item_ctx *ic, struct px_stmt *s, const char *via)
{
	struct px_err *err = ic->err;
	ic->now = px_now(ic->cx);
	ic->target = px_config_num(ic->cx->cfg, "contact.target_hours") * 3600;
	int rc = px_sla_eval_open(ic->cx, &ic->ev, err);
	if (!rc)
		rc = px_stmt_each(s, add_item, ic, err);
	px_sla_eval_free(ic->ev);
	if (!rc && ic->nshown)
		rc = px_patient_audit_read(ic->cx, "survey", ic->nshown == 1 ? ic->shown[0] : "queue",
					   via, "surveys", ic->shown, ic->nshown, err);
	for (int i = 0; i < ic->n; i++) {
		if (!rc)
			rc = px_emit(ic->cx, ic->v[i], err);
		px_rec_free(ic->v[i]);
	}
	free(ic->v);
	free(ic->shown);
	return rc;
}

/* A department named by a filter exists (in the hospital, when one). */
static int department_known(struct px_ctx *cx, const char *code, const char *hospital,
			    struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT d.id FROM departments d JOIN hospitals h ON h.id = d.hospital_id "
		"WHERE d.code = ?1 AND (CAST(?2 AS TEXT) IS NULL OR h.code = ?2) LIMIT 1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, code);
	px_stmt_text(s, 2, hospital);
	int rc = px_stmt_step(s, err);
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	return rc ? PX_OK : px_fail(err, PX_EINPUT, "unknown department '%s'", code);
}

static int queue_check(struct px_ctx *cx, const struct px_followup_filter *f, struct px_err *err)
{
	int rc = PX_OK;
	if (f->state && px_followup_states_parse(f->state) < 0)
		return px_fail(err, PX_EUSAGE, "unknown state '%s'", f->state);
	if (f->hospital) {
		int64_t hid;
		char what[160];
		snprintf(what, sizeof what, "read surveys for hospital '%s'", f->hospital);
		rc = px_org_hospital(cx, f->hospital, PX_ROLE_VIEWER, what, &hid, err);
	}
	if (!rc && f->department)
		rc = department_known(cx, f->department, f->hospital, err);
	return rc;
}

/* The bit of the row's state in a px_followup_states_parse mask, in SQL. */
#define STATE_BIT_SQL \
	"(CASE " STATE_SQL " WHEN 'awaiting_contact' THEN 1 WHEN 'contacted' THEN 2 " \
	"WHEN 'satisfaction_sent' THEN 4 WHEN 'closed' THEN 8 ELSE 16 END)"

int px_followup_queue(struct px_ctx *cx, const struct px_followup_filter *f, struct px_err *err)
{
	int rc = queue_check(cx, f, err);
	if (rc)
		return rc;
	struct px_stmt *s = px_stmt_prepare(cx->st, ITEM_SQL
		"WHERE s.negative = 1 AND (CAST(?1 AS TEXT) IS NULL OR h.code = ?1) "
		"AND (CAST(?2 AS TEXT) IS NULL OR d.code = ?2) "
		"AND (?3 = 0 OR (" STATE_BIT_SQL " & ?3) <> 0) "
		"AND (?4 = 1 OR " STATE_SQL " <> 'closed') "
		"AND (CAST(?5 AS TEXT) IS NULL OR s.completed_at >= ?5) "
		"AND (CAST(?6 AS TEXT) IS NULL OR s.completed_at < ?6) "
		"ORDER BY s.completed_at, s.id", err);
	if (!s)
		return err->code;
	int mask = f->state ? px_followup_states_parse(f->state) : 0;
	char since[PX_TIME_UTC_LEN], until[PX_TIME_UTC_LEN];
	px_time_format_utc(f->since, since);
	px_time_format_utc(f->until, until);
	px_stmt_text(s, 1, f->hospital);
	px_stmt_text(s, 2, f->department);
	px_stmt_int(s, 3, mask);
	px_stmt_int(s, 4, f->all || (mask & (1 << PX_LOOP_CLOSED)));
	px_stmt_text(s, 5, f->since ? since : NULL);
	px_stmt_text(s, 6, f->until ? until : NULL);
	struct item_ctx ic = { .cx = cx, .err = err };
	return items_run(&ic, s, "contact queue");
}

int px_followup_queue_record(struct px_rec *r, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	const char *survey = px_rec_get(r, "survey");
	if (!survey)
		return px_fail(err, PX_EREJECT, "survey.negative record has no 'survey'");
	struct loop l;
	int rc = loop_load(cx, survey, PX_EREJECT, &l, err);
	if (!rc)
		rc = may(cx, PX_ROLE_VIEWER, &l, "read surveys", err);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st, ITEM_SQL "WHERE s.id = ?1", err);
	if (!rc && !s)
		rc = err->code;
	if (rc)
		return rc;
	px_stmt_int(s, 1, l.id);
	struct item_ctx ic = { .cx = cx, .err = err };
	return items_run(&ic, s, "contact queue");
}

/* ---------- acting on a loop ---------- */

/* The loop, checked outside the transaction (for the refusals that need
 * no lock) and loaded again inside it; verb says what the user may not
 * do.  PX_OK with the transaction open. */
static int loop_begin(struct px_ctx *cx, const char *survey, const char *verb, struct loop *l,
		      struct px_err *err)
{
	int rc = loop_load(cx, survey, PX_EINPUT, l, err);
	if (!rc)
		rc = may(cx, px_patient_contact_role(cx->cfg), l, verb, err);
	if (!rc)
		rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	/* the state again, inside the write lock */
	if ((rc = loop_load(cx, survey, PX_EINPUT, l, err)))
		px_store_rollback(cx->st);
	return rc;
}

static int log_contact(struct px_ctx *cx, const struct px_workflow *wf, struct loop *l,
		       const char *notes, const char *outcome, const char *at, struct px_err *err)
{
	struct px_rec *f = field("notes", notes);
	px_rec_set_str(f, "outcome", outcome); /* null when none, as the loop's row */
	/* notes stay out of the audit trail: they may name the patient */
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", l->state);
	px_rec_set_str(d, "outcome", outcome);
	int rc = loop_move(cx, wf, l, "log", f, "survey_patient_contacted", d, err);
	px_rec_free(f);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st,
		"UPDATE survey_followups SET contacted = 1, contacted_at = ?2, "
		"contacted_by = ?3, contact_notes = ?4, outcome = ?5, issue_resolved = ?6, "
		"first_contacted_at = COALESCE(first_contacted_at, ?2), contacts = contacts + 1, "
		"updated_at = ?2 WHERE survey_id = ?1", err);
	if (!s)
		return rc ? rc : err->code;
	px_stmt_int(s, 1, l->id);
	px_stmt_text(s, 2, at);
	px_stmt_text(s, 3, cx->actor->name);
	px_stmt_text(s, 4, notes);
	px_stmt_text(s, 5, outcome);
	px_stmt_int(s, 6, outcome && !strcmp(outcome, "resolved"));
	if ((rc = px_stmt_run(s, err)))
		return rc;
	s = px_stmt_prepare(cx->st, "INSERT INTO survey_contacts (survey_id, at, by, notes, outcome) "
			    "VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, l->id);
	px_stmt_text(s, 2, at);
	px_stmt_text(s, 3, cx->actor->name);
	px_stmt_text(s, 4, notes);
	px_stmt_text(s, 5, outcome);
	return px_stmt_run(s, err);
}

static int follow_log(struct px_ctx *cx, const struct px_workflow *wf, const char *survey,
		      const char *notes, const char *outcome, struct px_err *err)
{
	struct loop l;
	int rc = loop_load(cx, survey, PX_EINPUT, &l, err);
	if (!rc)
		rc = may(cx, px_patient_contact_role(cx->cfg), &l, "log patient contact", err);
	if (rc)
		return rc;
	if (!notes || !*notes)
		return px_fail(err, PX_EUSAGE, "contact notes are required");
	if (outcome && strcmp(outcome, "resolved") && strcmp(outcome, "explained"))
		return px_fail(err, PX_EUSAGE, "unknown outcome '%s'", outcome);
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	if ((rc = loop_begin(cx, survey, "log patient contact", &l, err)))
		return rc;
	if (!move_allowed(wf, "log", l.state))
		rc = px_fail(err, PX_EREJECT, "the loop of survey '%s' is %s", survey, l.state);
	else
		rc = log_contact(cx, wf, &l, notes, outcome, at, err);
	return finish(cx, rc, err);
}

int px_followup_log(struct px_ctx *cx, const char *survey, const char *notes,
		    const char *outcome, struct px_err *err)
{
	struct px_workflow *wf;
	int rc = loop_workflow(cx, &wf, err);
	if (!rc)
		rc = follow_log(cx, wf, survey, notes, outcome, err);
	px_workflow_free(wf);
	return rc;
}

/* The move a satisfaction check is (another after one sent, with
 * again, is a resend), or why the loop's state refuses it. */
static int check_verb(const struct px_workflow *wf, const struct loop *l, int again,
		      const char **verb, struct px_err *err)
{
	int st = px_followup_state_parse(l->state);
	*verb = st == PX_LOOP_SATISFACTION_SENT && again ? "resend" : "satisfaction";
	if (move_allowed(wf, *verb, l->state))
		return PX_OK;
	if (st == PX_LOOP_CLOSED)
		return px_fail(err, PX_EREJECT, "the loop of survey '%s' is closed", l->pid);
	if (st == PX_LOOP_AWAITING_CONTACT)
		return px_fail(err, PX_EREJECT, "the patient of survey '%s' has not been contacted yet",
			       l->pid);
	if (st == PX_LOOP_ESCALATED)
		return px_fail(err, PX_EREJECT, "survey '%s' was escalated: contact the patient again "
			       "first", l->pid);
	if (st == PX_LOOP_SATISFACTION_SENT && !again)
		return px_fail(err, PX_EREJECT, "a satisfaction check for survey '%s' was already sent "
			       "at %s (--again sends another)", l->pid, l->satisfaction_sent_at);
	return px_fail(err, PX_EREJECT, "the loop of survey '%s' is %s", l->pid, l->state);
}

/* Inside the transaction: the feedback, its survey, the loop moved on. */
static int send_check(struct px_ctx *cx, const struct px_workflow *wf, struct loop *l,
		      const char *verb, const char *at, struct px_err *err)
{
	struct px_feedback_check ck = {
		.survey_id = l->id, .hospital_id = l->hospital_id,
		.department_id = l->department_id, .patient_id = l->patient_id,
	};
	px_strlcpy(ck.related, l->pid, sizeof ck.related);
	char fid[PX_ID_LEN], check[PX_ID_LEN];
	int64_t row, check_id;
	int rc = px_feedback_check_new(cx, &ck, fid, &row, err);
	if (!rc)
		rc = px_survey_followup(cx, l->id, "satisfaction_check", fid, check, &check_id, err);
	if (!rc) {
		struct px_rec *f = field("feedback", fid);
		px_rec_set_str(f, "check_survey", check);
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "feedback", fid);
		px_rec_set_str(d, "check_survey", check);
		px_rec_set_bool(d, "again", !strcmp(l->state, states[PX_LOOP_SATISFACTION_SENT]));
		rc = loop_move(cx, wf, l, verb, f, "satisfaction_feedback_sent", d, err);
		px_rec_free(f);
	}
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st,
		"UPDATE survey_followups SET satisfaction_sent = 1, "
		"satisfaction_sent_at = ?2, satisfaction_count = satisfaction_count + 1, "
		"satisfaction_outcome = NULL, updated_at = ?2 WHERE survey_id = ?1", err);
	if (!s)
		return rc ? rc : err->code;
	px_stmt_int(s, 1, l->id);
	px_stmt_text(s, 2, at);
	if ((rc = px_stmt_run(s, err)))
		return rc;
	return px_feedback_check_sent(cx, &ck, fid, row, check_id, err);
}

static int follow_check(struct px_ctx *cx, const struct px_workflow *wf, const char *survey,
			int again, struct px_err *err)
{
	struct loop l;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	int rc = loop_begin(cx, survey, "send satisfaction checks", &l, err);
	if (rc)
		return rc;
	const char *verb;
	rc = check_verb(wf, &l, again, &verb, err);
	if (!rc)
		rc = send_check(cx, wf, &l, verb, at, err);
	if ((rc = finish(cx, rc, err)))
		return rc;
	/* the invitation px_survey_followup held for after the commit */
	return px_emit_flush(cx, err);
}

int px_followup_satisfaction(struct px_ctx *cx, const char *survey, int again,
			     struct px_err *err)
{
	struct px_workflow *wf;
	int rc = loop_workflow(cx, &wf, err);
	if (!rc)
		rc = follow_check(cx, wf, survey, again, err);
	px_workflow_free(wf);
	return rc;
}

/*
 * Closes or escalates a loop by hand (to is PX_LOOP_CLOSED or
 * PX_LOOP_ESCALATED), with notes, in one transaction with its audit
 * event.  A step the workflow does not allow from the loop's state (a
 * closed loop, one already in the state asked for) is refused.
 */
static int by_hand(struct px_ctx *cx, const char *survey, const char *notes,
		   enum px_loop_state to, struct loop *l, const char *at, struct px_err *err)
{
	int closing = to == PX_LOOP_CLOSED;
	const char *verb = closing ? "close" : "escalate";
	struct px_workflow *wf;
	int rc = loop_workflow(cx, &wf, err);
	if (!rc)
		rc = loop_load(cx, survey, PX_EINPUT, l, err);
	if (!rc)
		rc = may(cx, px_patient_contact_role(cx->cfg), l, closing ? "close survey loops"
			 : "escalate surveys", err);
	if (!rc && (!notes || !*notes))
		rc = px_fail(err, PX_EUSAGE, "%s notes are required", closing ? "closing" : "escalation");
	if (!rc)
		rc = loop_begin(cx, survey, closing ? "close survey loops" : "escalate surveys", l, err);
	if (rc) {
		px_workflow_free(wf);
		return rc;
	}
	if (!move_allowed(wf, verb, l->state))
		rc = px_fail(err, PX_EREJECT, "the loop of survey '%s' is already %s", survey, l->state);
	/* the loop's open feedback closes before the loop does */
	if (!rc && closing)
		rc = px_feedback_close_related(cx, l->id, at, err);
	if (!rc) {
		struct px_rec *f = field("notes", notes);
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "from", l->state);
		if (closing)
			px_rec_set_bool(d, "by_hand", 1);
		else
			px_rec_set_str(d, "reason", "by_hand");
		rc = loop_move(cx, wf, l, verb, f, closing ? "survey_loop_closed" : "survey_escalated",
			       d, err);
		px_rec_free(f);
	}
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st, closing
		? "UPDATE survey_followups SET closed_at = ?2, closed_by = ?3, "
		  "notes = ?4, updated_at = ?2 WHERE survey_id = ?1"
		: "UPDATE survey_followups SET escalated_at = ?2, escalated_by = ?3, "
		  "notes = ?4, updated_at = ?2 WHERE survey_id = ?1", err);
	if (!rc && !s)
		rc = err->code;
	if (!rc) {
		px_stmt_int(s, 1, l->id);
		px_stmt_text(s, 2, at);
		px_stmt_text(s, 3, cx->actor->name);
		px_stmt_text(s, 4, notes);
		rc = px_stmt_run(s, err);
	}
	px_workflow_free(wf);
	return finish(cx, rc, err);
}

int px_followup_close(struct px_ctx *cx, const char *survey, const char *notes,
		      struct px_err *err)
{
	struct loop l;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	return by_hand(cx, survey, notes, PX_LOOP_CLOSED, &l, at, err);
}

int px_followup_escalate(struct px_ctx *cx, const char *survey, const char *notes,
			 struct px_err *err)
{
	struct loop l;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	int rc = by_hand(cx, survey, notes, PX_LOOP_ESCALATED, &l, at, err);
	if (rc)
		return rc;
	struct px_rec *r = escalated_record(cx, l.id, "by_hand", NULL, at, err);
	if (!r)
		return err->code ? err->code : PX_ESTORE;
	rc = px_emit(cx, r, err);
	px_rec_free(r);
	return rc;
}

/* ---------- the satisfaction check's answer ---------- */

/* Inside the survey's transaction: the loop of survey related moves on
 * when its workflow lets the answer move it (it waits for this answer). */
static int check_answered(struct px_ctx *cx, int64_t related, const char *fid, int satisfied,
			  const char *at, struct px_err *err)
{
	struct loop l = { 0 };
	struct px_stmt *s = px_stmt_prepare(cx->st, LOOP_SQL "WHERE s.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, related);
	int rc = px_stmt_each(s, loop_fill, &l, err);
	if (rc || !l.id)
		return rc;
	const char *outcome = satisfied ? "satisfied" : "not_satisfied";
	struct px_workflow *wf;
	if ((rc = loop_workflow(cx, &wf, err)))
		return rc;
	if (!move_allowed(wf, outcome, l.state)) {
		px_workflow_free(wf);
		return PX_OK;
	}
	struct px_rec *f = field("feedback", fid);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", l.state);
	px_rec_set_str(d, "feedback", fid);
	px_rec_set_str(d, "reason", outcome);
	rc = loop_move(cx, wf, &l, outcome, f, satisfied ? "survey_loop_closed" : "survey_escalated",
		       d, err);
	px_rec_free(f);
	px_workflow_free(wf);
	s = rc ? NULL : px_stmt_prepare(cx->st, satisfied
		? "UPDATE survey_followups SET satisfaction_outcome = 'satisfied', "
		  "closed_at = ?2, closed_by = ?3, updated_at = ?2 WHERE survey_id = ?1"
		: "UPDATE survey_followups SET satisfaction_outcome = 'not_satisfied', "
		  "escalated_at = ?2, escalated_by = ?3, updated_at = ?2 WHERE survey_id = ?1", err);
	if (!s)
		return rc ? rc : err->code;
	px_stmt_int(s, 1, l.id);
	px_stmt_text(s, 2, at);
	px_stmt_text(s, 3, cx->actor->name);
	if ((rc = px_stmt_run(s, err)) || satisfied)
		return rc;
	struct px_rec *r = escalated_record(cx, l.id, "not_satisfied", fid, at, err);
	if (!r)
		return err->code ? err->code : PX_ESTORE;
	px_emit_after(cx, r);
	return PX_OK;
}

int px_followup_survey_completed(struct px_ctx *cx, const void *payload, struct px_err *err)
{
	const struct px_ev_survey *ev = payload;
	char fid[PX_ID_LEN];
	int64_t related;
	int rc = px_feedback_check_answered(cx, ev->survey, ev->satisfied, ev->at, fid, &related, err);
	if (rc || !related)
		return rc;
	return check_answered(cx, related, fid, ev->satisfied, ev->at, err);
}

/* The loop, and the feedback's public id, that check survey is the
 * latest satisfaction check of: l->id 0 when none. */
static int check_loop(struct px_ctx *cx, int64_t check, struct loop *l, char fid[PX_ID_LEN],
		      struct px_err *err)
{
	memset(l, 0, sizeof *l);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT f.related_survey_id, f.public_id FROM feedback f WHERE f.check_survey_id = ?1 "
		"AND f.id = (SELECT max(g.id) FROM feedback g WHERE g.related_survey_id = "
		"f.related_survey_id AND g.check_survey_id IS NOT NULL)", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, check);
	int rc = px_stmt_step(s, err);
	int64_t related = rc == 1 ? px_stmt_col_int(s, 0) : 0;
	if (rc == 1)
		px_strlcpy(fid, px_stmt_col_text(s, 1), PX_ID_LEN);
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (!related)
		return PX_OK;
	s = px_stmt_prepare(cx->st, LOOP_SQL "WHERE s.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, related);
	return px_stmt_each(s, loop_fill, l, err);
}

int px_followup_check_expired(struct px_ctx *cx, const void *payload, struct px_err *err)
{
	const struct px_ev_survey *ev = payload;
	struct loop l;
	char fid[PX_ID_LEN] = "";
	int rc = check_loop(cx, ev->survey, &l, fid, err);
	if (rc || !l.id)
		return rc;
	const char *to = px_config_str(cx->cfg, "contact.expired_check");
	int escalate = !to || strcmp(to, states[PX_LOOP_AWAITING_CONTACT]);
	const char *verb = escalate ? "expire" : "expire_reopen";
	struct px_workflow *wf;
	if ((rc = loop_workflow(cx, &wf, err)))
		return rc;
	if (!move_allowed(wf, verb, l.state)) {
		px_workflow_free(wf);
		return PX_OK;
	}
	struct px_rec *f = field("feedback", fid);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", l.state);
	px_rec_set_str(d, "feedback", fid);
	px_rec_set_str(d, "reason", "check_expired");
	if (!escalate)
		px_rec_set_str(d, "to", states[PX_LOOP_AWAITING_CONTACT]);
	rc = loop_move(cx, wf, &l, verb, f, escalate ? "survey_escalated" : "survey_loop_reopened", d,
		       err);
	px_rec_free(f);
	px_workflow_free(wf);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st, escalate
		? "UPDATE survey_followups SET escalated_at = ?2, "
		  "escalated_by = ?3, updated_at = ?2 WHERE survey_id = ?1"
		: "UPDATE survey_followups SET updated_at = ?2 WHERE survey_id = ?1", err);
	if (!s)
		return rc ? rc : err->code;
	px_stmt_int(s, 1, l.id);
	px_stmt_text(s, 2, ev->at);
	if (escalate)
		px_stmt_text(s, 3, cx->actor->name);
	return px_stmt_run(s, err);
}

/* ---------- reading ---------- */

static const struct px_col survey_cols[] = {
	{ "contacted", PX_COL_BOOL }, { "issue_resolved", PX_COL_BOOL },
	{ "satisfaction_sent", PX_COL_BOOL }, { NULL, 0 },
};

/* The contact.survey record of the loop, with its warning. */
static int emit_loop(struct px_ctx *cx, const struct loop *l, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT s.public_id AS survey, p.public_id AS patient, "
		"COALESCE(NULLIF(p.name_en, ''), p.name_ar) AS name, p.mrn AS mrn, p.phone AS phone, "
		"h.code AS hospital, d.code AS department, "
		"t.name AS template, s.score AS score, s.completed_at AS completed_at, "
		STATE_SQL " AS state, NULL AS warning, COALESCE(f.contacted, 0) AS contacted, "
		"f.contacted_at AS contacted_at, f.contacted_by AS contacted_by, "
		"f.contact_notes AS contact_notes, f.outcome AS outcome, "
		"COALESCE(f.issue_resolved, 0) AS issue_resolved, COALESCE(f.contacts, 0) AS contacts, "
		"COALESCE(f.satisfaction_sent, 0) AS satisfaction_sent, "
		"f.satisfaction_sent_at AS satisfaction_sent_at, "
		"f.satisfaction_outcome AS satisfaction_outcome, f.closed_at AS closed_at, "
		"f.escalated_at AS escalated_at, f.notes AS notes FROM surveys s "
		"JOIN hospitals h ON h.id = s.hospital_id JOIN patients p ON p.id = s.patient_id "
		"LEFT JOIN departments d ON d.id = s.department_id "
		"JOIN survey_templates t ON t.id = s.template_id " LOOP_JOIN "WHERE s.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, l->id);
	int rc = px_stmt_step(s, err);
	struct px_rec *r = rc == 1 ? px_stmt_rec(s, "contact.survey", survey_cols) : NULL;
	px_stmt_reset(s);
	if (rc != 1)
		return rc < 0 ? err->code : px_fail(err, PX_ESTORE, "survey row is missing");
	if (px_patient_may_identify(cx, l->hospital_id)) {
		const char *ids[] = { l->pid };
		rc = px_patient_audit_read(cx, "survey", l->pid, "contact show", "surveys", ids, 1, err);
		if (rc) {
			px_rec_free(r);
			return rc;
		}
	} else {
		px_rec_set_null(r, "name");
		px_rec_set_null(r, "mrn");
		px_rec_set_null(r, "phone");
	}
	int st = px_followup_state_parse(l->state);
	if (st == PX_LOOP_AWAITING_CONTACT)
		px_rec_set_str(r, "warning", "Action required: contact the patient to discuss this "
			       "negative survey");
	else if (st == PX_LOOP_ESCALATED)
		px_rec_set_str(r, "warning", "Escalated: the patient is not satisfied; contact the "
			       "patient again");
	rc = px_emit(cx, r, err);
	px_rec_free(r);
	return rc;
}

struct emit_ctx {
	struct px_ctx *cx;
	const char *type;
	struct px_err *err;
};

static int emit_row(struct px_stmt *s, void *vec)
{
	struct emit_ctx *ec = vec;
	struct px_rec *r = px_stmt_rec(s, ec->type, NULL);
	int rc = px_emit(ec->cx, r, ec->err);
	px_rec_free(r);
	return rc;
}

int px_followup_show(struct px_ctx *cx, const char *survey, struct px_err *err)
{
	struct loop l;
	int rc = loop_load(cx, survey, PX_EINPUT, &l, err);
	if (!rc)
		rc = may(cx, PX_ROLE_VIEWER, &l, "read surveys", err);
	if (!rc)
		rc = emit_loop(cx, &l, err);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st,
		"SELECT s.public_id AS survey, c.at AS at, c.by AS by, c.outcome AS outcome, "
		"c.notes AS notes FROM survey_contacts c JOIN surveys s ON s.id = c.survey_id "
		"WHERE c.survey_id = ?1 ORDER BY c.at, c.id", err);
	if (!rc && !s)
		rc = err->code;
	if (rc)
		return rc;
	px_stmt_int(s, 1, l.id);
	struct emit_ctx ec = { cx, "contact.log", err };
	if ((rc = px_stmt_each(s, emit_row, &ec, err)))
		return rc;
	return px_feedback_emit_related(cx, l.id, err);
}

int px_followup_feedback_show(struct px_ctx *cx, const char *id, struct px_err *err)
{
	int64_t related;
	int rc = px_feedback_show(cx, id, &related, err);
	if (rc || !related)
		return rc;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT CAST(?2 AS TEXT) AS feedback, s.public_id AS survey, t.name AS template, s.score AS score, "
		"s.completed_at AS completed_at, " STATE_SQL " AS state, "
		"f.contacted_at AS contacted_at, f.contacted_by AS contacted_by, "
		"f.contact_notes AS contact_notes, f.outcome AS outcome FROM surveys s "
		"JOIN survey_templates t ON t.id = s.template_id " LOOP_JOIN "WHERE s.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, related);
	px_stmt_text(s, 2, id);
	struct emit_ctx ec = { cx, "feedback.survey", err };
	return px_stmt_each(s, emit_row, &ec, err);
}

/* ---------- the contact clock ---------- */

/* The negative surveys without a case whose contact a policy watches, in
 * the acting user's hospitals (caller frees *ids). */
static int unopened(struct px_ctx *cx, int64_t **ids, size_t *n, struct px_err *err)
{
	struct px_sla_policies *ps;
	int rc = px_sla_policies_open(cx, &ps, err);
	if (rc)
		return rc;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT s.id, s.hospital_id, h.code FROM surveys s "
		"JOIN hospitals h ON h.id = s.hospital_id "
		"WHERE s.negative = 1 AND s.completed_at IS NOT NULL AND NOT EXISTS (SELECT 1 "
		"FROM cases c WHERE c.kind = 'followup' AND c.hospital_id = s.hospital_id "
		"AND c.source = 'survey' AND c.source_ref = s.public_id) ORDER BY s.id", err);
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	while (s && (rc = px_stmt_step(s, err)) == 1) {
		if (!px_auth_in_scope(cx->actor, px_stmt_col_int(s, 1)))
			continue;
		const struct px_sla_policy *p = px_sla_match(ps, "followup", px_stmt_col_text(s, 2),
							     "survey", "medium", "medium");
		if (!p || !p->response.seconds)
			continue;
		if (*n == cap)
			*ids = px_xrealloc(*ids, (cap = cap ? 2 * cap : 64) * sizeof **ids);
		(*ids)[(*n)++] = px_stmt_col_int(s, 0);
	}
	px_sla_policies_free(ps);
	return !s || rc < 0 ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

int px_followup_sla_check(struct px_ctx *cx, const void *payload, struct px_err *err)
{
	const struct px_ev_check *ev = payload;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = unopened(cx, &ids, &n, err);
	struct px_workflow *wf = NULL;
	if (!rc && n)
		rc = loop_workflow(cx, &wf, err);
	for (size_t i = 0; i < n && !rc; i++) {
		if ((rc = px_store_begin(cx->st, err)))
			break;
		/* read again under the write lock: another check may have
		 * opened it since */
		struct loop l = { 0 };
		struct px_stmt *s = px_stmt_prepare(cx->st, LOOP_SQL "WHERE s.id = ?1", err);
		rc = s ? PX_OK : err->code;
		if (!rc) {
			px_stmt_int(s, 1, ids[i]);
			rc = px_stmt_each(s, loop_fill, &l, err);
		}
		int opened = !rc && l.id && !*l.kase;
		if (opened)
			rc = loop_case(cx, wf, &l, err);
		if (!(rc = px_kase_end(cx, rc, err)) && opened)
			(*ev->opened)++;
	}
	px_workflow_free(wf);
	free(ids);
	return rc;
}
