/* user.c - managing px users and their hospital scope. */
#include <stdlib.h>
#include <string.h>

#include "base/address.h"
#include "core/audit.h"
#include "base/mem.h"
#include "core/org.h"
#include "base/time.h"
#include "base/token.h"
#include "core/user.h"
#include "base/banned.h"

static int name_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n >= 1 && n <= 64 && s[0] != '-' &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-") == n;
}

/* Target user's id, public id and role: 1 found, 0 not, -1 error. */
static int find_user(struct px_store *st, const char *name, int64_t *id,
		     char pid[PX_ID_LEN], enum px_role *role, int *active, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, public_id, role, active FROM users WHERE name = ?1", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, name);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		*id = px_stmt_col_int(s, 0);
		px_strlcpy(pid, px_stmt_col_text(s, 1), PX_ID_LEN);
		px_role_parse(px_stmt_col_text(s, 2), role);
		*active = (int)px_stmt_col_int(s, 3);
	}
	px_stmt_reset(s);
	return rc;
}

/* May actor manage a user of role target in hospital hid (0: no
 * particular hospital)? */
static int may_manage(const struct px_user *actor, enum px_role target, int64_t hid,
		      const char *name, struct px_err *err)
{
	char what[200];
	snprintf(what, sizeof what, "manage user '%s'", name);
	if (actor->role == PX_ROLE_PX_ADMIN)
		return 0;
	if (actor->role != PX_ROLE_HOSPITAL_ADMIN || target >= PX_ROLE_HOSPITAL_ADMIN)
		return px_auth_require(actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, what, err);
	return px_auth_require(actor, PX_ROLE_HOSPITAL_ADMIN,
			       hid ? hid : PX_SCOPE_NONE, what, err);
}

/* A hospital_admin may only touch users all of whose hospitals it holds. */
static int may_touch_existing(struct px_store *st, const struct px_user *actor, int64_t uid,
			      enum px_role role, const char *name, struct px_err *err)
{
	if (may_manage(actor, role, 0, name, err))
		return -1;
	if (actor->role == PX_ROLE_PX_ADMIN)
		return 0;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT hospital_id FROM user_hospitals WHERE user_id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, uid);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1)
		if (!px_auth_in_scope(actor, px_stmt_col_int(s, 0))) {
			px_stmt_reset(s);
			return may_manage(actor, PX_ROLE_PX_ADMIN, 0, name, err);
		}
	return rc;
}

/* Adds or removes each hospital of u to user uid, with audit events. */
static int scope_change(struct px_store *st, const struct px_user *actor, int64_t uid,
			const char *pid, enum px_role role, const struct px_user_spec *u,
			int add, struct px_err *err)
{
	for (const char *const *h = u->hospitals; h && *h; h++) {
		int64_t hid;
		int rc = px_org_hospital_id(st, *h, &hid, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return px_err_set(err, PX_EINPUT, "unknown hospital '%s'", *h);
		if (may_manage(actor, role, hid, u->name, err))
			return -1;
		struct px_stmt *s = px_stmt_prepare(st, add
			? "INSERT INTO user_hospitals (user_id, hospital_id) VALUES (?1, ?2) "
			  "ON CONFLICT DO NOTHING"
			: "DELETE FROM user_hospitals WHERE user_id = ?1 AND hospital_id = ?2", err);
		if (!s)
			return -1;
		px_stmt_int(s, 1, uid);
		px_stmt_int(s, 2, hid);
		if (px_stmt_run(s, err))
			return -1;
		if (!px_store_changes(st))
			continue;
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "user", u->name);
		px_rec_set_str(d, "hospital", *h);
		rc = px_audit_record(st, actor->name, add ? "user_hospital_granted" : "user_hospital_revoked",
				     "user", pid, d, err);
		px_rec_free(d);
		if (rc)
			return -1;
	}
	return 0;
}

/* Adds or removes each department of u for user uid (a department of
 * one of its hospitals, by code), with audit events. */
static int departments_change(struct px_store *st, const struct px_user *actor, int64_t uid,
			      const char *pid, const struct px_user_spec *u, int add,
			      struct px_err *err)
{
	for (const char *const *d = u->departments; d && *d; d++) {
		struct px_stmt *s = px_stmt_prepare(st,
			"SELECT d.id, d.hospital_id FROM departments d JOIN user_hospitals uh "
			"ON uh.hospital_id = d.hospital_id WHERE uh.user_id = ?1 AND d.code = ?2", err);
		if (!s)
			return -1;
		px_stmt_int(s, 1, uid);
		px_stmt_text(s, 2, *d);
		int64_t did = 0, hid = 0;
		int rc, n = 0;
		while ((rc = px_stmt_step(s, err)) == 1) {
			did = px_stmt_col_int(s, 0);
			hid = px_stmt_col_int(s, 1);
			n++;
		}
		if (rc < 0)
			return -1;
		if (n == 0)
			return px_err_set(err, PX_EINPUT, "unknown department '%s' in the hospitals "
					  "of '%s'", *d, u->name);
		if (n > 1)
			return px_err_set(err, PX_EUSAGE, "department '%s' is in more than one of "
					  "the hospitals of '%s'", *d, u->name);
		if (may_manage(actor, PX_ROLE_DEPARTMENT_MANAGER, hid, u->name, err))
			return -1;
		s = px_stmt_prepare(st, add
			? "INSERT INTO user_departments (user_id, department_id) VALUES (?1, ?2) "
			  "ON CONFLICT DO NOTHING"
			: "DELETE FROM user_departments WHERE user_id = ?1 AND department_id = ?2", err);
		if (!s)
			return -1;
		px_stmt_int(s, 1, uid);
		px_stmt_int(s, 2, did);
		if (px_stmt_run(s, err))
			return -1;
		if (!px_store_changes(st))
			continue;
		struct px_rec *r = px_rec_new(NULL);
		px_rec_set_str(r, "user", u->name);
		px_rec_set_str(r, "department", *d);
		rc = px_audit_record(st, actor->name,
				     add ? "user_department_granted" : "user_department_revoked",
				     "user", pid, r, err);
		px_rec_free(r);
		if (rc)
			return -1;
	}
	return 0;
}

/* Ends a verb's transaction: rolled back with err's status when rc
 * says it failed, else committed. */
static int finish(struct px_store *st, int rc, struct px_err *err)
{
	if (rc) {
		px_store_rollback(st);
		return err->code ? err->code : PX_ESTORE;
	}
	return px_store_commit(st, err);
}

int px_user_add(struct px_ctx *cx, const struct px_user_spec *u, struct px_err *err)
{
	struct px_store *st = cx->st;
	const struct px_user *actor = cx->actor;
	enum px_role role;
	if (!name_ok(u->name))
		return px_fail(err, PX_EUSAGE, "bad user name '%s'", u->name ? u->name : "");
	if (!u->role || px_role_parse(u->role, &role))
		return px_fail(err, PX_EUSAGE, "unknown role '%s'", u->role ? u->role : "");
	if (role != PX_ROLE_PX_ADMIN && (!u->hospitals || !u->hospitals[0]))
		return px_fail(err, PX_EUSAGE, "a %s needs at least one --hospital", u->role);
	char phone[PX_PHONE_LEN], why[sizeof err->text];
	if (u->email && px_email_check(u->email, err)) {
		px_strlcpy(why, err->text, sizeof why);
		return px_fail(err, PX_EUSAGE, "--email '%s': %s", u->email, why);
	}
	if (u->phone && px_phone_normalise(u->phone, phone, err)) {
		px_strlcpy(why, err->text, sizeof why);
		return px_fail(err, PX_EUSAGE, "--phone '%s': %s", u->phone, why);
	}
	char at[PX_TIME_UTC_LEN], pid[PX_ID_LEN];
	px_time_format_utc(px_now(cx), at);
	if (px_store_begin(st, err))
		return err->code;
	int64_t uid;
	enum px_role old;
	int active;
	char oldpid[PX_ID_LEN];
	int rc = find_user(st, u->name, &uid, oldpid, &old, &active, err);
	if (rc == 1)
		rc = px_err_set(err, PX_EUSAGE, "user '%s' already exists", u->name);
	if (rc < 0)
		return finish(st, -1, err);
	rc = may_manage(actor, role, 0, u->name, err);
	struct px_stmt *s = NULL;
	if (!rc && !px_id_new("usr", pid, err))
		s = px_stmt_prepare(st,
			"INSERT INTO users (public_id, name, full_name, email, phone, role, created_at, "
			"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", err);
	if (!s)
		return finish(st, -1, err);
	px_stmt_text(s, 1, pid);
	px_stmt_text(s, 2, u->name);
	px_stmt_text(s, 3, u->full_name);
	px_stmt_text(s, 4, u->email);
	px_stmt_text(s, 5, u->phone ? phone : NULL);
	px_stmt_text(s, 6, u->role);
	px_stmt_text(s, 7, at);
	if (px_stmt_run(s, err))
		return finish(st, -1, err);
	uid = px_store_last_id(st);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "user", u->name);
	px_rec_set_str(d, "role", u->role);
	rc = px_audit_record(st, actor->name, "user_added", "user", pid, d, err);
	px_rec_free(d);
	if (!rc)
		rc = scope_change(st, actor, uid, pid, role, u, 1, err);
	if (!rc)
		rc = departments_change(st, actor, uid, pid, u, 1, err);
	return finish(st, rc, err);
}

int px_user_grant(struct px_ctx *cx, const struct px_user_spec *u, struct px_err *err)
{
	struct px_store *st = cx->st;
	const struct px_user *actor = cx->actor;
	enum px_role role = 0;
	if (u->role && px_role_parse(u->role, &role))
		return px_fail(err, PX_EUSAGE, "unknown role '%s'", u->role);
	if (px_store_begin(st, err))
		return err->code;
	int64_t uid;
	enum px_role old;
	int active;
	char pid[PX_ID_LEN], at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	int rc = find_user(st, u->name, &uid, pid, &old, &active, err);
	if (rc == 0)
		rc = px_err_set(err, PX_EINPUT, "unknown user '%s'", u->name);
	if (rc < 0 || may_touch_existing(st, actor, uid, old, u->name, err))
		return finish(st, -1, err);
	if (!role)
		role = old;
	if (may_manage(actor, role, 0, u->name, err))
		return finish(st, -1, err);
	if (!active) {
		/* A grant gives a deactivated user back its access. */
		struct px_stmt *s = px_stmt_prepare(st,
			"UPDATE users SET active = 1, updated_at = ?2 WHERE id = ?1", err);
		if (!s)
			return finish(st, -1, err);
		px_stmt_int(s, 1, uid);
		px_stmt_text(s, 2, at);
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "user", u->name);
		rc = px_stmt_run(s, err);
		if (!rc)
			rc = px_audit_record(st, actor->name, "user_reactivated", "user", pid, d, err);
		px_rec_free(d);
		if (rc)
			return finish(st, -1, err);
	}
	if (role != old) {
		struct px_stmt *s = px_stmt_prepare(st,
			"UPDATE users SET role = ?2, updated_at = ?3 WHERE id = ?1", err);
		if (!s)
			return finish(st, -1, err);
		px_stmt_int(s, 1, uid);
		px_stmt_text(s, 2, px_role_name(role));
		px_stmt_text(s, 3, at);
		if (px_stmt_run(s, err))
			return finish(st, -1, err);
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "user", u->name);
		px_rec_set_str(d, "from", px_role_name(old));
		px_rec_set_str(d, "to", px_role_name(role));
		rc = px_audit_record(st, actor->name, "user_role_changed", "user", pid, d, err);
		px_rec_free(d);
		if (rc)
			return finish(st, -1, err);
	}
	rc = scope_change(st, actor, uid, pid, role, u, 1, err);
	if (!rc)
		rc = departments_change(st, actor, uid, pid, u, 1, err);
	return finish(st, rc, err);
}

int px_user_revoke(struct px_ctx *cx, const struct px_user_spec *u, struct px_err *err)
{
	struct px_store *st = cx->st;
	const struct px_user *actor = cx->actor;
	if (px_store_begin(st, err))
		return err->code;
	int64_t uid;
	enum px_role role;
	int active;
	char pid[PX_ID_LEN], at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	int rc = find_user(st, u->name, &uid, pid, &role, &active, err);
	if (rc == 0)
		rc = px_err_set(err, PX_EINPUT, "unknown user '%s'", u->name);
	if (rc < 0 || may_touch_existing(st, actor, uid, role, u->name, err))
		return finish(st, -1, err);
	if ((u->hospitals && u->hospitals[0]) || (u->departments && u->departments[0])) {
		rc = departments_change(st, actor, uid, pid, u, 0, err);
		if (!rc)
			rc = scope_change(st, actor, uid, pid, role, u, 0, err);
		return finish(st, rc, err);
	}
	if (uid == actor->id)
		return finish(st, px_err_set(err, PX_EUSAGE, "'%s' may not deactivate itself", u->name), err);
	struct px_stmt *s = px_stmt_prepare(st,
		"UPDATE users SET active = 0, updated_at = ?2 WHERE id = ?1 AND active = 1", err);
	if (!s)
		return finish(st, -1, err);
	px_stmt_int(s, 1, uid);
	px_stmt_text(s, 2, at);
	if (px_stmt_run(s, err))
		return finish(st, -1, err);
	if (px_store_changes(st)) {
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "user", u->name);
		rc = px_audit_record(st, actor->name, "user_deactivated", "user", pid, d, err);
		px_rec_free(d);
	}
	return finish(st, rc, err);
}

int px_user_bootstrap(struct px_ctx *cx, const char *name, int *added, struct px_err *err)
{
	struct px_store *st = cx->st;
	*added = 0;
	if (!name_ok(name))
		return px_fail(err, PX_EUSAGE, "bad user name '%s'", name);
	if (px_store_begin(st, err))
		return err->code;
	struct px_stmt *s = px_stmt_prepare(st, "SELECT count(*) FROM users", err);
	if (!s || px_stmt_step(s, err) != 1)
		return finish(st, -1, err);
	int64_t n = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	if (n)
		return finish(st, 0, err);
	char at[PX_TIME_UTC_LEN], pid[PX_ID_LEN];
	px_time_format_utc(px_now(cx), at);
	if (px_id_new("usr", pid, err))
		return finish(st, -1, err);
	s = px_stmt_prepare(st,
		"INSERT INTO users (public_id, name, role, created_at, updated_at) "
		"VALUES (?1, ?2, 'px_admin', ?3, ?3)", err);
	if (!s)
		return finish(st, -1, err);
	px_stmt_text(s, 1, pid);
	px_stmt_text(s, 2, name);
	px_stmt_text(s, 3, at);
	if (px_stmt_run(s, err))
		return finish(st, -1, err);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "user", name);
	px_rec_set_str(d, "role", "px_admin");
	int rc = px_audit_record(st, name, "store_initialised", "user", pid, d, err);
	px_rec_free(d);
	*added = !rc;
	return finish(st, rc, err);
}

/* Whether the viewer may see user uid: px_admin sees everyone, others
 * the users who share one of their hospitals. */
static int visible(struct px_store *st, const struct px_user *viewer, int64_t uid,
		   struct px_err *err)
{
	if (viewer->role == PX_ROLE_PX_ADMIN)
		return 1;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT hospital_id FROM user_hospitals WHERE user_id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, uid);
	int rc, seen = 0;
	while ((rc = px_stmt_step(s, err)) == 1)
		if (px_auth_in_scope(viewer, px_stmt_col_int(s, 0)))
			seen = 1;
	return rc < 0 ? -1 : seen;
}

int px_user_list(struct px_ctx *cx, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_HOSPITAL_ADMIN, PX_SCOPE_NONE, "list users", err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT u.public_id, u.name, u.role, u.active, u.full_name, u.email, "
		"(SELECT string_agg(code, ',') FROM (SELECT h.code FROM user_hospitals uh "
		"JOIN hospitals h ON h.id = uh.hospital_id WHERE uh.user_id = u.id ORDER BY h.code) "
		"AS hc), "
		"u.phone, u.id, "
		"(SELECT string_agg(code, ',') FROM (SELECT d.code FROM user_departments ud "
		"JOIN departments d ON d.id = ud.department_id WHERE ud.user_id = u.id ORDER BY d.code) "
		"AS dc) "
		"FROM users u ORDER BY u.name", err);
	if (!s)
		return err->code;
	int rc, k = PX_OK;
	while (k == PX_OK && (rc = px_stmt_step(s, err)) == 1) {
		int v = visible(cx->st, cx->actor, px_stmt_col_int(s, 8), err);
		if (v < 0)
			break;
		if (!v)
			continue;
		struct px_rec *r = px_rec_new("user");
		px_rec_set_str(r, "id", px_stmt_col_text(s, 0));
		px_rec_set_str(r, "name", px_stmt_col_text(s, 1));
		px_rec_set_str(r, "role", px_stmt_col_text(s, 2));
		px_rec_set_bool(r, "active", (int)px_stmt_col_int(s, 3));
		px_rec_set_str(r, "hospitals", px_stmt_col_isnull(s, 6) ? NULL : px_stmt_col_text(s, 6));
		px_rec_set_str(r, "departments", px_stmt_col_isnull(s, 9) ? NULL : px_stmt_col_text(s, 9));
		px_rec_set_str(r, "full_name", px_stmt_col_isnull(s, 4) ? NULL : px_stmt_col_text(s, 4));
		px_rec_set_str(r, "email", px_stmt_col_isnull(s, 5) ? NULL : px_stmt_col_text(s, 5));
		px_rec_set_str(r, "phone", px_stmt_col_isnull(s, 7) ? NULL : px_stmt_col_text(s, 7));
		k = px_emit(cx, r, err);
		px_rec_free(r);
	}
	px_stmt_reset(s);
	if (k)
		return k;
	return rc < 0 ? err->code : PX_OK;
}
