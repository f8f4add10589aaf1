/* org.c - loading and listing hospitals and departments. */
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

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Field checks shared by both kinds; 0 ok, -1 rejected. */
static int check_fields(struct px_rec *r, const char *kind, struct px_err *err)
{
	const char *code = px_rec_get(r, "code"), *name = px_rec_get(r, "name");
	if (!code)
		return px_err_set(err, PX_EREJECT, "%s has no 'code'", kind);
	if (!px_org_code_ok(code))
		return px_err_set(err, PX_EREJECT, "bad %s code '%s'", kind, code);
	if (!name || !*name)
		return px_err_set(err, PX_EREJECT, "%s '%s' has no 'name'", kind, code);
	return 0;
}

/* The audit details of an org change: code and names. */
static struct px_rec *details(const char *code, const char *name, const char *name_ar)
{
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "code", code);
	px_rec_set_str(d, "name", name);
	if (name_ar)
		px_rec_set_str(d, "name_ar", name_ar);
	return d;
}

static int apply_hospital(struct px_store *st, const struct px_user *actor,
			  struct px_rec *r, int *changed, struct px_err *err)
{
	if (check_fields(r, "hospital", err))
		return -1;
	const char *code = px_rec_get(r, "code"), *name = px_rec_get(r, "name");
	const char *name_ar = px_rec_get(r, "name_ar");
	char what[160];
	snprintf(what, sizeof what, "load hospital '%s'", code);
	if (px_auth_require(actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, what, err))
		return -1;
	int64_t now;
	char at[PX_TIME_UTC_LEN], pid[PX_ID_LEN];
	if (px_time_now(&now, err))
		return -2;
	px_time_format_utc(now, at);
	if (px_store_begin(st, err))
		return -2;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT public_id, name, name_ar FROM hospitals WHERE code = ?1", err);
	if (!s)
		goto fail;
	px_stmt_text(s, 1, code);
	int rc = px_stmt_step(s, err);
	if (rc < 0)
		goto fail;
	const char *action = NULL;
	if (rc == 0) {
		px_stmt_reset(s);
		if (px_id_new("hsp", pid, err))
			goto fail;
		s = px_stmt_prepare(st,
			"INSERT INTO hospitals (public_id, code, name, name_ar, created_at, updated_at) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?5)", err);
		if (!s)
			goto fail;
		px_stmt_text(s, 1, pid);
		px_stmt_text(s, 2, code);
		px_stmt_text(s, 3, name);
		px_stmt_text(s, 4, name_ar);
		px_stmt_text(s, 5, at);
		action = "hospital_created";
	} else {
		px_strlcpy(pid, px_stmt_col_text(s, 0), sizeof pid);
		int differs = !same(px_stmt_col_text(s, 1), name) ||
			      !same(px_stmt_col_text(s, 2), name_ar);
		px_stmt_reset(s);
		if (differs) {
			s = px_stmt_prepare(st,
				"UPDATE hospitals SET name = ?2, name_ar = ?3, updated_at = ?4 "
				"WHERE code = ?1", err);
			if (!s)
				goto fail;
			px_stmt_text(s, 1, code);
			px_stmt_text(s, 2, name);
			px_stmt_text(s, 3, name_ar);
			px_stmt_text(s, 4, at);
			action = "hospital_updated";
		}
	}
	*changed = action != NULL;
	if (action) {
		if (px_stmt_run(s, err))
			goto fail;
		struct px_rec *d = details(code, name, name_ar);
		rc = px_audit_record(st, actor->name, action, "hospital", pid, d, err);
		px_rec_free(d);
		if (rc)
			goto fail;
	}
	return px_store_commit(st, err) ? -2 : 0;
fail:
	px_store_rollback(st);
	return err->code == PX_EREJECT ? -1 : -2;
}

static int apply_department(struct px_store *st, const struct px_user *actor,
			    struct px_rec *r, int *changed, struct px_err *err)
{
	if (check_fields(r, "department", err))
		return -1;
	const char *code = px_rec_get(r, "code"), *name = px_rec_get(r, "name");
	const char *name_ar = px_rec_get(r, "name_ar"), *hosp = px_rec_get(r, "hospital");
	if (!hosp || !*hosp)
		return px_err_set(err, PX_EREJECT, "department '%s' has no 'hospital'", code), -1;
	int64_t hid;
	int rc = px_org_hospital_id(st, hosp, &hid, err);
	if (rc < 0)
		return -2;
	if (rc == 0)
		return px_err_set(err, PX_EREJECT, "unknown hospital '%s'", hosp), -1;
	char what[200];
	snprintf(what, sizeof what, "load departments of hospital '%s'", hosp);
	if (px_auth_require(actor, PX_ROLE_HOSPITAL_ADMIN, hid, what, err))
		return -1;
	int64_t now;
	char at[PX_TIME_UTC_LEN], pid[PX_ID_LEN];
	if (px_time_now(&now, err))
		return -2;
	px_time_format_utc(now, at);
	if (px_store_begin(st, err))
		return -2;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT public_id, name, name_ar FROM departments "
		"WHERE hospital_id = ?1 AND code = ?2", err);
	if (!s)
		goto fail;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, code);
	rc = px_stmt_step(s, err);
	if (rc < 0)
		goto fail;
	const char *action = NULL;
	if (rc == 0) {
		px_stmt_reset(s);
		if (px_id_new("dep", pid, err))
			goto fail;
		s = px_stmt_prepare(st,
			"INSERT INTO departments (public_id, hospital_id, code, name, name_ar, "
			"created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", err);
		if (!s)
			goto fail;
		px_stmt_text(s, 1, pid);
		px_stmt_int(s, 2, hid);
		px_stmt_text(s, 3, code);
		px_stmt_text(s, 4, name);
		px_stmt_text(s, 5, name_ar);
		px_stmt_text(s, 6, at);
		action = "department_created";
	} else {
		px_strlcpy(pid, px_stmt_col_text(s, 0), sizeof pid);
		int differs = !same(px_stmt_col_text(s, 1), name) ||
			      !same(px_stmt_col_text(s, 2), name_ar);
		px_stmt_reset(s);
		if (differs) {
			s = px_stmt_prepare(st,
				"UPDATE departments SET name = ?3, name_ar = ?4, updated_at = ?5 "
				"WHERE hospital_id = ?1 AND code = ?2", err);
			if (!s)
				goto fail;
			px_stmt_int(s, 1, hid);
			px_stmt_text(s, 2, code);
			px_stmt_text(s, 3, name);
			px_stmt_text(s, 4, name_ar);
			px_stmt_text(s, 5, at);
			action = "department_updated";
		}
	}
	*changed = action != NULL;
	if (action) {
		if (px_stmt_run(s, err))
			goto fail;
		struct px_rec *d = details(code, name, name_ar);
		px_rec_set_str(d, "hospital", hosp);
		rc = px_audit_record(st, actor->name, action, "department", pid, d, err);
		px_rec_free(d);
		if (rc)
			goto fail;
	}
	return px_store_commit(st, err) ? -2 : 0;
fail:
	px_store_rollback(st);
	return err->code == PX_EREJECT ? -1 : -2;
}

int px_org_apply(struct px_store *st, const struct px_user *actor,
		 struct px_rec *r, int *changed, struct px_err *err)
{
	const char *type = px_rec_type(r);
	*changed = 0;
	if (!type)
		type = px_rec_has(r, "hospital") ? "department" : "hospital";
	if (!strcmp(type, "hospital"))
		return apply_hospital(st, actor, r, changed, err);
	if (!strcmp(type, "department"))
		return apply_department(st, actor, r, changed, err);
	return 1;
}

int px_org_each(struct px_store *st, const struct px_user *u, const char *hospital_code,
		int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT h.id, h.public_id, h.code, h.name, h.name_ar, d.public_id, d.code, "
		"d.name, d.name_ar FROM hospitals h LEFT JOIN departments d ON d.hospital_id = h.id "
		"WHERE ?1 IS NULL OR h.code = ?1 ORDER BY h.code, d.code IS NOT NULL, d.code", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, hospital_code);
	int rc, k = 0;
	int64_t last = 0;
	while ((rc = px_stmt_step(s, err)) == 1) {
		int64_t hid = px_stmt_col_int(s, 0);
		if (!px_auth_in_scope(u, hid))
			continue;
		if (hid != last) {
			last = hid;
			struct px_rec *h = px_rec_new("hospital");
			px_rec_set_str(h, "id", px_stmt_col_text(s, 1));
			px_rec_set_null(h, "hospital");
			px_rec_set_str(h, "code", px_stmt_col_text(s, 2));
			px_rec_set_str(h, "name", px_stmt_col_text(s, 3));
			px_rec_set_str(h, "name_ar", px_stmt_col_isnull(s, 4) ? NULL : px_stmt_col_text(s, 4));
			k = fn(h, ctx);
			px_rec_free(h);
			if (k)
				break;
		}
		if (px_stmt_col_isnull(s, 5))
			continue;
		struct px_rec *d = px_rec_new("department");
		px_rec_set_str(d, "id", px_stmt_col_text(s, 5));
		px_rec_set_str(d, "hospital", px_stmt_col_text(s, 2));
		px_rec_set_str(d, "code", px_stmt_col_text(s, 6));
		px_rec_set_str(d, "name", px_stmt_col_text(s, 7));
		px_rec_set_str(d, "name_ar", px_stmt_col_isnull(s, 8) ? NULL : px_stmt_col_text(s, 8));
		k = fn(d, ctx);
		px_rec_free(d);
		if (k)
			break;
	}
	px_stmt_reset(s);
	return rc < 0 ? -1 : k;
}
