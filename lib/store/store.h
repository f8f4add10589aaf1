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
 * WRITING SQL ONCE.  Module SQL is the subset SQLite 3.40 and PostgreSQL
 * 15 both accept; what they spell differently is listed here, once, and
 * where no common spelling exists the store provides a function of the
 * same name and meaning on both engines (below).
 *
 * Parameters are ?1, ?2, ... and nothing else (not ?, :name or $1): a
 * number may repeat; a driver whose engine numbers them otherwise
 * (PostgreSQL's $1) translates them.
 *
 *   need                     write                            not
 *   ----                     -----                            ---
 *   skip a duplicate         INSERT ... ON CONFLICT           INSERT OR IGNORE
 *                            DO NOTHING
 *   insert or update         INSERT ... ON CONFLICT (key)     INSERT OR REPLACE (it
 *                            DO UPDATE SET c = excluded.c     deletes the old row)
 *   INSERT ... SELECT ...    end the SELECT with WHERE true   (SQLite cannot parse
 *   ON CONFLICT              (or a real WHERE)                it otherwise)
 *   a new row's id           INSERT ... RETURNING id, read    last_insert_rowid();
 *                            with px_stmt_step                px_store_last_id costs
 *                                                             PostgreSQL a round trip
 *   count rows that match    count(*) FILTER (WHERE cond),    sum(cond)
 *                            or sum(CASE WHEN c THEN 1 ELSE
 *                            0 END)
 *   a 0/1 flag column        flag = 1, flag = 0; sum(flag)    flag, NOT flag,
 *   (booleans are 0/1        counts it                        flag AND ... as a
 *   integers in the schema)                                   condition
 *   a flag parameter         ?3 = 1                           ?3, ?3 AND ...
 *   a comparison as a value  CASE WHEN a = 'yes' THEN 1       a = 'yes' in
 *                            ELSE 0 END                       arithmetic
 *   always true              WHERE true                       WHERE 1
 *   an optional parameter    CAST(?1 AS TEXT) IS NULL OR      ?1 IS NULL (PostgreSQL
 *                            c = ?1 (BIGINT for ids)          cannot type it)
 *   equal, NULLs included    a IS NOT DISTINCT FROM b         a IS b
 *   differ, NULLs included   a IS DISTINCT FROM ?2            a IS NOT ?2
 *   not equal                <>                               !=
 *   a string                 'text'                           "text" (a name: the
 *                                                             SQLite driver refuses
 *                                                             it as a string)
 *   larger, smaller of       greatest(a, b), least(a, b)      max(a, b), min(a, b)
 *   values in a row
 *   the text of many rows    string_agg(x, ',') over an       group_concat(x)
 *                            ordered derived table
 *   a derived table          FROM (SELECT ...) AS name        FROM (SELECT ...)
 *                                                             (PostgreSQL 15 wants
 *                                                             the name)
 *   a real number            CAST(x AS DOUBLE PRECISION)      CAST(x AS REAL) (4
 *                                                             bytes on PostgreSQL)
 *   an id or a count         CAST(x AS BIGINT)                CAST(x AS INTEGER) for
 *                                                             values past 2^31
 *   a real quotient          x / 4.0                          x / 4 (both truncate
 *                                                             integers)
 *   a real cut to an         CAST(floor(x) AS BIGINT)         CAST(x AS INTEGER)
 *   integer                                                   (SQLite truncates,
 *                                                             PostgreSQL rounds)
 *   a real rounded to n      round(CAST(x AS NUMERIC), n)     round(x, n) (PostgreSQL
 *   places                                                    has it for NUMERIC only)
 *   seconds from a to b      px_seconds_between(a, b)         strftime('%s', b) -
 *                                                             strftime('%s', a),
 *                                                             julianday
 *   a time plus n seconds    px_time_add(t, n)                datetime(t, '+n ...')
 *   a time as a number       px_epoch(t)                      strftime('%s', t),
 *                                                             unixepoch(t)
 *   now                      a parameter from px_now(cx)      datetime('now'),
 *                                                             CURRENT_TIMESTAMP
 *   a local date, month,     px_local_date(t, zone),          date(t, 'localtime'),
 *   period or time           px_local_month(t, zone),         strftime('%Y-%m', t)
 *                            px_local_period(t, zone, p),
 *                            px_local_time(t, zone)
 *   formatted text           in C, or a || CAST(n AS TEXT)    printf(), format()
 *   arithmetic beside ||     (a + b) || 'x'                   a + b || 'x' (SQLite
 *                                                             binds || first,
 *                                                             PostgreSQL last)
 *   rows in order when the   ORDER BY x NULLS FIRST (or       ORDER BY x (SQLite puts
 *   key may be NULL          NULLS LAST, or x IS NULL, x)     NULL first, PostgreSQL
 *                                                             last)
 *   grouped rows             every selected column either     SQLite's bare columns
 *                            grouped or aggregated            (max(x), y)
 *   text patterns            lower(c) LIKE lower(?1), with    GLOB, ILIKE, LIKE on
 *                            ESCAPE when ?1 holds % or _      mixed case (SQLite
 *                                                             folds ASCII, PostgreSQL
 *                                                             does not)
 *   part of a string         substr(s, from, n), from >= 1    negative from, instr()
 *                                                             (strpos on PostgreSQL)
 *   random ids and tokens    in C (base/token.h)              randomblob, hex(),
 *                                                             random()
 *   JSON in a column         text, parsed in C                json_extract, ->, ->>
 *   engine settings          none: the driver makes them      PRAGMA
 *   LIMIT                    SELECT ... LIMIT n [OFFSET m]    UPDATE/DELETE ... LIMIT,
 *                                                             LIMIT -1
 *
 * Text compares bytewise on both engines (a PostgreSQL store must be
 * created with the C collation), so times kept as UTC ISO 8601 text sort
 * and range as times, '' is below every time and '~' above.
 *
 * THE DIALECT'S FUNCTIONS.  Each SQLite connection has these (registered
 * deterministic and innocuous, so views and triggers may use them with
 * trusted_schema off); the PostgreSQL driver gives the same names the same
 * meaning (string_agg, greatest and least are native there).  NULL in
 * any argument gives NULL unless said otherwise; a time that is not ISO
 * 8601 or an unknown zone fails the statement (PX_ESTORE).  Times are
 * px's UTC ISO 8601 text, "2026-11-23T09:00:00Z"; an offset (+03:00) is
 * honoured, a time without one is UTC, fractions of a second are dropped.
 * A view that uses them can be read through px only (the sqlite3 shell
 * does not have them).
 *
 *   string_agg(value, sep)   aggregate: the non-NULL values as text, in
 *                            the order the rows come, sep between them;
 *                            NULL when there are none.
 *   greatest(v, ...)         the largest, smallest argument, NULLs
 *   least(v, ...)            ignored (NULL only when all are NULL);
 *                            numbers compare as numbers, text bytewise.
 *   px_epoch(t)              seconds since 1970-01-01T00:00:00Z (integer).
 *   px_seconds_between(a, b) seconds from a to b: px_epoch(b) -
 *                            px_epoch(a), negative when b is earlier.
 *   px_time_add(t, n)        t plus n (integer) seconds, as UTC text
 *                            "YYYY-MM-DDTHH:MM:SSZ".
 *   px_local_date(t, zone)   the date of t on the clocks of the IANA
 *                            zone ("Asia/Riyadh", "Europe/London", "UTC"):
 *                            "2026-11-23".
 *   px_local_month(t, zone)  its month: "2026-11".
 *   px_local_period(t, zone, period)
 *                            the label of the report period holding t in
 *                            zone, as px-report prints it: 'day'
 *                            "2026-11-23", 'week' "2026-W48" (ISO 8601:
 *                            weeks from Monday, in the year of their
 *                            Thursday), 'month' "2026-11", 'quarter'
 *                            "2026-Q4", 'year' "2026"; another period
 *                            fails the statement.
 *   px_local_time(t, zone)   t on the zone's clocks with its offset:
 *                            "2026-11-23T12:00:00+03:00".
 *
 * CAPABILITIES.  Where the engines differ in what they can do rather
 * than in how they spell it, px_store_has says which holds; a module
 * tests a flag rather than an engine's name.
 */
#ifndef PX_STORE_H
#define PX_STORE_H

#include <stddef.h>
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
/* The key the audit trail is chained under (base/privacy.h's "audit"
 * secret, 32 bytes), handed over by the front end that opened the store
 * and read by core/audit alone; NULL until one is set.  The store only
 * keeps it, so that every verb that writes an audit row has it. */
void px_store_set_audit_key(struct px_store *st, const uint8_t key[32]);
const uint8_t *px_store_audit_key(const struct px_store *st);
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
/* Runs the transaction hook (px_store_on_tx), then commits; a failure
 * of either rolls back. */
int px_store_commit(struct px_store *st, struct px_err *err);
/* Rolls back when a transaction is open; harmless otherwise.  The hook
 * is told. */
void px_store_rollback(struct px_store *st);
/* The transaction hook: fn(ctx, 1, err) runs inside each transaction
 * just before px_store_commit commits it, so that what it writes is
 * part of it (its failure rolls the transaction back); fn(ctx, 0, NULL)
 * runs after each px_store_rollback.  One at a time: fn NULL removes
 * it.  A module that batches work over a transaction (the import's
 * audit) registers one for the time of its run. */
typedef int (*px_store_tx_fn)(void *ctx, int commit, struct px_err *err);
void px_store_on_tx(struct px_store *st, px_store_tx_fn fn, void *ctx);
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
/* len bytes at data, copied: any bytes, NUL included, for a column of
 * type BLOB (bytea on PostgreSQL; the schema says BLOB and the driver
 * spells it).  NULL data binds SQL NULL; len 0 an empty value. */
void px_stmt_blob(struct px_stmt *s, int i, const void *data, size_t len);
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
 * as null, bytes (a BLOB) as their base64 (RFC 4648, padded).  cols,
 * when given, overrides columns by name (NULL name ends it): PX_COL_BOOL
 * (0/1 as false/true), PX_COL_JSON (text parsed as JSON, kept as a
 * string when it is not), PX_COL_TEXT (a number as its text),
 * PX_COL_OMIT (left out when NULL), PX_COL_SKIP (never shown: a key the
 * SQL needs, such as a row id).  Caller frees.
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
/* The bytes of a BLOB column and their number in *len, valid until the
 * next step or reset of s (as text is); NULL with *len 0 for SQL NULL,
 * a pointer that is not NULL for an empty value. */
const void *px_stmt_col_blob(struct px_stmt *s, int col, size_t *len);
int64_t px_stmt_col_int(struct px_stmt *s, int col);
double px_stmt_col_double(struct px_stmt *s, int col);
int px_stmt_col_isnull(struct px_stmt *s, int col);
int px_stmt_col_count(struct px_stmt *s);
const char *px_stmt_col_name(struct px_stmt *s, int col);

#endif
