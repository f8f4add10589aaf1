/*
 * complaint.c - complaints and inquiries taken in, and the patient's
 * verdict on a closed complaint.
 *
 * A record is read whole before anything is written: the hospital, the
 * person (a patient by MRN, or someone not in the store), the encounter,
 * the department and the classification must all be known, and then the
 * case is opened under a savepoint, so that a record the outbox refuses
 * leaves nothing of itself in the loop's transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/address.h"
#include "base/mem.h"
#include "base/time.h"
#include "cases/case.h"
#include "cases/complaint.h"
#include "cases/internal.h"
#include "cases/observation.h"
#include "cases/taxonomy.h"
#include "core/org.h"
#include "store/store.h"
#include "base/banned.h"

static const char *const sources[] = {
	"patient", "family", "staff", "survey", "social_media", "call_center", "moh", "chi",
	"other", NULL,
};
static const char *const resolutions[] = {
	"full_action", "partial_action", "no_action", "cannot_resolve", NULL,
};
static const char *const inquiry_categories[] = {
	"appointment", "billing", "medical_records", "general", "other", NULL,
};

static int in_set(const char *v, const char *const *set)
{
	if (!v)
		return 0;
	for (; *set; set++)
		if (!strcmp(v, *set))
			return 1;
	return 0;
}

int px_complaint_source_ok(const char *s) { return in_set(s, sources); }
int px_complaint_resolution_ok(const char *s) { return in_set(s, resolutions); }
int px_inquiry_category_ok(const char *s) { return in_set(s, inquiry_categories); }

const char *px_complaint_source(int i)
{
	int n = (int)(sizeof sources / sizeof sources[0]) - 1;
	return i >= 0 && i < n ? sources[i] : NULL;
}

const char *px_complaint_sources(void)
{
	return "patient, family, staff, survey, social_media, call_center, moh, chi, other";
}

const char *px_complaint_resolutions(void)
{
	return "full_action, partial_action, no_action, cannot_resolve";
}

const char *px_inquiry_categories(void)
{
	return "appointment, billing, medical_records, general, other";
}

int px_complaint_move_check(const char *verb, const struct px_rec *fields, struct px_err *err)
{
	const char *cat = fields ? px_rec_get(fields, "category") : NULL;
	if (!strcmp(verb, "resolve") && cat && *cat && !px_complaint_resolution_ok(cat))
		return px_fail(err, PX_EUSAGE, "--category: unknown resolution category '%s' (%s)",
			       cat, px_complaint_resolutions());
	return PX_OK;
}

/* ---------- taking one in ---------- */

/* A field of the record: NULL when absent or empty. */
static const char *field(const struct px_rec *r, const char *key)
{
	const char *v = px_rec_get(r, key);
	return v && *v ? v : NULL;
}

static int row_id(struct px_ctx *cx, const char *sql, int64_t a, const char *b, int64_t *id,
		  struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, sql, err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, a);
	px_stmt_text(s, 2, b);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*id = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc;
}

/* What a record says, resolved against the store. */
struct intake {
	struct px_case_new n;
	char phone[PX_PHONE_LEN];
	char classification[32];
};

static int classify(struct px_ctx *cx, const char *kind, const char *in, struct intake *t,
		    struct px_err *err)
{
	if (!in)
		return PX_OK;
	if (!strcmp(kind, "inquiry")) {
		if (!px_inquiry_category_ok(in))
			return px_fail(err, PX_EREJECT, "unknown inquiry category '%s' (%s)", in,
				       px_inquiry_categories());
		px_strlcpy(t->classification, in, sizeof t->classification);
		return PX_OK;
	}
	if (!strcmp(kind, "observation")) {
		if (!px_observation_category_ok(in))
			return px_fail(err, PX_EREJECT, "unknown observation category '%s' (%s)", in,
				       px_observation_categories());
		px_strlcpy(t->classification, in, sizeof t->classification);
		return PX_OK;
	}
	if (!strcmp(in, "other"))
		return PX_OK; /* the flat list's catch-all: left for someone to classify */
	struct px_taxonomy *tx;
	int rc = px_taxonomy_open(cx, &tx, err);
	if (rc)
		return rc;
	const struct px_taxon *node = px_taxonomy_find(tx, in);
	if (!node)
		node = px_taxonomy_flat(tx, in);
	if (node)
		px_strlcpy(t->classification, node->code, sizeof t->classification);
	else
		rc = px_fail(err, PX_EREJECT, "unknown category '%s' (a code of 'px-complaint "
			     "taxonomy' or a category of the flat list)", in);
	px_taxonomy_free(tx);
	return rc;
}

/* err's reason, said of the field (the value itself is not repeated:
 * it is a person's address). */
static int again(struct px_err *err, const char *what)
{
	char why[sizeof err->text];
	px_strlcpy(why, err->text, sizeof why);
	return px_fail(err, PX_EREJECT, "%s: %s", what, why);
}

/* The person: a patient of the hospital by MRN, or someone not in the
 * store by name, phone and email. */
static int person(struct px_ctx *cx, const struct px_rec *r, struct intake *t,
		  struct px_err *err)
{
	const char *mrn = field(r, "mrn"), *phone = field(r, "phone"), *email = field(r, "email");
	if (mrn) {
		int rc = row_id(cx, "SELECT id FROM patients WHERE hospital_id = ?1 AND mrn = ?2",
				t->n.hospital_id, mrn, &t->n.patient_id, err);
		if (rc < 0)
			return err->code;
		if (rc == 0)
			return px_fail(err, PX_EREJECT, "no patient has that MRN in %s (give name and "
				       "phone or email for someone not in the store)",
				       field(r, "hospital"));
		return PX_OK;
	}
	t->n.person_name = field(r, "name");
	if (!t->n.person_name)
		return px_fail(err, PX_EREJECT, "needs 'mrn' of a patient, or 'name' and 'phone' "
			       "or 'email' of someone not in the store");
	if (phone) {
		if (px_phone_normalise(phone, t->phone, err))
			return again(err, "phone");
		t->n.person_phone = t->phone;
	}
	if (email) {
		if (px_email_check(email, err))
			return again(err, "email");
		t->n.person_email = email;
	}
	if (!phone && !email)
		return px_fail(err, PX_EREJECT, "'%s' needs 'phone' or 'email' to be answered",
			       t->n.person_name);
	const char *lang = field(r, "language");
	if (lang && strcmp(lang, "en") && strcmp(lang, "ar"))
		return px_fail(err, PX_EREJECT, "language must be 'en' or 'ar'");
	t->n.language = lang;
	return PX_OK;
}

static int intake_read(struct px_ctx *cx, const char *kind, const struct px_rec *r,
		       struct intake *t, struct px_err *err)
{
	memset(t, 0, sizeof *t);
	const char *hosp = field(r, "hospital");
	if (!hosp)
		return px_fail(err, PX_EREJECT, "needs 'hospital'");
	int rc = px_org_hospital_id(cx->st, hosp, &t->n.hospital_id, err);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EREJECT, "unknown hospital '%s'", hosp);
	const char *dept = field(r, "department");
	if (dept) {
		if ((rc = px_org_department_id(cx->st, t->n.hospital_id, dept, &t->n.department_id,
					       err)) < 0)
			return err->code;
		if (rc == 0)
			return px_fail(err, PX_EREJECT, "unknown department '%s' in %s", dept, hosp);
	}
	if ((rc = person(cx, r, t, err)))
		return rc;
	const char *enc = field(r, "encounter");
	if (enc) {
		if (!t->n.patient_id)
			return px_fail(err, PX_EREJECT, "'encounter' needs the patient's 'mrn'");
		int64_t pid = 0;
		struct px_stmt *s = px_stmt_prepare(cx->st,
			"SELECT id, patient_id FROM encounters WHERE hospital_id = ?1 "
			"AND visit_number = ?2", err);
		if (!s)
			return err->code;
		px_stmt_int(s, 1, t->n.hospital_id);
		px_stmt_text(s, 2, enc);
		if ((rc = px_stmt_step(s, err)) == 1) {
			t->n.encounter_id = px_stmt_col_int(s, 0);
			pid = px_stmt_col_int(s, 1);
		}
		px_stmt_reset(s);
		if (rc < 0)
			return err->code;
		if (rc == 0)
			return px_fail(err, PX_EREJECT, "unknown encounter '%s' in %s", enc, hosp);
		if (pid != t->n.patient_id)
			return px_fail(err, PX_EREJECT, "encounter '%s' is another patient's", enc);
	}
	t->n.source = field(r, "source");
	if (!t->n.source)
		return px_fail(err, PX_EREJECT, "needs 'source' (%s)", px_complaint_sources());
	if (!px_complaint_source_ok(t->n.source))
		return px_fail(err, PX_EREJECT, "unknown source '%s' (%s)", t->n.source,
			       px_complaint_sources());
	t->n.source_ref = field(r, "reference");
	t->n.severity = field(r, "severity");
	if (t->n.severity && !px_case_severity_ok(t->n.severity))
		return px_fail(err, PX_EREJECT, "unknown severity '%s' (low, medium, high, critical)",
			       t->n.severity);
	t->n.priority = field(r, "priority");
	if (t->n.priority && !px_case_priority_ok(t->n.priority))
		return px_fail(err, PX_EREJECT, "unknown priority '%s' (low, medium, high)",
			       t->n.priority);
	t->n.title = field(r, "title");
	t->n.description = field(r, "description");
	if (!t->n.title && !t->n.description)
		return px_fail(err, PX_EREJECT, "needs 'title' or 'description'");
	t->n.staff_named = field(r, "staff");
	t->n.moh_ref = field(r, "moh_ref");
	t->n.chi_ref = field(r, "chi_ref");
	if ((rc = classify(cx, kind, field(r, "category"), t, err)))
		return rc;
	if (t->classification[0])
		t->n.classification = t->classification;
	if (field(r, "survey")) {
		t->n.link_type = "survey";
		t->n.link_object = field(r, "survey");
	}
	return PX_OK;
}

/* Opens the case under a savepoint: all of it or nothing. */
/* Opens the case under a savepoint: all of it or nothing; for someone
 * who is no user of the hospital when as names the one px opens it for
 * (px_case_open_for_tx). */
static int open_whole(struct px_ctx *cx, const struct px_workflow *wf, const struct intake *t,
		      const char *as, char ref[PX_CASE_REF_LEN], struct px_err *err)
{
	int rc = px_store_exec(cx->st, "SAVEPOINT px_case", err);
	if (rc)
		return rc;
	int held = cx->nafter;
	struct px_case_made made;
	rc = as ? px_case_open_for_tx(cx, wf, &t->n, as, NULL, &made, err)
		: px_case_open_tx(cx, wf, &t->n, &made, err);
	struct px_rec *r = NULL;
	if (!rc && !(r = px_kase_rec(cx, made.id, err)))
		rc = err->code ? err->code : PX_ESTORE;
	if (rc) {
		struct px_err ignored = { 0 };
		px_store_exec(cx->st, "ROLLBACK TO px_case", &ignored);
		px_store_exec(cx->st, "RELEASE px_case", &ignored);
		px_emit_drop_since(cx, held);
		return rc;
	}
	if (ref)
		px_strlcpy(ref, made.ref, PX_CASE_REF_LEN);
	px_emit_after(cx, r);
	return px_store_exec(cx->st, "RELEASE px_case", err);
}

static int take_in(struct px_ctx *cx, const char *kind, const struct px_rec *r,
		   struct px_err *err)
{
	struct px_workflow *wf;
	int rc = px_case_workflow(cx, kind, &wf, err);
	if (rc)
		return rc;
	struct intake t;
	if (!(rc = intake_read(cx, kind, r, &t, err)))
		rc = open_whole(cx, wf, &t, NULL, NULL, err);
	px_workflow_free(wf);
	return rc;
}

int px_complaint_file(struct px_ctx *cx, const struct px_rec *in,
		      const struct px_complaint_file *file, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "file complaints", err))
		return PX_EPERM;
	/* what a person may say of themselves on the form, and no more */
	static const char *const keys[] = {
		"hospital", "department", "name", "phone", "email", "title", "description",
		"language", NULL,
	};
	const char *name = field(in, "name"), *what = field(in, "description");
	if (!field(in, "hospital"))
		return px_fail(err, PX_EREJECT, "needs 'hospital'");
	if (!name)
		return px_fail(err, PX_EREJECT, "needs 'name'");
	if (!field(in, "phone") && !field(in, "email"))
		return px_fail(err, PX_EREJECT, "needs 'phone' or 'email'");
	if (!what)
		return px_fail(err, PX_EREJECT, "needs 'description'");
	if (strlen(what) > 4000)
		return px_fail(err, PX_EREJECT, "'description' is over 4000 bytes");
	struct px_rec *r = px_rec_new("complaint");
	for (int i = 0; keys[i]; i++)
		if (field(in, keys[i]))
			px_rec_set_str(r, keys[i], field(in, keys[i]));
	px_rec_set_str(r, "source", "patient");
	struct px_workflow *wf;
	int rc = px_case_workflow(cx, "complaint", &wf, err);
	if (!rc && !(rc = px_store_begin(cx->st, err))) {
		struct intake t;
		char ref[PX_CASE_REF_LEN] = "";
		if (!(rc = intake_read(cx, "complaint", r, &t, err)))
			rc = open_whole(cx, wf, &t, PX_COMPLAINT_WEB, ref, err);
		/* the file with its complaint, or neither */
		if (!rc && file && file->len)
			rc = px_kase_attach_bytes_tx(cx, ref, file->name, file->data, file->len, err);
		rc = px_kase_end(cx, rc, err);
	}
	px_workflow_free(wf);
	px_rec_free(r);
	return rc;
}

int px_complaint_new(struct px_rec *r, void *vcx, struct px_err *err)
{
	return take_in(vcx, "complaint", r, err);
}

int px_inquiry_new(struct px_rec *r, void *vcx, struct px_err *err)
{
	return take_in(vcx, "inquiry", r, err);
}

/* ---------- from surveys ---------- */

/* The complaint record a survey makes (*out, caller frees): 1, 0 when
 * no survey has the id, -1. */
static int survey_complaint(struct px_ctx *cx, const char *survey, struct px_rec **out,
			    struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT h.code, d.code, p.mrn, e.visit_number, t.title, s.score, s.negative "
		"FROM surveys s JOIN hospitals h ON h.id = s.hospital_id "
		"JOIN patients p ON p.id = s.patient_id "
		"JOIN survey_templates t ON t.id = s.template_id "
		"LEFT JOIN departments d ON d.id = s.department_id "
		"LEFT JOIN encounters e ON e.id = s.encounter_id WHERE s.public_id = ?1", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, survey);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		struct px_rec *r = px_rec_new("complaint");
		px_rec_set_str(r, "hospital", px_stmt_col_text(s, 0));
		px_rec_set_str(r, "department", px_stmt_col_text(s, 1));
		px_rec_set_str(r, "mrn", px_stmt_col_text(s, 2));
		px_rec_set_str(r, "encounter", px_stmt_col_text(s, 3));
		const char *score = px_stmt_col_text(s, 5);
		char *title = px_xasprintf("%s: %s%s%s", px_stmt_col_int(s, 6) ? "Negative survey"
					   : "Survey", px_stmt_col_text(s, 4), *score ? ", score " : "",
					   score);
		px_rec_set_str(r, "title", title);
		free(title);
		px_rec_set_str(r, "source", "survey");
		px_rec_set_str(r, "reference", survey);
		px_rec_set_str(r, "survey", survey);
		*out = r;
	}
	px_stmt_reset(s);
	return rc;
}

int px_complaint_from_survey(struct px_ctx *cx, const char *survey, struct px_err *err)
{
	struct px_rec *r = NULL;
	int rc = survey_complaint(cx, survey, &r, err);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EINPUT, "unknown survey '%s'", survey);
	if (!(rc = px_store_begin(cx->st, err)))
		rc = px_kase_end(cx, take_in(cx, "complaint", r, err), err);
	px_rec_free(r);
	return rc;
}

int px_complaint_from_negative(struct px_rec *in, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	const char *survey = field(in, "survey");
	if (!survey)
		return px_fail(err, PX_EREJECT, "survey.negative record has no 'survey'");
	struct px_rec *r = NULL;
	int rc = survey_complaint(cx, survey, &r, err);
	if (rc < 0)
		return err->code;
	if (rc == 0)
		return px_fail(err, PX_EREJECT, "unknown survey '%s'", survey);
	rc = take_in(cx, "complaint", r, err);
	px_rec_free(r);
	return rc;
}

/* ---------- the patient's verdict ---------- */

/* The case a survey was sent for: 1 (ref and kind filled), 0, -1. */
static int survey_case(struct px_ctx *cx, int64_t survey, char *ref, size_t refsize,
		       char *spid, struct kase *k, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT c.ref, s.public_id FROM surveys s JOIN survey_templates t ON t.id = s.template_id "
		"JOIN case_links l ON l.type = 'survey' AND l.object = s.public_id "
		"JOIN cases c ON c.id = l.case_id "
		"WHERE s.id = ?1 AND c.kind = 'complaint' AND t.survey_type = 'complaint_resolution'", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, survey);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		px_strlcpy(ref, px_stmt_col_text(s, 0), refsize);
		px_strlcpy(spid, px_stmt_col_text(s, 1), PX_ID_LEN);
	}
	px_stmt_reset(s);
	if (rc == 1 && px_kase_load(cx, ref, k, err))
		return -1;
	return rc;
}

/* Keeps what the patient said in the case's fields, and on its timeline. */
static int verdict(struct px_ctx *cx, struct kase *k, const char *value, const char *spid,
		   const char *at, struct px_err *err)
{
	struct px_rec *f = px_rec_parse(k->fields, strlen(k->fields), err);
	if (!f)
		return err->code ? err->code : PX_ESTORE;
	px_rec_set_str(f, "verdict", value);
	px_rec_set_str(f, "verdict_survey", spid);
	char *json = px_rec_dump(f);
	px_rec_free(f);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"UPDATE cases SET fields = ?2, updated_at = ?3 WHERE id = ?1", err);
	int rc = s ? PX_OK : err->code;
	if (!rc) {
		px_stmt_int(s, 1, k->id);
		px_stmt_text(s, 2, json);
		px_stmt_text(s, 3, at);
		rc = px_stmt_run(s, err);
	}
	free(json);
	if (!rc) {
		char data[96], text[64];
		snprintf(data, sizeof data, "{\"survey\":\"%s\"}", spid);
		snprintf(text, sizeof text, "resolution survey: %s", value);
		rc = px_kase_timeline(cx, k->id, at, "communication", NULL, NULL, NULL, text, data,
				      err);
	}
	return rc;
}

/* Whether the patient said the complaint is not resolved. */
static int said_unresolved(struct px_ctx *cx, int64_t survey, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT a.value FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id "
		"WHERE a.survey_id = ?1 AND q.code = 'resolved'", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, survey);
	int rc = px_stmt_step(s, err);
	int no = rc == 1 && px_stmt_col_text(s, 0) && !strcmp(px_stmt_col_text(s, 0), "no");
	px_stmt_reset(s);
	return rc < 0 ? -1 : no;
}

int px_complaint_survey_completed(struct px_ctx *cx, const void *payload, struct px_err *err)
{
	const struct px_ev_survey *ev = payload;
	char ref[PX_CASE_REF_LEN], spid[PX_ID_LEN];
	struct kase k = { 0 };
	int rc = survey_case(cx, ev->survey, ref, sizeof ref, spid, &k, err);
	if (rc <= 0)
		return rc < 0 ? (err->code ? err->code : PX_ESTORE) : PX_OK;
	int no = said_unresolved(cx, ev->survey, err);
	if (no < 0) {
		px_kase_free(&k);
		return err->code ? err->code : PX_ESTORE;
	}
	int satisfied = !no && ev->satisfied != 0;
	rc = verdict(cx, &k, satisfied ? "satisfied" : "unsatisfied", spid, ev->at, err);
	if (!rc && !satisfied && !strcmp(k.state, "closed")) {
		struct px_workflow *wf;
		if (!(rc = px_case_workflow(cx, "complaint", &wf, err))) {
			struct px_rec *f = px_rec_new(NULL);
			char *why = px_xasprintf("the patient is not satisfied with the resolution "
						 "(survey %s)", spid);
			px_rec_set_str(f, "reason", why);
			rc = px_case_move_tx(cx, wf, ref, "unsatisfied", f, NULL, err);
			struct px_rec *r = NULL;
			if (!rc && !(r = px_kase_rec(cx, k.id, err)))
				rc = err->code ? err->code : PX_ESTORE;
			if (r)
				px_emit_after(cx, r);
			free(why);
			px_rec_free(f);
			px_workflow_free(wf);
		}
	}
	if (!rc && !satisfied) {
		struct px_rec *u = px_rec_new("complaint.unsatisfied");
		px_rec_set_str(u, "case", k.pid);
		px_rec_set_str(u, "ref", ref);
		px_rec_set_str(u, "survey", spid);
		px_rec_set_str(u, "at", ev->at);
		px_emit_after(cx, u);
	}
	px_kase_free(&k);
	return rc;
}

int px_complaint_survey_expired(struct px_ctx *cx, const void *payload, struct px_err *err)
{
	const struct px_ev_survey *ev = payload;
	char ref[PX_CASE_REF_LEN], spid[PX_ID_LEN];
	struct kase k = { 0 };
	int rc = survey_case(cx, ev->survey, ref, sizeof ref, spid, &k, err);
	if (rc <= 0)
		return rc < 0 ? (err->code ? err->code : PX_ESTORE) : PX_OK;
	rc = verdict(cx, &k, "unanswered", spid, ev->at, err);
	px_kase_free(&k);
	return rc;
}

int px_complaint_taxonomy(struct px_ctx *cx, const char *lang, struct px_err *err)
{
	if (lang && strcmp(lang, "en") && strcmp(lang, "ar"))
		return px_fail(err, PX_EUSAGE, "--lang must be 'en' or 'ar'");
	struct px_taxonomy *t;
	int rc = px_taxonomy_open(cx, &t, err);
	if (rc)
		return rc;
	rc = px_taxonomy_emit(cx, t, lang ? lang : "en", err);
	px_taxonomy_free(t);
	return rc;
}

int px_complaint_take(struct px_ctx *cx, const char *kind, struct px_rec *r, struct px_err *err)
{
	/* a hospital named on the command line: unknown is status 4 */
	const char *hosp = field(r, "hospital");
	int64_t hid;
	char what[160];
	snprintf(what, sizeof what, "take in %ss of hospital '%s'", kind, hosp ? hosp : "");
	int rc = hosp ? px_org_hospital(cx, hosp, PX_ROLE_STAFF, what, &hid, err) : PX_OK;
	if (!rc)
		rc = px_store_begin(cx->st, err);
	if (rc)
		return rc;
	return px_kase_end(cx, take_in(cx, kind, r, err), err);
}

int px_complaint_move(struct px_ctx *cx, const char *kind, const char *ref, const char *verb,
		      const struct px_rec *fields, struct px_err *err)
{
	int rc = !strcmp(kind, "complaint") ? px_complaint_move_check(verb, fields, err) : PX_OK;
	struct px_workflow *wf = NULL;
	if (!rc)
		rc = px_case_workflow(cx, kind, &wf, err);
	if (!rc)
		rc = px_case_move(cx, wf, ref, verb, fields, err);
	px_workflow_free(wf);
	return rc;
}

int px_complaint_classify(struct px_ctx *cx, const char *kind, const char *ref,
			  const char *category, const char *severity, const char *priority,
			  struct px_err *err)
{
	if (!category && !severity && !priority)
		return px_fail(err, PX_EUSAGE, "classify needs --category, --severity or --priority");
	if (severity && !px_case_severity_ok(severity))
		return px_fail(err, PX_EUSAGE, "--severity: unknown severity '%s' (low, medium, high, "
			       "critical)", severity);
	if (priority && !px_case_priority_ok(priority))
		return px_fail(err, PX_EUSAGE, "--priority: unknown priority '%s' (low, medium, high)",
			       priority);
	struct intake t;
	memset(&t, 0, sizeof t);
	int rc = classify(cx, kind, category, &t, err);
	if (rc)
		return rc == PX_EREJECT ? (err->code = PX_EUSAGE) : rc;
	struct px_workflow *wf;
	if ((rc = px_case_workflow(cx, kind, &wf, err)))
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
		rc = px_kase_allowed(cx, wf, &k, PX_ROLE_STAFF, "classify", err);
	struct px_stmt *s = NULL;
	if (!rc && !(s = px_stmt_prepare(cx->st,
		"UPDATE cases SET classification = CASE WHEN ?2 THEN ?3 ELSE classification END, "
		"severity = coalesce(?4, severity), priority = coalesce(?5, priority), "
		"updated_at = ?6 WHERE id = ?1", err)))
		rc = err->code;
	if (!rc) {
		px_stmt_int(s, 1, k.id);
		px_stmt_int(s, 2, category != NULL);
		px_stmt_text(s, 3, t.classification[0] ? t.classification : NULL);
		px_stmt_text(s, 4, severity);
		px_stmt_text(s, 5, priority);
		px_stmt_text(s, 6, at);
		rc = px_stmt_run(s, err);
	}
	if (!rc) {
		struct px_rec *d = px_rec_new(NULL);
		if (category) {
			if (t.classification[0])
				px_rec_set_str(d, "classification", t.classification);
			else
				px_rec_set_null(d, "classification");
		}
		if (severity)
			px_rec_set_str(d, "severity", severity);
		if (priority)
			px_rec_set_str(d, "priority", priority);
		char *data = px_rec_dump(d);
		px_rec_free(d);
		rc = px_kase_timeline(cx, k.id, at, "note", "classify", NULL, NULL, NULL, data, err);
		free(data);
	}
	rc = px_kase_done(cx, wf, &k, "case_classified", rc, err);
	px_workflow_free(wf);
	return rc;
}
