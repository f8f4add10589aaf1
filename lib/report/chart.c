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

static const char *const labels[][2] = {
	{ "report", "\u062a\u0642\u0631\u064a\u0631" },
	{ "Patient experience", "\u062a\u062c\u0631\u0628\u0629 \u0627\u0644\u0645\u0631\u064a\u0636" },
	{ "period", "\u0627\u0644\u0641\u062a\u0631\u0629" },
	{ "from", "\u0645\u0646" },
	{ "to", "\u0625\u0644\u0649" },
	{ "hospital", "\u0627\u0644\u0645\u0633\u062a\u0634\u0641\u0649" },
	{ "department", "\u0627\u0644\u0642\u0633\u0645" },
	{ "template", "\u0627\u0644\u0627\u0633\u062a\u0628\u064a\u0627\u0646" },
	{ "channel", "\u0627\u0644\u0642\u0646\u0627\u0629" },
	{ "question", "\u0627\u0644\u0633\u0624\u0627\u0644" },
	{ "sent", "\u0627\u0644\u0645\u0631\u0633\u0644\u0629" },
	{ "delivered", "\u0627\u0644\u0645\u0633\u0644\u0651\u0645\u0629" },
	{ "opened", "\u0627\u0644\u0645\u0641\u062a\u0648\u062d\u0629" },
	{ "started", "\u0627\u0644\u0645\u0628\u062f\u0648\u0621\u0629" },
	{ "completed", "\u0627\u0644\u0645\u0643\u062a\u0645\u0644\u0629" },
	{ "abandoned", "\u0627\u0644\u0645\u062a\u0631\u0648\u0643\u0629" },
	{ "response_rate", "\u0645\u0639\u062f\u0644 \u0627\u0644\u0627\u0633\u062a\u062c\u0627\u0628\u0629 %" },
	{ "delivery_rate", "\u0645\u0639\u062f\u0644 \u0627\u0644\u062a\u0633\u0644\u064a\u0645 %" },
	{ "open_rate", "\u0645\u0639\u062f\u0644 \u0627\u0644\u0641\u062a\u062d %" },
	{ "abandonment_rate", "\u0645\u0639\u062f\u0644 \u0627\u0644\u062a\u0631\u0643 %" },
	{ "responses", "\u0627\u0644\u0631\u062f\u0648\u062f" },
	{ "mean", "\u0645\u062a\u0648\u0633\u0637 \u0627\u0644\u062f\u0631\u062c\u0629" },
	{ "nps", "\u0635\u0627\u0641\u064a \u0646\u0642\u0627\u0637 \u0627\u0644\u062a\u0631\u0648\u064a\u062c" },
	{ "n", "\u0627\u0644\u0639\u064a\u0646\u0629" },
	{ "promoters", "\u0627\u0644\u0645\u0631\u0648\u0651\u062c\u0648\u0646" },
	{ "passives", "\u0627\u0644\u0645\u062d\u0627\u064a\u062f\u0648\u0646" },
	{ "detractors", "\u0627\u0644\u0645\u0646\u062a\u0642\u062f\u0648\u0646" },
	{ "negatives", "\u0627\u0644\u0633\u0644\u0628\u064a\u0629" },
	{ "negative_rate", "\u0646\u0633\u0628\u0629 \u0627\u0644\u0633\u0644\u0628\u064a\u0629 %" },
	{ "contacted_within_rate", "\u062a\u0645 \u0627\u0644\u062a\u0648\u0627\u0635\u0644 \u0641\u064a \u0627\u0644\u0645\u0647\u0644\u0629 %" },
	{ "median_hours_to_contact", "\u0648\u0633\u064a\u0637 \u0633\u0627\u0639\u0627\u062a \u0627\u0644\u062a\u0648\u0627\u0635\u0644" },
	{ "closed", "\u0645\u063a\u0644\u0642\u0629" },
	{ "escalated", "\u0645\u0635\u0639\u0651\u062f\u0629" },
	{ "completion_rate", "\u0645\u0639\u062f\u0644 \u0627\u0644\u0625\u0643\u0645\u0627\u0644 %" },
	{ "failure_rate", "\u0645\u0639\u062f\u0644 \u0627\u0644\u0641\u0634\u0644 %" },
	{ "suppressed", "\u0627\u0644\u0645\u062d\u062c\u0648\u0628\u0629" },
	{ "reason", "\u0627\u0644\u0633\u0628\u0628" },
	{ "NPS trend", "\u0627\u062a\u062c\u0627\u0647 \u0635\u0627\u0641\u064a \u0646\u0642\u0627\u0637 \u0627\u0644\u062a\u0631\u0648\u064a\u062c" },
	{ "Score trend", "\u0627\u062a\u062c\u0627\u0647 \u0645\u062a\u0648\u0633\u0637 \u0627\u0644\u062f\u0631\u062c\u0629" },
	{ "Score by department", "\u0627\u0644\u062f\u0631\u062c\u0629 \u062d\u0633\u0628 \u0627\u0644\u0642\u0633\u0645" },
	{ "Response rate by department", "\u0645\u0639\u062f\u0644 \u0627\u0644\u0627\u0633\u062a\u062c\u0627\u0628\u0629 \u062d\u0633\u0628 \u0627\u0644\u0642\u0633\u0645" },
	{ "Negative surveys", "\u0627\u0644\u0627\u0633\u062a\u0628\u064a\u0627\u0646\u0627\u062a \u0627\u0644\u0633\u0644\u0628\u064a\u0629" },
	{ "Notifications", "\u0627\u0644\u0625\u0634\u0639\u0627\u0631\u0627\u062a" },
	{ "Not surveyed", "\u0644\u0645 \u064a\u064f\u0633\u062a\u0637\u0644\u0639" },
	{ "no data", "\u0644\u0627 \u062a\u0648\u062c\u062f \u0628\u064a\u0627\u0646\u0627\u062a" },
};

const char *px_chart_label(const char *lang, const char *key)
{
	if (!lang || strcmp(lang, "ar"))
		return key;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i][0], key))
			return labels[i][1];
	return key;
}

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
static void esc_label(struct px_buf *b, const char *lang, const char *key)
{
	const char *l = px_chart_label(lang, key);
	for (; *l; l++) {
		char one[2] = { *l == '_' ? ' ' : *l, 0 };
		esc(b, one);
	}
}

static const char style[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222;background:#fff}"
	"h1{font-size:1.6em;margin:0}h2{font-size:1.15em;margin:1.5em 0 .5em;border-bottom:1px solid #ccc}"
	".sub{color:#666;margin:.3em 0 1em}"
	".cards{display:flex;flex-wrap:wrap;gap:.8em}"
	".card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;min-width:9em}"
	".card b{display:block;font-size:1.5em}.card span{color:#555;font-size:.85em}"
	"table{border-collapse:collapse;font-size:.8em;margin:.5em 0}"
	"th,td{border:1px solid #ccc;padding:.2em .5em;text-align:end}"
	"th{background:#f0f0f0}td.t{text-align:start}"
	"svg{direction:ltr;max-width:100%}svg text{font-size:11px;fill:#333}"
	".legend span{margin-inline-end:1em;font-size:.85em}"
	"@media print{body{margin:0}h2{page-break-after:avoid}svg,table{page-break-inside:avoid}}";

void px_chart_begin(struct px_buf *b, const char *lang, const char *title, const char *subtitle)
{
	int ar = lang && !strcmp(lang, "ar");
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

void px_chart_end(struct px_buf *b)
{
	px_buf_adds(b, "</body>\n</html>\n");
}

void px_chart_cards(struct px_buf *b, const char *lang, const char *const *ls,
		    const char *const *values, size_t n)
{
	px_buf_adds(b, "<div class=\"cards\">\n");
	for (size_t i = 0; i < n; i++) {
		px_buf_adds(b, "<div class=\"card\"><b>");
		esc(b, values[i]);
		px_buf_adds(b, "</b><span>");
		esc_label(b, lang, ls[i]);
		px_buf_adds(b, "</span></div>\n");
	}
	px_buf_adds(b, "</div>\n");
}

static const char *const colours[] = {
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
};
#define NCOLOURS (sizeof colours / sizeof colours[0])

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

void px_chart_lines(struct px_buf *b, const char *lang, const char *title,
		    const struct px_recs *l, const char *group, const char *metric)
{
	heading(b, lang, title);
	enum { MAXP = 64, MAXG = 8, W = 640, H = 240, L = 50, R = 40, T = 15, BOT = 40 };
	const char *periods[MAXP], *groups[MAXG];
	size_t np = distinct(l, "period", periods, MAXP);
	size_t ng = group ? distinct(l, group, groups, MAXG) : 1;
	if (!group)
		groups[0] = "";
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < l->n; i++) {
		double v;
		if (!px_rec_get_num(l->r[i], metric, &v)) {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	}
	if (!np || lo > hi) {
		px_buf_addf(b, "<p>%s</p>\n", px_chart_label(lang, "no data"));
		return;
	}
	lo = lo >= 0 ? 0 : floor(lo / 10) * 10;
	hi = hi <= 0 ? 0 : ceil(hi / 10) * 10;
	if (hi - lo < 10)
		hi = lo + 10;
	px_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\">\n", W, H, W, H);
	double pw = W - L - R, ph = H - T - BOT;
	for (int k = 0; k <= 4; k++) {
		double v = lo + (hi - lo) * k / 4, y = T + ph - ph * k / 4;
		px_buf_addf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
			    L, y, W - R, y, L - 5, y + 4, v);
	}
	double step = np > 1 ? pw / (double)(np - 1) : 0;
	size_t every = np > 12 ? (np + 11) / 12 : 1;
	for (size_t p = 0; p < np; p += every) {
		px_buf_addf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", L + step * (double)p, H - BOT + 18);
		esc(b, periods[p]);
		px_buf_adds(b, "</text>\n");
	}
	for (size_t g = 0; g < ng; g++) {
		struct px_buf pts = PX_BUF_INIT;
		for (size_t p = 0; p < np; p++)
			for (size_t i = 0; i < l->n; i++) {
				double v;
				if (strcmp(field(l->r[i], "period"), periods[p]) ||
				    (group && strcmp(field(l->r[i], group), groups[g])) ||
				    px_rec_get_num(l->r[i], metric, &v))
					continue;
				double x = L + step * (double)p, y = T + ph - ph * (v - lo) / (hi - lo);
				px_buf_addf(&pts, "%.1f,%.1f ", x, y);
				px_buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %g</title></circle>\n",
					    x, y, colours[g % NCOLOURS], groups[g], periods[p], v);
			}
		if (pts.len)
			px_buf_addf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
				    colours[g % NCOLOURS], px_buf_str(&pts));
		px_buf_free(&pts);
	}
	px_buf_adds(b, "</svg>\n");
	if (group) {
		px_buf_adds(b, "<p class=\"legend\">");
		for (size_t g = 0; g < ng; g++) {
			px_buf_addf(b, "<span style=\"color:%s\">&#9632; ", colours[g % NCOLOURS]);
			esc(b, groups[g]);
			px_buf_adds(b, "</span>");
		}
		px_buf_adds(b, "</p>\n");
	}
}

void px_chart_bars(struct px_buf *b, const char *lang, const char *title,
		   const struct px_recs *l, const char *group, const char *metric)
{
	heading(b, lang, title);
	const char *last = l->n ? field(l->r[l->n - 1], "period") : "";
	enum { W = 640, L = 110, R = 60, BAR = 18, GAP = 6 };
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
		px_buf_addf(b, "<p>%s</p>\n", px_chart_label(lang, "no data"));
		return;
	}
	if (hi <= 0)
		hi = 1;
	int h = (int)n * (BAR + GAP) + GAP;
	px_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\">\n", W, h, W, h);
	int y = GAP;
	for (size_t i = 0; i < l->n; i++) {
		const struct px_rec *r = l->r[i];
		if (strcmp(field(r, "period"), last))
			continue;
		double v;
		int has = !px_rec_get_num(r, metric, &v);
		px_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", L - 6, y + BAR - 5);
		esc(b, field(r, group));
		px_buf_adds(b, "</text>");
		if (has) {
			double w = (W - L - R) * fabs(v) / hi;
			px_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
				    "<text x=\"%.1f\" y=\"%d\">%g</text>\n",
				    L, y, w, BAR, v < 0 ? "#d62728" : "#1f77b4", L + w + 4, y + BAR - 5, v);
		} else {
			px_buf_addf(b, "<text x=\"%d\" y=\"%d\">&#8212;</text>\n", L + 4, y + BAR - 5);
		}
		y += BAR + GAP;
	}
	px_buf_adds(b, "</svg>\n");
}

struct row_ctx {
	struct px_buf *b;
	const char *lang;
	int header;
};

static int cell(const char *key, const char *val, void *ctx)
{
	struct row_ctx *c = ctx;
	if (!strcmp(key, "type") || !strcmp(key, "from") || !strcmp(key, "to"))
		return 0;
	if (c->header) {
		px_buf_adds(c->b, "<th>");
		esc_label(c->b, c->lang, key);
		px_buf_adds(c->b, "</th>");
		return 0;
	}
	double d;
	int num = val && !px_parse_double(val, &d);
	px_buf_adds(c->b, num ? "<td>" : "<td class=\"t\">");
	esc(c->b, val ? val : "\u2014");
	px_buf_adds(c->b, "</td>");
	return 0;
}

void px_chart_table(struct px_buf *b, const char *lang, const char *title,
		    const struct px_recs *l)
{
	heading(b, lang, title);
	if (!l->n) {
		px_buf_addf(b, "<p>%s</p>\n", px_chart_label(lang, "no data"));
		return;
	}
	struct row_ctx c = { b, lang, 1 };
	px_buf_adds(b, "<table>\n<tr>");
	px_rec_each(l->r[0], cell, &c);
	px_buf_adds(b, "</tr>\n");
	c.header = 0;
	for (size_t i = 0; i < l->n; i++) {
		px_buf_adds(b, "<tr>");
		px_rec_each(l->r[i], cell, &c);
		px_buf_adds(b, "</tr>\n");
	}
	px_buf_adds(b, "</table>\n");
}
