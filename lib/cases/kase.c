/*
 * kase.c - a stored case as the files of the cases layer read it before
 * changing it: loading it, who may act on it, its audit rows, its record,
 * and the end of a verb's transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "cases/internal.h"
#include "core/audit.h"
#include "core/auth.h"
#include "messages/notify.h"
#include "store/store.h"
#include "base/banned.h"

void px_kase_free(struct kase *k)
{
	free(k->fields);
	k->fields = NULL;
}

/* The case a reference or public id names.  PX_EINPUT when none. */
int px_kase_load(struct px_ctx *cx, const char *ref, struct kase *k, struct px_err *err)
{
	memset(k, 0, sizeof *k);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id, hospital_id, public_id, ref, kind, state, fields, department_id, "
		"owner_department_id FROM cases "
		"WHERE ref = ?1 OR public_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, ref);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		k->id = px_stmt_col_int(s, 0);
		k->hospital_id = px_stmt_col_int(s, 1);
		px_strlcpy(k->pid, px_stmt_col_text(s, 2), sizeof k->pid);
		px_strlcpy(k->ref, px_stmt_col_text(s, 3), sizeof k->ref);
		px_strlcpy(k->kind, px_stmt_col_text(s, 4), sizeof k->kind);
		px_strlcpy(k->state, px_stmt_col_text(s, 5), sizeof k->state);
		k->fields = px_xstrdup(px_stmt_col_text(s, 6));
		k->department_id = px_stmt_col_int(s, 7);
		k->owner_department_id = px_stmt_col_int(s, 8);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EINPUT, "unknown case '%s'", ref);
	return PX_OK;
}

/* What may be done to a case of wf's kind: the kind must be wf's, the
 * acting user at least min in its hospital. */
int px_kase_allowed(struct px_ctx *cx, const struct px_workflow *wf, const struct kase *k,
			enum px_role min, const char *verb, struct px_err *err)
{
	if (strcmp(k->kind, wf->kind))
		return px_fail(err, PX_EINPUT, "unknown %s '%s' (it is a case of kind %s)", wf->kind,
			       k->ref, k->kind);
	if (min == PX_WF_ROLE_SYSTEM)
		return PX_OK;
	char what[160];
	snprintf(what, sizeof what, "%s %s cases", verb, wf->kind);
	if (px_auth_require(cx->actor, min, k->hospital_id, what, err))
		return PX_EPERM;
	/* what a department manager does as one, it does in its departments */
	const struct px_user *u = cx->actor;
	if (min == PX_ROLE_DEPARTMENT_MANAGER && u->role == PX_ROLE_DEPARTMENT_MANAGER &&
	    !px_auth_manages(u, k->department_id) && !px_auth_manages(u, k->owner_department_id)) {
		snprintf(what, sizeof what, "%s %s cases outside its departments (%s)", verb,
			 wf->kind, k->ref);
		return px_auth_require(u, PX_ROLE_HOSPITAL_ADMIN, k->hospital_id, what, err)
		       ? PX_EPERM : PX_OK;
	}
	return PX_OK;
}

int px_kase_audit(struct px_ctx *cx, const char *action, const char *pid, const char *kind,
		 const char *verb, const char *from, const char *to, struct px_err *err)
{
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "kind", kind);
	if (verb)
		px_rec_set_str(d, "verb", verb);
	if (from)
		px_rec_set_str(d, "from", from);
	if (to)
		px_rec_set_str(d, "to", to);
	int rc = px_audit_record(cx->st, cx->actor->name, action, "case", pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* The case as a record, as it is in the store now (caller frees). */
const struct px_col px_kase_cols[] = {
	{ "fields", PX_COL_JSON }, { "hospital_id", PX_COL_SKIP }, { NULL, 0 }
};

struct px_rec *px_kase_rec(struct px_ctx *cx, int64_t id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, CASE_SELECT "WHERE c.id = ?1", err);
	if (!s)
		return NULL;
	px_stmt_int(s, 1, id);
	struct px_rec *r = NULL;
	if (px_stmt_step(s, err) == 1)
		r = px_stmt_rec(s, "case", px_kase_cols);
	px_stmt_reset(s);
	return r;
}

/* Ends the transaction a verb began: commits and prints what it handed
 * to px_emit_after, or rolls back and drops it. */
int px_kase_end(struct px_ctx *cx, int rc, struct px_err *err)
{
	if (rc) {
		px_store_rollback(cx->st);
		px_emit_drop(cx);
		return rc;
	}
	if ((rc = px_store_commit(cx->st, err))) {
		px_emit_drop(cx);
		return rc;
	}
	return px_emit_flush(cx, err);
}


int px_kase_done(struct px_ctx *cx, const struct px_workflow *wf, struct kase *k,
		 const char *action, int rc, struct px_err *err)
{
	if (!rc)
		rc = px_kase_audit(cx, action, k->pid, wf->kind, NULL, NULL, NULL, err);
	struct px_rec *r = NULL;
	if (!rc && !(r = px_kase_rec(cx, k->id, err)))
		rc = err->code ? err->code : PX_ESTORE;
	if (r)
		px_emit_after(cx, r);
	px_kase_free(k);
	return px_kase_end(cx, rc, err);
}

/* ---------- the staff a case concerns ---------- */

int px_kase_staff(struct px_ctx *cx, int64_t hospital_id, int64_t department_id,
		  int64_t owner_department_id, const char *owner, int level, struct px_buf *names,
		  int *n, struct px_err *err)
{
	*n = 0;
	px_buf_reset(names);
	for (; level <= 3 && !*n; level++) {
		struct px_stmt *s;
		if (level == 0) {
			if (!owner || !owner[0])
				continue;
			s = px_stmt_prepare(cx->st,
				"SELECT name FROM users WHERE name = ?1 AND active = 1 "
				"AND (email IS NOT NULL OR phone IS NOT NULL)", err);
			if (s)
				px_stmt_text(s, 1, owner);
		} else if (level == 1) {
			s = px_stmt_prepare(cx->st,
				"SELECT u.name FROM users u JOIN user_hospitals uh ON uh.user_id = u.id "
				"WHERE uh.hospital_id = ?1 AND u.role = 'department_manager' "
				"AND u.active = 1 AND (u.email IS NOT NULL OR u.phone IS NOT NULL) "
				"AND EXISTS (SELECT 1 FROM user_departments ud WHERE ud.user_id = u.id "
				"AND ud.department_id IN (?2, ?3)) ORDER BY u.name", err);
			if (s) {
				px_stmt_int(s, 1, hospital_id);
				px_stmt_int(s, 2, owner_department_id ? owner_department_id
								      : department_id);
				px_stmt_int(s, 3, department_id);
			}
		} else if (level == 2) {
			s = px_stmt_prepare(cx->st,
				"SELECT u.name FROM users u JOIN user_hospitals uh ON uh.user_id = u.id "
				"WHERE uh.hospital_id = ?1 AND u.role = 'hospital_admin' AND u.active = 1 "
				"AND (u.email IS NOT NULL OR u.phone IS NOT NULL) ORDER BY u.name", err);
			if (s)
				px_stmt_int(s, 1, hospital_id);
		} else {
			s = px_stmt_prepare(cx->st,
				"SELECT name FROM users WHERE role = 'px_admin' AND active = 1 "
				"AND (email IS NOT NULL OR phone IS NOT NULL) ORDER BY name", err);
		}
		if (!s)
			return err->code;
		int rc;
		while ((rc = px_stmt_step(s, err)) == 1) {
			px_buf_adds(names, px_stmt_col_text(s, 0));
			px_buf_addc(names, '\0');
			(*n)++;
		}
		if (rc < 0)
			return err->code;
	}
	return PX_OK;
}

const char *px_kase_user_channel(struct px_ctx *cx, const char *user, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT email IS NOT NULL FROM users WHERE name = ?1", err);
	if (!s)
		return NULL;
	px_stmt_text(s, 1, user);
	const char *ch = px_stmt_step(s, err) == 1 && px_stmt_col_int(s, 0) ? "email" : "sms";
	px_stmt_reset(s);
	return ch;
}

int px_kase_tell_user(struct px_ctx *cx, const char *name, const char *key, const char *tpl,
		      const char *ref, const char *hospital, struct px_rec *vars,
		      const char *not_before, int print, struct px_err *err)
{
	const char *ch = px_kase_user_channel(cx, name, err);
	if (!ch) {
		px_rec_free(vars);
		return err->code ? err->code : PX_ESTORE;
	}
	struct px_rec *m = px_rec_new("notification");
	px_rec_set_str(m, "key", key);
	px_rec_set_null(m, "id");
	px_rec_set_str(m, "channel", ch);
	px_rec_set_str(m, "user", name);
	px_rec_set_str(m, "language", "en");
	px_rec_set_str(m, "template", tpl);
	char *link = px_xasprintf("%s%s", px_config_get(cx->cfg, "cases.staff_url",
							"https://px.invalid/case/"), ref);
	px_rec_set_str(vars, "link", link);
	free(link);
	px_rec_set_obj(m, "vars", vars);
	px_rec_set_str(m, "object_type", "case");
	px_rec_set_str(m, "object", ref);
	px_rec_set_str(m, "hospital", hospital);
	if (not_before)
		px_rec_set_str(m, "not_before", not_before);
	int rc = px_notify_queue_tx(cx, m, NULL, err);
	if (!rc && print)
		px_emit_after(cx, m);
	else
		px_rec_free(m);
	return rc;
}
