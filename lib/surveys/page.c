/* page.c - a survey as its link's holder sees it: what the survey page
 * (px-web) shows, in the patient's language, and nothing of the patient
 * beyond the first name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "core/patient.h"
#include "surveys/internal.h"
#include "surveys/survey.h"
#include "base/banned.h"

void px_survey_page_free(struct px_survey_page *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nq; i++) {
		struct px_page_question *q = &p->q[i];
		for (size_t j = 0; j < q->nchoices; j++) {
			free(q->choices[j].value);
			free(q->choices[j].label);
		}
		free(q->choices);
		free(q->code);
		free(q->text);
		free(q->answer);
	}
	free(p->q);
	free(p->title);
	free(p->hospital);
	free(p->first_name);
	free(p);
}

static void add_choice(struct px_page_question *q, const char *value, const char *label)
{
	q->choices = px_xrealloc(q->choices, (q->nchoices + 1) * sizeof *q->choices);
	q->choices[q->nchoices].value = px_xstrdup(value);
	q->choices[q->nchoices++].label = px_xstrdup(label);
}

/* The text in the language, else the other one. */
static const char *in_lang(const char *en, const char *ar, int arabic)
{
	return arabic && ar && *ar ? ar : en && *en ? en : ar ? ar : "";
}

/* The first word of a name. */
static char *first_word(const char *name)
{
	if (!name)
		return NULL;
	while (*name == ' ')
		name++;
	size_t n = strcspn(name, " ");
	return n ? px_xstrndup(name, n) : NULL;
}

static void fill_question(struct px_page_question *pq, const struct px_survey_question *q,
			  int arabic)
{
	pq->code = px_xstrdup(q->code);
	pq->text = px_xstrdup(in_lang(q->text, q->text_ar, arabic));
	pq->type = q->type;
	pq->required = q->required;
	char v[8];
	switch (q->type) {
	case PX_Q_RATING:
		for (int i = 1; i <= 5; i++) {
			snprintf(v, sizeof v, "%d", i);
			add_choice(pq, v, v);
		}
		break;
	case PX_Q_NPS:
		for (int i = 0; i <= 10; i++) {
			snprintf(v, sizeof v, "%d", i);
			add_choice(pq, v, v);
		}
		break;
	case PX_Q_YES_NO:
		add_choice(pq, "yes", arabic ? "نعم" : "Yes");
		add_choice(pq, "no", arabic ? "لا" : "No");
		break;
	case PX_Q_LIKERT:
		if (!q->nchoices) {
			/* the five points of agreement, 1 to 5 */
			static const char *const en[] = { "Strongly disagree", "Disagree", "Neutral",
							  "Agree", "Strongly agree" };
			static const char *const ar[] = { "لا أوافق بشدة", "لا أوافق", "محايد", "أوافق",
							  "أوافق بشدة" };
			for (int i = 0; i < 5; i++) {
				snprintf(v, sizeof v, "%d", i + 1);
				add_choice(pq, v, arabic ? ar[i] : en[i]);
			}
			break;
		}
		/* the template's own points */
		/* fall through */
	case PX_Q_CHOICE:
		for (size_t i = 0; i < q->nchoices; i++)
			add_choice(pq, q->choices[i].value,
				   in_lang(q->choices[i].label, q->choices[i].label_ar, arabic));
		break;
	default:
		break;
	}
}

int px_survey_page(struct px_ctx *cx, const char *token, const char *lang,
		   struct px_survey_page **out, struct px_err *err)
{
	*out = NULL;
	if (!token || !*token)
		return px_fail(err, PX_EINPUT, "unknown survey link");
	struct px_rec *r = px_rec_new(NULL);
	px_rec_set_str(r, "token", token);
	struct px_survey_inst in;
	int rc = px_survey_inst_find(cx->st, r, &in, err);
	px_rec_free(r);
	if (rc == PX_EREJECT)
		return px_fail(err, PX_EINPUT, "unknown survey link");
	if (rc)
		return rc;
	struct px_survey_tpl *t = px_survey_tpl_load(cx->st, in.template_id, err);
	if (!t)
		return err->code ? err->code : PX_ESTORE;
	char **answers = px_survey_answers_load(cx->st, t, in.id, err);
	if (!answers) {
		px_survey_tpl_free(t);
		return err->code ? err->code : PX_ESTORE;
	}
	struct px_survey_page *p = px_xcalloc(1, sizeof *p);
	px_strlcpy(p->survey, in.pid, sizeof p->survey);
	p->state = !strcmp(in.status, "completed") ? PX_PAGE_COMPLETED
		   : !strcmp(in.status, "cancelled") ? PX_PAGE_CANCELLED
		   : !strcmp(in.status, "expired") || in.expires_at <= px_now(cx) ? PX_PAGE_EXPIRED
		   : PX_PAGE_OPEN;
	px_strlcpy(p->language, lang && (!strcmp(lang, "ar") || !strcmp(lang, "en")) ? lang
				: !strcmp(in.language, "ar") ? "ar" : "en", sizeof p->language);
	int arabic = !strcmp(p->language, "ar");
	p->title = px_xstrdup(in_lang(t->title, t->title_ar, arabic));
	p->one_per_screen = t->one_per_screen;
	struct px_survey_hospital h;
	if (!(rc = px_survey_hospital_load(cx->st, in.hospital_id, &h, err))) {
		p->hospital = px_xstrdup(in_lang(h.name, h.name_ar, arabic));
		px_survey_hospital_free(&h);
	}
	struct px_patient pt;
	if (!rc && !(rc = px_patient_load(cx->st, in.patient_id, &pt, err))) {
		p->first_name = first_word(in_lang(pt.name_en, pt.name_ar, arabic));
		px_patient_free(&pt);
	}
	p->q = px_xcalloc(t->nq + 1, sizeof *p->q);
	for (size_t i = 0; i < t->nq; i++, p->nq++) {
		fill_question(&p->q[i], &t->q[i], arabic);
		p->q[i].shown = px_survey_shown(t, i, answers);
		if (answers[i])
			p->q[i].answer = px_xstrdup(answers[i]);
	}
	px_survey_answers_free(t, answers);
	px_survey_tpl_free(t);
	if (rc) {
		px_survey_page_free(p);
		return rc;
	}
	*out = p;
	return PX_OK;
}
