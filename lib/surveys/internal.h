/*
 * internal.h - what the files of lib/surveys share, and nothing outside
 * lib/surveys includes: templates as loaded (templates.c), survey
 * instances, links and the patient's notification (instance.c), and the
 * answering steps that SMS replies reuse (answers.c).  The verbs are in
 * survey.h.
 */
#ifndef PX_SURVEYS_INTERNAL_H
#define PX_SURVEYS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/time.h"
#include "core/auth.h"
#include "core/patient.h"
#include "messages/notify.h"
#include "surveys/survey.h"

/* ---------- templates (templates.c) ---------- */

struct px_survey_choice {
	char *value, *label, *label_ar;
	int has_score;
	double score;
};

struct px_survey_question {
	int64_t id;
	char *code, *text, *text_ar;
	enum px_qtype type;
	int required;
	double weight;
	struct px_survey_choice *choices;
	size_t nchoices;
	char *choices_json, *show_if_json;
	/* show_if */
	char *if_question, *if_op, *if_value; /* if_value: text form */
	double if_num;
	int if_is_num;
	char **if_in; /* op "in": values */
	size_t nif_in;
};

struct px_survey_tpl {
	int64_t id;
	char *public_id, *name, *title, *title_ar, *survey_type;
	long version;
	int active, current;
	enum px_score_method scoring;
	double threshold;
	int one_per_screen;   /* layout: its page asks one question at a time */
	struct px_survey_question *q;
	size_t nq;
};

/* A template by row id, with its questions; NULL with err. */
struct px_survey_tpl *px_survey_tpl_load(struct px_store *st, int64_t id, struct px_err *err);
void px_survey_tpl_free(struct px_survey_tpl *t);
/* A template definition (one JSON object) parsed and checked, as
 * px-survey template add reads a file; NULL with err. */
struct px_survey_tpl *px_survey_tpl_parse(const char *text, size_t n, struct px_err *err);
/* The row id of the current version of a template: 1 found, 0 not, -1
 * error. */
int px_survey_tpl_current(struct px_store *st, const char *name, int64_t *id,
			  struct px_err *err);
/* The question with this code, or NULL. */
struct px_survey_question *px_survey_tpl_question(const struct px_survey_tpl *t,
						  const char *code);
/* Whether a template is a satisfaction check: it answers for the loop of
 * the survey it follows up, or for the complaint it was sent on (a
 * complaint_resolution survey), and is never a negative experience
 * itself. */
int px_survey_tpl_is_check(const struct px_survey_tpl *t);

/* ---------- instances (instance.c) ---------- */

struct px_survey_inst {
	int64_t id, template_id, patient_id, hospital_id, department_id;
	char pid[PX_ID_LEN];
	char status[16], channel[16], language[4];
	int64_t expires_at;
	long reminders;
	int by_token;   /* found by its link's token: the token is its holder's
	                 * authority to answer it and report what it did */
};

/* The columns px_survey_inst_fill reads, first in a SELECT on surveys s. */
#define PX_SURVEY_INST_COLS "s.id, s.template_id, s.patient_id, s.hospital_id, " \
	"s.department_id, s.public_id, s.status, s.channel, s.language, s.expires_at, s.reminders"
#define PX_SURVEY_INST_NCOLS 11
/* The status of a survey that can still be answered, reminded, expired. */
#define PX_SURVEY_OPEN "('sent', 'viewed', 'in_progress', 'abandoned')"

void px_survey_inst_fill(struct px_stmt *s, struct px_survey_inst *in);
/* The instance a record names by "token" or "survey": PX_OK, PX_EREJECT
 * when unknown or named by neither, or the store's status. */
int px_survey_inst_find(struct px_store *st, const struct px_rec *r, struct px_survey_inst *in,
			struct px_err *err);
/* The instance by row id: 1 found, 0 not, -1 error. */
int px_survey_inst_load(struct px_store *st, int64_t id, struct px_survey_inst *in,
			struct px_err *err);
int px_survey_inst_is_open(const struct px_survey_inst *in);
int px_survey_set_status(struct px_store *st, const struct px_survey_inst *in,
			 const char *status, const char *at, struct px_err *err);
/* The audit event of a status change (event: what caused it, or NULL). */
int px_survey_audit_status(struct px_ctx *cx, const struct px_survey_inst *in,
			   const char *action, const char *from, const char *to,
			   const char *event, struct px_err *err);
/* PX_OK when the acting user has role min in the hospital, else PX_EPERM
 * "may not VERB of hospital 'CODE'". */
int px_survey_require(struct px_ctx *cx, enum px_role min, int64_t hospital_id,
		      const char *verb, struct px_err *err);

struct px_survey_hospital {
	char code[40];
	char *name, *name_ar;
};

int px_survey_hospital_load(struct px_store *st, int64_t id, struct px_survey_hospital *h,
			    struct px_err *err);
void px_survey_hospital_free(struct px_survey_hospital *h);

/*
 * The survey's link, the same in every message about it: its token is
 * made from the survey's public id and a salt kept in survey_tokens
 * under the store's "survey-link" secret (messages/notify.h), so that
 * the store holds only the salt and the token's hash.  The first call
 * for a survey draws the salt and stores the hash (at: its time), inside
 * the caller's transaction.  PX_EINPUT when the store has no key.
 */
struct px_survey_link {
	char pid[PX_ID_LEN], salt[PX_NOTIFY_SALT_LEN];
	struct px_notify_link spec; /* what the outbox keeps to make it again */
	char *url;
};
int px_survey_link(struct px_ctx *cx, const struct px_survey_inst *in, const char *at,
		   struct px_survey_link *l, struct px_err *err);
void px_survey_link_free(struct px_survey_link *l);
/* The invitation or reminder notification to the patient, with "id"
 * null until px_notify_queue_tx() queues it (caller frees). */
struct px_rec *px_survey_notification(const char *key, const char *tmpl,
				      const struct px_survey_inst *in,
				      const struct px_patient *p,
				      const struct px_survey_hospital *h, const char *url);
/* survey.expiry_days: PX_EINPUT when malformed. */
int px_survey_expiry_days(struct px_ctx *cx, long long *days, struct px_err *err);

/* ---------- answering (answers.c) ---------- */

/* Arabic-Indic (U+0660-0669) and Eastern Arabic-Indic (U+06F0-06F9)
 * digits to ASCII, other bytes copied, blanks trimmed off both ends. */
void px_survey_digits(const char *in, char *out, size_t size);
/* Records one answer to an open survey in its own transaction.  PX_OK,
 * PX_EREJECT/PX_EPERM for an answer refused, or a failure's status. */
int px_survey_answer(struct px_ctx *cx, struct px_survey_inst *in, const char *qcode,
		     const char *raw, struct px_err *err);
/* Completes and scores the survey when every required question shown has
 * an answer, runs the completion hooks, and emits survey.negative and the
 * alerts when it is negative. */
int px_survey_complete(struct px_ctx *cx, int64_t survey_id, struct px_err *err);
/* The answers of a survey, by question index, NULL where unanswered (free
 * with px_survey_answers_free); NULL with err. */
char **px_survey_answers_load(struct px_store *st, const struct px_survey_tpl *t,
			      int64_t survey_id, struct px_err *err);
void px_survey_answers_free(const struct px_survey_tpl *t, char **a);
/* Whether question i is shown given the answers (NULL: unanswered): its
 * condition holds on an earlier question that is itself shown. */
int px_survey_shown(const struct px_survey_tpl *t, size_t i, char *const *answers);
/* What each answer of a survey counts for in its score, on the
 * template's scale (score.h): 1 + 4 x the normalised answer for average
 * and weighted, the answer itself for an NPS question of the nps method.
 * By question index of t: has[i] 0 where the answer does not count
 * (unanswered, skipped, text, a choice without score, a weight of 0, a
 * question the nps method does not read). */
int px_survey_answer_scores(struct px_store *st, const struct px_survey_tpl *t, int64_t survey_id,
			    double *scores, int *has, struct px_err *err);

#endif
