/* writer.c - records out: JSON Lines, a JSON array, CSV and aligned
 * tables. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "records/record.h"
#include "records/record_impl.h"
#include "base/banned.h"

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
	return px_rec_scalar_text(v);
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
		char *s = json_dumps(r->obj, PX_JSON_DUMP);
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

