/*
 * smtp.h - email over SMTP with libcurl (smtp:// with STARTTLS, smtps://):
 * a well-formed RFC 5322 message with Date, Message-ID, From, To, an
 * RFC 2047 encoded subject and a base64 UTF-8 body (multipart/alternative
 * when there is an HTML part).  px.conf: smtp.url, smtp.user,
 * smtp.password, smtp.from, smtp.starttls (required|optional),
 * smtp.timeout.
 */
#ifndef PX_SMTP_H
#define PX_SMTP_H

#include <stdint.h>

#include "base/config.h"
#include "base/err.h"
#include "messages/gateway.h"
#include "base/mem.h"

struct px_mail {
	const char *to;
	const char *subject;
	const char *text;
	const char *html; /* NULL: text only */
	const char *id;   /* our msg_ id: the local part of the Message-ID */
	int64_t date;
};

/* Checks the smtp.* configuration: PX_OK or PX_EINPUT. */
int px_smtp_check(const struct px_config *cfg, struct px_err *err);
/* Appends the whole message (CRLF line ends) to out.  PX_EINPUT when
 * the smtp.* configuration is unusable. */
int px_smtp_build(const struct px_config *cfg, const struct px_mail *m,
		  struct px_buf *out, struct px_err *err);
/* Sends one message.  PX_OK with res filled; PX_EINPUT when the
 * configuration is unusable.  res->provider_id is the Message-ID. */
int px_smtp_send(const struct px_config *cfg, const struct px_mail *m,
		 struct px_send_result *res, struct px_err *err);

/* RFC 2047 B-encoding of a header value (UTF-8), folded so that each
 * encoded word stays within 75 characters; ASCII text is left as it is. */
void px_smtp_encode_header(struct px_buf *out, const char *s);
/* base64 of n bytes, lines of 76 characters ending in CRLF. */
void px_base64_lines(struct px_buf *out, const void *p, size_t n);

#endif
