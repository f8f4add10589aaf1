/* table.c - aligned tables for people: display times, a type column
 * only when it says something, a width the table fits (table.h). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "base/time.h"
#include "records/table.h"
#include "base/banned.h"

#define GAP 2       /* blanks between two columns */
#define MIN_CUT 8   /* a cut column keeps at least this many columns */

struct px_table {
	char **cols;
	size_t ncols;
	size_t width;
	char ***rows;
	size_t nrows, cap;
	/* per column: named as an id (or the type); every non-empty cell
	 * an id; every non-empty cell a time; some cell not empty */
	int *named, *ids, *times, *any;
};

/* ---------- display width ---------- */

/* Decodes one UTF-8 sequence at s (valid or not: a stray byte is one
 * code point of its own); returns its length. */
static size_t utf8_next(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
	uint32_t v = n == 1 ? u[0] : n == 2 ? u[0] & 0x1Fu : n == 3 ? u[0] & 0x0Fu : u[0] & 0x07u;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return i;
		}
		v = v << 6 | (u[i] & 0x3Fu);
	}
	*cp = v;
	return n;
}

/* Columns a code point takes: 0 for combining marks and invisible
 * format characters (Arabic harakat among them), 2 for wide East Asian
 * characters and emoji, 1 otherwise (control characters are shown as
 * blanks). */
static int cp_width(uint32_t c)
{
	static const uint32_t zero[][2] = {
		{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
		{ 0x061C, 0x061C }, { 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC },
		{ 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x08D3, 0x08FF },
		{ 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 }, { 0x2066, 0x206F },
		{ 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
	};
	static const uint32_t wide[][2] = {
		{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF },
		{ 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
		{ 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
		{ 0x1F900, 0x1F9FF }, { 0x20000, 0x3FFFD },
	};
	for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
		if (c >= zero[i][0] && c <= zero[i][1])
			return 0;
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (c >= wide[i][0] && c <= wide[i][1])
			return 2;
	return 1;
}

size_t px_table_text_width(const char *s)
{
	size_t n = 0;
	uint32_t c;
	while (*s) {
		s += utf8_next(s, &c);
		n += (size_t)cp_width(c);
	}
	return n;
}

/* Appends s to line in at most w columns: whole when it fits, else cut
 * at a character boundary (a base character keeps its combining marks)
 * and ended with an ellipsis; then blanks up to w + pad.  Control
 * characters become blanks. */
static void put_cell(struct px_buf *line, const char *s, size_t w, size_t pad)
{
	size_t total = px_table_text_width(s), used = 0;
	size_t room = total > w ? (w ? w - 1 : 0) : w;
	uint32_t c;
	while (*s) {
		size_t n = utf8_next(s, &c);
		size_t cw = (size_t)cp_width(c);
		if (used + cw > room)
			break;
		if (c < 0x20 || c == 0x7F)
			px_buf_addc(line, ' ');
		else
			px_buf_add(line, s, n);
		used += cw;
		s += n;
	}
	if (total > w && w) {
		px_buf_adds(line, "\xE2\x80\xA6"); /* U+2026 … */
		used++;
	}
	for (; used < w + pad; used++)
		px_buf_addc(line, ' ');
}

/* ---------- times ---------- */

static int digits_at(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* YYYY-MM-DDTHH:MM:SS, fractions allowed, then Z or an offset. */
static int is_time(const char *s)
{
	if (strlen(s) < 20 || !digits_at(s, 4) || s[4] != '-' || !digits_at(s + 5, 2) ||
	    s[7] != '-' || !digits_at(s + 8, 2) || s[10] != 'T' || !digits_at(s + 11, 2) ||
	    s[13] != ':' || !digits_at(s + 14, 2) || s[16] != ':' || !digits_at(s + 17, 2))
		return 0;
	const char *p = s + 19;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	if (*p == 'Z')
		return !p[1];
	if (*p != '+' && *p != '-')
		return 0;
	p++;
	size_t n = strlen(p);
	return (n == 2 && digits_at(p, 2)) || (n == 4 && digits_at(p, 4)) ||
	       (n == 5 && digits_at(p, 2) && p[2] == ':' && digits_at(p + 3, 2));
}

int px_table_time(const char *s, char *buf, size_t size)
{
	int64_t t;
	if (!is_time(s) || px_time_parse(s, &t))
		return 0;
	struct tm tm;
	px_time_local(t, &tm);
	char day[32];
	strftime(day, sizeof day, tm.tm_sec ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &tm);
	long off = tm.tm_gmtoff;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	if (off % 3600)
		snprintf(buf, size, "%s %c%02ld:%02ld", day, sign, off / 3600, off % 3600 / 60);
	else
		snprintf(buf, size, "%s %c%02ld", day, sign, off / 3600);
	return 1;
}

/* ---------- the table ---------- */

struct px_table *px_table_new(const char *const *cols, size_t ncols, size_t width)
{
	struct px_table *t = px_xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->width = width;
	t->cols = px_xcalloc(ncols + 1, sizeof *t->cols);
	t->named = px_xcalloc(ncols + 1, sizeof *t->named);
	t->ids = px_xcalloc(ncols + 1, sizeof *t->ids);
	t->times = px_xcalloc(ncols + 1, sizeof *t->times);
	t->any = px_xcalloc(ncols + 1, sizeof *t->any);
	for (size_t i = 0; i < ncols; i++) {
		t->cols[i] = px_xstrdup(cols[i]);
		size_t n = strlen(cols[i]);
		t->named[i] = !strcmp(cols[i], "id") || !strcmp(cols[i], "type") ||
			      !strcmp(cols[i], "ref") || (n > 3 && !strcmp(cols[i] + n - 3, "_id"));
		t->ids[i] = t->times[i] = 1;
	}
	return t;
}

/* A public id, as px_id_new() makes them: three lower-case letters, '_',
 * then 20 base32 characters ("srv_1m8t3pdnayprjy903b1w"). */
static int is_id(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	if (s[3] != '_')
		return 0;
	for (int i = 4; i < 24; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z') && !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	return !s[24];
}

void px_table_add(struct px_table *t, const char *const *cells, const int *json_string)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = px_xrealloc(t->rows, t->cap * sizeof *t->rows);
	}
	char **row = px_xcalloc(t->ncols + 1, sizeof *row);
	for (size_t i = 0; i < t->ncols; i++) {
		char when[64];
		int time = json_string[i] && px_table_time(cells[i], when, sizeof when);
		row[i] = px_xstrdup(time ? when : cells[i]);
		if (!*cells[i])
			continue;
		t->any[i] = 1;
		if (!time)
			t->times[i] = 0;
		if (!is_id(cells[i]))
			t->ids[i] = 0;
	}
	t->rows[t->nrows++] = row;
}

/* Whether column i is the type column and every row has the same type. */
static int type_same(const struct px_table *t, size_t i)
{
	if (strcmp(t->cols[i], "type"))
		return 0;
	for (size_t j = 1; j < t->nrows; j++)
		if (strcmp(t->rows[j][i], t->rows[0][i]))
			return 0;
	return 1;
}

/* An id column is never cut nor left out: named id, *_id, type or ref
 * (a case's reference), or every value an id. */
static int is_id_col(const struct px_table *t, size_t i)
{
	return t->named[i] || (t->any[i] && t->ids[i]);
}

/* A column that may be cut: text, neither ids nor times. */
static int cuttable(const struct px_table *t, size_t i)
{
	return !is_id_col(t, i) && !(t->any[i] && t->times[i]);
}

/* The width of the line of the columns shown. */
static size_t line_width(const struct px_table *t, const int *shown, const size_t *wd)
{
	size_t total = 0, n = 0;
	for (size_t i = 0; i < t->ncols; i++)
		if (shown[i]) {
			total += wd[i] + (n ? GAP : 0);
			n++;
		}
	return total;
}

/* Fits the line to t->width.  First the columns of text are cut, widest
 * first, each no narrower than its header nor than MIN_CUT; then, while
 * it is still too wide, whole columns are left out: those empty in every
 * row first, then the widest (the rightmost of equals), so that short
 * codes and flags stay; never an id, nor the first column shown.  Times
 * and headers are never cut: a table of ids alone may stay wider. */
static void fit(const struct px_table *t, int *shown, char *const *head, size_t *wd)
{
	if (!t->width)
		return;
	size_t total = line_width(t, shown, wd);
	while (total > t->width) {
		size_t best = t->ncols;
		for (size_t i = 0; i < t->ncols; i++)
			if (shown[i] && cuttable(t, i) && wd[i] > MIN_CUT &&
			    wd[i] > px_table_text_width(head[i]) &&
			    (best == t->ncols || wd[i] > wd[best]))
				best = i;
		if (best == t->ncols)
			break;
		wd[best]--;
		total--;
	}
	size_t first = 0;
	while (first < t->ncols && !shown[first])
		first++;
	for (size_t i = t->ncols; i-- > first + 1 && total > t->width;)
		if (shown[i] && !is_id_col(t, i) && !t->any[i]) {
			shown[i] = 0;
			total = line_width(t, shown, wd);
		}
	while (total > t->width) {
		size_t best = t->ncols;
		for (size_t i = first + 1; i < t->ncols; i++)
			if (shown[i] && !is_id_col(t, i) && (best == t->ncols || wd[i] >= wd[best]))
				best = i;
		if (best == t->ncols)
			break;
		shown[best] = 0;
		total = line_width(t, shown, wd);
	}
}

void px_table_print(struct px_table *t, FILE *f)
{
	int *shown = px_xcalloc(t->ncols + 1, sizeof *shown);
	size_t *wd = px_xcalloc(t->ncols + 1, sizeof *wd);
	char **head = px_xcalloc(t->ncols + 1, sizeof *head);
	for (size_t i = 0; i < t->ncols; i++) {
		shown[i] = !type_same(t, i);
		head[i] = px_xstrdup(t->cols[i]);
		for (char *p = head[i]; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		wd[i] = px_table_text_width(head[i]);
		for (size_t j = 0; j < t->nrows; j++) {
			size_t w = px_table_text_width(t->rows[j][i]);
			if (w > wd[i])
				wd[i] = w;
		}
	}
	fit(t, shown, head, wd);
	struct px_buf line = PX_BUF_INIT;
	for (size_t j = 0; j <= t->nrows; j++) {
		char **cells = j ? t->rows[j - 1] : head;
		for (size_t i = 0; i < t->ncols; i++)
			if (shown[i])
				put_cell(&line, cells[i], wd[i], GAP);
		/* no trailing blanks */
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		fputs(px_buf_str(&line), f);
		putc('\n', f);
		px_buf_reset(&line);
	}
	px_buf_free(&line);
	for (size_t i = 0; i < t->ncols; i++)
		free(head[i]);
	free(head);
	free(wd);
	free(shown);
	px_table_free(t);
}

void px_table_free(struct px_table *t)
{
	if (!t)
		return;
	for (size_t j = 0; j < t->nrows; j++) {
		for (size_t i = 0; i < t->ncols; i++)
			free(t->rows[j][i]);
		free(t->rows[j]);
	}
	free(t->rows);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->named);
	free(t->ids);
	free(t->times);
	free(t->any);
	free(t);
}
