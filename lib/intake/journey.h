/*
 * journey.h - journey definitions: the stages a patient goes through
 * (EMS, inpatient, OPD, day case), the HIS events that complete each
 * stage, and the survey a stage calls for.
 *
 * One file per journey, NAME.journey, in the journeys directory:
 *
 *	# comment
 *	name = opd
 *	title = Outpatient visit
 *	types = opd O outpatient
 *	stage = registration register admit
 *	stage = discharge discharge survey=outpatient_visit delay=2h
 *
 * types are the patient types (CSV patient_type, HL7 PV1-18 or PV1-2)
 * that follow the journey; a stage names the events that complete it and
 * optionally a survey template made due delay (s, m, h or d) after the
 * completing event.  fatigue=yes makes the stage's survey subject to the
 * fatigue rule (core/patient.h) also for the surveys of its own
 * encounter: a follow-up stage is otherwise exempt from them.
 *
 * An encounter's journey is kept in the store, in its columns and its
 * stages' rows: each stage is completed by the first event that
 * completes it and is not undone by a cancel (px_journey_reconcile).
 */
#ifndef PX_JOURNEY_H
#define PX_JOURNEY_H

#include <stddef.h>

#include "base/config.h"
#include "base/err.h"
#include "core/ctx.h"

#define PX_JOURNEY_MAX_STAGES 16

struct px_journey_stage {
	char *name;
	char **events; /* NULL-terminated */
	char *survey;  /* template, or NULL */
	long delay;    /* seconds after the completing event */
	int fatigue;   /* the encounter's own surveys count for fatigue */
};

struct px_journey {
	char *name, *title;
	char **types; /* NULL-terminated */
	struct px_journey_stage stages[PX_JOURNEY_MAX_STAGES];
	size_t nstages;
};

struct px_journeys {
	struct px_journey *v;
	size_t n;
	char *dir;
};

/* The journeys directory: import.journeys in px.conf, else
 * $PX_DATA/journeys, else the installed share/px/journeys. */
const char *px_journeys_dir(const struct px_config *cfg, char *buf, size_t size);
/* Loads every *.journey file of dir, sorted by name.  -1 with PX_EINPUT
 * and file:line when one is malformed or the directory is unreadable. */
int px_journeys_load(const char *dir, struct px_journeys *js, struct px_err *err);
void px_journeys_free(struct px_journeys *js);
/* The journey a patient type follows (case-insensitive), or NULL. */
const struct px_journey *px_journeys_for_type(const struct px_journeys *js, const char *type);
const struct px_journey *px_journeys_find(const struct px_journeys *js, const char *name);
/* Whether the stage is completed by event. */
int px_journey_stage_has(const struct px_journey_stage *s, const char *event);

struct px_import;
struct px_enc;
/* The journey of a fresh encounter (replayed, encounter.h) before it is
 * written: its patient type's (or import.default_journey, or none after
 * a warning: PX_EREJECT with --strict) and the journey columns its first
 * event leaves. */
int px_journey_plan(struct px_import *im, struct px_enc *e, struct px_err *err);
/* Brings an encounter's journey stages (replayed, encounter.h) in line
 * with its events, making the completed stages' surveys due and
 * withdrawing those of stages a cancel undid, and sets the encounter's
 * journey columns, which px_encounter_write stores.  The stages of a
 * journey not yet stored are written as the events leave them. */
int px_journey_reconcile(struct px_import *im, struct px_enc *e, struct px_err *err);

/* The stages the transaction wrote, kept as encounter.h keeps its
 * encounters, and forgotten with them. */
void px_journey_forget(struct px_import *im);
void px_journey_cache_free(struct px_import *im);

/* The words of s, split at blanks and commas, NULL-terminated, and
 * their release. */
char **px_journey_words(const char *s);
void px_journey_words_free(char **v);

/* The verb: emits one "journey.stage" record per stage of each journey
 * of the configured directory.  PX_EINPUT when one cannot be read. */
int px_journeys_list(struct px_ctx *cx, struct px_err *err);

#endif
