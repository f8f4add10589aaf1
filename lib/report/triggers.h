/*
 * triggers.h - raise --from-store over everything: the triggers the
 * store holds (cases/raise.h) and the report figures the rules of
 * events report.KIND name with by= and period=, each run for the last
 * whole period before now.
 */
#ifndef PX_REPORT_TRIGGERS_H
#define PX_REPORT_TRIGGERS_H

#include "base/err.h"
#include "core/ctx.h"

/* px_raise_from_store, then each report rule's figures of the last whole
 * period (month by default), every figure raised in a transaction of its
 * own.  *counts: triggers and figures seen, actions raised. */
int px_report_raise(struct px_ctx *cx, long counts[2], struct px_err *err);

#endif
