/* writer.c - records out: JSON Lines, a JSON array, CSV and aligned
 * tables. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "records/record.h"
#include "records/record_impl.h"
#include "records/table.h"
#include "base/banned.h"

struct px_writer {
	FILE *f;
	enum px_fmt fmt;
	char **cols;
	size_t ncols;
	long count;
	/* table output: the rows, buffered until close */
	struct px_table *table;
	size_t width;
};

struct px_writer *px_writer_new(FILE *f, enum px_fmt fmt)
{
	struct px_writer *w = px_xcalloc(1, sizeof *w);
	w->f = f;
	w->fmt = fmt == PX_FMT_AUTO ? PX_FMT_JSONL : fmt;
	w->width = PX_TABLE_WIDTH;
	return w;
}

void px_writer_width(struct px_writer *w, size_t width)
{
	w->width = width;
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

/* Buffers one row of a table. */
static void table_put(struct px_writer *w, const struct px_rec *r)
{
	if (!w->table)
		w->table = px_table_new((const char *const *)w->cols, w->ncols, w->width);
	char **cells = px_xcalloc(w->ncols + 1, sizeof *cells);
	int *str = px_xcalloc(w->ncols + 1, sizeof *str);
	for (size_t i = 0; i < w->ncols; i++) {
		cells[i] = cell(r, w->cols[i]);
		str[i] = json_is_string(json_object_get(r->obj, w->cols[i]));
	}
	px_table_add(w->table, (const char *const *)cells, str);
	for (size_t i = 0; i < w->ncols; i++)
		free(cells[i]);
	free(cells);
	free(str);
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
	case PX_FMT_TABLE:
		table_put(w, r);
		break;
	default:
		return px_err_set(err, PX_EUSAGE, "cannot write %s output", px_fmt_name(w->fmt));
	}
	w->count++;
	if (w->fmt != PX_FMT_TABLE && fflush(w->f))
		return px_err_set(err, PX_ESTORE, "write error: %s", strerror(errno));
	return 0;
}

int px_writer_close(struct px_writer *w, struct px_err *err)
{
	int rc = 0;
	if (!w)
		return 0;
	if (w->fmt == PX_FMT_JSON)
		fputs(w->count ? "\n]\n" : "[]\n", w->f);
	if (w->fmt == PX_FMT_TABLE && w->ncols) {
		if (!w->table)
			w->table = px_table_new((const char *const *)w->cols, w->ncols, w->width);
		px_table_print(w->table, w->f);
		w->table = NULL;
	}
	if (fflush(w->f) || ferror(w->f))
		rc = px_err_set(err, PX_ESTORE, "write error: %s", strerror(errno ? errno : EIO));
	for (size_t i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	free(w);
	return rc;
}

