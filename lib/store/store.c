/* store.c - SQLite behind a narrow, parameter-bound interface. */
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
#include "store/store.h"
#include "base/banned.h"

/* Generated from lib/store/schema/NNN-*.sql by the Makefile: NULL-terminated. */
extern const char *const px_schema_migrations[];
extern const char *const px_schema_names[];

struct px_stmt {
	sqlite3_stmt *st;
	const char *sql;
	struct px_stmt *next;
	struct px_store *store;
};

/* The statement cache: a list searched by SQL text, and in front of it
 * a table keyed by the address of the caller's text (callers pass
 * literals), checked against the text before use. */
#define STMT_SLOTS 256

struct px_store {
	sqlite3 *db;
	char *path;
	struct px_stmt *cache;
	struct {
		const char *key;
		struct px_stmt *s;
	} slot[STMT_SLOTS];
	int in_tx;
};

#define BUSY_TIMEOUT_MS 60000

/* Fills err from the connection's last error; returns its status. */
static int store_err(struct px_store *st, struct px_err *err, const char *what)
{
	int rc = sqlite3_extended_errcode(st->db);
	int code = (rc & 0xff) == SQLITE_CONSTRAINT ? PX_EREJECT : PX_ESTORE;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return px_fail(err, PX_ESTORE, "%s: database is busy, try again later", what);
	return px_fail(err, code, "%s: %s", what, sqlite3_errmsg(st->db));
}

int px_store_latest_version(void)
{
	int n = 0;
	while (px_schema_migrations[n])
		n++;
	return n;
}

static void tighten_mode(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && (sb.st_mode & 077) && sb.st_uid == geteuid())
		chmod(path, sb.st_mode & 0700);
}

static void tighten_all(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	for (int i = 0; i < 4; i++) {
		char *p = px_xasprintf("%s%s", path, sfx[i]);
		tighten_mode(p);
		free(p);
	}
}

static int user_version(struct px_store *st, int *v, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st, "PRAGMA user_version", err);
	if (!s)
		return -1;
	if (px_stmt_step(s, err) != 1)
		return -1;
	*v = (int)px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return 0;
}

static int migrate(struct px_store *st, struct px_err *err)
{
	int latest = px_store_latest_version(), v;
	if (user_version(st, &v, err))
		return -1;
	if (v == latest)
		return 0;
	if (v > latest)
		return px_err_set(err, PX_ESTORE,
				  "database schema version %d is newer than this px (%d)", v, latest);
	if (px_store_begin(st, err))
		return -1;
	if (user_version(st, &v, err))
		goto fail;
	for (; v < latest; v++) {
		char *msg = NULL;
		if (sqlite3_exec(st->db, px_schema_migrations[v], NULL, NULL, &msg) != SQLITE_OK) {
			px_err_set(err, PX_ESTORE, "migration %s failed: %s",
				   px_schema_names[v], msg ? msg : "?");
			sqlite3_free(msg);
			goto fail;
		}
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (px_store_exec(st, pragma, err))
			goto fail;
	}
	return px_store_commit(st, err);
fail:
	px_store_rollback(st);
	return -1;
}

struct px_store *px_store_open(const char *path, int flags, struct px_err *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !(flags & PX_STORE_CREATE)) {
			if (errno == ENOENT)
				px_err_set(err, PX_EINPUT, "no database '%s' (create it with 'px init')", path);
			else
				px_err_set(err, PX_ESTORE, "cannot open database '%s': %s", path, strerror(errno));
			return NULL;
		}
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			px_err_set(err, PX_ESTORE, "cannot create database '%s': %s", path, strerror(errno));
			return NULL;
		}
		if (fd >= 0)
			close(fd);
	} else if (!S_ISREG(sb.st_mode)) {
		px_err_set(err, PX_EINPUT, "database '%s' is not a regular file", path);
		return NULL;
	}
	struct px_store *st = px_xcalloc(1, sizeof *st);
	st->path = px_xstrdup(path);
	mode_t old = umask(077);
	/* No global memory statistics: they take a mutex on every allocation.
	 * Only possible before SQLite is first used; later calls fail
	 * harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* One connection, used by one thread: no mutex on every call. */
	int rc = sqlite3_open_v2(path, &st->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		px_err_set(err, PX_ESTORE, "cannot open database '%s': %s", path,
			   st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		umask(old);
		px_store_close(st);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
	struct px_stmt *s;
	if (px_store_exec(st, "PRAGMA foreign_keys = ON", err) ||
	    !(s = px_stmt_prepare(st, "PRAGMA journal_mode = WAL", err)) ||
	    px_stmt_step(s, err) != 1) {
		if (err && strstr(err->text, "not a database"))
			err->code = PX_EINPUT;
		goto fail;
	}
	if (strcmp(px_stmt_col_text(s, 0), "wal")) {
		px_err_set(err, PX_ESTORE, "database '%s' cannot use WAL journal mode", path);
		goto fail;
	}
	px_stmt_reset(s);
	/* Statement journals, sorts and temporary tables in memory rather
	 * than temporary files.  A larger page cache keeps the indexes a
	 * bulk import touches. */
	if (px_store_exec(st, "PRAGMA synchronous = NORMAL", err) ||
	    px_store_exec(st, "PRAGMA temp_store = MEMORY", err) ||
	    px_store_exec(st, "PRAGMA cache_size = -16384", err) || migrate(st, err))
		goto fail;
	umask(old);
	tighten_all(path);
	return st;
fail:
	umask(old);
	px_store_close(st);
	return NULL;
}

void px_store_close(struct px_store *st)
{
	if (!st)
		return;
	struct px_stmt *s = st->cache;
	while (s) {
		struct px_stmt *n = s->next;
		sqlite3_finalize(s->st);
		free(s);
		s = n;
	}
	if (st->db)
		sqlite3_close(st->db);
	free(st->path);
	free(st);
}

const char *px_store_path(const struct px_store *st)
{
	return st->path;
}

int px_store_version(struct px_store *st)
{
	int v = -1;
	user_version(st, &v, NULL);
	return v;
}

int px_store_exec(struct px_store *st, const char *sql, struct px_err *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_err(st, err, "store");
	return PX_OK;
}

int px_store_begin(struct px_store *st, struct px_err *err)
{
	int rc = px_store_exec(st, "BEGIN IMMEDIATE", err);
	if (rc)
		return rc;
	st->in_tx = 1;
	return PX_OK;
}

int px_store_commit(struct px_store *st, struct px_err *err)
{
	int rc = px_store_exec(st, "COMMIT", err);
	if (rc) {
		px_store_rollback(st);
		return rc;
	}
	st->in_tx = 0;
	return PX_OK;
}

void px_store_rollback(struct px_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
}

int64_t px_store_last_id(struct px_store *st)
{
	return sqlite3_last_insert_rowid(st->db);
}

int px_store_changes(struct px_store *st)
{
	return sqlite3_changes(st->db);
}

struct px_stmt *px_stmt_prepare(struct px_store *st, const char *sql, struct px_err *err)
{
	size_t h = ((uintptr_t)sql >> 3) % STMT_SLOTS;
	struct px_stmt *s = st->slot[h].s;
	if (s && st->slot[h].key == sql && !strcmp(s->sql, sql))
		goto found;
	for (s = st->cache; s; s = s->next)
		if (!strcmp(s->sql, sql))
			goto cache;
	sqlite3_stmt *p;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &p, NULL) != SQLITE_OK) {
		store_err(st, err, "store");
		return NULL;
	}
	s = px_xcalloc(1, sizeof *s);
	s->st = p;
	s->sql = sqlite3_sql(p);
	s->store = st;
	s->next = st->cache;
	st->cache = s;
	return s;
cache:
	st->slot[h].key = sql;
	st->slot[h].s = s;
found:
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	return s;
}

void px_stmt_text(struct px_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->st, i);
}

void px_stmt_int(struct px_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s->st, i, v);
}

void px_stmt_double(struct px_stmt *s, int i, double v)
{
	sqlite3_bind_double(s->st, i, v);
}

void px_stmt_null(struct px_stmt *s, int i)
{
	sqlite3_bind_null(s->st, i);
}

int px_stmt_step(struct px_stmt *s, struct px_err *err)
{
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_err(s->store, err, "store");
	sqlite3_reset(s->st);
	return -1;
}

int px_stmt_run(struct px_stmt *s, struct px_err *err)
{
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1)
		;
	if (rc < 0)
		return err && err->code ? err->code : PX_ESTORE;
	sqlite3_reset(s->st);
	return PX_OK;
}

int px_stmt_each(struct px_stmt *s, int (*fn)(struct px_stmt *s, void *ctx), void *ctx,
		 struct px_err *err)
{
	int rc, k = 0;
	while ((rc = px_stmt_step(s, err)) == 1)
		if ((k = fn(s, ctx)) != 0)
			break;
	sqlite3_reset(s->st);
	if (rc < 0)
		return err && err->code ? err->code : PX_ESTORE;
	return k;
}

static enum px_col_kind col_kind(const struct px_col *cols, const char *name)
{
	for (const struct px_col *c = cols; c && c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c->kind;
	return 0;
}

struct px_rec *px_stmt_rec(struct px_stmt *s, const char *type, const struct px_col *cols)
{
	struct px_rec *r = px_rec_new(type);
	int n = sqlite3_column_count(s->st);
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(s->st, i);
		enum px_col_kind kind = col_kind(cols, name);
		int t = sqlite3_column_type(s->st, i);
		if (kind == PX_COL_SKIP || (kind == PX_COL_OMIT && t == SQLITE_NULL))
			continue;
		if (t == SQLITE_NULL) {
			px_rec_set_null(r, name);
		} else if (kind == PX_COL_BOOL) {
			px_rec_set_bool(r, name, sqlite3_column_int64(s->st, i) != 0);
		} else if (kind == PX_COL_JSON) {
			const char *text = (const char *)sqlite3_column_text(s->st, i);
			if (px_rec_set_json(r, name, text))
				px_rec_set_str(r, name, text);
		} else if (kind != PX_COL_TEXT && t == SQLITE_INTEGER) {
			px_rec_set_int(r, name, sqlite3_column_int64(s->st, i));
		} else if (kind != PX_COL_TEXT && t == SQLITE_FLOAT) {
			px_rec_set_num(r, name, sqlite3_column_double(s->st, i));
		} else {
			px_rec_set_str(r, name, (const char *)sqlite3_column_text(s->st, i));
		}
	}
	return r;
}

void px_stmt_reset(struct px_stmt *s)
{
	sqlite3_reset(s->st);
}

const char *px_stmt_col_text(struct px_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s->st, col);
	return t ? (const char *)t : "";
}

int64_t px_stmt_col_int(struct px_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

double px_stmt_col_double(struct px_stmt *s, int col)
{
	return sqlite3_column_double(s->st, col);
}

int px_stmt_col_isnull(struct px_stmt *s, int col)
{
	return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

int px_stmt_col_count(struct px_stmt *s)
{
	return sqlite3_column_count(s->st);
}

const char *px_stmt_col_name(struct px_stmt *s, int col)
{
	return sqlite3_column_name(s->st, col);
}
