/*
 * case.c - cases of every kind: opening one, moving it along its
 * workflow, its timeline.
 *
 * Every change to a case is one transaction that writes the case, a
 * timeline entry and an audit row together, and runs the effects of the
 * state it enters; the records it prints wait for the commit
 * (px_emit_after).  The workflow decides what may happen; this file is
 * the only code that changes cases.state.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "cases/attach.h"
#include "cases/case.h"
#include "cases/internal.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/org.h"
#include "store/store.h"
#include "base/banned.h"

/* ---------- tracking codes ---------- */

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The value of a character of a typed code, or -1 (I and L read as 1,
 * O as 0, as Crockford's base32 says). */
static int crockford_value(int c)
{
	c = toupper(c);
	if (c == 'I' || c == 'L')
		c = '1';
	else if (c == 'O')
		c = '0';
	const char *p = c ? strchr(crockford, c) : NULL;
	return p ? (int)(p - crockford) : -1;
}

/* Luhn mod 32 over the values: the check value that makes the sum work. */
static int luhn32(const int *v, int n)
{
	int sum = 0, factor = 2;
	for (int i = n - 1; i >= 0; i--) {
		int add = factor * v[i];
		factor = factor == 2 ? 1 : 2;
		sum += add / 32 + add % 32;
	}
	return (32 - sum % 32) % 32;
}

#define TRACK_RANDOM 10

static void tracking_format(const int *v, char out[PX_CASE_TRACKING_LEN])
{
	int o = 0;
	for (int i = 0; i <= TRACK_RANDOM; i++) {
		if (i == 4 || i == 8)
			out[o++] = '-';
		out[o++] = crockford[v[i]];
	}
	out[o] = '\0';
}

int px_case_tracking_new(char out[PX_CASE_TRACKING_LEN], struct px_err *err)
{
	unsigned char r[TRACK_RANDOM];
	if (px_random(r, sizeof r, err))
		return err && err->code ? err->code : PX_ESTORE;
	int v[TRACK_RANDOM + 1];
	for (int i = 0; i < TRACK_RANDOM; i++)
		v[i] = r[i] & 31; /* 256 is a multiple of 32: no bias */
	v[TRACK_RANDOM] = luhn32(v, TRACK_RANDOM);
	tracking_format(v, out);
	return PX_OK;
}

int px_case_tracking_norm(const char *in, char out[PX_CASE_TRACKING_LEN])
{
	int v[TRACK_RANDOM + 1], n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		int x = crockford_value((unsigned char)*p);
		if (x < 0 || n == TRACK_RANDOM + 1)
			return -1;
		v[n++] = x;
	}
	if (n != TRACK_RANDOM + 1 || luhn32(v, TRACK_RANDOM) != v[TRACK_RANDOM])
		return -1;
	tracking_format(v, out);
	return 0;
}

/* ---------- workflows ---------- */

static const char *workflow_dir(struct px_ctx *cx, char *buf, size_t size)
{
	const char *dir = px_config_get(cx->cfg, "cases.workflows", NULL);
	return dir ? dir : px_config_datadir("workflows", buf, size);
}


int px_case_workflow(struct px_ctx *cx, const char *kind, struct px_workflow **out,
		     struct px_err *err)
{
	*out = NULL;
	const char *c;
	for (c = kind; *c; c++)
		if (!islower((unsigned char)*c) && *c != '_')
			break;
	if (!*kind || *c || strlen(kind) >= PX_WF_NAME)
		return px_fail(err, PX_EINPUT, "unknown kind of case '%s'", kind);
	char dirbuf[512];
	const char *dir = workflow_dir(cx, dirbuf, sizeof dirbuf);
	char *path = px_xasprintf("%s/%s", dir, kind);
	FILE *f = fopen(path, "r");
	if (!f) {
		free(path);
		return px_fail(err, PX_EINPUT, "unknown kind of case '%s' (no workflow in %s)", kind,
			       dir);
	}
	fclose(f);
	int rc = px_workflow_load(path, out, err);
	free(path);
	if (!rc && strcmp((*out)->kind, kind)) {
		rc = px_fail_at(err, PX_EINPUT, (*out)->path, 0, "the file of kind '%s' says 'kind %s'",
				kind, (*out)->kind);
		px_workflow_free(*out);
		*out = NULL;
	}
	return rc;
}

static void states_words(const struct px_workflow *wf, px_wf_states set, struct px_buf *b)
{
	for (int i = 0; i < wf->nstates; i++)
		if ((set >> i) & 1)
			px_buf_addf(b, "%s%s", b->len ? " " : "", wf->states[i]);
}

static int check_one(struct px_ctx *cx, const char *path, struct px_err *err)
{
	struct px_workflow *wf;
	int rc = px_workflow_load(path, &wf, err);
	if (rc)
		return rc;
	struct px_rec *r = px_rec_new("workflow");
	px_rec_set_str(r, "kind", wf->kind);
	px_rec_set_str(r, "file", path);
	struct px_buf b = PX_BUF_INIT;
	px_wf_states all = wf->nstates == PX_WF_STATES ? ~(px_wf_states)0
						       : ((px_wf_states)1 << wf->nstates) - 1;
	states_words(wf, all, &b);
	px_rec_set_str(r, "states", b.s);
	px_rec_set_str(r, "initial", wf->states[wf->initial]);
	b.len = 0;
	states_words(wf, wf->final, &b);
	px_rec_set_str(r, "final", b.s);
	px_rec_set_int(r, "moves", wf->nmoves);
	px_buf_free(&b);
	rc = px_emit(cx, r, err);
	px_rec_free(r);
	px_workflow_free(wf);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int px_case_workflow_check(struct px_ctx *cx, char *const *paths, int n, struct px_err *err)
{
	if (n)
		for (int i = 0; i < n; i++) {
			int rc = check_one(cx, paths[i], err);
			if (rc)
				return rc;
		}
	if (n)
		return PX_OK;
	char buf[512];
	const char *dir = workflow_dir(cx, buf, sizeof buf);
	DIR *d = opendir(dir);
	if (!d)
		return px_fail(err, PX_EINPUT, "%s: %s", dir, strerror(errno));
	char **names = NULL;
	size_t count = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		if (count == cap)
			names = px_xrealloc(names, (cap = cap ? 2 * cap : 16) * sizeof *names);
		names[count++] = px_xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	qsort(names, count, sizeof *names, by_name);
	int rc = count ? PX_OK : px_fail(err, PX_EINPUT, "%s: no workflow files", dir);
	for (size_t i = 0; i < count; i++) {
		if (!rc)
			rc = check_one(cx, names[i], err);
		free(names[i]);
	}
	free(names);
	return rc;
}

/* The effects of entering state at at: records to print after the
 * commit, clocks on the timeline (started at clock_at). */
static int effects(struct px_ctx *cx, const struct px_workflow *wf, int state, int64_t case_id,
		   const char *at, const char *clock_at, struct px_err *err)
{
	int n, rc = PX_OK;
	const struct px_wf_effect *e = px_workflow_effects(wf, state, &n);
	for (int i = 0; i < n && !rc; i++) {
		switch (e[i].kind) {
		case PX_WF_EMIT: {
			struct px_rec *r = px_kase_rec(cx, case_id, err);
			if (!r)
				return err->code ? err->code : PX_ESTORE;
			struct px_rec *t = px_rec_new(e[i].arg[0]);
			px_rec_set_str(t, "case", px_rec_get(r, "id"));
			px_rec_set_str(t, "ref", px_rec_get(r, "ref"));
			px_rec_set_str(t, "kind", wf->kind);
			px_rec_set_str(t, "state", wf->states[state]);
			px_rec_set_str(t, "hospital", px_rec_get(r, "hospital"));
			px_rec_set_str(t, "at", at);
			px_rec_free(r);
			px_emit_after(cx, t);
			break;
		}
		case PX_WF_CLOCK:
			rc = px_kase_timeline(cx, case_id, clock_at, "clock", e[i].arg[0], NULL, NULL,
					      e[i].arg[1], NULL, err);
			break;
		case PX_WF_NOTIFY:
			rc = px_kase_message(cx, case_id, e[i].arg[0], NULL, at, err);
			break;
		case PX_WF_SURVEY:
			rc = px_kase_survey(cx, case_id, e[i].arg[0], at, err);
			break;
		}
	}
	return rc;
}

/* ---------- opening ---------- */

static int one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(v, *set))
			return 1;
	return 0;
}

/* The next number of the hospital's year in the series ("" the shared
 * one), taken in this transaction. */
static int next_number(struct px_ctx *cx, int64_t hospital_id, int year, const char *series,
		       long long *out, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO case_refs (hospital_id, year, series, last) VALUES (?1, ?2, ?3, 1) "
		"ON CONFLICT (hospital_id, year, series) DO UPDATE SET last = case_refs.last + 1 "
		"RETURNING last", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hospital_id);
	px_stmt_int(s, 2, year);
	px_stmt_text(s, 3, series);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*out = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc == 1 ? PX_OK : rc < 0 ? err->code : px_fail(err, PX_ESTORE, "no case number");
}

/* The case a source's reference already names: 1 (out filled), 0, or -1. */
static int existing(struct px_ctx *cx, const struct px_workflow *wf, const struct px_case_new *n,
		    struct px_case_made *out, struct px_err *err)
{
	if (!n->source_ref)
		return 0;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id, public_id, ref, tracking FROM cases WHERE kind = ?1 AND hospital_id = ?2 "
		"AND source = ?3 AND source_ref = ?4", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, wf->kind);
	px_stmt_int(s, 2, n->hospital_id);
	px_stmt_text(s, 3, n->source);
	px_stmt_text(s, 4, n->source_ref);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		out->id = px_stmt_col_int(s, 0);
		px_strlcpy(out->pid, px_stmt_col_text(s, 1), sizeof out->pid);
		px_strlcpy(out->ref, px_stmt_col_text(s, 2), sizeof out->ref);
		px_strlcpy(out->tracking, px_stmt_col_text(s, 3), sizeof out->tracking);
	}
	px_stmt_reset(s);
	return rc;
}

static const char *const severities[] = { "low", "medium", "high", "critical", NULL };
static const char *const priorities[] = { "low", "medium", "high", NULL };

int px_case_severity_ok(const char *s) { return s && one_of(s, severities); }
int px_case_priority_ok(const char *s) { return s && one_of(s, priorities); }

const char *px_case_severity(int i)
{
	return i >= 0 && i < (int)(sizeof severities / sizeof *severities) ? severities[i] : NULL;
}

static int open_checks(struct px_ctx *cx, const struct px_workflow *wf,
		       const struct px_case_new *n, struct px_err *err)
{
	char what[64];
	snprintf(what, sizeof what, "open %s cases", wf->kind);
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, n->hospital_id, what, err))
		return PX_EPERM;
	if (n->severity && !one_of(n->severity, severities))
		return px_fail(err, PX_EUSAGE, "unknown severity '%s' (low, medium, high, critical)",
			       n->severity);
	if (n->priority && !one_of(n->priority, priorities))
		return px_fail(err, PX_EUSAGE, "unknown priority '%s' (low, medium, high)",
			       n->priority);
	if (!n->source || !*n->source)
		return px_fail(err, PX_EUSAGE, "a case needs its source");
	return PX_OK;
}

static int insert_case(struct px_ctx *cx, const struct px_workflow *wf,
		       const struct px_case_new *n, const char *at, struct px_case_made *out,
		       struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO cases (public_id, kind, ref, tracking, state, hospital_id, department_id, "
		"patient_id, person_name, person_phone, person_email, encounter_id, owner, severity, "
		"priority, source, source_ref, title, description, created_by, created_at, updated_at, "
		"classification, staff_named, moh_ref, chi_ref, language, owner_department_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
		"?18, ?19, ?20, ?21, ?21, ?22, ?23, ?24, ?25, ?26, ?27)", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, out->pid);
	px_stmt_text(s, 2, wf->kind);
	px_stmt_text(s, 3, out->ref);
	px_stmt_text(s, 4, out->tracking);
	px_stmt_text(s, 5, wf->states[wf->initial]);
	px_stmt_int(s, 6, n->hospital_id);
	if (n->department_id)
		px_stmt_int(s, 7, n->department_id);
	if (n->patient_id)
		px_stmt_int(s, 8, n->patient_id);
	px_stmt_text(s, 9, n->person_name);
	px_stmt_text(s, 10, n->person_phone);
	px_stmt_text(s, 11, n->person_email);
	if (n->encounter_id)
		px_stmt_int(s, 12, n->encounter_id);
	px_stmt_text(s, 13, n->owner);
	px_stmt_text(s, 14, n->severity ? n->severity : "medium");
	px_stmt_text(s, 15, n->priority ? n->priority : "medium");
	px_stmt_text(s, 16, n->source);
	px_stmt_text(s, 17, n->source_ref);
	px_stmt_text(s, 18, n->title);
	px_stmt_text(s, 19, n->description);
	px_stmt_text(s, 20, cx->actor->name);
	px_stmt_text(s, 21, at);
	px_stmt_text(s, 22, n->classification);
	px_stmt_text(s, 23, n->staff_named);
	px_stmt_text(s, 24, n->moh_ref);
	px_stmt_text(s, 25, n->chi_ref);
	px_stmt_text(s, 26, n->language);
	if (n->owner_department_id)
		px_stmt_int(s, 27, n->owner_department_id);
	int rc = px_stmt_run(s, err);
	if (!rc)
		out->id = px_store_last_id(cx->st);
	if (!rc && n->link_type && n->link_object)
		rc = px_kase_link(cx, out->id, n->link_type, n->link_object, err);
	return rc;
}

int px_case_open_tx(struct px_ctx *cx, const struct px_workflow *wf, const struct px_case_new *n,
		    struct px_case_made *out, struct px_err *err)
{
	memset(out, 0, sizeof *out);
	int rc = open_checks(cx, wf, n, err);
	if (rc)
		return rc;
	int found = existing(cx, wf, n, out, err);
	if (found)
		return found < 0 ? err->code : PX_OK;
	char code[40] = "", at[PX_TIME_UTC_LEN], since[PX_TIME_UTC_LEN];
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT code FROM hospitals WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, n->hospital_id);
	if ((rc = px_stmt_step(s, err)) == 1)
		px_strlcpy(code, px_stmt_col_text(s, 0), sizeof code);
	px_stmt_reset(s);
	if (rc != 1)
		return rc < 0 ? err->code : px_fail(err, PX_EINPUT, "unknown hospital");
	int64_t now = px_now(cx);
	struct tm tm;
	px_time_local(now, &tm);
	px_time_format_utc(now, at);
	px_time_format_utc(n->since && n->since < now ? n->since : now, since);
	long long number = 0;
	if ((rc = next_number(cx, n->hospital_id, tm.tm_year + 1900, wf->ref, &number, err)))
		return rc;
	snprintf(out->ref, sizeof out->ref, "%s-%s%s%04d-%06lld", code, wf->ref, *wf->ref ? "-" : "",
		 tm.tm_year + 1900, number);
	if (px_id_new(*wf->id ? wf->id : "cas", out->pid, err) ||
	    px_case_tracking_new(out->tracking, err))
		return err->code ? err->code : PX_ESTORE;
	if ((rc = insert_case(cx, wf, n, at, out, err)) ||
	    (rc = px_kase_timeline(cx, out->id, at, "created", NULL, NULL, wf->states[wf->initial], NULL,
			   NULL, err)) ||
	    (rc = px_kase_audit(cx, "case_opened", out->pid, wf->kind, NULL, NULL,
			wf->states[wf->initial], err)) ||
	    (rc = effects(cx, wf, wf->initial, out->id, at, since, err)))
		return rc;
	out->created = 1;
	return PX_OK;
}

int px_case_open_for_tx(struct px_ctx *cx, const struct px_workflow *wf,
			const struct px_case_new *n, const char *as, const char *tell,
			struct px_case_made *out, struct px_err *err)
{
	int64_t hospital = n->hospital_id;
	struct px_user u = { .role = PX_ROLE_STAFF, .hospitals = &hospital, .nhospitals = 1 };
	px_strlcpy(u.name, as ? as : cx->actor->name, sizeof u.name);
	if (!as)
		u.id = cx->actor->id;
	const struct px_user *was = cx->actor;
	cx->actor = &u;
	int rc = px_case_open_tx(cx, wf, n, out, err);
	if (!rc && out->created && tell) {
		char at[PX_TIME_UTC_LEN];
		px_time_format_utc(px_now(cx), at);
		rc = px_kase_message(cx, out->id, tell, NULL, at, err);
	}
	cx->actor = was;
	return rc;
}

/* ---------- moves ---------- */

/* The move's required fields, each given and not empty. */
static int needs_given(const struct kase *k, const struct px_wf_move *m,
		       const struct px_rec *fields, struct px_err *err)
{
	for (int i = 0; i < m->nneeds; i++) {
		const char *v = fields ? px_rec_get(fields, m->needs[i]) : NULL;
		if (!v || !*v)
			return px_fail(err, PX_EREJECT, "%s: '%s' needs --%s", k->ref, m->verb,
				       m->needs[i]);
	}
	return PX_OK;
}

static int lay_over(const char *key, const char *val, void *ctx)
{
	if (!strcmp(key, "note")) /* a move's note goes to the timeline only */
		return 0;
	if (val)
		px_rec_set_str(ctx, key, val);
	else
		px_rec_set_null(ctx, key);
	return 0;
}

/* The case's fields with those of the move laid over them (caller frees). */
static char *merged_fields(const char *stored, const struct px_rec *fields, struct px_err *err)
{
	struct px_rec *r = px_rec_parse(stored, strlen(stored), err);
	if (!r)
		return NULL;
	if (fields)
		px_rec_each(fields, lay_over, r);
	char *out = px_rec_dump(r);
	px_rec_free(r);
	return out;
}

static int move_tx(struct px_ctx *cx, const struct px_workflow *wf, const struct kase *k,
		   const struct px_wf_move *m, const struct px_rec *fields,
		   const struct px_case_audit *audit, struct px_err *err)
{
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	char *merged = merged_fields(k->fields, fields, err);
	if (!merged)
		return err->code ? err->code : PX_ESTORE;
	char *data = fields ? px_rec_dump(fields) : NULL;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"UPDATE cases SET state = ?2, fields = ?3, updated_at = ?4 WHERE id = ?1 AND state = ?5",
		err);
	int rc = s ? PX_OK : err->code;
	if (!rc) {
		px_stmt_int(s, 1, k->id);
		px_stmt_text(s, 2, wf->states[m->to]);
		px_stmt_text(s, 3, merged);
		px_stmt_text(s, 4, at);
		px_stmt_text(s, 5, k->state);
		rc = px_stmt_run(s, err);
	}
	if (!rc)
		rc = px_kase_timeline(cx, k->id, at, "transition", m->verb, k->state, wf->states[m->to],
			      fields ? px_rec_get(fields, "note") : NULL, data, err);
	if (!rc && audit)
		rc = px_audit_record(cx->st, cx->actor->name, audit->action, audit->object_type,
				     audit->object_id, audit->details, err)
			? (err->code ? err->code : PX_ESTORE) : PX_OK;
	else if (!rc)
		rc = px_kase_audit(cx, "case_moved", k->pid, wf->kind, m->verb, k->state, wf->states[m->to],
			   err);
	if (!rc)
		rc = effects(cx, wf, m->to, k->id, at, at, err);
	free(merged);
	free(data);
	return rc;
}

/* The move m on the case ref, checked and made inside the caller's
 * transaction; *id is the case's row id. */
static int move_checked(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
			const struct px_wf_move *m, const struct px_rec *fields,
			const struct px_case_audit *audit, int64_t *id, struct px_err *err)
{
	struct kase k;
	int rc = px_kase_load(cx, ref, &k, err);
	if (!rc)
		rc = px_kase_allowed(cx, wf, &k, m->role, m->verb, err);
	if (!rc) {
		int st = px_workflow_state(wf, k.state);
		if (st < 0 || !((m->from >> st) & 1)) {
			char states[256];
			px_workflow_states_text(wf, m->from, states, sizeof states);
			rc = px_fail(err, PX_EREJECT, "%s: '%s' needs the state %s, not %s", k.ref,
				     m->verb, states, k.state);
		}
	}
	if (!rc)
		rc = needs_given(&k, m, fields, err);
	if (!rc)
		rc = move_tx(cx, wf, &k, m, fields, audit, err);
	*id = k.id;
	px_kase_free(&k);
	return rc;
}

int px_case_move(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		 const char *verb, const struct px_rec *fields, struct px_err *err)
{
	const struct px_wf_move *m = px_workflow_move(wf, verb);
	if (!m)
		return px_fail(err, PX_EINPUT, "unknown %s move '%s'", wf->kind, verb);
	if (m->role == PX_WF_ROLE_SYSTEM)
		return px_fail(err, PX_EPERM, "permission denied: '%s' is a move px makes itself on "
			       "%s cases, not one a user makes", verb, wf->kind);
	int rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	int64_t id = 0;
	rc = move_checked(cx, wf, ref, m, fields, NULL, &id, err);
	struct px_rec *r = NULL;
	if (!rc && !(r = px_kase_rec(cx, id, err)))
		rc = err->code ? err->code : PX_ESTORE;
	if (r)
		px_emit_after(cx, r);
	return px_kase_end(cx, rc, err);
}

int px_case_move_tx(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		    const char *verb, const struct px_rec *fields,
		    const struct px_case_audit *audit, struct px_err *err)
{
	const struct px_wf_move *m = px_workflow_move(wf, verb);
	if (!m)
		return px_fail(err, PX_EINPUT, "unknown %s move '%s'", wf->kind, verb);
	int64_t id = 0;
	return move_checked(cx, wf, ref, m, fields, audit, &id, err);
}

/* ---------- assignment ---------- */

int px_kase_assign_tx(struct px_ctx *cx, const struct px_workflow *wf, const struct kase *k,
		      const char *user, const char *department, struct px_err *err)
{
	int64_t dept = 0;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	int rc = px_kase_allowed(cx, wf, k, PX_ROLE_DEPARTMENT_MANAGER, "assign", err);
	if (!rc && user) {
		struct px_user u;
		if (px_auth_load(cx->st, user, &u, err))
			rc = px_fail(err, PX_EINPUT, "unknown user '%s'", user);
		else {
			if (!px_auth_in_scope(&u, k->hospital_id) || u.role < PX_ROLE_STAFF)
				rc = px_fail(err, PX_EREJECT, "%s: %s may not work cases of this "
					     "hospital", k->ref, user);
			px_auth_free(&u);
		}
	}
	if (!rc && department) {
		int found = px_org_department_id(cx->st, k->hospital_id, department, &dept, err);
		if (found < 0)
			rc = err->code;
		else if (!found)
			rc = px_fail(err, PX_EINPUT, "unknown department '%s'", department);
	}
	struct px_stmt *s = NULL;
	if (!rc && !(s = px_stmt_prepare(cx->st,
		"UPDATE cases SET owner = coalesce(?2, owner), "
		"owner_department_id = coalesce(?3, owner_department_id), updated_at = ?4 "
		"WHERE id = ?1", err)))
		rc = err->code;
	if (!rc) {
		px_stmt_int(s, 1, k->id);
		px_stmt_text(s, 2, user);
		if (dept)
			px_stmt_int(s, 3, dept);
		px_stmt_text(s, 4, at);
		rc = px_stmt_run(s, err);
	}
	if (!rc) {
		struct px_rec *d = px_rec_new(NULL);
		if (user)
			px_rec_set_str(d, "owner", user);
		if (department)
			px_rec_set_str(d, "department", department);
		char *data = px_rec_dump(d);
		px_rec_free(d);
		rc = px_kase_timeline(cx, k->id, at, "assignment", "assign", NULL, NULL, NULL, data,
				      err);
		free(data);
	}
	return rc;
}

int px_case_assign(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		   const char *user, const char *department, struct px_err *err)
{
	if (!user && !department)
		return px_fail(err, PX_EUSAGE, "assign needs --to USER or --department CODE");
	int rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	struct kase k;
	rc = px_kase_load(cx, ref, &k, err);
	if (!rc)
		rc = px_kase_assign_tx(cx, wf, &k, user, department, err);
	return px_kase_done(cx, wf, &k, "case_assigned", rc, err);
}

/* ---------- listing and tracking ---------- */

struct list_ctx {
	struct px_ctx *cx;
	const struct px_workflow *wf;
	px_wf_states states;    /* 0: any */
};

static int list_row(struct px_stmt *s, void *vctx)
{
	struct list_ctx *lc = vctx;
	if (!px_auth_in_scope(lc->cx->actor, px_stmt_col_int(s, px_stmt_col_count(s) - 1)))
		return 0;
	int st = px_workflow_state(lc->wf, px_stmt_col_text(s, 3));
	if (lc->states && (st < 0 || !((lc->states >> st) & 1)))
		return 0;
	struct px_rec *r = px_stmt_rec(s, "case", px_kase_cols);
	struct px_err err = { 0 };
	int rc = px_emit(lc->cx, r, &err);
	px_rec_free(r);
	return rc;
}

/* The states a comma-separated list names, each one of wf's. */
static int states_known(const struct px_workflow *wf, const char *list, px_wf_states *set,
			struct px_err *err)
{
	char buf[512];
	px_strlcpy(buf, list, sizeof buf);
	*set = 0;
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int st = px_workflow_state(wf, t);
		if (st < 0) {
			char all[512];
			px_workflow_states_text(wf, ((px_wf_states)1 << wf->nstates) - 1, all,
						sizeof all);
			return px_fail(err, PX_EUSAGE, "--state: unknown %s state '%s' (%s)",
				       wf->kind, t, all);
		}
		*set |= (px_wf_states)1 << st;
	}
	return PX_OK;
}

int px_case_list(struct px_ctx *cx, const struct px_workflow *wf, const struct px_case_filter *f,
		 struct px_err *err)
{
	int64_t hid = 0, did = 0;
	int rc = PX_OK;
	char what[160];
	snprintf(what, sizeof what, "list %s cases of hospital '%s'", wf->kind,
		 f->hospital ? f->hospital : "");
	if (f->hospital && (rc = px_org_hospital(cx, f->hospital, PX_ROLE_VIEWER, what, &hid, err)))
		return rc;
	if (f->department) {
		if (!hid)
			return px_fail(err, PX_EUSAGE, "--department needs --hospital");
		int found = px_org_department_id(cx->st, hid, f->department, &did, err);
		if (found < 0)
			return err->code;
		if (!found)
			return px_fail(err, PX_EINPUT, "unknown department '%s'", f->department);
	}
	px_wf_states states = 0;
	if (f->state && (rc = states_known(wf, f->state, &states, err)))
		return rc;
	if (f->severity && !px_case_severity_ok(f->severity))
		return px_fail(err, PX_EUSAGE, "--severity: unknown severity '%s' (low, medium, high, "
			       "critical)", f->severity);
	char since[PX_TIME_UTC_LEN] = "", until[PX_TIME_UTC_LEN] = "";
	if (f->since)
		px_time_format_utc(f->since, since);
	if (f->until)
		px_time_format_utc(f->until, until);
	struct px_stmt *s = px_stmt_prepare(cx->st, CASE_SELECT
		"WHERE c.kind = ?1 AND (?2 = 0 OR c.hospital_id = ?2) "
		"AND (?3 = 0 OR c.department_id = ?3 OR c.owner_department_id = ?3) "
		"AND (CAST(?4 AS TEXT) IS NULL OR c.source = ?4) "
		"AND (CAST(?5 AS TEXT) IS NULL OR c.severity = ?5) "
		"AND (CAST(?6 AS TEXT) IS NULL OR c.classification = ?6 "
		"OR c.classification LIKE ?6 || '.%') "
		"AND (CAST(?7 AS TEXT) IS NULL OR c.owner = ?7) "
		"AND (?8 = '' OR c.created_at >= ?8) AND (?9 = '' OR c.created_at < ?9) "
		"AND (?10 = 0 OR EXISTS (SELECT 1 FROM sla_marks m WHERE m.case_id = c.id "
		"AND m.mark = 'breach')) "
		"ORDER BY c.created_at DESC, c.id DESC", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, wf->kind);
	px_stmt_int(s, 2, hid);
	px_stmt_int(s, 3, did);
	px_stmt_text(s, 4, f->source);
	px_stmt_text(s, 5, f->severity);
	px_stmt_text(s, 6, f->category);
	px_stmt_text(s, 7, f->owner);
	px_stmt_text(s, 8, since);
	px_stmt_text(s, 9, until);
	px_stmt_int(s, 10, f->overdue);
	if (f->overdue) { /* open ones only */
		px_wf_states all = wf->nstates < 32 ? ((px_wf_states)1 << wf->nstates) - 1
						       : ~(px_wf_states)0;
		if (!(states = (states ? states : all) & ~wf->final)) {
			px_stmt_reset(s);
			return PX_OK;
		}
	}
	struct list_ctx lc = { cx, wf, states };
	return px_stmt_each(s, list_row, &lc, err);
}

int px_case_track(struct px_ctx *cx, const char *code, struct px_err *err)
{
	char norm[PX_CASE_TRACKING_LEN];
	if (px_case_tracking_norm(code, norm))
		return px_fail(err, PX_EINPUT, "no case has the tracking code '%s'", code);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT c.ref AS ref, c.state AS state, c.created_at AS opened_at, "
		"coalesce((SELECT max(t.at) FROM case_timeline t WHERE t.case_id = c.id "
		"AND t.type = 'transition' AND t.new_state = c.state), c.created_at) AS state_since "
		"FROM cases c WHERE c.tracking = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, norm);
	int rc = px_stmt_step(s, err);
	struct px_rec *r = rc == 1 ? px_stmt_rec(s, "case.track", NULL) : NULL;
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (!r)
		return px_fail(err, PX_EINPUT, "no case has the tracking code '%s'", code);
	rc = px_emit(cx, r, err);
	px_rec_free(r);
	return rc;
}

int px_case_note(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		 const char *text, int to_patient, struct px_err *err)
{
	if (!text || !*text)
		return px_fail(err, PX_EUSAGE, "a note needs its text");
	int rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	struct kase k;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	rc = px_kase_load(cx, ref, &k, err);
	if (!rc)
		rc = px_kase_allowed(cx, wf, &k, PX_ROLE_STAFF,
				     to_patient ? "write to the person of" : "add notes to", err);
	if (!rc)
		rc = px_kase_timeline(cx, k.id, at, to_patient ? "communication" : "note", NULL,
				      NULL, NULL, text, NULL, err);
	if (!rc && to_patient)
		rc = px_kase_message(cx, k.id, "case_message", text, at, err);
	if (!rc)
		rc = px_kase_audit(cx, to_patient ? "case_message_sent" : "case_noted", k.pid,
				   wf->kind, NULL, NULL, NULL, err);
	px_kase_free(&k);
	return px_kase_end(cx, rc, err);
}

static int event_rec(struct px_stmt *s, void *ctx)
{
	static const struct px_col cols[] = { { "data", PX_COL_JSON }, { NULL, 0 } };
	struct px_ctx *cx = ctx;
	struct px_rec *r = px_stmt_rec(s, "case.event", cols);
	struct px_err err = { 0 };
	int rc = px_emit(cx, r, &err);
	px_rec_free(r);
	return rc;
}

int px_case_show(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		 struct px_err *err)
{
	struct kase k;
	int rc = px_kase_load(cx, ref, &k, err);
	if (!rc)
		rc = px_kase_allowed(cx, wf, &k, PX_ROLE_VIEWER, "read", err);
	struct px_rec *r = NULL;
	if (!rc && !(r = px_kase_rec(cx, k.id, err)))
		rc = err->code ? err->code : PX_ESTORE;
	if (!rc)
		rc = px_emit(cx, r, err);
	px_rec_free(r);
	struct px_stmt *s = NULL;
	if (!rc && !(s = px_stmt_prepare(cx->st,
		"SELECT t.at AS at, t.actor AS actor, t.type AS event, t.verb AS verb, "
		"t.old_state AS from_state, t.new_state AS to_state, t.text AS text, t.data AS data "
		"FROM case_timeline t WHERE t.case_id = ?1 ORDER BY t.id", err)))
		rc = err->code;
	if (!rc) {
		px_stmt_int(s, 1, k.id);
		rc = px_stmt_each(s, event_rec, cx, err);
	}
	if (!rc)
		rc = px_case_attachments(cx, k.id, err);
	px_kase_free(&k);
	return rc;
}
