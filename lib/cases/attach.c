/*
 * attach.c - files attached to cases, kept in the store under the
 * SHA-256 of their bytes (cases/attach.h).  The only code that writes
 * attachment_contents and case_attachments.
 *
 * A file is read, measured and recognised before the transaction begins,
 * so that the write lock is never held while a slow disk or a pipe is
 * read; the transaction then stores its bytes (once per digest), the
 * attachment, the timeline entry and the audit row together.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/config.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/token.h"
#include "base/utf8.h"
#include "cases/attach.h"
#include "cases/internal.h"
#include "core/audit.h"
#include "core/auth.h"
#include "store/store.h"
#include "base/banned.h"

#define CAP_KEY "cases.attachment_max"
#define CHUNK (64 * 1024)

/* ---------- what a file is ---------- */

/* Whether n bytes at p are text: UTF-8 with no control character but
 * tab, line feed, form feed and carriage return, and not empty. */
static int is_text(const unsigned char *p, size_t n)
{
	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		p += 3, n -= 3; /* the byte order mark */
	if (!n || !px_utf8_valid((const char *)p, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7f)
			return 0;
		/* U+0080..U+009F, the C1 controls: C2 80..C2 9F (valid UTF-8,
		 * so a C2 is always followed by its continuation byte) */
		if (c == 0xc2 && p[i + 1] < 0xa0)
			return 0;
	}
	return 1;
}

const char *px_attach_type(const void *data, size_t len)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	const unsigned char *p = data;
	if (len >= 5 && !memcmp(p, "%PDF-", 5))
		return "application/pdf";
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "image/jpeg";
	if (len >= sizeof png && !memcmp(p, png, sizeof png))
		return "image/png";
	if (is_text(p, len))
		return "text/plain";
	return NULL;
}

/* ---------- reading a file, to the cap ---------- */

struct file {
	unsigned char *bytes;
	size_t len;
};

/* The bytes of the file at path, at most cap of them: PX_EREJECT for a
 * larger or an empty file, PX_EINPUT for one that cannot be read; the
 * messages name it as shown.  No more than cap + 1 bytes are ever read. */
static int read_capped(const char *path, const char *shown, long long cap, struct file *f,
		       struct px_err *err)
{
	memset(f, 0, sizeof *f);
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return px_fail(err, PX_EINPUT, "%s: %s", shown, strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb)) {
		int e = errno;
		close(fd);
		return px_fail(err, PX_EINPUT, "%s: %s", shown, strerror(e));
	}
	if (S_ISDIR(sb.st_mode)) {
		close(fd);
		return px_fail(err, PX_EINPUT, "%s: %s", shown, strerror(EISDIR));
	}
	/* A regular file says its size: one over the cap is refused unread. */
	if (S_ISREG(sb.st_mode) && (long long)sb.st_size > cap) {
		close(fd);
		return px_fail(err, PX_EREJECT,
			       "%s: %lld bytes, over the %lld a case attachment may have (" CAP_KEY ")",
			       shown, (long long)sb.st_size, cap);
	}
	size_t limit = (size_t)cap + 1, size = CHUNK;
	if (S_ISREG(sb.st_mode) && (size_t)sb.st_size + 1 > size)
		size = (size_t)sb.st_size + 1; /* room to see that it ends there */
	if (size > limit)
		size = limit;
	f->bytes = px_xmalloc(size);
	int rc = PX_OK;
	while (f->len < limit) {
		if (f->len == size) {
			size = size > limit / 2 ? limit : 2 * size;
			f->bytes = px_xrealloc(f->bytes, size);
		}
		size_t want = size - f->len;
		if (want > CHUNK)
			want = CHUNK;
		ssize_t n = read(fd, f->bytes + f->len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = px_fail(err, PX_EINPUT, "%s: %s", shown, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		f->len += (size_t)n;
	}
	close(fd);
	if (!rc && f->len > (size_t)cap)
		rc = px_fail(err, PX_EREJECT,
			     "%s: more than %lld bytes, over what a case attachment may have ("
			     CAP_KEY ")", shown, cap);
	else if (!rc && f->len == 0)
		rc = px_fail(err, PX_EREJECT, "%s: empty file", shown);
	if (rc) {
		free(f->bytes);
		memset(f, 0, sizeof *f);
	}
	return rc;
}

/* The file's name without its directory, if it is text fit to show. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t n = strlen(name);
	if (!n || !px_utf8_valid(name, n))
		return NULL;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return NULL;
	return name;
}

/* ---------- the store ---------- */

/* The columns of a "case.attachment" record, for a WHERE on a. */
#define ATT_SELECT                                                                         \
	"SELECT a.public_id AS id, c.ref AS \"case\", a.name AS name, "                     \
	"t.type AS content_type, t.size AS size, a.sha256 AS sha256, a.created_at AS at, " \
	"a.created_by AS \"by\" "                                                          \
	"FROM case_attachments a JOIN cases c ON c.id = a.case_id "                        \
	"JOIN attachment_contents t ON t.sha256 = a.sha256 "

/* The record of the attachment of row id (caller frees); NULL with err. */
static struct px_rec *att_rec(struct px_ctx *cx, int64_t id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, ATT_SELECT "WHERE a.id = ?1", err);
	if (!s)
		return NULL;
	px_stmt_int(s, 1, id);
	struct px_rec *r = NULL;
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		r = px_stmt_rec(s, "case.attachment", NULL);
	px_stmt_reset(s);
	if (rc == 0)
		px_fail(err, PX_ESTORE, "attachment row %lld: not in the store", (long long)id);
	return r;
}

/* The row id of the case's attachment of these bytes: 1 (*id set), 0
 * when it has none, -1 on failure. */
static int attached(struct px_ctx *cx, int64_t case_id, const char *sha, int64_t *id,
		    struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT id FROM case_attachments WHERE case_id = ?1 AND sha256 = ?2", err);
	if (!s)
		return -1;
	px_stmt_int(s, 1, case_id);
	px_stmt_text(s, 2, sha);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*id = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc;
}

/* The bytes under their digest, unless the store has them already. */
static int store_content(struct px_ctx *cx, const char *sha, const char *type,
			 const struct file *f, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT 1 FROM attachment_contents WHERE sha256 = ?1", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, sha);
	int rc = px_stmt_step(s, err);
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	if (rc == 1)
		return PX_OK;
	if (!(s = px_stmt_prepare(cx->st,
		"INSERT INTO attachment_contents (sha256, type, size, bytes) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT (sha256) DO NOTHING", err)))
		return err->code;
	px_stmt_text(s, 1, sha);
	px_stmt_text(s, 2, type);
	px_stmt_int(s, 3, (int64_t)f->len);
	px_stmt_blob(s, 4, f->bytes, f->len);
	return px_stmt_run(s, err);
}

static int audit(struct px_ctx *cx, const struct kase *k, const char *att, const char *sha,
		 struct px_err *err)
{
	struct px_rec *d = px_rec_new(NULL);
	px_rec_set_str(d, "kind", k->kind);
	px_rec_set_str(d, "attachment", att);
	px_rec_set_str(d, "sha256", sha);
	int rc = px_audit_record(cx->st, cx->actor->name, "case_attached", "case", k->pid, d, err);
	px_rec_free(d);
	return rc ? (err->code ? err->code : PX_ESTORE) : PX_OK;
}

/* The transaction's writes; the record to print goes to px_emit_after. */
static int attach_tx(struct px_ctx *cx, const struct kase *k, const char *name, const char *type,
		     const char *sha, const struct file *f, struct px_err *err)
{
	int64_t id = 0;
	int rc = attached(cx, k->id, sha, &id, err);
	if (rc < 0)
		return err->code;
	if (rc == 0) {
		char pid[PX_ID_LEN], at[PX_TIME_UTC_LEN];
		px_time_format_utc(px_now(cx), at);
		if (px_id_new("att", pid, err))
			return err->code ? err->code : PX_ESTORE;
		if ((rc = store_content(cx, sha, type, f, err)))
			return rc;
		struct px_stmt *s = px_stmt_prepare(cx->st,
			"INSERT INTO case_attachments (public_id, case_id, sha256, name, created_by, "
			"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id", err);
		if (!s)
			return err->code;
		px_stmt_text(s, 1, pid);
		px_stmt_int(s, 2, k->id);
		px_stmt_text(s, 3, sha);
		px_stmt_text(s, 4, name);
		px_stmt_text(s, 5, cx->actor->name);
		px_stmt_text(s, 6, at);
		if ((rc = px_stmt_step(s, err)) == 1)
			id = px_stmt_col_int(s, 0);
		px_stmt_reset(s);
		if (rc != 1)
			return rc < 0 ? err->code : px_fail(err, PX_ESTORE, "no attachment row");
		/* what the timeline says is what the store holds */
		struct px_rec *r = att_rec(cx, id, err);
		if (!r)
			return err->code ? err->code : PX_ESTORE;
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "attachment", pid);
		px_rec_set_str(d, "sha256", sha);
		px_rec_set_str(d, "content_type", px_rec_get(r, "content_type"));
		px_rec_set_int(d, "size", (long long)f->len);
		char *data = px_rec_dump(d);
		px_rec_free(d);
		px_rec_free(r);
		rc = px_kase_timeline(cx, k->id, at, "attachment", NULL, NULL, NULL, name, data, err);
		free(data);
		if (!rc)
			rc = audit(cx, k, pid, sha, err);
		if (rc)
			return rc;
	}
	struct px_rec *r = att_rec(cx, id, err);
	if (!r)
		return err->code ? err->code : PX_ESTORE;
	px_emit_after(cx, r);
	return PX_OK;
}

/* The case ref names, and the acting user at least min in its scope. */
static int case_for(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		    enum px_role min, const char *verb, struct kase *k, struct px_err *err)
{
	int rc = px_kase_load(cx, ref, k, err);
	if (!rc)
		rc = px_kase_allowed(cx, wf, k, min, verb, err);
	return rc;
}

int px_case_attach(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		   const char *path, struct px_err *err)
{
	static const char verb[] = "attach files to";
	struct kase k;
	/* who may, before a byte of the file is read */
	int rc = case_for(cx, wf, ref, PX_ROLE_STAFF, verb, &k, err);
	px_kase_free(&k);
	if (rc)
		return rc;
	/* the path as messages show it: control bytes and bytes that are
	 * not UTF-8 as \xNN */
	char shown[512];
	px_utf8_quote(path, strlen(path), shown, sizeof shown);
	struct file f;
	if ((rc = read_capped(path, shown, px_config_num(cx->cfg, CAP_KEY), &f, err)))
		return rc;
	const char *type = px_attach_type(f.bytes, f.len);
	const char *name = base_name(path);
	if (!type)
		rc = px_fail(err, PX_EREJECT, "%s: not a PDF, JPEG, PNG or plain-text file", shown);
	else if (!name)
		rc = px_fail(err, PX_EREJECT, "%s: its name is not printable UTF-8", shown);
	if (rc) {
		free(f.bytes);
		return rc;
	}
	uint8_t md[PX_SHA256_LEN];
	char sha[PX_SHA256_HEX];
	px_sha256(f.bytes, f.len, md);
	px_hex(md, sizeof md, sha);
	if ((rc = px_store_begin(cx->st, err))) {
		free(f.bytes);
		return rc;
	}
	rc = case_for(cx, wf, ref, PX_ROLE_STAFF, verb, &k, err);
	if (!rc)
		rc = attach_tx(cx, &k, name, type, sha, &f, err);
	px_kase_free(&k);
	free(f.bytes);
	return px_kase_end(cx, rc, err);
}

int px_case_attachment(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		       const char *id, void **data, size_t *len, char type[PX_ATTACH_TYPE_LEN],
		       struct px_err *err)
{
	*data = NULL;
	*len = 0;
	struct kase k;
	int rc = case_for(cx, wf, ref, PX_ROLE_VIEWER, "read", &k, err);
	struct px_stmt *s = NULL;
	if (!rc && !(s = px_stmt_prepare(cx->st,
		"SELECT t.bytes, t.type, t.size, t.sha256 FROM case_attachments a "
		"JOIN attachment_contents t ON t.sha256 = a.sha256 "
		"WHERE a.case_id = ?1 AND a.public_id = ?2", err)))
		rc = err->code;
	if (rc) {
		px_kase_free(&k);
		return rc;
	}
	px_stmt_int(s, 1, k.id);
	px_stmt_text(s, 2, id);
	int step = px_stmt_step(s, err);
	if (step < 0) {
		rc = err->code;
	} else if (step == 0) {
		rc = px_fail(err, PX_EINPUT, "unknown attachment '%s' of %s", id, k.ref);
	} else {
		size_t n;
		const void *p = px_stmt_col_blob(s, 0, &n);
		uint8_t md[PX_SHA256_LEN];
		char sha[PX_SHA256_HEX];
		px_sha256(p ? p : "", n, md);
		px_hex(md, sizeof md, sha);
		if (!p || (int64_t)n != px_stmt_col_int(s, 2) || strcmp(sha, px_stmt_col_text(s, 3))) {
			rc = px_fail(err, PX_ESTORE, "attachment '%s' of %s: the store's bytes do not "
				     "match their SHA-256 (the store is damaged)", id, k.ref);
		} else {
			*data = px_xmalloc(n ? n : 1);
			memcpy(*data, p, n);
			*len = n;
			if (type)
				px_strlcpy(type, px_stmt_col_text(s, 1), PX_ATTACH_TYPE_LEN);
		}
	}
	px_stmt_reset(s);
	px_kase_free(&k);
	return rc;
}

static int att_emit(struct px_stmt *s, void *ctx)
{
	void **a = ctx;
	struct px_rec *r = px_stmt_rec(s, "case.attachment", NULL);
	int rc = px_emit(a[0], r, a[1]);
	px_rec_free(r);
	return rc;
}

int px_case_attachments(struct px_ctx *cx, int64_t case_id, struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, ATT_SELECT "WHERE a.case_id = ?1 ORDER BY a.id",
					    err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, case_id);
	void *a[2] = { cx, err };
	return px_stmt_each(s, att_emit, a, err);
}

int px_kase_attach_bytes_tx(struct px_ctx *cx, const char *ref, const char *name,
			    const void *data, size_t len, struct px_err *err)
{
	char shown[512];
	px_utf8_quote(name, strlen(name), shown, sizeof shown);
	long long cap = px_config_num(cx->cfg, CAP_KEY);
	const char *type = len ? px_attach_type(data, len) : NULL;
	const char *bname = base_name(name);
	if (!len)
		return px_fail(err, PX_EREJECT, "%s: empty file", shown);
	if ((long long)len > cap)
		return px_fail(err, PX_EREJECT, "%s: %zu bytes, over the %lld a case attachment may "
			       "have (" CAP_KEY ")", shown, len, cap);
	if (!type)
		return px_fail(err, PX_EREJECT, "%s: not a PDF, JPEG, PNG or plain-text file", shown);
	if (!bname)
		return px_fail(err, PX_EREJECT, "%s: its name is not printable UTF-8", shown);
	uint8_t md[PX_SHA256_LEN];
	char sha[PX_SHA256_HEX];
	px_sha256(data, len, md);
	px_hex(md, sizeof md, sha);
	struct kase k;
	int rc = px_kase_load(cx, ref, &k, err);
	struct file f = { (unsigned char *)data, len };
	if (!rc)
		rc = attach_tx(cx, &k, bname, type, sha, &f, err);
	px_kase_free(&k);
	return rc;
}
