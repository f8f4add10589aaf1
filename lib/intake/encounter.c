/* encounter.c - patients and encounters from HIS events, and their
 * replay; see encounter.h. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/privacy.h"
#include "core/audit.h"
#include "core/auth.h"
#include "intake/encounter.h"
#include "base/banned.h"

static int audit(struct px_import *im, const char *action, const char *type, const char *id,
		 struct px_rec *details, struct px_err *err)
{
	int rc = px_audit_record(im->cx->st, im->cx->actor->name, action, type, id, details, err);
	px_rec_free(details);
	return rc;
}

/* Runs an INSERT and gives the new row's id.  Not INSERT ... RETURNING:
 * SQLite keeps the returned rows in a table of their own, a third more
 * work on the rows an import writes most; the store gives the id. */
static int insert_id(struct px_store *st, struct px_stmt *s, int64_t *id, struct px_err *err)
{
	int rc = px_stmt_run(s, err);
	if (!rc)
		*id = px_store_last_id(st);
	return rc;
}

static void bind_flag(struct px_stmt *s, int i, int v)
{
	if (v < 0)
		px_stmt_null(s, i);
	else
		px_stmt_int(s, i, v);
}

/* ---------- patients ---------- */

/* The patient a merged one was merged into, or 0. */
static int merged_into(struct px_store *st, int64_t id, int64_t *next, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, "SELECT merged_into FROM patients WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, id);
	int rc = px_stmt_step(s, err);
	*next = rc == 1 && !px_stmt_col_isnull(s, 0) ? px_stmt_col_int(s, 0) : 0;
	px_stmt_reset(s);
	return rc < 0 ? err->code : PX_OK;
}

int px_encounter_patient(struct px_store *st, int64_t hid, const char *mrn, int follow,
			 int64_t *pid, struct px_err *err)
{
	*pid = 0;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, merged_into FROM patients WHERE hospital_id = ?1 AND mrn = ?2", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, mrn);
	int rc = px_stmt_step(s, err);
	int64_t next = 0;
	if (rc == 1) {
		*pid = px_stmt_col_int(s, 0);
		next = px_stmt_col_isnull(s, 1) ? 0 : px_stmt_col_int(s, 1);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	/* a chain of merges is followed a few steps, never round a circle */
	for (int hops = 0; follow && next && hops < 16; hops++) {
		*pid = next;
		if ((rc = merged_into(st, next, &next, err)))
			return rc;
	}
	return PX_OK;
}

/* A text column into buf: *has whether it is not NULL; -1 when it does
 * not fit. */
static int col_copy(struct px_stmt *s, int i, char *buf, size_t size, int *has)
{
	*has = !px_stmt_col_isnull(s, i);
	const char *v = *has ? px_stmt_col_text(s, i) : "";
	if (strlen(v) >= size)
		return -1;
	px_strlcpy(buf, v, size);
	return 0;
}

/* The patients made lately, by hospital and MRN: as inserted, with what
 * px_patient_load would read. */
#define PAT_SLOTS 256

struct pat_slot {
	int used;
	int64_t hid;
	char mrn[128];
	struct px_enc_patient row;
	struct px_patient p;
};

struct px_pat_cache {
	struct pat_slot slot[PAT_SLOTS];
};

static struct pat_slot *pat_slot(struct px_import *im, int64_t hid, const char *mrn)
{
	if (!im->pats)
		im->pats = px_xcalloc(1, sizeof *im->pats);
	uint64_t h = 1469598103934665603u ^ (uint64_t)hid;
	for (const unsigned char *p = (const unsigned char *)mrn; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return &im->pats->slot[h % PAT_SLOTS];
}

static void pat_drop(struct pat_slot *sl)
{
	if (sl->used)
		px_patient_free(&sl->p);
	sl->used = 0;
}

static char *dup_or_null(const char *s)
{
	return s ? px_xstrdup(s) : NULL;
}

/* What a stored text column is when the record left it NULL or gave v. */
static void row_text(char *buf, size_t size, int *has, const char *v)
{
	*has = v != NULL;
	px_strlcpy(buf, v ? v : "", size);
}

/* The patient just inserted from the record, kept. */
static void pat_keep(struct px_import *im, int64_t hid, const struct px_visit_in *in, int64_t pid,
		     const char *public_id)
{
	struct pat_slot *sl = pat_slot(im, hid, in->mrn);
	pat_drop(sl);
	if (strlen(in->mrn) >= sizeof sl->mrn)
		return;
	sl->hid = hid;
	px_strlcpy(sl->mrn, in->mrn, sizeof sl->mrn);
	struct px_enc_patient *w = &sl->row;
	memset(w, 0, sizeof *w);
	w->known = 1;
	row_text(w->natid_hash, sizeof w->natid_hash, &w->has_natid, in->natid ? in->natid_hash : NULL);
	row_text(w->name_en, sizeof w->name_en, &w->has_name_en, in->name_en);
	row_text(w->name_ar, sizeof w->name_ar, &w->has_name_ar, in->name_ar);
	row_text(w->birth_date, sizeof w->birth_date, &w->has_birth, in->birth_date);
	row_text(w->sex, sizeof w->sex, &w->has_sex, in->sex);
	row_text(w->phone, sizeof w->phone, &w->has_phone, in->phone);
	row_text(w->email, sizeof w->email, &w->has_email, in->email);
	int lang;
	row_text(w->language, sizeof w->language, &lang, in->language ? in->language : "ar");
	row_text(w->channel, sizeof w->channel, &w->has_channel, in->channel);
	struct px_patient *p = &sl->p;
	memset(p, 0, sizeof *p);
	p->id = pid;
	p->hospital_id = hid;
	px_strlcpy(p->pid, public_id, sizeof p->pid);
	p->mrn = px_xstrdup(in->mrn);
	p->name_en = dup_or_null(in->name_en);
	p->name_ar = dup_or_null(in->name_ar);
	p->phone = dup_or_null(in->phone);
	p->email = dup_or_null(in->email);
	p->language = px_xstrdup(in->language ? in->language : "ar");
	p->preferred = dup_or_null(in->channel);
	for (int ch = 0; ch < PX_CH_COUNT; ch++)
		p->optout[ch] = w->optout[ch] = in->optout[ch] > 0;
	sl->used = 1;
}

int px_encounter_patient_kept(struct px_import *im, int64_t pid, struct px_patient *p)
{
	for (size_t i = 0; im->pats && i < PAT_SLOTS; i++) {
		const struct pat_slot *sl = &im->pats->slot[i];
		if (!sl->used || sl->p.id != pid)
			continue;
		*p = sl->p;
		p->mrn = px_xstrdup(sl->p.mrn);
		p->name_en = dup_or_null(sl->p.name_en);
		p->name_ar = dup_or_null(sl->p.name_ar);
		p->phone = dup_or_null(sl->p.phone);
		p->email = dup_or_null(sl->p.email);
		p->language = px_xstrdup(sl->p.language);
		p->preferred = dup_or_null(sl->p.preferred);
		p->deceased_at = NULL;
		return 1;
	}
	return 0;
}

int px_encounter_patient_row(struct px_import *im, int64_t hid, const char *mrn, int64_t *pid,
			     struct px_enc_patient *row, struct px_err *err)
{
	*pid = 0;
	row->known = 0;
	const struct pat_slot *sl = im->pats ? pat_slot(im, hid, mrn) : NULL;
	if (sl && sl->used && sl->hid == hid && !strcmp(sl->mrn, mrn)) {
		*pid = sl->p.id;
		*row = sl->row;
		return PX_OK;
	}
	struct px_store *st = im->cx->st;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, merged_into, natid_hash, name_en, name_ar, birth_date, sex, phone, email,"
		" language, preferred_channel, optout_sms, optout_whatsapp, optout_email"
		" FROM patients WHERE hospital_id = ?1 AND mrn = ?2", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, mrn);
	int rc = px_stmt_step(s, err);
	if (rc < 0)
		return err->code;
	if (!rc)
		return PX_OK;
	*pid = px_stmt_col_int(s, 0);
	int merged = !px_stmt_col_isnull(s, 1), lang, fit = 0;
	fit |= col_copy(s, 2, row->natid_hash, sizeof row->natid_hash, &row->has_natid);
	fit |= col_copy(s, 3, row->name_en, sizeof row->name_en, &row->has_name_en);
	fit |= col_copy(s, 4, row->name_ar, sizeof row->name_ar, &row->has_name_ar);
	fit |= col_copy(s, 5, row->birth_date, sizeof row->birth_date, &row->has_birth);
	fit |= col_copy(s, 6, row->sex, sizeof row->sex, &row->has_sex);
	fit |= col_copy(s, 7, row->phone, sizeof row->phone, &row->has_phone);
	fit |= col_copy(s, 8, row->email, sizeof row->email, &row->has_email);
	fit |= col_copy(s, 9, row->language, sizeof row->language, &lang);
	fit |= col_copy(s, 10, row->channel, sizeof row->channel, &row->has_channel);
	row->optout[PX_CH_SMS] = (int)px_stmt_col_int(s, 11);
	row->optout[PX_CH_WHATSAPP] = (int)px_stmt_col_int(s, 12);
	row->optout[PX_CH_EMAIL] = (int)px_stmt_col_int(s, 13);
	px_stmt_reset(s);
	row->known = !merged && !fit && lang;
	if (!merged)
		return PX_OK;
	/* merged: the survivor, as px_encounter_patient finds it */
	return px_encounter_patient(st, hid, mrn, 1, pid, err);
}

/* Whether a value the record brings (NULL: none) differs from the
 * stored one. */
static int text_differs(const char *v, const char *stored, int has)
{
	return v && (!has || strcmp(v, stored));
}

/* Whether the record brings a detail the stored patient does not have:
 * the conditions of the upsert's UPDATE. */
static int patient_differs(const struct px_enc_patient *w, const struct px_visit_in *in)
{
	if (text_differs(in->natid ? in->natid_hash : NULL, w->natid_hash, w->has_natid) ||
	    text_differs(in->name_en, w->name_en, w->has_name_en) ||
	    text_differs(in->name_ar, w->name_ar, w->has_name_ar) ||
	    text_differs(in->birth_date, w->birth_date, w->has_birth) ||
	    text_differs(in->sex, w->sex, w->has_sex) ||
	    text_differs(in->phone, w->phone, w->has_phone) ||
	    text_differs(in->email, w->email, w->has_email) ||
	    text_differs(in->language, w->language, 1) ||
	    text_differs(in->channel, w->channel, w->has_channel))
		return 1;
	for (int ch = 0; ch < PX_CH_COUNT; ch++)
		if (in->optout[ch] >= 0 && in->optout[ch] != w->optout[ch])
			return 1;
	return 0;
}

static int patient_public_id(struct px_store *st, int64_t pid, char out[PX_ID_LEN],
			     struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, "SELECT public_id FROM patients WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, pid);
	int rc = px_stmt_step(s, err);
	px_strlcpy(out, rc == 1 ? px_stmt_col_text(s, 0) : "", PX_ID_LEN);
	px_stmt_reset(s);
	return rc < 0 ? err->code : PX_OK;
}

/* The record's patient details, in the parameters both statements of
 * the upsert number alike (2 to 16). */
static void bind_patient(struct px_stmt *s, const struct px_visit_in *in, const char *dec,
			 const char *now)
{
	px_stmt_text(s, 2, in->natid ? in->natid_hash : NULL);
	px_stmt_text(s, 3, in->natid ? in->natid_masked : NULL);
	px_stmt_text(s, 4, in->name_en);
	px_stmt_text(s, 5, in->name_ar);
	px_stmt_text(s, 6, in->birth_date);
	px_stmt_text(s, 7, in->sex);
	px_stmt_text(s, 8, in->phone);
	px_stmt_text(s, 9, in->email);
	px_stmt_text(s, 10, in->language);
	bind_flag(s, 11, in->optout[PX_CH_SMS]);
	bind_flag(s, 12, in->optout[PX_CH_WHATSAPP]);
	bind_flag(s, 13, in->optout[PX_CH_EMAIL]);
	px_stmt_text(s, 14, in->channel);
	px_stmt_text(s, 15, dec);
	px_stmt_text(s, 16, in->at);
	px_stmt_text(s, 17, now);
}

static int patient_insert(struct px_import *im, int64_t hid, const struct px_visit_in *in,
			  int64_t *pid, struct px_err *err)
{
	char id[PX_ID_LEN];
	if (px_id_new("pat", id, err))
		return err->code;
	struct px_stmt *s = px_stmt_prepare(im->cx->st,
		"INSERT INTO patients (public_id, hospital_id, mrn, natid_hash, natid_masked,"
		" name_en, name_ar, birth_date, sex, phone, email, language, optout_sms,"
		" optout_whatsapp, optout_email, preferred_channel, deceased_at, his_at,"
		" created_at, updated_at) VALUES (?1, ?18, ?19, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
		" ?9, COALESCE(?10, 'ar'), COALESCE(?11, 0), COALESCE(?12, 0),"
		" COALESCE(?13, 0), ?14, ?15, ?16, ?17, ?17)", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, id);
	bind_patient(s, in, NULL, im->now); /* a death: px_patient_deceased */
	px_stmt_int(s, 18, hid);
	px_stmt_text(s, 19, in->mrn);
	int rc = insert_id(im->cx->st, s, pid, err);
	if (rc)
		return rc;
	im->tx.patients_created++; /* audited with its batch */
	pat_keep(im, hid, in, *pid, id);
	struct px_import_batch *b = &im->tx;
	if (b->nmade < PX_IMPORT_MADE && (!b->nmade || b->made[b->nmade - 1] < *pid)) {
		if (b->nmade == b->capmade)
			b->made = px_xrealloc(b->made, (b->capmade = b->capmade ? b->capmade * 2 : 256) *
						       sizeof *b->made);
		b->made[b->nmade++] = *pid;
	}
	return PX_OK;
}

int px_encounter_patient_upsert(struct px_import *im, int64_t hid, const struct px_visit_in *in,
				const struct px_enc_patient *row, int64_t *pid, struct px_err *err)
{
	if (!*pid)
		return patient_insert(im, hid, in, pid, err);
	if (row && row->known && !patient_differs(row, in))
		return PX_OK; /* the UPDATE would change nothing */
	if (im->pats) /* what it changes is not kept */
		pat_drop(pat_slot(im, hid, in->mrn));
	struct px_store *st = im->cx->st;
	struct px_stmt *s = px_stmt_prepare(st,
		"UPDATE patients SET natid_hash = COALESCE(?2, natid_hash),"
		" natid_masked = COALESCE(?3, natid_masked), name_en = COALESCE(?4, name_en),"
		" name_ar = COALESCE(?5, name_ar), birth_date = COALESCE(?6, birth_date),"
		" sex = COALESCE(?7, sex), phone = COALESCE(?8, phone), email = COALESCE(?9, email),"
		" language = COALESCE(?10, language), optout_sms = COALESCE(?11, optout_sms),"
		" optout_whatsapp = COALESCE(?12, optout_whatsapp),"
		" optout_email = COALESCE(?13, optout_email),"
		" preferred_channel = COALESCE(?14, preferred_channel),"
		" deceased_at = COALESCE(deceased_at, ?15), his_at = ?16, updated_at = ?17"
		" WHERE id = ?1 AND (his_at IS NULL OR his_at <= ?16) AND ("
		" natid_hash IS DISTINCT FROM COALESCE(?2, natid_hash)"
		" OR name_en IS DISTINCT FROM COALESCE(?4, name_en)"
		" OR name_ar IS DISTINCT FROM COALESCE(?5, name_ar)"
		" OR birth_date IS DISTINCT FROM COALESCE(?6, birth_date)"
		" OR sex IS DISTINCT FROM COALESCE(?7, sex)"
		" OR phone IS DISTINCT FROM COALESCE(?8, phone)"
		" OR email IS DISTINCT FROM COALESCE(?9, email)"
		" OR language IS DISTINCT FROM COALESCE(?10, language)"
		" OR optout_sms IS DISTINCT FROM COALESCE(?11, optout_sms)"
		" OR optout_whatsapp IS DISTINCT FROM COALESCE(?12, optout_whatsapp)"
		" OR optout_email IS DISTINCT FROM COALESCE(?13, optout_email)"
		" OR preferred_channel IS DISTINCT FROM COALESCE(?14, preferred_channel)"
		" OR deceased_at IS DISTINCT FROM COALESCE(deceased_at, ?15))", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, *pid);
	bind_patient(s, in, NULL, im->now); /* a death: px_patient_deceased */
	int rc = px_stmt_run(s, err);
	if (!rc && px_store_changes(st) > 0)
		im->tx.patients_updated++; /* audited with its batch */
	return rc;
}

int px_encounter_merge_check(struct px_store *st, int64_t hid, const char *prior_mrn,
			     int64_t surv, struct px_merge_plan *mp, struct px_err *err)
{
	int64_t prior;
	int rc = px_encounter_patient(st, hid, prior_mrn, 0, &prior, err);
	if (rc)
		return rc;
	char masked[PX_MASK_LEN];
	px_mask(prior_mrn, masked);
	if (!prior)
		return px_fail(err, PX_EREJECT, "unknown prior_mrn '%s'", masked);
	if ((rc = px_encounter_patient(st, hid, prior_mrn, 1, &mp->end, err)))
		return rc;
	if (surv && prior == surv)
		return px_fail(err, PX_EREJECT, "prior_mrn '%s' is the patient itself", masked);
	mp->moves = mp->end != surv; /* a repeated or circular merge changes nothing */
	return PX_OK;
}

int px_encounter_merge(struct px_import *im, const struct px_merge_plan *mp, int64_t surv,
		       struct px_err *err)
{
	if (!mp->moves)
		return PX_OK;
	/* the survivor keeps every opt-out either of them had */
	static const char *const moves[] = {
		"UPDATE encounters SET patient_id = ?2 WHERE patient_id = ?1",
		"UPDATE survey_due SET patient_id = ?2 WHERE patient_id = ?1",
		"UPDATE visit_events SET patient_id = ?2 WHERE patient_id = ?1",
		"UPDATE patients SET optout_sms = CASE WHEN optout_sms = 1 OR"
		" (SELECT q.optout_sms FROM patients q WHERE q.id = ?1) = 1 THEN 1 ELSE 0 END,"
		" optout_whatsapp = CASE WHEN optout_whatsapp = 1 OR"
		" (SELECT q.optout_whatsapp FROM patients q WHERE q.id = ?1) = 1 THEN 1 ELSE 0 END,"
		" optout_email = CASE WHEN optout_email = 1 OR"
		" (SELECT q.optout_email FROM patients q WHERE q.id = ?1) = 1 THEN 1 ELSE 0 END"
		" WHERE id = ?2",
		"UPDATE patients SET merged_into = ?2 WHERE id = ?1",
	};
	struct px_store *st = im->cx->st;
	int rc;
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		struct px_stmt *s = px_stmt_prepare(st, moves[i], err);
		if (!s)
			return err->code;
		px_stmt_int(s, 1, mp->end);
		px_stmt_int(s, 2, surv);
		if ((rc = px_stmt_run(s, err)))
			return rc;
	}
	px_encounter_forget(im); /* their owners moved */
	char a[PX_ID_LEN], b[PX_ID_LEN];
	if ((rc = patient_public_id(st, surv, a, err)) || (rc = patient_public_id(st, mp->end, b, err)))
		return rc;
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "merged", b);
	return audit(im, "patients_merged", "patient", a, d, err);
}

/* ---------- the encounters of the transaction ---------- */

/* The last encounters written, by hospital and visit, as stored; an
 * import's events of a visit often follow each other. */
#define ENC_SLOTS 256
#define ENC_SLOT_EVENTS 8

struct enc_slot {
	int used;
	struct px_enc e; /* no events: those are ev */
	struct px_enc_event ev[ENC_SLOT_EVENTS];
};

struct px_enc_cache {
	struct enc_slot slot[ENC_SLOTS];
};

static struct enc_slot *enc_slot(struct px_import *im, int64_t hid, const char *visit)
{
	if (!im->encs)
		im->encs = px_xcalloc(1, sizeof *im->encs);
	uint64_t h = 1469598103934665603u ^ (uint64_t)hid;
	for (const unsigned char *p = (const unsigned char *)visit; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return &im->encs->slot[h % ENC_SLOTS];
}

void px_encounter_keep(struct px_import *im, const struct px_enc *e)
{
	struct enc_slot *sl = enc_slot(im, e->hospital, e->visit);
	sl->used = 0;
	if (e->nev > ENC_SLOT_EVENTS || !e->id)
		return;
	sl->e = *e;
	sl->e.ev = NULL;
	sl->e.nev = sl->e.capev = 0;
	sl->e.fresh = sl->e.kept = sl->e.has_added = 0;
	/* what is stored now is what the record left */
	struct px_enc_row *w = &sl->e.row;
	px_strlcpy(w->status, e->status, sizeof w->status);
	w->has_admitted = e->has_adm;
	px_strlcpy(w->admitted, e->adm, sizeof w->admitted);
	w->has_discharged = e->has_dis;
	px_strlcpy(w->discharged, e->dis, sizeof w->discharged);
	w->has_disp = e->disp[0] != '\0';
	px_strlcpy(w->disp, e->disp, sizeof w->disp);
	w->dept = e->dept;
	w->journey = e->journey;
	for (size_t i = 0; i < e->nev; i++) {
		sl->ev[i] = e->ev[i];
		sl->ev[i].was_cancelled = sl->ev[i].cancelled;
		sl->ev[i].cancelled_by = NULL;
		sl->ev[i].prev_dept = 0;
	}
	sl->e.nev = e->nev;
	sl->used = 1;
}

void px_encounter_forget(struct px_import *im)
{
	for (size_t i = 0; im->encs && i < ENC_SLOTS; i++)
		im->encs->slot[i].used = 0;
	for (size_t i = 0; im->pats && i < PAT_SLOTS; i++)
		pat_drop(&im->pats->slot[i]);
}

void px_encounter_cache_free(struct px_import *im)
{
	px_encounter_forget(im);
	free(im->encs);
	im->encs = NULL;
	free(im->pats);
	im->pats = NULL;
}

/* The encounter as the transaction left it, with its events, when kept. */
static int enc_kept(struct px_import *im, int64_t hid, const char *visit, struct px_enc *e)
{
	if (!im->encs)
		return 0;
	struct enc_slot *sl = enc_slot(im, hid, visit);
	if (!sl->used || sl->e.hospital != hid || strcmp(sl->e.visit, visit))
		return 0;
	*e = sl->e;
	e->capev = sl->e.nev + 1;
	e->ev = px_xcalloc(e->capev, sizeof *e->ev);
	memcpy(e->ev, sl->ev, sl->e.nev * sizeof *e->ev);
	for (size_t i = 0; i < e->nev; i++)
		e->ev[i].cancelled = 0; /* as load_events reads them: the replay says */
	e->journey = e->row.journey;
	e->kept = 1;
	return 1;
}

/* ---------- encounters ---------- */

static void replay(struct px_enc *e);

int px_encounter_find(struct px_import *im, int64_t hid, const struct px_visit_in *in,
		      int64_t dept, struct px_enc *e, struct px_err *err)
{
	memset(e, 0, sizeof *e);
	if (enc_kept(im, hid, in->visit, e))
		return PX_OK;
	struct px_store *st = im->cx->st;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, public_id, patient_id, department_id, patient_type, status,"
		" admitted_at, discharged_at, disposition, journey, journey_status,"
		" journey_started_at, journey_completed_at FROM encounters"
		" WHERE hospital_id = ?1 AND visit_number = ?2", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, in->visit);
	int rc = px_stmt_step(s, err);
	if (rc < 0)
		return err->code;
	e->hospital = hid;
	px_strlcpy(e->visit, in->visit, sizeof e->visit);
	if (rc) {
		e->id = px_stmt_col_int(s, 0);
		px_strlcpy(e->public_id, px_stmt_col_text(s, 1), sizeof e->public_id);
		e->patient = px_stmt_col_int(s, 2);
		e->dept = px_stmt_col_isnull(s, 3) ? 0 : px_stmt_col_int(s, 3);
		px_strlcpy(e->type, px_stmt_col_text(s, 4), sizeof e->type);
		struct px_enc_row *w = &e->row;
		w->dept = e->dept;
		px_strlcpy(w->status, px_stmt_col_text(s, 5), sizeof w->status);
		w->has_admitted = !px_stmt_col_isnull(s, 6);
		px_strlcpy(w->admitted, px_stmt_col_text(s, 6), sizeof w->admitted);
		w->has_discharged = !px_stmt_col_isnull(s, 7);
		px_strlcpy(w->discharged, px_stmt_col_text(s, 7), sizeof w->discharged);
		w->has_disp = !px_stmt_col_isnull(s, 8);
		px_strlcpy(w->disp, px_stmt_col_text(s, 8), sizeof w->disp);
		struct px_enc_journey *j = &w->journey;
		j->has_name = !px_stmt_col_isnull(s, 9);
		px_strlcpy(j->name, px_stmt_col_text(s, 9), sizeof j->name);
		px_strlcpy(j->status, px_stmt_col_text(s, 10), sizeof j->status);
		px_strlcpy(j->started, px_stmt_col_text(s, 11), sizeof j->started);
		j->has_done = !px_stmt_col_isnull(s, 12);
		px_strlcpy(j->done, px_stmt_col_text(s, 12), sizeof j->done);
		e->journey = *j;
		px_stmt_reset(s);
		return PX_OK;
	}
	if (px_id_new("enc", e->public_id, err))
		return err->code;
	e->fresh = 1;
	e->dept = dept;
	px_strlcpy(e->type, in->patient_type ? in->patient_type : "", sizeof e->type);
	/* its one event replayed now, so that it is written once */
	e->ev = px_xcalloc(1, sizeof *e->ev);
	e->nev = e->capev = 1;
	px_strlcpy(e->ev[0].event, in->event, sizeof e->ev[0].event);
	px_strlcpy(e->ev[0].at, in->at, sizeof e->ev[0].at);
	e->ev[0].dept = dept;
	px_strlcpy(e->ev[0].disp, in->disposition ? in->disposition : "", sizeof e->ev[0].disp);
	replay(e);
	return PX_OK;
}

int px_encounter_owner(const struct px_enc *e, int64_t pid, const struct px_merge_plan *mp,
		       struct px_err *err)
{
	if (e->fresh || (pid && e->patient == pid) || (mp->moves && e->patient == mp->end))
		return PX_OK;
	return px_fail(err, PX_EREJECT, "visit '%s' belongs to another patient", e->visit);
}

int px_encounter_retype(struct px_import *im, struct px_enc *e, const char *type,
			struct px_err *err)
{
	if (!type || !strcmp(type, e->type))
		return PX_OK;
	struct px_stmt *s = px_stmt_prepare(im->cx->st, "UPDATE encounters SET patient_type = ?2,"
		" updated_at = ?3 WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, e->id);
	px_stmt_text(s, 2, type);
	px_stmt_text(s, 3, im->now);
	int rc = px_stmt_run(s, err);
	if (!rc)
		px_strlcpy(e->type, type, sizeof e->type);
	return rc;
}

/* ---------- the replay ---------- */

static int is_admission(const char *n)
{
	return !strcmp(n, "admit") || !strcmp(n, "register") || !strcmp(n, "preadmit");
}

/* Where the replay is: the state so far and the events a cancel would
 * undo. */
struct replay {
	const char *status, *adm, *dis, *disp;
	int64_t dept;
	long last_tr, last_dis;
};

/* cancel_admit: every earlier event that a cancel can undo is undone. */
static void cancel_admit(struct px_enc *e, size_t i, struct replay *st)
{
	for (size_t j = 0; j < i; j++) {
		struct px_enc_event *x = &e->ev[j];
		if (!x->cancelled && strncmp(x->event, "cancel_", 7) && strcmp(x->event, "update") &&
		    strcmp(x->event, "merge")) {
			x->cancelled = 1;
			x->cancelled_by = "cancel_admit";
		}
	}
	st->status = "cancelled";
	st->adm = st->dis = st->disp = NULL;
	st->last_tr = st->last_dis = -1;
}

/* One event applied to the state. */
static void replay_one(struct px_enc *e, size_t i, struct replay *st)
{
	struct px_enc_event *x = &e->ev[i];
	const char *n = x->event;
	if (is_admission(n)) {
		if (!st->adm && strcmp(n, "preadmit"))
			st->adm = x->at;
		if (!strcmp(st->status, "cancelled"))
			st->status = "open";
		if (x->dept)
			st->dept = x->dept;
	} else if (!strcmp(n, "transfer")) {
		x->prev_dept = st->dept;
		if (x->dept)
			st->dept = x->dept;
		st->last_tr = (long)i;
	} else if (!strcmp(n, "cancel_transfer")) {
		if (st->last_tr >= 0) {
			e->ev[st->last_tr].cancelled = 1;
			e->ev[st->last_tr].cancelled_by = "cancel_transfer";
			st->dept = e->ev[st->last_tr].prev_dept;
			st->last_tr = -1;
		}
	} else if (!strcmp(n, "discharge")) {
		if (x->dept)
			st->dept = x->dept;
		if (strcmp(st->status, "cancelled")) {
			st->status = "discharged";
			st->dis = x->at;
			st->disp = x->disp[0] ? x->disp : NULL;
			st->last_dis = (long)i;
		}
	} else if (!strcmp(n, "cancel_discharge")) {
		if (st->last_dis >= 0) {
			e->ev[st->last_dis].cancelled = 1;
			e->ev[st->last_dis].cancelled_by = "cancel_discharge";
			st->status = "open";
			st->dis = st->disp = NULL;
			st->last_dis = -1;
		}
	} else if (!strcmp(n, "cancel_admit")) {
		cancel_admit(e, i, st);
	} else if (x->dept) { /* update: the current location */
		st->dept = x->dept;
	}
}

/* Replays the encounter's events in time order: status, times, department
 * and which events a later cancel undid. */
static void replay(struct px_enc *e)
{
	struct replay st = { .status = "open", .dept = e->dept, .last_tr = -1, .last_dis = -1 };
	for (size_t i = 0; i < e->nev; i++)
		replay_one(e, i, &st);
	px_strlcpy(e->status, st.status, sizeof e->status);
	px_strlcpy(e->disp, st.disp ? st.disp : "", sizeof e->disp);
	e->dept = st.dept;
	e->has_adm = st.adm != NULL;
	px_strlcpy(e->adm, st.adm ? st.adm : "", sizeof e->adm);
	e->has_dis = st.dis != NULL;
	px_strlcpy(e->dis, st.dis ? st.dis : "", sizeof e->dis);
}

static int event_row(struct px_stmt *s, void *ctx)
{
	struct px_enc *e = ctx;
	if (e->nev == e->capev) {
		e->capev = e->capev ? e->capev * 2 : 8;
		e->ev = px_xrealloc(e->ev, e->capev * sizeof *e->ev);
	}
	struct px_enc_event *x = &e->ev[e->nev++];
	memset(x, 0, sizeof *x);
	x->id = px_stmt_col_int(s, 0);
	px_strlcpy(x->event, px_stmt_col_text(s, 1), sizeof x->event);
	px_strlcpy(x->at, px_stmt_col_text(s, 2), sizeof x->at);
	x->dept = px_stmt_col_isnull(s, 3) ? 0 : px_stmt_col_int(s, 3);
	px_strlcpy(x->disp, px_stmt_col_text(s, 4), sizeof x->disp);
	x->was_cancelled = px_stmt_col_int(s, 5) != 0;
	return 0;
}

static int load_events(struct px_store *st, struct px_enc *e, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, event, event_at, department_id, disposition, cancelled FROM visit_events"
		" WHERE encounter_id = ?1 ORDER BY event_at, id", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, e->id);
	return px_stmt_each(s, event_row, e, err);
}

/* Whether the replay left the encounter as it is stored. */
static int unchanged(const struct px_enc *e)
{
	const struct px_enc_row *w = &e->row;
	return !strcmp(w->status, e->status) && w->dept == e->dept &&
	       (e->has_adm ? w->has_admitted && !strcmp(w->admitted, e->adm) : !w->has_admitted) &&
	       (e->has_dis ? w->has_discharged && !strcmp(w->discharged, e->dis)
			   : !w->has_discharged) &&
	       (e->disp[0] ? w->has_disp && !strcmp(w->disp, e->disp) : !w->has_disp);
}

/* Whether the journey columns are as stored. */
static int journey_unchanged(const struct px_enc_journey *a, const struct px_enc_journey *b)
{
	if (!a->has_name || !b->has_name)
		return a->has_name == b->has_name;
	return !strcmp(a->name, b->name) && !strcmp(a->status, b->status) &&
	       !strcmp(a->started, b->started) && a->has_done == b->has_done &&
	       (!a->has_done || !strcmp(a->done, b->done));
}

int px_encounter_write(struct px_import *im, struct px_enc *e, struct px_err *err)
{
	if (e->fresh || (unchanged(e) && journey_unchanged(&e->journey, &e->row.journey)))
		return PX_OK;
	struct px_stmt *s = px_stmt_prepare(im->cx->st,
		"UPDATE encounters SET status = ?2, admitted_at = ?3, discharged_at = ?4,"
		" disposition = ?5, department_id = ?6, updated_at = ?7, journey = ?8,"
		" journey_status = ?9, journey_started_at = ?10, journey_completed_at = ?11"
		" WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, e->id);
	px_stmt_text(s, 2, e->status);
	px_stmt_text(s, 3, e->has_adm ? e->adm : NULL);
	px_stmt_text(s, 4, e->has_dis ? e->dis : NULL);
	px_stmt_text(s, 5, e->disp[0] ? e->disp : NULL);
	if (e->dept)
		px_stmt_int(s, 6, e->dept);
	px_stmt_text(s, 7, im->now);
	const struct px_enc_journey *j = &e->journey;
	if (j->has_name) {
		px_stmt_text(s, 8, j->name);
		px_stmt_text(s, 9, j->status);
		px_stmt_text(s, 10, j->started);
		px_stmt_text(s, 11, j->has_done ? j->done : NULL);
	}
	return px_stmt_run(s, err);
}

/* Writes the events whose cancellation the replay changed. */
static int replay_write(struct px_import *im, struct px_enc *e, struct px_err *err)
{
	struct px_store *st = im->cx->st;
	struct px_stmt *s;
	int rc;
	for (size_t i = 0; i < e->nev; i++) {
		if (e->ev[i].cancelled == e->ev[i].was_cancelled)
			continue;
		s = px_stmt_prepare(st, "UPDATE visit_events SET cancelled = ?2 WHERE id = ?1", err);
		if (!s)
			return err->code;
		px_stmt_int(s, 1, e->ev[i].id);
		px_stmt_int(s, 2, e->ev[i].cancelled);
		if ((rc = px_stmt_run(s, err)))
			return rc;
	}
	return PX_OK;
}

/* A kept encounter's events with the record's among them, in the order
 * load_events reads them: by time, then id (the new event's is the
 * highest). */
static void kept_events(struct px_enc *e)
{
	if (!e->has_added)
		return;
	size_t at = e->nev;
	while (at > 0 && strcmp(e->ev[at - 1].at, e->added.at) > 0)
		at--;
	memmove(&e->ev[at + 1], &e->ev[at], (e->nev - at) * sizeof *e->ev);
	e->ev[at] = e->added;
	e->nev++;
}

int px_encounter_replay(struct px_import *im, struct px_enc *e, struct px_err *err)
{
	if (e->fresh)
		return PX_OK;
	if (e->kept) {
		kept_events(e);
	} else {
		int rc = load_events(im->cx->st, e, err);
		if (rc)
			return rc;
	}
	replay(e);
	return replay_write(im, e, err);
}

int px_encounter_insert(struct px_import *im, struct px_enc *e, const struct px_visit_in *in,
			int64_t dept, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(im->cx->st,
		"INSERT INTO encounters (public_id, hospital_id, department_id, patient_id,"
		" visit_number, patient_type, status, admitted_at, discharged_at, disposition,"
		" created_at, updated_at, journey, journey_status, journey_started_at,"
		" journey_completed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11,"
		" ?12, ?13, ?14, ?15)", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, e->public_id);
	px_stmt_int(s, 2, e->hospital);
	if (e->dept)
		px_stmt_int(s, 3, e->dept);
	px_stmt_int(s, 4, e->patient);
	px_stmt_text(s, 5, e->visit);
	px_stmt_text(s, 6, in->patient_type);
	px_stmt_text(s, 7, e->status);
	px_stmt_text(s, 8, e->has_adm ? e->adm : NULL);
	px_stmt_text(s, 9, e->has_dis ? e->dis : NULL);
	px_stmt_text(s, 10, e->disp[0] ? e->disp : NULL);
	px_stmt_text(s, 11, im->now);
	const struct px_enc_journey *j = &e->journey;
	if (j->has_name) {
		px_stmt_text(s, 12, j->name);
		px_stmt_text(s, 13, j->status);
		px_stmt_text(s, 14, j->started);
		px_stmt_text(s, 15, j->has_done ? j->done : NULL);
	}
	int rc = insert_id(im->cx->st, s, &e->id, err);
	if (!rc)
		im->tx.encounters_created++; /* audited with its batch */
	return rc;
}

int px_encounter_add_event(struct px_import *im, int64_t hid, struct px_enc *e, int64_t pid,
			   const struct px_visit_in *in, int64_t dept, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(im->cx->st,
		"INSERT INTO visit_events (hospital_id, event_key, encounter_id, patient_id, event,"
		" event_at, department_id, disposition, imported_at, import_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, in->key);
	if (e)
		px_stmt_int(s, 3, e->id);
	px_stmt_int(s, 4, pid);
	px_stmt_text(s, 5, in->event);
	px_stmt_text(s, 6, in->at);
	if (dept)
		px_stmt_int(s, 7, dept);
	px_stmt_text(s, 8, in->disposition);
	px_stmt_text(s, 9, im->now);
	px_stmt_int(s, 10, im->tx.id);
	int64_t id;
	int rc = insert_id(im->cx->st, s, &id, err);
	if (rc || !e)
		return rc;
	if (e->fresh) {
		e->ev[0].id = id; /* the replayed event is the stored one */
		return PX_OK;
	}
	struct px_enc_event *x = &e->added;
	memset(x, 0, sizeof *x);
	x->id = id;
	x->dept = dept;
	px_strlcpy(x->event, in->event, sizeof x->event);
	px_strlcpy(x->at, in->at, sizeof x->at);
	px_strlcpy(x->disp, in->disposition ? in->disposition : "", sizeof x->disp);
	e->has_added = 1;
	return PX_OK;
}

void px_encounter_release(struct px_enc *e)
{
	free(e->ev);
	e->ev = NULL;
	e->nev = e->capev = 0;
}

/* ---------- show ---------- */

/* The encounters that `which` names, in the user's scope. */
struct found {
	struct px_ctx *cx;
	struct px_rec *enc;
	int64_t id, out_of_scope;
	int several;
};

static int found_row(struct px_stmt *s, void *ctx)
{
	struct found *f = ctx;
	int64_t hid = px_stmt_col_int(s, 1);
	if (!px_auth_in_scope(f->cx->actor, hid)) {
		if (!f->out_of_scope)
			f->out_of_scope = hid;
		return 0;
	}
	if (f->enc) {
		f->several = 1;
		return 0;
	}
	static const struct px_col cols[] = {
		{ "row_id", PX_COL_SKIP }, { "hospital_id", PX_COL_SKIP }, { NULL, 0 },
	};
	f->id = px_stmt_col_int(s, 0);
	f->enc = px_stmt_rec(s, "encounter", cols);
	return 0;
}

/* The encounter record and its row id. */
static int show_find(struct px_ctx *cx, const char *which, struct found *f, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT e.id AS row_id, e.hospital_id AS hospital_id, e.public_id AS id,"
		" h.code AS hospital, dep.code AS department, e.visit_number AS visit,"
		" p.public_id AS patient, e.patient_type, e.journey, e.status, e.admitted_at,"
		" e.discharged_at, e.disposition FROM encounters e"
		" JOIN hospitals h ON h.id = e.hospital_id JOIN patients p ON p.id = e.patient_id"
		" LEFT JOIN departments dep ON dep.id = e.department_id"
		" WHERE e.public_id = ?1 OR e.visit_number = ?1 ORDER BY e.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, which);
	int rc = px_stmt_each(s, found_row, f, err);
	if (rc)
		return rc;
	if (f->several)
		return px_fail(err, PX_EINPUT, "visit '%s' is in several hospitals: name the encounter",
			       which);
	if (f->enc)
		return PX_OK;
	if (!f->out_of_scope)
		return px_fail(err, PX_EINPUT, "unknown encounter '%s'", which);
	char what[200];
	snprintf(what, sizeof what, "see encounter '%s'", which);
	px_auth_require(cx->actor, PX_ROLE_VIEWER, f->out_of_scope, what, err);
	return PX_EPERM;
}

/* The parts of an encounter after it, each as records of its type. */
static const struct {
	const char *type, *sql;
	struct px_col cols[3];
} parts[] = {
	{ "visit.event",
	  "SELECT ve.event, ve.event_at AS event_time, dep.code AS department, ve.disposition,"
	  " ve.cancelled FROM visit_events ve LEFT JOIN departments dep ON dep.id = ve.department_id"
	  " WHERE ve.encounter_id = ?1 ORDER BY ve.event_at, ve.id",
	  { { "cancelled", PX_COL_BOOL }, { NULL, 0 } } },
	{ "journey.stage",
	  "SELECT e.journey, g.position, g.stage, g.status, g.completed_at FROM encounter_stages g"
	  " JOIN encounters e ON e.id = g.encounter_id WHERE g.encounter_id = ?1"
	  " ORDER BY g.position",
	  { { NULL, 0 } } },
	{ "encounter.survey",
	  "SELECT public_id AS id, journey, stage, template, channel, due_at, status, reason,"
	  " survey_id AS survey FROM survey_due WHERE encounter_id = ?1 ORDER BY due_at, id",
	  { { NULL, 0 } } },
};

struct show {
	struct px_ctx *cx;
	const char *type;
	const struct px_col *cols;
	struct px_err *err;
};

static int show_row(struct px_stmt *s, void *ctx)
{
	struct show *sh = ctx;
	struct px_rec *r = px_stmt_rec(s, sh->type, sh->cols);
	int rc = px_emit(sh->cx, r, sh->err);
	px_rec_free(r);
	return rc;
}

int px_encounter_show(struct px_ctx *cx, const char *which, struct px_err *err)
{
	struct found f = { .cx = cx };
	int rc = show_find(cx, which, &f, err);
	if (rc) {
		px_rec_free(f.enc);
		return rc;
	}
	rc = px_emit(cx, f.enc, err);
	px_rec_free(f.enc);
	for (size_t q = 0; !rc && q < sizeof parts / sizeof *parts; q++) {
		struct px_stmt *s = px_stmt_prepare(cx->st, parts[q].sql, err);
		if (!s)
			return err->code;
		px_stmt_int(s, 1, f.id);
		struct show sh = { cx, parts[q].type, parts[q].cols, err };
		rc = px_stmt_each(s, show_row, &sh, err);
	}
	return rc;
}
