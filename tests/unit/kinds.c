/* Unit tests of the shipped workflows of the loop on a negative survey
 * and of feedback (share/px/workflows/followup, feedback): they load,
 * and every state and verb allows exactly what px-contact allowed before
 * they were cases, into the same state, by the same role, with the same
 * fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "px.h"
#include "tap.h"

static char data[1024];

static struct px_workflow *load(const char *kind)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/workflows/%s", data, kind);
	struct px_workflow *wf = NULL;
	struct px_err e;
	px_err_clear(&e);
	ok(px_workflow_load(path, &wf, &e) == PX_OK, "the shipped %s workflow loads (%s)", kind,
	   e.text);
	if (wf)
		is_str(wf->kind, kind, "and is of its kind");
	return wf;
}

/* What a verb allows: the states it leaves (by name, "" for none), the
 * state it enters, its role (0 for px's own), the field it needs. */
struct rule {
	const char *verb, *from[6], *to;
	enum px_role role;
	const char *needs;
};

/* The rules against the file: every state of the kind is left by the
 * verb exactly when the rule says so. */
static void check_rules(const struct px_workflow *wf, const struct rule *rules, int nrules)
{
	is_int(wf->nmoves, nrules, "%s: %d moves, no more", wf->kind, nrules);
	for (int i = 0; i < nrules; i++) {
		const struct rule *r = &rules[i];
		const struct px_wf_move *m = px_workflow_move(wf, r->verb);
		ok(m != NULL, "%s: the move '%s'", wf->kind, r->verb);
		if (!m)
			continue;
		px_wf_states want = 0;
		for (int j = 0; r->from[j]; j++) {
			int st = px_workflow_state(wf, r->from[j]);
			ok(st >= 0, "%s: the state '%s'", wf->kind, r->from[j]);
			if (st >= 0)
				want |= (px_wf_states)1 << st;
		}
		char got[256], exp[256];
		px_workflow_states_text(wf, m->from, got, sizeof got);
		px_workflow_states_text(wf, want, exp, sizeof exp);
		ok(m->from == want, "%s %s: leaves %s (%s)", wf->kind, r->verb, exp, got);
		is_str(wf->states[m->to], r->to, "%s %s: enters %s", wf->kind, r->verb, r->to);
		is_int((int)m->role, (int)r->role, "%s %s: by %s", wf->kind, r->verb,
		       r->role ? px_role_name(r->role) : "px itself");
		ok(r->needs ? m->nneeds == 1 && !strcmp(m->needs[0], r->needs) : m->nneeds == 0,
		   "%s %s: needs %s", wf->kind, r->verb, r->needs ? r->needs : "nothing");
	}
}

/*
 * The loop, as followup.c allowed it: a contact is logged in every state
 * but closed; a check is sent after a contact, again only with --again
 * (resend); closing by hand in every state but closed, escalating in
 * every state but closed and escalated, both with notes; the check's
 * answer and its expiry move a loop that waits for it, and nothing else.
 * The contact verbs are staff's at the least (px-contact narrows them to
 * hospital_admin unless contact.staff_may_contact).
 */
static void test_followup(void)
{
	struct px_workflow *wf = load("followup");
	if (!wf)
		return;
	is_str(wf->states[wf->initial], "awaiting_contact", "a loop starts awaiting contact");
	char final[128];
	px_workflow_states_text(wf, wf->final, final, sizeof final);
	is_str(final, "closed", "closed is final, escalated is not");
	is_str(wf->ref, "FU", "its references are a series of their own");
	is_str(wf->id, "", "its cases have cas_ ids");
	static const struct rule rules[] = {
		{ "log", { "awaiting_contact", "contacted", "satisfaction_sent", "escalated" },
		  "contacted", PX_ROLE_STAFF, "notes" },
		{ "satisfaction", { "contacted" }, "satisfaction_sent", PX_ROLE_STAFF, NULL },
		{ "resend", { "satisfaction_sent" }, "satisfaction_sent", PX_ROLE_STAFF, NULL },
		{ "close", { "awaiting_contact", "contacted", "satisfaction_sent", "escalated" },
		  "closed", PX_ROLE_STAFF, "notes" },
		{ "escalate", { "awaiting_contact", "contacted", "satisfaction_sent" }, "escalated",
		  PX_ROLE_STAFF, "notes" },
		{ "satisfied", { "satisfaction_sent" }, "closed", PX_WF_ROLE_SYSTEM, NULL },
		{ "not_satisfied", { "satisfaction_sent" }, "escalated", PX_WF_ROLE_SYSTEM, NULL },
		{ "expire", { "satisfaction_sent" }, "escalated", PX_WF_ROLE_SYSTEM, NULL },
		{ "expire_reopen", { "satisfaction_sent" }, "awaiting_contact", PX_WF_ROLE_SYSTEM, NULL },
	};
	check_rules(wf, rules, (int)(sizeof rules / sizeof *rules));
	/* the states are those px-contact and survey_followups know */
	for (int i = 0; i < PX_LOOP_STATES; i++)
		ok(px_workflow_state(wf, px_followup_state_name(i)) == i, "the state %s is in order",
		   px_followup_state_name(i));
	px_workflow_free(wf);
}

/*
 * Feedback, as feedback.c allowed it: forward only, by staff, to
 * reviewed, acknowledged or closed; a satisfaction check's answer sets
 * its feedback closed or reviewed whatever its state.
 */
static void test_feedback(void)
{
	struct px_workflow *wf = load("feedback");
	if (!wf)
		return;
	is_str(wf->states[wf->initial], "submitted", "feedback starts submitted");
	char final[128];
	px_workflow_states_text(wf, wf->final, final, sizeof final);
	is_str(final, "closed", "closed is final");
	is_str(wf->id, "fbk", "its cases keep the feedback's fbk_ ids");
	is_str(wf->ref, "FB", "its references are a series of their own");
	static const struct rule rules[] = {
		{ "review", { "submitted" }, "reviewed", PX_ROLE_STAFF, NULL },
		{ "acknowledge", { "submitted", "reviewed" }, "acknowledged", PX_ROLE_STAFF, NULL },
		{ "close", { "submitted", "reviewed", "acknowledged" }, "closed", PX_ROLE_STAFF, NULL },
		{ "satisfied", { "submitted", "reviewed", "acknowledged", "closed" }, "closed",
		  PX_WF_ROLE_SYSTEM, NULL },
		{ "not_satisfied", { "submitted", "reviewed", "acknowledged", "closed" }, "reviewed",
		  PX_WF_ROLE_SYSTEM, NULL },
	};
	check_rules(wf, rules, (int)(sizeof rules / sizeof *rules));
	for (int i = 0; i < PX_FEEDBACK_STATUSES; i++)
		ok(px_workflow_state(wf, px_feedback_status_name(i)) == i, "the status %s is in order",
		   px_feedback_status_name(i));
	/* forward only: each status a person may set is entered from exactly
	 * the statuses before it */
	static const char *const verb_of[PX_FEEDBACK_STATUSES] = {
		NULL, "review", "acknowledge", "close",
	};
	for (int to = 1; to < PX_FEEDBACK_STATUSES; to++) {
		const struct px_wf_move *m = px_workflow_move(wf, verb_of[to]);
		ok(m && m->from == (((px_wf_states)1 << to) - 1), "%s only from the statuses before %s",
		   verb_of[to], px_feedback_status_name(to));
	}
	px_workflow_free(wf);
}

int main(void)
{
	px_config_datadir("", data, sizeof data);
	size_t n = strlen(data);
	if (n && data[n - 1] == '/')
		data[n - 1] = '\0';
	test_followup();
	test_feedback();
	return tap_done();
}
