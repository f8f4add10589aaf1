/*
 * gateway.h - SMS and WhatsApp through a generic HTTP provider described
 * in px.conf (CHANNEL.url, .method, .header.N, .body, .content_type,
 * .success_status, .id_field, .idempotency_header, .timeout).  libcurl is
 * used here and in smtp.c only: TLS verification always on, protocols
 * restricted, timeouts always set, header values stripped of CR and LF.
 */
#ifndef PX_GATEWAY_H
#define PX_GATEWAY_H

#include "base/config.h"
#include "base/err.h"

/* What became of one attempt at a transport. */
enum px_send_outcome {
	PX_SEND_OK = 0,    /* accepted by the provider */
	PX_SEND_RETRY = 1, /* may succeed later: timeout, refused, 5xx, 429 */
	PX_SEND_FAIL = 2,  /* permanent: the provider refused this message */
};

struct px_send_result {
	enum px_send_outcome outcome;
	char error[512];       /* why, when not OK; never a full address */
	char provider_id[256]; /* the provider's message id, or "" */
};

struct px_gateway_msg {
	const char *channel; /* "sms" or "whatsapp": the px.conf section */
	const char *to;      /* E.164 */
	const char *text;
	const char *key;     /* idempotency key */
	const char *id;      /* our msg_ id */
};

/* Sends one message.  PX_OK with res filled (whatever the outcome);
 * PX_EINPUT when the provider configuration is unusable. */
int px_gateway_send(const struct px_config *cfg, const struct px_gateway_msg *m,
		    struct px_send_result *res, struct px_err *err);
/* Whether CHANNEL.idempotency_header is set, so a resend is safe. */
int px_gateway_idempotent(const struct px_config *cfg, const char *channel);
/* Checks the channel's configuration without sending: PX_OK or PX_EINPUT. */
int px_gateway_check(const struct px_config *cfg, const char *channel, struct px_err *err);

/* Whether url's host is the loopback interface (127.0.0.0/8, ::1,
 * localhost).  Plain http:// and optional STARTTLS are allowed only
 * there. */
int px_url_is_loopback(const char *url);
/* Copies s without CR, LF and other control characters into a new
 * string: what goes into a header. */
char *px_header_clean(const char *s);
/* One-time libcurl set-up.  In a build with fault injection libcurl
 * allocates with px's allocator, so that PX_FAIL_ALLOC counts its
 * allocations with px's, jansson's and SQLite's. */
void px_curl_init(void);
/* libcurl out of memory is px's: px_oom() when code (a CURLcode or
 * CURLUcode) says so.  PX_CURL_SET is curl_easy_setopt checked so: a
 * string option libcurl could not copy must not leave the transfer
 * without its URL or its credentials. */
void px_curl_ok(int code, int nomem);
#define PX_CURL_SET(c, opt, val) px_curl_ok(curl_easy_setopt((c), (opt), (val)), CURLE_OUT_OF_MEMORY)
/* curl_slist_append, px_oom() when it cannot. */
struct curl_slist *px_curl_append(struct curl_slist *list, const char *s);

#endif
