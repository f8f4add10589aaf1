/* web.c - the request as the web server hands it over, forms, HTML
 * escaping and the response's headers. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "web/web.h"
#include "base/banned.h"

/* ---------- forms ---------- */

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* One name or value, decoded into a new string; NULL when it is bad. */
static char *decode(const char *s, size_t n)
{
	char *out = px_xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int a = i + 2 < n ? hexval(s[i + 1]) : -1, b = i + 2 < n ? hexval(s[i + 2]) : -1;
			int h = a < 0 || b < 0 ? -1 : a * 16 + b;
			if (h < 0) {
				free(out);
				return NULL;
			}
			c = (unsigned char)h;
			i += 2;
		}
		/* no NUL, no control characters but tab and the newlines */
		if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
			free(out);
			return NULL;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	if (!px_utf8_valid(out, o)) {
		free(out);
		return NULL;
	}
	return out;
}

void px_form_free(struct px_form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->name[i]);
		free(f->value[i]);
	}
	free(f->name);
	free(f->value);
	memset(f, 0, sizeof *f);
}

int px_form_parse(const char *text, size_t len, struct px_form *f, struct px_err *err)
{
	memset(f, 0, sizeof *f);
	size_t i = 0, field = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && text[end] != '&')
			end++;
		if (end > i) {
			field++;
			if (f->n == PX_FORM_FIELDS) {
				px_form_free(f);
				return px_fail(err, PX_EINPUT, "more than %d fields", PX_FORM_FIELDS);
			}
			const char *eq = memchr(text + i, '=', end - i);
			size_t nl = eq ? (size_t)(eq - (text + i)) : end - i;
			char *name = decode(text + i, nl);
			char *value = decode(eq ? eq + 1 : "", eq ? (size_t)(text + end - eq - 1) : 0);
			if (!name || !value || !*name) {
				free(name);
				free(value);
				px_form_free(f);
				return px_fail(err, PX_EINPUT, "field %zu: a bad escape, or text that is not "
					       "UTF-8", field);
			}
			f->name = px_xrealloc(f->name, (f->n + 1) * sizeof *f->name);
			f->value = px_xrealloc(f->value, (f->n + 1) * sizeof *f->value);
			f->name[f->n] = name;
			f->value[f->n++] = value;
		}
		i = end + 1;
	}
	return PX_OK;
}

const char *px_form_get(const struct px_form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->name[i], name))
			return f->value[i];
	return NULL;
}

/* ---------- HTML ---------- */

void px_html(struct px_buf *b, const char *text)
{
	for (const char *p = text ? text : ""; *p; p++) {
		switch (*p) {
		case '&': px_buf_adds(b, "&amp;"); break;
		case '<': px_buf_adds(b, "&lt;"); break;
		case '>': px_buf_adds(b, "&gt;"); break;
		case '"': px_buf_adds(b, "&quot;"); break;
		case '\'': px_buf_adds(b, "&#39;"); break;
		default: px_buf_addc(b, *p);
		}
	}
}

/* ---------- the request ---------- */

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v ? v : "";
}

/* The next occurrence of the n bytes of needle in hay (len bytes). */
static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (hay[i] == needle[0] && !memcmp(hay + i, needle, n))
			return hay + i;
	return NULL;
}

/* The value of a parameter of a header ("name" of form-data; name="x"). */
static char *param(const char *h, size_t n, const char *key)
{
	size_t k = strlen(key);
	for (size_t i = 0; i + k + 2 <= n; i++) {
		if ((i == 0 || h[i - 1] == ' ' || h[i - 1] == ';') && !strncasecmp(h + i, key, k) &&
		    h[i + k] == '=' && h[i + k + 1] == '"') {
			const char *v = h + i + k + 2;
			const char *end = memchr(v, '"', (size_t)(h + n - v));
			return end ? px_xstrndup(v, (size_t)(end - v)) : NULL;
		}
	}
	return NULL;
}

int px_web_multipart(const char *body, size_t len, const char *boundary, struct px_form *f,
		     struct px_web_file *file, struct px_err *err)
{
	memset(f, 0, sizeof *f);
	memset(file, 0, sizeof *file);
	char delim[128];
	int dn = snprintf(delim, sizeof delim, "\r\n--%s", boundary);
	if (!*boundary || dn < 0 || (size_t)dn >= sizeof delim)
		return px_fail(err, PX_EINPUT, "a bad multipart boundary");
	/* the body begins with the delimiter without its CRLF */
	if (len < (size_t)dn - 2 || memcmp(body, delim + 2, (size_t)dn - 2))
		return px_fail(err, PX_EINPUT, "not a multipart body");
	const char *p = body + dn - 2, *end = body + len;
	for (int part = 1;; part++) {
		if (end - p >= 2 && !memcmp(p, "--", 2))
			return PX_OK;                         /* the closing delimiter */
		if (end - p < 2 || memcmp(p, "\r\n", 2))
			break;
		p += 2;
		const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			break;
		const char *data = hend + 4;
		const char *next = find(data, (size_t)(end - data), delim, (size_t)dn);
		if (!next)
			break;
		char *name = param(p, (size_t)(hend - p), "name");
		char *fname = param(p, (size_t)(hend - p), "filename");
		size_t n = (size_t)(next - data);
		if (!name || !*name || f->n == PX_FORM_FIELDS) {
			free(name);
			free(fname);
			break;
		}
		if (fname) {
			if (!file->field && *fname) {
				file->field = name;
				file->name = fname;
				file->data = px_xmalloc(n + 1);
				memcpy(file->data, data, n);
				file->len = n;
			} else {
				free(name);
				free(fname);
			}
		} else {
			char *value = px_xstrndup(data, n);
			if (memchr(data, '\0', n) || !px_utf8_valid(value, n)) {
				free(name);
				free(value);
				px_form_free(f);
				return px_fail(err, PX_EINPUT, "part %d: text that is not UTF-8", part);
			}
			f->name = px_xrealloc(f->name, (f->n + 1) * sizeof *f->name);
			f->value = px_xrealloc(f->value, (f->n + 1) * sizeof *f->value);
			f->name[f->n] = name;
			f->value[f->n++] = value;
		}
		p = next + dn;
	}
	px_form_free(f);
	free(file->field);
	free(file->name);
	free(file->data);
	memset(file, 0, sizeof *file);
	return px_fail(err, PX_EINPUT, "a multipart body cut short");
}

void px_web_request(struct px_web_req *r, size_t max_body, size_t max_upload)
{
	memset(r, 0, sizeof *r);
	r->method = *env("REQUEST_METHOD") ? env("REQUEST_METHOD") : "GET";
	r->path = *env("PATH_INFO") ? env("PATH_INFO") : "/";
	r->user_agent = env("HTTP_USER_AGENT");
	r->accept_language = env("HTTP_ACCEPT_LANGUAGE");
	r->remote_addr = env("REMOTE_ADDR");
	struct px_err err = { 0 };
	const char *q = env("QUERY_STRING");
	if (px_form_parse(q, strlen(q), &r->query, &err))
		r->bad_form = 1;
	if (strcmp(r->method, "POST"))
		return;
	const char *type = env("CONTENT_TYPE");
	int multipart = !strncmp(type, "multipart/form-data", 19);
	char *end;
	unsigned long long n = strtoull(env("CONTENT_LENGTH"), &end, 10);
	if (*end || n > (multipart ? max_upload : max_body)) {
		r->too_large = 1;
		return;
	}
	if ((!multipart && strncmp(type, "application/x-www-form-urlencoded", 33)) || !n)
		return;
	char *body = px_xmalloc((size_t)n + 1);
	size_t got = fread(body, 1, (size_t)n, stdin);
	if (got != n) {
		r->bad_form = 1;
	} else if (multipart) {
		const char *b = strstr(type, "boundary=");
		char boundary[80] = "";
		if (b) {
			b += 9;
			size_t bl = *b == '"' ? strcspn(++b, "\"") : strcspn(b, "; ");
			if (bl < sizeof boundary) {
				memcpy(boundary, b, bl);
				boundary[bl] = '\0';
			}
		}
		if (px_web_multipart(body, got, boundary, &r->form, &r->file, &err))
			r->bad_form = 1;
	} else if (px_form_parse(body, got, &r->form, &err)) {
		r->bad_form = 1;
	}
	free(body);
}

void px_web_request_free(struct px_web_req *r)
{
	px_form_free(&r->query);
	px_form_free(&r->form);
	free(r->file.field);
	free(r->file.name);
	free(r->file.data);
}

const char *px_web_param(const struct px_web_req *r, const char *name)
{
	const char *v = px_form_get(&r->form, name);
	return v ? v : px_form_get(&r->query, name);
}

/* ---------- the response ---------- */

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 410: return "Gone";
	case 413: return "Payload Too Large";
	case 429: return "Too Many Requests";
	default: return "Internal Server Error";
	}
}

int px_web_respond(FILE *out, int status, const char *type, const char *location,
		   const char *body, size_t len)
{
	fprintf(out, "Status: %d %s\r\n", status, reason(status));
	fputs("Content-Security-Policy: default-src 'self'\r\n"
	      "Referrer-Policy: no-referrer\r\n"
	      "X-Frame-Options: DENY\r\n"
	      "X-Content-Type-Options: nosniff\r\n"
	      "Cache-Control: no-store\r\n", out);
	if (location)
		fprintf(out, "Location: %s\r\n", location);
	fprintf(out, "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n", type, len);
	if (len && fwrite(body, 1, len, out) != len)
		return PX_ESTORE;
	return fflush(out) ? PX_ESTORE : PX_OK;
}
