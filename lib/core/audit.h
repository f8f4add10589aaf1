/* audit.h - the append-only trail of every state change. */
#ifndef PX_AUDIT_H
#define PX_AUDIT_H

#include <stdint.h>

#include "base/err.h"
#include "records/record.h"
#include "store/store.h"

/*
 * Appends one audit event: who acted, the action (snake_case, such as
 * survey_patient_contacted), the object's type and public id, and details
 * (borrowed; NULL for none), which must hold no patient identifier in
 * clear.  Call it inside the transaction that makes the change.
 */
int px_audit_record(struct px_store *st, const char *actor, const char *action,
		    const char *object_type, const char *object_id,
		    const struct px_rec *details, struct px_err *err);

struct px_audit_filter {
	const char *actor, *action, *object; /* NULL: any */
	int64_t since, until;                /* 0: unbounded; until exclusive */
};

/* Calls fn with each matching event, oldest first, as a record of type
 * "audit" (the record is freed after fn returns).  fn returning non-zero
 * stops the walk with that value. */
int px_audit_each(struct px_store *st, const struct px_audit_filter *f,
		  int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err);

#endif
