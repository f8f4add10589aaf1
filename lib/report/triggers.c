/* triggers.c - the report figures that raise improvement actions when
 * cron runs px-action raise --from-store. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "cases/raise.h"
#include "records/record.h"
#include "report/report.h"
#include "report/triggers.h"
#include "store/store.h"
#include "base/banned.h"

struct figures {
	struct px_rec **v;
	size_t n, cap;
};

static int keep(struct px_rec *r, void *vf)
{
	struct figures *f = vf;
	if (f->n == f->cap)
		f->v = px_xrealloc(f->v, (f->cap = f->cap ? 2 * f->cap : 64) * sizeof *f->v);
	f->v[f->n++] = px_rec_copy(r);
	return 0;
}

/* The figures of one rule's report, of the last whole period. */
static int rule_figures(struct px_ctx *cx, const struct px_action_rules *rs,
			const struct px_action_rule *ru, struct figures *f, struct px_err *err)
{
	struct px_report_opts o = { 0 };
	if (px_report_kind_parse(ru->on + 7, &o.kind))
		return px_fail_at(err, PX_EINPUT, rs->path, ru->line, "rule '%s': no report '%s'",
				  ru->name, ru->on + 7);
	if (px_report_dim_parse(ru->by, &o.by) || !px_report_dim_ok(o.kind, o.by))
		return px_fail_at(err, PX_EINPUT, rs->path, ru->line, "rule '%s': the %s report "
				  "cannot be grouped by '%s'", ru->name, ru->on + 7, ru->by);
	if (o.by != PX_DIM_HOSPITAL && o.by != PX_DIM_DEPARTMENT)
		return px_fail_at(err, PX_EINPUT, rs->path, ru->line, "rule '%s': by=%s: an action "
				  "belongs to a hospital, so by=hospital or by=department", ru->name,
				  ru->by);
	if (px_report_period_parse(ru->period[0] ? ru->period : "month", &o.period))
		return px_fail_at(err, PX_EINPUT, rs->path, ru->line, "rule '%s': unknown period "
				  "'%s'", ru->name, ru->period);
	int64_t cur = px_report_period_start(o.period, px_now(cx));
	o.since = px_report_period_add(o.period, cur, -1);
	o.until = cur;
	o.has_since = o.has_until = 1;
	return px_report_each(cx, &o, keep, f, err);
}

int px_report_raise(struct px_ctx *cx, long counts[2], struct px_err *err)
{
	int rc = px_raise_from_store(cx, counts, err);
	if (rc)
		return rc;
	struct px_action_rules *rs;
	if ((rc = px_action_rules_open(cx, &rs, err)))
		return rc;
	struct figures f = { 0 };
	for (int i = 0; i < rs->n && !rc; i++)
		if (!strncmp(rs->r[i].on, "report.", 7) && rs->r[i].by[0])
			rc = rule_figures(cx, rs, &rs->r[i], &f, err);
	px_action_rules_free(rs);
	for (size_t i = 0; i < f.n && !rc; i++) {
		counts[0]++;
		if ((rc = px_store_begin(cx->st, err)))
			break;
		rc = px_raise_one(cx, f.v[i], 0, &counts[1], err);
		if (!rc && !(rc = px_store_commit(cx->st, err)))
			rc = px_emit_flush(cx, err);
		else if (rc) {
			px_store_rollback(cx->st);
			px_emit_drop(cx);
			/* a figure px cannot place (a department gone since) is told
			 * of, and the others go on */
			if (rc == PX_EREJECT) {
				px_reject(cx, err);
				rc = PX_OK;
			}
		}
	}
	px_raise_done(cx);
	for (size_t i = 0; i < f.n; i++)
		px_rec_free(f.v[i]);
	free(f.v);
	return rc;
}
