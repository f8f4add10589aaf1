/* score.c - survey scoring rules (see score.h and DESIGN.md). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "surveys/score.h"
#include "base/banned.h"

static const char *const qtype_names[] = {
	[PX_Q_RATING] = "rating", [PX_Q_NPS] = "nps", [PX_Q_YES_NO] = "yes_no",
	[PX_Q_CHOICE] = "multiple_choice", [PX_Q_TEXT] = "text",
	[PX_Q_TEXTAREA] = "textarea", [PX_Q_LIKERT] = "likert",
};

static const char *const method_names[] = {
	[PX_SCORE_AVERAGE] = "average", [PX_SCORE_WEIGHTED] = "weighted",
	[PX_SCORE_NPS] = "nps",
};

int px_score_qtype_parse(const char *name, enum px_qtype *out)
{
	for (size_t i = 0; name && i < sizeof qtype_names / sizeof *qtype_names; i++)
		if (!strcmp(name, qtype_names[i])) {
			*out = (enum px_qtype)i;
			return 0;
		}
	return -1;
}

const char *px_score_qtype_name(enum px_qtype t)
{
	return qtype_names[t];
}

int px_score_method_parse(const char *name, enum px_score_method *out)
{
	for (size_t i = 0; name && i < sizeof method_names / sizeof *method_names; i++)
		if (!strcmp(name, method_names[i])) {
			*out = (enum px_score_method)i;
			return 0;
		}
	return -1;
}

const char *px_score_method_name(enum px_score_method m)
{
	return method_names[m];
}

double px_score_default_threshold(enum px_score_method m)
{
	return m == PX_SCORE_NPS ? 7.0 : 3.0;
}

int px_score_threshold_ok(enum px_score_method m, double t)
{
	if (!isfinite(t))
		return 0;
	return m == PX_SCORE_NPS ? t >= 0 && t <= 10 : t >= 1 && t <= 5;
}

int px_score_normalise(const struct px_score_item *it, double *out)
{
	if (!it->answered || it->skipped)
		return 0;
	switch (it->type) {
	case PX_Q_RATING:
	case PX_Q_LIKERT:
		*out = (it->value - 1) / 4;
		return 1;
	case PX_Q_NPS:
		*out = it->value / 10;
		return 1;
	case PX_Q_YES_NO:
		*out = it->value ? 1 : 0;
		return 1;
	case PX_Q_CHOICE:
		if (!it->has_score)
			return 0;
		*out = (it->value - 1) / 4;
		return 1;
	case PX_Q_TEXT:
	case PX_Q_TEXTAREA:
		break;
	}
	return 0;
}

const char *px_score_nps_class(double v)
{
	return v >= 9 ? "promoter" : v >= 7 ? "passive" : "detractor";
}

static double round2(double v)
{
	return round(v * 100) / 100;
}

void px_score_compute(enum px_score_method m, double threshold,
		      const struct px_score_item *items, size_t n,
		      struct px_score_result *res)
{
	memset(res, 0, sizeof *res);
	double sum = 0, wsum = 0;
	for (size_t i = 0; i < n; i++) {
		const struct px_score_item *it = &items[i];
		double v;
		if (m == PX_SCORE_NPS) {
			if (it->type != PX_Q_NPS || !it->answered || it->skipped)
				continue;
			sum += it->value;
			wsum += 1;
			res->counted++;
			continue;
		}
		if (!px_score_normalise(it, &v))
			continue;
		double w = m == PX_SCORE_WEIGHTED ? it->weight : 1;
		if (w <= 0)
			continue;
		sum += w * v;
		wsum += w;
		res->counted++;
	}
	if (!res->counted || wsum <= 0)
		return;
	res->has_score = 1;
	if (m == PX_SCORE_NPS) {
		double mean = sum / wsum;
		res->score = round2(mean);
		res->nps_class = px_score_nps_class(mean);
		res->negative = mean < threshold;
		return;
	}
	double score = 1 + 4 * (sum / wsum);
	res->score = round2(score);
	/* compare the rounded score, so that what is shown is what decides */
	res->negative = res->score < threshold;
}

void px_score_format(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.2f", v);
	size_t n = strlen(buf);
	if (n > 3 && buf[n - 1] == '0')
		buf[n - 1] = '\0';
}
