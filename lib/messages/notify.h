/*
 * notify.h - the outbox: every message px sends (SMS, WhatsApp, email) is
 * written to the store before any attempt, claimed atomically by one
 * sender, sent through lib/smtp or lib/gateway, and its outcome recorded.
 *
 * States: pending (waiting for its next attempt), sending (claimed),
 * sent, delivered, failed, bounced, suppressed, and unknown (a sender
 * died during an attempt that may have reached a provider without an
 * idempotency key: a person must check, px never resends it).
 *
 * The verbs take the context (core/ctx.h) and check the acting user
 * themselves: sending needs staff in the message's hospital (px_admin
 * for a message that names none); draining, receipts, listing and
 * showing reach only the messages of the acting user's hospitals
 * (px_admin: all).  Each message a verb sends or changes is emitted as
 * a "notification.result" record once its outcome is committed; a
 * message that failed, bounced or became unknown is also reported
 * through px_reject() (status 1), and one that will be retried after a
 * transport failure too (status 5), and the verb goes on.
 */
#ifndef PX_NOTIFY_H
#define PX_NOTIFY_H

#include <stdint.h>

#include "base/config.h"
#include "base/err.h"
#include "core/ctx.h"
#include "records/record.h"

/* Whether state is one of the outbox states above. */
int px_notify_state_ok(const char *state);

/* A notification record resolved, validated and rendered. */
struct px_notify_msg {
	char *key, *channel, *language, *template, *object_type, *object, *vars;
	const char *recipient;         /* "patient" or "user" */
	int64_t patient_id, user_id, hospital_id;
	char address[256];             /* E.164 or email, "" when none */
	char *subject, *body, *html;   /* subject and html for email only */
	int segments;                  /* SMS parts; 0 for other channels */
	const char *state;             /* pending, failed or suppressed */
	char error[256], reason[256];
	int64_t next_attempt;
};

/*
 * Resolves the recipient of a "notification" record (to, else the
 * patient's or user's address for the channel), renders the template
 * and decides the initial state: an invalid or missing address is
 * failed, an opted-out channel suppressed, quiet hours pending until
 * they end.  PX_EREJECT for a record that cannot be stored (missing
 * fields, unknown patient, user, hospital or template, missing
 * variable), PX_EPERM when the acting user may not notify for its
 * hospital, PX_EINPUT for unusable notify settings, PX_ESTORE.
 * m is filled only on PX_OK; free it with px_notify_msg_free either way.
 */
int px_notify_prepare(struct px_ctx *cx, struct px_rec *in, struct px_notify_msg *m,
		      struct px_err *err);
void px_notify_msg_free(struct px_notify_msg *m);
/* Writes a prepared message to the outbox with its audit event, in a
 * transaction of its own.  *duplicate is set when the key was already
 * there: nothing is written and *id is the earlier message. */
int px_notify_store(struct px_ctx *cx, const struct px_notify_msg *m, int64_t *id,
		    int *duplicate, struct px_err *err);
/* The same inside the caller's transaction, so that a message is queued
 * with the change that asks for it or not at all. */
int px_notify_store_tx(struct px_ctx *cx, const struct px_notify_msg *m, int64_t *id,
		       int *duplicate, struct px_err *err);
/* What --dry-run prints for a prepared message (caller frees). */
struct px_rec *px_notify_preview(const struct px_notify_msg *m);

/* What a job of px-notify needs before it reads any input. */
enum px_notify_job {
	PX_NOTIFY_SEND,     /* notifications stored and sent, or previewed */
	PX_NOTIFY_RECEIPTS, /* delivery receipts */
};
/* PX_OK when the acting user may do the job at all (staff or above) and
 * the notify settings are usable; PX_EPERM or PX_EINPUT otherwise.  The
 * handlers check again, each for its message's hospital. */
int px_notify_ready(struct px_ctx *cx, enum px_notify_job job, struct px_err *err);

/*
 * Record handlers (cx: the struct px_ctx) for "notification" records:
 * px_notify_send stores the message and sends it at once when it is due;
 * px_notify_queue only stores it (a later drain sends it); each emits
 * the message's "notification.result" ("duplicate": true for a key seen
 * before).  px_notify_dry_run emits the "notification.preview" of what
 * would be sent and stores nothing.  A transport whose configuration is
 * unusable is PX_EINPUT (the message stays pending, the loop stops).
 */
int px_notify_send(struct px_rec *r, void *cx, struct px_err *err);
int px_notify_queue(struct px_rec *r, void *cx, struct px_err *err);
int px_notify_dry_run(struct px_rec *r, void *cx, struct px_err *err);

/* A record handler for delivery receipts ("notification.receipt" or no
 * type): provider_id or id, status (delivered, failed, bounced),
 * optional time and error.  Emits the message's result.  PX_EREJECT for
 * an unknown message or a status that does not apply, PX_EPERM for a
 * message of a hospital out of the acting user's scope. */
int px_notify_receipt(struct px_rec *r, void *cx, struct px_err *err);

/*
 * Sends every pending message of the acting user's hospitals that is
 * due, after recovering those left 'sending' longer than notify.lease by
 * a sender that died (back to pending when the channel's gateway takes
 * an idempotency key, otherwise 'unknown').  With dry_run, emits the
 * "notification.preview" of each due message and claims nothing.
 */
int px_notify_drain(struct px_ctx *cx, int dry_run, struct px_err *err);

struct px_notify_filter {
	const char *state, *channel; /* NULL: any */
	const char *hospital;        /* a hospital code; NULL: every one in scope */
};
/* PX_EUSAGE "unknown state 'X'" or "unknown channel 'X'": a filter that
 * can match nothing.  Needs no store. */
int px_notify_filter_check(const struct px_notify_filter *f, struct px_err *err);
/* Emits each message of the acting user's hospitals that passes the
 * filter as a "notification.message" record, oldest first.  An unknown
 * --hospital is PX_EINPUT, one out of scope PX_EPERM. */
int px_notify_list(struct px_ctx *cx, const struct px_notify_filter *f, struct px_err *err);
/* Emits one message by id or key, with its text.  PX_EINPUT "unknown
 * message 'X'" when there is none in the acting user's hospitals. */
int px_notify_show(struct px_ctx *cx, const char *ref, struct px_err *err);

struct px_notify_render_req {
	const char *template;
	const char *language;          /* NULL: en */
	const char *hospital;          /* its template directory first; NULL: none */
	const char *const *vars;       /* "NAME=VALUE", NULL-terminated; the last wins */
};
/* Emits the "notification.render" record of a template filled with vars,
 * from the configuration alone (cx needs no store).  PX_EINPUT for an
 * unknown template or a missing variable. */
int px_notify_render(struct px_ctx *cx, const struct px_notify_render_req *q,
		     struct px_err *err);

/* --- rules, exposed for the unit tests --- */

/* Number of SMS parts for text: GSM-7 160 characters single or 153 a
 * part; otherwise UCS-2, 70 single or 67 a part.  *ucs2 says which. */
int px_notify_sms_segments(const char *text, int *ucs2);
/* The delay before the next attempt after attempts failed ones: base *
 * 2^(attempts-1), plus up to half of that again by jitter (u in [0,1)),
 * at most a day. */
int64_t px_notify_backoff(long long base, long long attempts, double u);
/* Parses "HH:MM-HH:MM" into minutes after midnight.  -1 when malformed. */
int px_notify_parse_quiet(const char *spec, int *from, int *to);
/* notify.quiet_hours from the configuration (default 22:00-08:00; "none"
 * gives from == to, no quiet hours).  -1 with PX_EINPUT when malformed. */
int px_notify_quiet_config(const struct px_config *cfg, int *from, int *to, struct px_err *err);
/* 1 and *until (the end of quiet hours) when t falls inside them in the
 * display zone; 0 otherwise. */
int px_notify_quiet(int from, int to, int64_t t, int64_t *until);

#endif
