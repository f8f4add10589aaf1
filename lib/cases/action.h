/*
 * action.h - improvement actions (seed 003's PX Action Center) and the
 * root-cause analysis of an action or a complaint.
 *
 * An action is a case of kind action (share/px/workflows/action): raised
 * by a trigger rule from negative feedback (cases/raise.h) or opened by
 * hand, routed to an owning department and an owner, worked with notes,
 * evidence and root causes, submitted, and approved (or rejected back)
 * by someone whose role is above its owner's before it closes.  Its due
 * date is its resolution clock (px-sla, policy kind action).  The verbs
 * return a status of the exit table and check the acting user in the
 * library; refusals change nothing and say why.
 */
#ifndef PX_CASES_ACTION_H
#define PX_CASES_ACTION_H

#include "base/err.h"
#include "cases/case.h"
#include "core/ctx.h"
#include "records/record.h"

/* An action opened by hand.  hospital and title are required; with no
 * department or owner given, the routing rules (cases/raise.h) choose. */
struct px_action_new {
	const char *hospital, *department, *title, *description, *priority;
	const char *owner;       /* a user's name */
	const char *owner_department;
};
/* Opens it (staff or above in the hospital), emits the case and the
 * message that tells its owner, once committed (cases/raise.c, with the
 * routes). */
int px_action_open(struct px_ctx *cx, const struct px_action_new *n, struct px_err *err);

/*
 * A move of the action ref: start, submit, approve, reject (fields:
 * reason), close, cancel (reason); fields may hold a note.  Beyond the
 * workflow's roles: approving or rejecting needs a role above the
 * owner's (department_manager for an action a staff member owns or
 * nobody does, hospital_admin for a manager's, px_admin for a hospital
 * admin's) and is refused to the owner; closing needs evidence (an
 * attachment, or a note marked evidence) and a root cause.  Submitting
 * tells the approvers (the owning department's managers, else the
 * hospital's admins; the hospital's admins for a manager's action)
 * through the outbox.  Emits the case.
 */
int px_action_move(struct px_ctx *cx, const char *ref, const char *verb,
		   const struct px_rec *fields, struct px_err *err);
/* Assigns the action to a user and/or an owning department (as
 * px_case_assign) and tells the new owner. */
int px_action_assign(struct px_ctx *cx, const char *ref, const char *user,
		     const char *department, struct px_err *err);
/* A note on the action's timeline; evidence marks it as the evidence
 * closing needs. */
int px_action_note(struct px_ctx *cx, const char *ref, const char *text, int evidence,
		   struct px_err *err);
/* The action, its timeline, what raised it, its root-cause analysis and
 * its clocks (viewer or above). */
int px_action_show(struct px_ctx *cx, const char *ref, struct px_err *err);

/* --- root-cause analysis, of an action or a complaint --- */

/* The categories of a cause: process, people, equipment, communication,
 * policy, environment, technology. */
int px_rca_category_ok(const char *s);
const char *px_rca_categories(void);
/* Adds a cause (staff or above in the case's hospital): record
 * rca.cause. */
int px_rca_cause_add(struct px_ctx *cx, const char *ref, const char *category, const char *text,
		     struct px_err *err);
/* Adds a corrective action with its owner (a user of the hospital) and
 * due day (YYYY-MM-DD): record rca.corrective with its number. */
int px_rca_corrective_add(struct px_ctx *cx, const char *ref, const char *text,
			  const char *owner, const char *due, struct px_err *err);
/* Scores corrective action n's effectiveness after review, 1 to 5
 * (department_manager or above). */
int px_rca_review(struct px_ctx *cx, const char *ref, int n, int effectiveness,
		  struct px_err *err);
/* Sets the risk, likelihood and impact 1 to 5 each (department_manager
 * or above): record rca.risk with the score (their product) and its
 * level (low under 5, medium under 10, high under 17, else critical). */
int px_rca_risk(struct px_ctx *cx, const char *ref, int likelihood, int impact,
		struct px_err *err);
/* The analysis: rca.cause, rca.corrective and rca.risk records. */
int px_rca_show(struct px_ctx *cx, const char *ref, struct px_err *err);

#endif
