/*
 * case.h - the case engine: one table of cases for every kind of work
 * done to a deadline, their references and tracking codes, the only way
 * a case changes state (px_case_move), and their append-only timeline.
 * What a kind's states and moves are comes from its workflow file
 * (cases/workflow.h).
 */
#ifndef PX_CASES_CASE_H
#define PX_CASES_CASE_H

#include <stdint.h>

#include "base/err.h"
#include "base/token.h"
#include "cases/workflow.h"
#include "core/ctx.h"
#include "records/record.h"

#define PX_CASE_REF_LEN 48      /* KFH-2026-000123 */
#define PX_CASE_TRACKING_LEN 16 /* K7QM-2XHD-9PF plus NUL */

/*
 * A tracking code: ten random characters of Crockford's base32 (digits
 * and upper-case letters without I, L, O and U, so that it can be read
 * over the phone) and a check character (Luhn mod 32, which catches
 * every mistyped character and every swap of two neighbours but that of
 * 0 and Z), shown as
 * XXXX-XXXX-XXX.
 */
int px_case_tracking_new(char out[PX_CASE_TRACKING_LEN], struct px_err *err);
/* A tracking code as a person may type it (lower case, dashes or spaces
 * anywhere or none, I and L for 1, O for 0) in its shown form; -1 when it
 * is not one or its check character is wrong. */
int px_case_tracking_norm(const char *in, char out[PX_CASE_TRACKING_LEN]);

/* The workflow of a kind: the file KIND in px.conf's cases.workflows, or
 * in workflows/ of the data directory (caller frees).  PX_EINPUT for an
 * unknown kind or a malformed file (file:line in err). */
int px_case_workflow(struct px_ctx *cx, const char *kind, struct px_workflow **out,
		     struct px_err *err);

/* Checks workflow files (every file of the workflows directory when n
 * is 0), emitting for each a record of type "workflow": kind, file,
 * states, initial, final and the number of moves.  Stops at the first
 * malformed one: PX_EINPUT, file and line in err.  Reads no store. */
int px_case_workflow_check(struct px_ctx *cx, char *const *paths, int n, struct px_err *err);

/* Whether s is a severity (low, medium, high, critical) or a priority
 * (low, medium, high). */
int px_case_severity_ok(const char *s);
int px_case_priority_ok(const char *s);
/* The i-th severity (from 0), from low to critical; NULL past the last. */
const char *px_case_severity(int i);

/* What a new case is made of.  hospital_id is required; the other ids
 * are 0 when absent and the strings NULL. */
struct px_case_new {
	int64_t hospital_id, department_id, patient_id, encounter_id;
	const char *person_name, *person_phone, *person_email; /* someone not in the store */
	const char *title, *description;
	const char *source;      /* where it came from: patient, call_center, moh, ... */
	const char *source_ref;  /* the source's own reference: one case per reference */
	const char *severity;    /* low, medium (NULL), high, critical */
	const char *priority;    /* low, medium (NULL), high */
	const char *owner;       /* a user's name, or NULL */
	int64_t owner_department_id; /* the department that owns it, or 0 */
	const char *classification; /* a taxonomy code, or the kind's own category */
	const char *staff_named; /* the physician or staff the person names */
	const char *moh_ref, *chi_ref; /* the portals' references */
	const char *language;    /* en or ar, for someone not in the store */
	const char *link_type, *link_object; /* a record it came from: survey, sur_... */
	/* When what the case is about began, if before it is opened (a
	 * negative survey's completion): the clocks its initial state starts
	 * run from then.  0: now. */
	int64_t since;
};

struct px_case_made {
	int64_t id;
	char pid[PX_ID_LEN];
	char ref[PX_CASE_REF_LEN];
	char tracking[PX_CASE_TRACKING_LEN];
	int created;             /* 0: the source's reference named an existing case */
};

/*
 * Opens a case of wf's kind in its initial state, inside the caller's
 * transaction: its public id (cas_..., or the prefix of the kind's 'id'
 * line), its reference (HOSPITAL-YEAR-NNNNNN, numbered without gaps per
 * hospital and year of the display zone; HOSPITAL-SERIES-YEAR-NNNNNN in
 * a series of its own for a kind with a 'ref' line), its tracking code,
 * the timeline's first entry, the audit row and the initial state's
 * effects.
 * A source_ref already stored for the same kind, hospital and source
 * gives that case (created 0) and changes nothing.  staff or above in
 * the hospital's scope; PX_EUSAGE for a bad severity or priority.
 */
int px_case_open_tx(struct px_ctx *cx, const struct px_workflow *wf, const struct px_case_new *n,
		    struct px_case_made *out, struct px_err *err);

/*
 * px_case_open_tx for a kind that anyone may raise, even someone who is
 * no user of the hospital (an observation a member of staff reports
 * without logging in): the caller has decided who may, and px opens the
 * case itself on the reporter's behalf.  For the opening alone it acts
 * as the user named as (NULL: the acting user's name) with the rights of
 * staff of the case's hospital and no other, so that the case's
 * created_by, its first timeline entries, its audit row and the
 * message tell (when not NULL: a template sent to the person the case
 * is about, as an effect "notify" would) name as and nobody else.
 */
int px_case_open_for_tx(struct px_ctx *cx, const struct px_workflow *wf,
			const struct px_case_new *n, const char *as, const char *tell,
			struct px_case_made *out, struct px_err *err);

/*
 * Makes the move verb on the case named by its reference or public id,
 * in one transaction: the acting user's role (the move's lowest) and
 * scope, the case's state (one the move leaves), the fields the move
 * needs (fields: a record of name to text; what it holds is kept in the
 * case's fields), then the new state, the timeline entry, the audit row
 * and the effects of entering the state.  Emits a record of type "case"
 * with the case as it now is.  A refused move changes nothing:
 * PX_EREJECT "REF: 'close' needs the state resolved, not in_progress",
 * "REF: 'resolve' needs --category", PX_EPERM (a move of role system
 * too: no user makes it), PX_EINPUT for an unknown case or verb.
 */
int px_case_move(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		 const char *verb, const struct px_rec *fields, struct px_err *err);

/* The audit row of a move, for a kind whose records keep the actions
 * they had before they were cases (survey_loop_closed on the survey). */
struct px_case_audit {
	const char *action, *object_type, *object_id;
	const struct px_rec *details; /* borrowed; NULL for none */
};

/*
 * px_case_move inside the caller's transaction, for a module whose own
 * writes go with the move (a contact logged, a survey answered): the
 * same checks and writes, but no "case" record, and the caller commits
 * and flushes what the effects handed to px_emit_after.  Only here may
 * a move of role system (px-workflow(5)) be made, with no role or scope
 * of the acting user checked: a hook makes it when px hears of
 * something.  audit, when not NULL, is the move's audit row in place of
 * case_moved.
 */
int px_case_move_tx(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		    const char *verb, const struct px_rec *fields,
		    const struct px_case_audit *audit, struct px_err *err);

/* Assigns the case to a user (by name) and/or an owning department (by
 * code): department_manager or above in its scope; the user must be
 * active and have the case's hospital in scope. */
int px_case_assign(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		   const char *user, const char *department, struct px_err *err);

/* What px_case_list lists; NULL or 0 for any. */
struct px_case_filter {
	const char *hospital, *department, *state, *source, *severity, *category, *owner;
	int64_t since, until;   /* created in [since, until) */
	int overdue;            /* open, and marked breached by px-sla check */
};
/* Emits the cases of wf's kind that the filter names, in the acting
 * user's hospitals, newest first (type "case").  state may list several,
 * separated by commas; category takes a case at or below that code of
 * the taxonomy.  Unknown hospital or department: PX_EINPUT. */
int px_case_list(struct px_ctx *cx, const struct px_workflow *wf, const struct px_case_filter *f,
		 struct px_err *err);

/* The public view of a case by its tracking code: a record of type
 * "case.track" holding the reference, the state and its dates and
 * nothing else.  Any user may ask (no role, no hospital scope: the
 * code is what the patient holds).  PX_EINPUT when no case has the
 * code (the same message whether the code is malformed or unknown). */
int px_case_track(struct px_ctx *cx, const char *code, struct px_err *err);

/* Adds a note to the case's timeline (staff or above in its scope);
 * to_patient also sends it to the person the case is about (template
 * case_message, through the outbox). */
int px_case_note(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		 const char *text, int to_patient, struct px_err *err);

/* Emits the case (type "case") and its timeline, oldest first (type
 * "case.event"); viewer or above in its scope. */
int px_case_show(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		 struct px_err *err);

#endif
