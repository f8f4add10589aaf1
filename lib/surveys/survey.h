/*
 * survey.h - surveys from template to score: versioned bilingual
 * templates, instances with hashed link tokens, sending, tracking,
 * answers, scoring (score.h) and negative experiences.
 *
 * Every verb takes the context (core/ctx.h) and returns a status of the
 * exit table: PX_OK, or the code of what went wrong with err filled.  A
 * verb checks the acting user's role and hospital scope itself, changes
 * the store in one transaction per survey with its audit events and the
 * messages the change causes (queued in the outbox, messages/notify.h),
 * and hands the records it makes (notifications with their message's
 * id, survey.negative) to px_emit() only after that transaction has
 * committed.
 *
 * A template, survey, hospital or department named by the caller that
 * does not exist is PX_EINPUT ("unknown survey 'X'"); the same thing named
 * inside an input record rejects the record (PX_EREJECT).  The
 * per-record verbs are handlers for the record loop (records/record.h):
 * their ctx is the struct px_ctx.
 *
 * When a survey is completed, the PX_EV_SURVEY_COMPLETED hooks run inside
 * the completing transaction (the follow-up module, above this one,
 * closes or escalates the loop a satisfaction check answers for).
 */
#ifndef PX_SURVEY_H
#define PX_SURVEY_H

#include <stdint.h>

#include "base/err.h"
#include "base/token.h"
#include "core/ctx.h"
#include "records/record.h"
#include "surveys/score.h"

/* --- templates: loading needs a px_admin, reading any role --- */

/* Loads template files (one JSON object each, see px-survey-template(5)).
 * A new name is version 1; a changed template without instances is
 * updated in place; a changed template with instances gets a new version
 * (the instances keep theirs); an identical one changes nothing but is
 * enabled again.  A file that cannot be read or holds no valid template
 * is reported through px_reject() and the others go on: the worst status
 * of those is returned (err left clear).  PX_EPERM for anyone but a
 * px_admin, before any file is read. */
int px_survey_template_add(struct px_ctx *cx, const char *const *paths, struct px_err *err);
/* Emits a "survey.template" record per template (every version with all). */
int px_survey_template_list(struct px_ctx *cx, int all, struct px_err *err);
/* Emits the template ("survey.template") then its questions
 * ("survey.question"); version 0 is the current one. */
int px_survey_template_show(struct px_ctx *cx, const char *name, long version,
			    struct px_err *err);
/* Retires a template: nothing more is sent with it. */
int px_survey_template_disable(struct px_ctx *cx, const char *name, struct px_err *err);

/* --- sending: staff or above in the survey's hospital --- */

/*
 * Handler for "survey.due" records: the due row it names (by "id"), or
 * one described by its fields (hospital, patient or mrn, department,
 * encounter, template, channel, language; "fatigue": true makes the
 * encounter's own surveys count for the fatigue rule).  A record whose
 * due_at is ahead is left for a later send --due.  A survey not sent
 * (duplicate, template disabled, fatigue, no reachable channel) is told
 * to px_note() and its due row, if any, is suppressed with the reason.
 */
int px_survey_send(struct px_rec *due, void *cx, struct px_err *err);
/* One survey for a patient by MRN, outside any encounter (channel: the
 * one to try first, or NULL). */
int px_survey_send_patient(struct px_ctx *cx, const char *hospital, const char *mrn,
			   const char *tpl, const char *channel, struct px_err *err);
/* Every survey_due row with status 'due' and due_at <= now in the acting
 * user's hospitals.  A rejected row goes to px_reject() and does not stop
 * the others; returns PX_OK, the worst reject status (err clear), or the
 * status of a failure that stopped it. */
int px_survey_send_pending(struct px_ctx *cx, struct px_err *err);

/*
 * A follow-up survey (a satisfaction check) of the patient of survey
 * of_survey, created inside the caller's transaction: same hospital,
 * department and encounter, never held by the fatigue rule, one per dedup
 * key.  Sets the new survey's public and row ids, queues its invitation
 * in the outbox in the caller's transaction and hands its record to
 * px_emit_after() for the caller to flush once it has committed.
 * PX_EREJECT for an unknown or disabled template or a patient who cannot
 * be reached.
 */
int px_survey_followup(struct px_ctx *cx, int64_t of_survey, const char *tpl,
		       const char *dedup, char out_pid[PX_ID_LEN], int64_t *out_id,
		       struct px_err *err);

/* What a survey sent for something other than a visit is about. */
struct px_survey_about {
	int64_t patient_id, hospital_id, department_id, encounter_id; /* 0: none */
	const char *why, *why_value; /* what asked for it: "case" and its id */
};
/*
 * The same for a patient named by row id, the survey made for a case of
 * lib/cases (a complaint's resolution survey): one per patient, why and
 * dedup key and template.
 */
int px_survey_for(struct px_ctx *cx, const struct px_survey_about *a, const char *tpl,
		  const char *dedup, char out_pid[PX_ID_LEN], int64_t *out_id,
		  struct px_err *err);

/* --- answers and tracking: staff or above in the survey's hospital, or
 * anyone by the survey's token (the link's holder, the patient) --- */

/*
 * Handler for answers ("survey.answer" or untyped): token or survey,
 * question, value.  A survey is completed, scored and, when negative,
 * reported (survey.negative, the alerts to its hospital's admins) once
 * every required question that is shown has an answer.  Between
 * px_survey_respond_begin() and px_survey_respond_end() the answers to
 * one survey are taken to come together: it is completed when another
 * survey's answers start or at the end, so that optional questions after
 * the last required one still count; otherwise after every answer.
 */
int px_survey_respond(struct px_rec *r, void *cx, struct px_err *err);
void px_survey_respond_begin(struct px_ctx *cx);
int px_survey_respond_end(struct px_ctx *cx, struct px_err *err);
/* px_survey_respond_end, or when complete is 0 the answers kept without
 * completing the survey: the page that shows questions its answers have
 * just revealed completes it once those are sent. */
int px_survey_respond_finish(struct px_ctx *cx, int complete, struct px_err *err);
/* Handler for SMS replies ("sms.reply" or untyped): from (phone), text,
 * and optionally channel (sms or whatsapp).  A number or yes/no answers
 * the patient's latest open one-question survey on that channel; STOP
 * (or إيقاف...) opts every patient with that phone out of the channel. */
int px_survey_respond_sms(struct px_rec *r, void *cx, struct px_err *err);
/* Handler for link events ("survey.event" or untyped): token or survey,
 * event, at, time_on_page, device, user_agent, question. */
int px_survey_track(struct px_rec *r, void *cx, struct px_err *err);

enum px_sms_kind { PX_SMS_UNKNOWN, PX_SMS_NUMBER, PX_SMS_YES, PX_SMS_NO, PX_SMS_STOP };
/* Reads a free-text SMS reply: a number of one or two digits (0-9 or
 * Arabic-Indic), yes/no in English or Arabic, or a request to stop. */
enum px_sms_kind px_survey_sms_parse(const char *text, long *number);

/* --- the survey page: the link's holder --- */

struct px_page_choice {
	char *value, *label;
};
struct px_page_question {
	char *code, *text;          /* the text in the page's language */
	enum px_qtype type;
	int required;
	struct px_page_choice *choices; /* rating 1-5, NPS 0-10, yes/no, the
	                                 * template's choices, in order */
	size_t nchoices;
	char *answer;               /* the answer so far, or NULL */
	int shown;                  /* its condition holds on the answers so far */
};
enum px_page_state { PX_PAGE_OPEN, PX_PAGE_COMPLETED, PX_PAGE_EXPIRED, PX_PAGE_CANCELLED };
struct px_survey_page {
	char survey[PX_ID_LEN];
	enum px_page_state state;
	char language[4];           /* en or ar */
	char *title, *hospital;     /* in the language */
	char *first_name;           /* the patient's, or NULL: nothing else */
	int one_per_screen;         /* the template asks one question a screen */
	struct px_page_question *q;
	size_t nq;
};
/* The survey a link's token names, as its page shows it, in lang (en or
 * ar; NULL: the survey's own); no role needed, the token is the
 * authority.  An unknown token is PX_EINPUT "unknown survey link", the
 * same whatever the reason. */
int px_survey_page(struct px_ctx *cx, const char *token, const char *lang,
		   struct px_survey_page **out, struct px_err *err);
void px_survey_page_free(struct px_survey_page *p);

/* --- cron: staff or above; each acts on the user's hospitals --- */

/* Past expiry: expired; in progress and idle for survey.abandon_hours:
 * abandoned.  *changed (may be NULL) counts the surveys changed. */
int px_survey_expire(struct px_ctx *cx, long *changed, struct px_err *err);
/* Reminders (survey.reminder_days, survey.reminder_max), never in
 * notify.quiet_hours.  *sent (may be NULL) counts them. */
int px_survey_remind(struct px_ctx *cx, long *sent, struct px_err *err);

/* --- reading: any role, the hospitals in the user's scope --- */

struct px_survey_filter {
	const char *hospital, *department, *tpl, *status;
	int negative;          /* 1: only negative ones */
	int64_t since, until;  /* on sent_at (negatives: completed_at); 0 unbounded */
};

/* A hospital named by the filter must exist (PX_EINPUT) and be in the
 * user's scope (PX_EPERM); so must a department or template. */
int px_survey_list(struct px_ctx *cx, const struct px_survey_filter *f, struct px_err *err);
/* The survey ("survey") and its answers ("survey.answer"). */
int px_survey_show(struct px_ctx *cx, const char *id, struct px_err *err);
/* One record per survey of f->tpl (required), one key per question. */
int px_survey_export(struct px_ctx *cx, const struct px_survey_filter *f, struct px_err *err);
/* The stored "survey.negative" records again. */
int px_survey_negatives(struct px_ctx *cx, const struct px_survey_filter *f,
			struct px_err *err);

#endif
