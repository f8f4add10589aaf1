/* raise.c - improvement actions raised by trigger rules from negative
 * feedback, and routed to their owners. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/wordfile.h"
#include "cases/action.h"
#include "cases/internal.h"
#include "cases/raise.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/org.h"
#include "store/store.h"
#include "base/banned.h"

/* ---------- the files ---------- */

struct parse {
	struct px_action_rules *rs;
	const char *path;
	size_t cap;
};

static int set_word(char *dst, size_t size, const char *v)
{
	if (!*v || strlen(v) >= size)
		return -1;
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

/* KEY=VALUE as a condition: KEY_max= and KEY_min= bound a number. */
static int condition(const char *k, const char *v, struct px_rule_match *m)
{
	size_t n = strlen(k);
	memset(m, 0, sizeof *m);
	if (n > 4 && (!strcmp(k + n - 4, "_max") || !strcmp(k + n - 4, "_min"))) {
		char *end;
		strtod(v, &end);
		if (end == v || *end)
			return -1;
		m->op = k[n - 2] == 'a' ? 1 : 2;
		n -= 4;
	}
	if (!n || n >= sizeof m->key || set_word(m->val, sizeof m->val, v))
		return -1;
	memcpy(m->key, k, n);
	m->key[n] = '\0';
	return 0;
}

static const char *const events[] = {
	"survey.negative", "survey.escalated", "complaint.unsatisfied", "complaint", "call", NULL,
};

static int event_ok(const char *e)
{
	for (int i = 0; events[i]; i++)
		if (!strcmp(e, events[i]))
			return 1;
	return !strncmp(e, "report.", 7) && e[7];
}

static int rule_line(char **w, int n, long line, void *vp, struct px_err *err)
{
	struct parse *p = vp;
	if (strcmp(w[0], "rule"))
		return px_fail_at(err, PX_EINPUT, p->path, line, "unknown line '%s' (rule)", w[0]);
	struct px_action_rule r = { .line = line };
	if (n < 3 || set_word(r.name, sizeof r.name, w[1]) || strchr(w[1], '='))
		return px_fail_at(err, PX_EINPUT, p->path, line, "'rule' needs a name and KEY=VALUE "
				  "words");
	for (int i = 0; i < p->rs->n; i++)
		if (!strcmp(p->rs->r[i].name, r.name))
			return px_fail_at(err, PX_EINPUT, p->path, line, "a second rule '%s'", r.name);
	px_strlcpy(r.priority, "medium", sizeof r.priority);
	for (int i = 2; i < n; i++) {
		char *eq = strchr(w[i], '=');
		if (!eq)
			return px_fail_at(err, PX_EINPUT, p->path, line, "'%s' is not KEY=VALUE", w[i]);
		*eq = '\0';
		const char *k = w[i], *v = eq + 1;
		if (!strcmp(k, "title")) {
			/* the rest of the line */
			struct px_buf b = { 0 };
			px_buf_adds(&b, v);
			for (int j = i + 1; j < n; j++) {
				px_buf_addc(&b, ' ');
				px_buf_adds(&b, w[j]);
			}
			int bad = !b.len || b.len >= sizeof r.title;
			if (!bad)
				memcpy(r.title, b.s, b.len + 1);
			px_buf_free(&b);
			if (bad)
				return px_fail_at(err, PX_EINPUT, p->path, line, "bad title");
			break;
		}
		if (!strcmp(k, "on")) {
			if (!event_ok(v) || set_word(r.on, sizeof r.on, v))
				return px_fail_at(err, PX_EINPUT, p->path, line, "unknown event '%s' "
						  "(survey.negative, survey.escalated, complaint.unsatisfied, "
						  "complaint, call, report.KIND)", v);
		} else if (!strcmp(k, "by") || !strcmp(k, "period")) {
			if (strncmp(r.on, "report.", 7))
				return px_fail_at(err, PX_EINPUT, p->path, line, "%s= is for the events "
						  "report.KIND, after on=", k);
			if (set_word(!strcmp(k, "by") ? r.by : r.period,
				     !strcmp(k, "by") ? sizeof r.by : sizeof r.period, v))
				return px_fail_at(err, PX_EINPUT, p->path, line, "bad %s '%s'", k, v);
		} else if (!strcmp(k, "priority")) {
			if (!px_case_priority_ok(v))
				return px_fail_at(err, PX_EINPUT, p->path, line, "unknown priority '%s' "
						  "(low, medium, high)", v);
			px_strlcpy(r.priority, v, sizeof r.priority);
		} else if (r.nmatch == PX_RULE_MATCH ||
			   condition(k, v, &r.match[r.nmatch++])) {
			return px_fail_at(err, PX_EINPUT, p->path, line, "bad condition '%s=%s'", k, v);
		}
	}
	if (!r.on[0])
		return px_fail_at(err, PX_EINPUT, p->path, line, "rule '%s' needs on=EVENT", r.name);
	if (!r.title[0])
		return px_fail_at(err, PX_EINPUT, p->path, line, "rule '%s' needs title=TEXT (the "
				  "rest of the line)", r.name);
	if ((size_t)p->rs->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->rs->r = px_xrealloc(p->rs->r, p->cap * sizeof *p->rs->r);
	}
	p->rs->r[p->rs->n++] = r;
	return PX_OK;
}

static const char *const route_keys[] = {
	"source", "hospital", "department", "classification", "severity", "rule", NULL,
};

static int route_line(char **w, int n, long line, void *vp, struct px_err *err)
{
	struct parse *p = vp;
	if (strcmp(w[0], "route"))
		return px_fail_at(err, PX_EINPUT, p->path, line, "unknown line '%s' (route)", w[0]);
	struct px_route r = { .line = line };
	if (n < 3 || set_word(r.name, sizeof r.name, w[1]) || strchr(w[1], '='))
		return px_fail_at(err, PX_EINPUT, p->path, line, "'route' needs a name and KEY=VALUE "
				  "words");
	for (int i = 0; i < p->rs->nroutes; i++)
		if (!strcmp(p->rs->routes[i].name, r.name))
			return px_fail_at(err, PX_EINPUT, p->path, line, "a second route '%s'", r.name);
	for (int i = 2; i < n; i++) {
		if (!strcmp(w[i], "round-robin")) {
			r.round_robin = 1;
			continue;
		}
		char *eq = strchr(w[i], '=');
		if (!eq)
			return px_fail_at(err, PX_EINPUT, p->path, line, "'%s' is not KEY=VALUE or "
					  "round-robin", w[i]);
		*eq = '\0';
		const char *k = w[i], *v = eq + 1;
		int known = 0;
		for (int j = 0; route_keys[j]; j++)
			known |= !strcmp(k, route_keys[j]);
		if (!strcmp(k, "to")) {
			if (set_word(r.to, sizeof r.to, v))
				return px_fail_at(err, PX_EINPUT, p->path, line, "bad department '%s'", v);
		} else if (!strcmp(k, "owner")) {
			if (set_word(r.owner, sizeof r.owner, v))
				return px_fail_at(err, PX_EINPUT, p->path, line, "bad owner '%s'", v);
		} else if (!known) {
			return px_fail_at(err, PX_EINPUT, p->path, line, "unknown key '%s' (source, "
					  "hospital, department, classification, severity, rule, to, "
					  "owner)", k);
		} else if (r.nmatch == PX_RULE_MATCH || condition(k, v, &r.match[r.nmatch++]) ||
			   r.match[r.nmatch - 1].op) {
			return px_fail_at(err, PX_EINPUT, p->path, line, "bad condition '%s=%s'", k, v);
		}
	}
	if (!r.to[0])
		px_strlcpy(r.to, "same", sizeof r.to);
	if (r.round_robin) {
		enum px_role role;
		if (!r.owner[0] || px_role_parse(r.owner, &role))
			return px_fail_at(err, PX_EINPUT, p->path, line, "round-robin needs owner=ROLE");
	}
	if ((size_t)p->rs->nroutes == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->rs->routes = px_xrealloc(p->rs->routes, p->cap * sizeof *p->rs->routes);
	}
	p->rs->routes[p->rs->nroutes++] = r;
	return PX_OK;
}

/* The text the store keeps for name (actions, routing), or NULL
 * (caller frees); -1 with err. */
static int stored_text(struct px_ctx *cx, const char *name, char **out, struct px_err *err)
{
	*out = NULL;
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT text FROM action_rule_files WHERE name = ?1", err);
	if (!s)
		return -1;
	px_stmt_text(s, 1, name);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*out = px_xstrdup(px_stmt_col_text(s, 0));
	px_stmt_reset(s);
	return rc < 0 ? -1 : 0;
}

/* Reads one of the two files, from the store's text when given. */
static int read_one(const char *path, const char *text, px_wordfile_fn fn, struct parse *p,
		    struct px_err *err)
{
	return text ? px_wordfile_parse(path, text, strlen(text), PX_WORDFILE_WORDS, fn, p, err)
		    : px_wordfile_read(path, PX_WORDFILE_WORDS, fn, p, err);
}

static int rules_read(const char *path, const char *rules_text, const char *routes,
		      const char *routes_text, struct px_action_rules **out, struct px_err *err)
{
	struct px_action_rules *rs = px_xcalloc(1, sizeof *rs);
	px_strlcpy(rs->path, path, sizeof rs->path);
	px_strlcpy(rs->routes_path, routes, sizeof rs->routes_path);
	struct parse p = { rs, path, 0 };
	int rc = read_one(path, rules_text, rule_line, &p, err);
	if (!rc) {
		p = (struct parse){ rs, routes, 0 };
		rc = read_one(routes, routes_text, route_line, &p, err);
	}
	if (rc) {
		px_action_rules_free(rs);
		rs = NULL;
	}
	*out = rs;
	return rc;
}

int px_action_rules_load(const char *path, const char *routes, struct px_action_rules **out,
			 struct px_err *err)
{
	return rules_read(path, NULL, routes, NULL, out, err);
}


/* Where name's rules come from: the store's text (*text set, the path
 * "store:NAME"), else px.conf's key, else the data directory's file. */
static int rules_source(struct px_ctx *cx, const char *name, const char *key, const char *sub,
			char path[512], char **text, struct px_err *err)
{
	if (stored_text(cx, name, text, err))
		return err->code ? err->code : PX_ESTORE;
	if (*text) {
		snprintf(path, 512, "store:%s", name);
		return PX_OK;
	}
	const char *p = px_config_get(cx->cfg, key, NULL);
	if (p)
		px_strlcpy(path, p, 512);
	else
		px_config_datadir(sub, path, 512);
	return PX_OK;
}

int px_action_rules_open(struct px_ctx *cx, struct px_action_rules **out, struct px_err *err)
{
	char a[512], b[512];
	char *ta = NULL, *tb = NULL;
	int rc = rules_source(cx, "actions", "actions.rules", "rules/actions", a, &ta, err);
	if (!rc)
		rc = rules_source(cx, "routing", "actions.routing", "rules/routing", b, &tb, err);
	if (!rc)
		rc = rules_read(a, ta, b, tb, out, err);
	free(ta);
	free(tb);
	return rc;
}

int px_action_rules_text(struct px_ctx *cx, int routing, char **out, char from[512],
			 struct px_err *err)
{
	*out = NULL;
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "read the action rules", err))
		return PX_EPERM;
	char *path = from;
	char *text = NULL;
	int rc = routing ? rules_source(cx, "routing", "actions.routing", "rules/routing", path,
					&text, err)
			 : rules_source(cx, "actions", "actions.rules", "rules/actions", path, &text,
					err);
	if (rc)
		return rc;
	if (!text) {
		FILE *f = fopen(path, "r");
		if (!f)
			return px_fail(err, PX_EINPUT, "%s: cannot read it", path);
		struct px_buf b = { 0 };
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			px_buf_add(&b, chunk, n);
		int bad = ferror(f);
		fclose(f);
		if (bad) {
			px_buf_free(&b);
			return px_fail(err, PX_EINPUT, "%s: cannot read it", path);
		}
		px_buf_addc(&b, '\0');
		text = b.s ? b.s : px_xstrdup("");
	}
	*out = text;
	return PX_OK;
}

int px_action_rules_store(struct px_ctx *cx, int routing, const char *text, size_t len,
			  const char *name, struct px_err *err)
{
	if (px_auth_require(cx->actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, "change the action rules",
			    err))
		return PX_EPERM;
	/* the text read whole, as px would read it, before it is kept */
	struct px_action_rules *rs = px_xcalloc(1, sizeof *rs);
	struct parse p = { rs, name, 0 };
	int rc = text && memchr(text, '\0', len)
		 ? px_fail(err, PX_EINPUT, "%s: a NUL byte", name)
		 : px_wordfile_parse(name, text ? text : "", len, PX_WORDFILE_WORDS,
				     routing ? route_line : rule_line, &p, err);
	int n = routing ? rs->nroutes : rs->n;
	px_action_rules_free(rs);
	if (rc)
		return rc;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	if ((rc = px_store_begin(cx->st, err)))
		return rc;
	struct px_stmt *s = text ? px_stmt_prepare(cx->st,
		"INSERT INTO action_rule_files (name, text, loaded_by, loaded_at) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT (name) DO UPDATE SET text = excluded.text, loaded_by = excluded.loaded_by, "
		"loaded_at = excluded.loaded_at", err)
		: px_stmt_prepare(cx->st, "DELETE FROM action_rule_files WHERE name = ?1", err);
	rc = s ? PX_OK : err->code;
	const char *which = routing ? "routing" : "actions";
	if (!rc) {
		px_stmt_text(s, 1, which);
		if (text) {
			char *copy = px_xmalloc(len + 1);
			memcpy(copy, text, len);
			copy[len] = '\0';
			px_stmt_text(s, 2, copy);
			px_stmt_text(s, 3, cx->actor->name);
			px_stmt_text(s, 4, at);
			rc = px_stmt_run(s, err);
			free(copy);
		} else {
			rc = px_stmt_run(s, err);
		}
	}
	if (!rc) {
		struct px_rec *d = px_rec_new(NULL);
		if (text)
			px_rec_set_int(d, routing ? "routes" : "rules", n);
		rc = px_audit_record(cx->st, cx->actor->name, text ? "action_rules_loaded"
				     : "action_rules_reset", "action_rules", which, d, err)
		     ? (err->code ? err->code : PX_ESTORE) : PX_OK;
		px_rec_free(d);
	}
	if (!rc) {
		struct px_rec *r = px_rec_new("action.rules");
		px_rec_set_str(r, "name", which);
		if (text) {
			px_rec_set_str(r, "from", "store");
			px_rec_set_int(r, routing ? "routes" : "rules", n);
		} else {
			px_rec_set_str(r, "from", "file");
		}
		px_emit_after(cx, r);
	}
	return px_kase_end(cx, rc, err);
}

void px_action_rules_free(struct px_action_rules *rs)
{
	if (!rs)
		return;
	free(rs->r);
	free(rs->routes);
	px_workflow_free(rs->wf);
	free(rs);
}

/* ---------- matching ---------- */

/* Whether word is one of the comma-separated list. */
static int one_of(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		size_t m = strcspn(p, ",");
		if (m == n && !strncmp(p, word, n))
			return 1;
		p += m + (p[m] == ',');
	}
	return 0;
}

/* Whether the view meets the condition; why (when not NULL) says why not. */
static int meets(const struct px_rule_match *m, const struct px_rec *view, char *why,
		 size_t size)
{
	const char *have = px_rec_get(view, m->key);
	if (m->op) {
		double x, bound = strtod(m->val, NULL);
		int ok = have && !px_rec_get_num(view, m->key, &x) &&
			 (m->op == 1 ? x <= bound : x >= bound);
		if (!ok && why)
			snprintf(why, size, "%s is %.60s, not %s %.60s", m->key, have ? have : "none",
				 m->op == 1 ? "at most" : "at least", m->val);
		return ok;
	}
	int ok;
	if (!strcmp(m->key, "classification")) {
		/* a taxonomy code at or below any of the list */
		ok = 0;
		for (const char *p = m->val; have && *p && !ok;) {
			size_t n = strcspn(p, ",");
			ok = !strncmp(have, p, n) && (have[n] == '\0' || have[n] == '.');
			p += n + (p[n] == ',');
		}
	} else {
		ok = have && one_of(m->val, have);
	}
	if (!ok && why)
		snprintf(why, size, "%s is %.60s, not %.60s", m->key, have && *have ? have : "none",
			 m->val);
	return ok;
}

static int meets_all(const struct px_rule_match *m, int n, const struct px_rec *view, char *why,
		     size_t size)
{
	for (int i = 0; i < n; i++)
		if (!meets(&m[i], view, why, size))
			return 0;
	return 1;
}

/* The title with each {key} replaced by the view's field (caller frees). */
static char *render(const char *tpl, const struct px_rec *view)
{
	struct px_buf b = { 0 };
	for (const char *p = tpl; *p;) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if (close && close - p < 40) {
			char key[40];
			memcpy(key, p + 1, (size_t)(close - p - 1));
			key[close - p - 1] = '\0';
			const char *v = px_rec_get(view, key);
			px_buf_adds(&b, v ? v : "");
			p = close + 1;
		} else {
			px_buf_addc(&b, *p++);
		}
	}
	px_buf_addc(&b, '\0');
	return b.s;
}

/* ---------- the triggers as the store has them ---------- */

/* What a trigger is: its source, where it is, and the fields the rules
 * and routes read. */
struct trigger {
	const char *event;
	const char *source;     /* survey, complaint, call, report */
	char source_ref[160];
	int64_t hospital_id, department_id, patient_id, encounter_id;
	char link_type[16], link_object[PX_CASE_REF_LEN];
	struct px_rec *view;
	int applies;            /* the store says the event happened */
};

static void trigger_free(struct trigger *t)
{
	px_rec_free(t->view);
	t->view = NULL;
}

static const struct px_col view_cols[] = {
	{ "hospital_id", PX_COL_SKIP }, { "department_id", PX_COL_SKIP },
	{ "patient_id", PX_COL_SKIP }, { "encounter_id", PX_COL_SKIP }, { "applies", PX_COL_SKIP },
	{ NULL, 0 },
};

/* Reads the trigger's one row: its ids in columns 0-4 (applies in 4),
 * the view's fields after. */
static int trigger_read(struct px_ctx *cx, struct trigger *t, const char *sql, const char *id,
			struct px_err *err)
{
	struct px_stmt *s = px_stmt_prepare(cx->st, sql, err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, id);
	int rc = px_stmt_step(s, err);
	if (rc == 1) {
		t->hospital_id = px_stmt_col_int(s, 0);
		t->department_id = px_stmt_col_int(s, 1);
		t->patient_id = px_stmt_col_int(s, 2);
		t->encounter_id = px_stmt_col_int(s, 3);
		t->applies = (int)px_stmt_col_int(s, 4);
		t->view = px_stmt_rec(s, NULL, view_cols);
	}
	px_stmt_reset(s);
	if (rc < 0)
		return err->code;
	return rc ? PX_OK : px_fail(err, PX_EREJECT, "unknown %s '%s'", t->source, id);
}

#define SURVEY_SQL(APPLIES) \
	"SELECT s.hospital_id AS hospital_id, coalesce(s.department_id, 0) AS department_id, " \
	"s.patient_id AS patient_id, coalesce(s.encounter_id, 0) AS encounter_id, " APPLIES \
	" AS applies, s.public_id AS survey, h.code AS hospital, d.code AS department, " \
	"t.name AS template, s.score AS score, s.completed_at AS completed_at, " \
	"coalesce(c.state, 'awaiting_contact') AS loop FROM surveys s " \
	"JOIN hospitals h ON h.id = s.hospital_id JOIN survey_templates t ON t.id = s.template_id " \
	"LEFT JOIN departments d ON d.id = s.department_id " \
	"LEFT JOIN cases c ON c.kind = 'followup' AND c.hospital_id = s.hospital_id " \
	"AND c.source = 'survey' AND c.source_ref = s.public_id WHERE s.public_id = ?1"
#define COMPLAINT_SQL(APPLIES) \
	"SELECT c.hospital_id AS hospital_id, coalesce(c.department_id, 0) AS department_id, " \
	"coalesce(c.patient_id, 0) AS patient_id, coalesce(c.encounter_id, 0) AS encounter_id, " \
	APPLIES " AS applies, c.ref AS ref, h.code AS hospital, " \
	"d.code AS department, c.severity AS severity, c.priority AS priority, " \
	"c.classification AS classification, c.source AS origin, c.title AS title, " \
	"c.state AS state FROM cases c JOIN hospitals h ON h.id = c.hospital_id " \
	"LEFT JOIN departments d ON d.id = c.department_id " \
	"WHERE c.kind = 'complaint' AND (c.ref = ?1 OR c.public_id = ?1)"
#define CALL_SQL \
	"SELECT c.hospital_id AS hospital_id, coalesce(c.department_id, 0) AS department_id, " \
	"coalesce(c.patient_id, 0) AS patient_id, 0 AS encounter_id, 1 AS applies, " \
	"c.public_id AS call, c.external_id AS external_id, h.code AS hospital, " \
	"d.code AS department, c.call_type AS call_type, c.agent AS agent, c.rating AS rating, " \
	"c.resolution AS resolution, c.started_at AS started_at FROM calls c " \
	"JOIN hospitals h ON h.id = c.hospital_id LEFT JOIN departments d ON d.id = c.department_id " \
	"WHERE c.public_id = ?1"

/* The keys of a report's record that name its group. */
static const char *const report_keys[] = {
	"hospital", "department", "template", "channel", "kind", "severity", "source", "state",
	NULL,
};

/* A report's figure: the record is the view; its group and period are
 * the source record. */
static int report_trigger(struct px_ctx *cx, const struct px_rec *r, struct trigger *t,
			  struct px_err *err)
{
	struct px_buf b = { 0 };
	px_buf_adds(&b, px_rec_type(r));
	for (int i = 0; report_keys[i]; i++) {
		const char *v = px_rec_get(r, report_keys[i]);
		if (v)
			px_buf_addf(&b, ":%s=%s", report_keys[i], v);
	}
	const char *from = px_rec_get(r, "from");
	px_buf_addf(&b, ":%s", from ? from : "");
	int long_ref = b.len >= sizeof t->source_ref;
	if (!long_ref)
		memcpy(t->source_ref, b.s, b.len + 1);
	px_buf_free(&b);
	if (long_ref)
		return px_fail(err, PX_EREJECT, "a %s record whose group is too long", px_rec_type(r));
	/* grouped by department, px-report names it HOSPITAL/DEPARTMENT */
	t->view = px_rec_copy(r);
	const char *dept = px_rec_get(r, "department"), *slash = dept ? strchr(dept, '/') : NULL;
	if (slash && !px_rec_get(r, "hospital")) {
		char h[40];
		size_t n = (size_t)(slash - dept);
		if (n && n < sizeof h) {
			memcpy(h, dept, n);
			h[n] = '\0';
			px_rec_set_str(t->view, "hospital", h);
			char *d = px_xstrdup(slash + 1);
			px_rec_set_str(t->view, "department", d);
			free(d);
		}
	}
	const char *hospital = px_rec_get(t->view, "hospital");
	dept = px_rec_get(t->view, "department");
	if (!hospital)
		return px_fail(err, PX_EREJECT, "a %s record without its hospital: a figure raises "
			       "an action when grouped by hospital or department", px_rec_type(r));
	int found = px_org_hospital_id(cx->st, hospital, &t->hospital_id, err);
	if (found < 0)
		return err->code;
	if (!found)
		return px_fail(err, PX_EREJECT, "unknown hospital '%s'", hospital);
	if (dept && (found = px_org_department_id(cx->st, t->hospital_id, dept, &t->department_id,
						  err)) <= 0)
		return found < 0 ? err->code : px_fail(err, PX_EREJECT, "unknown department '%s'",
							 dept);
	t->applies = 1;
	return PX_OK;
}

/* The trigger an event and the id of its subject name, read from the
 * store (r: the record, for a report's figure). */
static int trigger_load(struct px_ctx *cx, const char *event, const char *id,
			const struct px_rec *r, struct trigger *t, struct px_err *err)
{
	memset(t, 0, sizeof *t);
	t->event = event;
	int rc;
	if (!strncmp(event, "report.", 7)) {
		t->source = "report";
		rc = report_trigger(cx, r, t, err);
	} else if (!id || !*id) {
		return px_fail(err, PX_EREJECT, "a %s record without its %s", event,
			       !strncmp(event, "survey", 6) ? "survey" : !strcmp(event, "call") ? "id"
			       : "ref");
	} else if (!strncmp(event, "survey.", 7)) {
		t->source = "survey";
		rc = trigger_read(cx, t, !strcmp(event, "survey.negative")
				  ? SURVEY_SQL("s.negative") : SURVEY_SQL("(c.state = 'escalated')"),
				  id, err);
		if (!rc) {
			px_strlcpy(t->link_type, "survey", sizeof t->link_type);
			px_strlcpy(t->link_object, px_rec_get(t->view, "survey"), sizeof t->link_object);
		}
	} else if (!strcmp(event, "call")) {
		t->source = "call";
		rc = trigger_read(cx, t, CALL_SQL, id, err);
		if (!rc) {
			px_strlcpy(t->link_type, "call", sizeof t->link_type);
			px_strlcpy(t->link_object, px_rec_get(t->view, "call"), sizeof t->link_object);
		}
	} else {
		t->source = "complaint";
		rc = trigger_read(cx, t, !strcmp(event, "complaint.unsatisfied")
				  ? COMPLAINT_SQL("(c.fields LIKE '%\"verdict\":\"unsatisfied\"%')")
				  : COMPLAINT_SQL("1"), id, err);
		if (!rc) {
			px_strlcpy(t->link_type, "case", sizeof t->link_type);
			px_strlcpy(t->link_object, px_rec_get(t->view, "ref"), sizeof t->link_object);
		}
	}
	if (!rc && t->source_ref[0] == '\0')
		px_strlcpy(t->source_ref, t->link_object, sizeof t->source_ref);
	if (!rc && !px_auth_in_scope(cx->actor, t->hospital_id))
		rc = px_fail(err, PX_EPERM, "permission denied: %s is of a hospital outside %s's",
			     t->source_ref, cx->actor->name);
	if (rc)
		trigger_free(t);
	return rc;
}

/* ---------- routing ---------- */

/* The routing view: the trigger's fields, its source and the rule. */
static struct px_rec *route_view(const struct px_rec *view, const char *source, const char *rule)
{
	struct px_rec *v = px_rec_copy(view);
	px_rec_set_str(v, "source", source);
	if (rule)
		px_rec_set_str(v, "rule", rule);
	return v;
}

/* The active users of role in the hospital, by name, NUL-separated into
 * names: of a department (dept not 0), those the department is given to
 * (px user add --department), and for any role but department_manager
 * all of the role when it is given to none. */
static int role_users(struct px_ctx *cx, enum px_role role, int64_t hospital_id, int64_t dept,
		      struct px_buf *names, int *n, struct px_err *err)
{
	*n = 0;
	px_buf_reset(names);
	struct px_stmt *s = px_stmt_prepare(cx->st,
		"SELECT u.name FROM users u JOIN user_hospitals uh ON uh.user_id = u.id "
		"WHERE uh.hospital_id = ?1 AND u.role = ?2 AND u.active = 1 AND (?3 = 0 "
		"OR EXISTS (SELECT 1 FROM user_departments ud WHERE ud.user_id = u.id "
		"AND ud.department_id = ?3) OR (?2 <> 'department_manager' AND NOT EXISTS "
		"(SELECT 1 FROM user_departments ud JOIN users w ON w.id = ud.user_id "
		"WHERE ud.department_id = ?3 AND w.role = ?2 AND w.active = 1))) ORDER BY u.name", err);
	if (!s)
		return err->code;
	px_stmt_int(s, 1, hospital_id);
	px_stmt_text(s, 2, px_role_name(role));
	px_stmt_int(s, 3, dept);
	int rc;
	while ((rc = px_stmt_step(s, err)) == 1) {
		px_buf_adds(names, px_stmt_col_text(s, 0));
		px_buf_addc(names, '\0');
		(*n)++;
	}
	return rc < 0 ? err->code : PX_OK;
}

/* Where a route sends an action. */
struct routed {
	const struct px_route *route;
	int64_t department_id;
	char department[40];
	char owner[128];
	char why[256];          /* how the owner was chosen */
};

/* The owner the route gives in the department: a user named, else a
 * user of the role named (the first by name, or the next after the last
 * one given when round-robin; turn: take the turn, in a transaction). */
static int route_owner(struct px_ctx *cx, const struct px_route *ro, int64_t hospital_id,
		       struct routed *out, int turn, struct px_err *err)
{
	enum px_role role;
	if (!ro->owner[0]) {
		snprintf(out->why, sizeof out->why, "the route names no owner");
		return PX_OK;
	}
	if (px_role_parse(ro->owner, &role)) {
		px_strlcpy(out->owner, ro->owner, sizeof out->owner);
		snprintf(out->why, sizeof out->why, "the route names %s", ro->owner);
		return PX_OK;
	}
	struct px_buf names = { 0 };
	int n;
	int rc = role_users(cx, role, hospital_id, out->department_id, &names, &n, err);
	if (rc || !n) {
		if (!rc)
			snprintf(out->why, sizeof out->why, "no active %s%s%s: left unassigned",
				 ro->owner, out->department[0] ? " of " : "", out->department);
		px_buf_free(&names);
		return rc;
	}
	const char *pick = names.s;
	if (ro->round_robin) {
		struct px_stmt *s = px_stmt_prepare(cx->st,
			"SELECT last_user FROM action_route_turns WHERE route = ?1 AND department_id = ?2",
			err);
		if (!s) {
			px_buf_free(&names);
			return err->code;
		}
		px_stmt_text(s, 1, ro->name);
		px_stmt_int(s, 2, out->department_id);
		char last[128] = "";
		if ((rc = px_stmt_step(s, err)) == 1)
			px_strlcpy(last, px_stmt_col_text(s, 0), sizeof last);
		px_stmt_reset(s);
		if (rc < 0) {
			px_buf_free(&names);
			return err->code;
		}
		rc = PX_OK;
		/* the first after the last one given, in name order */
		const char *name = names.s;
		for (int i = 0; i < n; i++, name += strlen(name) + 1)
			if (strcmp(name, last) > 0) {
				pick = name;
				break;
			}
		snprintf(out->why, sizeof out->why, "round-robin among %d %s, after %s", n, ro->owner,
			 *last ? last : "none");
		if (turn && out->department_id) {
			s = px_stmt_prepare(cx->st,
				"INSERT INTO action_route_turns (route, department_id, last_user) "
				"VALUES (?1, ?2, ?3) ON CONFLICT (route, department_id) DO UPDATE SET "
				"last_user = excluded.last_user", err);
			if (!s) {
				px_buf_free(&names);
				return err->code;
			}
			px_stmt_text(s, 1, ro->name);
			px_stmt_int(s, 2, out->department_id);
			px_stmt_text(s, 3, pick);
			rc = px_stmt_run(s, err);
		}
	} else {
		snprintf(out->why, sizeof out->why, "the first of %d %s by name", n, ro->owner);
	}
	px_strlcpy(out->owner, pick, sizeof out->owner);
	px_buf_free(&names);
	return rc;
}

/* The first route the view meets and what it gives; explain (when not
 * NULL) is told of each route tried. */
typedef int (*explain_fn)(struct px_ctx *cx, const struct px_rec *view,
			  const struct px_route *ro, const char *why, const struct routed *out,
			  struct px_err *err);

static int route(struct px_ctx *cx, const struct px_action_rules *rs, const struct px_rec *view,
		 int64_t hospital_id, int64_t department_id, int turn, struct routed *out,
		 explain_fn explain, struct px_err *err)
{
	memset(out, 0, sizeof *out);
	out->department_id = department_id;
	for (int i = 0; i < rs->nroutes; i++) {
		const struct px_route *ro = &rs->routes[i];
		char why[256] = "";
		if (!meets_all(ro->match, ro->nmatch, view, why, sizeof why)) {
			int rc = explain ? explain(cx, view, ro, why, NULL, err) : PX_OK;
			if (rc)
				return rc;
			continue;
		}
		out->route = ro;
		if (strcmp(ro->to, "same")) {
			int found = px_org_department_id(cx->st, hospital_id, ro->to, &out->department_id,
							 err);
			if (found < 0)
				return err->code;
			if (!found)
				return px_fail(err, PX_EREJECT, "route '%s' (%s:%ld): the hospital has no "
					       "department '%s'", ro->name, rs->routes_path, ro->line,
					       ro->to);
		}
		if (out->department_id) {
			struct px_stmt *s = px_stmt_prepare(cx->st,
				"SELECT code FROM departments WHERE id = ?1", err);
			if (!s)
				return err->code;
			px_stmt_int(s, 1, out->department_id);
			if (px_stmt_step(s, err) == 1)
				px_strlcpy(out->department, px_stmt_col_text(s, 0), sizeof out->department);
			px_stmt_reset(s);
		}
		int rc = route_owner(cx, ro, hospital_id, out, turn, err);
		if (!rc && explain)
			rc = explain(cx, view, ro, NULL, out, err);
		return rc;
	}
	return PX_OK;
}

static int explain_step(struct px_ctx *cx, const struct px_rec *view, const struct px_route *ro,
			const char *why, const struct routed *out, struct px_err *err)
{
	struct px_rec *r = px_rec_new("action.route");
	const char *rule = view ? px_rec_get(view, "rule") : NULL;
	if (rule)
		px_rec_set_str(r, "rule", rule);
	else
		px_rec_set_null(r, "rule");
	px_rec_set_str(r, "route", ro->name);
	px_rec_set_int(r, "line", ro->line);
	px_rec_set_bool(r, "matched", out != NULL);
	if (out) {
		px_rec_set_str(r, "department", out->department[0] ? out->department : NULL);
		if (!out->department[0])
			px_rec_set_null(r, "department");
		if (out->owner[0])
			px_rec_set_str(r, "owner", out->owner);
		else
			px_rec_set_null(r, "owner");
		px_rec_set_str(r, "why", out->why);
	} else {
		px_rec_set_null(r, "department");
		px_rec_set_null(r, "owner");
		px_rec_set_str(r, "why", why);
	}
	int rc = px_emit(cx, r, err);
	px_rec_free(r);
	return rc;
}

/* ---------- raising ---------- */

/* Inside the caller's transaction: the action n, unless its rule raised
 * one from its source already (*made 0). */
static int raise_tx(struct px_ctx *cx, struct px_action_rules *rs,
		    const struct px_raise_new *n, int *made, struct px_err *err)
{
	*made = 0;
	char at[PX_TIME_UTC_LEN];
	px_time_format_utc(px_now(cx), at);
	if (n->rule) {
		struct px_stmt *s = px_stmt_prepare(cx->st,
			"SELECT 1 FROM action_raises WHERE rule = ?1 AND source_type = ?2 "
			"AND source_ref = ?3", err);
		if (!s)
			return err->code;
		px_stmt_text(s, 1, n->rule);
		px_stmt_text(s, 2, n->source);
		px_stmt_text(s, 3, n->source_ref);
		int rc = px_stmt_step(s, err);
		px_stmt_reset(s);
		if (rc)
			return rc < 0 ? err->code : PX_OK;
	}
	int rc = rs->wf ? PX_OK : px_case_workflow(cx, "action", &rs->wf, err);
	if (rc)
		return rc;
	struct routed ro = { 0 };
	ro.department_id = n->owner_department_id;
	const char *owner = n->owner;
	if (!owner && !n->owner_department_id) {
		struct px_rec *v = route_view(n->view, n->source, n->rule);
		rc = route(cx, rs, v, n->hospital_id, n->department_id, 1, &ro, NULL, err);
		px_rec_free(v);
		owner = ro.owner[0] ? ro.owner : NULL;
	}
	if (!rc && owner) {
		struct px_user u;
		if (px_auth_load(cx->st, owner, &u, err))
			rc = px_fail(err, PX_EINPUT, "unknown user '%s'", owner);
		else {
			if (!px_auth_in_scope(&u, n->hospital_id) || u.role < PX_ROLE_STAFF)
				rc = px_fail(err, PX_EREJECT, "%s may not own actions of this hospital",
					     owner);
			px_auth_free(&u);
		}
	}
	struct px_case_new c = {
		.hospital_id = n->hospital_id, .department_id = n->department_id,
		.patient_id = n->patient_id, .encounter_id = n->encounter_id,
		.title = n->title, .description = n->description, .source = n->source,
		.priority = n->priority, .owner = owner, .owner_department_id = ro.department_id,
		.link_type = n->link_type, .link_object = n->link_object,
	};
	struct px_case_made m;
	if (!rc)
		rc = px_case_open_tx(cx, rs->wf, &c, &m, err);
	if (!rc && n->rule) {
		struct px_stmt *s = px_stmt_prepare(cx->st,
			"INSERT INTO action_raises (rule, source_type, source_ref, case_id, raised_at, "
			"raised_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
		if (!s)
			return err->code;
		px_stmt_text(s, 1, n->rule);
		px_stmt_text(s, 2, n->source);
		px_stmt_text(s, 3, n->source_ref);
		px_stmt_int(s, 4, m.id);
		px_stmt_text(s, 5, at);
		px_stmt_text(s, 6, cx->actor->name);
		rc = px_stmt_run(s, err);
	}
	if (!rc && ro.route) {
		struct px_rec *d = px_rec_new(NULL);
		px_rec_set_str(d, "route", ro.route->name);
		if (ro.department[0])
			px_rec_set_str(d, "department", ro.department);
		if (owner)
			px_rec_set_str(d, "owner", owner);
		px_rec_set_str(d, "why", ro.why);
		char *data = px_rec_dump(d);
		px_rec_free(d);
		rc = px_kase_timeline(cx, m.id, at, "assignment", "route", NULL, NULL, NULL, data, err);
		free(data);
	}
	struct px_rec *r = NULL;
	if (!rc && !(r = px_kase_rec(cx, m.id, err)))
		rc = err->code ? err->code : PX_ESTORE;
	if (r)
		px_emit_after(cx, r);
	if (!rc)
		rc = px_action_tell_owner(cx, m.id, owner, err);
	if (!rc)
		*made = 1;
	return rc;
}

int px_raise_open(struct px_ctx *cx, const struct px_raise_new *n, struct px_err *err)
{
	struct px_action_rules *rs;
	int rc = px_action_rules_open(cx, &rs, err);
	if (rc)
		return rc;
	if ((rc = px_store_begin(cx->st, err))) {
		px_action_rules_free(rs);
		return rc;
	}
	int made;
	rc = raise_tx(cx, rs, n, &made, err);
	px_action_rules_free(rs);
	return px_kase_end(cx, rc, err);
}

/* Inside the caller's transaction: every rule of the trigger's event it
 * meets raises its action.  *raised: how many did now. */
static int raise_trigger(struct px_ctx *cx, struct px_action_rules *rs,
			 const struct trigger *t, long *raised, struct px_err *err)
{
	int rc = PX_OK;
	for (int i = 0; i < rs->n && !rc && t->applies; i++) {
		const struct px_action_rule *ru = &rs->r[i];
		if (strcmp(ru->on, t->event) || !meets_all(ru->match, ru->nmatch, t->view, NULL, 0))
			continue;
		char *title = render(ru->title, t->view);
		char *desc = px_xasprintf("Raised by rule %s (%s:%ld) on %s %s.", ru->name, rs->path,
					  ru->line, t->event, t->source_ref);
		struct px_raise_new n = {
			.hospital_id = t->hospital_id, .department_id = t->department_id,
			.patient_id = t->patient_id, .encounter_id = t->encounter_id,
			.title = title, .description = desc, .priority = ru->priority,
			.source = t->source, .rule = ru->name, .source_ref = t->source_ref,
			.link_type = t->link_type[0] ? t->link_type : NULL,
			.link_object = t->link_object[0] ? t->link_object : NULL, .view = t->view,
		};
		int made;
		rc = raise_tx(cx, rs, &n, &made, err);
		*raised += made;
		free(title);
		free(desc);
	}
	return rc;
}

const char *const px_raise_types[] = {
	"survey.negative", "survey.escalated", "complaint.unsatisfied", "case", "call", NULL,
};

/* The event of a record and the id of its subject; NULL when it is no
 * trigger. */
static const char *record_event(const struct px_rec *r, const char **id)
{
	const char *type = px_rec_type(r);
	*id = NULL;
	if (!type)
		return NULL;
	if (!strcmp(type, "survey.negative") || !strcmp(type, "survey.escalated")) {
		*id = px_rec_get(r, "survey");
		return type;
	}
	if (!strcmp(type, "complaint.unsatisfied")) {
		*id = px_rec_get(r, "ref");
		return type;
	}
	if (!strcmp(type, "case")) {
		const char *kind = px_rec_get(r, "kind");
		*id = px_rec_get(r, "ref");
		return kind && !strcmp(kind, "complaint") ? "complaint" : NULL;
	}
	if (!strcmp(type, "call")) {
		*id = px_rec_get(r, "id");
		return type;
	}
	if (!strncmp(type, "report.", 7) && type[7])
		return type;
	return NULL;
}

int px_raise_record(struct px_rec *r, void *vcx, struct px_err *err)
{
	long raised = 0;
	return px_raise_one(vcx, r, 1, &raised, err);
}

int px_raise_one(struct px_ctx *cx, struct px_rec *r, int pass, long *raised,
		 struct px_err *err)
{
	const char *id;
	const char *event = record_event(r, &id);
	if (!event) {
		if (pass)
			px_emit_after(cx, px_rec_copy(r));
		return PX_OK;
	}
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "raise actions", err))
		return PX_EPERM;
	/* the rules once a run */
	struct px_action_rules *rs = cx->verb_state;
	int rc;
	if (!rs) {
		if ((rc = px_action_rules_open(cx, &rs, err)))
			return rc == PX_EINPUT ? PX_EINPUT : rc;
		cx->verb_state = rs;
	}
	/* the record and its actions whole or not at all: a rejected one
	 * leaves nothing, and is not printed on (the rejects have it) */
	int held = cx->nafter;
	if ((rc = px_store_exec(cx->st, "SAVEPOINT px_raise", err)))
		return rc;
	if (pass)
		px_emit_after(cx, px_rec_copy(r));
	struct trigger t;
	if (!(rc = trigger_load(cx, event, id, r, &t, err))) {
		rc = raise_trigger(cx, rs, &t, raised, err);
		trigger_free(&t);
	}
	if (rc) {
		struct px_err ignored = { 0 };
		px_store_exec(cx->st, "ROLLBACK TO px_raise", &ignored);
		px_store_exec(cx->st, "RELEASE px_raise", &ignored);
		px_emit_drop_since(cx, held);
		return rc;
	}
	return px_store_exec(cx->st, "RELEASE px_raise", err);
}

void px_raise_done(struct px_ctx *cx)
{
	px_action_rules_free(cx->verb_state);
	cx->verb_state = NULL;
}

/* ---------- from the store ---------- */

struct found {
	const char *event;
	char id[PX_CASE_REF_LEN];
};

int px_raise_from_store(struct px_ctx *cx, long counts[2], struct px_err *err)
{
	counts[0] = counts[1] = 0;
	if (px_auth_require(cx->actor, PX_ROLE_STAFF, PX_SCOPE_NONE, "raise actions", err))
		return PX_EPERM;
	struct px_action_rules *rs;
	int rc = px_action_rules_open(cx, &rs, err);
	if (rc)
		return rc;
	static const struct { const char *event, *sql; } scans[] = {
		{ "survey.negative", "SELECT public_id, hospital_id FROM surveys WHERE negative = 1 "
		  "ORDER BY id" },
		{ "survey.escalated", "SELECT source_ref, hospital_id FROM cases WHERE kind = 'followup' "
		  "AND state = 'escalated' ORDER BY id" },
		{ "complaint.unsatisfied", "SELECT ref, hospital_id FROM cases WHERE kind = 'complaint' "
		  "AND fields LIKE '%\"verdict\":\"unsatisfied\"%' ORDER BY id" },
		{ "complaint", "SELECT ref, hospital_id FROM cases WHERE kind = 'complaint' ORDER BY id" },
		{ "call", "SELECT public_id, hospital_id FROM calls WHERE rating IS NOT NULL ORDER BY id" },
	};
	struct found *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < sizeof scans / sizeof *scans && !rc; i++) {
		int wanted = 0;
		for (int j = 0; j < rs->n; j++)
			wanted |= !strcmp(rs->r[j].on, scans[i].event);
		if (!wanted)
			continue;
		struct px_stmt *s = px_stmt_prepare(cx->st, scans[i].sql, err);
		if (!s) {
			rc = err->code;
			break;
		}
		while ((rc = px_stmt_step(s, err)) == 1) {
			if (!px_auth_in_scope(cx->actor, px_stmt_col_int(s, 1)))
				continue;
			if (n == cap)
				v = px_xrealloc(v, (cap = cap ? 2 * cap : 256) * sizeof *v);
			v[n].event = scans[i].event;
			px_strlcpy(v[n++].id, px_stmt_col_text(s, 0), sizeof v->id);
		}
		rc = rc < 0 ? err->code : PX_OK;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		if ((rc = px_store_begin(cx->st, err)))
			break;
		struct trigger t;
		counts[0]++;
		rc = trigger_load(cx, v[i].event, v[i].id, NULL, &t, err);
		if (!rc) {
			rc = raise_trigger(cx, rs, &t, &counts[1], err);
			trigger_free(&t);
		}
		rc = px_kase_end(cx, rc, err);
	}
	free(v);
	px_action_rules_free(rs);
	return rc;
}

/* ---------- opening by hand ---------- */

int px_action_open(struct px_ctx *cx, const struct px_action_new *n, struct px_err *err)
{
	if (!n->title || !*n->title)
		return px_fail(err, PX_EUSAGE, "an action needs --title");
	if (n->priority && !px_case_priority_ok(n->priority))
		return px_fail(err, PX_EUSAGE, "unknown priority '%s' (low, medium, high)",
			       n->priority);
	int64_t hid = 0, did = 0, odid = 0;
	int rc = px_org_hospital(cx, n->hospital, PX_ROLE_STAFF, "open actions", &hid, err);
	if (rc)
		return rc;
	const char *codes[2] = { n->department, n->owner_department };
	int64_t *ids[2] = { &did, &odid };
	for (int i = 0; i < 2; i++) {
		if (!codes[i])
			continue;
		int found = px_org_department_id(cx->st, hid, codes[i], ids[i], err);
		if (found < 0)
			return err->code;
		if (!found)
			return px_fail(err, PX_EINPUT, "unknown department '%s'", codes[i]);
	}
	struct px_rec *src = px_rec_new("action.request");
	px_rec_set_str(src, "hospital", n->hospital);
	if (n->department)
		px_rec_set_str(src, "department", n->department);
	px_rec_set_str(src, "source", "manual");
	struct px_raise_new rn = {
		.hospital_id = hid, .department_id = did, .owner_department_id = odid,
		.title = n->title, .description = n->description, .priority = n->priority,
		.owner = n->owner, .source = "manual", .view = src,
	};
	rc = px_raise_open(cx, &rn, err);
	px_rec_free(src);
	return rc;
}

/* ---------- explaining ---------- */

/* The routes tried for the trigger as rule would raise it (NULL: as an
 * action no rule raised). */
static int explain_rule(struct px_ctx *cx, const struct px_action_rules *rs,
			const struct trigger *t, const char *rule, struct px_err *err)
{
	int rc;
	{
		struct px_rec *v = route_view(t->view, t->source, rule);
		struct routed out;
		rc = route(cx, rs, v, t->hospital_id, t->department_id, 0, &out, explain_step, err);
		if (!rc && !out.route) {
			struct px_rec *e = px_rec_new("action.route");
			if (rule)
				px_rec_set_str(e, "rule", rule);
			else
				px_rec_set_null(e, "rule");
			px_rec_set_null(e, "route");
			px_rec_set_null(e, "line");
			px_rec_set_bool(e, "matched", 0);
			px_rec_set_null(e, "department");
			px_rec_set_null(e, "owner");
			px_rec_set_str(e, "why", "no route matched: the action is left unassigned");
			rc = px_emit(cx, e, err);
			px_rec_free(e);
		}
		px_rec_free(v);
	}
	return rc;
}

int px_route_explain(struct px_rec *r, void *vcx, struct px_err *err)
{
	struct px_ctx *cx = vcx;
	const char *id;
	const char *event = record_event(r, &id);
	if (!event)
		return px_fail(err, PX_EREJECT, "a record of type %s raises no action",
			       px_rec_type(r) ? px_rec_type(r) : "none");
	if (px_auth_require(cx->actor, PX_ROLE_VIEWER, PX_SCOPE_NONE, "explain routes", err))
		return PX_EPERM;
	struct px_action_rules *rs;
	int rc = px_action_rules_open(cx, &rs, err);
	if (rc)
		return rc;
	struct trigger t;
	if (!(rc = trigger_load(cx, event, id, r, &t, err))) {
		/* the routes of each rule the trigger meets (the one the record
		 * names, when it names one), else of none */
		const char *named = px_rec_get(r, "rule");
		int met = 0;
		for (int i = 0; i <= rs->n && !rc; i++) {
			const struct px_action_rule *ru = i < rs->n ? &rs->r[i] : NULL;
			if (ru && (named ? strcmp(ru->name, named)
				   : strcmp(ru->on, t.event) ||
				     !meets_all(ru->match, ru->nmatch, t.view, NULL, 0)))
				continue;
			if (!ru && met)
				break;
			met++;
			rc = explain_rule(cx, rs, &t, ru ? ru->name : named, err);
		}
		trigger_free(&t);
	}
	px_action_rules_free(rs);
	return rc;
}

