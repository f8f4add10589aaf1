/*
 * store.c - the engine-neutral half of the store: choosing the driver,
 * the migrations runner, transactions, the statement cache, rows to
 * records.  Every engine call goes through the driver's table
 * (driver.h); nothing here knows SQLite.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/mem.h"
#include "base/token.h"
#include "store/driver.h"
#include "store/store.h"
#include "base/banned.h"

/* Generated from lib/store/schema/NNN-*.sql by the Makefile: NULL-terminated. */
extern const char *const px_schema_migrations[];
extern const char *const px_schema_names[];

struct px_stmt {
	struct px_store_dstmt *d;
	const struct px_store_driver *drv;
	int unbound; /* a value could not be bound: the statement must not run */
	char *sql;
	struct px_stmt *next;
	struct px_store *store;
};

/* The statement cache: a list searched by SQL text, and in front of it
 * a table keyed by the address of the caller's text (callers pass
 * literals), checked against the text before use. */
#define STMT_SLOTS 256

struct px_store {
	const struct px_store_driver *drv;
	struct px_store_conn *conn;
	unsigned caps;
	char *path;
	struct px_stmt *cache;
	uint8_t audit_key[32];
	int have_audit_key;
	px_store_tx_fn tx_fn;
	void *tx_ctx;
	struct {
		const char *key;
		struct px_stmt *s;
	} slot[STMT_SLOTS];
};

/* ---------- which driver ---------- */

/* Engines named by URL (scheme://...); a NULL driver is an engine this
 * build has no driver for yet (PostgreSQL's arrives with issue 19).  A
 * path that is not a URL, or "sqlite:FILE", is an SQLite file. */
static const struct {
	const char *scheme;
	const struct px_store_driver *drv;
	const char *engine;
} engines[] = {
	{ "postgresql", NULL, "PostgreSQL" },
	{ "postgres", NULL, "PostgreSQL" },
};

/* The length of path's URL scheme ("postgresql" in "postgresql://..."),
 * or 0 when path is not a URL. */
static size_t url_scheme(const char *path)
{
	size_t n = 0;
	if (!isalpha((unsigned char)path[0]))
		return 0;
	while (isalnum((unsigned char)path[n]) || (path[n] && strchr("+-.", path[n])))
		n++;
	return strncmp(path + n, "://", 3) == 0 ? n : 0;
}

/* A URL without the password of its user part, for messages. */
static char *url_redacted(const char *url)
{
	const char *auth = strstr(url, "://") + 3;
	const char *end = auth + strcspn(auth, "/?#");
	const char *at = NULL, *colon;
	for (const char *p = auth; p < end; p++)
		if (*p == '@')
			at = p; /* the last: a password may hold an unencoded '@' */
	colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (!colon)
		return px_xstrdup(url);
	return px_xasprintf("%.*s%s", (int)(colon - url), url, at);
}

/* The driver for path and what it is given (*target); NULL with
 * PX_EINPUT when this px cannot open what path names. */
static const struct px_store_driver *driver_for(const char *path, const char **target,
						 struct px_err *err)
{
	*target = path;
	size_t n = url_scheme(path);
	if (!n) {
		if (strncmp(path, "sqlite:", 7) == 0)
			*target = path + 7;
		return &px_store_driver_sqlite;
	}
	const struct px_store_driver *drv = NULL;
	char *shown = url_redacted(path);
	size_t i = 0, ne = sizeof engines / sizeof *engines;
	while (i < ne && (strlen(engines[i].scheme) != n || strncasecmp(path, engines[i].scheme, n)))
		i++;
	if (n == 6 && strncasecmp(path, "sqlite", 6) == 0)
		px_fail(err, PX_EINPUT, "database '%s': name an SQLite file as FILE or sqlite:FILE",
			shown);
	else if (i == ne)
		px_fail(err, PX_EINPUT, "database '%s': unknown kind of database '%.*s'", shown,
			(int)n, path);
	else if (!(drv = engines[i].drv))
		px_fail(err, PX_EINPUT, "database '%s': this build of px has no %s driver yet",
			shown, engines[i].engine);
	free(shown);
	return drv;
}

/* ---------- opening and migrations ---------- */

int px_store_latest_version(void)
{
	int n = 0;
	while (px_schema_migrations[n])
		n++;
	return n;
}

static int store_fail(struct px_store *st, struct px_err *err)
{
	return st->drv->fail(st->conn, err, "store");
}

static int version(struct px_store *st, int *v, struct px_err *err)
{
	return st->drv->version(st->conn, v) ? store_fail(st, err) : PX_OK;
}

/* Runs the migrations the store has not had, in one transaction: a
 * store is at one version or the next, never between. */
static int migrate(struct px_store *st, struct px_err *err)
{
	int latest = px_store_latest_version(), v, rc;
	if ((rc = version(st, &v, err)))
		return rc;
	if (v == latest)
		return PX_OK;
	if (v > latest)
		return px_fail(err, PX_ESTORE, "database schema version %d is newer than this px (%d)",
			       v, latest);
	if ((rc = px_store_begin(st, err)) || (rc = version(st, &v, err)))
		goto fail;
	for (; v < latest; v++) {
		char what[128];
		snprintf(what, sizeof what, "migration %s failed", px_schema_names[v]);
		if (st->drv->exec(st->conn, px_schema_migrations[v]) ||
		    st->drv->set_version(st->conn, v + 1)) {
			/* Whatever the engine says, a store that cannot be
			 * migrated is the store's problem. */
			st->drv->fail(st->conn, err, what);
			rc = PX_ESTORE;
			if (err)
				err->code = rc;
			goto fail;
		}
	}
	return px_store_commit(st, err);
fail:
	px_store_rollback(st);
	return rc;
}

struct px_store *px_store_open(const char *path, int flags, struct px_err *err)
{
	const char *target;
	const struct px_store_driver *drv = driver_for(path, &target, err);
	if (!drv)
		return NULL;
	struct px_store_conn *conn;
	if (drv->open(target, flags, &conn, err))
		return NULL;
	struct px_store *st = px_xcalloc(1, sizeof *st);
	st->drv = drv;
	st->conn = conn;
	st->caps = drv->caps | (drv->conn_caps ? drv->conn_caps(conn) : 0);
	st->path = px_xstrdup(target);
	if (migrate(st, err)) {
		px_store_close(st);
		return NULL;
	}
	return st;
}

void px_store_set_audit_key(struct px_store *st, const uint8_t key[32])
{
	memcpy(st->audit_key, key, sizeof st->audit_key);
	st->have_audit_key = 1;
}

const uint8_t *px_store_audit_key(const struct px_store *st)
{
	return st && st->have_audit_key ? st->audit_key : NULL;
}

void px_store_close(struct px_store *st)
{
	if (!st)
		return;
	struct px_stmt *s = st->cache;
	while (s) {
		struct px_stmt *n = s->next;
		st->drv->finalize(s->d);
		free(s->sql);
		free(s);
		s = n;
	}
	if (st->conn)
		st->drv->close(st->conn);
	free(st->path);
	explicit_bzero(st->audit_key, sizeof st->audit_key);
	free(st);
}

const char *px_store_path(const struct px_store *st)
{
	return st->path;
}

const char *px_store_engine(const struct px_store *st)
{
	return st->drv->name;
}

int px_store_has(const struct px_store *st, unsigned caps)
{
	return (st->caps & caps) == caps;
}

void px_store_busy_timeout(struct px_store *st, int ms)
{
	st->drv->busy_timeout(st->conn, ms);
}

int px_store_version(struct px_store *st)
{
	int v = -1;
	if (st->drv->version(st->conn, &v))
		return -1;
	return v;
}

/* ---------- transactions ---------- */

int px_store_exec(struct px_store *st, const char *sql, struct px_err *err)
{
	return st->drv->exec(st->conn, sql) ? store_fail(st, err) : PX_OK;
}

int px_store_begin(struct px_store *st, struct px_err *err)
{
	return st->drv->begin(st->conn) ? store_fail(st, err) : PX_OK;
}

void px_store_on_tx(struct px_store *st, px_store_tx_fn fn, void *ctx)
{
	st->tx_fn = fn;
	st->tx_ctx = ctx;
}

int px_store_commit(struct px_store *st, struct px_err *err)
{
	int rc = st->tx_fn ? st->tx_fn(st->tx_ctx, 1, err) : PX_OK;
	if (rc) {
		px_store_rollback(st);
		return rc;
	}
	if (st->drv->commit(st->conn) == PX_OK)
		return PX_OK;
	rc = store_fail(st, err);
	px_store_rollback(st);
	return rc;
}

void px_store_rollback(struct px_store *st)
{
	st->drv->rollback(st->conn);
	if (st->tx_fn)
		st->tx_fn(st->tx_ctx, 0, NULL);
}

int64_t px_store_last_id(struct px_store *st)
{
	return st->drv->last_id(st->conn);
}

int px_store_changes(struct px_store *st)
{
	return st->drv->changes(st->conn);
}

/* ---------- statements ---------- */

struct px_stmt *px_stmt_prepare(struct px_store *st, const char *sql, struct px_err *err)
{
	size_t h = ((uintptr_t)sql >> 3) % STMT_SLOTS;
	struct px_stmt *s = st->slot[h].s;
	if (s && st->slot[h].key == sql && !strcmp(s->sql, sql))
		goto found;
	for (s = st->cache; s; s = s->next)
		if (!strcmp(s->sql, sql))
			goto cache;
	struct px_store_dstmt *d;
	if (st->drv->prepare(st->conn, sql, &d)) {
		store_fail(st, err);
		return NULL;
	}
	s = px_xcalloc(1, sizeof *s);
	s->d = d;
	s->drv = st->drv;
	s->sql = px_xstrdup(sql);
	s->store = st;
	s->next = st->cache;
	st->cache = s;
	return s;
cache:
	st->slot[h].key = sql;
	st->slot[h].s = s;
found:
	s->drv->reset(s->d);
	s->drv->clear(s->d);
	s->unbound = 0;
	return s;
}

void px_stmt_text(struct px_stmt *s, int i, const char *v)
{
	if (v ? s->drv->bind_text(s->d, i, v) : s->drv->bind_null(s->d, i))
		s->unbound = 1;
}

void px_stmt_int(struct px_stmt *s, int i, int64_t v)
{
	if (s->drv->bind_int(s->d, i, v))
		s->unbound = 1;
}

void px_stmt_double(struct px_stmt *s, int i, double v)
{
	if (s->drv->bind_double(s->d, i, v))
		s->unbound = 1;
}

void px_stmt_null(struct px_stmt *s, int i)
{
	if (s->drv->bind_null(s->d, i))
		s->unbound = 1;
}

void px_stmt_blob(struct px_stmt *s, int i, const void *data, size_t len)
{
	if (data ? s->drv->bind_blob(s->d, i, data, len) : s->drv->bind_null(s->d, i))
		s->unbound = 1;
}

int px_stmt_step(struct px_stmt *s, struct px_err *err)
{
	if (s->unbound) {
		/* never run with a parameter left NULL: that would write a NULL */
		s->unbound = 0;
		s->drv->reset(s->d);
		s->drv->clear(s->d);
		px_fail(err, PX_ESTORE, "store: out of memory");
		return -1;
	}
	int rc = s->drv->step(s->d);
	if (rc >= 0)
		return rc;
	store_fail(s->store, err);
	s->drv->reset(s->d);
	return -1;
}

/* The status of a step that failed: err's, or PX_ESTORE without one. */
static int step_status(const struct px_err *err)
{
	return err && err->code ? err->code : PX_ESTORE;
}

int px_stmt_run(struct px_stmt *s, struct px_err *err)
{
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1)
		;
	if (rc < 0)
		return step_status(err);
	s->drv->reset(s->d);
	return PX_OK;
}

int px_stmt_each(struct px_stmt *s, int (*fn)(struct px_stmt *s, void *ctx), void *ctx,
		 struct px_err *err)
{
	int rc, k = 0;
	while ((rc = px_stmt_step(s, err)) == 1)
		if ((k = fn(s, ctx)) != 0)
			break;
	s->drv->reset(s->d);
	if (rc < 0)
		return step_status(err);
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
	const struct px_store_driver *drv = s->drv;
	struct px_rec *r = px_rec_new(type);
	int n = drv->col_count(s->d);
	for (int i = 0; i < n; i++) {
		const char *name = drv->col_name(s->d, i);
		enum px_col_kind kind = col_kind(cols, name);
		enum px_store_ctype t = drv->col_type(s->d, i);
		if (kind == PX_COL_SKIP || (kind == PX_COL_OMIT && t == PX_CT_NULL))
			continue;
		if (t == PX_CT_NULL) {
			px_rec_set_null(r, name);
		} else if (kind == PX_COL_BOOL) {
			px_rec_set_bool(r, name, drv->col_int(s->d, i) != 0);
		} else if (kind == PX_COL_JSON) {
			const char *text = drv->col_text(s->d, i);
			if (px_rec_set_json(r, name, text))
				px_rec_set_str(r, name, text);
		} else if (kind != PX_COL_TEXT && t == PX_CT_INT) {
			px_rec_set_int(r, name, drv->col_int(s->d, i));
		} else if (kind != PX_COL_TEXT && t == PX_CT_FLOAT) {
			px_rec_set_num(r, name, drv->col_double(s->d, i));
		} else if (t == PX_CT_BLOB) {
			size_t len;
			const void *p = drv->col_blob(s->d, i, &len);
			char *b64 = px_xmalloc(4 * ((len + 2) / 3) + 1);
			px_base64(b64, p, len, PX_B64_STD);
			px_rec_set_str(r, name, b64);
			free(b64);
		} else {
			px_rec_set_str(r, name, drv->col_text(s->d, i));
		}
	}
	return r;
}

void px_stmt_reset(struct px_stmt *s)
{
	s->drv->reset(s->d);
}

const char *px_stmt_col_text(struct px_stmt *s, int col)
{
	const char *t = s->drv->col_text(s->d, col);
	return t ? t : "";
}

const void *px_stmt_col_blob(struct px_stmt *s, int col, size_t *len)
{
	return s->drv->col_blob(s->d, col, len);
}

int64_t px_stmt_col_int(struct px_stmt *s, int col)
{
	return s->drv->col_int(s->d, col);
}

double px_stmt_col_double(struct px_stmt *s, int col)
{
	return s->drv->col_double(s->d, col);
}

int px_stmt_col_isnull(struct px_stmt *s, int col)
{
	return s->drv->col_type(s->d, col) == PX_CT_NULL;
}

int px_stmt_col_count(struct px_stmt *s)
{
	return s->drv->col_count(s->d);
}

const char *px_stmt_col_name(struct px_stmt *s, int col)
{
	return s->drv->col_name(s->d, col);
}
