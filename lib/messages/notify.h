/*
 * notify.h - the outbox: every message px sends (SMS, WhatsApp, email) is
 * written to the store before any attempt, claimed atomically by one
 * sender, sent through lib/smtp or lib/gateway, and its outcome recorded.
 * A module whose change causes a message (a survey sent, a reminder, a
 * satisfaction check, an alert to staff) queues it with
 * px_notify_queue_tx() in the transaction of that change, so that the
 * change and its message are stored together or not at all.
 *
 * States: pending (waiting for its next attempt), sending (claimed),
 * sent, delivered, failed, bounced, suppressed, and unknown (a sender
 * died during an attempt that may have reached a provider without an
 * idempotency key: a person must check, px never resends it).
 *
 * A message that cannot go now never stops the others: quiet hours hold
 * it until they end; a channel px cannot use (no gateway configured)
 * sends it on the next channel of notify.fallback that it can use, or
 * holds it until a later drain finds the channel usable; a transient
 * failure is retried on the notify.retry schedule; a message not sent
 * within notify.expire_hours is failed as expired.
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
#include "base/token.h"
#include "core/ctx.h"
#include "messages/template.h"
#include "records/record.h"

/* Whether state is one of the outbox states above. */
int px_notify_state_ok(const char *state);

/* Whether a message of channel that a sender left claimed when it died
 * is sent again (CHANNEL.after_crash = resend) or held as unknown for a
 * person (hold). */
int px_notify_after_crash_resend(const struct px_config *cfg, const char *channel);

/* A notification record resolved, validated and rendered. */
struct px_notify_msg {
	char *key, *channel, *language, *template, *object_type, *object, *vars;
	const char *recipient;         /* "patient" or "user" */
	int64_t patient_id, user_id, hospital_id;
	char address[256];             /* E.164 or email, "" when none */
	char *subject, *body, *html;   /* subject and html for email only */
	int segments;                  /* SMS parts; 0 for other channels */
	const char *state;             /* pending, failed or suppressed */
	const char *held;              /* "quiet_hours" or NULL */
	char error[256], reason[256];
	int64_t next_attempt, expires_at;
	char *link;                    /* the secret link's JSON, or NULL */
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

/*
 * A link that opens something for its holder alone (a survey), made only
 * when the message is sent: its token is HMAC-SHA-256, under the store's
 * secret for purpose (base/privacy.h), of the object's public id and a
 * random salt kept in the store, so that the database file alone does
 * not give it, and every message made with the same salt carries the
 * same link.
 */
#define PX_NOTIFY_SALT_LEN 33          /* 128 bits in hex, plus NUL */
struct px_notify_link {
	const char *purpose;           /* "survey-link" */
	const char *object;            /* the public id of what it opens */
	const char *salt;              /* from px_notify_link_salt */
	const char *base;              /* the URL the token is appended to */
};
int px_notify_link_salt(char out[PX_NOTIFY_SALT_LEN], struct px_err *err);
/* The token: 192 bits, base64url (32 characters).  PX_EINPUT when the
 * store has no key. */
int px_notify_link_token(const struct px_config *cfg, const struct px_notify_link *l,
			 char out[PX_TOKEN_LEN], struct px_err *err);
/* base followed by the token (*url: caller frees). */
int px_notify_link_url(const struct px_config *cfg, const struct px_notify_link *l, char **url,
		       struct px_err *err);
/* The link as the outbox keeps it (caller frees), and back: *own holds
 * the strings l points to (caller frees). */
char *px_notify_link_json(const struct px_notify_link *l);
int px_notify_link_parse(const char *json, struct px_notify_link *l, char **own,
			 struct px_err *err);
/* The placeholder a stored text keeps where its link goes: "{{link}}". */
const char *px_notify_link_mark(void);
/* text with each placeholder replaced by url, escaped as esc (caller
 * frees; NULL for NULL). */
char *px_notify_link_fill(const char *text, const char *url, enum px_tpl_escape esc);

/*
 * Queues the notification record r (as px_notify_prepare reads it) in
 * the caller's transaction, with its audit event: what a module calls
 * in the transaction of the change that causes the message.  link, when
 * not NULL, is the secret link that r's vars.link holds: the stored
 * text keeps the placeholder in its place and the stored vars leave it
 * out.  Sets r's "id" to the message's public id (a key already in the
 * outbox gives the earlier message's).  PX_EREJECT when r cannot be
 * stored (its reason in err), PX_EPERM, PX_EINPUT, PX_ESTORE as
 * px_notify_prepare.
 */
int px_notify_queue_tx(struct px_ctx *cx, struct px_rec *r, const struct px_notify_link *link,
		       struct px_err *err);
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
 * the message's "notification.result".  A record whose key is in the
 * outbox already (one a producer queued) is not stored again:
 * px_notify_send sends that message when it is pending and due.  Its
 * result carries "duplicate": true unless the record names the
 * message's id, as the records of a producer do.  px_notify_dry_run
 * emits the "notification.preview" of what would be sent and stores
 * nothing.  A message whose channel cannot be used now (no gateway, no
 * key for its link) waits in the outbox and is reported through
 * px_reject() with PX_EINPUT; the loop goes on.
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
 * due, each once, after recovering those left 'sending' longer than
 * notify.lease by a sender that died (back to pending when the
 * channel's gateway takes an idempotency key, otherwise 'unknown').
 * With dry_run, emits the "notification.preview" of each due message
 * and claims nothing.
 */
int px_notify_drain(struct px_ctx *cx, int dry_run, struct px_err *err);

/* Which failed messages to requeue: the ones named (id or key), or with
 * failed every failed one, changed since since (0: any time). */
struct px_notify_requeue {
	const char *const *refs;
	int nrefs;
	int failed;
	int64_t since;
};
/*
 * Puts failed messages of the acting user's hospitals (px_admin: all)
 * back to pending, due now with a fresh expiry and no attempt counted,
 * each with its audit event, and emits their results; a later drain
 * sends them.  A message named that is unknown or out of scope is
 * PX_EINPUT before anything changes; one named that is not failed,
 * bounced or unknown is reported through px_reject() (PX_EREJECT).
 */
int px_notify_retry(struct px_ctx *cx, const struct px_notify_requeue *q, struct px_err *err);

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
/* The delay of the older schedule, kept for a px.conf that sets
 * notify.backoff and not notify.retry: base * 2^(attempts-1), plus up
 * to half of that again by jitter (u in [0,1)), at most a day. */
int64_t px_notify_backoff(long long base, long long attempts, double u);
/* Parses a retry schedule, delays separated by blanks or commas, each a
 * number with an optional unit s, m, h or d (seconds when none), from 1 s
 * to 7 d: at most max delays into steps.  The count, or -1 when
 * malformed or empty. */
int px_notify_parse_retry(const char *spec, int64_t *steps, int max);
/* The delay after attempts failed ones (attempts >= 1): the schedule's
 * delay of that rank, its last one repeating, plus up to jitter percent
 * of it again (u in [0,1)). */
int64_t px_notify_retry_delay(const int64_t *steps, int n, long long attempts,
			      long long jitter, double u);
/* Parses "HH:MM-HH:MM" into minutes after midnight.  -1 when malformed. */
int px_notify_parse_quiet(const char *spec, int *from, int *to);
/* notify.quiet_hours from the configuration (default 22:00-08:00; "none"
 * gives from == to, no quiet hours).  -1 with PX_EINPUT when malformed. */
int px_notify_quiet_config(const struct px_config *cfg, int *from, int *to, struct px_err *err);
/* 1 and *until (the end of quiet hours) when t falls inside them in the
 * display zone; 0 otherwise. */
int px_notify_quiet(int from, int to, int64_t t, int64_t *until);

#endif
