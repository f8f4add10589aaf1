/* listings.c - reading surveys: list, show, export, negatives; each in
 * the acting user's scope. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/time.h"
#include "core/org.h"
#include "surveys/internal.h"
#include "base/banned.h"

/* ---------- filters ---------- */

/* A row of a lookup exists: PX_OK, PX_EINPUT "unknown WHAT 'NAME'", or
 * the store's status. */
static int must_exist(struct px_store *st, const char *sql, const char *name, const char *what,
		      struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, sql, err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, name);
	int rc = px_stmt_step(s, err);
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	return rc ? PX_OK : px_fail(err, PX_EINPUT, "unknown %s '%s'", what, name);
}

/* What a filter names must exist, and its hospital be in scope. */
static int filter_check(struct px_ctx *cx, const struct px_survey_filter *f, const char *verb,
			struct px_err *err)
{
	int rc = PX_OK;
	int64_t hid = 0;
	if (f->hospital) {
		char what[200];
		snprintf(what, sizeof what, "%s of hospital '%s'", verb, f->hospital);
		rc = px_org_hospital(cx, f->hospital, PX_ROLE_VIEWER, what, &hid, err);
	}
	if (!rc && f->department && hid) {
		int64_t did;
		int k = px_org_department_id(cx->st, hid, f->department, &did, err);
		rc = k < 0 ? err->code : k ? PX_OK
			: px_fail(err, PX_EINPUT, "unknown department '%s'", f->department);
	} else if (!rc && f->department) {
		rc = must_exist(cx->st, "SELECT id FROM departments WHERE code = ?1 LIMIT 1",
				f->department, "department", err);
	}
	if (!rc && f->tpl)
		rc = must_exist(cx->st, "SELECT id FROM survey_templates WHERE name = ?1 LIMIT 1",
				f->tpl, "template", err);
	return rc;
}

/* ---------- surveys as records ---------- */

#define SURVEY_FROM \
	"FROM surveys s JOIN survey_templates t ON t.id = s.template_id " \
	"JOIN patients p ON p.id = s.patient_id JOIN hospitals h ON h.id = s.hospital_id " \
	"LEFT JOIN departments d ON d.id = s.department_id "

#define SURVEY_WHERE \
	"WHERE (CAST(?1 AS TEXT) IS NULL OR h.code = ?1) " \
	"AND (CAST(?2 AS TEXT) IS NULL OR d.code = ?2) " \
	"AND (CAST(?3 AS TEXT) IS NULL OR t.name = ?3) " \
	"AND (CAST(?4 AS TEXT) IS NULL OR s.status = ?4) AND (?5 = 0 OR s.negative = 1) " \
	"AND (CAST(?6 AS TEXT) IS NULL OR s.sent_at >= ?6) " \
	"AND (CAST(?7 AS TEXT) IS NULL OR s.sent_at < ?7) ORDER BY s.sent_at, s.id"

/* The first two columns of every query here: the row ids the records
 * leave out. */
#define SURVEY_KEYS "s.id AS row_id, s.hospital_id AS hospital_row, "

#define SURVEY_COLS SURVEY_KEYS \
	"s.public_id AS id, t.name AS template, t.version AS version, p.public_id AS patient, " \
	"h.code AS hospital, d.code AS department, s.channel AS channel, s.language AS language, " \
	"s.status AS status, s.sent_at AS sent_at, s.expires_at AS expires_at, " \
	"s.open_count AS open_count, s.last_opened_at AS last_opened_at, " \
	"s.time_spent AS time_spent, s.reminders AS reminders, s.completed_at AS completed_at, " \
	"s.score AS score, t.scoring AS method, s.nps_class AS nps_class, s.negative AS negative "

#define EXPORT_COLS SURVEY_KEYS \
	"s.public_id AS survey, t.name AS template, t.version AS version, h.code AS hospital, " \
	"d.code AS department, s.channel AS channel, s.language AS language, s.status AS status, " \
	"s.sent_at AS sent_at, s.completed_at AS completed_at, s.score AS score, " \
	"s.negative AS negative "

static const struct px_col survey_cols[] = {
	{ "row_id", PX_COL_SKIP }, { "hospital_row", PX_COL_SKIP }, { "negative", PX_COL_BOOL },
	{ NULL, 0 },
};

/* The current row as a record, its score shown as scores are. */
static struct px_rec *survey_rec(struct px_stmt *s, const char *type)
{
	struct px_rec *r = px_stmt_rec(s, type, survey_cols);
	double v;
	if (px_rec_get_num(r, "score", &v) == 0) {
		char sc[32];
		px_score_format(v, sc, sizeof sc);
		px_rec_set_json(r, "score", sc);
	}
	return r;
}

static struct px_stmt *filter_query(struct px_ctx *cx, const char *cols,
				    const struct px_survey_filter *f, struct px_err *err)
{
	char *sql = px_xasprintf("SELECT %s" SURVEY_FROM SURVEY_WHERE, cols);
	struct px_stmt *s = px_stmt_prepare(cx->st, sql, err);
	free(sql);
	if (!s)
		return NULL;
	char since[PX_TIME_UTC_LEN], until[PX_TIME_UTC_LEN];
	px_time_format_utc(f->since, since);
	px_time_format_utc(f->until, until);
	px_stmt_text(s, 1, f->hospital);
	px_stmt_text(s, 2, f->department);
	px_stmt_text(s, 3, f->tpl);
	px_stmt_text(s, 4, f->status);
	px_stmt_int(s, 5, f->negative != 0);
	px_stmt_text(s, 6, f->since ? since : NULL);
	px_stmt_text(s, 7, f->until ? until : NULL);
	return s;
}

struct rows {
	struct px_ctx *cx;
	struct px_err *err;
	char **cols; /* export: the question columns */
	size_t ncols;
};

static int list_row(struct px_stmt *s, void *vrows)
{
	struct rows *rw = vrows;
	if (!px_auth_in_scope(rw->cx->actor, px_stmt_col_int(s, 1)))
		return 0;
	struct px_rec *r = survey_rec(s, "survey");
	int rc = px_emit(rw->cx, r, rw->err);
	px_rec_free(r);
	return rc;
}

int px_survey_list(struct px_ctx *cx, const struct px_survey_filter *f, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "list surveys", err))
		return PX_EPERM;
	int rc = filter_check(cx, f, "list surveys", err);
	if (rc)
		return rc;
	struct px_stmt *s = filter_query(cx, SURVEY_COLS, f, err);
	if (!s)
		return err->code;
	struct rows rw = { cx, err, NULL, 0 };
	return px_stmt_each(s, list_row, &rw, err);
}

/* The answers of one survey, as show emits them. */
struct answer_rows {
	struct px_ctx *cx;
	struct px_err *err;
	const struct px_survey_tpl *t;
	const double *scores;
	const int *has;
	int arabic;
};

static int answer_row(struct px_stmt *s, void *vrows)
{
	struct answer_rows *ar = vrows;
	int64_t qid = px_stmt_col_int(s, 0);
	const struct px_survey_question *q = NULL;
	size_t i = 0;
	for (; i < ar->t->nq; i++)
		if (ar->t->q[i].id == qid) {
			q = &ar->t->q[i];
			break;
		}
	struct px_rec *r = px_rec_new("survey.answer");
	px_rec_set_str(r, "survey", px_stmt_col_text(s, 1));
	px_rec_set_str(r, "question", px_stmt_col_text(s, 2));
	px_rec_set_str(r, "question_type", px_stmt_col_text(s, 3));
	const char *text = q && ar->arabic && q->text_ar && *q->text_ar ? q->text_ar
			 : q ? q->text : NULL;
	if (text)
		px_rec_set_str(r, "text", text);
	else
		px_rec_set_null(r, "text");
	px_rec_set_str(r, "value", px_stmt_col_text(s, 4));
	if (q && ar->has[i]) {
		char sc[32];
		px_score_format(ar->scores[i], sc, sizeof sc);
		px_rec_set_json(r, "score", sc);
	} else {
		px_rec_set_null(r, "score");
	}
	px_rec_set_str(r, "answered_at", px_stmt_col_text(s, 5));
	int rc = px_emit(ar->cx, r, ar->err);
	px_rec_free(r);
	return rc;
}

/* The survey.answer records of a survey: each answer with its question's
 * text (in the survey's language) and the score it counts for. */
static int show_answers(struct px_ctx *cx, int64_t sid, struct px_err *err)
{
	struct px_survey_inst in;
	int rc = px_survey_inst_load(cx->st, sid, &in, err);
	if (rc <= 0)
		return rc < 0 ? err->code : px_fail(err, PX_ESTORE, "survey vanished");
	struct px_survey_tpl *t = px_survey_tpl_load(cx->st, in.template_id, err);
	if (!t)
		return err->code;
	double *scores = px_xcalloc(t->nq + 1, sizeof *scores);
	int *has = px_xcalloc(t->nq + 1, sizeof *has);
	rc = px_survey_answer_scores(cx->st, t, sid, scores, has, err);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st,
		"SELECT q.id, s.public_id, q.code, q.type, a.value, a.answered_at "
		"FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id "
		"JOIN surveys s ON s.id = a.survey_id WHERE a.survey_id = ?1 ORDER BY q.position",
		err);
	if (s) {
		px_stmt_int(s, 1, sid);
		struct answer_rows ar = { cx, err, t, scores, has, !strcmp(in.language, "ar") };
		rc = px_stmt_each(s, answer_row, &ar, err);
	} else if (!rc) {
		rc = err->code;
	}
	free(scores);
	free(has);
	px_survey_tpl_free(t);
	return rc;
}

int px_survey_show(struct px_ctx *cx, const char *id, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "read surveys", err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT " SURVEY_COLS SURVEY_FROM
					    "WHERE s.public_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	int64_t sid = 0, hid = 0;
	struct px_rec *r = NULL;
	if (rc == 1) {
		sid = px_stmt_col_int(s, 0);
		hid = px_stmt_col_int(s, 1);
		r = survey_rec(s, "survey");
	}
	px_stmt_reset(s);
	if (rc <= 0)
		return rc < 0 ? err->code : px_fail(err, PX_EINPUT, "unknown survey '%s'", id);
	rc = px_survey_require(cx, PX_ROLE_VIEWER, hid, "read surveys", err);
	if (!rc)
		rc = px_emit(cx, r, err);
	px_rec_free(r);
	return rc ? rc : show_answers(cx, sid, err);
}

/* ---------- export ---------- */

static int add_column(struct px_stmt *s, void *vrows)
{
	struct rows *rw = vrows;
	const char *c = px_stmt_col_text(s, 0);
	for (size_t i = 0; i < rw->ncols; i++)
		if (!strcmp(rw->cols[i], c))
			return 0;
	rw->cols = px_xrealloc(rw->cols, (rw->ncols + 1) * sizeof *rw->cols);
	rw->cols[rw->ncols++] = px_xstrdup(c);
	return 0;
}

static int set_answer(struct px_stmt *s, void *vr)
{
	px_rec_set_str(vr, px_stmt_col_text(s, 0), px_stmt_col_text(s, 1));
	return 0;
}

static int export_row(struct px_stmt *s, void *vrows)
{
	struct rows *rw = vrows;
	if (!px_auth_in_scope(rw->cx->actor, px_stmt_col_int(s, 1)))
		return 0;
	int64_t sid = px_stmt_col_int(s, 0);
	struct px_rec *r = survey_rec(s, "survey.export");
	for (size_t i = 0; i < rw->ncols; i++)
		px_rec_set_str(r, rw->cols[i], "");
	struct px_stmt *a = px_stmt_prepare(rw->cx->st, "SELECT q.code, a.value FROM survey_answers a "
					    "JOIN survey_questions q ON q.id = a.question_id "
					    "WHERE a.survey_id = ?1", rw->err);
	int rc = a ? PX_OK : rw->err->code;
	if (a) {
		px_stmt_int(a, 1, sid);
		rc = px_stmt_each(a, set_answer, r, rw->err);
	}
	if (!rc)
		rc = px_emit(rw->cx, r, rw->err);
	px_rec_free(r);
	return rc;
}

int px_survey_export(struct px_ctx *cx, const struct px_survey_filter *f, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "export surveys", err))
		return PX_EPERM;
	if (!f->tpl)
		return px_fail(err, PX_EUSAGE, "export needs a template");
	int rc = filter_check(cx, f, "export surveys", err);
	if (rc)
		return rc;
	/* the columns: every question of every version, newest first */
	struct rows rw = { cx, err, NULL, 0 };
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT q.code FROM survey_questions q JOIN survey_templates t ON t.id = q.template_id "
		"WHERE t.name = ?1 ORDER BY t.version DESC, q.position", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, f->tpl);
	rc = px_stmt_each(s, add_column, &rw, err);
	if (!rc && !(s = filter_query(cx, EXPORT_COLS, f, err)))
		rc = err->code;
	if (!rc)
		rc = px_stmt_each(s, export_row, &rw, err);
	for (size_t i = 0; i < rw.ncols; i++)
		free(rw.cols[i]);
	free(rw.cols);
	return rc;
}

/* ---------- negatives ---------- */

static int negative_row(struct px_stmt *s, void *vrows)
{
	struct rows *rw = vrows;
	if (!px_auth_in_scope(rw->cx->actor, px_stmt_col_int(s, 1)))
		return 0;
	const char *txt = px_stmt_col_text(s, 0);
	struct px_err e2;
	struct px_rec *r = px_rec_parse(txt, strlen(txt), &e2);
	int rc = r ? px_emit(rw->cx, r, rw->err) : PX_OK;
	px_rec_free(r);
	return rc;
}

int px_survey_negatives(struct px_ctx *cx, const struct px_survey_filter *f, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "read negative surveys", err))
		return PX_EPERM;
	int rc = filter_check(cx, f, "read negative surveys", err);
	if (rc)
		return rc;
	char since[PX_TIME_UTC_LEN], until[PX_TIME_UTC_LEN];
	px_time_format_utc(f->since, since);
	px_time_format_utc(f->until, until);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT n.record, s.hospital_id FROM survey_negatives n JOIN surveys s ON s.id = n.survey_id "
		"JOIN hospitals h ON h.id = s.hospital_id WHERE (CAST(?1 AS TEXT) IS NULL OR h.code = ?1) "
		"AND (CAST(?2 AS TEXT) IS NULL OR s.completed_at >= ?2) "
		"AND (CAST(?3 AS TEXT) IS NULL OR s.completed_at < ?3) "
		"ORDER BY s.completed_at, s.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, f->hospital);
	px_stmt_text(s, 2, f->since ? since : NULL);
	px_stmt_text(s, 3, f->until ? until : NULL);
	struct rows rw = { cx, err, NULL, 0 };
	return px_stmt_each(s, negative_row, &rw, err);
}
