/*
 * audit.c - writing, reading and verifying audit events.
 *
 * THE CHAIN.  Every row has a chain value
 *
 *	h(row) = hex HMAC-SHA-256(key, h(previous row) || fields(row))
 *
 * where the previous row is the one with the next lower id (none: the
 * empty string), key is the store's "audit" secret (base/privacy.h,
 * handed to the store by the front end) and fields(row) is, for id (in
 * decimal), at, actor, action, object_type, object_id and details in
 * that order, the field's length in decimal, ':', its bytes and ';'.
 * px_audit_record stores h in the row's hash column in the transaction
 * that writes the row, so the rows and the chain are never out of step.
 * The rows of a store made before the chain (schema 7) have no stored
 * hash; their h is computed all the same, so the first row written after
 * them covers them.
 *
 * Since ids count up from 1 without a gap (the store refuses any insert
 * at or below the last id, and any update or delete), a row that is
 * changed, removed, added or moved by someone who can write the file
 * but does not have the key breaks the chain at the first row affected,
 * and px_audit_verify names it.  Removing the newest rows cannot be seen
 * from the rows alone: the hash px audit verify prints, kept elsewhere,
 * shows it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "base/banned.h"

enum { F_AT, F_ACTOR, F_ACTION, F_TYPE, F_OBJECT, F_DETAILS, F_COUNT };

/* h(row) from prev (hex, "" for none) into out. */
static void chain_value(const uint8_t *key, const char *prev, int64_t id,
			const char *const f[F_COUNT], char out[PX_SHA256_HEX])
{
	struct px_buf b = PX_BUF_INIT;
	px_buf_adds(&b, prev);
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)id);
	px_buf_addf(&b, "%zu:%s;", strlen(num), num);
	for (int i = 0; i < F_COUNT; i++) {
		const char *v = f[i] ? f[i] : "";
		px_buf_addf(&b, "%zu:", strlen(v));
		px_buf_adds(&b, v);
		px_buf_addc(&b, ';');
	}
	uint8_t mac[PX_SHA256_LEN];
	px_hmac_sha256(key, PX_SHA256_LEN, b.s ? b.s : "", b.len, mac);
	px_hex(mac, sizeof mac, out);
	px_buf_free(&b);
}

static int no_key(struct px_err *err)
{
	return px_fail(err, PX_EINPUT, "no key for the audit trail: px init writes one beside "
		       "the store (privacy.key_file)");
}

/*
 * A walk over the rows in id order, computing each row's chain value:
 * fn sees the row (columns id, at, actor, action, object_type,
 * object_id, details, hash) and the value it should have; its return
 * WALK_STOP ends the walk, which then returns WALK_STOP.
 */
#define WALK_STOP (-1)
struct walk {
	const uint8_t *key;
	char prev[PX_SHA256_HEX];
	int64_t last;   /* the id of the row before, 0 before the first */
	int (*fn)(struct walk *w, struct px_stmt *s, const char *h);
	void *ctx;
};

static int walk_row(struct px_stmt *s, void *ctx)
{
	struct walk *w = ctx;
	const char *f[F_COUNT];
	for (int i = 0; i < F_COUNT; i++)
		f[i] = px_stmt_col_text(s, i + 1);
	char h[PX_SHA256_HEX];
	int64_t id = px_stmt_col_int(s, 0);
	chain_value(w->key, w->prev, id, f, h);
	int rc = w->fn ? w->fn(w, s, h) : 0;
	memcpy(w->prev, h, sizeof h);
	w->last = id;
	return rc;
}

/* Walks the rows after id from (whose chain value is w->prev). */
static int walk_from(struct px_store *st, int64_t from, struct walk *w, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, at, actor, action, object_type, object_id, details, hash FROM audit "
		"WHERE id > ?1 ORDER BY id", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, from);
	w->last = from;
	return px_stmt_each(s, walk_row, w, err);
}

/* The id and chain value of the newest row (0 and "" when none). */
static int chain_head(struct px_store *st, const uint8_t *key, int64_t *id,
		      char h[PX_SHA256_HEX], struct px_err *err)
{
	/* The newest row that has its hash stored: usually the newest row. */
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT id, hash FROM audit WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1", err);
	if (!s)
		return err->code;
	struct walk w = { .key = key };
	int64_t from = 0;
	int rc = px_stmt_step(s, err);
	if (rc < 0)
		return err->code ? err->code : PX_ESTORE;
	if (rc == 1) {
		from = px_stmt_col_int(s, 0);
		px_strlcpy(w.prev, px_stmt_col_text(s, 1), sizeof w.prev);
	}
	px_stmt_reset(s);
	/* Rows after it without a hash (those of a store older than the
	 * chain, before its first new row) are chained through. */
	if ((rc = walk_from(st, from, &w, err)))
		return rc;
	*id = w.last;
	memcpy(h, w.prev, PX_SHA256_HEX);
	return PX_OK;
}

int px_audit_record(struct px_store *st, const char *actor, const char *action,
		    const char *object_type, const char *object_id,
		    const struct px_rec *details, struct px_err *err)
{
	const uint8_t *key = px_store_audit_key(st);
	if (!key)
		return no_key(err);
	int64_t now, last = 0;
	char at[PX_TIME_UTC_LEN], prev[PX_SHA256_HEX], h[PX_SHA256_HEX];
	if (px_time_now(&now, err))
		return err->code;
	px_time_format_utc(now, at);
	int rc = chain_head(st, key, &last, prev, err);
	if (rc)
		return rc;
	char *d = details ? px_rec_dump(details) : NULL;
	const char *f[F_COUNT] = { at, actor, action, object_type, object_id, d ? d : "{}" };
	chain_value(key, prev, last + 1, f, h);
	/* The id is the next one, named: a writer that raced this one (a
	 * call outside a write transaction) fails rather than forks the
	 * chain. */
	struct px_stmt *s = px_stmt_prepare(st,
		"INSERT INTO audit (id, at, actor, action, object_type, object_id, details, hash) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	if (!s) {
		free(d);
		return err->code;
	}
	px_stmt_int(s, 1, last + 1);
	for (int i = 0; i < F_COUNT; i++)
		px_stmt_text(s, i + 2, f[i]);
	px_stmt_text(s, 8, h);
	rc = px_stmt_run(s, err);
	free(d);
	return rc;
}

/* ---------- reading ---------- */

static int emit_row(struct px_stmt *s, void *cx)
{
	static const struct px_col cols[] = { { "details", PX_COL_JSON }, { NULL, 0 } };
	struct px_rec *r = px_stmt_rec(s, "audit", cols);
	struct px_err err;
	int rc = px_emit(cx, r, &err);
	px_rec_free(r);
	return rc;
}

int px_audit_list(struct px_ctx *cx, const struct px_audit_filter *f, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, "read the audit trail", err))
		return PX_EPERM;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id, at, actor, action, object_type, object_id, details FROM audit "
		"WHERE (CAST(?1 AS TEXT) IS NULL OR actor = ?1) "
		"AND (CAST(?2 AS TEXT) IS NULL OR action = ?2) "
		"AND (CAST(?3 AS TEXT) IS NULL OR object_id = ?3) "
		"AND (CAST(?4 AS TEXT) IS NULL OR at >= ?4) "
		"AND (CAST(?5 AS TEXT) IS NULL OR at < ?5) ORDER BY id", err);
	if (!s)
		return err->code;
	char since[PX_TIME_UTC_LEN], until[PX_TIME_UTC_LEN];
	px_stmt_text(s, 1, f->actor);
	px_stmt_text(s, 2, f->action);
	px_stmt_text(s, 3, f->object);
	if (f->since) {
		px_time_format_utc(f->since, since);
		px_stmt_text(s, 4, since);
	}
	if (f->until) {
		px_time_format_utc(f->until, until);
		px_stmt_text(s, 5, until);
	}
	return px_stmt_each(s, emit_row, cx, err);
}

/* ---------- verifying ---------- */

struct verify {
	int64_t legacy_through; /* the last row the store had before the chain */
	int64_t rows, legacy, broken; /* rows: those that verified */
	int chained;            /* a row with a stored hash was seen */
	const char *why;
};

static int verify_row(struct walk *w, struct px_stmt *s, const char *h)
{
	struct verify *v = w->ctx;
	int64_t id = px_stmt_col_int(s, 0);
	if (id != w->last + 1) {
		v->broken = w->last + 1;
		v->why = "is missing";
		return WALK_STOP;
	}
	if (px_stmt_col_isnull(s, 7)) {
		if (v->chained || id > v->legacy_through) {
			v->broken = id;
			v->why = "has no hash";
			return WALK_STOP;
		}
		v->legacy++;
	} else if (strcmp(px_stmt_col_text(s, 7), h)) {
		v->broken = id;
		v->why = "does not match the chain: it, or a row before it, was changed, "
			 "removed or moved";
		return WALK_STOP;
	} else {
		v->chained = 1;
	}
	v->rows++;
	return 0;
}

/* meta.audit_legacy_through: 0 when missing. */
static int legacy_through(struct px_store *st, int64_t *out, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT value FROM meta WHERE key = 'audit_legacy_through'", err);
	if (!s)
		return err->code;
	long long n = 0;
	int rc = px_stmt_step(s, err);
	if (rc < 0)
		return err->code ? err->code : PX_ESTORE;
	if (rc == 1 && px_parse_int(px_stmt_col_text(s, 0), 0, INT64_MAX, &n))
		n = 0;
	px_stmt_reset(s);
	*out = n;
	return PX_OK;
}

int px_audit_verify(struct px_ctx *cx, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, "verify the audit trail",
			    err))
		return PX_EPERM;
	const uint8_t *key = px_store_audit_key(cx->st);
	if (!key)
		return no_key(err);
	struct verify v = { 0 };
	struct walk w = { .key = key, .fn = verify_row, .ctx = &v };
	int rc = legacy_through(cx->st, &v.legacy_through, err);
	if (!rc && (rc = walk_from(cx->st, 0, &w, err)) == WALK_STOP)
		rc = PX_OK;
	if (rc)
		return rc;
	struct px_rec *r = px_rec_new("audit.verify");
	px_rec_set_str(r, "status", v.broken ? "broken" : "ok");
	px_rec_set_int(r, "rows", v.rows);
	px_rec_set_int(r, "legacy", v.legacy);
	if (v.broken) {
		px_rec_set_int(r, "broken", v.broken);
		px_rec_set_null(r, "hash");
	} else {
		px_rec_set_null(r, "broken");
		if (v.rows)
			px_rec_set_str(r, "hash", w.prev);
		else
			px_rec_set_null(r, "hash");
	}
	rc = px_emit(cx, r, err);
	px_rec_free(r);
	if (rc)
		return rc;
	if (v.broken)
		return px_fail(err, PX_EREJECT, "audit row %lld %s", (long long)v.broken, v.why);
	return PX_OK;
}
