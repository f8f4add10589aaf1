/* config.c - reading px.conf and resolving environment overrides. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/config.h"
#include "base/mem.h"
#include "base/line.h"
#include "base/banned.h"

struct entry {
	char *key, *val;
	long line;
};

struct px_config {
	char *path;
	struct entry *e;
	size_t n;
	char *scratch; /* last environment-resolved value */
};

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
			return 0;
	return 1;
}

struct px_config *px_config_load(const char *path, struct px_err *err)
{
	int must_exist = 1;
	if (!path || !*path) {
		path = getenv("PX_CONFIG");
		if (!path || !*path) {
			path = PX_CONFIG_DEFAULT;
			must_exist = 0;
		}
	}
	struct px_config *c = px_xcalloc(1, sizeof *c);
	FILE *f = fopen(path, "r");
	if (!f) {
		if (!must_exist && errno == ENOENT)
			return c;
		px_err_at(err, PX_EINPUT, path, 0, "cannot read configuration: %s", strerror(errno));
		free(c);
		return NULL;
	}
	c->path = px_xstrdup(path);
	struct px_buf line = PX_BUF_INIT;
	char section[128] = "";
	long lineno = 0;
	int rc;
	while ((rc = px_read_line(f, &line)) == 1) {
		lineno++;
		char *s = trim(line.s);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *e = strchr(s, ']');
			if (!e || e[1]) {
				px_err_at(err, PX_EINPUT, path, lineno, "malformed section header");
				goto fail;
			}
			*e = '\0';
			char *name = trim(s + 1);
			if (!valid_name(name) || strlen(name) >= sizeof section) {
				px_err_at(err, PX_EINPUT, path, lineno, "bad section name '%s'", name);
				goto fail;
			}
			px_strlcpy(section, name, sizeof section);
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			px_err_at(err, PX_EINPUT, path, lineno, "expected 'key = value'");
			goto fail;
		}
		*eq = '\0';
		char *k = trim(s), *v = trim(eq + 1);
		if (!valid_name(k)) {
			px_err_at(err, PX_EINPUT, path, lineno, "bad key '%s'", k);
			goto fail;
		}
		size_t vl = strlen(v);
		if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
			v[vl - 1] = '\0';
			v++;
		}
		char *full = section[0] ? px_xasprintf("%s.%s", section, k) : px_xstrdup(k);
		size_t i;
		for (i = 0; i < c->n; i++)
			if (!strcmp(c->e[i].key, full))
				break;
		if (i < c->n) {
			free(full);
			free(c->e[i].val);
			c->e[i].val = px_xstrdup(v);
			c->e[i].line = lineno;
		} else {
			c->e = px_xrealloc(c->e, (c->n + 1) * sizeof *c->e);
			c->e[c->n].key = full;
			c->e[c->n].val = px_xstrdup(v);
			c->e[c->n].line = lineno;
			c->n++;
		}
	}
	if (rc < 0) {
		px_err_at(err, PX_EINPUT, path, lineno + 1, "line too long or unreadable");
		goto fail;
	}
	px_buf_free(&line);
	fclose(f);
	return c;
fail:
	px_buf_free(&line);
	fclose(f);
	px_config_free(c);
	return NULL;
}

void px_config_free(struct px_config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->e[i].key);
		free(c->e[i].val);
	}
	free(c->e);
	free(c->path);
	free(c->scratch);
	free(c);
}

const char *px_config_path(const struct px_config *c)
{
	return c ? c->path : NULL;
}

static const char *resolve(const char *v)
{
	if (v && !strncmp(v, "env:", 4)) {
		const char *e = getenv(v + 4);
		return e && *e ? e : NULL;
	}
	return v;
}

const char *px_config_get(const struct px_config *c, const char *key, const char *def)
{
	char envname[160] = "PX_";
	size_t n = 3;
	for (const char *p = key; *p && n + 1 < sizeof envname; p++)
		envname[n++] = *p == '.' || *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	envname[n] = '\0';
	const char *e = getenv(envname);
	if (e && *e)
		return resolve(e);
	if (c)
		for (size_t i = 0; i < c->n; i++)
			if (!strcmp(c->e[i].key, key)) {
				const char *v = resolve(c->e[i].val);
				return v ? v : def;
			}
	return def;
}

int px_config_int(const struct px_config *c, const char *key, long long def,
		  long long min, long long max, long long *out, struct px_err *err)
{
	const char *v = px_config_get(c, key, NULL);
	if (!v) {
		*out = def;
		return 0;
	}
	if (px_parse_int(v, min, max, out))
		return px_err_set(err, PX_EINPUT,
				  "configuration '%s' must be an integer from %lld to %lld, not '%s'",
				  key, min, max, v);
	return 0;
}

int px_config_bool(const struct px_config *c, const char *key, int def, int *out,
		   struct px_err *err)
{
	const char *v = px_config_get(c, key, NULL);
	if (!v) {
		*out = def;
		return 0;
	}
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	for (int i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i]))
			return *out = 1, 0;
		if (!strcasecmp(v, no[i]))
			return *out = 0, 0;
	}
	return px_err_set(err, PX_EINPUT, "configuration '%s' must be true or false, not '%s'", key, v);
}

#ifndef PX_DATADIR
#define PX_DATADIR "/usr/local/share/px"
#endif

const char *px_config_datadir(const char *sub, char *buf, size_t size)
{
	const char *d = getenv("PX_DATA");
	if (d && *d) {
		snprintf(buf, size, "%s/%s", d, sub);
		return buf;
	}
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash)
			*slash = '\0';
		/* bin/../share/px, build/bin/../../share/px, build/asan/bin/... */
		static const char *const rel[] = { "/..", "/../..", "/../../.." };
		for (int i = 0; i < 3; i++) {
			int k = snprintf(buf, size, "%s%s/share/px/%s", self, rel[i], sub);
			if (k > 0 && (size_t)k < size && access(buf, R_OK | X_OK) == 0)
				return buf;
		}
	}
	snprintf(buf, size, "%s/%s", PX_DATADIR, sub);
	return buf;
}
