/* import.c - HIS visit events applied one record at a time; see
 * import.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "core/org.h"
#include "core/patient.h"
#include "intake/due.h"
#include "intake/encounter.h"
#include "intake/import.h"
#include "intake/journey.h"
#include "intake/normalise.h"
#include "base/banned.h"

int px_import_open(struct px_ctx *cx, const char *map_path, struct px_import **out,
		   struct px_err *err)
{
	*out = NULL;
	long long batch, days;
	if (px_config_int(cx->cfg, "import.batch", 10000, 1, 1000000, &batch, err) ||
	    px_patient_fatigue_days(cx->cfg, &days, err))
		return PX_EINPUT;
	struct px_import *im = px_xcalloc(1, sizeof *im);
	im->cx = cx;
	im->batch = (long)batch;
	px_time_format_utc(px_now(cx), im->now);
	char dir[4096];
	int rc = px_journeys_load(px_journeys_dir(cx->cfg, dir, sizeof dir), &im->js, err);
	if (!rc)
		rc = px_map_load(map_path, &im->map, err);
	if (rc) {
		px_import_close(im);
		return rc;
	}
	const char *dj = px_config_get(cx->cfg, "import.default_journey", NULL);
	if (dj && *dj && !(im->fallback = px_journeys_find(&im->js, dj))) {
		px_import_close(im);
		return px_fail(err, PX_EINPUT, "import.default_journey: unknown journey '%s' (in %s)",
			       dj, dir);
	}
	im->deceased = px_journey_words(px_config_get(cx->cfg, "import.deceased_codes", "20,40,41,42"));
	*out = im;
	return PX_OK;
}

int px_import_set(struct px_import *im, const char *assignment, struct px_err *err)
{
	return px_map_set(im->map, assignment, err);
}

int px_import_times(struct px_import *im, const char *fmt, const char *zone, struct px_err *err)
{
	return px_map_times(im->map, fmt, zone, err);
}

void px_import_close(struct px_import *im)
{
	if (!im)
		return;
	px_journeys_free(&im->js);
	px_map_free(im->map);
	px_journey_words_free(im->deceased);
	free(im);
}

void px_import_strict(struct px_import *im, int strict)
{
	im->strict = strict;
}

long px_import_batch(const struct px_import *im)
{
	return im->batch;
}

const struct px_import_stats *px_import_stats(const struct px_import *im)
{
	return &im->total;
}

void px_import_ended(void *arg, int kept)
{
	struct px_import *im = arg;
	struct px_import_stats *t = &im->total, *s = &im->stats;
	if (kept) {
		t->applied += s->applied;
		t->duplicates += s->duplicates;
		t->due += s->due;
		t->suppressed += s->suppressed;
		t->withdrawn += s->withdrawn;
		t->unknown_type += s->unknown_type;
		for (int i = 0; i < PX_IMPORT_REASONS && s->suppressed_by[i].n; i++) {
			int j = 0;
			while (j < PX_IMPORT_REASONS - 1 && t->suppressed_by[j].n &&
			       strcmp(t->suppressed_by[j].reason, s->suppressed_by[i].reason))
				j++;
			if (!t->suppressed_by[j].n)
				px_strlcpy(t->suppressed_by[j].reason, s->suppressed_by[i].reason,
					   sizeof t->suppressed_by[j].reason);
			else if (strcmp(t->suppressed_by[j].reason, s->suppressed_by[i].reason))
				px_strlcpy(t->suppressed_by[j].reason, "other",
					   sizeof t->suppressed_by[j].reason);
			t->suppressed_by[j].n += s->suppressed_by[i].n;
		}
	}
	memset(s, 0, sizeof *s);
}

/* The hospital's id, checking that the actor may import for it.  The
 * answer is kept: a file names few hospitals and many records. */
static int hospital(struct px_import *im, const char *code, int64_t *id, struct px_err *err)
{
	for (size_t i = 0; i < im->nhosp; i++) {
		struct px_import_hospital *h = &im->hosp[i];
		if (strcmp(h->code, code))
			continue;
		*id = h->id;
		return h->rc ? px_fail(err, h->rc, "%s", h->denied) : PX_OK;
	}
	char what[96];
	snprintf(what, sizeof what, "import visits for %s", code);
	int rc = px_org_hospital(im->cx, code, PX_ROLE_HOSPITAL_ADMIN, what, id, err);
	if (rc == PX_EINPUT)
		rc = err->code = PX_EREJECT; /* named by a record: the record is rejected */
	if (rc && rc != PX_EPERM && rc != PX_EREJECT)
		return rc;
	if (im->nhosp < PX_IMPORT_HOSPITALS) {
		struct px_import_hospital *h = &im->hosp[im->nhosp++];
		px_strlcpy(h->code, code, sizeof h->code);
		h->id = *id;
		h->rc = rc;
		px_strlcpy(h->denied, rc ? err->text : "", sizeof h->denied);
	}
	return rc;
}

/* Whether the event was applied before. */
/* Whether patient id pid is mrn's patient, or the one it was merged into. */
static int same_patient(struct px_import *im, int64_t hid, const char *mrn, int64_t pid,
			int *yes, struct px_err *err)
{
	*yes = 0;
	struct px_stmt *s = px_stmt_prepare(im->cx->st,
		"SELECT id, merged_into FROM patients WHERE hospital_id = ?1 AND mrn = ?2", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, mrn);
	int rc = px_stmt_step(s, err);
	int64_t id = rc == 1 ? px_stmt_col_int(s, 0) : 0, into = rc == 1 ? px_stmt_col_int(s, 1) : 0;
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	/* along the merges, a few steps at most */
	for (int step = 0; id && step < 8; step++) {
		if (id == pid) {
			*yes = 1;
			return PX_OK;
		}
		id = into;
		if (!id)
			break;
		if (!(s = px_stmt_prepare(im->cx->st, "SELECT merged_into FROM patients WHERE id = ?1",
					  err)))
			return err->code;
		px_stmt_int(s, 1, id);
		rc = px_stmt_step(s, err);
		into = rc == 1 ? px_stmt_col_int(s, 0) : 0;
		px_stmt_reset(s);
		if (rc < 0)
			return err->code;
	}
	return PX_OK;
}

/* Whether the event was imported before (*yes): its key is there, for
 * the same event, time and patient.  The same key with another of
 * those is a record that differs from the one stored, rejected rather
 * than taken for it. */
static int seen(struct px_import *im, int64_t hid, const struct px_visit_in *in, int *yes,
		struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(im->cx->st,
		"SELECT event, event_at, patient_id FROM visit_events"
		" WHERE hospital_id = ?1 AND event_key = ?2", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hid);
	px_stmt_text(s, 2, in->key);
	int rc = px_stmt_step(s, err);
	*yes = rc == 1;
	if (rc != 1) {
		px_stmt_reset(s);
		return rc < 0 ? err->code : PX_OK;
	}
	int differs = strcmp(px_stmt_col_text(s, 0), in->event) || strcmp(px_stmt_col_text(s, 1), in->at);
	int64_t pid = px_stmt_col_int(s, 2);
	px_stmt_reset(s);
	const char *what = in->event_id ? "event id" : "event";
	const char *key = in->event_id ? in->event_id : in->key;
	if (differs)
		return px_fail(err, PX_EREJECT, "%s '%s' was imported before as another event or time",
			       what, key);
	int same = 1;
	if (in->mrn && pid && (rc = same_patient(im, hid, in->mrn, pid, &same, err)))
		return rc;
	if (!same)
		return px_fail(err, PX_EREJECT, "%s '%s' was imported before for another patient",
			       what, key);
	return PX_OK;
}

/* The record's fields checked against the store: hospital (and the
 * actor's permission), event, department, patient. */
static int check(struct px_import *im, struct px_rec *r, struct px_visit_in *in, int64_t *hid,
		 int64_t *dept, struct px_err *err)
{
	int rc = px_normalise_hospital(r, in, err);
	if (rc || (rc = hospital(im, in->hospital, hid, err)) ||
	    (rc = px_normalise_event(r, in, err)))
		return rc;
	*dept = 0;
	if (in->department) {
		int found = px_org_department_id(im->cx->st, *hid, in->department, dept, err);
		if (found < 0)
			return err->code;
		if (!found)
			return px_fail(err, PX_EREJECT, "unknown department '%s' of %s",
				       in->department, in->hospital);
	}
	return px_normalise_patient(im->cx->cfg, r, in, err);
}

/* Whether r is a survey.due record of the patient with public id arg. */
static int is_patients_due(const struct px_rec *r, void *arg)
{
	const char *type = px_rec_type(r), *p = px_rec_get(r, "patient");
	return type && !strcmp(type, "survey.due") && p && !strcmp(p, arg);
}

/* A death the record reports (the deceased field, HL7 PID-30, a death
 * disposition): the patient is marked deceased and whatever was still to
 * reach them withdrawn (core/patient.h), the surveys made due earlier in
 * this transaction no longer printed. */
static int death(struct px_import *im, const struct px_visit_in *in, int64_t pid,
		 struct px_err *err)
{
	if (in->deceased <= 0 && !px_due_deceased_code(im, in->disposition))
		return PX_OK;
	struct px_patient_withdrawn w;
	int rc = px_patient_deceased(im->cx, pid, in->at, &w, err);
	if (rc)
		return rc;
	if (w.due)
		px_emit_forget(im->cx, is_patients_due, w.pid);
	im->stats.withdrawn += w.due;
	return PX_OK;
}

/* Applies a new event: whatever can reject the record is checked before
 * the first write, so that a rejected record leaves nothing behind. */
static int apply(struct px_import *im, const struct px_visit_in *in, int64_t hid, int64_t dept,
		 struct px_enc *e, struct px_err *err)
{
	struct px_store *st = im->cx->st;
	int64_t pid;
	struct px_merge_plan mp = { 0 };
	int rc = px_encounter_patient(st, hid, in->mrn, 1, &pid, err);
	if (!rc && in->merge)
		rc = px_encounter_merge_check(st, hid, in->prior_mrn, pid, &mp, err);
	if (!rc && in->visit && !(rc = px_encounter_find(st, hid, in, dept, e, err)))
		rc = px_encounter_owner(e, pid, &mp, err);
	if (rc)
		return rc;
	/* the checks done: writes from here on */
	if ((rc = px_encounter_patient_upsert(im, hid, in, &pid, err)) ||
	    (in->merge && (rc = px_encounter_merge(im, &mp, pid, err))))
		return rc;
	if ((rc = death(im, in, pid, err)))
		return rc;
	e->patient = pid; /* its owner, or after the merge */
	if (in->visit && !e->fresh && (rc = px_encounter_retype(im, e, in->patient_type, err)))
		return rc;
	if (e->fresh && (rc = px_encounter_insert(im, e, in, dept, err)))
		return rc;
	if ((rc = px_encounter_add_event(im, hid, in->visit ? e : NULL, pid, in, dept, err)))
		return rc;
	if (in->visit && !(rc = px_encounter_replay(im, e, err)))
		rc = px_journey_reconcile(im, e, err);
	return rc;
}

/* One event as px's fields have it. */
static int import_event(struct px_import *im, struct px_rec *r, struct px_err *err)
{
	int rc, again = 0;
	im->rec = r;
	struct px_visit_in in;
	int64_t hid, dept;
	rc = check(im, r, &in, &hid, &dept, err);
	if (!rc)
		rc = seen(im, hid, &in, &again, err);
	if (rc)
		return rc;
	if (again) {
		im->stats.duplicates++;
		return PX_OK;
	}
	struct px_enc e;
	memset(&e, 0, sizeof e);
	rc = apply(im, &in, hid, dept, &e, err);
	px_encounter_release(&e);
	if (!rc)
		im->stats.applied++;
	return rc;
}

int px_import_visit(struct px_rec *r, void *arg, struct px_err *err)
{
	struct px_import *im = arg;
	int rc = px_map_apply(im->map, r, err);
	return rc ? rc : import_event(im, r, err);
}

/* The event of a visit row at the time of field, when the row has one: a
 * copy with event, event_time and its own event id. */
static int row_event(struct px_import *im, const struct px_rec *row, const char *event,
		     const char *field, const char *base, struct px_err *err)
{
	const char *at = px_rec_get(row, field);
	if (!at || !*at)
		return PX_OK;
	struct px_rec *r = px_rec_copy(row);
	px_rec_set_str(r, "event", event);
	px_rec_set_str(r, "event_time", at);
	char *id = px_xasprintf("%s:%s", base, event);
	px_rec_set_str(r, "event_id", id);
	free(id);
	px_rec_del(r, "admitted_at");
	px_rec_del(r, "discharged_at");
	if (strcmp(event, "discharge"))
		px_rec_del(r, "disposition"); /* how the visit ended is the discharge's */
	int rc = import_event(im, r, err);
	px_rec_free(r);
	return rc;
}

int px_import_visit_row(struct px_rec *r, void *arg, struct px_err *err)
{
	struct px_import *im = arg;
	int rc = px_map_names(im->map, r, err);
	if (rc)
		return rc;
	const char *visit = px_rec_get(r, "visit"), *id = px_rec_get(r, "event_id");
	const char *base = id && *id ? id : visit;
	if (!base || !*base)
		return px_fail(err, PX_EREJECT, "missing 'visit'");
	/* the row's times, read in the export's format, name their columns */
	if ((rc = px_map_time(im->map, r, "admitted_at", err)) ||
	    (rc = px_map_time(im->map, r, "discharged_at", err)))
		return rc;
	const char *adm = px_rec_get(r, "admitted_at"), *dis = px_rec_get(r, "discharged_at");
	if ((!adm || !*adm) && (!dis || !*dis))
		return px_fail(err, PX_EREJECT, "a visit row needs 'admitted_at' or 'discharged_at'");
	/* the row's two events together or neither */
	if ((rc = px_store_exec(im->cx->st, "SAVEPOINT px_visit_row", err)))
		return rc;
	struct px_import_stats before = im->stats;
	char *b = px_xstrdup(base);
	rc = row_event(im, r, "admit", "admitted_at", b, err);
	if (!rc)
		rc = row_event(im, r, "discharge", "discharged_at", b, err);
	free(b);
	struct px_err ignored = { 0 };
	if (rc) {
		im->stats = before; /* nothing of the row counts */
		px_store_exec(im->cx->st, "ROLLBACK TO px_visit_row", &ignored);
	} else {
		/* a row is applied when one of its events is, else seen before */
		int applied = im->stats.applied > before.applied;
		im->stats.applied = before.applied + applied;
		im->stats.duplicates = before.duplicates + !applied;
	}
	px_store_exec(im->cx->st, "RELEASE px_visit_row", rc ? &ignored : err);
	return rc;
}
