/*
 * driver.h - what an engine gives the store (private to lib/store).
 *
 * store.c is engine-neutral: the statement cache, the migrations runner,
 * rows to records, statuses.  Everything it asks of an engine goes
 * through one table of operations, one table per engine (driver-sqlite.c
 * today, a PostgreSQL driver with issue 19).  A driver keeps its
 * library's types to itself: a connection and a statement are opaque
 * pointers here, and no engine header is included outside its driver.
 *
 * Conventions every driver keeps:
 *   - SQL text comes with ?1, ?2... placeholders (numbered from 1, a
 *     number may repeat); a driver whose engine spells them otherwise
 *     translates them in prepare.
 *   - An operation that can fail returns PX_OK, or -1 leaving the error
 *     on the connection for fail() to describe; open() alone fills err
 *     itself, having no connection yet.
 *   - fail() is the one place an engine's errors become statuses:
 *     PX_EREJECT for a constraint violation (unique, foreign key, check,
 *     not null, a trigger's abort), PX_ESTORE for the rest, worded
 *     "WHAT: database is busy, try again later" when another writer held
 *     the lock past the timeout.
 *   - Text and bytes handed back (column text, blobs, names) stay valid
 *     until the next step, reset or finalize of the statement.
 *   - Bytes are a value of their own kind (SQLite's BLOB, PostgreSQL's
 *     bytea, sent and read in binary form): never text, never escaped.
 */
#ifndef PX_STORE_DRIVER_H
#define PX_STORE_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct px_store_conn;  /* a driver's connection */
struct px_store_dstmt; /* a driver's prepared statement */

/* Storage class of a column in the current row. */
enum px_store_ctype { PX_CT_NULL, PX_CT_INT, PX_CT_FLOAT, PX_CT_TEXT, PX_CT_BLOB };

struct px_store_driver {
	const char *name; /* "sqlite" */
	/* PX_STORE_CAP_* (store.h) that hold for every connection;
	 * conn_caps (may be NULL) adds those that depend on the version of
	 * the engine a connection reached. */
	unsigned caps;
	unsigned (*conn_caps)(struct px_store_conn *c);

	/* target is what follows the scheme (a file name for SQLite);
	 * flags are px_store_open's.  Registers the dialect functions. */
	int (*open)(const char *target, int flags, struct px_store_conn **out,
		    struct px_err *err);
	void (*close)(struct px_store_conn *c);
	/* Fills err from the connection's last error, prefixed "what: ",
	 * and returns its status. */
	int (*fail)(struct px_store_conn *c, struct px_err *err, const char *what);

	/* SQL text without parameters, one statement or several. */
	int (*exec)(struct px_store_conn *c, const char *sql);
	/* A write transaction that holds the write lock from its start
	 * (SQLite: BEGIN IMMEDIATE), its commit and rollback.  rollback is
	 * harmless outside a transaction. */
	int (*begin)(struct px_store_conn *c);
	int (*commit)(struct px_store_conn *c);
	void (*rollback)(struct px_store_conn *c);
	/* How long begin and writes wait for another writer. */
	void (*busy_timeout)(struct px_store_conn *c, int ms);
	/* The schema version the migrations runner keeps (0 for a new
	 * store) and its update, inside the runner's transaction. */
	int (*version)(struct px_store_conn *c, int *v);
	int (*set_version)(struct px_store_conn *c, int v);
	/* Rows changed by the last INSERT, UPDATE or DELETE, and the id the
	 * last INSERT gave its row. */
	int (*changes)(struct px_store_conn *c);
	int64_t (*last_id)(struct px_store_conn *c);

	int (*prepare)(struct px_store_conn *c, const char *sql, struct px_store_dstmt **out);
	void (*finalize)(struct px_store_dstmt *s);
	/* reset ends a walk (the statement can run again, bindings kept);
	 * clear sets every parameter back to NULL. */
	void (*reset)(struct px_store_dstmt *s);
	void (*clear)(struct px_store_dstmt *s);
	/* Parameters count from 1; text is copied.  Each returns 0, or -1
	 * when the value could not be bound (out of memory), and the
	 * statement must then not run: its parameter would be NULL. */
	int (*bind_text)(struct px_store_dstmt *s, int i, const char *v);
	int (*bind_int)(struct px_store_dstmt *s, int i, int64_t v);
	int (*bind_double)(struct px_store_dstmt *s, int i, double v);
	int (*bind_null)(struct px_store_dstmt *s, int i);
	/* len bytes at data (copied), any bytes, NUL included; data is
	 * never NULL here (len 0 is an empty value, not NULL). */
	int (*bind_blob)(struct px_store_dstmt *s, int i, const void *data, size_t len);
	/* 1: a row is ready; 0: done; -1: failed (fail() says why). */
	int (*step)(struct px_store_dstmt *s);
	/* Columns count from 0. */
	int (*col_count)(struct px_store_dstmt *s);
	const char *(*col_name)(struct px_store_dstmt *s, int col);
	enum px_store_ctype (*col_type)(struct px_store_dstmt *s, int col);
	/* NULL for an SQL NULL. */
	const char *(*col_text)(struct px_store_dstmt *s, int col);
	int64_t (*col_int)(struct px_store_dstmt *s, int col);
	double (*col_double)(struct px_store_dstmt *s, int col);
	/* The column's bytes and their number; NULL (len 0) for an SQL
	 * NULL, never NULL for an empty value. */
	const void *(*col_blob)(struct px_store_dstmt *s, int col, size_t *len);
};

extern const struct px_store_driver px_store_driver_sqlite;

#endif
