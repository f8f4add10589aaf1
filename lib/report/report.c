/* report.c - KPIs of the loop: one grouped SQL query per report, period
 * and dimension, with bound parameters; rates and intervals in C.  The
 * complaints report reads one row per complaint and counts in C, which
 * cuts classifications to a taxonomy level and reads the patient's
 * verdict from the case's fields; the sla report reads one row per case
 * and the clocks px-sla derives from its timeline (cases/sla.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/civil.h"
#include "base/mem.h"
#include "base/time.h"
#include "cases/case.h"
#include "cases/complaint.h"
#include "cases/sla.h"
#include "cases/taxonomy.h"
#include "cases/workflow.h"
#include "core/org.h"
#include "core/patient.h"
#include "report/report.h"
#include "base/banned.h"

/* ---------- names ---------- */

static const char *const kind_names[PX_REPORT_NKINDS] = {
	"surveys", "scores", "nps", "negative", "journeys", "notify", "suppressed", "complaints",
	"sla", "actions", "calls",
};
static const char *const dim_names[PX_DIM_NDIMS] = {
	"none", "hospital", "department", "template", "channel", "question", "source", "state",
	"domain", "category", "subcategory", "classification", "kind", "severity", "trigger",
	"agent",
};
static const char *const period_names[] = {
	"none", "day", "week", "month", "quarter", "year", NULL,
};

static int lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return i;
	return -1;
}

int px_report_kind_parse(const char *name, enum px_report_kind *out)
{
	int i = lookup(kind_names, PX_REPORT_NKINDS, name);
	if (i < 0)
		return -1;
	*out = (enum px_report_kind)i;
	return 0;
}

const char *px_report_kind_name(enum px_report_kind k) { return kind_names[k]; }

int px_report_dim_parse(const char *name, enum px_report_dim *out)
{
	int i = lookup(dim_names, PX_DIM_NDIMS, name);
	if (i <= 0)
		return -1;
	*out = (enum px_report_dim)i;
	return 0;
}

const char *px_report_dim_name(enum px_report_dim d) { return dim_names[d]; }

const char *px_report_dim_field(enum px_report_dim d)
{
	return d == PX_DIM_NONE ? NULL : dim_names[d];
}

int px_report_period_parse(const char *name, enum px_period *out)
{
	int i = lookup(period_names, 6, name);
	if (i <= 0)
		return -1;
	*out = (enum px_period)i;
	return 0;
}

/* Which dimensions each report has (bit per px_report_dim). */
#define D(x) (1u << (x))
static const unsigned dims_ok[PX_REPORT_NKINDS] = {
	[PX_REPORT_SURVEYS] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT) | D(PX_DIM_TEMPLATE) | D(PX_DIM_CHANNEL),
	[PX_REPORT_SCORES] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT) | D(PX_DIM_TEMPLATE) | D(PX_DIM_CHANNEL) | D(PX_DIM_QUESTION),
	[PX_REPORT_NPS] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT) | D(PX_DIM_TEMPLATE) | D(PX_DIM_CHANNEL) | D(PX_DIM_QUESTION),
	[PX_REPORT_NEGATIVE] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT) | D(PX_DIM_TEMPLATE) | D(PX_DIM_CHANNEL),
	[PX_REPORT_JOURNEYS] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT),
	[PX_REPORT_NOTIFY] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_TEMPLATE) | D(PX_DIM_CHANNEL),
	[PX_REPORT_SUPPRESSED] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT) | D(PX_DIM_TEMPLATE) | D(PX_DIM_CHANNEL),
	[PX_REPORT_COMPLAINTS] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT) | D(PX_DIM_SOURCE) | D(PX_DIM_STATE) |
				 D(PX_DIM_DOMAIN) | D(PX_DIM_CATEGORY) | D(PX_DIM_SUBCATEGORY) | D(PX_DIM_CLASSIFICATION),
	[PX_REPORT_SLA] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT) | D(PX_DIM_KIND) | D(PX_DIM_SEVERITY),
	[PX_REPORT_ACTIONS] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT) | D(PX_DIM_SOURCE) | D(PX_DIM_STATE) |
			      D(PX_DIM_TRIGGER),
	[PX_REPORT_CALLS] = D(PX_DIM_NONE) | D(PX_DIM_HOSPITAL) | D(PX_DIM_DEPARTMENT) | D(PX_DIM_AGENT),
};

int px_report_dim_ok(enum px_report_kind k, enum px_report_dim d)
{
	return (dims_ok[k] >> d) & 1u;
}

int px_report_dim_level(enum px_report_dim d)
{
	return d >= PX_DIM_DOMAIN && d <= PX_DIM_CLASSIFICATION ? (int)(d - PX_DIM_DOMAIN) + 1 : 0;
}

const char *px_report_headline(enum px_report_kind k)
{
	static const char *const h[PX_REPORT_NKINDS] = {
		"response_rate", "mean", "nps", "negative_rate", "completion_rate",
		"delivery_rate", "suppressed", "opened", "response_compliance", "opened",
		"mean_rating",
	};
	return h[k];
}

const char *px_report_sample(enum px_report_kind k)
{
	static const char *const f[PX_REPORT_NKINDS] = {
		"sent", "responses", "n", "completed", "journeys", NULL, "due", "opened", "cases",
		"opened", "calls",
	};
	return f[k];
}

/* The sample size of a row from its raw values, as px_report_sample
 * names it (notify: the messages neither suppressed nor pending, which
 * its rates are of). */
static double sample(enum px_report_kind k, const double *v)
{
	switch (k) {
	case PX_REPORT_NPS: return v[0] + v[1] + v[2];
	case PX_REPORT_NOTIFY: return v[0] - v[4] - v[5];
	case PX_REPORT_SUPPRESSED: return v[1];
	default: return v[0];
	}
}

/* ---------- periods ---------- */

/* Local midnight of a civil date (a day counted from the epoch). */
static int64_t local_midnight(int64_t days)
{
	int y, m, d;
	px_civil_date(days, &y, &m, &d);
	int64_t t;
	if (px_time_from_local(y, m, d, 0, 0, 0, &t))
		t = days * 86400;
	return t;
}

int64_t px_report_period_start(enum px_period p, int64_t t)
{
	struct tm tm;
	px_time_local(t, &tm);
	int y = tm.tm_year + 1900, m = tm.tm_mon + 1, d = tm.tm_mday;
	int64_t days = px_civil_days(y, m, d);
	switch (p) {
	case PX_PERIOD_NONE:
		return t;
	case PX_PERIOD_DAY:
		break;
	case PX_PERIOD_WEEK:
		days -= px_civil_weekday(days);
		break;
	case PX_PERIOD_MONTH:
		days = px_civil_days(y, m, 1);
		break;
	case PX_PERIOD_QUARTER:
		days = px_civil_days(y, (m - 1) / 3 * 3 + 1, 1);
		break;
	case PX_PERIOD_YEAR:
		days = px_civil_days(y, 1, 1);
		break;
	}
	return local_midnight(days);
}

int64_t px_report_period_add(enum px_period p, int64_t start, int n)
{
	struct tm tm;
	px_time_local(start, &tm);
	int64_t y = tm.tm_year + 1900;
	int m = tm.tm_mon + 1, d = tm.tm_mday;
	int64_t days = px_civil_days(y, m, d);
	int months = 0;
	switch (p) {
	case PX_PERIOD_NONE:
		return start;
	case PX_PERIOD_DAY: days += n; break;
	case PX_PERIOD_WEEK: days += 7 * (int64_t)n; break;
	case PX_PERIOD_MONTH: months = n; break;
	case PX_PERIOD_QUARTER: months = 3 * n; break;
	case PX_PERIOD_YEAR: months = 12 * n; break;
	}
	if (months) {
		int64_t mm = y * 12 + (m - 1) + months;
		int64_t ny = mm >= 0 ? mm / 12 : (mm - 11) / 12;
		days = px_civil_days(ny, (int)(mm - ny * 12) + 1, d);
	}
	return local_midnight(days);
}

void px_report_period_label(enum px_period p, int64_t start, char *buf, size_t size)
{
	struct tm tm;
	px_time_local(start, &tm);
	int y = tm.tm_year + 1900, m = tm.tm_mon + 1;
	switch (p) {
	case PX_PERIOD_NONE:
		snprintf(buf, size, "all");
		break;
	case PX_PERIOD_DAY:
		snprintf(buf, size, "%04d-%02d-%02d", y, m, tm.tm_mday);
		break;
	case PX_PERIOD_WEEK: {
		int year, week = px_civil_iso_week(px_civil_days(y, m, tm.tm_mday), &year);
		snprintf(buf, size, "%04d-W%02d", year, week);
		break;
	}
	case PX_PERIOD_MONTH:
		snprintf(buf, size, "%04d-%02d", y, m);
		break;
	case PX_PERIOD_QUARTER:
		snprintf(buf, size, "%04d-Q%d", y, (m - 1) / 3 + 1);
		break;
	case PX_PERIOD_YEAR:
		snprintf(buf, size, "%04d", y);
		break;
	}
}

/* ---------- statistics ---------- */

double px_report_round(double x, int places)
{
	double f = pow(10, places);
	double r = round(x * f) / f;
	return r == 0 ? 0 : r; /* no -0 */
}

int px_report_nps(long promoters, long passives, long detractors, struct px_nps *out)
{
	memset(out, 0, sizeof *out);
	out->promoters = promoters;
	out->passives = passives;
	out->detractors = detractors;
	out->n = promoters + passives + detractors;
	if (out->n <= 0)
		return -1;
	double n = (double)out->n, p = promoters / n, d = detractors / n;
	out->nps = 100 * (p - d);
	double var = p + d - (p - d) * (p - d);
	double half = 1.96 * 100 * sqrt(var > 0 ? var / n : 0);
	out->low = fmax(-100, out->nps - half);
	out->high = fmin(100, out->nps + half);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int px_report_median(double *v, size_t n, double *out)
{
	if (!n)
		return -1;
	qsort(v, n, sizeof *v, cmp_double);
	*out = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	return 0;
}

/* ---------- queries ---------- */

/*
 * Every query binds ?1 start and ?2 end (UTC text, [start, end)), ?3 the
 * hospital id or NULL, ?4 the user id whose hospitals bound the scope or
 * NULL for every hospital (and the statements that take more, as they
 * say).  Each
 * returns the group key, two sub-keys ('' when unused), then the raw
 * figures the finisher of its report expects.
 *
 * The SQL is what SQLite and PostgreSQL both accept; the seconds between
 * two stored times are the store's px_seconds_between (store.h).
 */
#define SCOPE_AT(col, h, u) \
	" AND (CAST(" h " AS BIGINT) IS NULL OR " col " = " h ") AND (CAST(" u " AS BIGINT) IS NULL OR " \
	col " IN (SELECT hospital_id FROM user_hospitals WHERE user_id = " u "))"
#define SCOPE(col) SCOPE_AT(col, "?3", "?4")
#define SECONDS(from, to) "px_seconds_between(" from ", " to ")"
#define N(cond) "count(*) FILTER (WHERE " cond ")"

#define J_H "JOIN hospitals h ON h.id = s.hospital_id "
#define J_D J_H "LEFT JOIN departments d ON d.id = s.department_id "
#define J_T "JOIN survey_templates t ON t.id = s.template_id "
#define K_D "h.code || '/' || coalesce(d.code, '-')"

/* The five survey dimensions: a macro applied to (key, joins). */
#define SURVEY_DIMS(M)      \
	M("''", "")         \
	M("h.code", J_H)    \
	M(K_D, J_D)         \
	M("t.name", J_T)    \
	M("s.channel", "")

/* The messages that carry a survey's link: a satisfaction check is a
 * survey too, and its message is its invitation. */
#define LINK_MESSAGES "('survey_invitation', 'satisfaction_check')"
#define SURVEYS_SQL(KEY, JOIN) \
	"SELECT " KEY ", '', '', count(*), " \
	N("EXISTS (SELECT 1 FROM notifications n WHERE n.object_id = s.public_id " \
	  "AND n.template IN " LINK_MESSAGES " AND n.state IN ('sent', 'delivered'))") ", " \
	"count(s.opened_at), count(s.started_at), " N("s.status = 'completed'") ", " \
	N("s.status = 'abandoned'") " FROM surveys s " JOIN \
	"WHERE s.sent_at >= ?1 AND s.sent_at < ?2" SCOPE("s.hospital_id") " GROUP BY 1",

/* Satisfaction checks measure the follow-up of a negative survey, not
 * the care: they stay out of scores, NPS and negative rates (their
 * outcome is the negative report's satisfied / not satisfied). */
#define EXPERIENCE \
	" AND s.template_id NOT IN (SELECT id FROM survey_templates " \
	"WHERE survey_type = 'satisfaction_check')"

/* Each survey's score normalised to 0..1 on its method's scale, and the
 * fifth of that scale it falls in (1..5; a boundary belongs to the fifth
 * above it, 1e-9 keeping a value on a boundary from falling below it by
 * rounding). */
#define NORM "CASE WHEN s.nps_class IS NOT NULL THEN s.score / 10.0 ELSE (s.score - 1) / 4.0 END"
#define BAND(x) \
	"CASE WHEN " x " * 5 + 1e-9 < 1 THEN 1 WHEN " x " * 5 + 1e-9 < 2 THEN 2 " \
	"WHEN " x " * 5 + 1e-9 < 3 THEN 3 WHEN " x " * 5 + 1e-9 < 4 THEN 4 ELSE 5 END"
#define DONE(JOIN) \
	" FROM surveys s " JOIN "WHERE s.completed_at >= ?1 AND s.completed_at < ?2 " \
	"AND s.status = 'completed'" EXPERIENCE SCOPE("s.hospital_id")
#define BANDS \
	"count(*), sum(x), " N("b = 1") ", " N("b = 2") ", " N("b = 3") ", " N("b = 4") ", " \
	N("b = 5")
#define SCORES_SQL(KEY, JOIN) \
	"SELECT k, '', '', " BANDS " FROM (SELECT " KEY " AS k, " NORM " AS x, " \
	BAND("(" NORM ")") " AS b" DONE(JOIN) " AND s.score IS NOT NULL) AS v GROUP BY 1",
/* The headline NPS counts every experience survey once, by its answer
 * to the likelihood-to-recommend question, whatever the template: the
 * class a survey scored by NPS has already (that answer's), else the
 * class of its first question of type nps. */
#define NPS_CLASS \
	"coalesce(s.nps_class, (SELECT CASE WHEN CAST(a.value AS INTEGER) >= 9 THEN 'promoter' " \
	"WHEN CAST(a.value AS INTEGER) >= 7 THEN 'passive' ELSE 'detractor' END " \
	"FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id " \
	"WHERE a.survey_id = s.id AND q.type = 'nps' ORDER BY q.position LIMIT 1))"
#define NPS_SQL(KEY, JOIN) \
	"SELECT k, '', '', " N("c = 'promoter'") ", " N("c = 'passive'") ", " \
	N("c = 'detractor'") " FROM (SELECT " KEY " AS k, " NPS_CLASS " AS c" DONE(JOIN) \
	") AS v WHERE c IS NOT NULL GROUP BY 1",
#define CONTACTED "s.negative = 1 AND f.first_contacted_at IS NOT NULL"
#define NEGATIVE_SQL(KEY, JOIN) \
	"SELECT " KEY ", '', '', count(*), " N("s.negative = 1") ", " N(CONTACTED) ", " \
	N("s.negative = 1 AND (f.survey_id IS NULL OR f.state = 'awaiting_contact')") ", " \
	N("s.negative = 1 AND f.satisfaction_outcome = 'satisfied'") ", " \
	N("s.negative = 1 AND f.satisfaction_outcome = 'not_satisfied'") ", " \
	N("s.negative = 1 AND f.state = 'closed'") ", " N("s.negative = 1 AND f.state = 'escalated'") \
	" FROM surveys s LEFT JOIN survey_followups f ON f.survey_id = s.id " JOIN \
	"WHERE s.completed_at >= ?1 AND s.completed_at < ?2 AND s.status = 'completed'" \
	EXPERIENCE SCOPE("s.hospital_id") " GROUP BY 1",
/* Each first contact: the time it took, and what its contact target
 * needs (the hospital, the completion and the contact). */
#define CONTACT_SQL(KEY, JOIN) \
	"SELECT " KEY ", " SECONDS("s.completed_at", "f.first_contacted_at") ", s.hospital_id, " \
	"(SELECT code FROM hospitals WHERE id = s.hospital_id), s.completed_at, f.first_contacted_at" \
	" FROM surveys s JOIN survey_followups f ON f.survey_id = s.id " JOIN \
	"WHERE s.completed_at >= ?1 AND s.completed_at < ?2 AND s.status = 'completed' " \
	"AND " CONTACTED SCOPE("s.hospital_id") " ORDER BY 1",

static const char *const surveys_sql[] = { SURVEY_DIMS(SURVEYS_SQL) };
static const char *const scores_sql[] = { SURVEY_DIMS(SCORES_SQL) };
static const char *const nps_sql[] = { SURVEY_DIMS(NPS_SQL) };
static const char *const negative_sql[] = { SURVEY_DIMS(NEGATIVE_SQL) };
static const char *const contact_sql[] = { SURVEY_DIMS(CONTACT_SQL) };

/* Answers to each scorable question, for --by question. */
#define ANSWERS \
	" FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id " \
	"JOIN surveys s ON s.id = a.survey_id JOIN survey_templates t ON t.id = q.template_id " \
	"WHERE s.completed_at >= ?1 AND s.completed_at < ?2 AND s.status = 'completed'" \
	EXPERIENCE SCOPE("s.hospital_id")
#define QNORM \
	"CASE q.type WHEN 'nps' THEN CAST(a.value AS DOUBLE PRECISION) / 10 " \
	"WHEN 'yes_no' THEN CASE WHEN a.value = 'yes' THEN 1.0 ELSE 0.0 END " \
	"ELSE (CAST(a.value AS DOUBLE PRECISION) - 1) / 4 END"
#define NPS_ANSWER "CAST(a.value AS INTEGER)"
static const char scores_question_sql[] =
	"SELECT k, '', '', " BANDS " FROM (SELECT t.name || ':' || q.code AS k, " QNORM " AS x, "
	BAND("(" QNORM ")") " AS b" ANSWERS
	" AND q.type IN ('rating', 'likert', 'nps', 'yes_no')) AS v GROUP BY 1";
static const char nps_question_sql[] =
	"SELECT t.name || ':' || q.code, '', '', " N(NPS_ANSWER " >= 9") ", "
	N(NPS_ANSWER " BETWEEN 7 AND 8") ", " N(NPS_ANSWER " < 7")
	ANSWERS " AND q.type = 'nps' GROUP BY 1";

#define JOURNEYS_SQL(KEY, JOIN) \
	"SELECT " KEY ", s.journey, g.stage, count(*), " N("g.status = 'completed'") \
	" FROM encounters s JOIN encounter_stages g ON g.encounter_id = s.id " JOIN \
	"WHERE s.journey_started_at >= ?1 AND s.journey_started_at < ?2" \
	" AND s.journey_status <> 'cancelled'" \
	SCOPE("s.hospital_id") " GROUP BY 1, 2, g.position, 3 ORDER BY 1, 2, g.position",
static const char *const journeys_sql[] = {
	JOURNEYS_SQL("''", "")
	JOURNEYS_SQL("h.code", J_H)
	JOURNEYS_SQL(K_D, J_D)
};

#define NOTIFY_SQL(KEY, JOIN) \
	"SELECT " KEY ", '', '', count(*), " N("n.state = 'sent'") ", " \
	N("n.state = 'delivered'") ", " N("n.state IN ('failed', 'bounced', 'unknown')") ", " \
	N("n.state = 'suppressed'") ", " N("n.state IN ('pending', 'sending')") \
	" FROM notifications n " JOIN \
	"WHERE n.created_at >= ?1 AND n.created_at < ?2" SCOPE("n.hospital_id") " GROUP BY 1",
static const char *const notify_sql[] = {
	NOTIFY_SQL("''", "")
	NOTIFY_SQL("h.code", "JOIN hospitals h ON h.id = n.hospital_id ")
	NULL,
	NOTIFY_SQL("n.template", "")
	NOTIFY_SQL("n.channel", "")
};

/* Every status named, so that the rows of the period are read by the
 * survey_due_status index (status, due_at). */
#define SUPPRESSED_SQL(KEY, JOIN) \
	"SELECT k, r, '', c, total FROM (SELECT " KEY " AS k, CASE WHEN s.status = 'suppressed' " \
	"THEN coalesce(s.reason, 'unspecified') END AS r, count(*) AS c, " \
	"sum(count(*)) OVER (PARTITION BY " KEY ") AS total FROM survey_due s " JOIN \
	"WHERE s.status IN ('due', 'sent', 'suppressed', 'withdrawn')" \
	" AND s.due_at >= ?1 AND s.due_at < ?2" SCOPE("s.hospital_id") \
	" GROUP BY 1, 2) AS v WHERE r IS NOT NULL ORDER BY 1, 4 DESC, 2",
static const char *const suppressed_sql[] = {
	SUPPRESSED_SQL("''", "")
	SUPPRESSED_SQL("h.code", J_H)
	SUPPRESSED_SQL(K_D, J_D)
	SUPPRESSED_SQL("s.template", "")
	SUPPRESSED_SQL("coalesce(s.channel, '-')", "")
};

/* The listing of the surveys not sent: ?1 to ?4 as above, ?5 the
 * display zone. */
static const char suppressed_list_sql[] =
	"SELECT s.public_id AS due, px_local_time(s.due_at, ?5) AS due_at, h.code AS hospital, "
	"h.code || '/' || coalesce(d.code, '-') AS department, s.template AS template, "
	"s.channel AS channel, coalesce(s.reason, 'unspecified') AS reason, "
	"s.reason_detail AS detail, p.public_id AS patient FROM survey_due s " J_D
	"JOIN patients p ON p.id = s.patient_id WHERE s.status = 'suppressed' "
	"AND s.due_at >= ?1 AND s.due_at < ?2" SCOPE("s.hospital_id") " ORDER BY s.due_at, s.id";

/*
 * Complaints, one row per complaint opened in [?1, ?2) (inquiries are
 * not counted): its group key, the state it is in now, the seconds from
 * its opening to its first transition into resolved (NULL: never
 * resolved), whether it was reopened after it had been resolved (1 or
 * 0), and its fields (JSON, read in C for the patient's verdict).  Every
 * taxonomy level gets the whole classification ('' for none), cut in C.
 */
#define J_HC "JOIN hospitals h ON h.id = c.hospital_id "
#define J_DC J_HC "LEFT JOIN departments d ON d.id = c.department_id "
#define FIRST_RESOLVED \
	"(SELECT min(r.at) FROM case_timeline r WHERE r.case_id = c.id AND r.type = 'transition' " \
	"AND r.new_state = 'resolved')"
/* Reopened: back to work (a state neither resolved nor final) after it
 * first entered resolved, whatever the move (reopen by a hospital
 * administrator, unsatisfied by px on the patient's answer); a case
 * never resolved that is reopened from cancelled is not one. */
#define REOPENED \
	"CASE WHEN EXISTS (SELECT 1 FROM case_timeline o JOIN case_timeline r " \
	"ON r.case_id = o.case_id AND r.type = 'transition' AND r.new_state = 'resolved' " \
	"AND r.id < o.id WHERE o.case_id = c.id AND o.type = 'transition' " \
	"AND o.new_state NOT IN ('resolved', 'closed', 'cancelled')) THEN 1 ELSE 0 END"
#define COMPLAINTS_SQL(KEY, JOIN) \
	"SELECT " KEY ", c.state, " SECONDS("c.created_at", FIRST_RESOLVED) ", " REOPENED \
	", c.fields FROM cases c " JOIN "WHERE c.kind = 'complaint' AND c.created_at >= ?1 " \
	"AND c.created_at < ?2" SCOPE("c.hospital_id") " ORDER BY c.id"
#define TAXON_SQL COMPLAINTS_SQL("coalesce(c.classification, '')", "")
static const char *const complaints_sql[PX_DIM_NDIMS] = {
	[PX_DIM_NONE] = COMPLAINTS_SQL("''", ""),
	[PX_DIM_HOSPITAL] = COMPLAINTS_SQL("h.code", J_HC),
	[PX_DIM_DEPARTMENT] = COMPLAINTS_SQL(K_D, J_DC),
	[PX_DIM_SOURCE] = COMPLAINTS_SQL("c.source", ""),
	[PX_DIM_STATE] = COMPLAINTS_SQL("c.state", ""),
	[PX_DIM_DOMAIN] = TAXON_SQL,
	[PX_DIM_CATEGORY] = TAXON_SQL,
	[PX_DIM_SUBCATEGORY] = TAXON_SQL,
	[PX_DIM_CLASSIFICATION] = TAXON_SQL,
};

/*
 * Improvement actions, one row per action opened in [?1, ?2): its group
 * key (the owning department, else the source's), its state, the seconds
 * to its first close, its approvals and rejections, whether px-sla check
 * marked it breached, and its root causes' categories; then each
 * decision's turnaround from the submission before it.
 */
#define J_OC J_HC "LEFT JOIN departments d ON d.id = coalesce(c.owner_department_id, c.department_id) "
#define TRIGGER "coalesce((SELECT min(r.rule) FROM action_raises r WHERE r.case_id = c.id), 'manual')"
#define MOVES(verb) \
	"(SELECT count(*) FROM case_timeline t WHERE t.case_id = c.id AND t.type = 'transition' " \
	"AND t.verb = '" verb "')"
#define ACTIONS_SQL(KEY, JOIN) \
	"SELECT " KEY ", c.state, " SECONDS("c.created_at", "(SELECT min(r.at) FROM case_timeline r " \
	"WHERE r.case_id = c.id AND r.type = 'transition' AND r.new_state = 'closed')") ", " \
	MOVES("approve") ", " MOVES("reject") ", (SELECT count(*) FROM sla_marks m " \
	"WHERE m.case_id = c.id AND m.mark = 'breach'), (SELECT string_agg(x.category, ',') " \
	"FROM rca_causes x WHERE x.case_id = c.id) FROM cases c " JOIN \
	"WHERE c.kind = 'action' AND c.created_at >= ?1 AND c.created_at < ?2" SCOPE("c.hospital_id") \
	" ORDER BY c.id"
#define DECISIONS_SQL(KEY, JOIN) \
	"SELECT " KEY ", " SECONDS("(SELECT max(s.at) FROM case_timeline s WHERE s.case_id = c.id " \
	"AND s.type = 'transition' AND s.verb = 'submit' AND s.id < t.id)", "t.at") \
	" FROM cases c JOIN case_timeline t ON t.case_id = c.id AND t.type = 'transition' " \
	"AND t.verb IN ('approve', 'reject') " JOIN "WHERE c.kind = 'action' AND c.created_at >= ?1 " \
	"AND c.created_at < ?2" SCOPE("c.hospital_id") " ORDER BY 1"
#define ACTION_DIMS(M) \
	[PX_DIM_NONE] = M("''", ""), [PX_DIM_HOSPITAL] = M("h.code", J_HC), \
	[PX_DIM_DEPARTMENT] = M(K_D, J_OC), [PX_DIM_SOURCE] = M("c.source", ""), \
	[PX_DIM_STATE] = M("c.state", ""), [PX_DIM_TRIGGER] = M(TRIGGER, "")
static const char *const actions_sql[PX_DIM_NDIMS] = { ACTION_DIMS(ACTIONS_SQL) };
static const char *const decisions_sql[PX_DIM_NDIMS] = { ACTION_DIMS(DECISIONS_SQL) };

/*
 * Call-centre calls (px-contact call import), one row per call started in
 * [?1, ?2): its group key, rating, waiting and talking seconds.
 */
#define CALLS_SQL(KEY, JOIN) \
	"SELECT " KEY ", c.rating, c.wait_seconds, c.talk_seconds FROM calls c " JOIN \
	"WHERE c.started_at >= ?1 AND c.started_at < ?2" SCOPE("c.hospital_id") " ORDER BY c.id"
static const char *const calls_sql[PX_DIM_NDIMS] = {
	[PX_DIM_NONE] = CALLS_SQL("''", ""),
	[PX_DIM_HOSPITAL] = CALLS_SQL("h.code", J_HC),
	[PX_DIM_DEPARTMENT] = CALLS_SQL(K_D, J_DC),
	[PX_DIM_AGENT] = CALLS_SQL("coalesce(c.agent, '')", ""),
};

/* The states of an action (share/px/workflows/action), and the sources
 * one comes from: groups of --by state and --by source. */
static const char *const action_states[] = {
	"open", "in_progress", "pending_approval", "approved", "closed", "cancelled",
};
#define NASTATES (sizeof action_states / sizeof action_states[0])
static const char *const action_sources[] = {
	"survey", "complaint", "call", "report", "manual",
};
/* The categories of a root cause (cases/action.h), in its order. */
static const char *const cause_names[] = {
	"process", "people", "equipment", "communication", "policy", "environment", "technology",
};
#define NCAUSES (sizeof cause_names / sizeof cause_names[0])

/* The states of the complaint workflow (share/px/workflows/complaint),
 * in its order: each is a figure of the complaints report, and a group
 * of --by state. */
static const char *const complaint_states[] = {
	"open", "in_progress", "waiting", "partially_resolved", "resolved", "closed", "cancelled",
};
#define NSTATES (sizeof complaint_states / sizeof complaint_states[0])

/*
 * Service levels, one row per case opened in [?1, ?2), of every kind (the
 * policies decide in C which cases are watched): its group key, its row
 * id, what a policy matches (kind, hospital, source, severity, priority),
 * the state it is in now and when it last entered it (a case that has
 * ended is read as it was then), and the breaches and escalation levels
 * px-sla check marked on it by ?5, now.
 */
#define ENTERED \
	"(SELECT max(e.at) FROM case_timeline e WHERE e.case_id = c.id AND e.type = 'transition' " \
	"AND e.new_state = c.state)"
#define MARKS(cond) \
	"(SELECT count(*) FROM sla_marks m WHERE m.case_id = c.id AND m.made_at <= ?5 AND " cond ")"
#define SLA_SQL(KEY, JOIN) \
	"SELECT " KEY ", c.id, c.kind, h.code, c.source, c.severity, c.priority, c.state, " ENTERED \
	", " MARKS("m.mark = 'breach'") ", " MARKS("m.mark LIKE 'escalation:%'") " FROM cases c " \
	J_HC JOIN "WHERE c.created_at >= ?1 AND c.created_at < ?2" SCOPE("c.hospital_id") \
	" ORDER BY c.id"
static const char *const sla_sql[PX_DIM_NDIMS] = {
	[PX_DIM_NONE] = SLA_SQL("''", ""),
	[PX_DIM_HOSPITAL] = SLA_SQL("h.code", ""),
	[PX_DIM_DEPARTMENT] = SLA_SQL(K_D, "LEFT JOIN departments d ON d.id = c.department_id "),
	[PX_DIM_KIND] = SLA_SQL("c.kind", ""),
	[PX_DIM_SEVERITY] = SLA_SQL("c.severity", ""),
};

static const char *query_for(enum px_report_kind k, enum px_report_dim d)
{
	if (d == PX_DIM_QUESTION)
		return k == PX_REPORT_SCORES ? scores_question_sql : nps_question_sql;
	switch (k) {
	case PX_REPORT_SURVEYS: return surveys_sql[d];
	case PX_REPORT_SCORES: return scores_sql[d];
	case PX_REPORT_NPS: return nps_sql[d];
	case PX_REPORT_NEGATIVE: return negative_sql[d];
	case PX_REPORT_JOURNEYS: return journeys_sql[d];
	case PX_REPORT_NOTIFY: return notify_sql[d];
	case PX_REPORT_SUPPRESSED: return suppressed_sql[d];
	default: return NULL;
	}
}

/* Groups that get a row even without data: ?1 the hospital id, ?2 the
 * user id, as ?3 and ?4 above. */
static const char hospitals_sql[] =
	"SELECT h.code FROM hospitals h WHERE true" SCOPE_AT("h.id", "?1", "?2") " ORDER BY 1";
static const char departments_sql[] =
	"SELECT h.code || '/' || d.code FROM departments d JOIN hospitals h ON h.id = d.hospital_id "
	"WHERE true" SCOPE_AT("h.id", "?1", "?2") " ORDER BY 1";

/* ---------- rows ---------- */

#define NRAW 24
/* The negative report's contacts within their target: counted as the
 * contacts are read, after its query's eight figures. */
#define NEG_WITHIN 8

/* The durations a row's medians are of, in seconds: negative, the times
 * to contact (v[0]); complaints, to resolve (v[0]); sla, each clock's
 * time used (v[clock]). */
struct times {
	double *v[PX_SLA_CLOCKS];
	size_t n[PX_SLA_CLOCKS];
};

struct row {
	char *key, *sub1, *sub2;
	size_t seq;
	size_t rank;               /* the place of a group listed in its
	                            * dimension's order (1, 2...); 0: none */
	double v[NRAW], pv[NRAW];
	int have, phave;           /* data in this period, in the previous */
	struct times t, pt;        /* this period's, the previous one's */
};

struct rows {
	struct row *r;
	size_t n, cap;
};

static struct row *row_get(struct rows *rs, const char *key, const char *s1, const char *s2)
{
	for (size_t i = rs->n; i-- > 0;) {
		struct row *r = &rs->r[i];
		if (!strcmp(r->key, key) && !strcmp(r->sub1, s1) && !strcmp(r->sub2, s2))
			return r;
	}
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->r = px_xrealloc(rs->r, rs->cap * sizeof *rs->r);
	}
	struct row *r = &rs->r[rs->n];
	memset(r, 0, sizeof *r);
	r->key = px_xstrdup(key);
	r->sub1 = px_xstrdup(s1);
	r->sub2 = px_xstrdup(s2);
	r->seq = rs->n++;
	return r;
}

/* Rows of a group with no data at all are placeholders ('' sub-keys). */
static void rows_free(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->r[i].key);
		free(rs->r[i].sub1);
		free(rs->r[i].sub2);
		for (int j = 0; j < PX_SLA_CLOCKS; j++) {
			free(rs->r[i].t.v[j]);
			free(rs->r[i].pt.v[j]);
		}
	}
	free(rs->r);
	memset(rs, 0, sizeof *rs);
}

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The rows of a dimension whose groups have an order of their own
 * (sources, states, taxonomy nodes): the listed groups in that order,
 * then any other by key, then the null group ('' key). */
static int cmp_ranked(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (!*x->key != !*y->key)
		return *x->key ? -1 : 1;
	if (!x->rank != !y->rank)
		return x->rank ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return cmp_row(a, b);
}

/* A report resolved for one run: its options with the defaults filled,
 * the hospital's row id (0: every one in scope) and the user whose
 * hospitals bound the scope (0: every hospital, for a px_admin). */
struct query {
	struct px_report_opts o;
	int64_t hospital_id, user_id;
	struct px_taxonomy *tax;   /* complaints by a taxonomy level */
	struct sla_read *sla;      /* sla */
	struct px_sla_eval *contact; /* negative: the contact targets */
	int64_t target;            /* contact.target_hours, when no policy */
};

/* What the sla report reads once a run: the policies (which cases are
 * watched, and the kinds they watch), the clocks, and the workflows met
 * so far (which states end a case). */
struct sla_read {
	struct px_ctx *cx;
	struct px_sla_policies *ps;
	struct px_sla_eval *ev;
	struct px_workflow **wfs;
	int nwfs;
};

static void sla_read_free(struct sla_read *sr)
{
	if (!sr)
		return;
	px_sla_policies_free(sr->ps);
	px_sla_eval_free(sr->ev);
	for (int i = 0; i < sr->nwfs; i++)
		px_workflow_free(sr->wfs[i]);
	free(sr->wfs);
	free(sr);
}

static int sla_read_open(struct px_ctx *cx, struct sla_read **out, struct px_err *err)
{
	struct sla_read *sr = px_xcalloc(1, sizeof *sr);
	sr->cx = cx;
	int rc = px_sla_policies_open(cx, &sr->ps, err);
	if (!rc)
		rc = px_sla_eval_open(cx, &sr->ev, err);
	if (rc) {
		sla_read_free(sr);
		sr = NULL;
	}
	*out = sr;
	return rc;
}

/* Whether state is one that ends a case of kind (a final state of its
 * workflow): 1 or 0; -1 with err when the workflow cannot be read. */
static int sla_final(struct sla_read *sr, const char *kind, const char *state, struct px_err *err)
{
	const struct px_workflow *wf = NULL;
	for (int i = 0; i < sr->nwfs && !wf; i++)
		if (!strcmp(sr->wfs[i]->kind, kind))
			wf = sr->wfs[i];
	if (!wf) {
		struct px_workflow *w;
		if (px_case_workflow(sr->cx, kind, &w, err))
			return -1;
		sr->wfs = px_xrealloc(sr->wfs, (size_t)(sr->nwfs + 1) * sizeof *sr->wfs);
		sr->wfs[sr->nwfs++] = w;
		wf = w;
	}
	int st = px_workflow_state(wf, state);
	return st >= 0 && ((wf->final >> st) & 1u);
}

/* Binds ?1 to ?4 (a statement is given no parameter it does not have). */
static void bind_common(struct px_stmt *s, const struct query *q, int64_t from, int64_t to)
{
	char a[PX_TIME_UTC_LEN], b[PX_TIME_UTC_LEN];
	px_time_format_utc(from, a);
	px_time_format_utc(to, b);
	px_stmt_text(s, 1, from == INT64_MIN ? "" : a);
	px_stmt_text(s, 2, to == INT64_MAX ? "~" : b);
	if (q->hospital_id)
		px_stmt_int(s, 3, q->hospital_id);
	if (q->user_id)
		px_stmt_int(s, 4, q->user_id);
}

/* Where the rows of a query go: this period's slots or the previous;
 * level: the taxonomy level complaints are grouped by, or 0. */
struct sink {
	struct rows *rs;
	int prev;
	int level;
	const struct query *q;     /* the negative report's contact target */
	struct px_err *err;
};

static int add_figures(struct px_stmt *s, void *ctx)
{
	struct sink *k = ctx;
	struct row *r = row_get(k->rs, px_stmt_col_text(s, 0), px_stmt_col_text(s, 1),
				px_stmt_col_text(s, 2));
	int n = px_stmt_col_count(s) - 3;
	for (int i = 0; i < n && i < NRAW; i++)
		(k->prev ? r->pv : r->v)[i] = px_stmt_col_double(s, 3 + i);
	if (k->prev)
		r->phave = 1;
	else
		r->have = 1;
	return 0;
}

/* A duration into list i of the row's times. */
static void add_hour(struct row *r, int prev, int i, double secs)
{
	struct times *t = prev ? &r->pt : &r->t;
	t->v[i] = px_xrealloc(t->v[i], (t->n[i] + 1) * sizeof *t->v[i]);
	t->v[i][t->n[i]++] = secs;
}

/* One first contact: its time among the row's, and whether it came
 * within --within, else by the due time of the loop's contact clock
 * (its px-sla policy, in its calendar; contact.target_hours of the clock
 * when no policy watches it). */
static int add_contact(struct px_stmt *s, void *ctx)
{
	struct sink *k = ctx;
	struct row *r = row_get(k->rs, px_stmt_col_text(s, 0), "", "");
	double secs = px_stmt_col_double(s, 1);
	add_hour(r, k->prev, 0, secs);
	int within;
	int64_t done, first, due;
	if (k->q->o.within)
		within = secs <= (double)k->q->o.within;
	else if (px_time_parse(px_stmt_col_text(s, 4), &done) ||
		 px_time_parse(px_stmt_col_text(s, 5), &first))
		within = 0;
	else {
		int got = px_sla_eval_due(k->q->contact, "followup", px_stmt_col_int(s, 2),
					  px_stmt_col_text(s, 3), "survey", "response", done, &due,
					  NULL, k->err);
		if (got < 0)
			return k->err->code ? k->err->code : PX_ESTORE;
		if (!got)
			due = done + k->q->target;
		within = first <= due;
	}
	(k->prev ? r->pv : r->v)[NEG_WITHIN] += within;
	return 0;
}

/* A dotted code cut to its first level parts into buf: "2.1.2" at
 * level 2 is "2.1"; a code of fewer parts (or none) is "", the null
 * group: its node is above that level. */
static void cut_code(const char *code, int level, char *buf, size_t size)
{
	size_t i = 0;
	int parts = *code ? 1 : 0;
	for (; code[i]; i++)
		if (code[i] == '.' && ++parts > level)
			break;
	if (parts < level || i >= size)
		i = 0;
	memcpy(buf, code, i);
	buf[i] = '\0';
}

/* The raw figures of the complaints report, v[] of a row. */
enum {
	C_OPENED,
	C_STATE,                   /* C_STATE + i: in complaint_states[i] now */
	C_RESOLVED = C_STATE + NSTATES, /* ever reached resolved */
	C_REOPENED,
	C_SURVEYED,
	C_SATISFIED,
	C_UNANSWERED,
	C_NRAW,
};
_Static_assert(C_NRAW <= NRAW, "a row holds every raw figure of the complaints report");

/* One complaint into its group's figures. */
static int add_case(struct px_stmt *s, void *ctx)
{
	struct sink *k = ctx;
	const char *key = px_stmt_col_text(s, 0);
	char cut[PX_TAXON_CODE];
	if (k->level) {
		cut_code(key ? key : "", k->level, cut, sizeof cut);
		key = cut;
	}
	struct row *r = row_get(k->rs, key ? key : "", "", "");
	double *v = k->prev ? r->pv : r->v;
	v[C_OPENED]++;
	const char *state = px_stmt_col_text(s, 1);
	for (size_t i = 0; i < NSTATES; i++)
		if (state && !strcmp(state, complaint_states[i]))
			v[C_STATE + i]++;
	if (!px_stmt_col_isnull(s, 2)) {
		v[C_RESOLVED]++;
		add_hour(r, k->prev, 0, px_stmt_col_double(s, 2));
	}
	if (px_stmt_col_int(s, 3))
		v[C_REOPENED]++;
	const char *fields = px_stmt_col_text(s, 4);
	struct px_err err;
	px_err_clear(&err);
	struct px_rec *f = fields ? px_rec_parse(fields, strlen(fields), &err) : NULL;
	const char *verdict = f ? px_rec_get(f, "verdict") : NULL;
	if (verdict && (!strcmp(verdict, "satisfied") || !strcmp(verdict, "unsatisfied")))
		v[C_SURVEYED]++;
	if (verdict && !strcmp(verdict, "satisfied"))
		v[C_SATISFIED]++;
	if (verdict && !strcmp(verdict, "unanswered"))
		v[C_UNANSWERED]++;
	px_rec_free(f);
	if (k->prev)
		r->phave = 1;
	else
		r->have = 1;
	return 0;
}

/* The raw figures of the actions report, v[] of a row. */
enum {
	A_OPENED,
	A_STATE,                   /* A_STATE + i: in action_states[i] now */
	A_OVERDUE = A_STATE + NASTATES, /* not ended, marked breached */
	A_APPROVED,                /* approvals made */
	A_REJECTED,                /* rejections made */
	A_CAUSE,                   /* A_CAUSE + i: causes of cause_names[i] */
	A_NRAW = A_CAUSE + NCAUSES,
};
_Static_assert(A_NRAW <= NRAW, "a row holds every raw figure of the actions report");

/* One action into its group's figures; its days to close among the
 * row's first times. */
static int add_action(struct px_stmt *s, void *ctx)
{
	struct sink *k = ctx;
	struct row *r = row_get(k->rs, px_stmt_col_text(s, 0), "", "");
	double *v = k->prev ? r->pv : r->v;
	v[A_OPENED]++;
	const char *state = px_stmt_col_text(s, 1);
	int ended = 0;
	for (size_t i = 0; i < NASTATES; i++)
		if (state && !strcmp(state, action_states[i])) {
			v[A_STATE + i]++;
			ended = !strcmp(state, "closed") || !strcmp(state, "cancelled");
		}
	if (!px_stmt_col_isnull(s, 2))
		add_hour(r, k->prev, 0, px_stmt_col_double(s, 2));
	v[A_APPROVED] += (double)px_stmt_col_int(s, 3);
	v[A_REJECTED] += (double)px_stmt_col_int(s, 4);
	v[A_OVERDUE] += !ended && px_stmt_col_int(s, 5) > 0;
	const char *causes = px_stmt_col_text(s, 6);
	for (const char *p = causes ? causes : ""; *p;) {
		size_t n = strcspn(p, ",");
		for (size_t i = 0; i < NCAUSES; i++)
			if (strlen(cause_names[i]) == n && !strncmp(p, cause_names[i], n))
				v[A_CAUSE + i]++;
		p += n + (p[n] == ',');
	}
	if (k->prev)
		r->phave = 1;
	else
		r->have = 1;
	return 0;
}

/* The raw figures of the calls report, v[] of a row. */
enum { L_CALLS, L_RATED, L_RATING, L_LOW, L_NRAW };

/* One call into its group's figures; its waiting and talking seconds
 * among the row's first and second times. */
static int add_call(struct px_stmt *s, void *ctx)
{
	struct sink *k = ctx;
	struct row *r = row_get(k->rs, px_stmt_col_text(s, 0), "", "");
	double *v = k->prev ? r->pv : r->v;
	v[L_CALLS]++;
	if (!px_stmt_col_isnull(s, 1)) {
		long long rating = px_stmt_col_int(s, 1);
		v[L_RATED]++;
		v[L_RATING] += (double)rating;
		v[L_LOW] += rating <= 2;
	}
	for (int i = 0; i < 2; i++)
		if (!px_stmt_col_isnull(s, 2 + i))
			add_hour(r, k->prev, i, px_stmt_col_double(s, 2 + i));
	if (k->prev)
		r->phave = 1;
	else
		r->have = 1;
	return 0;
}

/* One approval or rejection's turnaround among the row's second times. */
static int add_decision(struct px_stmt *s, void *ctx)
{
	struct sink *k = ctx;
	if (px_stmt_col_isnull(s, 1))
		return 0;
	add_hour(row_get(k->rs, px_stmt_col_text(s, 0), "", ""), k->prev, 1,
		 px_stmt_col_double(s, 1));
	return 0;
}

/* Runs sql over [from, to) into the sink. */
static int walk(struct px_store *st, const struct query *q, const char *sql, int64_t from,
		int64_t to, int (*fn)(struct px_stmt *, void *), struct sink *k, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, sql, err);
	if (!s)
		return err->code;
	bind_common(s, q, from, to);
	return px_stmt_each(s, fn, k, err);
}

/* The raw figures of the sla report, v[] of a row. */
enum {
	S_CASES,
	S_CLOCK,                   /* S_CLOCK + 3 i: clock i's cases with a
	                            * target that started, + 1 met, + 2 breached */
	S_BREACHES = S_CLOCK + 3 * PX_SLA_CLOCKS,
	S_ESCALATIONS,
	S_OVERDUE,
	S_NRAW,
};
_Static_assert(S_NRAW <= NRAW, "a row holds every raw figure of the sla report");

/* A watched case as the sla query found it: its group, its row id, the
 * time its clocks are read at, whether it has ended, and its marks. */
struct sla_item {
	char *key;
	int64_t id, at;
	int ended;
	double breaches, escalations;
};

struct sla_walk {
	const struct query *q;
	struct sla_item *v;
	size_t n, cap;
	struct px_err *err;
};

/* One case of the query: kept when a policy watches it.  A case in a
 * state that ends it (closed, cancelled) is read as it was when it
 * entered that state: a clock its workflow left running then is neither
 * met nor overdue, nor breached unless its due time had come. */
static int sla_row(struct px_stmt *s, void *ctx)
{
	struct sla_walk *w = ctx;
	struct sla_read *sr = w->q->sla;
	const char *kind = px_stmt_col_text(s, 2), *state = px_stmt_col_text(s, 7);
	if (!px_sla_match(sr->ps, kind, px_stmt_col_text(s, 3), px_stmt_col_text(s, 4),
			  px_stmt_col_text(s, 5), px_stmt_col_text(s, 6)))
		return 0;
	int ended = sla_final(sr, kind, state, w->err);
	if (ended < 0)
		return w->err->code ? w->err->code : PX_EINPUT;
	int64_t at = w->q->o.now, entered;
	if (ended && !px_stmt_col_isnull(s, 8) && !px_time_parse(px_stmt_col_text(s, 8), &entered) &&
	    entered < at)
		at = entered;
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 64;
		w->v = px_xrealloc(w->v, w->cap * sizeof *w->v);
	}
	const char *key = px_stmt_col_text(s, 0);
	w->v[w->n++] = (struct sla_item){ px_xstrdup(key ? key : ""), px_stmt_col_int(s, 1), at,
					  ended, px_stmt_col_double(s, 9),
					  px_stmt_col_double(s, 10) };
	return 0;
}

/* One watched case's clocks into its group's figures. */
static int sla_add(const struct query *q, struct rows *rs, int prev, const struct sla_item *c,
		   struct px_err *err)
{
	struct px_sla_figure f[PX_SLA_CLOCKS];
	int rc = px_sla_eval_case(q->sla->ev, c->id, c->at, f, err);
	if (rc)
		return rc;
	struct row *r = row_get(rs, c->key, "", "");
	double *v = prev ? r->pv : r->v;
	int overdue = 0;
	v[S_CASES]++;
	for (int i = 0; i < PX_SLA_CLOCKS; i++) {
		if (!f[i].has)
			continue;
		v[S_CLOCK + 3 * i]++;
		v[S_CLOCK + 3 * i + 1] += f[i].met;
		v[S_CLOCK + 3 * i + 2] += f[i].breached;
		if (f[i].stopped)
			add_hour(r, prev, i, (double)f[i].used);
		/* running, or paused once its target was reached: what px-sla
		 * check escalates */
		overdue |= !c->ended && !f[i].stopped && f[i].breached;
	}
	v[S_BREACHES] += c->breaches;
	v[S_ESCALATIONS] += c->escalations;
	v[S_OVERDUE] += overdue;
	if (prev)
		r->phave = 1;
	else
		r->have = 1;
	return PX_OK;
}

/* The watched cases opened in [from, to), then their clocks (read once
 * the query is done, so that no statement stays open under them). */
static int sla_fetch(struct px_store *st, const struct query *q, int64_t from, int64_t to,
		     int prev, struct rows *rs, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, sla_sql[q->o.by], err);
	if (!s)
		return err->code;
	bind_common(s, q, from, to);
	char now[PX_TIME_UTC_LEN];
	px_time_format_utc(q->o.now, now);
	px_stmt_text(s, 5, now);
	struct sla_walk w = { q, NULL, 0, 0, err };
	int rc = px_stmt_each(s, sla_row, &w, err);
	for (size_t i = 0; i < w.n; i++) {
		if (!rc)
			rc = sla_add(q, rs, prev, &w.v[i], err);
		free(w.v[i].key);
	}
	free(w.v);
	return rc;
}

/* Runs the report's query over [from, to) into rs (prev: the previous
 * period's slots), and for the negative report the times to contact. */
static int fetch(struct px_store *st, const struct query *q, int64_t from, int64_t to, int prev,
		 struct rows *rs, struct px_err *err)
{
	struct sink k = { rs, prev, px_report_dim_level(q->o.by), q, err };
	if (q->o.kind == PX_REPORT_COMPLAINTS)
		return walk(st, q, complaints_sql[q->o.by], from, to, add_case, &k, err);
	if (q->o.kind == PX_REPORT_SLA)
		return sla_fetch(st, q, from, to, prev, rs, err);
	if (q->o.kind == PX_REPORT_CALLS)
		return walk(st, q, calls_sql[q->o.by], from, to, add_call, &k, err);
	if (q->o.kind == PX_REPORT_ACTIONS) {
		int rc = walk(st, q, actions_sql[q->o.by], from, to, add_action, &k, err);
		return rc ? rc : walk(st, q, decisions_sql[q->o.by], from, to, add_decision, &k, err);
	}
	int rc = walk(st, q, query_for(q->o.kind, q->o.by), from, to, add_figures, &k, err);
	if (rc || q->o.kind != PX_REPORT_NEGATIVE)
		return rc;
	return walk(st, q, contact_sql[q->o.by], from, to, add_contact, &k, err);
}

static int add_group(struct px_stmt *s, void *ctx)
{
	struct sink *k = ctx;
	row_get(k->rs, px_stmt_col_text(s, 0), "", "");
	return 0;
}

/* The groups that get a row even without data: the one group, every
 * channel, source, state, taxonomy node of the level, kind a policy
 * watches or severity, the hospitals or departments in scope. */
static int fill_groups(struct px_store *st, const struct query *q, struct rows *rs,
		       struct px_err *err)
{
	struct sink k = { rs, 0, 0 };
	size_t rank = 0;
	switch (q->o.by) {
	case PX_DIM_NONE:
		row_get(rs, "", "", "");
		return PX_OK;
	case PX_DIM_CHANNEL:
		for (int i = 0; i < PX_CH_COUNT; i++)
			row_get(rs, px_channel_name(i), "", "");
		return PX_OK;
	case PX_DIM_SOURCE:
		if (q->o.kind == PX_REPORT_ACTIONS) {
			for (size_t i = 0; i < sizeof action_sources / sizeof *action_sources; i++)
				row_get(rs, action_sources[i], "", "")->rank = i + 1;
			return PX_OK;
		}
		for (const char *src; (src = px_complaint_source((int)rank));)
			row_get(rs, src, "", "")->rank = ++rank;
		return PX_OK;
	case PX_DIM_STATE:
		if (q->o.kind == PX_REPORT_ACTIONS) {
			for (size_t i = 0; i < NASTATES; i++)
				row_get(rs, action_states[i], "", "")->rank = i + 1;
			return PX_OK;
		}
		for (size_t i = 0; i < NSTATES; i++)
			row_get(rs, complaint_states[i], "", "")->rank = i + 1;
		return PX_OK;
	case PX_DIM_DOMAIN:
	case PX_DIM_CATEGORY:
	case PX_DIM_SUBCATEGORY:
	case PX_DIM_CLASSIFICATION:
		for (int i = 0; q->tax && i < q->tax->n; i++)
			if (q->tax->nodes[i].level == px_report_dim_level(q->o.by))
				row_get(rs, q->tax->nodes[i].code, "", "")->rank = ++rank;
		return PX_OK;
	case PX_DIM_KIND:
		/* the kinds the policies watch, in the file's order */
		for (int i = 0; q->sla && i < q->sla->ps->n; i++) {
			struct row *r = row_get(rs, q->sla->ps->p[i].kind, "", "");
			if (!r->rank)
				r->rank = ++rank;
		}
		return PX_OK;
	case PX_DIM_SEVERITY:
		for (const char *sev; (sev = px_case_severity((int)rank));)
			row_get(rs, sev, "", "")->rank = ++rank;
		return PX_OK;
	case PX_DIM_HOSPITAL:
	case PX_DIM_DEPARTMENT:
		break;
	default:
		return PX_OK;
	}
	struct px_stmt *s = px_stmt_prepare(st, q->o.by == PX_DIM_HOSPITAL ? hospitals_sql
									  : departments_sql, err);
	if (!s)
		return err->code;
	if (q->hospital_id)
		px_stmt_int(s, 1, q->hospital_id);
	if (q->user_id)
		px_stmt_int(s, 2, q->user_id);
	return px_stmt_each(s, add_group, &k, err);
}

/* ---------- records ---------- */

static void set_rate(struct px_rec *r, const char *key, double num, double den)
{
	if (den > 0)
		px_rec_set_num(r, key, px_report_round(100 * num / den, 1));
	else
		px_rec_set_null(r, key);
}

static void set_count(struct px_rec *r, const char *key, double v)
{
	px_rec_set_int(r, key, (long long)llround(v));
}

/* The median of secs (sorted in place) in hours, null when there are none. */
static void set_median_hours(struct px_rec *r, const char *key, double *secs, size_t n)
{
	double med;
	if (!px_report_median(secs, n, &med))
		px_rec_set_num(r, key, px_report_round(med / 3600, 1));
	else
		px_rec_set_null(r, key);
}

/* The figures of one row from its raw values, by report. */
static void finish_surveys(const double *v, struct px_rec *r)
{
	set_count(r, "sent", v[0]);
	set_count(r, "delivered", v[1]);
	set_count(r, "opened", v[2]);
	set_count(r, "started", v[3]);
	set_count(r, "completed", v[4]);
	set_count(r, "abandoned", v[5]);
	set_rate(r, "delivery_rate", v[1], v[0]);
	set_rate(r, "open_rate", v[2], v[0]);
	set_rate(r, "response_rate", v[4], v[0]);
	set_rate(r, "abandonment_rate", v[5], v[3]);
}

static void finish_scores(const double *v, struct px_rec *r)
{
	set_count(r, "responses", v[0]);
	if (v[0] > 0)
		px_rec_set_num(r, "mean", px_report_round(100 * v[1] / v[0], 1));
	else
		px_rec_set_null(r, "mean");
	for (int i = 0; i < 5; i++) {
		char key[16];
		snprintf(key, sizeof key, "band_%d", i + 1);
		set_count(r, key, v[2 + i]);
	}
}

static void finish_nps(const double *v, struct px_rec *r)
{
	struct px_nps n;
	int ok = !px_report_nps(llround(v[0]), llround(v[1]), llround(v[2]), &n);
	set_count(r, "n", (double)n.n);
	set_count(r, "promoters", v[0]);
	set_count(r, "passives", v[1]);
	set_count(r, "detractors", v[2]);
	if (ok) {
		px_rec_set_num(r, "nps", px_report_round(n.nps, 1));
		px_rec_set_num(r, "nps_low", px_report_round(n.low, 1));
		px_rec_set_num(r, "nps_high", px_report_round(n.high, 1));
	} else {
		px_rec_set_null(r, "nps");
		px_rec_set_null(r, "nps_low");
		px_rec_set_null(r, "nps_high");
	}
}

static void finish_negative(const double *v, double *hours, size_t nhours, struct px_rec *r)
{
	set_count(r, "completed", v[0]);
	set_count(r, "negatives", v[1]);
	set_rate(r, "negative_rate", v[1], v[0]);
	set_count(r, "awaiting_contact", v[3]);
	set_count(r, "contacted", v[2]);
	set_count(r, "contacted_within", v[NEG_WITHIN]);
	set_rate(r, "contacted_within_rate", v[NEG_WITHIN], v[1]);
	set_median_hours(r, "median_hours_to_contact", hours, nhours);
	set_count(r, "satisfied", v[4]);
	set_count(r, "not_satisfied", v[5]);
	set_count(r, "closed", v[6]);
	set_count(r, "escalated", v[7]);
	set_rate(r, "closed_rate", v[6], v[1]);
}

static void finish_notify(const double *v, struct px_rec *r)
{
	set_count(r, "messages", v[0]);
	set_count(r, "sent", v[1]);
	set_count(r, "delivered", v[2]);
	set_count(r, "failed", v[3]);
	set_count(r, "suppressed", v[4]);
	set_count(r, "pending", v[5]);
	set_rate(r, "delivery_rate", v[1] + v[2], v[0] - v[4] - v[5]);
	set_rate(r, "failure_rate", v[3], v[0] - v[4] - v[5]);
}

static void finish_complaints(const double *v, double *hours, size_t nhours, struct px_rec *r)
{
	set_count(r, "opened", v[C_OPENED]);
	for (size_t i = 0; i < NSTATES; i++)
		set_count(r, complaint_states[i], v[C_STATE + i]);
	set_count(r, "ever_resolved", v[C_RESOLVED]);
	set_median_hours(r, "median_hours_to_resolve", hours, nhours);
	set_count(r, "reopened", v[C_REOPENED]);
	set_rate(r, "reopen_rate", v[C_REOPENED], v[C_RESOLVED]);
	set_count(r, "surveyed", v[C_SURVEYED]);
	set_count(r, "satisfied", v[C_SATISFIED]);
	set_rate(r, "satisfaction_rate", v[C_SATISFIED], v[C_SURVEYED]);
	set_count(r, "unanswered", v[C_UNANSWERED]);
}

/* Per clock NAME: NAME_due, NAME_met, NAME_breached, NAME_compliance (met
 * of those decided) and median_NAME_hours (the time used by those that
 * stopped); then the marks and the cases overdue now. */
static void finish_sla(const double *v, struct times *t, struct px_rec *r)
{
	set_count(r, "cases", v[S_CASES]);
	for (int i = 0; i < PX_SLA_CLOCKS; i++) {
		const char *clock = px_sla_clock_name(i);
		const double *c = v + S_CLOCK + 3 * i;
		char key[64];
		snprintf(key, sizeof key, "%s_due", clock);
		set_count(r, key, c[0]);
		snprintf(key, sizeof key, "%s_met", clock);
		set_count(r, key, c[1]);
		snprintf(key, sizeof key, "%s_breached", clock);
		set_count(r, key, c[2]);
		snprintf(key, sizeof key, "%s_compliance", clock);
		set_rate(r, key, c[1], c[1] + c[2]);
		snprintf(key, sizeof key, "median_%s_hours", clock);
		set_median_hours(r, key, t->v[i], t->n[i]);
	}
	set_count(r, "breaches", v[S_BREACHES]);
	set_count(r, "escalations", v[S_ESCALATIONS]);
	set_count(r, "open_overdue", v[S_OVERDUE]);
}

/* The counts by state, the overdue, the median days to close and hours
 * to decide on a submission, the rejection rate, the root causes by
 * category and the most frequent one. */
static void finish_actions(const double *v, struct times *t, struct px_rec *r)
{
	set_count(r, "opened", v[A_OPENED]);
	for (size_t i = 0; i < NASTATES; i++)
		set_count(r, action_states[i], v[A_STATE + i]);
	set_count(r, "overdue", v[A_OVERDUE]);
	double median;
	if (t->n[0] && !px_report_median(t->v[0], t->n[0], &median))
		px_rec_set_num(r, "median_days_to_close", px_report_round(median / 86400, 1));
	else
		px_rec_set_null(r, "median_days_to_close");
	set_count(r, "approved_decisions", v[A_APPROVED]);
	set_count(r, "rejected_decisions", v[A_REJECTED]);
	set_rate(r, "rejection_rate", v[A_REJECTED], v[A_APPROVED] + v[A_REJECTED]);
	set_median_hours(r, "median_hours_to_decide", t->v[1], t->n[1]);
	size_t top = 0;
	double causes = 0;
	for (size_t i = 0; i < NCAUSES; i++) {
		char key[40];
		snprintf(key, sizeof key, "cause_%s", cause_names[i]);
		set_count(r, key, v[A_CAUSE + i]);
		causes += v[A_CAUSE + i];
		if (v[A_CAUSE + i] > v[A_CAUSE + top])
			top = i;
	}
	if (causes)
		px_rec_set_str(r, "top_cause", cause_names[top]);
	else
		px_rec_set_null(r, "top_cause");
}

/* The median of the seconds, whole, or null. */
static void set_median_seconds(struct px_rec *r, const char *key, double *v, size_t n)
{
	double m;
	if (n && !px_report_median(v, n, &m))
		px_rec_set_int(r, key, llround(m));
	else
		px_rec_set_null(r, key);
}

static void finish_calls(const double *v, struct times *t, struct px_rec *r)
{
	set_count(r, "calls", v[L_CALLS]);
	set_count(r, "rated", v[L_RATED]);
	if (v[L_RATED])
		px_rec_set_num(r, "mean_rating", px_report_round(v[L_RATING] / v[L_RATED], 2));
	else
		px_rec_set_null(r, "mean_rating");
	set_count(r, "rated_low", v[L_LOW]);
	set_rate(r, "low_rating_rate", v[L_LOW], v[L_RATED]);
	set_median_seconds(r, "median_wait_seconds", t->v[0], t->n[0]);
	set_median_seconds(r, "median_talk_seconds", t->v[1], t->n[1]);
}

static void finish(enum px_report_kind k, const double *v, struct times *t, struct px_rec *r)
{
	switch (k) {
	case PX_REPORT_SURVEYS:
		finish_surveys(v, r);
		break;
	case PX_REPORT_SCORES:
		finish_scores(v, r);
		break;
	case PX_REPORT_NPS:
		finish_nps(v, r);
		break;
	case PX_REPORT_NEGATIVE:
		finish_negative(v, t->v[0], t->n[0], r);
		break;
	case PX_REPORT_JOURNEYS:
		set_count(r, "journeys", v[0]);
		set_count(r, "completed", v[1]);
		set_rate(r, "completion_rate", v[1], v[0]);
		break;
	case PX_REPORT_NOTIFY:
		finish_notify(v, r);
		break;
	case PX_REPORT_SUPPRESSED:
		set_count(r, "suppressed", v[0]);
		set_count(r, "due", v[1]);
		set_rate(r, "share", v[0], v[1]);
		break;
	case PX_REPORT_COMPLAINTS:
		finish_complaints(v, t->v[0], t->n[0], r);
		break;
	case PX_REPORT_SLA:
		finish_sla(v, t, r);
		break;
	case PX_REPORT_ACTIONS:
		finish_actions(v, t, r);
		break;
	case PX_REPORT_CALLS:
		finish_calls(v, t, r);
		break;
	default:
		break;
	}
}

/* The figures --compare repeats for the previous period; counts are
 * integers, the rest one-decimal numbers. */
struct cmp_field {
	const char *name;
	int count;
};
static const struct cmp_field compared[PX_REPORT_NKINDS][5] = {
	[PX_REPORT_SURVEYS] = { { "sent", 1 }, { "completed", 1 }, { "response_rate", 0 } },
	[PX_REPORT_SCORES] = { { "responses", 1 }, { "mean", 0 } },
	[PX_REPORT_NPS] = { { "n", 1 }, { "nps", 0 } },
	[PX_REPORT_NEGATIVE] = { { "negatives", 1 }, { "negative_rate", 0 },
				 { "contacted_within_rate", 0 }, { "median_hours_to_contact", 0 } },
	[PX_REPORT_JOURNEYS] = { { "completion_rate", 0 } },
	[PX_REPORT_NOTIFY] = { { "delivery_rate", 0 }, { "failure_rate", 0 } },
	[PX_REPORT_SUPPRESSED] = { { "suppressed", 1 } },
	[PX_REPORT_COMPLAINTS] = { { "opened", 1 }, { "median_hours_to_resolve", 0 },
				   { "reopen_rate", 0 }, { "satisfaction_rate", 0 } },
	[PX_REPORT_SLA] = { { "response_compliance", 0 }, { "median_response_hours", 0 },
			    { "resolution_compliance", 0 }, { "median_resolution_hours", 0 } },
	[PX_REPORT_ACTIONS] = { { "opened", 1 }, { "overdue", 1 }, { "median_days_to_close", 0 },
				{ "rejection_rate", 0 } },
	[PX_REPORT_CALLS] = { { "calls", 1 }, { "mean_rating", 0 }, { "low_rating_rate", 0 } },
};

/* Adds NAME_prev and NAME_delta for each compared figure. */
static void add_compare(enum px_report_kind k, struct px_rec *r, const struct px_rec *p)
{
	for (int i = 0; compared[k][i].name; i++) {
		const char *f = compared[k][i].name;
		int count = compared[k][i].count;
		char kp[64], kd[64];
		snprintf(kp, sizeof kp, "%s_prev", f);
		snprintf(kd, sizeof kd, "%s_delta", f);
		double a, b;
		int ha = !px_rec_get_num(r, f, &a), hb = !px_rec_get_num(p, f, &b);
		if (!hb)
			px_rec_set_null(r, kp);
		else if (count)
			px_rec_set_int(r, kp, llround(b));
		else
			px_rec_set_num(r, kp, b);
		if (!ha || !hb)
			px_rec_set_null(r, kd);
		else if (count)
			px_rec_set_int(r, kd, llround(a - b));
		else
			px_rec_set_num(r, kd, px_report_round(a - b, 1));
	}
}

static void set_local(struct px_rec *r, const char *key, int64_t t)
{
	if (t == INT64_MIN || t == INT64_MAX) {
		px_rec_set_null(r, key);
		return;
	}
	char buf[PX_TIME_LOCAL_LEN];
	px_time_format_local(t, buf);
	px_rec_set_str(r, key, buf);
}

/* The group and sub-keys of a row: its dimension's field (and by a
 * taxonomy level, the node's code, null for the complaints classified
 * above that level or not at all, and its name), and the journey and
 * stage or the reason of the reports that have sub-rows. */
static void set_keys(const struct query *q, const struct row *w, struct px_rec *r)
{
	const struct px_report_opts *o = &q->o;
	const char *df = px_report_dim_field(o->by);
	if (px_report_dim_level(o->by)) {
		const struct px_taxon *x = *w->key && q->tax ? px_taxonomy_find(q->tax, w->key) : NULL;
		px_rec_set_str(r, df, *w->key ? w->key : NULL);
		px_rec_set_str(r, "name", x ? px_taxon_name(x, o->lang) : NULL);
	} else if (df) {
		px_rec_set_str(r, df, w->key);
	}
	if (o->kind == PX_REPORT_JOURNEYS) {
		px_rec_set_str(r, "journey", *w->sub1 ? w->sub1 : NULL);
		px_rec_set_str(r, "stage", *w->sub1 ? w->sub2 : NULL);
	} else if (o->kind == PX_REPORT_SUPPRESSED) {
		px_rec_set_str(r, "reason", *w->sub1 ? w->sub1 : NULL);
	}
}

static int emit_rows(const struct query *q, struct rows *rs, int64_t from, int64_t to,
		     const char *label, int (*fn)(struct px_rec *, void *), void *ctx)
{
	const struct px_report_opts *o = &q->o;
	int ranked = o->by == PX_DIM_SOURCE || o->by == PX_DIM_STATE || o->by == PX_DIM_KIND ||
		     o->by == PX_DIM_SEVERITY || px_report_dim_level(o->by);
	if (rs->n)
		qsort(rs->r, rs->n, sizeof *rs->r, ranked ? cmp_ranked : cmp_row);
	char type[32];
	snprintf(type, sizeof type, "report.%s", kind_names[o->kind]);
	for (size_t i = 0; i < rs->n; i++) {
		struct row *w = &rs->r[i];
		/* a placeholder of a group that has sub-rows with data */
		int sub = o->kind == PX_REPORT_JOURNEYS || o->kind == PX_REPORT_SUPPRESSED;
		if (sub && !*w->sub1 && ((i + 1 < rs->n && !strcmp(rs->r[i + 1].key, w->key)) ||
					 (i > 0 && !strcmp(rs->r[i - 1].key, w->key))))
			continue;
		struct px_rec *r = px_rec_new(type);
		if (label)
			px_rec_set_str(r, "period", label);
		set_local(r, "from", from);
		set_local(r, "to", to);
		set_keys(q, w, r);
		finish(o->kind, w->v, &w->t, r);
		if (o->compare) {
			struct px_rec *p = px_rec_new(type);
			finish(o->kind, w->pv, &w->pt, p);
			add_compare(o->kind, r, p);
			px_rec_free(p);
		}
		px_rec_set_bool(r, "low_n", sample(o->kind, w->v) < (double)o->min_n);
		px_rec_set_bool(r, "partial", to == INT64_MAX || to > o->now);
		int stop = fn(r, ctx);
		px_rec_free(r);
		if (stop)
			return stop;
	}
	return 0;
}

/* ---------- running ---------- */

int px_report_check(const struct px_report_opts *o, struct px_err *err)
{
	if (!px_report_dim_ok(o->kind, o->by))
		return px_fail(err, PX_EUSAGE, "the %s report cannot be grouped by %s",
			       kind_names[o->kind], dim_names[o->by]);
	if (o->has_since && o->has_until && o->until <= o->since)
		return px_fail(err, PX_EUSAGE, "--until must come after --since");
	if (o->period == PX_PERIOD_NONE && o->compare && !o->has_since)
		return px_fail(err, PX_EUSAGE, "--compare needs --period or --since");
	if (o->list && o->kind != PX_REPORT_SUPPRESSED)
		return px_fail(err, PX_EUSAGE, "--list applies to the suppressed report");
	if (o->list && (o->by || o->period || o->compare))
		return px_fail(err, PX_EUSAGE, "--list takes no --by, --period or --compare");
	return PX_OK;
}

int px_report_window(struct px_ctx *cx, struct px_report_opts *o, struct px_err *err)
{
	int rc = px_report_check(o, err);
	if (rc)
		return rc;
	int64_t now = px_now(cx);
	if (o->period == PX_PERIOD_NONE) {
		if (!o->has_since)
			o->since = INT64_MIN;
		if (!o->has_until)
			o->until = o->compare ? now : INT64_MAX;
	} else {
		int64_t cur = px_report_period_start(o->period, now);
		if (!o->has_until)
			o->until = px_report_period_add(o->period, cur, 1);
		if (!o->has_since)
			o->since = px_report_period_add(o->period,
							px_report_period_start(o->period, o->until - 1), -11);
	}
	o->has_since = o->has_until = 1;
	o->now = now;
	if (px_config_int(cx->cfg, "report.min_n", PX_REPORT_MIN_N, 0, 1000000000, &o->min_n, err))
		return err->code ? err->code : PX_EINPUT;
	return PX_OK;
}

int px_report_contact_target(struct px_ctx *cx, const char *hospital, int64_t *seconds,
			     int *business, struct px_err *err)
{
	struct px_sla_policies *ps;
	int rc = px_sla_policies_open(cx, &ps, err);
	if (rc)
		return rc;
	const struct px_sla_policy *p = px_sla_match(ps, "followup", hospital ? hospital : "",
						     "survey", "medium", "medium");
	*seconds = px_config_num(cx->cfg, "contact.target_hours") * 3600;
	*business = 0;
	if (p && p->response.seconds) {
		*seconds = p->response.seconds;
		*business = p->response.business;
	}
	px_sla_policies_free(ps);
	return PX_OK;
}

/* The window filled and the acting user checked: a viewer or above of
 * the hospital asked for, else of any; the complaint taxonomy read when
 * the report groups by one of its levels, the service-level policies
 * for the sla report (free q with query_free). */
static int resolve(struct px_ctx *cx, const struct px_report_opts *o, struct query *q,
		   struct px_err *err)
{
	memset(q, 0, sizeof *q);
	q->o = *o;
	int rc = px_report_window(cx, &q->o, err);
	if (rc)
		return rc;
	if (o->hospital)
		rc = px_org_hospital(cx, o->hospital, PX_ROLE_VIEWER, "read reports", &q->hospital_id,
				     err);
	else if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "read reports", err))
		rc = PX_EPERM;
	q->user_id = cx->actor->role == PX_ROLE_PX_ADMIN ? 0 : cx->actor->id;
	if (!rc && px_report_dim_level(o->by))
		rc = px_taxonomy_open(cx, &q->tax, err);
	if (!rc && o->kind == PX_REPORT_SLA)
		rc = sla_read_open(cx, &q->sla, err);
	if (!rc && o->kind == PX_REPORT_NEGATIVE && !q->o.within) {
		q->target = px_config_num(cx->cfg, "contact.target_hours") * 3600;
		rc = px_sla_eval_open(cx, &q->contact, err);
	}
	return rc;
}

static void query_free(struct query *q)
{
	px_taxonomy_free(q->tax);
	q->tax = NULL;
	sla_read_free(q->sla);
	q->sla = NULL;
	px_sla_eval_free(q->contact);
	q->contact = NULL;
}

/* The rows of one period [start, end) clipped to the window, with the
 * previous period's figures under --compare. */
static int run_period(struct px_store *st, const struct query *q, int64_t start, int64_t end,
		      int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err)
{
	const struct px_report_opts *o = &q->o;
	int64_t from = start > o->since ? start : o->since;
	int64_t to = end < o->until ? end : o->until;
	struct rows rs = { 0 };
	int rc = fill_groups(st, q, &rs, err);
	if (!rc)
		rc = fetch(st, q, from, to, 0, &rs, err);
	if (!rc && o->compare) {
		int64_t pf = o->period ? px_report_period_add(o->period, start, -1)
				       : o->since - (o->until - o->since);
		rc = fetch(st, q, pf, o->period ? start : o->since, 1, &rs, err);
	}
	char label[32];
	if (o->period)
		px_report_period_label(o->period, start, label, sizeof label);
	if (!rc)
		rc = emit_rows(q, &rs, from, to, o->period ? label : NULL, fn, ctx);
	rows_free(&rs);
	return rc;
}

struct list_ctx {
	int (*fn)(struct px_rec *r, void *ctx);
	void *ctx;
};

static int list_row(struct px_stmt *s, void *ctx)
{
	struct list_ctx *l = ctx;
	struct px_rec *r = px_stmt_rec(s, "report.suppression", NULL);
	int stop = l->fn(r, l->ctx);
	px_rec_free(r);
	return stop;
}

/* Each survey not sent in the window, with its reason's code and words. */
static int run_list(struct px_store *st, const struct query *q,
		    int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, suppressed_list_sql, err);
	if (!s)
		return err->code;
	bind_common(s, q, q->o.since, q->o.until);
	px_stmt_text(s, 5, px_time_zone());
	struct list_ctx l = { fn, ctx };
	return px_stmt_each(s, list_row, &l, err);
}

/* The latest survey sent or completed before ?1, in scope (?2 the
 * hospital id, ?3 the user id). */
#define SCOPE_LATEST SCOPE_AT("s.hospital_id", "?2", "?3")
static const char latest_sql[] =
	"SELECT max(t) FROM (SELECT max(s.sent_at) AS t FROM surveys s WHERE s.sent_at < ?1"
	SCOPE_LATEST " UNION ALL SELECT max(s.completed_at) FROM surveys s "
	"WHERE s.completed_at < ?1" SCOPE_LATEST ") AS v";

int px_report_latest(struct px_ctx *cx, const struct px_report_opts *o, int64_t before,
		     int64_t *at, struct px_err *err)
{
	struct query q;
	int rc = resolve(cx, o, &q, err);
	query_free(&q);
	if (rc)
		return -rc;
	struct px_stmt *s = px_stmt_prepare(cx->st, latest_sql, err);
	if (!s)
		return -err->code;
	char b[PX_TIME_UTC_LEN];
	px_time_format_utc(before, b);
	px_stmt_text(s, 1, b);
	if (q.hospital_id)
		px_stmt_int(s, 2, q.hospital_id);
	if (q.user_id)
		px_stmt_int(s, 3, q.user_id);
	rc = px_stmt_step(s, err);
	int found = rc == 1 && !px_stmt_col_isnull(s, 0) && !px_time_parse(px_stmt_col_text(s, 0), at);
	px_stmt_reset(s);
	return rc < 0 ? -err->code : found;
}

/* The names of the groups: ?1 the hospital id, ?2 the user id. */
static const char names_sql[] =
	"SELECT f, k, en, ar FROM ("
	"SELECT 1 AS o, 'hospital' AS f, h.code AS k, h.name AS en, h.name_ar AS ar "
	"FROM hospitals h WHERE true" SCOPE_AT("h.id", "?1", "?2") " UNION ALL "
	"SELECT 2, 'department', h.code || '/' || d.code, d.name, d.name_ar FROM departments d "
	"JOIN hospitals h ON h.id = d.hospital_id WHERE true" SCOPE_AT("h.id", "?1", "?2") " UNION ALL "
	"SELECT 3, 'template', t.name, t.title, t.title_ar FROM survey_templates t "
	"WHERE t.current = 1 UNION ALL "
	"SELECT 4, 'question', t.name || ':' || q.code, q.text, q.text_ar FROM survey_questions q "
	"JOIN survey_templates t ON t.id = q.template_id WHERE t.current = 1) AS v ORDER BY o, k";

struct names_ctx {
	int (*fn)(const char *, const char *, const char *, const char *, void *);
	void *ctx;
};

/* The nodes of the taxonomy level q groups by. */
static int taxon_names(const struct query *q, struct names_ctx *n)
{
	int level = px_report_dim_level(q->o.by), rc = 0;
	for (int i = 0; q->tax && i < q->tax->n && !rc; i++) {
		const struct px_taxon *x = &q->tax->nodes[i];
		if (x->level == level)
			rc = n->fn(px_report_dim_field(q->o.by), x->code, x->en, x->ar, n->ctx);
	}
	return rc;
}

static int name_row(struct px_stmt *s, void *ctx)
{
	struct names_ctx *n = ctx;
	return n->fn(px_stmt_col_text(s, 0), px_stmt_col_text(s, 1), px_stmt_col_text(s, 2),
		     px_stmt_col_isnull(s, 3) ? NULL : px_stmt_col_text(s, 3), n->ctx);
}

int px_report_names(struct px_ctx *cx, const struct px_report_opts *o,
		    int (*fn)(const char *field, const char *key, const char *en, const char *ar,
			      void *ctx),
		    void *ctx, struct px_err *err)
{
	struct query q;
	int rc = resolve(cx, o, &q, err);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st, names_sql, err);
	if (!rc && !s)
		rc = err->code;
	if (rc) {
		query_free(&q);
		return rc;
	}
	if (q.hospital_id)
		px_stmt_int(s, 1, q.hospital_id);
	if (q.user_id)
		px_stmt_int(s, 2, q.user_id);
	struct names_ctx n = { fn, ctx };
	rc = px_stmt_each(s, name_row, &n, err);
	if (!rc)
		rc = taxon_names(&q, &n);
	query_free(&q);
	return rc;
}

int px_report_each(struct px_ctx *cx, const struct px_report_opts *opts,
		   int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err)
{
	struct query q;
	int rc = resolve(cx, opts, &q, err);
	if (rc) {
		query_free(&q);
		return rc;
	}
	const struct px_report_opts *o = &q.o;
	if (o->list) {
		rc = run_list(cx->st, &q, fn, ctx, err);
		query_free(&q);
		return rc;
	}
	int64_t start = o->period ? px_report_period_start(o->period, o->since) : o->since;
	for (int guard = 0; start < o->until && guard < 100000 && !rc; guard++) {
		int64_t end = o->period ? px_report_period_add(o->period, start, 1) : o->until;
		rc = run_period(cx->st, &q, start, end, fn, ctx, err);
		if (!o->period)
			break;
		start = end;
	}
	query_free(&q);
	return rc;
}

struct emit_ctx {
	struct px_ctx *cx;
	struct px_err *err;
};

static int emit_one(struct px_rec *r, void *ctx)
{
	struct emit_ctx *e = ctx;
	return px_emit(e->cx, r, e->err);
}

int px_report_run(struct px_ctx *cx, const struct px_report_opts *o, struct px_err *err)
{
	struct emit_ctx e = { cx, err };
	return px_report_each(cx, o, emit_one, &e, err);
}
