/*
 * contact.h - the closed loop on negative surveys: staff contact the
 * patient and log it, send a satisfaction check, and the loop closes when
 * the patient is satisfied or is escalated when not.  Also the feedback
 * records the loop creates.
 *
 * States of a negative survey's loop: awaiting_contact, contacted,
 * satisfaction_sent, closed, escalated.  Logging a contact and sending a
 * check need a hospital_admin of the survey's hospital or a px_admin;
 * reading needs any role in scope.
 *
 * Functions that act on one survey return 0 when done, -1 when refused
 * (err: PX_EREJECT for the state of the loop, PX_EPERM for permission,
 * PX_EUSAGE for an unknown survey or bad argument) and -2 on a store
 * failure.  Records go to io->emit only after their transaction commits.
 */
#ifndef PX_CONTACT_H
#define PX_CONTACT_H

#include <stdint.h>

#include "core/auth.h"
#include "base/config.h"
#include "base/err.h"
#include "records/record.h"
#include "store/store.h"
#include "core/ctx.h"

struct px_contact_io {
	struct px_store *st;
	const struct px_config *cfg;
	const struct px_user *actor;
	void (*emit)(const struct px_rec *r, void *ctx); /* borrowed record */
	void *ctx;
};

struct px_contact_filter {
	const char *hospital, *department, *state;
	int all;               /* closed loops too */
	int64_t since, until;  /* on the survey's completion; 0 unbounded */
};

/* Emits a "contact.item" per negative survey in the viewer's scope,
 * oldest first. */
int px_contact_queue(const struct px_contact_io *io, const struct px_contact_filter *f,
		     struct px_err *err);
/* For a "survey.negative" record: emits its "contact.item".  Returns 1 for
 * records of other types (the caller passes them on). */
int px_contact_queue_record(const struct px_contact_io *io, struct px_rec *r,
			    struct px_err *err);

/* Records a contact with the patient: notes required; outcome NULL,
 * "resolved" or "explained".  Audit survey_patient_contacted. */
int px_contact_log(const struct px_contact_io *io, const char *survey, const char *notes,
		   const char *outcome, struct px_err *err);
/* Creates a satisfaction_check feedback record and its survey, emits the
 * notification carrying the link.  Refused until the patient was
 * contacted, and a second time for the same contact unless again.  Audit
 * satisfaction_feedback_sent. */
int px_contact_satisfaction(const struct px_contact_io *io, const char *survey, int again,
			    struct px_err *err);
/* Closes the loop (and its open feedback) by hand. */
int px_contact_close(const struct px_contact_io *io, const char *survey, const char *notes,
		     struct px_err *err);
/* Escalates by hand; emits "survey.escalated". */
int px_contact_escalate(const struct px_contact_io *io, const char *survey, const char *notes,
			struct px_err *err);

/* The survey's loop ("contact.survey", with the warning while it is open
 * and not yet contacted), its contacts ("contact.log") and its feedback
 * ("feedback"). */
int px_contact_show(const struct px_contact_io *io, const char *survey, struct px_err *err);

struct px_feedback_filter {
	const char *hospital, *type, *status;
};
int px_contact_feedback_list(const struct px_contact_io *io, const struct px_feedback_filter *f,
			     struct px_err *err);
/* Records feedback a patient gave (compliment, suggestion, general,
 * inquiry) for a hospital, optionally a department and a patient by MRN,
 * with notes; emits the "feedback" record.  Needs staff or above in the
 * hospital.  Audit feedback_created. */
int px_contact_feedback_add(const struct px_contact_io *io, const char *type,
			    const char *hospital, const char *department, const char *mrn,
			    const char *notes, struct px_err *err);
/* Moves feedback forward: submitted, reviewed, acknowledged, closed (no
 * step back, closed is final); a satisfaction check's status belongs to
 * its loop.  Audit feedback_STATUS. */
int px_contact_feedback_set(const struct px_contact_io *io, const char *id, const char *status,
			    const char *notes, struct px_err *err);
/* The feedback record, and for a satisfaction check the survey it follows
 * up ("feedback.survey": template, score, completion, contact summary). */
int px_contact_feedback_show(const struct px_contact_io *io, const char *id, struct px_err *err);

/*
 * Called inside the survey's transaction when a satisfaction-check
 * survey is completed: satisfied 1 closes the loop and the feedback,
 * 0 escalates the loop and sets *escalated to a "survey.escalated" record
 * to emit after commit, -1 (no scorable answer) leaves the loop to staff.
 * A survey that is no loop's check changes nothing.
 */
int px_contact_check_completed(struct px_store *st, const char *actor, int64_t check_survey,
			       int satisfied, const char *at, struct px_rec **escalated,
			       struct px_err *err);

/* The PX_EV_SURVEY_COMPLETED hook (core/ctx.h): px_contact_check_completed
 * for the survey, its escalation record held for after the commit. */
int px_contact_survey_completed(struct px_ctx *cx, const void *payload, struct px_err *err);

#endif
