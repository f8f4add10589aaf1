/* journey.c - journey definitions; see journey.h. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "intake/due.h"
#include "intake/encounter.h"
#include "intake/import.h"
#include "intake/journey.h"
#include "records/record.h"
#include "base/banned.h"


const char *px_journeys_dir(const struct px_config *cfg, char *buf, size_t size)
{
	const char *d = px_config_get(cfg, "import.journeys", NULL);
	if (d && *d)
		return d;
	return px_config_datadir("journeys", buf, size);
}

char **px_journey_words(const char *s)
{
	size_t n = 0, cap = 4;
	char **v = px_xcalloc(cap, sizeof *v);
	char *copy = px_xstrdup(s), *save = NULL;
	for (char *w = strtok_r(copy, " \t,", &save); w; w = strtok_r(NULL, " \t,", &save)) {
		if (n + 1 >= cap)
			v = px_xrealloc(v, (cap *= 2) * sizeof *v);
		v[n++] = px_xstrdup(w);
	}
	v[n] = NULL;
	free(copy);
	return v;
}

void px_journey_words_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static void journey_free(struct px_journey *j)
{
	free(j->name);
	free(j->title);
	px_journey_words_free(j->types);
	for (size_t i = 0; i < j->nstages; i++) {
		free(j->stages[i].name);
		px_journey_words_free(j->stages[i].events);
		free(j->stages[i].survey);
	}
	memset(j, 0, sizeof *j);
}

void px_journeys_free(struct px_journeys *js)
{
	for (size_t i = 0; i < js->n; i++)
		journey_free(&js->v[i]);
	free(js->v);
	free(js->dir);
	memset(js, 0, sizeof *js);
}

static int parse_delay(const char *s, long *out)
{
	long long n;
	size_t len = strlen(s);
	if (!len)
		return -1;
	long mult = 1;
	char unit = s[len - 1];
	char num[32];
	if (unit == 's' || unit == 'm' || unit == 'h' || unit == 'd') {
		mult = unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 1;
		len--;
	}
	if (len >= sizeof num)
		return -1;
	memcpy(num, s, len);
	num[len] = '\0';
	if (px_parse_int(num, 0, 365L * 86400, &n))
		return -1;
	*out = (long)n * mult;
	return 0;
}

static int parse_bool(const char *s, int *out)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") || !strcmp(s, "1"))
		*out = 1;
	else if (!strcasecmp(s, "no") || !strcasecmp(s, "false") || !strcmp(s, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

static int parse_stage(struct px_journey *j, const char *val, const char *path, long line,
		       struct px_err *err)
{
	if (j->nstages >= PX_JOURNEY_MAX_STAGES)
		return px_fail_at(err, PX_EINPUT, path, line, "more than %d stages", PX_JOURNEY_MAX_STAGES);
	char **w = px_journey_words(val);
	if (!w[0]) {
		px_journey_words_free(w);
		return px_fail_at(err, PX_EINPUT, path, line, "stage needs a name");
	}
	struct px_journey_stage *s = &j->stages[j->nstages++];
	s->name = px_xstrdup(w[0]);
	size_t ne = 0;
	for (size_t i = 0; w[i]; i++)
		ne++;
	s->events = px_xcalloc(ne + 1, sizeof *s->events);
	size_t k = 0;
	int rc = 0;
	for (size_t i = 1; w[i]; i++) {
		if (!strncmp(w[i], "survey=", 7) && w[i][7]) {
			free(s->survey);
			s->survey = px_xstrdup(w[i] + 7);
		} else if (!strncmp(w[i], "delay=", 6)) {
			if (parse_delay(w[i] + 6, &s->delay)) {
				rc = px_fail_at(err, PX_EINPUT, path, line, "bad delay '%s'", w[i] + 6);
				break;
			}
		} else if (!strncmp(w[i], "fatigue=", 8)) {
			if (parse_bool(w[i] + 8, &s->fatigue)) {
				rc = px_fail_at(err, PX_EINPUT, path, line, "bad fatigue '%s'", w[i] + 8);
				break;
			}
		} else if (strchr(w[i], '=')) {
			rc = px_fail_at(err, PX_EINPUT, path, line, "unknown stage option '%s'", w[i]);
			break;
		} else {
			s->events[k++] = px_xstrdup(w[i]);
		}
	}
	px_journey_words_free(w);
	if (!rc && !k)
		rc = px_fail_at(err, PX_EINPUT, path, line, "stage '%s' names no event", s->name);
	/* an encounter has one survey per template, so two stages cannot share one */
	for (size_t i = 0; !rc && s->survey && i + 1 < j->nstages; i++)
		if (j->stages[i].survey && !strcmp(j->stages[i].survey, s->survey))
			rc = px_fail_at(err, PX_EINPUT, path, line, "survey '%s' is already that of stage '%s'",
				       s->survey, j->stages[i].name);
	return rc;
}

static int load_file(const char *path, struct px_journey *j, struct px_err *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return px_fail_at(err, PX_EINPUT, path, 0, "cannot open: %s", strerror(errno));
	struct px_buf line = PX_BUF_INIT;
	long no = 0;
	int rc = 0, r;
	while (!rc && (r = px_read_line(f, &line)) != 0) {
		no++;
		if (r < 0) {
			rc = px_fail_at(err, PX_EINPUT, path, no, "line too long or unreadable");
			break;
		}
		char *s = line.s;
		s[strcspn(s, "\r")] = '\0';
		s += strspn(s, " \t");
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			rc = px_fail_at(err, PX_EINPUT, path, no, "expected 'key = value'");
			break;
		}
		char *k = s, *v = eq + 1, *e = eq;
		while (e > k && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		*e = '\0';
		v += strspn(v, " \t");
		size_t vl = strlen(v);
		while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
			v[--vl] = '\0';
		if (!strcmp(k, "name")) {
			free(j->name);
			j->name = px_xstrdup(v);
		} else if (!strcmp(k, "title")) {
			free(j->title);
			j->title = px_xstrdup(v);
		} else if (!strcmp(k, "types")) {
			px_journey_words_free(j->types);
			j->types = px_journey_words(v);
		} else if (!strcmp(k, "stage")) {
			rc = parse_stage(j, v, path, no, err);
		} else {
			rc = px_fail_at(err, PX_EINPUT, path, no, "unknown key '%s'", k);
		}
	}
	px_buf_free(&line);
	fclose(f);
	if (!rc && (!j->name || !j->nstages))
		rc = px_fail_at(err, PX_EINPUT, path, 0, "a journey needs a name and a stage");
	if (!rc && !j->types)
		j->types = px_journey_words(j->name);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct px_journey *)a)->name, ((const struct px_journey *)b)->name);
}

int px_journeys_load(const char *dir, struct px_journeys *js, struct px_err *err)
{
	memset(js, 0, sizeof *js);
	js->dir = px_xstrdup(dir);
	DIR *d = opendir(dir);
	if (!d)
		return px_fail_at(err, PX_EINPUT, dir, 0, "cannot read journeys: %s", strerror(errno));
	struct dirent *e;
	int rc = 0;
	size_t cap = 0;
	while (!rc && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n <= 8 || strcmp(e->d_name + n - 8, ".journey") || e->d_name[0] == '.')
			continue;
		if (js->n == cap)
			js->v = px_xrealloc(js->v, (cap = cap ? cap * 2 : 8) * sizeof *js->v);
		struct px_journey *j = &js->v[js->n++];
		memset(j, 0, sizeof *j);
		char *path = px_xasprintf("%s/%s", dir, e->d_name);
		rc = load_file(path, j, err);
		free(path);
	}
	closedir(d);
	if (rc) {
		px_journeys_free(js);
		return rc;
	}
	qsort(js->v, js->n, sizeof *js->v, by_name);
	return PX_OK;
}

const struct px_journey *px_journeys_for_type(const struct px_journeys *js, const char *type)
{
	if (!type || !*type)
		return NULL;
	for (size_t i = 0; i < js->n; i++)
		for (char **t = js->v[i].types; t && *t; t++)
			if (!strcasecmp(*t, type))
				return &js->v[i];
	return NULL;
}

const struct px_journey *px_journeys_find(const struct px_journeys *js, const char *name)
{
	for (size_t i = 0; i < js->n; i++)
		if (!strcmp(js->v[i].name, name))
			return &js->v[i];
	return NULL;
}

int px_journey_stage_has(const struct px_journey_stage *s, const char *event)
{
	for (char **e = s->events; e && *e; e++)
		if (!strcmp(*e, event))
			return 1;
	return 0;
}

/* ---------- an encounter's journey ---------- */

/* The stored state of a journey stage, so that only changes are written. */
struct stage_row {
	int known; /* read, in a state written here */
	int completed;
	char at[PX_TIME_UTC_LEN];
	int has_at;
	int64_t event; /* 0 when NULL */
};

/* An encounter's journey as its events leave it, and its stages as
 * stored. */
struct jstate {
	const struct px_journey *j;
	int stored;   /* the encounter has its journey and stages stored */
	int inserted; /* its stages written by this record */
	int cancelled;
	/* each stage: the first event that completes it, and the last undone one */
	const struct px_enc_event *trig[PX_JOURNEY_MAX_STAGES], *undone[PX_JOURNEY_MAX_STAGES];
	struct stage_row rows[PX_JOURNEY_MAX_STAGES];
	const char *new_status, *last_done;
};

/* The journey of an encounter whose patient type no journey lists:
 * import.default_journey, or NULL after a warning with the record's
 * file:line (PX_EREJECT with --strict). */
static int no_journey(struct px_import *im, const char *type, const struct px_journey **j,
		      struct px_err *err)
{
	*j = im->fallback;
	if (*j || !im->strict)
		im->stats.unknown_type++; /* with --strict, a reject */
	if (*j)
		return PX_OK;
	char what[160];
	if (type && *type)
		snprintf(what, sizeof what, "unknown patient type '%s': no survey", type);
	else
		snprintf(what, sizeof what, "no patient type: no survey");
	if (im->strict)
		return px_fail(err, PX_EREJECT, "%s", what);
	struct px_err w;
	px_err_clear(&w);
	px_err_at(&w, PX_OK, im->rec ? px_rec_source(im->rec) : NULL,
		  im->rec ? px_rec_line(im->rec) : 0, "%s", what);
	px_warn(im->cx, &w);
	return PX_OK;
}

/* The journey the encounter follows: a fresh one's as planned, a stored
 * one's as its columns name it, else its patient type's; js->j NULL when
 * it follows none. */
static int journey_find(struct px_import *im, struct px_enc *e, struct jstate *js,
			struct px_err *err)
{
	if (e->fresh) {
		js->j = e->jdef;
		return PX_OK;
	}
	if (e->row.journey.has_name) {
		js->j = px_journeys_find(&im->js, e->row.journey.name);
		js->stored = 1;
		return PX_OK;
	}
	js->j = px_journeys_for_type(&im->js, e->type);
	return js->j ? PX_OK : no_journey(im, e->type, &js->j, err);
}

/* Which event completes each stage, and the journey's status. */
static void journey_replay(const struct px_enc *e, struct jstate *js)
{
	const struct px_journey *j = js->j;
	js->cancelled = !strcmp(e->status, "cancelled");
	for (size_t k = 0; k < j->nstages; k++) {
		js->trig[k] = js->undone[k] = NULL;
		for (size_t i = 0; i < e->nev; i++) {
			if (!px_journey_stage_has(&j->stages[k], e->ev[i].event))
				continue;
			if (!e->ev[i].cancelled && !js->trig[k])
				js->trig[k] = &e->ev[i];
			else if (e->ev[i].cancelled)
				js->undone[k] = &e->ev[i];
		}
		if (js->cancelled)
			js->trig[k] = NULL;
	}
	const struct px_enc_event *last = j->nstages ? js->trig[j->nstages - 1] : NULL;
	js->new_status = js->cancelled ? "cancelled" : last ? "completed" : "active";
	js->last_done = last ? last->at : NULL;
}

/* The encounter's journey columns as the replay leaves them; started
 * is kept from when the journey was first stored. */
static void journey_columns(struct px_enc *e, const struct jstate *js)
{
	struct px_enc_journey *c = &e->journey;
	if (!c->has_name) {
		c->has_name = 1;
		px_strlcpy(c->name, js->j->name, sizeof c->name);
		px_strlcpy(c->started, e->ev[0].at, sizeof c->started);
	}
	px_strlcpy(c->status, js->new_status, sizeof c->status);
	c->has_done = js->last_done != NULL;
	px_strlcpy(c->done, js->last_done ? js->last_done : "", sizeof c->done);
}

int px_journey_plan(struct px_import *im, struct px_enc *e, struct px_err *err)
{
	struct jstate js;
	memset(&js, 0, sizeof js);
	js.j = px_journeys_for_type(&im->js, e->type);
	int rc = js.j ? PX_OK : no_journey(im, e->type, &js.j, err);
	e->jdef = js.j;
	if (rc || !js.j || !e->nev)
		return rc;
	journey_replay(e, &js);
	journey_columns(e, &js);
	return PX_OK;
}

static int stage_row(struct px_stmt *s, void *ctx)
{
	struct jstate *js = ctx;
	int64_t pos = px_stmt_col_int(s, 0);
	const char *status = px_stmt_col_text(s, 1);
	if (pos < 1 || pos > (int64_t)js->j->nstages)
		return 0;
	if (strcmp(status, "completed") && strcmp(status, "pending"))
		return 0; /* not a state written here: leave it unknown */
	struct stage_row *w = &js->rows[pos - 1];
	w->known = 1;
	w->completed = !strcmp(status, "completed");
	w->has_at = !px_stmt_col_isnull(s, 2);
	px_strlcpy(w->at, px_stmt_col_text(s, 2), sizeof w->at);
	w->event = px_stmt_col_isnull(s, 3) ? 0 : px_stmt_col_int(s, 3);
	return 0;
}

/* The stages of the last encounters the transaction wrote, by encounter,
 * as stored (px_journey_forget as px_encounter_forget). */
#define STAGE_SLOTS 256

struct stage_slot {
	int64_t encounter; /* 0: none */
	size_t n;
	struct stage_row rows[PX_JOURNEY_MAX_STAGES];
};

struct px_stage_cache {
	struct stage_slot slot[STAGE_SLOTS];
};

/* After the stages were brought in line, every stage is stored as the
 * events say. */
static void stages_keep(struct px_import *im, const struct px_enc *e, const struct jstate *js)
{
	if (!im->stages)
		im->stages = px_xcalloc(1, sizeof *im->stages);
	struct stage_slot *sl = &im->stages->slot[(uint64_t)e->id % STAGE_SLOTS];
	sl->encounter = e->id;
	sl->n = js->j->nstages;
	for (size_t k = 0; k < sl->n; k++) {
		const struct px_enc_event *t = js->trig[k];
		struct stage_row *w = &sl->rows[k];
		memset(w, 0, sizeof *w);
		w->known = 1;
		w->completed = w->has_at = t != NULL;
		px_strlcpy(w->at, t ? t->at : "", sizeof w->at);
		w->event = t ? t->id : 0;
	}
}

void px_journey_forget(struct px_import *im)
{
	for (size_t i = 0; im->stages && i < STAGE_SLOTS; i++)
		im->stages->slot[i].encounter = 0;
}

void px_journey_cache_free(struct px_import *im)
{
	free(im->stages);
	im->stages = NULL;
}

static int stages_load(struct px_import *im, const struct px_enc *e, struct jstate *js,
		       struct px_err *err)
{
	const struct stage_slot *sl = im->stages ? &im->stages->slot[(uint64_t)e->id % STAGE_SLOTS]
						 : NULL;
	if (sl && sl->encounter == e->id && sl->n == js->j->nstages) {
		memcpy(js->rows, sl->rows, sl->n * sizeof *sl->rows);
		return PX_OK;
	}
	struct px_stmt *s = px_stmt_prepare(im->cx->st, "SELECT position, status, completed_at,"
		" event_id FROM encounter_stages WHERE encounter_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, e->id);
	return px_stmt_each(s, stage_row, js, err);
}

/* Binds a stage's position and state from parameter p on: p encounter,
 * p+1 position, p+2 status, p+3 completed_at, p+4 event. */
static void bind_stage(struct px_stmt *s, int p, const struct px_enc *e, const struct jstate *js,
		       size_t k)
{
	const struct px_enc_event *t = js->trig[k];
	px_stmt_int(s, p, e->id);
	px_stmt_int(s, p + 1, (int64_t)k + 1);
	px_stmt_text(s, p + 2, t ? "completed" : "pending");
	px_stmt_text(s, p + 3, t ? t->at : NULL);
	if (t)
		px_stmt_int(s, p + 4, t->id);
}

/* The INSERT of n stages in one statement, made once per import: the
 * store keeps its statements by their text's address. */
static const char *stages_sql(struct px_import *im, size_t n)
{
	char **sql = &im->stages_sql[n - 1];
	if (*sql)
		return *sql;
	struct px_buf b = PX_BUF_INIT;
	px_buf_adds(&b, "INSERT INTO encounter_stages (encounter_id, position, status, completed_at,"
		    " event_id, stage) VALUES ");
	for (size_t k = 0; k < n; k++) {
		int p = (int)k * 6;
		px_buf_addf(&b, "%s(?%d, ?%d, ?%d, ?%d, ?%d, ?%d)", k ? ", " : "", p + 1, p + 2, p + 3,
			    p + 4, p + 5, p + 6);
	}
	return *sql = px_buf_detach(&b);
}

/* The stages of a journey not stored yet, as the events leave them. */
static int stages_insert(struct px_import *im, const struct px_enc *e, struct jstate *js,
			 struct px_err *err)
{
	js->inserted = 1;
	size_t n = js->j->nstages;
	struct px_stmt *s = px_stmt_prepare(im->cx->st, stages_sql(im, n), err);
	if (!s)
		return err->code;
	for (size_t k = 0; k < n; k++) {
		bind_stage(s, (int)k * 6 + 1, e, js, k);
		px_stmt_text(s, (int)k * 6 + 6, js->j->stages[k].name);
	}
	return px_stmt_run(s, err);
}

/* Whether the stage as stored differs from what the events say. */
static int stage_differs(const struct stage_row *w, const struct px_enc_event *t)
{
	if (!w->known)
		return 1;
	if (!t)
		return w->completed || w->has_at || w->event;
	return !w->completed || !w->has_at || strcmp(w->at, t->at) || w->event != t->id;
}

/* One stage brought in line: its row, then its survey. */
static int stage_reconcile(struct px_import *im, const struct px_enc *e, struct jstate *js,
			   size_t k, struct px_err *err)
{
	const struct px_journey_stage *st = &js->j->stages[k];
	int rc;
	if (!js->inserted && stage_differs(&js->rows[k], js->trig[k])) {
		struct px_stmt *s = px_stmt_prepare(im->cx->st, "UPDATE encounter_stages SET"
			" status = ?3, completed_at = ?4, event_id = ?5"
			" WHERE encounter_id = ?1 AND position = ?2", err);
		if (!s)
			return err->code;
		bind_stage(s, 1, e, js, k);
		if ((rc = px_stmt_run(s, err)))
			return rc;
	}
	if (!st->survey)
		return PX_OK;
	if (js->trig[k])
		return px_due_make(im, e, js->j->name, st, js->trig[k], err);
	if (e->fresh) /* a fresh encounter has no survey to withdraw */
		return PX_OK;
	const struct px_enc_event *u = js->undone[k];
	const char *why = js->cancelled ? "cancel_admit" : u && u->cancelled_by ? u->cancelled_by
									: "cancelled";
	return px_due_withdraw(im, e, st->survey, why, err);
}

int px_journey_reconcile(struct px_import *im, struct px_enc *e, struct px_err *err)
{
	struct jstate js;
	memset(&js, 0, sizeof js);
	int rc = journey_find(im, e, &js, err);
	if (rc || !js.j || !e->nev)
		return rc;
	journey_replay(e, &js);
	rc = js.stored ? stages_load(im, e, &js, err) : stages_insert(im, e, &js, err);
	for (size_t k = 0; !rc && k < js.j->nstages; k++)
		rc = stage_reconcile(im, e, &js, k, err);
	if (rc)
		return rc;
	journey_columns(e, &js); /* written with the encounter */
	stages_keep(im, e, &js);
	return PX_OK;
}

/* ---------- the listing ---------- */

/* "a b c" of a NULL-terminated list, into b (reset first). */
static const char *joined(char **v, struct px_buf *b)
{
	px_buf_reset(b);
	for (; v && *v; v++) {
		if (b->len)
			px_buf_addc(b, ' ');
		px_buf_adds(b, *v);
	}
	return px_buf_str(b);
}

static struct px_rec *stage_rec(const struct px_journey *j, size_t k, struct px_buf *b)
{
	const struct px_journey_stage *st = &j->stages[k];
	struct px_rec *r = px_rec_new("journey.stage");
	px_rec_set_str(r, "journey", j->name);
	px_rec_set_str(r, "title", j->title ? j->title : j->name);
	px_rec_set_str(r, "patient_types", joined(j->types, b));
	px_rec_set_int(r, "position", (long long)k + 1);
	px_rec_set_str(r, "stage", st->name);
	px_rec_set_str(r, "events", joined(st->events, b));
	if (st->survey) {
		px_rec_set_str(r, "template", st->survey);
		px_rec_set_int(r, "delay_hours", st->delay / 3600);
	} else {
		px_rec_set_null(r, "template");
		px_rec_set_null(r, "delay_hours");
	}
	px_rec_set_bool(r, "fatigue", st->fatigue);
	return r;
}

int px_journeys_list(struct px_ctx *cx, struct px_err *err)
{
	char dir[4096];
	struct px_journeys js;
	int rc = px_journeys_load(px_journeys_dir(cx->cfg, dir, sizeof dir), &js, err);
	if (rc)
		return rc;
	struct px_buf b = PX_BUF_INIT;
	for (size_t i = 0; !rc && i < js.n; i++)
		for (size_t k = 0; !rc && k < js.v[i].nstages; k++) {
			struct px_rec *r = stage_rec(&js.v[i], k, &b);
			rc = px_emit(cx, r, err);
			px_rec_free(r);
		}
	px_buf_free(&b);
	px_journeys_free(&js);
	return rc;
}
