/* map.c - --map files, --set constants and the export's own times; see
 * map.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/line.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/zone.h"
#include "intake/map.h"
#include "base/banned.h"

/* A value map of one field. */
struct vmap {
	char *field;
	char **from, **to;
	size_t n;
};

struct px_map {
	char **from, **to;          /* renames */
	size_t n;
	char **key, **val;          /* constants */
	size_t nset;
	struct vmap *vm;
	size_t nvm;
	char *time_fmt;             /* strptime's, or NULL: ISO 8601's */
	struct px_zone *zone;       /* of times without an offset; NULL: the display zone */
	int times;                  /* px_map_times was called */
};

static char *trim(char *s)
{
	s += strspn(s, " \t");
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static void add_set(struct px_map *m, const char *k, const char *v)
{
	m->key = px_xrealloc(m->key, (m->nset + 1) * sizeof *m->key);
	m->val = px_xrealloc(m->val, (m->nset + 1) * sizeof *m->val);
	m->key[m->nset] = px_xstrdup(k);
	m->val[m->nset++] = px_xstrdup(v);
}

/* "field: A=a B=b": 1, or -1 when malformed. */
static int value_map(struct px_map *m, char *field, char *rest)
{
	struct vmap v = { .field = px_xstrdup(field) };
	char *save = NULL;
	for (char *w = strtok_r(rest, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char *eq = strchr(w, '=');
		if (!eq || eq == w || !eq[1]) {
			for (size_t i = 0; i < v.n; i++) {
				free(v.from[i]);
				free(v.to[i]);
			}
			free(v.from);
			free(v.to);
			free(v.field);
			return -1;
		}
		*eq = '\0';
		v.from = px_xrealloc(v.from, (v.n + 1) * sizeof *v.from);
		v.to = px_xrealloc(v.to, (v.n + 1) * sizeof *v.to);
		v.from[v.n] = px_xstrdup(w);
		v.to[v.n++] = px_xstrdup(eq + 1);
	}
	if (!v.n) {
		free(v.field);
		return -1;
	}
	m->vm = px_xrealloc(m->vm, (m->nvm + 1) * sizeof *m->vm);
	m->vm[m->nvm++] = v;
	return 1;
}

/* One line: 1 something added, 0 nothing on it, -1 malformed. */
static int map_line(struct px_map *m, char *s)
{
	s[strcspn(s, "\r#")] = '\0';
	s = trim(s);
	if (!*s)
		return 0;
	char *eq = strchr(s, '='), *colon = strchr(s, ':');
	if (colon && (!eq || colon < eq)) {
		*colon = '\0';
		char *field = trim(s);
		if (!*field || strpbrk(field, " \t"))
			return -1;
		return value_map(m, field, colon + 1);
	}
	if (!eq)
		return -1;
	*eq = '\0';
	char *left = trim(s), *right = trim(eq + 1);
	if (!strncmp(left, "set", 3) && (left[3] == ' ' || left[3] == '\t')) {
		char *k = trim(left + 3);
		if (!*k || strpbrk(k, " \t"))
			return -1;
		add_set(m, k, right);
		return 1;
	}
	if (!*left || !*right || strpbrk(left, " \t"))
		return -1;
	m->from = px_xrealloc(m->from, (m->n + 1) * sizeof *m->from);
	m->to = px_xrealloc(m->to, (m->n + 1) * sizeof *m->to);
	m->from[m->n] = px_xstrdup(right);
	m->to[m->n++] = px_xstrdup(left);
	return 1;
}

int px_map_load(const char *path, struct px_map **out, struct px_err *err)
{
	*out = NULL;
	struct px_map *m = px_xcalloc(1, sizeof *m);
	if (!path) {
		*out = m;
		return PX_OK;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		free(m);
		return px_fail_at(err, PX_EINPUT, path, 0, "cannot open map: %s", strerror(errno));
	}
	struct px_buf line = PX_BUF_INIT;
	long no = 0;
	int r, rc = PX_OK;
	while ((r = px_read_line(f, &line)) != 0) {
		no++;
		if (r < 0 || map_line(m, line.s) < 0) {
			rc = px_fail_at(err, PX_EINPUT, path, no, "expected 'px_field = input_field', "
					"'set px_field = VALUE' or 'px_field: A=a B=b'");
			break;
		}
	}
	px_buf_free(&line);
	fclose(f);
	if (rc) {
		px_map_free(m);
		return rc;
	}
	*out = m;
	return PX_OK;
}

int px_map_set(struct px_map *m, const char *assignment, struct px_err *err)
{
	const char *eq = strchr(assignment, '='), *blank = strpbrk(assignment, " \t");
	if (!eq || eq == assignment || (blank && blank < eq))
		return px_fail(err, PX_EUSAGE, "--set needs FIELD=VALUE, not '%s'", assignment);
	char *k = px_xstrndup(assignment, (size_t)(eq - assignment));
	add_set(m, k, eq + 1);
	free(k);
	return PX_OK;
}

int px_map_times(struct px_map *m, const char *fmt, const char *zone, struct px_err *err)
{
	if (zone && px_zone_open(zone, &m->zone, err))
		return px_fail(err, PX_EUSAGE, "--tz: unknown time zone '%s'", zone);
	free(m->time_fmt);
	m->time_fmt = fmt ? px_xstrdup(fmt) : NULL;
	m->times = 1;
	return PX_OK;
}

/* Whether an ISO 8601 time says its offset (Z, +hh:mm, -hh:mm). */
static int has_offset(const char *v)
{
	size_t n = strlen(v);
	if (n < 20 || v[10] != 'T')
		return 0;
	return v[n - 1] == 'Z' || strchr(v + 19, '+') || strchr(v + 19, '-');
}

/* The export's time v in the map's format, as UTC ISO 8601 into out. */
static int export_time(const struct px_map *m, const char *v, char out[PX_TIME_UTC_LEN])
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_mday = 1;
	static const char *const iso[] = { "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
					   "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", NULL };
	const char *end = NULL;
	if (m->time_fmt)
		end = strptime(v, m->time_fmt, &tm);
	for (int i = 0; !m->time_fmt && !end && iso[i]; i++) {
		memset(&tm, 0, sizeof tm);
		tm.tm_mday = 1;
		end = strptime(v, iso[i], &tm);
		if (end && end[strspn(end, " ")])
			end = NULL;
	}
	if (!end || end[strspn(end, " ")])
		return -1;
	int64_t t;
	if (m->zone) {
		int64_t wall;
		if (px_time_from_utc(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
				     tm.tm_min, tm.tm_sec, &wall))
			return -1;
		t = px_zone_instant(m->zone, wall);
	} else if (px_time_from_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
				      tm.tm_min, tm.tm_sec, &t)) {
		return -1;
	}
	px_time_format_utc(t, out);
	return 0;
}

int px_map_apply(const struct px_map *m, struct px_rec *r, struct px_err *err)
{
	int rc = px_map_names(m, r, err);
	return rc ? rc : px_map_time(m, r, "event_time", err);
}

int px_map_names(const struct px_map *m, struct px_rec *r, struct px_err *err)
{
	if (!m)
		return PX_OK;
	for (size_t i = 0; i < m->n; i++) {
		const char *val = px_rec_get(r, m->from[i]);
		if (!val)
			continue;
		char *copy = px_xstrdup(val);
		px_rec_del(r, m->from[i]);
		px_rec_set_str(r, m->to[i], copy);
		free(copy);
	}
	for (size_t i = 0; i < m->nset; i++) {
		const char *have = px_rec_get(r, m->key[i]);
		if (!have || !*have)
			px_rec_set_str(r, m->key[i], m->val[i]);
	}
	for (size_t i = 0; i < m->nvm; i++) {
		const struct vmap *v = &m->vm[i];
		const char *have = px_rec_get(r, v->field);
		if (!have || !*have)
			continue;
		size_t j = 0;
		while (j < v->n && strcmp(v->from[j], have))
			j++;
		if (j == v->n)
			return px_fail(err, PX_EREJECT, "'%s': the map has no value for '%.60s'", v->field,
				       have);
		px_rec_set_str(r, v->field, v->to[j]);
	}
	return PX_OK;
}

int px_map_time(const struct px_map *m, struct px_rec *r, const char *field, struct px_err *err)
{
	const char *t = m && m->times ? px_rec_get(r, field) : NULL;
	if (t && *t && !(has_offset(t) && !m->time_fmt)) {
		char utc[PX_TIME_UTC_LEN];
		if (export_time(m, t, utc))
			return px_fail(err, PX_EREJECT, "'%s': '%.60s' is not a time as '%s'", field, t,
				       m->time_fmt ? m->time_fmt : "ISO 8601 writes it");
		px_rec_set_str(r, field, utc);
	}
	return PX_OK;
}

void px_map_free(struct px_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->from[i]);
		free(m->to[i]);
	}
	for (size_t i = 0; i < m->nset; i++) {
		free(m->key[i]);
		free(m->val[i]);
	}
	for (size_t i = 0; i < m->nvm; i++) {
		for (size_t j = 0; j < m->vm[i].n; j++) {
			free(m->vm[i].from[j]);
			free(m->vm[i].to[j]);
		}
		free(m->vm[i].from);
		free(m->vm[i].to);
		free(m->vm[i].field);
	}
	free(m->from);
	free(m->to);
	free(m->key);
	free(m->val);
	free(m->vm);
	free(m->time_fmt);
	px_zone_free(m->zone);
	free(m);
}
