/*
 * taxonomy.c - reading share/px/taxonomy/ (its README gives the format):
 * the tree, code level name_en name_ar, and the flat map, category code,
 * both tab-separated with a header, '#' comments and blank lines skipped.
 *
 * Every line is checked before anything is kept: valid UTF-8 and no
 * control byte but the tab, then its fields.  The first mistake refuses
 * the whole taxonomy with the file and line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "base/line.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "cases/taxonomy.h"
#include "records/record.h"
#include "base/banned.h"

#define FIELDS_MAX 8
#define CATEGORY_MAX 64

static const char tree_header[] = "code\tlevel\tname_en\tname_ar";
static const char flat_header[] = "category\tcode";

/* One file being read. */
struct reader {
	const char *path;
	FILE *f;
	long line;
	int have_header;
	struct px_buf buf;
	struct px_err *err;
};

/* s quoted for a message: control bytes and invalid UTF-8 as \xNN, at
 * most 40 bytes. */
static const char *quoted(const char *s, char *out, size_t size)
{
	if (size > 41)
		size = 41;
	return px_utf8_quote(s, strlen(s), out, size);
}

/* Refuses the line being read: px_fail_at with its file and line. */
#define BAD(r, ...) px_fail_at((r)->err, PX_EINPUT, (r)->path, (r)->line, __VA_ARGS__)

static const char hexd[] = "0123456789abcdef";

/* The bytes of a line: valid UTF-8, no control byte but the tab. */
static int line_bytes(struct reader *r, const char *s, size_t len)
{
	size_t ok = px_utf8_check(s, len);
	if (ok < len)
		return BAD(r, "invalid UTF-8 (byte %zu)", ok + 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			char hex[3] = { hexd[c >> 4], hexd[c & 15], 0 };
			return BAD(r, "control byte 0x%s (byte %zu)", hex, i + 1);
		}
	}
	return PX_OK;
}

/* A header as words for a message: its tabs as spaces. */
static const char *header_words(const char *header, char *out, size_t size)
{
	px_strlcpy(out, header, size);
	for (char *p = out; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return out;
}

/*
 * The next line of fields after the header, split at tabs into w: their
 * count, 0 at the end of the file, -1 with err set.  want is the header
 * (the line that must come first) and the number of fields every line has.
 */
static int next_fields(struct reader *r, const char *header, int want, char **w)
{
	for (;;) {
		int got = px_read_line(r->f, &r->buf);
		if (got == 0)
			return 0;
		r->line++;
		if (got == -2) {
			BAD(r, "cannot read: %s", strerror(errno));
			return -1;
		}
		if (got == -1) {
			BAD(r, "line longer than 1 MiB");
			return -1;
		}
		char *s = r->buf.s;
		size_t len = r->buf.len;
		if (r->line == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
			s += 3, len -= 3; /* a byte-order mark, as spreadsheets write */
		if (len && s[len - 1] == '\r')
			s[--len] = '\0';
		if (line_bytes(r, s, len))
			return -1;
		if (!len || s[0] == '#')
			continue;
		if (!r->have_header) {
			if (strcmp(s, header)) {
				char words[64];
				BAD(r, "the first line must be the header '%s', separated by tabs",
				    header_words(header, words, sizeof words));
				return -1;
			}
			r->have_header = 1;
			continue;
		}
		int n = 0;
		for (char *p = s;; n++) {
			char *tab = strchr(p, '\t');
			if (n < FIELDS_MAX)
				w[n] = p;
			if (!tab) {
				n++;
				break;
			}
			*tab = '\0';
			p = tab + 1;
		}
		if (n != want) {
			BAD(r, "%d tab-separated fields, not %d", want, n);
			return -1;
		}
		return n;
	}
}

static int reader_open(struct reader *r, const char *path, struct px_err *err)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->err = err;
	if (!(r->f = fopen(path, "r")))
		return px_fail(err, PX_EINPUT, "%s: %s", path, strerror(errno));
	return PX_OK;
}

static int reader_close(struct reader *r, int rc, const char *header)
{
	char words[64];
	if (!rc && !r->have_header)
		rc = px_fail_at(r->err, PX_EINPUT, r->path, 0, "no header line '%s'",
				header_words(header, words, sizeof words));
	px_buf_free(&r->buf);
	fclose(r->f);
	return rc;
}

/* The depth of a code (1 to 4), or 0 when it is none: numbers from 1
 * to 999 without a leading zero, joined by dots. */
static int code_depth(const char *s)
{
	int depth = 0;
	for (;;) {
		int digits = 0;
		if (*s == '0')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++, digits++;
		if (!digits || digits > 3 || ++depth > PX_TAXON_LEVELS)
			return 0;
		if (!*s)
			return depth;
		if (*s++ != '.')
			return 0;
	}
}

/* Whether s holds a character of the Arabic script. */
static int has_arabic(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp, n;
		if (*p < 0x80)
			cp = *p, n = 1;
		else if (*p < 0xE0)
			cp = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F), n = 2;
		else if (*p < 0xF0)
			cp = (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 |
			     (p[2] & 0x3F), n = 3;
		else
			cp = 0x10000, n = 4; /* valid UTF-8 (checked): nothing Arabic up there */
		if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
		    (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
		    (cp >= 0xFE70 && cp <= 0xFEFF))
			return 1;
		p += n;
	}
	return 0;
}

static int index_of(const struct px_taxonomy *t, const char *code)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->nodes[i].code, code))
			return i;
	return -1;
}

/* A name: present, and without a space at either end. */
static int check_name(struct reader *r, const char *name, const char *code, const char *which)
{
	size_t n = strlen(name);
	if (!n)
		return BAD(r, "'%s' has no %s name", code, which);
	if (name[0] == ' ' || name[n - 1] == ' ')
		return BAD(r, "the %s name of '%s' starts or ends with a space", which, code);
	return PX_OK;
}

static int tree_line(struct reader *r, struct px_taxonomy *t, char **w, size_t *cap)
{
	char q[48];
	int depth = code_depth(w[0]);
	if (!depth)
		return BAD(r, "bad code '%s' (1 to 4 numbers from 1 to 999 joined by dots)",
			   quoted(w[0], q, sizeof q));
	/* the code is digits and dots from here on: no quoting needed */
	long long level;
	char ql[48];
	if (px_parse_int(w[1], 1, PX_TAXON_LEVELS, &level))
		return BAD(r, "bad level '%s' of '%s' (1 to 4)", quoted(w[1], ql, sizeof ql), w[0]);
	if (level != depth)
		return BAD(r, "level %lld does not match the code '%s' (level %d)", level, w[0],
			   depth);
	int dup = index_of(t, w[0]);
	if (dup >= 0)
		return BAD(r, "the code '%s' is given twice (first at line %ld)", w[0],
			   t->nodes[dup].line);
	int parent = -1;
	if (depth > 1) {
		char pcode[PX_TAXON_CODE];
		px_strlcpy(pcode, w[0], sizeof pcode);
		*strrchr(pcode, '.') = '\0';
		if ((parent = index_of(t, pcode)) < 0)
			return BAD(r, "the parent '%s' of '%s' is not given before it", pcode, w[0]);
	}
	if (check_name(r, w[2], w[0], "English") || check_name(r, w[3], w[0], "Arabic"))
		return PX_EINPUT;
	if (!has_arabic(w[3]))
		return BAD(r, "the Arabic name of '%s' is not in Arabic script", w[0]);
	if ((size_t)t->n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		t->nodes = px_xrealloc(t->nodes, *cap * sizeof *t->nodes);
	}
	struct px_taxon *x = &t->nodes[t->n++];
	memset(x, 0, sizeof *x);
	px_strlcpy(x->code, w[0], sizeof x->code);
	x->level = depth;
	x->parent = parent;
	x->en = px_xstrdup(w[2]);
	x->ar = px_xstrdup(w[3]);
	x->line = r->line;
	return PX_OK;
}

static int read_tree(struct px_taxonomy *t, const char *path, struct px_err *err)
{
	struct reader r;
	int rc = reader_open(&r, path, err);
	if (rc)
		return rc;
	size_t cap = 0;
	char *w[FIELDS_MAX];
	int n;
	while ((n = next_fields(&r, tree_header, 4, w)) > 0)
		if ((rc = tree_line(&r, t, w, &cap)))
			break;
	if (n < 0)
		rc = PX_EINPUT;
	rc = reader_close(&r, rc, tree_header);
	if (!rc && !t->n)
		rc = px_fail_at(err, PX_EINPUT, path, 0, "no nodes");
	return rc;
}

static int category_ok(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z') || strlen(s) >= CATEGORY_MAX)
		return 0;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= '0' && *s <= '9') && *s != '_')
			return 0;
	return 1;
}

static int read_flat(struct px_taxonomy *t, const char *path, struct px_err *err)
{
	struct reader r;
	int rc = reader_open(&r, path, err);
	if (rc)
		return rc;
	px_strlcpy(t->flat_path, path, sizeof t->flat_path);
	size_t cap = 0;
	char *w[FIELDS_MAX];
	int n = 0;
	while (!rc && (n = next_fields(&r, flat_header, 2, w)) > 0) {
		char q[48];
		if (!category_ok(w[0])) {
			rc = BAD(&r, "bad category '%s' (lower-case letters, digits and '_')",
				 quoted(w[0], q, sizeof q));
			break;
		}
		/* the category is a plain word from here on */
		const struct px_taxon *x = px_taxonomy_find(t, w[1]);
		if (!x) {
			rc = BAD(&r, "unknown code '%s' for the category '%s'",
				 quoted(w[1], q, sizeof q), w[0]);
			break;
		}
		for (int i = 0; i < t->nflat && !rc; i++)
			if (!strcmp(t->flat[i].category, w[0]))
				rc = BAD(&r, "the category '%s' is given twice (first at line %ld)",
					 w[0], t->flat[i].line);
		if (rc)
			break;
		if ((size_t)t->nflat == cap) {
			cap = cap ? 2 * cap : 16;
			t->flat = px_xrealloc(t->flat, cap * sizeof *t->flat);
		}
		t->flat[t->nflat++] = (struct px_taxon_flat){
			.category = px_xstrdup(w[0]),
			.node = (int)(x - t->nodes),
			.line = r.line,
		};
	}
	if (!rc && n < 0)
		rc = PX_EINPUT;
	return reader_close(&r, rc, flat_header);
}

int px_taxonomy_load(const char *tree_path, const char *flat_path, struct px_taxonomy **out,
		     struct px_err *err)
{
	*out = NULL;
	struct px_taxonomy *t = px_xcalloc(1, sizeof *t);
	px_strlcpy(t->path, tree_path, sizeof t->path);
	int rc = read_tree(t, tree_path, err);
	if (!rc && flat_path)
		rc = read_flat(t, flat_path, err);
	if (rc) {
		px_taxonomy_free(t);
		return rc;
	}
	*out = t;
	return PX_OK;
}

int px_taxonomy_open(struct px_ctx *cx, struct px_taxonomy **out, struct px_err *err)
{
	char buf[512];
	const char *dir = cx->cfg ? px_config_get(cx->cfg, "cases.taxonomy", NULL) : NULL;
	if (!dir)
		dir = px_config_datadir("taxonomy", buf, sizeof buf);
	char *tree = px_xasprintf("%s/%s", dir, PX_TAXONOMY_TREE);
	char *flat = px_xasprintf("%s/%s", dir, PX_TAXONOMY_FLAT);
	int have_flat = access(flat, F_OK) == 0;
	int rc = px_taxonomy_load(tree, have_flat ? flat : NULL, out, err);
	free(tree);
	free(flat);
	return rc;
}

void px_taxonomy_free(struct px_taxonomy *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->n; i++) {
		free(t->nodes[i].en);
		free(t->nodes[i].ar);
	}
	for (int i = 0; i < t->nflat; i++)
		free(t->flat[i].category);
	free(t->nodes);
	free(t->flat);
	free(t);
}

const struct px_taxon *px_taxonomy_find(const struct px_taxonomy *t, const char *code)
{
	if (!t || !code)
		return NULL;
	int i = index_of(t, code);
	return i < 0 ? NULL : &t->nodes[i];
}

const struct px_taxon *px_taxonomy_flat(const struct px_taxonomy *t, const char *category)
{
	if (!t || !category)
		return NULL;
	for (int i = 0; i < t->nflat; i++)
		if (!strcmp(t->flat[i].category, category))
			return &t->nodes[t->flat[i].node];
	return NULL;
}

const char *px_taxon_name(const struct px_taxon *x, const char *lang)
{
	return lang && !strcmp(lang, "ar") ? x->ar : x->en;
}

int px_taxonomy_within(const char *code, const char *ancestor)
{
	if (!code || !ancestor || !*code || !*ancestor)
		return 0;
	size_t n = strlen(ancestor);
	return !strncmp(code, ancestor, n) && (code[n] == '\0' || code[n] == '.');
}

int px_taxonomy_emit(struct px_ctx *cx, const struct px_taxonomy *t, const char *lang,
		     struct px_err *err)
{
	if (!lang || (strcmp(lang, "en") && strcmp(lang, "ar")))
		return px_fail(err, PX_EUSAGE, "language must be 'en' or 'ar'");
	for (int i = 0; i < t->n; i++) {
		const struct px_taxon *x = &t->nodes[i];
		struct px_rec *r = px_rec_new("taxonomy");
		px_rec_set_str(r, "code", x->code);
		px_rec_set_int(r, "level", x->level);
		if (x->parent < 0)
			px_rec_set_null(r, "parent");
		else
			px_rec_set_str(r, "parent", t->nodes[x->parent].code);
		px_rec_set_str(r, "name", px_taxon_name(x, lang));
		int rc = px_emit(cx, r, err);
		px_rec_free(r);
		if (rc)
			return rc;
	}
	return PX_OK;
}
