/*
 * call.h - the calls of the hospitals' call centres (seed 003, module
 * callcenter): each call taken in once from the call centre's export,
 * with its type, agent, times, resolution and the caller's rating, and
 * listed and shown.  A call rated 2 or less is negative feedback; the
 * improvement actions it raises read the table calls and the records of
 * type "call" (px-records(7)), and write neither.
 */
#ifndef PX_CASES_CALL_H
#define PX_CASES_CALL_H

#include <stdint.h>

#include "base/err.h"
#include "core/ctx.h"
#include "records/record.h"

/* The types of call, as stored: "inquiry, complaint, ...". */
const char *px_call_types(void);
/*
 * The stored name of a type of call as an export may spell it: one of
 * the stored names in any case, '-' or ' ' for '_' ("Follow-up",
 * "follow up"), blanks around it ignored.  NULL when it is none.
 */
const char *px_call_type_parse(const char *s);
/*
 * A duration as an export may give it: whole seconds ("95"), or minutes
 * and seconds ("1:35"), or hours, minutes and seconds ("0:01:35"), the
 * minutes and seconds after a colon below 60; blanks around it ignored.
 * 0 and *out set, or -1.
 */
int px_call_seconds_parse(const char *s, long long *out);

/*
 * A record handler (ctx: the struct px_ctx) that takes in one call, inside
 * the caller's transaction (px_cli_loop_tx), whole or not at all: hospital
 * (code), external_id (or call_id: the call centre's id), call_type (or
 * type), started_at (ISO 8601; without an offset, a time of the display
 * zone), agent, wait_seconds, talk_seconds, resolution, rating (1 to 5),
 * department (code), the patient by mrn of that hospital, or by phone
 * (the one patient of the hospital with that number; a number that is no
 * patient's, or several patients', leaves the call unmatched), notes.
 * Blanks around a value are ignored and an empty value is absent.  staff
 * or above in the hospital.
 *
 * A call whose hospital and external id are stored already with the same
 * details changes nothing; with other details it is rejected, never
 * merged.  The patient is a detail when the record names it by mrn, or
 * names none; a patient found by phone is not (who has a number changes).
 * Emits the call (type "call") once committed, a call stored already too.
 * A record is a call when its type is "call", none, or a type of call (a
 * column "type" of an export), or when it has external_id or call_id
 * (then an unknown type is rejected as the call's); any other record
 * passes through unchanged.
 */
int px_call_take(struct px_rec *r, void *cx, struct px_err *err);

/* What px_call_list lists; NULL or 0 for any. */
struct px_call_filter {
	const char *hospital, *agent, *type; /* codes, the agent's name, a type of call */
	int rating_max;                      /* 1 to 5: rated that or less; 0: any */
	int64_t since, until;                /* started in [since, until) */
};
/* Emits the calls the filter names, in the acting user's hospitals (viewer
 * or above), newest first.  An unknown hospital is PX_EINPUT, one out of
 * scope PX_EPERM, an unknown type or a rating_max out of 1 to 5
 * PX_EUSAGE. */
int px_call_list(struct px_ctx *cx, const struct px_call_filter *f, struct px_err *err);
/* Emits the call named by its public id, or by the call centre's id when
 * that names one call of the acting user's hospitals.  viewer or above in
 * its hospital; PX_EINPUT for none, or an id that names several. */
int px_call_show(struct px_ctx *cx, const char *id, struct px_err *err);

#endif
