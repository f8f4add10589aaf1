/* chart.c - the HTML report page and its inline SVG charts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/chart.h"
#include "base/banned.h"

void px_recs_add(struct px_recs *l, const struct px_rec *r)
{
	char *text = px_rec_dump(r);
	struct px_err err;
	px_err_clear(&err);
	struct px_rec *c = px_rec_parse(text, strlen(text), &err);
	free(text);
	if (!c)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->r = px_xrealloc(l->r, l->cap * sizeof *l->r);
	}
	l->r[l->n++] = c;
}

void px_recs_free(struct px_recs *l)
{
	for (size_t i = 0; i < l->n; i++)
		px_rec_free(l->r[i]);
	free(l->r);
	memset(l, 0, sizeof *l);
}

/* ---------- names ---------- */

void px_names_add(struct px_names *m, const char *field, const char *key, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].field, field) && !strcmp(m->v[i].key, key)) {
			free(m->v[i].name);
			m->v[i].name = px_xstrdup(name);
			return;
		}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = px_xrealloc(m->v, m->cap * sizeof *m->v);
	}
	m->v[m->n].field = px_xstrdup(field);
	m->v[m->n].key = px_xstrdup(key);
	m->v[m->n].name = px_xstrdup(name);
	m->n++;
}

const char *px_names_get(const struct px_names *m, const char *field, const char *key)
{
	for (size_t i = 0; m && field && key && i < m->n; i++)
		if (!strcmp(m->v[i].field, field) && !strcmp(m->v[i].key, key))
			return m->v[i].name;
	return NULL;
}

void px_names_free(struct px_names *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].field);
		free(m->v[i].key);
		free(m->v[i].name);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* ---------- labels ---------- */

/* Field names, titles and codes: the English label when it is not the
 * key itself (underscores shown as spaces), and the Arabic one.  Codes
 * are "channel:sms", "reason:fatigue"; titles of reports "report:nps". */
static const char *const labels[][3] = {
	{ "Patient experience", NULL, "تجربة المريض" },
	{ "report:surveys", "surveys", "الاستبيانات" },
	{ "report:scores", "scores", "الدرجات" },
	{ "report:nps", "NPS", "صافي نقاط الترويج" },
	{ "report:negative", "negative surveys", "الاستبيانات السلبية" },
	{ "report:journeys", "journeys", "رحلات المرضى" },
	{ "report:notify", "notifications", "الإشعارات" },
	{ "report:suppressed", "not surveyed", "لم يُستطلع" },
	{ "report:complaints", "complaints", "الشكاوى" },
	{ "report:complaints.opened", "complaints opened", "الشكاوى الواردة" },
	{ "report:sla", "service levels", "مستويات الخدمة" },
	{ "period", NULL, "الفترة" },
	{ "from", NULL, "من" },
	{ "to", NULL, "إلى" },
	{ "hospital", NULL, "المستشفى" },
	{ "department", NULL, "القسم" },
	{ "template", NULL, "الاستبيان" },
	{ "question", NULL, "السؤال" },
	{ "channel", NULL, "القناة" },
	{ "reason", NULL, "السبب" },
	{ "journey", NULL, "الرحلة" },
	{ "stage", NULL, "المرحلة" },
	{ "source", NULL, "المصدر" },
	{ "state", NULL, "الحالة" },
	{ "domain", NULL, "المجال" },
	{ "category", NULL, "الفئة" },
	{ "subcategory", NULL, "الفئة الفرعية" },
	{ "classification", NULL, "التصنيف" },
	{ "kind", NULL, "النوع" },
	{ "severity", NULL, "الخطورة" },
	{ "sent", NULL, "المرسلة" },
	{ "delivered", NULL, "المسلّمة" },
	{ "opened", NULL, "المفتوحة" },
	{ "started", NULL, "المبدوءة" },
	{ "completed", NULL, "المكتملة" },
	{ "abandoned", NULL, "المتروكة" },
	{ "response_rate", NULL, "معدل الاستجابة %" },
	{ "delivery_rate", NULL, "معدل التسليم %" },
	{ "open_rate", NULL, "معدل الفتح %" },
	{ "abandonment_rate", NULL, "معدل الترك %" },
	{ "responses", NULL, "الردود" },
	{ "mean", "mean score", "متوسط الدرجة" },
	{ "band_1", NULL, "الشريحة 1" },
	{ "band_2", NULL, "الشريحة 2" },
	{ "band_3", NULL, "الشريحة 3" },
	{ "band_4", NULL, "الشريحة 4" },
	{ "band_5", NULL, "الشريحة 5" },
	{ "nps", "NPS", "صافي نقاط الترويج" },
	{ "nps_low", "NPS low (95%)", "الحد الأدنى للثقة 95%" },
	{ "nps_high", "NPS high (95%)", "الحد الأعلى للثقة 95%" },
	{ "n", NULL, "العينة" },
	{ "promoters", NULL, "المروّجون" },
	{ "passives", NULL, "المحايدون" },
	{ "detractors", NULL, "المنتقدون" },
	{ "negatives", NULL, "السلبية" },
	{ "negative_rate", NULL, "نسبة السلبية %" },
	{ "awaiting_contact", NULL, "بانتظار التواصل" },
	{ "contacted", NULL, "تم التواصل" },
	{ "contacted_within", NULL, "تم التواصل في المهلة" },
	{ "contacted_within_rate", NULL, "تم التواصل في المهلة %" },
	{ "median_hours_to_contact", NULL, "وسيط ساعات التواصل" },
	{ "satisfied", NULL, "راضون" },
	{ "not_satisfied", NULL, "غير راضين" },
	{ "closed", NULL, "مغلقة" },
	{ "escalated", NULL, "مصعّدة" },
	{ "closed_rate", NULL, "معدل الإغلاق %" },
	{ "journeys", NULL, "الرحلات" },
	{ "completion_rate", NULL, "معدل الإكمال %" },
	{ "messages", NULL, "الرسائل" },
	{ "failed", NULL, "الفاشلة" },
	{ "suppressed", NULL, "المحجوبة" },
	{ "pending", NULL, "قيد الانتظار" },
	{ "failure_rate", NULL, "معدل الفشل %" },
	{ "due", NULL, "المستحقة" },
	{ "share", NULL, "النسبة %" },
	{ "open", NULL, "مفتوحة" },
	{ "in_progress", NULL, "قيد المعالجة" },
	{ "waiting", NULL, "بانتظار رد" },
	{ "partially_resolved", NULL, "محلولة جزئيًا" },
	{ "resolved", NULL, "محلولة" },
	{ "cancelled", NULL, "ملغاة" },
	{ "ever_resolved", NULL, "سبق حلها" },
	{ "median_hours_to_resolve", NULL, "وسيط ساعات الحل" },
	{ "reopened", NULL, "أعيد فتحها" },
	{ "reopen_rate", NULL, "معدل إعادة الفتح %" },
	{ "surveyed", NULL, "أجاب المريض" },
	{ "satisfaction_rate", NULL, "نسبة الرضا %" },
	{ "unanswered", NULL, "بلا إجابة" },
	{ "cases", NULL, "الحالات" },
	{ "response_due", "with a response target", "بمهلة للاستجابة" },
	{ "response_met", "response met", "استجابة في المهلة" },
	{ "response_breached", "response breached", "استجابة بعد المهلة" },
	{ "response_compliance", "response compliance %", "الالتزام بمهلة الاستجابة %" },
	{ "median_response_hours", "median hours to respond", "وسيط الساعات حتى الاستجابة" },
	{ "resolution_due", "with a resolution target", "بمهلة للحل" },
	{ "resolution_met", "resolution met", "حل في المهلة" },
	{ "resolution_breached", "resolution breached", "حل بعد المهلة" },
	{ "resolution_compliance", "resolution compliance %", "الالتزام بمهلة الحل %" },
	{ "median_resolution_hours", "median hours to resolve", "وسيط الساعات حتى الحل" },
	{ "breaches", NULL, "تجاوزات المهلة" },
	{ "escalations", NULL, "التصعيدات" },
	{ "open_overdue", "open and overdue", "مفتوحة ومتأخرة" },
	{ "low_n", "low n", "عينة صغيرة" },
	{ "partial", NULL, "فترة لم تنته" },
	{ "detail", NULL, "التفاصيل" },
	{ "name", NULL, "الاسم" },
	{ "patient", NULL, "المريض" },
	{ "due_at", "due at", "موعد الاستحقاق" },
	{ "yes", NULL, "نعم" },
	{ "no", NULL, "لا" },
	{ "hours", "h", "ساعة" },
	{ "no department", NULL, "بدون قسم" },
	{ "not classified to this level", NULL, "غير مصنفة حتى هذا المستوى" },
	{ "channel:sms", "SMS", "رسالة نصية" },
	{ "channel:whatsapp", "WhatsApp", "واتساب" },
	{ "channel:email", "email", "البريد الإلكتروني" },
	{ "channel:-", "none", "بلا قناة" },
	{ "reason:deceased", "deceased", "متوفى" },
	{ "reason:fatigue", "fatigue window", "حد تكرار الاستبيانات" },
	{ "reason:no_contact", "no contact", "لا توجد وسيلة تواصل" },
	{ "reason:opted_out", "opted out", "ألغى الاشتراك" },
	{ "reason:template_disabled", "template disabled", "الاستبيان معطّل" },
	{ "reason:other", "other", "سبب آخر" },
	{ "reason:unspecified", "unspecified", "غير محدد" },
	{ "state:open", "open", "مفتوحة" },
	{ "state:in_progress", "in progress", "قيد المعالجة" },
	{ "state:waiting", "waiting", "بانتظار رد" },
	{ "state:partially_resolved", "partially resolved", "محلولة جزئيًا" },
	{ "state:resolved", "resolved", "محلولة" },
	{ "state:closed", "closed", "مغلقة" },
	{ "state:cancelled", "cancelled", "ملغاة" },
	{ "source:patient", "patient", "المريض" },
	{ "source:family", "family", "الأسرة" },
	{ "source:staff", "staff", "الموظفون" },
	{ "source:survey", "survey", "استبيان" },
	{ "source:social_media", "social media", "وسائل التواصل الاجتماعي" },
	{ "source:call_center", "call center", "مركز الاتصال" },
	{ "source:moh", "MOH", "وزارة الصحة" },
	{ "source:chi", "CHI", "مجلس الضمان الصحي" },
	{ "source:other", "other", "مصدر آخر" },
	{ "kind:complaint", "complaint", "شكوى" },
	{ "kind:inquiry", "inquiry", "استفسار" },
	{ "kind:followup", "follow-up", "متابعة" },
	{ "kind:feedback", "feedback", "ملاحظات" },
	{ "severity:low", "low", "منخفضة" },
	{ "severity:medium", "medium", "متوسطة" },
	{ "severity:high", "high", "عالية" },
	{ "severity:critical", "critical", "حرجة" },
	{ "NPS trend", NULL, "اتجاه صافي نقاط الترويج" },
	{ "Score trend", NULL, "اتجاه متوسط الدرجة" },
	{ "Score by department", NULL, "الدرجة حسب القسم" },
	{ "Score by question", NULL, "الدرجة حسب السؤال" },
	{ "Response rate by department", NULL, "معدل الاستجابة حسب القسم" },
	{ "Negative surveys", NULL, "الاستبيانات السلبية" },
	{ "Notifications", NULL, "الإشعارات" },
	{ "Not surveyed", NULL, "لم يُستطلع" },
	{ "Service levels", NULL, "مستويات الخدمة" },
	{ "Response compliance by hospital", NULL, "الالتزام بمهلة الاستجابة حسب المستشفى" },
	{ "Resolution compliance by hospital", NULL, "الالتزام بمهلة الحل حسب المستشفى" },
	{ "no data", NULL, "لا توجد بيانات" },
};

static int is_ar(const char *lang)
{
	return lang && !strcmp(lang, "ar");
}

const char *px_chart_label(const char *lang, const char *key)
{
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i][0], key))
			return is_ar(lang) ? labels[i][2] : labels[i][1] ? labels[i][1] : key;
	return key;
}

/* The label of a code of kind ("channel", "reason", "state", "source",
 * "kind", "severity"), or NULL. */
static const char *code_label(const char *lang, const char *kind, const char *code)
{
	char key[96];
	snprintf(key, sizeof key, "%s:%s", kind, code);
	const char *l = px_chart_label(lang, key);
	return l == key ? NULL : l;
}

const char *px_chart_value(const struct px_chart *ch, const char *field, const char *value)
{
	if (!value || !field)
		return value;
	if (!strcmp(field, "low_n") || !strcmp(field, "partial"))
		return px_chart_label(ch->lang, !strcmp(value, "true") ? "yes" : "no");
	const char *l = NULL;
	if (!strcmp(field, "channel") || !strcmp(field, "reason") || !strcmp(field, "state") ||
	    !strcmp(field, "source") || !strcmp(field, "kind") || !strcmp(field, "severity"))
		l = code_label(ch->lang, field, value);
	else
		l = px_names_get(ch->names, field, value);
	return l ? l : value;
}

/* ---------- text ---------- */

static void esc(struct px_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': px_buf_adds(b, "&amp;"); break;
		case '<': px_buf_adds(b, "&lt;"); break;
		case '>': px_buf_adds(b, "&gt;"); break;
		case '"': px_buf_adds(b, "&quot;"); break;
		default: px_buf_addc(b, *s);
		}
	}
}

/* A label, with a field name's underscores shown as spaces. */
static void esc_spaced(struct px_buf *b, const char *l)
{
	for (; *l; l++) {
		char one[2] = { *l == '_' ? ' ' : *l, 0 };
		esc(b, one);
	}
}

static void esc_label(struct px_buf *b, const char *lang, const char *key)
{
	esc_spaced(b, px_chart_label(lang, key));
}

/* The label of a field in the table of a report (title "report:KIND"):
 * its own there ("report:complaints.opened") when it has one. */
static void esc_field(struct px_buf *b, const char *lang, const char *title, const char *key)
{
	char k[96];
	snprintf(k, sizeof k, "%s.%s", title ? title : "", key);
	const char *l = px_chart_label(lang, k);
	esc_spaced(b, l != k ? l : px_chart_label(lang, key));
}

/* s cut to at most max characters (UTF-8), an ellipsis marking the cut. */
static void esc_cut(struct px_buf *b, const char *s, size_t max)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++chars > max)
			break;
	if (!s[i]) {
		esc(b, s);
		return;
	}
	char *cut = px_xstrndup(s, i);
	esc(b, cut);
	free(cut);
	px_buf_adds(b, "\u2026");
}

/* What a chart or table says under it about its greyed and starred rows. */
static void notes(struct px_chart *ch, int low, int partial, int starred)
{
	if (!low && !partial)
		return;
	px_buf_adds(ch->b, "<p class=\"note\">");
	if (low)
		px_buf_addf(ch->b, is_ar(ch->lang) ? "بالرمادي: عينة أقل من %lld." :
			    "In grey: a sample of fewer than %lld.", ch->min_n);
	if (low && partial)
		px_buf_adds(ch->b, " ");
	if (partial && starred)
		px_buf_adds(ch->b, is_ar(ch->lang) ? "* فترة لم تنته بعد، أرقامها جزئية." :
			    "* The period has not ended: its figures are partial.");
	else if (partial)
		px_buf_adds(ch->b, is_ar(ch->lang) ? "الفترة لم تنته بعد، الأرقام جزئية." :
			    "The period has not ended: the figures are partial.");
	px_buf_adds(ch->b, "</p>\n");
}

static const char style[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222;background:#fff}"
	"h1{font-size:1.6em;margin:0}h2{font-size:1.15em;margin:1.5em 0 .5em;border-bottom:1px solid #ccc}"
	".sub{color:#666;margin:.3em 0 1em}"
	".cards{display:flex;flex-wrap:wrap;gap:.8em}"
	".card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;min-width:9em}"
	".card b{display:block;font-size:1.5em}.card span{color:#555;font-size:.85em}"
	".card.low{border-style:dashed}.card.low b,.card.low span{color:#999}"
	"table{border-collapse:collapse;font-size:.8em;margin:.5em 0}"
	"th,td{border:1px solid #ccc;padding:.2em .5em;text-align:end}"
	"th{background:#f0f0f0}td.t{text-align:start}tr.low td{color:#999}"
	/* a number keeps its sign on its left in a right-to-left page */
	"[dir=rtl] td:not(.t){direction:ltr;text-align:left}"
	"svg{direction:ltr;max-width:100%}svg text{font-size:11px;fill:#333}svg text.low{fill:#999}"
	".legend span{margin-inline-end:1em;font-size:.85em}.note{color:#666;font-size:.8em;margin:.2em 0}"
	"@media print{body{margin:0}h2{page-break-after:avoid}svg,table{page-break-inside:avoid}}";

void px_chart_begin(struct px_chart *ch, const char *title, const char *subtitle)
{
	struct px_buf *b = ch->b;
	int ar = is_ar(ch->lang);
	px_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		    ar ? "ar" : "en", ar ? "rtl" : "ltr");
	px_buf_adds(b, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>");
	esc(b, title);
	px_buf_adds(b, "</title>\n<style>");
	px_buf_adds(b, style);
	px_buf_adds(b, "</style>\n</head>\n<body>\n<h1>");
	esc(b, title);
	px_buf_adds(b, "</h1>\n<p class=\"sub\">");
	esc(b, subtitle);
	px_buf_adds(b, "</p>\n");
}

void px_chart_end(struct px_chart *ch)
{
	px_buf_adds(ch->b, "</body>\n</html>\n");
}

void px_chart_cards(struct px_chart *ch, const char *const *ls, const char *const *values,
		    const int *low, size_t n)
{
	struct px_buf *b = ch->b;
	int any = 0;
	px_buf_adds(b, "<div class=\"cards\">\n");
	for (size_t i = 0; i < n; i++) {
		any |= low && low[i];
		px_buf_adds(b, low && low[i] ? "<div class=\"card low\"><b>" : "<div class=\"card\"><b>");
		esc(b, values[i]);
		px_buf_adds(b, "</b><span>");
		esc_label(b, ch->lang, ls[i]);
		px_buf_adds(b, "</span></div>\n");
	}
	px_buf_adds(b, "</div>\n");
	notes(ch, any, 0, 0);
}

static const char *const colours[] = {
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
};
#define NCOLOURS (sizeof colours / sizeof colours[0])
#define GREY "#999"

static void heading(struct px_buf *b, const char *lang, const char *title)
{
	px_buf_adds(b, "<h2>");
	esc_label(b, lang, title);
	px_buf_adds(b, "</h2>\n");
}

static const char *field(const struct px_rec *r, const char *key)
{
	const char *v = key ? px_rec_get(r, key) : NULL;
	return v ? v : "";
}

/* Distinct values of key in order of first appearance. */
static size_t distinct(const struct px_recs *l, const char *key, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		const char *v = field(l->r[i], key);
		size_t j = 0;
		while (j < n && strcmp(out[j], v))
			j++;
		if (j == n && n < max)
			out[n++] = v;
	}
	return n;
}

/* The tooltip of a group's point or bar: its code in English (what the
 * CSV says), its name in Arabic. */
static void tip_group(struct px_chart *ch, const char *group, const char *key)
{
	esc(ch->b, is_ar(ch->lang) ? px_chart_value(ch, group, key) : key);
}

/* The scale of a line chart: lo..hi of the metric, rounded out to
 * twenties, so that its four steps are round numbers. */
static int scale(const struct px_recs *l, const char *metric, double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (size_t i = 0; i < l->n; i++) {
		double v;
		if (!px_rec_get_num(l->r[i], metric, &v)) {
			*lo = fmin(*lo, v);
			*hi = fmax(*hi, v);
		}
	}
	if (*lo > *hi)
		return -1;
	*lo = *lo >= 0 ? 0 : floor(*lo / 20) * 20;
	*hi = *hi <= 0 ? 0 : ceil(*hi / 20) * 20;
	if (*hi - *lo < 20)
		*hi = *lo + 20;
	return 0;
}

/* The legend of a line chart: each group's colour and name. */
static void legend(struct px_chart *ch, const char *group, const char *const *groups, size_t ng)
{
	px_buf_adds(ch->b, "<p class=\"legend\">");
	for (size_t g = 0; g < ng; g++) {
		px_buf_addf(ch->b, "<span style=\"color:%s\">&#9632; ", colours[g % NCOLOURS]);
		esc(ch->b, px_chart_value(ch, group, groups[g]));
		px_buf_adds(ch->b, "</span>");
	}
	px_buf_adds(ch->b, "</p>\n");
}

enum { LW = 640, LH = 240, LL = 50, LR = 40, LT = 15, LB = 40, MAXP = 64, MAXG = 8 };

/* The axes of a line chart: the grid with its values and the period
 * labels, a star on those that have not ended. */
static void axes(struct px_chart *ch, const struct px_recs *l, const char *const *periods,
		 size_t np, double lo, double hi)
{
	struct px_buf *b = ch->b;
	double pw = LW - LL - LR, ph = LH - LT - LB;
	for (int k = 0; k <= 4; k++) {
		double v = lo + (hi - lo) * k / 4, y = LT + ph - ph * k / 4;
		px_buf_addf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
			    LL, y, LW - LR, y, LL - 5, y + 4, v);
	}
	double step = np > 1 ? pw / (double)(np - 1) : 0;
	size_t every = np > 12 ? (np + 11) / 12 : 1;
	for (size_t p = 0; p < np; p += every) {
		int partial = 0;
		for (size_t i = 0; i < l->n && !partial; i++)
			partial = !strcmp(field(l->r[i], "period"), periods[p]) &&
				  px_rec_get_bool(l->r[i], "partial");
		px_buf_addf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", LL + step * (double)p,
			    LH - LB + 18);
		esc(b, periods[p]);
		px_buf_adds(b, partial ? "*</text>\n" : "</text>\n");
	}
}

void px_chart_lines(struct px_chart *ch, const char *title, const struct px_recs *l,
		    const char *group, const char *metric)
{
	struct px_buf *b = ch->b;
	heading(b, ch->lang, title);
	const char *periods[MAXP], *groups[MAXG];
	size_t np = distinct(l, "period", periods, MAXP);
	size_t ng = group ? distinct(l, group, groups, MAXG) : 1;
	if (!group)
		groups[0] = "";
	double lo, hi;
	if (!np || scale(l, metric, &lo, &hi)) {
		px_buf_addf(b, "<p>%s</p>\n", px_chart_label(ch->lang, "no data"));
		return;
	}
	px_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\">\n", LW, LH, LW, LH);
	axes(ch, l, periods, np, lo, hi);
	double pw = LW - LL - LR, ph = LH - LT - LB;
	double step = np > 1 ? pw / (double)(np - 1) : 0;
	int any_low = 0, any_partial = 0;
	for (size_t g = 0; g < ng; g++) {
		const char *c = colours[g % NCOLOURS];
		struct px_buf pts = PX_BUF_INIT;
		for (size_t p = 0; p < np; p++)
			for (size_t i = 0; i < l->n; i++) {
				double v;
				const struct px_rec *r = l->r[i];
				if (strcmp(field(r, "period"), periods[p]) ||
				    (group && strcmp(field(r, group), groups[g])) ||
				    px_rec_get_num(r, metric, &v))
					continue;
				int low = px_rec_get_bool(r, "low_n");
				any_low |= low;
				any_partial |= px_rec_get_bool(r, "partial");
				double x = LL + step * (double)p, y = LT + ph - ph * (v - lo) / (hi - lo);
				px_buf_addf(&pts, "%.1f,%.1f ", x, y);
				px_buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" stroke=\"%s\"><title>",
					    x, y, low ? "#fff" : c, low ? GREY : c);
				tip_group(ch, group, groups[g]);
				px_buf_addf(b, "%s%s: %g</title></circle>\n", group ? " " : "", periods[p], v);
			}
		if (pts.len)
			px_buf_addf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
				    c, px_buf_str(&pts));
		px_buf_free(&pts);
	}
	px_buf_adds(b, "</svg>\n");
	if (group)
		legend(ch, group, groups, ng);
	notes(ch, any_low, any_partial, 1);
}

void px_chart_bars(struct px_chart *ch, const char *title, const struct px_recs *l,
		   const char *group, const char *metric)
{
	struct px_buf *b = ch->b;
	heading(b, ch->lang, title);
	const char *last = l->n ? field(l->r[l->n - 1], "period") : "";
	enum { W = 800, L = 290, R = 60, BAR = 18, GAP = 6, CUT = 46 };
	size_t n = 0;
	double hi = 0;
	for (size_t i = 0; i < l->n; i++) {
		double v;
		if (strcmp(field(l->r[i], "period"), last))
			continue;
		n++;
		if (!px_rec_get_num(l->r[i], metric, &v))
			hi = fmax(hi, fabs(v));
	}
	if (!n) {
		px_buf_addf(b, "<p>%s</p>\n", px_chart_label(ch->lang, "no data"));
		return;
	}
	if (hi <= 0)
		hi = 1;
	int h = (int)n * (BAR + GAP) + GAP, any_low = 0, any_partial = 0;
	px_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\">\n", W, h, W, h);
	int y = GAP;
	for (size_t i = 0; i < l->n; i++) {
		const struct px_rec *r = l->r[i];
		if (strcmp(field(r, "period"), last))
			continue;
		double v;
		int has = !px_rec_get_num(r, metric, &v), low = px_rec_get_bool(r, "low_n");
		any_low |= low;
		any_partial |= px_rec_get_bool(r, "partial");
		px_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>", L - 6, y + BAR - 5,
			    low ? " class=\"low\"" : "");
		esc_cut(b, px_chart_value(ch, group, field(r, group)), CUT);
		px_buf_adds(b, "<title>");
		tip_group(ch, group, field(r, group));
		if (has)
			px_buf_addf(b, ": %g", v);
		px_buf_adds(b, "</title></text>");
		if (has) {
			double w = (W - L - R) * fabs(v) / hi;
			px_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
				    "<text x=\"%.1f\" y=\"%d\"%s>%g</text>\n",
				    L, y, w, BAR, low ? "#ccc" : v < 0 ? "#d62728" : "#1f77b4", L + w + 4,
				    y + BAR - 5, low ? " class=\"low\"" : "", v);
		} else {
			px_buf_addf(b, "<text x=\"%d\" y=\"%d\">&#8212;</text>\n", L + 4, y + BAR - 5);
		}
		y += BAR + GAP;
	}
	px_buf_adds(b, "</svg>\n");
	notes(ch, any_low, any_partial, 0);
}

/* ---------- tables ---------- */

struct row_ctx {
	struct px_chart *ch;
	const char *title;
	int header, partial;
};

/* The flags and bounds are shown by the row's colour and star; the name
 * a row of a taxonomy level carries, by the names of the page. */
static int hidden(const char *key)
{
	return !strcmp(key, "type") || !strcmp(key, "from") || !strcmp(key, "to") ||
	       !strcmp(key, "low_n") || !strcmp(key, "partial") || !strcmp(key, "name");
}

/* Whether a field names a group that has a name of its own. */
static int named(const char *key)
{
	return !strcmp(key, "hospital") || !strcmp(key, "department") || !strcmp(key, "template") ||
	       !strcmp(key, "question") || !strcmp(key, "domain") || !strcmp(key, "category") ||
	       !strcmp(key, "subcategory") || !strcmp(key, "classification");
}

static int cell(const char *key, const char *val, void *ctx)
{
	struct row_ctx *c = ctx;
	struct px_buf *b = c->ch->b;
	if (hidden(key))
		return 0;
	int beside = c->ch->codes && c->ch->names && named(key);
	if (c->header) {
		px_buf_adds(b, "<th>");
		esc_field(b, c->ch->lang, c->title, key);
		px_buf_adds(b, beside ? "</th><th>" : "</th>");
		if (beside) {
			esc_label(b, c->ch->lang, "name");
			px_buf_adds(b, "</th>");
		}
		return 0;
	}
	if (beside) {
		/* a null group may have a name too ("not classified...") */
		const char *name = px_names_get(c->ch->names, key, val ? val : "");
		px_buf_adds(b, "<td class=\"t\">");
		esc(b, val ? val : "\u2014");
		px_buf_adds(b, "</td><td class=\"t\">");
		esc(b, name ? name : "\u2014");
		px_buf_adds(b, "</td>");
		return 0;
	}
	double d;
	int num = val && !px_parse_double(val, &d);
	const char *shown = px_chart_value(c->ch, key, val);
	if (num || !val || shown == val || is_ar(c->ch->lang)) {
		px_buf_adds(b, num ? "<td>" : "<td class=\"t\">");
	} else {
		/* a name shown for a code: the code in its tooltip */
		px_buf_adds(b, "<td class=\"t\" title=\"");
		esc(b, val);
		px_buf_adds(b, "\">");
	}
	esc(b, shown ? shown : "\u2014");
	if (!strcmp(key, "period") && c->partial)
		px_buf_adds(b, "*");
	px_buf_adds(b, "</td>");
	return 0;
}

void px_chart_table(struct px_chart *ch, const char *title, const struct px_recs *l)
{
	struct px_buf *b = ch->b;
	heading(b, ch->lang, title);
	if (!l->n) {
		px_buf_addf(b, "<p>%s</p>\n", px_chart_label(ch->lang, "no data"));
		return;
	}
	struct row_ctx c = { ch, title, 1, 0 };
	px_buf_adds(b, "<table>\n<tr>");
	px_rec_each(l->r[0], cell, &c);
	px_buf_adds(b, "</tr>\n");
	c.header = 0;
	int any_low = 0, any_partial = 0;
	for (size_t i = 0; i < l->n; i++) {
		int low = px_rec_get_bool(l->r[i], "low_n");
		c.partial = px_rec_get_bool(l->r[i], "partial");
		any_low |= low;
		any_partial |= c.partial;
		px_buf_adds(b, low ? "<tr class=\"low\">" : "<tr>");
		px_rec_each(l->r[i], cell, &c);
		px_buf_adds(b, "</tr>\n");
	}
	px_buf_adds(b, "</table>\n");
	notes(ch, any_low, any_partial, px_rec_has(l->r[0], "period"));
}
