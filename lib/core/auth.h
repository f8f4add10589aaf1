/* auth.h - the acting user, roles and hospital scope. */
#ifndef PX_AUTH_H
#define PX_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

/* Ordered: a higher role may do what a lower one may. */
enum px_role {
	PX_ROLE_VIEWER = 1,
	PX_ROLE_STAFF,
	PX_ROLE_DEPARTMENT_MANAGER,
	PX_ROLE_HOSPITAL_ADMIN,
	PX_ROLE_PX_ADMIN,
};

int px_role_parse(const char *name, enum px_role *out);
const char *px_role_name(enum px_role r);

/* Hospital scope for px_auth_require. */
#define PX_SCOPE_NONE 0   /* the action concerns no hospital */
#define PX_SCOPE_ALL (-1) /* the action concerns every hospital */

struct px_user {
	int64_t id;
	char name[128];
	enum px_role role;
	int64_t *hospitals; /* ids of the hospitals in scope */
	size_t nhospitals;
	int64_t *departments; /* ids of the departments it manages; none: all */
	size_t ndepartments;
};

/* The acting user's name: as (from --as) when given, else $PX_USER, else
 * the login name of the real user id.  -1 with PX_EPERM when none. */
int px_auth_actor_name(const char *as, char *out, size_t size, struct px_err *err);
/* Loads an active user by name.  -1 with PX_EPERM when unknown or
 * deactivated. */
int px_auth_load(struct px_store *st, const char *name, struct px_user *u,
		 struct px_err *err);
void px_auth_free(struct px_user *u);
/* Whether the hospital is in the user's scope (px_admin: every one). */
int px_auth_in_scope(const struct px_user *u, int64_t hospital_id);
/* Whether u manages the department (a user given no departments manages
 * every one of its hospitals; 0 is no department). */
int px_auth_manages(const struct px_user *u, int64_t department_id);
/* 0 when u has at least role min and, unless hospital is PX_SCOPE_NONE,
 * the hospital in scope (PX_SCOPE_ALL: only px_admin).  Otherwise -1 with
 * PX_EPERM: "permission denied: NAME (ROLE) may not WHAT". */
int px_auth_require(const struct px_user *u, enum px_role min, int64_t hospital,
		    const char *what, struct px_err *err);

#endif
