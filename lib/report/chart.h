/*
 * chart.h - the HTML report: one self-contained page (no scripts, no
 * network) with inline SVG charts, in English or Arabic (right to left),
 * and the plain-text executive summary.  Pure: builds text in buffers.
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

/* The label of a field or title in lang ("en" or "ar"); key itself when
 * there is no translation. */
const char *px_chart_label(const char *lang, const char *key);

/* Opens the page: doctype, style, title and subtitle. */
void px_chart_begin(struct px_buf *b, const char *lang, const char *title, const char *subtitle);
void px_chart_end(struct px_buf *b);
/* Headline figures: cards of label and value. */
void px_chart_cards(struct px_buf *b, const char *lang, const char *const *labels,
		    const char *const *values, size_t n);
/* A line chart of field metric over the records' "period", one line per
 * value of the group field (NULL: one line). */
void px_chart_lines(struct px_buf *b, const char *lang, const char *title,
		    const struct px_recs *l, const char *group, const char *metric);
/* Horizontal bars of metric by group, from the records of the last period. */
void px_chart_bars(struct px_buf *b, const char *lang, const char *title,
		   const struct px_recs *l, const char *group, const char *metric);
/* The records as a table. */
void px_chart_table(struct px_buf *b, const char *lang, const char *title,
		    const struct px_recs *l);

#endif
