/*
 * notify.h - the outbox: every message px sends (SMS, WhatsApp, email) is
 * written to the store before any attempt, claimed atomically by one
 * sender, sent through lib/smtp or lib/gateway, and its outcome recorded.
 *
 * States: pending (waiting for its next attempt), sending (claimed),
 * sent, delivered, failed, bounced, suppressed, and unknown (a sender
 * died during an attempt that may have reached a provider without an
 * idempotency key: a person must check, px never resends it).
 */
#ifndef PX_NOTIFY_H
#define PX_NOTIFY_H

#include <stdint.h>

#include "core/auth.h"
#include "base/config.h"
#include "base/err.h"
#include "records/record.h"
#include "store/store.h"
#include "base/token.h"

struct px_notify {
	struct px_store *st;
	const struct px_config *cfg;
	const struct px_user *user; /* the acting user */
	char claim[PX_TOKEN_LEN];   /* this sender's claim token */
	long long max_attempts;     /* notify.max_attempts, default 3 */
	long long backoff;          /* notify.backoff seconds, default 60 */
	long long lease;            /* notify.lease seconds, default 600 */
	int quiet_from, quiet_to;   /* minutes after local midnight */
	int fallback_sms;           /* whatsapp.fallback_sms */
	long long rate[3];          /* CHANNEL.rate_per_minute, 0: none */
	double last_send[3];        /* monotonic seconds of the last send */
};

/* Reads the notify.* settings.  -1 with PX_EINPUT when one is malformed. */
int px_notify_open(struct px_notify *n, struct px_store *st, const struct px_config *cfg,
		   const struct px_user *user, struct px_err *err);

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
 * Resolves the recipient (to, else the patient's or user's address for
 * the channel), renders the template and decides the initial state: an
 * invalid or missing address is failed, an opted-out channel suppressed,
 * quiet hours pending until they end.  -1 with PX_EREJECT for a record
 * that cannot be stored (missing fields, unknown patient, user, hospital
 * or template, missing variable) or PX_EPERM when the hospital is out of
 * the acting user's scope.
 */
int px_notify_prepare(struct px_notify *n, struct px_rec *in, struct px_notify_msg *m,
		      struct px_err *err);
void px_notify_msg_free(struct px_notify_msg *m);
/* Writes a prepared message to the outbox (with its audit event).
 * *duplicate is set when the key was already there: nothing is written
 * and *id is the earlier message. */
int px_notify_store(struct px_notify *n, const struct px_notify_msg *m, int64_t *id,
		    int *duplicate, struct px_err *err);
/* What --dry-run prints for a prepared message (caller frees). */
struct px_rec *px_notify_preview(const struct px_notify_msg *m);

/* Claims a pending message that is due: *id when non-zero, else the next
 * one.  1 claimed (*id set), 0 none, -1 store error. */
int px_notify_claim(struct px_notify *n, int64_t *id, struct px_err *err);
/* Sends a claimed message and records the outcome (sent, pending with a
 * next attempt time, failed; a WhatsApp failure falls back to SMS when
 * configured).  -1 with PX_EINPUT when the transport's configuration is
 * unusable (the message is released untouched) or PX_ESTORE. */
int px_notify_attempt(struct px_notify *n, int64_t id, struct px_err *err);
/* Messages left 'sending' longer than the lease by a sender that died:
 * back to pending when the channel's gateway takes an idempotency key,
 * otherwise 'unknown'.  fn is called with each one. */
int px_notify_recover(struct px_notify *n, int (*fn)(int64_t id, void *ctx), void *ctx,
		      struct px_err *err);
/* Calls fn with the id of each pending message that is due, without
 * claiming it (for --dry-run). */
int px_notify_due_each(struct px_notify *n, int (*fn)(int64_t id, void *ctx), void *ctx,
		       struct px_err *err);
/* A preview record of a stored message (caller frees). */
struct px_rec *px_notify_preview_id(struct px_notify *n, int64_t id, struct px_err *err);

/* The notification.result record of a message (caller frees). */
struct px_rec *px_notify_result(struct px_notify *n, int64_t id, struct px_err *err);

/* Applies a delivery receipt: provider_id or id, status (delivered,
 * failed, bounced), optional time and error.  *id set.  -1 with
 * PX_EREJECT for an unknown message or a status that does not apply. */
int px_notify_receipt(struct px_notify *n, struct px_rec *r, int64_t *id, struct px_err *err);

struct px_notify_filter {
	const char *state, *channel; /* NULL: any */
};
/* Calls fn with each message in the acting user's scope as a
 * "notification.message" record, oldest first (freed after fn). */
int px_notify_each(struct px_notify *n, const struct px_notify_filter *f,
		   int (*fn)(struct px_rec *r, void *ctx), void *ctx, struct px_err *err);
/* One message by id or key, with its text (caller frees). */
struct px_rec *px_notify_show(struct px_notify *n, const char *ref, struct px_err *err);

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
