/* org.h - hospitals and departments. */
#ifndef PX_ORG_H
#define PX_ORG_H

#include <stdint.h>

#include "core/auth.h"
#include "base/err.h"
#include "records/record.h"
#include "store/store.h"
#include "core/ctx.h"

/* Whether code is a valid hospital or department code: 1 to 32 of
 * A-Z a-z 0-9 _ - . */
int px_org_code_ok(const char *code);

/* The hospital's row id by code: 1 found, 0 not found, -1 error. */
int px_org_hospital_id(struct px_store *st, const char *code, int64_t *id,
		       struct px_err *err);
/* The department's row id by hospital id and code: 1, 0 or -1. */
int px_org_department_id(struct px_store *st, int64_t hospital_id,
			 const char *code, int64_t *id, struct px_err *err);

/*
 * The hospital's row id by code, for a verb that acts on it: PX_EINPUT
 * "unknown hospital 'X'" when there is none, PX_EPERM unless the acting
 * user has role min in it ("may not WHAT").
 */
int px_org_hospital(struct px_ctx *cx, const char *code, enum px_role min, const char *what,
		    int64_t *id, struct px_err *err);

/*
 * A record handler (ctx: the struct px_ctx) for one organisation record:
 * type "hospital" (code, name, name_ar) or "department" (hospital, code,
 * name, name_ar); a record without a type is a department when it names
 * a hospital, else a hospital.  Inserts or updates in one transaction
 * with its audit event; an identical record changes nothing.  Hospitals
 * need a px_admin, departments a hospital_admin of their hospital.
 */
int px_org_apply(struct px_rec *r, void *cx, struct px_err *err);
/* Emits every hospital, then its departments, ordered by code, as
 * records of type "hospital" and "department": the hospitals in the
 * acting user's scope, or only hospital_code when given (an unknown one
 * is PX_EINPUT, one out of scope PX_EPERM). */
int px_org_list(struct px_ctx *cx, const char *hospital_code, struct px_err *err);
/* The same records for every hospital, with their codes and names alone
 * (no ids): what the public forms offer (px-web), for anyone. */
int px_org_directory(struct px_ctx *cx, struct px_err *err);

#endif
