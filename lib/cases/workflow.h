/*
 * workflow.h - a kind of case as data: its states, the moves between
 * them (verb, lowest role, fields a move needs) and what entering a state
 * does.  One file per kind, share/px/workflows/KIND (px-workflow(5)); a
 * hospital may point px.conf's cases.workflows at its own.
 */
#ifndef PX_CASES_WORKFLOW_H
#define PX_CASES_WORKFLOW_H

#include <stdint.h>

#include "base/err.h"
#include "core/auth.h"

#define PX_WF_NAME 32     /* a kind, state, verb, field or template name, NUL included */
#define PX_WF_STATES 32   /* states of one kind at most (a bit each) */
#define PX_WF_NEEDS 4     /* fields one move may require */
#define PX_WF_ARGS 2      /* words after an effect's name */
#define PX_WF_PREFIX 8    /* an id prefix or a reference series, NUL included */

/* The role of a move px makes itself (ROLE "system" in the file): no
 * user may make it (cases/case.h, px_case_move_tx). */
#define PX_WF_ROLE_SYSTEM ((enum px_role)0)

/* The states of a kind as a set: bit i for state i. */
typedef uint32_t px_wf_states;

struct px_wf_move {
	char verb[PX_WF_NAME];
	px_wf_states from;      /* the states it may leave */
	int to;                 /* the state it enters */
	enum px_role role;      /* the lowest role that may make it, or PX_WF_ROLE_SYSTEM */
	char needs[PX_WF_NEEDS][PX_WF_NAME];
	int nneeds;
	long line;              /* where the file says so */
};

enum px_wf_effect_kind {
	PX_WF_EMIT = 1,   /* print a record of TYPE once the move has committed */
	PX_WF_CLOCK,      /* start, pause or stop the clock NAME */
	PX_WF_NOTIFY,     /* queue the message TEMPLATE to the case's person */
	PX_WF_SURVEY,     /* send the case's patient the survey TEMPLATE */
};

struct px_wf_effect {
	int state;                  /* entering it does this */
	enum px_wf_effect_kind kind;
	char arg[PX_WF_ARGS][PX_WF_NAME];
	long line;
};

struct px_workflow {
	char kind[PX_WF_NAME];
	char path[512];
	char id[PX_WF_PREFIX];      /* the public ids' prefix: "" for "cas" */
	char ref[PX_WF_PREFIX];     /* the references' series: "" for the shared one */
	char states[PX_WF_STATES][PX_WF_NAME];
	int nstates;
	int initial;
	px_wf_states final;         /* states no move but those naming them leaves */
	struct px_wf_move *moves;
	int nmoves;
	struct px_wf_effect *effects;
	int neffects;
};

/* Reads and checks a workflow file.  A malformed one is PX_EINPUT with
 * err naming the file and line; *out is then NULL. */
int px_workflow_load(const char *path, struct px_workflow **out, struct px_err *err);
void px_workflow_free(struct px_workflow *wf);

/* The index of a state, or -1. */
int px_workflow_state(const struct px_workflow *wf, const char *name);
/* The move a verb names, or NULL. */
const struct px_wf_move *px_workflow_move(const struct px_workflow *wf, const char *verb);
/* The effects of entering state, in the file's order: *n of them. */
const struct px_wf_effect *px_workflow_effects(const struct px_workflow *wf, int state, int *n);
/* The states of a set, as "a, b or c", into buf. */
void px_workflow_states_text(const struct px_workflow *wf, px_wf_states set, char *buf,
			     size_t size);

#endif
