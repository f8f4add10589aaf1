/* gateway.c - SMS and WhatsApp over a generic HTTP provider, with libcurl. */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "messages/gateway.h"
#include "base/mem.h"
#include "records/record.h"
#include "messages/template.h"
#include "base/banned.h"

#ifndef PX_VERSION
#define PX_VERSION "0.1.0"
#endif

#define ANSWER_MAX (64 * 1024)
#define MAX_HEADERS 32

#ifdef PX_FAULTS
/* libcurl's allocations are px's, so that the countdown of PX_FAIL_ALLOC
 * reaches them and a failure ends the run as any other: exit 5. */
static void *curl_xmalloc(size_t n)
{
	return px_xmalloc(n);
}

static void *curl_xcalloc(size_t n, size_t size)
{
	return px_xcalloc(n, size);
}

static void *curl_xrealloc(void *p, size_t n)
{
	return px_xrealloc(p, n);
}

static char *curl_xstrdup(const char *s)
{
	return px_xstrdup(s);
}

static CURLcode global_init(void)
{
	return curl_global_init_mem(CURL_GLOBAL_DEFAULT, curl_xmalloc, free, curl_xrealloc,
				    curl_xstrdup, curl_xcalloc);
}
#else
static CURLcode global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT);
}
#endif

void px_curl_init(void)
{
	static int done;
	if (!done) {
		px_curl_ok(global_init(), CURLE_OUT_OF_MEMORY);
		atexit(curl_global_cleanup);
		done = 1;
	}
}

void px_curl_ok(int code, int nomem)
{
	if (code == nomem)
		px_oom();
}

struct curl_slist *px_curl_append(struct curl_slist *list, const char *s)
{
	struct curl_slist *l = curl_slist_append(list, s);
	if (!l)
		px_oom();
	return l;
}

int px_url_is_loopback(const char *url)
{
	px_curl_init();
	CURLU *u = curl_url();
	char *host = NULL;
	int yes = 0;
	if (!u)
		px_oom();
	CURLUcode rc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (rc == CURLUE_OK)
		rc = curl_url_get(u, CURLUPART_HOST, &host, 0);
	px_curl_ok(rc, CURLUE_OUT_OF_MEMORY);
	if (rc == CURLUE_OK && host) {
		struct in_addr a;
		yes = (inet_pton(AF_INET, host, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127) ||
		      !strcmp(host, "[::1]") || !strcasecmp(host, "localhost");
	}
	curl_free(host);
	curl_url_cleanup(u);
	return yes;
}

char *px_header_clean(const char *s)
{
	struct px_buf b = PX_BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x20 && *p != 0x7f)
			px_buf_addc(&b, (char)*p);
	px_buf_str(&b);
	return px_buf_detach(&b);
}

static const char *conf(const struct px_config *cfg, const char *ch, const char *key,
			const char *def)
{
	char name[128];
	snprintf(name, sizeof name, "%s.%s", ch, key);
	const char *v = px_config_str(cfg, name);
	return v ? v : def; /* def: a default that is not a constant (the body) */
}

static int conf_int(const struct px_config *cfg, const char *ch, const char *key, long long def,
		    long long min, long long max, long long *out, struct px_err *err)
{
	char name[128];
	snprintf(name, sizeof name, "%s.%s", ch, key);
	return px_config_int(cfg, name, def, min, max, out, err);
}

/* "200-299" or "200" into [lo, hi]. */
static int parse_range(const char *s, long long *lo, long long *hi)
{
	char a[16];
	const char *dash = strchr(s, '-');
	if (!dash)
		return px_parse_int(s, 100, 599, lo) ? -1 : (*hi = *lo, 0);
	size_t n = (size_t)(dash - s);
	if (n >= sizeof a)
		return -1;
	memcpy(a, s, n);
	a[n] = '\0';
	if (px_parse_int(a, 100, 599, lo) || px_parse_int(dash + 1, 100, 599, hi) || *hi < *lo)
		return -1;
	return 0;
}

int px_gateway_check(const struct px_config *cfg, const char *ch, struct px_err *err)
{
	const char *url = conf(cfg, ch, "url", NULL);
	if (!url || !*url)
		return px_fail(err, PX_EINPUT, "no %s gateway: set %s.url in px.conf", ch, ch);
	if (strncmp(url, "https://", 8) && !(strncmp(url, "http://", 7) == 0 && px_url_is_loopback(url)))
		return px_fail(err, PX_EINPUT,
			       "%s.url must be https:// (plain http only to the loopback interface)", ch);
	const char *m = conf(cfg, ch, "method", "POST");
	if (strcmp(m, "POST") && strcmp(m, "PUT"))
		return px_fail(err, PX_EINPUT, "%s.method must be POST or PUT, not '%s'", ch, m);
	long long lo, hi, t;
	const char *ss = conf(cfg, ch, "success_status", "200-299");
	if (parse_range(ss, &lo, &hi))
		return px_fail(err, PX_EINPUT, "%s.success_status must be a status or a range such as 200-299, not '%s'", ch, ss);
	if (conf_int(cfg, ch, "timeout", 10, 1, 600, &t, err) ||
	    conf_int(cfg, ch, "rate_per_minute", 0, 0, 100000, &t, err))
		return PX_EINPUT;
	for (int i = 1; i <= MAX_HEADERS; i++) {
		char k[32];
		snprintf(k, sizeof k, "header.%d", i);
		const char *h = conf(cfg, ch, k, NULL);
		if (h && !strchr(h, ':'))
			return px_fail(err, PX_EINPUT, "%s.%s must be 'Name: value'", ch, k);
	}
	return PX_OK;
}

int px_gateway_idempotent(const struct px_config *cfg, const char *channel)
{
	const char *h = conf(cfg, channel, "idempotency_header", NULL);
	return h && *h;
}

struct answer {
	struct px_buf b;
};

static size_t on_write(char *p, size_t size, size_t n, void *ctx)
{
	struct answer *a = ctx;
	size_t len = size * n;
	if (a->b.len + len > ANSWER_MAX)
		return 0; /* too long: curl stops with a write error */
	px_buf_add(&a->b, p, len);
	return len;
}

struct vars {
	const struct px_gateway_msg *m;
	const char *from;
};

static const char *lookup(const char *name, void *ctx)
{
	const struct vars *v = ctx;
	if (!strcmp(name, "to"))
		return v->m->to;
	if (!strcmp(name, "text"))
		return v->m->text;
	if (!strcmp(name, "key"))
		return v->m->key;
	if (!strcmp(name, "id"))
		return v->m->id;
	if (!strcmp(name, "from"))
		return v->from;
	return NULL;
}

/* The provider's id in the answer: a JSON pointer ("/data/id") or a key. */
static void read_id(const char *answer, const char *field, char *out, size_t size)
{
	struct px_err e;
	px_err_clear(&e);
	struct px_rec *r = px_rec_parse(answer, strlen(answer), &e);
	if (!r)
		return;
	struct px_rec *cur = r;
	char *path = px_xstrdup(field[0] == '/' ? field + 1 : field), *save = NULL;
	const char *sep = field[0] == '/' ? "/" : "";
	char *tok = *sep ? strtok_r(path, sep, &save) : path;
	while (tok && cur) {
		char *next = *sep ? strtok_r(NULL, sep, &save) : NULL;
		if (!next) {
			const char *v = px_rec_get(cur, tok);
			if (v)
				px_strlcpy(out, v, size);
			break;
		}
		cur = px_rec_get_obj(cur, tok);
		tok = next;
	}
	free(path);
	px_rec_free(r);
}

/* The request body from CHANNEL.body (a default per content type). */
static int render_body(const struct px_config *cfg, const struct px_gateway_msg *m,
		       const char *ctype, struct px_buf *body, struct px_err *err)
{
	const char *ch = m->channel;
	enum px_tpl_escape esc = PX_TPL_PLAIN;
	const char *defbody = "to={{to}}&text={{text}}";
	if (!strncasecmp(ctype, "application/json", 16)) {
		esc = PX_TPL_JSON;
		defbody = "{\"to\":\"{{to}}\",\"text\":\"{{text}}\",\"reference\":\"{{key}}\"}";
	} else if (!strncasecmp(ctype, "application/x-www-form-urlencoded", 33)) {
		esc = PX_TPL_FORM;
	}
	struct vars v = { m, conf(cfg, ch, "from", NULL) };
	if (px_template_render(conf(cfg, ch, "body", defbody), esc, lookup, &v, body, err)) {
		char why[sizeof err->text];
		px_strlcpy(why, err->text, sizeof why);
		return px_fail(err, PX_EINPUT, "%s.body: %s", ch, why);
	}
	return PX_OK;
}

/* Appends "name: value" with both stripped of control characters. */
static struct curl_slist *add_header(struct curl_slist *hdrs, const char *name, const char *value)
{
	char *cn = px_header_clean(name), *cv = px_header_clean(value);
	char *line = px_xasprintf("%s: %s", cn, cv);
	hdrs = px_curl_append(hdrs, line);
	free(line);
	free(cn);
	free(cv);
	return hdrs;
}

/* Appends the header CHANNEL.header.N ("Name: value"), whose value or
 * its last word may be "env:NAME" ("Bearer env:TOKEN"). */
static int add_conf_header(struct curl_slist **hdrs, const char *ch, const char *key,
			   const char *spec, struct px_err *err)
{
	const char *colon = strchr(spec, ':');
	char *name = px_xstrndup(spec, (size_t)(colon - spec));
	const char *val = colon + 1;
	while (*val == ' ')
		val++;
	char *vbuf = NULL;
	const char *ev = !strncmp(val, "env:", 4) ? val : strstr(val, " env:");
	if (ev) {
		const char *vn = ev + (*ev == ' ' ? 5 : 4);
		/* unset and empty are the same: never an empty credential */
		const char *sv = px_config_env(vn);
		if (!sv || strchr(vn, ' ')) {
			free(name);
			return px_fail(err, PX_EINPUT,
				       "%s.%s: environment variable '%s' is unset or empty",
				       ch, key, vn);
		}
		vbuf = px_xasprintf("%.*s%s", (int)(ev - val) + (*ev == ' '), val, sv);
		val = vbuf;
	}
	*hdrs = add_header(*hdrs, name, val);
	free(name);
	free(vbuf);
	return PX_OK;
}

/* Every header of the request: content type, the configured ones, the
 * idempotency key. */
static int build_headers(const struct px_config *cfg, const struct px_gateway_msg *m,
			 const char *ctype, struct curl_slist **hdrs, struct px_err *err)
{
	const char *ch = m->channel;
	*hdrs = add_header(NULL, "Content-Type", ctype);
	for (int i = 1; i <= MAX_HEADERS; i++) {
		char k[32];
		snprintf(k, sizeof k, "header.%d", i);
		const char *spec = conf(cfg, ch, k, NULL);
		if (spec && add_conf_header(hdrs, ch, k, spec, err))
			return PX_EINPUT;
	}
	const char *ih = conf(cfg, ch, "idempotency_header", NULL);
	if (ih && *ih)
		*hdrs = add_header(*hdrs, ih, m->key);
	*hdrs = px_curl_append(*hdrs, "Expect:");
	return PX_OK;
}

/* Sets up the transfer: TLS verified, protocols restricted, bounded in
 * time and size. */
static CURL *transfer(const struct px_config *cfg, const char *ch, struct curl_slist *hdrs,
		      const struct px_buf *body, struct answer *a, char *ebuf)
{
	long long timeout;
	struct px_err e;
	conf_int(cfg, ch, "timeout", 10, 1, 600, &timeout, &e); /* checked already */
	px_curl_init();
	CURL *c = curl_easy_init();
	if (!c)
		px_oom();
	PX_CURL_SET(c, CURLOPT_URL, conf(cfg, ch, "url", NULL));
	PX_CURL_SET(c, CURLOPT_PROTOCOLS_STR, "http,https");
	PX_CURL_SET(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	PX_CURL_SET(c, CURLOPT_FOLLOWLOCATION, 0L);
	PX_CURL_SET(c, CURLOPT_SSL_VERIFYPEER, 1L);
	PX_CURL_SET(c, CURLOPT_SSL_VERIFYHOST, 2L);
	/* A site's own certificate authority; verification stays on. */
	const char *ca = conf(cfg, ch, "ca_file", NULL);
	if (ca && *ca)
		PX_CURL_SET(c, CURLOPT_CAINFO, ca);
	PX_CURL_SET(c, CURLOPT_NOSIGNAL, 1L);
	PX_CURL_SET(c, CURLOPT_CONNECTTIMEOUT, timeout < 10 ? (long)timeout : 10L);
	PX_CURL_SET(c, CURLOPT_TIMEOUT, (long)timeout);
	PX_CURL_SET(c, CURLOPT_HTTPHEADER, hdrs);
	PX_CURL_SET(c, CURLOPT_USERAGENT, "px-notify/" PX_VERSION);
	PX_CURL_SET(c, CURLOPT_POSTFIELDS, body->s ? body->s : "");
	PX_CURL_SET(c, CURLOPT_POSTFIELDSIZE, (long)body->len);
	if (!strcmp(conf(cfg, ch, "method", "POST"), "PUT"))
		PX_CURL_SET(c, CURLOPT_CUSTOMREQUEST, "PUT");
	PX_CURL_SET(c, CURLOPT_WRITEFUNCTION, on_write);
	PX_CURL_SET(c, CURLOPT_WRITEDATA, a);
	PX_CURL_SET(c, CURLOPT_ERRORBUFFER, ebuf);
	return c;
}

/* What the provider's answer means: sent, worth a retry, or refused. */
static void classify(const struct px_config *cfg, const char *ch, CURLcode rc, long status,
		     const char *ebuf, const char *answer, struct px_send_result *res)
{
	long long lo, hi;
	parse_range(conf(cfg, ch, "success_status", "200-299"), &lo, &hi);
	px_curl_ok(rc, CURLE_OUT_OF_MEMORY);
	if (rc != CURLE_OK) {
		res->outcome = PX_SEND_RETRY;
		snprintf(res->error, sizeof res->error, "%s gateway: %s", ch,
			 rc == CURLE_OPERATION_TIMEDOUT ? "timed out" :
			 rc == CURLE_COULDNT_CONNECT ? "connection refused" :
			 ebuf[0] ? ebuf : curl_easy_strerror(rc));
	} else if (status >= lo && status <= hi) {
		res->outcome = PX_SEND_OK;
		const char *field = conf(cfg, ch, "id_field", "id");
		read_id(answer, field, res->provider_id, sizeof res->provider_id);
	} else if (status >= 400 && status < 500 && status != 429 && status != 408) {
		res->outcome = PX_SEND_FAIL;
		snprintf(res->error, sizeof res->error, "%s gateway refused the message: HTTP %ld",
			 ch, status);
	} else {
		res->outcome = PX_SEND_RETRY;
		snprintf(res->error, sizeof res->error, "%s gateway answered HTTP %ld", ch, status);
	}
}

int px_gateway_send(const struct px_config *cfg, const struct px_gateway_msg *m,
		    struct px_send_result *res, struct px_err *err)
{
	memset(res, 0, sizeof *res);
	int rc = px_gateway_check(cfg, m->channel, err);
	if (rc)
		return rc;
	const char *ctype = conf(cfg, m->channel, "content_type", "application/json");
	struct px_buf body = PX_BUF_INIT;
	struct curl_slist *hdrs = NULL;
	if ((rc = render_body(cfg, m, ctype, &body, err)) ||
	    (rc = build_headers(cfg, m, ctype, &hdrs, err))) {
		curl_slist_free_all(hdrs);
		px_buf_free(&body);
		return rc;
	}
	px_buf_str(&body);
	struct answer a = { PX_BUF_INIT };
	char ebuf[CURL_ERROR_SIZE] = "";
	CURL *c = transfer(cfg, m->channel, hdrs, &body, &a, ebuf);
	CURLcode cc = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	classify(cfg, m->channel, cc, status, ebuf, px_buf_str(&a.b), res);
	curl_easy_cleanup(c);
	curl_slist_free_all(hdrs);
	px_buf_free(&a.b);
	px_buf_free(&body);
	return PX_OK;
}
