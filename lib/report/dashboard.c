/* dashboard.c - the HTML pages and the executive summary. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/dashboard.h"
#include "base/time.h"
#include "base/banned.h"

static int add_rec(struct px_rec *r, void *ctx)
{
	px_recs_add(ctx, r);
	return 0;
}

/* Runs report kind over o's window (filled already) with its own
 * grouping and period. */
static int collect(struct px_ctx *cx, const struct px_report_opts *base, enum px_report_kind kind,
		   enum px_report_dim by, enum px_period period, int compare, struct px_recs *l,
		   struct px_err *err)
{
	struct px_report_opts o = *base;
	o.kind = kind;
	o.by = by;
	o.period = period;
	o.compare = compare;
	return px_report_each(cx, &o, add_rec, l, err);
}

static int ar(const char *lang)
{
	return lang && !strcmp(lang, "ar");
}

static void window_text(const struct px_report_opts *o, const char *lang, char *buf, size_t size)
{
	char a[PX_TIME_LOCAL_LEN] = "", b[PX_TIME_LOCAL_LEN] = "";
	if (o->since != INT64_MIN)
		px_time_format_local(o->since, a);
	if (o->until != INT64_MAX)
		px_time_format_local(o->until - 1, b);
	a[10] = b[10] = '\0';
	snprintf(buf, size, "%s %s %s %s (%s)", px_chart_label(lang, "from"), *a ? a : "-",
		 px_chart_label(lang, "to"), *b ? b : "-", px_time_zone());
}

int px_dashboard_report(struct px_ctx *cx, const struct px_report_opts *opts, const char *lang,
			struct px_buf *out, struct px_err *err)
{
	struct px_report_opts w = *opts;
	const struct px_report_opts *o = &w;
	struct px_recs l = { 0 };
	int rc = px_report_window(cx, &w, err);
	if (!rc)
		rc = px_report_each(cx, o, add_rec, &l, err);
	if (rc) {
		px_recs_free(&l);
		return rc;
	}
	const char *name = px_report_kind_name(o->kind), *metric = px_report_headline(o->kind);
	const char *group = px_report_dim_field(o->by);
	char title[128], sub[128];
	snprintf(title, sizeof title, "%s: %s", px_chart_label(lang, "Patient experience"), name);
	window_text(o, lang, sub, sizeof sub);
	px_chart_begin(out, lang, title, sub);
	if (o->period && o->kind != PX_REPORT_JOURNEYS && o->kind != PX_REPORT_SUPPRESSED)
		px_chart_lines(out, lang, metric, &l, group, metric);
	if (group && o->kind != PX_REPORT_JOURNEYS && o->kind != PX_REPORT_SUPPRESSED)
		px_chart_bars(out, lang, metric, &l, group, metric);
	px_chart_table(out, lang, name, &l);
	px_chart_end(out);
	px_recs_free(&l);
	return PX_OK;
}

static void fmt_num(char *buf, size_t size, const struct px_rec *r, const char *key, const char *unit)
{
	const char *v = r ? px_rec_get(r, key) : NULL;
	snprintf(buf, size, "%s%s", v ? v : "\u2014", v ? unit : "");
}

/* What the dashboard shows, each a list of report rows. */
struct page {
	struct px_recs head[4]; /* surveys, scores, NPS, negative: one row each */
	struct px_recs npst, scot, dep, rr, neg, nfy, sup;
};

static void page_free(struct page *p)
{
	for (int i = 0; i < 4; i++)
		px_recs_free(&p->head[i]);
	px_recs_free(&p->npst);
	px_recs_free(&p->scot);
	px_recs_free(&p->dep);
	px_recs_free(&p->rr);
	px_recs_free(&p->neg);
	px_recs_free(&p->nfy);
	px_recs_free(&p->sup);
}

static int page_collect(struct px_ctx *cx, const struct px_report_opts *w, enum px_period period,
			struct page *p, struct px_err *err)
{
	static const enum px_report_kind hk[4] = { PX_REPORT_SURVEYS, PX_REPORT_SCORES, PX_REPORT_NPS,
						   PX_REPORT_NEGATIVE };
	int rc = 0;
	for (int i = 0; i < 4 && !rc; i++)
		rc = collect(cx, w, hk[i], PX_DIM_NONE, PX_PERIOD_NONE, 0, &p->head[i], err);
	if (!rc)
		rc = collect(cx, w, PX_REPORT_NPS, PX_DIM_HOSPITAL, period, 0, &p->npst, err);
	if (!rc)
		rc = collect(cx, w, PX_REPORT_SCORES, PX_DIM_HOSPITAL, period, 0, &p->scot, err);
	if (!rc)
		rc = collect(cx, w, PX_REPORT_SCORES, PX_DIM_DEPARTMENT, PX_PERIOD_NONE, 0, &p->dep, err);
	if (!rc)
		rc = collect(cx, w, PX_REPORT_SURVEYS, PX_DIM_DEPARTMENT, PX_PERIOD_NONE, 0, &p->rr, err);
	if (!rc)
		rc = collect(cx, w, PX_REPORT_NEGATIVE, PX_DIM_HOSPITAL, PX_PERIOD_NONE, 0, &p->neg, err);
	if (!rc)
		rc = collect(cx, w, PX_REPORT_NOTIFY, PX_DIM_CHANNEL, PX_PERIOD_NONE, 0, &p->nfy, err);
	if (!rc)
		rc = collect(cx, w, PX_REPORT_SUPPRESSED, PX_DIM_NONE, PX_PERIOD_NONE, 0, &p->sup, err);
	return rc;
}

static const struct px_rec *first(const struct px_recs *l)
{
	return l->n ? l->r[0] : NULL;
}

/* The headline cards: volume, response, score, NPS with its interval,
 * and the negative loop. */
static void page_cards(struct px_buf *out, const char *lang, const struct page *p)
{
	const struct px_rec *s = first(&p->head[0]), *c = first(&p->head[1]),
			    *n = first(&p->head[2]), *g = first(&p->head[3]);
	char v[7][64];
	fmt_num(v[0], sizeof v[0], s, "sent", "");
	fmt_num(v[1], sizeof v[1], s, "response_rate", "%");
	fmt_num(v[2], sizeof v[2], c, "mean", "");
	fmt_num(v[3], sizeof v[3], n, "nps", "");
	if (n && px_rec_get(n, "nps")) {
		size_t len = strlen(v[3]);
		snprintf(v[3] + len, sizeof v[3] - len, " [%s, %s]", px_rec_get(n, "nps_low"),
			 px_rec_get(n, "nps_high"));
	}
	fmt_num(v[4], sizeof v[4], g, "negative_rate", "%");
	fmt_num(v[5], sizeof v[5], g, "contacted_within_rate", "%");
	fmt_num(v[6], sizeof v[6], g, "median_hours_to_contact", " h");
	const char *labels[7] = { "sent", "response_rate", "mean", "nps", "negative_rate",
				  "contacted_within_rate", "median_hours_to_contact" };
	const char *vals[7];
	for (int i = 0; i < 7; i++)
		vals[i] = v[i];
	px_chart_cards(out, lang, labels, vals, 7);
}

int px_dashboard_page(struct px_ctx *cx, const struct px_report_opts *o, const char *lang,
		      struct px_buf *out, struct px_err *err)
{
	struct px_report_opts w = *o;
	if (!w.has_since && !w.period)
		w.period = PX_PERIOD_MONTH;
	enum px_period period = w.period ? w.period : PX_PERIOD_MONTH;
	int rc = px_report_window(cx, &w, err);
	if (rc)
		return rc;
	/* the trends stop at the current period when the window is open */
	if (w.until == INT64_MAX)
		w.until = px_report_period_add(period, px_report_period_start(period, px_now(cx)), 1);
	struct page p;
	memset(&p, 0, sizeof p);
	rc = page_collect(cx, &w, period, &p, err);
	if (!rc) {
		char sub[128];
		window_text(&w, lang, sub, sizeof sub);
		px_chart_begin(out, lang, px_chart_label(lang, "Patient experience"), sub);
		page_cards(out, lang, &p);
		px_chart_lines(out, lang, "NPS trend", &p.npst, "hospital", "nps");
		px_chart_lines(out, lang, "Score trend", &p.scot, "hospital", "mean");
		px_chart_bars(out, lang, "Score by department", &p.dep, "department", "mean");
		px_chart_bars(out, lang, "Response rate by department", &p.rr, "department",
			      "response_rate");
		px_chart_table(out, lang, "Negative surveys", &p.neg);
		px_chart_table(out, lang, "Notifications", &p.nfy);
		px_chart_table(out, lang, "Not surveyed", &p.sup);
		px_chart_end(out);
	}
	page_free(&p);
	return rc;
}

/* ---------- summary ---------- */

static const char *val(const struct px_rec *r, const char *key)
{
	const char *v = r ? px_rec_get(r, key) : NULL;
	return v ? v : "-";
}

/* The value with its unit, or "-". */
static const char *valu(const struct px_rec *r, const char *key, const char *unit, char *buf, size_t size)
{
	const char *v = r ? px_rec_get(r, key) : NULL;
	if (!v)
		return "-";
	snprintf(buf, size, "%s%s", v, unit);
	return buf;
}

static const char *delta(const struct px_rec *r, const char *key, char *buf, size_t size)
{
	char k[64];
	snprintf(k, sizeof k, "%s_delta", key);
	double d;
	if (!r || px_rec_get_num(r, k, &d))
		return "-";
	snprintf(buf, size, "%+g", d);
	return buf;
}

struct change {
	const char *dept, *what;
	double d, from, to;
};

static int cmp_change(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
	double fx = fabs(x->d), fy = fabs(y->d);
	if (fx != fy)
		return fx < fy ? 1 : -1;
	int c = strcmp(x->dept, y->dept);
	return c ? c : strcmp(x->what, y->what);
}

static size_t changes(const struct px_recs *l, const char *metric, struct change *out, size_t n, size_t max)
{
	char kd[64], kp[64];
	snprintf(kd, sizeof kd, "%s_delta", metric);
	snprintf(kp, sizeof kp, "%s_prev", metric);
	for (size_t i = 0; i < l->n && n < max; i++) {
		struct change c = { px_rec_get(l->r[i], "department"), metric, 0, 0, 0 };
		if (c.dept && !px_rec_get_num(l->r[i], kd, &c.d) && c.d != 0 &&
		    !px_rec_get_num(l->r[i], kp, &c.from) && !px_rec_get_num(l->r[i], metric, &c.to))
			out[n++] = c;
	}
	return n;
}

/* What the summary says, each a list of report rows of the period
 * compared with the previous one. */
struct summary {
	struct px_recs h[4]; /* surveys, scores, NPS, negative */
	struct px_recs ds, dn; /* scores and NPS by department */
};

static void summary_free(struct summary *m)
{
	for (int i = 0; i < 4; i++)
		px_recs_free(&m->h[i]);
	px_recs_free(&m->ds);
	px_recs_free(&m->dn);
}

static int summary_collect(struct px_ctx *cx, const struct px_report_opts *w, struct summary *m,
			   struct px_err *err)
{
	static const enum px_report_kind hk[4] = { PX_REPORT_SURVEYS, PX_REPORT_SCORES, PX_REPORT_NPS,
						   PX_REPORT_NEGATIVE };
	int rc = 0;
	for (int i = 0; i < 4 && !rc; i++)
		rc = collect(cx, w, hk[i], PX_DIM_NONE, w->period, 1, &m->h[i], err);
	if (!rc)
		rc = collect(cx, w, PX_REPORT_SCORES, PX_DIM_DEPARTMENT, w->period, 1, &m->ds, err);
	if (!rc)
		rc = collect(cx, w, PX_REPORT_NPS, PX_DIM_DEPARTMENT, w->period, 1, &m->dn, err);
	return rc;
}

/* The headline lines, in lang. */
static void summary_head(struct px_buf *out, const char *lang, const struct px_report_opts *w,
			 const struct summary *m)
{
	const struct px_rec *s = first(&m->h[0]), *c = first(&m->h[1]), *n = first(&m->h[2]),
			    *g = first(&m->h[3]);
	char label[32], prev[32], d1[32], d2[32], d3[32], u1[48], u2[48], u3[48], u4[48];
	px_report_period_label(w->period, w->since, label, sizeof label);
	px_report_period_label(w->period, px_report_period_add(w->period, w->since, -1), prev,
			       sizeof prev);
	long hours = (long)(w->within / 3600);
	if (ar(lang)) {
		px_buf_addf(out, "ملخص تجربة المريض للفترة %s مقارنة بالفترة %s\n", label, prev);
		px_buf_addf(out, "الاستبيانات المرسلة: %s (%s)، المكتملة: %s، معدل الاستجابة: %s (%s)\n",
			    val(s, "sent"), delta(s, "sent", d1, sizeof d1), val(s, "completed"),
			    valu(s, "response_rate", "%", u1, sizeof u1), delta(s, "response_rate", d2, sizeof d2));
		px_buf_addf(out, "متوسط الدرجة: %s من 100 (%s) من %s ردود\n", val(c, "mean"),
			    delta(c, "mean", d1, sizeof d1), val(c, "responses"));
		px_buf_addf(out, "صافي نقاط الترويج: %s (فاصل الثقة 95%%: %s إلى %s، العينة %s) (%s)\n",
			    val(n, "nps"), val(n, "nps_low"), val(n, "nps_high"), val(n, "n"),
			    delta(n, "nps", d3, sizeof d3));
		px_buf_addf(out, "الاستبيانات السلبية: %s (%s)، تم التواصل خلال %ld ساعة: %s، وسيط وقت التواصل: %s\n",
			    val(g, "negatives"), valu(g, "negative_rate", "%", u2, sizeof u2), hours,
			    valu(g, "contacted_within_rate", "%", u3, sizeof u3),
			    valu(g, "median_hours_to_contact", " ساعة", u4, sizeof u4));
		px_buf_adds(out, "أكبر التغيرات حسب القسم:\n");
	} else {
		px_buf_addf(out, "Patient experience, %s compared with %s\n", label, prev);
		px_buf_addf(out, "Surveys sent: %s (%s); completed: %s; response rate: %s (%s)\n",
			    val(s, "sent"), delta(s, "sent", d1, sizeof d1), val(s, "completed"),
			    valu(s, "response_rate", "%", u1, sizeof u1), delta(s, "response_rate", d2, sizeof d2));
		px_buf_addf(out, "Mean score: %s of 100 (%s) from %s responses\n", val(c, "mean"),
			    delta(c, "mean", d1, sizeof d1), val(c, "responses"));
		px_buf_addf(out, "NPS: %s (95%% CI %s to %s, n %s) (%s)\n", val(n, "nps"),
			    val(n, "nps_low"), val(n, "nps_high"), val(n, "n"),
			    delta(n, "nps", d3, sizeof d3));
		px_buf_addf(out, "Negative surveys: %s (%s); contacted within %ld h: %s; median time to contact: %s\n",
			    val(g, "negatives"), valu(g, "negative_rate", "%", u2, sizeof u2), hours,
			    valu(g, "contacted_within_rate", "%", u3, sizeof u3),
			    valu(g, "median_hours_to_contact", " h", u4, sizeof u4));
		px_buf_adds(out, "Largest changes by department:\n");
	}
}

/* The three largest changes by department, or "none". */
static void summary_changes(struct px_buf *out, const char *lang, const struct summary *m)
{
	struct change ch[256];
	size_t nc = changes(&m->ds, "mean", ch, 0, 256);
	nc = changes(&m->dn, "nps", ch, nc, 256);
	qsort(ch, nc, sizeof *ch, cmp_change);
	for (size_t i = 0; i < nc && i < 3; i++) {
		const char *what = !strcmp(ch[i].what, "nps") ? (ar(lang) ? "صافي نقاط الترويج" : "NPS")
							      : (ar(lang) ? "متوسط الدرجة" : "mean score");
		px_buf_addf(out, "  %s: %s %+g (%g -> %g)\n", ch[i].dept, what, ch[i].d, ch[i].from,
			    ch[i].to);
	}
	if (!nc)
		px_buf_adds(out, ar(lang) ? "  لا يوجد\n" : "  none\n");
}

int px_dashboard_summary(struct px_ctx *cx, const struct px_report_opts *o, const char *lang,
			 struct px_buf *out, struct px_err *err)
{
	struct px_report_opts w = *o;
	w.period = o->period ? o->period : PX_PERIOD_MONTH;
	w.since = px_report_period_start(w.period, px_now(cx));
	w.until = px_report_period_add(w.period, w.since, 1);
	w.has_since = w.has_until = 1;
	int rc = px_report_window(cx, &w, err);
	if (rc)
		return rc;
	struct summary m;
	memset(&m, 0, sizeof m);
	rc = summary_collect(cx, &w, &m, err);
	if (!rc) {
		summary_head(out, lang, &w, &m);
		summary_changes(out, lang, &m);
	}
	summary_free(&m);
	return rc;
}
