/*
 * call.c - the calls of the call centres: taken in from their exports
 * once each, listed and shown.
 *
 * A record is read whole before anything is written: the hospital and the
 * acting user's role in it first, then every other field, each checked
 * and named in the reason it is refused.  A call the store has already is
 * compared with the record, field by field; one that is new is written
 * with its audit row under a savepoint, so that nothing of a record that
 * fails half-way stays in the loop's transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/address.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "cases/call.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/org.h"
#include "store/store.h"
#include "base/banned.h"

static const char *const types[] = {
	"inquiry", "complaint", "appointment", "follow_up", "feedback", NULL,
};

const char *px_call_types(void)
{
	return "inquiry, complaint, appointment, follow_up, feedback";
}

/* s without the blanks around it, as a new string; NULL when empty. */
static char *trimmed(const char *s)
{
	if (!s)
		return NULL;
	s += strspn(s, " \t\r\n");
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	return n ? px_xstrndup(s, n) : NULL;
}

const char *px_call_type_parse(const char *s)
{
	char *t = trimmed(s);
	const char *found = NULL;
	if (t) {
		for (char *p = t; *p; p++)
			if (*p == '-' || *p == ' ')
				*p = '_';
		for (int i = 0; types[i] && !found; i++)
			if (!strcasecmp(t, types[i]))
				found = types[i];
	}
	free(t);
	return found;
}

int px_call_seconds_parse(const char *s, long long *out)
{
	char *t = trimmed(s);
	if (!t)
		return -1;
	/* the first part: up to 9 digits; each after a colon: two, below 60 */
	const char *p = t;
	long long v = 0;
	int n = 0, parts = 1, bad = 0;
	for (; *p >= '0' && *p <= '9'; p++, n++)
		v = v * 10 + (*p - '0');
	bad = !n || n > 9;
	while (!bad && *p == ':' && parts < 3) {
		if (!(p[1] >= '0' && p[1] <= '5' && p[2] >= '0' && p[2] <= '9')) {
			bad = 1;
			break;
		}
		v = v * 60 + (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
		parts++;
	}
	bad = bad || *p;
	free(t);
	if (bad)
		return -1;
	*out = v;
	return 0;
}

/* ---------- the call as a record ---------- */

#define CALL_SELECT \
	"SELECT c.public_id AS id, c.external_id AS external_id, h.code AS hospital, " \
	"d.code AS department, p.public_id AS patient, c.call_type AS call_type, " \
	"c.agent AS agent, c.started_at AS started_at, c.wait_seconds AS wait_seconds, " \
	"c.talk_seconds AS talk_seconds, c.resolution AS resolution, c.rating AS rating, " \
	"c.notes AS notes, c.hospital_id AS hospital_row FROM calls c " \
	"JOIN hospitals h ON h.id = c.hospital_id " \
	"LEFT JOIN departments d ON d.id = c.department_id " \
	"LEFT JOIN patients p ON p.id = c.patient_id "
#define CALL_HOSPITAL_ROW 13

static const struct px_col call_cols[] = {
	{ "hospital_row", PX_COL_SKIP }, { NULL, 0 },
};

/* The call with this row id as a record (caller frees); NULL with err. */
static struct px_rec *call_rec(struct px_ctx *cx, int64_t id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, CALL_SELECT "WHERE c.id = ?1", err);
	if (!s)
		return NULL;
	px_stmt_int(s, 1, id);
	struct px_rec *r = NULL;
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		r = px_stmt_rec(s, "call", call_cols);
	px_stmt_reset(s);
	if (rc == 0)
		px_fail(err, PX_ESTORE, "call %lld vanished", (long long)id);
	return r;
}

/* ---------- taking one in ---------- */

/* What a record says, checked and resolved against the store. */
struct call_in {
	int64_t hospital_id, department_id, patient_id;
	int patient_named;  /* the patient is a detail: named by mrn, or none named */
	char *hospital, *external_id, *agent, *resolution, *notes;
	const char *call_type;
	char started_at[PX_TIME_UTC_LEN];
	long long wait, talk, rating; /* -1: absent */
};

static void call_in_free(struct call_in *in)
{
	free(in->hospital);
	free(in->external_id);
	free(in->agent);
	free(in->resolution);
	free(in->notes);
}

/* A field of the record, trimmed (the caller frees); NULL when absent or
 * blank. */
static char *field(const struct px_rec *r, const char *key)
{
	return trimmed(px_rec_get(r, key));
}

/* Whether a record of this type is a call: of type "call", of none, or
 * of a type of call (a column "type" of an export). */
static int call_typed(const char *type)
{
	return !type || !*type || !strcmp(type, "call") || px_call_type_parse(type);
}

static int read_hospital(struct px_ctx *cx, const struct px_rec *r, struct call_in *in,
			 struct px_err *err)
{
	if (!(in->hospital = field(r, "hospital")))
		return px_fail(err, PX_EREJECT, "needs 'hospital'");
	int rc = px_org_hospital_id(cx->st, in->hospital, &in->hospital_id, err);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EREJECT, "unknown hospital '%s'", in->hospital);
	char what[160];
	snprintf(what, sizeof what, "take in calls of hospital '%s'", in->hospital);
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, in->hospital_id, what, err))
		return PX_EPERM;
	return PX_OK;
}

static int read_ids(const struct px_rec *r, struct call_in *in, struct px_err *err)
{
	char *ext = field(r, "external_id"), *cid = field(r, "call_id");
	if (ext && cid && strcmp(ext, cid)) {
		free(ext);
		free(cid);
		return px_fail(err, PX_EREJECT, "'external_id' and 'call_id' differ (give one)");
	}
	in->external_id = ext ? ext : cid;
	if (ext)
		free(cid);
	if (!in->external_id)
		return px_fail(err, PX_EREJECT, "needs 'external_id' (or 'call_id'), the call "
			       "centre's id of the call");
	const char *rtype = px_rec_type(r);
	char *given = field(r, "call_type");
	int rc = PX_OK;
	if (rtype && *rtype && strcmp(rtype, "call")) {
		/* the record's type is the type of call */
		in->call_type = px_call_type_parse(rtype);
		if (!in->call_type)
			rc = px_fail(err, PX_EREJECT, "type: unknown type of call '%s' (%s)", rtype,
				     px_call_types());
		else if (given && px_call_type_parse(given) != in->call_type)
			rc = px_fail(err, PX_EREJECT, "'call_type' and 'type' differ (give one)");
	} else if (!given) {
		rc = px_fail(err, PX_EREJECT, "needs 'call_type' (%s)", px_call_types());
	} else if (!(in->call_type = px_call_type_parse(given))) {
		rc = px_fail(err, PX_EREJECT, "call_type: unknown type of call '%s' (%s)", given,
			     px_call_types());
	}
	free(given);
	return rc;
}

/* A duration field into *out (-1 when absent). */
static int read_seconds(const struct px_rec *r, const char *key, long long *out,
			struct px_err *err)
{
	*out = -1;
	char *v = field(r, key);
	if (!v)
		return PX_OK;
	int rc = PX_OK;
	if (px_call_seconds_parse(v, out))
		rc = px_fail(err, PX_EREJECT, "%s: not a duration '%s' (seconds, M:SS or H:MM:SS)",
			     key, v);
	free(v);
	return rc;
}

static int read_details(struct px_ctx *cx, const struct px_rec *r, struct call_in *in,
			struct px_err *err)
{
	char *v = field(r, "started_at");
	int64_t t;
	int rc = PX_OK;
	if (!v)
		return px_fail(err, PX_EREJECT, "needs 'started_at'");
	if (px_time_parse(v, &t))
		rc = px_fail(err, PX_EREJECT, "started_at: not an ISO 8601 time '%s'", v);
	else if (t > px_now(cx))
		rc = px_fail(err, PX_EREJECT, "started_at: '%s' is later than now", v);
	free(v);
	if (rc)
		return rc;
	px_time_format_utc(t, in->started_at);
	if ((rc = read_seconds(r, "wait_seconds", &in->wait, err)) ||
	    (rc = read_seconds(r, "talk_seconds", &in->talk, err)))
		return rc;
	in->rating = -1;
	if ((v = field(r, "rating"))) {
		if (!(v[0] >= '1' && v[0] <= '5' && !v[1]))
			rc = px_fail(err, PX_EREJECT, "rating: '%s' is not a rating from 1 to 5", v);
		else
			in->rating = v[0] - '0';
		free(v);
		if (rc)
			return rc;
	}
	if ((v = field(r, "department"))) {
		int found = px_org_department_id(cx->st, in->hospital_id, v, &in->department_id, err);
		if (found == 0)
			rc = px_fail(err, PX_EREJECT, "unknown department '%s' in %s", v, in->hospital);
		free(v);
		if (found <= 0)
			return found < 0 ? err->code : rc;
	}
	in->agent = field(r, "agent");
	in->resolution = field(r, "resolution");
	in->notes = field(r, "notes");
	return PX_OK;
}

/* The patient the call was with: by MRN, or the one patient of the
 * hospital with the caller's number.  Neither is ever put in a message. */
static int read_patient(struct px_ctx *cx, const struct px_rec *r, struct call_in *in,
			struct px_err *err)
{
	char *mrn = field(r, "mrn"), *phone = mrn ? NULL : field(r, "phone");
	char e164[PX_PHONE_LEN];
	struct px_err ignored;
	in->patient_named = !phone;
	if (phone && px_phone_normalise(phone, e164, &ignored)) {
		free(phone); /* not a number (withheld, unknown): nobody */
		return PX_OK;
	}
	if (!mrn && !phone)
		return PX_OK;
	struct px_stmt *s = px_stmt_prepare(cx->st, mrn
		? "SELECT id FROM patients WHERE hospital_id = ?1 AND mrn = ?2"
		: "SELECT id FROM patients WHERE hospital_id = ?1 AND phone = ?2 ORDER BY id LIMIT 2",
		err);
	int rc = s ? PX_OK : err->code, n = 0;
	if (s) {
		px_stmt_int(s, 1, in->hospital_id);
		px_stmt_text(s, 2, mrn ? mrn : e164);
		int step;
		while ((step = px_stmt_step(s, err)) == 1)
			if (n++ == 0)
				in->patient_id = px_stmt_col_int(s, 0);
		px_stmt_reset(s);
		if (step < 0)
			rc = err->code;
	}
	if (!rc && n != 1)
		in->patient_id = 0; /* by phone: several patients share it, so nobody */
	if (!rc && mrn && n == 0)
		rc = px_fail(err, PX_EREJECT, "mrn: no patient of %s has that MRN", in->hospital);
	free(mrn);
	free(phone);
	return rc;
}

static int read_call(struct px_ctx *cx, const struct px_rec *r, struct call_in *in,
		     struct px_err *err)
{
	int rc;
	if ((rc = read_hospital(cx, r, in, err)) || (rc = read_ids(r, in, err)) ||
	    (rc = read_details(cx, r, in, err)) || (rc = read_patient(cx, r, in, err)))
		return rc;
	return PX_OK;
}

static int same_text(struct px_stmt *s, int col, const char *v)
{
	return px_stmt_col_isnull(s, col) ? !v : v && !strcmp(px_stmt_col_text(s, col), v);
}

static int same_int(struct px_stmt *s, int col, long long v)
{
	return px_stmt_col_isnull(s, col) ? v < 0 : v >= 0 && px_stmt_col_int(s, col) == v;
}

/* The call stored with the record's hospital and external id: 1 (*id
 * set, and the names of the details that differ in diff), 0 when there
 * is none, -1. */
static int stored(struct px_ctx *cx, const struct call_in *in, int64_t *id, struct px_buf *diff,
		  struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id, department_id, patient_id, call_type, agent, started_at, wait_seconds, "
		"talk_seconds, resolution, rating, notes FROM calls "
		"WHERE hospital_id = ?1 AND external_id = ?2", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, in->hospital_id);
	px_stmt_text(s, 2, in->external_id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		*id = px_stmt_col_int(s, 0);
		const struct {
			const char *name;
			int same;
		} d[] = {
			{ "department", px_stmt_col_int(s, 1) == in->department_id },
			{ "patient", !in->patient_named || px_stmt_col_int(s, 2) == in->patient_id },
			{ "call_type", same_text(s, 3, in->call_type) },
			{ "agent", same_text(s, 4, in->agent) },
			{ "started_at", same_text(s, 5, in->started_at) },
			{ "wait_seconds", same_int(s, 6, in->wait) },
			{ "talk_seconds", same_int(s, 7, in->talk) },
			{ "resolution", same_text(s, 8, in->resolution) },
			{ "rating", same_int(s, 9, in->rating) },
			{ "notes", same_text(s, 10, in->notes) },
		};
		for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
			if (!d[i].same) {
				if (diff->len)
					px_buf_adds(diff, ", ");
				px_buf_adds(diff, d[i].name);
			}
	}
	px_stmt_reset(s);
	return rc;
}

static void bind_opt_int(struct px_stmt *s, int i, long long v)
{
	if (v >= 0)
		px_stmt_int(s, i, v);
}

static int insert(struct px_ctx *cx, const struct call_in *in, const char *pid, int64_t *id,
		  struct px_err *err)
{
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO calls (public_id, hospital_id, department_id, patient_id, external_id, "
		"call_type, agent, started_at, wait_seconds, talk_seconds, resolution, rating, notes, "
		"created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
		"?13, ?14, ?15) RETURNING id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, pid);
	px_stmt_int(s, 2, in->hospital_id);
	if (in->department_id)
		px_stmt_int(s, 3, in->department_id);
	if (in->patient_id)
		px_stmt_int(s, 4, in->patient_id);
	px_stmt_text(s, 5, in->external_id);
	px_stmt_text(s, 6, in->call_type);
	px_stmt_text(s, 7, in->agent);
	px_stmt_text(s, 8, in->started_at);
	bind_opt_int(s, 9, in->wait);
	bind_opt_int(s, 10, in->talk);
	px_stmt_text(s, 11, in->resolution);
	bind_opt_int(s, 12, in->rating);
	px_stmt_text(s, 13, in->notes);
	px_stmt_text(s, 14, cx->actor->name);
	px_stmt_text(s, 15, at);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*id = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc == 1 ? PX_OK : rc < 0 ? err->code : px_fail(err, PX_ESTORE, "no id for the call");
}

/* The audit row of a call taken in: what it was, never who called. */
static int audit(struct px_ctx *cx, const struct call_in *in, const char *pid, struct px_err *err)
{
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "hospital", in->hospital);
	px_rec_set_str(d, "external_id", in->external_id);
	px_rec_set_str(d, "call_type", in->call_type);
	if (in->rating >= 0)
		px_rec_set_int(d, "rating", in->rating);
	else
		px_rec_set_null(d, "rating");
	int rc = px_audit_record(cx->st, cx->actor->name, "call_taken_in", "call", pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* Writes the new call under a savepoint: all of it or nothing. */
static int write_whole(struct px_ctx *cx, const struct call_in *in, struct px_err *err)
{
	char pid[PX_ID_LEN];
	if (px_id_new("cal", pid, err))
		return err->code ? err->code : PX_ESTORE;
	int rc = px_store_exec(cx->st, "SAVEPOINT px_call", err);
	if (rc)
		return rc;
	int64_t id = 0;
	struct px_rec *r = NULL;
	if (!(rc = insert(cx, in, pid, &id, err)) && !(rc = audit(cx, in, pid, err)) &&
	    !(r = call_rec(cx, id, err)))
		rc = err->code ? err->code : PX_ESTORE;
	if (rc) {
		struct px_err ignored = { 0 };
		px_store_exec(cx->st, "ROLLBACK TO px_call", &ignored);
		px_store_exec(cx->st, "RELEASE px_call", &ignored);
		return rc;
	}
	px_emit_after(cx, r);
	return px_store_exec(cx->st, "RELEASE px_call", err);
}

int px_call_take(struct px_rec *r, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	const char *rtype = px_rec_type(r);
	if (!call_typed(rtype) && !px_rec_has(r, "external_id") && !px_rec_has(r, "call_id")) {
		px_emit_after(cx, px_rec_copy(r)); /* not a call: on down the pipe */
		return PX_OK;
	}
	struct call_in in;
	memset(&in, 0, sizeof in);
	int rc = read_call(cx, r, &in, err);
	int64_t id = 0;
	struct px_buf diff = PX_BUF_INIT;
	int found = rc ? 0 : stored(cx, &in, &id, &diff, err);
	if (found < 0)
		rc = err->code ? err->code : PX_ESTORE;
	else if (found && diff.len)
		rc = px_fail(err, PX_EREJECT, "call '%s' already taken in with other details (%s)",
			     in.external_id, diff.s);
	else if (found) {
		struct px_rec *out = call_rec(cx, id, err);
		if (out)
			px_emit_after(cx, out);
		else
			rc = err->code ? err->code : PX_ESTORE;
	} else if (!rc)
		rc = write_whole(cx, &in, err);
	px_buf_free(&diff);
	call_in_free(&in);
	return rc;
}

/* ---------- listing and showing ---------- */

struct list_ctx {
	struct px_ctx *cx;
	struct px_err *err;
};

static int list_row(struct px_stmt *s, void *vl)
{
	struct list_ctx *lc = vl;
	if (!px_auth_in_scope(lc->cx->actor, px_stmt_col_int(s, CALL_HOSPITAL_ROW)))
		return 0;
	struct px_rec *r = px_stmt_rec(s, "call", call_cols);
	int rc = px_emit(lc->cx, r, lc->err);
	px_rec_free(r);
	return rc;
}

int px_call_list(struct px_ctx *cx, const struct px_call_filter *f, struct px_err *err)
{
	int64_t hid = 0;
	const char *type = NULL;
	if (f->type && !(type = px_call_type_parse(f->type)))
		return px_fail(err, PX_EUSAGE, "--type: unknown type of call '%s' (%s)", f->type,
			       px_call_types());
	if (f->rating_max < 0 || f->rating_max > 5)
		return px_fail(err, PX_EUSAGE, "--rating-max: %d is not a rating from 1 to 5",
			       f->rating_max);
	if (f->hospital) {
		char what[160];
		snprintf(what, sizeof what, "read calls of hospital '%s'", f->hospital);
		int rc = px_org_hospital(cx, f->hospital, PX_ROLE_VIEWER, what, &hid, err);
		if (rc)
			return rc;
	}
	char since[PX_TIME_UTC_LEN] = "", until[PX_TIME_UTC_LEN] = "";
	if (f->since)
		px_time_format_utc(f->since, since);
	if (f->until)
		px_time_format_utc(f->until, until);
	struct px_stmt *s = px_stmt_prepare(cx->st, CALL_SELECT
		"WHERE (?1 = 0 OR c.hospital_id = ?1) "
		"AND (CAST(?2 AS TEXT) IS NULL OR c.agent = ?2) "
		"AND (CAST(?3 AS TEXT) IS NULL OR c.call_type = ?3) "
		"AND (?4 = 0 OR c.rating <= ?4) "
		"AND (?5 = '' OR c.started_at >= ?5) AND (?6 = '' OR c.started_at < ?6) "
		"ORDER BY c.started_at DESC, c.id DESC", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, f->agent);
	px_stmt_text(s, 3, type);
	px_stmt_int(s, 4, f->rating_max);
	px_stmt_text(s, 5, since);
	px_stmt_text(s, 6, until);
	struct list_ctx lc = { cx, err };
	return px_stmt_each(s, list_row, &lc, err);
}

/* What an id names: the calls it matches, those in scope, the first of
 * them, and the hospital of the first out of scope. */
struct show_ctx {
	struct px_ctx *cx;
	const char *id;
	int matches, mine, exact;
	struct px_rec *r;
	int64_t other;
	char other_code[64];
};

static int show_row(struct px_stmt *s, void *vs)
{
	struct show_ctx *sc = vs;
	if (sc->exact)
		return 0; /* a public id names one call, whatever external ids say */
	sc->exact = !strcmp(px_stmt_col_text(s, 0), sc->id);
	sc->matches++;
	int64_t hid = px_stmt_col_int(s, CALL_HOSPITAL_ROW);
	if (!px_auth_in_scope(sc->cx->actor, hid)) {
		if (!sc->other) {
			sc->other = hid;
			px_strlcpy(sc->other_code, px_stmt_col_text(s, 2), sizeof sc->other_code);
		}
		return 0;
	}
	if (sc->mine++ == 0)
		sc->r = px_stmt_rec(s, "call", call_cols);
	return 0;
}

int px_call_show(struct px_ctx *cx, const char *id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, CALL_SELECT
		"WHERE c.public_id = ?1 OR c.external_id = ?1 "
		"ORDER BY CASE WHEN c.public_id = ?1 THEN 0 ELSE 1 END, c.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, id);
	struct show_ctx sc = { .cx = cx, .id = id };
	int rc = px_stmt_each(s, show_row, &sc, err);
	if (!rc && !sc.matches)
		rc = px_fail(err, PX_EINPUT, "unknown call '%s'", id);
	else if (!rc && !sc.mine) {
		char what[160];
		snprintf(what, sizeof what, "read calls of hospital '%s'", sc.other_code);
		px_auth_require(cx->actor, PX_ROLE_VIEWER, sc.other, what, err);
		rc = PX_EPERM;
	} else if (!rc && sc.mine > 1)
		rc = px_fail(err, PX_EINPUT, "call id '%s' names %d calls (give the public id)", id,
			     sc.mine);
	else if (!rc)
		rc = px_emit(cx, sc.r, err);
	px_rec_free(sc.r);
	return rc;
}
