/* record.c - records, their readers and writers, and the record loop. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "base/mem.h"
#include "records/record.h"
#include "base/banned.h"

/* How px writes JSON everywhere: compact, keys in insertion order, reals
 * with 15 significant digits so that 2.33 stays 2.33. */
#define DUMP (JSON_COMPACT | JSON_REAL_PRECISION(15))

struct px_rec {
	json_t *obj;          /* owned reference */
	char *source;
	long line;
	char *raw;
	char **scratch;       /* strings handed out by px_rec_get */
	size_t nscratch;
	struct px_rec **kids; /* wrappers handed out by px_rec_get_obj */
	size_t nkids;
};

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
	free(r);
}

struct px_rec *px_rec_parse(const char *text, size_t n, struct px_err *err)
{
	json_error_t je;
	json_alloc_init();
	json_t *v = json_loadb(text, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	if (!v) {
		px_err_set(err, PX_EREJECT, "invalid JSON: %s", je.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		px_err_set(err, PX_EREJECT, "record is not a JSON object");
		return NULL;
	}
	return rec_wrap(v);
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
static char *scalar_text(json_t *v)
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
	char *s = scalar_text(v);
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

size_t px_utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		size_t len;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2, min = 0x80, c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3, min = 0x800, c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4, min = 0x10000, c &= 0x07;
		} else {
			return i;
		}
		if (i + len > n)
			return i;
		for (size_t k = 1; k < len; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return i;
			c = c << 6 | (p[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return i;
		i += len;
	}
	return n;
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
		char *s = scalar_text(v);
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

/* ---------- reading ---------- */

struct csv_state {
	struct csv_parser p;
	char **fields;     /* fields of the row being parsed */
	size_t nfields, capfields;
	int row_done;      /* a row ended during the last csv_parse */
	size_t row_bytes;
};

struct px_reader {
	FILE *f;
	int close_f;
	char *name;
	enum px_fmt fmt;
	long line;          /* physical lines consumed */
	struct px_buf lbuf; /* line buffer */
	struct px_buf raw;  /* raw text of the current record */
	int pending;        /* lbuf holds a line not yet processed */
	size_t lpos;        /* JSON array: next byte of lbuf to read */
	int eof;
	/* CSV */
	struct csv_state *csv;
	char **header;
	size_t nheader;
	/* JSON array */
	int arr_state;      /* 0 before '[', 1 in array, 2 after ']' */
};

static void csv_field_cb(void *s, size_t len, void *data)
{
	struct csv_state *cs = data;
	if (cs->nfields == cs->capfields) {
		cs->capfields = cs->capfields ? cs->capfields * 2 : 16;
		cs->fields = px_xrealloc(cs->fields, cs->capfields * sizeof *cs->fields);
	}
	cs->fields[cs->nfields++] = px_xstrndup(s ? s : "", s ? len : 0);
}

static void csv_row_cb(int c, void *data)
{
	(void)c;
	struct csv_state *cs = data;
	cs->row_done = 1;
}

static void csv_clear_fields(struct csv_state *cs)
{
	for (size_t i = 0; i < cs->nfields; i++)
		free(cs->fields[i]);
	cs->nfields = 0;
}

static void csv_restart(struct csv_state *cs)
{
	csv_free(&cs->p);
	csv_init(&cs->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
	csv_set_realloc_func(&cs->p, px_xrealloc);
	csv_clear_fields(cs);
	cs->row_done = 0;
	cs->row_bytes = 0;
}

struct px_reader *px_reader_open(const char *path, enum px_fmt fmt, struct px_err *err)
{
	FILE *f;
	int close_f = 0;
	if (!strcmp(path, "-")) {
		f = stdin;
		path = "-";
	} else {
		f = fopen(path, "rb");
		if (!f) {
			px_err_at(err, PX_EINPUT, path, 0, "cannot open: %s", strerror(errno));
			return NULL;
		}
		close_f = 1;
	}
	struct px_reader *rd = px_xcalloc(1, sizeof *rd);
	rd->f = f;
	rd->close_f = close_f;
	rd->name = px_xstrdup(path);
	rd->fmt = fmt;
	if (fmt == PX_FMT_AUTO || fmt == PX_FMT_CSV || fmt == PX_FMT_JSONL) {
		/* Look at the first non-blank line to detect, keep it pending. */
		int rc;
		while ((rc = px_read_line(f, &rd->lbuf)) == 1) {
			rd->line++;
			const char *s = rd->lbuf.s;
			if (rd->line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3)) {
				memmove(rd->lbuf.s, s + 3, rd->lbuf.len - 2);
				rd->lbuf.len -= 3;
			}
			if (rd->lbuf.s[strspn(rd->lbuf.s, " \t\r")])
				break;
		}
		if (rc == 1)
			rd->pending = 1;
		else if (rc == 0)
			rd->eof = 1;
		else if (rc == -2) {
			px_err_at(err, PX_EINPUT, path, 0, "read error: %s", strerror(errno));
			px_reader_close(rd);
			return NULL;
		}
		if (fmt == PX_FMT_AUTO)
			rd->fmt = rc == 1 ? px_fmt_detect(rd->lbuf.s, rd->lbuf.len) : PX_FMT_JSONL;
	}
	if (rd->fmt == PX_FMT_JSON && rd->pending) {
		/* The array reader works on bytes: it reads the pending line
		 * again from lbuf before going on with the file. */
		px_buf_addc(&rd->lbuf, '\n');
		rd->line--;
		rd->pending = 0;
		rd->lpos = 0;
	} else if (rd->fmt == PX_FMT_JSON) {
		px_buf_reset(&rd->lbuf);
	}
	if (rd->fmt == PX_FMT_CSV) {
		rd->csv = px_xcalloc(1, sizeof *rd->csv);
		csv_init(&rd->csv->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
		csv_set_realloc_func(&rd->csv->p, px_xrealloc);
	}
	if (rd->fmt == PX_FMT_HL7 || rd->fmt == PX_FMT_TABLE) {
		px_err_at(err, PX_EINPUT, path, 0, "%s input is not records",
			  px_fmt_name(rd->fmt));
		px_reader_close(rd);
		return NULL;
	}
	px_err_clear(err);
	return rd;
}

enum px_fmt px_reader_format(const struct px_reader *rd)
{
	return rd->fmt;
}

const char *px_reader_name(const struct px_reader *rd)
{
	return rd->name;
}

int px_reader_ready(const struct px_reader *rd)
{
	if (rd->eof || rd->pending || (rd->fmt == PX_FMT_JSON && rd->lpos < rd->lbuf.len))
		return 1;
	return px_input_ready(rd->f);
}

const char *px_reader_raw(const struct px_reader *rd)
{
	return rd->raw.s ? rd->raw.s : "";
}

static struct px_rec *finish_rec(struct px_reader *rd, struct px_rec *r, long line)
{
	px_rec_set_pos(r, rd->name, line);
	r->raw = px_xstrdup(px_reader_raw(rd));
	return r;
}

/* Next line into rd->lbuf: 1, 0 EOF, -1 too long, -2 error. */
static int next_line(struct px_reader *rd)
{
	if (rd->pending) {
		rd->pending = 0;
		return 1;
	}
	if (rd->eof)
		return 0;
	int rc = px_read_line(rd->f, &rd->lbuf);
	if (rc == 0)
		rd->eof = 1;
	else
		rd->line++;
	return rc;
}

static int read_jsonl(struct px_reader *rd, struct px_rec **out, struct px_err *err)
{
	for (;;) {
		int rc = next_line(rd);
		if (rc == 0)
			return 0;
		if (rc == -2)
			return px_err_at(err, PX_EINPUT, rd->name, rd->line, "read error: %s",
					 strerror(errno)), -2;
		px_buf_reset(&rd->raw);
		if (rc == -1) {
			px_buf_adds(&rd->raw, "");
			return px_err_at(err, PX_EREJECT, rd->name, rd->line,
					 "line longer than %d bytes", PX_LINE_MAX);
		}
		const char *s = rd->lbuf.s;
		if (!s[strspn(s, " \t\r")])
			continue;
		px_buf_add(&rd->raw, rd->lbuf.s, rd->lbuf.len);
		struct px_rec *r = px_rec_parse(rd->lbuf.s, rd->lbuf.len, err);
		if (!r) {
			err->code = PX_EREJECT;
			px_strlcpy(err->source, rd->name, sizeof err->source);
			err->line = rd->line;
			return -1;
		}
		*out = finish_rec(rd, r, rd->line);
		return 1;
	}
}

/* JSON array: a byte-level scanner that cuts top-level elements out of the
 * array and parses each on its own, so memory stays bounded by the largest
 * element. */
static int json_getc(struct px_reader *rd)
{
	if (rd->lpos < rd->lbuf.len) {
		/* bytes read ahead by format detection */
		int c = (unsigned char)rd->lbuf.s[rd->lpos++];
		if (c == '\n')
			rd->line++;
		return c;
	}
	int c = getc_unlocked(rd->f);
	if (c == '\n')
		rd->line++;
	return c;
}

static int skip_ws(struct px_reader *rd)
{
	int c;
	do
		c = json_getc(rd);
	while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
	return c;
}

static int read_json_array(struct px_reader *rd, struct px_rec **out, struct px_err *err)
{
	int c;
	if (rd->arr_state == 0) {
		c = skip_ws(rd);
		if (c == 0xEF) { /* BOM */
			json_getc(rd);
			json_getc(rd);
			c = skip_ws(rd);
		}
		if (c != '[')
			return px_err_at(err, PX_EINPUT, rd->name, rd->line + 1,
					 "expected '[' to open a JSON array"), -2;
		rd->arr_state = 1;
		c = skip_ws(rd);
		if (c == ']') {
			rd->arr_state = 2;
			return 0;
		}
	} else if (rd->arr_state == 2) {
		c = skip_ws(rd);
		if (c != EOF)
			return px_err_at(err, PX_EINPUT, rd->name, rd->line + 1,
					 "unexpected data after the JSON array"), -2;
		return 0;
	} else {
		c = skip_ws(rd);
	}
	px_buf_reset(&rd->raw);
	long start = rd->line + 1;
	int depth = 0, instr = 0, esc = 0, toolong = 0;
	for (;;) {
		if (c == EOF)
			return px_err_at(err, PX_EINPUT, rd->name, start,
					 "unterminated JSON array"), -2;
		if (instr) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				instr = 0;
		} else if (c == '"') {
			instr = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth == 0) {
				if (c == ']') {
					rd->arr_state = 2;
					break;
				}
				return px_err_at(err, PX_EINPUT, rd->name, rd->line + 1,
						 "unbalanced '}' in JSON array"), -2;
			}
			depth--;
		} else if (c == ',' && depth == 0) {
			break;
		}
		if (rd->raw.len < PX_LINE_MAX)
			px_buf_addc(&rd->raw, (char)c);
		else
			toolong = 1;
		c = json_getc(rd);
	}
	if (toolong)
		return px_err_at(err, PX_EREJECT, rd->name, start,
				 "record longer than %d bytes", PX_LINE_MAX);
	if (!rd->raw.len) {
		if (rd->arr_state == 2)
			return read_json_array(rd, out, err);
		return px_err_at(err, PX_EREJECT, rd->name, start, "empty array element");
	}
	while (rd->raw.len && strchr(" \t\r\n", rd->raw.s[rd->raw.len - 1]))
		rd->raw.s[--rd->raw.len] = '\0';
	struct px_rec *r = px_rec_parse(rd->raw.s, rd->raw.len, err);
	if (!r) {
		err->code = PX_EREJECT;
		px_strlcpy(err->source, rd->name, sizeof err->source);
		err->line = start;
		return -1;
	}
	*out = finish_rec(rd, r, start);
	return 1;
}

/* One CSV row into cs->fields.  1 row, 0 EOF, -1 bad row, -2 fatal. */
static int csv_row(struct px_reader *rd, long *start, struct px_err *err)
{
	struct csv_state *cs = rd->csv;
	csv_clear_fields(cs);
	cs->row_done = 0;
	cs->row_bytes = 0;
	px_buf_reset(&rd->raw);
	*start = 0;
	for (;;) {
		int rc = next_line(rd);
		if (rc == -2)
			return px_err_at(err, PX_EINPUT, rd->name, rd->line, "read error: %s",
					 strerror(errno)), -2;
		if (rc == -1)
			return px_err_at(err, PX_EINPUT, rd->name, rd->line,
					 "line longer than %d bytes", PX_LINE_MAX), -2;
		if (rc == 0) {
			if (csv_fini(&cs->p, csv_field_cb, csv_row_cb, cs)) {
				long l = *start ? *start : rd->line;
				csv_restart(cs);
				return px_err_at(err, PX_EREJECT, rd->name, l,
						 "unterminated quoted field");
			}
			return cs->row_done ? 1 : 0;
		}
		if (!*start) {
			if (!rd->lbuf.s[strspn(rd->lbuf.s, " \t\r")] && !cs->nfields)
				continue; /* blank line between rows */
			*start = rd->line;
		}
		if (rd->raw.len)
			px_buf_addc(&rd->raw, '\n');
		px_buf_add(&rd->raw, rd->lbuf.s, rd->lbuf.len);
		cs->row_bytes += rd->lbuf.len + 1;
		if (cs->row_bytes > PX_LINE_MAX)
			return px_err_at(err, PX_EINPUT, rd->name, *start,
					 "record longer than %d bytes", PX_LINE_MAX), -2;
		px_buf_addc(&rd->lbuf, '\n');
		size_t n = csv_parse(&cs->p, rd->lbuf.s, rd->lbuf.len, csv_field_cb, csv_row_cb, cs);
		if (n != rd->lbuf.len) {
			long l = *start;
			int e = csv_error(&cs->p);
			csv_restart(cs);
			return px_err_at(err, PX_EREJECT, rd->name, l, "%s",
					 e == CSV_EPARSE ? "malformed CSV: misplaced quote"
							 : "malformed CSV: field too large");
		}
		if (cs->row_done)
			return 1;
	}
}

static int read_csv(struct px_reader *rd, struct px_rec **out, struct px_err *err)
{
	struct csv_state *cs = rd->csv;
	long start;
	int rc;
	if (!rd->header) {
		rc = csv_row(rd, &start, err);
		if (rc == 0)
			return 0;
		if (rc < 0) {
			err->code = PX_EINPUT;
			return -2;
		}
		rd->header = cs->fields;
		rd->nheader = cs->nfields;
		cs->fields = NULL;
		cs->nfields = cs->capfields = 0;
		for (size_t i = 0; i < rd->nheader; i++) {
			if (px_utf8_check(rd->header[i], strlen(rd->header[i])) != strlen(rd->header[i]))
				return px_err_at(err, PX_EINPUT, rd->name, start,
						 "invalid UTF-8 in header (column %zu)", i + 1), -2;
			if (!rd->header[i][0])
				return px_err_at(err, PX_EINPUT, rd->name, start,
						 "empty column name in header (column %zu)", i + 1), -2;
			for (size_t j = 0; j < i; j++)
				if (!strcmp(rd->header[i], rd->header[j]))
					return px_err_at(err, PX_EINPUT, rd->name, start,
							 "duplicate column '%s' in header",
							 rd->header[i]), -2;
		}
	}
	rc = csv_row(rd, &start, err);
	if (rc <= 0)
		return rc;
	if (cs->nfields != rd->nheader)
		return px_err_at(err, PX_EREJECT, rd->name, start,
				 "expected %zu fields, found %zu", rd->nheader, cs->nfields);
	for (size_t i = 0; i < cs->nfields; i++)
		if (px_utf8_check(cs->fields[i], strlen(cs->fields[i])) != strlen(cs->fields[i]))
			return px_err_at(err, PX_EREJECT, rd->name, start,
					 "invalid UTF-8 in column '%s'", rd->header[i]);
	struct px_rec *r = px_rec_new(NULL);
	for (size_t i = 0; i < cs->nfields; i++)
		if (cs->fields[i][0])
			px_rec_set_str(r, rd->header[i], cs->fields[i]);
	*out = finish_rec(rd, r, start);
	return 1;
}

int px_reader_next(struct px_reader *rd, struct px_rec **out, struct px_err *err)
{
	*out = NULL;
	px_err_clear(err);
	switch (rd->fmt) {
	case PX_FMT_JSONL:
		return read_jsonl(rd, out, err);
	case PX_FMT_JSON:
		return read_json_array(rd, out, err);
	case PX_FMT_CSV:
		return read_csv(rd, out, err);
	default:
		return px_err_at(err, PX_EINPUT, rd->name, 0, "unsupported input format"), -2;
	}
}

void px_reader_close(struct px_reader *rd)
{
	if (!rd)
		return;
	if (rd->close_f)
		fclose(rd->f);
	if (rd->csv) {
		csv_clear_fields(rd->csv);
		free(rd->csv->fields);
		csv_free(&rd->csv->p);
		free(rd->csv);
	}
	for (size_t i = 0; i < rd->nheader; i++)
		free(rd->header[i]);
	free(rd->header);
	px_buf_free(&rd->lbuf);
	px_buf_free(&rd->raw);
	free(rd->name);
	free(rd);
}

/* ---------- writing ---------- */

struct px_writer {
	FILE *f;
	enum px_fmt fmt;
	char **cols;
	size_t ncols;
	long count;
	/* table rows, buffered until close */
	char ***rows;
	size_t nrows;
};

struct px_writer *px_writer_new(FILE *f, enum px_fmt fmt)
{
	struct px_writer *w = px_xcalloc(1, sizeof *w);
	w->f = f;
	w->fmt = fmt == PX_FMT_AUTO ? PX_FMT_JSONL : fmt;
	return w;
}

enum px_fmt px_writer_format(const struct px_writer *w)
{
	return w->fmt;
}

void px_writer_columns(struct px_writer *w, const char *const *cols)
{
	for (size_t i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	w->ncols = 0;
	while (cols[w->ncols])
		w->ncols++;
	w->cols = px_xcalloc(w->ncols + 1, sizeof *w->cols);
	for (size_t i = 0; i < w->ncols; i++)
		w->cols[i] = px_xstrdup(cols[i]);
}

static int add_col(const char *key, const char *val, void *ctx)
{
	(void)val;
	struct px_writer *w = ctx;
	w->cols = px_xrealloc(w->cols, (w->ncols + 2) * sizeof *w->cols);
	w->cols[w->ncols++] = px_xstrdup(key);
	w->cols[w->ncols] = NULL;
	return 0;
}

/* The text of a field for CSV and tables: scalars as text, objects and
 * arrays as compact JSON, null and absent as "". */
static char *cell(const struct px_rec *r, const char *key)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v || json_is_null(v))
		return px_xstrdup("");
	if (json_is_object(v) || json_is_array(v))
		return px_rec_get_json(r, key);
	return scalar_text(v);
}

static void csv_put_field(FILE *f, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")] && s[0] != ' ' && !(s[0] && s[strlen(s) - 1] == ' ')) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

int px_writer_put(struct px_writer *w, const struct px_rec *r, struct px_err *err)
{
	if ((w->fmt == PX_FMT_CSV || w->fmt == PX_FMT_TABLE) && !w->cols) {
		px_rec_each(r, add_col, w);
		if (!w->cols)
			add_col("type", NULL, w);
		if (w->fmt == PX_FMT_CSV) {
			for (size_t i = 0; i < w->ncols; i++) {
				if (i)
					putc(',', w->f);
				csv_put_field(w->f, w->cols[i]);
			}
			putc('\n', w->f);
		}
	}
	switch (w->fmt) {
	case PX_FMT_JSON:
		fputs(w->count ? ",\n" : "[\n", w->f);
		/* fall through */
	case PX_FMT_JSONL: {
		char *s = json_dumps(r->obj, DUMP);
		if (!s)
			px_oom();
		fputs(s, w->f);
		free(s);
		if (w->fmt == PX_FMT_JSONL)
			putc('\n', w->f);
		break;
	}
	case PX_FMT_CSV:
		for (size_t i = 0; i < w->ncols; i++) {
			char *c = cell(r, w->cols[i]);
			if (i)
				putc(',', w->f);
			csv_put_field(w->f, c);
			free(c);
		}
		putc('\n', w->f);
		break;
	case PX_FMT_TABLE: {
		char **row = px_xcalloc(w->ncols, sizeof *row);
		for (size_t i = 0; i < w->ncols; i++)
			row[i] = cell(r, w->cols[i]);
		w->rows = px_xrealloc(w->rows, (w->nrows + 1) * sizeof *w->rows);
		w->rows[w->nrows++] = row;
		break;
	}
	default:
		return px_err_set(err, PX_EUSAGE, "cannot write %s output", px_fmt_name(w->fmt));
	}
	w->count++;
	if (w->fmt != PX_FMT_TABLE && fflush(w->f))
		return px_err_set(err, PX_ESTORE, "write error: %s", strerror(errno));
	return 0;
}

/* Display width of UTF-8 text: one column per code point, control
 * characters none. */
static size_t width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80 && (unsigned char)*s >= 0x20)
			n++;
	return n;
}

static void table_cell(struct px_buf *line, const char *s, size_t w)
{
	for (const char *p = s; *p; p++)
		px_buf_addc(line, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
	for (size_t k = width(s); k < w + 2; k++)
		px_buf_addc(line, ' ');
}

/* Prints one table line without its trailing blanks. */
static void table_line(FILE *f, struct px_buf *line)
{
	while (line->len && line->s[line->len - 1] == ' ')
		line->s[--line->len] = '\0';
	fputs(px_buf_str(line), f);
	putc('\n', f);
	px_buf_reset(line);
}

int px_writer_close(struct px_writer *w, struct px_err *err)
{
	int rc = 0;
	if (!w)
		return 0;
	if (w->fmt == PX_FMT_JSON)
		fputs(w->count ? "\n]\n" : "[]\n", w->f);
	if (w->fmt == PX_FMT_TABLE && w->ncols) {
		size_t *wd = px_xcalloc(w->ncols, sizeof *wd);
		for (size_t i = 0; i < w->ncols; i++) {
			wd[i] = width(w->cols[i]);
			for (size_t j = 0; j < w->nrows; j++)
				if (width(w->rows[j][i]) > wd[i])
					wd[i] = width(w->rows[j][i]);
		}
		struct px_buf line = PX_BUF_INIT;
		for (size_t i = 0; i < w->ncols; i++) {
			char *up = px_xstrdup(w->cols[i]);
			for (char *p = up; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			table_cell(&line, up, wd[i]);
			free(up);
		}
		table_line(w->f, &line);
		for (size_t j = 0; j < w->nrows; j++) {
			for (size_t i = 0; i < w->ncols; i++) {
				table_cell(&line, w->rows[j][i], wd[i]);
				free(w->rows[j][i]);
			}
			table_line(w->f, &line);
			free(w->rows[j]);
		}
		px_buf_free(&line);
		free(wd);
	}
	free(w->rows);
	if (fflush(w->f) || ferror(w->f))
		rc = px_err_set(err, PX_ESTORE, "write error: %s", strerror(errno ? errno : EIO));
	for (size_t i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	free(w);
	return rc;
}

/* ---------- the loop ---------- */

/* The handler of r's type, in the older returns: 0, -1 rejected, -2 fatal. */
static int loop_dispatch(struct px_loop *lp, struct px_rec *r, struct px_err *err)
{
	const char *type = px_rec_type(r);
	px_handler_fn fn = lp->pass;
	for (const struct px_handler *h = lp->handlers; h->fn; h++)
		if (!h->type || (type ? strcmp(h->type, type) == 0 : !*h->type)) {
			fn = h->fn;
			break;
		}
	if (!fn)
		return 0;
	int rc = fn(r, lp->ctx, err);
	if (rc == PX_OK)
		return 0;
	if (!err->code)
		err->code = rc;
	return rc >= PX_EINPUT ? -2 : -1;
}

/* Runs one file through the loop; returns 0 or the code of a fatal error. */
static int loop_file(struct px_loop *lp, const char *path)
{
	struct px_err err;
	struct px_reader *rd = px_reader_open(path, lp->fmt, &err);
	if (!rd) {
		lp->report(&err, NULL, lp->report_ctx);
		return err.code;
	}
	struct px_rec *r;
	int rc, fatal = 0;
	while (!fatal) {
		if (lp->idle && !px_reader_ready(rd) && (fatal = lp->idle(lp->ctx)))
			break;
		if ((rc = px_reader_next(rd, &r, &err)) == 0)
			break;
		if (rc == -2) {
			lp->report(&err, NULL, lp->report_ctx);
			fatal = err.code ? err.code : PX_EINPUT;
			break;
		}
		if (rc == -1) {
			lp->rejected++;
			lp->report(&err, px_reader_raw(rd), lp->report_ctx);
			continue;
		}
		lp->records++;
		px_err_clear(&err);
		int k = lp->handlers ? loop_dispatch(lp, r, &err) : lp->fn(r, lp->ctx, &err);
		if (k < 0 && !err.source[0]) {
			px_strlcpy(err.source, px_rec_source(r), sizeof err.source);
			err.line = px_rec_line(r);
		}
		if (k == -2) {
			lp->report(&err, NULL, lp->report_ctx);
			fatal = err.code ? err.code : PX_ESTORE;
		} else if (k < 0) {
			lp->rejected++;
			lp->report(&err, px_rec_raw(r), lp->report_ctx);
		}
		px_rec_free(r);
	}
	px_reader_close(rd);
	return fatal;
}

int px_loop_run(struct px_loop *lp)
{
	static const char *const stdin_only[] = { "-", NULL };
	const char *const *files = lp->files && lp->files[0] ? lp->files : stdin_only;
	int status = PX_OK;
	for (; *files; files++) {
		int fatal = loop_file(lp, *files);
		if (fatal > status)
			status = fatal;
		/* an unreadable file does not stop the others; a store or
		 * output failure does */
		if (fatal && fatal != PX_EINPUT)
			break;
	}
	if (status == PX_OK && lp->rejected)
		status = PX_EREJECT;
	return status;
}
