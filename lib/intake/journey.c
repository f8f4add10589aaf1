/* journey.c - journey definitions; see journey.h. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "intake/journey.h"
#include "base/mem.h"
#include "records/record.h"
#include "base/banned.h"


const char *px_journeys_dir(const struct px_config *cfg, char *buf, size_t size)
{
	const char *d = px_config_get(cfg, "import.journeys", NULL);
	if (d && *d)
		return d;
	return px_config_datadir("journeys", buf, size);
}

static char **split_words(const char *s)
{
	size_t n = 0, cap = 4;
	char **v = px_xcalloc(cap, sizeof *v);
	char *copy = px_xstrdup(s), *save = NULL;
	for (char *w = strtok_r(copy, " \t,", &save); w; w = strtok_r(NULL, " \t,", &save)) {
		if (n + 1 >= cap)
			v = px_xrealloc(v, (cap *= 2) * sizeof *v);
		v[n++] = px_xstrdup(w);
	}
	v[n] = NULL;
	free(copy);
	return v;
}

static void free_words(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static void journey_free(struct px_journey *j)
{
	free(j->name);
	free(j->title);
	free_words(j->types);
	for (size_t i = 0; i < j->nstages; i++) {
		free(j->stages[i].name);
		free_words(j->stages[i].events);
		free(j->stages[i].survey);
	}
	memset(j, 0, sizeof *j);
}

void px_journeys_free(struct px_journeys *js)
{
	for (size_t i = 0; i < js->n; i++)
		journey_free(&js->v[i]);
	free(js->v);
	free(js->dir);
	memset(js, 0, sizeof *js);
}

static int parse_delay(const char *s, long *out)
{
	long long n;
	size_t len = strlen(s);
	if (!len)
		return -1;
	long mult = 1;
	char unit = s[len - 1];
	char num[32];
	if (unit == 's' || unit == 'm' || unit == 'h' || unit == 'd') {
		mult = unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 1;
		len--;
	}
	if (len >= sizeof num)
		return -1;
	memcpy(num, s, len);
	num[len] = '\0';
	if (px_parse_int(num, 0, 365L * 86400, &n))
		return -1;
	*out = (long)n * mult;
	return 0;
}

static int parse_stage(struct px_journey *j, const char *val, const char *path, long line,
		       struct px_err *err)
{
	if (j->nstages >= PX_JOURNEY_MAX_STAGES)
		return px_err_at(err, PX_EINPUT, path, line, "more than %d stages", PX_JOURNEY_MAX_STAGES);
	char **w = split_words(val);
	if (!w[0]) {
		free_words(w);
		return px_err_at(err, PX_EINPUT, path, line, "stage needs a name");
	}
	struct px_journey_stage *s = &j->stages[j->nstages++];
	s->name = px_xstrdup(w[0]);
	size_t ne = 0;
	for (size_t i = 0; w[i]; i++)
		ne++;
	s->events = px_xcalloc(ne + 1, sizeof *s->events);
	size_t k = 0;
	int rc = 0;
	for (size_t i = 1; w[i]; i++) {
		if (!strncmp(w[i], "survey=", 7) && w[i][7]) {
			free(s->survey);
			s->survey = px_xstrdup(w[i] + 7);
		} else if (!strncmp(w[i], "delay=", 6)) {
			if (parse_delay(w[i] + 6, &s->delay)) {
				rc = px_err_at(err, PX_EINPUT, path, line, "bad delay '%s'", w[i] + 6);
				break;
			}
		} else if (strchr(w[i], '=')) {
			rc = px_err_at(err, PX_EINPUT, path, line, "unknown stage option '%s'", w[i]);
			break;
		} else {
			s->events[k++] = px_xstrdup(w[i]);
		}
	}
	free_words(w);
	if (!rc && !k)
		rc = px_err_at(err, PX_EINPUT, path, line, "stage '%s' names no event", s->name);
	/* an encounter has one survey per template, so two stages cannot share one */
	for (size_t i = 0; !rc && s->survey && i + 1 < j->nstages; i++)
		if (j->stages[i].survey && !strcmp(j->stages[i].survey, s->survey))
			rc = px_err_at(err, PX_EINPUT, path, line, "survey '%s' is already that of stage '%s'",
				       s->survey, j->stages[i].name);
	return rc;
}

static int load_file(const char *path, struct px_journey *j, struct px_err *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return px_err_at(err, PX_EINPUT, path, 0, "cannot open: %s", strerror(errno));
	struct px_buf line = PX_BUF_INIT;
	long no = 0;
	int rc = 0, r;
	while (!rc && (r = px_read_line(f, &line)) != 0) {
		no++;
		if (r < 0) {
			rc = px_err_at(err, PX_EINPUT, path, no, "line too long or unreadable");
			break;
		}
		char *s = line.s;
		s[strcspn(s, "\r")] = '\0';
		s += strspn(s, " \t");
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			rc = px_err_at(err, PX_EINPUT, path, no, "expected 'key = value'");
			break;
		}
		char *k = s, *v = eq + 1, *e = eq;
		while (e > k && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		*e = '\0';
		v += strspn(v, " \t");
		size_t vl = strlen(v);
		while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
			v[--vl] = '\0';
		if (!strcmp(k, "name")) {
			free(j->name);
			j->name = px_xstrdup(v);
		} else if (!strcmp(k, "title")) {
			free(j->title);
			j->title = px_xstrdup(v);
		} else if (!strcmp(k, "types")) {
			free_words(j->types);
			j->types = split_words(v);
		} else if (!strcmp(k, "stage")) {
			rc = parse_stage(j, v, path, no, err);
		} else {
			rc = px_err_at(err, PX_EINPUT, path, no, "unknown key '%s'", k);
		}
	}
	px_buf_free(&line);
	fclose(f);
	if (!rc && (!j->name || !j->nstages))
		rc = px_err_at(err, PX_EINPUT, path, 0, "a journey needs a name and a stage");
	if (!rc && !j->types)
		j->types = split_words(j->name);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct px_journey *)a)->name, ((const struct px_journey *)b)->name);
}

int px_journeys_load(const char *dir, struct px_journeys *js, struct px_err *err)
{
	memset(js, 0, sizeof *js);
	js->dir = px_xstrdup(dir);
	DIR *d = opendir(dir);
	if (!d)
		return px_err_at(err, PX_EINPUT, dir, 0, "cannot read journeys: %s", strerror(errno));
	struct dirent *e;
	int rc = 0;
	size_t cap = 0;
	while (!rc && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n <= 8 || strcmp(e->d_name + n - 8, ".journey") || e->d_name[0] == '.')
			continue;
		if (js->n == cap)
			js->v = px_xrealloc(js->v, (cap = cap ? cap * 2 : 8) * sizeof *js->v);
		struct px_journey *j = &js->v[js->n++];
		memset(j, 0, sizeof *j);
		char *path = px_xasprintf("%s/%s", dir, e->d_name);
		rc = load_file(path, j, err);
		free(path);
	}
	closedir(d);
	if (rc) {
		px_journeys_free(js);
		return -1;
	}
	qsort(js->v, js->n, sizeof *js->v, by_name);
	return 0;
}

const struct px_journey *px_journeys_for_type(const struct px_journeys *js, const char *type)
{
	if (!type || !*type)
		return NULL;
	for (size_t i = 0; i < js->n; i++)
		for (char **t = js->v[i].types; t && *t; t++)
			if (!strcasecmp(*t, type))
				return &js->v[i];
	return NULL;
}

const struct px_journey *px_journeys_find(const struct px_journeys *js, const char *name)
{
	for (size_t i = 0; i < js->n; i++)
		if (!strcmp(js->v[i].name, name))
			return &js->v[i];
	return NULL;
}

int px_journey_stage_has(const struct px_journey_stage *s, const char *event)
{
	for (char **e = s->events; e && *e; e++)
		if (!strcmp(*e, event))
			return 1;
	return 0;
}
