/* org.c - loading and listing hospitals and departments. */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "base/mem.h"
#include "core/org.h"
#include "base/time.h"
#include "base/token.h"
#include "base/banned.h"

int px_org_code_ok(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	if (n < 1 || n > 32)
		return 0;
	return strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.") == n;
}

static int lookup(struct px_stmt *s, int64_t *id, struct px_err *err)
{
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*id = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc;
}

int px_org_hospital_id(struct px_store *st, const char *code, int64_t *id,
		       struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, "SELECT id FROM hospitals WHERE code = ?1", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, code);
	return lookup(s, id, err);
}

int px_org_department_id(struct px_store *st, int64_t hospital_id, const char *code,
			 int64_t *id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id FROM departments WHERE hospital_id = ?1 AND code = ?2", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, hospital_id);
	px_stmt_text(s, 2, code);
	return lookup(s, id, err);
}

int px_org_hospital(struct px_ctx *cx, const char *code, enum px_role min, const char *what,
		    int64_t *id, struct px_err *err)
{
	int rc = px_org_hospital_id(cx->st, code, id, err);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EINPUT, "unknown hospital '%s'", code);
	return px_auth_require(cx->actor, min, *id, what, err) ? PX_EPERM : PX_OK;
}

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* What tells the two kinds apart. */
struct kind {
	const char *name, *prefix;
	const char *select, *insert, *update;
};

static const struct kind hospital = {
	"hospital", "hsp",
	"SELECT public_id, name, name_ar FROM hospitals WHERE code = ?2",
	"INSERT INTO hospitals (public_id, code, name, name_ar, created_at, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
	"UPDATE hospitals SET name = ?3, name_ar = ?4, updated_at = ?5 WHERE code = ?2",
};

static const struct kind department = {
	"department", "dep",
	"SELECT public_id, name, name_ar FROM departments WHERE hospital_id = ?6 AND code = ?2",
	"INSERT INTO departments (public_id, hospital_id, code, name, name_ar, created_at, "
	"updated_at) VALUES (?1, ?6, ?2, ?3, ?4, ?5, ?5)",
	"UPDATE departments SET name = ?3, name_ar = ?4, updated_at = ?5 "
	"WHERE hospital_id = ?6 AND code = ?2",
};

/* Binds the parameters every statement of a kind shares. */
static void bind(struct px_stmt *s, const char *pid, struct px_rec *r, const char *at,
		 int64_t hid)
{
	px_stmt_text(s, 1, pid);
	px_stmt_text(s, 2, px_rec_get(r, "code"));
	px_stmt_text(s, 3, px_rec_get(r, "name"));
	px_stmt_text(s, 4, px_rec_get(r, "name_ar"));
	px_stmt_text(s, 5, at);
	px_stmt_int(s, 6, hid);
}

/* Inserts or updates one hospital or department (hid: its hospital) in
 * one transaction with its audit event; an identical one changes
 * nothing. */
static int upsert(struct px_ctx *cx, const struct kind *k, struct px_rec *r, int64_t hid,
		  struct px_err *err)
{
	struct px_store *st = cx->st;
	char at[PX_TIME_UTC_LEN], pid[PX_ID_LEN] = "";
	px_time_format_utc(px_now(cx), at);
	int rc = px_store_begin(st, err);
	if (rc)
		return rc;
	struct px_stmt *s = px_stmt_prepare(st, k->select, err);
	if (!s)
		goto fail;
	bind(s, NULL, r, at, hid);
	int found = px_stmt_step(s, err);
	if (found < 0)
		goto fail;
	const char *action = NULL, *sql = NULL;
	if (found == 0) {
		if (px_id_new(k->prefix, pid, err))
			goto fail;
		sql = k->insert;
		action = "created";
	} else {
		px_strlcpy(pid, px_stmt_col_text(s, 0), sizeof pid);
		if (!same(px_stmt_col_text(s, 1), px_rec_get(r, "name")) ||
		    !same(px_stmt_col_isnull(s, 2) ? NULL : px_stmt_col_text(s, 2),
			  px_rec_get(r, "name_ar"))) {
			sql = k->update;
			action = "updated";
		}
	}
	px_stmt_reset(s);
	if (sql) {
		s = px_stmt_prepare(st, sql, err);
		if (!s)
			goto fail;
		bind(s, pid, r, at, hid);
		if (px_stmt_run(s, err))
			goto fail;
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "code", px_rec_get(r, "code"));
		px_rec_set_str(d, "name", px_rec_get(r, "name"));
		if (px_rec_get(r, "name_ar"))
			px_rec_set_str(d, "name_ar", px_rec_get(r, "name_ar"));
		if (k == &department)
			px_rec_set_str(d, "hospital", px_rec_get(r, "hospital"));
		char act[64];
		snprintf(act, sizeof act, "%s_%s", k->name, action);
		rc = px_audit_record(st, cx->actor->name, act, k->name, pid, d, err);
		px_rec_free(d);
		if (rc)
			goto fail;
	}
	return px_store_commit(st, err);
fail:
	px_store_rollback(st);
	return err->code ? err->code : PX_ESTORE;
}

int px_org_apply(struct px_rec *r, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	const char *type = px_rec_type(r);
	const struct kind *k = type ? (strcmp(type, "hospital") == 0 ? &hospital : &department)
				    : px_rec_has(r, "hospital") ? &department : &hospital;
	const char *code = px_rec_get(r, "code"), *name = px_rec_get(r, "name");
	if (!code)
		return px_fail(err, PX_EREJECT, "%s has no 'code'", k->name);
	if (!px_org_code_ok(code))
		return px_fail(err, PX_EREJECT, "bad %s code '%s'", k->name, code);
	if (!name || !*name)
		return px_fail(err, PX_EREJECT, "%s '%s' has no 'name'", k->name, code);
	char what[200];
	if (k == &hospital) {
		snprintf(what, sizeof what, "load hospital '%s'", code);
		if (px_auth_require(cx->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, what, err))
			return PX_EPERM;
		return upsert(cx, k, r, 0, err);
	}
	const char *hosp = px_rec_get(r, "hospital");
	if (!hosp || !*hosp)
		return px_fail(err, PX_EREJECT, "department '%s' has no 'hospital'", code);
	int64_t hid;
	snprintf(what, sizeof what, "load departments of hospital '%s'", hosp);
	int rc = px_org_hospital(cx, hosp, PX_ROLE_HOSPITAL_ADMIN, what, &hid, err);
	if (rc == PX_EINPUT)
		rc = PX_EREJECT; /* a record naming an unknown hospital is rejected */
	return rc ? rc : upsert(cx, k, r, hid, err);
}

/* The hospitals and departments, of the acting user's scope or, for the
 * directory, every one with its names alone. */
static int org_walk(struct px_ctx *cx, const char *hospital_code, int directory,
		    struct px_err *err);

int px_org_list(struct px_ctx *cx, const char *hospital_code, struct px_err *err)
{
	return org_walk(cx, hospital_code, 0, err);
}

int px_org_directory(struct px_ctx *cx, struct px_err *err)
{
	return org_walk(cx, NULL, 1, err);
}

static int org_walk(struct px_ctx *cx, const char *hospital_code, int directory,
		    struct px_err *err)
{
	if (hospital_code) {
		int64_t hid;
		char what[160];
		snprintf(what, sizeof what, "see hospital '%s'", hospital_code);
		int rc = px_org_hospital(cx, hospital_code, PX_ROLE_VIEWER, what, &hid, err);
		if (rc)
			return rc;
	}
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT h.id, h.public_id, h.code, h.name, h.name_ar, d.public_id, d.code, "
		"d.name, d.name_ar FROM hospitals h LEFT JOIN departments d ON d.hospital_id = h.id "
		"WHERE CAST(?1 AS TEXT) IS NULL OR h.code = ?1 "
		"ORDER BY h.code, d.code IS NOT NULL, d.code", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, hospital_code);
	int rc, k = PX_OK;
	int64_t last = 0;
	while (k == PX_OK && (rc = px_stmt_step(s, err)) == 1) {
		int64_t hid = px_stmt_col_int(s, 0);
		if (!directory && !px_auth_in_scope(cx->actor, hid))
			continue;
		if (hid != last) {
			last = hid;
			struct px_rec *h = px_rec_new("hospital");
			if (!directory)
				px_rec_set_str(h, "id", px_stmt_col_text(s, 1));
			px_rec_set_null(h, "hospital");
			px_rec_set_str(h, "code", px_stmt_col_text(s, 2));
			px_rec_set_str(h, "name", px_stmt_col_text(s, 3));
			px_rec_set_str(h, "name_ar", px_stmt_col_isnull(s, 4) ? NULL : px_stmt_col_text(s, 4));
			k = px_emit(cx, h, err);
			px_rec_free(h);
		}
		if (k || px_stmt_col_isnull(s, 5))
			continue;
		struct px_rec *d = px_rec_new("department");
		if (!directory)
			px_rec_set_str(d, "id", px_stmt_col_text(s, 5));
		px_rec_set_str(d, "hospital", px_stmt_col_text(s, 2));
		px_rec_set_str(d, "code", px_stmt_col_text(s, 6));
		px_rec_set_str(d, "name", px_stmt_col_text(s, 7));
		px_rec_set_str(d, "name_ar", px_stmt_col_isnull(s, 8) ? NULL : px_stmt_col_text(s, 8));
		k = px_emit(cx, d, err);
		px_rec_free(d);
	}
	px_stmt_reset(s);
	if (k)
		return k;
	return rc < 0 ? err->code : PX_OK;
}
