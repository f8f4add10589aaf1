/* action.c - improvement actions: their moves with the approval and
 * closing rules the workflow file cannot say, the messages to their
 * owners and approvers, and root-cause analysis. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/time.h"
#include "cases/action.h"
#include "cases/attach.h"
#include "cases/internal.h"
#include "cases/sla.h"
#include "core/auth.h"
#include "core/org.h"
#include "messages/notify.h"
#include "store/store.h"
#include "base/banned.h"

static int action_workflow(struct px_ctx *cx, struct px_workflow **wf, struct px_err *err)
{
	return px_case_workflow(cx, "action", wf, err);
}

/* ---------- telling staff ---------- */

/* Queues template tpl to each of the n users in names (NUL-separated),
 * about the case of row id, and prints each message once committed. */
static int tell(struct px_ctx *cx, int64_t id, const char *tpl, const char *names, int n,
		struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT c.ref, coalesce(c.title, ''), h.code FROM cases c "
		"JOIN hospitals h ON h.id = c.hospital_id WHERE c.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	char ref[PX_CASE_REF_LEN] = "", title[256] = "", hospital[40] = "";
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		px_strlcpy(ref, px_stmt_col_text(s, 0), sizeof ref);
		px_strlcpy(title, px_stmt_col_text(s, 1), sizeof title);
		px_strlcpy(hospital, px_stmt_col_text(s, 2), sizeof hospital);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	rc = PX_OK;
	const char *name = names;
	for (int i = 0; i < n && !rc; i++, name += strlen(name) + 1) {
		char *key = px_xasprintf("action:%s:%s:%s:%s", ref, tpl, name, at);
		struct px_rec *v = px_rec_new(NULL);
		px_rec_set_str(v, "action", ref);
		px_rec_set_str(v, "title", title);
		rc = px_kase_tell_user(cx, name, key, tpl, ref, hospital, v, NULL, 1, err);
		free(key);
	}
	return rc;
}

/* The case's owner (a user's name, "" for none) and the owner's role
 * (staff when nobody owns it). */
static int owner_of(struct px_ctx *cx, int64_t id, char owner[128], enum px_role *role,
		    struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT coalesce(c.owner, ''), coalesce(u.role, '') FROM cases c "
		"LEFT JOIN users u ON u.name = c.owner WHERE c.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	owner[0] = '\0';
	*role = PX_ROLE_STAFF;
	if (rc == 1) {
		px_strlcpy(owner, px_stmt_col_text(s, 0), 128);
		if (px_role_parse(px_stmt_col_text(s, 1), role) || *role < PX_ROLE_STAFF)
			*role = PX_ROLE_STAFF;
	}
	px_stmt_reset(s);
	return rc < 0 ? err->code : PX_OK;
}

/* The role that approves an action whose owner has role: the next one
 * up from a manager, department_manager below. */
static enum px_role approver_role(enum px_role owner)
{
	return owner <= PX_ROLE_STAFF ? PX_ROLE_DEPARTMENT_MANAGER
	       : owner == PX_ROLE_DEPARTMENT_MANAGER ? PX_ROLE_HOSPITAL_ADMIN : PX_ROLE_PX_ADMIN;
}

/* Tells the approvers of the submitted action k. */
static int tell_approvers(struct px_ctx *cx, const struct kase *k, struct px_err *err)
{
	char owner[128];
	enum px_role role;
	int rc = owner_of(cx, k->id, owner, &role, err);
	if (rc)
		return rc;
	enum px_role need = approver_role(role);
	int level = need == PX_ROLE_DEPARTMENT_MANAGER ? 1 : need == PX_ROLE_HOSPITAL_ADMIN ? 2 : 3;
	struct px_buf names = { 0 };
	int n;
	rc = px_kase_staff(cx, k->hospital_id, k->department_id, k->owner_department_id, NULL,
			   level, &names, &n, err);
	/* nobody the approver never is */
	if (!rc && n)
		rc = tell(cx, k->id, "action_submitted", names.s, n, err);
	px_buf_free(&names);
	return rc;
}

int px_action_tell_owner(struct px_ctx *cx, int64_t id, const char *owner, struct px_err *err)
{
	if (!owner || !*owner)
		return PX_OK;
	struct px_buf names = { 0 };
	int n;
	int rc = px_kase_staff(cx, 0, 0, 0, owner, 0, &names, &n, err);
	/* level 0 alone: an owner nobody can reach is told nothing */
	if (!rc && n && !strcmp(names.s, owner))
		rc = tell(cx, id, "action_assigned", names.s, 1, err);
	px_buf_free(&names);
	return rc;
}

/* ---------- moves ---------- */

/* Approving or rejecting: a role above the owner's, not the owner. */
static int may_approve(struct px_ctx *cx, const struct kase *k, const char *verb,
		       struct px_err *err)
{
	char owner[128];
	enum px_role role;
	int rc = owner_of(cx, k->id, owner, &role, err);
	if (rc)
		return rc;
	const char *doing = !strcmp(verb, "approve") ? "approving" : "rejecting";
	if (*owner && !strcmp(owner, cx->actor->name))
		return px_fail(err, PX_EPERM, "permission denied: %s: %s one's own action", k->ref,
			       doing);
	enum px_role need = approver_role(role);
	if (cx->actor->role < need) {
		char whose[64];
		if (*owner)
			snprintf(whose, sizeof whose, "owned by a %s", px_role_name(role));
		else
			snprintf(whose, sizeof whose, "nobody owns");
		return px_fail(err, PX_EPERM, "permission denied: %s: %s an action %s needs %s or "
			       "above", k->ref, doing, whose, px_role_name(need));
	}
	char what[160];
	snprintf(what, sizeof what, "%s actions", doing);
	return px_auth_require(cx->actor, need, k->hospital_id, what, err) ? PX_EPERM : PX_OK;
}

/* Closing: evidence and a root cause. */
static int may_close(struct px_ctx *cx, const struct kase *k, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT (SELECT count(*) FROM case_attachments a WHERE a.case_id = ?1) + "
		"(SELECT count(*) FROM case_timeline t WHERE t.case_id = ?1 AND t.type = 'note' "
		"AND t.verb = 'evidence'), (SELECT count(*) FROM rca_causes r WHERE r.case_id = ?1)",
		err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, k->id);
	int rc = px_stmt_step(s, err);
	long long evidence = rc == 1 ? px_stmt_col_int(s, 0) : 0;
	long long causes = rc == 1 ? px_stmt_col_int(s, 1) : 0;
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (!evidence)
		return px_fail(err, PX_EREJECT, "%s: 'close' needs evidence: an attachment or a note "
			       "marked --evidence", k->ref);
	if (!causes)
		return px_fail(err, PX_EREJECT, "%s: 'close' needs a root cause (rca add-cause %s)",
			       k->ref, k->ref);
	return PX_OK;
}

int px_action_move(struct px_ctx *cx, const char *ref, const char *verb,
		   const struct px_rec *fields, struct px_err *err)
{
	struct px_workflow *wf;
	int rc = action_workflow(cx, &wf, err);
	if (rc)
		return rc;
	const struct px_wf_move *m = px_workflow_move(wf, verb);
	if (!m || m->role == PX_WF_ROLE_SYSTEM) {
		px_workflow_free(wf);
		return px_fail(err, PX_EINPUT, "unknown action move '%s'", verb);
	}
	if ((rc = px_store_begin(cx->st, err))) {
		px_workflow_free(wf);
		return rc;
	}
	struct kase k;
	rc = px_kase_load(cx, ref, &k, err);
	if (!rc)
		rc = px_kase_allowed(cx, wf, &k, m->role, verb, err);
	/* the rules of the kind, once the workflow lets the move be made */
	int st = rc ? -1 : px_workflow_state(wf, k.state);
	if (!rc && st >= 0 && ((m->from >> st) & 1)) {
		if (!strcmp(verb, "approve") || !strcmp(verb, "reject"))
			rc = may_approve(cx, &k, verb, err);
		else if (!strcmp(verb, "close"))
			rc = may_close(cx, &k, err);
	}
	if (!rc)
		rc = px_case_move_tx(cx, wf, k.ref, verb, fields, NULL, err);
	struct px_rec *r = NULL;
	if (!rc && !(r = px_kase_rec(cx, k.id, err)))
		rc = err->code ? err->code : PX_ESTORE;
	if (r)
		px_emit_after(cx, r);
	if (!rc && !strcmp(verb, "submit"))
		rc = tell_approvers(cx, &k, err);
	px_kase_free(&k);
	px_workflow_free(wf);
	return px_kase_end(cx, rc, err);
}

int px_action_assign(struct px_ctx *cx, const char *ref, const char *user,
		     const char *department, struct px_err *err)
{
	if (!user && !department)
		return px_fail(err, PX_EUSAGE, "assign needs --to USER or --department CODE");
	struct px_workflow *wf;
	int rc = action_workflow(cx, &wf, err);
	if (rc)
		return rc;
	if ((rc = px_store_begin(cx->st, err))) {
		px_workflow_free(wf);
		return rc;
	}
	struct kase k;
	rc = px_kase_load(cx, ref, &k, err);
	if (!rc)
		rc = px_kase_assign_tx(cx, wf, &k, user, department, err);
	if (!rc && user)
		rc = px_action_tell_owner(cx, k.id, user, err);
	rc = px_kase_done(cx, wf, &k, "case_assigned", rc, err);
	px_workflow_free(wf);
	return rc;
}

int px_action_note(struct px_ctx *cx, const char *ref, const char *text, int evidence,
		   struct px_err *err)
{
	if (!text || !*text)
		return px_fail(err, PX_EUSAGE, "a note needs its text");
	struct px_workflow *wf;
	int rc = action_workflow(cx, &wf, err);
	if (rc)
		return rc;
	if ((rc = px_store_begin(cx->st, err))) {
		px_workflow_free(wf);
		return rc;
	}
	struct kase k;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	rc = px_kase_load(cx, ref, &k, err);
	if (!rc)
		rc = px_kase_allowed(cx, wf, &k, PX_ROLE_STAFF, "add notes to", err);
	if (!rc)
		rc = px_kase_timeline(cx, k.id, at, "note", evidence ? "evidence" : NULL, NULL, NULL,
				      text, NULL, err);
	rc = px_kase_done(cx, wf, &k, evidence ? "case_evidence_added" : "case_noted", rc, err);
	px_workflow_free(wf);
	return rc;
}

/* ---------- root-cause analysis ---------- */

static const char *const categories[] = {
	"process", "people", "equipment", "communication", "policy", "environment", "technology",
	NULL,
};

int px_rca_category_ok(const char *s)
{
	for (int i = 0; s && categories[i]; i++)
		if (!strcmp(s, categories[i]))
			return 1;
	return 0;
}

const char *px_rca_categories(void)
{
	return "process, people, equipment, communication, policy, environment, technology";
}

/* Inside a transaction begun here: the case ref, of kind action or
 * complaint, and the acting user min or above in its scope. */
static int rca_begin(struct px_ctx *cx, const char *ref, enum px_role min, const char *verb,
		     struct kase *k, struct px_workflow **wf, struct px_err *err)
{
	*wf = NULL;
	int rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	rc = px_kase_load(cx, ref, k, err);
	if (!rc && strcmp(k->kind, "action") && strcmp(k->kind, "complaint"))
		rc = px_fail(err, PX_EINPUT, "%s is a case of kind %s: root-cause analysis is of "
			     "actions and complaints", k->ref, k->kind);
	if (!rc)
		rc = px_case_workflow(cx, k->kind, wf, err);
	if (!rc)
		rc = px_kase_allowed(cx, *wf, k, min, verb, err);
	return rc;
}

/* Ends what rca_begin began: the timeline entry and the audit row of a
 * change (text: NULL for none), the record r printed once committed. */
static int rca_end(struct px_ctx *cx, struct kase *k, struct px_workflow *wf, int rc,
		   const char *action, const char *text, struct px_rec *r, struct px_err *err)
{
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	if (!rc && text)
		rc = px_kase_timeline(cx, k->id, at, "note", "rca", NULL, NULL, text, NULL, err);
	if (!rc && action)
		rc = px_kase_audit(cx, action, k->pid, k->kind, NULL, NULL, NULL, err);
	if (!rc && r)
		px_emit_after(cx, r);
	else
		px_rec_free(r);
	px_kase_free(k);
	px_workflow_free(wf);
	return px_kase_end(cx, rc, err);
}

int px_rca_cause_add(struct px_ctx *cx, const char *ref, const char *category, const char *text,
		     struct px_err *err)
{
	if (!px_rca_category_ok(category))
		return px_fail(err, PX_EUSAGE, "unknown category '%s' (%s)", category ? category : "",
			       px_rca_categories());
	if (!text || !*text)
		return px_fail(err, PX_EUSAGE, "a cause needs its text");
	struct kase k;
	struct px_workflow *wf;
	int rc = rca_begin(cx, ref, PX_ROLE_STAFF, "analyse", &k, &wf, err);
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st,
		"INSERT INTO rca_causes (case_id, category, text, created_by, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!rc && !s)
		rc = err->code;
	struct px_rec *r = NULL;
	char *line = NULL;
	if (!rc) {
		px_stmt_int(s, 1, k.id);
		px_stmt_text(s, 2, category);
		px_stmt_text(s, 3, text);
		px_stmt_text(s, 4, cx->actor->name);
		px_stmt_text(s, 5, at);
		rc = px_stmt_run(s, err);
	}
	if (!rc) {
		r = px_rec_new("rca.cause");
		px_rec_set_str(r, "case", k.ref);
		px_rec_set_int(r, "id", px_store_last_id(cx->st));
		px_rec_set_str(r, "category", category);
		px_rec_set_str(r, "text", text);
		px_rec_set_str(r, "by", cx->actor->name);
		px_rec_set_str(r, "at", at);
		line = px_xasprintf("root cause (%s): %s", category, text);
	}
	rc = rca_end(cx, &k, wf, rc, "rca_cause_added", line, r, err);
	free(line);
	return rc;
}

/* A day, YYYY-MM-DD, that the calendar has. */
static int day_ok(const char *s)
{
	int y, m, d;
	char tail;
	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= (m == 2 && !leap ? 28 : days[m - 1]);
}

int px_rca_corrective_add(struct px_ctx *cx, const char *ref, const char *text,
			  const char *owner, const char *due, struct px_err *err)
{
	if (!text || !*text)
		return px_fail(err, PX_EUSAGE, "a corrective action needs its text");
	if (!day_ok(due))
		return px_fail(err, PX_EUSAGE, "--due needs a day as YYYY-MM-DD, not '%s'",
			       due ? due : "");
	struct kase k;
	struct px_workflow *wf;
	int rc = rca_begin(cx, ref, PX_ROLE_STAFF, "analyse", &k, &wf, err);
	if (!rc) {
		struct px_user u;
		if (px_auth_load(cx->st, owner, &u, err))
			rc = px_fail(err, PX_EINPUT, "unknown user '%s'", owner);
		else {
			if (!px_auth_in_scope(&u, k.hospital_id) || u.role < PX_ROLE_STAFF)
				rc = px_fail(err, PX_EREJECT, "%s: %s may not work cases of this "
					     "hospital", k.ref, owner);
			px_auth_free(&u);
		}
	}
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st,
		"INSERT INTO rca_corrective (case_id, n, text, owner, due_on, created_by, created_at) "
		"VALUES (?1, (SELECT coalesce(max(n), 0) + 1 FROM rca_corrective WHERE case_id = ?1), "
		"?2, ?3, ?4, ?5, ?6)", err);
	if (!rc && !s)
		rc = err->code;
	if (!rc) {
		px_stmt_int(s, 1, k.id);
		px_stmt_text(s, 2, text);
		px_stmt_text(s, 3, owner);
		px_stmt_text(s, 4, due);
		px_stmt_text(s, 5, cx->actor->name);
		px_stmt_text(s, 6, at);
		rc = px_stmt_run(s, err);
	}
	long long n = 0;
	if (!rc) {
		s = px_stmt_prepare(cx->st, "SELECT n FROM rca_corrective WHERE id = ?1", err);
		if (!s)
			rc = err->code;
		else {
			px_stmt_int(s, 1, px_store_last_id(cx->st));
			if (px_stmt_step(s, err) == 1)
				n = px_stmt_col_int(s, 0);
			else
				rc = err->code ? err->code : PX_ESTORE;
			px_stmt_reset(s);
		}
	}
	struct px_rec *r = NULL;
	char *line = NULL;
	if (!rc) {
		r = px_rec_new("rca.corrective");
		px_rec_set_str(r, "case", k.ref);
		px_rec_set_int(r, "n", n);
		px_rec_set_str(r, "text", text);
		px_rec_set_str(r, "owner", owner);
		px_rec_set_str(r, "due", due);
		px_rec_set_null(r, "effectiveness");
		line = px_xasprintf("corrective action %lld (%s, due %s): %s", n, owner, due, text);
	}
	rc = rca_end(cx, &k, wf, rc, "rca_corrective_added", line, r, err);
	free(line);
	return rc;
}

int px_rca_review(struct px_ctx *cx, const char *ref, int n, int effectiveness,
		  struct px_err *err)
{
	if (effectiveness < 1 || effectiveness > 5)
		return px_fail(err, PX_EUSAGE, "--effectiveness needs 1 to 5, not %d", effectiveness);
	struct kase k;
	struct px_workflow *wf;
	int rc = rca_begin(cx, ref, PX_ROLE_DEPARTMENT_MANAGER, "review", &k, &wf, err);
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st,
		"UPDATE rca_corrective SET effectiveness = ?3, reviewed_by = ?4, reviewed_at = ?5 "
		"WHERE case_id = ?1 AND n = ?2", err);
	if (!rc && !s)
		rc = err->code;
	if (!rc) {
		px_stmt_int(s, 1, k.id);
		px_stmt_int(s, 2, n);
		px_stmt_int(s, 3, effectiveness);
		px_stmt_text(s, 4, cx->actor->name);
		px_stmt_text(s, 5, at);
		rc = px_stmt_run(s, err);
		if (!rc && !px_store_changes(cx->st))
			rc = px_fail(err, PX_EINPUT, "%s has no corrective action %d", k.ref, n);
	}
	char *line = rc ? NULL : px_xasprintf("corrective action %d reviewed: effectiveness %d of 5",
					      n, effectiveness);
	struct px_rec *r = NULL;
	if (!rc) {
		r = px_rec_new("rca.review");
		px_rec_set_str(r, "case", k.ref);
		px_rec_set_int(r, "n", n);
		px_rec_set_int(r, "effectiveness", effectiveness);
		px_rec_set_str(r, "by", cx->actor->name);
		px_rec_set_str(r, "at", at);
	}
	rc = rca_end(cx, &k, wf, rc, "rca_reviewed", line, r, err);
	free(line);
	return rc;
}

static const char *risk_level(int score)
{
	return score < 5 ? "low" : score < 10 ? "medium" : score < 17 ? "high" : "critical";
}

int px_rca_risk(struct px_ctx *cx, const char *ref, int likelihood, int impact,
		struct px_err *err)
{
	if (likelihood < 1 || likelihood > 5 || impact < 1 || impact > 5)
		return px_fail(err, PX_EUSAGE, "--likelihood and --impact need 1 to 5 each");
	struct kase k;
	struct px_workflow *wf;
	int rc = rca_begin(cx, ref, PX_ROLE_DEPARTMENT_MANAGER, "assess", &k, &wf, err);
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st,
		"INSERT INTO rca_risk (case_id, likelihood, impact, set_by, set_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (case_id) DO UPDATE SET "
		"likelihood = excluded.likelihood, impact = excluded.impact, "
		"set_by = excluded.set_by, set_at = excluded.set_at", err);
	if (!rc && !s)
		rc = err->code;
	if (!rc) {
		px_stmt_int(s, 1, k.id);
		px_stmt_int(s, 2, likelihood);
		px_stmt_int(s, 3, impact);
		px_stmt_text(s, 4, cx->actor->name);
		px_stmt_text(s, 5, at);
		rc = px_stmt_run(s, err);
	}
	int score = likelihood * impact;
	struct px_rec *r = NULL;
	char *line = NULL;
	if (!rc) {
		r = px_rec_new("rca.risk");
		px_rec_set_str(r, "case", k.ref);
		px_rec_set_int(r, "likelihood", likelihood);
		px_rec_set_int(r, "impact", impact);
		px_rec_set_int(r, "score", score);
		px_rec_set_str(r, "level", risk_level(score));
		line = px_xasprintf("risk: likelihood %d, impact %d, score %d (%s)", likelihood, impact,
				    score, risk_level(score));
	}
	rc = rca_end(cx, &k, wf, rc, "rca_risk_set", line, r, err);
	free(line);
	return rc;
}

static int emit_row(struct px_stmt *s, void *vcx)
{
	struct px_ctx *cx = vcx;
	const char *type = px_stmt_col_text(s, 0);
	static const struct px_col cols[] = { { "t", PX_COL_SKIP }, { NULL, 0 } };
	struct px_rec *r = px_stmt_rec(s, type, cols);
	if (!strcmp(type, "rca.risk")) {
		long long score = 0;
		px_rec_get_int(r, "score", &score);
		px_rec_set_str(r, "level", risk_level((int)score));
	}
	struct px_err err = { 0 };
	int rc = px_emit(cx, r, &err);
	px_rec_free(r);
	return rc;
}

/* The analysis of the case of row id, as records. */
static int rca_emit(struct px_ctx *cx, int64_t id, const char *ref, struct px_err *err)
{
	static const char *const sql[] = {
		"SELECT 'rca.cause' AS t, ?2 AS \"case\", id, category, text, created_by AS by, "
		"created_at AS at FROM rca_causes WHERE case_id = ?1 ORDER BY id",
		"SELECT 'rca.corrective' AS t, ?2 AS \"case\", n, text, owner, due_on AS due, "
		"effectiveness, reviewed_by, reviewed_at FROM rca_corrective WHERE case_id = ?1 "
		"ORDER BY n",
		"SELECT 'rca.risk' AS t, ?2 AS \"case\", likelihood, impact, likelihood * impact AS score, "
		"set_by AS by, set_at AS at FROM rca_risk WHERE case_id = ?1",
	};
	int rc = PX_OK;
	for (size_t i = 0; i < sizeof sql / sizeof *sql && !rc; i++) {
		struct px_stmt *s = px_stmt_prepare(cx->st, sql[i], err);
		if (!s)
			return err->code;
		px_stmt_int(s, 1, id);
		px_stmt_text(s, 2, ref);
		rc = px_stmt_each(s, emit_row, cx, err);
	}
	return rc;
}

int px_rca_show(struct px_ctx *cx, const char *ref, struct px_err *err)
{
	struct kase k;
	struct px_workflow *wf = NULL;
	int rc = px_kase_load(cx, ref, &k, err);
	if (!rc && strcmp(k.kind, "action") && strcmp(k.kind, "complaint"))
		rc = px_fail(err, PX_EINPUT, "%s is a case of kind %s: root-cause analysis is of "
			     "actions and complaints", k.ref, k.kind);
	if (!rc)
		rc = px_case_workflow(cx, k.kind, &wf, err);
	if (!rc)
		rc = px_kase_allowed(cx, wf, &k, PX_ROLE_VIEWER, "read", err);
	if (!rc)
		rc = rca_emit(cx, k.id, k.ref, err);
	px_kase_free(&k);
	px_workflow_free(wf);
	return rc;
}

/* ---------- show ---------- */

int px_action_show(struct px_ctx *cx, const char *ref, struct px_err *err)
{
	struct px_workflow *wf;
	int rc = action_workflow(cx, &wf, err);
	if (rc)
		return rc;
	rc = px_case_show(cx, wf, ref, err);
	px_workflow_free(wf);
	struct kase k;
	if (!rc && !(rc = px_kase_load(cx, ref, &k, err))) {
		struct px_stmt *s = px_stmt_prepare(cx->st,
			"SELECT 'action.trigger' AS t, ?2 AS \"case\", rule, source_type, source_ref, "
			"raised_at, raised_by FROM action_raises WHERE case_id = ?1 ORDER BY rule", err);
		rc = s ? PX_OK : err->code;
		if (!rc) {
			px_stmt_int(s, 1, k.id);
			px_stmt_text(s, 2, k.ref);
			rc = px_stmt_each(s, emit_row, cx, err);
		}
		if (!rc)
			rc = rca_emit(cx, k.id, k.ref, err);
		if (!rc)
			rc = px_sla_show(cx, k.ref, 0, err);
		px_kase_free(&k);
	}
	return rc;
}
