/*
 * driver-sqlite.c - the SQLite engine behind the store: every sqlite3
 * call of px is here.  The file is created 0600 (with its -wal and
 * -shm), opened without following links, in WAL mode with a busy
 * timeout, foreign keys on, the defensive flags set and no extensions.
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
#include "store/driver.h"
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

static void lite_bind_text(struct px_store_dstmt *s, int i, const char *v)
{
	sqlite3_bind_text(ST(s), i, v, -1, SQLITE_TRANSIENT);
}

static void lite_bind_int(struct px_store_dstmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(ST(s), i, v);
}

static void lite_bind_double(struct px_store_dstmt *s, int i, double v)
{
	sqlite3_bind_double(ST(s), i, v);
}

static void lite_bind_null(struct px_store_dstmt *s, int i)
{
	sqlite3_bind_null(ST(s), i);
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
	.step = lite_step,
	.col_count = lite_col_count,
	.col_name = lite_col_name,
	.col_type = lite_col_type,
	.col_text = lite_col_text,
	.col_int = lite_col_int,
	.col_double = lite_col_double,
};
