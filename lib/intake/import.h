/*
 * import.h - HIS visit events into patients, encounters, journeys and the
 * surveys they make due: the handler of the record loop for visit
 * records, and the state of one import.
 *
 * Each visit record (normalise.h) is applied inside the loop's
 * transaction: the patient is created or updated (MRN unique per
 * hospital, following merges), the event is stored with a key (its
 * event_id, or a digest of the event) so that a record seen before
 * changes nothing, the encounter is replayed from its events in
 * event-time order (encounter.h), its journey's stages are completed
 * (journey.h) and each survey they call for is made due or suppressed
 * (due.h), its survey.due record held with px_emit_after() until the
 * transaction commits.  A rejected record has written nothing: every
 * check comes before the first write.
 *
 * Each of the loop's transactions that applies an event is one import
 * batch (import_batches): the events it stores name it, and just before
 * the commit it gets its counts (events, patients created and updated,
 * encounters created, surveys due and suppressed), the digest of the
 * event keys it applied and one audit row, "his_import", which names
 * it, its file and lines and the counts.  Merges and withdrawn surveys
 * keep an audit row each.
 *
 * The acting user must be a hospital_admin of the record's hospital (or a
 * px_admin); other records are rejected with PX_EPERM.
 */
#ifndef PX_IMPORT_H
#define PX_IMPORT_H

#include "base/err.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "core/ctx.h"
#include "intake/journey.h"
#include "intake/map.h"
#include "records/record.h"

#define PX_IMPORT_HOSPITALS 64
#define PX_IMPORT_DEPARTMENTS 256
#define PX_IMPORT_MADE 65536

#define PX_IMPORT_REASONS 8
struct px_import_stats {
	long applied, duplicates, due, suppressed, withdrawn;
	long unknown_type; /* records of a patient type no journey lists */
	/* the surveys suppressed, by reason in the order first met (a
	 * reason after the first PX_IMPORT_REASONS counts under the last) */
	struct {
		char reason[48];
		long n;
	} suppressed_by[PX_IMPORT_REASONS];
};

/* A hospital as the import has looked it up: its id, or the status and
 * text of the refusal. */
struct px_import_hospital {
	char code[40];
	int64_t id;
	int rc;
	char denied[512];
};

/* A department as the import has looked it up: id 0 when unknown. */
struct px_import_department {
	int64_t hospital, id;
	char code[64];
};

/* The import batch of the transaction open, as far as it has got. */
struct px_import_batch {
	int64_t id; /* import_batches.id, 0 until an event is applied */
	char public_id[PX_ID_LEN];
	char *source; /* the file, "-" for standard input */
	long first_line, last_line;
	long events, patients_created, patients_updated, encounters_created, due, suppressed;
	/* the patients it made, ascending, as many as PX_IMPORT_MADE */
	int64_t *made;
	size_t nmade, capmade;
	struct px_buf keys; /* the event keys applied, one a line */
};

/* One import: built from the context by px_import_open; the intake
 * modules read it, nothing else should. */
struct px_import {
	struct px_ctx *cx;
	struct px_journeys js;
	struct px_map *map;         /* --map, or NULL */
	char **deceased;            /* import.deceased_codes */
	long batch;                 /* import.batch */
	const struct px_journey *fallback; /* import.default_journey, or NULL */
	int strict;                 /* --strict: an unknown patient type rejects */
	const struct px_rec *rec;   /* the record being applied */
	char now[PX_TIME_UTC_LEN];  /* when the import runs */
	struct px_import_hospital hosp[PX_IMPORT_HOSPITALS];
	size_t nhosp;
	struct px_import_department dept[PX_IMPORT_DEPARTMENTS];
	size_t ndept;
	struct px_import_stats stats; /* of the open transaction */
	struct px_import_stats total; /* of those committed */
	char *stages_sql[PX_JOURNEY_MAX_STAGES]; /* journey.c's, by number of stages */
	struct px_enc_cache *encs;     /* encounter.c's */
	struct px_pat_cache *pats;     /* encounter.c's */
	struct px_stage_cache *stages; /* journey.c's */
	struct px_import_batch tx; /* the transaction's */
};

/* Starts an import acting as cx->actor: the journeys (journeys_dir of
 * journey.h), import.deceased_codes, import.batch and the --map file
 * (map_path, NULL for none).  PX_EINPUT with file:line when one of them
 * cannot be used. */
int px_import_open(struct px_ctx *cx, const char *map_path, struct px_import **out,
		   struct px_err *err);
void px_import_close(struct px_import *im);
/* A constant for what an export leaves out, "field=VALUE" (--set; a map
 * file's "set" lines are the same); PX_EUSAGE when malformed. */
int px_import_set(struct px_import *im, const char *assignment, struct px_err *err);
/* The export's times: event_time written as fmt (strptime's), of zone
 * when they have no offset (NULL: the display zone); PX_EUSAGE for an
 * unknown zone. */
int px_import_times(struct px_import *im, const char *fmt, const char *zone, struct px_err *err);
/* --strict: a record whose patient type no journey lists (and no
 * import.default_journey) is rejected rather than warned about. */
void px_import_strict(struct px_import *im, int strict);
/* Records to a transaction (import.batch, default 10000). */
long px_import_batch(const struct px_import *im);
const struct px_import_stats *px_import_stats(const struct px_import *im);
/* For the record loop (its ended): the counts of the transaction just
 * ended join the import's when it was kept, and are dropped when it was
 * rolled back.  im is the struct px_import. */
void px_import_ended(void *im, int kept);


/* The handler of visit records (and records without a type) for the
 * record loop; im is the struct px_import.  PX_OK when applied or seen
 * before, PX_EREJECT or PX_EPERM when rejected, PX_EINPUT or PX_ESTORE
 * when the import cannot go on (the caller rolls back). */
int px_import_visit(struct px_rec *r, void *im, struct px_err *err);
/* Handler for exports of one row per visit (--rows visits): the row's
 * admitted_at and discharged_at give its admit and discharge events, each
 * with its own event id (the row's event_id, else its visit, followed by
 * ":admit" or ":discharge"), so that reading the export again adds
 * nothing; the two together or neither. */
int px_import_visit_row(struct px_rec *r, void *im, struct px_err *err);

#endif
