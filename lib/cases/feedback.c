/* feedback.c - feedback records: recorded by staff, moved forward to
 * closed; the satisfaction checks of the negative-survey loop.
 *
 * A feedback is a case of kind feedback (share/px/workflows/feedback)
 * with the feedback's public id: its status is the case's state, moved
 * only by px_case_move_tx with the audit rows feedback has always had;
 * the feedback table keeps the rest (its status column is the store's
 * copy of the case's state). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/privacy.h"
#include "core/patient_find.h"
#include "base/time.h"
#include "cases/case.h"
#include "cases/feedback.h"
#include "core/audit.h"
#include "core/org.h"
#include "base/banned.h"

static const char *const types[PX_FEEDBACK_TYPES] = {
	"compliment", "suggestion", "general", "inquiry", "satisfaction_check",
};

static const char *const statuses[PX_FEEDBACK_STATUSES] = {
	"submitted", "reviewed", "acknowledged", "closed",
};

const char *px_feedback_type_name(enum px_feedback_type t)
{
	return (unsigned)t < PX_FEEDBACK_TYPES ? types[t] : "";
}

int px_feedback_type_parse(const char *name)
{
	for (int i = 0; name && i < PX_FEEDBACK_TYPES; i++)
		if (!strcmp(name, types[i]))
			return i;
	return -1;
}

const char *px_feedback_status_name(enum px_feedback_status s)
{
	return (unsigned)s < PX_FEEDBACK_STATUSES ? statuses[s] : "";
}

int px_feedback_status_parse(const char *name)
{
	for (int i = 0; name && i < PX_FEEDBACK_STATUSES; i++)
		if (!strcmp(name, statuses[i]))
			return i;
	return -1;
}

/* An audit event; details (may be NULL) freed. */
static int audit(struct px_ctx *cx, const char *action, const char *id, struct px_rec *details,
		 struct px_err *err)
{
	int rc = px_audit_record(cx->st, cx->actor->name, action, "feedback", id, details, err);
	px_rec_free(details);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* The verbs of the feedback workflow that a person sets each status by. */
static const char *const verbs[PX_FEEDBACK_STATUSES] = {
	NULL, "review", "acknowledge", "close",
};

static int feedback_workflow(struct px_ctx *cx, struct px_workflow **wf, struct px_err *err)
{
	return px_case_workflow(cx, "feedback", wf, err);
}

/* Whether the workflow's move verb leaves the state. */
static int move_allowed(const struct px_workflow *wf, const char *verb, const char *state)
{
	const struct px_wf_move *m = px_workflow_move(wf, verb);
	int st = px_workflow_state(wf, state);
	return m && st >= 0 && ((m->from >> st) & 1);
}

/* Inside the transaction: the move verb on feedback fid, with fields
 * (borrowed, may be NULL) and its audit row action with details (freed). */
static int feedback_move(struct px_ctx *cx, const struct px_workflow *wf, const char *fid,
			 const char *verb, const struct px_rec *fields, const char *action,
			 struct px_rec *details, struct px_err *err)
{
	struct px_case_audit a = { action, "feedback", fid, details };
	int rc = px_case_move_tx(cx, wf, fid, verb, fields, &a, err);
	px_rec_free(details);
	return rc;
}

/* ---------- feedback as records ---------- */

#define FEEDBACK_SQL \
	"SELECT f.public_id AS id, f.type AS feedback_type, k.state AS status, " \
	"h.code AS hospital, d.code AS department, r.public_id AS related_survey, " \
	"c.public_id AS check_survey, f.outcome AS outcome, f.created_by AS created_by, " \
	"f.created_at AS created_at, f.closed_at AS closed_at, f.hospital_id AS hospital_row, " \
	"f.related_survey_id AS related_row FROM feedback f " \
	"JOIN cases k ON k.public_id = f.public_id " \
	"JOIN hospitals h ON h.id = f.hospital_id " \
	"LEFT JOIN departments d ON d.id = f.department_id " \
	"LEFT JOIN surveys r ON r.id = f.related_survey_id " \
	"LEFT JOIN surveys c ON c.id = f.check_survey_id "

static const struct px_col feedback_cols[] = {
	{ "hospital_row", PX_COL_SKIP }, { "related_row", PX_COL_SKIP }, { NULL, 0 },
};

struct emit_ctx {
	struct px_ctx *cx;
	struct px_err *err;
	int scoped; /* only the hospitals in the user's scope */
};

static int emit_row(struct px_stmt *s, void *vec)
{
	struct emit_ctx *ec = vec;
	if (ec->scoped && !px_auth_in_scope(ec->cx->actor, px_stmt_col_int(s, 11)))
		return 0;
	struct px_rec *r = px_stmt_rec(s, "feedback", feedback_cols);
	int rc = px_emit(ec->cx, r, ec->err);
	px_rec_free(r);
	return rc;
}

/* Emits the feedback with this row id. */
static int emit_feedback(struct px_ctx *cx, int64_t row, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, FEEDBACK_SQL "WHERE f.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, row);
	struct emit_ctx ec = { cx, err, 0 };
	return px_stmt_each(s, emit_row, &ec, err);
}

int px_feedback_list(struct px_ctx *cx, const struct px_feedback_filter *f, struct px_err *err)
{
	if (f->hospital) {
		int64_t hid;
		char what[160];
		snprintf(what, sizeof what, "read feedback of hospital '%s'", f->hospital);
		int rc = px_org_hospital(cx, f->hospital, PX_ROLE_VIEWER, what, &hid, err);
		if (rc)
			return rc;
	}
	struct px_stmt *s = px_stmt_prepare(cx->st, FEEDBACK_SQL
		"WHERE (CAST(?1 AS TEXT) IS NULL OR h.code = ?1) "
		"AND (CAST(?2 AS TEXT) IS NULL OR f.type = ?2) "
		"AND (CAST(?3 AS TEXT) IS NULL OR k.state = ?3) ORDER BY f.created_at, f.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, f->hospital);
	px_stmt_text(s, 2, f->type);
	px_stmt_text(s, 3, f->status);
	struct emit_ctx ec = { cx, err, 1 };
	return px_stmt_each(s, emit_row, &ec, err);
}

int px_feedback_emit_related(struct px_ctx *cx, int64_t survey_id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, FEEDBACK_SQL
					    "WHERE f.related_survey_id = ?1 ORDER BY f.id", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, survey_id);
	struct emit_ctx ec = { cx, err, 0 };
	return px_stmt_each(s, emit_row, &ec, err);
}

int px_feedback_show(struct px_ctx *cx, const char *id, int64_t *related, struct px_err *err)
{
	*related = 0;
	struct px_stmt *s = px_stmt_prepare(cx->st, FEEDBACK_SQL "WHERE f.public_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	struct px_rec *r = NULL;
	int64_t hid = 0;
	char what[160] = "";
	if (rc == 1) {
		r = px_stmt_rec(s, "feedback", feedback_cols);
		hid = px_stmt_col_int(s, 11);
		*related = px_stmt_col_int(s, 12);
		snprintf(what, sizeof what, "read feedback of hospital '%s'", px_rec_get(r, "hospital"));
	}
	px_stmt_reset(s);
	if (rc <= 0)
		return rc < 0 ? err->code : px_fail(err, PX_EINPUT, "unknown feedback '%s'", id);
	rc = px_auth_require(cx->actor, PX_ROLE_VIEWER, hid, what, err) ? PX_EPERM
		: px_emit(cx, r, err);
	px_rec_free(r);
	return rc;
}

/* ---------- recording and moving feedback ---------- */

/* The row ids a new feedback names, in scope: PX_OK or the status. */
static int add_names(struct px_ctx *cx, const struct px_feedback_spec *sp, int64_t *hid,
		     int64_t *did, int64_t *pid, struct px_err *err)
{
	char what[160];
	snprintf(what, sizeof what, "record feedback for hospital '%s'", sp->hospital);
	int rc = px_org_hospital(cx, sp->hospital, PX_ROLE_STAFF, what, hid, err);
	if (rc)
		return rc;
	if (sp->department) {
		rc = px_org_department_id(cx->st, *hid, sp->department, did, err);
		if (rc <= 0)
			return rc < 0 ? err->code : px_fail(err, PX_EINPUT, "unknown department '%s'",
							    sp->department);
	}
	if (!sp->mrn)
		return PX_OK;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id FROM patients WHERE hospital_id = ?1 AND mrn = ?2", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, *hid);
	px_stmt_text(s, 2, sp->mrn);
	rc = px_stmt_step(s, err);
	if (rc == 1)
		*pid = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_patient_unknown(err, PX_EINPUT, "MRN", sp->mrn, sp->hospital);
	return PX_OK;
}

/* A new feedback, inside the transaction: its case (from source: patient
 * for what staff record, followup for a loop's check), then its row,
 * which takes the case's public id (and state).  Its public id and row
 * id. */
static int insert(struct px_ctx *cx, const char *type, const char *source, int64_t hid,
		  int64_t did, int64_t pid, int64_t related, const char *notes, char fid[PX_ID_LEN],
		  int64_t *row, struct px_err *err)
{
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_workflow *wf;
	int rc = feedback_workflow(cx, &wf, err);
	struct px_case_new n = {
		.hospital_id = hid, .department_id = did, .patient_id = pid, .source = source,
	};
	struct px_case_made m;
	if (!rc)
		rc = px_case_open_tx(cx, wf, &n, &m, err);
	px_workflow_free(wf);
	if (rc)
		return rc;
	px_strlcpy(fid, m.pid, PX_ID_LEN);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"INSERT INTO feedback (public_id, type, hospital_id, department_id, patient_id, "
		"related_survey_id, notes, created_by, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, fid);
	px_stmt_text(s, 2, type);
	px_stmt_int(s, 3, hid);
	if (did)
		px_stmt_int(s, 4, did);
	if (pid)
		px_stmt_int(s, 5, pid);
	if (related)
		px_stmt_int(s, 6, related);
	px_stmt_text(s, 7, notes);
	px_stmt_text(s, 8, cx->actor->name);
	px_stmt_text(s, 9, at);
	rc = px_stmt_step(s, err);
	if (rc == 1)
		*row = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc == 1 ? PX_OK : rc < 0 ? err->code : px_fail(err, PX_ESTORE, "no id for the feedback");
}

/* Ends a write: committed when rc is PX_OK, else rolled back. */
static int finish(struct px_ctx *cx, int rc, struct px_err *err)
{
	if (rc) {
		px_store_rollback(cx->st);
		return rc;
	}
	return px_store_commit(cx->st, err);
}

int px_feedback_add(struct px_ctx *cx, const struct px_feedback_spec *sp, struct px_err *err)
{
	int t = px_feedback_type_parse(sp->type);
	if (t < 0 || t == PX_FEEDBACK_SATISFACTION_CHECK)
		return px_fail(err, PX_EUSAGE, "feedback type must be compliment, suggestion, "
			       "general or inquiry, not '%s'", sp->type ? sp->type : "");
	if (!sp->notes || !*sp->notes)
		return px_fail(err, PX_EUSAGE, "feedback needs --notes");
	int64_t hid, did = 0, pid = 0, row = 0;
	char fid[PX_ID_LEN];
	int rc = add_names(cx, sp, &hid, &did, &pid, err);
	if (!rc)
		rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	rc = insert(cx, sp->type, "patient", hid, did, pid, 0, sp->notes, fid, &row, err);
	if (!rc) {
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "feedback_type", sp->type);
		rc = audit(cx, "feedback_created", fid, d, err);
	}
	if ((rc = finish(cx, rc, err)))
		return rc;
	return emit_feedback(cx, row, err);
}

/* The feedback to move, inside the transaction. */
struct moving {
	int64_t row, hid;
	char type[32], from[24], code[40];
};

static int moving_load(struct px_ctx *cx, const char *id, struct moving *m, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT f.id, f.type, k.state, f.hospital_id, h.code FROM feedback f "
		"JOIN cases k ON k.public_id = f.public_id "
		"JOIN hospitals h ON h.id = f.hospital_id WHERE f.public_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		m->row = px_stmt_col_int(s, 0);
		px_strlcpy(m->type, px_stmt_col_text(s, 1), sizeof m->type);
		px_strlcpy(m->from, px_stmt_col_text(s, 2), sizeof m->from);
		m->hid = px_stmt_col_int(s, 3);
		px_strlcpy(m->code, px_stmt_col_text(s, 4), sizeof m->code);
	}
	px_stmt_reset(s);
	if (rc <= 0)
		return rc < 0 ? err->code : px_fail(err, PX_EINPUT, "unknown feedback '%s'", id);
	char what[160];
	snprintf(what, sizeof what, "handle feedback for hospital '%s'", m->code);
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, m->hid, what, err))
		return PX_EPERM;
	if (!strcmp(m->type, types[PX_FEEDBACK_SATISFACTION_CHECK]))
		return px_fail(err, PX_EREJECT, "feedback '%s' is a satisfaction check: its loop sets "
			       "its status", id);
	return PX_OK;
}

/* Inside the transaction begun: the move to status `to`. */
static int set_tx(struct px_ctx *cx, const struct px_workflow *wf, const char *id, int to,
		  const char *notes, const char *at, struct moving *m, struct px_err *err)
{
	int rc = moving_load(cx, id, m, err);
	if (!rc && !move_allowed(wf, verbs[to], m->from))
		rc = px_fail(err, PX_EREJECT, "feedback '%s' is already %s", id, m->from);
	if (!rc) {
		struct px_rec *f = px_rec_new(NULL);
		if (notes)
			px_rec_set_str(f, "notes", notes);
		char action[40];
		snprintf(action, sizeof action, "feedback_%s", statuses[to]);
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "from", m->from);
		rc = feedback_move(cx, wf, id, verbs[to], f, action, d, err);
		px_rec_free(f);
	}
	struct px_stmt *s = rc ? NULL : px_stmt_prepare(cx->st,
		"UPDATE feedback SET notes = COALESCE(?3, notes), updated_at = ?4, "
		"closed_at = CASE WHEN ?2 = 'closed' THEN ?4 END WHERE id = ?1", err);
	if (!rc && !s)
		rc = err->code;
	if (!rc) {
		px_stmt_int(s, 1, m->row);
		px_stmt_text(s, 2, statuses[to]);
		px_stmt_text(s, 3, notes);
		px_stmt_text(s, 4, at);
		rc = px_stmt_run(s, err);
	}
	return rc;
}

int px_feedback_set(struct px_ctx *cx, const char *id, const char *status, const char *notes,
		    struct px_err *err)
{
	int to = px_feedback_status_parse(status);
	if (to <= PX_FEEDBACK_SUBMITTED)
		return px_fail(err, PX_EUSAGE, "--status must be reviewed, acknowledged or closed, "
			       "not '%s'", status ? status : "");
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	struct px_workflow *wf;
	int rc = feedback_workflow(cx, &wf, err);
	if (!rc && (rc = px_store_begin(cx->st, err)))
		px_workflow_free(wf);
	if (rc)
		return rc;
	struct moving m;
	rc = set_tx(cx, wf, id, to, notes, at, &m, err);
	px_workflow_free(wf);
	if ((rc = finish(cx, rc, err)))
		return rc;
	return emit_feedback(cx, m.row, err);
}

/* ---------- satisfaction checks ---------- */

int px_feedback_check_new(struct px_ctx *cx, const struct px_feedback_check *ck,
			  char fid[PX_ID_LEN], int64_t *row, struct px_err *err)
{
	return insert(cx, types[PX_FEEDBACK_SATISFACTION_CHECK], "followup", ck->hospital_id,
		      ck->department_id, ck->patient_id, ck->survey_id, NULL, fid, row, err);
}

int px_feedback_check_sent(struct px_ctx *cx, const struct px_feedback_check *ck,
			   const char *fid, int64_t row, int64_t check_survey, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"UPDATE feedback SET check_survey_id = ?2 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, row);
	px_stmt_int(s, 2, check_survey);
	int rc = px_stmt_run(s, err);
	if (rc)
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "feedback_type", types[PX_FEEDBACK_SATISFACTION_CHECK]);
	px_rec_set_str(d, "related_survey", ck->related);
	return audit(cx, "feedback_created", fid, d, err);
}

/* The answer's move on the check's feedback fid, when its workflow
 * allows it from the state the feedback is in (the shipped one: from
 * every state), and the outcome kept. */
static int answered_tx(struct px_ctx *cx, const char *fid, int satisfied, const char *at,
		       struct px_err *err)
{
	struct px_workflow *wf;
	int rc = feedback_workflow(cx, &wf, err);
	if (rc)
		return rc;
	const char *outcome = satisfied ? "satisfied" : "not_satisfied";
	struct px_stmt *s = px_stmt_prepare(cx->st, "SELECT state FROM cases WHERE public_id = ?1",
					    err);
	char state[PX_WF_NAME] = "";
	if (!s)
		rc = err->code;
	else {
		px_stmt_text(s, 1, fid);
		if ((rc = px_stmt_step(s, err)) == 1)
			px_strlcpy(state, px_stmt_col_text(s, 0), sizeof state);
		px_stmt_reset(s);
		rc = rc < 0 ? err->code : PX_OK;
	}
	int moves = !rc && move_allowed(wf, outcome, state);
	if (moves) {
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "outcome", outcome);
		rc = feedback_move(cx, wf, fid, outcome, NULL,
				   satisfied ? "feedback_closed" : "feedback_reviewed", d, err);
	}
	px_workflow_free(wf);
	s = rc ? NULL : px_stmt_prepare(cx->st, moves
		? "UPDATE feedback SET outcome = ?2, updated_at = ?3, "
		  "closed_at = CASE WHEN ?4 = 1 THEN ?3 END WHERE public_id = ?1"
		: "UPDATE feedback SET outcome = ?2, updated_at = ?3 WHERE public_id = ?1", err);
	if (!s)
		return rc ? rc : err->code;
	px_stmt_text(s, 1, fid);
	px_stmt_text(s, 2, outcome);
	px_stmt_text(s, 3, at);
	if (moves)
		px_stmt_int(s, 4, satisfied);
	return px_stmt_run(s, err);
}

int px_feedback_check_answered(struct px_ctx *cx, int64_t check_survey, int satisfied,
			       const char *at, char fid[PX_ID_LEN], int64_t *related,
			       struct px_err *err)
{
	*related = 0;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT public_id, related_survey_id FROM feedback WHERE check_survey_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, check_survey);
	int rc = px_stmt_step(s, err);
	int64_t rel = 0;
	if (rc == 1) {
		px_strlcpy(fid, px_stmt_col_text(s, 0), PX_ID_LEN);
		rel = px_stmt_col_int(s, 1);
	}
	px_stmt_reset(s);
	if (rc <= 0 || satisfied < 0)
		return rc < 0 ? err->code : PX_OK;
	rc = answered_tx(cx, fid, satisfied, at, err);
	if (!rc)
		*related = rel;
	return rc;
}

/* px_stmt_each: the public ids of the feedback that the workflow's close
 * may leave, one after the other, NUL-terminated. */
struct open_ids {
	const struct px_workflow *wf;
	struct px_buf ids;
};

static int add_open(struct px_stmt *s, void *vo)
{
	struct open_ids *o = vo;
	if (move_allowed(o->wf, verbs[PX_FEEDBACK_CLOSED], px_stmt_col_text(s, 1)))
		px_buf_add(&o->ids, px_stmt_col_text(s, 0), strlen(px_stmt_col_text(s, 0)) + 1);
	return 0;
}

int px_feedback_close_related(struct px_ctx *cx, int64_t survey_id, const char *at,
			      struct px_err *err)
{
	struct px_workflow *wf;
	int rc = feedback_workflow(cx, &wf, err);
	if (rc)
		return rc;
	struct open_ids o = { wf, PX_BUF_INIT };
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT f.public_id, k.state FROM feedback f JOIN cases k ON k.public_id = f.public_id "
		"WHERE f.related_survey_id = ?1 ORDER BY f.id", err);
	if (!s)
		rc = err->code;
	else {
		px_stmt_int(s, 1, survey_id);
		rc = px_stmt_each(s, add_open, &o, err);
	}
	for (size_t i = 0; !rc && i < o.ids.len; i += strlen(o.ids.s + i) + 1) {
		const char *fid = o.ids.s + i;
		rc = feedback_move(cx, wf, fid, verbs[PX_FEEDBACK_CLOSED], NULL, "feedback_closed", NULL,
				   err);
		s = rc ? NULL : px_stmt_prepare(cx->st, "UPDATE feedback SET closed_at = ?2, "
						"updated_at = ?2 WHERE public_id = ?1", err);
		if (!rc && !s)
			rc = err->code;
		if (!rc) {
			px_stmt_text(s, 1, fid);
			px_stmt_text(s, 2, at);
			rc = px_stmt_run(s, err);
		}
	}
	px_buf_free(&o.ids);
	px_workflow_free(wf);
	return rc;
}
