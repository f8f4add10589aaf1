/*
 * ctx.h - the one context every library verb takes: the store, the
 * configuration, the acting user, the clock and the output sink, as a
 * repository is handed to every call of a version-control library.  A
 * front end (a command, the web page) fills one and gets the whole
 * library; nothing in libpx keeps a bundle of its own.
 *
 * The verbs' contract (DESIGN.md, "Architecture"):
 *   - a verb returns a status of the exit table (base/err.h): PX_OK, or
 *     the code of what went wrong, with err filled;
 *   - the records it produces go to px_emit() only after the transaction
 *     that made them has committed;
 *   - it checks the acting user's role and hospital scope itself.
 *
 * Hooks let a lower module tell a higher one that something happened
 * without calling up into it: the survey module runs the "survey
 * completed" hooks inside its transaction, and the follow-up module,
 * which sits above it, registers one.
 */
#ifndef PX_CTX_H
#define PX_CTX_H

#include <stdint.h>

#include "base/config.h"
#include "base/err.h"
#include "core/auth.h"
#include "records/record.h"
#include "store/store.h"

struct px_ctx;

/* What happened, for hooks. */
enum px_event {
	/* a survey was completed; payload struct px_ev_survey */
	PX_EV_SURVEY_COMPLETED,
	/* a patient was marked deceased; payload struct px_ev_patient */
	PX_EV_PATIENT_DECEASED,
	/* a survey expired unanswered; payload struct px_ev_survey
	 * (satisfied -1, tpl NULL, at the expiry time) */
	PX_EV_SURVEY_EXPIRED,
	/* px-sla check is about to read the cases; payload struct
	 * px_ev_check.  Not inside a transaction: a module whose cases px
	 * opens itself when their clock starts before anyone acts (the loop
	 * on a negative survey) opens them here, each in a transaction of
	 * its own. */
	PX_EV_SLA_CHECK,
	PX_EV__COUNT,
};

struct px_ev_survey {
	int64_t survey;   /* row id */
	const char *tpl;  /* template name */
	int satisfied;    /* 1 satisfied, 0 not, -1 no scorable answer */
	const char *at;   /* completion time, UTC ISO 8601 */
};

struct px_ev_check {
	int64_t now;
	long *opened;     /* the hooks add the cases they opened */
};

struct px_ev_patient {
	int64_t patient;  /* row id */
	const char *at;
};

/*
 * A hook runs inside the transaction of the change it hears about (all
 * but PX_EV_SLA_CHECK's, which hears of no change).  It
 * returns PX_OK or a status with err filled, which rolls the change back.
 * Records it wants printed it passes to px_emit_after(), which holds
 * them until the caller has committed.
 */
typedef int (*px_hook_fn)(struct px_ctx *cx, const void *payload, struct px_err *err);

#define PX_CTX_HOOKS 8

struct px_ctx {
	struct px_store *st;
	const struct px_config *cfg;
	const struct px_user *actor;
	/* The clock: NULL reads px_time_now (PX_NOW, else the system). */
	int64_t (*clock)(struct px_ctx *cx);
	/* The sink of the records verbs produce (borrowed).  A status
	 * other than PX_OK (a write error) ends the verb. */
	int (*emit)(struct px_ctx *cx, const struct px_rec *r, struct px_err *err);
	/* When set, told why something was not done (--explain). */
	void (*note)(struct px_ctx *cx, const char *subject, const char *why);
	/* When set, told of a rejected item by a verb that goes on with the
	 * others (a cron verb over many rows). */
	void (*reject)(struct px_ctx *cx, const struct px_err *err);
	/* When set, told of something worth saying that changes no status
	 * (a record applied with a warning); err says where and what. */
	void (*warn)(struct px_ctx *cx, const struct px_err *err);
	void *front; /* the front end's own data */
	/* A verb's own state across the records of one run, kept by the
	 * module whose verb it is between its begin and end calls (the
	 * survey whose answers are still coming in); NULL otherwise. */
	void *verb_state;

	/* filled by px_ctx_hook() */
	px_hook_fn hooks[PX_EV__COUNT][PX_CTX_HOOKS];
	/* records held by px_emit_after() until px_emit_flush() */
	struct px_rec **after;
	int nafter, capafter;
};

/* The time now, UTC seconds. */
int64_t px_now(struct px_ctx *cx);

/* Hands r (borrowed) to the sink. */
int px_emit(struct px_ctx *cx, const struct px_rec *r, struct px_err *err);
/* Holds r (stolen) to be emitted by px_emit_flush() once the caller's
 * transaction has committed, or dropped by px_emit_drop() when it rolls
 * back. */
void px_emit_after(struct px_ctx *cx, struct px_rec *r);
int px_emit_flush(struct px_ctx *cx, struct px_err *err);
void px_emit_drop(struct px_ctx *cx);
/* Drops those held since there were n (cx->nafter then): what a part
 * of a transaction rolled back to its savepoint had handed over. */
void px_emit_drop_since(struct px_ctx *cx, int n);
/* Drops the held records that match accepts: a record a later change of
 * the same transaction made stale (a survey made due, then withdrawn). */
void px_emit_forget(struct px_ctx *cx, int (*match)(const struct px_rec *r, void *arg),
		    void *arg);
/* Tells the front end why subject was not done, when it asked. */
void px_note(struct px_ctx *cx, const char *subject, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Reports a rejected item and goes on: the front end prints it and
 * remembers the status. */
void px_reject(struct px_ctx *cx, const struct px_err *err);

/* Tells the front end of a warning (err: source, line, text); the exit
 * status does not change. */
void px_warn(struct px_ctx *cx, const struct px_err *err);

/* Registers fn for ev, the same fn once.  -1 when ev has PX_CTX_HOOKS
 * already (a build that registers too many fails its tests). */
int px_ctx_hook(struct px_ctx *cx, enum px_event ev, px_hook_fn fn);
/* Runs the hooks of ev in registration order; the first failure stops. */
int px_ctx_run_hooks(struct px_ctx *cx, enum px_event ev, const void *payload,
		     struct px_err *err);

/* Frees what the context holds itself (not the store, config or user). */
void px_ctx_release(struct px_ctx *cx);

#endif
