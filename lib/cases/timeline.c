/*
 * timeline.c - the append-only timeline every case has: one writer of
 * its rows for the engine and for what reaches a case's person.
 */
#include "cases/internal.h"
#include "store/store.h"
#include "base/banned.h"

/* One timeline entry, by the acting user. */
int px_kase_timeline(struct px_ctx *cx, int64_t case_id, const char *at, const char *type,
		    const char *verb, const char *old_state, const char *new_state,
		    const char *text, const char *data, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO case_timeline (case_id, at, actor, type, verb, old_state, new_state, "
		"text, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, case_id);
	px_stmt_text(s, 2, at);
	px_stmt_text(s, 3, cx->actor->name);
	px_stmt_text(s, 4, type);
	px_stmt_text(s, 5, verb);
	px_stmt_text(s, 6, old_state);
	px_stmt_text(s, 7, new_state);
	px_stmt_text(s, 8, text);
	px_stmt_text(s, 9, data);
	return px_stmt_run(s, err);
}

