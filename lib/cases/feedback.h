/*
 * feedback.h - feedback records: what a patient tells staff (a
 * compliment, a suggestion, a general remark, an inquiry), and the
 * satisfaction checks the negative-survey loop (followup.h) sends.
 *
 * Feedback moves forward only: submitted, reviewed, acknowledged,
 * closed; closed is final.  A satisfaction check's status belongs to its
 * loop.  Each feedback is a case of kind feedback with the feedback's id
 * (share/px/workflows/feedback), its status the case's state.  Recording and handling feedback needs staff or above in the
 * hospital, reading any role in scope.  Every verb takes the context and
 * returns a status of the exit table; an unknown feedback, hospital,
 * department or patient named by the caller is PX_EINPUT.
 */
#ifndef PX_FEEDBACK_H
#define PX_FEEDBACK_H

#include <stdint.h>

#include "base/err.h"
#include "base/token.h"
#include "core/ctx.h"

/* The types of feedback, and their names in records and options. */
enum px_feedback_type {
	PX_FEEDBACK_COMPLIMENT,
	PX_FEEDBACK_SUGGESTION,
	PX_FEEDBACK_GENERAL,
	PX_FEEDBACK_INQUIRY,
	PX_FEEDBACK_SATISFACTION_CHECK, /* made by the loop, not by hand */
	PX_FEEDBACK_TYPES,
};

/* Its statuses, in the order feedback moves through them. */
enum px_feedback_status {
	PX_FEEDBACK_SUBMITTED,
	PX_FEEDBACK_REVIEWED,
	PX_FEEDBACK_ACKNOWLEDGED,
	PX_FEEDBACK_CLOSED,
	PX_FEEDBACK_STATUSES,
};

const char *px_feedback_type_name(enum px_feedback_type t);
/* -1 when name is no type (NULL included). */
int px_feedback_type_parse(const char *name);
const char *px_feedback_status_name(enum px_feedback_status s);
int px_feedback_status_parse(const char *name);

struct px_feedback_filter {
	const char *hospital, *type, *status;
};

/* Emits a "feedback" record per feedback in the user's scope, oldest
 * first. */
int px_feedback_list(struct px_ctx *cx, const struct px_feedback_filter *f, struct px_err *err);
/* Emits the feedback record; *related is the row id of the survey whose
 * loop it belongs to (a satisfaction check), else 0.  px-contact's
 * feedback show is px_followup_feedback_show, which adds that loop. */
int px_feedback_show(struct px_ctx *cx, const char *id, int64_t *related, struct px_err *err);

struct px_feedback_spec {
	const char *type;       /* compliment, suggestion, general, inquiry */
	const char *hospital;   /* code */
	const char *department; /* code, or NULL */
	const char *mrn;        /* the patient, or NULL */
	const char *notes;
};
/* Records feedback a patient gave and emits its "feedback" record.
 * Audit feedback_created. */
int px_feedback_add(struct px_ctx *cx, const struct px_feedback_spec *spec, struct px_err *err);
/* Moves feedback forward to status (reviewed, acknowledged, closed),
 * notes replacing its notes when given; emits the record.  Audit
 * feedback_STATUS. */
int px_feedback_set(struct px_ctx *cx, const char *id, const char *status, const char *notes,
		    struct px_err *err);

/* --- satisfaction checks, for the follow-up module, inside its
 * transaction --- */

/* The loop a check is created for: its survey and where it belongs. */
struct px_feedback_check {
	int64_t survey_id, hospital_id, department_id, patient_id;
	char related[PX_ID_LEN]; /* the survey's public id */
};
/* A new satisfaction_check feedback for the loop (no audit yet): its
 * public id and row id. */
int px_feedback_check_new(struct px_ctx *cx, const struct px_feedback_check *ck,
			  char fid[PX_ID_LEN], int64_t *row, struct px_err *err);
/* Links the check to the survey sent for it, with the feedback_created
 * audit event. */
int px_feedback_check_sent(struct px_ctx *cx, const struct px_feedback_check *ck,
			   const char *fid, int64_t row, int64_t check_survey, struct px_err *err);
/*
 * The answer to a check survey: satisfied closes the feedback, not
 * satisfied marks it reviewed, each with the outcome and its audit event.
 * *related is the row id of the survey the check follows up (0 when
 * check_survey is no feedback's check, or satisfied is -1: no scorable
 * answer, nothing changes), fid its public id.
 */
int px_feedback_check_answered(struct px_ctx *cx, int64_t check_survey, int satisfied,
			       const char *at, char fid[PX_ID_LEN], int64_t *related,
			       struct px_err *err);
/* Closes the open feedback of a survey's loop, each with its audit. */
int px_feedback_close_related(struct px_ctx *cx, int64_t survey_id, const char *at,
			      struct px_err *err);
/* Emits the feedback records of a survey's loop, oldest first. */
int px_feedback_emit_related(struct px_ctx *cx, int64_t survey_id, struct px_err *err);

#endif
