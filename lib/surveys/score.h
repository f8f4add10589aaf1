/*
 * score.h - survey scoring: pure functions, no store, no I/O.
 *
 * Each answer is first normalised to [0, 1] on its own scale:
 *   rating, likert (1-5)          (v - 1) / 4
 *   nps (0-10)                    v / 10
 *   yes_no                        yes 1, no 0
 *   multiple_choice               the chosen choice's score (1-5) as a
 *                                 rating, or unscored when it has none
 *   text, textarea                unscored
 * Answers to questions skipped by branch logic do not count.
 *
 * The survey score is on the method's own scale:
 *   average    1 + 4 * (mean of the normalised answers), 1-5
 *   weighted   1 + 4 * (sum w*n / sum w), 1-5; weights <= 0 drop a question
 *   nps        the NPS answer itself, 0-10 (the mean when there are several);
 *              promoter 9-10, passive 7-8, detractor 0-6
 * No scorable answer: no score, and not negative.  Otherwise the survey is
 * negative when its score is below the threshold (on the same scale):
 * exactly the threshold is not negative.
 */
#ifndef PX_SCORE_H
#define PX_SCORE_H

#include <stddef.h>

enum px_qtype {
	PX_Q_RATING,
	PX_Q_NPS,
	PX_Q_YES_NO,
	PX_Q_CHOICE,
	PX_Q_TEXT,
	PX_Q_TEXTAREA,
	PX_Q_LIKERT,
};

enum px_score_method {
	PX_SCORE_AVERAGE,
	PX_SCORE_WEIGHTED,
	PX_SCORE_NPS,
};

/* Names as in templates ("rating", "multiple_choice"...); -1 when unknown. */
int px_score_qtype_parse(const char *name, enum px_qtype *out);
const char *px_score_qtype_name(enum px_qtype t);
int px_score_method_parse(const char *name, enum px_score_method *out);
const char *px_score_method_name(enum px_score_method m);
/* The default negative threshold of a method: 3 (of 5), or 7 (of 10). */
double px_score_default_threshold(enum px_score_method m);
/* Whether a threshold lies on the method's scale. */
int px_score_threshold_ok(enum px_score_method m, double t);

struct px_score_item {
	enum px_qtype type;
	int answered;     /* 0: no answer */
	int skipped;      /* 1: hidden by branch logic */
	double value;     /* rating, likert, nps: the number; yes_no: 1 or 0;
			     choice: the choice's score on 1-5 */
	int has_score;    /* choice only: whether the choice carries a score */
	double weight;    /* weighted method; 1 when the template says nothing */
};

/* The answer normalised to [0, 1]: 1 and *out set, or 0 when the answer
 * does not count (unanswered, skipped, text, a choice without score). */
int px_score_normalise(const struct px_score_item *it, double *out);

struct px_score_result {
	int has_score;
	double score;      /* on the method's scale, rounded to 2 decimals */
	int negative;
	const char *nps_class; /* "promoter", "passive", "detractor" or NULL */
	size_t counted;    /* answers that counted */
};

void px_score_compute(enum px_score_method m, double threshold,
		      const struct px_score_item *items, size_t n,
		      struct px_score_result *res);

/* promoter (9-10), passive (7-8) or detractor (below 7). */
const char *px_score_nps_class(double v);

/* A score as shown in records: two decimals, a second zero dropped
 * ("2.4", "3.0", "1.73"); size at least 32. */
void px_score_format(double v, char *buf, size_t size);

#endif
