/*
 * observation.c - observations taken in: a report checked whole against
 * the store, then opened as a case by px on the reporter's behalf.
 *
 * Anonymity is what the store keeps, not a flag on it: a report without
 * a name keeps no name, no contact and no language, and the case, its
 * first timeline entries and its audit row name PX_OBSERVATION_ANONYMOUS
 * instead of the acting user, so that nothing stored ties the report to
 * whoever sent it (px keeps no address of a web client anywhere).  Its
 * time is kept, as every case's: the clocks run from it.
 */
#include <stdio.h>
#include <string.h>

#include "base/address.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "cases/case.h"
#include "cases/internal.h"
#include "cases/observation.h"
#include "core/auth.h"
#include "core/org.h"
#include "store/store.h"
#include "base/banned.h"

static const char *const categories[][2] = {
	{ "safety", "high" }, { "process", "medium" }, { "good_practice", "low" }, { NULL, NULL },
};

const char *px_observation_severity(const char *category)
{
	for (int i = 0; category && categories[i][0]; i++)
		if (!strcmp(category, categories[i][0]))
			return categories[i][1];
	return NULL;
}

int px_observation_category_ok(const char *s)
{
	return px_observation_severity(s) != NULL;
}

const char *px_observation_categories(void)
{
	return "safety, process, good_practice";
}

static const char *given(const char *v)
{
	return v && *v ? v : NULL;
}

/* Whether v holds something other than white space. */
static int blank(const char *v)
{
	return strspn(v, " \t\r\n") == strlen(v);
}

/* A free text: valid UTF-8 and at most max bytes. */
static int text_ok(const char *what, const char *v, size_t max, struct px_err *err)
{
	size_t n = strlen(v);
	if (n > max)
		return px_fail(err, PX_EREJECT, "'%s' is longer than %zu bytes", what, max);
	size_t ok = px_utf8_check(v, n);
	if (ok < n)
		return px_fail(err, PX_EREJECT, "'%s' is not valid UTF-8 (byte 0x%02x at %zu)", what,
			       (unsigned char)v[ok], ok);
	return PX_OK;
}

/* What a report says, resolved against the store. */
struct report {
	struct px_case_new n;
	char phone[PX_PHONE_LEN];
	int identified, contact;
};

/* err's reason said of the field (the value, an address, is not
 * repeated). */
static int of_field(struct px_err *err, const char *what)
{
	char why[sizeof err->text];
	px_strlcpy(why, err->text, sizeof why);
	return px_fail(err, PX_EREJECT, "%s: %s", what, why);
}

/* The reporter, only when named. */
static int reporter(const struct px_observation_spec *s, struct report *t, struct px_err *err)
{
	const char *name = given(s->name), *phone = given(s->phone), *email = given(s->email);
	if (!name) {
		if (phone || email)
			return px_fail(err, PX_EREJECT, "'phone' and 'email' need 'name': an anonymous "
				       "observation keeps no contact");
		return PX_OK;
	}
	if (blank(name))
		return px_fail(err, PX_EREJECT, "'name' is blank");
	int rc = text_ok("name", name, PX_OBSERVATION_LINE_MAX, err);
	if (rc)
		return rc;
	t->identified = 1;
	t->n.person_name = name;
	if (phone) {
		if (px_phone_normalise(phone, t->phone, err))
			return of_field(err, "phone");
		t->n.person_phone = t->phone;
	}
	if (email) {
		if (px_email_check(email, err))
			return of_field(err, "email");
		t->n.person_email = email;
	}
	t->contact = phone || email;
	t->n.language = given(s->language);
	return PX_OK;
}

/* Reads the report whole: *unknown_hospital set when that is what is
 * wrong. */
static int report_read(struct px_ctx *cx, const struct px_observation_spec *s, struct report *t,
		       int *unknown_hospital, struct px_err *err)
{
	memset(t, 0, sizeof *t);
	*unknown_hospital = 0;
	const char *hosp = given(s->hospital);
	if (!hosp)
		return px_fail(err, PX_EREJECT, "needs 'hospital'");
	int rc = px_org_hospital_id(cx->st, hosp, &t->n.hospital_id, err);
	if (rc < 0)
		return err->code;
	if (rc == 0) {
		*unknown_hospital = 1;
		return px_fail(err, PX_EREJECT, "unknown hospital '%s'", hosp);
	}
	const char *dept = given(s->department);
	if (dept) {
		if ((rc = px_org_department_id(cx->st, t->n.hospital_id, dept, &t->n.department_id,
					       err)) < 0)
			return err->code;
		if (rc == 0)
			return px_fail(err, PX_EREJECT, "unknown department '%s' in %s", dept, hosp);
	}
	const char *cat = given(s->category);
	if (!cat)
		return px_fail(err, PX_EREJECT, "needs 'category' (%s)", px_observation_categories());
	if (!px_observation_category_ok(cat))
		return px_fail(err, PX_EREJECT, "unknown observation category '%s' (%s)", cat,
			       px_observation_categories());
	t->n.classification = cat;
	t->n.severity = px_observation_severity(cat);
	const char *desc = given(s->description);
	if (!desc || blank(desc))
		return px_fail(err, PX_EREJECT, "needs 'description': what happened");
	if ((rc = text_ok("description", desc, PX_OBSERVATION_TEXT_MAX, err)))
		return rc;
	t->n.description = desc;
	const char *title = given(s->title);
	if (title && (rc = text_ok("title", title, PX_OBSERVATION_LINE_MAX, err)))
		return rc;
	t->n.title = title;
	const char *lang = given(s->language);
	if (lang && strcmp(lang, "en") && strcmp(lang, "ar"))
		return px_fail(err, PX_EREJECT, "language must be 'en' or 'ar'");
	if ((rc = reporter(s, t, err)))
		return rc;
	t->n.source = "staff";
	return PX_OK;
}

/* Who may report: any user of the store. */
static int may_report(struct px_ctx *cx, struct px_err *err)
{
	return px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "report observations",
			       err) ? PX_EPERM : PX_OK;
}

/* Opens the case under a savepoint, inside the caller's transaction: all
 * of it or nothing; its record held for the commit. */
static int open_report(struct px_ctx *cx, const struct report *t, struct px_err *err)
{
	struct px_workflow *wf;
	int rc = px_case_workflow(cx, "observation", &wf, err);
	if (rc)
		return rc;
	if ((rc = px_store_exec(cx->st, "SAVEPOINT px_observation", err))) {
		px_workflow_free(wf);
		return rc;
	}
	int held = cx->nafter;
	struct px_case_made made;
	rc = px_case_open_for_tx(cx, wf, &t->n, t->identified ? NULL : PX_OBSERVATION_ANONYMOUS,
				 t->contact ? "observation_received" : NULL, &made, err);
	struct px_rec *r = NULL;
	if (!rc && !(r = px_kase_rec(cx, made.id, err)))
		rc = err->code ? err->code : PX_ESTORE;
	px_workflow_free(wf);
	if (rc) {
		struct px_err ignored = { 0 };
		px_store_exec(cx->st, "ROLLBACK TO px_observation", &ignored);
		px_store_exec(cx->st, "RELEASE px_observation", &ignored);
		px_emit_drop_since(cx, held);
		return rc;
	}
	px_emit_after(cx, r);
	return px_store_exec(cx->st, "RELEASE px_observation", err);
}

int px_observation_new(struct px_ctx *cx, const struct px_observation_spec *s,
		       struct px_err *err)
{
	int rc = may_report(cx, err);
	if (rc)
		return rc;
	if ((rc = px_store_begin(cx->st, err)))
		return rc;
	struct report t;
	int unknown = 0;
	rc = report_read(cx, s, &t, &unknown, err);
	if (rc && unknown)
		rc = err->code = PX_EINPUT;
	if (!rc)
		rc = open_report(cx, &t, err);
	return px_kase_end(cx, rc, err);
}

int px_observation_record(struct px_rec *r, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	int rc = may_report(cx, err);
	if (rc)
		return rc;
	struct px_observation_spec s = {
		.hospital = px_rec_get(r, "hospital"), .department = px_rec_get(r, "department"),
		.category = px_rec_get(r, "category"), .title = px_rec_get(r, "title"),
		.description = px_rec_get(r, "description"), .name = px_rec_get(r, "name"),
		.phone = px_rec_get(r, "phone"), .email = px_rec_get(r, "email"),
		.language = px_rec_get(r, "language"),
	};
	struct report t;
	int unknown;
	if ((rc = report_read(cx, &s, &t, &unknown, err)))
		return rc;
	return open_report(cx, &t, err);
}
