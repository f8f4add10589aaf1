/* audit.h - the append-only trail of every state change. */
#ifndef PX_AUDIT_H
#define PX_AUDIT_H

#include <stdint.h>

#include "base/err.h"
#include "records/record.h"
#include "store/store.h"
#include "core/ctx.h"

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

/* Emits each matching event, oldest first, as a record of type "audit".
 * The audit trail is a px_admin's to read. */
int px_audit_list(struct px_ctx *cx, const struct px_audit_filter *f, struct px_err *err);

#endif
