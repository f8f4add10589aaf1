/* user.h - px users: add, grant, revoke, list. */
#ifndef PX_USER_H
#define PX_USER_H

#include "core/auth.h"
#include "base/err.h"
#include "records/record.h"
#include "store/store.h"
#include "core/ctx.h"

struct px_user_spec {
	const char *name;
	const char *role;              /* NULL: leave as it is (grant) */
	const char *const *hospitals;  /* codes, NULL-terminated; may be NULL */
	const char *const *departments; /* codes in the user's hospitals, the same */
	const char *full_name, *email, *phone;
};

/*
 * Each of these checks the actor's rights, changes the store in one
 * transaction and writes the audit events.  A px_admin may do anything; a
 * hospital_admin may manage users below its own role within its own
 * hospitals; others are denied (PX_EPERM).  Bad names or roles are
 * PX_EUSAGE, an unknown user or hospital PX_EINPUT; a store failure is
 * PX_ESTORE.
 */
int px_user_add(struct px_ctx *cx, const struct px_user_spec *u, struct px_err *err);
/* Sets the role when given, adds the hospitals (and the departments a
 * department manager manages, codes of a department of one of its
 * hospitals) to the user's scope, and reactivates a deactivated user. */
int px_user_grant(struct px_ctx *cx, const struct px_user_spec *u, struct px_err *err);
/* Removes the hospitals (and departments) from the user's scope; with
 * none, deactivates the user. */
int px_user_revoke(struct px_ctx *cx, const struct px_user_spec *u, struct px_err *err);
/* The first user of a new store: px_admin, no hospital needed.  Does
 * nothing when the store already has users.  *added says whether it did. */
int px_user_bootstrap(struct px_ctx *cx, const char *name, int *added, struct px_err *err);

/* Emits each user the acting user may see (px_admin: all; a
 * hospital_admin: the users sharing one of its hospitals; others are
 * denied) as a record of type "user", ordered by name. */
int px_user_list(struct px_ctx *cx, struct px_err *err);

#endif
