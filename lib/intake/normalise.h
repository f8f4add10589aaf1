/*
 * normalise.h - the fields of a visit record, checked and normalised.
 *
 * A visit record (CSV row, JSON object, or an HL7 ADT message mapped by
 * px_adt_visit) carries one HIS event: hospital, department, visit,
 * patient_type, event, event_time, event_id, the patient's mrn,
 * national_id, names, birth_date, sex, phone, email, language,
 * preferred_channel, optout_* flags, disposition, deceased, prior_mrn.
 * Blanks around a value are ignored and an empty value is absent.  What
 * needs the store (the hospital and department codes, the patients) is
 * checked by the import (import.h); what needs nothing else is checked
 * here, in the order the import asks.
 */
#ifndef PX_NORMALISE_H
#define PX_NORMALISE_H

#include <stdint.h>

#include "base/address.h"
#include "base/config.h"
#include "base/err.h"
#include "base/privacy.h"
#include "base/time.h"
#include "core/patient.h"
#include "records/record.h"

/* The event key: "id:" and the HIS event id, or a digest of the event. */
#define PX_EVENT_KEY_LEN 300

/* One visit record's fields; the pointers are NULL when a field is absent
 * and point into the buffers otherwise. */
struct px_visit_in {
	const char *hospital, *event, *visit, *prior_mrn, *department, *patient_type;
	const char *disposition, *event_id;
	char at[PX_TIME_UTC_LEN]; /* event_time, UTC */
	int merge;                /* the event is a merge */
	/* the patient */
	const char *mrn, *natid, *name_en, *name_ar, *birth_date, *sex, *phone, *email;
	const char *language, *channel;
	int optout[PX_CH_COUNT]; /* -1 absent, else 0 or 1 */
	int deceased;            /* -1 absent, else 0 or 1 */
	char natid_hash[PX_SHA256_HEX], natid_masked[PX_MASK_LEN], phone_e164[PX_PHONE_LEN];
	char key[PX_EVENT_KEY_LEN];
	/* storage */
	char b_hospital[64], b_department[64], b_visit[128], b_event[32], b_time[64];
	char b_mrn[128], b_prior[128], b_type[64], b_id[256], b_disp[16];
	char b_natid[64], b_name_en[256], b_name_ar[256], b_birth[32], b_sex[16];
	char b_phone[64], b_email[256], b_language[32], b_channel[32];
};

/* The hospital code, the first thing checked (the import then looks it
 * up and checks the acting user's permission).  PX_EREJECT when
 * missing. */
int px_normalise_hospital(struct px_rec *r, struct px_visit_in *in, struct px_err *err);
/* The event: its name (an event word or an HL7 trigger), time, the MRN,
 * the visit (every event but update and merge has one), the prior MRN of
 * a merge, department code, patient type, disposition, event id; the
 * event key made.  PX_EREJECT naming the field. */
int px_normalise_event(struct px_rec *r, struct px_visit_in *in, struct px_err *err);
/* The patient's details: a phone that is not a valid number and an email
 * that is not an address are left out, languages and channels reduced to
 * px's names, the national id hashed and masked (PX_EINPUT when no key is
 * configured).  PX_EREJECT for a bad birth date. */
int px_normalise_patient(const struct px_config *cfg, struct px_rec *r, struct px_visit_in *in,
			 struct px_err *err);

#endif
