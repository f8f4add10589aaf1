/*
 * complaint.h - complaints and inquiries (seeds 002 and 003): taking them
 * in from people, call-centre and portal exports and negative surveys,
 * their classification, and the patient's verdict on a closed complaint.
 * Their states and moves are the workflow files complaint and inquiry
 * (px-workflow(5)); everything that changes one goes through the case
 * engine (cases/case.h).
 */
#ifndef PX_CASES_COMPLAINT_H
#define PX_CASES_COMPLAINT_H

#include "base/err.h"
#include "core/ctx.h"
#include "records/record.h"

/* The sources a complaint or inquiry may come from. */
const char *px_complaint_sources(void); /* "patient, family, ..." */
int px_complaint_source_ok(const char *s);
/* The i-th of them (from 0), in that order; NULL past the last. */
const char *px_complaint_source(int i);
/* The resolution categories of 'resolve': full_action, partial_action,
 * no_action, cannot_resolve. */
int px_complaint_resolution_ok(const char *s);
const char *px_complaint_resolutions(void);
/* An inquiry's categories: appointment, billing, medical_records,
 * general, other. */
int px_inquiry_category_ok(const char *s);
const char *px_inquiry_categories(void);

/*
 * Record handlers (ctx: the struct px_ctx) that open a complaint, or an
 * inquiry, from one record (px-records(7)): hospital; the person: mrn of
 * a patient of that hospital, or name and phone or email of someone not
 * in the store; encounter (the HIS visit number), department, staff,
 * title, description, source, reference (the source's own), moh_ref,
 * chi_ref, severity, priority, category (a code of the complaint
 * taxonomy at any level, or a category of the original flat list; an
 * inquiry's category), language, survey (a survey it came from).  Run
 * inside the caller's transaction; a record is applied whole or not at
 * all.  A reference already taken in (same kind, hospital, source and
 * reference) gives the case as it is and changes nothing.  Emits the
 * case (type "case") once committed.
 */
int px_complaint_new(struct px_rec *r, void *cx, struct px_err *err);
int px_inquiry_new(struct px_rec *r, void *cx, struct px_err *err);
/*
 * A complaint from a survey (its public id, or a survey.negative record
 * given to the handler px_complaint_from_negative): the survey's patient,
 * hospital, department and encounter, source survey, the survey as its
 * reference (once per survey) and link.
 */
int px_complaint_from_survey(struct px_ctx *cx, const char *survey, struct px_err *err);
int px_complaint_from_negative(struct px_rec *r, void *cx, struct px_err *err);

/*
 * A complaint a person files for themselves on the web form (px-web), with
 * an optional file (a photograph, a letter: within cases.attachment_max,
 * of the types px_case_attach takes): any
 * user may ask, px-web's visitor too, for any hospital; only hospital,
 * department, name, phone or email (one of them), title, description
 * (what happened, at most 4000 bytes) and language are taken, the source
 * is patient, and px opens the case for PX_COMPLAINT_WEB, which names it
 * in created_by, the timeline and the audit.  The acknowledgement with the
 * tracking code goes to the phone or email given; the case is printed
 * once committed.  A record the intake refuses is PX_EREJECT with why.
 */
#define PX_COMPLAINT_WEB "(web form)"
/* A file sent with it, attached in the same transaction (the complaint
 * and the file, or neither). */
struct px_complaint_file {
	const char *name;
	const void *data;
	size_t len;
};
int px_complaint_file(struct px_ctx *cx, const struct px_rec *in,
		      const struct px_complaint_file *file, struct px_err *err);

/* One record (as px_complaint_new reads it) taken in as a case of kind
 * (complaint or inquiry) in a transaction of its own. */
int px_complaint_take(struct px_ctx *cx, const char *kind, struct px_rec *r, struct px_err *err);
/* A move of a complaint, inquiry or observation (px_case_move with the
 * kind's workflow), its fields checked first. */
int px_complaint_move(struct px_ctx *cx, const char *kind, const char *ref, const char *verb,
		      const struct px_rec *fields, struct px_err *err);

/* Sets a complaint's or inquiry's classification (a taxonomy code or
 * flat category, "other" for none; an inquiry's or an observation's
 * category), severity or
 * priority, those given (staff or above in its scope), with a timeline
 * entry and audit row; emits the case.  PX_EUSAGE for a value it does
 * not know. */
int px_complaint_classify(struct px_ctx *cx, const char *kind, const char *ref,
			  const char *category, const char *severity, const char *priority,
			  struct px_err *err);

/* Checks a move's fields that the workflow cannot (the resolution
 * category of 'resolve'); PX_EUSAGE. */
int px_complaint_move_check(const char *verb, const struct px_rec *fields, struct px_err *err);

/* Emits the complaint taxonomy, one "taxonomy" record per node, names in
 * lang (en or ar). */
int px_complaint_taxonomy(struct px_ctx *cx, const char *lang, struct px_err *err);

/*
 * Hooks (cases/hooks.c): the complaint_resolution survey of a closed
 * complaint answered (satisfied: it stays closed; not satisfied or "not
 * resolved": it is reopened and a complaint.unsatisfied record printed),
 * or expired unanswered (it stays closed, marked unanswered).
 */
int px_complaint_survey_completed(struct px_ctx *cx, const void *payload, struct px_err *err);
int px_complaint_survey_expired(struct px_ctx *cx, const void *payload, struct px_err *err);

#endif
