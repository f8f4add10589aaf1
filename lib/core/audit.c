/* audit.c - writing and reading audit events. */
#include <stdlib.h>

#include "core/audit.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/banned.h"

int px_audit_record(struct px_store *st, const char *actor, const char *action,
		    const char *object_type, const char *object_id,
		    const struct px_rec *details, struct px_err *err)
{
	int64_t now;
	char at[PX_TIME_UTC_LEN];
	if (px_time_now(&now, err))
		return -1;
	px_time_format_utc(now, at);
	struct px_stmt *s = px_stmt_prepare(st,
		"INSERT INTO audit (at, actor, action, object_type, object_id, details) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!s)
		return -1;
	char *d = details ? px_rec_dump(details) : NULL;
	px_stmt_text(s, 1, at);
	px_stmt_text(s, 2, actor);
	px_stmt_text(s, 3, action);
	px_stmt_text(s, 4, object_type);
	px_stmt_text(s, 5, object_id);
	px_stmt_text(s, 6, d ? d : "{}");
	int rc = px_stmt_run(s, err);
	free(d);
	return rc;
}

int px_audit_each(struct px_store *st, const struct px_audit_filter *f,
		  int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, at, actor, action, object_type, object_id, details FROM audit "
		"WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR action = ?2) "
		"AND (?3 IS NULL OR object_id = ?3) AND (?4 IS NULL OR at >= ?4) "
		"AND (?5 IS NULL OR at < ?5) ORDER BY id", err);
	if (!s)
		return -1;
	char since[PX_TIME_UTC_LEN], until[PX_TIME_UTC_LEN];
	px_stmt_text(s, 1, f->actor);
	px_stmt_text(s, 2, f->action);
	px_stmt_text(s, 3, f->object);
	if (f->since) {
		px_time_format_utc(f->since, since);
		px_stmt_text(s, 4, since);
	}
	if (f->until) {
		px_time_format_utc(f->until, until);
		px_stmt_text(s, 5, until);
	}
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		struct px_rec *r = px_rec_new("audit");
		px_rec_set_int(r, "id", px_stmt_col_int(s, 0));
		px_rec_set_str(r, "at", px_stmt_col_text(s, 1));
		px_rec_set_str(r, "actor", px_stmt_col_text(s, 2));
		px_rec_set_str(r, "action", px_stmt_col_text(s, 3));
		px_rec_set_str(r, "object_type", px_stmt_col_text(s, 4));
		px_rec_set_str(r, "object_id", px_stmt_col_text(s, 5));
		if (px_rec_set_json(r, "details", px_stmt_col_text(s, 6)))
			px_rec_set_str(r, "details", px_stmt_col_text(s, 6));
		int k = fn(r, ctx);
		px_rec_free(r);
		if (k) {
			px_stmt_reset(s);
			return k;
		}
	}
	return rc < 0 ? -1 : 0;
}
