/*
 * followup.h - the closed loop on negative surveys: staff contact the
 * patient and log it, send a satisfaction check (a feedback record and a
 * follow-up survey, feedback.h), and the loop closes when the patient
 * is satisfied or is escalated when not.  Each loop is a case of kind
 * followup (cases/case.h, share/px/workflows/followup), opened when
 * someone first acts on the survey and moved by its workflow's moves.
 *
 * Logging a contact, sending a check, closing and escalating need a
 * hospital_admin of the survey's hospital or a px_admin (staff too with
 * contact.staff_may_contact); reading needs
 * any role in scope.  Every verb takes the context and returns a status
 * of the exit table: PX_EREJECT when the state of the loop refuses the
 * step, PX_EPERM for permission, PX_EUSAGE for a bad argument, PX_EINPUT
 * for an unknown survey or hospital named by the caller.  Records go to
 * px_emit() only after their transaction commits.
 */
#ifndef PX_FOLLOWUP_H
#define PX_FOLLOWUP_H

#include <stdint.h>

#include "base/err.h"
#include "core/ctx.h"
#include "records/record.h"

/* The states of a negative survey's loop, in the order it moves. */
enum px_loop_state {
	PX_LOOP_AWAITING_CONTACT,
	PX_LOOP_CONTACTED,
	PX_LOOP_SATISFACTION_SENT,
	PX_LOOP_CLOSED,
	PX_LOOP_ESCALATED,
	PX_LOOP_STATES,
};

const char *px_followup_state_name(enum px_loop_state s);
/* -1 when name is no state (NULL included). */
int px_followup_state_parse(const char *name);

/* A list of states, "awaiting_contact,escalated": the mask of their
 * bits (1 << state), or -1 when one is no state. */
int px_followup_states_parse(const char *list);

/*
 * The priority of a loop, "high", "medium" or "low": high once escalated
 * (the patient was not satisfied, or the check went unanswered);
 * otherwise from the survey's score normalised to [0, 1] as score.h
 * normalises an answer (1-5 methods (score - 1) / 4, nps score / 10):
 * below 0.25 high, below 0.5 medium, else low.
 */
const char *px_followup_priority(const char *scoring, double score, int escalated);

struct px_followup_filter {
	const char *hospital, *department;
	const char *state;     /* one state or several, comma-separated */
	int all;               /* closed loops too */
	int64_t since, until;  /* on the survey's completion; 0 unbounded */
};

/*
 * Emits a "contact.item" per negative survey in the user's scope, oldest
 * first: the survey, the patient (public id; name, MRN and phone to the
 * roles that may contact patients, core/patient_find.h, null to others),
 * priority, age_hours since completion, due_hours left to the contact
 * target (the response target of the px-sla policy of kind followup from
 * the completion, in its calendar's business hours when it says so, else
 * contact.target_hours; negative once passed, null once contacted), the owner (the user who logged the latest
 * contact, else the hospital's first hospital_admin with an email, the
 * one alerted), the state and its times.  A run that shows identifiers
 * writes one audit row, patient_identifiers_read, naming the surveys.
 */
int px_followup_queue(struct px_ctx *cx, const struct px_followup_filter *f, struct px_err *err);
/* Handler for "survey.negative" records: emits the survey's
 * "contact.item". */
int px_followup_queue_record(struct px_rec *r, void *cx, struct px_err *err);

/* The verbs below that name a survey accept the prefix of a negative
 * survey's id when it matches exactly one ("ambiguous id 'X' (N
 * matches)", PX_EINPUT, when more).  Working the loop (log, satisfaction,
 * close, escalate) needs px_patient_contact_role: hospital_admin, or
 * staff with contact.staff_may_contact. */

/* Records a contact with the patient: notes required; outcome NULL,
 * "resolved" or "explained".  Audit survey_patient_contacted. */
int px_followup_log(struct px_ctx *cx, const char *survey, const char *notes,
		    const char *outcome, struct px_err *err);
/* Creates a satisfaction_check feedback record and its survey, emits the
 * notification carrying the link.  Refused until the patient was
 * contacted, and a second time for the same contact unless again.  Audit
 * satisfaction_feedback_sent. */
int px_followup_satisfaction(struct px_ctx *cx, const char *survey, int again,
			     struct px_err *err);
/* Closes the loop (and its open feedback) by hand. */
int px_followup_close(struct px_ctx *cx, const char *survey, const char *notes,
		      struct px_err *err);
/* Escalates by hand; emits "survey.escalated". */
int px_followup_escalate(struct px_ctx *cx, const char *survey, const char *notes,
			 struct px_err *err);

/* The survey's loop ("contact.survey", with the warning while it is open
 * and not yet contacted), its contacts ("contact.log") and its feedback
 * ("feedback"). */
int px_followup_show(struct px_ctx *cx, const char *survey, struct px_err *err);
/* The feedback record, and for a satisfaction check the loop it answers
 * for ("feedback.survey": template, score, completion, state, contact). */
int px_followup_feedback_show(struct px_ctx *cx, const char *id, struct px_err *err);

/*
 * The PX_EV_SURVEY_COMPLETED hook (core/ctx.h), registered by
 * px_hooks_register: when the survey is a loop's satisfaction check, a
 * satisfied answer closes the loop and the feedback, an unsatisfied one
 * escalates the loop and holds a "survey.escalated" record for after the
 * commit; no scorable answer leaves the loop to staff.
 */
int px_followup_survey_completed(struct px_ctx *cx, const void *payload, struct px_err *err);
/*
 * The PX_EV_SURVEY_EXPIRED hook: when the survey is the latest
 * satisfaction check of a loop still waiting for it, the loop moves to
 * contact.expired_check (escalated, by default, or back to
 * awaiting_contact), with its audit event.
 */
int px_followup_check_expired(struct px_ctx *cx, const void *payload, struct px_err *err);
/* Hook for PX_EV_SLA_CHECK: opens the case of every negative survey in
 * the acting user's hospitals that has none yet and whose contact a
 * px-sla policy of kind followup watches, each in a transaction of its
 * own, its contact clock started at the survey's completion. */
int px_followup_sla_check(struct px_ctx *cx, const void *payload, struct px_err *err);

#endif
