/*
 * report.h - the KPIs of the loop, computed in the store.
 *
 * A report is one of the verbs below, computed for each period (bucket of
 * the display zone) between since and until and for each value of one
 * grouping dimension.  Every row is a record of type "report.VERB"; see
 * px-report(1) for the fields.  Groups in scope with no data still get a
 * row (counts 0, rates null), so that an empty department shows.
 */
#ifndef PX_REPORT_H
#define PX_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "base/err.h"
#include "records/record.h"
#include "store/store.h"

enum px_report_kind {
	PX_REPORT_SURVEYS,
	PX_REPORT_SCORES,
	PX_REPORT_NPS,
	PX_REPORT_NEGATIVE,
	PX_REPORT_JOURNEYS,
	PX_REPORT_NOTIFY,
	PX_REPORT_SUPPRESSED,
	PX_REPORT_COMPLAINTS,
	PX_REPORT_SLA,
	PX_REPORT_ACTIONS,
	PX_REPORT_CALLS,
	PX_REPORT_NKINDS,
};

enum px_report_dim {
	PX_DIM_NONE,
	PX_DIM_HOSPITAL,
	PX_DIM_DEPARTMENT,
	PX_DIM_TEMPLATE,
	PX_DIM_CHANNEL,
	PX_DIM_QUESTION,
	PX_DIM_SOURCE,         /* complaints: where it came from */
	PX_DIM_STATE,          /* complaints: the state it is in now */
	PX_DIM_DOMAIN,         /* complaints: the classification cut to the
	                        * taxonomy's level 1 .. 4 */
	PX_DIM_CATEGORY,
	PX_DIM_SUBCATEGORY,
	PX_DIM_CLASSIFICATION,
	PX_DIM_KIND,           /* sla: the case's kind (complaint, inquiry) */
	PX_DIM_SEVERITY,       /* sla: the case's severity now */
	PX_DIM_TRIGGER,        /* actions: the rule that raised it, manual */
	PX_DIM_AGENT,          /* calls: the call centre's agent */
	PX_DIM_NDIMS,
};

enum px_period {
	PX_PERIOD_NONE,
	PX_PERIOD_DAY,
	PX_PERIOD_WEEK,   /* ISO weeks, Monday to Sunday */
	PX_PERIOD_MONTH,
	PX_PERIOD_QUARTER,
	PX_PERIOD_YEAR,
};

int px_report_kind_parse(const char *name, enum px_report_kind *out);
const char *px_report_kind_name(enum px_report_kind k);
int px_report_dim_parse(const char *name, enum px_report_dim *out);
const char *px_report_dim_name(enum px_report_dim d);
int px_report_period_parse(const char *name, enum px_period *out);
/* Whether report k can be grouped by d. */
int px_report_dim_ok(enum px_report_kind k, enum px_report_dim d);
/* The level of the complaint taxonomy d groups by (1 domain ..
 * 4 classification), or 0 when d is not one of them: the rows of such a
 * grouping carry each node's name. */
int px_report_dim_level(enum px_report_dim d);

/* --- periods in the display zone (pure) --- */

/* Start of the period holding t. */
int64_t px_report_period_start(enum px_period p, int64_t t);
/* Start of the period n periods after the one starting at start (n may
 * be negative). */
int64_t px_report_period_add(enum px_period p, int64_t start, int n);
/* "2026-11-23", "2026-W48", "2026-11", "2026-Q4", "2026". */
void px_report_period_label(enum px_period p, int64_t start, char *buf, size_t size);

/* --- statistics (pure) --- */

struct px_nps {
	long n, promoters, passives, detractors;
	double nps, low, high; /* -100..100; the 95% interval, clamped */
};
/* NPS = 100 (P - D) / n with the normal-approximation interval
 * nps +- 1.96 * 100 * sqrt((p + d - (p - d)^2) / n), p and d the shares.
 * Returns 0, or -1 when n is 0 (no figure). */
int px_report_nps(long promoters, long passives, long detractors, struct px_nps *out);
/* The median of v (sorted in place); -1 when n is 0. */
int px_report_median(double *v, size_t n, double *out);
/* x rounded to places decimals. */
double px_report_round(double x, int places);

/* --- running a report --- */

struct px_report_opts {
	enum px_report_kind kind;
	enum px_report_dim by;     /* PX_DIM_NONE: one group */
	enum px_period period;     /* PX_PERIOD_NONE: one window */
	int has_since, has_until;
	int64_t since, until;      /* [since, until) */
	const char *hospital;      /* a hospital code; NULL: every one in scope */
	int compare;               /* add the previous period and deltas */
	int64_t within;            /* seconds to count as prompt; 0: by each
	                            * loop's contact target (px-sla policy
	                            * of kind followup) */
	int list;                  /* suppressed: one record per survey not
	                            * sent, with the reason's detail, instead
	                            * of the figures */
	const char *lang;          /* the names rows carry (complaints by a
	                            * taxonomy level): "ar" Arabic, else
	                            * English */
	/* Filled by px_report_window: */
	long long min_n;           /* report.min_n: a group whose sample is
	                            * smaller is marked low_n */
	int64_t now;               /* the clock: a row ending after it is
	                            * marked partial; the sla report reads
	                            * the cases' clocks at it */
};

#define PX_REPORT_MIN_N 30

/* Checks the combination: PX_EUSAGE when --compare has no period to
 * compare with, --until is not after --since, the dimension does not
 * apply to the report, or a listing is asked of another report than
 * suppressed or with a grouping, a period or --compare.  Needs no
 * store. */
int px_report_check(const struct px_report_opts *o, struct px_err *err);
/* Checks o and fills its defaults: the window from the context's clock
 * (twelve periods to the end of the current one; everything without a
 * period), marked as given, within, min_n from the configuration
 * (PX_EINPUT when malformed) and now. */
int px_report_window(struct px_ctx *cx, struct px_report_opts *o, struct px_err *err);
/* The contact target the negative report counts to without --within,
 * for its words: the px-sla policy of kind followup for the hospital
 * (NULL: the one for any), else contact.target_hours of the clock. */
int px_report_contact_target(struct px_ctx *cx, const char *hospital, int64_t *seconds,
			     int *business, struct px_err *err);

/*
 * The verbs check the acting user: a viewer or above of the hospital
 * named (an unknown one is PX_EINPUT, one out of scope PX_EPERM), else of
 * any hospital, and the figures count only the hospitals in scope.
 */

/* Emits each row, in period then group order (a listing: each survey
 * not sent, by due time). */
int px_report_run(struct px_ctx *cx, const struct px_report_opts *o, struct px_err *err);
/* Calls fn with each row instead (fn owns nothing: the record is freed
 * after the call); fn's non-zero return stops and is returned. */
int px_report_each(struct px_ctx *cx, const struct px_report_opts *o,
		   int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err);

/*
 * Every row ends with two flags:
 *   low_n    its sample is smaller than min_n: fewer surveys sent
 *            (surveys), responses (scores), answers (nps), surveys
 *            completed (negative), journeys (journeys), messages sent or
 *            failed (notify), surveys due (suppressed), complaints
 *            opened (complaints) or cases a service-level policy watches
 *            (sla) than the figures need to be read as more than
 *            anecdotes;
 *   partial  its period (or window) has not ended: its counts can grow.
 */

/* The time of the latest survey sent or completed before `before`, in
 * o's scope (its hospital, else the acting user's), into *at: 1, or 0
 * when there is none; or the status of a failure, negated. */
int px_report_latest(struct px_ctx *cx, const struct px_report_opts *o, int64_t before,
		     int64_t *at, struct px_err *err);

/* Calls fn with the names of what reports group by, in o's scope: field
 * "hospital" (key its code), "department" (HOSPITAL/DEPT; "HOSPITAL/-"
 * is not one), "template" (its name; the current version's title) and
 * "question" (TEMPLATE:CODE; its text), each in English and in Arabic
 * (NULL when it has none); hospitals come before departments.  Grouped
 * by a level of the complaint taxonomy, the nodes of that level follow
 * (field the dimension's, key the code).  fn's non-zero return stops
 * the walk and is returned. */
int px_report_names(struct px_ctx *cx, const struct px_report_opts *o,
		    int (*fn)(const char *field, const char *key, const char *en, const char *ar,
			      void *ctx),
		    void *ctx, struct px_err *err);

/* The record's headline field ("response_rate", "mean", "nps"...). */
const char *px_report_headline(enum px_report_kind k);
/* The field of the record that holds its sample size, when it has one
 * ("sent", "responses", "n"...; NULL for notify, whose sample is not a
 * field of its own). */
const char *px_report_sample(enum px_report_kind k);
/* The field naming the group of a row under dimension d (NULL: none). */
const char *px_report_dim_field(enum px_report_dim d);

#endif
