/*
 * record.h - records on pipes: one flat-ish JSON object with a "type".
 *
 * Readers (reader.c) turn JSON Lines, a JSON array, CSV with a header row
 * or HL7 v2 messages into records that remember their source name and
 * line; writers (writer.c) print records as JSON Lines, a JSON array, CSV
 * or an aligned table; the record loop (loop.c) feeds every record of
 * every file to its handler.  jansson and libcsv are used in lib/records
 * and nowhere else.
 */
#ifndef PX_RECORD_H
#define PX_RECORD_H

#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "base/mem.h"
#include "base/line.h"
#include "base/utf8.h"

enum px_fmt {
	PX_FMT_AUTO = 0,
	PX_FMT_JSONL,
	PX_FMT_JSON,
	PX_FMT_CSV,
	PX_FMT_TABLE,
	PX_FMT_HL7,
};

/* "jsonl", "json", "csv", "table", "hl7" -> enum; -1 when unknown. */
int px_fmt_parse(const char *name, enum px_fmt *out);
const char *px_fmt_name(enum px_fmt f);
/* Guesses the format of input that starts with these bytes. */
enum px_fmt px_fmt_detect(const char *p, size_t n);

struct px_rec;

struct px_rec *px_rec_new(const char *type);
void px_rec_free(struct px_rec *r);
/* A copy of the record's fields, source and line (caller frees). */
struct px_rec *px_rec_copy(const struct px_rec *r);
/* Parses one JSON object (text of n bytes); NULL with err on failure:
 * text that is not JSON ("invalid JSON: ..."), or JSON that is not a
 * record: not an object, a duplicate key, U+0000 in a string. */
struct px_rec *px_rec_parse(const char *text, size_t n, struct px_err *err);

const char *px_rec_type(const struct px_rec *r);
const char *px_rec_source(const struct px_rec *r);
long px_rec_line(const struct px_rec *r);
void px_rec_set_pos(struct px_rec *r, const char *source, long line);
/* The raw input text of the record (a CSV row, a JSON line), or "". */
const char *px_rec_raw(const struct px_rec *r);
/* What names the record within its line in diagnostics ("message 2" of
 * an HL7 file): the record loop puts it before the text of the record's
 * rejects.  NULL when none. */
void px_rec_set_label(struct px_rec *r, const char *label);
const char *px_rec_label(const struct px_rec *r);

/* Whether the key is present with a non-null value. */
int px_rec_has(const struct px_rec *r, const char *key);
/* A scalar value as text (numbers and booleans formatted, strings as they
 * are); NULL when absent, null, or an object or array.  The string lives
 * as long as the record. */
const char *px_rec_get(const struct px_rec *r, const char *key);
/* An integer value: a JSON integer or a string of digits.  0 on success,
 * -1 absent, -2 present but not an integer. */
int px_rec_get_int(const struct px_rec *r, const char *key, long long *out);
/* A number: JSON number or numeric string.  Same returns as above. */
int px_rec_get_num(const struct px_rec *r, const char *key, double *out);
/* Whether the value is true: JSON true, or "true", "yes", "1". */
int px_rec_get_bool(const struct px_rec *r, const char *key);
/* A nested object as a record (borrowed: lives as long as r); NULL when
 * absent or not an object. */
struct px_rec *px_rec_get_obj(struct px_rec *r, const char *key);
/* A nested object or array, serialised as compact JSON (caller frees);
 * NULL when absent. */
char *px_rec_get_json(const struct px_rec *r, const char *key);

void px_rec_set_str(struct px_rec *r, const char *key, const char *val);
void px_rec_set_int(struct px_rec *r, const char *key, long long val);
void px_rec_set_num(struct px_rec *r, const char *key, double val);
void px_rec_set_bool(struct px_rec *r, const char *key, int val);
void px_rec_set_null(struct px_rec *r, const char *key);
/* Stores child under key; steals child. */
void px_rec_set_obj(struct px_rec *r, const char *key, struct px_rec *child);
/* Parses json text and stores the value under key; -1 if not JSON. */
int px_rec_set_json(struct px_rec *r, const char *key, const char *json);
void px_rec_del(struct px_rec *r, const char *key);

/* Calls fn for each key in order with its scalar text (NULL for null,
 * objects and arrays).  Stops and returns fn's value when non-zero. */
int px_rec_each(const struct px_rec *r,
		int (*fn)(const char *key, const char *val, void *ctx), void *ctx);
/* Calls fn with the compact text of each element of the JSON array json
 * (as px_rec_get_json gives it).  Returns fn's first non-zero value, 0,
 * or -1 when json is not an array. */
int px_json_array_each(const char *json, int (*fn)(const char *p, size_t n, void *ctx),
		       void *ctx);
/* Compact JSON text of the record, keys in insertion order (caller frees). */
char *px_rec_dump(const struct px_rec *r);

/* px_utf8_check, the one UTF-8 check, is in base/utf8.h. */

/* --- reading --- */

struct px_reader;
struct px_hl7_msg;

/* Maps one HL7 message to a record (caller frees); NULL with err (the
 * problem, and the line of the segment at fault when it is known) when
 * the message cannot be one. */
typedef struct px_rec *(*px_hl7_map_fn)(const struct px_hl7_msg *m, struct px_err *err);

/*
 * Opens a file ("-" is stdin) for records.  PX_FMT_AUTO detects the
 * format from the first bytes, which are read ahead (never pushed back
 * into the input), so that a pipe is detected as a file is.  NULL with err
 * (PX_EINPUT) when unreadable.  HL7 input gives records only through a
 * mapping (px_reader_hl7); each message is one record, positioned at its
 * MSH segment and labelled "message N".  A JSON input (PX_FMT_JSON) is
 * one document: the first px_reader_next reads it whole into a temporary
 * file and checks it, and a document that is not JSON (a trailing comma,
 * data after its ']', an element that is not JSON) ends there with -2
 * before any of its records is returned.
 */
struct px_reader *px_reader_open(const char *path, enum px_fmt fmt,
				 struct px_err *err);
/* The same for input in encoding (an iconv name: windows-1256,
 * ISO-8859-6, UTF-16 with its byte order mark, ...; NULL or UTF-8 for
 * none), read as UTF-8; a byte the encoding does not have ends the input
 * as a read error.  An encoding iconv does not know is PX_EINPUT. */
struct px_reader *px_reader_open_as(const char *path, enum px_fmt fmt, const char *encoding,
				    struct px_err *err);
/* Sets the delimiter of CSV input (before the first read): ',', ';', a
 * tab, '|' or any other byte but a quote or a line end.  Without it, the
 * header line tells: the one of , ; tab | it has most of. */
void px_reader_delimiter(struct px_reader *rd, char delim);
/* CSV input: every row through the byte-at-a-time RFC 4180 parser,
 * also the rows of one line without quotes that the reader otherwise
 * splits itself.  The fields are the same either way; tests compare. */
void px_reader_csv_bytewise(struct px_reader *rd);
/* Sets the mapping of HL7 messages to records.  Without one, HL7 input
 * ends with PX_EINPUT at the first read. */
void px_reader_hl7(struct px_reader *rd, px_hl7_map_fn map);
/* 1 and *out set: a record (caller frees).  0: end of input.  -1: a bad
 * record was skipped (err names source:line and reason; call again).
 * -2: the input cannot be read further (err set). */
int px_reader_next(struct px_reader *rd, struct px_rec **out, struct px_err *err);
enum px_fmt px_reader_format(const struct px_reader *rd);
const char *px_reader_name(const struct px_reader *rd);
/* The raw text of the last record returned or rejected. */
const char *px_reader_raw(const struct px_reader *rd);
/* CSV input: its header line as read (NULL before it, and for other
 * formats), and its delimiter. */
const char *px_reader_header_line(const struct px_reader *rd);
char px_reader_delim(const struct px_reader *rd);
/* Whether the next read can go on without waiting: 0 only when the
 * reader holds nothing unread and its input (a pipe, a terminal) has
 * nothing to give yet.  Files are always ready.  An HL7 message in an
 * MLLP block is complete at the block's end, an unframed one only when
 * the next begins. */
int px_reader_ready(const struct px_reader *rd);
/* How far the input is read, in its own bytes, and its size: -1 each
 * when not known (a pipe). */
void px_reader_bytes(const struct px_reader *rd, int64_t *done, int64_t *size);
void px_reader_close(struct px_reader *rd);

/* --- writing --- */

struct px_writer;

struct px_writer *px_writer_new(FILE *f, enum px_fmt fmt);
/* Column order for CSV and table output; NULL-terminated, copied.  Without
 * it the first record's keys are the columns. */
void px_writer_columns(struct px_writer *w, const char *const *cols);
/* The width a table fits (PX_TABLE_WIDTH, 100, unless set; 0: no
 * limit): see lib/records/table.h for what tables show. */
void px_writer_width(struct px_writer *w, size_t width);
/* Writes one record and flushes (except table output, which is aligned at
 * close).  -1 with PX_ESTORE on a write error. */
int px_writer_put(struct px_writer *w, const struct px_rec *r, struct px_err *err);
/* The format the writer writes. */
enum px_fmt px_writer_format(const struct px_writer *w);
/* Finishes the output (closing ']' or the table) and checks the stream. */
int px_writer_close(struct px_writer *w, struct px_err *err);

/* --- the record loop --- */

/* Called for every rejected record and fatal error. */
typedef void (*px_report_fn)(const struct px_err *err, const char *raw, void *ctx);

/*
 * A handler of one type of record.  It returns a status of the exit
 * table: PX_OK when applied; PX_EREJECT, PX_EUSAGE or PX_EPERM when the
 * record is rejected (err says why; the loop adds source and line) and
 * the others go on; PX_EINPUT or PX_ESTORE to stop the loop.
 */
typedef int (*px_handler_fn)(struct px_rec *r, void *ctx, struct px_err *err);
struct px_handler {
	const char *type; /* "": records without a type; NULL: any record
	                   * no earlier entry takes */
	px_handler_fn fn; /* NULL ends the table */
};

/*
 * Transactions of the loop, for handlers that write inside the caller's
 * transaction instead of beginning their own.  The records layer knows no
 * store: the front end hands the store's begin, commit and rollback, and
 * what to do with the records the handlers produced once a transaction
 * has committed (flush: print them) or rolled back (drop).  Each gets ctx
 * and returns PX_OK or a status with err filled.
 */
struct px_loop_tx {
	int (*begin)(void *ctx, struct px_err *err);
	int (*commit)(void *ctx, struct px_err *err);
	void (*rollback)(void *ctx);
	int (*flush)(void *ctx, struct px_err *err);
	void (*drop)(void *ctx);
	void *ctx;
};

enum { PX_SETTLED_APPLIED, PX_SETTLED_REJECTED, PX_SETTLED_UNREAD };

struct px_loop {
	const char *const *files; /* NULL-terminated; none means stdin */
	enum px_fmt fmt;
	/* The handlers by type; records of other types go to pass (with
	 * the handlers' returns). */
	const struct px_handler *handlers;
	char delimiter;   /* CSV's: 0 the header line tells */
	const char *encoding; /* the input's, NULL for UTF-8 */
	px_handler_fn pass;
	px_report_fn report;
	void *ctx;        /* passed to the handlers */
	void *report_ctx; /* passed to report and progress */
	void *pass_ctx;   /* passed to pass; NULL: ctx */
	/* HL7 input: each message to a record (NULL: HL7 is refused). */
	px_hl7_map_fn hl7;
	/* When set, told of each file's reader once it is open, and of NULL
	 * once it is closed (the rejects file writes as the input does). */
	void (*opened)(void *report_ctx, const struct px_reader *rd);
	/* When set, told of each file once the loop is done with it and
	 * what it kept of it is committed: fatal its status (0: read to its
	 * end, rejects and all). */
	void (*done)(void *report_ctx, const char *path, int fatal);
	/* When set, called after each record read with the count so far. */
	void (*progress)(void *report_ctx, const char *file, long records);
	/* When set, each record is committed on its own, and then settled
	 * is told what became of it: PX_SETTLED_APPLIED (applied, or seen
	 * before), _REJECTED by its handler or _UNREAD (the reader refused
	 * it) with err; raw is its text as read.  A fatal error settles
	 * nothing: the loop stops with the record not applied. */
	void (*settled)(void *report_ctx, const char *raw, int how, const struct px_err *err);

	/*
	 * When tx.begin is set, the handlers run inside the loop's
	 * transactions, begun at the first record: batch records to one
	 * (0: a file to one), committed at the end of each file and early
	 * whenever the next read would wait, so that neither the store nor
	 * the output waits for a slow writer; tx.flush after each commit.
	 * strict: a file is one transaction, and the first rejected record
	 * ends it, rolled back and reported as "nothing applied (--strict)"
	 * (PX_EINPUT; the next file goes on).  dry_run: a file is one
	 * transaction, rolled back, and what the handlers produced is
	 * dropped as they go.  A fatal error rolls the transaction back.
	 */
	struct px_loop_tx tx;
	/* When set, told (with ctx) after each transaction ends whether what
	 * its records did stands: 1 committed (or, in a dry run, would have
	 * been), 0 rolled back. */
	void (*ended)(void *ctx, int kept);
	long batch;
	int strict, dry_run;

	/* counts: records read (rejected ones included) and rejected */
	long records, rejected;
};

/* Feeds every record of every file to its handler.  Returns PX_OK,
 * PX_EREJECT when some record was rejected, or the code of a fatal error
 * (which was also reported).  An unreadable file (PX_EINPUT) does not
 * stop the others; a store or output failure does. */
int px_loop_run(struct px_loop *loop);

#endif
