/*
 * encounter.h - patients and encounters from HIS events, and the replay
 * that gives an encounter its state.
 *
 * An encounter's state (status, admission and discharge times,
 * disposition, department) is replayed from its events in event-time
 * order, so events may arrive out of order; a cancel (cancel_admit,
 * cancel_transfer, cancel_discharge) undoes the latest earlier event it
 * cancels (cancel_admit: all of them).  The patient upsert keeps what
 * the HIS sent last by event time; an A40 merge moves the prior
 * patient's history to the survivor.
 *
 * These serve the import (import.h) inside its transaction; they return
 * PX_OK or a status with err filled.
 */
#ifndef PX_ENCOUNTER_H
#define PX_ENCOUNTER_H

#include <stddef.h>
#include <stdint.h>

#include "base/time.h"
#include "base/token.h"
#include "core/ctx.h"
#include "intake/import.h"
#include "intake/normalise.h"

/* One event of an encounter, as stored and as replayed. */
struct px_enc_event {
	int64_t id, dept;
	char event[20], at[PX_TIME_UTC_LEN], disp[16];
	int cancelled, was_cancelled; /* as replayed, as stored */
	const char *cancelled_by;     /* the cancel that undid it */
	int64_t prev_dept;            /* a transfer: the department before */
};

/* An encounter's journey as its columns have it (journey.h): the name,
 * status, start and completion; has_name 0 when it follows none. */
struct px_enc_journey {
	char name[64], status[16], started[PX_TIME_UTC_LEN], done[PX_TIME_UTC_LEN];
	int has_name, has_done;
};

/* The stored state of an encounter, so that replay writes only what
 * changed. */
struct px_enc_row {
	char status[16], admitted[PX_TIME_UTC_LEN], discharged[PX_TIME_UTC_LEN], disp[16];
	int has_admitted, has_discharged, has_disp;
	int64_t dept;
	struct px_enc_journey journey;
};

struct px_enc {
	int64_t id, hospital, patient, dept;
	char public_id[PX_ID_LEN], visit[128], type[64];
	char status[16], disp[16];  /* as replayed */
	char adm[PX_TIME_UTC_LEN], dis[PX_TIME_UTC_LEN];
	int has_adm, has_dis;
	int fresh;                  /* made by this record: nothing stored refers to it */
	int kept;                   /* found among those the transaction wrote (its events too) */
	struct px_enc_event added;  /* the record's event once stored, unless fresh */
	int has_added;
	struct px_enc_journey journey;   /* as the events leave it */
	const struct px_journey *jdef;   /* a fresh one's, px_journey_plan's */
	struct px_enc_row row;
	struct px_enc_event *ev;
	size_t nev, capev;
};

/* What an A40 merge will do: move the history of patient end (the one
 * prior_mrn leads to) to the survivor, unless it is there already. */
struct px_merge_plan {
	int64_t end;
	int moves;
};

/* The details of a patient as stored, those a record may bring; known
 * 0 when they could not be kept (a merged patient, a value longer than
 * these hold). */
struct px_enc_patient {
	int known;
	char natid_hash[PX_SHA256_HEX], name_en[256], name_ar[256], birth_date[32], sex[16];
	char phone[64], email[256], language[16], channel[16];
	int has_natid, has_name_en, has_name_ar, has_birth, has_sex, has_phone, has_email;
	int has_channel;
	int optout[PX_CH_COUNT];
};

/* The patient with this MRN (*pid, 0 when none), following merges when
 * follow is set. */
int px_encounter_patient(struct px_store *st, int64_t hid, const char *mrn, int follow,
			 int64_t *pid, struct px_err *err);
/* The same, following merges, with the patient's details (row) when it
 * was found unmerged.  A patient this transaction made lately is known
 * without reading it back. */
int px_encounter_patient_row(struct px_import *im, int64_t hid, const char *mrn, int64_t *pid,
			     struct px_enc_patient *row, struct px_err *err);
/* A patient this transaction made and has not changed since, as
 * px_patient_load (core/patient.h) would read it: 1 and p filled (to be
 * freed with px_patient_free), else 0. */
int px_encounter_patient_kept(struct px_import *im, int64_t pid, struct px_patient *p);
/* Creates the patient (*pid 0), or updates the one found (its details
 * row, or NULL) with what the record brings, unless the store holds a
 * later event's details or the record brings nothing new. */
int px_encounter_patient_upsert(struct px_import *im, int64_t hid, const struct px_visit_in *in,
				const struct px_enc_patient *row, int64_t *pid, struct px_err *err);
/* Checks a merge before anything is written: surv is the surviving
 * patient, 0 when the record will create it.  PX_EREJECT for an unknown
 * prior MRN or a merge into itself. */
int px_encounter_merge_check(struct px_store *st, int64_t hid, const char *prior_mrn,
			     int64_t surv, struct px_merge_plan *mp, struct px_err *err);
int px_encounter_merge(struct px_import *im, const struct px_merge_plan *mp, int64_t surv,
		       struct px_err *err);

/* Finds the encounter of the record's visit (e->patient its owner), or
 * prepares a fresh one (dept its department), its first event replayed,
 * that px_encounter_insert writes.  An encounter this
 * transaction wrote lately is known without reading it back. */
int px_encounter_find(struct px_import *im, int64_t hid, const struct px_visit_in *in,
		      int64_t dept, struct px_enc *e, struct px_err *err);
/* PX_EREJECT when a known visit belongs to another patient than pid (0
 * when the record will create it), after the merge the record makes. */
int px_encounter_owner(const struct px_enc *e, int64_t pid, const struct px_merge_plan *mp,
		       struct px_err *err);
/* Takes the record's patient type when it differs from the encounter's. */
int px_encounter_retype(struct px_import *im, struct px_enc *e, const char *type,
			struct px_err *err);
/* A fresh encounter, its first event replayed and its journey planned
 * (px_journey_plan), written once. */
int px_encounter_insert(struct px_import *im, struct px_enc *e, const struct px_visit_in *in,
			int64_t dept, struct px_err *err);
/* Stores the record's event (e NULL: an event of no visit), with the
 * import batch that brought it. */
int px_encounter_add_event(struct px_import *im, int64_t hid, struct px_enc *e, int64_t pid,
			   const struct px_visit_in *in, int64_t dept, struct px_err *err);
/* A stored encounter's events loaded and replayed, the events a cancel
 * undid or restored marked; a fresh one was replayed before it was
 * written. */
int px_encounter_replay(struct px_import *im, struct px_enc *e, struct px_err *err);
/* Writes what the replay and the journey (px_journey_reconcile) changed
 * of a stored encounter, in one statement; nothing for a fresh one. */
int px_encounter_write(struct px_import *im, struct px_enc *e, struct px_err *err);
void px_encounter_release(struct px_enc *e);

/* The encounters and patients the transaction wrote, as they are
 * stored: the record's encounter once all of it is written
 * (px_encounter_keep), a patient once made, and none once the
 * transaction ends or rolls back in part, a merge moves encounters or a
 * death is recorded (px_encounter_forget). */
void px_encounter_keep(struct px_import *im, const struct px_enc *e);
void px_encounter_forget(struct px_import *im);
void px_encounter_cache_free(struct px_import *im);

/* The verb: emits the encounter (public id enc_..., or a visit number)
 * with its events, journey stages and surveys, for a user who may see
 * its hospital.  PX_EINPUT when unknown (or a visit number of several
 * hospitals), PX_EPERM when out of the user's scope. */
int px_encounter_show(struct px_ctx *cx, const char *which, struct px_err *err);

#endif
