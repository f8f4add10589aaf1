/* hooks.c - the upper layers' hooks, registered on a context. */
#include "cases/followup.h"
#include "cases/hooks.h"
#include "cases/complaint.h"
#include "base/banned.h"

void px_hooks_register(struct px_ctx *cx)
{
	/* a satisfaction check's answer closes or escalates its loop */
	px_ctx_hook(cx, PX_EV_SURVEY_COMPLETED, px_followup_survey_completed);
	/* and one that expires unanswered moves it on too */
	px_ctx_hook(cx, PX_EV_SURVEY_EXPIRED, px_followup_check_expired);
	/* a negative survey nobody has acted on is a case whose contact
	 * clock px-sla check watches */
	px_ctx_hook(cx, PX_EV_SLA_CHECK, px_followup_sla_check);
	/* a complaint's resolution survey gives the patient's verdict */
	px_ctx_hook(cx, PX_EV_SURVEY_COMPLETED, px_complaint_survey_completed);
	px_ctx_hook(cx, PX_EV_SURVEY_EXPIRED, px_complaint_survey_expired);
}
