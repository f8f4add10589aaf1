/* patient_find.c - finding a patient, reading who the patient is, and
 * the audit of every read that shows a patient's identifiers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/address.h"
#include "base/config.h"
#include "base/mem.h"
#include "base/privacy.h"
#include "core/audit.h"
#include "core/org.h"
#include "core/patient.h"
#include "core/patient_find.h"
#include "base/banned.h"

enum px_role px_patient_contact_role(const struct px_config *cfg)
{
	/* seed 000: contact and satisfaction checks are hospital_admin's and
	 * px_admin's; a site may let its staff call too */
	return px_config_flag(cfg, "contact.staff_may_contact") ? PX_ROLE_STAFF
								: PX_ROLE_HOSPITAL_ADMIN;
}

int px_patient_may_identify(struct px_ctx *cx, int64_t hospital_id)
{
	return cx->actor && cx->actor->role >= px_patient_contact_role(cx->cfg) &&
	       px_auth_in_scope(cx->actor, hospital_id);
}

int px_patient_audit_read(struct px_ctx *cx, const char *object_type, const char *object_id,
			  const char *via, const char *list_key, const char *const *ids, int n,
			  struct px_err *err)
{
	struct px_buf b = PX_BUF_INIT;
	px_buf_addc(&b, '[');
	for (int i = 0; i < n; i++)
		px_buf_addf(&b, "%s\"%s\"", i ? "," : "", ids[i]);  /* public ids: [a-z0-9_] */
	px_buf_addc(&b, ']');
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_json(d, list_key, px_buf_str(&b));
	px_rec_set_str(d, "via", via);
	px_buf_free(&b);
	int rc = px_store_begin(cx->st, err);
	if (!rc && px_audit_record(cx->st, cx->actor->name, "patient_identifiers_read", object_type,
				   object_id, d, err))
		rc = err->code ? err->code : PX_ESTORE;
	if (!rc)
		rc = px_store_commit(cx->st, err);
	else
		px_store_rollback(cx->st);
	px_rec_free(d);
	return rc;
}

/* Records gathered before they are shown: the audit row comes first. */
struct found {
	struct px_ctx *cx;
	struct px_rec **v;
	char **ids;
	int n, cap;
};

static void found_free(struct found *f)
{
	for (int i = 0; i < f->n; i++) {
		px_rec_free(f->v[i]);
		free(f->ids[i]);
	}
	free(f->v);
	free(f->ids);
}

#define PATIENT_SQL \
	"SELECT p.public_id AS patient, h.code AS hospital, p.mrn AS mrn, p.name_en AS name_en, " \
	"p.name_ar AS name_ar, p.phone AS phone, p.email AS email, p.natid_masked AS national_id, " \
	"p.language AS language, p.deceased_at AS deceased_at, p.hospital_id AS hospital_row " \
	"FROM patients p JOIN hospitals h ON h.id = p.hospital_id "

static int found_row(struct px_stmt *s, void *vf)
{
	static const struct px_col cols[] = { { "hospital_row", PX_COL_SKIP }, { NULL, 0 } };
	struct found *f = vf;
	if (!px_auth_in_scope(f->cx->actor, px_stmt_col_int(s, 10)))
		return 0;
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 8;
		f->v = px_xrealloc(f->v, (size_t)f->cap * sizeof *f->v);
		f->ids = px_xrealloc(f->ids, (size_t)f->cap * sizeof *f->ids);
	}
	f->ids[f->n] = px_xstrdup(px_stmt_col_text(s, 0));
	f->v[f->n++] = px_stmt_rec(s, "patient", cols);
	return 0;
}

/* The audit row, then the records. */
static int found_emit(struct found *f, const char *object_type, const char *object_id,
		      const char *via, struct px_err *err)
{
	int rc = px_patient_audit_read(f->cx, object_type, object_id, via, "patients",
				       (const char *const *)f->ids, f->n, err);
	for (int i = 0; !rc && i < f->n; i++)
		rc = px_emit(f->cx, f->v[i], err);
	return rc;
}

static int find_check(struct px_ctx *cx, const struct px_patient_query *q, struct px_err *err)
{
	enum px_role role = px_patient_contact_role(cx->cfg);
	if (!q->hospital)
		return px_auth_require(cx->actor, role, PX_SCOPE_NONE, "read patient identifiers", err)
			? PX_EPERM : PX_OK;
	char what[160];
	int64_t hid;
	snprintf(what, sizeof what, "read patient identifiers for hospital '%s'", q->hospital);
	return px_org_hospital(cx, q->hospital, role, what, &hid, err);
}

int px_patient_unknown(struct px_err *err, int code, const char *what, const char *value,
		       const char *hospital)
{
	char masked[PX_MASK_LEN];
	px_mask(value ? value : "", masked);
	if (hospital)
		return px_fail(err, code, "unknown patient (%s %s) in hospital '%s'", what, masked,
			       hospital);
	return px_fail(err, code, "unknown patient (%s %s)", what, masked);
}

int px_patient_find(struct px_ctx *cx, const struct px_patient_query *q, struct px_err *err)
{
	int given = !!q->mrn + !!q->phone + !!q->natid;
	if (given != 1)
		return px_fail(err, PX_EUSAGE, "patient find needs one of --mrn, --phone, --natid");
	int rc = find_check(cx, q, err);
	if (rc)
		return rc;
	char hash[PX_SHA256_HEX] = "", e164[PX_PHONE_LEN] = "";
	struct px_err ignored;
	if (q->natid && (rc = px_natid_hash(cx->cfg, q->natid, hash, err)))
		return rc;
	if (q->phone && px_phone_normalise(q->phone, e164, &ignored))
		px_strlcpy(e164, q->phone, sizeof e164);
	struct px_stmt *s = px_stmt_prepare(cx->st, PATIENT_SQL
		"WHERE (CAST(?1 AS TEXT) IS NULL OR h.code = ?1) "
		"AND (CAST(?2 AS TEXT) IS NULL OR p.mrn = ?2) "
		"AND (CAST(?3 AS TEXT) IS NULL OR p.phone = ?3 OR p.phone = ?4) "
		"AND (CAST(?5 AS TEXT) IS NULL OR p.natid_hash = ?5) "
		"ORDER BY h.code, p.mrn, p.id", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, q->hospital);
	px_stmt_text(s, 2, q->mrn);
	px_stmt_text(s, 3, q->phone);
	px_stmt_text(s, 4, e164);
	px_stmt_text(s, 5, q->natid ? hash : NULL);
	struct found f = { .cx = cx };
	rc = px_stmt_each(s, found_row, &f, err);
	if (!rc && !f.n) {
		rc = px_patient_unknown(err, PX_EINPUT,
					q->mrn ? "MRN" : q->natid ? "national id" : "phone",
					q->mrn ? q->mrn : q->natid ? q->natid : q->phone ? q->phone : "",
					NULL);
	}
	if (!rc)
		rc = found_emit(&f, "patient", f.ids[0], "patient find", err);
	found_free(&f);
	return rc;
}

/* ---------- px patient show ---------- */

static int emit_channels(struct px_ctx *cx, const struct px_patient *p, struct px_err *err)
{
	int rc = PX_OK;
	for (int ch = 0; !rc && ch < PX_CH_COUNT; ch++) {
		struct px_rec *r = px_rec_new("patient.channel");
		const char *addr = px_patient_address(p, ch);
		px_rec_set_str(r, "patient", p->pid);
		px_rec_set_str(r, "channel", px_channel_name(ch));
		if (addr)
			px_rec_set_str(r, "address", addr);
		else
			px_rec_set_null(r, "address");
		px_rec_set_bool(r, "preferred", p->preferred && !strcmp(p->preferred, px_channel_name(ch)));
		px_rec_set_bool(r, "opted_out", p->optout[ch]);
		px_rec_set_bool(r, "usable", addr && !p->optout[ch] && !p->deceased_at);
		rc = px_emit(cx, r, err);
		px_rec_free(r);
	}
	return rc;
}

struct emit_ctx {
	struct px_ctx *cx;
	struct px_err *err;
};

static int emit_survey(struct px_stmt *s, void *vec)
{
	static const struct px_col cols[] = { { "negative", PX_COL_BOOL }, { NULL, 0 } };
	struct emit_ctx *ec = vec;
	struct px_rec *r = px_stmt_rec(s, "patient.survey", cols);
	int rc = px_emit(ec->cx, r, ec->err);
	px_rec_free(r);
	return rc;
}

static int emit_surveys(struct px_ctx *cx, int64_t patient, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT p.public_id AS patient, s.public_id AS survey, t.name AS template, "
		"s.status AS status, s.channel AS channel, s.sent_at AS sent_at, "
		"s.completed_at AS completed_at, s.score AS score, s.negative AS negative "
		"FROM surveys s JOIN patients p ON p.id = s.patient_id "
		"JOIN survey_templates t ON t.id = s.template_id "
		"WHERE s.patient_id = ?1 ORDER BY s.sent_at DESC, s.id DESC LIMIT 10", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, patient);
	struct emit_ctx ec = { cx, err };
	return px_stmt_each(s, emit_survey, &ec, err);
}

/* The patient's row id and hospital by public id: PX_EINPUT when none. */
static int patient_row(struct px_ctx *cx, const char *id, int64_t *row, int64_t *hospital,
		       char code[40], struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT p.id, p.hospital_id, h.code FROM patients p "
		"JOIN hospitals h ON h.id = p.hospital_id WHERE p.public_id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		*row = px_stmt_col_int(s, 0);
		*hospital = px_stmt_col_int(s, 1);
		px_strlcpy(code, px_stmt_col_text(s, 2), 40);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	return rc ? PX_OK : px_fail(err, PX_EINPUT, "unknown patient '%s'", id);
}

int px_patient_show(struct px_ctx *cx, const char *id, struct px_err *err)
{
	int64_t row = 0, hospital = 0;
	char code[40], what[160];
	int rc = patient_row(cx, id, &row, &hospital, code, err);
	if (rc)
		return rc;
	snprintf(what, sizeof what, "read patient identifiers for hospital '%s'", code);
	if (px_auth_require(cx->actor, px_patient_contact_role(cx->cfg), hospital, what, err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st, PATIENT_SQL "WHERE p.id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, row);
	struct found f = { .cx = cx };
	rc = px_stmt_each(s, found_row, &f, err);
	if (!rc && f.n)
		rc = found_emit(&f, "patient", id, "patient show", err);
	found_free(&f);
	struct px_patient p;
	if (!rc && !(rc = px_patient_load(cx->st, row, &p, err))) {
		rc = emit_channels(cx, &p, err);
		px_patient_free(&p);
	}
	return rc ? rc : emit_surveys(cx, row, err);
}
