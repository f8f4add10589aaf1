/*
 * observation.h - what staff report without logging in (seed 003's
 * observations): a safety concern, a process problem or a good practice,
 * anonymous unless the reporter chooses to give a name.  An observation
 * is a case of kind observation (share/px/workflows/observation); after
 * it is taken in, everything that changes one goes through the case
 * engine (cases/case.h) like any complaint's.
 */
#ifndef PX_CASES_OBSERVATION_H
#define PX_CASES_OBSERVATION_H

#include "base/err.h"
#include "core/ctx.h"
#include "records/record.h"

/* The most a description (what happened) may hold, and a title or the
 * reporter's name. */
#define PX_OBSERVATION_TEXT_MAX 4000
#define PX_OBSERVATION_LINE_MAX 200

/* What the case's created_by, timeline and audit rows name for an
 * anonymous report: no user may have this name. */
#define PX_OBSERVATION_ANONYMOUS "(anonymous)"

/* The categories: safety, process, good_practice. */
int px_observation_category_ok(const char *s);
const char *px_observation_categories(void); /* "safety, process, good_practice" */
/* The severity an observation of the category is opened with: high for
 * safety, medium for process, low for good_practice (NULL for none). */
const char *px_observation_severity(const char *category);

/* An observation as a front end gathers it; NULL or "" for absent. */
struct px_observation_spec {
	const char *hospital;    /* code; required */
	const char *department;  /* code of the hospital's, or absent */
	const char *category;    /* safety, process or good_practice; required */
	const char *title;       /* a short line, at most PX_OBSERVATION_LINE_MAX bytes */
	const char *description; /* what happened: required, valid UTF-8, at most
				  * PX_OBSERVATION_TEXT_MAX bytes */
	/* Only when the reporter chooses to be identified: a name, and a
	 * phone or email to be answered on (neither without the name). */
	const char *name, *phone, *email;
	const char *language;    /* en or ar, for the messages of one who left a contact */
};

/*
 * Takes in one observation, in a transaction of its own, and emits its
 * case (type "case", with the tracking code the reporter follows it by)
 * once committed.  Any user of the store may report one, whatever its
 * role and hospitals (a web page acts for someone who is not logged in):
 * px opens the case itself (px_case_open_for_tx).  An anonymous report
 * (no name) keeps no name, contact or language, and its case, its
 * timeline and its audit row name PX_OBSERVATION_ANONYMOUS, never the
 * acting user; an identified one keeps the name and contact and names
 * the acting user, and a reporter who left a phone or email is sent
 * observation_received through the outbox.  Source staff; severity by
 * category (px_observation_severity).  PX_EINPUT for an unknown hospital,
 * PX_EREJECT for any other field it refuses, with why.
 */
int px_observation_new(struct px_ctx *cx, const struct px_observation_spec *s,
		       struct px_err *err);

/* Record handler (ctx: the struct px_ctx): one record of the fields of
 * the spec (hospital, department, category, title, description, name,
 * phone, email, language), taken in inside the caller's transaction,
 * whole or not at all; every refusal PX_EREJECT.  Emits the case once
 * committed. */
int px_observation_record(struct px_rec *r, void *cx, struct px_err *err);

#endif
