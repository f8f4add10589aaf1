/*
 * dashboard.h - reports put together for people: the HTML page of one
 * report (-o html), the dashboard page of the whole loop, and the
 * executive summary as plain text.
 */
#ifndef PX_DASHBOARD_H
#define PX_DASHBOARD_H

#include "report/chart.h"
#include "report/report.h"

/* The page of one report: its trend, its bars by group, its table. */
int px_dashboard_report(struct px_ctx *cx, const struct px_report_opts *o, const char *lang,
			struct px_buf *out, struct px_err *err);
/* The dashboard of the loop over o's window (period default month; no
 * window: the twelve full periods up to the last one with data; an open
 * window ends with the current period): headline figures, NPS and score
 * trends, bars by department and by question, the negative loop,
 * notifications, suppressions and service levels by hospital, by name
 * in lang. */
int px_dashboard_page(struct px_ctx *cx, const struct px_report_opts *o, const char *lang,
		      struct px_buf *out, struct px_err *err);
/* The headline figures of the current period against the previous one,
 * and the largest changes by department from samples of o->min_n or
 * more, as text lines. */
int px_dashboard_summary(struct px_ctx *cx, const struct px_report_opts *o, const char *lang,
			 struct px_buf *out, struct px_err *err);

#endif
