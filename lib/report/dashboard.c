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

/* Runs report kind over o's window with its own grouping and period. */
static int collect(struct px_store *st, const struct px_report_opts *base, enum px_report_kind kind,
		   enum px_report_dim by, enum px_period period, int compare, struct px_recs *l,
		   struct px_err *err)
{
	struct px_report_opts o = *base;
	o.kind = kind;
	o.by = by;
	o.period = period;
	o.compare = compare;
	return px_report_run(st, &o, add_rec, l, err);
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

int px_dashboard_report(struct px_store *st, const struct px_report_opts *o, const char *lang,
			struct px_buf *out, struct px_err *err)
{
	struct px_recs l = { 0 };
	if (px_report_run(st, o, add_rec, &l, err)) {
		px_recs_free(&l);
		return -1;
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
	return 0;
}

static void fmt_num(char *buf, size_t size, const struct px_rec *r, const char *key, const char *unit)
{
	const char *v = r ? px_rec_get(r, key) : NULL;
	snprintf(buf, size, "%s%s", v ? v : "\u2014", v ? unit : "");
}

int px_dashboard_page(struct px_store *st, const struct px_report_opts *o, const char *lang,
		      struct px_buf *out, struct px_err *err)
{
	struct px_report_opts w = *o;
	enum px_period period = o->period ? o->period : PX_PERIOD_MONTH;
	struct px_recs head[4] = { { 0 } }, npst = { 0 }, scot = { 0 }, dep = { 0 }, rr = { 0 },
		       neg = { 0 }, nfy = { 0 }, sup = { 0 };
	static const enum px_report_kind hk[4] = { PX_REPORT_SURVEYS, PX_REPORT_SCORES, PX_REPORT_NPS,
						   PX_REPORT_NEGATIVE };
	int rc = 0;
	for (int i = 0; i < 4 && !rc; i++)
		rc = collect(st, &w, hk[i], PX_DIM_NONE, PX_PERIOD_NONE, 0, &head[i], err);
	if (!rc)
		rc = collect(st, &w, PX_REPORT_NPS, PX_DIM_HOSPITAL, period, 0, &npst, err);
	if (!rc)
		rc = collect(st, &w, PX_REPORT_SCORES, PX_DIM_HOSPITAL, period, 0, &scot, err);
	if (!rc)
		rc = collect(st, &w, PX_REPORT_SCORES, PX_DIM_DEPARTMENT, PX_PERIOD_NONE, 0, &dep, err);
	if (!rc)
		rc = collect(st, &w, PX_REPORT_SURVEYS, PX_DIM_DEPARTMENT, PX_PERIOD_NONE, 0, &rr, err);
	if (!rc)
		rc = collect(st, &w, PX_REPORT_NEGATIVE, PX_DIM_HOSPITAL, PX_PERIOD_NONE, 0, &neg, err);
	if (!rc)
		rc = collect(st, &w, PX_REPORT_NOTIFY, PX_DIM_CHANNEL, PX_PERIOD_NONE, 0, &nfy, err);
	if (!rc)
		rc = collect(st, &w, PX_REPORT_SUPPRESSED, PX_DIM_NONE, PX_PERIOD_NONE, 0, &sup, err);
	if (!rc) {
		const struct px_rec *s = head[0].n ? head[0].r[0] : NULL, *c = head[1].n ? head[1].r[0] : NULL,
				    *n = head[2].n ? head[2].r[0] : NULL, *g = head[3].n ? head[3].r[0] : NULL;
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
		char sub[128];
		window_text(&w, lang, sub, sizeof sub);
		px_chart_begin(out, lang, px_chart_label(lang, "Patient experience"), sub);
		px_chart_cards(out, lang, labels, vals, 7);
		px_chart_lines(out, lang, "NPS trend", &npst, "hospital", "nps");
		px_chart_lines(out, lang, "Score trend", &scot, "hospital", "mean");
		px_chart_bars(out, lang, "Score by department", &dep, "department", "mean");
		px_chart_bars(out, lang, "Response rate by department", &rr, "department", "response_rate");
		px_chart_table(out, lang, "Negative surveys", &neg);
		px_chart_table(out, lang, "Notifications", &nfy);
		px_chart_table(out, lang, "Not surveyed", &sup);
		px_chart_end(out);
	}
	for (int i = 0; i < 4; i++)
		px_recs_free(&head[i]);
	px_recs_free(&npst);
	px_recs_free(&scot);
	px_recs_free(&dep);
	px_recs_free(&rr);
	px_recs_free(&neg);
	px_recs_free(&nfy);
	px_recs_free(&sup);
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

int px_dashboard_summary(struct px_store *st, const struct px_report_opts *o, const char *lang,
			 struct px_buf *out, struct px_err *err)
{
	struct px_report_opts w = *o;
	w.period = o->period ? o->period : PX_PERIOD_MONTH;
	w.since = px_report_period_start(w.period, o->now);
	w.until = px_report_period_add(w.period, w.since, 1);
	w.has_since = w.has_until = 1;
	struct px_recs h[4] = { { 0 } }, ds = { 0 }, dn = { 0 };
	static const enum px_report_kind hk[4] = { PX_REPORT_SURVEYS, PX_REPORT_SCORES, PX_REPORT_NPS,
						   PX_REPORT_NEGATIVE };
	int rc = 0;
	for (int i = 0; i < 4 && !rc; i++)
		rc = collect(st, &w, hk[i], PX_DIM_NONE, w.period, 1, &h[i], err);
	if (!rc)
		rc = collect(st, &w, PX_REPORT_SCORES, PX_DIM_DEPARTMENT, w.period, 1, &ds, err);
	if (!rc)
		rc = collect(st, &w, PX_REPORT_NPS, PX_DIM_DEPARTMENT, w.period, 1, &dn, err);
	if (!rc) {
		const struct px_rec *s = h[0].n ? h[0].r[0] : NULL, *c = h[1].n ? h[1].r[0] : NULL,
				    *n = h[2].n ? h[2].r[0] : NULL, *g = h[3].n ? h[3].r[0] : NULL;
		char label[32], prev[32], d1[32], d2[32], d3[32], u1[48], u2[48], u3[48], u4[48];
		px_report_period_label(w.period, w.since, label, sizeof label);
		px_report_period_label(w.period, px_report_period_add(w.period, w.since, -1), prev, sizeof prev);
		long hours = (long)(w.within / 3600);
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
		struct change ch[256];
		size_t nc = changes(&ds, "mean", ch, 0, 256);
		nc = changes(&dn, "nps", ch, nc, 256);
		qsort(ch, nc, sizeof *ch, cmp_change);
		for (size_t i = 0; i < nc && i < 3; i++) {
			const char *what = !strcmp(ch[i].what, "nps") ? (ar(lang) ? "صافي نقاط الترويج" : "NPS")
								      : (ar(lang) ? "متوسط الدرجة" : "mean score");
			px_buf_addf(out, "  %s: %s %+g (%g -> %g)\n", ch[i].dept, what, ch[i].d, ch[i].from, ch[i].to);
		}
		if (!nc)
			px_buf_adds(out, ar(lang) ? "  لا يوجد\n" : "  none\n");
	}
	for (int i = 0; i < 4; i++)
		px_recs_free(&h[i]);
	px_recs_free(&ds);
	px_recs_free(&dn);
	return rc;
}
