/* map.c - --map files; see map.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/line.h"
#include "base/mem.h"
#include "intake/map.h"
#include "base/banned.h"

struct px_map {
	char **from, **to;
	size_t n;
};

/* One line: 1 a mapping added, 0 nothing on it, -1 malformed. */
static int map_line(struct px_map *m, char *s)
{
	s[strcspn(s, "\r#")] = '\0';
	char *save = NULL, *to = strtok_r(s, " \t=", &save);
	if (!to)
		return 0;
	char *from = strtok_r(NULL, "=", &save);
	if (from)
		from += strspn(from, " \t");
	size_t n = from ? strlen(from) : 0;
	while (n && (from[n - 1] == ' ' || from[n - 1] == '\t'))
		from[--n] = '\0';
	if (!n)
		return -1;
	m->from = px_xrealloc(m->from, (m->n + 1) * sizeof *m->from);
	m->to = px_xrealloc(m->to, (m->n + 1) * sizeof *m->to);
	m->from[m->n] = px_xstrdup(from);
	m->to[m->n++] = px_xstrdup(to);
	return 1;
}

int px_map_load(const char *path, struct px_map **out, struct px_err *err)
{
	*out = NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return px_fail_at(err, PX_EINPUT, path, 0, "cannot open map: %s", strerror(errno));
	struct px_map *m = px_xcalloc(1, sizeof *m);
	struct px_buf line = PX_BUF_INIT;
	long no = 0;
	int r, rc = PX_OK;
	while ((r = px_read_line(f, &line)) != 0) {
		no++;
		if (r < 0 || map_line(m, line.s) < 0) {
			rc = px_fail_at(err, PX_EINPUT, path, no, "expected 'px_field = input_field'");
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

void px_map_apply(const struct px_map *m, struct px_rec *r)
{
	for (size_t i = 0; m && i < m->n; i++) {
		const char *val = px_rec_get(r, m->from[i]);
		if (!val)
			continue;
		char *copy = px_xstrdup(val);
		px_rec_del(r, m->from[i]);
		px_rec_set_str(r, m->to[i], copy);
		free(copy);
	}
}

void px_map_free(struct px_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->from[i]);
		free(m->to[i]);
	}
	free(m->from);
	free(m->to);
	free(m);
}
