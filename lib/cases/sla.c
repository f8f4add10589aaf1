/*
 * sla.c - policies, clocks derived from a case's timeline, and the check
 * that reminds, marks breaches and escalates (sla.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/calendar.h"
#include "base/civil.h"
#include "base/config.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/wordfile.h"
#include "cases/internal.h"
#include "cases/sla.h"
#include "cases/workflow.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/org.h"
#include "messages/notify.h"
#include "store/store.h"
#include "base/banned.h"

/* ---------- durations ---------- */

/* "24bh" (business hours), "30bm", "48h", "2d", "90m": seconds, and
 * whether of business time.  -1 when malformed. */
static int duration(const char *s, int64_t *out, int *business)
{
	char *end;
	long long n = strtoll(s, &end, 10);
	if (end == s || n < 0 || n > 100000)
		return -1;
	*business = 0;
	if (*end == 'b') {
		*business = 1;
		end++;
	}
	int64_t unit = !strcmp(end, "h") ? 3600 : !strcmp(end, "m") ? 60
		       : !strcmp(end, "d") && !*business ? 86400 : 0;
	if (!unit)
		return -1;
	*out = n * unit;
	return 0;
}

void px_sla_target_text(const struct px_sla_target *t, char *buf, size_t size)
{
	int64_t s = t->seconds;
	const char *b = t->business ? "b" : "";
	if (s % 3600 == 0)
		snprintf(buf, size, "%lld%sh", (long long)(s / 3600), b);
	else
		snprintf(buf, size, "%lld%sm", (long long)(s / 60), b);
}

/* ---------- the policy file ---------- */

struct parse {
	struct px_sla_policies *ps;
	const char *path;
	size_t cap;
};

static int bad(const struct parse *p, long line, struct px_err *err, const char *fmt,
	       const char *a)
{
	char text[256];
	snprintf(text, sizeof text, fmt, a ? a : "");
	return px_fail_at(err, PX_EINPUT, p->path, line, "%s", text);
}

/* A comma-separated list of wall-clock durations, at most max. */
static int offsets(const char *v, int64_t *out, int max, int *n)
{
	char buf[256];
	px_strlcpy(buf, v, sizeof buf);
	*n = 0;
	char *save = NULL;
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int business;
		if (*n == max || duration(t, &out[*n], &business) || business)
			return -1;
		(*n)++;
	}
	return *n ? 0 : -1;
}

static int set_word(char *dst, size_t size, const char *v)
{
	if (!*v || strlen(v) >= size)
		return -1;
	px_strlcpy(dst, v, size);
	return 0;
}

/* Reminders 24 and 6 hours before, levels at 0, 24 and 48 hours after
 * the breach. */
static void policy_defaults(struct px_sla_policy *pol)
{
	pol->reminders[0] = 24 * 3600;
	pol->reminders[1] = 6 * 3600;
	pol->nreminders = 2;
	pol->escalate[0] = 0;
	pol->escalate[1] = 24 * 3600;
	pol->escalate[2] = 48 * 3600;
	pol->nescalate = 3;
}

static void policy_add(struct px_sla_policies *ps, size_t *cap, const struct px_sla_policy *pol)
{
	if ((size_t)ps->n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		ps->p = px_xrealloc(ps->p, *cap * sizeof *ps->p);
	}
	ps->p[ps->n++] = *pol;
}

static int policy_line(char **w, int n, long line, void *vp, struct px_err *err)
{
	struct parse *p = vp;
	if (strcmp(w[0], "policy"))
		return bad(p, line, err, "unknown line '%s' (policy)", w[0]);
	if (n < 3)
		return bad(p, line, err, "'policy' needs a name and KEY=VALUE words%s", NULL);
	struct px_sla_policy pol = { .line = line };
	if (set_word(pol.name, sizeof pol.name, w[1]) || strchr(w[1], '='))
		return bad(p, line, err, "bad policy name '%s'", w[1]);
	for (int i = 0; i < p->ps->n; i++)
		if (!strcmp(p->ps->p[i].name, pol.name))
			return bad(p, line, err, "a second policy '%s'", pol.name);
	policy_defaults(&pol);
	for (int i = 2; i < n; i++) {
		char *eq = strchr(w[i], '=');
		if (!eq)
			return bad(p, line, err, "'%s' is not KEY=VALUE", w[i]);
		*eq = '\0';
		const char *k = w[i], *v = eq + 1;
		int rc = 0;
		if (!strcmp(k, "kind"))
			rc = set_word(pol.kind, sizeof pol.kind, v);
		else if (!strcmp(k, "hospital"))
			rc = set_word(pol.hospital, sizeof pol.hospital, v);
		else if (!strcmp(k, "source"))
			rc = set_word(pol.source, sizeof pol.source, v);
		else if (!strcmp(k, "severity"))
			rc = set_word(pol.severity, sizeof pol.severity, v);
		else if (!strcmp(k, "priority"))
			rc = set_word(pol.priority, sizeof pol.priority, v);
		else if (!strcmp(k, "calendar"))
			rc = set_word(pol.calendar, sizeof pol.calendar, v);
		else if (!strcmp(k, "response") || !strcmp(k, "resolution")) {
			struct px_sla_target *t = !strcmp(k, "response") ? &pol.response
							: &pol.resolution;
			if (duration(v, &t->seconds, &t->business) || !t->seconds)
				return bad(p, line, err, "bad duration '%s' (24bh business hours, "
					   "48h, 2d or 90m of the clock)", v);
		} else if (!strcmp(k, "reminders")) {
			if (!strcmp(v, "none"))
				pol.nreminders = 0;
			else if (offsets(v, pol.reminders, PX_SLA_REMINDERS, &pol.nreminders))
				return bad(p, line, err, "bad reminders '%s' (hours of the clock "
					   "before the due time: 24h,6h, or none)", v);
		} else if (!strcmp(k, "escalate")) {
			if (!strcmp(v, "none"))
				pol.nescalate = 0;
			else if (offsets(v, pol.escalate, PX_SLA_LEVELS, &pol.nescalate))
				return bad(p, line, err, "bad escalate '%s' (hours of the clock after "
					   "the breach, one per level, at most three: 0h,24h,48h)", v);
		} else
			return bad(p, line, err, "unknown key '%s' (kind, hospital, source, severity, "
				   "priority, response, resolution, reminders, escalate, calendar)", k);
		if (rc)
			return bad(p, line, err, "bad value for '%s'", k);
	}
	if (!pol.kind[0])
		return bad(p, line, err, "policy '%s' needs kind=KIND", pol.name);
	if (!pol.response.seconds && !pol.resolution.seconds)
		return bad(p, line, err, "policy '%s' needs response= or resolution=", pol.name);
	policy_add(p->ps, &p->cap, &pol);
	return PX_OK;
}

int px_sla_policies_load(const char *path, struct px_sla_policies **out, struct px_err *err)
{
	struct px_sla_policies *ps = px_xcalloc(1, sizeof *ps);
	px_strlcpy(ps->path, path, sizeof ps->path);
	struct parse p = { .ps = ps, .path = path };
	int rc = px_wordfile_read(path, PX_WORDFILE_WORDS, policy_line, &p, err);
	if (rc) {
		px_sla_policies_free(ps);
		ps = NULL;
	}
	*out = ps;
	return rc;
}

int px_sla_policies_open(struct px_ctx *cx, struct px_sla_policies **out, struct px_err *err)
{
	char buf[512];
	const char *path = px_config_get(cx->cfg, "sla.policies", NULL);
	if (!path)
		path = px_config_datadir("sla/policies", buf, sizeof buf);
	int rc = px_sla_policies_load(path, out, err);
	if (rc)
		return rc;
	/* the contact target of the loop on a negative survey, unless the
	 * file has a policy for it */
	struct px_sla_policies *ps = *out;
	for (int i = 0; i < ps->n; i++)
		if (!strcmp(ps->p[i].kind, "followup"))
			return PX_OK;
	struct px_sla_policy pol = { .name = "followup", .kind = "followup" };
	policy_defaults(&pol);
	pol.response.seconds = px_config_num(cx->cfg, "contact.target_hours") * 3600;
	size_t cap = (size_t)ps->n;
	policy_add(ps, &cap, &pol);
	return PX_OK;
}

void px_sla_policies_free(struct px_sla_policies *ps)
{
	if (!ps)
		return;
	free(ps->p);
	free(ps);
}

/* How specific a policy is: what it names, weighed. */
static int weight(const struct px_sla_policy *p)
{
	return (p->hospital[0] ? 16 : 0) + (p->source[0] ? 8 : 0) + (p->severity[0] ? 4 : 0) +
	       (p->priority[0] ? 2 : 0);
}

static int fits(const char *want, const char *have)
{
	return !*want || (have && !strcmp(want, have));
}

const struct px_sla_policy *px_sla_match(const struct px_sla_policies *ps, const char *kind,
					 const char *hospital, const char *source,
					 const char *severity, const char *priority)
{
	const struct px_sla_policy *best = NULL;
	for (int i = 0; i < ps->n; i++) {
		const struct px_sla_policy *p = &ps->p[i];
		if (strcmp(p->kind, kind) || !fits(p->hospital, hospital) ||
		    !fits(p->source, source) || !fits(p->severity, severity) ||
		    !fits(p->priority, priority))
			continue;
		if (!best || weight(p) > weight(best))
			best = p;
	}
	return best;
}

/* ---------- calendars ---------- */

/* The site's holidays of the calendar, laid on it. */
static int site_holidays(struct px_ctx *cx, const char *name, struct px_calendar *cal,
			 struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT first_day, last_day, name FROM calendar_holidays WHERE calendar = ?1 "
		"ORDER BY first_day", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, name);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		int y1, m1, d1, y2, m2, d2;
		if (sscanf(px_stmt_col_text(s, 0), "%d-%d-%d", &y1, &m1, &d1) != 3 ||
		    sscanf(px_stmt_col_text(s, 1), "%d-%d-%d", &y2, &m2, &d2) != 3) {
			px_stmt_reset(s);
			return px_fail(err, PX_ESTORE, "calendar %s: a holiday with a bad date", name);
		}
		if (px_calendar_add_holiday(cal, y1, m1, d1, y2, m2, d2, px_stmt_col_text(s, 2),
					    err)) {
			px_stmt_reset(s);
			return err->code ? err->code : PX_ESTORE;
		}
	}
	return rc < 0 ? err->code : PX_OK;
}

/* The calendar name with the site's holidays (none without a store). */
static int calendar_load(struct px_ctx *cx, const char *name, struct px_calendar **out,
			 struct px_err *err)
{
	int rc = px_calendar_find(cx->cfg, name, out, err);
	if (!rc && cx->st && (rc = site_holidays(cx, name, *out, err))) {
		px_calendar_free(*out);
		*out = NULL;
	}
	return rc;
}

int px_sla_calendar(struct px_ctx *cx, int64_t hospital_id, const char *name,
		    struct px_calendar **out, char used[PX_SLA_NAME], struct px_err *err)
{
	char chosen[PX_SLA_NAME] = "saudi";
	if (name && *name) {
		px_strlcpy(chosen, name, sizeof chosen);
	} else if (hospital_id) {
		struct px_stmt *s = px_stmt_prepare(cx->st,
			"SELECT calendar FROM hospital_calendars WHERE hospital_id = ?1", err);
		if (!s)
			return err->code;
		px_stmt_int(s, 1, hospital_id);
		int rc = px_stmt_step(s, err);
		if (rc == 1)
			px_strlcpy(chosen, px_stmt_col_text(s, 0), sizeof chosen);
		px_stmt_reset(s);
		if (rc < 0)
			return err->code;
	}
	if (used)
		px_strlcpy(used, chosen, PX_SLA_NAME);
	return calendar_load(cx, chosen, out, err);
}

/* ---------- clocks ---------- */

enum clock_state { CLOCK_NONE, CLOCK_RUNNING, CLOCK_PAUSED, CLOCK_STOPPED };
static const char *const clock_states[] = { "not_started", "running", "paused", "stopped" };

/* A span of time a clock ran. */
struct span {
	int64_t from, to;       /* to: now for the span still running */
	int64_t used;           /* of it, time that counts */
};

/* A clock as its case's timeline leaves it at now. */
struct clock {
	const char *name;
	struct px_sla_target target;
	enum clock_state state;
	int64_t started;        /* first start */
	int64_t used;           /* time counted so far, the running span's too */
	int64_t due;            /* when the target is (or was) reached; 0: none yet */
	int reached;            /* the target was reached by now */
	int64_t since;          /* start of the running span */
	struct span *spans;
	int nspans;
};

static void clock_free(struct clock *c)
{
	free(c->spans);
	c->spans = NULL;
	c->nspans = 0;
}

/* Time a span counts: business time of the calendar, or all of it. */
static int64_t counted(const struct clock *c, const struct px_calendar *cal, int64_t a,
		       int64_t b)
{
	return b <= a ? 0 : c->target.business ? px_calendar_between(cal, a, b) : b - a;
}

/* The instant n counted seconds after t. */
static int add_counted(const struct clock *c, const struct px_calendar *cal, int64_t t,
		       int64_t n, int64_t *out, struct px_err *err)
{
	if (!c->target.business) {
		*out = t + n;
		return PX_OK;
	}
	return px_calendar_add(cal, t, n, out, err);
}

/* Closes the running span at t, and finds the due time in it when the
 * target is reached within it. */
static int close_span(struct clock *c, const struct px_calendar *cal, int64_t t,
		      struct px_err *err)
{
	int64_t got = counted(c, cal, c->since, t);
	c->spans = px_xrealloc(c->spans, (size_t)(c->nspans + 1) * sizeof *c->spans);
	c->spans[c->nspans++] = (struct span){ c->since, t, got };
	if (c->target.seconds && !c->due && c->used + got >= c->target.seconds) {
		int rc = add_counted(c, cal, c->since, c->target.seconds - c->used, &c->due, err);
		if (rc)
			return rc;
	}
	c->used += got;
	return PX_OK;
}

/* Whether a timeline entry concerns the clock: its own start, pause and
 * stop, and for the response clock the first word to the person and the
 * first move out of the state the case was opened in. */
struct clock_walk {
	struct clock *c;
	const struct px_calendar *cal;
	int64_t now;
	int rc;
	struct px_err *err;
};

static int clock_event(struct px_stmt *s, void *vw)
{
	struct clock_walk *w = vw;
	struct clock *c = w->c;
	const char *type = px_stmt_col_text(s, 0), *verb = px_stmt_col_text(s, 1);
	int64_t at;
	if (px_time_parse(px_stmt_col_text(s, 2), &at) || at > w->now)
		return 0;
	int start = !strcmp(type, "clock") && !strcmp(verb, "start");
	int pause = !strcmp(type, "clock") && !strcmp(verb, "pause");
	int stop = !start && !pause; /* a clock stop, or a communication */
	if (start && c->state != CLOCK_RUNNING) {
		if (c->state == CLOCK_NONE)
			c->started = at;
		c->state = CLOCK_RUNNING;
		c->since = at;
	} else if ((pause || stop) && c->state == CLOCK_RUNNING) {
		if ((w->rc = close_span(c, w->cal, at, w->err)))
			return w->rc;
		c->state = pause ? CLOCK_PAUSED : CLOCK_STOPPED;
	} else if (stop && c->state == CLOCK_PAUSED) {
		c->state = CLOCK_STOPPED;
	}
	return 0;
}

/* The clock name of case_id at now, its target given. */
static int clock_derive(struct px_ctx *cx, int64_t case_id, const char *name,
			const struct px_sla_target *target, const struct px_calendar *cal,
			int64_t now, struct clock *c, struct px_err *err)
{
	memset(c, 0, sizeof *c);
	c->name = name;
	c->target = *target;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT type, coalesce(verb, ''), at FROM case_timeline WHERE case_id = ?1 "
		"AND ((type = 'clock' AND text = ?2 AND verb IN ('start', 'pause', 'stop')) "
		"OR (?2 = 'response' AND (type = 'communication' OR (type = 'transition' "
		"AND old_state = (SELECT o.new_state FROM case_timeline o WHERE o.case_id = ?1 "
		"AND o.type = 'created'))))) "
		"ORDER BY id", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, case_id);
	px_stmt_text(s, 2, name);
	struct clock_walk w = { c, cal, now, PX_OK, err };
	int rc = px_stmt_each(s, clock_event, &w, err);
	if (!rc)
		rc = w.rc;
	if (rc)
		return rc;
	if (c->state == CLOCK_RUNNING) {
		/* the running span so far; the due time ahead when not reached */
		int64_t since = c->since, used = c->used;
		if ((rc = close_span(c, cal, now, err)))
			return rc;
		if (c->target.seconds && !c->due &&
		    (rc = add_counted(c, cal, since, c->target.seconds - used, &c->due, err)))
			return rc;
	}
	c->reached = c->due && c->due <= now;
	return PX_OK;
}

/* ---------- a case as the check reads it ---------- */

struct sla_case {
	int64_t id, hospital_id, department_id, owner_department_id;
	char pid[PX_ID_LEN], ref[PX_CASE_REF_LEN], kind[PX_WF_NAME], state[PX_WF_NAME];
	char hospital[40], source[40], severity[16], priority[16];
	char owner[128];
	int64_t opened;
};

#define SLA_CASE_SELECT                                                                   \
	"SELECT c.id, c.hospital_id, coalesce(c.department_id, 0), "                       \
	"coalesce(c.owner_department_id, 0), c.public_id, c.ref, c.kind, c.state, h.code, " \
	"c.source, c.severity, c.priority, coalesce(c.owner, ''), c.created_at "             \
	"FROM cases c JOIN hospitals h ON h.id = c.hospital_id "

static void sla_case_read(struct px_stmt *s, struct sla_case *k)
{
	memset(k, 0, sizeof *k);
	k->id = px_stmt_col_int(s, 0);
	k->hospital_id = px_stmt_col_int(s, 1);
	k->department_id = px_stmt_col_int(s, 2);
	k->owner_department_id = px_stmt_col_int(s, 3);
	px_strlcpy(k->pid, px_stmt_col_text(s, 4), sizeof k->pid);
	px_strlcpy(k->ref, px_stmt_col_text(s, 5), sizeof k->ref);
	px_strlcpy(k->kind, px_stmt_col_text(s, 6), sizeof k->kind);
	px_strlcpy(k->state, px_stmt_col_text(s, 7), sizeof k->state);
	px_strlcpy(k->hospital, px_stmt_col_text(s, 8), sizeof k->hospital);
	px_strlcpy(k->source, px_stmt_col_text(s, 9), sizeof k->source);
	px_strlcpy(k->severity, px_stmt_col_text(s, 10), sizeof k->severity);
	px_strlcpy(k->priority, px_stmt_col_text(s, 11), sizeof k->priority);
	px_strlcpy(k->owner, px_stmt_col_text(s, 12), sizeof k->owner);
	if (px_time_parse(px_stmt_col_text(s, 13), &k->opened))
		k->opened = 0;
}

static const struct px_sla_target *target_of(const struct px_sla_policy *p, const char *clock)
{
	return !strcmp(clock, "response") ? &p->response : &p->resolution;
}

static const char *const clock_names[] = { "response", "resolution" };

/* A record about a case's clock: type, the case, the clock and its due
 * time (caller frees). */
static struct px_rec *clock_rec(const char *type, const struct sla_case *k,
				const struct px_sla_policy *p, const struct clock *c)
{
	char due[PX_TIME_UTC_LEN] = "", target[32];
	struct px_rec *r = px_rec_new(type);
	px_rec_set_str(r, "case", k->pid);
	px_rec_set_str(r, "ref", k->ref);
	px_rec_set_str(r, "kind", k->kind);
	px_rec_set_str(r, "hospital", k->hospital);
	px_rec_set_str(r, "clock", c->name);
	px_rec_set_str(r, "policy", p->name);
	px_sla_target_text(&c->target, target, sizeof target);
	px_rec_set_str(r, "target", target);
	if (c->due) {
		px_time_format_utc(c->due, due);
		px_rec_set_str(r, "due_at", due);
	} else {
		px_rec_set_null(r, "due_at");
	}
	return r;
}

/* ---------- recipients ---------- */



/* ---------- the check ---------- */

struct cal_cache {
	int64_t hospital_id;
	char name[PX_SLA_NAME];     /* the policy's, or "" for the hospital's */
	struct px_calendar *cal;
};

struct check {
	struct px_ctx *cx;
	struct px_sla_policies *ps;
	struct px_workflow **wfs;
	int nwfs;
	struct cal_cache *cals;
	int ncals;
	int64_t now;
	char at[PX_TIME_UTC_LEN];
	long *counts;
	struct px_buf names;
};

static void check_free(struct check *ck)
{
	for (int i = 0; i < ck->nwfs; i++)
		px_workflow_free(ck->wfs[i]);
	free(ck->wfs);
	for (int i = 0; i < ck->ncals; i++)
		px_calendar_free(ck->cals[i].cal);
	free(ck->cals);
	px_sla_policies_free(ck->ps);
	px_buf_free(&ck->names);
}

static int cached_calendar(struct check *ck, int64_t hospital_id, const char *name,
			   const struct px_calendar **out, struct px_err *err)
{
	for (int i = 0; i < ck->ncals; i++)
		if (ck->cals[i].hospital_id == hospital_id && !strcmp(ck->cals[i].name, name)) {
			*out = ck->cals[i].cal;
			return PX_OK;
		}
	struct px_calendar *cal;
	int rc = px_sla_calendar(ck->cx, hospital_id, name, &cal, NULL, err);
	if (rc)
		return rc;
	ck->cals = px_xrealloc(ck->cals, (size_t)(ck->ncals + 1) * sizeof *ck->cals);
	struct cal_cache *e = &ck->cals[ck->ncals++];
	e->hospital_id = hospital_id;
	px_strlcpy(e->name, name, sizeof e->name);
	e->cal = cal;
	*out = cal;
	return PX_OK;
}

/* The workflow of a kind, read once a run; NULL with err for a kind
 * without one. */
static const struct px_workflow *cached_workflow(struct check *ck, const char *kind,
						 struct px_err *err)
{
	for (int i = 0; i < ck->nwfs; i++)
		if (!strcmp(ck->wfs[i]->kind, kind))
			return ck->wfs[i];
	struct px_workflow *wf;
	if (px_case_workflow(ck->cx, kind, &wf, err))
		return NULL;
	ck->wfs = px_xrealloc(ck->wfs, (size_t)(ck->nwfs + 1) * sizeof *ck->wfs);
	ck->wfs[ck->nwfs++] = wf;
	return wf;
}

/* Makes the mark once: 1 when this check made it, 0 when it was made. */
static int mark(struct check *ck, const struct sla_case *k, const struct px_sla_policy *p,
		const struct clock *c, const char *what, struct px_err *err)
{
	char due[PX_TIME_UTC_LEN];
	px_time_format_utc(c->due, due);
	struct px_stmt *s = px_stmt_prepare(ck->cx->st,
		"INSERT INTO sla_marks (case_id, clock, mark, due_at, policy, made_at, made_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, k->id);
	px_stmt_text(s, 2, c->name);
	px_stmt_text(s, 3, what);
	px_stmt_text(s, 4, due);
	px_stmt_text(s, 5, p->name);
	px_stmt_text(s, 6, ck->at);
	px_stmt_text(s, 7, ck->cx->actor->name);
	if (px_stmt_run(s, err))
		return -1;
	return px_store_changes(ck->cx->st) > 0;
}

/* The messages of a mark to the users of a level, held to the business
 * hours of the case's hospital; their names in rec's "to". */
static int notify_level(struct check *ck, const struct sla_case *k, const struct clock *c,
			const char *what, const char *tpl, int level, struct px_rec *rec,
			struct px_err *err)
{
	int n, rc = px_kase_staff(ck->cx, k->hospital_id, k->department_id, k->owner_department_id,
				   k->owner, level, &ck->names, &n, err);
	if (rc)
		return rc;
	const struct px_calendar *hcal;
	if ((rc = cached_calendar(ck, k->hospital_id, "", &hcal, err)))
		return rc;
	char open[PX_TIME_UTC_LEN], due[PX_TIME_LOCAL_LEN], lvl[16];
	int64_t opens = px_calendar_next_open(hcal, ck->now);
	px_time_format_utc(opens == PX_CALENDAR_NEVER ? ck->now : opens, open);
	px_time_format_local(c->due, due);
	snprintf(lvl, sizeof lvl, "%d", level);
	struct px_buf to = { 0 };
	const char *name = ck->names.s;
	for (int i = 0; i < n && !rc; i++, name += strlen(name) + 1) {
		char *key = px_xasprintf("sla:%s:%s:%s:%s", k->ref, c->name, what, name);
		struct px_rec *v = px_rec_new(NULL);
		px_rec_set_str(v, "complaint", k->ref);
		px_rec_set_str(v, "clock", c->name);
		px_rec_set_str(v, "due", due);
		px_rec_set_str(v, "level", lvl);
		rc = px_kase_tell_user(ck->cx, name, key, tpl, k->ref, k->hospital, v, open, 0, err);
		free(key);
		if (to.len)
			px_buf_addc(&to, ',');
		px_buf_adds(&to, name);
	}
	if (!rc)
		px_rec_set_str(rec, "to", to.len ? to.s : "");
	px_buf_free(&to);
	return rc;
}

/* A timeline entry of the check. */
static int check_timeline(struct check *ck, const struct sla_case *k, const char *type,
			  const char *verb, const char *text, const struct px_rec *data,
			  struct px_err *err)
{
	char *json = data ? px_rec_dump(data) : NULL;
	int rc = px_kase_timeline(ck->cx, k->id, ck->at, type, verb, NULL, NULL, text, json, err);
	free(json);
	return rc;
}

/* The clock's target and running due time as sla_clocks keeps them. */
static void clock_texts(const struct clock *c, char target[32], char due[PX_TIME_UTC_LEN])
{
	px_sla_target_text(&c->target, target, 32);
	due[0] = '\0';
	if (c->due && c->state == CLOCK_RUNNING)
		px_time_format_utc(c->due, due);
}

/* What the last check found for the clock (sla_clocks) against what it
 * is now: *same when its policy, target and due time are all as they
 * were; *changed, with the earlier "policy (target)" in was, when its
 * policy or target differ. */
struct clock_then {
	int same, changed;
	char target[32], due[PX_TIME_UTC_LEN];
	char was[2 * PX_SLA_NAME + 8];
};

static int clock_then(struct check *ck, const struct sla_case *k, const struct px_sla_policy *p,
		      const struct clock *c, struct clock_then *t, struct px_err *err)
{
	memset(t, 0, sizeof *t);
	clock_texts(c, t->target, t->due);
	struct px_stmt *s = px_stmt_prepare(ck->cx->st,
		"SELECT policy, target, coalesce(due_at, '') FROM sla_clocks WHERE case_id = ?1 "
		"AND clock = ?2", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, k->id);
	px_stmt_text(s, 2, c->name);
	int rc = px_stmt_step(s, err);
	t->changed = rc == 1 && (strcmp(px_stmt_col_text(s, 0), p->name) ||
				 strcmp(px_stmt_col_text(s, 1), t->target));
	t->same = rc == 1 && !t->changed && !strcmp(px_stmt_col_text(s, 2), t->due);
	if (t->changed)
		snprintf(t->was, sizeof t->was, "%s (%s)", px_stmt_col_text(s, 0),
			 px_stmt_col_text(s, 1));
	px_stmt_reset(s);
	return rc < 0 ? err->code : PX_OK;
}

/* The policy and due time the clock had at the last check: a change is
 * written on the timeline. */
static int sync_clock(struct check *ck, const struct sla_case *k, const struct px_sla_policy *p,
		      const struct clock *c, struct px_err *err)
{
	struct clock_then t;
	int rc = clock_then(ck, k, p, c, &t, err);
	if (rc || t.same)
		return rc;
	struct px_stmt *s = px_stmt_prepare(ck->cx->st,
		"INSERT INTO sla_clocks (case_id, clock, policy, target, due_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (case_id, clock) DO UPDATE SET "
		"policy = excluded.policy, target = excluded.target, due_at = excluded.due_at", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, k->id);
	px_stmt_text(s, 2, c->name);
	px_stmt_text(s, 3, p->name);
	px_stmt_text(s, 4, t.target);
	px_stmt_text(s, 5, *t.due ? t.due : NULL);
	if ((rc = px_stmt_run(s, err)) || !t.changed)
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "was", t.was);
	px_rec_set_str(d, "policy", p->name);
	px_rec_set_str(d, "target", t.target);
	if (*t.due)
		px_rec_set_str(d, "due_at", t.due);
	rc = check_timeline(ck, k, "clock", "policy", c->name, d, err);
	px_rec_free(d);
	return rc;
}

/* A mark whose time has come for a clock. */
enum due_kind { DUE_REMINDER, DUE_BREACH, DUE_ESCALATION };
struct due_mark {
	enum due_kind kind;
	int i;                  /* the reminder's or the level's index */
	char what[32];          /* its name in sla_marks */
};
#define DUE_MAX (PX_SLA_REMINDERS + 1 + PX_SLA_LEVELS)

/* The marks whose time has come at the check's time: before the due time
 * the reminders (*nearest: the one nearest the due time, the only one
 * that sends when a check comes late), after it the breach and, while
 * the clock has not stopped, each escalation level whose delay has
 * passed.  A clock that started before its case was opened (a negative
 * survey's, from its completion) has no reminder or level whose time
 * came before the opening: nobody is chased for what fell due before px
 * knew of the case; its breach is still marked.  Their number. */
static int due_marks(const struct check *ck, const struct sla_case *k,
		     const struct px_sla_policy *p, const struct clock *c,
		     struct due_mark out[DUE_MAX], int *nearest)
{
	int n = 0;
	*nearest = -1;
	if (!c->due)
		return 0;
	int64_t quiet = c->started < k->opened ? k->opened : INT64_MIN;
	if (c->state == CLOCK_RUNNING && !c->reached) {
		for (int i = 0; i < p->nreminders; i++) {
			if (ck->now < c->due - p->reminders[i] || c->due - p->reminders[i] < quiet)
				continue;
			if (*nearest < 0 || p->reminders[i] < p->reminders[out[*nearest].i])
				*nearest = n;
			out[n] = (struct due_mark){ DUE_REMINDER, i, "" };
			snprintf(out[n++].what, sizeof out[0].what, "reminder:%lld",
				 (long long)p->reminders[i]);
		}
		return n;
	}
	if (!c->reached)
		return 0;
	out[n++] = (struct due_mark){ DUE_BREACH, 0, "breach" };
	for (int i = 0; i < p->nescalate && c->state != CLOCK_STOPPED; i++) {
		if (ck->now < c->due + p->escalate[i] || c->due + p->escalate[i] < quiet)
			continue;
		out[n] = (struct due_mark){ DUE_ESCALATION, i, "" };
		snprintf(out[n++].what, sizeof out[0].what, "escalation:%d", i + 1);
	}
	return n;
}

/* The record of a mark made, to print once the case's transaction
 * commits (and counted), or dropped when rc says the mark failed. */
static int made_rec(struct check *ck, struct px_rec *r, int rc, int counter)
{
	if (rc) {
		px_rec_free(r);
		return rc;
	}
	px_emit_after(ck->cx, r);
	ck->counts[counter]++;
	return PX_OK;
}

/* A reminder made: its record, message and timeline entry. */
static int send_reminder(struct check *ck, const struct sla_case *k, const struct px_sla_policy *p,
			 const struct clock *c, const struct due_mark *m, struct px_err *err)
{
	struct px_rec *r = clock_rec("sla.reminder", k, p, c);
	char before[32];
	struct px_sla_target b = { p->reminders[m->i], 0 };
	px_sla_target_text(&b, before, sizeof before);
	px_rec_set_str(r, "before", before);
	int rc = notify_level(ck, k, c, m->what, "sla_reminder", 0, r, err);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "clock", c->name);
	px_rec_set_str(d, "before", before);
	if (!rc)
		rc = check_timeline(ck, k, "message", NULL, "sla_reminder", d, err);
	px_rec_free(d);
	return made_rec(ck, r, rc, 1);
}

/* A breach made: its record and timeline entry. */
static int send_breach(struct check *ck, const struct sla_case *k, const struct px_sla_policy *p,
		       const struct clock *c, struct px_err *err)
{
	struct px_rec *r = clock_rec("sla.breach", k, p, c);
	int rc = check_timeline(ck, k, "clock", "breach", c->name, NULL, err);
	return made_rec(ck, r, rc, 2);
}

/* An escalation level made: its record, messages and timeline entry. */
static int send_escalation(struct check *ck, const struct sla_case *k,
			   const struct px_sla_policy *p, const struct clock *c,
			   const struct due_mark *m, struct px_err *err)
{
	struct px_rec *r = clock_rec("sla.escalation", k, p, c);
	px_rec_set_int(r, "level", m->i + 1);
	int rc = notify_level(ck, k, c, m->what, "sla_escalation", m->i + 1, r, err);
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_int(d, "level", m->i + 1);
	px_rec_set_str(d, "to", px_rec_get(r, "to"));
	if (!rc)
		rc = check_timeline(ck, k, "clock", "escalate", c->name, d, err);
	px_rec_free(d);
	return made_rec(ck, r, rc, 3);
}

/* What the check does about one clock of one case. */
static int check_clock(struct check *ck, const struct sla_case *k, const struct px_sla_policy *p,
		       const struct clock *c, struct px_err *err)
{
	int rc = sync_clock(ck, k, p, c, err);
	struct due_mark due[DUE_MAX];
	int nearest, n = rc ? 0 : due_marks(ck, k, p, c, due, &nearest);
	for (int j = 0; j < n && !rc; j++) {
		int made = mark(ck, k, p, c, due[j].what, err);
		if (made < 0)
			return err->code ? err->code : PX_ESTORE;
		if (!made)
			continue;
		if (due[j].kind == DUE_REMINDER && j == nearest)
			rc = send_reminder(ck, k, p, c, &due[j], err);
		else if (due[j].kind == DUE_BREACH)
			rc = send_breach(ck, k, p, c, err);
		else if (due[j].kind == DUE_ESCALATION)
			rc = send_escalation(ck, k, p, c, &due[j], err);
	}
	return rc;
}

/* Whether the check has something to write about the clock: its policy,
 * target or due time changed since the last check, or a mark whose time
 * has come is not made yet.  1, 0, or -1 with err. */
static int pending(struct check *ck, const struct sla_case *k, const struct px_sla_policy *p,
		   const struct clock *c, struct px_err *err)
{
	struct clock_then t;
	if (clock_then(ck, k, p, c, &t, err))
		return -1;
	if (!t.same)
		return 1;
	struct due_mark want[DUE_MAX];
	int nearest, n = due_marks(ck, k, p, c, want, &nearest);
	if (!n)
		return 0;
	struct px_stmt *s = px_stmt_prepare(ck->cx->st,
		"SELECT mark FROM sla_marks WHERE case_id = ?1 AND clock = ?2", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, k->id);
	px_stmt_text(s, 2, c->name);
	int rc, made = 0;
	while ((rc = px_stmt_step(s, err)) == 1)
		for (int i = 0; i < n; i++)
			made += !strcmp(px_stmt_col_text(s, 0), want[i].what);
	if (rc < 0)
		return -1;
	return made < n;
}

/* One case, in a transaction of its own. */
static int check_case(struct check *ck, const struct sla_case *k, struct px_err *err)
{
	const struct px_sla_policy *p = px_sla_match(ck->ps, k->kind, k->hospital, k->source,
						     k->severity, k->priority);
	if (!p)
		return PX_OK;
	const struct px_workflow *wf = cached_workflow(ck, k->kind, err);
	if (!wf)
		return err->code;
	int st = px_workflow_state(wf, k->state);
	if (st >= 0 && ((wf->final >> st) & 1))
		return PX_OK;
	const struct px_calendar *cal;
	int rc = cached_calendar(ck, k->hospital_id, p->calendar, &cal, err);
	if (rc)
		return rc;
	ck->counts[0]++;
	/* read first: a case with nothing to do takes no write lock */
	int work = 0;
	for (size_t i = 0; i < sizeof clock_names / sizeof *clock_names && !rc && !work; i++) {
		const struct px_sla_target *t = target_of(p, clock_names[i]);
		if (!t->seconds)
			continue;
		struct clock c;
		rc = clock_derive(ck->cx, k->id, clock_names[i], t, cal, ck->now, &c, err);
		if (!rc && c.state != CLOCK_NONE && (work = pending(ck, k, p, &c, err)) < 0)
			rc = err->code ? err->code : PX_ESTORE;
		clock_free(&c);
	}
	if (rc || !work)
		return rc;
	if ((rc = px_store_begin(ck->cx->st, err)))
		return rc;
	for (size_t i = 0; i < sizeof clock_names / sizeof *clock_names && !rc; i++) {
		const struct px_sla_target *t = target_of(p, clock_names[i]);
		if (!t->seconds)
			continue;
		struct clock c;
		rc = clock_derive(ck->cx, k->id, clock_names[i], t, cal, ck->now, &c, err);
		if (!rc && c.state != CLOCK_NONE)
			rc = check_clock(ck, k, p, &c, err);
		clock_free(&c);
	}
	return px_kase_end(ck->cx, rc, err);
}

/* The case of row id, as the check reads it: 1, 0 when gone, -1. */
static int sla_case_load(struct px_ctx *cx, int64_t id, const char *ref, struct sla_case *k,
			 struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, ref
		? SLA_CASE_SELECT "WHERE c.ref = ?2 OR c.public_id = ?2"
		: SLA_CASE_SELECT "WHERE c.id = ?1", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, id);
	px_stmt_text(s, 2, ref);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		sla_case_read(s, k);
	px_stmt_reset(s);
	return rc;
}

int px_sla_check(struct px_ctx *cx, long counts[5], struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "check service levels", err))
		return PX_EPERM;
	memset(counts, 0, 5 * sizeof *counts);
	struct check ck = { .cx = cx, .now = px_now(cx), .counts = counts };
	px_time_format_utc(ck.now, ck.at);
	struct px_ev_check ev = { ck.now, &counts[4] };
	int rc = px_ctx_run_hooks(cx, PX_EV_SLA_CHECK, &ev, err);
	if (rc)
		return rc;
	rc = px_sla_policies_open(cx, &ck.ps, err);
	if (rc) {
		check_free(&ck);
		return rc;
	}
	/* the ids first, then each case in its own transaction, so that no
	 * statement stays open across the writes */
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id, hospital_id FROM cases ORDER BY id", err);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	if (!s)
		rc = -1;
	while (s && (rc = px_stmt_step(s, err)) == 1) {
		if (!px_auth_in_scope(cx->actor, px_stmt_col_int(s, 1)))
			continue;
		if (n == cap)
			ids = px_xrealloc(ids, (cap = cap ? 2 * cap : 1024) * sizeof *ids);
		ids[n++] = px_stmt_col_int(s, 0);
	}
	rc = rc < 0 ? (err->code ? err->code : PX_ESTORE) : PX_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		struct sla_case k;
		int found = sla_case_load(cx, ids[i], NULL, &k, err);
		if (found < 0)
			rc = err->code ? err->code : PX_ESTORE;
		else if (found)
			rc = check_case(&ck, &k, err);
	}
	free(ids);
	check_free(&ck);
	return rc;
}

/* ---------- show, explain, due ---------- */

static void set_time(struct px_rec *r, const char *key, int64_t t)
{
	char buf[PX_TIME_UTC_LEN];
	if (!t) {
		px_rec_set_null(r, key);
		return;
	}
	px_time_format_utc(t, buf);
	px_rec_set_str(r, key, buf);
}

/* Hours with two decimals, as text. */
static void set_hours(struct px_rec *r, const char *key, int64_t seconds)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.2f", (double)seconds / 3600.0);
	px_rec_set_json(r, key, buf);
}

struct span_emit {
	struct px_ctx *cx;
	const char *ref, *clock;
	int rc;
	struct px_err *err;
};

static int emit_open_span(int64_t from, int64_t to, void *vctx)
{
	struct span_emit *e = vctx;
	struct px_rec *r = px_rec_new("sla.open");
	px_rec_set_str(r, "ref", e->ref);
	px_rec_set_str(r, "clock", e->clock);
	set_time(r, "from", from);
	set_time(r, "to", to);
	set_hours(r, "hours", to - from);
	e->rc = px_emit(e->cx, r, e->err);
	px_rec_free(r);
	return e->rc;
}

/* The case ref names, for a viewer of its hospital, and the policies
 * with the one it gets (*p: NULL when none). */
static int case_and_policy(struct px_ctx *cx, const char *ref, struct sla_case *k,
			   struct px_sla_policies **ps, const struct px_sla_policy **p,
			   struct px_err *err)
{
	int rc = sla_case_load(cx, 0, ref, k, err);
	if (rc < 0)
		return err->code ? err->code : PX_ESTORE;
	if (rc == 0)
		return px_fail(err, PX_EINPUT, "unknown case '%s'", ref);
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, k->hospital_id, "read service levels", err))
		return PX_EPERM;
	if ((rc = px_sla_policies_open(cx, ps, err)))
		return rc;
	*p = px_sla_match(*ps, k->kind, k->hospital, k->source, k->severity, k->priority);
	return PX_OK;
}

int px_sla_show(struct px_ctx *cx, const char *ref, int explain, struct px_err *err)
{
	struct sla_case k;
	struct px_sla_policies *ps;
	const struct px_sla_policy *p;
	int rc = case_and_policy(cx, ref, &k, &ps, &p, err);
	if (rc)
		return rc;
	struct px_calendar *cal = NULL;
	char calname[PX_SLA_NAME] = "";
	if (!p)
		rc = px_fail(err, PX_EINPUT, "%s: no service-level policy applies (%s)", k.ref,
			     ps->path);
	else
		rc = px_sla_calendar(cx, k.hospital_id, p->calendar, &cal, calname, err);
	int64_t now = px_now(cx);
	for (size_t i = 0; i < sizeof clock_names / sizeof *clock_names && !rc; i++) {
		const struct px_sla_target *t = target_of(p, clock_names[i]);
		if (!t->seconds)
			continue;
		struct clock c;
		if ((rc = clock_derive(cx, k.id, clock_names[i], t, cal, now, &c, err))) {
			clock_free(&c);
			break;
		}
		struct px_rec *r = clock_rec("sla.clock", &k, p, &c);
		px_rec_set_str(r, "calendar", t->business ? calname : "clock");
		px_rec_set_str(r, "state", clock_states[c.state]);
		set_time(r, "started_at", c.started);
		set_hours(r, "used_hours", c.used);
		set_hours(r, "left_hours", c.target.seconds > c.used ? c.target.seconds - c.used : 0);
		px_rec_set_bool(r, "breached", c.reached);
		int64_t paused = 0;
		for (int j = 1; j < c.nspans; j++)
			paused += c.spans[j].from - c.spans[j - 1].to;
		set_hours(r, "paused_hours", paused);
		rc = px_emit(cx, r, err);
		px_rec_free(r);
		for (int j = 0; j < c.nspans && explain && !rc; j++) {
			struct px_rec *sp = px_rec_new("sla.span");
			px_rec_set_str(sp, "ref", k.ref);
			px_rec_set_str(sp, "clock", c.name);
			set_time(sp, "from", c.spans[j].from);
			set_time(sp, "to", c.spans[j].to);
			set_hours(sp, "counted_hours", c.spans[j].used);
			px_rec_set_bool(sp, "running", c.state == CLOCK_RUNNING && j == c.nspans - 1);
			rc = px_emit(cx, sp, err);
			px_rec_free(sp);
			if (!rc && t->business) {
				struct span_emit e = { cx, k.ref, c.name, PX_OK, err };
				px_calendar_spans(cal, c.spans[j].from, c.spans[j].to, emit_open_span, &e);
				rc = e.rc;
			}
		}
		clock_free(&c);
	}
	px_calendar_free(cal);
	px_sla_policies_free(ps);
	return rc;
}

int px_sla_due(struct px_ctx *cx, int64_t from, double hours, int business,
	       const char *calendar, struct px_err *err)
{
	if (hours < 0 || hours > 100000)
		return px_fail(err, PX_EUSAGE, "--hours must be from 0 to 100000");
	struct px_calendar *cal = NULL;
	char name[PX_SLA_NAME] = "clock";
	int rc = business ? calendar_load(cx, calendar ? calendar : "saudi", &cal, err) : PX_OK;
	if (!rc && business)
		px_strlcpy(name, calendar ? calendar : "saudi", sizeof name);
	int64_t seconds = (int64_t)(hours * 3600.0 + 0.5), due = 0;
	if (!rc)
		rc = business ? px_calendar_add(cal, from, seconds, &due, err)
			      : (due = from + seconds, PX_OK);
	if (!rc) {
		struct px_rec *r = px_rec_new("sla.due");
		set_time(r, "from", from);
		set_hours(r, "hours", seconds);
		px_rec_set_str(r, "calendar", name);
		if (business && px_calendar_next_open(cal, from) != PX_CALENDAR_NEVER)
			set_time(r, "starts_at", px_calendar_next_open(cal, from));
		set_time(r, "due_at", due);
		char local[PX_TIME_LOCAL_LEN];
		px_time_format_local(due, local);
		px_rec_set_str(r, "due_local", local);
		rc = px_emit(cx, r, err);
		px_rec_free(r);
	}
	px_calendar_free(cal);
	return rc;
}

/* ---------- policies ---------- */

static struct px_rec *policy_rec(const struct px_sla_policies *ps, const struct px_sla_policy *p)
{
	char buf[64];
	struct px_rec *r = px_rec_new("sla.policy");
	px_rec_set_str(r, "name", p->name);
	px_rec_set_str(r, "kind", p->kind);
	const char *keys[] = { "hospital", "source", "severity", "priority" };
	const char *vals[] = { p->hospital, p->source, p->severity, p->priority };
	for (int i = 0; i < 4; i++) {
		if (*vals[i])
			px_rec_set_str(r, keys[i], vals[i]);
		else
			px_rec_set_null(r, keys[i]);
	}
	if (p->response.seconds) {
		px_sla_target_text(&p->response, buf, sizeof buf);
		px_rec_set_str(r, "response", buf);
	} else {
		px_rec_set_null(r, "response");
	}
	if (p->resolution.seconds) {
		px_sla_target_text(&p->resolution, buf, sizeof buf);
		px_rec_set_str(r, "resolution", buf);
	} else {
		px_rec_set_null(r, "resolution");
	}
	struct px_buf b = { 0 };
	for (int i = 0; i < p->nreminders; i++) {
		struct px_sla_target t = { p->reminders[i], 0 };
		px_sla_target_text(&t, buf, sizeof buf);
		if (i)
			px_buf_addc(&b, ',');
		px_buf_adds(&b, buf);
	}
	px_rec_set_str(r, "reminders", b.len ? b.s : "none");
	px_buf_reset(&b);
	for (int i = 0; i < p->nescalate; i++) {
		struct px_sla_target t = { p->escalate[i], 0 };
		px_sla_target_text(&t, buf, sizeof buf);
		if (i)
			px_buf_addc(&b, ',');
		px_buf_adds(&b, buf);
	}
	px_rec_set_str(r, "escalate", b.len ? b.s : "none");
	px_buf_free(&b);
	px_rec_set_str(r, "calendar", *p->calendar ? p->calendar : "hospital");
	char *at = p->line ? px_xasprintf("%s:%ld", ps->path, p->line)
			   : px_xasprintf("px.conf contact.target_hours");
	px_rec_set_str(r, "at", at);
	free(at);
	return r;
}

int px_sla_policy_list(struct px_ctx *cx, struct px_err *err)
{
	struct px_sla_policies *ps;
	int rc = px_sla_policies_open(cx, &ps, err);
	for (int i = 0; !rc && i < ps->n; i++) {
		struct px_rec *r = policy_rec(ps, &ps->p[i]);
		rc = px_emit(cx, r, err);
		px_rec_free(r);
	}
	px_sla_policies_free(ps);
	return rc;
}

int px_sla_policy_show(struct px_ctx *cx, const char *name, struct px_err *err)
{
	struct px_sla_policies *ps;
	int rc = px_sla_policies_open(cx, &ps, err);
	const struct px_sla_policy *p = NULL;
	for (int i = 0; !rc && i < ps->n && !p; i++)
		if (!strcmp(ps->p[i].name, name))
			p = &ps->p[i];
	if (!rc && !p)
		rc = px_fail(err, PX_EINPUT, "unknown policy '%s' (%s)", name, ps->path);
	if (!rc) {
		struct px_rec *r = policy_rec(ps, p);
		rc = px_emit(cx, r, err);
		px_rec_free(r);
	}
	px_sla_policies_free(ps);
	return rc;
}

int px_sla_policy_explain(struct px_ctx *cx, const char *ref, struct px_err *err)
{
	struct sla_case k;
	struct px_sla_policies *ps;
	const struct px_sla_policy *best;
	int rc = case_and_policy(cx, ref, &k, &ps, &best, err);
	if (rc)
		return rc;
	/* each policy of the kind: whether it matches, and how specific it is */
	for (int i = 0; !rc && i < ps->n; i++) {
		const struct px_sla_policy *p = &ps->p[i];
		if (strcmp(p->kind, k.kind))
			continue;
		struct px_rec *r = policy_rec(ps, p);
		px_rec_set_str(r, "ref", k.ref);
		int matches = fits(p->hospital, k.hospital) && fits(p->source, k.source) &&
			      fits(p->severity, k.severity) && fits(p->priority, k.priority);
		px_rec_set_bool(r, "matches", matches);
		px_rec_set_int(r, "weight", weight(p));
		px_rec_set_bool(r, "chosen", p == best);
		rc = px_emit(cx, r, err);
		px_rec_free(r);
	}
	if (!rc && !best)
		rc = px_fail(err, PX_EINPUT, "%s: no service-level policy applies (%s)", k.ref,
			     ps->path);
	px_sla_policies_free(ps);
	return rc;
}

/* ---------- calendars ---------- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int px_sla_calendar_list(struct px_ctx *cx, struct px_err *err)
{
	char dbuf[512];
	const char *dir = px_calendar_dir(cx->cfg, dbuf, sizeof dbuf);
	DIR *d = opendir(dir);
	if (!d)
		return px_fail(err, PX_EINPUT, "%s: %s", dir, strerror(errno));
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!px_calendar_name_ok(e->d_name))
			continue;
		names = px_xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = px_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	int rc = PX_OK;
	for (size_t i = 0; i < n; i++) {
		struct px_calendar *cal = NULL;
		if (!rc)
			rc = calendar_load(cx, names[i], &cal, err);
		if (!rc) {
			struct px_rec *r = px_rec_new("sla.calendar");
			px_rec_set_str(r, "name", names[i]);
			px_rec_set_str(r, "zone", px_calendar_zone(cal));
			struct px_stmt *s = px_stmt_prepare(cx->st,
				"SELECT string_agg(code, ',') FROM (SELECT h.code FROM hospital_calendars hc "
				"JOIN hospitals h ON h.id = hc.hospital_id WHERE hc.calendar = ?1 "
				"ORDER BY h.code) AS hs", err);
			if (!s) {
				rc = err->code;
			} else {
				px_stmt_text(s, 1, names[i]);
				if (px_stmt_step(s, err) == 1 && !px_stmt_col_isnull(s, 0))
					px_rec_set_str(r, "hospitals", px_stmt_col_text(s, 0));
				else
					px_rec_set_null(r, "hospitals");
				px_stmt_reset(s);
			}
			if (!rc)
				rc = px_emit(cx, r, err);
			px_rec_free(r);
		}
		px_calendar_free(cal);
		free(names[i]);
	}
	free(names);
	return rc;
}

struct holiday_emit {
	struct px_ctx *cx;
	const char *calendar;
	int rc;
	struct px_err *err;
};

static int emit_holiday(const struct px_calendar_holiday *h, void *vctx)
{
	struct holiday_emit *e = vctx;
	struct px_rec *r = px_rec_new("sla.holiday");
	px_rec_set_str(r, "calendar", e->calendar);
	px_rec_set_str(r, "from", h->from);
	px_rec_set_str(r, "to", h->to);
	px_rec_set_str(r, "name", h->name);
	e->rc = px_emit(e->cx, r, e->err);
	px_rec_free(r);
	return e->rc;
}

int px_sla_calendar_show(struct px_ctx *cx, const char *name, struct px_err *err)
{
	struct px_calendar *cal;
	int rc = calendar_load(cx, name, &cal, err);
	if (rc)
		return rc;
	struct px_rec *r = px_rec_new("sla.calendar");
	px_rec_set_str(r, "name", name);
	px_rec_set_str(r, "zone", px_calendar_zone(cal));
	static const char *const days[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
	for (int d = 0; d < 7; d++) {
		const char *h = px_calendar_hours(cal, d);
		if (*h)
			px_rec_set_str(r, days[d], h);
		else
			px_rec_set_null(r, days[d]);
	}
	rc = px_emit(cx, r, err);
	px_rec_free(r);
	struct holiday_emit e = { cx, name, PX_OK, err };
	if (!rc) {
		px_calendar_holidays(cal, emit_holiday, &e);
		rc = e.rc;
	}
	px_calendar_free(cal);
	return rc;
}

/* Ends a change to calendars: unless rc says it failed, its audit row
 * (details freed here), then the commit, or the rollback. */
static int calendar_done(struct px_ctx *cx, int rc, const char *action, const char *type,
			 const char *object, struct px_rec *details, struct px_err *err)
{
	if (!rc && px_audit_record(cx->st, cx->actor->name, action, type, object, details, err))
		rc = err->code ? err->code : PX_ESTORE;
	px_rec_free(details);
	if (rc) {
		px_store_rollback(cx->st);
		return rc;
	}
	return px_store_commit(cx->st, err);
}

int px_sla_calendar_set(struct px_ctx *cx, const char *hospital, const char *name,
			struct px_err *err)
{
	int64_t hid;
	char what[160];
	snprintf(what, sizeof what, "set the calendar of hospital '%s'", hospital);
	int rc = px_org_hospital(cx, hospital, PX_ROLE_HOSPITAL_ADMIN, what, &hid, err);
	struct px_calendar *cal = NULL;
	if (!rc)
		rc = calendar_load(cx, name, &cal, err); /* it must load */
	px_calendar_free(cal);
	if (rc)
		return rc;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	if ((rc = px_store_begin(cx->st, err)))
		return rc;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO hospital_calendars (hospital_id, calendar, set_by, set_at) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT (hospital_id) DO UPDATE SET "
		"calendar = excluded.calendar, set_by = excluded.set_by, set_at = excluded.set_at",
		err);
	rc = s ? PX_OK : err->code;
	if (!rc) {
		px_stmt_int(s, 1, hid);
		px_stmt_text(s, 2, name);
		px_stmt_text(s, 3, cx->actor->name);
		px_stmt_text(s, 4, at);
		rc = px_stmt_run(s, err);
	}
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "hospital", hospital);
	px_rec_set_str(d, "calendar", name);
	return calendar_done(cx, rc, "calendar_set", "hospital", hospital, d, err);
}

/* Who may change a calendar's holidays: a px_admin, or a hospital_admin
 * of every hospital that works to it (and of one at least). */
static int may_change_calendar(struct px_ctx *cx, const char *calendar, struct px_err *err)
{
	char what[160];
	snprintf(what, sizeof what, "change the holidays of calendar '%s'", calendar);
	if (cx->actor->role == PX_ROLE_PX_ADMIN)
		return PX_OK;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT hospital_id FROM hospital_calendars WHERE calendar = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, calendar);
	int rc, n = 0, ok = 1;
	while ((rc = px_stmt_step(s, err)) == 1) {
		n++;
		ok = ok && px_auth_in_scope(cx->actor, px_stmt_col_int(s, 0));
	}
	if (rc < 0)
		return err->code;
	return px_auth_require(cx->actor, n && ok ? PX_ROLE_HOSPITAL_ADMIN : PX_ROLE_PX_ADMIN,
			       PX_SCOPE_NONE, what, err) ? PX_EPERM : PX_OK;
}

static int day_ok(const char *s, int *y, int *m, int *d)
{
	char tail;
	if (!s || sscanf(s, "%4d-%2d-%2d%c", y, m, d, &tail) != 3 || strlen(s) != 10)
		return 0;
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= px_civil_month_days(*y, *m);
}

int px_sla_holiday_add(struct px_ctx *cx, const char *calendar, const char *from,
		       const char *to, const char *name, struct px_err *err)
{
	int y1, m1, d1, y2, m2, d2;
	if (!day_ok(from, &y1, &m1, &d1))
		return px_fail(err, PX_EUSAGE, "--from: not a date YYYY-MM-DD: '%s'", from);
	if (!to)
		to = from;
	if (!day_ok(to, &y2, &m2, &d2) || strcmp(to, from) < 0)
		return px_fail(err, PX_EUSAGE, "--to: not a date YYYY-MM-DD on or after --from: '%s'",
			       to);
	if (!name || !*name)
		return px_fail(err, PX_EUSAGE, "a holiday needs --name");
	struct px_calendar *cal;
	int rc = calendar_load(cx, calendar, &cal, err);
	if (!rc)
		rc = px_calendar_add_holiday(cal, y1, m1, d1, y2, m2, d2, name, err);
	px_calendar_free(cal);
	if (!rc)
		rc = may_change_calendar(cx, calendar, err);
	if (rc)
		return rc;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	if ((rc = px_store_begin(cx->st, err)))
		return rc;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO calendar_holidays (calendar, first_day, last_day, name, created_by, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (calendar, first_day) DO "
		"UPDATE SET last_day = excluded.last_day, name = excluded.name", err);
	rc = s ? PX_OK : err->code;
	if (!rc) {
		px_stmt_text(s, 1, calendar);
		px_stmt_text(s, 2, from);
		px_stmt_text(s, 3, to);
		px_stmt_text(s, 4, name);
		px_stmt_text(s, 5, cx->actor->name);
		px_stmt_text(s, 6, at);
		rc = px_stmt_run(s, err);
	}
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "from", from);
	px_rec_set_str(d, "to", to);
	px_rec_set_str(d, "name", name);
	rc = calendar_done(cx, rc, "holiday_added", "calendar", calendar, d, err);
	struct holiday_emit e = { cx, calendar, PX_OK, err };
	struct px_calendar_holiday h = { .name = name };
	snprintf(h.from, sizeof h.from, "%s", from);
	snprintf(h.to, sizeof h.to, "%s", to);
	return rc ? rc : emit_holiday(&h, &e);
}

int px_sla_holiday_remove(struct px_ctx *cx, const char *calendar, const char *from,
			  struct px_err *err)
{
	int y, m, d;
	if (!day_ok(from, &y, &m, &d))
		return px_fail(err, PX_EUSAGE, "--from: not a date YYYY-MM-DD: '%s'", from);
	int rc = may_change_calendar(cx, calendar, err);
	if (rc || (rc = px_store_begin(cx->st, err)))
		return rc;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"DELETE FROM calendar_holidays WHERE calendar = ?1 AND first_day = ?2", err);
	rc = s ? PX_OK : err->code;
	if (!rc) {
		px_stmt_text(s, 1, calendar);
		px_stmt_text(s, 2, from);
		rc = px_stmt_run(s, err);
	}
	if (!rc && !px_store_changes(cx->st))
		rc = px_fail(err, PX_EINPUT, "calendar '%s' has no holiday of its site from %s "
			     "(the file's own holidays change in the file)", calendar, from);
	struct px_rec *dd = px_rec_new(NULL);
	px_rec_set_str(dd, "from", from);
	return calendar_done(cx, rc, "holiday_removed", "calendar", calendar, dd, err);
}

/* ---------- figures for reports ---------- */

struct px_sla_eval {
	struct check ck;
};

int px_sla_eval_open(struct px_ctx *cx, struct px_sla_eval **out, struct px_err *err)
{
	struct px_sla_eval *ev = px_xcalloc(1, sizeof *ev);
	ev->ck.cx = cx;
	int rc = px_sla_policies_open(cx, &ev->ck.ps, err);
	if (rc) {
		free(ev);
		ev = NULL;
	}
	*out = ev;
	return rc;
}

void px_sla_eval_free(struct px_sla_eval *ev)
{
	if (!ev)
		return;
	check_free(&ev->ck);
	free(ev);
}

int px_sla_eval_case(struct px_sla_eval *ev, int64_t case_id, int64_t at,
		     struct px_sla_figure out[PX_SLA_CLOCKS], struct px_err *err)
{
	memset(out, 0, PX_SLA_CLOCKS * sizeof *out);
	struct sla_case k;
	int rc = sla_case_load(ev->ck.cx, case_id, NULL, &k, err);
	if (rc <= 0)
		return rc < 0 ? (err->code ? err->code : PX_ESTORE) : PX_OK;
	const struct px_sla_policy *p = px_sla_match(ev->ck.ps, k.kind, k.hospital, k.source,
						     k.severity, k.priority);
	if (!p)
		return PX_OK;
	const struct px_calendar *cal;
	if ((rc = cached_calendar(&ev->ck, k.hospital_id, p->calendar, &cal, err)))
		return rc;
	for (int i = 0; i < PX_SLA_CLOCKS && !rc; i++) {
		const struct px_sla_target *t = target_of(p, clock_names[i]);
		if (!t->seconds)
			continue;
		struct clock c;
		rc = clock_derive(ev->ck.cx, case_id, clock_names[i], t, cal, at, &c, err);
		if (!rc && c.state != CLOCK_NONE) {
			struct px_sla_figure *f = &out[i];
			f->has = 1;
			px_strlcpy(f->policy, p->name, sizeof f->policy);
			f->target = t->seconds;
			f->business = t->business;
			f->used = c.used;
			f->due = c.due;
			f->breached = c.reached;
			f->stopped = c.state == CLOCK_STOPPED;
			f->met = f->stopped && !c.reached;
		}
		clock_free(&c);
	}
	return rc;
}

int px_sla_eval_due(struct px_sla_eval *ev, const char *kind, int64_t hospital_id,
		    const char *hospital, const char *source, const char *clock, int64_t from,
		    int64_t *due, const struct px_sla_policy **policy, struct px_err *err)
{
	const struct px_sla_policy *p = px_sla_match(ev->ck.ps, kind, hospital, source, "medium",
						     "medium");
	const struct px_sla_target *t = p ? target_of(p, clock) : NULL;
	if (!t || !t->seconds)
		return 0;
	const struct px_calendar *cal;
	struct clock c = { .target = *t };
	if (cached_calendar(&ev->ck, hospital_id, p->calendar, &cal, err) ||
	    add_counted(&c, cal, from, t->seconds, due, err))
		return -1;
	if (policy)
		*policy = p;
	return 1;
}

const char *px_sla_clock_name(int i)
{
	return i >= 0 && i < PX_SLA_CLOCKS ? clock_names[i] : NULL;
}
