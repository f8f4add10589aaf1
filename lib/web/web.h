/*
 * web.h - what px-web, the CGI program behind the patients' pages, needs
 * beyond the library verbs: the request as the web server hands it over
 * (RFC 3875), form and query decoding, the one HTML escaping function,
 * and the response with the headers every page carries.  Like lib/cli,
 * a front end: it talks to the web server; the rest of libpx never does.
 */
#ifndef PX_WEB_H
#define PX_WEB_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"
#include "base/config.h"
#include "base/mem.h"
#include "store/store.h"
#include <stdint.h>

/* --- forms --- */

#define PX_FORM_FIELDS 200      /* the most fields a form may have */

/* The fields of an application/x-www-form-urlencoded text, decoded, in
 * their order. */
struct px_form {
	char **name, **value;
	size_t n;
};

/* Decodes text (not NUL-terminated, len bytes): '+' is a blank, %XX a
 * byte.  PX_EINPUT, with the field's position, for a bad escape, a NUL
 * byte, text that is not UTF-8 or control characters other than tab and
 * newlines once decoded, or more than PX_FORM_FIELDS fields; f is empty
 * then. */
int px_form_parse(const char *text, size_t len, struct px_form *f, struct px_err *err);
/* The first value of name, or NULL. */
const char *px_form_get(const struct px_form *f, const char *name);
void px_form_free(struct px_form *f);

/* --- HTML --- */

/* Appends text with &, <, >, " and ' escaped: the one way a value goes
 * into a page. */
void px_html(struct px_buf *b, const char *text);

/* --- the request --- */

/* A file sent with a multipart form (RFC 7578): its field, its name as
 * the browser gave it, its bytes. */
struct px_web_file {
	char *field, *name;
	char *data;
	size_t len;
};

struct px_web_req {
	const char *method;         /* GET, POST, ... */
	const char *path;           /* PATH_INFO, "/" when none */
	const char *user_agent, *accept_language;
	const char *remote_addr;    /* for rate limits, never stored whole */
	struct px_form query, form; /* the query string; a POST's body */
	struct px_web_file file;    /* a multipart form's first file, if any */
	int too_large;              /* the body was over the cap, and not read */
	int bad_form;               /* the query or body could not be decoded */
};

/* Reads the request from the environment and, for a POST of a form, at
 * most max_body bytes of standard input (CONTENT_LENGTH; max_upload for a
 * multipart/form-data one, whose text fields are decoded as a form's and
 * whose first file is kept whole); a larger body is not read
 * (too_large).  Never fails: what cannot be read is marked. */
void px_web_request(struct px_web_req *r, size_t max_body, size_t max_upload);
/* Decodes a multipart/form-data body of the boundary into f and file:
 * PX_EINPUT when it is not one, or a text field is not UTF-8. */
int px_web_multipart(const char *body, size_t len, const char *boundary, struct px_form *f,
		     struct px_web_file *file, struct px_err *err);
void px_web_request_free(struct px_web_req *r);

/* The value of a field of the POST's body, else of the query. */
const char *px_web_param(const struct px_web_req *r, const char *name);

/* --- the response --- */

/* Writes status (200, 303, 400, ...), the headers every page carries
 * (Content-Security-Policy: default-src 'self', Referrer-Policy:
 * no-referrer, X-Frame-Options: DENY, X-Content-Type-Options: nosniff,
 * and Cache-Control: no-store), the content type and the body.
 * location, when not NULL, is a redirect's target. */
int px_web_respond(FILE *out, int status, const char *type, const char *location,
		   const char *body, size_t len);

/* --- guessing slowed --- */

#define PX_WEB_FAILURES 20      /* wrong links or codes a client may try an hour */

/* The client of an address (IPv4 or IPv6; anything else is one client):
 * its network (/24, /48) hashed under the store's web-client secret. */
int px_web_client(const struct px_config *cfg, const char *addr, char out[65],
		  struct px_err *err);
/* The wrong links or codes the client tried this hour (UTC). */
int px_web_failures(struct px_store *st, const char *client, int64_t now, long long *n,
		    struct px_err *err);
/* One more, in a transaction of its own; the hours before are dropped. */
int px_web_failed(struct px_store *st, const char *client, int64_t now, struct px_err *err);

#endif
