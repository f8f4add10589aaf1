/* reader.c - records in: JSON Lines, a JSON array, CSV with a header row
 * and HL7 v2 messages through a mapping, the format detected from the
 * first bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "base/mem.h"
#include "records/hl7.h"
#include "records/record.h"
#include "records/record_impl.h"
#include "base/banned.h"

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
	struct px_buf pre;  /* bytes read ahead to detect the format */
	size_t prepos;      /* the next of them to read */
	struct px_buf lbuf; /* line buffer */
	struct px_buf raw;  /* raw text of the current record */
	int pending;        /* lbuf holds a line not yet processed */
	int eof;
	/* CSV */
	struct csv_state *csv;
	char **header;
	size_t nheader;
	/* JSON array */
	int arr_state;      /* 0 before '[', 1 in array, 2 after ']' */
	/* HL7 */
	struct px_hl7_reader *hl7;
	px_hl7_map_fn map;
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

/*
 * Reads the first bytes of the input into rd->pre, enough to tell the
 * format (a byte order mark and blanks, then three bytes, or a first line
 * that is shorter), and no more: on a pipe fed by a slow writer the read
 * returns as soon as those bytes have come.  The readers then take these
 * bytes before the rest of the input, so nothing is pushed back into the
 * stream and no process is needed to do it.
 */
static int peek(struct px_reader *rd)
{
	size_t sig = 0;
	int c;
	while (rd->pre.len < 4096 && (c = getc_unlocked(rd->f)) != EOF) {
		px_buf_addc(&rd->pre, (char)c);
		if (c == 0x0B)
			break; /* an MLLP block */
		if (c == '\n') {
			if (sig)
				break;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r')
			continue;
		if (rd->pre.len <= 3 && !memcmp(rd->pre.s, "\xEF\xBB\xBF", rd->pre.len))
			continue; /* a byte order mark */
		if (++sig >= 3)
			break;
	}
	return ferror(rd->f) ? -1 : 0;
}

/* The next byte, read-ahead bytes first. */
static int rgetc(struct px_reader *rd)
{
	if (rd->prepos < rd->pre.len)
		return (unsigned char)rd->pre.s[rd->prepos++];
	return getc_unlocked(rd->f);
}

/* One physical line into rd->lbuf, read-ahead bytes first: returns as
 * px_read_line. */
static int read_line(struct px_reader *rd)
{
	if (rd->prepos >= rd->pre.len)
		return px_read_line(rd->f, &rd->lbuf);
	px_buf_reset(&rd->lbuf);
	int c, toolong = 0;
	while ((c = rgetc(rd)) != EOF && c != '\n') {
		if (rd->lbuf.len >= PX_LINE_MAX)
			toolong = 1;
		else
			px_buf_addc(&rd->lbuf, (char)c);
	}
	px_buf_grow(&rd->lbuf, 0);
	rd->lbuf.s[rd->lbuf.len] = '\0';
	if (ferror(rd->f))
		return -2;
	return toolong ? -1 : 1; /* there was a read-ahead byte at least */
}

/* CSV and JSON Lines: the first non-blank line is read at once (a byte
 * order mark taken off) and kept pending.  0, or -1 on a read error. */
static int first_line(struct px_reader *rd)
{
	int rc;
	while ((rc = read_line(rd)) == 1) {
		rd->line++;
		const char *s = rd->lbuf.s;
		if (rd->line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3)) {
			memmove(rd->lbuf.s, s + 3, rd->lbuf.len - 2);
			rd->lbuf.len -= 3;
		}
		if (rd->lbuf.s[strspn(rd->lbuf.s, " \t\r")])
			break;
	}
	if (rc == -2)
		return -1;
	if (rc == 0) {
		rd->eof = 1;
	} else {
		if (rc < 0)
			rd->line++; /* too long: next_line gives it again */
		rd->pending = rc;
	}
	return 0;
}

struct px_reader *px_reader_open(const char *path, enum px_fmt fmt, struct px_err *err)
{
	FILE *f;
	int close_f = 0;
	if (!strcmp(path, "-")) {
		f = stdin;
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
	if (fmt == PX_FMT_TABLE) {
		px_err_at(err, PX_EINPUT, path, 0, "table input is not records");
		px_reader_close(rd);
		return NULL;
	}
	if (fmt == PX_FMT_AUTO) {
		if (peek(rd))
			goto read_error;
		rd->fmt = rd->pre.len ? px_fmt_detect(rd->pre.s, rd->pre.len) : PX_FMT_JSONL;
	}
	if ((rd->fmt == PX_FMT_CSV || rd->fmt == PX_FMT_JSONL) && first_line(rd))
		goto read_error;
	if (rd->fmt == PX_FMT_CSV) {
		rd->csv = px_xcalloc(1, sizeof *rd->csv);
		csv_init(&rd->csv->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
		csv_set_realloc_func(&rd->csv->p, px_xrealloc);
	}
	if (rd->fmt == PX_FMT_HL7) {
		rd->hl7 = px_hl7_reader_new(f, rd->name);
		px_hl7_reader_unread(rd->hl7, rd->pre.s, rd->pre.len);
		rd->prepos = rd->pre.len;
	}
	px_err_clear(err);
	return rd;
read_error:
	px_err_at(err, PX_EINPUT, path, 0, "read error: %s", strerror(errno));
	px_reader_close(rd);
	return NULL;
}

void px_reader_hl7(struct px_reader *rd, px_hl7_map_fn map)
{
	rd->map = map;
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
	if (rd->hl7)
		return px_hl7_ready(rd->hl7);
	if (rd->eof || rd->pending || rd->prepos < rd->pre.len)
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
	px_rec_set_raw(r, px_reader_raw(rd));
	return r;
}

/* Next line into rd->lbuf: 1, 0 EOF, -1 too long, -2 error. */
static int next_line(struct px_reader *rd)
{
	if (rd->pending) {
		int rc = rd->pending;
		rd->pending = 0;
		return rc;
	}
	if (rd->eof)
		return 0;
	int rc = read_line(rd);
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
	int c = rgetc(rd);
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

/* Cuts the next element out of the array into rd->raw, c its first
 * byte: 0 at its end (a ',' or the closing ']'), 1 when it was longer
 * than a record may be, -2 on malformed input (err set). */
static int json_element(struct px_reader *rd, int c, long start, struct px_err *err)
{
	int depth = 0, instr = 0, esc = 0, toolong = 0;
	for (;; c = json_getc(rd)) {
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
		} else if ((c == '}' || c == ']') && depth == 0) {
			if (c == '}')
				return px_err_at(err, PX_EINPUT, rd->name, rd->line + 1,
						 "unbalanced '}' in JSON array"), -2;
			rd->arr_state = 2;
			return toolong;
		} else if (c == '}' || c == ']') {
			depth--;
		} else if (c == ',' && depth == 0) {
			return toolong;
		}
		if (rd->raw.len < PX_LINE_MAX)
			px_buf_addc(&rd->raw, (char)c);
		else
			toolong = 1;
	}
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
	int rc = json_element(rd, c, start, err);
	if (rc < 0)
		return rc;
	if (rc)
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

/* One HL7 message through the mapping into a record; a message the
 * mapping refuses is a rejected record, named by its number. */
static int read_hl7(struct px_reader *rd, struct px_rec **out, struct px_err *err)
{
	if (!rd->map)
		return px_err_at(err, PX_EINPUT, rd->name, 0, "hl7 input is not records"), -2;
	const struct px_hl7_msg *m;
	int rc = px_hl7_next(rd->hl7, &m, err);
	px_buf_reset(&rd->raw);
	px_buf_adds(&rd->raw, px_hl7_raw(rd->hl7));
	if (rc <= 0) {
		if (rc == -2)
			err->code = PX_EINPUT;
		return rc;
	}
	char label[32];
	snprintf(label, sizeof label, "message %ld", m->number);
	struct px_rec *r = rd->map(m, err);
	if (!r) {
		if (!err->code || err->code == PX_EINPUT || err->code == PX_ESTORE)
			err->code = PX_EREJECT;
		px_strlcpy(err->source, rd->name, sizeof err->source);
		if (!err->line)
			err->line = m->line;
		px_rec_err_label(err, label);
		return -1;
	}
	finish_rec(rd, r, m->line);
	px_rec_set_label(r, label);
	*out = r;
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
	case PX_FMT_HL7:
		return read_hl7(rd, out, err);
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
	px_hl7_reader_free(rd->hl7);
	px_buf_free(&rd->pre);
	px_buf_free(&rd->lbuf);
	px_buf_free(&rd->raw);
	free(rd->name);
	free(rd);
}

