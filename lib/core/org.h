/* org.h - hospitals and departments. */
#ifndef PX_ORG_H
#define PX_ORG_H

#include <stdint.h>

#include "core/auth.h"
#include "base/err.h"
#include "records/record.h"
#include "store/store.h"

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
 * Applies one organisation record: type "hospital" (code, name, name_ar)
 * or "department" (hospital, code, name, name_ar); a record without a type
 * is a department when it names a hospital, else a hospital.  Inserts or
 * updates in one transaction with its audit event; an identical record
 * changes nothing.  Returns 1 when the record is of another type (the
 * caller passes it on), 0 when applied (*changed says whether anything
 * changed), -1 when rejected (PX_EREJECT or PX_EPERM), -2 on store failure.
 */
int px_org_apply(struct px_store *st, const struct px_user *actor,
		 struct px_rec *r, int *changed, struct px_err *err);

/* Calls fn with every hospital, then its departments, ordered by code; as
 * records of type "hospital" and "department".  Only hospitals in the
 * user's scope, and only hospital_code when given. */
int px_org_each(struct px_store *st, const struct px_user *u, const char *hospital_code,
		int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err);

#endif
