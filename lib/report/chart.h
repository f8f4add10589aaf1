/*
 * chart.h - the HTML report: one self-contained page (no scripts, no
 * network) with inline SVG charts, in English or Arabic (right to left).
 * Pure: builds text in buffers.
 *
 * What a page shows people is names, not codes: the groups of report
 * records (hospital and department codes, template names, TEMPLATE:CODE
 * of a question, channels, suppression reasons, complaint states and
 * sources, taxonomy codes, case kinds and severities) are shown by the
 * names the page is given, or their labels, in its language.  In English
 * the codes stay in the tooltips, where an analyst matches them with the
 * CSV; an Arabic page has no English left on it.
 *
 * Rows marked low_n (their sample is under report.min_n) are greyed:
 * hollow grey points, grey bars, grey table rows, a grey card; rows
 * marked partial (their period has not ended) have their period starred.
 * Each chart or table that has such rows says so under it.
 */
#ifndef PX_CHART_H
#define PX_CHART_H

#include <stddef.h>

#include "base/mem.h"
#include "records/record.h"

/* A list of report records, owned. */
struct px_recs {
	struct px_rec **r;
	size_t n, cap;
};

/* Appends a copy of r. */
void px_recs_add(struct px_recs *l, const struct px_rec *r);
void px_recs_free(struct px_recs *l);

/* Display names by group field and key, owned. */
struct px_names {
	struct px_name {
		char *field, *key, *name;
	} *v;
	size_t n, cap;
};

/* Names key of field; a later name of the same key replaces it. */
void px_names_add(struct px_names *m, const char *field, const char *key, const char *name);
/* The name of key in field, or NULL. */
const char *px_names_get(const struct px_names *m, const char *field, const char *key);
void px_names_free(struct px_names *m);

/* A page being written. */
struct px_chart {
	struct px_buf *b;
	const char *lang;             /* "en" or "ar" */
	const struct px_names *names; /* may be NULL: codes as they are */
	long long min_n;              /* what low_n means, for the notes */
	int codes;                    /* tables keep the records' codes, each
	                               * group's name beside it (a report's
	                               * page: its records as a table) */
};

/* The label of a field, title or code in lang ("en" or "ar"); in
 * English key itself when there is no label of its own. */
const char *px_chart_label(const char *lang, const char *key);
/* How a value of a record's field is shown: a group's name, the label
 * of a channel, a reason, a complaint's state or source, a case's kind or
 * severity, yes or no for a flag, else the value. */
const char *px_chart_value(const struct px_chart *ch, const char *field, const char *value);

/* Opens the page: doctype, style, title and subtitle. */
void px_chart_begin(struct px_chart *ch, const char *title, const char *subtitle);
void px_chart_end(struct px_chart *ch);
/* Headline figures: cards of label and value, greyed where low[i]. */
void px_chart_cards(struct px_chart *ch, const char *const *labels, const char *const *values,
		    const int *low, size_t n);
/* A line chart of field metric over the records' "period", one line per
 * value of the group field (NULL: one line). */
void px_chart_lines(struct px_chart *ch, const char *title, const struct px_recs *l,
		    const char *group, const char *metric);
/* Horizontal bars of metric by group, from the records of the last period. */
void px_chart_bars(struct px_chart *ch, const char *title, const struct px_recs *l,
		   const char *group, const char *metric);
/* The records as a table. */
void px_chart_table(struct px_chart *ch, const char *title, const struct px_recs *l);

#endif
