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

static int emit_row(struct px_stmt *s, void *cx)
{
	static const struct px_col cols[] = { { "details", PX_COL_JSON }, { NULL, 0 } };
	struct px_rec *r = px_stmt_rec(s, "audit", cols);
	struct px_err err;
	int rc = px_emit(cx, r, &err);
	px_rec_free(r);
	return rc;
}

int px_audit_list(struct px_ctx *cx, const struct px_audit_filter *f, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, "read the audit trail", err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id, at, actor, action, object_type, object_id, details FROM audit "
		"WHERE (CAST(?1 AS TEXT) IS NULL OR actor = ?1) "
		"AND (CAST(?2 AS TEXT) IS NULL OR action = ?2) "
		"AND (CAST(?3 AS TEXT) IS NULL OR object_id = ?3) "
		"AND (CAST(?4 AS TEXT) IS NULL OR at >= ?4) "
		"AND (CAST(?5 AS TEXT) IS NULL OR at < ?5) ORDER BY id", err);
	if (!s)
		return err->code;
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
	return px_stmt_each(s, emit_row, cx, err);
}
