/* import.c - HIS visit events applied one record at a time; see
 * import.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "core/audit.h"
#include "core/org.h"
#include "core/patient.h"
#include "intake/due.h"
#include "intake/encounter.h"
#include "intake/import.h"
#include "intake/journey.h"
#include "intake/normalise.h"
#include "base/banned.h"

/* ---------- the import batch ---------- */

/* The batch of the transaction open, stored at its first event applied. */
static int batch_begin(struct px_import *im, struct px_err *err)
{
	struct px_import_batch *b = &im->tx;
	if (b->id)
		return PX_OK;
	/* its audit row is written at the commit: the key is needed now */
	if (!px_store_audit_key(im->cx->st))
		return px_fail(err, PX_EINPUT, "no key for the audit trail: px init writes one beside "
			       "the store (privacy.key_file)");
	if (px_id_new("imp", b->public_id, err))
		return err->code;
	const char *src = im->rec ? px_rec_source(im->rec) : NULL;
	b->source = px_xstrdup(src && *src ? src : "-");
	struct px_stmt *s = px_stmt_prepare(im->cx->st, "INSERT INTO import_batches (public_id,"
		" actor, source, created_at) VALUES (?1, ?2, ?3, ?4)", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, b->public_id);
	px_stmt_text(s, 2, im->cx->actor->name);
	px_stmt_text(s, 3, b->source);
	px_stmt_text(s, 4, im->now);
	int rc = px_stmt_run(s, err);
	if (!rc)
		b->id = px_store_last_id(im->cx->st);
	return rc;
}

/* An event applied: counted in the batch, its key kept for the digest. */
static void batch_event(struct px_import *im, const char *key)
{
	struct px_import_batch *b = &im->tx;
	long line = im->rec ? px_rec_line(im->rec) : 0;
	if (!b->events || line < b->first_line)
		b->first_line = line;
	if (line > b->last_line)
		b->last_line = line;
	b->events++;
	px_buf_adds(&b->keys, key);
	px_buf_addc(&b->keys, '\n');
}

/* Between records, the keys kept so far, once they fill 64 KiB, give
 * way to their digest, which the next keys follow: the digest is of a
 * chain, and a batch of any size holds little. */
static void batch_compact(struct px_import *im)
{
	struct px_buf *k = &im->tx.keys;
	if (k->len < 65536)
		return;
	uint8_t h[PX_SHA256_LEN];
	char hex[PX_SHA256_HEX];
	px_sha256(k->s, k->len, h);
	px_hex(h, sizeof h, hex);
	px_buf_reset(k);
	px_buf_adds(k, hex);
	px_buf_addc(k, '\n');
}

static void batch_reset(struct px_import_batch *b)
{
	free(b->source);
	struct px_buf keys = b->keys;
	int64_t *made = b->made;
	size_t cap = b->capmade;
	px_buf_reset(&keys);
	memset(b, 0, sizeof *b);
	b->keys = keys;
	b->made = made;
	b->capmade = cap;
}


/* The store's transaction hook: at the commit, the batch's counts,
 * digest and audit row; at a rollback, the batch forgotten. */
static int batch_end(void *arg, int commit, struct px_err *err)
{
	struct px_import *im = arg;
	struct px_import_batch *b = &im->tx;
	/* what another writer does after this transaction is not known */
	px_encounter_forget(im);
	px_journey_forget(im);
	if (!commit || !b->id) {
		batch_reset(b);
		return PX_OK;
	}
	uint8_t h[PX_SHA256_LEN];
	char digest[PX_SHA256_HEX];
	px_sha256(b->keys.s ? b->keys.s : "", b->keys.len, h);
	px_hex(h, sizeof h, digest);
	struct px_stmt *s = px_stmt_prepare(im->cx->st, "UPDATE import_batches SET first_line = ?2,"
		" last_line = ?3, events = ?4, patients_created = ?5, patients_updated = ?6,"
		" encounters_created = ?7, surveys_due = ?8, surveys_suppressed = ?9, digest = ?10"
		" WHERE id = ?1", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, b->id);
	px_stmt_int(s, 2, b->first_line);
	px_stmt_int(s, 3, b->last_line);
	px_stmt_int(s, 4, b->events);
	px_stmt_int(s, 5, b->patients_created);
	px_stmt_int(s, 6, b->patients_updated);
	px_stmt_int(s, 7, b->encounters_created);
	px_stmt_int(s, 8, b->due);
	px_stmt_int(s, 9, b->suppressed);
	px_stmt_text(s, 10, digest);
	int rc = px_stmt_run(s, err);
	if (!rc) {
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "source", b->source);
		px_rec_set_int(d, "first_line", b->first_line);
		px_rec_set_int(d, "last_line", b->last_line);
		px_rec_set_int(d, "events", b->events);
		px_rec_set_int(d, "patients_created", b->patients_created);
		px_rec_set_int(d, "patients_updated", b->patients_updated);
		px_rec_set_int(d, "encounters_created", b->encounters_created);
		px_rec_set_int(d, "surveys_due", b->due);
		px_rec_set_int(d, "surveys_suppressed", b->suppressed);
		px_rec_set_str(d, "digest", digest);
		rc = px_audit_record(im->cx->st, im->cx->actor->name, "his_import", "import_batch",
				     b->public_id, d, err);
		px_rec_free(d);
	}
	batch_reset(b);
	return rc;
}

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
	px_store_on_tx(cx->st, batch_end, im);
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
	px_store_on_tx(im->cx->st, NULL, NULL);
	px_encounter_cache_free(im);
	px_journey_cache_free(im);
	batch_reset(&im->tx);
	px_buf_free(&im->tx.keys);
	free(im->tx.made);
	for (size_t i = 0; i < PX_JOURNEY_MAX_STAGES; i++)
		free(im->stages_sql[i]);
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
		for (int i = 0; i < PX_IMPORT_REASONS && s->suppressed_by[i].n; i++)
			px_due_count_reason(t, s->suppressed_by[i].reason, s->suppressed_by[i].n);
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

/* The department's id; the ids found are kept, as the hospitals'. */
static int department(struct px_import *im, int64_t hid, const struct px_visit_in *in,
		      int64_t *id, struct px_err *err)
{
	for (size_t i = 0; i < im->ndept; i++) {
		struct px_import_department *d = &im->dept[i];
		if (d->hospital == hid && !strcmp(d->code, in->department)) {
			*id = d->id;
			return PX_OK;
		}
	}
	int found = px_org_department_id(im->cx->st, hid, in->department, id, err);
	if (found < 0)
		return err->code;
	if (!found)
		return px_fail(err, PX_EREJECT, "unknown department '%s' of %s", in->department,
			       in->hospital);
	if (im->ndept < PX_IMPORT_DEPARTMENTS && strlen(in->department) < sizeof im->dept[0].code) {
		struct px_import_department *d = &im->dept[im->ndept++];
		d->hospital = hid;
		d->id = *id;
		px_strlcpy(d->code, in->department, sizeof d->code);
	}
	return PX_OK;
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
		"SELECT e.event, e.event_at, e.patient_id, p.mrn FROM visit_events e"
		" LEFT JOIN patients p ON p.id = e.patient_id"
		" WHERE e.hospital_id = ?1 AND e.event_key = ?2", err);
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
	const char *mrn = px_stmt_col_text(s, 3);
	/* most often the patient's own MRN; else one merged into it */
	int same_mrn = !in->mrn || !mrn || !strcmp(mrn, in->mrn);
	px_stmt_reset(s);
	const char *what = in->event_id ? "event id" : "event";
	const char *key = in->event_id ? in->event_id : in->key;
	if (differs)
		return px_fail(err, PX_EREJECT, "%s '%s' was imported before as another event or time",
			       what, key);
	int same = 1;
	if (!same_mrn && pid && (rc = same_patient(im, hid, in->mrn, pid, &same, err)))
		return rc;
	if (!same)
		return px_fail(err, PX_EREJECT, "%s '%s' was imported before for another patient",
			       what, key);
	return PX_OK;
}

/* The record's event checked against the store: hospital (and the
 * actor's permission), event, department. */
static int check(struct px_import *im, struct px_rec *r, struct px_visit_in *in, int64_t *hid,
		 int64_t *dept, struct px_err *err)
{
	int rc = px_normalise_hospital(r, in, err);
	if (rc || (rc = hospital(im, in->hospital, hid, err)) ||
	    (rc = px_normalise_event(r, in, err)))
		return rc;
	*dept = 0;
	if (in->department && (rc = department(im, *hid, in, dept, err)))
		return rc;
	return PX_OK;
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
	px_encounter_forget(im); /* the patient is kept alive */
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
	struct px_enc_patient row;
	int rc = px_encounter_patient_row(im, hid, in->mrn, &pid, &row, err);
	if (!rc && in->merge)
		rc = px_encounter_merge_check(st, hid, in->prior_mrn, pid, &mp, err);
	if (!rc && in->visit && !(rc = px_encounter_find(im, hid, in, dept, e, err)))
		rc = px_encounter_owner(e, pid, &mp, err);
	if (rc)
		return rc;
	/* the checks done: writes from here on */
	if ((rc = batch_begin(im, err)) || (rc = px_encounter_patient_upsert(im, hid, in, &row, &pid, err)) ||
	    (in->merge && (rc = px_encounter_merge(im, &mp, pid, err))))
		return rc;
	if ((rc = death(im, in, pid, err)))
		return rc;
	e->patient = pid; /* its owner, or after the merge */
	if (in->visit && !e->fresh && (rc = px_encounter_retype(im, e, in->patient_type, err)))
		return rc;
	if (e->fresh && ((rc = px_journey_plan(im, e, err)) ||
			 (rc = px_encounter_insert(im, e, in, dept, err))))
		return rc;
	if ((rc = px_encounter_add_event(im, hid, in->visit ? e : NULL, pid, in, dept, err)))
		return rc;
	if (in->visit && !(rc = px_encounter_replay(im, e, err)) &&
	    !(rc = px_journey_reconcile(im, e, err)) && !(rc = px_encounter_write(im, e, err)))
		px_encounter_keep(im, e);
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
	if (again) { /* the same event: what else it says was said then */
		im->stats.duplicates++;
		return PX_OK;
	}
	if ((rc = px_normalise_patient(im->cx->cfg, r, &in, err)))
		return rc;
	struct px_enc e;
	memset(&e, 0, sizeof e);
	rc = apply(im, &in, hid, dept, &e, err);
	px_encounter_release(&e);
	if (!rc) {
		im->stats.applied++;
		batch_event(im, in.key);
	} else {
		px_encounter_forget(im); /* whatever it wrote before it failed */
		px_journey_forget(im);
	}
	return rc;
}

int px_import_visit(struct px_rec *r, void *arg, struct px_err *err)
{
	struct px_import *im = arg;
	batch_compact(im);
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
	batch_compact(im);
	if ((rc = px_store_exec(im->cx->st, "SAVEPOINT px_visit_row", err)))
		return rc;
	struct px_import_stats stats0 = im->stats;
	struct px_import_batch before = im->tx; /* its keys and patients: their counts */
	char *b = px_xstrdup(base);
	rc = row_event(im, r, "admit", "admitted_at", b, err);
	if (!rc)
		rc = row_event(im, r, "discharge", "discharged_at", b, err);
	free(b);
	struct px_err ignored = { 0 };
	if (rc) {
		im->stats = stats0; /* nothing of the row counts */
		px_store_exec(im->cx->st, "ROLLBACK TO px_visit_row", &ignored);
		px_encounter_forget(im);
		px_journey_forget(im);
		size_t klen = before.keys.len, nmade = before.nmade;
		before.keys = im->tx.keys;
		before.keys.len = klen;
		before.made = im->tx.made;
		before.capmade = im->tx.capmade;
		before.nmade = nmade;
		if (before.keys.s)
			before.keys.s[klen] = '\0';
		if (before.source != im->tx.source)
			free(im->tx.source); /* the batch began with this row */
		im->tx = before;
	} else {
		/* a row is applied when one of its events is, else seen before */
		int applied = im->stats.applied > stats0.applied;
		im->stats.applied = stats0.applied + applied;
		im->stats.duplicates = stats0.duplicates + !applied;
	}
	px_store_exec(im->cx->st, "RELEASE px_visit_row", rc ? &ignored : err);
	return rc;
}
