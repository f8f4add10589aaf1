/* record.c - records (one JSON object each), format names and
 * detection, UTF-8 checks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/utf8.h"
#include "records/record.h"
#include "records/record_impl.h"
#include "base/banned.h"

#define DUMP PX_JSON_DUMP

static const char *const fmt_names[] = { "auto", "jsonl", "json", "csv", "table", "hl7" };

int px_fmt_parse(const char *name, enum px_fmt *out)
{
	for (size_t i = 1; i < sizeof fmt_names / sizeof *fmt_names; i++)
		if (!strcmp(name, fmt_names[i])) {
			*out = (enum px_fmt)i;
			return 0;
		}
	return -1;
}

const char *px_fmt_name(enum px_fmt f)
{
	return (unsigned)f < sizeof fmt_names / sizeof *fmt_names ? fmt_names[f] : "?";
}

enum px_fmt px_fmt_detect(const char *p, size_t n)
{
	size_t i = 0;
	if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
	    (unsigned char)p[2] == 0xBF)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i < n && p[i] == 0x0B)
		return PX_FMT_HL7;
	if (n - i >= 3 && (!memcmp(p + i, "MSH", 3) || !memcmp(p + i, "FHS", 3) ||
			   !memcmp(p + i, "BHS", 3)))
		return PX_FMT_HL7;
	if (i < n && p[i] == '{')
		return PX_FMT_JSONL;
	if (i < n && p[i] == '[')
		return PX_FMT_JSON;
	return PX_FMT_CSV;
}

/* ---------- records ---------- */

/* jansson allocates through px's checked allocator, so running out of
 * memory ends the process cleanly instead of surfacing as a NULL deep in
 * a parse. */
static void json_alloc_init(void)
{
	static int done;
	if (!done) {
		json_set_alloc_funcs(px_xmalloc, free);
		done = 1;
	}
}

static struct px_rec *rec_wrap(json_t *obj)
{
	struct px_rec *r = px_xcalloc(1, sizeof *r);
	r->obj = obj;
	return r;
}

struct px_rec *px_rec_new(const char *type)
{
	json_alloc_init();
	struct px_rec *r = rec_wrap(json_object());
	if (!r->obj)
		px_oom();
	if (type)
		px_rec_set_str(r, "type", type);
	return r;
}

static void rec_clear_cache(struct px_rec *r)
{
	for (size_t i = 0; i < r->nscratch; i++)
		free(r->scratch[i]);
	free(r->scratch);
	r->scratch = NULL;
	r->nscratch = 0;
	for (size_t i = 0; i < r->nkids; i++)
		px_rec_free(r->kids[i]);
	free(r->kids);
	r->kids = NULL;
	r->nkids = 0;
}

void px_rec_free(struct px_rec *r)
{
	if (!r)
		return;
	rec_clear_cache(r);
	json_decref(r->obj);
	free(r->source);
	free(r->raw);
	free(r->label);
	free(r);
}

struct px_rec *px_rec_copy(const struct px_rec *r)
{
	json_t *v = json_deep_copy(r->obj);
	if (!v)
		px_oom();
	struct px_rec *c = rec_wrap(v);
	c->source = r->source ? px_xstrdup(r->source) : NULL;
	c->line = r->line;
	return c;
}

/* A string in v (a key or a value, at any depth) that holds U+0000:
 * 1 in a key, 2 in a value, 0 when none does. */
static int has_nul(json_t *v)
{
	const char *key;
	size_t i, klen;
	json_t *e;
	switch (json_typeof(v)) {
	case JSON_STRING:
		return memchr(json_string_value(v), '\0', json_string_length(v)) ? 2 : 0;
	case JSON_OBJECT:
		json_object_keylen_foreach(v, key, klen, e) {
			if (memchr(key, '\0', klen))
				return 1;
			int k = has_nul(e);
			if (k)
				return k;
		}
		return 0;
	case JSON_ARRAY:
		json_array_foreach(v, i, e) {
			int k = has_nul(e);
			if (k)
				return k;
		}
		return 0;
	default:
		return 0;
	}
}

static const char *json_kind(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

int px_rec_parse_text(const char *text, size_t n, struct px_rec **out, struct px_err *err)
{
	json_error_t je;
	char q[96];
	*out = NULL;
	json_alloc_init();
	/* no byte of JSON text is NUL (inside a string it is written
	 * \u0000): jansson would stop reading there */
	if (!n)
		text = "";
	const char *z = memchr(text, '\0', n);
	if (z)
		return px_fail(err, PX_EREJECT, "invalid JSON: NUL byte at offset %zu",
			       (size_t)(z - text)), -1;
	json_t *v = json_loadb(text, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY,
			       &je);
	if (!v) {
		enum json_error_code c = json_error_code(&je);
		px_utf8_quote(je.text, strlen(je.text), q, sizeof q);
		if (c == json_error_duplicate_key) {
			const char *near = strstr(q, "near '");
			return px_fail(err, PX_EREJECT, "duplicate key %.*s", near ?
				       (int)strlen(near + 6) - 1 : 0, near ? near + 6 : ""), 0;
		}
		if (c == json_error_null_byte_in_key)
			return px_fail(err, PX_EREJECT, "U+0000 (\\u0000) in a key"), 0;
		if (c == json_error_numeric_overflow)
			return px_fail(err, PX_EREJECT, "number out of range: %s", q), 0;
		return px_fail(err, PX_EREJECT, "invalid JSON: %s", q), -1;
	}
	if (!json_is_object(v)) {
		px_fail(err, PX_EREJECT, "not a record: %s, not a JSON object", json_kind(v));
		json_decref(v);
		return 0;
	}
	int k = has_nul(v);
	if (k) {
		json_decref(v);
		return px_fail(err, PX_EREJECT, "U+0000 (\\u0000) in a %s", k == 1 ? "key" : "string"), 0;
	}
	*out = rec_wrap(v);
	return 1;
}

struct px_rec *px_rec_parse(const char *text, size_t n, struct px_err *err)
{
	struct px_rec *r;
	px_rec_parse_text(text, n, &r, err);
	return r;
}

const char *px_rec_type(const struct px_rec *r)
{
	return json_string_value(json_object_get(r->obj, "type"));
}

const char *px_rec_source(const struct px_rec *r)
{
	return r->source ? r->source : "";
}

long px_rec_line(const struct px_rec *r)
{
	return r->line;
}

void px_rec_set_pos(struct px_rec *r, const char *source, long line)
{
	free(r->source);
	r->source = source ? px_xstrdup(source) : NULL;
	r->line = line;
}

const char *px_rec_raw(const struct px_rec *r)
{
	return r->raw ? r->raw : "";
}

void px_rec_set_raw(struct px_rec *r, const char *raw)
{
	free(r->raw);
	r->raw = raw ? px_xstrdup(raw) : NULL;
}

void px_rec_set_label(struct px_rec *r, const char *label)
{
	free(r->label);
	r->label = label ? px_xstrdup(label) : NULL;
}

const char *px_rec_label(const struct px_rec *r)
{
	return r->label;
}

void px_rec_err_label(struct px_err *err, const char *label)
{
	size_t n = label ? strlen(label) : 0;
	if (!label || (!strncmp(err->text, label, n) && !strncmp(err->text + n, ": ", 2)))
		return;
	char t[sizeof err->text];
	int room = (int)(sizeof t - n - 3);
	snprintf(t, sizeof t, "%s: %.*s", label, room > 0 ? room : 0, err->text);
	px_strlcpy(err->text, t, sizeof err->text);
}

int px_rec_has(const struct px_rec *r, const char *key)
{
	json_t *v = json_object_get(r->obj, key);
	return v && !json_is_null(v);
}

static char *keep(struct px_rec *r, char *s)
{
	r->scratch = px_xrealloc(r->scratch, (r->nscratch + 1) * sizeof *r->scratch);
	r->scratch[r->nscratch++] = s;
	return s;
}

/* Text of a scalar JSON value, allocated; NULL for null/object/array. */
char *px_rec_scalar_text(json_t *v)
{
	char buf[64];
	switch (json_typeof(v)) {
	case JSON_STRING:
		return px_xstrndup(json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return px_xstrdup(buf);
	case JSON_REAL:
		snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
		/* shortest form that reads back the same */
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(buf, sizeof buf, "%.*g", prec, json_real_value(v));
			if (strtod(buf, NULL) == json_real_value(v))
				break;
		}
		return px_xstrdup(buf);
	case JSON_TRUE:
		return px_xstrdup("true");
	case JSON_FALSE:
		return px_xstrdup("false");
	default:
		return NULL;
	}
}

const char *px_rec_get(const struct px_rec *r, const char *key)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v)
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	char *s = px_rec_scalar_text(v);
	return s ? keep((struct px_rec *)r, s) : NULL;
}

int px_rec_get_int(const struct px_rec *r, const char *key, long long *out)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v || json_is_null(v))
		return -1;
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (!*s)
			return -1;
		return px_parse_int(s, -9223372036854775807LL, 9223372036854775807LL, out) ? -2 : 0;
	}
	return -2;
}

int px_rec_get_num(const struct px_rec *r, const char *key, double *out)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v || json_is_null(v))
		return -1;
	if (json_is_number(v)) {
		*out = json_number_value(v);
		return 0;
	}
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (!*s)
			return -1;
		return px_parse_double(s, out) ? -2 : 0;
	}
	return -2;
}

int px_rec_get_bool(const struct px_rec *r, const char *key)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v)
		return 0;
	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		return !strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "1");
	}
	return 0;
}

struct px_rec *px_rec_get_obj(struct px_rec *r, const char *key)
{
	json_t *v = json_object_get(r->obj, key);
	if (!json_is_object(v))
		return NULL;
	struct px_rec *k = rec_wrap(json_incref(v));
	r->kids = px_xrealloc(r->kids, (r->nkids + 1) * sizeof *r->kids);
	r->kids[r->nkids++] = k;
	return k;
}

char *px_rec_get_json(const struct px_rec *r, const char *key)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v)
		return NULL;
	char *s = json_dumps(v, DUMP | JSON_ENCODE_ANY);
	if (!s)
		px_oom();
	char *c = px_xstrdup(s);
	free(s);
	return c;
}

/* The text with each byte that is not part of valid UTF-8 replaced by
 * U+FFFD; NULL when the text is valid as it is. */
static char *utf8_repair(const char *s)
{
	size_t n = strlen(s), i = 0;
	if (px_utf8_check(s, n) == n)
		return NULL;
	struct px_buf b = PX_BUF_INIT;
	while (i < n) {
		size_t ok = px_utf8_check(s + i, n - i);
		px_buf_add(&b, s + i, ok);
		i += ok;
		if (i < n) {
			px_buf_adds(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	return px_buf_detach(&b);
}

static void set(struct px_rec *r, const char *key, json_t *v)
{
	char *fixed = utf8_repair(key);
	if (!v || json_object_set_new(r->obj, fixed ? fixed : key, v))
		px_oom(); /* only allocation can fail here */
	free(fixed);
}

void px_rec_set_str(struct px_rec *r, const char *key, const char *val)
{
	if (!val) {
		set(r, key, json_null());
		return;
	}
	char *fixed = utf8_repair(val);
	set(r, key, json_string(fixed ? fixed : val));
	free(fixed);
}

void px_rec_set_int(struct px_rec *r, const char *key, long long val)
{
	set(r, key, json_integer(val));
}

void px_rec_set_num(struct px_rec *r, const char *key, double val)
{
	if (!isfinite(val))
		set(r, key, json_null());
	else if (val == floor(val) && fabs(val) < 1e15)
		set(r, key, json_integer((json_int_t)val));
	else
		set(r, key, json_real(val));
}

void px_rec_set_bool(struct px_rec *r, const char *key, int val)
{
	set(r, key, json_boolean(val));
}

void px_rec_set_null(struct px_rec *r, const char *key)
{
	set(r, key, json_null());
}

void px_rec_set_obj(struct px_rec *r, const char *key, struct px_rec *child)
{
	set(r, key, json_incref(child->obj));
	px_rec_free(child);
}

int px_rec_set_json(struct px_rec *r, const char *key, const char *json)
{
	json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
	if (!v)
		return -1;
	set(r, key, v);
	return 0;
}

void px_rec_del(struct px_rec *r, const char *key)
{
	json_object_del(r->obj, key);
}

int px_rec_each(const struct px_rec *r,
		int (*fn)(const char *key, const char *val, void *ctx), void *ctx)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->obj, key, v) {
		char *s = px_rec_scalar_text(v);
		int rc = fn(key, s, ctx);
		free(s);
		if (rc)
			return rc;
	}
	return 0;
}

int px_json_array_each(const char *json, int (*fn)(const char *p, size_t n, void *ctx),
		       void *ctx)
{
	json_alloc_init();
	json_t *a = json_loads(json, 0, NULL);
	if (!json_is_array(a)) {
		json_decref(a);
		return -1;
	}
	size_t i;
	json_t *v;
	int rc = 0;
	json_array_foreach(a, i, v) {
		char *t = json_dumps(v, DUMP | JSON_ENCODE_ANY);
		if (!t)
			px_oom();
		rc = fn(t, strlen(t), ctx);
		free(t);
		if (rc)
			break;
	}
	json_decref(a);
	return rc;
}

char *px_rec_dump(const struct px_rec *r)
{
	char *s = json_dumps(r->obj, DUMP);
	if (!s)
		px_oom();
	char *c = px_xstrdup(s);
	free(s);
	return c;
}

