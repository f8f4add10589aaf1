/* Unit tests of the report statistics and periods (report.h): every figure
 * is worked out by hand in the comment next to it. */
#include <math.h>

#include "px.h"
#include "tap.h"

static int near(double a, double b, double eps)
{
	return fabs(a - b) < eps;
}

static void test_nps(void)
{
	struct px_nps n;
	ok(px_report_nps(0, 0, 0, &n) == -1 && n.n == 0, "no answers: no NPS");
	/* all promoters: 100, the interval has no width */
	ok(!px_report_nps(7, 0, 0, &n) && n.nps == 100 && n.low == 100 && n.high == 100, "all promoters: 100 [100, 100]");
	ok(!px_report_nps(0, 0, 4, &n) && n.nps == -100 && n.low == -100 && n.high == -100, "all detractors: -100 [-100, -100]");
	ok(!px_report_nps(0, 3, 0, &n) && n.nps == 0 && n.low == 0 && n.high == 0, "all passives: 0 [0, 0]");
	/* P 3, Pa 1, D 1 (n 5): p .6, d .2, NPS 40; var = .8 - .16 = .64,
	 * se = sqrt(.64 / 5) = .357771, half = 196 * .357771 = 70.123 */
	ok(!px_report_nps(3, 1, 1, &n) && near(n.nps, 40, 1e-9), "P3 Pa1 D1: 40");
	ok(near(n.low, 40 - 70.1231, 1e-3), "P3 Pa1 D1: low -30.123 (%g)", n.low);
	ok(n.high == 100, "P3 Pa1 D1: high 110.1 clamped to 100");
	/* P 50, Pa 30, D 20 (n 100): NPS 30; var = .7 - .09 = .61,
	 * se = sqrt(.0061) = .078102, half = 15.308 */
	ok(!px_report_nps(50, 30, 20, &n) && near(n.nps, 30, 1e-9) && near(n.low, 14.692, 1e-3) &&
		   near(n.high, 45.308, 1e-3), "P50 Pa30 D20: 30 [14.692, 45.308]");
	is_int(n.n, 100, "sample size");
	/* one answer */
	ok(!px_report_nps(0, 1, 0, &n) && n.n == 1 && n.nps == 0, "a single passive: 0");
}

static void test_median(void)
{
	double v[] = { 60, 5 }, m;
	ok(!px_report_median(v, 2, &m) && m == 32.5, "median of two is their mean");
	double w[] = { 9, 1, 5 };
	ok(!px_report_median(w, 3, &m) && m == 5, "median of three is the middle one");
	double x[] = { 4 };
	ok(!px_report_median(x, 1, &m) && m == 4, "median of one");
	ok(px_report_median(x, 0, &m) == -1, "no median of nothing");
	double y[] = { 3, 3, 1, 8 };
	ok(!px_report_median(y, 4, &m) && m == 3, "median with ties");
}

static void test_round(void)
{
	ok(px_report_round(58.75, 1) == 58.8, "58.75 rounds to 58.8");
	ok(px_report_round(43.75, 1) == 43.8, "43.75 rounds to 43.8");
	ok(px_report_round(-0.04, 1) == 0 && !signbit(px_report_round(-0.04, 1)), "no negative zero");
	ok(px_report_round(100.0 * 2 / 3, 1) == 66.7, "2/3 is 66.7%%");
}

static const char *utc(int64_t t)
{
	static char buf[PX_TIME_UTC_LEN];
	px_time_format_utc(t, buf);
	return buf;
}

static void test_periods(void)
{
	struct px_err err;
	px_err_clear(&err);
	ok(!px_time_set_zone("Asia/Riyadh", &err), "zone Asia/Riyadh");
	int64_t t, s;
	char label[32];
	/* 2026-11-30T22:00:00Z is 2026-12-01T01:00 in Riyadh (UTC+3) */
	px_time_parse("2026-11-30T22:00:00Z", &t);
	s = px_report_period_start(PX_PERIOD_MONTH, t);
	is_str(utc(s), "2026-11-30T21:00:00Z", "December starts at 21:00Z on 30 November");
	px_report_period_label(PX_PERIOD_MONTH, s, label, sizeof label);
	is_str(label, "2026-12", "it belongs to December");
	px_time_parse("2026-11-30T20:59:59Z", &t);
	px_report_period_label(PX_PERIOD_MONTH, px_report_period_start(PX_PERIOD_MONTH, t), label, sizeof label);
	is_str(label, "2026-11", "one second earlier is November");
	px_report_period_label(PX_PERIOD_DAY, px_report_period_start(PX_PERIOD_DAY, t), label, sizeof label);
	is_str(label, "2026-11-30", "and 30 November");
	/* 2026-11-23 is a Monday: ISO week 48 starts there */
	px_time_parse("2026-11-29T20:00:00Z", &t); /* Sunday 23:00 local */
	s = px_report_period_start(PX_PERIOD_WEEK, t);
	is_str(utc(s), "2026-11-22T21:00:00Z", "the week starts on Monday 23 November local");
	px_report_period_label(PX_PERIOD_WEEK, s, label, sizeof label);
	is_str(label, "2026-W48", "ISO week 48");
	/* 2027-01-01 is a Friday: it is in week 53 of 2026 */
	px_time_parse("2027-01-01T12:00:00Z", &t);
	px_report_period_label(PX_PERIOD_WEEK, px_report_period_start(PX_PERIOD_WEEK, t), label, sizeof label);
	is_str(label, "2026-W53", "1 January 2027 is in week 2026-W53");
	px_time_parse("2026-11-15T00:00:00Z", &t);
	s = px_report_period_start(PX_PERIOD_QUARTER, t);
	is_str(utc(s), "2026-09-30T21:00:00Z", "Q4 starts on 1 October local");
	px_report_period_label(PX_PERIOD_QUARTER, s, label, sizeof label);
	is_str(label, "2026-Q4", "quarter label");
	is_str(utc(px_report_period_add(PX_PERIOD_QUARTER, s, 1)), "2026-12-31T21:00:00Z", "next quarter");
	is_str(utc(px_report_period_add(PX_PERIOD_MONTH, s, -11)), "2025-10-31T21:00:00Z", "eleven months back");
	is_str(utc(px_report_period_add(PX_PERIOD_YEAR, px_report_period_start(PX_PERIOD_YEAR, t), 1)),
	       "2026-12-31T21:00:00Z", "next year");
	is_str(utc(px_report_period_add(PX_PERIOD_DAY, px_report_period_start(PX_PERIOD_DAY, t), -15)),
	       "2026-10-30T21:00:00Z", "fifteen days back crosses a month");
	ok(!px_time_set_zone("UTC", &err), "zone UTC");
	px_time_parse("2026-11-30T22:00:00Z", &t);
	px_report_period_label(PX_PERIOD_MONTH, px_report_period_start(PX_PERIOD_MONTH, t), label, sizeof label);
	is_str(label, "2026-11", "in UTC the same instant is November");
}

static void test_names(void)
{
	enum px_report_kind k;
	enum px_report_dim d;
	enum px_period p;
	ok(!px_report_kind_parse("negative", &k) && k == PX_REPORT_NEGATIVE, "report names");
	ok(px_report_kind_parse("summary", &k), "summary is not a record report");
	ok(!px_report_dim_parse("question", &d) && d == PX_DIM_QUESTION, "dimension names");
	ok(px_report_dim_parse("none", &d), "'none' is not a dimension to ask for");
	ok(!px_report_period_parse("quarter", &p) && p == PX_PERIOD_QUARTER, "period names");
	ok(px_report_dim_ok(PX_REPORT_NPS, PX_DIM_QUESTION) && !px_report_dim_ok(PX_REPORT_SURVEYS, PX_DIM_QUESTION),
	   "question applies to nps, not to surveys");
	ok(!px_report_kind_parse("complaints", &k) && k == PX_REPORT_COMPLAINTS, "complaints is a report");
	ok(!px_report_dim_parse("subcategory", &d) && d == PX_DIM_SUBCATEGORY, "taxonomy levels are dimensions");
	is_int(px_report_dim_level(PX_DIM_DOMAIN), 1, "domain is level 1");
	is_int(px_report_dim_level(PX_DIM_CLASSIFICATION), 4, "classification is level 4");
	is_int(px_report_dim_level(PX_DIM_STATE), 0, "state is no level");
	ok(px_report_dim_ok(PX_REPORT_COMPLAINTS, PX_DIM_CATEGORY) && px_report_dim_ok(PX_REPORT_COMPLAINTS, PX_DIM_STATE) &&
	   !px_report_dim_ok(PX_REPORT_COMPLAINTS, PX_DIM_CHANNEL) && !px_report_dim_ok(PX_REPORT_NPS, PX_DIM_SOURCE),
	   "complaints group by taxonomy levels and states, not by channel; nps not by source");
	is_str(px_report_dim_field(PX_DIM_CATEGORY), "category", "the field of a level is its name");
	ok(!px_report_kind_parse("sla", &k) && k == PX_REPORT_SLA, "sla is a report");
	ok(!px_report_dim_parse("kind", &d) && d == PX_DIM_KIND && !px_report_dim_parse("severity", &d) &&
		   d == PX_DIM_SEVERITY, "kind and severity are dimensions");
	ok(px_report_dim_ok(PX_REPORT_SLA, PX_DIM_KIND) && px_report_dim_ok(PX_REPORT_SLA, PX_DIM_SEVERITY) &&
		   px_report_dim_ok(PX_REPORT_SLA, PX_DIM_DEPARTMENT) && !px_report_dim_ok(PX_REPORT_SLA, PX_DIM_STATE) &&
		   !px_report_dim_ok(PX_REPORT_COMPLAINTS, PX_DIM_SEVERITY),
	   "sla groups by kind, severity and department, not by state; complaints not by severity");
	is_str(px_report_headline(PX_REPORT_SLA), "response_compliance", "the sla report's headline");
	is_str(px_report_sample(PX_REPORT_SLA), "cases", "its sample: the cases watched");
}

static void test_check(void)
{
	struct px_err e;
	px_err_clear(&e);
	struct px_report_opts o = { .kind = PX_REPORT_NPS, .by = PX_DIM_QUESTION };
	is_int(px_report_check(&o, &e), PX_OK, "nps by question is a report");
	o.kind = PX_REPORT_SURVEYS;
	is_int(px_report_check(&o, &e), PX_EUSAGE, "surveys by question is not");
	is_str(e.text, "the surveys report cannot be grouped by question", "and says so");
	o.by = PX_DIM_NONE;
	o.compare = 1;
	is_int(px_report_check(&o, &e), PX_EUSAGE, "--compare needs something to compare with");
	o.has_since = 1;
	is_int(px_report_check(&o, &e), PX_OK, "--since gives it the window before");
	o.has_until = 1;
	o.until = o.since;
	is_int(px_report_check(&o, &e), PX_EUSAGE, "an empty window is refused");
	is_str(e.text, "--until must come after --since", "with the reason");
}

int main(void)
{
	test_nps();
	test_median();
	test_round();
	test_periods();
	test_names();
	test_check();
	return tap_done();
}
