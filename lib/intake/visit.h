/*
 * visit.h - HIS visit events: patients, encounters, journeys, and the
 * surveys they make due.
 *
 * A visit record (CSV row, JSON object, or an HL7 ADT message mapped by
 * px_visit_from_hl7) carries one HIS event: hospital, department, visit,
 * patient_type, event, event_time, event_id, the patient's mrn,
 * national_id, names, birth_date, sex, phone, email, language,
 * preferred_channel, optout_* flags, disposition, deceased, prior_mrn.
 * Events are stored with a key (event_id, or a digest of the event), so
 * a record seen before changes nothing.  The encounter's state is
 * replayed from its events in event-time order, so events may arrive out
 * of order; cancels (cancel_admit, cancel_discharge, cancel_transfer)
 * undo the latest earlier event they cancel and withdraw the surveys it
 * made due.
 */
#ifndef PX_VISIT_H
#define PX_VISIT_H

#include "core/auth.h"
#include "base/config.h"
#include "base/err.h"
#include "records/hl7.h"
#include "intake/journey.h"
#include "records/record.h"
#include "store/store.h"

struct px_visit;

struct px_visit_stats {
	long applied, duplicates, due, suppressed, withdrawn;
};

/* An importer acting as actor with these journeys (borrowed).  Reads
 * import.deceased_codes and survey.fatigue_days; -1 with PX_EINPUT when
 * they are malformed. */
struct px_visit *px_visit_new(struct px_store *st, const struct px_config *cfg,
			      const struct px_user *actor, const struct px_journeys *js,
			      struct px_err *err);
void px_visit_free(struct px_visit *v);
const struct px_visit_stats *px_visit_stats(const struct px_visit *v);

/* Called with each survey.due record made due; the callee owns it. */
typedef void (*px_visit_due_fn)(struct px_rec *due, void *ctx);

/*
 * Applies one record inside the caller's transaction.  Returns 1 when the
 * record is of another type (pass it on), 0 when applied or already seen,
 * -1 when rejected (PX_EREJECT, PX_EPERM), -2 on store failure.  A
 * rejected record has written nothing: every check comes before the first
 * write.  After -2 the record may be half written and the caller must roll
 * the transaction back.  due is called for each survey made due.
 */
int px_visit_apply(struct px_visit *v, struct px_rec *r, px_visit_due_fn due, void *ctx,
		   struct px_err *err);

/* Whether the survey_due with this public id is still due: 1 yes, 0 no,
 * -1 on store failure.  A record applied later in the same batch may
 * have withdrawn or suppressed it before it was printed. */
int px_visit_due_current(struct px_store *st, const char *id, struct px_err *err);

/* Maps an ADT message to a visit record (caller frees); NULL with err
 * (PX_EREJECT, naming the segment and field) when it cannot. */
struct px_rec *px_visit_from_hl7(const struct px_hl7_msg *m, struct px_err *err);

/* A --map file: lines "px_field = input_field".  Renames input fields. */
struct px_visit_map;
struct px_visit_map *px_visit_map_load(const char *path, struct px_err *err);
void px_visit_map_apply(const struct px_visit_map *map, struct px_rec *r);
void px_visit_map_free(struct px_visit_map *map);

/* Calls fn with each survey.due still due, for hospitals in the user's
 * scope, by due time. */
int px_visit_due_each(struct px_store *st, const struct px_user *u,
		      int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err);
/* Calls fn with the encounter (public id enc_..., or a visit number), its
 * events, its journey stages and its surveys.  0 when shown, -1 with
 * PX_EREJECT when unknown or out of scope. */
int px_visit_show(struct px_store *st, const struct px_user *u, const char *which,
		  int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err);
/* Calls fn with one "journey.stage" record per stage of each journey. */
int px_visit_journeys_each(const struct px_journeys *js,
			   int (*fn)(struct px_rec *r, void *ctx), void *ctx);

#endif
