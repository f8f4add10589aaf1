/*
 * patient_find.h - finding a patient and reading who the patient is:
 * name, MRN, phone, national id (masked), contact channels, opt-outs,
 * death and recent surveys.
 *
 * The identifiers of a patient are shown only to the roles that may
 * contact patients (seed 000: hospital_admin and px_admin; staff too when
 * px.conf sets contact.staff_may_contact), in the patient's hospital, and
 * every read that shows them writes one audit row naming the patients
 * (or the surveys) by public id, never the identifiers themselves.
 */
#ifndef PX_PATIENT_FIND_H
#define PX_PATIENT_FIND_H

#include <stdint.h>

#include "base/err.h"
#include "core/auth.h"
#include "core/ctx.h"

/* The lowest role that may contact patients and see their identifiers. */
enum px_role px_patient_contact_role(const struct px_config *cfg);
/* Whether the acting user may see the identifiers of patients of the
 * hospital (row id). */
int px_patient_may_identify(struct px_ctx *cx, int64_t hospital_id);

/*
 * The audit row of a read that showed identifiers: action
 * patient_identifiers_read on object (type, public id), details a JSON
 * object text such as {"surveys":["srv_..."]} plus "via" (the verb), in a
 * transaction of its own.  Call it before the records are emitted, so
 * that nothing is shown unaudited.
 */
int px_patient_audit_read(struct px_ctx *cx, const char *object_type, const char *object_id,
			  const char *via, const char *list_key, const char *const *ids, int n,
			  struct px_err *err);

struct px_patient_query {
	const char *hospital; /* NULL: every hospital in scope */
	const char *mrn, *phone, *natid; /* exactly one */
};

/* The one refusal of a patient not found by an identifier: "unknown
 * patient (MRN ***0001)", then " in hospital 'KFH'" when hospital is
 * given; what names the identifier (MRN, national id, phone) and its
 * value is masked, since standard error ends up in logs.  Sets err with
 * code and returns it. */
int px_patient_unknown(struct px_err *err, int code, const char *what, const char *value,
		       const char *hospital);
/* Emits a "patient" record per patient in scope that matches; the
 * national id is matched through its keyed hash.  PX_EINPUT when none
 * matches ("unknown patient 'X'"), PX_EPERM below the contact role. */
int px_patient_find(struct px_ctx *cx, const struct px_patient_query *q, struct px_err *err);
/* The patient by public id: "patient", one "patient.channel" per channel
 * (address, opted out, usable) and the ten latest "patient.survey". */
int px_patient_show(struct px_ctx *cx, const char *id, struct px_err *err);

#endif
