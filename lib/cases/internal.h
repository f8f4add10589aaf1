/*
 * internal.h - what the files of the cases layer share about a stored
 * case; not for other layers (they go through case.h).
 */
#ifndef PX_CASES_INTERNAL_H
#define PX_CASES_INTERNAL_H

#include <stdint.h>

#include "base/err.h"
#include "cases/case.h"
#include "core/ctx.h"
#include "records/record.h"

/* A case as the engine reads it before changing it. */
struct kase {
	int64_t id, hospital_id;
	char pid[PX_ID_LEN], ref[PX_CASE_REF_LEN], kind[PX_WF_NAME], state[PX_WF_NAME];
	char *fields; /* JSON */
};

/* The case a reference or public id names; PX_EINPUT when none. */
int px_kase_load(struct px_ctx *cx, const char *ref, struct kase *k, struct px_err *err);
void px_kase_free(struct kase *k);
/* The case must be of wf's kind and the acting user at least min in its
 * hospital (verb names what is done, for the refusal); min
 * PX_WF_ROLE_SYSTEM checks the kind alone. */
int px_kase_allowed(struct px_ctx *cx, const struct px_workflow *wf, const struct kase *k,
		    enum px_role min, const char *verb, struct px_err *err);
/* One timeline entry by the acting user. */
int px_kase_timeline(struct px_ctx *cx, int64_t case_id, const char *at, const char *type,
		     const char *verb, const char *old_state, const char *new_state,
		     const char *text, const char *data, struct px_err *err);
/* The audit row of a change to a case. */
int px_kase_audit(struct px_ctx *cx, const char *action, const char *pid, const char *kind,
		  const char *verb, const char *from, const char *to, struct px_err *err);
/* The case as a record of type "case", as stored now (caller frees). */
struct px_rec *px_kase_rec(struct px_ctx *cx, int64_t id, struct px_err *err);
/* Ends the transaction a verb began: commits and prints what it handed
 * to px_emit_after, or rolls back and drops it; returns rc or the
 * commit's failure. */
int px_kase_end(struct px_ctx *cx, int rc, struct px_err *err);

#endif
