/*
 * table.h - aligned tables for people (-o table), private to the writer.
 *
 * A table is buffered whole (its widths depend on every row), so its
 * memory is proportional to the table.  What a table does that the other
 * formats do not, all of it for people and none of it in the records:
 *  - a time, a string value of the form YYYY-MM-DDTHH:MM:SSZ or with an
 *    offset (+03:00), is shown in the display zone as
 *    "2026-11-23 12:00 +03" (seconds only when they are not zero, the
 *    offset's minutes only when they are not zero);
 *  - the type column is left out when every row has the same type;
 *  - the table fits the width (100 columns by default): the widest
 *    columns of text are cut first, each cell that is too long ending in
 *    an ellipsis, at a character boundary and counted in display columns
 *    (combining marks take none, wide characters two).  Ids and times
 *    are never cut: a column named id, *_id or type, or whose every value
 *    looks like a public id (srv_... pat_...) or a time; nor are headers,
 *    so a table of many ids and times may stay wider.
 * Control characters in a cell are shown as blanks.
 */
#ifndef PX_TABLE_H
#define PX_TABLE_H

#include <stddef.h>
#include <stdio.h>

#define PX_TABLE_WIDTH 100

struct px_table;

/* A table with these columns (copied); width 0: no limit. */
struct px_table *px_table_new(const char *const *cols, size_t ncols, size_t width);
/* Adds a row of ncols cells; json_string[i] says whether cell i was a
 * JSON string (only strings can be times). */
void px_table_add(struct px_table *t, const char *const *cells, const int *json_string);
/* Prints the table and frees it. */
void px_table_print(struct px_table *t, FILE *f);
void px_table_free(struct px_table *t);

/* Display width of UTF-8 text; control characters count one (shown as
 * blanks). */
size_t px_table_text_width(const char *s);
/* The display form of a time value, or 0 when s is not one. */
int px_table_time(const char *s, char *buf, size_t size);

#endif
