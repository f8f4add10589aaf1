/*
 * record_impl.h - what the records modules (record, reader, writer) share
 * about a record beyond its public interface: the jansson object inside
 * it.  Not for other layers; jansson stays in lib/records.
 */
#ifndef PX_RECORD_IMPL_H
#define PX_RECORD_IMPL_H

#include <jansson.h>

#include "records/record.h"

/* How px writes JSON everywhere: compact, keys in insertion order, reals
 * with 15 significant digits so that 2.33 stays 2.33. */
#define PX_JSON_DUMP (JSON_COMPACT | JSON_REAL_PRECISION(15))

struct px_rec {
	json_t *obj;          /* owned reference */
	char *source;
	long line;
	char *raw;
	char *label;          /* "message 2": prefixes the record's rejects */
	char **scratch;       /* strings handed out by px_rec_get */
	size_t nscratch;
	struct px_rec **kids; /* wrappers handed out by px_rec_get_obj */
	size_t nkids;
};

/* Text of a scalar JSON value (caller frees); NULL for null, objects and
 * arrays. */
char *px_rec_scalar_text(json_t *v);
/* Puts "label: " before the text of err unless it is there already
 * (label NULL: nothing). */
void px_rec_err_label(struct px_err *err, const char *label);
/* px_rec_parse telling the two failures apart: 1 and *out a record; 0
 * the text is JSON but not a record (not an object, a duplicate key,
 * U+0000 in a string, a number px cannot hold); -1 it is not JSON.  err
 * says why (PX_EREJECT). */
int px_rec_parse_text(const char *text, size_t n, struct px_rec **out, struct px_err *err);
/* Keeps a copy of the raw input text of the record. */
void px_rec_set_raw(struct px_rec *r, const char *raw);

#endif
