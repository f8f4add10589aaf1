/*
 * driver-sqlite.c - the SQLite engine behind the store: every sqlite3
 * call of px is here.  The file is created 0600 (with its -wal and
 * -shm), opened without following links, in WAL mode with a busy
 * timeout, foreign keys on, the defensive flags set, no extensions, and
 * the dialect's functions registered (store.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/mem.h"
#include "store/dialect.h"
#include "store/driver.h"
#include "store/faults.h"
#include "store/store.h"
#include "base/banned.h"

#define BUSY_TIMEOUT_MS 60000

/* The connection is the sqlite3 handle, the statement the sqlite3_stmt:
 * the opaque types of driver.h are never defined, only cast. */
#define DB(c) ((sqlite3 *)(c))
#define ST(s) ((sqlite3_stmt *)(s))

static int lite_fail(struct px_store_conn *c, struct px_err *err, const char *what)
{
	int rc = sqlite3_extended_errcode(DB(c)) & 0xff;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return px_fail(err, PX_ESTORE, "%s: database is busy, try again later", what);
	return px_fail(err, rc == SQLITE_CONSTRAINT ? PX_EREJECT : PX_ESTORE, "%s: %s", what,
		       sqlite3_errmsg(DB(c)));
}

/* ---------- the dialect's functions ---------- */

/* The text of argument i, or NULL for an SQL NULL. */
static const char *arg_text(sqlite3_value **v, int i)
{
	return (const char *)sqlite3_value_text(v[i]);
}

static int arg_time(sqlite3_context *cx, sqlite3_value **v, int i, const char *fn, int64_t *t)
{
	const char *s = arg_text(v, i);
	if (px_dialect_parse(s, t) == 0)
		return 0;
	char *msg = sqlite3_mprintf("%s: not an ISO 8601 time: '%s'", fn, s);
	sqlite3_result_error(cx, msg ? msg : fn, -1);
	sqlite3_free(msg);
	return -1;
}

static int any_null(int n, sqlite3_value **v)
{
	for (int i = 0; i < n; i++)
		if (sqlite3_value_type(v[i]) == SQLITE_NULL)
			return 1;
	return 0;
}

static void result_utc(sqlite3_context *cx, int64_t t, const char *fn)
{
	char buf[PX_DIALECT_UTC_LEN];
	if (px_dialect_format_utc(t, buf)) {
		char *msg = sqlite3_mprintf("%s: time out of range", fn);
		sqlite3_result_error(cx, msg ? msg : fn, -1);
		sqlite3_free(msg);
		return;
	}
	sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
}

static void fn_epoch(sqlite3_context *cx, int n, sqlite3_value **v)
{
	int64_t t;
	if (any_null(n, v))
		sqlite3_result_null(cx);
	else if (!arg_time(cx, v, 0, "px_epoch", &t))
		sqlite3_result_int64(cx, t);
}

static void fn_seconds_between(sqlite3_context *cx, int n, sqlite3_value **v)
{
	int64_t a, b;
	if (any_null(n, v))
		sqlite3_result_null(cx);
	else if (!arg_time(cx, v, 0, "px_seconds_between", &a) &&
		 !arg_time(cx, v, 1, "px_seconds_between", &b))
		sqlite3_result_int64(cx, b - a);
}

static void fn_time_add(sqlite3_context *cx, int n, sqlite3_value **v)
{
	int64_t t;
	if (any_null(n, v))
		sqlite3_result_null(cx);
	else if (!arg_time(cx, v, 0, "px_time_add", &t))
		result_utc(cx, t + sqlite3_value_int64(v[1]), "px_time_add");
}

/* The local fields of argument 0 in the zone of argument 1. */
static int arg_local(sqlite3_context *cx, sqlite3_value **v, const char *fn,
		     struct px_dialect_tm *tm)
{
	int64_t t;
	if (arg_time(cx, v, 0, fn, &t))
		return -1;
	const char *zone = arg_text(v, 1);
	if (px_dialect_local(t, zone, tm) == 0)
		return 0;
	char *msg = sqlite3_mprintf("%s: unknown time zone '%s'", fn, zone);
	sqlite3_result_error(cx, msg ? msg : fn, -1);
	sqlite3_free(msg);
	return -1;
}

static void local_period(sqlite3_context *cx, sqlite3_value **v, const char *fn,
			 const char *period)
{
	struct px_dialect_tm tm;
	char buf[PX_DIALECT_PERIOD_LEN];
	if (arg_local(cx, v, fn, &tm))
		return;
	if (px_dialect_period(&tm, period, buf, sizeof buf)) {
		char *msg = sqlite3_mprintf("%s: unknown period '%s'", fn, period);
		sqlite3_result_error(cx, msg ? msg : fn, -1);
		sqlite3_free(msg);
		return;
	}
	sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
}

static void fn_local_date(sqlite3_context *cx, int n, sqlite3_value **v)
{
	if (any_null(n, v))
		sqlite3_result_null(cx);
	else
		local_period(cx, v, "px_local_date", "day");
}

static void fn_local_month(sqlite3_context *cx, int n, sqlite3_value **v)
{
	if (any_null(n, v))
		sqlite3_result_null(cx);
	else
		local_period(cx, v, "px_local_month", "month");
}

static void fn_local_period(sqlite3_context *cx, int n, sqlite3_value **v)
{
	if (any_null(n, v))
		sqlite3_result_null(cx);
	else
		local_period(cx, v, "px_local_period", arg_text(v, 2));
}

static void fn_local_time(sqlite3_context *cx, int n, sqlite3_value **v)
{
	struct px_dialect_tm tm;
	char buf[PX_DIALECT_LOCAL_LEN];
	if (any_null(n, v)) {
		sqlite3_result_null(cx);
	} else if (!arg_local(cx, v, "px_local_time", &tm)) {
		px_dialect_format_local(&tm, buf);
		sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
	}
}

/* SQLite's order of values: NULL, numbers, text (bytewise), blobs. */
static int value_cmp(sqlite3_value *a, sqlite3_value *b)
{
	static const int rank[] = { [SQLITE_INTEGER] = 1, [SQLITE_FLOAT] = 1, [SQLITE_TEXT] = 2,
				    [SQLITE_BLOB] = 3, [SQLITE_NULL] = 0 };
	int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
	if (rank[ta] != rank[tb])
		return rank[ta] - rank[tb];
	if (rank[ta] == 1) {
		if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
			sqlite3_int64 x = sqlite3_value_int64(a), y = sqlite3_value_int64(b);
			return x < y ? -1 : x > y;
		}
		double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
		return x < y ? -1 : x > y;
	}
	int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);
	const void *pa = ta == SQLITE_TEXT ? (const void *)sqlite3_value_text(a) : sqlite3_value_blob(a);
	const void *pb = tb == SQLITE_TEXT ? (const void *)sqlite3_value_text(b) : sqlite3_value_blob(b);
	int c = memcmp(pa ? pa : "", pb ? pb : "", (size_t)(na < nb ? na : nb));
	return c ? c : na - nb;
}

/* greatest and least as PostgreSQL has them: NULL arguments are
 * ignored, the result is NULL only when every argument is. */
static void extreme(sqlite3_context *cx, int n, sqlite3_value **v, int sign)
{
	sqlite3_value *best = NULL;
	for (int i = 0; i < n; i++)
		if (sqlite3_value_type(v[i]) != SQLITE_NULL &&
		    (!best || sign * value_cmp(v[i], best) > 0))
			best = v[i];
	if (best)
		sqlite3_result_value(cx, best);
	else
		sqlite3_result_null(cx);
}

static void fn_greatest(sqlite3_context *cx, int n, sqlite3_value **v)
{
	extreme(cx, n, v, 1);
}

static void fn_least(sqlite3_context *cx, int n, sqlite3_value **v)
{
	extreme(cx, n, v, -1);
}

/* string_agg(value, separator): the non-NULL values in the order the
 * rows come, separator between them; NULL when there are none. */
struct agg {
	sqlite3_str *s;
	int n;
};

static void agg_step(sqlite3_context *cx, int n, sqlite3_value **v)
{
	struct agg *a = sqlite3_aggregate_context(cx, sizeof *a);
	if (!a) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	if (sqlite3_value_type(v[0]) == SQLITE_NULL)
		return;
	if (!a->s)
		a->s = sqlite3_str_new(NULL);
	if (a->n++ && sqlite3_value_type(v[1]) != SQLITE_NULL)
		sqlite3_str_append(a->s, (const char *)sqlite3_value_text(v[1]),
				   sqlite3_value_bytes(v[1]));
	sqlite3_str_append(a->s, (const char *)sqlite3_value_text(v[0]), sqlite3_value_bytes(v[0]));
}

static void agg_final(sqlite3_context *cx)
{
	struct agg *a = sqlite3_aggregate_context(cx, 0);
	if (!a || !a->s) {
		sqlite3_result_null(cx);
		return;
	}
	int len = sqlite3_str_length(a->s);
	if (sqlite3_str_errcode(a->s)) {
		sqlite3_free(sqlite3_str_finish(a->s));
		sqlite3_result_error_nomem(cx);
		return;
	}
	char *text = sqlite3_str_finish(a->s);
	if (text)
		sqlite3_result_text(cx, text, len, sqlite3_free);
	else
		sqlite3_result_text(cx, "", 0, SQLITE_STATIC); /* only empty values */
}

/* Deterministic (the same arguments give the same answer, so SQLite may
 * use them in indexes and fold them) and innocuous (no side effects, so
 * views and triggers may call them with trusted_schema off). */
#define PURE (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

static const struct {
	const char *name;
	int nargs;
	void (*fn)(sqlite3_context *, int, sqlite3_value **);
} scalars[] = {
	{ "px_epoch", 1, fn_epoch },
	{ "px_seconds_between", 2, fn_seconds_between },
	{ "px_time_add", 2, fn_time_add },
	{ "px_local_date", 2, fn_local_date },
	{ "px_local_month", 2, fn_local_month },
	{ "px_local_period", 3, fn_local_period },
	{ "px_local_time", 2, fn_local_time },
	{ "greatest", -1, fn_greatest },
	{ "least", -1, fn_least },
};

static int register_dialect(sqlite3 *db)
{
	for (size_t i = 0; i < sizeof scalars / sizeof *scalars; i++)
		if (sqlite3_create_function_v2(db, scalars[i].name, scalars[i].nargs, PURE, NULL,
					       scalars[i].fn, NULL, NULL, NULL) != SQLITE_OK)
			return -1;
	return sqlite3_create_function_v2(db, "string_agg", 2, PURE, NULL, NULL, agg_step,
					  agg_final, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---------- opening ---------- */

static void tighten_mode(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && (sb.st_mode & 077) && sb.st_uid == geteuid())
		chmod(path, sb.st_mode & 0700);
}

/* The database and the files SQLite keeps beside it, 0600 whatever an
 * earlier umask made them. */
static void tighten_all(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	for (int i = 0; i < 4; i++) {
		char *p = px_xasprintf("%s%s", path, sfx[i]);
		tighten_mode(p);
		free(p);
	}
}

/* The file: there, or created (0600, no link followed) when asked. */
static int lite_file(const char *path, int flags, struct px_err *err)
{
	struct stat sb;
	if (stat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode))
			return px_fail(err, PX_EINPUT, "database '%s' is not a regular file", path);
		return PX_OK;
	}
	if (errno == ENOENT && !(flags & PX_STORE_CREATE))
		return px_fail(err, PX_EINPUT, "no database '%s' (create it with 'px init')", path);
	if (errno != ENOENT)
		return px_fail(err, PX_ESTORE, "cannot open database '%s': %s", path, strerror(errno));
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return px_fail(err, PX_ESTORE, "cannot create database '%s': %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return PX_OK;
}

static int lite_exec(struct px_store_conn *c, const char *sql)
{
	return sqlite3_exec(DB(c), sql, NULL, NULL, NULL) == SQLITE_OK ? PX_OK : -1;
}

/* The settings of every connection.  Statement journals, sorts and
 * temporary tables in memory rather than temporary files; a larger page
 * cache keeps the indexes a bulk import touches. */
static int lite_settings(sqlite3 *db, const char *path, struct px_err *err)
{
	struct px_store_conn *c = (struct px_store_conn *)db;
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
	/* "x" is a name, never a string, as in standard SQL. */
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	if (register_dialect(db))
		return lite_fail(c, err, "store");
	sqlite3_stmt *s = NULL;
	if (lite_exec(c, "PRAGMA foreign_keys = ON") ||
	    sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		/* Not an SQLite file at all: the input is wrong, not the store. */
		int notadb = (sqlite3_extended_errcode(db) & 0xff) == SQLITE_NOTADB;
		int rc = lite_fail(c, err, "store");
		sqlite3_finalize(s);
		if (notadb && err)
			err->code = PX_EINPUT;
		return notadb ? PX_EINPUT : rc;
	}
	int wal = !strcmp((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	if (!wal)
		return px_fail(err, PX_ESTORE, "database '%s' cannot use WAL journal mode", path);
	if (lite_exec(c, "PRAGMA synchronous = NORMAL") || lite_exec(c, "PRAGMA temp_store = MEMORY") ||
	    lite_exec(c, "PRAGMA cache_size = -16384"))
		return lite_fail(c, err, "store");
	return PX_OK;
}

#ifdef PX_FAULTS
/* SQLite's allocations through px's fault countdown (base/mem.h). */
static sqlite3_mem_methods lite_mem;

static void *fault_malloc(int n)
{
	return px_fault_alloc() ? NULL : lite_mem.xMalloc(n);
}

static void *fault_realloc(void *p, int n)
{
	return px_fault_alloc() ? NULL : lite_mem.xRealloc(p, n);
}

static void lite_faults(void)
{
	static int done;
	if (done++ || (!getenv("PX_FAIL_ALLOC") && !getenv("PX_ALLOC_COUNT")))
		return;
	sqlite3_mem_methods m;
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &lite_mem) != SQLITE_OK)
		return;
	m = lite_mem;
	m.xMalloc = fault_malloc;
	m.xRealloc = fault_realloc;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
}
#else
static void lite_faults(void)
{
}
#endif

static int lite_open(const char *path, int flags, struct px_store_conn **out, struct px_err *err)
{
	*out = NULL;
	if (!*path)
		return px_fail(err, PX_EINPUT, "no database file named");
	int rc = lite_file(path, flags, err);
	if (rc)
		return rc;
	tighten_all(path);
	mode_t old = umask(077);
	/* No global memory statistics: they take a mutex on every allocation.
	 * Only possible before SQLite is first used; later calls fail
	 * harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	lite_faults();
	px_lite_faults_vfs();
	/* One connection, used by one thread: no mutex on every call. */
	sqlite3 *db = NULL;
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK)
		rc = px_fail(err, PX_ESTORE, "cannot open database '%s': %s", path,
			     db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	else
		rc = lite_settings(db, path, err);
	umask(old);
	if (rc) {
		sqlite3_close(db);
		return rc;
	}
	*out = (struct px_store_conn *)db;
	return PX_OK;
}

static void lite_close(struct px_store_conn *c)
{
	sqlite3_close(DB(c));
}

static unsigned lite_caps(struct px_store_conn *c)
{
	unsigned caps = 0;
	if (sqlite3_libversion_number() >= 3035000)
		caps |= PX_STORE_CAP_RETURNING;
	if (sqlite3_libversion_number() >= 3044000)
		caps |= PX_STORE_CAP_AGG_ORDER;
	return caps;
}

/* ---------- transactions ---------- */

static int lite_begin(struct px_store_conn *c)
{
	return lite_exec(c, "BEGIN IMMEDIATE");
}

static int lite_commit(struct px_store_conn *c)
{
	return lite_exec(c, "COMMIT");
}

static void lite_rollback(struct px_store_conn *c)
{
	if (!sqlite3_get_autocommit(DB(c)))
		sqlite3_exec(DB(c), "ROLLBACK", NULL, NULL, NULL);
}

static void lite_busy_timeout(struct px_store_conn *c, int ms)
{
	sqlite3_busy_timeout(DB(c), ms);
}

static int lite_version(struct px_store_conn *c, int *v)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(DB(c), "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? PX_OK : -1;
}

static int lite_set_version(struct px_store_conn *c, int v)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
	return lite_exec(c, sql);
}

static int lite_changes(struct px_store_conn *c)
{
	return sqlite3_changes(DB(c));
}

static int64_t lite_last_id(struct px_store_conn *c)
{
	return sqlite3_last_insert_rowid(DB(c));
}

/* ---------- statements ---------- */

static int lite_prepare(struct px_store_conn *c, const char *sql, struct px_store_dstmt **out)
{
	sqlite3_stmt *p;
	if (sqlite3_prepare_v3(DB(c), sql, -1, SQLITE_PREPARE_PERSISTENT, &p, NULL) != SQLITE_OK)
		return -1;
	*out = (struct px_store_dstmt *)p;
	return PX_OK;
}

static void lite_finalize(struct px_store_dstmt *s)
{
	sqlite3_finalize(ST(s));
}

static void lite_reset(struct px_store_dstmt *s)
{
	sqlite3_reset(ST(s));
}

static void lite_clear(struct px_store_dstmt *s)
{
	sqlite3_clear_bindings(ST(s));
}

/* A value that could not be copied: out of memory, or over SQLite's
 * limit.  A parameter the statement does not have is no error: callers
 * bind the parameters a family of statements shares (core/org.c). */
static int bound(int rc)
{
	return rc == SQLITE_NOMEM || rc == SQLITE_TOOBIG ? -1 : 0;
}

static int lite_bind_text(struct px_store_dstmt *s, int i, const char *v)
{
	return bound(sqlite3_bind_text(ST(s), i, v, -1, SQLITE_TRANSIENT));
}

static int lite_bind_int(struct px_store_dstmt *s, int i, int64_t v)
{
	return bound(sqlite3_bind_int64(ST(s), i, v));
}

static int lite_bind_double(struct px_store_dstmt *s, int i, double v)
{
	return bound(sqlite3_bind_double(ST(s), i, v));
}

static int lite_bind_null(struct px_store_dstmt *s, int i)
{
	return bound(sqlite3_bind_null(ST(s), i));
}

static int lite_bind_blob(struct px_store_dstmt *s, int i, const void *data, size_t len)
{
	int rc = len == 0 ? sqlite3_bind_zeroblob(ST(s), i, 0)
		 : sqlite3_bind_blob64(ST(s), i, data, (sqlite3_uint64)len, SQLITE_TRANSIENT);
	return bound(rc);
}

static int lite_step(struct px_store_dstmt *s)
{
	int rc = sqlite3_step(ST(s));
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int lite_col_count(struct px_store_dstmt *s)
{
	return sqlite3_column_count(ST(s));
}

static const char *lite_col_name(struct px_store_dstmt *s, int col)
{
	return sqlite3_column_name(ST(s), col);
}

static enum px_store_ctype lite_col_type(struct px_store_dstmt *s, int col)
{
	switch (sqlite3_column_type(ST(s), col)) {
	case SQLITE_NULL: return PX_CT_NULL;
	case SQLITE_INTEGER: return PX_CT_INT;
	case SQLITE_FLOAT: return PX_CT_FLOAT;
	case SQLITE_BLOB: return PX_CT_BLOB;
	default: return PX_CT_TEXT;
	}
}

static const char *lite_col_text(struct px_store_dstmt *s, int col)
{
	return (const char *)sqlite3_column_text(ST(s), col);
}

static int64_t lite_col_int(struct px_store_dstmt *s, int col)
{
	return sqlite3_column_int64(ST(s), col);
}

static double lite_col_double(struct px_store_dstmt *s, int col)
{
	return sqlite3_column_double(ST(s), col);
}

static const void *lite_col_blob(struct px_store_dstmt *s, int col, size_t *len)
{
	*len = 0;
	if (sqlite3_column_type(ST(s), col) == SQLITE_NULL)
		return NULL;
	/* the bytes first, then their number, as SQLite asks */
	const void *p = sqlite3_column_blob(ST(s), col);
	int n = sqlite3_column_bytes(ST(s), col);
	if (!p && n > 0)
		px_oom(); /* no memory to give a number as bytes */
	if (!p || n <= 0)
		return ""; /* an empty value, which SQLite gives as NULL */
	*len = (size_t)n;
	return p;
}

const struct px_store_driver px_store_driver_sqlite = {
	.name = "sqlite",
	.caps = PX_STORE_CAP_FILE | PX_STORE_CAP_ONE_WRITER | PX_STORE_CAP_CHEAP_LAST_ID,
	.conn_caps = lite_caps,
	.open = lite_open,
	.close = lite_close,
	.fail = lite_fail,
	.exec = lite_exec,
	.begin = lite_begin,
	.commit = lite_commit,
	.rollback = lite_rollback,
	.busy_timeout = lite_busy_timeout,
	.version = lite_version,
	.set_version = lite_set_version,
	.changes = lite_changes,
	.last_id = lite_last_id,
	.prepare = lite_prepare,
	.finalize = lite_finalize,
	.reset = lite_reset,
	.clear = lite_clear,
	.bind_text = lite_bind_text,
	.bind_int = lite_bind_int,
	.bind_double = lite_bind_double,
	.bind_null = lite_bind_null,
	.bind_blob = lite_bind_blob,
	.step = lite_step,
	.col_count = lite_col_count,
	.col_name = lite_col_name,
	.col_type = lite_col_type,
	.col_text = lite_col_text,
	.col_int = lite_col_int,
	.col_double = lite_col_double,
	.col_blob = lite_col_blob,
};
