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

/* ---------- names ---------- */

struct names_load {
	struct px_names *m;
	const char *lang;
	int hospitals;
};

static int add_name(const char *field, const char *key, const char *en, const char *arabic,
		    void *ctx)
{
	struct names_load *n = ctx;
	const char *name = ar(n->lang) && arabic && *arabic ? arabic : en;
	if (strcmp(field, "department")) {
		px_names_add(n->m, field, key, name);
		if (!strcmp(field, "hospital")) {
			/* the rows of a hospital's patients seen in no department */
			char *k = px_xasprintf("%s/-", key);
			px_names_add(n->m, "department-of", k, name);
			free(k);
			n->hospitals++;
		}
		return 0;
	}
	/* With more than one hospital, a department is named with its
	 * hospital's name: every hospital has its Emergency. */
	size_t len = strcspn(key, "/");
	char *h = px_xstrndup(key, len);
	const char *hn = px_names_get(n->m, "hospital", h);
	char *full = n->hospitals > 1 && hn ? px_xasprintf(ar(n->lang) ? "%s، %s" : "%s, %s", name, hn)
					    : px_xstrdup(name);
	px_names_add(n->m, "department", key, full);
	free(full);
	free(h);
	return 0;
}

/* The names of what o's pages group by, in lang. */
static int load_names(struct px_ctx *cx, const struct px_report_opts *o, const char *lang,
		      struct px_names *m, struct px_err *err)
{
	struct names_load n = { m, lang, 0 };
	int rc = px_report_names(cx, o, add_name, &n, err);
	if (rc)
		return rc;
	/* "no department" for the hospitals' H/- keys */
	const char *none = px_chart_label(lang, "no department");
	size_t count = m->n;
	for (size_t i = 0; i < count; i++) {
		if (strcmp(m->v[i].field, "department-of"))
			continue;
		char *full = n.hospitals > 1 ? px_xasprintf(ar(lang) ? "%s، %s" : "%s, %s", none,
							   m->v[i].name)
					     : px_xstrdup(none);
		char *key = px_xstrdup(m->v[i].key);
		px_names_add(m, "department", key, full);
		free(key);
		free(full);
	}
	/* the complaints classified above the level, or not at all */
	if (px_report_dim_level(o->by))
		px_names_add(m, px_report_dim_field(o->by), "",
			     px_chart_label(lang, "not classified to this level"));
	return PX_OK;
}

/* ---------- the window ---------- */

/* Left-to-right isolates: numbers and dates in Arabic text. */
#define LRI "\u2066"
#define PDI "\u2069"

/* "from 2025-12-01 to 2026-11-30 (Asia/Riyadh)", in lang. */
static void window_text(const struct px_report_opts *o, const char *lang, char *buf, size_t size)
{
	char a[PX_TIME_LOCAL_LEN] = "", b[PX_TIME_LOCAL_LEN] = "";
	if (o->since != INT64_MIN)
		px_time_format_local(o->since, a);
	if (o->until != INT64_MAX)
		px_time_format_local(o->until - 1, b);
	a[10] = b[10] = '\0';
	char zone[64];
	const char *z = px_time_zone();
	if (!ar(lang))
		snprintf(zone, sizeof zone, "%s", z);
	else if (!strcmp(z, "Asia/Riyadh"))
		snprintf(zone, sizeof zone, "بتوقيت الرياض");
	else {
		/* no zone name in Arabic: its offset at the window's end */
		char t[PX_TIME_LOCAL_LEN];
		px_time_format_local(o->until != INT64_MAX ? o->until - 1 : o->now, t);
		snprintf(zone, sizeof zone, "غرينتش%s", t + 19);
	}
	/* a date among Arabic words is isolated, or it reads backwards */
	const char *i = ar(lang) ? LRI : "", *p = ar(lang) ? PDI : "";
	snprintf(buf, size, "%s %s%s%s %s %s%s%s (%s)", px_chart_label(lang, "from"), i, *a ? a : "-",
		 p, px_chart_label(lang, "to"), i, *b ? b : "-", p, zone);
}

int px_dashboard_report(struct px_ctx *cx, const struct px_report_opts *opts, const char *lang,
			struct px_buf *out, struct px_err *err)
{
	struct px_report_opts w = *opts;
	const struct px_report_opts *o = &w;
	struct px_recs l = { 0 };
	struct px_names names = { 0 };
	w.lang = lang;
	int rc = px_report_window(cx, &w, err);
	if (!rc)
		rc = px_report_each(cx, o, add_rec, &l, err);
	if (!rc)
		rc = load_names(cx, o, lang, &names, err);
	if (rc) {
		px_recs_free(&l);
		px_names_free(&names);
		return rc;
	}
	const char *metric = px_report_headline(o->kind);
	const char *group = px_report_dim_field(o->by);
	char kind[32], title[160], sub[160];
	snprintf(kind, sizeof kind, "report:%s", px_report_kind_name(o->kind));
	snprintf(title, sizeof title, "%s: %s", px_chart_label(lang, "Patient experience"),
		 px_chart_label(lang, kind));
	window_text(o, lang, sub, sizeof sub);
	/* the headline's heading: its own label in this report, if it has one */
	char mk[96];
	snprintf(mk, sizeof mk, "%s.%s", kind, metric);
	const char *heading = px_chart_label(lang, mk) != mk ? mk : metric;
	struct px_chart ch = { out, lang, &names, o->min_n, 1 };
	px_chart_begin(&ch, title, sub);
	int figures = o->kind != PX_REPORT_JOURNEYS && o->kind != PX_REPORT_SUPPRESSED;
	/* service levels: the compliance of each clock */
	const char *second = o->kind == PX_REPORT_SLA ? "resolution_compliance" : NULL;
	if (o->period && figures)
		px_chart_lines(&ch, heading, &l, group, metric);
	if (o->period && second)
		px_chart_lines(&ch, second, &l, group, second);
	if (group && figures)
		px_chart_bars(&ch, heading, &l, group, metric);
	if (group && second)
		px_chart_bars(&ch, second, &l, group, second);
	px_chart_table(&ch, kind, &l);
	px_chart_end(&ch);
	px_recs_free(&l);
	px_names_free(&names);
	return PX_OK;
}

/* The dashboard's window when none is given: the twelve periods up to
 * the last full one that has data (a survey sent or completed), so that
 * the current period, which has not ended, is not read as a fall; the
 * twelve up to the current one when no full period has data. */
static int default_window(struct px_ctx *cx, struct px_report_opts *w, enum px_period period,
			  struct px_err *err)
{
	int64_t cur = px_report_period_start(period, px_now(cx)), at;
	int rc = px_report_latest(cx, w, cur, &at, err);
	if (rc < 0)
		return -rc;
	if (rc == 1) {
		w->until = px_report_period_add(period, px_report_period_start(period, at), 1);
		w->since = px_report_period_add(period, w->until, -12);
		w->has_since = w->has_until = 1;
	}
	w->period = period;
	return PX_OK;
}

/* A card's value with its unit, the number isolated in Arabic. */
static void fmt_num(char *buf, size_t size, const struct px_rec *r, const char *key, const char *unit,
		    const char *lang)
{
	const char *v = r ? px_rec_get(r, key) : NULL;
	snprintf(buf, size, "%s%s%s%s", v && ar(lang) ? LRI : "", v ? v : "\u2014",
		 v && ar(lang) ? PDI : "", v ? unit : "");
}

/* What the dashboard shows, each a list of report rows. */
struct page {
	struct px_recs head[4]; /* surveys, scores, NPS, negative: one row each */
	struct px_recs npst, scot, dep, rr, qs, neg, nfy, sup;
	struct px_recs sla;     /* service levels by hospital */
};

static void page_free(struct page *p)
{
	for (int i = 0; i < 4; i++)
		px_recs_free(&p->head[i]);
	px_recs_free(&p->npst);
	px_recs_free(&p->scot);
	px_recs_free(&p->dep);
	px_recs_free(&p->rr);
	px_recs_free(&p->qs);
	px_recs_free(&p->neg);
	px_recs_free(&p->nfy);
	px_recs_free(&p->sup);
	px_recs_free(&p->sla);
}

static int page_collect(struct px_ctx *cx, const struct px_report_opts *w, enum px_period period,
			struct page *p, struct px_err *err)
{
	static const enum px_report_kind hk[4] = { PX_REPORT_SURVEYS, PX_REPORT_SCORES, PX_REPORT_NPS,
						   PX_REPORT_NEGATIVE };
	struct {
		enum px_report_kind kind;
		enum px_report_dim by;
		int trend;
		struct px_recs *l;
	} parts[] = {
		{ PX_REPORT_NPS, PX_DIM_HOSPITAL, 1, &p->npst },
		{ PX_REPORT_SCORES, PX_DIM_HOSPITAL, 1, &p->scot },
		{ PX_REPORT_SCORES, PX_DIM_DEPARTMENT, 0, &p->dep },
		{ PX_REPORT_SURVEYS, PX_DIM_DEPARTMENT, 0, &p->rr },
		{ PX_REPORT_SCORES, PX_DIM_QUESTION, 0, &p->qs },
		{ PX_REPORT_NEGATIVE, PX_DIM_HOSPITAL, 0, &p->neg },
		{ PX_REPORT_NOTIFY, PX_DIM_CHANNEL, 0, &p->nfy },
		{ PX_REPORT_SUPPRESSED, PX_DIM_NONE, 0, &p->sup },
		{ PX_REPORT_SLA, PX_DIM_HOSPITAL, 0, &p->sla },
	};
	int rc = 0;
	for (int i = 0; i < 4 && !rc; i++)
		rc = collect(cx, w, hk[i], PX_DIM_NONE, PX_PERIOD_NONE, 0, &p->head[i], err);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0] && !rc; i++)
		rc = collect(cx, w, parts[i].kind, parts[i].by,
			     parts[i].trend ? period : PX_PERIOD_NONE, 0, parts[i].l, err);
	return rc;
}

static const struct px_rec *first(const struct px_recs *l)
{
	return l->n ? l->r[0] : NULL;
}

static int low(const struct px_rec *r)
{
	return r && px_rec_get_bool(r, "low_n");
}

/* The headline cards: volume, response, score, NPS with its interval,
 * and the negative loop; greyed when their sample is small. */
static void page_cards(struct px_chart *ch, const struct page *p)
{
	const struct px_rec *s = first(&p->head[0]), *c = first(&p->head[1]),
			    *n = first(&p->head[2]), *g = first(&p->head[3]);
	char v[7][64], h[32];
	snprintf(h, sizeof h, " %s", px_chart_label(ch->lang, "hours"));
	const char *lang = ch->lang;
	fmt_num(v[0], sizeof v[0], s, "sent", "", lang);
	fmt_num(v[1], sizeof v[1], s, "response_rate", "%", lang);
	fmt_num(v[2], sizeof v[2], c, "mean", "", lang);
	if (n && px_rec_get(n, "nps"))
		snprintf(v[3], sizeof v[3], "%s%s [%s, %s]%s", ar(lang) ? LRI : "", px_rec_get(n, "nps"),
			 px_rec_get(n, "nps_low"), px_rec_get(n, "nps_high"), ar(lang) ? PDI : "");
	else
		fmt_num(v[3], sizeof v[3], n, "nps", "", lang);
	fmt_num(v[4], sizeof v[4], g, "negative_rate", "%", lang);
	fmt_num(v[5], sizeof v[5], g, "contacted_within_rate", "%", lang);
	fmt_num(v[6], sizeof v[6], g, "median_hours_to_contact", h, lang);
	const char *labels[7] = { "sent", "response_rate", "mean", "nps", "negative_rate",
				  "contacted_within_rate", "median_hours_to_contact" };
	const int lows[7] = { 0, low(s), low(c), low(n), low(g), low(g), low(g) };
	const char *vals[7];
	for (int i = 0; i < 7; i++)
		vals[i] = v[i];
	px_chart_cards(ch, labels, vals, lows, 7);
}

/* The service levels by hospital: the cases, the compliance of each
 * clock, the breaches and escalations px-sla check made and the cases
 * overdue now, as a table (the other figures of the report left to it),
 * and the compliance of each clock as bars. */
static void page_sla(struct px_chart *ch, const struct page *p)
{
	static const char *const keep[] = {
		"type", "from", "to", "hospital", "cases", "response_compliance",
		"resolution_compliance", "breaches", "escalations", "open_overdue", "low_n", "partial",
	};
	struct px_recs t = { 0 };
	for (size_t i = 0; i < p->sla.n; i++) {
		struct px_rec *r = px_rec_new(px_rec_type(p->sla.r[i]));
		for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
			char *json = px_rec_get_json(p->sla.r[i], keep[k]);
			if (json && strcmp(keep[k], "type"))
				px_rec_set_json(r, keep[k], json);
			free(json);
		}
		px_recs_add(&t, r);
		px_rec_free(r);
	}
	px_chart_table(ch, "Service levels", &t);
	px_chart_bars(ch, "Response compliance by hospital", &p->sla, "hospital", "response_compliance");
	px_chart_bars(ch, "Resolution compliance by hospital", &p->sla, "hospital",
		      "resolution_compliance");
	px_recs_free(&t);
}

static void page_write(struct px_chart *ch, const struct px_report_opts *w, const struct page *p)
{
	char sub[160];
	window_text(w, ch->lang, sub, sizeof sub);
	px_chart_begin(ch, px_chart_label(ch->lang, "Patient experience"), sub);
	page_cards(ch, p);
	px_chart_lines(ch, "NPS trend", &p->npst, "hospital", "nps");
	px_chart_lines(ch, "Score trend", &p->scot, "hospital", "mean");
	px_chart_bars(ch, "Score by department", &p->dep, "department", "mean");
	px_chart_bars(ch, "Response rate by department", &p->rr, "department", "response_rate");
	px_chart_bars(ch, "Score by question", &p->qs, "question", "mean");
	px_chart_table(ch, "Negative surveys", &p->neg);
	px_chart_table(ch, "Notifications", &p->nfy);
	px_chart_table(ch, "Not surveyed", &p->sup);
	page_sla(ch, p);
	px_chart_end(ch);
}

int px_dashboard_page(struct px_ctx *cx, const struct px_report_opts *o, const char *lang,
		      struct px_buf *out, struct px_err *err)
{
	struct px_report_opts w = *o;
	enum px_period period = w.period ? w.period : PX_PERIOD_MONTH;
	int rc = PX_OK;
	if (!w.has_since && !w.has_until)
		rc = default_window(cx, &w, period, err);
	else if (!w.has_since && !w.period)
		w.period = PX_PERIOD_MONTH;
	if (!rc)
		rc = px_report_window(cx, &w, err);
	if (rc)
		return rc;
	/* the trends stop at the current period when the window is open */
	if (w.until == INT64_MAX)
		w.until = px_report_period_add(period, px_report_period_start(period, px_now(cx)), 1);
	struct page p;
	memset(&p, 0, sizeof p);
	struct px_names names = { 0 };
	rc = page_collect(cx, &w, period, &p, err);
	if (!rc)
		rc = load_names(cx, &w, lang, &names, err);
	if (!rc) {
		struct px_chart ch = { out, lang, &names, w.min_n, 0 };
		page_write(&ch, &w, &p);
	}
	page_free(&p);
	px_names_free(&names);
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

/* " (low n)" after a figure whose sample is small, in lang. */
static const char *lown(const struct px_rec *r, const char *lang)
{
	return !low(r) ? "" : ar(lang) ? " (عينة صغيرة)" : " (low n)";
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

/* The changes of metric by department into out[n..max); those from a
 * sample under min_n, this period's or the previous one's, are only
 * counted in *left. */
static size_t changes(const struct px_recs *l, enum px_report_kind kind, const char *metric,
		      long long min_n, struct change *out, size_t n, size_t max, int *left)
{
	char kd[64], kp[64], ks[64];
	snprintf(kd, sizeof kd, "%s_delta", metric);
	snprintf(kp, sizeof kp, "%s_prev", metric);
	snprintf(ks, sizeof ks, "%s_prev", px_report_sample(kind));
	for (size_t i = 0; i < l->n && n < max; i++) {
		const struct px_rec *r = l->r[i];
		struct change c = { px_rec_get(r, "department"), metric, 0, 0, 0 };
		if (!c.dept || px_rec_get_num(r, kd, &c.d) || c.d == 0 ||
		    px_rec_get_num(r, kp, &c.from) || px_rec_get_num(r, metric, &c.to))
			continue;
		double prev_n;
		if (low(r) || px_rec_get_num(r, ks, &prev_n) || prev_n < (double)min_n)
			++*left;
		else
			out[n++] = c;
	}
	return n;
}

/* What the summary says, each a list of report rows of the period
 * compared with the previous one. */
struct summary {
	struct px_recs h[4]; /* surveys, scores, NPS, negative */
	struct px_recs ds, dn; /* scores and NPS by department */
	int64_t target;      /* the contact target the negatives count to */
	int business;        /* of business hours */
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

/* The line that says the period has not ended, when it has not. */
static void summary_partial(struct px_buf *out, const char *lang, const struct px_report_opts *w,
			    const char *label)
{
	if (w->until <= w->now)
		return;
	char now[PX_TIME_LOCAL_LEN];
	px_time_format_local(w->now, now);
	now[10] = '\0';
	if (ar(lang))
		px_buf_addf(out, "الفترة %s لم تنته بعد: أرقامها حتى %s\n", label, now);
	else
		px_buf_addf(out, "%s has not ended: its figures run to %s\n", label, now);
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
	long hours = (long)(m->target / 3600);
	if (ar(lang)) {
		px_buf_addf(out, "ملخص تجربة المريض للفترة %s مقارنة بالفترة %s\n", label, prev);
		summary_partial(out, lang, w, label);
		px_buf_addf(out, "الاستبيانات المرسلة: %s (%s)، المكتملة: %s، معدل الاستجابة: %s (%s)%s\n",
			    val(s, "sent"), delta(s, "sent", d1, sizeof d1), val(s, "completed"),
			    valu(s, "response_rate", "%", u1, sizeof u1), delta(s, "response_rate", d2, sizeof d2),
			    lown(s, lang));
		px_buf_addf(out, "متوسط الدرجة: %s من 100 (%s) من %s ردود%s\n", val(c, "mean"),
			    delta(c, "mean", d1, sizeof d1), val(c, "responses"), lown(c, lang));
		px_buf_addf(out, "صافي نقاط الترويج: %s (فاصل الثقة 95%%: %s إلى %s، العينة %s) (%s)%s\n",
			    val(n, "nps"), val(n, "nps_low"), val(n, "nps_high"), val(n, "n"),
			    delta(n, "nps", d3, sizeof d3), lown(n, lang));
		px_buf_addf(out, "الاستبيانات السلبية: %s (%s)، تم التواصل خلال %ld %s: %s، وسيط وقت التواصل: %s%s\n",
			    val(g, "negatives"), valu(g, "negative_rate", "%", u2, sizeof u2), hours,
			    m->business ? "ساعة عمل" : "ساعة",
			    valu(g, "contacted_within_rate", "%", u3, sizeof u3),
			    valu(g, "median_hours_to_contact", " ساعة", u4, sizeof u4), lown(g, lang));
		px_buf_adds(out, "أكبر التغيرات حسب القسم:\n");
	} else {
		px_buf_addf(out, "Patient experience, %s compared with %s\n", label, prev);
		summary_partial(out, lang, w, label);
		px_buf_addf(out, "Surveys sent: %s (%s); completed: %s; response rate: %s (%s)%s\n",
			    val(s, "sent"), delta(s, "sent", d1, sizeof d1), val(s, "completed"),
			    valu(s, "response_rate", "%", u1, sizeof u1), delta(s, "response_rate", d2, sizeof d2),
			    lown(s, lang));
		px_buf_addf(out, "Mean score: %s of 100 (%s) from %s responses%s\n", val(c, "mean"),
			    delta(c, "mean", d1, sizeof d1), val(c, "responses"), lown(c, lang));
		px_buf_addf(out, "NPS: %s (95%% CI %s to %s, n %s) (%s)%s\n", val(n, "nps"),
			    val(n, "nps_low"), val(n, "nps_high"), val(n, "n"),
			    delta(n, "nps", d3, sizeof d3), lown(n, lang));
		px_buf_addf(out, "Negative surveys: %s (%s); contacted within %ld %s: %s; median time to contact: %s%s\n",
			    val(g, "negatives"), valu(g, "negative_rate", "%", u2, sizeof u2), hours,
			    m->business ? "business h" : "h",
			    valu(g, "contacted_within_rate", "%", u3, sizeof u3),
			    valu(g, "median_hours_to_contact", " h", u4, sizeof u4), lown(g, lang));
		px_buf_adds(out, "Largest changes by department:\n");
	}
}

/* The three largest changes by department, or "none"; changes from
 * small samples are left out, and said to be. */
static void summary_changes(struct px_buf *out, const char *lang, const struct px_report_opts *w,
			    const struct summary *m)
{
	struct change ch[256];
	int left = 0;
	size_t nc = changes(&m->ds, PX_REPORT_SCORES, "mean", w->min_n, ch, 0, 256, &left);
	nc = changes(&m->dn, PX_REPORT_NPS, "nps", w->min_n, ch, nc, 256, &left);
	qsort(ch, nc, sizeof *ch, cmp_change);
	for (size_t i = 0; i < nc && i < 3; i++) {
		const char *what = !strcmp(ch[i].what, "nps") ? (ar(lang) ? "صافي نقاط الترويج" : "NPS")
							      : (ar(lang) ? "متوسط الدرجة" : "mean score");
		px_buf_addf(out, "  %s: %s %+g (%g -> %g)\n", ch[i].dept, what, ch[i].d, ch[i].from,
			    ch[i].to);
	}
	if (!nc)
		px_buf_adds(out, ar(lang) ? "  لا يوجد\n" : "  none\n");
	if (left && ar(lang))
		px_buf_addf(out, "  (استُبعد %d من التغيرات: عينة أقل من %lld)\n", left, w->min_n);
	else if (left)
		px_buf_addf(out, "  (%d change%s left out: a sample under %lld)\n", left,
			    left == 1 ? "" : "s", w->min_n);
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
	m.target = w.within;
	if (!w.within && (rc = px_report_contact_target(cx, w.hospital, &m.target, &m.business, err)))
		return rc;
	rc = summary_collect(cx, &w, &m, err);
	if (!rc) {
		summary_head(out, lang, &w, &m);
		summary_changes(out, lang, &w, &m);
	}
	summary_free(&m);
	return rc;
}
