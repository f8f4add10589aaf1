/* Unit tests of survey scoring (score.h): every figure below is worked
 * out by hand in the comment next to it. */
#include <math.h>

#include "px.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof *(a))

static struct px_score_item item(enum px_qtype t, double v)
{
	struct px_score_item it = { .type = t, .answered = 1, .value = v, .weight = 1 };
	return it;
}

static int near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void test_normalise(void)
{
	double v;
	struct px_score_item it = item(PX_Q_RATING, 1);
	ok(px_score_normalise(&it, &v) && near(v, 0), "rating 1 is 0");
	it = item(PX_Q_RATING, 5);
	ok(px_score_normalise(&it, &v) && near(v, 1), "rating 5 is 1");
	it = item(PX_Q_LIKERT, 4);
	ok(px_score_normalise(&it, &v) && near(v, 0.75), "likert 4 is 0.75");
	it = item(PX_Q_NPS, 0);
	ok(px_score_normalise(&it, &v) && near(v, 0), "nps 0 is 0");
	it = item(PX_Q_NPS, 7);
	ok(px_score_normalise(&it, &v) && near(v, 0.7), "nps 7 is 0.7");
	it = item(PX_Q_YES_NO, 1);
	ok(px_score_normalise(&it, &v) && near(v, 1), "yes is 1");
	it = item(PX_Q_YES_NO, 0);
	ok(px_score_normalise(&it, &v) && near(v, 0), "no is 0");
	it = item(PX_Q_CHOICE, 3);
	it.has_score = 1;
	ok(px_score_normalise(&it, &v) && near(v, 0.5), "choice scored 3 is 0.5");
	it.has_score = 0;
	ok(!px_score_normalise(&it, &v), "choice without score does not count");
	it = item(PX_Q_TEXT, 0);
	ok(!px_score_normalise(&it, &v), "text does not count");
	it = item(PX_Q_TEXTAREA, 0);
	ok(!px_score_normalise(&it, &v), "textarea does not count");
	it = item(PX_Q_RATING, 5);
	it.skipped = 1;
	ok(!px_score_normalise(&it, &v), "skipped question does not count");
	it = item(PX_Q_RATING, 5);
	it.answered = 0;
	ok(!px_score_normalise(&it, &v), "unanswered question does not count");
}

static void test_average(void)
{
	struct px_score_result r;
	/* rating 4 -> 0.75, nps 8 -> 0.8: mean 0.775, 1 + 4 * 0.775 = 4.1.
	 * The seeds' raw mean would be (4 + 8) / 2 = 6, off the 1-5 scale. */
	struct px_score_item mixed[] = { item(PX_Q_RATING, 4), item(PX_Q_NPS, 8) };
	px_score_compute(PX_SCORE_AVERAGE, 3, mixed, N(mixed), &r);
	ok(r.has_score && near(r.score, 4.1) && !r.negative && r.counted == 2,
	   "rating 4 and nps 8 average 4.1, not negative");
	/* rating 2 -> 0.25, nps 3 -> 0.3, no -> 0, text: mean 0.55 / 3 =
	 * 0.18333, 1 + 0.73333 = 1.73 */
	struct px_score_item low[] = { item(PX_Q_RATING, 2), item(PX_Q_NPS, 3),
				       item(PX_Q_YES_NO, 0), item(PX_Q_TEXT, 0) };
	px_score_compute(PX_SCORE_AVERAGE, 3, low, N(low), &r);
	ok(r.has_score && near(r.score, 1.73) && r.negative && r.counted == 3,
	   "rating 2, nps 3, no and a text average 1.73, negative");
	/* nps 10 -> 1, rating 1 -> 0: mean 0.5 -> 3.0 */
	struct px_score_item half[] = { item(PX_Q_NPS, 10), item(PX_Q_RATING, 1) };
	px_score_compute(PX_SCORE_AVERAGE, 3, half, N(half), &r);
	ok(r.has_score && near(r.score, 3) && !r.negative, "nps 10 and rating 1 give 3.0");
	ok(r.nps_class == NULL, "no NPS class outside the nps method");
}

static void test_no_score(void)
{
	struct px_score_result r;
	struct px_score_item text[] = { item(PX_Q_TEXT, 0), item(PX_Q_TEXTAREA, 0) };
	px_score_compute(PX_SCORE_AVERAGE, 3, text, N(text), &r);
	ok(!r.has_score && !r.negative && r.counted == 0, "text-only survey: no score, not negative");
	px_score_compute(PX_SCORE_WEIGHTED, 3, text, N(text), &r);
	ok(!r.has_score && !r.negative, "text-only survey, weighted: no score, not negative");
	px_score_compute(PX_SCORE_NPS, 7, text, N(text), &r);
	ok(!r.has_score && !r.negative && !r.nps_class, "text-only survey, nps: no score, no class");
	px_score_compute(PX_SCORE_AVERAGE, 3, NULL, 0, &r);
	ok(!r.has_score && !r.negative, "no questions: no score");
	struct px_score_item choice = item(PX_Q_CHOICE, 0);
	px_score_compute(PX_SCORE_AVERAGE, 3, &choice, 1, &r);
	ok(!r.has_score && !r.negative, "unscored choice only: no score");
}

static void test_weighted(void)
{
	struct px_score_result r;
	/* 5 (1.0) weight 3, 1 (0.0) weight 1: 3 / 4 = 0.75 -> 4.0;
	 * unweighted it would be 0.5 -> 3.0 */
	struct px_score_item w[] = { item(PX_Q_RATING, 5), item(PX_Q_RATING, 1) };
	w[0].weight = 3;
	px_score_compute(PX_SCORE_WEIGHTED, 3, w, N(w), &r);
	ok(r.has_score && near(r.score, 4), "weights 3 and 1 give 4.0");
	px_score_compute(PX_SCORE_AVERAGE, 3, w, N(w), &r);
	ok(r.has_score && near(r.score, 3), "the average method ignores weights: 3.0");
	/* likert 2 (0.25) weight 2, nps 6 (0.6) weight 0.5, yes weight 0:
	 * (0.5 + 0.3) / 2.5 = 0.32 -> 2.28 */
	struct px_score_item m[] = { item(PX_Q_LIKERT, 2), item(PX_Q_NPS, 6), item(PX_Q_YES_NO, 1) };
	m[0].weight = 2;
	m[1].weight = 0.5;
	m[2].weight = 0;
	px_score_compute(PX_SCORE_WEIGHTED, 3, m, N(m), &r);
	ok(r.has_score && near(r.score, 2.28) && r.negative && r.counted == 2,
	   "weight 0 drops a question: 2.28, negative");
	struct px_score_item z[] = { item(PX_Q_RATING, 5) };
	z[0].weight = 0;
	px_score_compute(PX_SCORE_WEIGHTED, 3, z, N(z), &r);
	ok(!r.has_score && !r.negative, "all weights 0: no score");
}

static void test_branch(void)
{
	struct px_score_result r;
	/* the low rating was skipped by branch logic: only the 5 counts */
	struct px_score_item b[] = { item(PX_Q_RATING, 5), item(PX_Q_RATING, 1) };
	b[1].skipped = 1;
	px_score_compute(PX_SCORE_AVERAGE, 3, b, N(b), &r);
	ok(r.has_score && near(r.score, 5) && r.counted == 1, "branch-skipped answer does not count");
	struct px_score_item u[] = { item(PX_Q_RATING, 4), item(PX_Q_NPS, 0) };
	u[1].answered = 0;
	px_score_compute(PX_SCORE_AVERAGE, 3, u, N(u), &r);
	ok(r.has_score && near(r.score, 4), "unanswered optional question does not count");
}

static void test_threshold(void)
{
	struct px_score_result r;
	struct px_score_item three[] = { item(PX_Q_RATING, 3), item(PX_Q_LIKERT, 3) };
	px_score_compute(PX_SCORE_AVERAGE, 3, three, N(three), &r);
	ok(r.has_score && near(r.score, 3) && !r.negative, "exactly 3.0 is not negative");
	/* 3 and 2: (0.5 + 0.25) / 2 = 0.375 -> 2.5 */
	struct px_score_item below[] = { item(PX_Q_RATING, 3), item(PX_Q_RATING, 2) };
	px_score_compute(PX_SCORE_AVERAGE, 3, below, N(below), &r);
	ok(near(r.score, 2.5) && r.negative, "2.5 is negative");
	/* 2.5 against a threshold of 2.5: not negative */
	px_score_compute(PX_SCORE_AVERAGE, 2.5, below, N(below), &r);
	ok(!r.negative, "score equal to a custom threshold is not negative");
	/* rating 3, nps 5: (0.5 + 0.5) / 2 -> 3.0: NPS 5 alone is a detractor,
	 * but on the average method the survey is not negative */
	struct px_score_item mix[] = { item(PX_Q_RATING, 3), item(PX_Q_NPS, 5) };
	px_score_compute(PX_SCORE_AVERAGE, 3, mix, N(mix), &r);
	ok(near(r.score, 3) && !r.negative, "rating 3 and nps 5 give exactly 3.0, not negative");
	/* nps 4 -> 0.4, rating 3 -> 0.5: 0.45 -> 2.8 */
	struct px_score_item mix2[] = { item(PX_Q_NPS, 4), item(PX_Q_RATING, 3) };
	px_score_compute(PX_SCORE_AVERAGE, 3, mix2, N(mix2), &r);
	ok(near(r.score, 2.8) && r.negative, "nps 4 and rating 3 give 2.8, negative");
}

static void test_nps(void)
{
	struct px_score_result r;
	static const struct { double v; const char *cls; int neg; } cases[] = {
		{ 10, "promoter", 0 }, { 9, "promoter", 0 }, { 8, "passive", 0 },
		{ 7, "passive", 0 }, { 6, "detractor", 1 }, { 0, "detractor", 1 },
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct px_score_item it[] = { item(PX_Q_NPS, cases[i].v), item(PX_Q_TEXT, 0) };
		px_score_compute(PX_SCORE_NPS, 7, it, N(it), &r);
		ok(r.has_score && near(r.score, cases[i].v) && r.nps_class &&
		   !strcmp(r.nps_class, cases[i].cls) && r.negative == cases[i].neg,
		   "nps %g: %s%s", cases[i].v, cases[i].cls, cases[i].neg ? ", negative" : "");
	}
	/* other questions do not enter the nps method */
	struct px_score_item o[] = { item(PX_Q_RATING, 1), item(PX_Q_NPS, 9) };
	px_score_compute(PX_SCORE_NPS, 7, o, N(o), &r);
	ok(near(r.score, 9) && !r.negative && r.counted == 1, "nps method reads only nps answers");
	struct px_score_item none[] = { item(PX_Q_RATING, 1) };
	px_score_compute(PX_SCORE_NPS, 7, none, N(none), &r);
	ok(!r.has_score && !r.negative, "nps method without an nps answer: no score");
	ok(px_score_default_threshold(PX_SCORE_NPS) == 7 && px_score_default_threshold(PX_SCORE_AVERAGE) == 3,
	   "default thresholds: 7 of 10, 3 of 5");
	ok(px_score_threshold_ok(PX_SCORE_NPS, 10) && !px_score_threshold_ok(PX_SCORE_AVERAGE, 7) &&
	   !px_score_threshold_ok(PX_SCORE_AVERAGE, 0.5) && px_score_threshold_ok(PX_SCORE_WEIGHTED, 5),
	   "thresholds checked against the method's scale");
}

static void test_names(void)
{
	enum px_qtype t;
	enum px_score_method m;
	ok(px_score_qtype_parse("multiple_choice", &t) == 0 && t == PX_Q_CHOICE, "multiple_choice");
	ok(px_score_qtype_parse("stars", &t) < 0, "unknown type");
	is_str(px_score_qtype_name(PX_Q_TEXTAREA), "textarea", "textarea name");
	is_int(px_score_qtype_parse("likert", &t), 0, "likert parses");
	ok(px_score_method_parse("weighted", &m) == 0 && m == PX_SCORE_WEIGHTED, "weighted");
	ok(px_score_method_parse("sum", &m) < 0, "unknown method");
}

static void test_sms(void)
{
	long n = -1;
	ok(px_survey_sms_parse("7", &n) == PX_SMS_NUMBER && n == 7, "sms: 7");
	ok(px_survey_sms_parse(" 10 ", &n) == PX_SMS_NUMBER && n == 10, "sms: 10 with spaces");
	ok(px_survey_sms_parse("\xd9\xa9", &n) == PX_SMS_NUMBER && n == 9, "sms: Arabic-Indic 9");
	ok(px_survey_sms_parse("\xd9\xa1\xd9\xa0", &n) == PX_SMS_NUMBER && n == 10, "sms: Arabic-Indic 10");
	ok(px_survey_sms_parse("\xdb\xb8", &n) == PX_SMS_NUMBER && n == 8, "sms: Eastern Arabic-Indic 8");
	ok(px_survey_sms_parse("Yes", &n) == PX_SMS_YES, "sms: Yes");
	ok(px_survey_sms_parse("نعم", &n) == PX_SMS_YES, "sms: نعم");
	ok(px_survey_sms_parse("no.", &n) == PX_SMS_NO, "sms: no.");
	ok(px_survey_sms_parse("لا", &n) == PX_SMS_NO, "sms: لا");
	ok(px_survey_sms_parse("STOP", &n) == PX_SMS_STOP, "sms: STOP");
	ok(px_survey_sms_parse("إيقاف", &n) == PX_SMS_STOP, "sms: إيقاف");
	ok(px_survey_sms_parse("100", &n) == PX_SMS_UNKNOWN, "sms: three digits");
	ok(px_survey_sms_parse("great thanks", &n) == PX_SMS_UNKNOWN, "sms: free text");
	ok(px_survey_sms_parse("", &n) == PX_SMS_UNKNOWN, "sms: empty");
}

static void test_format(void)
{
	char b[32];
	px_score_format(2.4, b, sizeof b);
	is_str(b, "2.4", "format: 2.4");
	px_score_format(3, b, sizeof b);
	is_str(b, "3.0", "format: 3.0 keeps one decimal");
	px_score_format(1.73, b, sizeof b);
	is_str(b, "1.73", "format: 1.73");
	px_score_format(10, b, sizeof b);
	is_str(b, "10.0", "format: 10.0");
}

int main(void)
{
	test_normalise();
	test_average();
	test_no_score();
	test_weighted();
	test_branch();
	test_threshold();
	test_nps();
	test_names();
	test_sms();
	test_format();
	return tap_done();
}
