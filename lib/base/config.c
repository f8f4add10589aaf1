/* config.c - reading px.conf, checking it against the table of keys
 * (config_keys.c), and resolving environment overrides. */
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
#include "base/time.h"
#include "base/banned.h"

struct entry {
	char *key, *val;
	long line;
};

struct px_config {
	char *path;
	struct entry *e;
	size_t n;
	struct entry *def;      /* px_config_default's */
	size_t ndef;
	struct px_err *warn;    /* unknown keys */
	int nwarn;
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

/* ---------- the table ---------- */

/* Whether name matches the table's pattern: exact, or ".*" one last
 * part, or ".#" a number from 1 to PX_CONFIG_NTH. */
static int key_matches(const char *pattern, const char *name)
{
	size_t n = strlen(pattern);
	if (n < 2 || pattern[n - 2] != '.' || (pattern[n - 1] != '*' && pattern[n - 1] != '#'))
		return strcmp(pattern, name) == 0;
	if (strncmp(pattern, name, n - 1) || !name[n - 1])
		return 0;
	const char *rest = name + n - 1;
	if (pattern[n - 1] == '*')
		return strchr(rest, '.') == NULL;
	long long i;
	return px_parse_int(rest, 1, PX_CONFIG_NTH, &i) == 0 && rest[0] != '0';
}

const struct px_config_key *px_config_key(const char *name)
{
	for (const struct px_config_key *k = px_config_keys; k->name; k++)
		if (key_matches(k->name, name))
			return k;
	return NULL;
}

static int parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	for (int i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i]))
			return *out = 1, 0;
		if (!strcasecmp(v, no[i]))
			return *out = 0, 0;
	}
	return -1;
}

/* Whether v is one of the '|'-separated words of list. */
static int one_of(const char *list, const char *v, size_t len)
{
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, "|");
		if (n == len && !strncmp(p, v, n))
			return 1;
		p += n + (p[n] == '|');
	}
	return 0;
}

/* "a|b|c" as "a, b or c" into buf, each word followed by suffix. */
static void list_words(const char *list, const char *suffix, char *buf, size_t size)
{
	struct px_buf b = PX_BUF_INIT;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, "|");
		if (b.len)
			px_buf_adds(&b, p[n] ? ", " : " or ");
		px_buf_add(&b, p, n);
		px_buf_adds(&b, suffix);
		p += n + (p[n] == '|');
	}
	px_strlcpy(buf, px_buf_str(&b), size);
	px_buf_free(&b);
}

/* "200" or "200-299". */
static int parse_status(const char *s)
{
	long long lo, hi;
	char a[16];
	const char *dash = strchr(s, '-');
	if (!dash)
		return px_parse_int(s, 100, 599, &lo);
	size_t n = (size_t)(dash - s);
	if (n >= sizeof a)
		return -1;
	memcpy(a, s, n);
	a[n] = '\0';
	if (px_parse_int(a, 100, 599, &lo) || px_parse_int(dash + 1, 100, 599, &hi) || hi < lo)
		return -1;
	return 0;
}

/* Checks v, the value of name, against k: PX_OK, or PX_EINPUT with the
 * reason in err (a secret's value is never quoted). */
static int check_value(const struct px_config_key *k, const char *name, const char *v,
		       struct px_err *err)
{
	long long n;
	int b, from, to;
	char words[256];
	switch (k->type) {
	case PX_CONF_INT:
		if (px_parse_int(v, k->min, k->max, &n))
			return px_fail(err, PX_EINPUT,
				       "configuration '%s' must be an integer from %lld to %lld, not '%s'",
				       name, k->min, k->max, v);
		return PX_OK;
	case PX_CONF_BOOL:
		if (parse_bool(v, &b))
			return px_fail(err, PX_EINPUT,
				       "configuration '%s' must be true or false, not '%s'", name, v);
		return PX_OK;
	case PX_CONF_ENUM:
		if (!one_of(k->values, v, strlen(v))) {
			list_words(k->values, "", words, sizeof words);
			return px_fail(err, PX_EINPUT, "configuration '%s' must be %s, not '%s'",
				       name, words, v);
		}
		return PX_OK;
	case PX_CONF_SECRET:
		if (!*v)
			return px_fail(err, PX_EINPUT, "configuration '%s' is empty", name);
		if (strlen(v) < (size_t)k->min)
			return px_fail(err, PX_EINPUT, "configuration '%s' is shorter than %lld bytes",
				       name, k->min);
		return PX_OK;
	case PX_CONF_URL: {
		const char *colon = strstr(v, "://");
		if (!colon || !one_of(k->values, v, (size_t)(colon - v))) {
			list_words(k->values, "://", words, sizeof words);
			return px_fail(err, PX_EINPUT,
				       "configuration '%s' must be an address starting %s, not '%s'",
				       name, words, v);
		}
		return PX_OK;
	}
	case PX_CONF_ZONE:
		if (!px_time_zone_known(v))
			return px_fail(err, PX_EINPUT, "unknown time zone '%s'", v);
		return PX_OK;
	case PX_CONF_HOURS:
		if (strcmp(v, "none") && px_time_parse_hours(v, &from, &to))
			return px_fail(err, PX_EINPUT,
				       "configuration '%s' must be HH:MM-HH:MM or none, not '%s'", name, v);
		return PX_OK;
	case PX_CONF_STATUS:
		if (parse_status(v))
			return px_fail(err, PX_EINPUT, "configuration '%s' must be a status or a range "
				       "such as 200-299, not '%s'", name, v);
		return PX_OK;
	case PX_CONF_HEADER:
		if (!strchr(v, ':'))
			return px_fail(err, PX_EINPUT, "configuration '%s' must be 'Name: value'", name);
		return PX_OK;
	case PX_CONF_TEXT:
	case PX_CONF_PATH:
		return PX_OK;
	}
	return PX_OK;
}

/* Names where the failure in err was found; returns its code. */
static int placed(struct px_err *err, const char *source, long line)
{
	if (err) {
		px_strlcpy(err->source, source ? source : "", sizeof err->source);
		err->line = line;
	}
	return PX_EINPUT;
}

/* ---------- the environment ---------- */

const char *px_config_env(const char *name)
{
	const char *e = name && *name ? getenv(name) : NULL;
	return e && *e ? e : NULL;
}

static const char *resolve(const char *v)
{
	if (v && !strncmp(v, "env:", 4))
		return px_config_env(v + 4);
	return v;
}

/* PX_SECTION_KEY for key into buf. */
static const char *env_name(const char *key, char *buf, size_t size)
{
	size_t n = 0;
	px_strlcpy(buf, "PX_", size);
	n = strlen(buf);
	for (const char *p = key; *p && n + 1 < size; p++)
		buf[n++] = *p == '.' || *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	buf[n] = '\0';
	return buf;
}

/* The environment's override of key, "env:NAME" resolved, or NULL. */
static const char *env_override(const char *key, int *found)
{
	char name[160];
	const char *e = px_config_env(env_name(key, name, sizeof name));
	*found = e != NULL;
	return e ? resolve(e) : NULL;
}

/* Checks the environment's overrides of every key of the table that
 * can be named (the patterns' ".#" keys each; ".*" ones cannot). */
static int check_environment(struct px_err *err)
{
	for (const struct px_config_key *k = px_config_keys; k->name; k++) {
		size_t n = strlen(k->name);
		int nth = n > 2 && !strcmp(k->name + n - 2, ".#");
		if (n > 2 && !strcmp(k->name + n - 2, ".*"))
			continue;
		for (int i = 1; i <= (nth ? PX_CONFIG_NTH : 1); i++) {
			char key[160], var[160];
			if (nth)
				snprintf(key, sizeof key, "%.*s%d", (int)(n - 1), k->name, i);
			else
				px_strlcpy(key, k->name, sizeof key);
			int found;
			const char *v = env_override(key, &found);
			if (v && check_value(k, key, v, err))
				return placed(err, env_name(key, var, sizeof var), 0);
		}
	}
	return PX_OK;
}

/* ---------- loading ---------- */

static void add_warning(struct px_config *c, const char *path, long line, const char *fmt,
			const char *what)
{
	c->warn = px_xrealloc(c->warn, (size_t)(c->nwarn + 1) * sizeof *c->warn);
	px_err_clear(&c->warn[c->nwarn]);
	px_err_at(&c->warn[c->nwarn], PX_OK, path, line, fmt, what);
	c->nwarn++;
}

static void set_entry(struct entry **e, size_t *n, char *key, const char *val, long line)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*e)[i].key, key)) {
			free(key);
			free((*e)[i].val);
			(*e)[i].val = px_xstrdup(val);
			(*e)[i].line = line;
			return;
		}
	*e = px_xrealloc(*e, (*n + 1) * sizeof **e);
	(*e)[*n].key = key;
	(*e)[*n].val = px_xstrdup(val);
	(*e)[*n].line = line;
	(*n)++;
}

/* Parses one line into c: PX_OK, or PX_EINPUT with err at path:lineno. */
static int parse_line(struct px_config *c, char *s, char *section, size_t size,
		      const char *path, long lineno, struct px_err *err)
{
	s = trim(s);
	if (!*s || *s == '#' || *s == ';')
		return PX_OK;
	if (*s == '[') {
		char *e = strchr(s, ']');
		if (!e || e[1])
			return px_fail_at(err, PX_EINPUT, path, lineno, "malformed section header");
		*e = '\0';
		char *name = trim(s + 1);
		if (!valid_name(name) || strlen(name) >= size)
			return px_fail_at(err, PX_EINPUT, path, lineno, "bad section name '%s'", name);
		px_strlcpy(section, name, size);
		return PX_OK;
	}
	char *eq = strchr(s, '=');
	if (!eq)
		return px_fail_at(err, PX_EINPUT, path, lineno, "expected 'key = value'");
	*eq = '\0';
	char *k = trim(s), *v = trim(eq + 1);
	if (!valid_name(k))
		return px_fail_at(err, PX_EINPUT, path, lineno, "bad key '%s'", k);
	size_t vl = strlen(v);
	if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
		v[vl - 1] = '\0';
		v++;
	}
	char *full = section[0] ? px_xasprintf("%s.%s", section, k) : px_xstrdup(k);
	set_entry(&c->e, &c->n, full, v, lineno);
	return PX_OK;
}

/* Checks each key the file sets, as the last line that sets it wrote
 * it: PX_EINPUT at file:line for a bad value; unknown keys warned. */
static int check_file(struct px_config *c, struct px_err *err)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct entry *e = &c->e[i];
		const struct px_config_key *k = px_config_key(e->key);
		if (!k) {
			add_warning(c, c->path, e->line, "unknown key '%s'", e->key);
			continue;
		}
		const char *v = resolve(e->val);
		if (v && check_value(k, e->key, v, err))
			return placed(err, c->path, e->line);
	}
	return PX_OK;
}

static int read_file(struct px_config *c, FILE *f, struct px_err *err)
{
	struct px_buf line = PX_BUF_INIT;
	char section[128] = "";
	long lineno = 0;
	int rc, bad = PX_OK;
	while (!bad && (rc = px_read_line(f, &line)) == 1)
		bad = parse_line(c, line.s, section, sizeof section, c->path, ++lineno, err);
	if (!bad && rc < 0)
		bad = px_fail_at(err, PX_EINPUT, c->path, lineno + 1, "line too long or unreadable");
	px_buf_free(&line);
	return bad;
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
	if (!f && (must_exist || errno != ENOENT)) {
		px_err_at(err, PX_EINPUT, path, 0, "cannot read configuration: %s", strerror(errno));
		free(c);
		return NULL;
	}
	int rc = PX_OK;
	if (f) {
		c->path = px_xstrdup(path);
		rc = read_file(c, f, err);
		fclose(f);
		if (!rc)
			rc = check_file(c, err);
	}
	if (!rc)
		rc = check_environment(err);
	if (rc) {
		px_config_free(c);
		return NULL;
	}
	return c;
}

void px_config_free(struct px_config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->e[i].key);
		free(c->e[i].val);
	}
	for (size_t i = 0; i < c->ndef; i++) {
		free(c->def[i].key);
		free(c->def[i].val);
	}
	free(c->e);
	free(c->def);
	free(c->warn);
	free(c->path);
	free(c);
}

const char *px_config_path(const struct px_config *c)
{
	return c ? c->path : NULL;
}

int px_config_nwarnings(const struct px_config *c)
{
	return c ? c->nwarn : 0;
}

const struct px_err *px_config_warning(const struct px_config *c, int i)
{
	return c && i >= 0 && i < c->nwarn ? &c->warn[i] : NULL;
}

/* ---------- reading ---------- */

/* The file's entry for key, or NULL. */
static const struct entry *file_entry(const struct px_config *c, const char *key)
{
	if (c)
		for (size_t i = 0; i < c->n; i++)
			if (!strcmp(c->e[i].key, key))
				return &c->e[i];
	return NULL;
}

const char *px_config_get(const struct px_config *c, const char *key, const char *def)
{
	int found;
	const char *e = env_override(key, &found);
	if (found)
		return e ? e : def;
	const struct entry *f = file_entry(c, key);
	if (f) {
		const char *v = resolve(f->val);
		return v ? v : def;
	}
	return def;
}

int px_config_is_set(const struct px_config *c, const char *key)
{
	return px_config_get(c, key, NULL) != NULL;
}

void px_config_default(struct px_config *c, const char *key, const char *value)
{
	set_entry(&c->def, &c->ndef, px_xstrdup(key), value, 0);
}

const char *px_config_str(const struct px_config *c, const char *key)
{
	const char *v = px_config_get(c, key, NULL);
	if (v)
		return v;
	if (c)
		for (size_t i = 0; i < c->ndef; i++)
			if (!strcmp(c->def[i].key, key))
				return c->def[i].val;
	const struct px_config_key *k = px_config_key(key);
	return k ? k->def : NULL;
}

long long px_config_num(const struct px_config *c, const char *key)
{
	const struct px_config_key *k = px_config_key(key);
	long long n = 0;
	if (!k || k->type != PX_CONF_INT)
		return 0;
	const char *v = px_config_get(c, key, NULL);
	if (!v || px_parse_int(v, k->min, k->max, &n))
		px_parse_int(k->def, k->min, k->max, &n);
	return n;
}

int px_config_flag(const struct px_config *c, const char *key)
{
	const struct px_config_key *k = px_config_key(key);
	int b = 0;
	if (!k || k->type != PX_CONF_BOOL)
		return 0;
	const char *v = px_config_get(c, key, NULL);
	if (!v || parse_bool(v, &b))
		parse_bool(k->def, &b);
	return b;
}

int px_config_int(const struct px_config *c, const char *key, long long def,
		  long long min, long long max, long long *out, struct px_err *err)
{
	const struct px_config_key *k = px_config_key(key);
	if (k && k->type == PX_CONF_INT) {
		px_parse_int(k->def, k->min, k->max, &def);
		min = k->min;
		max = k->max;
	}
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
	const struct px_config_key *k = px_config_key(key);
	if (k && k->type == PX_CONF_BOOL)
		parse_bool(k->def, &def);
	const char *v = px_config_get(c, key, NULL);
	if (!v) {
		*out = def;
		return 0;
	}
	if (parse_bool(v, out))
		return px_err_set(err, PX_EINPUT,
				  "configuration '%s' must be true or false, not '%s'", key, v);
	return 0;
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
