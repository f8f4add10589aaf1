/*
 * store.h - the store: opening (the engine chosen by the path),
 * migrations, transactions and prepared statements, and the SQL every
 * module writes against it.  Engine types never leave lib/store; every
 * other module speaks SQL through px_stmt with bound parameters only.
 *
 * ENGINES.  px_store_open's path names the engine and its driver
 * (lib/store/driver.h; dovecot's lib-sql is the model):
 *
 *   FILE, sqlite:FILE          SQLite, the embedded default: one file,
 *                              0600 with its -wal and -shm, WAL, a busy
 *                              timeout, foreign keys, writes in BEGIN
 *                              IMMEDIATE (lib/store/driver-sqlite.c)
 *   postgresql://..., postgres://...
 *                              PostgreSQL: refused with PX_EINPUT until
 *                              this px has its driver
 *
 * Parameters are ?1, ?2, ... and nothing else (not ?, :name or $1): a
 * number may repeat; a driver whose engine numbers them otherwise
 * (PostgreSQL's $1) translates them.
 *
 * CAPABILITIES.  Where the engines differ in what they can do rather
 * than in how they spell it, px_store_has says which holds; a module
 * tests a flag rather than an engine's name.
 */
#ifndef PX_STORE_H
#define PX_STORE_H

#include <stdint.h>

#include "base/err.h"
#include "records/record.h"

enum {
	PX_STORE_CREATE = 1, /* create the file when missing (px init) */
};

enum {
	/* The store is a file on this machine (its mode is 0600; the sqlite3
	 * shell can read it). */
	PX_STORE_CAP_FILE = 1u << 0,
	/* One writer at a time: px_store_begin holds the only write lock,
	 * so a SELECT then UPDATE in one transaction cannot race another
	 * process.  Without it, claim rows with UPDATE ... RETURNING or
	 * SELECT ... FOR UPDATE SKIP LOCKED. */
	PX_STORE_CAP_ONE_WRITER = 1u << 1,
	/* SELECT ... FOR UPDATE SKIP LOCKED is understood. */
	PX_STORE_CAP_SKIP_LOCKED = 1u << 2,
	/* INSERT, UPDATE and DELETE ... RETURNING. */
	PX_STORE_CAP_RETURNING = 1u << 3,
	/* ORDER BY inside an aggregate: string_agg(x, ',' ORDER BY x).
	 * Without it, aggregate an ordered derived table. */
	PX_STORE_CAP_AGG_ORDER = 1u << 4,
	/* px_store_last_id costs nothing; without it, a round trip (prefer
	 * RETURNING). */
	PX_STORE_CAP_CHEAP_LAST_ID = 1u << 5,
};

struct px_store;
struct px_stmt;

/* Opens (and with PX_STORE_CREATE creates, mode 0600) the database that
 * path names (ENGINES above) and brings its schema up to date.  NULL
 * with err: PX_EINPUT when the file is missing or not a px database, or
 * path names an engine this px has no driver for, PX_ESTORE for other
 * failures. */
struct px_store *px_store_open(const char *path, int flags, struct px_err *err);
void px_store_close(struct px_store *st);
/* The file (or URL) the store was opened from, without "sqlite:". */
const char *px_store_path(const struct px_store *st);
/* The engine: "sqlite". */
const char *px_store_engine(const struct px_store *st);
/* Whether every PX_STORE_CAP_* flag in caps holds. */
int px_store_has(const struct px_store *st, unsigned caps);
/* How long a write waits for another writer before it fails as busy
 * (PX_ESTORE, "database is busy, try again later"); 60 s unless set. */
void px_store_busy_timeout(struct px_store *st, int ms);
/* Schema version of the open database, and the newest this px knows. */
int px_store_version(struct px_store *st);
int px_store_latest_version(void);

/*
 * Functions returning int below return PX_OK or the status of the
 * failure with err filled: PX_EREJECT for a constraint violation,
 * PX_ESTORE otherwise (px_stmt_step alone also returns 1 for a row).
 */

/* A write transaction that takes the write lock at once (SQLite: BEGIN
 * IMMEDIATE), waiting for other writers up to the busy timeout. */
int px_store_begin(struct px_store *st, struct px_err *err);
int px_store_commit(struct px_store *st, struct px_err *err);
/* Rolls back when a transaction is open; harmless otherwise. */
void px_store_rollback(struct px_store *st);
/* Runs SQL text that takes no parameters. */
int px_store_exec(struct px_store *st, const char *sql, struct px_err *err);
int64_t px_store_last_id(struct px_store *st);
int px_store_changes(struct px_store *st);

/* A prepared statement for sql, cached for the life of the store, reset
 * and with its bindings cleared.  NULL with PX_ESTORE. */
struct px_stmt *px_stmt_prepare(struct px_store *st, const char *sql, struct px_err *err);
/* Parameters count from 1.  NULL text binds SQL NULL. */
void px_stmt_text(struct px_stmt *s, int i, const char *v);
void px_stmt_int(struct px_stmt *s, int i, int64_t v);
void px_stmt_double(struct px_stmt *s, int i, double v);
void px_stmt_null(struct px_stmt *s, int i);
/* 1: a row is ready; 0: done; -1: error (PX_EREJECT for a constraint
 * violation, PX_ESTORE otherwise). */
int px_stmt_step(struct px_stmt *s, struct px_err *err);
/* Steps through every row, calling fn with the statement at each; fn's
 * non-zero return stops the walk and is returned.  PX_OK at the end,
 * the store's status on failure; the statement is reset either way. */
int px_stmt_each(struct px_stmt *s, int (*fn)(struct px_stmt *s, void *ctx), void *ctx,
		 struct px_err *err);

/*
 * The current row as a record of type: each column under its name (an
 * "AS" alias in the SQL), an integer as a number, text as a string, NULL
 * as null.  cols, when given, overrides columns by name (NULL name ends
 * it): PX_COL_BOOL (0/1 as false/true), PX_COL_JSON (text parsed as
 * JSON, kept as a string when it is not), PX_COL_TEXT (a number as its
 * text), PX_COL_OMIT (left out when NULL), PX_COL_SKIP (never shown: a
 * key the SQL needs, such as a row id).  Caller frees.
 */
enum px_col_kind { PX_COL_BOOL = 1, PX_COL_JSON, PX_COL_TEXT, PX_COL_OMIT, PX_COL_SKIP };
struct px_col {
	const char *name;
	enum px_col_kind kind;
};
struct px_rec *px_stmt_rec(struct px_stmt *s, const char *type, const struct px_col *cols);
/* Steps to the end and resets: for INSERT, UPDATE, DELETE. */
int px_stmt_run(struct px_stmt *s, struct px_err *err);
void px_stmt_reset(struct px_stmt *s);
/* Columns count from 0.  Text is "" for NULL unless px_stmt_isnull. */
const char *px_stmt_col_text(struct px_stmt *s, int col);
int64_t px_stmt_col_int(struct px_stmt *s, int col);
double px_stmt_col_double(struct px_stmt *s, int col);
int px_stmt_col_isnull(struct px_stmt *s, int col);
int px_stmt_col_count(struct px_stmt *s);
const char *px_stmt_col_name(struct px_stmt *s, int col);

#endif
