/* survey.c - survey templates, instances, tracking, answers and scores. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/address.h"
#include "core/audit.h"
#include "base/mem.h"
#include "messages/notify.h"
#include "core/org.h"
#include "base/privacy.h"
#include "base/regex.h"
#include "cases/contact.h"
#include "surveys/survey.h"
#include "base/time.h"
#include "base/token.h"
#include "base/banned.h"

#define TPL_FILE_MAX (1024 * 1024)
#define MAX_QUESTIONS 100
#define TEXT_MAX 500
#define TEXTAREA_MAX 5000

/* ---------- small helpers ---------- */

static int name_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	return n >= 1 && n <= max && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int now_utc(int64_t *now, char at[PX_TIME_UTC_LEN], struct px_err *err)
{
	if (px_time_now(now, err))
		return -1;
	px_time_format_utc(*now, at);
	return 0;
}

static const char *col_or_null(struct px_stmt *s, int c)
{
	return px_stmt_col_isnull(s, c) ? NULL : px_stmt_col_text(s, c);
}

/* Arabic-Indic (U+0660-0669) and Eastern Arabic-Indic (U+06F0-06F9)
 * digits to ASCII; other bytes are copied. */
static void ascii_digits(const char *in, char *out, size_t size)
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
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
	size_t k = strspn(s, " \t\r\n");
	memmove(s, s + k, n - k + 1);
}

/* ---------- template definitions ---------- */

struct choice {
	char *value, *label, *label_ar;
	int has_score;
	double score;
};

struct question {
	int64_t id;
	char *code, *text, *text_ar;
	enum px_qtype type;
	int required;
	double weight;
	struct choice *choices;
	size_t nchoices;
	char *choices_json, *show_if_json;
	/* show_if */
	char *if_question, *if_op, *if_value; /* if_value: text form */
	double if_num;
	int if_is_num;
	char **if_in; /* op "in": values */
	size_t nif_in;
};

struct tpl {
	int64_t id;
	char *public_id, *name, *title, *title_ar, *survey_type;
	long version;
	int active, current;
	enum px_score_method scoring;
	double threshold;
	struct question *q;
	size_t nq;
};

static void question_free(struct question *q)
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

static void tpl_free(struct tpl *t)
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

static char *dup_or_null(const char *s)
{
	return s ? px_xstrdup(s) : NULL;
}

static struct question *find_q(const struct tpl *t, const char *code)
{
	for (size_t i = 0; i < t->nq; i++)
		if (!strcmp(t->q[i].code, code))
			return &t->q[i];
	return NULL;
}

struct parse_ctx {
	struct tpl *t;
	struct question *q;
	struct px_err *err;
	const char *src;
};

static const char *const if_ops[] = { "eq", "ne", "lt", "le", "gt", "ge", "in", NULL };

static int add_in_value(const char *p, size_t n, void *vctx)
{
	struct question *q = vctx;
	/* a JSON string or number; strings lose their quotes */
	char *v = n >= 2 && p[0] == '"' ? px_xstrndup(p + 1, n - 2) : px_xstrndup(p, n);
	q->if_in = px_xrealloc(q->if_in, (q->nif_in + 1) * sizeof *q->if_in);
	q->if_in[q->nif_in++] = v;
	return 0;
}

/* Reads show_if JSON into the question; -1 with err when malformed. */
static int parse_show_if(struct question *q, const struct tpl *t, const char *json,
			 struct px_err *err)
{
	struct px_err e2;
	struct px_rec *c = px_rec_parse(json, strlen(json), &e2);
	if (!c)
		return px_err_set(err, PX_EREJECT, "question '%s': 'show_if' is not an object", q->code);
	const char *ref = px_rec_get(c, "question"), *op = px_rec_get(c, "op");
	int rc = -1;
	if (!op)
		op = "eq";
	const struct question *rq = ref ? find_q(t, ref) : NULL;
	int known = 0;
	for (const char *const *o = if_ops; *o; o++)
		known |= !strcmp(*o, op);
	if (!ref) {
		px_err_set(err, PX_EREJECT, "question '%s': 'show_if' names no 'question'", q->code);
	} else if (!rq || rq >= q) {
		px_err_set(err, PX_EREJECT, "question '%s': 'show_if' refers to '%s', which is not an earlier question",
			   q->code, ref);
	} else if (!known) {
		px_err_set(err, PX_EREJECT, "question '%s': unknown 'show_if' op '%s'", q->code, op);
	} else if (!px_rec_has(c, "value")) {
		px_err_set(err, PX_EREJECT, "question '%s': 'show_if' has no 'value'", q->code);
	} else {
		q->if_question = px_xstrdup(ref);
		q->if_op = px_xstrdup(op);
		if (!strcmp(op, "in")) {
			char *arr = px_rec_get_json(c, "value");
			if (px_json_array_each(arr, add_in_value, q) || !q->nif_in)
				px_err_set(err, PX_EREJECT, "question '%s': 'show_if' op 'in' needs an array", q->code);
			else
				rc = 0;
			free(arr);
		} else if (!px_rec_get(c, "value")) {
			px_err_set(err, PX_EREJECT, "question '%s': 'show_if' value must be a number or a string", q->code);
		} else {
			q->if_value = px_xstrdup(px_rec_get(c, "value"));
			q->if_is_num = px_rec_get_num(c, "value", &q->if_num) == 0;
			if (strcmp(op, "eq") && strcmp(op, "ne") && !q->if_is_num)
				px_err_set(err, PX_EREJECT, "question '%s': 'show_if' op '%s' needs a number",
					   q->code, op);
			else
				rc = 0;
		}
	}
	px_rec_free(c);
	return rc;
}

static int parse_choice(const char *p, size_t n, void *vctx)
{
	struct parse_ctx *pc = vctx;
	struct question *q = pc->q;
	struct px_err e2;
	struct px_rec *c = px_rec_parse(p, n, &e2);
	if (!c)
		return px_err_set(pc->err, PX_EREJECT, "question '%s': a choice is not an object", q->code);
	const char *v = px_rec_get(c, "value"), *label = px_rec_get(c, "label");
	int rc = 0;
	double sc = 0;
	int has = px_rec_has(c, "score");
	if (!v || !*v)
		rc = px_err_set(pc->err, PX_EREJECT, "question '%s': a choice has no 'value'", q->code);
	else if (!label || !*label)
		rc = px_err_set(pc->err, PX_EREJECT, "question '%s': choice '%s' has no 'label'", q->code, v);
	else if (has && (px_rec_get_num(c, "score", &sc) || sc < 1 || sc > 5))
		rc = px_err_set(pc->err, PX_EREJECT, "question '%s': choice '%s': 'score' must be 1 to 5",
				q->code, v);
	for (size_t i = 0; !rc && i < q->nchoices; i++)
		if (!strcmp(q->choices[i].value, v))
			rc = px_err_set(pc->err, PX_EREJECT, "question '%s': duplicate choice '%s'", q->code, v);
	if (!rc) {
		q->choices = px_xrealloc(q->choices, (q->nchoices + 1) * sizeof *q->choices);
		struct choice *ch = &q->choices[q->nchoices++];
		ch->value = px_xstrdup(v);
		ch->label = px_xstrdup(label);
		ch->label_ar = dup_or_null(px_rec_get(c, "label_ar"));
		ch->has_score = has;
		ch->score = sc;
	}
	px_rec_free(c);
	return rc;
}

static int parse_question(const char *p, size_t n, void *vctx)
{
	struct parse_ctx *pc = vctx;
	struct tpl *t = pc->t;
	struct px_err e2;
	if (t->nq >= MAX_QUESTIONS)
		return px_err_set(pc->err, PX_EREJECT, "more than %d questions", MAX_QUESTIONS);
	struct px_rec *r = px_rec_parse(p, n, &e2);
	if (!r)
		return px_err_set(pc->err, PX_EREJECT, "question %zu is not an object", t->nq + 1);
	t->q = px_xrealloc(t->q, (t->nq + 1) * sizeof *t->q);
	struct question *q = &t->q[t->nq++];
	memset(q, 0, sizeof *q);
	pc->q = q;
	const char *code = px_rec_get(r, "id"), *type = px_rec_get(r, "type");
	const char *text = px_rec_get(r, "text");
	int rc = -1;
	q->code = px_xstrdup(code ? code : "");
	if (!code)
		px_err_set(pc->err, PX_EREJECT, "question %zu has no 'id'", t->nq);
	else if (!name_ok(code, 32))
		px_err_set(pc->err, PX_EREJECT, "bad question id '%s'", code);
	else if (t->nq > 1 && find_q(t, code) != q)
		px_err_set(pc->err, PX_EREJECT, "duplicate question id '%s'", code);
	else if (!type || px_score_qtype_parse(type, &q->type))
		px_err_set(pc->err, PX_EREJECT, "question '%s': unknown type '%s'", code, type ? type : "");
	else if (!text || !*text)
		px_err_set(pc->err, PX_EREJECT, "question '%s' has no 'text'", code);
	else
		rc = 0;
	if (!rc) {
		q->text = px_xstrdup(text);
		q->text_ar = dup_or_null(px_rec_get(r, "text_ar"));
		q->required = px_rec_has(r, "required") ? px_rec_get_bool(r, "required") : 1;
		q->weight = 1;
		if (px_rec_has(r, "weight") &&
		    (px_rec_get_num(r, "weight", &q->weight) || q->weight < 0 || q->weight > 100))
			rc = px_err_set(pc->err, PX_EREJECT, "question '%s': 'weight' must be a number from 0 to 100", code);
	}
	if (!rc) {
		char *ch = px_rec_get_json(r, "choices");
		if (q->type == PX_Q_CHOICE) {
			if (!ch || px_json_array_each(ch, parse_choice, pc) || !q->nchoices) {
				if (!pc->err->text[0])
					px_err_set(pc->err, PX_EREJECT, "question '%s': multiple_choice needs 'choices'", code);
				rc = -1;
			}
			q->choices_json = ch;
		} else {
			if (ch)
				rc = px_err_set(pc->err, PX_EREJECT, "question '%s': only multiple_choice has 'choices'", code);
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

/* Parses and checks a template definition.  NULL with err (PX_EREJECT). */
static struct tpl *tpl_parse(struct px_rec *r, struct px_err *err)
{
	struct tpl *t = px_xcalloc(1, sizeof *t);
	const char *name = px_rec_get(r, "name"), *title = px_rec_get(r, "title");
	const char *type = px_rec_get(r, "survey_type"), *scoring = px_rec_get(r, "scoring");
	static const char *const types[] = { "stage", "complaint_resolution", "general", "nps",
					     "satisfaction_check", NULL };
	int tok = 0;
	if (!type)
		type = "stage";
	for (const char *const *p = types; *p; p++)
		tok |= !strcmp(*p, type);
	if (!name) {
		px_err_set(err, PX_EREJECT, "template has no 'name'");
		goto fail;
	}
	if (!name_ok(name, 64)) {
		px_err_set(err, PX_EREJECT, "bad template name '%s' (a-z, 0-9 and _)", name);
		goto fail;
	}
	if (!title || !*title) {
		px_err_set(err, PX_EREJECT, "template '%s' has no 'title'", name);
		goto fail;
	}
	if (!tok) {
		px_err_set(err, PX_EREJECT, "unknown survey_type '%s'", type);
		goto fail;
	}
	if (!scoring)
		scoring = "average";
	if (px_score_method_parse(scoring, &t->scoring)) {
		px_err_set(err, PX_EREJECT, "unknown scoring method '%s'", scoring);
		goto fail;
	}
	t->threshold = px_score_default_threshold(t->scoring);
	if (px_rec_has(r, "negative_threshold") &&
	    (px_rec_get_num(r, "negative_threshold", &t->threshold) ||
	     !px_score_threshold_ok(t->scoring, t->threshold))) {
		px_err_set(err, PX_EREJECT, "'negative_threshold' must be on the %s scale (%s)",
			   scoring, t->scoring == PX_SCORE_NPS ? "0 to 10" : "1 to 5");
		goto fail;
	}
	t->name = px_xstrdup(name);
	t->title = px_xstrdup(title);
	t->title_ar = dup_or_null(px_rec_get(r, "title_ar"));
	t->survey_type = px_xstrdup(type);
	char *qs = px_rec_get_json(r, "questions");
	struct parse_ctx pc = { t, NULL, err, NULL };
	int rc = qs ? px_json_array_each(qs, parse_question, &pc) : -1;
	free(qs);
	if (rc || !t->nq) {
		if (!err->text[0])
			px_err_set(err, PX_EREJECT, "template '%s' needs a 'questions' array", name);
		goto fail;
	}
	if (t->scoring == PX_SCORE_NPS) {
		int any = 0;
		for (size_t i = 0; i < t->nq; i++)
			any |= t->q[i].type == PX_Q_NPS;
		if (!any) {
			px_err_set(err, PX_EREJECT, "scoring 'nps' needs an nps question");
			goto fail;
		}
	}
	return t;
fail:
	tpl_free(t);
	return NULL;
}

/* Loads a template by row id, with its questions. */
static struct tpl *tpl_load_id(struct px_store *st, int64_t id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, public_id, name, version, active, current, title, title_ar, survey_type, "
		"scoring, negative_threshold FROM survey_templates WHERE id = ?1", err);
	if (!s)
		return NULL;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc != 1) {
		px_stmt_reset(s);
		if (rc == 0)
			px_err_set(err, PX_ESTORE, "template row %lld is missing", (long long)id);
		return NULL;
	}
	struct tpl *t = px_xcalloc(1, sizeof *t);
	t->id = px_stmt_col_int(s, 0);
	t->public_id = px_xstrdup(px_stmt_col_text(s, 1));
	t->name = px_xstrdup(px_stmt_col_text(s, 2));
	t->version = (long)px_stmt_col_int(s, 3);
	t->active = (int)px_stmt_col_int(s, 4);
	t->current = (int)px_stmt_col_int(s, 5);
	t->title = px_xstrdup(px_stmt_col_text(s, 6));
	t->title_ar = dup_or_null(col_or_null(s, 7));
	t->survey_type = px_xstrdup(px_stmt_col_text(s, 8));
	px_score_method_parse(px_stmt_col_text(s, 9), &t->scoring);
	t->threshold = px_stmt_col_double(s, 10);
	px_stmt_reset(s);
	s = px_stmt_prepare(st,
		"SELECT id, code, type, text, text_ar, required, weight, choices, show_if "
		"FROM survey_questions WHERE template_id = ?1 ORDER BY position", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, id);
	while ((rc = px_stmt_step(s, err)) == 1) {
		t->q = px_xrealloc(t->q, (t->nq + 1) * sizeof *t->q);
		struct question *q = &t->q[t->nq++];
		memset(q, 0, sizeof *q);
		q->id = px_stmt_col_int(s, 0);
		q->code = px_xstrdup(px_stmt_col_text(s, 1));
		px_score_qtype_parse(px_stmt_col_text(s, 2), &q->type);
		q->text = px_xstrdup(px_stmt_col_text(s, 3));
		q->text_ar = dup_or_null(col_or_null(s, 4));
		q->required = (int)px_stmt_col_int(s, 5);
		q->weight = px_stmt_col_double(s, 6);
		q->choices_json = dup_or_null(col_or_null(s, 7));
		q->show_if_json = dup_or_null(col_or_null(s, 8));
	}
	px_stmt_reset(s);
	if (rc < 0)
		goto fail;
	/* choices and conditions were checked when loaded: parse them again */
	for (size_t i = 0; i < t->nq; i++) {
		struct question *q = &t->q[i];
		struct px_err e2;
		px_err_clear(&e2);
		struct parse_ctx pc = { t, q, &e2, NULL };
		if (q->choices_json)
			px_json_array_each(q->choices_json, parse_choice, &pc);
		if (q->show_if_json)
			parse_show_if(q, t, q->show_if_json, &e2);
	}
	return t;
fail:
	tpl_free(t);
	return NULL;
}

/* The current version of a template by name: 1 found, 0 not, -1 error. */
static int tpl_current_id(struct px_store *st, const char *name, int64_t *id, struct px_err *err)
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

static int read_file(const char *path, struct px_buf *b, struct px_err *err)
{
	FILE *f = !strcmp(path, "-") ? stdin : fopen(path, "r");
	if (!f)
		return px_err_set(err, PX_EINPUT, "cannot open '%s': %s", path, strerror(errno));
	char chunk[8192];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b->len + n > TPL_FILE_MAX) {
			rc = px_err_set(err, PX_EINPUT, "'%s' is larger than 1 MiB", path);
			break;
		}
		px_buf_add(b, chunk, n);
	}
	if (!rc && ferror(f))
		rc = px_err_set(err, PX_EINPUT, "cannot read '%s': %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	px_buf_str(b);
	return rc;
}

static int insert_questions(struct px_store *st, const struct tpl *t, int64_t tid,
			    struct px_err *err)
{
	for (size_t i = 0; i < t->nq; i++) {
		const struct question *q = &t->q[i];
		struct px_stmt *s = px_stmt_prepare(st,
			"INSERT INTO survey_questions (template_id, code, position, type, text, text_ar, "
			"required, weight, choices, show_if) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			err);
		if (!s)
			return -1;
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
		if (px_stmt_run(s, err))
			return -1;
	}
	return 0;
}

static int insert_template(struct px_store *st, const struct tpl *t, long version,
			   const char *def, const char *at, char pid[PX_ID_LEN], struct px_err *err)
{
	if (px_id_new("tpl", pid, err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(st,
		"INSERT INTO survey_templates (public_id, name, version, title, title_ar, survey_type, "
		"scoring, negative_threshold, definition, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, pid);
	px_stmt_text(s, 2, t->name);
	px_stmt_int(s, 3, version);
	px_stmt_text(s, 4, t->title);
	px_stmt_text(s, 5, t->title_ar);
	px_stmt_text(s, 6, t->survey_type);
	px_stmt_text(s, 7, px_score_method_name(t->scoring));
	px_stmt_double(s, 8, t->threshold);
	px_stmt_text(s, 9, def);
	px_stmt_text(s, 10, at);
	if (px_stmt_run(s, err))
		return -1;
	return insert_questions(st, t, px_store_last_id(st), err);
}

/* Names the file in err; the template add result for a rejected file. */
static int at_file(struct px_err *err, const char *path)
{
	px_strlcpy(err->source, path, sizeof err->source);
	err->line = 0;
	err->code = PX_EREJECT;
	return -1;
}

int px_survey_template_add(const struct px_survey_io *io, const char *path,
			   const char **action, struct px_err *err)
{
	struct px_store *st = io->st;
	*action = "unchanged";
	if (px_auth_require(io->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, "manage survey templates", err))
		return -1;
	struct px_buf b = PX_BUF_INIT;
	if (read_file(path, &b, err)) {
		px_buf_free(&b);
		return -1;
	}
	struct px_rec *r = px_rec_parse(b.s, b.len, err);
	px_buf_free(&b);
	if (!r)
		return at_file(err, path);
	struct tpl *t = tpl_parse(r, err);
	char *def = px_rec_dump(r);
	px_rec_free(r);
	if (!t) {
		free(def);
		return at_file(err, path);
	}
	int64_t now, cur = 0;
	char at[PX_TIME_UTC_LEN], pid[PX_ID_LEN];
	long version = 1;
	if (now_utc(&now, at, err) || px_store_begin(st, err))
		goto out;
	int rc = tpl_current_id(st, t->name, &cur, err);
	if (rc < 0)
		goto fail;
	struct px_stmt *s;
	if (rc == 0) {
		if (insert_template(st, t, 1, def, at, pid, err))
			goto fail;
		*action = "created";
	} else {
		s = px_stmt_prepare(st,
			"SELECT t.public_id, t.version, t.active, t.definition, "
			"(SELECT COUNT(*) FROM surveys WHERE template_id = t.id) "
			"FROM survey_templates t WHERE t.id = ?1", err);
		if (!s)
			goto fail;
		px_stmt_int(s, 1, cur);
		if (px_stmt_step(s, err) != 1) {
			px_stmt_reset(s);
			goto fail;
		}
		px_strlcpy(pid, px_stmt_col_text(s, 0), sizeof pid);
		version = (long)px_stmt_col_int(s, 1);
		int active = (int)px_stmt_col_int(s, 2);
		int same = !strcmp(px_stmt_col_text(s, 3), def);
		int64_t used = px_stmt_col_int(s, 4);
		px_stmt_reset(s);
		if (same && !active) {
			s = px_stmt_prepare(st, "UPDATE survey_templates SET active = 1, updated_at = ?2 "
					    "WHERE name = ?1", err);
			if (!s)
				goto fail;
			px_stmt_text(s, 1, t->name);
			px_stmt_text(s, 2, at);
			if (px_stmt_run(s, err))
				goto fail;
			*action = "enabled";
		} else if (!same && used) {
			s = px_stmt_prepare(st, "UPDATE survey_templates SET current = 0, updated_at = ?2 "
					    "WHERE id = ?1", err);
			if (!s)
				goto fail;
			px_stmt_int(s, 1, cur);
			px_stmt_text(s, 2, at);
			if (px_stmt_run(s, err))
				goto fail;
			s = px_stmt_prepare(st, "UPDATE survey_templates SET active = 1 WHERE name = ?1", err);
			if (!s)
				goto fail;
			px_stmt_text(s, 1, t->name);
			if (px_stmt_run(s, err))
				goto fail;
			version++;
			if (insert_template(st, t, version, def, at, pid, err))
				goto fail;
			*action = "versioned";
		} else if (!same) {
			s = px_stmt_prepare(st, "DELETE FROM survey_questions WHERE template_id = ?1", err);
			if (!s)
				goto fail;
			px_stmt_int(s, 1, cur);
			if (px_stmt_run(s, err))
				goto fail;
			s = px_stmt_prepare(st,
				"UPDATE survey_templates SET title = ?2, title_ar = ?3, survey_type = ?4, "
				"scoring = ?5, negative_threshold = ?6, definition = ?7, active = 1, "
				"updated_at = ?8 WHERE id = ?1", err);
			if (!s)
				goto fail;
			px_stmt_int(s, 1, cur);
			px_stmt_text(s, 2, t->title);
			px_stmt_text(s, 3, t->title_ar);
			px_stmt_text(s, 4, t->survey_type);
			px_stmt_text(s, 5, px_score_method_name(t->scoring));
			px_stmt_double(s, 6, t->threshold);
			px_stmt_text(s, 7, def);
			px_stmt_text(s, 8, at);
			if (px_stmt_run(s, err) || insert_questions(st, t, cur, err))
				goto fail;
			*action = "updated";
		}
	}
	if (strcmp(*action, "unchanged")) {
		char act[64];
		snprintf(act, sizeof act, "survey_template_%s", *action);
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "name", t->name);
		px_rec_set_int(d, "version", version);
		px_rec_set_int(d, "questions", (long long)t->nq);
		rc = px_audit_record(st, io->actor->name, act, "survey_template", pid, d, err);
		px_rec_free(d);
		if (rc)
			goto fail;
	}
	if (px_store_commit(st, err))
		goto out;
	tpl_free(t);
	free(def);
	return 0;
fail:
	px_store_rollback(st);
out:
	tpl_free(t);
	free(def);
	if (err->code == PX_EREJECT)
		return -1;
	err->code = err->code ? err->code : PX_ESTORE;
	return -2;
}

static struct px_rec *tpl_record(struct px_stmt *s)
{
	/* columns: public_id, name, version, active, current, title, title_ar,
	 * survey_type, scoring, negative_threshold, questions, surveys */
	struct px_rec *r = px_rec_new("survey.template");
	px_rec_set_str(r, "id", px_stmt_col_text(s, 0));
	px_rec_set_str(r, "name", px_stmt_col_text(s, 1));
	px_rec_set_int(r, "version", px_stmt_col_int(s, 2));
	px_rec_set_str(r, "status", !px_stmt_col_int(s, 3) ? "disabled"
			: px_stmt_col_int(s, 4) ? "active" : "superseded");
	px_rec_set_str(r, "title", px_stmt_col_text(s, 5));
	px_rec_set_str(r, "title_ar", col_or_null(s, 6));
	px_rec_set_str(r, "survey_type", px_stmt_col_text(s, 7));
	px_rec_set_str(r, "scoring", px_stmt_col_text(s, 8));
	px_rec_set_num(r, "negative_threshold", px_stmt_col_double(s, 9));
	px_rec_set_int(r, "questions", px_stmt_col_int(s, 10));
	px_rec_set_int(r, "surveys", px_stmt_col_int(s, 11));
	return r;
}

#define TPL_COLS "t.public_id, t.name, t.version, t.active, t.current, t.title, t.title_ar, " \
	"t.survey_type, t.scoring, t.negative_threshold, " \
	"(SELECT COUNT(*) FROM survey_questions WHERE template_id = t.id), " \
	"(SELECT COUNT(*) FROM surveys WHERE template_id = t.id)"

int px_survey_template_list(const struct px_survey_io *io, int all, struct px_err *err)
{
	if (px_auth_require(io->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "list survey templates", err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(io->st,
		"SELECT " TPL_COLS " FROM survey_templates t WHERE ?1 OR t.current = 1 "
		"ORDER BY t.name, t.version", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, all);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		struct px_rec *r = tpl_record(s);
		io->emit(r, io->ctx);
		px_rec_free(r);
	}
	px_stmt_reset(s);
	return rc < 0 ? -2 : 0;
}

int px_survey_template_show(const struct px_survey_io *io, const char *name,
			    long version, struct px_err *err)
{
	if (px_auth_require(io->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "read survey templates", err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(io->st,
		"SELECT " TPL_COLS ", t.id FROM survey_templates t WHERE t.name = ?1 "
		"AND (?2 = 0 AND t.current = 1 OR t.version = ?2)", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, name);
	px_stmt_int(s, 2, version);
	int rc = px_stmt_step(s, err);
	if (rc <= 0) {
		px_stmt_reset(s);
		if (rc < 0)
			return -2;
		if (version)
			return px_err_set(err, PX_EREJECT, "template '%s' has no version %ld", name, version);
		return px_err_set(err, PX_EREJECT, "unknown template '%s'", name);
	}
	struct px_rec *r = tpl_record(s);
	int64_t tid = px_stmt_col_int(s, 12);
	px_stmt_reset(s);
	io->emit(r, io->ctx);
	px_rec_free(r);
	struct tpl *t = tpl_load_id(io->st, tid, err);
	if (!t)
		return -2;
	for (size_t i = 0; i < t->nq; i++) {
		const struct question *q = &t->q[i];
		r = px_rec_new("survey.question");
		px_rec_set_str(r, "template", t->name);
		px_rec_set_int(r, "version", t->version);
		px_rec_set_str(r, "id", q->code);
		px_rec_set_int(r, "position", (long long)i + 1);
		px_rec_set_str(r, "question_type", px_score_qtype_name(q->type));
		px_rec_set_bool(r, "required", q->required);
		px_rec_set_num(r, "weight", q->weight);
		px_rec_set_str(r, "text", q->text);
		px_rec_set_str(r, "text_ar", q->text_ar);
		if (q->choices_json)
			px_rec_set_json(r, "choices", q->choices_json);
		else
			px_rec_set_null(r, "choices");
		if (q->show_if_json)
			px_rec_set_json(r, "show_if", q->show_if_json);
		else
			px_rec_set_null(r, "show_if");
		io->emit(r, io->ctx);
		px_rec_free(r);
	}
	tpl_free(t);
	return 0;
}

int px_survey_template_disable(const struct px_survey_io *io, const char *name,
			       struct px_err *err)
{
	struct px_store *st = io->st;
	if (px_auth_require(io->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, "manage survey templates", err))
		return -1;
	int64_t now, cur;
	char at[PX_TIME_UTC_LEN];
	if (now_utc(&now, at, err) || px_store_begin(st, err))
		return -2;
	int rc = tpl_current_id(st, name, &cur, err);
	if (rc <= 0) {
		px_store_rollback(st);
		if (rc < 0)
			return -2;
		return px_err_set(err, PX_EREJECT, "unknown template '%s'", name);
	}
	struct px_stmt *s = px_stmt_prepare(st,
		"UPDATE survey_templates SET active = 0, updated_at = ?2 WHERE name = ?1 AND active = 1", err);
	if (!s)
		goto fail;
	px_stmt_text(s, 1, name);
	px_stmt_text(s, 2, at);
	if (px_stmt_run(s, err))
		goto fail;
	if (px_store_changes(st)) {
		s = px_stmt_prepare(st, "SELECT public_id FROM survey_templates WHERE id = ?1", err);
		if (!s)
			goto fail;
		px_stmt_int(s, 1, cur);
		if (px_stmt_step(s, err) != 1)
			goto fail;
		char pid[PX_ID_LEN];
		px_strlcpy(pid, px_stmt_col_text(s, 0), sizeof pid);
		px_stmt_reset(s);
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "name", name);
		rc = px_audit_record(st, io->actor->name, "survey_template_disabled", "survey_template",
				     pid, d, err);
		px_rec_free(d);
		if (rc)
			goto fail;
	}
	return px_store_commit(st, err) ? -2 : 0;
fail:
	px_store_rollback(st);
	return -2;
}

/* ---------- patients and instances ---------- */

struct patient {
	int64_t id, hospital_id;
	char pid[PX_ID_LEN];
	char *mrn, *name_en, *name_ar, *phone, *email, *language;
	int optout[3]; /* sms, whatsapp, email */
};

static const char *const channels[] = { "sms", "whatsapp", "email", NULL };

static int channel_index(const char *c)
{
	for (int i = 0; channels[i]; i++)
		if (c && !strcmp(c, channels[i]))
			return i;
	return -1;
}

static void patient_free(struct patient *p)
{
	free(p->mrn);
	free(p->name_en);
	free(p->name_ar);
	free(p->phone);
	free(p->email);
	free(p->language);
	memset(p, 0, sizeof *p);
}

static int patient_load(struct px_store *st, int64_t id, struct patient *p, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, public_id, hospital_id, mrn, name_en, name_ar, phone, email, language, "
		"optout_sms, optout_whatsapp, optout_email FROM patients WHERE id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		p->id = px_stmt_col_int(s, 0);
		px_strlcpy(p->pid, px_stmt_col_text(s, 1), sizeof p->pid);
		p->hospital_id = px_stmt_col_int(s, 2);
		p->mrn = px_xstrdup(px_stmt_col_text(s, 3));
		p->name_en = dup_or_null(col_or_null(s, 4));
		p->name_ar = dup_or_null(col_or_null(s, 5));
		p->phone = dup_or_null(col_or_null(s, 6));
		p->email = dup_or_null(col_or_null(s, 7));
		p->language = px_xstrdup(px_stmt_col_text(s, 8));
		for (int i = 0; i < 3; i++)
			p->optout[i] = (int)px_stmt_col_int(s, 9 + i);
	}
	px_stmt_reset(s);
	if (rc == 0)
		px_err_set(err, PX_ESTORE, "patient row %lld is missing", (long long)id);
	return rc == 1 ? 0 : -1;
}

static int has_contact(const struct patient *p, int ch)
{
	const char *a = ch == 2 ? p->email : p->phone;
	return a && *a;
}

/* Picks the channel: the hint first, then sms, whatsapp, email; the first
 * with contact data and no opt-out.  -1 with *why set when none. */
static int choose_channel(const struct patient *p, const char *hint, const char **why)
{
	int order[4], n = 0, h = channel_index(hint);
	if (h >= 0)
		order[n++] = h;
	for (int i = 0; i < 3; i++)
		if (i != h)
			order[n++] = i;
	int opted = -1;
	for (int i = 0; i < n; i++) {
		int c = order[i];
		if (!has_contact(p, c))
			continue;
		if (p->optout[c]) {
			if (opted < 0)
				opted = c;
			continue;
		}
		return c;
	}
	*why = opted >= 0 ? (opted == 2 ? "opted out of email" : opted == 1 ? "opted out of whatsapp"
			     : "opted out of sms") : "no contact";
	return -1;
}

struct inst {
	int64_t id, template_id, patient_id, hospital_id, department_id;
	char pid[PX_ID_LEN];
	char status[16], channel[16], language[4];
	int64_t expires_at;
	long reminders;
};

#define INST_COLS "s.id, s.template_id, s.patient_id, s.hospital_id, s.department_id, " \
	"s.public_id, s.status, s.channel, s.language, s.expires_at, s.reminders"

static void inst_fill(struct px_stmt *s, struct inst *in)
{
	memset(in, 0, sizeof *in);
	in->id = px_stmt_col_int(s, 0);
	in->template_id = px_stmt_col_int(s, 1);
	in->patient_id = px_stmt_col_int(s, 2);
	in->hospital_id = px_stmt_col_int(s, 3);
	in->department_id = px_stmt_col_int(s, 4);
	px_strlcpy(in->pid, px_stmt_col_text(s, 5), sizeof in->pid);
	px_strlcpy(in->status, px_stmt_col_text(s, 6), sizeof in->status);
	px_strlcpy(in->channel, px_stmt_col_text(s, 7), sizeof in->channel);
	px_strlcpy(in->language, px_stmt_col_text(s, 8), sizeof in->language);
	px_time_parse(px_stmt_col_text(s, 9), &in->expires_at);
	in->reminders = (long)px_stmt_col_int(s, 10);
}

/* The instance named by a record's "token" or "survey": 0 found, -1
 * rejected or failed (err->code says which). */
static int inst_find(struct px_store *st, struct px_rec *r, struct inst *in, struct px_err *err)
{
	const char *token = px_rec_get(r, "token"), *id = px_rec_get(r, "survey");
	struct px_stmt *s;
	if (token && *token) {
		char hash[PX_SHA256_HEX];
		px_token_hash(token, hash);
		s = px_stmt_prepare(st, "SELECT " INST_COLS " FROM survey_tokens k "
				    "JOIN surveys s ON s.id = k.survey_id WHERE k.token_hash = ?1", err);
		if (!s)
			return -1;
		px_stmt_text(s, 1, hash);
	} else if (id && *id) {
		s = px_stmt_prepare(st, "SELECT " INST_COLS " FROM surveys s WHERE s.public_id = ?1", err);
		if (!s)
			return -1;
		px_stmt_text(s, 1, id);
	} else {
		return px_err_set(err, PX_EREJECT, "record has neither 'token' nor 'survey'");
	}
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		inst_fill(s, in);
	px_stmt_reset(s);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return token && *token ? px_err_set(err, PX_EREJECT, "unknown survey token")
				       : px_err_set(err, PX_EREJECT, "unknown survey '%s'", id);
	return 0;
}

static int set_status(struct px_store *st, const struct inst *in, const char *status,
		      const char *at, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"UPDATE surveys SET status = ?2, updated_at = ?3 WHERE id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, in->id);
	px_stmt_text(s, 2, status);
	px_stmt_text(s, 3, at);
	return px_stmt_run(s, err);
}

static int audit_status(const struct px_survey_io *io, const struct inst *in, const char *action,
			const char *from, const char *to, const char *event, struct px_err *err)
{
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", from);
	px_rec_set_str(d, "to", to);
	if (event)
		px_rec_set_str(d, "event", event);
	int rc = px_audit_record(io->st, io->actor->name, action, "survey", in->pid, d, err);
	px_rec_free(d);
	return rc;
}

/* Requires role min in the hospital's scope, naming the hospital. */
static int require_in(const struct px_survey_io *io, enum px_role min, int64_t hospital_id,
		      const char *verb, struct px_err *err)
{
	if (px_auth_require(io->actor, min, hospital_id, verb, err) == 0)
		return 0;
	char what[200], code[40] = "?";
	struct px_stmt *s = px_stmt_prepare(io->st, "SELECT code FROM hospitals WHERE id = ?1", err);
	if (s) {
		px_stmt_int(s, 1, hospital_id);
		if (px_stmt_step(s, err) == 1)
			px_strlcpy(code, px_stmt_col_text(s, 0), sizeof code);
		px_stmt_reset(s);
	}
	snprintf(what, sizeof what, "%s of hospital '%s'", verb, code);
	return px_auth_require(io->actor, min, hospital_id, what, err);
}

/* ---------- notifications ---------- */

struct hospital_info {
	char code[40];
	char *name, *name_ar;
};

static int hospital_load(struct px_store *st, int64_t id, struct hospital_info *h, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT code, name, name_ar FROM hospitals WHERE id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		px_strlcpy(h->code, px_stmt_col_text(s, 0), sizeof h->code);
		h->name = px_xstrdup(px_stmt_col_text(s, 1));
		h->name_ar = dup_or_null(col_or_null(s, 2));
	}
	px_stmt_reset(s);
	if (rc == 0)
		px_err_set(err, PX_ESTORE, "hospital row %lld is missing", (long long)id);
	return rc == 1 ? 0 : -1;
}

static void hospital_free(struct hospital_info *h)
{
	free(h->name);
	free(h->name_ar);
}

static const char *pick(const char *lang, const char *en, const char *ar)
{
	if (!strcmp(lang, "ar") && ar && *ar)
		return ar;
	return en && *en ? en : ar ? ar : "";
}

/* A new link token for the instance: stores its hash, returns the URL. */
static char *new_link(const struct px_survey_io *io, int64_t survey_id, const char *at,
		      struct px_err *err)
{
	char token[PX_TOKEN_LEN], hash[PX_SHA256_HEX];
	if (px_token_new(token, err))
		return NULL;
	px_token_hash(token, hash);
	struct px_stmt *s = px_stmt_prepare(io->st,
		"INSERT INTO survey_tokens (token_hash, survey_id, created_at) VALUES (?1, ?2, ?3)", err);
	if (!s)
		return NULL;
	px_stmt_text(s, 1, hash);
	px_stmt_int(s, 2, survey_id);
	px_stmt_text(s, 3, at);
	if (px_stmt_run(s, err))
		return NULL;
	const char *base = px_config_get(io->cfg, "survey.base_url", "https://px.invalid/s/");
	return px_xasprintf("%s%s", base, token);
}

/* The invitation or reminder to the patient. */
static struct px_rec *patient_notification(const char *key, const char *tmpl, const struct inst *in,
					   const struct patient *p, const struct hospital_info *h,
					   const char *url)
{
	char loc[PX_TIME_LOCAL_LEN];
	px_time_format_local(in->expires_at, loc);
	loc[10] = '\0';
	struct px_rec *n = px_rec_new("notification");
	px_rec_set_str(n, "key", key);
	px_rec_set_str(n, "channel", in->channel);
	px_rec_set_str(n, "patient", p->pid);
	px_rec_set_str(n, "language", in->language);
	px_rec_set_str(n, "template", tmpl);
	struct px_rec *v = px_rec_new(NULL);
	px_rec_set_str(v, "patient_name", pick(in->language, p->name_en, p->name_ar));
	px_rec_set_str(v, "hospital_name", pick(in->language, h->name, h->name_ar));
	px_rec_set_str(v, "link", url);
	px_rec_set_str(v, "expires_on", loc);
	px_rec_set_obj(n, "vars", v);
	px_rec_set_str(n, "object_type", "survey");
	px_rec_set_str(n, "object", in->pid);
	px_rec_set_str(n, "hospital", h->code);
	return n;
}

/* ---------- sending ---------- */

struct send_req {
	int64_t patient_id, hospital_id, department_id, encounter_id, due_id;
	char due_pid[PX_ID_LEN], due_status[16];
	const char *tpl, *channel, *language;
	char *tpl_own, *channel_own; /* copies from a survey_due row */
};

static void req_free(struct send_req *rq)
{
	free(rq->tpl_own);
	free(rq->channel_own);
}

static int due_load(struct px_store *st, struct px_stmt *s, struct send_req *rq)
{
	/* columns: id, public_id, patient_id, encounter_id, hospital_id,
	 * department_id, template, channel, status */
	(void)st;
	rq->due_id = px_stmt_col_int(s, 0);
	px_strlcpy(rq->due_pid, px_stmt_col_text(s, 1), sizeof rq->due_pid);
	rq->patient_id = px_stmt_col_int(s, 2);
	rq->encounter_id = px_stmt_col_int(s, 3);
	rq->hospital_id = px_stmt_col_int(s, 4);
	rq->department_id = px_stmt_col_int(s, 5);
	rq->tpl_own = px_xstrdup(px_stmt_col_text(s, 6));
	rq->tpl = rq->tpl_own;
	rq->channel_own = dup_or_null(col_or_null(s, 7));
	rq->channel = rq->channel_own;
	px_strlcpy(rq->due_status, px_stmt_col_text(s, 8), sizeof rq->due_status);
	return 0;
}

#define DUE_COLS "id, public_id, patient_id, encounter_id, hospital_id, department_id, " \
	"template, channel, status"

static int mark_due(const struct px_survey_io *io, const struct send_req *rq, const char *status,
		    const char *reason, const char *survey, const char *at, struct px_err *err)
{
	if (!rq->due_id)
		return 0;
	struct px_stmt *s = px_stmt_prepare(io->st,
		"UPDATE survey_due SET status = ?2, reason = ?3, survey_id = ?4, updated_at = ?5 "
		"WHERE id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, rq->due_id);
	px_stmt_text(s, 2, status);
	px_stmt_text(s, 3, reason);
	px_stmt_text(s, 4, survey);
	px_stmt_text(s, 5, at);
	return px_stmt_run(s, err);
}

/* Not sent: the due row (if any) is suppressed with the reason. */
static int suppress(const struct px_survey_io *io, const struct send_req *rq, const char *subject,
		    const char *reason, const char *at, struct px_err *err)
{
	if (rq->due_id) {
		if (mark_due(io, rq, "suppressed", reason, NULL, at, err))
			return -1;
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "template", rq->tpl);
		px_rec_set_str(d, "reason", reason);
		int rc = px_audit_record(io->st, io->actor->name, "survey_suppressed", "survey_due",
					 rq->due_pid, d, err);
		px_rec_free(d);
		if (rc)
			return -1;
	}
	if (px_store_commit(io->st, err))
		return -1;
	if (io->skip)
		io->skip(subject, reason, io->ctx);
	return 0;
}

static int send_core(const struct px_survey_io *io, struct send_req *rq, struct px_err *err)
{
	struct px_store *st = io->st;
	if (require_in(io, PX_ROLE_STAFF, rq->hospital_id, "send surveys", err))
		return -1;
	int64_t now, tid;
	char at[PX_TIME_UTC_LEN], subject[80], reason[160];
	if (now_utc(&now, at, err))
		return -2;
	int rc = tpl_current_id(st, rq->tpl, &tid, err);
	if (rc < 0)
		return -2;
	if (rc == 0)
		return px_err_set(err, PX_EREJECT, "unknown template '%s'", rq->tpl);
	struct tpl *t = tpl_load_id(st, tid, err);
	if (!t)
		return -2;
	struct patient p = { 0 };
	struct hospital_info h = { 0 };
	char *url = NULL;
	if (patient_load(st, rq->patient_id, &p, err) || hospital_load(st, rq->hospital_id, &h, err))
		goto fatal;
	snprintf(subject, sizeof subject, "%s", rq->due_id ? rq->due_pid : p.pid);
	if (px_store_begin(st, err))
		goto fatal;
	if (rq->due_id && strcmp(rq->due_status, "due")) {
		px_store_rollback(st);
		if (io->skip) {
			snprintf(reason, sizeof reason, "%s", !strcmp(rq->due_status, "sent") ? "duplicate"
				 : rq->due_status);
			io->skip(subject, reason, io->ctx);
		}
		goto done;
	}
	/* one survey per patient, encounter and template */
	char enc[PX_ID_LEN] = "-";
	if (rq->encounter_id) {
		struct px_stmt *s = px_stmt_prepare(st, "SELECT public_id FROM encounters WHERE id = ?1", err);
		if (!s)
			goto fail;
		px_stmt_int(s, 1, rq->encounter_id);
		if (px_stmt_step(s, err) != 1) {
			px_stmt_reset(s);
			goto fail;
		}
		px_strlcpy(enc, px_stmt_col_text(s, 0), sizeof enc);
		px_stmt_reset(s);
	}
	char *key = px_xasprintf("%s|%s|%s", p.pid, enc, t->name);
	struct px_stmt *s = px_stmt_prepare(st, "SELECT public_id FROM surveys WHERE dedup_key = ?1", err);
	if (!s) {
		free(key);
		goto fail;
	}
	px_stmt_text(s, 1, key);
	rc = px_stmt_step(s, err);
	char existing[PX_ID_LEN] = "";
	if (rc == 1)
		px_strlcpy(existing, px_stmt_col_text(s, 0), sizeof existing);
	px_stmt_reset(s);
	if (rc < 0) {
		free(key);
		goto fail;
	}
	if (rc == 1) {
		free(key);
		if (mark_due(io, rq, "sent", NULL, existing, at, err) || px_store_commit(st, err))
			goto fail;
		snprintf(reason, sizeof reason, "duplicate (%s)", existing);
		if (io->skip)
			io->skip(subject, reason, io->ctx);
		goto done;
	}
	if (!t->active) {
		free(key);
		if (suppress(io, rq, subject, "template disabled", at, err))
			goto fail;
		goto done;
	}
	long long fatigue;
	if (px_config_int(io->cfg, "survey.fatigue_days", PX_SURVEY_FATIGUE_DAYS, 0, 3650, &fatigue, err)) {
		free(key);
		goto fail;
	}
	if (fatigue > 0) {
		char since[PX_TIME_UTC_LEN];
		px_time_format_utc(now - fatigue * 86400, since);
		s = px_stmt_prepare(st, "SELECT public_id FROM surveys WHERE patient_id = ?1 "
				    "AND sent_at > ?2 ORDER BY sent_at DESC LIMIT 1", err);
		if (!s) {
			free(key);
			goto fail;
		}
		px_stmt_int(s, 1, p.id);
		px_stmt_text(s, 2, since);
		rc = px_stmt_step(s, err);
		if (rc == 1)
			snprintf(reason, sizeof reason, "fatigue window (%s sent within %lld days)",
				 px_stmt_col_text(s, 0), fatigue);
		px_stmt_reset(s);
		if (rc != 0) {
			free(key);
			if (rc < 0 || suppress(io, rq, subject, reason, at, err))
				goto fail;
			goto done;
		}
	}
	const char *why = NULL;
	int ch = choose_channel(&p, rq->channel, &why);
	if (ch < 0) {
		free(key);
		if (suppress(io, rq, subject, why, at, err))
			goto fail;
		goto done;
	}
	long long days;
	if (px_config_int(io->cfg, "survey.expiry_days", 30, 1, 3650, &days, err)) {
		free(key);
		goto fail;
	}
	struct inst in = { 0 };
	if (px_id_new("srv", in.pid, err)) {
		free(key);
		goto fail;
	}
	in.expires_at = now + days * 86400;
	px_strlcpy(in.channel, channels[ch], sizeof in.channel);
	const char *lang = rq->language && (!strcmp(rq->language, "en") || !strcmp(rq->language, "ar"))
			   ? rq->language : p.language;
	px_strlcpy(in.language, lang, sizeof in.language);
	char exp[PX_TIME_UTC_LEN];
	px_time_format_utc(in.expires_at, exp);
	s = px_stmt_prepare(st,
		"INSERT INTO surveys (public_id, template_id, patient_id, hospital_id, department_id, "
		"encounter_id, due_id, dedup_key, channel, language, status, sent_at, expires_at, "
		"created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'sent', ?11, "
		"?12, ?11, ?11)", err);
	if (!s) {
		free(key);
		goto fail;
	}
	px_stmt_text(s, 1, in.pid);
	px_stmt_int(s, 2, t->id);
	px_stmt_int(s, 3, p.id);
	px_stmt_int(s, 4, rq->hospital_id);
	if (rq->department_id)
		px_stmt_int(s, 5, rq->department_id);
	if (rq->encounter_id)
		px_stmt_int(s, 6, rq->encounter_id);
	if (rq->due_id)
		px_stmt_int(s, 7, rq->due_id);
	px_stmt_text(s, 8, key);
	px_stmt_text(s, 9, in.channel);
	px_stmt_text(s, 10, in.language);
	px_stmt_text(s, 11, at);
	px_stmt_text(s, 12, exp);
	rc = px_stmt_run(s, err);
	free(key);
	if (rc)
		goto fail;
	in.id = px_store_last_id(st);
	url = new_link(io, in.id, at, err);
	if (!url || mark_due(io, rq, "sent", NULL, in.pid, at, err))
		goto fail;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "template", t->name);
	px_rec_set_int(d, "version", t->version);
	px_rec_set_str(d, "channel", in.channel);
	if (rq->due_id)
		px_rec_set_str(d, "due", rq->due_pid);
	rc = px_audit_record(st, io->actor->name, "survey_sent", "survey", in.pid, d, err);
	px_rec_free(d);
	if (rc || px_store_commit(st, err))
		goto fail;
	char nkey[80];
	snprintf(nkey, sizeof nkey, "survey_invitation:%s", in.pid);
	struct px_rec *n = patient_notification(nkey, "survey_invitation", &in, &p, &h, url);
	io->emit(n, io->ctx);
	px_rec_free(n);
done:
	free(url);
	tpl_free(t);
	patient_free(&p);
	hospital_free(&h);
	return 0;
fail:
	px_store_rollback(st);
fatal:
	free(url);
	tpl_free(t);
	patient_free(&p);
	hospital_free(&h);
	if (err->code == PX_EREJECT || err->code == PX_EPERM)
		return -1;
	if (!err->code)
		err->code = PX_ESTORE;
	return -2;
}

int px_survey_followup(const struct px_survey_io *io, int64_t of_survey, const char *tpl_name,
		       const char *dedup, char out_pid[PX_ID_LEN], int64_t *out_id,
		       struct px_rec **notification, struct px_err *err)
{
	struct px_store *st = io->st;
	int64_t now, tid;
	char at[PX_TIME_UTC_LEN];
	*notification = NULL;
	if (now_utc(&now, at, err))
		return -2;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT patient_id, hospital_id, department_id, encounter_id, public_id FROM surveys "
		"WHERE id = ?1", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, of_survey);
	if (px_stmt_step(s, err) != 1) {
		px_stmt_reset(s);
		return px_err_set(err, PX_ESTORE, "survey row %lld is missing", (long long)of_survey), -2;
	}
	int64_t patient_id = px_stmt_col_int(s, 0), hospital_id = px_stmt_col_int(s, 1);
	int64_t department_id = px_stmt_col_int(s, 2), encounter_id = px_stmt_col_int(s, 3);
	char of_pid[PX_ID_LEN];
	px_strlcpy(of_pid, px_stmt_col_text(s, 4), sizeof of_pid);
	px_stmt_reset(s);
	int rc = tpl_current_id(st, tpl_name, &tid, err);
	if (rc < 0)
		return -2;
	if (rc == 0)
		return px_err_set(err, PX_EREJECT, "unknown template '%s' (load it with "
				  "'px-survey template add')", tpl_name), -1;
	struct tpl *t = tpl_load_id(st, tid, err);
	if (!t)
		return -2;
	struct patient p = { 0 };
	struct hospital_info h = { 0 };
	char *url = NULL, *key = NULL;
	int ret = -2;
	if (patient_load(st, patient_id, &p, err) || hospital_load(st, hospital_id, &h, err))
		goto out;
	if (!t->active) {
		ret = -1;
		px_err_set(err, PX_EREJECT, "template '%s' is disabled", tpl_name);
		goto out;
	}
	const char *why = NULL;
	int ch = choose_channel(&p, NULL, &why);
	if (ch < 0) {
		ret = -1;
		px_err_set(err, PX_EREJECT, "cannot reach the patient: %s", why);
		goto out;
	}
	long long days;
	if (px_config_int(io->cfg, "survey.expiry_days", 30, 1, 3650, &days, err))
		goto out;
	struct inst in = { 0 };
	if (px_id_new("srv", in.pid, err))
		goto out;
	in.expires_at = now + days * 86400;
	px_strlcpy(in.channel, channels[ch], sizeof in.channel);
	px_strlcpy(in.language, p.language, sizeof in.language);
	char exp[PX_TIME_UTC_LEN];
	px_time_format_utc(in.expires_at, exp);
	key = px_xasprintf("%s|followup:%s|%s", p.pid, dedup, t->name);
	s = px_stmt_prepare(st,
		"INSERT INTO surveys (public_id, template_id, patient_id, hospital_id, department_id, "
		"encounter_id, dedup_key, channel, language, status, sent_at, expires_at, "
		"created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'sent', ?10, "
		"?11, ?10, ?10)", err);
	if (!s)
		goto out;
	px_stmt_text(s, 1, in.pid);
	px_stmt_int(s, 2, t->id);
	px_stmt_int(s, 3, p.id);
	px_stmt_int(s, 4, hospital_id);
	if (department_id)
		px_stmt_int(s, 5, department_id);
	if (encounter_id)
		px_stmt_int(s, 6, encounter_id);
	px_stmt_text(s, 7, key);
	px_stmt_text(s, 8, in.channel);
	px_stmt_text(s, 9, in.language);
	px_stmt_text(s, 10, at);
	px_stmt_text(s, 11, exp);
	if (px_stmt_run(s, err)) {
		ret = err->code == PX_EREJECT ? -1 : -2;
		goto out;
	}
	in.id = px_store_last_id(st);
	if (!(url = new_link(io, in.id, at, err)))
		goto out;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "template", t->name);
	px_rec_set_int(d, "version", t->version);
	px_rec_set_str(d, "channel", in.channel);
	px_rec_set_str(d, "followup_of", of_pid);
	rc = px_audit_record(st, io->actor->name, "survey_sent", "survey", in.pid, d, err);
	px_rec_free(d);
	if (rc)
		goto out;
	char nkey[80];
	snprintf(nkey, sizeof nkey, "%s:%s", t->name, in.pid);
	*notification = patient_notification(nkey, t->name, &in, &p, &h, url);
	px_strlcpy(out_pid, in.pid, PX_ID_LEN);
	*out_id = in.id;
	ret = 0;
out:
	free(key);
	free(url);
	tpl_free(t);
	patient_free(&p);
	hospital_free(&h);
	return ret;
}

int px_survey_send(const struct px_survey_io *io, struct px_rec *r, struct px_err *err)
{
	const char *type = px_rec_type(r);
	if (!type || strcmp(type, "survey.due"))
		return 1;
	struct px_store *st = io->st;
	struct send_req rq = { 0 };
	const char *id = px_rec_get(r, "id");
	rq.language = px_rec_get(r, "language");
	int rc = 0;
	if (id) {
		struct px_stmt *s = px_stmt_prepare(st, "SELECT " DUE_COLS " FROM survey_due "
						    "WHERE public_id = ?1", err);
		if (!s)
			return -2;
		px_stmt_text(s, 1, id);
		rc = px_stmt_step(s, err);
		if (rc == 1)
			due_load(st, s, &rq);
		px_stmt_reset(s);
		if (rc < 0)
			return -2;
	}
	if (rc == 0) {
		/* not (yet) in survey_due: the record says it all */
		const char *hosp = px_rec_get(r, "hospital"), *pat = px_rec_get(r, "patient");
		const char *mrn = px_rec_get(r, "mrn"), *dep = px_rec_get(r, "department");
		const char *enc = px_rec_get(r, "encounter");
		rq.tpl = px_rec_get(r, "template");
		rq.channel = px_rec_get(r, "channel");
		if (!hosp || !*hosp)
			return px_err_set(err, PX_EREJECT, "survey.due has no 'hospital'");
		if (!rq.tpl || !*rq.tpl)
			return px_err_set(err, PX_EREJECT, "survey.due has no 'template'");
		rc = px_org_hospital_id(st, hosp, &rq.hospital_id, err);
		if (rc <= 0)
			return rc < 0 ? -2 : px_err_set(err, PX_EREJECT, "unknown hospital '%s'", hosp);
		if (dep && *dep) {
			rc = px_org_department_id(st, rq.hospital_id, dep, &rq.department_id, err);
			if (rc <= 0)
				return rc < 0 ? -2 : px_err_set(err, PX_EREJECT, "unknown department '%s'", dep);
		}
		struct px_stmt *s = px_stmt_prepare(st, "SELECT id FROM patients WHERE hospital_id = ?1 "
						    "AND (public_id = ?2 OR mrn = ?3)", err);
		if (!s)
			return -2;
		px_stmt_int(s, 1, rq.hospital_id);
		px_stmt_text(s, 2, pat ? pat : "");
		px_stmt_text(s, 3, pat && *pat ? "" : mrn ? mrn : "");
		rc = px_stmt_step(s, err);
		if (rc == 1)
			rq.patient_id = px_stmt_col_int(s, 0);
		px_stmt_reset(s);
		if (rc <= 0)
			return rc < 0 ? -2 : px_err_set(err, PX_EREJECT, "unknown patient in hospital '%s'", hosp);
		if (enc && *enc) {
			s = px_stmt_prepare(st, "SELECT id FROM encounters WHERE public_id = ?1 "
					    "AND patient_id = ?2", err);
			if (!s)
				return -2;
			px_stmt_text(s, 1, enc);
			px_stmt_int(s, 2, rq.patient_id);
			rc = px_stmt_step(s, err);
			if (rc == 1)
				rq.encounter_id = px_stmt_col_int(s, 0);
			px_stmt_reset(s);
			if (rc <= 0)
				return rc < 0 ? -2 : px_err_set(err, PX_EREJECT, "unknown encounter '%s'", enc);
		}
	}
	/* A survey due later stays in survey_due for 'send --due' from cron. */
	const char *due_at = px_rec_get(r, "due_at");
	int64_t due, now;
	if (due_at && !px_time_parse(due_at, &due)) {
		if (px_time_now(&now, err)) {
			req_free(&rq);
			return -2;
		}
		if (due > now) {
			if (io->skip) {
				char reason[80];
				snprintf(reason, sizeof reason, "not due until %s", due_at);
				io->skip(id ? id : "survey.due", reason, io->ctx);
			}
			req_free(&rq);
			return 0;
		}
	}
	rc = send_core(io, &rq, err);
	req_free(&rq);
	return rc;
}

int px_survey_send_patient(const struct px_survey_io *io, const char *hospital,
			   const char *mrn, const char *tpl, const char *channel,
			   struct px_err *err)
{
	struct px_rec *r = px_rec_new("survey.due");
	px_rec_set_str(r, "mrn", mrn);
	px_rec_set_str(r, "hospital", hospital);
	px_rec_set_str(r, "template", tpl);
	if (channel)
		px_rec_set_str(r, "channel", channel);
	int rc = px_survey_send(io, r, err);
	px_rec_free(r);
	return rc;
}

int px_survey_send_pending(const struct px_survey_io *io,
			   void (*report)(const struct px_err *e, void *ctx),
			   struct px_err *err)
{
	int64_t now, *ids = NULL;
	size_t n = 0;
	char at[PX_TIME_UTC_LEN];
	if (now_utc(&now, at, err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(io->st, "SELECT id, hospital_id FROM survey_due "
					    "WHERE status = 'due' AND due_at <= ?1 ORDER BY due_at, id", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, at);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		/* each user drains the hospitals in its scope */
		if (!px_auth_in_scope(io->actor, px_stmt_col_int(s, 1)))
			continue;
		ids = px_xrealloc(ids, (n + 1) * sizeof *ids);
		ids[n++] = px_stmt_col_int(s, 0);
	}
	px_stmt_reset(s);
	int status = PX_OK;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct send_req rq = { 0 };
		s = px_stmt_prepare(io->st, "SELECT " DUE_COLS " FROM survey_due WHERE id = ?1", err);
		if (!s) {
			rc = -1;
			break;
		}
		px_stmt_int(s, 1, ids[i]);
		int k = px_stmt_step(s, err);
		if (k == 1)
			due_load(io->st, s, &rq);
		px_stmt_reset(s);
		if (k != 1) {
			rc = k < 0 ? -1 : 0;
			req_free(&rq);
			continue;
		}
		struct px_err e;
		px_err_clear(&e);
		k = send_core(io, &rq, &e);
		if (k == -1) {
			struct px_err e2 = e;
			px_err_set(&e2, e.code, "%s: %s", rq.due_pid, e.text);
			report(&e2, io->ctx);
			status = PX_EREJECT;
		} else if (k == -2) {
			*err = e;
			rc = -1;
		}
		req_free(&rq);
	}
	free(ids);
	return rc < 0 ? -1 : status;
}

/* ---------- answers ---------- */

/* The canonical form of an answer to q, or -1 with the reason. */
static int canon_value(const struct question *q, const char *raw, char *out, size_t size,
		       struct px_err *err)
{
	char v[TEXTAREA_MAX + 8];
	if (strlen(raw) > TEXTAREA_MAX)
		return px_err_set(err, PX_EREJECT, "question '%s': answer longer than %d bytes",
				  q->code, TEXTAREA_MAX);
	ascii_digits(raw, v, sizeof v);
	trim(v);
	if (!*v)
		return px_err_set(err, PX_EREJECT, "question '%s': empty answer", q->code);
	long long n;
	switch (q->type) {
	case PX_Q_RATING:
	case PX_Q_LIKERT:
		if (px_parse_int(v, 1, 5, &n))
			return px_err_set(err, PX_EREJECT, "question '%s': %s must be 1 to 5, not '%s'",
					  q->code, px_score_qtype_name(q->type), raw);
		snprintf(out, size, "%lld", n);
		return 0;
	case PX_Q_NPS:
		if (px_parse_int(v, 0, 10, &n))
			return px_err_set(err, PX_EREJECT, "question '%s': nps must be 0 to 10, not '%s'",
					  q->code, raw);
		snprintf(out, size, "%lld", n);
		return 0;
	case PX_Q_YES_NO: {
		static const char *const yes[] = { "yes", "y", "true", "1", "نعم", NULL };
		static const char *const no[] = { "no", "n", "false", "0", "لا", NULL };
		for (const char *const *p = yes; *p; p++)
			if (!strcasecmp(v, *p)) {
				snprintf(out, size, "yes");
				return 0;
			}
		for (const char *const *p = no; *p; p++)
			if (!strcasecmp(v, *p)) {
				snprintf(out, size, "no");
				return 0;
			}
		return px_err_set(err, PX_EREJECT, "question '%s': yes or no, not '%s'", q->code, raw);
	}
	case PX_Q_CHOICE: {
		struct px_buf b = PX_BUF_INIT;
		for (size_t i = 0; i < q->nchoices; i++) {
			if (!strcmp(q->choices[i].value, v)) {
				px_buf_free(&b);
				snprintf(out, size, "%s", v);
				return 0;
			}
			px_buf_addf(&b, "%s%s", i ? ", " : "", q->choices[i].value);
		}
		px_err_set(err, PX_EREJECT, "question '%s': '%s' is not one of: %s", q->code, raw,
			   px_buf_str(&b));
		px_buf_free(&b);
		return -1;
	}
	case PX_Q_TEXT:
	case PX_Q_TEXTAREA:
		if (q->type == PX_Q_TEXT && strlen(raw) > TEXT_MAX)
			return px_err_set(err, PX_EREJECT, "question '%s': short text longer than %d bytes",
					  q->code, TEXT_MAX);
		snprintf(out, size, "%s", raw);
		return 0;
	}
	return -1;
}

static int cond_holds(const struct question *q, const char *val)
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

/* Whether question i is shown given the answers (NULL: unanswered). */
static int shown(const struct tpl *t, size_t i, char *const *answers)
{
	const struct question *q = &t->q[i];
	if (!q->if_question)
		return 1;
	const struct question *r = find_q(t, q->if_question);
	size_t j = (size_t)(r - t->q);
	if (!r || j >= i || !shown(t, j, answers) || !answers[j])
		return 0;
	return cond_holds(q, answers[j]);
}

/* The answers of an instance, by question index (caller frees each). */
static char **answers_load(struct px_store *st, const struct tpl *t, int64_t survey_id,
			   struct px_err *err)
{
	char **a = px_xcalloc(t->nq + 1, sizeof *a);
	struct px_stmt *s = px_stmt_prepare(st, "SELECT question_id, value FROM survey_answers "
					    "WHERE survey_id = ?1", err);
	if (!s) {
		free(a);
		return NULL;
	}
	px_stmt_int(s, 1, survey_id);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		int64_t qid = px_stmt_col_int(s, 0);
		for (size_t i = 0; i < t->nq; i++)
			if (t->q[i].id == qid)
				a[i] = px_xstrdup(px_stmt_col_text(s, 1));
	}
	px_stmt_reset(s);
	if (rc < 0) {
		for (size_t i = 0; i < t->nq; i++)
			free(a[i]);
		free(a);
		return NULL;
	}
	return a;
}

static void answers_free(const struct tpl *t, char **a)
{
	if (!a)
		return;
	for (size_t i = 0; i < t->nq; i++)
		free(a[i]);
	free(a);
}

static void score_answers(const struct tpl *t, char *const *a, struct px_score_result *res)
{
	struct px_score_item *items = px_xcalloc(t->nq + 1, sizeof *items);
	for (size_t i = 0; i < t->nq; i++) {
		const struct question *q = &t->q[i];
		struct px_score_item *it = &items[i];
		it->type = q->type;
		it->weight = q->weight;
		it->answered = a[i] != NULL;
		it->skipped = !shown(t, i, a);
		if (!a[i])
			continue;
		if (q->type == PX_Q_YES_NO)
			it->value = !strcmp(a[i], "yes");
		else if (q->type == PX_Q_CHOICE) {
			for (size_t k = 0; k < q->nchoices; k++)
				if (!strcmp(q->choices[k].value, a[i])) {
					it->has_score = q->choices[k].has_score;
					it->value = q->choices[k].score;
				}
		} else if (q->type != PX_Q_TEXT && q->type != PX_Q_TEXTAREA)
			px_parse_double(a[i], &it->value);
	}
	px_score_compute(t->scoring, t->threshold, items, t->nq, res);
	free(items);
}

/* "2.4", "3.0", "1.73" */
static void fmt_score(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.2f", v);
	size_t n = strlen(buf);
	if (n > 3 && buf[n - 1] == '0')
		buf[n - 1] = '\0';
}

static int dept_name(struct px_store *st, int64_t id, char **code, char **name, struct px_err *err)
{
	*code = *name = NULL;
	if (!id)
		return 0;
	struct px_stmt *s = px_stmt_prepare(st, "SELECT code, name FROM departments WHERE id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		*code = px_xstrdup(px_stmt_col_text(s, 0));
		*name = px_xstrdup(px_stmt_col_text(s, 1));
	}
	px_stmt_reset(s);
	return rc < 0 ? -1 : 0;
}

/* After a negative completion (committed): the alerts to the hospital's
 * admins who have an email address. */
static int emit_alerts(const struct px_survey_io *io, const struct inst *in, const struct tpl *t,
		       const char *score, struct px_err *err)
{
	struct px_store *st = io->st;
	struct hospital_info h = { 0 };
	struct patient p = { 0 };
	char *dcode = NULL, *dname = NULL;
	int rc = -1;
	if (hospital_load(st, in->hospital_id, &h, err) || patient_load(st, in->patient_id, &p, err) ||
	    dept_name(st, in->department_id, &dcode, &dname, err))
		goto out;
	char mask[PX_MASK_LEN];
	px_mask(p.mrn, mask);
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT u.name FROM users u JOIN user_hospitals uh ON uh.user_id = u.id "
		"WHERE uh.hospital_id = ?1 AND u.role = 'hospital_admin' AND u.active = 1 "
		"AND u.email IS NOT NULL AND u.email <> '' ORDER BY u.name", err);
	if (!s)
		goto out;
	px_stmt_int(s, 1, in->hospital_id);
	while ((rc = px_stmt_step(s, err)) == 1) {
		const char *user = px_stmt_col_text(s, 0);
		char *key = px_xasprintf("survey_negative_alert:%s:%s", in->pid, user);
		struct px_rec *n = px_rec_new("notification");
		px_rec_set_str(n, "key", key);
		px_rec_set_str(n, "channel", "email");
		px_rec_set_str(n, "user", user);
		px_rec_set_str(n, "language", "en");
		px_rec_set_str(n, "template", "survey_negative_alert");
		struct px_rec *v = px_rec_new(NULL);
		px_rec_set_str(v, "survey", in->pid);
		px_rec_set_str(v, "hospital_name", h.name);
		px_rec_set_str(v, "department_name", dname ? dname : "");
		px_rec_set_str(v, "template_name", t->title);
		px_rec_set_str(v, "score", score);
		px_rec_set_str(v, "patient_ref", mask);
		px_rec_set_obj(n, "vars", v);
		px_rec_set_str(n, "object_type", "survey");
		px_rec_set_str(n, "object", in->pid);
		px_rec_set_str(n, "hospital", h.code);
		io->emit(n, io->ctx);
		px_rec_free(n);
		free(key);
	}
	px_stmt_reset(s);
out:
	hospital_free(&h);
	patient_free(&p);
	free(dcode);
	free(dname);
	return rc < 0 ? -1 : 0;
}

/* Applies one answer to an instance; see px_survey_respond. */
static int answer_apply(const struct px_survey_io *io, struct inst *in, const char *qcode,
			const char *raw, struct px_err *err)
{
	struct px_store *st = io->st;
	if (require_in(io, PX_ROLE_STAFF, in->hospital_id, "record answers to surveys", err))
		return -1;
	int64_t now;
	char at[PX_TIME_UTC_LEN];
	if (now_utc(&now, at, err))
		return -2;
	if (!strcmp(in->status, "completed") || !strcmp(in->status, "cancelled"))
		return px_err_set(err, PX_EREJECT, "survey '%s' is %s", in->pid,
				  !strcmp(in->status, "completed") ? "already completed" : "cancelled");
	if (!strcmp(in->status, "expired") || in->expires_at <= now)
		return px_err_set(err, PX_EREJECT, "survey '%s' has expired", in->pid);
	if (!qcode || !*qcode)
		return px_err_set(err, PX_EREJECT, "answer has no 'question'");
	if (!raw)
		return px_err_set(err, PX_EREJECT, "answer has no 'value'");
	struct tpl *t = tpl_load_id(st, in->template_id, err);
	if (!t)
		return -2;
	char **a = NULL, *neg = NULL;
	int rc = -1;
	struct question *q = find_q(t, qcode);
	char val[TEXTAREA_MAX + 8];
	if (!q) {
		px_err_set(err, PX_EREJECT, "unknown question '%s'", qcode);
		goto out;
	}
	if (canon_value(q, raw, val, sizeof val, err))
		goto out;
	size_t qi = (size_t)(q - t->q);
	if (px_store_begin(st, err)) {
		rc = -2;
		goto out;
	}
	a = answers_load(st, t, in->id, err);
	if (!a)
		goto fail;
	if (q->if_question) {
		const struct question *r = find_q(t, q->if_question);
		size_t j = (size_t)(r - t->q);
		if (a[j] && shown(t, j, a) && !cond_holds(q, a[j])) {
			px_err_set(err, PX_EREJECT, "question '%s' is skipped: its condition on '%s' does not hold",
				   qcode, q->if_question);
			goto fail;
		}
	}
	if (a[qi] && !strcmp(a[qi], val)) {
		/* the same answer again: nothing changes */
		px_store_rollback(st);
		rc = 0;
		goto out;
	}
	struct px_stmt *s = px_stmt_prepare(st,
		"INSERT INTO survey_answers (survey_id, question_id, value, answered_at) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT (survey_id, question_id) "
		"DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, in->id);
	px_stmt_int(s, 2, q->id);
	px_stmt_text(s, 3, val);
	px_stmt_text(s, 4, at);
	if (px_stmt_run(s, err))
		goto fail;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "question", qcode);
	int k = px_audit_record(st, io->actor->name, a[qi] ? "survey_answer_changed" : "survey_answered",
				"survey", in->pid, d, err);
	px_rec_free(d);
	if (k)
		goto fail;
	free(a[qi]);
	a[qi] = px_xstrdup(val);
	s = px_stmt_prepare(st,
		"UPDATE surveys SET status = 'in_progress', started_at = COALESCE(started_at, ?2), "
		"last_activity_at = ?2, updated_at = ?2 WHERE id = ?1", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, in->id);
	px_stmt_text(s, 2, at);
	if (px_stmt_run(s, err))
		goto fail;
	if (strcmp(in->status, "in_progress") &&
	    audit_status(io, in, "survey_status_changed", in->status, "in_progress", "answer", err))
		goto fail;
	if (px_store_commit(st, err)) {
		rc = -2;
		goto out;
	}
	px_strlcpy(in->status, "in_progress", sizeof in->status);
	rc = 0;
	goto out;
fail:
	px_store_rollback(st);
	rc = err->code == PX_EREJECT ? -1 : -2;
out:
	if (rc == -2 && !err->code)
		err->code = PX_ESTORE;
	answers_free(t, a);
	free(neg);
	tpl_free(t);
	return rc;
}

/* Completes and scores the survey when every required question shown has
 * an answer; emits survey.negative and the alerts when negative. */
static int complete_if_done(const struct px_survey_io *io, int64_t survey_id, struct px_err *err)
{
	struct px_store *st = io->st;
	int64_t now;
	char at[PX_TIME_UTC_LEN];
	if (now_utc(&now, at, err) || px_store_begin(st, err))
		return -2;
	struct px_stmt *q0 = px_stmt_prepare(st, "SELECT " INST_COLS " FROM surveys s WHERE s.id = ?1", err);
	if (!q0) {
		px_store_rollback(st);
		return -2;
	}
	px_stmt_int(q0, 1, survey_id);
	struct inst inst_, *in = &inst_;
	int rc = px_stmt_step(q0, err);
	if (rc == 1)
		inst_fill(q0, in);
	px_stmt_reset(q0);
	if (rc != 1 || (strcmp(in->status, "in_progress") && strcmp(in->status, "sent") &&
			strcmp(in->status, "viewed") && strcmp(in->status, "abandoned"))) {
		px_store_rollback(st);
		return rc < 0 ? -2 : 0;
	}
	char **a = NULL, *neg = NULL;
	char score[32] = "";
	struct px_rec *escalated = NULL;
	struct tpl *t = tpl_load_id(st, in->template_id, err);
	if (!t || !(a = answers_load(st, t, in->id, err)))
		goto fail;
	/* complete when every required question shown is answered */
	int complete = 1;
	for (size_t i = 0; i < t->nq; i++)
		if (t->q[i].required && !a[i] && shown(t, i, a))
			complete = 0;
	if (!complete) {
		px_store_rollback(st);
		rc = 0;
		goto out;
	}
	struct px_stmt *s = px_stmt_prepare(st,
		"UPDATE surveys SET status = 'completed', updated_at = ?2 WHERE id = ?1", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, in->id);
	px_stmt_text(s, 2, at);
	if (px_stmt_run(s, err))
		goto fail;
	struct px_rec *d;
	int k;
	struct px_score_result res;
	/* A satisfaction check answers for the loop of the survey it follows
	 * up: it closes or escalates that loop and is never a negative
	 * experience of its own. */
	int check = t->survey_type && !strcmp(t->survey_type, "satisfaction_check");
	{
		score_answers(t, a, &res);
		if (res.has_score)
			fmt_score(res.score, score, sizeof score);
		s = px_stmt_prepare(st,
			"UPDATE surveys SET completed_at = ?2, score = ?3, nps_class = ?4, negative = ?5 "
			"WHERE id = ?1", err);
		if (!s)
			goto fail;
		px_stmt_int(s, 1, in->id);
		px_stmt_text(s, 2, at);
		if (res.has_score)
			px_stmt_double(s, 3, res.score);
		px_stmt_text(s, 4, res.nps_class);
		px_stmt_int(s, 5, res.negative && !check);
		if (px_stmt_run(s, err))
			goto fail;
		d = px_rec_new(NULL);
		px_rec_set_str(d, "from", in->status);
		px_rec_set_str(d, "method", px_score_method_name(t->scoring));
		if (res.has_score)
			px_rec_set_json(d, "score", score);
		else
			px_rec_set_null(d, "score");
		px_rec_set_bool(d, "negative", res.negative && !check);
		k = px_audit_record(st, io->actor->name, "survey_completed", "survey", in->pid, d, err);
		px_rec_free(d);
		if (k)
			goto fail;
		if (check && px_contact_check_completed(st, io->actor->name, in->id,
							res.has_score ? !res.negative : -1, at,
							&escalated, err))
			goto fail;
		if (res.negative && !check) {
			char *dcode = NULL, *dname = NULL;
			struct hospital_info h = { 0 };
			struct patient p = { 0 };
			if (dept_name(st, in->department_id, &dcode, &dname, err) ||
			    hospital_load(st, in->hospital_id, &h, err) ||
			    patient_load(st, in->patient_id, &p, err)) {
				free(dcode);
				free(dname);
				hospital_free(&h);
				patient_free(&p);
				goto fail;
			}
			struct px_rec *n = px_rec_new("survey.negative");
			px_rec_set_str(n, "survey", in->pid);
			px_rec_set_str(n, "patient", p.pid);
			px_rec_set_str(n, "hospital", h.code);
			px_rec_set_str(n, "department", dcode);
			px_rec_set_str(n, "template", t->name);
			px_rec_set_str(n, "method", px_score_method_name(t->scoring));
			px_rec_set_json(n, "score", score);
			if (res.nps_class)
				px_rec_set_str(n, "nps_class", res.nps_class);
			px_rec_set_str(n, "completed_at", at);
			neg = px_rec_dump(n);
			px_rec_free(n);
			free(dcode);
			free(dname);
			hospital_free(&h);
			patient_free(&p);
			s = px_stmt_prepare(st, "INSERT INTO survey_negatives (survey_id, record, created_at) "
					    "VALUES (?1, ?2, ?3)", err);
			if (!s)
				goto fail;
			px_stmt_int(s, 1, in->id);
			px_stmt_text(s, 2, neg);
			px_stmt_text(s, 3, at);
			if (px_stmt_run(s, err))
				goto fail;
			d = px_rec_new(NULL);
			px_rec_set_json(d, "score", score);
			k = px_audit_record(st, io->actor->name, "survey_negative", "survey", in->pid, d, err);
			px_rec_free(d);
			if (k)
				goto fail;
		}
	}
	if (px_store_commit(st, err))
		goto fail;
	rc = 0;
	if (escalated)
		io->emit(escalated, io->ctx);
	if (neg) {
		struct px_err e2;
		struct px_rec *n = px_rec_parse(neg, strlen(neg), &e2);
		io->emit(n, io->ctx);
		px_rec_free(n);
		if (emit_alerts(io, in, t, score, err))
			rc = -2;
	}
	goto out;
fail:
	px_store_rollback(st);
	rc = -2;
	if (!err->code)
		err->code = PX_ESTORE;
out:
	if (t)
		answers_free(t, a);
	free(neg);
	px_rec_free(escalated);
	tpl_free(t);
	return rc;
}

int px_survey_respond_end(const struct px_survey_io *io, struct px_err *err)
{
	if (!io->pending || !*io->pending)
		return 0;
	int64_t id = *io->pending;
	*io->pending = 0;
	return complete_if_done(io, id, err);
}

int px_survey_respond(const struct px_survey_io *io, struct px_rec *r, struct px_err *err)
{
	const char *type = px_rec_type(r);
	if (type && strcmp(type, "survey.answer"))
		return 1;
	struct inst in;
	if (inst_find(io->st, r, &in, err))
		return err->code == PX_EREJECT ? -1 : -2;
	/* answers to one survey come together: it is completed when the
	 * next survey's answers start, or at the end */
	if (io->pending && *io->pending && *io->pending != in.id) {
		if (px_survey_respond_end(io, err))
			return -2;
		if (inst_find(io->st, r, &in, err))
			return -2;
	}
	int rc = answer_apply(io, &in, px_rec_get(r, "question"), px_rec_get(r, "value"), err);
	if (rc == 0 && io->pending)
		*io->pending = in.id;
	else if (rc == 0 && complete_if_done(io, in.id, err))
		return -2;
	return rc;
}

/* ---------- SMS replies ---------- */

enum px_sms_kind px_survey_sms_parse(const char *text, long *number)
{
	static struct px_regex *stop, *num, *yes, *no;
	if (!stop) {
		stop = px_regex_compile("^\\s*(stop|stop\\s*all|unsubscribe|opt\\s*out|\\x{0625}\\x{064A}\\x{0642}\\x{0627}\\x{0641}"
			      "|\\x{0627}\\x{064A}\\x{0642}\\x{0627}\\x{0641}|\\x{062A}\\x{0648}\\x{0642}\\x{0641}"
			      "|\\x{0625}\\x{0644}\\x{063A}\\x{0627}\\x{0621}|\\x{0627}\\x{0644}\\x{063A}\\x{0627}\\x{0621})"
			      "\\s*[.!]*\\s*$", PX_REGEX_CASELESS);
		num = px_regex_compile("^\\s*[0-9\\x{0660}-\\x{0669}\\x{06F0}-\\x{06F9}]{1,2}\\s*[.!]*\\s*$", PX_REGEX_CASELESS);
		yes = px_regex_compile("^\\s*(yes|y|\\x{0646}\\x{0639}\\x{0645})\\s*[.!]*\\s*$", PX_REGEX_CASELESS);
		no = px_regex_compile("^\\s*(no|n|\\x{0644}\\x{0627})\\s*[.!]*\\s*$", PX_REGEX_CASELESS);
	}
	if (!text)
		return PX_SMS_UNKNOWN;
	if (px_regex_match(stop, text))
		return PX_SMS_STOP;
	if (px_regex_match(yes, text))
		return PX_SMS_YES;
	if (px_regex_match(no, text))
		return PX_SMS_NO;
	if (px_regex_match(num, text)) {
		char d[64];
		ascii_digits(text, d, sizeof d);
		trim(d);
		d[strspn(d, "0123456789")] = '\0';
		long long v;
		if (px_parse_int(d, 0, 99, &v))
			return PX_SMS_UNKNOWN;
		*number = (long)v;
		return PX_SMS_NUMBER;
	}
	return PX_SMS_UNKNOWN;
}

int px_survey_respond_sms(const struct px_survey_io *io, struct px_rec *r, struct px_err *err)
{
	struct px_store *st = io->st;
	const char *type = px_rec_type(r);
	if (type && strcmp(type, "sms.reply"))
		return 1;
	const char *from = px_rec_get(r, "from"), *text = px_rec_get(r, "text");
	const char *channel = px_rec_get(r, "channel");
	if (!from)
		from = px_rec_get(r, "phone");
	if (!text)
		text = px_rec_get(r, "body");
	if (!channel || !*channel)
		channel = "sms";
	if (!from || !*from)
		return px_err_set(err, PX_EREJECT, "reply has no 'from'");
	if (!text)
		return px_err_set(err, PX_EREJECT, "reply has no 'text'");
	int ch = channel_index(channel);
	if (ch < 0 || ch == 2)
		return px_err_set(err, PX_EREJECT, "unknown reply channel '%s'", channel);
	char phone[PX_PHONE_LEN], mask[PX_MASK_LEN];
	if (px_phone_normalise(from, phone, err))
		return -1;
	px_mask(phone, mask);
	long number = 0;
	enum px_sms_kind kind = px_survey_sms_parse(text, &number);
	if (kind == PX_SMS_UNKNOWN)
		return px_err_set(err, PX_EREJECT, "cannot read the reply from '%s' as an answer", mask);
	int64_t now;
	char at[PX_TIME_UTC_LEN];
	if (now_utc(&now, at, err))
		return -2;
	if (kind == PX_SMS_STOP) {
		if (px_store_begin(st, err))
			return -2;
		struct px_stmt *s = px_stmt_prepare(st,
			"SELECT id, public_id, hospital_id, optout_sms, optout_whatsapp FROM patients "
			"WHERE phone = ?1 ORDER BY id", err);
		if (!s)
			goto fail;
		px_stmt_text(s, 1, phone);
		int64_t ids[64], hosp[64];
		char pids[64][PX_ID_LEN];
		int opted[64], rc;
		size_t n = 0;
		while ((rc = px_stmt_step(s, err)) == 1 && n < 64) {
			ids[n] = px_stmt_col_int(s, 0);
			px_strlcpy(pids[n], px_stmt_col_text(s, 1), PX_ID_LEN);
			hosp[n] = px_stmt_col_int(s, 2);
			opted[n] = (int)px_stmt_col_int(s, ch == 0 ? 3 : 4);
			n++;
		}
		px_stmt_reset(s);
		if (rc < 0)
			goto fail;
		if (!n) {
			px_store_rollback(st);
			return px_err_set(err, PX_EREJECT, "no patient with phone '%s'", mask);
		}
		for (size_t i = 0; i < n; i++) {
			if (require_in(io, PX_ROLE_STAFF, hosp[i], "record opt-outs of patients", err))
				goto fail;
			if (opted[i])
				continue;
			s = px_stmt_prepare(st, ch == 0
				? "UPDATE patients SET optout_sms = 1, updated_at = ?2 WHERE id = ?1"
				: "UPDATE patients SET optout_whatsapp = 1, updated_at = ?2 WHERE id = ?1", err);
			if (!s)
				goto fail;
			px_stmt_int(s, 1, ids[i]);
			px_stmt_text(s, 2, at);
			if (px_stmt_run(s, err))
				goto fail;
			struct px_rec *d = px_rec_new(NULL);
			px_rec_set_str(d, "channel", channel);
			px_rec_set_str(d, "via", "reply");
			int k = px_audit_record(st, io->actor->name, "patient_opted_out", "patient", pids[i], d, err);
			px_rec_free(d);
			if (k)
				goto fail;
		}
		return px_store_commit(st, err) ? -2 : 0;
fail:
		px_store_rollback(st);
		return err->code == PX_EPERM || err->code == PX_EREJECT ? -1 : -2;
	}
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT " INST_COLS ", (SELECT code FROM survey_questions WHERE template_id = s.template_id) "
		"FROM surveys s JOIN patients p ON p.id = s.patient_id "
		"WHERE p.phone = ?1 AND s.channel = ?2 AND s.expires_at > ?3 "
		"AND s.status IN ('sent', 'viewed', 'in_progress', 'abandoned') "
		"AND (SELECT COUNT(*) FROM survey_questions WHERE template_id = s.template_id) = 1 "
		"ORDER BY s.sent_at DESC, s.id DESC LIMIT 1", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, phone);
	px_stmt_text(s, 2, channel);
	px_stmt_text(s, 3, at);
	struct inst in;
	char code[64] = "";
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		inst_fill(s, &in);
		px_strlcpy(code, px_stmt_col_text(s, 11), sizeof code);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return -2;
	if (rc == 0)
		return px_err_set(err, PX_EREJECT, "no open one-question survey for '%s'", mask);
	char val[16];
	if (kind == PX_SMS_NUMBER)
		snprintf(val, sizeof val, "%ld", number);
	else
		snprintf(val, sizeof val, "%s", kind == PX_SMS_YES ? "yes" : "no");
	rc = answer_apply(io, &in, code, val, err);
	if (rc == 0 && complete_if_done(io, in.id, err))
		return -2;
	return rc;
}

/* ---------- tracking ---------- */

int px_survey_track(const struct px_survey_io *io, struct px_rec *r, struct px_err *err)
{
	struct px_store *st = io->st;
	const char *type = px_rec_type(r);
	if (type && strcmp(type, "survey.event"))
		return 1;
	static const char *const events[] = { "page_view", "survey_started", "question_answered",
					      "survey_abandoned", "survey_completed", "reminder_sent", NULL };
	const char *ev = px_rec_get(r, "event"), *when = px_rec_get(r, "at");
	int known = 0;
	for (const char *const *e = events; ev && *e; e++)
		known |= !strcmp(*e, ev);
	if (!ev || !*ev)
		return px_err_set(err, PX_EREJECT, "event has no 'event'");
	if (!known)
		return px_err_set(err, PX_EREJECT, "unknown event '%s'", ev);
	int64_t t, now;
	char at[PX_TIME_UTC_LEN], nowtxt[PX_TIME_UTC_LEN];
	if (now_utc(&now, nowtxt, err))
		return -2;
	if (when && *when) {
		if (px_time_parse(when, &t))
			return px_err_set(err, PX_EREJECT, "bad time '%s'", when);
	} else {
		t = now;
	}
	px_time_format_utc(t, at);
	long long secs = 0;
	int k = px_rec_get_int(r, "time_on_page", &secs);
	if (k == -2 || secs < 0 || secs > 86400)
		return px_err_set(err, PX_EREJECT, "'time_on_page' must be 0 to 86400 seconds");
	struct inst in;
	if (inst_find(st, r, &in, err))
		return err->code == PX_EREJECT ? -1 : -2;
	if (require_in(io, PX_ROLE_STAFF, in.hospital_id, "track surveys", err))
		return -1;
	if (px_store_begin(st, err))
		return -2;
	const char *question = px_rec_get(r, "question");
	struct px_stmt *s = px_stmt_prepare(st,
		"INSERT INTO survey_events (survey_id, event, at, question, time_on_page, device, "
		"user_agent, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
		"ON CONFLICT (survey_id, event, at, question) DO NOTHING", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, in.id);
	px_stmt_text(s, 2, ev);
	px_stmt_text(s, 3, at);
	px_stmt_text(s, 4, question ? question : "");
	if (k == 0)
		px_stmt_int(s, 5, secs);
	px_stmt_text(s, 6, px_rec_get(r, "device"));
	px_stmt_text(s, 7, px_rec_get(r, "user_agent"));
	px_stmt_text(s, 8, nowtxt);
	if (px_stmt_run(s, err))
		goto fail;
	if (!px_store_changes(st)) {
		/* seen before: nothing changes */
		px_store_rollback(st);
		return 0;
	}
	const char *from = in.status, *to = from;
	int open = !strcmp(from, "sent") || !strcmp(from, "viewed") || !strcmp(from, "in_progress") ||
		   !strcmp(from, "abandoned");
	if (open) {
		if (!strcmp(ev, "page_view") && !strcmp(from, "sent"))
			to = "viewed";
		else if (!strcmp(ev, "survey_started") || !strcmp(ev, "question_answered"))
			to = "in_progress";
		else if (!strcmp(ev, "survey_abandoned") && strcmp(from, "sent"))
			to = "abandoned";
	}
	int pv = !strcmp(ev, "page_view");
	int active = strcmp(ev, "reminder_sent") != 0;
	s = px_stmt_prepare(st,
		"UPDATE surveys SET status = ?2, "
		"open_count = open_count + ?3, "
		"opened_at = CASE WHEN ?3 AND (opened_at IS NULL OR opened_at > ?4) THEN ?4 ELSE opened_at END, "
		"last_opened_at = CASE WHEN ?3 AND (last_opened_at IS NULL OR last_opened_at < ?4) "
		"THEN ?4 ELSE last_opened_at END, "
		"started_at = CASE WHEN ?5 = 'in_progress' AND started_at IS NULL THEN ?4 ELSE started_at END, "
		"last_activity_at = CASE WHEN ?7 AND (last_activity_at IS NULL OR last_activity_at < ?4) "
		"THEN ?4 ELSE last_activity_at END, "
		"time_spent = time_spent + ?6, updated_at = ?8 WHERE id = ?1", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, in.id);
	px_stmt_text(s, 2, to);
	px_stmt_int(s, 3, pv);
	px_stmt_text(s, 4, at);
	px_stmt_text(s, 5, to);
	px_stmt_int(s, 6, secs);
	px_stmt_int(s, 7, active);
	px_stmt_text(s, 8, nowtxt);
	if (px_stmt_run(s, err))
		goto fail;
	if (strcmp(from, to) && audit_status(io, &in, "survey_status_changed", from, to, ev, err))
		goto fail;
	return px_store_commit(st, err) ? -2 : 0;
fail:
	px_store_rollback(st);
	return -2;
}

/* ---------- cron: expire and remind ---------- */

int px_survey_expire(const struct px_survey_io *io, long *changed, struct px_err *err)
{
	struct px_store *st = io->st;
	*changed = 0;
	if (px_auth_require(io->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "expire surveys", err))
		return -1;
	int64_t now;
	char at[PX_TIME_UTC_LEN], idle[PX_TIME_UTC_LEN];
	long long hours;
	if (now_utc(&now, at, err) ||
	    px_config_int(io->cfg, "survey.abandon_hours", 24, 1, 87600, &hours, err))
		return -2;
	px_time_format_utc(now - hours * 3600, idle);
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT " INST_COLS ", CASE WHEN s.expires_at <= ?1 THEN 'expired' ELSE 'abandoned' END "
		"FROM surveys s WHERE s.status IN ('sent', 'viewed', 'in_progress', 'abandoned') "
		"AND (s.expires_at <= ?1 OR (s.status = 'in_progress' "
		"AND COALESCE(s.last_activity_at, s.sent_at) <= ?2)) ORDER BY s.id", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, at);
	px_stmt_text(s, 2, idle);
	struct inst *list = NULL;
	char (*to)[16] = NULL;
	size_t n = 0;
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		list = px_xrealloc(list, (n + 1) * sizeof *list);
		to = px_xrealloc(to, (n + 1) * sizeof *to);
		inst_fill(s, &list[n]);
		px_strlcpy(to[n], px_stmt_col_text(s, 11), sizeof to[n]);
		n++;
	}
	px_stmt_reset(s);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!px_auth_in_scope(io->actor, list[i].hospital_id))
			continue;
		if (px_store_begin(st, err) || set_status(st, &list[i], to[i], at, err) ||
		    audit_status(io, &list[i], !strcmp(to[i], "expired") ? "survey_expired" : "survey_abandoned",
				 list[i].status, to[i], NULL, err) ||
		    px_store_commit(st, err)) {
			px_store_rollback(st);
			rc = -1;
			break;
		}
		(*changed)++;
	}
	free(list);
	free(to);
	return rc < 0 ? -2 : 0;
}

/* Whether the local time of now falls in quiet hours "HH:MM-HH:MM". */
int px_survey_remind(const struct px_survey_io *io, long *sent, struct px_err *err)
{
	struct px_store *st = io->st;
	*sent = 0;
	if (px_auth_require(io->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "send survey reminders", err))
		return -1;
	int64_t now;
	char at[PX_TIME_UTC_LEN], before[PX_TIME_UTC_LEN];
	long long days, max;
	if (now_utc(&now, at, err) ||
	    px_config_int(io->cfg, "survey.reminder_days", 3, 1, 365, &days, err) ||
	    px_config_int(io->cfg, "survey.reminder_max", 2, 0, 10, &max, err))
		return -2;
	int qfrom, qto;
	int64_t qend;
	if (px_notify_quiet_config(io->cfg, &qfrom, &qto, err))
		return -2;
	if (px_notify_quiet(qfrom, qto, now, &qend)) {
		if (io->skip)
			io->skip("remind", "quiet hours", io->ctx);
		return 0;
	}
	px_time_format_utc(now - days * 86400, before);
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT " INST_COLS " FROM surveys s "
		"WHERE s.status IN ('sent', 'viewed', 'in_progress', 'abandoned') AND s.expires_at > ?1 "
		"AND s.reminders < ?2 AND COALESCE(s.last_reminder_at, s.sent_at) <= ?3 ORDER BY s.id", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, at);
	px_stmt_int(s, 2, max);
	px_stmt_text(s, 3, before);
	struct inst *list = NULL;
	size_t n = 0;
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		list = px_xrealloc(list, (n + 1) * sizeof *list);
		inst_fill(s, &list[n++]);
	}
	px_stmt_reset(s);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct inst *in = &list[i];
		if (!px_auth_in_scope(io->actor, in->hospital_id))
			continue;
		struct patient p = { 0 };
		struct hospital_info h = { 0 };
		char *url = NULL;
		if (patient_load(st, in->patient_id, &p, err) || hospital_load(st, in->hospital_id, &h, err)) {
			rc = -1;
		} else if (p.optout[channel_index(in->channel)] || !has_contact(&p, channel_index(in->channel))) {
			if (io->skip) {
				char why[64];
				snprintf(why, sizeof why, p.optout[channel_index(in->channel)]
					 ? "opted out of %s" : "no contact for %s", in->channel);
				io->skip(in->pid, why, io->ctx);
			}
		} else if (px_store_begin(st, err)) {
			rc = -1;
		} else {
			long nth = in->reminders + 1;
			url = new_link(io, in->id, at, err);
			s = url ? px_stmt_prepare(st, "UPDATE surveys SET reminders = ?2, last_reminder_at = ?3, "
						  "updated_at = ?3 WHERE id = ?1", err) : NULL;
			if (s) {
				px_stmt_int(s, 1, in->id);
				px_stmt_int(s, 2, nth);
				px_stmt_text(s, 3, at);
			}
			struct px_stmt *e = s && !px_stmt_run(s, err) ? px_stmt_prepare(st,
				"INSERT INTO survey_events (survey_id, event, at, created_at) "
				"VALUES (?1, 'reminder_sent', ?2, ?2)", err) : NULL;
			if (e) {
				px_stmt_int(e, 1, in->id);
				px_stmt_text(e, 2, at);
			}
			struct px_rec *d = px_rec_new(NULL);
			px_rec_set_int(d, "reminder", nth);
			px_rec_set_str(d, "channel", in->channel);
			if (!e || px_stmt_run(e, err) ||
			    px_audit_record(st, io->actor->name, "survey_reminded", "survey", in->pid, d, err) ||
			    px_store_commit(st, err)) {
				px_store_rollback(st);
				rc = -1;
			} else {
				char key[80];
				snprintf(key, sizeof key, "survey_reminder:%s:%ld", in->pid, nth);
				struct px_rec *nr = patient_notification(key, "survey_reminder", in, &p, &h, url);
				io->emit(nr, io->ctx);
				px_rec_free(nr);
				(*sent)++;
			}
			px_rec_free(d);
		}
		free(url);
		patient_free(&p);
		hospital_free(&h);
	}
	free(list);
	return rc < 0 ? -2 : 0;
}

/* ---------- reading ---------- */

#define LIST_SQL \
	"SELECT s.id, s.public_id, t.name, t.version, p.public_id, h.code, d.code, s.channel, " \
	"s.language, s.status, s.sent_at, s.expires_at, s.open_count, s.last_opened_at, s.time_spent, " \
	"s.reminders, s.completed_at, s.score, s.nps_class, s.negative, s.hospital_id, t.scoring " \
	"FROM surveys s JOIN survey_templates t ON t.id = s.template_id " \
	"JOIN patients p ON p.id = s.patient_id JOIN hospitals h ON h.id = s.hospital_id " \
	"LEFT JOIN departments d ON d.id = s.department_id "

static struct px_rec *survey_record(struct px_stmt *s)
{
	struct px_rec *r = px_rec_new("survey");
	px_rec_set_str(r, "id", px_stmt_col_text(s, 1));
	px_rec_set_str(r, "template", px_stmt_col_text(s, 2));
	px_rec_set_int(r, "version", px_stmt_col_int(s, 3));
	px_rec_set_str(r, "patient", px_stmt_col_text(s, 4));
	px_rec_set_str(r, "hospital", px_stmt_col_text(s, 5));
	px_rec_set_str(r, "department", col_or_null(s, 6));
	px_rec_set_str(r, "channel", px_stmt_col_text(s, 7));
	px_rec_set_str(r, "language", px_stmt_col_text(s, 8));
	px_rec_set_str(r, "status", px_stmt_col_text(s, 9));
	px_rec_set_str(r, "sent_at", px_stmt_col_text(s, 10));
	px_rec_set_str(r, "expires_at", px_stmt_col_text(s, 11));
	px_rec_set_int(r, "open_count", px_stmt_col_int(s, 12));
	px_rec_set_str(r, "last_opened_at", col_or_null(s, 13));
	px_rec_set_int(r, "time_spent", px_stmt_col_int(s, 14));
	px_rec_set_int(r, "reminders", px_stmt_col_int(s, 15));
	px_rec_set_str(r, "completed_at", col_or_null(s, 16));
	if (px_stmt_col_isnull(s, 17)) {
		px_rec_set_null(r, "score");
	} else {
		char sc[32];
		fmt_score(px_stmt_col_double(s, 17), sc, sizeof sc);
		px_rec_set_json(r, "score", sc);
	}
	px_rec_set_str(r, "method", px_stmt_col_text(s, 21));
	px_rec_set_str(r, "nps_class", col_or_null(s, 18));
	px_rec_set_bool(r, "negative", (int)px_stmt_col_int(s, 19));
	return r;
}

static struct px_stmt *list_query(const struct px_survey_io *io, const struct px_survey_filter *f,
				  const char *extra, struct px_err *err)
{
	char since[PX_TIME_UTC_LEN] = "", until[PX_TIME_UTC_LEN] = "";
	if (f->since)
		px_time_format_utc(f->since, since);
	if (f->until)
		px_time_format_utc(f->until, until);
	char *sql = px_xasprintf(LIST_SQL
		"WHERE (?1 IS NULL OR h.code = ?1) AND (?2 IS NULL OR d.code = ?2) "
		"AND (?3 IS NULL OR t.name = ?3) AND (?4 IS NULL OR s.status = ?4) "
		"AND (?5 = 0 OR s.negative = 1) AND (?6 = '' OR s.sent_at >= ?6) "
		"AND (?7 = '' OR s.sent_at < ?7) %s ORDER BY s.sent_at, s.id", extra);
	struct px_stmt *s = px_stmt_prepare(io->st, sql, err);
	free(sql);
	if (!s)
		return NULL;
	px_stmt_text(s, 1, f->hospital);
	px_stmt_text(s, 2, f->department);
	px_stmt_text(s, 3, f->tpl);
	px_stmt_text(s, 4, f->status);
	px_stmt_int(s, 5, f->negative);
	px_stmt_text(s, 6, since);
	px_stmt_text(s, 7, until);
	return s;
}

int px_survey_list(const struct px_survey_io *io, const struct px_survey_filter *f,
		   struct px_err *err)
{
	if (px_auth_require(io->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "list surveys", err))
		return -1;
	struct px_stmt *s = list_query(io, f, "", err);
	if (!s)
		return -2;
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		if (!px_auth_in_scope(io->actor, px_stmt_col_int(s, 20)))
			continue;
		struct px_rec *r = survey_record(s);
		io->emit(r, io->ctx);
		px_rec_free(r);
	}
	px_stmt_reset(s);
	return rc < 0 ? -2 : 0;
}

int px_survey_show(const struct px_survey_io *io, const char *id, struct px_err *err)
{
	if (px_auth_require(io->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "read surveys", err))
		return -1;
	struct px_stmt *s = px_stmt_prepare(io->st, LIST_SQL "WHERE s.public_id = ?1", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc <= 0) {
		px_stmt_reset(s);
		return rc < 0 ? -2 : px_err_set(err, PX_EREJECT, "unknown survey '%s'", id);
	}
	int64_t sid = px_stmt_col_int(s, 0), hid = px_stmt_col_int(s, 20);
	if (require_in(io, PX_ROLE_VIEWER, hid, "read surveys", err)) {
		px_stmt_reset(s);
		return -1;
	}
	struct px_rec *r = survey_record(s);
	px_stmt_reset(s);
	io->emit(r, io->ctx);
	px_rec_free(r);
	s = px_stmt_prepare(io->st,
		"SELECT q.code, q.type, a.value, a.answered_at FROM survey_answers a "
		"JOIN survey_questions q ON q.id = a.question_id WHERE a.survey_id = ?1 ORDER BY q.position", err);
	if (!s)
		return -2;
	px_stmt_int(s, 1, sid);
	while ((rc = px_stmt_step(s, err)) == 1) {
		r = px_rec_new("survey.answer");
		px_rec_set_str(r, "survey", id);
		px_rec_set_str(r, "question", px_stmt_col_text(s, 0));
		px_rec_set_str(r, "question_type", px_stmt_col_text(s, 1));
		px_rec_set_str(r, "value", px_stmt_col_text(s, 2));
		px_rec_set_str(r, "answered_at", px_stmt_col_text(s, 3));
		io->emit(r, io->ctx);
		px_rec_free(r);
	}
	px_stmt_reset(s);
	return rc < 0 ? -2 : 0;
}

int px_survey_export(const struct px_survey_io *io, const struct px_survey_filter *f,
		     struct px_err *err)
{
	if (px_auth_require(io->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "export surveys", err))
		return -1;
	if (!f->tpl)
		return px_err_set(err, PX_EUSAGE, "export needs a template");
	/* the columns: every question of every version, newest first */
	char **cols = NULL;
	size_t nc = 0;
	struct px_stmt *s = px_stmt_prepare(io->st,
		"SELECT q.code FROM survey_questions q JOIN survey_templates t ON t.id = q.template_id "
		"WHERE t.name = ?1 ORDER BY t.version DESC, q.position", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, f->tpl);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		const char *c = px_stmt_col_text(s, 0);
		size_t i;
		for (i = 0; i < nc && strcmp(cols[i], c); i++)
			;
		if (i == nc) {
			cols = px_xrealloc(cols, (nc + 1) * sizeof *cols);
			cols[nc++] = px_xstrdup(c);
		}
	}
	px_stmt_reset(s);
	if (rc == 0 && !nc)
		rc = px_err_set(err, PX_EREJECT, "unknown template '%s'", f->tpl);
	int64_t *ids = NULL, *hids = NULL;
	struct px_rec **rows = NULL;
	size_t n = 0;
	if (rc == 0) {
		s = list_query(io, f, "", err);
		if (!s)
			rc = -2;
	}
	while (rc == 0 && px_stmt_step(s, err) == 1) {
		if (!px_auth_in_scope(io->actor, px_stmt_col_int(s, 20)))
			continue;
		rows = px_xrealloc(rows, (n + 1) * sizeof *rows);
		ids = px_xrealloc(ids, (n + 1) * sizeof *ids);
		hids = px_xrealloc(hids, (n + 1) * sizeof *hids);
		ids[n] = px_stmt_col_int(s, 0);
		struct px_rec *full = survey_record(s), *r = px_rec_new("survey.export");
		static const char *const keep[] = { "id", "template", "version", "hospital", "department",
						    "channel", "language", "status", "sent_at", "completed_at",
						    "score", "negative", NULL };
		for (const char *const *k = keep; *k; k++) {
			char *j = px_rec_get_json(full, *k);
			px_rec_set_json(r, !strcmp(*k, "id") ? "survey" : *k, j);
			free(j);
		}
		px_rec_free(full);
		for (size_t i = 0; i < nc; i++)
			px_rec_set_str(r, cols[i], "");
		rows[n++] = r;
	}
	if (s) {
		if (rc == 0 && err->code)
			rc = -2;
		px_stmt_reset(s);
	}
	for (size_t i = 0; rc == 0 && i < n; i++) {
		s = px_stmt_prepare(io->st, "SELECT q.code, a.value FROM survey_answers a "
				    "JOIN survey_questions q ON q.id = a.question_id WHERE a.survey_id = ?1", err);
		if (!s) {
			rc = -2;
			break;
		}
		px_stmt_int(s, 1, ids[i]);
		while ((rc = px_stmt_step(s, err)) == 1)
			px_rec_set_str(rows[i], px_stmt_col_text(s, 0), px_stmt_col_text(s, 1));
		px_stmt_reset(s);
	}
	for (size_t i = 0; i < n; i++) {
		if (rc == 0)
			io->emit(rows[i], io->ctx);
		px_rec_free(rows[i]);
	}
	for (size_t i = 0; i < nc; i++)
		free(cols[i]);
	free(cols);
	free(rows);
	free(ids);
	free(hids);
	if (rc == -1 && err->code == PX_EREJECT)
		return -1;
	return rc < 0 ? -2 : 0;
}

int px_survey_negatives(const struct px_survey_io *io, const struct px_survey_filter *f,
			struct px_err *err)
{
	if (px_auth_require(io->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "read negative surveys", err))
		return -1;
	char since[PX_TIME_UTC_LEN] = "", until[PX_TIME_UTC_LEN] = "";
	if (f->since)
		px_time_format_utc(f->since, since);
	if (f->until)
		px_time_format_utc(f->until, until);
	struct px_stmt *s = px_stmt_prepare(io->st,
		"SELECT n.record, s.hospital_id FROM survey_negatives n JOIN surveys s ON s.id = n.survey_id "
		"JOIN hospitals h ON h.id = s.hospital_id WHERE (?1 IS NULL OR h.code = ?1) "
		"AND (?2 = '' OR s.completed_at >= ?2) AND (?3 = '' OR s.completed_at < ?3) "
		"ORDER BY s.completed_at, s.id", err);
	if (!s)
		return -2;
	px_stmt_text(s, 1, f->hospital);
	px_stmt_text(s, 2, since);
	px_stmt_text(s, 3, until);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		if (!px_auth_in_scope(io->actor, px_stmt_col_int(s, 1)))
			continue;
		const char *txt = px_stmt_col_text(s, 0);
		struct px_err e2;
		struct px_rec *r = px_rec_parse(txt, strlen(txt), &e2);
		if (r) {
			io->emit(r, io->ctx);
			px_rec_free(r);
		}
	}
	px_stmt_reset(s);
	return rc < 0 ? -2 : 0;
}
