/* answers.c - answers: checking a value against its question, branch
 * logic, completion and scoring, negative experiences and the alerts to
 * the hospital's admins. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/mem.h"
#include "base/privacy.h"
#include "base/time.h"
#include "base/token.h"
#include "core/audit.h"
#include "messages/notify.h"
#include "surveys/internal.h"
#include "base/banned.h"

#define TEXT_MAX 500
#define TEXTAREA_MAX 5000

void px_survey_digits(const char *in, char *out, size_t size)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)in;
	while (*p && o + 1 < size) {
		if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) {
			out[o++] = (char)('0' + p[1] - 0xA0);
			p += 2;
		} else if (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) {
			out[o++] = (char)('0' + p[1] - 0xB0);
			p += 2;
		} else {
			out[o++] = (char)*p++;
		}
	}
	out[o] = '\0';
	while (o && strchr(" \t\r\n", out[o - 1]))
		out[--o] = '\0';
	size_t k = strspn(out, " \t\r\n");
	memmove(out, out + k, o - k + 1);
}

/* ---------- one value ---------- */

static int canon_yes_no(const struct px_survey_question *q, const char *v, const char *raw,
			char *out, size_t size, struct px_err *err)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "نعم", NULL };
	static const char *const no[] = { "no", "n", "false", "0", "لا", NULL };
	for (const char *const *p = yes; *p; p++)
		if (!strcasecmp(v, *p)) {
			snprintf(out, size, "yes");
			return PX_OK;
		}
	for (const char *const *p = no; *p; p++)
		if (!strcasecmp(v, *p)) {
			snprintf(out, size, "no");
			return PX_OK;
		}
	return px_fail(err, PX_EREJECT, "question '%s': yes or no, not '%s'", q->code, raw);
}

static int canon_choice(const struct px_survey_question *q, const char *v, const char *raw,
			char *out, size_t size, struct px_err *err)
{
	struct px_buf b = PX_BUF_INIT;
	for (size_t i = 0; i < q->nchoices; i++) {
		if (!strcmp(q->choices[i].value, v)) {
			px_buf_free(&b);
			snprintf(out, size, "%s", v);
			return PX_OK;
		}
		px_buf_addf(&b, "%s%s", i ? ", " : "", q->choices[i].value);
	}
	int rc = px_fail(err, PX_EREJECT, "question '%s': '%s' is not one of: %s", q->code, raw,
			 px_buf_str(&b));
	px_buf_free(&b);
	return rc;
}

/* The canonical form of an answer to q, or PX_EREJECT with the reason. */
static int canon_value(const struct px_survey_question *q, const char *raw, char *out,
		       size_t size, struct px_err *err)
{
	char v[TEXTAREA_MAX + 8];
	if (strlen(raw) > TEXTAREA_MAX)
		return px_fail(err, PX_EREJECT, "question '%s': answer longer than %d bytes",
			       q->code, TEXTAREA_MAX);
	px_survey_digits(raw, v, sizeof v);
	if (!*v)
		return px_fail(err, PX_EREJECT, "question '%s': empty answer", q->code);
	long long n;
	switch (q->type) {
	case PX_Q_RATING:
	case PX_Q_LIKERT:
		if (px_parse_int(v, 1, 5, &n))
			return px_fail(err, PX_EREJECT, "question '%s': %s must be 1 to 5, not '%s'",
				       q->code, px_score_qtype_name(q->type), raw);
		snprintf(out, size, "%lld", n);
		return PX_OK;
	case PX_Q_NPS:
		if (px_parse_int(v, 0, 10, &n))
			return px_fail(err, PX_EREJECT, "question '%s': nps must be 0 to 10, not '%s'",
				       q->code, raw);
		snprintf(out, size, "%lld", n);
		return PX_OK;
	case PX_Q_YES_NO:
		return canon_yes_no(q, v, raw, out, size, err);
	case PX_Q_CHOICE:
		return canon_choice(q, v, raw, out, size, err);
	case PX_Q_TEXT:
	case PX_Q_TEXTAREA:
		if (q->type == PX_Q_TEXT && strlen(raw) > TEXT_MAX)
			return px_fail(err, PX_EREJECT, "question '%s': short text longer than %d bytes",
				       q->code, TEXT_MAX);
		snprintf(out, size, "%s", raw);
		return PX_OK;
	}
	return px_fail(err, PX_EREJECT, "question '%s': unknown type", q->code);
}

/* ---------- branch logic ---------- */

static int cond_holds(const struct px_survey_question *q, const char *val)
{
	double x;
	int num = px_parse_double(val, &x) == 0;
	if (!strcmp(q->if_op, "in")) {
		for (size_t i = 0; i < q->nif_in; i++) {
			double y;
			if (!strcmp(q->if_in[i], val) ||
			    (num && px_parse_double(q->if_in[i], &y) == 0 && x == y))
				return 1;
		}
		return 0;
	}
	if (!strcmp(q->if_op, "eq") || !strcmp(q->if_op, "ne")) {
		int eq = q->if_is_num && num ? x == q->if_num : !strcmp(val, q->if_value);
		return !strcmp(q->if_op, "eq") ? eq : !eq;
	}
	if (!num)
		return 0;
	if (!strcmp(q->if_op, "lt"))
		return x < q->if_num;
	if (!strcmp(q->if_op, "le"))
		return x <= q->if_num;
	if (!strcmp(q->if_op, "gt"))
		return x > q->if_num;
	return x >= q->if_num;
}

int px_survey_shown(const struct px_survey_tpl *t, size_t i, char *const *answers)
{
	const struct px_survey_question *q = &t->q[i];
	if (!q->if_question)
		return 1;
	const struct px_survey_question *r = px_survey_tpl_question(t, q->if_question);
	if (!r)
		return 0;
	size_t j = (size_t)(r - t->q);
	if (j >= i || !px_survey_shown(t, j, answers) || !answers[j])
		return 0;
	return cond_holds(q, answers[j]);
}

/* ---------- the answers of a survey ---------- */

struct answers {
	const struct px_survey_tpl *t;
	char **a; /* by question index; NULL unanswered */
};

static int add_answer(struct px_stmt *s, void *vans)
{
	struct answers *ans = vans;
	int64_t qid = px_stmt_col_int(s, 0);
	for (size_t i = 0; i < ans->t->nq; i++)
		if (ans->t->q[i].id == qid) {
			free(ans->a[i]);
			ans->a[i] = px_xstrdup(px_stmt_col_text(s, 1));
		}
	return 0;
}

void px_survey_answers_free(const struct px_survey_tpl *t, char **a)
{
	if (!a)
		return;
	for (size_t i = 0; i < t->nq; i++)
		free(a[i]);
	free(a);
}

char **px_survey_answers_load(struct px_store *st, const struct px_survey_tpl *t,
			       int64_t survey_id, struct px_err *err)
{
	struct answers ans = { t, px_xcalloc(t->nq + 1, sizeof *ans.a) };
	struct px_stmt *s = px_stmt_prepare(st, "SELECT question_id, value FROM survey_answers "
					    "WHERE survey_id = ?1", err);
	if (s) {
		px_stmt_int(s, 1, survey_id);
		if (!px_stmt_each(s, add_answer, &ans, err))
			return ans.a;
	}
	px_survey_answers_free(t, ans.a);
	return NULL;
}

/* The scoring items of the answers a (by question index; free them). */
static struct px_score_item *score_items(const struct px_survey_tpl *t, char *const *a)
{
	struct px_score_item *items = px_xcalloc(t->nq + 1, sizeof *items);
	for (size_t i = 0; i < t->nq; i++) {
		const struct px_survey_question *q = &t->q[i];
		struct px_score_item *it = &items[i];
		it->type = q->type;
		it->weight = q->weight;
		it->answered = a[i] != NULL;
		it->skipped = !px_survey_shown(t, i, a);
		if (!a[i])
			continue;
		if (q->type == PX_Q_YES_NO) {
			it->value = !strcmp(a[i], "yes");
		} else if (q->type == PX_Q_CHOICE) {
			for (size_t k = 0; k < q->nchoices; k++)
				if (!strcmp(q->choices[k].value, a[i])) {
					it->has_score = q->choices[k].has_score;
					it->value = q->choices[k].score;
				}
		} else if (q->type != PX_Q_TEXT && q->type != PX_Q_TEXTAREA) {
			px_parse_double(a[i], &it->value);
		}
	}
	return items;
}

static void score_answers(const struct px_survey_tpl *t, char *const *a,
			  struct px_score_result *res)
{
	struct px_score_item *items = score_items(t, a);
	px_score_compute(t->scoring, t->threshold, items, t->nq, res);
	free(items);
}

int px_survey_answer_scores(struct px_store *st, const struct px_survey_tpl *t, int64_t survey_id,
			    double *scores, int *has, struct px_err *err)
{
	char **a = px_survey_answers_load(st, t, survey_id, err);
	if (!a)
		return err->code;
	struct px_score_item *items = score_items(t, a);
	for (size_t i = 0; i < t->nq; i++) {
		const struct px_score_item *it = &items[i];
		double v;
		has[i] = 0;
		if (t->scoring == PX_SCORE_NPS) {
			has[i] = it->type == PX_Q_NPS && it->answered && !it->skipped;
			scores[i] = it->value;
		} else if (px_score_normalise(it, &v) &&
			   (t->scoring != PX_SCORE_WEIGHTED || it->weight > 0)) {
			has[i] = 1;
			scores[i] = round((1 + 4 * v) * 100) / 100;
		}
	}
	free(items);
	px_survey_answers_free(t, a);
	return PX_OK;
}

/* ---------- one answer ---------- */

/* Whether an answer may be given to the survey at all. */
static int answerable(struct px_ctx *cx, const struct px_survey_inst *in, const char *qcode,
		      const char *raw, struct px_err *err)
{
	/* the link's token is its holder's authority; by its id, staff's */
	int rc = in->by_token ? PX_OK : px_survey_require(cx, PX_ROLE_STAFF, in->hospital_id,
							  "record answers to surveys", err);
	if (rc)
		return rc;
	if (!strcmp(in->status, "completed"))
		return px_fail(err, PX_EREJECT, "survey '%s' is already completed", in->pid);
	if (!strcmp(in->status, "cancelled"))
		return px_fail(err, PX_EREJECT, "survey '%s' is cancelled", in->pid);
	if (!strcmp(in->status, "expired") || in->expires_at <= px_now(cx))
		return px_fail(err, PX_EREJECT, "survey '%s' has expired", in->pid);
	if (!qcode || !*qcode)
		return px_fail(err, PX_EREJECT, "answer has no 'question'");
	if (!raw)
		return px_fail(err, PX_EREJECT, "answer has no 'value'");
	return PX_OK;
}

/* Inside the transaction: stores the answer to question q, unless it is
 * hidden by its condition or the same as before (*same). */
static int answer_store(struct px_ctx *cx, struct px_survey_inst *in, const struct px_survey_tpl *t,
			const struct px_survey_question *q, const char *val, int *same,
			struct px_err *err)
{
	struct px_store *st = cx->st;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	char **a = px_survey_answers_load(st, t, in->id, err);
	if (!a)
		return err->code;
	size_t qi = (size_t)(q - t->q);
	const struct px_survey_question *r = q->if_question ? px_survey_tpl_question(t, q->if_question)
							    : NULL;
	int rc = PX_OK, was = a[qi] != NULL;
	*same = was && !strcmp(a[qi], val);
	if (r && a[r - t->q] && px_survey_shown(t, (size_t)(r - t->q), a) && !cond_holds(q, a[r - t->q]))
		rc = px_fail(err, PX_EREJECT, "question '%s' is skipped: its condition on '%s' does "
			     "not hold", q->code, q->if_question);
	px_survey_answers_free(t, a);
	if (rc || *same)
		return rc;
	struct px_stmt *s = px_stmt_prepare(st,
		"INSERT INTO survey_answers (survey_id, question_id, value, answered_at) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT (survey_id, question_id) "
		"DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, in->id);
	px_stmt_int(s, 2, q->id);
	px_stmt_text(s, 3, val);
	px_stmt_text(s, 4, at);
	if ((rc = px_stmt_run(s, err)))
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "question", q->code);
	rc = px_audit_record(st, cx->actor->name, was ? "survey_answer_changed" : "survey_answered",
			     "survey", in->pid, d, err);
	px_rec_free(d);
	if (rc)
		return err->code ? err->code : PX_ESTORE;
	s = px_stmt_prepare(st,
		"UPDATE surveys SET status = 'in_progress', started_at = COALESCE(started_at, ?2), "
		"last_activity_at = ?2, updated_at = ?2 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, in->id);
	px_stmt_text(s, 2, at);
	if ((rc = px_stmt_run(s, err)))
		return rc;
	if (strcmp(in->status, "in_progress"))
		return px_survey_audit_status(cx, in, "survey_status_changed", in->status,
					      "in_progress", "answer", err);
	return PX_OK;
}

int px_survey_answer(struct px_ctx *cx, struct px_survey_inst *in, const char *qcode,
		     const char *raw, struct px_err *err)
{
	int rc = answerable(cx, in, qcode, raw, err);
	if (rc)
		return rc;
	struct px_survey_tpl *t = px_survey_tpl_load(cx->st, in->template_id, err);
	if (!t)
		return err->code;
	const struct px_survey_question *q = px_survey_tpl_question(t, qcode);
	char val[TEXTAREA_MAX + 8];
	int same = 0;
	if (!q)
		rc = px_fail(err, PX_EREJECT, "unknown question '%s'", qcode);
	else
		rc = canon_value(q, raw, val, sizeof val, err);
	if (!rc)
		rc = px_store_begin(cx->st, err);
	if (!rc) {
		rc = answer_store(cx, in, t, q, val, &same, err);
		if (rc || same)
			px_store_rollback(cx->st);
		else
			rc = px_store_commit(cx->st, err);
	}
	if (!rc && !same)
		px_strlcpy(in->status, "in_progress", sizeof in->status);
	px_survey_tpl_free(t);
	return rc;
}

/* ---------- completion ---------- */

/* A completed survey: what completing it found and decided. */
struct completion {
	struct px_survey_inst in;
	struct px_survey_tpl *t;
	char **a;
	struct px_score_result res;
	char at[PX_TIME_UTC_LEN], score[32];
	int check;       /* a satisfaction check: never negative itself */
	struct px_rec *neg; /* the survey.negative record, when negative */
	struct px_rec **alerts; /* the alerts to staff, queued with it */
	size_t nalerts;
};

static void completion_free(struct completion *c)
{
	if (c->t)
		px_survey_answers_free(c->t, c->a);
	px_survey_tpl_free(c->t);
	px_rec_free(c->neg);
	for (size_t i = 0; i < c->nalerts; i++)
		px_rec_free(c->alerts[i]);
	free(c->alerts);
}

/* Inside the transaction: 1 when the survey is open and every required
 * question shown has an answer, 0 when not, or a negative status. */
static int completable(struct px_ctx *cx, int64_t survey_id, struct completion *c,
		       struct px_err *err)
{
	int rc = px_survey_inst_load(cx->st, survey_id, &c->in, err);
	if (rc <= 0 || !px_survey_inst_is_open(&c->in))
		return rc < 0 ? -err->code : 0;
	if (!(c->t = px_survey_tpl_load(cx->st, c->in.template_id, err)) ||
	    !(c->a = px_survey_answers_load(cx->st, c->t, c->in.id, err)))
		return -err->code;
	for (size_t i = 0; i < c->t->nq; i++)
		if (c->t->q[i].required && !c->a[i] && px_survey_shown(c->t, i, c->a))
			return 0;
	return 1;
}

/* Inside the transaction: the score and the completed status. */
static int mark_completed(struct px_ctx *cx, struct completion *c, struct px_err *err)
{
	struct px_score_result *res = &c->res;
	score_answers(c->t, c->a, res);
	c->check = px_survey_tpl_is_check(c->t);
	if (res->has_score)
		px_score_format(res->score, c->score, sizeof c->score);
	int negative = res->negative && !c->check;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"UPDATE surveys SET status = 'completed', completed_at = ?2, score = ?3, "
		"nps_class = ?4, negative = ?5, updated_at = ?2 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, c->in.id);
	px_stmt_text(s, 2, c->at);
	if (res->has_score)
		px_stmt_double(s, 3, res->score);
	else
		px_stmt_null(s, 3);
	px_stmt_text(s, 4, res->nps_class);
	px_stmt_int(s, 5, negative);
	int rc = px_stmt_run(s, err);
	if (rc)
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", c->in.status);
	px_rec_set_str(d, "method", px_score_method_name(c->t->scoring));
	if (res->has_score)
		px_rec_set_json(d, "score", c->score);
	else
		px_rec_set_null(d, "score");
	px_rec_set_bool(d, "negative", negative);
	rc = px_audit_record(cx->st, cx->actor->name, "survey_completed", "survey", c->in.pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* Inside the transaction: the survey.negative record, kept in the store. */
static int record_negative(struct px_ctx *cx, struct completion *c, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT s.public_id AS survey, p.public_id AS patient, h.code AS hospital, "
		"d.code AS department, t.name AS template, t.scoring AS method "
		"FROM surveys s JOIN patients p ON p.id = s.patient_id "
		"JOIN hospitals h ON h.id = s.hospital_id LEFT JOIN departments d ON d.id = s.department_id "
		"JOIN survey_templates t ON t.id = s.template_id WHERE s.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, c->in.id);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		c->neg = px_stmt_rec(s, "survey.negative", NULL);
	px_stmt_reset(s);
	if (rc != 1)
		return rc < 0 ? err->code : px_fail(err, PX_ESTORE, "survey row is missing");
	px_rec_set_json(c->neg, "score", c->score);
	if (c->res.nps_class)
		px_rec_set_str(c->neg, "nps_class", c->res.nps_class);
	px_rec_set_str(c->neg, "completed_at", c->at);
	char *text = px_rec_dump(c->neg);
	s = px_stmt_prepare(cx->st, "INSERT INTO survey_negatives (survey_id, record, created_at) "
			    "VALUES (?1, ?2, ?3)", err);
	if (s) {
		px_stmt_int(s, 1, c->in.id);
		px_stmt_text(s, 2, text);
		px_stmt_text(s, 3, c->at);
		rc = px_stmt_run(s, err);
	}
	free(text);
	if (!s || rc)
		return err->code ? err->code : PX_ESTORE;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_json(d, "score", c->score);
	rc = px_audit_record(cx->st, cx->actor->name, "survey_negative", "survey", c->in.pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

static int queue_alerts(struct px_ctx *cx, struct completion *c, struct px_err *err);

/* Inside the transaction: everything completing the survey changes. */
static int complete_in_txn(struct px_ctx *cx, struct completion *c, struct px_err *err)
{
	int rc = mark_completed(cx, c, err);
	if (rc)
		return rc;
	/* the loop a satisfaction check answers for moves on in this same
	 * transaction: the follow-up module hears of it through its hook */
	struct px_ev_survey ev = {
		.survey = c->in.id, .tpl = c->t->name,
		.satisfied = c->res.has_score ? !c->res.negative : -1, .at = c->at,
	};
	if ((rc = px_ctx_run_hooks(cx, PX_EV_SURVEY_COMPLETED, &ev, err)))
		return rc;
	if (c->res.negative && !c->check)
		rc = record_negative(cx, c, err);
	if (!rc && c->neg)
		rc = queue_alerts(cx, c, err);
	return rc;
}

/* What the alerts of one negative survey share. */
struct alert_ctx {
	struct px_ctx *cx;
	struct completion *c;
	const struct px_survey_hospital *h;
	const char *dname, *mask;
};

/* The alert to one hospital admin, queued in the outbox. */
static int queue_alert(struct alert_ctx *ac, const char *user, struct px_err *err)
{
	struct completion *c = ac->c;
	char *key = px_xasprintf("survey_negative_alert:%s:%s", c->in.pid, user);
	struct px_rec *n = px_rec_new("notification");
	px_rec_set_str(n, "key", key);
	px_rec_set_null(n, "id"); /* the outbox's */
	px_rec_set_str(n, "channel", "email");
	px_rec_set_str(n, "user", user);
	px_rec_set_str(n, "language", "en");
	px_rec_set_str(n, "template", "survey_negative_alert");
	struct px_rec *v = px_rec_new(NULL);
	px_rec_set_str(v, "survey", c->in.pid);
	px_rec_set_str(v, "hospital_name", ac->h->name);
	px_rec_set_str(v, "department_name", ac->dname);
	px_rec_set_str(v, "template_name", c->t->title);
	px_rec_set_str(v, "score", c->score);
	px_rec_set_str(v, "patient_ref", ac->mask);
	px_rec_set_obj(n, "vars", v);
	px_rec_set_str(n, "object_type", "survey");
	px_rec_set_str(n, "object", c->in.pid);
	px_rec_set_str(n, "hospital", ac->h->code);
	free(key);
	int rc = px_notify_queue_tx(ac->cx, n, NULL, err);
	if (rc) {
		px_rec_free(n);
		return rc;
	}
	c->alerts = px_xrealloc(c->alerts, (c->nalerts + 1) * sizeof *c->alerts);
	c->alerts[c->nalerts++] = n;
	return PX_OK;
}

static int add_name(struct px_stmt *s, void *vnames)
{
	struct px_buf *names = vnames;
	px_buf_adds(names, px_stmt_col_text(s, 0));
	px_buf_addc(names, '\0');
	return 0;
}

/* The hospital's admins who have an email address, as NUL-separated
 * names in names. */
static int alert_users(struct px_store *st, int64_t hospital_id, struct px_buf *names,
		       struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT u.name FROM users u JOIN user_hospitals uh ON uh.user_id = u.id "
		"WHERE uh.hospital_id = ?1 AND u.role = 'hospital_admin' AND u.active = 1 "
		"AND u.email IS NOT NULL AND u.email <> '' ORDER BY u.name", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hospital_id);
	return px_stmt_each(s, add_name, names, err);
}

/* Inside the negative completion's transaction: the alerts to the
 * hospital's admins who have an email address, queued in the outbox. */
static int queue_alerts(struct px_ctx *cx, struct completion *c, struct px_err *err)
{
	struct px_store *st = cx->st;
	struct px_survey_hospital h;
	struct px_patient p = { 0 };
	struct px_buf names = PX_BUF_INIT;
	char dname[200] = "", mask[PX_MASK_LEN];
	int rc = px_survey_hospital_load(st, c->in.hospital_id, &h, err);
	if (!rc)
		rc = px_patient_load(st, c->in.patient_id, &p, err);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(st,
		"SELECT name FROM departments WHERE id = ?1", err);
	if (!rc && !s)
		rc = err->code;
	if (s) {
		px_stmt_int(s, 1, c->in.department_id);
		if (px_stmt_step(s, err) == 1)
			px_strlcpy(dname, px_stmt_col_text(s, 0), sizeof dname);
		px_stmt_reset(s);
		px_mask(p.mrn, mask);
		rc = alert_users(st, c->in.hospital_id, &names, err);
	}
	struct alert_ctx ac = { cx, c, &h, dname, mask };
	for (size_t at = 0; !rc && at < names.len; at += strlen(names.s + at) + 1)
		rc = queue_alert(&ac, names.s + at, err);
	px_buf_free(&names);
	px_survey_hospital_free(&h);
	px_patient_free(&p);
	return rc;
}

int px_survey_complete(struct px_ctx *cx, int64_t survey_id, struct px_err *err)
{
	struct completion c = { 0 };
	px_time_format_utc(px_now(cx), c.at);
	int rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	int ready = completable(cx, survey_id, &c, err);
	/* what a completion sets going (the loop's move, the alerts) is
	 * px's own: for a link's holder, who is no staff of the hospital, px
	 * does it with the rights of its staff there, in the holder's name */
	const struct px_user *was = cx->actor;
	int64_t hospital = c.in.hospital_id;
	struct px_user standin = { .role = PX_ROLE_STAFF, .hospitals = &hospital, .nhospitals = 1 };
	struct px_err scratch = { 0 };
	if (ready > 0 && px_auth_require(was, PX_ROLE_STAFF, hospital, "complete surveys", &scratch)) {
		px_strlcpy(standin.name, was->name, sizeof standin.name);
		standin.id = was->id;
		cx->actor = &standin;
	}
	rc = ready < 0 ? -ready : ready ? complete_in_txn(cx, &c, err) : PX_OK;
	cx->actor = was;
	if (rc || !ready) {
		px_store_rollback(cx->st);
		px_emit_drop(cx);
	} else {
		rc = px_store_commit(cx->st, err);
		if (rc)
			px_emit_drop(cx);
	}
	/* what the hooks made (an escalation), then the negative experience */
	if (!rc && ready)
		rc = px_emit_flush(cx, err);
	if (!rc && c.neg)
		rc = px_emit(cx, c.neg, err);
	for (size_t i = 0; !rc && i < c.nalerts; i++)
		rc = px_emit(cx, c.alerts[i], err);
	completion_free(&c);
	return rc;
}

/* ---------- the handler ---------- */

/* The survey whose answers are coming in (cx->verb_state). */
struct respond_state {
	int64_t pending;
};

void px_survey_respond_begin(struct px_ctx *cx)
{
	if (!cx->verb_state)
		cx->verb_state = px_xcalloc(1, sizeof(struct respond_state));
}

int px_survey_respond_end(struct px_ctx *cx, struct px_err *err)
{
	return px_survey_respond_finish(cx, 1, err);
}

int px_survey_respond_finish(struct px_ctx *cx, int complete, struct px_err *err)
{
	struct respond_state *rs = cx->verb_state;
	if (!rs)
		return PX_OK;
	int64_t id = rs->pending;
	free(rs);
	cx->verb_state = NULL;
	return id && complete ? px_survey_complete(cx, id, err) : PX_OK;
}

int px_survey_respond(struct px_rec *r, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	struct respond_state *rs = cx->verb_state;
	struct px_survey_inst in;
	int rc = px_survey_inst_find(cx->st, r, &in, err);
	if (rc)
		return rc;
	/* answers to one survey come together: it is completed when the
	 * next survey's answers start, or at the end */
	if (rs && rs->pending && rs->pending != in.id) {
		int64_t id = rs->pending;
		rs->pending = 0;
		if ((rc = px_survey_complete(cx, id, err)) ||
		    (rc = px_survey_inst_find(cx->st, r, &in, err)))
			return rc == PX_EREJECT ? PX_ESTORE : rc;
	}
	rc = px_survey_answer(cx, &in, px_rec_get(r, "question"), px_rec_get(r, "value"), err);
	if (rc == PX_OK && rs)
		rs->pending = in.id;
	else if (rc == PX_OK)
		rc = px_survey_complete(cx, in.id, err);
	return rc;
}
