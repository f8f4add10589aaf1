/* templates.c - survey templates: parsing and checking a definition,
 * storing it with its versions, listing, showing and disabling. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "core/audit.h"
#include "surveys/internal.h"
#include "base/banned.h"

#define TPL_FILE_MAX (1024 * 1024)
#define MAX_QUESTIONS 100

static int name_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	return n >= 1 && n <= max && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static char *dup_or_null(const char *s)
{
	return s ? px_xstrdup(s) : NULL;
}

/* ---------- the structs ---------- */

static void question_free(struct px_survey_question *q)
{
	free(q->code);
	free(q->text);
	free(q->text_ar);
	for (size_t i = 0; i < q->nchoices; i++) {
		free(q->choices[i].value);
		free(q->choices[i].label);
		free(q->choices[i].label_ar);
	}
	free(q->choices);
	free(q->choices_json);
	free(q->show_if_json);
	free(q->if_question);
	free(q->if_op);
	free(q->if_value);
	for (size_t i = 0; i < q->nif_in; i++)
		free(q->if_in[i]);
	free(q->if_in);
}

void px_survey_tpl_free(struct px_survey_tpl *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nq; i++)
		question_free(&t->q[i]);
	free(t->q);
	free(t->public_id);
	free(t->name);
	free(t->title);
	free(t->title_ar);
	free(t->survey_type);
	free(t);
}

struct px_survey_question *px_survey_tpl_question(const struct px_survey_tpl *t, const char *code)
{
	for (size_t i = 0; i < t->nq; i++)
		if (!strcmp(t->q[i].code, code))
			return &t->q[i];
	return NULL;
}

int px_survey_tpl_is_check(const struct px_survey_tpl *t)
{
	return t->survey_type && (!strcmp(t->survey_type, "satisfaction_check") ||
				  !strcmp(t->survey_type, "complaint_resolution"));
}

/* ---------- parsing a definition ---------- */

struct parse_ctx {
	struct px_survey_tpl *t;
	struct px_survey_question *q;
	struct px_err *err;
};

static const char *const if_ops[] = { "eq", "ne", "lt", "le", "gt", "ge", "in", NULL };

static int add_in_value(const char *p, size_t n, void *vctx)
{
	struct px_survey_question *q = vctx;
	/* a JSON string or number; strings lose their quotes */
	char *v = n >= 2 && p[0] == '"' ? px_xstrndup(p + 1, n - 2) : px_xstrndup(p, n);
	q->if_in = px_xrealloc(q->if_in, (q->nif_in + 1) * sizeof *q->if_in);
	q->if_in[q->nif_in++] = v;
	return 0;
}

/* The value of a show_if condition c of q (op already checked). */
static int show_if_value(struct px_survey_question *q, struct px_rec *c, const char *op,
			 struct px_err *err)
{
	if (!strcmp(op, "in")) {
		char *arr = px_rec_get_json(c, "value");
		int bad = px_json_array_each(arr, add_in_value, q) || !q->nif_in;
		free(arr);
		if (bad)
			return px_fail(err, PX_EREJECT, "question '%s': 'show_if' op 'in' needs an array",
				       q->code);
		return PX_OK;
	}
	if (!px_rec_get(c, "value"))
		return px_fail(err, PX_EREJECT,
			       "question '%s': 'show_if' value must be a number or a string", q->code);
	q->if_value = px_xstrdup(px_rec_get(c, "value"));
	q->if_is_num = px_rec_get_num(c, "value", &q->if_num) == 0;
	if (strcmp(op, "eq") && strcmp(op, "ne") && !q->if_is_num)
		return px_fail(err, PX_EREJECT, "question '%s': 'show_if' op '%s' needs a number",
			       q->code, op);
	return PX_OK;
}

/* Reads show_if JSON into the question; PX_EREJECT when malformed. */
static int parse_show_if(struct px_survey_question *q, const struct px_survey_tpl *t,
			 const char *json, struct px_err *err)
{
	struct px_err e2;
	struct px_rec *c = px_rec_parse(json, strlen(json), &e2);
	if (!c)
		return px_fail(err, PX_EREJECT, "question '%s': 'show_if' is not an object", q->code);
	const char *ref = px_rec_get(c, "question"), *op = px_rec_get(c, "op");
	if (!op)
		op = "eq";
	const struct px_survey_question *rq = ref ? px_survey_tpl_question(t, ref) : NULL;
	int known = 0, rc;
	for (const char *const *o = if_ops; *o; o++)
		known |= !strcmp(*o, op);
	if (!ref) {
		rc = px_fail(err, PX_EREJECT, "question '%s': 'show_if' names no 'question'", q->code);
	} else if (!rq || rq >= q) {
		rc = px_fail(err, PX_EREJECT, "question '%s': 'show_if' refers to '%s', which is not "
			     "an earlier question", q->code, ref);
	} else if (!known) {
		rc = px_fail(err, PX_EREJECT, "question '%s': unknown 'show_if' op '%s'", q->code, op);
	} else if (!px_rec_has(c, "value")) {
		rc = px_fail(err, PX_EREJECT, "question '%s': 'show_if' has no 'value'", q->code);
	} else {
		q->if_question = px_xstrdup(ref);
		q->if_op = px_xstrdup(op);
		rc = show_if_value(q, c, op, err);
	}
	px_rec_free(c);
	return rc;
}

static int parse_choice(const char *p, size_t n, void *vctx)
{
	struct parse_ctx *pc = vctx;
	struct px_survey_question *q = pc->q;
	struct px_err e2;
	struct px_rec *c = px_rec_parse(p, n, &e2);
	if (!c)
		return px_fail(pc->err, PX_EREJECT, "question '%s': a choice is not an object", q->code);
	const char *v = px_rec_get(c, "value"), *label = px_rec_get(c, "label");
	int rc = PX_OK;
	double sc = 0;
	int has = px_rec_has(c, "score");
	if (!v || !*v)
		rc = px_fail(pc->err, PX_EREJECT, "question '%s': a choice has no 'value'", q->code);
	else if (!label || !*label)
		rc = px_fail(pc->err, PX_EREJECT, "question '%s': choice '%s' has no 'label'", q->code, v);
	else if (has && (px_rec_get_num(c, "score", &sc) || sc < 1 || sc > 5))
		rc = px_fail(pc->err, PX_EREJECT, "question '%s': choice '%s': 'score' must be 1 to 5",
			     q->code, v);
	for (size_t i = 0; !rc && i < q->nchoices; i++)
		if (!strcmp(q->choices[i].value, v))
			rc = px_fail(pc->err, PX_EREJECT, "question '%s': duplicate choice '%s'", q->code, v);
	if (!rc) {
		q->choices = px_xrealloc(q->choices, (q->nchoices + 1) * sizeof *q->choices);
		struct px_survey_choice *ch = &q->choices[q->nchoices++];
		ch->value = px_xstrdup(v);
		ch->label = px_xstrdup(label);
		ch->label_ar = dup_or_null(px_rec_get(c, "label_ar"));
		ch->has_score = has;
		ch->score = sc;
	}
	px_rec_free(c);
	return rc;
}

/* The question's id, type and text: PX_OK or PX_EREJECT. */
static int question_head(struct parse_ctx *pc, struct px_survey_question *q, struct px_rec *r)
{
	struct px_survey_tpl *t = pc->t;
	const char *code = px_rec_get(r, "id"), *type = px_rec_get(r, "type");
	const char *text = px_rec_get(r, "text");
	q->code = px_xstrdup(code ? code : "");
	if (!code)
		return px_fail(pc->err, PX_EREJECT, "question %zu has no 'id'", t->nq);
	if (!name_ok(code, 32))
		return px_fail(pc->err, PX_EREJECT, "bad question id '%s'", code);
	if (t->nq > 1 && px_survey_tpl_question(t, code) != q)
		return px_fail(pc->err, PX_EREJECT, "duplicate question id '%s'", code);
	if (!type || px_score_qtype_parse(type, &q->type))
		return px_fail(pc->err, PX_EREJECT, "question '%s': unknown type '%s'", code,
			       type ? type : "");
	if (!text || !*text)
		return px_fail(pc->err, PX_EREJECT, "question '%s' has no 'text'", code);
	q->text = px_xstrdup(text);
	q->text_ar = dup_or_null(px_rec_get(r, "text_ar"));
	q->required = px_rec_has(r, "required") ? px_rec_get_bool(r, "required") : 1;
	q->weight = 1;
	if (px_rec_has(r, "weight") &&
	    (px_rec_get_num(r, "weight", &q->weight) || q->weight < 0 || q->weight > 100))
		return px_fail(pc->err, PX_EREJECT,
			       "question '%s': 'weight' must be a number from 0 to 100", code);
	return PX_OK;
}

static int parse_question(const char *p, size_t n, void *vctx)
{
	struct parse_ctx *pc = vctx;
	struct px_survey_tpl *t = pc->t;
	struct px_err e2;
	if (t->nq >= MAX_QUESTIONS)
		return px_fail(pc->err, PX_EREJECT, "more than %d questions", MAX_QUESTIONS);
	struct px_rec *r = px_rec_parse(p, n, &e2);
	if (!r)
		return px_fail(pc->err, PX_EREJECT, "question %zu is not an object", t->nq + 1);
	t->q = px_xrealloc(t->q, (t->nq + 1) * sizeof *t->q);
	struct px_survey_question *q = &t->q[t->nq++];
	memset(q, 0, sizeof *q);
	pc->q = q;
	int rc = question_head(pc, q, r);
	if (!rc) {
		char *ch = px_rec_get_json(r, "choices");
		if (q->type == PX_Q_CHOICE) {
			if (!ch || px_json_array_each(ch, parse_choice, pc) || !q->nchoices) {
				if (!pc->err->text[0])
					px_fail(pc->err, PX_EREJECT,
						"question '%s': multiple_choice needs 'choices'", q->code);
				rc = PX_EREJECT;
			}
			q->choices_json = ch;
		} else {
			if (ch)
				rc = px_fail(pc->err, PX_EREJECT,
					     "question '%s': only multiple_choice has 'choices'", q->code);
			free(ch);
		}
	}
	if (!rc && px_rec_has(r, "show_if")) {
		q->show_if_json = px_rec_get_json(r, "show_if");
		rc = parse_show_if(q, t, q->show_if_json, pc->err);
	}
	px_rec_free(r);
	return rc;
}

/* The template's name, title, type and scoring: PX_OK or PX_EREJECT. */
static int tpl_head(struct px_survey_tpl *t, struct px_rec *r, struct px_err *err)
{
	static const char *const types[] = { "stage", "complaint_resolution", "general", "nps",
					     "satisfaction_check", NULL };
	const char *name = px_rec_get(r, "name"), *title = px_rec_get(r, "title");
	const char *type = px_rec_get(r, "survey_type"), *scoring = px_rec_get(r, "scoring");
	int tok = 0;
	if (!type)
		type = "stage";
	for (const char *const *p = types; *p; p++)
		tok |= !strcmp(*p, type);
	if (!name)
		return px_fail(err, PX_EREJECT, "template has no 'name'");
	if (!name_ok(name, 64))
		return px_fail(err, PX_EREJECT, "bad template name '%s' (a-z, 0-9 and _)", name);
	if (!title || !*title)
		return px_fail(err, PX_EREJECT, "template '%s' has no 'title'", name);
	if (!tok)
		return px_fail(err, PX_EREJECT, "unknown survey_type '%s'", type);
	if (!scoring)
		scoring = "average";
	if (px_score_method_parse(scoring, &t->scoring))
		return px_fail(err, PX_EREJECT, "unknown scoring method '%s'", scoring);
	t->threshold = px_score_default_threshold(t->scoring);
	if (px_rec_has(r, "negative_threshold") &&
	    (px_rec_get_num(r, "negative_threshold", &t->threshold) ||
	     !px_score_threshold_ok(t->scoring, t->threshold)))
		return px_fail(err, PX_EREJECT, "'negative_threshold' must be on the %s scale (%s)",
			       scoring, t->scoring == PX_SCORE_NPS ? "0 to 10" : "1 to 5");
	const char *layout = px_rec_get(r, "layout");
	if (layout && strcmp(layout, "one_page") && strcmp(layout, "one_per_screen"))
		return px_fail(err, PX_EREJECT, "unknown layout '%s' (one_page, one_per_screen)",
			       layout);
	t->one_per_screen = layout && !strcmp(layout, "one_per_screen");
	t->name = px_xstrdup(name);
	t->title = px_xstrdup(title);
	t->title_ar = dup_or_null(px_rec_get(r, "title_ar"));
	t->survey_type = px_xstrdup(type);
	return PX_OK;
}

/* Parses and checks a template definition.  NULL with err (PX_EREJECT). */
static struct px_survey_tpl *tpl_parse(struct px_rec *r, struct px_err *err)
{
	struct px_survey_tpl *t = px_xcalloc(1, sizeof *t);
	if (tpl_head(t, r, err))
		goto fail;
	char *qs = px_rec_get_json(r, "questions");
	struct parse_ctx pc = { t, NULL, err };
	int rc = qs ? px_json_array_each(qs, parse_question, &pc) : -1;
	free(qs);
	if (rc || !t->nq) {
		if (!err->text[0])
			px_fail(err, PX_EREJECT, "template '%s' needs a 'questions' array", t->name);
		goto fail;
	}
	if (t->scoring == PX_SCORE_NPS) {
		int any = 0;
		for (size_t i = 0; i < t->nq; i++)
			any |= t->q[i].type == PX_Q_NPS;
		if (!any) {
			px_fail(err, PX_EREJECT, "scoring 'nps' needs an nps question");
			goto fail;
		}
	}
	return t;
fail:
	px_survey_tpl_free(t);
	return NULL;
}

/* ---------- loading a stored template ---------- */

static int add_question_row(struct px_stmt *s, void *vt)
{
	struct px_survey_tpl *t = vt;
	t->q = px_xrealloc(t->q, (t->nq + 1) * sizeof *t->q);
	struct px_survey_question *q = &t->q[t->nq++];
	memset(q, 0, sizeof *q);
	q->id = px_stmt_col_int(s, 0);
	q->code = px_xstrdup(px_stmt_col_text(s, 1));
	px_score_qtype_parse(px_stmt_col_text(s, 2), &q->type);
	q->text = px_xstrdup(px_stmt_col_text(s, 3));
	q->text_ar = px_stmt_col_isnull(s, 4) ? NULL : px_xstrdup(px_stmt_col_text(s, 4));
	q->required = (int)px_stmt_col_int(s, 5);
	q->weight = px_stmt_col_double(s, 6);
	q->choices_json = px_stmt_col_isnull(s, 7) ? NULL : px_xstrdup(px_stmt_col_text(s, 7));
	q->show_if_json = px_stmt_col_isnull(s, 8) ? NULL : px_xstrdup(px_stmt_col_text(s, 8));
	return 0;
}

/* The template row itself; 1 found, 0 missing, -1 error. */
static int tpl_row(struct px_store *st, int64_t id, struct px_survey_tpl *t, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, public_id, name, version, active, current, title, title_ar, survey_type, "
		"scoring, negative_threshold, definition FROM survey_templates WHERE id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		t->id = px_stmt_col_int(s, 0);
		t->public_id = px_xstrdup(px_stmt_col_text(s, 1));
		t->name = px_xstrdup(px_stmt_col_text(s, 2));
		t->version = (long)px_stmt_col_int(s, 3);
		t->active = (int)px_stmt_col_int(s, 4);
		t->current = (int)px_stmt_col_int(s, 5);
		t->title = px_xstrdup(px_stmt_col_text(s, 6));
		t->title_ar = px_stmt_col_isnull(s, 7) ? NULL : px_xstrdup(px_stmt_col_text(s, 7));
		t->survey_type = px_xstrdup(px_stmt_col_text(s, 8));
		px_score_method_parse(px_stmt_col_text(s, 9), &t->scoring);
		t->threshold = px_stmt_col_double(s, 10);
		/* the layout is the definition's alone */
		const char *def = px_stmt_col_text(s, 11);
		struct px_err e2 = { 0 };
		struct px_rec *d = px_rec_parse(def, strlen(def), &e2);
		const char *layout = d ? px_rec_get(d, "layout") : NULL;
		t->one_per_screen = layout && !strcmp(layout, "one_per_screen");
		px_rec_free(d);
	}
	px_stmt_reset(s);
	return rc;
}

struct px_survey_tpl *px_survey_tpl_load(struct px_store *st, int64_t id, struct px_err *err)
{
	struct px_survey_tpl *t = px_xcalloc(1, sizeof *t);
	int rc = tpl_row(st, id, t, err);
	if (rc == 0)
		px_fail(err, PX_ESTORE, "template row %lld is missing", (long long)id);
	if (rc != 1)
		goto fail;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, code, type, text, text_ar, required, weight, choices, show_if "
		"FROM survey_questions WHERE template_id = ?1 ORDER BY position", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, id);
	if (px_stmt_each(s, add_question_row, t, err))
		goto fail;
	/* choices and conditions were checked when loaded: parse them again */
	for (size_t i = 0; i < t->nq; i++) {
		struct px_survey_question *q = &t->q[i];
		struct px_err e2;
		px_err_clear(&e2);
		struct parse_ctx pc = { t, q, &e2 };
		if (q->choices_json)
			px_json_array_each(q->choices_json, parse_choice, &pc);
		if (q->show_if_json)
			parse_show_if(q, t, q->show_if_json, &e2);
	}
	return t;
fail:
	px_survey_tpl_free(t);
	return NULL;
}

int px_survey_tpl_current(struct px_store *st, const char *name, int64_t *id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id FROM survey_templates WHERE name = ?1 AND current = 1", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, name);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*id = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc;
}

/* ---------- storing ---------- */

static int read_file(const char *path, struct px_buf *b, struct px_err *err)
{
	FILE *f = !strcmp(path, "-") ? stdin : fopen(path, "r");
	if (!f)
		return px_fail(err, PX_EINPUT, "cannot open '%s': %s", path, strerror(errno));
	char chunk[8192];
	size_t n;
	int rc = PX_OK;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b->len + n > TPL_FILE_MAX) {
			rc = px_fail(err, PX_EINPUT, "'%s' is larger than 1 MiB", path);
			break;
		}
		px_buf_add(b, chunk, n);
	}
	if (!rc && ferror(f))
		rc = px_fail(err, PX_EINPUT, "cannot read '%s': %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	px_buf_str(b);
	return rc;
}

static int insert_questions(struct px_store *st, const struct px_survey_tpl *t, int64_t tid,
			    struct px_err *err)
{
	for (size_t i = 0; i < t->nq; i++) {
		const struct px_survey_question *q = &t->q[i];
		struct px_stmt *s = px_stmt_prepare(st,
			"INSERT INTO survey_questions (template_id, code, position, type, text, text_ar, "
			"required, weight, choices, show_if) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			err);
		if (!s)
			return err->code;
		px_stmt_int(s, 1, tid);
		px_stmt_text(s, 2, q->code);
		px_stmt_int(s, 3, (int64_t)i + 1);
		px_stmt_text(s, 4, px_score_qtype_name(q->type));
		px_stmt_text(s, 5, q->text);
		px_stmt_text(s, 6, q->text_ar);
		px_stmt_int(s, 7, q->required);
		px_stmt_double(s, 8, q->weight);
		px_stmt_text(s, 9, q->choices_json);
		px_stmt_text(s, 10, q->show_if_json);
		int rc = px_stmt_run(s, err);
		if (rc)
			return rc;
	}
	return PX_OK;
}

/* What a stored template says, to compare a new definition with. */
struct stored {
	int64_t id;
	char pid[PX_ID_LEN];
	long version;
	int active, same, used;
};

/* What to do with a definition: the store's steps and the audit detail. */
struct change {
	const struct px_survey_tpl *t;
	const char *def, *at;
	const char *action; /* "created", ..., "unchanged" */
	char pid[PX_ID_LEN];
	long version;
};

static int insert_template(struct px_store *st, struct change *ch, struct px_err *err)
{
	const struct px_survey_tpl *t = ch->t;
	if (px_id_new("tpl", ch->pid, err))
		return err->code;
	struct px_stmt *s = px_stmt_prepare(st,
		"INSERT INTO survey_templates (public_id, name, version, title, title_ar, survey_type, "
		"scoring, negative_threshold, definition, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, ch->pid);
	px_stmt_text(s, 2, t->name);
	px_stmt_int(s, 3, ch->version);
	px_stmt_text(s, 4, t->title);
	px_stmt_text(s, 5, t->title_ar);
	px_stmt_text(s, 6, t->survey_type);
	px_stmt_text(s, 7, px_score_method_name(t->scoring));
	px_stmt_double(s, 8, t->threshold);
	px_stmt_text(s, 9, ch->def);
	px_stmt_text(s, 10, ch->at);
	int rc = px_stmt_step(s, err);
	int64_t tid = rc == 1 ? px_stmt_col_int(s, 0) : 0;
	px_stmt_reset(s);
	if (rc != 1)
		return rc < 0 ? err->code : px_fail(err, PX_ESTORE, "no id for the new template");
	return insert_questions(st, t, tid, err);
}

static int stored_load(struct px_store *st, int64_t id, const char *def, struct stored *o,
		       struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT t.public_id, t.version, t.active, t.definition, "
		"(SELECT count(*) FROM surveys WHERE template_id = t.id) "
		"FROM survey_templates t WHERE t.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		o->id = id;
		px_strlcpy(o->pid, px_stmt_col_text(s, 0), sizeof o->pid);
		o->version = (long)px_stmt_col_int(s, 1);
		o->active = (int)px_stmt_col_int(s, 2);
		o->same = !strcmp(px_stmt_col_text(s, 3), def);
		o->used = px_stmt_col_int(s, 4) > 0;
	}
	px_stmt_reset(s);
	if (rc == 0)
		return px_fail(err, PX_ESTORE, "template row %lld is missing", (long long)id);
	return rc < 0 ? err->code : PX_OK;
}

/* Runs sql on the template's row id (?1) at time ?2. */
static int tpl_exec(struct px_store *st, const char *sql, int64_t id, const char *at,
		    struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, sql, err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	px_stmt_text(s, 2, at);
	return px_stmt_run(s, err);
}

/* The current version, changed in place (it has no survey yet). */
static int update_template(struct px_store *st, struct change *ch, int64_t id, struct px_err *err)
{
	const struct px_survey_tpl *t = ch->t;
	struct px_stmt *s = px_stmt_prepare(st, "DELETE FROM survey_questions WHERE template_id = ?1",
					    err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_run(s, err);
	s = rc ? NULL : px_stmt_prepare(st,
		"UPDATE survey_templates SET title = ?2, title_ar = ?3, survey_type = ?4, "
		"scoring = ?5, negative_threshold = ?6, definition = ?7, active = 1, "
		"updated_at = ?8 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	px_stmt_text(s, 2, t->title);
	px_stmt_text(s, 3, t->title_ar);
	px_stmt_text(s, 4, t->survey_type);
	px_stmt_text(s, 5, px_score_method_name(t->scoring));
	px_stmt_double(s, 6, t->threshold);
	px_stmt_text(s, 7, ch->def);
	px_stmt_text(s, 8, ch->at);
	rc = px_stmt_run(s, err);
	return rc ? rc : insert_questions(st, t, id, err);
}

/* Stores a definition as the current version of its template: decides
 * which of created, enabled, versioned, updated or unchanged it is. */
static int tpl_store(struct px_store *st, struct change *ch, struct px_err *err)
{
	int64_t cur;
	int rc = px_survey_tpl_current(st, ch->t->name, &cur, err);
	if (rc < 0)
		return err->code;
	ch->version = 1;
	ch->action = "unchanged";
	if (rc == 0) {
		ch->action = "created";
		return insert_template(st, ch, err);
	}
	struct stored o;
	if ((rc = stored_load(st, cur, ch->def, &o, err)))
		return rc;
	px_strlcpy(ch->pid, o.pid, sizeof ch->pid);
	ch->version = o.version;
	/* the statements below touch every version of the name */
	static const char *const enable =
		"UPDATE survey_templates SET active = 1, updated_at = ?2 "
		"WHERE name = (SELECT name FROM survey_templates WHERE id = ?1)";
	if (o.same && !o.active) {
		ch->action = "enabled";
		return tpl_exec(st, enable, cur, ch->at, err);
	}
	if (o.same)
		return PX_OK;
	if (!o.used) {
		ch->action = "updated";
		return update_template(st, ch, cur, err);
	}
	ch->action = "versioned";
	ch->version++;
	rc = tpl_exec(st, "UPDATE survey_templates SET current = 0, updated_at = ?2 WHERE id = ?1",
		      cur, ch->at, err);
	if (!rc)
		rc = tpl_exec(st, enable, cur, ch->at, err);
	return rc ? rc : insert_template(st, ch, err);
}

static int tpl_audit(struct px_ctx *cx, const struct change *ch, struct px_err *err)
{
	if (!strcmp(ch->action, "unchanged"))
		return PX_OK;
	char act[64];
	snprintf(act, sizeof act, "survey_template_%s", ch->action);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "name", ch->t->name);
	px_rec_set_int(d, "version", ch->version);
	px_rec_set_int(d, "questions", (long long)ch->t->nq);
	int rc = px_audit_record(cx->st, cx->actor->name, act, "survey_template", ch->pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* Names the file in err: a file that holds no valid template. */
static int at_file(struct px_err *err, const char *path)
{
	char why[sizeof err->text];
	px_strlcpy(why, err->text, sizeof why);
	return px_fail_at(err, PX_EREJECT, path, 0, "%s", why);
}

/* Loads one template file in one transaction. */
struct px_survey_tpl *px_survey_tpl_parse(const char *text, size_t n, struct px_err *err)
{
	struct px_rec *r = px_rec_parse(text, n, err);
	if (!r)
		return NULL;
	struct px_survey_tpl *t = tpl_parse(r, err);
	px_rec_free(r);
	return t;
}

static int add_one(struct px_ctx *cx, const char *path, struct px_err *err)
{
	struct px_buf b = PX_BUF_INIT;
	int rc = read_file(path, &b, err);
	struct px_rec *r = rc ? NULL : px_rec_parse(b.s, b.len, err);
	px_buf_free(&b);
	if (rc)
		return rc;
	if (!r)
		return at_file(err, path);
	struct px_survey_tpl *t = tpl_parse(r, err);
	char *def = px_rec_dump(r);
	px_rec_free(r);
	if (!t) {
		free(def);
		return at_file(err, path);
	}
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct change ch = { .t = t, .def = def, .at = at };
	rc = px_store_begin(cx->st, err);
	if (!rc)
		rc = tpl_store(cx->st, &ch, err);
	if (!rc)
		rc = tpl_audit(cx, &ch, err);
	if (!rc)
		rc = px_store_commit(cx->st, err);
	else
		px_store_rollback(cx->st);
	px_survey_tpl_free(t);
	free(def);
	return rc;
}

int px_survey_template_add(struct px_ctx *cx, const char *const *paths, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, "manage survey templates", err))
		return PX_EPERM;
	int worst = PX_OK;
	for (; *paths; paths++) {
		struct px_err e;
		px_err_clear(&e);
		int rc = add_one(cx, *paths, &e);
		if (rc == PX_EREJECT || rc == PX_EINPUT) {
			/* a bad file is reported and the others go on */
			px_reject(cx, &e);
			if (rc > worst)
				worst = rc;
		} else if (rc) {
			*err = e;
			return rc;
		}
	}
	return worst;
}

/* ---------- reading ---------- */

#define TPL_COLS "t.public_id AS id, t.name AS name, t.version AS version, " \
	"CASE WHEN t.active = 0 THEN 'disabled' WHEN t.current = 1 THEN 'active' " \
	"ELSE 'superseded' END AS status, t.title AS title, t.title_ar AS title_ar, " \
	"t.survey_type AS survey_type, t.scoring AS scoring, " \
	"t.negative_threshold AS negative_threshold, " \
	"(SELECT count(*) FROM survey_questions WHERE template_id = t.id) AS questions, " \
	"(SELECT count(*) FROM surveys WHERE template_id = t.id) AS surveys, t.id AS row_id"

static const struct px_col tpl_cols[] = { { "row_id", PX_COL_SKIP }, { NULL, 0 } };

static int emit_rec(struct px_ctx *cx, struct px_rec *r, struct px_err *err)
{
	int rc = px_emit(cx, r, err);
	px_rec_free(r);
	return rc;
}

struct emit_ctx {
	struct px_ctx *cx;
	const char *type;
	const struct px_col *cols;
	struct px_err *err;
};

/* px_stmt_each: each row as a record of ec->type to the sink. */
static int emit_row(struct px_stmt *s, void *vec)
{
	struct emit_ctx *ec = vec;
	return emit_rec(ec->cx, px_stmt_rec(s, ec->type, ec->cols), ec->err);
}

int px_survey_template_list(struct px_ctx *cx, int all, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "list survey templates", err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT " TPL_COLS " FROM survey_templates t WHERE ?1 = 1 OR t.current = 1 "
		"ORDER BY t.name, t.version", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, all != 0);
	struct emit_ctx ec = { cx, "survey.template", tpl_cols, err };
	return px_stmt_each(s, emit_row, &ec, err);
}

int px_survey_template_show(struct px_ctx *cx, const char *name, long version,
			    struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "read survey templates", err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT " TPL_COLS " FROM survey_templates t WHERE t.name = ?1 "
		"AND ((?2 = 0 AND t.current = 1) OR t.version = ?2)", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, name);
	px_stmt_int(s, 2, version);
	int rc = px_stmt_step(s, err);
	struct px_rec *r = rc == 1 ? px_stmt_rec(s, "survey.template", tpl_cols) : NULL;
	int64_t tid = rc == 1 ? px_stmt_col_int(s, px_stmt_col_count(s) - 1) : 0;
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0 && version)
		return px_fail(err, PX_EINPUT, "template '%s' has no version %ld", name, version);
	if (rc == 0)
		return px_fail(err, PX_EINPUT, "unknown template '%s'", name);
	if ((rc = emit_rec(cx, r, err)))
		return rc;
	static const struct px_col qcols[] = {
		{ "required", PX_COL_BOOL }, { "choices", PX_COL_JSON }, { "show_if", PX_COL_JSON },
		{ NULL, 0 },
	};
	s = px_stmt_prepare(cx->st,
		"SELECT t.name AS template, t.version AS version, q.code AS id, q.position AS position, "
		"q.type AS question_type, q.required AS required, q.weight AS weight, q.text AS text, "
		"q.text_ar AS text_ar, q.choices AS choices, q.show_if AS show_if "
		"FROM survey_questions q JOIN survey_templates t ON t.id = q.template_id "
		"WHERE q.template_id = ?1 ORDER BY q.position", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, tid);
	struct emit_ctx ec = { cx, "survey.question", qcols, err };
	return px_stmt_each(s, emit_row, &ec, err);
}

int px_survey_template_disable(struct px_ctx *cx, const char *name, struct px_err *err)
{
	struct px_store *st = cx->st;
	if (px_auth_require(cx->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, "manage survey templates", err))
		return PX_EPERM;
	char at[PX_TIME_UTC_LEN], pid[PX_ID_LEN];
	px_time_format_utc(px_now(cx), at);
	int rc = px_store_begin(st, err);
	if (rc)
		return rc;
	int64_t cur;
	int found = px_survey_tpl_current(st, name, &cur, err);
	if (found == 0)
		rc = px_fail(err, PX_EINPUT, "unknown template '%s'", name);
	else if (found < 0)
		rc = err->code;
	struct stored o;
	if (!rc)
		rc = stored_load(st, cur, "", &o, err);
	if (!rc)
		rc = tpl_exec(st, "UPDATE survey_templates SET active = 0, updated_at = ?2 "
			      "WHERE name = (SELECT name FROM survey_templates WHERE id = ?1) "
			      "AND active = 1", cur, at, err);
	if (!rc && px_store_changes(st)) {
		px_strlcpy(pid, o.pid, sizeof pid);
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "name", name);
		if (px_audit_record(st, cx->actor->name, "survey_template_disabled", "survey_template",
				    pid, d, err))
			rc = err->code ? err->code : PX_ESTORE;
		px_rec_free(d);
	}
	if (rc) {
		px_store_rollback(st);
		return rc;
	}
	return px_store_commit(st, err);
}
