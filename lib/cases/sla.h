/*
 * sla.h - service levels: the policies that give each case its targets,
 * the clocks derived from its timeline, and the check that reminds,
 * marks breaches and escalates, each once.
 *
 * A case's clocks (response, resolution) start, pause and stop as its
 * workflow's clock effects write on its timeline (px-workflow(5)); the
 * response clock also stops at the first communication to the person.
 * The time a clock has used is business time of a calendar
 * (base/calendar.h) or wall-clock time, as its policy says; its due time
 * is where the rest of its target ends.  Nothing about a clock is stored
 * but what px-sla check has done about it (sla_marks), so a clock can
 * always be explained from the timeline.
 */
#ifndef PX_CASES_SLA_H
#define PX_CASES_SLA_H

#include <stdint.h>

#include "base/calendar.h"
#include "base/err.h"
#include "core/ctx.h"

#define PX_SLA_NAME 40
#define PX_SLA_REMINDERS 4
#define PX_SLA_LEVELS 3

/* A target: seconds, of business time or of the wall clock. */
struct px_sla_target {
	int64_t seconds;       /* 0: none */
	int business;
};

/* One line of the policy file (px-sla(5)). */
struct px_sla_policy {
	char name[PX_SLA_NAME];
	char kind[PX_SLA_NAME], hospital[PX_SLA_NAME], source[PX_SLA_NAME];
	char severity[16], priority[16];        /* "" matches any */
	struct px_sla_target response, resolution;
	int64_t reminders[PX_SLA_REMINDERS];    /* seconds before the due time */
	int nreminders;
	int64_t escalate[PX_SLA_LEVELS];        /* seconds after the breach, per level */
	int nescalate;
	char calendar[PX_SLA_NAME];             /* "": the hospital's */
	long line;
};

struct px_sla_policies {
	struct px_sla_policy *p;
	int n;
	char path[512];
};

/* The policy file: px.conf's sla.policies, else sla/policies in the
 * data directory.  A malformed one is PX_EINPUT with its file and line. */
int px_sla_policies_open(struct px_ctx *cx, struct px_sla_policies **out, struct px_err *err);
int px_sla_policies_load(const char *path, struct px_sla_policies **out, struct px_err *err);
void px_sla_policies_free(struct px_sla_policies *ps);
/* The policy for a case: the most specific line that matches (hospital
 * over source over severity over priority), the first of equals; NULL
 * when none does. */
const struct px_sla_policy *px_sla_match(const struct px_sla_policies *ps, const char *kind,
					 const char *hospital, const char *source,
					 const char *severity, const char *priority);

/* The calendar a case's clock runs on, with the holidays the site added
 * to it (caller frees): name (a policy's calendar) when given, else the
 * one the hospital works to (px-sla calendar set), else "saudi". */
int px_sla_calendar(struct px_ctx *cx, int64_t hospital_id, const char *name,
		    struct px_calendar **out, char used[PX_SLA_NAME], struct px_err *err);

/* --- figures, for reports --- */

#define PX_SLA_CLOCKS 2 /* response, resolution */
/* The name of clock i ("response", "resolution"), or NULL. */
const char *px_sla_clock_name(int i);

/* What one clock of a case says at a time. */
struct px_sla_figure {
	int has;                /* the case's policy watches it and it started */
	char policy[PX_SLA_NAME];
	int64_t target, used;   /* seconds: business ones when business */
	int business;
	int64_t due;            /* when the target was or will be reached; 0: not yet known */
	int breached;           /* the target was reached by then */
	int stopped, met;       /* the clock stopped; stopped before its target */
};

/* Policies, calendars and workflows read once for many cases. */
struct px_sla_eval;
int px_sla_eval_open(struct px_ctx *cx, struct px_sla_eval **out, struct px_err *err);
void px_sla_eval_free(struct px_sla_eval *ev);
/* The clocks of the case of row id at the time at, by px_sla_clock_name
 * order; a case no policy watches has none.  No permission is checked:
 * the caller reads cases of the acting user's hospitals only. */
int px_sla_eval_case(struct px_sla_eval *ev, int64_t case_id, int64_t at,
		     struct px_sla_figure out[PX_SLA_CLOCKS], struct px_err *err);
/* The due time of clock (a px_sla_clock_name) for a case of kind,
 * hospital and source with the default severity and priority, started
 * at from and never paused: a loop on a negative survey before anyone
 * acts on it.  1 with *due (and *policy, when asked) when a policy gives
 * the clock a target, 0 when none does, -1 with err. */
int px_sla_eval_due(struct px_sla_eval *ev, const char *kind, int64_t hospital_id,
		    const char *hospital, const char *source, const char *clock, int64_t from,
		    int64_t *due, const struct px_sla_policy **policy, struct px_err *err);
/* A target as the policy file writes it ("48h", "16bh"). */
void px_sla_target_text(const struct px_sla_target *t, char *buf, size_t size);

/* --- verbs (px-sla(1)) --- */

/* Reminds, marks breaches and escalates, once each per case and clock,
 * for every open case in the acting user's hospitals (staff or above),
 * once the PX_EV_SLA_CHECK hooks have opened the cases px opens itself
 * (counts[4]), one transaction per case: records sla.reminder, sla.breach and
 * sla.escalation, and their messages queued in the outbox, held to the
 * recipient's business hours.  *counts: cases seen, reminders, breaches,
 * escalations, cases opened. */
int px_sla_check(struct px_ctx *cx, long counts[5], struct px_err *err);
/* Every clock of a case (record sla.clock); explain: also the spans it
 * ran (sla.span). */
int px_sla_show(struct px_ctx *cx, const char *ref, int explain, struct px_err *err);
/* The due time of hours (business hours of the calendar, or wall-clock
 * hours when business is 0) from a time: a record sla.due. */
int px_sla_due(struct px_ctx *cx, int64_t from, double hours, int business,
	       const char *calendar, struct px_err *err);

/* The policies (sla.policy records), one by name, the one a case gets
 * and why. */
int px_sla_policy_list(struct px_ctx *cx, struct px_err *err);
int px_sla_policy_show(struct px_ctx *cx, const char *name, struct px_err *err);
int px_sla_policy_explain(struct px_ctx *cx, const char *ref, struct px_err *err);

/* Calendars: the files (sla.calendar records), one with its hours and
 * holidays, a hospital's choice, and a site's own holidays (hospital_admin
 * of the hospital that uses the calendar, or px_admin). */
int px_sla_calendar_list(struct px_ctx *cx, struct px_err *err);
int px_sla_calendar_show(struct px_ctx *cx, const char *name, struct px_err *err);
int px_sla_calendar_set(struct px_ctx *cx, const char *hospital, const char *name,
			struct px_err *err);
int px_sla_holiday_add(struct px_ctx *cx, const char *calendar, const char *from,
		       const char *to, const char *name, struct px_err *err);
int px_sla_holiday_remove(struct px_ctx *cx, const char *calendar, const char *from,
			  struct px_err *err);

#endif
