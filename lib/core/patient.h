/*
 * patient.h - one rule set for reaching a patient: the channels px sends
 * on, which of them a patient can be reached on (contact data, opt-outs,
 * death), the order in which they are tried, and the fatigue rule that
 * keeps a patient from being surveyed too often.  Every module that
 * decides whether or how to contact a patient asks here.
 *
 * The fatigue rule (px(7)): a survey *sent* to the patient within
 * survey.fatigue_days (default 30) before the moment in question, with
 * any template, blocks another.  Surveys of the same encounter are
 * exempt (a journey's follow-up stages), unless the stage asks for the
 * rule ("fatigue": true in the journey file).  A follow-up of a survey
 * (the satisfaction check) is never held by it.
 */
#ifndef PX_PATIENT_H
#define PX_PATIENT_H

#include <stdint.h>

#include "base/err.h"
#include "base/token.h"
#include "core/ctx.h"

/* The channels, in the order tried when nothing else says otherwise. */
enum px_channel { PX_CH_SMS, PX_CH_WHATSAPP, PX_CH_EMAIL, PX_CH_COUNT };

/* "sms", "whatsapp", "email". */
const char *px_channel_name(enum px_channel ch);
/* -1 when name is no channel (NULL included). */
int px_channel_parse(const char *name);
/* "sms, whatsapp, email": for messages and usage. */
const char *px_channel_list(void);
/* Whether a channel's address is a phone number (sms, whatsapp). */
int px_channel_is_phone(enum px_channel ch);

struct px_patient {
	int64_t id, hospital_id;
	char pid[PX_ID_LEN];
	char *mrn, *name_en, *name_ar, *phone, *email, *language, *preferred;
	int optout[PX_CH_COUNT];
	char *deceased_at; /* NULL while alive */
};

/* Loads a patient by row id.  PX_ESTORE when the row is missing. */
int px_patient_load(struct px_store *st, int64_t id, struct px_patient *p, struct px_err *err);
void px_patient_free(struct px_patient *p);

/* Whether the patient has an address for the channel. */
int px_patient_has_address(const struct px_patient *p, enum px_channel ch);
/* The patient's address for the channel, or NULL. */
const char *px_patient_address(const struct px_patient *p, enum px_channel ch);

/*
 * The channel to reach the patient on: hint first (a journey's or the
 * caller's choice, NULL for none), then the patient's preferred channel,
 * then sms, whatsapp, email; the first with an address and no opt-out.
 * -1 when there is none, with *why "deceased", "no_contact" or
 * "opted_out" (and *opted the channel opted out of, when one was).
 */
int px_patient_channel(const struct px_patient *p, const char *hint, const char **why,
		       int *opted);

/* survey.fatigue_days from the configuration; PX_EINPUT when malformed. */
int px_patient_fatigue_days(const struct px_config *cfg, long long *days, struct px_err *err);
/*
 * The fatigue rule at time at for a survey of encounter (0: none): 1 and
 * blocking (the public id of the survey that blocks it) when the patient
 * was sent a survey within the window, 0 when not, or a negative status
 * with err on a store failure.  same_encounter makes the encounter's own
 * surveys count too.
 */
int px_patient_fatigued(struct px_ctx *cx, int64_t patient, int64_t encounter, int64_t at,
			int same_encounter, char blocking[PX_ID_LEN], struct px_err *err);

/*
 * The deceased state (px(7)): a death the HIS reports (PID-30, a death
 * disposition of import.deceased_codes, the deceased field) marks the
 * patient deceased at the death's event time (the earliest one when
 * several are reported) and, inside the caller's transaction, withdraws
 * what is still to reach the patient: every survey due (survey_due
 * withdrawn, reason "deceased"), every survey sent and not yet opened or
 * answered, and with it its reminders and any satisfaction check
 * (surveys cancelled), and every message of the outbox still to go to the
 * patient (failed, reason "patient deceased").  A deceased patient is
 * never contacted again: px_patient_channel says "deceased", and the
 * outbox's sender refuses the message at send time.  Safe to repeat.
 */
#define PX_PATIENT_DECEASED_REASON "patient deceased"

struct px_patient_withdrawn {
	long due, surveys, messages; /* rows withdrawn, cancelled, failed */
	int newly;                   /* the patient was not deceased before */
	char pid[PX_ID_LEN];         /* the patient's public id */
};

int px_patient_deceased(struct px_ctx *cx, int64_t patient, const char *at,
			struct px_patient_withdrawn *w, struct px_err *err);

/* Records that the patient opted out of a channel (an SMS "STOP", a
 * request by phone), with its audit event, inside the caller's
 * transaction. */
int px_patient_optout(struct px_ctx *cx, const struct px_patient *p, enum px_channel ch,
		      const char *why, struct px_err *err);

#endif
