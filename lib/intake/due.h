/*
 * due.h - the surveys an encounter's journey makes due, and the rules
 * that hold one back.
 *
 * A stage's survey falls due its delay after the event that completed the
 * stage.  It is stored as suppressed, with the reason, when the patient
 * died (a disposition in import.deceased_codes, or a death the HIS
 * reported): deceased; cannot be reached on any channel: no_contact or
 * opted_out (px_patient_channel, core/patient.h); or was sent a survey
 * within survey.fatigue_days before it falls due: fatigue
 * (px_patient_fatigued; the encounter's own surveys count only when the
 * stage says "fatigue=yes").  Otherwise it is due, with the channel to
 * try first, and its survey.due record is held (px_emit_after) until the
 * import's transaction commits.  A cancelled stage withdraws its survey
 * while it is still due.
 */
#ifndef PX_DUE_H
#define PX_DUE_H

#include "base/err.h"
#include "core/ctx.h"
#include "intake/encounter.h"
#include "intake/import.h"
#include "intake/journey.h"

/* Whether disp is a death disposition (import.deceased_codes). */
int px_due_deceased_code(const struct px_import *im, const char *disp);

/* n more surveys suppressed for reason, in s's counts by reason (a
 * reason past the first PX_IMPORT_REASONS counts as "other"). */
void px_due_count_reason(struct px_import_stats *s, const char *reason, long n);
/* Makes the stage's survey due after trig, or stores why not; a survey
 * of the encounter's already due or sent stays as it is. */
int px_due_make(struct px_import *im, const struct px_enc *e, const char *journey,
		const struct px_journey_stage *st, const struct px_enc_event *trig,
		struct px_err *err);
/* Withdraws the encounter's survey of template while it is due. */
int px_due_withdraw(struct px_import *im, const struct px_enc *e, const char *template,
		    const char *reason, struct px_err *err);

/* The verb: emits every survey.due still due in the acting user's
 * hospitals, by due time. */
int px_due_list(struct px_ctx *cx, struct px_err *err);

#endif
