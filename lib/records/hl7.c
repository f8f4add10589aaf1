/* hl7.c - HL7 v2 framing and field access; see hl7.h. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "records/hl7.h"
#include "records/record.h"
#include "base/utf8.h"
#include "base/banned.h"

struct px_hl7_reader {
	FILE *f;
	char *name;
	long line;            /* line of the next byte */
	struct px_buf seg;    /* the segment read ahead */
	long seg_line;
	int have_seg;         /* seg holds a segment not yet used */
	int seg_bad;          /* it was longer than PX_LINE_MAX */
	int boundary;         /* an MLLP block edge came before it */
	int eof;
	long msgno;
	struct px_hl7_msg msg;
	struct px_buf raw;
	struct px_buf pre;    /* bytes read before the reader (px_hl7_reader_unread) */
	size_t prepos;
	int last_pre;         /* the last byte read came from pre */
	int utf8;             /* the input is UTF-8 already: MSH-18 is not applied */
};

/* The next byte, unread bytes first. */
static int hgetc(struct px_hl7_reader *rd)
{
	if (rd->prepos < rd->pre.len) {
		rd->last_pre = 1;
		return (unsigned char)rd->pre.s[rd->prepos++];
	}
	rd->last_pre = 0;
	return getc_unlocked(rd->f);
}

/* Puts back c, the byte hgetc returned last. */
static void hungetc(struct px_hl7_reader *rd, int c)
{
	if (rd->last_pre)
		rd->prepos--;
	else
		ungetc(c, rd->f);
	rd->last_pre = 0;
}

static int hready(const struct px_hl7_reader *rd)
{
	return rd->prepos < rd->pre.len || px_input_ready(rd->f);
}

struct px_hl7_reader *px_hl7_reader_new(FILE *f, const char *name)
{
	struct px_hl7_reader *rd = px_xcalloc(1, sizeof *rd);
	rd->f = f;
	rd->name = px_xstrdup(name);
	rd->line = 1;
	return rd;
}

void px_hl7_msg_free(struct px_hl7_msg *m)
{
	px_buf_free(&m->text);
	free(m->segs);
	memset(m, 0, sizeof *m);
}

void px_hl7_reader_free(struct px_hl7_reader *rd)
{
	if (!rd)
		return;
	free(rd->name);
	px_buf_free(&rd->seg);
	px_buf_free(&rd->raw);
	px_buf_free(&rd->pre);
	px_hl7_msg_free(&rd->msg);
	free(rd);
}

void px_hl7_reader_utf8(struct px_hl7_reader *rd)
{
	rd->utf8 = 1;
}

void px_hl7_reader_unread(struct px_hl7_reader *rd, const char *p, size_t n)
{
	struct px_buf b = PX_BUF_INIT;
	if (n)
		px_buf_add(&b, p, n);
	if (rd->pre.len > rd->prepos)
		px_buf_add(&b, rd->pre.s + rd->prepos, rd->pre.len - rd->prepos);
	px_buf_free(&rd->pre);
	rd->pre = b;
	rd->prepos = 0;
	rd->last_pre = 0;
}

int px_hl7_ready(const struct px_hl7_reader *rd)
{
	return rd->eof || hready(rd);
}

const char *px_hl7_raw(const struct px_hl7_reader *rd)
{
	return rd->raw.s ? rd->raw.s : "";
}

/* Consumes the CR that closes an MLLP block when it has come with the
 * block, so that a reader fed a block at a time is not left waiting on
 * it for the block's message. */
static void block_end(struct px_hl7_reader *rd)
{
	if (!hready(rd))
		return;
	int d = hgetc(rd);
	if (d == '\r' || d == '\n') {
		rd->line++;
		if (d == '\r' && hready(rd)) {
			int e = hgetc(rd);
			if (e != '\n' && e != EOF)
				hungetc(rd, e);
		}
	} else if (d != EOF) {
		hungetc(rd, d);
	}
}

/* Reads the next non-empty segment into rd->seg.  1 read, 0 end of input,
 * 2 the end of an MLLP block (nothing read after it, so that a message
 * streamed in its block is complete without waiting for the next one),
 * -2 read error. */
static int read_segment(struct px_hl7_reader *rd)
{
	px_buf_reset(&rd->seg);
	rd->seg_bad = 0;
	rd->boundary = 0;
	int c;
	for (;;) {
		c = hgetc(rd);
		if (c == EOF)
			break;
		if (c == 0x0B || c == 0x1C) {
			rd->boundary = 1;
			if (rd->seg.len || rd->seg_bad)
				break;
			if (c == 0x1C) {
				block_end(rd);
				return 2;
			}
			continue;
		}
		if (c == '\r' || c == '\n') {
			if (c == '\r') {
				int d = hgetc(rd);
				if (d != '\n' && d != EOF)
					hungetc(rd, d);
			}
			rd->line++;
			if (rd->seg.len || rd->seg_bad)
				break;
			continue;
		}
		if (!rd->seg.len && !rd->seg_bad)
			rd->seg_line = rd->line;
		if (rd->seg.len >= PX_LINE_MAX)
			rd->seg_bad = 1;
		else
			px_buf_addc(&rd->seg, (char)c);
	}
	if (ferror(rd->f))
		return -2;
	if (c == 0x1C || c == 0x0B)
		hungetc(rd, c); /* seen again before the next segment */
	if (!rd->seg.len && !rd->seg_bad)
		return 0;
	return 1;
}

static int is_batch(const char *s, size_t n)
{
	return n >= 3 && (!memcmp(s, "FHS", 3) || !memcmp(s, "BHS", 3) ||
			  !memcmp(s, "BTS", 3) || !memcmp(s, "FTS", 3));
}

static int seg_id_ok(const char *s, size_t n)
{
	if (n < 3)
		return 0;
	for (int i = 0; i < 3; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return n == 3 || !((s[3] >= 'A' && s[3] <= 'Z') || (s[3] >= '0' && s[3] <= '9'));
}

static void msg_reset(struct px_hl7_msg *m)
{
	px_buf_reset(&m->text);
	m->nsegs = 0;
	m->fs = '|';
	m->cs = '^';
	m->rs = '~';
	m->es = '\\';
	m->ss = '&';
}

static void msg_add(struct px_hl7_msg *m, const char *s, size_t n, long line)
{
	if (m->nsegs == m->capsegs) {
		m->capsegs = m->capsegs ? m->capsegs * 2 : 16;
		m->segs = px_xrealloc(m->segs, m->capsegs * sizeof *m->segs);
	}
	struct px_hl7_seg *g = &m->segs[m->nsegs++];
	g->off = m->text.len;
	g->len = n;
	g->line = line;
	px_buf_add(&m->text, s, n);
	px_buf_addc(&m->text, '\n');
}

/* Reads the delimiters from an MSH segment; -1 when they are unusable. */
static int msh_delims(struct px_hl7_msg *m, const char *s, size_t n, struct px_err *err)
{
	if (n < 8) /* MSH|^~\& */
		return px_err_set(err, PX_EREJECT, "MSH too short for its delimiters");
	char d[5];
	d[0] = s[3];
	size_t k = 4, j = 1;
	while (k < n && s[k] != d[0] && j < 5)
		d[j++] = s[k++];
	if (j < 4)
		return px_err_set(err, PX_EREJECT, "MSH-2 needs at least 3 encoding characters");
	if (j == 4)
		d[4] = '&';
	for (int a = 0; a < 5; a++) {
		unsigned char c = (unsigned char)d[a];
		if (c < 0x20 || c >= 0x7F || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ')
			return px_err_set(err, PX_EREJECT, "bad delimiter in MSH-1 or MSH-2");
		for (int b = 0; b < a; b++)
			if (d[a] == d[b] && !(a == 4 && j == 4))
				return px_err_set(err, PX_EREJECT, "repeated delimiter in MSH-2");
	}
	m->fs = d[0];
	m->cs = d[1];
	m->rs = d[2];
	m->es = d[3];
	m->ss = d[4];
	return 0;
}

/* Takes a segment of the message: NULL when it is added, else what is
 * wrong with it (in pbuf when it has to be formatted). */
static const char *take_segment(struct px_hl7_reader *rd, struct px_hl7_msg *m, int msh,
				char pbuf[160], struct px_err *err)
{
	const char *s = rd->seg.s;
	size_t n = rd->seg.len;
	if (rd->seg_bad)
		return "segment too long";
	if (!m->nsegs && !msh) {
		char q[16];
		px_utf8_quote(s, n < 3 ? n : 3, q, sizeof q);
		snprintf(pbuf, 160, "segment '%s' outside a message", q);
		return pbuf;
	}
	if (msh && msh_delims(m, s, n, err)) {
		px_strlcpy(pbuf, err->text, 160);
		return pbuf;
	}
	if (!seg_id_ok(s, n) || (n > 3 && s[3] != m->fs))
		return "malformed segment name";
	if (m->nsegs >= PX_HL7_SEG_MAX || m->text.len + n + 1 > PX_HL7_MSG_MAX)
		return "message too long";
	msg_add(m, s, n, rd->seg_line);
	return NULL;
}

/* Reads ahead a segment unless one is held: 1 one is, 0 the end of
 * input, 2 the end of an MLLP block, -2 a read error. */
static int have_segment(struct px_hl7_reader *rd)
{
	if (rd->have_seg)
		return 1;
	int rc = rd->eof ? 0 : read_segment(rd);
	if (rc == 0)
		rd->eof = 1;
	if (rc == 1)
		rd->have_seg = 1;
	return rc;
}

/* HL7's character sets (table 0211, MSH-18) whose bytes cannot be taken
 * for a delimiter, as iconv names them; "" for those a message needs
 * nothing done to.  A multibyte set whose bytes may look like '|' or '^'
 * (BIG-5, GB 18030, UTF-16...) cannot be framed before it is decoded and
 * is not read. */
static const struct {
	const char *hl7, *iconv;
} charsets[] = {
	{ "ASCII", "" }, { "ISO IR6", "" }, { "UNICODE UTF-8", "" },
	{ "8859/1", "ISO-8859-1" }, { "8859/2", "ISO-8859-2" }, { "8859/3", "ISO-8859-3" },
	{ "8859/4", "ISO-8859-4" }, { "8859/5", "ISO-8859-5" }, { "8859/6", "ISO-8859-6" },
	{ "8859/7", "ISO-8859-7" }, { "8859/8", "ISO-8859-8" }, { "8859/9", "ISO-8859-9" },
	{ "8859/15", "ISO-8859-15" },
	{ "ISO IR100", "ISO-8859-1" }, { "ISO IR101", "ISO-8859-2" }, { "ISO IR109", "ISO-8859-3" },
	{ "ISO IR110", "ISO-8859-4" }, { "ISO IR144", "ISO-8859-5" }, { "ISO IR127", "ISO-8859-6" },
	{ "ISO IR126", "ISO-8859-7" }, { "ISO IR138", "ISO-8859-8" }, { "ISO IR148", "ISO-8859-9" },
	{ "WINDOWS-1256", "WINDOWS-1256" }, { "CP1256", "WINDOWS-1256" },
	{ "WINDOWS-1252", "WINDOWS-1252" }, { "CP1252", "WINDOWS-1252" },
};

/* Decodes a message written in the character set its MSH-18 names into
 * UTF-8, the segments kept in place; NULL when done (or nothing to do),
 * else what is wrong (in pbuf). */
static int field_raw(const struct px_hl7_msg *m, int seg, int field, const char **p, size_t *n);

static const char *decode_charset(struct px_hl7_msg *m, char pbuf[160], long *line)
{
	const char *p;
	size_t n;
	if (!m->nsegs || !field_raw(m, 0, 18, &p, &n) || !n)
		return NULL;
	const char *rep = memchr(p, m->rs, n);
	if (rep)
		n = (size_t)(rep - p); /* the first repetition is the message's */
	char name[32];
	if (n >= sizeof name)
		n = sizeof name - 1;
	memcpy(name, p, n);
	name[n] = '\0';
	const char *cs = NULL;
	for (size_t i = 0; i < sizeof charsets / sizeof *charsets; i++)
		if (!strcasecmp(name, charsets[i].hl7))
			cs = charsets[i].iconv;
	if (!cs) {
		char q[48];
		px_utf8_quote(name, strlen(name), q, sizeof q);
		snprintf(pbuf, 160, "MSH-18: character set '%s' is not read", q);
		return pbuf;
	}
	if (!*cs)
		return NULL;
	iconv_t cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1) {
		snprintf(pbuf, 160, "MSH-18: character set '%s' is not known here", name);
		return pbuf;
	}
	struct px_buf out = { 0 };
	size_t cap = m->text.len * 3 + 1; /* a byte of these sets is 3 bytes of UTF-8 at most */
	px_buf_grow(&out, cap);
	char *ip = m->text.s, *op = out.s;
	size_t il = m->text.len, ol = cap;
	size_t rc = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	if (rc == (size_t)-1) {
		size_t at = (size_t)(ip - m->text.s), seg = 0;
		for (size_t i = 0; i < m->nsegs; i++)
			if (m->segs[i].off <= at)
				seg = i;
		*line = m->segs[seg].line;
		snprintf(pbuf, 160, "%.3s: byte 0x%02X (byte %zu of the segment) is not %s (MSH-18)",
			 m->text.s + m->segs[seg].off, (unsigned char)*ip,
			 at - m->segs[seg].off + 1, name);
		px_buf_free(&out);
		return pbuf;
	}
	out.len = (size_t)(op - out.s);
	out.s[out.len] = '\0';
	/* the same segments, each still ended by '\n' */
	size_t off = 0;
	for (size_t i = 0; i < m->nsegs; i++) {
		const char *nl = memchr(out.s + off, '\n', out.len - off);
		size_t end = nl ? (size_t)(nl - out.s) : out.len;
		m->segs[i].off = off;
		m->segs[i].len = end - off;
		off = end + 1;
	}
	px_buf_free(&m->text);
	m->text = out;
	return NULL;
}

int px_hl7_next(struct px_hl7_reader *rd, const struct px_hl7_msg **out, struct px_err *err)
{
	struct px_hl7_msg *m = &rd->msg;
	msg_reset(m);
	px_buf_reset(&rd->raw);
	px_buf_grow(&rd->raw, 0);
	rd->raw.s[0] = '\0';
	const char *problem = NULL;
	char pbuf[160];
	long bad_line = 0;
	int started = 0; /* a message (or a stray segment run) is under way */
	for (;;) {
		int rc = have_segment(rd);
		if (rc == -2)
			return px_err_at(err, PX_EINPUT, rd->name, rd->line, "read error: %s",
					 strerror(errno)), -2;
		if (rc == 0 || (rc == 2 && started))
			break;
		if (rc == 2)
			continue;
		const char *s = rd->seg.s;
		size_t n = rd->seg.len;
		if (started && rd->boundary)
			break;
		rd->boundary = 0;
		if (!rd->seg_bad && is_batch(s, n) && seg_id_ok(s, n)) {
			if (started)
				break;
			rd->have_seg = 0;
			continue;
		}
		int msh = !rd->seg_bad && n >= 3 && !memcmp(s, "MSH", 3);
		if (msh && started)
			break;
		if (!started) {
			started = 1;
			m->line = rd->seg_line;
			m->number = ++rd->msgno;
		}
		rd->have_seg = 0;
		if (rd->raw.len + n + 1 <= PX_HL7_MSG_MAX) {
			px_buf_add(&rd->raw, s, n);
			px_buf_addc(&rd->raw, '\n');
		}
		if (!problem && (problem = take_segment(rd, m, msh, pbuf, err)))
			bad_line = rd->seg_line;
	}
	if (!started)
		return 0;
	bad_line = problem ? bad_line : m->line;
	if (!problem && !rd->utf8)
		problem = decode_charset(m, pbuf, &bad_line);
	if (problem) {
		px_err_at(err, PX_EREJECT, rd->name, bad_line, "message %ld: %s", m->number, problem);
		return -1;
	}
	*out = m;
	return 1;
}

int px_hl7_parse(struct px_hl7_msg *m, const char *text, size_t n, struct px_err *err)
{
	FILE *f = fmemopen((void *)text, n, "r");
	if (!f)
		return px_err_set(err, PX_EINPUT, "cannot read message");
	struct px_hl7_reader *rd = px_hl7_reader_new(f, "message");
	const struct px_hl7_msg *got;
	int rc = px_hl7_next(rd, &got, err);
	if (rc == 1) {
		*m = rd->msg;
		memset(&rd->msg, 0, sizeof rd->msg);
	} else if (rc == 0) {
		px_err_set(err, PX_EREJECT, "no message");
	}
	px_hl7_reader_free(rd);
	fclose(f);
	return rc == 1 ? 0 : -1;
}

int px_hl7_seg_find(const struct px_hl7_msg *m, const char *id, int nth)
{
	for (size_t i = 0; i < m->nsegs; i++)
		if (!memcmp(m->text.s + m->segs[i].off, id, 3) && --nth <= 0)
			return (int)i;
	return -1;
}

void px_hl7_seg_name(const struct px_hl7_msg *m, int seg, char id[4])
{
	id[0] = '\0';
	if (seg < 0 || (size_t)seg >= m->nsegs)
		return;
	memcpy(id, m->text.s + m->segs[seg].off, 3);
	id[3] = '\0';
}

/* Narrows [*p, *p + *n) to its idx-th (from 1) piece split by sep; 0 when
 * there is no such piece. */
static int piece(const char **p, size_t *n, char sep, int idx)
{
	const char *s = *p, *end = *p + *n;
	for (int i = 1; i < idx; i++) {
		const char *q = memchr(s, sep, (size_t)(end - s));
		if (!q)
			return 0;
		s = q + 1;
	}
	const char *q = memchr(s, sep, (size_t)(end - s));
	*p = s;
	*n = q ? (size_t)(q - s) : (size_t)(end - s);
	return 1;
}

/* The raw text of a field (all repetitions). */
static int field_raw(const struct px_hl7_msg *m, int seg, int field, const char **p, size_t *n)
{
	if (seg < 0 || (size_t)seg >= m->nsegs || field < 1)
		return 0;
	const char *s = m->text.s + m->segs[seg].off;
	size_t len = m->segs[seg].len;
	int msh = !memcmp(s, "MSH", 3);
	if (msh && field == 1) {
		*p = s + 3;
		*n = 1;
		return 1;
	}
	if (msh && field == 2) {
		/* MSH-2 is taken literally: its characters are not delimiters */
		const char *q = s + 4, *end = s + len;
		const char *e = memchr(q, m->fs, (size_t)(end - q));
		*p = q;
		*n = e ? (size_t)(e - q) : (size_t)(end - q);
		return 1;
	}
	if (len <= 4)
		return 0;
	*p = s + 4;
	*n = len - 4;
	return piece(p, n, m->fs, msh ? field - 1 : field);
}

int px_hl7_rep_next(const struct px_hl7_msg *m, int seg, int field, struct px_hl7_rep *it)
{
	if (!it->started) {
		it->started = 1;
		if (!field_raw(m, seg, field, &it->rest, &it->left) || !it->left)
			return 0;
		it->more = 1;
	}
	if (!it->more)
		return 0;
	const char *q = memchr(it->rest, m->rs, it->left);
	it->p = it->rest;
	it->n = q ? (size_t)(q - it->rest) : it->left;
	it->more = q != NULL;
	if (q) {
		it->left -= it->n + 1;
		it->rest = q + 1;
	}
	it->index++;
	return 1;
}

int px_hl7_rep_get(const struct px_hl7_msg *m, const struct px_hl7_rep *it, int comp, int sub,
		   struct px_buf *out)
{
	px_buf_reset(out);
	px_buf_grow(out, 0);
	out->s[0] = '\0';
	const char *p = it->p;
	size_t n = it->n;
	if (comp > 0 && !piece(&p, &n, m->cs, comp))
		return 0;
	if (comp > 0 && sub > 0 && !piece(&p, &n, m->ss, sub))
		return 0;
	if (n == 2 && p[0] == '"' && p[1] == '"')
		return 0;
	px_hl7_unescape(m, p, n, out);
	return out->len > 0;
}

int px_hl7_reps(const struct px_hl7_msg *m, int seg, int field)
{
	const char *p;
	size_t n;
	if (!field_raw(m, seg, field, &p, &n) || !n)
		return 0;
	int k = 1;
	for (size_t i = 0; i < n; i++)
		k += p[i] == m->rs;
	return k;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

void px_hl7_unescape(const struct px_hl7_msg *m, const char *s, size_t n, struct px_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != m->es) {
			px_buf_addc(out, s[i]);
			continue;
		}
		const char *q = memchr(s + i + 1, m->es, n - i - 1);
		if (!q) { /* a lone escape character stands for itself */
			px_buf_addc(out, s[i]);
			continue;
		}
		const char *e = s + i + 1;
		size_t k = (size_t)(q - e);
		if (k == 1 && *e == 'F')
			px_buf_addc(out, m->fs);
		else if (k == 1 && *e == 'S')
			px_buf_addc(out, m->cs);
		else if (k == 1 && *e == 'T')
			px_buf_addc(out, m->ss);
		else if (k == 1 && *e == 'R')
			px_buf_addc(out, m->rs);
		else if (k == 1 && *e == 'E')
			px_buf_addc(out, m->es);
		else if (k >= 1 && *e == 'X') {
			for (size_t j = 1; j + 1 < k; j += 2) {
				int hi = hexval(e[j]), lo = hexval(e[j + 1]);
				if (hi < 0 || lo < 0)
					break;
				px_buf_addc(out, (char)(hi * 16 + lo));
			}
		} else if (k >= 3 && !memcmp(e, ".br", 3)) {
			px_buf_addc(out, ' ');
		} else if (k == 1 && (*e == 'H' || *e == 'N')) {
			/* highlighting on and off: nothing to keep */
		} else if (k >= 1 && (*e == 'C' || *e == 'M' || *e == '.' || *e == 'Z')) {
			/* character set switches and formatting: dropped */
		} else { /* not an escape: keep it as it is */
			px_buf_add(out, s + i, k + 2);
		}
		i += k + 1;
	}
}

int px_hl7_get(const struct px_hl7_msg *m, int seg, int field, int rep, int comp,
	       int sub, struct px_buf *out)
{
	px_buf_reset(out);
	px_buf_grow(out, 0);
	out->s[0] = '\0';
	const char *p;
	size_t n;
	if (!field_raw(m, seg, field, &p, &n))
		return 0;
	if (seg >= 0 && !memcmp(m->text.s + m->segs[seg].off, "MSH", 3) && field <= 2) {
		px_buf_add(out, p, n);
		return n > 0;
	}
	if (!piece(&p, &n, m->rs, rep < 1 ? 1 : rep))
		return 0;
	if (comp > 0 && !piece(&p, &n, m->cs, comp))
		return 0;
	if (comp > 0 && sub > 0 && !piece(&p, &n, m->ss, sub))
		return 0;
	if (n == 2 && p[0] == '"' && p[1] == '"')
		return 0;
	px_hl7_unescape(m, p, n, out);
	return out->len > 0;
}

/* s into out with the delimiters HL7 escapes escaped, control bytes as
 * spaces. */
static void ack_text(struct px_buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '|': px_buf_adds(out, "\\F\\"); break;
		case '^': px_buf_adds(out, "\\S\\"); break;
		case '&': px_buf_adds(out, "\\T\\"); break;
		case '~': px_buf_adds(out, "\\R\\"); break;
		case '\\': px_buf_adds(out, "\\E\\"); break;
		default: px_buf_addc(out, (unsigned char)*s < 0x20 ? ' ' : *s);
		}
	}
}

/* A field of the acknowledged message's MSH, escaped again for the ACK. */
static void ack_field(struct px_buf *out, const struct px_hl7_msg *m, int field, int comp,
		      const char *dflt)
{
	struct px_buf v = { 0 };
	if (m && px_hl7_get(m, 0, field, 1, comp, 0, &v) && v.len < 200 && !memchr(v.s, 0, v.len))
		ack_text(out, v.s);
	else
		px_buf_adds(out, dflt);
	px_buf_free(&v);
}

void px_hl7_ack(const char *raw, const char *code, const char *reason, const char *when,
		long seq, struct px_buf *out)
{
	struct px_hl7_msg m = { 0 };
	struct px_err err;
	const struct px_hl7_msg *mp = raw && !px_hl7_parse(&m, raw, strlen(raw), &err) ? &m : NULL;
	if (!mp && !strcmp(code, "AE"))
		code = "AR"; /* not readable as a message */
	px_buf_adds(out, "MSH|^~\\&|");
	ack_field(out, mp, 5, 0, "PX");
	px_buf_addc(out, '|');
	ack_field(out, mp, 6, 0, "");
	px_buf_addc(out, '|');
	ack_field(out, mp, 3, 0, "");
	px_buf_addc(out, '|');
	ack_field(out, mp, 4, 0, "");
	px_buf_addf(out, "|%s||ACK^", when);
	ack_field(out, mp, 9, 2, "");
	/* a control id within MSH-10's twenty characters */
	px_buf_addf(out, "^ACK|PX%.12s%ld|", strlen(when) >= 14 ? when + 2 : when, seq % 1000000);
	ack_field(out, mp, 11, 0, "P");
	px_buf_addc(out, '|');
	ack_field(out, mp, 12, 0, "2.5");
	px_buf_addf(out, "\rMSA|%s|", code);
	ack_field(out, mp, 10, 0, "");
	if (reason) {
		px_buf_addc(out, '|');
		ack_text(out, reason);
		/* ERR-3 the HL7 error code (table 0357), ERR-4 the severity,
		 * ERR-8 the reason for a person */
		const char *hl7 = !mp ? "100^Segment sequence error"
			: !strncmp(reason, "MSH-9", 5) ? "200^Unsupported message type"
			: strstr(reason, "missing") ? "101^Required field missing"
			: "207^Application internal error";
		px_buf_addf(out, "\rERR|||%s^HL70357|E||||", hl7);
		ack_text(out, reason);
	}
	px_buf_addc(out, '\r');
	px_hl7_msg_free(&m);
}
