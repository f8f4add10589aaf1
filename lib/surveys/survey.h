/*
 * survey.h - surveys from template to score: versioned bilingual
 * templates, instances with hashed link tokens, tracking, answers,
 * scoring (score.h) and negative experiences.
 *
 * Every function that changes the store does so in one transaction per
 * record, with its audit events, before it hands any record to io->emit.
 * Per-record functions return 0 when the record was handled, 1 when it is
 * of another type (the caller passes it through), -1 when it is rejected
 * (err says why: PX_EREJECT or PX_EPERM) and -2 on a store failure.
 */
#ifndef PX_SURVEY_H
#define PX_SURVEY_H

#include <stdint.h>

#include "core/auth.h"
#include "base/config.h"
#include "base/err.h"
#include "records/record.h"
#include "surveys/score.h"
#include "store/store.h"
#include "base/token.h"

/* Default of survey.fatigue_days: no patient is surveyed again within
 * this many days (px-import-his and px-survey send both apply it). */
#define PX_SURVEY_FATIGUE_DAYS 30

struct px_survey_io {
	struct px_store *st;
	const struct px_config *cfg;
	const struct px_user *actor;
	/* Receives each output record (borrowed). */
	void (*emit)(const struct px_rec *r, void *ctx);
	/* Told about each survey not sent or not reminded, and why. */
	void (*skip)(const char *subject, const char *reason, void *ctx);
	void *ctx;
	/* respond: when set, the survey whose answers are coming in is
	 * completed only when another survey's answers start or at
	 * px_survey_respond_end, so that optional questions after the last
	 * required one still count; NULL completes after every answer. */
	int64_t *pending;
};

/* --- templates (px_admin) --- */

/* Loads a template file (one JSON object, see px-survey-template(5)).
 * A new name is version 1; a changed template without instances is
 * updated in place; a changed template with instances gets a new version
 * (the instances keep theirs); an identical one changes nothing but is
 * enabled again.  *action is "created", "updated", "versioned",
 * "enabled" or "unchanged".  -1 with PX_EINPUT/PX_EREJECT/PX_EPERM. */
int px_survey_template_add(const struct px_survey_io *io, const char *path,
			   const char **action, struct px_err *err);
/* Emits a "survey.template" record per template (every version with all). */
int px_survey_template_list(const struct px_survey_io *io, int all, struct px_err *err);
/* Emits the template ("survey.template") then its questions
 * ("survey.question"); version 0 is the current one. */
int px_survey_template_show(const struct px_survey_io *io, const char *name,
			    long version, struct px_err *err);
/* Retires a template: nothing more is sent with it. */
int px_survey_template_disable(const struct px_survey_io *io, const char *name,
			       struct px_err *err);

/* --- sending --- */

/* One "survey.due" record. */
int px_survey_send(const struct px_survey_io *io, struct px_rec *due, struct px_err *err);
/* One survey for a patient by MRN, outside any encounter. */
int px_survey_send_patient(const struct px_survey_io *io, const char *hospital,
			   const char *mrn, const char *tpl, const char *channel,
			   struct px_err *err);
/* Every survey_due row with status 'due' and due_at <= now.  Rejected rows
 * are reported through report and do not stop the others; returns
 * PX_OK, PX_EREJECT, or -1 on a store failure. */
int px_survey_send_pending(const struct px_survey_io *io,
			   void (*report)(const struct px_err *e, void *ctx),
			   struct px_err *err);

/*
 * A follow-up survey (a satisfaction check) of the patient of survey
 * of_survey, created inside the caller's transaction: same hospital,
 * department and encounter, no fatigue window, one per dedup key.  Sets
 * the new survey's public and row ids and *notification, the invitation
 * to emit once the caller has committed (caller frees).  -1 rejected
 * (unknown or disabled template, no way to reach the patient), -2 store.
 */
int px_survey_followup(const struct px_survey_io *io, int64_t of_survey, const char *tpl,
		       const char *dedup, char out_pid[PX_ID_LEN], int64_t *out_id,
		       struct px_rec **notification, struct px_err *err);

/* --- answers and tracking --- */

/* One answer: token or survey, question, value.  A survey is completed,
 * scored and, when negative, reported once every required question that
 * is shown has an answer. */
int px_survey_respond(const struct px_survey_io *io, struct px_rec *r, struct px_err *err);
/* Completes the pending survey of px_survey_respond, if done. */
int px_survey_respond_end(const struct px_survey_io *io, struct px_err *err);
/* One SMS reply: from (phone), text, and optionally channel. */
int px_survey_respond_sms(const struct px_survey_io *io, struct px_rec *r, struct px_err *err);
/* One link event: token or survey, event, at, time_on_page, device,
 * user_agent, question. */
int px_survey_track(const struct px_survey_io *io, struct px_rec *r, struct px_err *err);

enum px_sms_kind { PX_SMS_UNKNOWN, PX_SMS_NUMBER, PX_SMS_YES, PX_SMS_NO, PX_SMS_STOP };
/* Reads a free-text SMS reply: a number of one or two digits (0-9 or
 * Arabic-Indic), yes/no in English or Arabic, or a request to stop. */
enum px_sms_kind px_survey_sms_parse(const char *text, long *number);

/* --- cron --- */

/* Past expiry: expired; in progress and idle for survey.abandon_hours:
 * abandoned.  *changed counts the surveys changed. */
int px_survey_expire(const struct px_survey_io *io, long *changed, struct px_err *err);
/* Reminders (survey.reminder_days, survey.reminder_max), never in
 * notify.quiet_hours. */
int px_survey_remind(const struct px_survey_io *io, long *sent, struct px_err *err);

/* --- reading --- */

struct px_survey_filter {
	const char *hospital, *department, *tpl, *status;
	int negative;          /* 1: only negative ones */
	int64_t since, until;  /* on sent_at (negatives: completed_at); 0 unbounded */
};

int px_survey_list(const struct px_survey_io *io, const struct px_survey_filter *f,
		   struct px_err *err);
/* The survey ("survey") and its answers ("survey.answer"). */
int px_survey_show(const struct px_survey_io *io, const char *id, struct px_err *err);
/* One record per survey of f->tpl (required), one key per question. */
int px_survey_export(const struct px_survey_io *io, const struct px_survey_filter *f,
		     struct px_err *err);
/* The stored "survey.negative" records again. */
int px_survey_negatives(const struct px_survey_io *io, const struct px_survey_filter *f,
			struct px_err *err);

#endif
