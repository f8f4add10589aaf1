/* reader.c - records in: JSON Lines, a JSON array, CSV with a header row
 * and HL7 v2 messages through a mapping, the format detected from the
 * first bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <iconv.h>
#include <sys/stat.h>
#include <sys/types.h>

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
	char delim;        /* 0: libcsv's comma */
	int row_done;      /* a row ended during the last csv_parse */
	size_t row_bytes;
	size_t nul_field;  /* 1 + the index of the first field holding a NUL */
};

struct px_reader {
	FILE *f;
	int close_f;
	FILE *in;           /* the input's own bytes, before any transcoding */
	int64_t size;       /* of a regular file, else -1 */
	char *name;
	struct transcode *tc; /* the input read through iconv, or NULL */
	char *header_line;  /* CSV: the header line as read */
	char why[128];
	enum px_fmt fmt;
	char delim;        /* CSV: the delimiter; 0 until the header line tells */
	long line;          /* physical lines consumed */
	struct px_buf pre;  /* bytes read ahead to detect the format */
	size_t prepos;      /* the next of them to read */
	int last_pre;       /* the last byte read came from pre */
	struct px_buf lbuf; /* line buffer */
	struct px_buf raw;  /* raw text of the current record */
	int pending;        /* lbuf holds a line not yet processed */
	int eof;
	/* CSV */
	struct csv_state *csv;
	char **header;
	size_t nheader;
	/* JSON: 0 before the document, 1 in the array, 2 after its ']', 3
	 * at the end, checked */
	int arr_state;
	int spooled;        /* the document is read whole and checked */
	/* HL7 */
	struct px_hl7_reader *hl7;
	px_hl7_map_fn map;
	int csv_slow;       /* every row through libcsv (tests compare) */
};

static void csv_field_cb(void *s, size_t len, void *data)
{
	struct csv_state *cs = data;
	if (cs->nfields == cs->capfields) {
		cs->capfields = cs->capfields ? cs->capfields * 2 : 16;
		cs->fields = px_xrealloc(cs->fields, cs->capfields * sizeof *cs->fields);
	}
	if (s && !cs->nul_field && memchr(s, '\0', len))
		cs->nul_field = cs->nfields + 1;
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
	cs->nul_field = 0;
}

/* libcsv grows a field's buffer by its block size at a time, 128 bytes
 * unless told: a field of a megabyte would be copied thousands of times
 * over.  Blocks of 64 KiB keep a long field's copies few. */
static void csv_tune(struct csv_parser *p)
{
	csv_set_realloc_func(p, px_xrealloc);
	csv_set_blk_size(p, 64 * 1024);
}

static void csv_restart(struct csv_state *cs)
{
	csv_free(&cs->p);
	csv_init(&cs->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
	csv_tune(&cs->p);
	if (cs->delim)
		csv_set_delim(&cs->p, cs->delim);
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
	if (rd->prepos < rd->pre.len) {
		rd->last_pre = 1;
		return (unsigned char)rd->pre.s[rd->prepos++];
	}
	rd->last_pre = 0;
	return getc_unlocked(rd->f);
}

/* Puts back c, the byte rgetc returned last. */
static void rungetc(struct px_reader *rd, int c)
{
	if (rd->last_pre)
		rd->prepos--;
	else
		ungetc(c, rd->f);
	rd->last_pre = 0;
}

/* Whether the n bytes at s are all blanks (a NUL is not one). */
static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
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
		if (!blank(rd->lbuf.s, rd->lbuf.len))
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

/* ---------- input in another encoding ---------- */

/* A stream that reads another through iconv, into UTF-8. */
struct transcode {
	FILE *in;
	int close_in;
	iconv_t cd;
	char buf[16384];
	size_t len;          /* unconverted bytes at buf */
	int eof;
	long long consumed;  /* bytes of the input converted */
	long long bad_at;    /* the offset, from 1, of a byte not of the encoding */
	char encoding[64];
};

static ssize_t transcode_read(void *vt, char *out, size_t size)
{
	struct transcode *t = vt;
	size_t done = 0;
	while (done == 0 && size) {
		if (!t->eof && t->len < sizeof t->buf) {
			size_t n = fread(t->buf + t->len, 1, sizeof t->buf - t->len, t->in);
			t->len += n;
			if (n == 0) {
				if (ferror(t->in))
					return -1;
				t->eof = 1;
			}
		}
		if (!t->len)
			return 0;
		char *ip = t->buf, *op = out;
		size_t il = t->len, ol = size;
		size_t rc = iconv(t->cd, &ip, &il, &op, &ol);
		int e = errno;
		done = (size_t)(op - out);
		t->consumed += ip - t->buf;
		memmove(t->buf, ip, il);
		t->len = il;
		if (rc == (size_t)-1 && (e == EILSEQ || (e == EINVAL && t->eof)) && !done) {
			/* a byte that is not of the encoding, or a character cut off */
			t->bad_at = t->consumed + 1;
			errno = EILSEQ;
			return -1;
		}
		if (rc == (size_t)-1 && errno == E2BIG && !done)
			return -1;
	}
	return (ssize_t)done;
}

static int transcode_close(void *vt)
{
	struct transcode *t = vt;
	int rc = t->close_in ? fclose(t->in) : 0;
	iconv_close(t->cd);
	free(t);
	return rc;
}

/* A stream of the bytes of in, read as encoding, in UTF-8; NULL with err
 * for an encoding iconv does not know. */
static FILE *transcoded(FILE *in, int close_in, const char *path, const char *encoding,
			struct transcode **tc, struct px_err *err)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	if (cd == (iconv_t)-1) {
		px_err_at(err, PX_EINPUT, path, 0, "unknown encoding '%s'", encoding);
		return NULL;
	}
	struct transcode *t = px_xcalloc(1, sizeof *t);
	t->in = in;
	t->close_in = close_in;
	t->cd = cd;
	px_strlcpy(t->encoding, encoding, sizeof t->encoding);
	cookie_io_functions_t io = { .read = transcode_read, .close = transcode_close };
	FILE *f = fopencookie(t, "r", io);
	if (!f) {
		iconv_close(cd);
		free(t);
		px_err_at(err, PX_EINPUT, path, 0, "cannot read it: %s", strerror(errno));
		return NULL;
	}
	*tc = t;
	return f;
}

/* Why the input could not be read further. */
static const char *why_unread(struct px_reader *rd)
{
	if (rd->tc && rd->tc->bad_at) {
		snprintf(rd->why, sizeof rd->why, "byte %lld is not %s", rd->tc->bad_at,
			 rd->tc->encoding);
		return rd->why;
	}
	return strerror(errno);
}

struct px_reader *px_reader_open(const char *path, enum px_fmt fmt, struct px_err *err)
{
	return px_reader_open_as(path, fmt, NULL, err);
}

struct px_reader *px_reader_open_as(const char *path, enum px_fmt fmt, const char *encoding,
				    struct px_err *err)
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
	struct transcode *tc = NULL;
	if (encoding && *encoding && strcasecmp(encoding, "utf-8") && strcasecmp(encoding, "utf8")) {
		FILE *t = transcoded(f, close_f, path, encoding, &tc, err);
		if (!t) {
			if (close_f)
				fclose(f);
			return NULL;
		}
		f = t;
		close_f = 1;
	}
	struct px_reader *rd = px_xcalloc(1, sizeof *rd);
	struct stat sb;
	rd->in = tc ? tc->in : f;
	rd->size = !fstat(fileno(rd->in), &sb) && S_ISREG(sb.st_mode) ? (int64_t)sb.st_size : -1;
	rd->tc = tc;
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
	if (rd->fmt == PX_FMT_JSONL && first_line(rd))
		goto read_error;

	if (rd->fmt == PX_FMT_CSV) {
		rd->csv = px_xcalloc(1, sizeof *rd->csv);
		csv_init(&rd->csv->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
		csv_tune(&rd->csv->p);
	}
	if (rd->fmt == PX_FMT_HL7) {
		rd->hl7 = px_hl7_reader_new(f, rd->name);
		if (rd->tc)
			px_hl7_reader_utf8(rd->hl7);
		px_hl7_reader_unread(rd->hl7, rd->pre.s, rd->pre.len);
		rd->prepos = rd->pre.len;
	}
	px_err_clear(err);
	return rd;
read_error:
	px_err_at(err, PX_EINPUT, path, 0, "read error: %s", why_unread(rd));
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

const char *px_reader_header_line(const struct px_reader *rd)
{
	return rd->fmt == PX_FMT_CSV ? rd->header_line : NULL;
}

char px_reader_delim(const struct px_reader *rd)
{
	return rd->delim ? rd->delim : ',';
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
					 why_unread(rd)), -2;
		px_buf_reset(&rd->raw);
		if (rc == -1) {
			px_buf_adds(&rd->raw, "");
			return px_err_at(err, PX_EREJECT, rd->name, rd->line,
					 "line longer than %d bytes", PX_LINE_MAX);
		}
		if (blank(rd->lbuf.s, rd->lbuf.len))
			continue;
		px_buf_add(&rd->raw, rd->lbuf.s, rd->lbuf.len);
		struct px_rec *r;
		if (px_rec_parse_text(rd->lbuf.s, rd->lbuf.len, &r, err) <= 0) {
			err->code = PX_EREJECT;
			px_strlcpy(err->source, rd->name, sizeof err->source);
			err->line = rd->line;
			return -1;
		}
		*out = finish_rec(rd, r, rd->line);
		return 1;
	}
}

/*
 * JSON: one document, an array of records (or a single object, or any
 * other value that is then not a record).  A byte-level scanner cuts the
 * top-level elements out of the array and jansson parses each on its
 * own, so memory stays bounded by the largest element.  The document is
 * read whole at the first read, before its first record is handed out
 * (json_spool): kept
 * in a temporary file and checked, so that a syntax error anywhere in it
 * (a trailing comma, data after the closing ']', an element that is not
 * JSON) refuses the whole input before any of it is applied.
 */
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

/* A document that is not an array: read to its end as one value. */
static int json_single(struct px_reader *rd, int c, struct px_rec **out, struct px_err *err)
{
	long start = rd->line + 1;
	int toolong = 0;
	px_buf_reset(&rd->raw);
	for (; c != EOF; c = json_getc(rd))
		if (rd->raw.len < PX_LINE_MAX)
			px_buf_addc(&rd->raw, (char)c);
		else
			toolong = 1;
	rd->arr_state = 3;
	if (ferror(rd->f))
		return px_err_at(err, PX_EINPUT, rd->name, start, "read error: %s",
				 why_unread(rd)), -2;
	if (toolong)
		return px_err_at(err, PX_EREJECT, rd->name, start,
				 "record longer than %d bytes", PX_LINE_MAX);
	struct px_rec *r;
	int rc = px_rec_parse_text(rd->raw.s, rd->raw.len, &r, err);
	px_strlcpy(err->source, rd->name, sizeof err->source);
	err->line = start;
	if (rc < 0) {
		err->code = PX_EINPUT;
		return -2;
	}
	if (rc == 0)
		return -1;
	*out = finish_rec(rd, r, start);
	return 1;
}

/* After the closing ']': nothing but blanks to the end. */
static int json_end(struct px_reader *rd, struct px_err *err)
{
	int c = skip_ws(rd);
	rd->arr_state = 3;
	if (c != EOF)
		return px_err_at(err, PX_EINPUT, rd->name, rd->line + 1,
				 "unexpected data after the JSON array"), -2;
	return 0;
}

/* The document's opening: a byte order mark, blanks, then '[' (1, the
 * first element's byte in *c, or 0 for an empty array) or a single
 * value (2, its first byte in *c). */
static int json_open(struct px_reader *rd, int *c)
{
	*c = skip_ws(rd);
	if (*c == 0xEF && rd->line == 0) {
		int b = json_getc(rd), o = json_getc(rd);
		if (b != 0xBB || o != 0xBF)
			return 2; /* not a byte order mark: no JSON starts so */
		*c = skip_ws(rd);
	}
	if (*c != '[')
		return 2;
	rd->arr_state = 1;
	*c = skip_ws(rd);
	if (*c == ']') {
		rd->arr_state = 2;
		return 0;
	}
	return 1;
}

static int read_json_array(struct px_reader *rd, struct px_rec **out, struct px_err *err)
{
	int c;
	if (rd->arr_state == 3)
		return 0;
	if (rd->arr_state == 2)
		return json_end(rd, err);
	if (rd->arr_state == 0) {
		int k = json_open(rd, &c);
		if (k == 0)
			return json_end(rd, err);
		if (k == 2)
			return json_single(rd, c, out, err);
	} else {
		c = skip_ws(rd); /* after a ',' */
		if (c == ']')
			return px_err_at(err, PX_EINPUT, rd->name, rd->line + 1,
					 "trailing comma in JSON array"), -2;
	}
	long start = rd->line + 1;
	if (c == ',')
		return px_err_at(err, PX_EINPUT, rd->name, start,
				 "missing value in JSON array"), -2;
	px_buf_reset(&rd->raw);
	int rc = json_element(rd, c, start, err);
	if (rc < 0)
		return rc;
	if (rc)
		return px_err_at(err, PX_EREJECT, rd->name, start,
				 "record longer than %d bytes", PX_LINE_MAX);
	while (rd->raw.len && memchr(" \t\r\n", rd->raw.s[rd->raw.len - 1], 4))
		rd->raw.s[--rd->raw.len] = '\0';
	struct px_rec *r;
	rc = px_rec_parse_text(rd->raw.s, rd->raw.len, &r, err);
	if (rc <= 0) {
		px_strlcpy(err->source, rd->name, sizeof err->source);
		err->line = start;
		if (rc < 0) { /* not JSON: the document is not JSON either */
			err->code = PX_EINPUT;
			return -2;
		}
		return -1;
	}
	*out = finish_rec(rd, r, start);
	return 1;
}

/* Copies the input into a temporary file that then stands for it, and
 * reads the document through once: PX_OK when it is well-formed (its
 * records may still be bad), else the error that refuses it whole. */
static int json_spool(struct px_reader *rd, struct px_err *err)
{
	FILE *t = tmpfile();
	if (!t)
		return px_fail_at(err, PX_EINPUT, rd->name, 0,
				  "cannot make a temporary file: %s", strerror(errno));
	if (rd->prepos < rd->pre.len)
		fwrite(rd->pre.s + rd->prepos, 1, rd->pre.len - rd->prepos, t);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, rd->f)) > 0)
		fwrite(buf, 1, n, t);
	int rerr = ferror(rd->f), werr = fflush(t) || ferror(t);
	int e = errno;
	if (rd->close_f)
		fclose(rd->f);
	rd->f = t;
	rd->close_f = 1;
	rd->prepos = rd->pre.len;
	if (rerr || werr) {
		return px_fail_at(err, PX_EINPUT, rd->name, 0, "%s error: %s",
				  rerr ? "read" : "temporary file write", strerror(e));
	}
	rewind(t);
	struct px_rec *r;
	int rc;
	while ((rc = read_json_array(rd, &r, err)) != 0) {
		if (rc == -2)
			return err->code ? err->code : PX_EINPUT;
		if (rc == 1)
			px_rec_free(r);
	}
	rewind(t);
	rd->line = 0;
	rd->arr_state = 0;
	px_buf_reset(&rd->raw);
	return PX_OK;
}

/*
 * One physical CSV line into rd->lbuf, its end kept: LF, CR LF, or a CR
 * alone (files from old Macs end their lines so); at most PX_LINE_MAX
 * bytes of it.  *tlen is the length of the line end, *quotes whether the
 * line (all of it, kept or not) has an odd number of '"'.  1, 0 at the
 * end of input, -1 too long (consumed to its end), -2 read error.
 */
static int csv_line(struct px_reader *rd, size_t *tlen, int *quotes)
{
	px_buf_reset(&rd->lbuf);
	px_buf_grow(&rd->lbuf, 0);
	int c, any = 0, toolong = 0;
	*quotes = 0;
	*tlen = 0;
	while ((c = rgetc(rd)) != EOF) {
		any = 1;
		if (c == '"')
			*quotes ^= 1;
		if (c == '\n' || c == '\r') {
			px_buf_addc(&rd->lbuf, (char)c);
			*tlen = 1;
			if (c == '\r') {
				int d = rgetc(rd);
				if (d == '\n') {
					px_buf_addc(&rd->lbuf, '\n');
					*tlen = 2;
				} else if (d != EOF) {
					rungetc(rd, d);
				}
			}
			break;
		}
		if (rd->lbuf.len >= PX_LINE_MAX)
			toolong = 1;
		else
			px_buf_addc(&rd->lbuf, (char)c);
	}
	rd->lbuf.s[rd->lbuf.len] = '\0';
	if (ferror(rd->f))
		return -2;
	if (!any)
		return 0;
	rd->line++;
	if (rd->line == 1 && !strncmp(rd->lbuf.s, "\xEF\xBB\xBF", 3)) {
		memmove(rd->lbuf.s, rd->lbuf.s + 3, rd->lbuf.len - 2);
		rd->lbuf.len -= 3;
	}
	return toolong ? -1 : 1;
}

/* The rest of a row too long to keep, skipped: its lines up to one that
 * ends outside quotes (inq: the row is inside quotes so far). */
static int csv_skip(struct px_reader *rd, int inq, long start, struct px_err *err)
{
	size_t tlen;
	int q, rc = 1;
	while (inq && (rc = csv_line(rd, &tlen, &q)) != 0 && rc != -2)
		inq ^= q;
	csv_restart(rd->csv);
	if (rc == -2)
		return px_err_at(err, PX_EINPUT, rd->name, rd->line, "read error: %s",
				 why_unread(rd)), -2;
	return px_err_at(err, PX_EREJECT, rd->name, start, "record longer than %d bytes",
			 PX_LINE_MAX);
}

/* The delimiter a header line uses: of ',', ';', tab and '|', the one it
 * has most of outside quotes; ',' for ties and none. */
static char sniff_delim(const char *s, size_t n)
{
	static const char cand[] = { ',', ';', '\t', '|' };
	size_t count[4] = { 0 };
	int inq = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			inq ^= 1;
		for (int k = 0; k < 4 && !inq; k++)
			count[k] += s[i] == cand[k];
	}
	int best = 0;
	for (int k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	return cand[best];
}

void px_reader_csv_bytewise(struct px_reader *rd)
{
	rd->csv_slow = 1;
}

void px_reader_delimiter(struct px_reader *rd, char delim)
{
	rd->delim = delim;
	if (rd->csv) {
		rd->csv->delim = delim;
		csv_set_delim(&rd->csv->p, delim);
	}
}

/* A field of a line without quotes, as libcsv gives it: blanks (space
 * and tab, unless the tab is the delimiter) trimmed from both ends. */
static void csv_plain_field(struct csv_state *cs, const char *s, size_t n)
{
	char d = cs->delim ? cs->delim : ',';
	while (n && (*s == ' ' || *s == '\t') && *s != d)
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t') && s[n - 1] != d)
		n--;
	csv_field_cb((void *)s, n, cs);
}

/* A row that is one line without quotes or NUL bytes, which is what
 * most rows of an export are, split at its delimiters without libcsv's
 * byte-at-a-time state machine; the fields are those libcsv makes of it
 * (tests/unit/records.c compares the two). */
static void csv_plain_row(struct csv_state *cs, const char *s, size_t n)
{
	char d = cs->delim ? cs->delim : ',';
	const char *end = s + n, *q;
	while ((q = memchr(s, d, (size_t)(end - s)))) {
		csv_plain_field(cs, s, (size_t)(q - s));
		s = q + 1;
	}
	csv_plain_field(cs, s, (size_t)(end - s));
	cs->row_done = 1;
}

/* One CSV row into cs->fields.  1 row, 0 EOF, -1 bad row (skipped to
 * its end), -2 fatal. */
static int csv_row(struct px_reader *rd, long *start, struct px_err *err)
{
	struct csv_state *cs = rd->csv;
	csv_clear_fields(cs);
	cs->row_done = 0;
	cs->row_bytes = 0;
	px_buf_reset(&rd->raw);
	*start = 0;
	int inq = 0;
	for (;;) {
		size_t tlen;
		int q, rc = rd->eof ? 0 : csv_line(rd, &tlen, &q);
		if (rc == -2)
			return px_err_at(err, PX_EINPUT, rd->name, rd->line, "read error: %s",
					 why_unread(rd)), -2;
		if (rc == 0) {
			rd->eof = 1;
			if (csv_fini(&cs->p, csv_field_cb, csv_row_cb, cs)) {
				long l = *start ? *start : rd->line;
				csv_restart(cs);
				return px_err_at(err, PX_EREJECT, rd->name, l,
						 "unterminated quoted field");
			}
			return cs->row_done ? 1 : 0;
		}
		inq ^= q;
		if (!*start) {
			if (rc == 1 && blank(rd->lbuf.s, rd->lbuf.len - tlen) && !cs->nfields)
				continue; /* blank line between rows */
			*start = rd->line;
		}
		if (!rd->delim) {
			/* the header line tells: the one of , ; tab | it has most of,
			 * outside quotes; a comma when it has none */
			rd->delim = sniff_delim(rd->lbuf.s, rd->lbuf.len);
			cs->delim = rd->delim;
			csv_set_delim(&cs->p, rd->delim);
		}
		cs->row_bytes += rd->lbuf.len;
		if (rc == -1 || cs->row_bytes > PX_LINE_MAX)
			return csv_skip(rd, inq, *start, err);
		if (!rd->csv_slow && !inq && !rd->raw.len && !memchr(rd->lbuf.s, '"', rd->lbuf.len) &&
		    !memchr(rd->lbuf.s, '\0', rd->lbuf.len)) {
			px_buf_add(&rd->raw, rd->lbuf.s, rd->lbuf.len - tlen);
			csv_plain_row(cs, rd->lbuf.s, rd->lbuf.len - tlen);
			return 1;
		}
		if (rd->raw.len)
			px_buf_addc(&rd->raw, '\n');
		px_buf_add(&rd->raw, rd->lbuf.s, rd->lbuf.len - tlen);
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

/* Orders header columns by name, then by position. */
static int col_cmp(const void *a, const void *b, void *hdr)
{
	char **h = hdr;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int k = strcmp(h[i], h[j]);
	return k ? k : (i > j) - (i < j);
}

/* The header's checks: UTF-8, no NUL, no empty name, no name twice
 * (found by sorting, so that a wide header is checked as fast as a
 * narrow one).  PX_OK or -2 with err set. */
static int csv_header(struct px_reader *rd, long start, size_t nul_field, struct px_err *err)
{
	if (nul_field)
		return px_err_at(err, PX_EINPUT, rd->name, start,
				 "NUL byte in header (column %zu)", nul_field), -2;
	for (size_t i = 0; i < rd->nheader; i++) {
		if (!px_utf8_valid(rd->header[i], strlen(rd->header[i])))
			return px_err_at(err, PX_EINPUT, rd->name, start,
					 "invalid UTF-8 in header (column %zu)", i + 1), -2;
		if (!rd->header[i][0])
			return px_err_at(err, PX_EINPUT, rd->name, start,
					 "empty column name in header (column %zu)", i + 1), -2;
	}
	size_t *ix = px_xcalloc(rd->nheader ? rd->nheader : 1, sizeof *ix);
	for (size_t i = 0; i < rd->nheader; i++)
		ix[i] = i;
	qsort_r(ix, rd->nheader, sizeof *ix, col_cmp, rd->header);
	size_t dup = rd->nheader; /* the first column that repeats an earlier one */
	for (size_t i = 1; i < rd->nheader; i++)
		if (!strcmp(rd->header[ix[i]], rd->header[ix[i - 1]]) && ix[i] < dup)
			dup = ix[i];
	free(ix);
	if (dup < rd->nheader) {
		char q[200];
		px_utf8_quote(rd->header[dup], strlen(rd->header[dup]), q, sizeof q);
		return px_err_at(err, PX_EINPUT, rd->name, start,
				 "duplicate column '%s' in header", q), -2;
	}
	return PX_OK;
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
		free(rd->header_line);
		rd->header_line = px_xstrdup(px_reader_raw(rd));
		size_t nul = cs->nul_field;
		cs->fields = NULL;
		cs->nfields = cs->capfields = 0;
		if (csv_header(rd, start, nul, err))
			return -2;
	}
	rc = csv_row(rd, &start, err);
	if (rc <= 0)
		return rc;
	if (cs->nfields != rd->nheader)
		return px_err_at(err, PX_EREJECT, rd->name, start,
				 "expected %zu fields, found %zu", rd->nheader, cs->nfields);
	char q[200];
	if (cs->nul_field) {
		const char *h = rd->header[cs->nul_field - 1];
		return px_err_at(err, PX_EREJECT, rd->name, start, "NUL byte in column '%s'",
				 px_utf8_quote(h, strlen(h), q, sizeof q));
	}
	for (size_t i = 0; i < cs->nfields; i++)
		if (!px_utf8_valid(cs->fields[i], strlen(cs->fields[i])))
			return px_err_at(err, PX_EREJECT, rd->name, start,
					 "invalid UTF-8 in column '%s'",
					 px_utf8_quote(rd->header[i], strlen(rd->header[i]), q,
						       sizeof q));
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

void px_reader_bytes(const struct px_reader *rd, int64_t *done, int64_t *size)
{
	off_t at = rd->size >= 0 ? ftello(rd->in) : -1;
	*done = at >= 0 ? (int64_t)at : -1;
	*size = rd->size;
}

int px_reader_next(struct px_reader *rd, struct px_rec **out, struct px_err *err)
{
	*out = NULL;
	px_err_clear(err);
	switch (rd->fmt) {
	case PX_FMT_JSONL:
		return read_jsonl(rd, out, err);
	case PX_FMT_JSON:
		if (!rd->spooled) { /* at the first read, so that opening never waits */
			rd->spooled = 1;
			if (json_spool(rd, err)) {
				rd->arr_state = 3;
				return -2;
			}
		}
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
	if (rd)
		free(rd->header_line);
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

