/*
 * internal.h - what the files of the cases layer share about a stored
 * case; not for other layers (they go through case.h).
 */
#ifndef PX_CASES_INTERNAL_H
#define PX_CASES_INTERNAL_H

#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "cases/case.h"
#include "core/ctx.h"
#include "records/record.h"
#include "store/store.h"

/* A case as the engine reads it before changing it. */
struct kase {
	int64_t id, hospital_id, department_id, owner_department_id; /* 0: none */
	char pid[PX_ID_LEN], ref[PX_CASE_REF_LEN], kind[PX_WF_NAME], state[PX_WF_NAME];
	char *fields; /* JSON */
};

/* The case a reference or public id names; PX_EINPUT when none. */
int px_kase_load(struct px_ctx *cx, const char *ref, struct kase *k, struct px_err *err);
void px_kase_free(struct kase *k);
/* The case must be of wf's kind and the acting user at least min in its
 * hospital (verb names what is done, for the refusal); min
 * PX_WF_ROLE_SYSTEM checks the kind alone. */
int px_kase_allowed(struct px_ctx *cx, const struct px_workflow *wf, const struct kase *k,
		    enum px_role min, const char *verb, struct px_err *err);
/* One timeline entry by the acting user. */
int px_kase_timeline(struct px_ctx *cx, int64_t case_id, const char *at, const char *type,
		     const char *verb, const char *old_state, const char *new_state,
		     const char *text, const char *data, struct px_err *err);
/* The audit row of a change to a case. */
int px_kase_audit(struct px_ctx *cx, const char *action, const char *pid, const char *kind,
		  const char *verb, const char *from, const char *to, struct px_err *err);
/* What a case record shows (px_kase_rec, px_case_list), and how its
 * columns are shown; the last column is the hospital's row id. */
#define CASE_SELECT \
	"SELECT c.public_id AS id, c.ref AS ref, c.kind AS kind, c.state AS state, " \
	"h.code AS hospital, d.code AS department, p.public_id AS patient, " \
	"c.person_name AS person, c.owner AS owner, od.code AS owner_department, " \
	"c.severity AS severity, c.priority AS priority, c.classification AS classification, " \
	"c.source AS source, c.source_ref AS source_ref, c.moh_ref AS moh_ref, " \
	"c.chi_ref AS chi_ref, c.staff_named AS staff_named, e.visit_number AS encounter, " \
	"c.language AS language, c.title AS title, c.description AS description, " \
	"c.tracking AS tracking, c.fields AS fields, c.created_at AS created_at, " \
	"c.updated_at AS updated_at, c.hospital_id AS hospital_id " \
	"FROM cases c JOIN hospitals h ON h.id = c.hospital_id " \
	"LEFT JOIN departments d ON d.id = c.department_id " \
	"LEFT JOIN departments od ON od.id = c.owner_department_id " \
	"LEFT JOIN patients p ON p.id = c.patient_id " \
	"LEFT JOIN encounters e ON e.id = c.encounter_id "
extern const struct px_col px_kase_cols[];

/* The users a level reaches, for a case of the hospital, department and
 * owning department (0: none) and owner (a user's name, or NULL): 0 the
 * owner (else level 1), 1 the managers of the owning department (else
 * level 2), 2 the hospital's admins, 3 the px_admins; each active with
 * an email address or a phone.  NUL-separated names into names, their
 * number in *n. */
int px_kase_staff(struct px_ctx *cx, int64_t hospital_id, int64_t department_id,
		  int64_t owner_department_id, const char *owner, int level, struct px_buf *names,
		  int *n, struct px_err *err);
/* The channel that reaches a user: email when it has one, else SMS;
 * NULL with err. */
const char *px_kase_user_channel(struct px_ctx *cx, const char *user, struct px_err *err);

/* px_case_assign on the loaded case k inside the caller's transaction:
 * the role, the user and department checked, the case changed, the
 * timeline written (no audit row: the caller's px_kase_done writes it). */
int px_kase_assign_tx(struct px_ctx *cx, const struct px_workflow *wf, const struct kase *k,
		      const char *user, const char *department, struct px_err *err);

/* Tells the owner (a user's name; NULL or "" for none) of the action of
 * row id that it is theirs: template action_assigned through the outbox,
 * printed once committed; an owner nobody can reach is told nothing. */
int px_action_tell_owner(struct px_ctx *cx, int64_t id, const char *owner, struct px_err *err);

/* Queues template tpl to the user name (by email when the user has an
 * address, else SMS) about the case ref of hospital (a code), with vars
 * (taken; their link set to the case's staff page), key its idempotency
 * key, held until not_before when given; printed once committed when
 * print is set. */
int px_kase_tell_user(struct px_ctx *cx, const char *name, const char *key, const char *tpl,
		      const char *ref, const char *hospital, struct px_rec *vars,
		      const char *not_before, int print, struct px_err *err);

/* Attaches len bytes of data named name to the case ref inside the
 * caller's transaction, refused as px_case_attach refuses a file (cap,
 * type, name), no role checked: the caller has (a form filed with its
 * complaint). */
int px_kase_attach_bytes_tx(struct px_ctx *cx, const char *ref, const char *name,
			    const void *data, size_t len, struct px_err *err);

/* The case as a record of type "case", as stored now (caller frees). */
struct px_rec *px_kase_rec(struct px_ctx *cx, int64_t id, struct px_err *err);
/* Ends a verb's change to the case k: unless rc says it failed, the
 * audit row of action and the case's record, to print once committed;
 * then frees k and ends the transaction as px_kase_end. */
int px_kase_done(struct px_ctx *cx, const struct px_workflow *wf, struct kase *k,
		 const char *action, int rc, struct px_err *err);
/* Ends the transaction a verb began: commits and prints what it handed
 * to px_emit_after, or rolls back and drops it; returns rc or the
 * commit's failure. */
int px_kase_end(struct px_ctx *cx, int rc, struct px_err *err);

/*
 * Queues the message tpl to the person the case is about (person.c):
 * the patient on the channel core/patient chooses, else the phone (SMS)
 * or email given for someone not in the store; a timeline entry either
 * way ("not sent: why" when the person cannot be reached).  The
 * message's variables: the case's fields, its reference as complaint,
 * tracking, link, due, and text when given.
 */
int px_kase_message(struct px_ctx *cx, int64_t case_id, const char *tpl, const char *text,
		    const char *at, struct px_err *err);
/* Sends the case's patient the survey tpl, linked to the case; a
 * timeline entry either way. */
int px_kase_survey(struct px_ctx *cx, int64_t case_id, const char *tpl,
		   const char *at, struct px_err *err);
/* Links a record to the case (once). */
int px_kase_link(struct px_ctx *cx, int64_t case_id, const char *type, const char *object,
		 struct px_err *err);

#endif
