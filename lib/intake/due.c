/* due.c - the surveys an encounter's journey makes due; see due.h. */
#include <string.h>

#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/patient.h"
#include "intake/due.h"
#include "base/banned.h"

static int audit(struct px_import *im, const char *action, const char *id, struct px_rec *details,
		 struct px_err *err)
{
	int rc = px_audit_record(im->cx->st, im->cx->actor->name, action, "survey_due", id, details,
				 err);
	px_rec_free(details);
	return rc;
}

/* The survey.due record of a row, as the listing and the import print it. */
#define DUE_SELECT \
	"SELECT d.public_id AS id, p.public_id AS patient, p.mrn, h.code AS hospital," \
	" dep.code AS department, e.public_id AS encounter, e.visit_number AS visit," \
	" d.journey, d.stage, d.template, d.channel, p.language, d.due_at," \
	" d.hospital_id FROM survey_due d JOIN patients p ON p.id = d.patient_id" \
	" JOIN hospitals h ON h.id = d.hospital_id" \
	" LEFT JOIN departments dep ON dep.id = d.department_id" \
	" LEFT JOIN encounters e ON e.id = d.encounter_id"

static const struct px_col due_cols[] = {
	{ "mrn", PX_COL_TEXT }, { "visit", PX_COL_TEXT }, { "hospital_id", PX_COL_SKIP },
	{ NULL, 0 },
};

/* Holds the survey.due record of row id until the commit, as the store
 * has it. */
static int hold_stored(struct px_import *im, int64_t id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(im->cx->st, DUE_SELECT " WHERE d.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		px_emit_after(im->cx, px_stmt_rec(s, "survey.due", due_cols));
	px_stmt_reset(s);
	return rc < 0 ? err->code : PX_OK;
}

/* The code of a hospital or department the import looked up, or NULL. */
static const char *hospital_code(const struct px_import *im, int64_t id)
{
	for (size_t i = 0; i < im->nhosp; i++)
		if (!im->hosp[i].rc && im->hosp[i].id == id)
			return im->hosp[i].code;
	return NULL;
}

static const char *department_code(const struct px_import *im, int64_t id)
{
	for (size_t i = 0; i < im->ndept; i++)
		if (im->dept[i].id == id)
			return im->dept[i].code;
	return NULL;
}

/* What a survey_due row is written with. */
struct due_row {
	const char *journey, *pub, *due_at, *status, *reason, *channel;
	const struct px_journey_stage *st;
	const struct px_enc_event *trig;
};

/* Holds the survey.due record of the row just written (id, d) until the
 * commit: made of what the import has in hand (the patient p as loaded),
 * the columns of DUE_SELECT in its order, else read back. */
static int hold(struct px_import *im, const struct px_enc *e, const struct due_row *d,
		int64_t id, const struct px_patient *p, struct px_err *err)
{
	const char *hosp = hospital_code(im, e->hospital);
	const char *dept = e->dept ? department_code(im, e->dept) : NULL;
	if (!hosp || (e->dept && !dept) || !p->mrn || !p->language)
		return hold_stored(im, id, err);
	struct px_rec *r = px_rec_new("survey.due");
	px_rec_set_str(r, "id", d->pub);
	px_rec_set_str(r, "patient", p->pid);
	px_rec_set_str(r, "mrn", p->mrn);
	px_rec_set_str(r, "hospital", hosp);
	if (dept)
		px_rec_set_str(r, "department", dept);
	else
		px_rec_set_null(r, "department");
	px_rec_set_str(r, "encounter", e->public_id);
	px_rec_set_str(r, "visit", e->visit);
	px_rec_set_str(r, "journey", d->journey);
	px_rec_set_str(r, "stage", d->st->name);
	px_rec_set_str(r, "template", d->st->survey);
	if (d->channel)
		px_rec_set_str(r, "channel", d->channel);
	else
		px_rec_set_null(r, "channel");
	px_rec_set_str(r, "language", p->language);
	px_rec_set_str(r, "due_at", d->due_at);
	px_emit_after(im->cx, r);
	return PX_OK;
}

int px_due_deceased_code(const struct px_import *im, const char *disp)
{
	for (char **d = im->deceased; disp && *disp && d && *d; d++)
		if (!strcmp(*d, disp))
			return 1;
	return 0;
}

/* Whether the patient was made in the transaction open (as far as the
 * import keeps them, import.h): nothing else has been written about
 * it. */
static int made_now(const struct px_import *im, int64_t patient)
{
	const struct px_import_batch *b = &im->tx;
	size_t lo = 0, hi = b->nmade;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->made[mid] == patient)
			return 1;
		if (b->made[mid] < patient)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* What the due survey becomes: *reason NULL and *channel the one to try
 * first, or the reason it is held back. */
static int rules(struct px_import *im, const struct px_enc *e, const struct px_journey_stage *st,
		 int64_t due_at, struct px_patient *p, const char **reason, const char **channel,
		 struct px_err *err)
{
	*reason = *channel = NULL;
	if (px_due_deceased_code(im, e->disp)) {
		*reason = "deceased";
		return PX_OK;
	}
	int rc = px_encounter_patient_kept(im, e->patient, p) ? PX_OK
		 : px_patient_load(im->cx->st, e->patient, p, err);
	if (rc)
		return rc;
	const char *why = NULL;
	int ch = px_patient_channel(p, NULL, &why, NULL);
	if (ch < 0) {
		*reason = why;
		return PX_OK;
	}
	char blocking[PX_ID_LEN];
	/* a patient made in this transaction was sent nothing yet */
	rc = made_now(im, e->patient) ? 0 : px_patient_fatigued(im->cx, e->patient, e->id, due_at, st->fatigue,
						blocking, err);
	if (rc < 0)
		return -rc;
	if (rc)
		*reason = "fatigue";
	else
		*channel = px_channel_name(ch);
	return PX_OK;
}

/* The survey already there for the encounter's template: *id 0 when
 * none, *keep when it is due or sent (not withdrawn). */
static int existing(struct px_import *im, const struct px_enc *e, const char *template,
		    int64_t *id, char pub[PX_ID_LEN], int *keep, struct px_err *err)
{
	*id = 0;
	*keep = 0;
	struct px_stmt *s = px_stmt_prepare(im->cx->st, "SELECT id, public_id, status FROM survey_due"
		" WHERE encounter_id = ?1 AND template = ?2", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, e->id);
	px_stmt_text(s, 2, template);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		*id = px_stmt_col_int(s, 0);
		px_strlcpy(pub, px_stmt_col_text(s, 1), PX_ID_LEN);
		*keep = strcmp(px_stmt_col_text(s, 2), "withdrawn") != 0;
	}
	px_stmt_reset(s);
	return rc < 0 ? err->code : PX_OK;
}

/* Inserts the row unless the encounter has a survey of the template
 * already: *id 0 then. */
static int insert_row(struct px_import *im, const struct px_enc *e, const struct due_row *d,
		      int64_t *id, struct px_err *err)
{
	*id = 0;
	struct px_stmt *s = px_stmt_prepare(im->cx->st,
		"INSERT INTO survey_due (public_id, patient_id, encounter_id, hospital_id,"
		" department_id, journey, stage, template, channel, due_at, status, reason,"
		" event_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
		" ?9, ?10, ?11, ?12, ?13, ?14, ?14) ON CONFLICT (encounter_id, template) DO NOTHING",
		err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, d->pub);
	px_stmt_int(s, 2, e->patient);
	px_stmt_int(s, 3, e->id);
	px_stmt_int(s, 4, e->hospital);
	if (e->dept)
		px_stmt_int(s, 5, e->dept);
	px_stmt_text(s, 6, d->journey);
	px_stmt_text(s, 7, d->st->name);
	px_stmt_text(s, 8, d->st->survey);
	px_stmt_text(s, 9, d->channel);
	px_stmt_text(s, 10, d->due_at);
	px_stmt_text(s, 11, d->status);
	px_stmt_text(s, 12, d->reason);
	px_stmt_int(s, 13, d->trig->id);
	px_stmt_text(s, 14, im->now);
	int rc = px_stmt_run(s, err);
	if (!rc && px_store_changes(im->cx->st) > 0) /* not RETURNING: see insert_id in encounter.c */
		*id = px_store_last_id(im->cx->st);
	return rc;
}

static int update_row(struct px_import *im, const struct px_enc *e, const struct due_row *d,
		      int64_t id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(im->cx->st,
		"UPDATE survey_due SET department_id = ?2, journey = ?3, stage = ?4,"
		" channel = ?5, due_at = ?6, status = ?7, reason = ?8, event_id = ?9,"
		" updated_at = ?10 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	if (e->dept)
		px_stmt_int(s, 2, e->dept);
	px_stmt_text(s, 3, d->journey);
	px_stmt_text(s, 4, d->st->name);
	px_stmt_text(s, 5, d->channel);
	px_stmt_text(s, 6, d->due_at);
	px_stmt_text(s, 7, d->status);
	px_stmt_text(s, 8, d->reason);
	px_stmt_int(s, 9, d->trig->id);
	px_stmt_text(s, 10, im->now);
	return px_stmt_run(s, err);
}


void px_due_count_reason(struct px_import_stats *s, const char *reason, long n)
{
	int i = 0;
	while (i < PX_IMPORT_REASONS - 1 && s->suppressed_by[i].n &&
	       strcmp(s->suppressed_by[i].reason, reason))
		i++;
	if (!s->suppressed_by[i].n)
		px_strlcpy(s->suppressed_by[i].reason, reason, sizeof s->suppressed_by[i].reason);
	else if (strcmp(s->suppressed_by[i].reason, reason))
		px_strlcpy(s->suppressed_by[i].reason, "other", sizeof s->suppressed_by[i].reason);
	s->suppressed_by[i].n += n;
}

int px_due_make(struct px_import *im, const struct px_enc *e, const char *journey,
		const struct px_journey_stage *st, const struct px_enc_event *trig,
		struct px_err *err)
{
	int64_t t;
	if (px_time_parse(trig->at, &t))
		return px_fail(err, PX_ESTORE, "bad event time in store");
	char due_at[PX_TIME_UTC_LEN], pub[PX_ID_LEN] = "";
	px_time_format_utc(t + st->delay, due_at);
	struct due_row d = { .journey = journey, .pub = pub, .due_at = due_at, .st = st,
			     .trig = trig };
	struct px_patient p;
	memset(&p, 0, sizeof p);
	int64_t id = 0;
	int keep = 0, rc = rules(im, e, st, t + st->delay, &p, &d.reason, &d.channel, err);
	d.status = d.reason ? "suppressed" : "due";
	/* most often there is none yet: the insert finds out, the row is read
	 * only when there is one */
	if (!rc && px_id_new("due", pub, err))
		rc = err->code;
	if (!rc)
		rc = insert_row(im, e, &d, &id, err);
	if (!rc && !id && !(rc = existing(im, e, st->survey, &id, pub, &keep, err)) && id && !keep)
		rc = update_row(im, e, &d, id, err);
	if (!rc && !id)
		rc = px_fail(err, PX_ESTORE, "survey of '%s' neither stored nor found", st->survey);
	if (rc || keep) {
		px_patient_free(&p);
		return rc;
	}
	/* audited with its batch (import.h); the row says why it is held back */
	if (!rc && d.reason) {
		im->stats.suppressed++;
		px_due_count_reason(&im->stats, d.reason, 1);
		im->tx.suppressed++;
	} else if (!rc) {
		im->stats.due++;
		im->tx.due++;
		rc = hold(im, e, &d, id, &p, err);
	}
	px_patient_free(&p);
	return rc;
}

/* Whether r is the survey.due record with public id arg. */
static int is_due(const struct px_rec *r, void *arg)
{
	const char *type = px_rec_type(r), *id = px_rec_get(r, "id");
	return type && !strcmp(type, "survey.due") && id && !strcmp(id, arg);
}

int px_due_withdraw(struct px_import *im, const struct px_enc *e, const char *template,
		    const char *reason, struct px_err *err)
{
	struct px_store *st = im->cx->st;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT public_id FROM survey_due WHERE encounter_id = ?1 AND template = ?2"
		" AND status = 'due'", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, e->id);
	px_stmt_text(s, 2, template);
	char pub[PX_ID_LEN] = "";
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		px_strlcpy(pub, px_stmt_col_text(s, 0), sizeof pub);
	px_stmt_reset(s);
	if (rc <= 0)
		return rc < 0 ? err->code : PX_OK;
	s = px_stmt_prepare(st, "UPDATE survey_due SET status = 'withdrawn', reason = ?2,"
		" updated_at = ?3 WHERE public_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, pub);
	px_stmt_text(s, 2, reason);
	px_stmt_text(s, 3, im->now);
	if ((rc = px_stmt_run(s, err)))
		return rc;
	/* made due earlier in this transaction: it is not printed after all */
	px_emit_forget(im->cx, is_due, pub);
	im->stats.withdrawn++;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "encounter", e->public_id);
	px_rec_set_str(d, "reason", reason);
	return audit(im, "survey_due_withdrawn", pub, d, err);
}

/* ---------- the listing ---------- */

struct listing {
	struct px_ctx *cx;
	struct px_err *err;
};

static int list_row(struct px_stmt *s, void *ctx)
{
	struct listing *l = ctx;
	if (!px_auth_in_scope(l->cx->actor, px_stmt_col_int(s, 13)))
		return PX_OK;
	struct px_rec *r = px_stmt_rec(s, "survey.due", due_cols);
	int rc = px_emit(l->cx, r, l->err);
	px_rec_free(r);
	return rc;
}

int px_due_list(struct px_ctx *cx, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "list the surveys due", err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st, DUE_SELECT
		" WHERE d.status = 'due' ORDER BY d.due_at, d.id", err);
	if (!s)
		return err->code;
	struct listing l = { cx, err };
	return px_stmt_each(s, list_row, &l, err);
}
