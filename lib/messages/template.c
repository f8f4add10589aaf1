/* template.c - loading message templates and {{var}} substitution. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "messages/template.h"
#include "base/banned.h"


#define TEMPLATE_MAX (256 * 1024)

void px_template_escape(struct px_buf *out, const char *s, enum px_tpl_escape esc)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		switch (esc) {
		case PX_TPL_PLAIN:
			px_buf_addc(out, (char)c);
			break;
		case PX_TPL_JSON:
			if (c == '"' || c == '\\') {
				px_buf_addc(out, '\\');
				px_buf_addc(out, (char)c);
			} else if (c == '\n') {
				px_buf_adds(out, "\\n");
			} else if (c == '\r') {
				px_buf_adds(out, "\\r");
			} else if (c == '\t') {
				px_buf_adds(out, "\\t");
			} else if (c < 0x20) {
				px_buf_addf(out, "\\u%04x", c);
			} else {
				px_buf_addc(out, (char)c);
			}
			break;
		case PX_TPL_HTML:
			switch (c) {
			case '&': px_buf_adds(out, "&amp;"); break;
			case '<': px_buf_adds(out, "&lt;"); break;
			case '>': px_buf_adds(out, "&gt;"); break;
			case '"': px_buf_adds(out, "&quot;"); break;
			case '\'': px_buf_adds(out, "&#39;"); break;
			default: px_buf_addc(out, (char)c);
			}
			break;
		case PX_TPL_FORM:
			if (isalnum(c) || strchr("-._~", c))
				px_buf_addc(out, (char)c);
			else if (c == ' ')
				px_buf_addc(out, '+');
			else
				px_buf_addf(out, "%%%02X", c);
			break;
		}
	}
}

int px_template_render(const char *text, enum px_tpl_escape esc, px_tpl_lookup lookup,
		       void *ctx, struct px_buf *out, struct px_err *err)
{
	const char *p = text;
	for (;;) {
		const char *open = strstr(p, "{{");
		if (!open) {
			px_buf_adds(out, p);
			return PX_OK;
		}
		px_buf_add(out, p, (size_t)(open - p));
		const char *close = strstr(open + 2, "}}");
		if (!close)
			return px_fail(err, PX_EREJECT, "template has '{{' without '}}'");
		const char *a = open + 2, *b = close;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		char name[64];
		size_t n = (size_t)(b - a);
		if (!n || n >= sizeof name)
			return px_fail(err, PX_EREJECT, "template has a bad placeholder");
		memcpy(name, a, n);
		name[n] = '\0';
		for (size_t i = 0; i < n; i++)
			if (!isalnum((unsigned char)name[i]) && name[i] != '_' && name[i] != '.')
				return px_fail(err, PX_EREJECT, "template has a bad placeholder '%s'", name);
		const char *v = lookup(name, ctx);
		if (!v)
			return px_fail(err, PX_EREJECT, "missing variable '%s'", name);
		px_template_escape(out, v, esc);
		p = close + 2;
	}
}

static int valid_word(const char *s, const char *extra)
{
	if (!s || !*s || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && !strchr(extra, *s))
			return 0;
	return 1;
}

const char *px_template_dir(const struct px_config *cfg)
{
	static char dir[PATH_MAX];
	const char *d = px_config_get(cfg, "notify.templates", NULL);
	if (d && *d)
		return d;
	return px_config_datadir("templates", dir, sizeof dir);
}

/* Reads a whole file into a new string; NULL with errno when it cannot. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct px_buf b = PX_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		px_buf_add(&b, chunk, n);
		if (b.len > TEMPLATE_MAX) {
			fclose(f);
			px_buf_free(&b);
			errno = EFBIG;
			return NULL;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		px_buf_free(&b);
		errno = EIO;
		return NULL;
	}
	px_buf_str(&b);
	return px_buf_detach(&b);
}

static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* Reads dir/name.lang into t; *missing says when there is no such file. */
static int load_from(const char *dir, const char *name, const char *lang,
		     struct px_template *t, int *missing, struct px_err *err)
{
	char *path = px_xasprintf("%s/%s.%s", dir, name, lang);
	char *text = slurp(path);
	*missing = 0;
	if (!text) {
		int e = errno, rc = PX_OK;
		if (e == ENOENT)
			*missing = 1;
		else
			rc = px_fail(err, PX_EINPUT, "cannot read template '%s': %s", path, strerror(e));
		free(path);
		return rc;
	}
	const char *body = text;
	if (!strncmp(text, "Subject:", 8)) {
		const char *nl = strchr(text, '\n');
		const char *s = text + 8;
		while (*s == ' ')
			s++;
		t->subject = nl ? px_xstrndup(s, (size_t)(nl - s)) : px_xstrdup(s);
		chomp(t->subject);
		body = nl ? nl + 1 : "";
		if (*body == '\n')
			body++;
		else if (body[0] == '\r' && body[1] == '\n')
			body += 2;
	} else {
		t->subject = px_xstrdup("");
	}
	t->body = px_xstrdup(body);
	chomp(t->body);
	free(text);
	char *hpath = px_xasprintf("%s.html", path);
	t->html = slurp(hpath);
	free(hpath);
	t->path = path;
	return PX_OK;
}

/* The directory of the hospital's own templates, or NULL. */
static const char *hospital_dir(const struct px_config *cfg, const char *hospital)
{
	if (!hospital || !*hospital || !valid_word(hospital, "-"))
		return NULL;
	char key[128];
	snprintf(key, sizeof key, "notify.templates.%s", hospital);
	const char *dir = px_config_get(cfg, key, NULL);
	return dir && *dir ? dir : NULL;
}

/* Whether template name exists in some language, so that a missing one
 * reads as unknown rather than untranslated. */
static int exists_in_any(const struct px_config *cfg, const char *hospital, const char *name)
{
	static const char *const langs[] = { "en", "ar" };
	const char *dirs[] = { hospital_dir(cfg, hospital), px_template_dir(cfg) };
	for (size_t d = 0; d < 2; d++)
		for (size_t l = 0; dirs[d] && l < 2; l++) {
			char *path = px_xasprintf("%s/%s.%s", dirs[d], name, langs[l]);
			int ok = access(path, F_OK) == 0;
			free(path);
			if (ok)
				return 1;
		}
	return 0;
}

int px_template_load(const struct px_config *cfg, const char *hospital, const char *name,
		     const char *lang, struct px_template *t, struct px_err *err)
{
	memset(t, 0, sizeof *t);
	if (!valid_word(name, ""))
		return px_fail(err, PX_EREJECT, "bad template name '%s'", name ? name : "");
	if (!lang || (strcmp(lang, "en") && strcmp(lang, "ar")))
		return px_fail(err, PX_EREJECT, "language must be 'en' or 'ar'");
	const char *own = hospital_dir(cfg, hospital);
	int missing = 1, rc = PX_OK;
	if (own)
		rc = load_from(own, name, lang, t, &missing, err);
	if (!rc && missing)
		rc = load_from(px_template_dir(cfg), name, lang, t, &missing, err);
	if (rc || !missing)
		return rc;
	if (!exists_in_any(cfg, hospital, name))
		return px_fail(err, PX_EREJECT, "unknown template '%s'", name);
	return px_fail(err, PX_EREJECT, "no template '%s' in language '%s'", name, lang);
}

void px_template_free(struct px_template *t)
{
	free(t->subject);
	free(t->body);
	free(t->html);
	free(t->path);
	memset(t, 0, sizeof *t);
}
