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
 * clear.  Call it inside the transaction that makes the change.  The row
 * is chained to the one before it (audit.c says how) under the store's
 * audit key: PX_EINPUT when the store has none.
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

/* Checks the whole chain, oldest row first, and emits one record of type
 * "audit.verify": status "ok" or "broken", rows (those that verified, before any broken one), legacy (rows
 * from before the chain, covered by the first row after them), broken
 * (the first broken row's id, or null) and hash (the newest row's chain
 * value when all is well, to be kept elsewhere: it shows a removal of
 * the newest rows).  PX_EREJECT, err naming the first broken row, when
 * a row was changed, removed, added or moved; px_admin only. */
int px_audit_verify(struct px_ctx *cx, struct px_err *err);

#endif
