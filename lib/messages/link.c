/* link.c - secret links in messages: a token made from a secret the
 * database does not hold, so that the outbox can keep a message whose
 * link it cannot read, and the sender can make the link again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/privacy.h"
#include "messages/notify.h"
#include "records/record.h"
#include "base/banned.h"

/* The placeholder the stored text keeps where the link goes. */
#define MARK "{{link}}"

int px_notify_link_salt(char out[PX_NOTIFY_SALT_LEN], struct px_err *err)
{
	uint8_t raw[16]; /* 128 bits */
	if (px_random(raw, sizeof raw, err))
		return err->code ? err->code : PX_ESTORE;
	px_hex(raw, sizeof raw, out);
	return PX_OK;
}

int px_notify_link_token(const struct px_config *cfg, const struct px_notify_link *l,
			 char out[PX_TOKEN_LEN], struct px_err *err)
{
	if (!l->purpose || !l->object || !*l->object || !l->salt || strlen(l->salt) < 32)
		return px_fail(err, PX_ESTORE, "a message's link is incomplete");
	uint8_t key[PX_SHA256_LEN], mac[PX_SHA256_LEN];
	int rc = px_secret(cfg, l->purpose, key, err);
	if (rc)
		return rc;
	/* the separator cannot occur in a public id */
	char *data = px_xasprintf("%s|%s", l->object, l->salt);
	px_hmac_sha256(key, sizeof key, data, strlen(data), mac);
	free(data);
	memset(key, 0, sizeof key);
	/* 24 of the 32 bytes: 192 bits, 32 characters as a random token */
	px_base64(out, mac, PX_TOKEN_BYTES, PX_B64_URL);
	memset(mac, 0, sizeof mac);
	return PX_OK;
}

int px_notify_link_url(const struct px_config *cfg, const struct px_notify_link *l, char **url,
		       struct px_err *err)
{
	char token[PX_TOKEN_LEN];
	*url = NULL;
	int rc = px_notify_link_token(cfg, l, token, err);
	if (rc)
		return rc;
	*url = px_xasprintf("%s%s", l->base ? l->base : "", token);
	memset(token, 0, sizeof token);
	return PX_OK;
}

char *px_notify_link_json(const struct px_notify_link *l)
{
	struct px_rec *r = px_rec_new(NULL);
	px_rec_del(r, "type");
	px_rec_set_str(r, "purpose", l->purpose);
	px_rec_set_str(r, "object", l->object);
	px_rec_set_str(r, "salt", l->salt);
	px_rec_set_str(r, "base", l->base ? l->base : "");
	char *s = px_rec_dump(r);
	px_rec_free(r);
	return s;
}

int px_notify_link_parse(const char *json, struct px_notify_link *l, char **own,
			 struct px_err *err)
{
	memset(l, 0, sizeof *l);
	*own = NULL;
	struct px_rec *r = px_rec_parse(json, strlen(json), err);
	if (!r)
		return px_fail(err, PX_ESTORE, "a message's link is not JSON");
	const char *p = px_rec_get(r, "purpose"), *o = px_rec_get(r, "object");
	const char *s = px_rec_get(r, "salt"), *b = px_rec_get(r, "base");
	if (!p || !o || !s) {
		px_rec_free(r);
		return px_fail(err, PX_ESTORE, "a message's link is incomplete");
	}
	/* one allocation holding the four strings, freed by the caller */
	size_t lp = strlen(p) + 1, lo = strlen(o) + 1, ls = strlen(s) + 1;
	size_t lb = strlen(b ? b : "") + 1;
	char *buf = px_xmalloc(lp + lo + ls + lb);
	memcpy(buf, p, lp);
	memcpy(buf + lp, o, lo);
	memcpy(buf + lp + lo, s, ls);
	memcpy(buf + lp + lo + ls, b ? b : "", lb);
	l->purpose = buf;
	l->object = buf + lp;
	l->salt = buf + lp + lo;
	l->base = buf + lp + lo + ls;
	*own = buf;
	px_rec_free(r);
	return PX_OK;
}

const char *px_notify_link_mark(void)
{
	return MARK;
}

char *px_notify_link_fill(const char *text, const char *url, enum px_tpl_escape esc)
{
	if (!text)
		return NULL;
	struct px_buf b = PX_BUF_INIT;
	const char *p = text, *m;
	while ((m = strstr(p, MARK))) {
		px_buf_add(&b, p, (size_t)(m - p));
		px_template_escape(&b, url, esc);
		p = m + strlen(MARK);
	}
	px_buf_adds(&b, p);
	px_buf_str(&b);
	return px_buf_detach(&b);
}
