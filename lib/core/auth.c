/* auth.c - roles, scope checks and who is acting. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"
#include "base/mem.h"
#include "base/banned.h"

static const char *const role_names[] = {
	NULL, "viewer", "staff", "department_manager", "hospital_admin", "px_admin",
};

int px_role_parse(const char *name, enum px_role *out)
{
	for (int i = PX_ROLE_VIEWER; i <= PX_ROLE_PX_ADMIN; i++)
		if (name && !strcmp(name, role_names[i])) {
			*out = (enum px_role)i;
			return 0;
		}
	return -1;
}

const char *px_role_name(enum px_role r)
{
	return r >= PX_ROLE_VIEWER && r <= PX_ROLE_PX_ADMIN ? role_names[r] : "none";
}

int px_auth_actor_name(const char *as, char *out, size_t size, struct px_err *err)
{
	const char *name = as;
	if (!name || !*name)
		name = getenv("PX_USER");
	if (!name || !*name) {
		struct passwd *pw = getpwuid(getuid());
		name = pw ? pw->pw_name : NULL;
	}
	if (!name || !*name)
		return px_err_set(err, PX_EPERM, "permission denied: cannot tell who is acting (use --as or PX_USER)");
	if (px_strlcpy(out, name, size) >= size)
		return px_err_set(err, PX_EPERM, "permission denied: user name too long");
	return 0;
}

int px_auth_load(struct px_store *st, const char *name, struct px_user *u,
		 struct px_err *err)
{
	memset(u, 0, sizeof *u);
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, role, active FROM users WHERE name = ?1", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, name);
	int rc = px_stmt_step(s, err);
	if (rc < 0)
		return -1;
	if (rc == 0 || !px_stmt_col_int(s, 2)) {
		px_stmt_reset(s);
		return px_err_set(err, PX_EPERM, "permission denied: %s user '%s'",
				  rc == 0 ? "unknown" : "deactivated", name);
	}
	u->id = px_stmt_col_int(s, 0);
	px_role_parse(px_stmt_col_text(s, 1), &u->role);
	px_strlcpy(u->name, name, sizeof u->name);
	px_stmt_reset(s);
	s = px_stmt_prepare(st, "SELECT hospital_id FROM user_hospitals WHERE user_id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, u->id);
	while ((rc = px_stmt_step(s, err)) == 1) {
		u->hospitals = px_xrealloc(u->hospitals, (u->nhospitals + 1) * sizeof *u->hospitals);
		u->hospitals[u->nhospitals++] = px_stmt_col_int(s, 0);
	}
	if (rc < 0)
		return -1;
	s = px_stmt_prepare(st, "SELECT department_id FROM user_departments WHERE user_id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, u->id);
	while ((rc = px_stmt_step(s, err)) == 1) {
		u->departments = px_xrealloc(u->departments,
					     (u->ndepartments + 1) * sizeof *u->departments);
		u->departments[u->ndepartments++] = px_stmt_col_int(s, 0);
	}
	return rc < 0 ? -1 : 0;
}

void px_auth_free(struct px_user *u)
{
	free(u->hospitals);
	u->hospitals = NULL;
	u->nhospitals = 0;
	free(u->departments);
	u->departments = NULL;
	u->ndepartments = 0;
}

int px_auth_manages(const struct px_user *u, int64_t department_id)
{
	if (!u->ndepartments)
		return 1;
	for (size_t i = 0; i < u->ndepartments; i++)
		if (u->departments[i] == department_id)
			return 1;
	return 0;
}

int px_auth_in_scope(const struct px_user *u, int64_t hospital_id)
{
	if (u->role == PX_ROLE_PX_ADMIN)
		return 1;
	for (size_t i = 0; i < u->nhospitals; i++)
		if (u->hospitals[i] == hospital_id)
			return 1;
	return 0;
}

int px_auth_require(const struct px_user *u, enum px_role min, int64_t hospital,
		    const char *what, struct px_err *err)
{
	int ok = u->role >= min;
	if (ok && hospital == PX_SCOPE_ALL)
		ok = u->role == PX_ROLE_PX_ADMIN;
	else if (ok && hospital != PX_SCOPE_NONE)
		ok = px_auth_in_scope(u, hospital);
	if (ok)
		return 0;
	return px_err_set(err, PX_EPERM, "permission denied: '%s' (%s) may not %s",
			  u->name, px_role_name(u->role), what);
}
