/* cli.c - the common shape of every px command's main(). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "records/hl7.h"
#include "cases/hooks.h"
#include "base/mem.h"
#include "base/privacy.h"
#include "base/time.h"
#include "base/banned.h"

static void print_usage(FILE *f, const struct px_command *cmd, const struct px_verb *v);

static void cli_init(struct px_cli *c, const char *prog)
{
	memset(c, 0, sizeof *c);
	c->prog = prog;
	c->columns = -1;
	signal(SIGPIPE, SIG_DFL);
	umask(077);
}

void px_cli_warn(struct px_cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", c->prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void print_err(struct px_cli *c, const struct px_err *err)
{
	char buf[2048];
	px_err_format(err, buf, sizeof buf);
	fprintf(stderr, "%s: %s\n", c->prog, buf);
}

static _Noreturn void cli_die(struct px_cli *c, const struct px_err *err)
{
	print_err(c, err);
	fflush(stdout);
	exit(err->code ? err->code : PX_ESTORE);
}

void px_cli_status(struct px_cli *c, int status)
{
	if (status > c->status)
		c->status = status;
}

/* A CSV field, quoted when it must be (RFC 4180). */
static void csv_field(FILE *f, const char *v, char delim)
{
	if (!strpbrk(v, "\"\r\n") && !strchr(v, delim)) {
		fputs(v, f);
		return;
	}
	fputc('"', f);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', f);
		fputc(*v, f);
	}
	fputc('"', f);
}

/* A rejected record into the rejects file, re-importable: a CSV row
 * with the input's delimiter under the input's header (written when it
 * changes) and a JSON object as read, each with _line and _reason, which
 * the commands ignore on input. */
static void write_reject(struct px_cli *c, const struct px_err *err, const char *raw)
{
	const char *header = c->reading ? px_reader_header_line(c->reading) : NULL;
	char d = c->reading ? px_reader_delim(c->reading) : ',';
	char line[32];
	snprintf(line, sizeof line, "%ld", err->line);
	if (header) {
		if (!c->rejects_header || strcmp(c->rejects_header, header)) {
			free(c->rejects_header);
			c->rejects_header = px_xstrdup(header);
			fprintf(c->rejects, "%s%c_line%c_reason\n", header, d, d);
		}
		fprintf(c->rejects, "%s%c%s%c", raw, d, line, d);
		csv_field(c->rejects, err->text, d);
		fputc('\n', c->rejects);
	} else {
		struct px_err e2 = { 0 };
		struct px_rec *r = *raw == '{' ? px_rec_parse(raw, strlen(raw), &e2) : NULL;
		if (r) {
			px_rec_set_int(r, "_line", err->line);
			px_rec_set_str(r, "_reason", err->text);
			char *json = px_rec_dump(r);
			fputs(json, c->rejects);
			free(json);
			px_rec_free(r);
		} else {
			fputs(raw, c->rejects);
		}
		fputc('\n', c->rejects);
	}
	fflush(c->rejects);
}

/* How many times the loop said the same reason: the first
 * PX_CLI_SAME_MAX are printed, the rest counted for the end. */
#define PX_CLI_SAME_MAX 20
struct said {
	char *text;
	long n;
};

/* One more time of text in a count of reasons (at most 1000 kept): its
 * count so far, 0 when it is not kept. */
static long count_reason(struct said **v, size_t *n, const char *text)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].text, text))
			return ++(*v)[i].n;
	if (*n >= 1000)
		return 0;
	*v = px_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n].text = px_xstrdup(text);
	(*v)[*n].n = 1;
	return (*v)[(*n)++].n;
}

static int said_once_more(struct px_cli *c, const char *text)
{
	long n = count_reason(&c->said, &c->nsaid, text);
	return n == 0 || n <= PX_CLI_SAME_MAX; /* so many reasons: every one printed */
}

/* The reasons said more often than printed, at the end of a file. */
static void said_end(struct px_cli *c)
{
	struct said *v = c->said;
	for (size_t i = 0; i < c->nsaid; i++) {
		if (v[i].n > PX_CLI_SAME_MAX)
			fprintf(stderr, "%s: ... and %ld more: %s\n", c->prog, v[i].n - PX_CLI_SAME_MAX,
				v[i].text);
		free(v[i].text);
	}
	free(v);
	c->said = NULL;
	c->nsaid = 0;
}

/* A reason as counted: without the "message N: " naming an HL7 message,
 * so that the same fault in many messages is one reason. */
static const char *reason_of(const char *text)
{
	if (strncmp(text, "message ", 8))
		return text;
	const char *p = text + 8;
	if (*p < '0' || *p > '9')
		return text;
	while (*p >= '0' && *p <= '9')
		p++;
	return strncmp(p, ": ", 2) ? text : p + 2;
}

/* The run's rejects by reason, for the summary. */
static void tally(struct px_cli *c, const char *text)
{
	count_reason(&c->tally, &c->ntally, text); /* past 1000, among the others */
}

static int more_often(const void *a, const void *b)
{
	const struct said *x = *(const struct said *const *)a, *y = *(const struct said *const *)b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return x < y ? -1 : x > y; /* then in the order first met */
}

#define PX_CLI_REASONS_MAX 10

void px_cli_warn_rejects(struct px_cli *c, long rejected)
{
	const struct said **v = px_xcalloc(c->ntally + 1, sizeof *v);
	for (size_t i = 0; i < c->ntally; i++)
		v[i] = &c->tally[i];
	qsort(v, c->ntally, sizeof *v, more_often);
	long shown = 0;
	size_t i;
	for (i = 0; i < c->ntally && i < PX_CLI_REASONS_MAX; i++) {
		px_cli_warn(c, "rejected %ld: %s", v[i]->n, v[i]->text);
		shown += v[i]->n;
	}
	if (rejected > shown)
		px_cli_warn(c, "rejected %ld more, for other reasons", rejected - shown);
	free(v);
}

void px_cli_report(struct px_cli *c, const struct px_err *err, const char *raw)
{
	if (c->in_loop && err->line && (!err->code || err->code < PX_EINPUT))
		tally(c, reason_of(err->text)); /* a reject, not what stopped the loop */
	/* in a file, the same reason is said twenty times at most */
	if (!c->in_loop || !err->line || said_once_more(c, reason_of(err->text)))
		print_err(c, err);
	px_cli_status(c, err->code ? err->code : PX_EREJECT);
	if (c->rejects && raw)
		write_reject(c, err, raw);
}





static const char *db_path(const char *given, const struct px_config *cfg)
{
	const char *p = given;
	if (!p || !*p)
		p = getenv("PX_DB");
	if (!p || !*p)
		p = px_config_str(cfg, "store.db");
	return p && *p ? p : "px.db";
}

struct px_config *px_front_config(const char *path, const char *db, struct px_err *err)
{
	struct px_config *cfg = px_config_load(path, err);
	if (!cfg)
		return NULL;
	int64_t now;
	if (px_time_set_zone(px_config_str(cfg, "time.zone"), err) || px_time_now(&now, err)) {
		px_config_free(cfg);
		return NULL;
	}
	/* The key file lives beside a store that is a file (px init makes
	 * it): px.db.key for px.db, unless px.conf names another. */
	const char *p = db_path(db, cfg);
	if (!strstr(p, "://")) {
		char *key = px_xasprintf("%s.key", strncmp(p, "sqlite:", 7) ? p : p + 7);
		px_config_default(cfg, "privacy.key_file", key);
		free(key);
	}
	return cfg;
}

struct px_store *px_front_store(const struct px_config *cfg, const char *db, int flags,
				struct px_err *err)
{
	struct px_store *st = px_store_open(db_path(db, cfg), flags, err);
	if (!st)
		return NULL;
	/* The audit trail's key: a key that is there but unusable stops
	 * the command; a store with no key at all can still be read, and
	 * its first audited change says that px init makes one. */
	if (px_secret_have(cfg)) {
		uint8_t key[PX_SHA256_LEN];
		if (px_secret(cfg, "audit", key, err)) {
			px_store_close(st);
			return NULL;
		}
		px_store_set_audit_key(st, key);
		explicit_bzero(key, sizeof key);
	}
	return st;
}

void px_cli_config(struct px_cli *c)
{
	if (c->config)
		return;
	struct px_err err;
	px_err_clear(&err);
	c->config = px_front_config(c->config_path, c->db, &err);
	if (!c->config)
		cli_die(c, &err);
	for (int i = 0; i < px_config_nwarnings(c->config); i++)
		print_err(c, px_config_warning(c->config, i));
}

const char *px_cli_db_path(struct px_cli *c)
{
	return db_path(c->db, c->config);
}

struct px_store *px_cli_open(struct px_cli *c, int flags)
{
	struct px_err err;
	px_err_clear(&err);
	px_cli_config(c);
	c->store = px_front_store(c->config, c->db, flags, &err);
	if (!c->store)
		cli_die(c, &err);
	return c->store;
}

const struct px_user *px_cli_actor(struct px_cli *c)
{
	if (c->have_user)
		return &c->user;
	char name[128];
	struct px_err err;
	px_err_clear(&err);
	if (px_auth_actor_name(c->as, name, sizeof name, &err) ||
	    px_auth_load(c->store, name, &c->user, &err))
		cli_die(c, &err);
	c->have_user = 1;
	return &c->user;
}

/* A number of columns, 0 to 100000; -1 when s is not one. */
static long columns_parse(const char *s)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	return !*s || *end || errno || n < 0 || n > 100000 ? -1 : n;
}

/* A writer on stdout in format f, its tables as wide as --columns says,
 * else $PX_COLUMNS (px passes its own --columns so), else 100. */
static struct px_writer *writer_new(struct px_cli *c, enum px_fmt f)
{
	struct px_writer *w = px_writer_new(stdout, f);
	if (c->columns >= 0)
		px_writer_width(w, (size_t)c->columns);
	return w;
}

struct px_writer *px_cli_writer(struct px_cli *c, enum px_fmt def)
{
	enum px_fmt f = c->out_set ? c->out : def;
	if (f == PX_FMT_AUTO)
		f = isatty(STDOUT_FILENO) ? PX_FMT_TABLE : PX_FMT_JSONL;
	return writer_new(c, f);
}

void px_cli_put(struct px_cli *c, struct px_writer *w, const struct px_rec *r)
{
	struct px_err err;
	px_err_clear(&err);
	if (px_writer_put(w, r, &err))
		cli_die(c, &err);
}

int px_cli_finish(struct px_cli *c, struct px_writer *w)
{
	struct px_err err;
	px_err_clear(&err);
	if (w && px_writer_close(w, &err)) {
		print_err(c, &err);
		px_cli_status(c, PX_ESTORE);
	}
	if (c->rejects && c->rejects != stdout && fclose(c->rejects)) {
		px_cli_warn(c, "cannot write rejects: %s", strerror(errno));
		px_cli_status(c, PX_ESTORE);
	}
	c->rejects = NULL;
	free(c->rejects_header);
	c->rejects_header = NULL;
	for (size_t i = 0; i < c->ntally; i++)
		free(c->tally[i].text);
	free(c->tally);
	c->tally = NULL;
	c->ntally = 0;
	if (c->have_user)
		px_auth_free(&c->user);
	px_store_close(c->store);
	c->store = NULL;
	px_config_free(c->config);
	c->config = NULL;
	if (fflush(stdout) || ferror(stdout)) {
		px_cli_warn(c, "write error on standard output: %s", strerror(errno ? errno : EIO));
		px_cli_status(c, PX_ESTORE);
	}
	return c->status;
}

/* ---------- the verb table ---------- */

/* An option as the synopses of a command declare it. */
struct optdecl {
	char name[40];
	int arg;
};

/* One word of a synopsis, its brackets and "..." taken off. */
struct word {
	char text[64];
	int optional; /* inside [...] */
	int many;     /* followed by "..." */
	int closes;   /* ends a [...]: what follows is not its value */
};

/* Splits the form at *p into words; returns how many, p moved past the form. */
static int form_words(const char **p, struct word *w, int max)
{
	int n = 0, depth = 0;
	const char *s = *p;
	while (*s) {
		if (*s == '\n' && s[1] != ' ') {
			s++;
			break;
		}
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			s++;
			continue;
		}
		const char *e = s;
		while (*e && *e != ' ' && *e != '\n' && *e != '\t')
			e++;
		int opt_at_start = depth > 0;
		while (s < e && *s == '[') {
			depth++;
			opt_at_start = 1;
			s++;
		}
		const char *t = e;
		int many = 0, closes = 0;
		for (;;) {
			if (t - s >= 3 && strncmp(t - 3, "...", 3) == 0) {
				many = 1;
				t -= 3;
			} else if (t > s && t[-1] == ']') {
				depth--;
				closes = 1;
				t--;
			} else {
				break;
			}
		}
		if (t == s && many && n > 0) {
			w[n - 1].many = 1; /* "FILE ..." */
		} else if (t > s && !(t - s == 1 && *s == '|') && n < max) {
			size_t len = (size_t)(t - s) < sizeof w[n].text ? (size_t)(t - s)
								 : sizeof w[n].text - 1;
			memcpy(w[n].text, s, len);
			w[n].text[len] = '\0';
			w[n].optional = opt_at_start;
			w[n].many = many;
			w[n].closes = closes;
			n++;
		}
		s = e;
	}
	*p = s;
	return n;
}

static int is_value_word(const char *s)
{
	return *s >= 'A' && *s <= 'Z';
}

/* Calls fn for every option of every form of v: name, takes a value. */
static void verb_options(const struct px_verb *v, void (*fn)(const char *name, int arg, void *ctx),
			 void *ctx)
{
	const char *p = v->synopsis ? v->synopsis : "";
	struct word w[64];
	while (*p) {
		int n = form_words(&p, w, 64);
		for (int i = 0; i < n; i++) {
			const char *t = w[i].text;
			if (t[0] != '-')
				continue;
			char name[40];
			const char *start = t[1] == '-' ? t + 2 : t + 1;
			size_t len = strcspn(start, "=");
			if (len >= sizeof name)
				len = sizeof name - 1;
			memcpy(name, start, len);
			name[len] = '\0';
			int arg = start[len] == '=' ||
				  (i + 1 < n && !w[i].closes && is_value_word(w[i + 1].text));
			fn(name, arg, ctx);
		}
	}
}

static const char *canonical(const char *name)
{
	if (strcmp(name, "input-format") == 0)
		return "i";
	if (strcmp(name, "output-format") == 0)
		return "o";
	if (strcmp(name, "help") == 0)
		return "h";
	return name;
}

/* Exits with a usage error when a verb of one form misses an option that
 * its synopsis gives outside brackets ("log needs --notes"). */
static void check_required(struct px_cli *c)
{
	const char *p = c->verb->synopsis ? c->verb->synopsis : "";
	struct word w[64];
	int n = form_words(&p, w, 64);
	if (*p || !*c->verb->name)
		return; /* several forms, or the command alone: the verb decides */
	for (int i = 0; i < n; i++) {
		const char *t = w[i].text;
		if (t[0] != '-' || w[i].optional)
			continue;
		const char *name = canonical(t[1] == '-' ? t + 2 : t + 1);
		if (!px_opt(c, name))
			px_cli_bad_usage(c, "%s needs %s", c->verb->name, t);
	}
}

/* Operand counts of v over all its forms; max -1 for unbounded. */
static void verb_operands(const struct px_verb *v, int *min, int *max, char *first, size_t size)
{
	const char *p = v->synopsis ? v->synopsis : "";
	struct word w[64];
	*min = -1;
	*max = 0;
	if (first)
		*first = '\0';
	int any = 0;
	while (*p) {
		int n = form_words(&p, w, 64);
		int lo = 0, hi = 0;
		for (int i = 0; i < n; i++) {
			const char *t = w[i].text;
			if (t[0] == '-') {
				if (i + 1 < n && !w[i].closes && is_value_word(w[i + 1].text))
					i++;
				continue;
			}
			if (!is_value_word(t))
				continue;
			if (first && !*first)
				px_strlcpy(first, t, size);
			if (!w[i].optional)
				lo++;
			if (w[i].many)
				hi = -1;
			else if (hi >= 0)
				hi++;
		}
		any = 1;
		if (*min < 0 || lo < *min)
			*min = lo;
		if (*max >= 0 && (hi < 0 || hi > *max))
			*max = hi;
	}
	if (!any)
		*min = 0;
}


struct optset {
	struct optdecl *d;
	int n, cap;
	int conflict;
};

static void optset_add(const char *name, int arg, void *ctx)
{
	struct optset *os = ctx;
	name = canonical(name);
	for (int i = 0; i < os->n; i++)
		if (strcmp(os->d[i].name, name) == 0) {
			if (os->d[i].arg != arg)
				os->conflict = 1;
			return;
		}
	if (os->n == os->cap) {
		os->cap = os->cap ? os->cap * 2 : 32;
		os->d = px_xrealloc(os->d, (size_t)os->cap * sizeof *os->d);
	}
	px_strlcpy(os->d[os->n].name, name, sizeof os->d[os->n].name);
	os->d[os->n].arg = arg;
	os->n++;
}

static int optset_find(const struct optset *os, const char *name)
{
	for (int i = 0; i < os->n; i++)
		if (strcmp(os->d[i].name, name) == 0)
			return i;
	return -1;
}

static void print_forms(FILE *f, const char *prog, const char *name, const char *synopsis,
			int *first)
{
	const char *p = synopsis && *synopsis ? synopsis : "";
	do {
		const char *e = p;
		/* a form and its continuation lines */
		while (*e && !(*e == '\n' && e[1] != ' '))
			e++;
		fprintf(f, "%s%s%s%s%s%.*s\n", *first ? "usage: " : "       ", prog,
			*name ? " " : "", name, e > p ? " " : "", (int)(e - p), p);
		*first = 0;
		p = *e ? e + 1 : e;
	} while (*p);
}

static void print_lines(FILE *f, const char *lines, int *first)
{
	if (!lines)
		return;
	for (const char *p = lines; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		fprintf(f, "%s%.*s\n", *first ? "usage: " : "       ", (int)len, p);
		*first = 0;
		p += len + (e ? 1 : 0);
	}
}

/* The usage of one verb, or of the whole command when v is NULL. */
static void print_usage(FILE *f, const struct px_command *cmd, const struct px_verb *v)
{
	int first = 1;
	if (v) {
		print_forms(f, cmd->prog, v->name, v->synopsis, &first);
		return;
	}
	print_lines(f, cmd->head, &first);
	for (const struct px_verb *p = cmd->verbs; p->name; p++)
		print_forms(f, cmd->prog, p->name, p->synopsis, &first);
	print_lines(f, cmd->tail, &first);
}

_Noreturn void px_cli_bad_usage(struct px_cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", c->prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	print_usage(stderr, c->cmd, c->word ? c->verb : NULL);
	exit(PX_EUSAGE);
}

/* Whether the words at argv[i...] spell the verb's name; how many words. */
static int match_verb(const struct px_verb *v, char **words, int nwords)
{
	int n = 0;
	const char *p = v->name;
	while (*p) {
		size_t len = strcspn(p, " ");
		if (n >= nwords)
			return 0;
		/* any alternative of "a|b|c" */
		int ok = 0;
		for (const char *a = p; a < p + len;) {
			size_t alen = strcspn(a, "| ");
			if (a + alen > p + len)
				alen = (size_t)(p + len - a);
			if (strlen(words[n]) == alen && strncmp(words[n], a, alen) == 0)
				ok = 1;
			a += alen + 1;
		}
		if (!ok)
			return 0;
		n++;
		p += len;
		while (*p == ' ')
			p++;
	}
	return n;
}

/* The verbs' first words, for "missing verb (a, b)". */
static void verb_list(const struct px_command *cmd, struct px_buf *b)
{
	for (const struct px_verb *v = cmd->verbs; v->name; v++) {
		if (!*v->name)
			continue;
		size_t len = strcspn(v->name, " ");
		int seen = 0;
		for (const struct px_verb *u = cmd->verbs; u < v; u++)
			if (strncmp(u->name, v->name, len) == 0 && (u->name[len] == ' ' || !u->name[len]))
				seen = 1;
		if (seen)
			continue;
		if (b->len)
			px_buf_adds(b, ", ");
		for (size_t i = 0; i < len; i++)
			px_buf_addc(b, v->name[i] == '|' ? ',' : v->name[i]);
	}
	/* "a|b" alternatives read as a list too */
	for (size_t i = 0; i < b->len; i++)
		if (b->s[i] == ',' && b->s[i + 1] != ' ') {
			px_buf_addc(b, '\0');
			memmove(b->s + i + 2, b->s + i + 1, b->len - i - 2);
			b->s[i + 1] = ' ';
		}
}

static void add_opt(struct px_cli *c, const char *name, const char *value)
{
	c->opts = px_xrealloc(c->opts, (size_t)(c->nopts + 1) * sizeof *c->opts);
	c->opts[c->nopts].name = name;
	c->opts[c->nopts].value = value;
	c->nopts++;
}

const char *px_opt(const struct px_cli *c, const char *name)
{
	const char *v = NULL;
	for (int i = 0; i < c->nopts; i++)
		if (strcmp(c->opts[i].name, name) == 0)
			v = c->opts[i].value ? c->opts[i].value : "";
	return v;
}

int px_opt_count(const struct px_cli *c, const char *name)
{
	int n = 0;
	for (int i = 0; i < c->nopts; i++)
		n += strcmp(c->opts[i].name, name) == 0;
	return n;
}

const char *px_opt_nth(const struct px_cli *c, const char *name, int k)
{
	for (int i = 0; i < c->nopts; i++)
		if (strcmp(c->opts[i].name, name) == 0 && k-- == 0)
			return c->opts[i].value ? c->opts[i].value : "";
	return NULL;
}

int64_t px_opt_time(struct px_cli *c, const char *name)
{
	const char *s = px_opt(c, name);
	int64_t t = 0;
	if (s && px_time_parse(s, &t))
		px_cli_bad_usage(c, "--%s: not an ISO 8601 time: '%s'", name, s);
	return t;
}

/* Whether value is one of the -o names the command writes itself. */
static int out_extra(const struct px_command *cmd, const char *value)
{
	for (const char *const *p = cmd->out_extra; p && *p; p++)
		if (strcmp(*p, value) == 0)
			return 1;
	return 0;
}

/* Parses argv (verb words removed) against the verb's options. */
static void parse_options(struct px_cli *c, struct optset *all, int argc, char **argv)
{
	struct optset mine = { 0 };
	verb_options(c->verb, optset_add, &mine);
	struct option *lo = px_xcalloc((size_t)all->n + 8, sizeof *lo);
	int k = 0;
	static const char *const common[][2] = {
		{ "db", "1" }, { "as", "1" }, { "config", "1" }, { "help", "0" }, { "version", "0" },
		{ "input-format", "1" }, { "output-format", "1" }, { "columns", "1" },
	};
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		lo[k++] = (struct option){ common[i][0], common[i][1][0] == '1' ? required_argument
									: no_argument, NULL, 0x1000 + (int)i };
	char shorts[64] = ":h";
	for (int i = 0; i < all->n; i++) {
		const char *n = all->d[i].name;
		if (!n[1]) {
			if (strlen(shorts) + 3 < sizeof shorts) {
				size_t l = strlen(shorts);
				shorts[l] = n[0];
				shorts[l + 1] = all->d[i].arg ? ':' : '\0';
				shorts[l + 2] = '\0';
			}
			continue;
		}
		lo[k++] = (struct option){ n, all->d[i].arg ? required_argument : no_argument, NULL,
					   0x2000 + i };
	}
	lo[k] = (struct option){ 0 };
	/* Permuting, so options may follow operands; "--" ends them. */
	optind = 0;
	opterr = 0;
	argv[0] = (char *)c->prog;
	int opt;
	while ((opt = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		const char *name = NULL;
		char letter[2] = { 0, 0 };
		if (opt == ':') {
			if (optopt && optopt < 0x1000)
				px_cli_bad_usage(c, "option '-%c' needs a value", optopt);
			px_cli_bad_usage(c, "option '%s' needs a value", argv[optind - 1]);
		}
		if (opt == '?') {
			if (optopt && optopt < 0x1000)
				px_cli_bad_usage(c, "unknown option '-%c'", optopt);
			px_cli_bad_usage(c, "unknown option '%s'", argv[optind - 1]);
		}
		if (opt >= 0x2000) {
			name = all->d[opt - 0x2000].name;
		} else if (opt >= 0x1000) {
			name = canonical(common[opt - 0x1000][0]);
		} else {
			letter[0] = (char)opt;
			name = letter;
		}
		if (strcmp(name, "h") == 0) {
			print_usage(stdout, c->cmd, c->word ? c->verb : NULL);
			exit(fflush(stdout) ? PX_ESTORE : PX_OK);
		}
		if (strcmp(name, "version") == 0) {
			printf("%s %s\n", c->prog, PX_VERSION);
			exit(fflush(stdout) ? PX_ESTORE : PX_OK);
		}
		if (strcmp(name, "db") == 0) {
			if (!*optarg)
				px_cli_bad_usage(c, "--db needs a file name");
			c->db = optarg;
			continue;
		}
		if (strcmp(name, "as") == 0) {
			c->as = optarg;
			continue;
		}
		if (strcmp(name, "config") == 0) {
			c->config_path = optarg;
			continue;
		}
		if (strcmp(name, "columns") == 0) {
			c->columns = columns_parse(optarg);
			if (c->columns < 0)
				px_cli_bad_usage(c, "--columns: not a number of columns: '%s'", optarg);
			continue;
		}
		int mi = optset_find(&mine, name);
		if (mi < 0) {
			if (*c->verb->name)
				px_cli_bad_usage(c, "option '%s%s' does not apply to '%s'",
						 name[1] ? "--" : "-", name, c->verb->name);
			px_cli_bad_usage(c, "option '%s%s' does not apply here", name[1] ? "--" : "-",
					 name);
		}
		const char *value = optarg;
		/* tsv: CSV whose delimiter is a tab */
		if (strcmp(name, "i") == 0 && !strcmp(value, "tsv")) {
			c->in = PX_FMT_CSV;
			c->in_tab = 1;
		} else if (strcmp(name, "i") == 0 &&
			   (px_fmt_parse(value, &c->in) || c->in == PX_FMT_TABLE)) {
			px_cli_bad_usage(c, "unknown input format '%s'", value);
		}
		if (strcmp(name, "o") == 0 && !out_extra(c->cmd, value)) {
			if (px_fmt_parse(value, &c->out) || c->out == PX_FMT_HL7)
				px_cli_bad_usage(c, "unknown output format '%s'", value);
			c->out_set = 1;
		}
		/* the name must outlive this call: keep the declaration's */
		add_opt(c, all->d[optset_find(all, name)].name, mine.d[mi].arg ? value : NULL);
	}
	free(mine.d);
	free(lo);
	const char *env = getenv("PX_COLUMNS");
	if (c->columns < 0 && env && *env && (c->columns = columns_parse(env)) < 0)
		px_cli_bad_usage(c, "PX_COLUMNS: not a number of columns: '%s'", env);
	c->argc = argc - optind;
	c->argv = argv + optind;
}

int px_cli_main(const struct px_command *cmd, int argc, char **argv)
{
	static struct px_cli cli;
	struct px_cli *c = &cli;
	cli_init(c, cmd->prog);
	c->cmd = cmd;

	struct optset all = { 0 };
	for (const struct px_verb *v = cmd->verbs; v->name; v++)
		verb_options(v, optset_add, &all);
	optset_add("input-format", 1, &all);
	optset_add("output-format", 1, &all);
	if (all.conflict) {
		fprintf(stderr, "%s: an option takes a value in one synopsis and not in another\n",
			c->prog);
		return PX_EUSAGE;
	}

	/* The leading operands, skipping options and their values. */
	char **words = px_xcalloc((size_t)argc + 1, sizeof *words);
	int *at = px_xcalloc((size_t)argc + 1, sizeof *at);
	int nwords = 0;
	for (int i = 1; i < argc && nwords < 4; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			break;
		if (a[0] == '-' && a[1]) {
			if (a[1] == '-' && !strchr(a, '=')) {
				const char *n = canonical(a + 2);
				int k = optset_find(&all, n);
				if ((k >= 0 && all.d[k].arg) || strcmp(n, "db") == 0 ||
				    strcmp(n, "as") == 0 || strcmp(n, "config") == 0 ||
				    strcmp(n, "columns") == 0)
					i++;
			} else if (a[1] != '-' && !a[2]) {
				char n[2] = { a[1], 0 };
				int k = optset_find(&all, n);
				if (k >= 0 && all.d[k].arg)
					i++;
			}
			continue;
		}
		at[nwords] = i;
		words[nwords++] = argv[i];
	}

	const struct px_verb *best = NULL, *none = NULL;
	int bestn = 0;
	for (const struct px_verb *v = cmd->verbs; v->name; v++) {
		if (!*v->name) {
			none = v;
			continue;
		}
		int n = match_verb(v, words, nwords);
		if (n > bestn) {
			best = v;
			bestn = n;
		}
	}
	if (!best && nwords > 0) {
		/* "user" of "user add": name the group's verbs */
		struct px_buf b = PX_BUF_INIT;
		size_t len = strlen(words[0]);
		for (const struct px_verb *v = cmd->verbs; v->name; v++)
			if (strncmp(v->name, words[0], len) == 0 && v->name[len] == ' ') {
				const char *second = v->name + len + 1;
				if (b.len)
					px_buf_adds(&b, ", ");
				px_buf_add(&b, second, strcspn(second, " "));
			}
		if (b.len && nwords == 1)
			px_cli_bad_usage(c, "missing %s verb (%s)", words[0], b.s);
		if (b.len)
			px_cli_bad_usage(c, "unknown %s verb '%s'", words[0], words[1]);
		px_buf_free(&b);
	}
	if (!best && cmd->other && nwords > 0) {
		free(words);
		free(at);
		free(all.d);
		return cmd->other(c, argc, argv);
	}
	if (!best)
		best = none;
	if (!best) {
		/* -h and --version before any verb */
		for (int i = 1; i < argc; i++) {
			if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
				print_usage(stdout, cmd, NULL);
				exit(fflush(stdout) ? PX_ESTORE : PX_OK);
			}
			if (strcmp(argv[i], "--version") == 0) {
				printf("%s %s\n", c->prog, PX_VERSION);
				exit(fflush(stdout) ? PX_ESTORE : PX_OK);
			}
		}
		struct px_buf b = PX_BUF_INIT;
		verb_list(cmd, &b);
		if (nwords == 0)
			px_cli_bad_usage(c, "missing verb (%s)", px_buf_str(&b));
		/* the longest known prefix names the verb group */
		px_cli_bad_usage(c, "unknown verb '%s'", words[0]);
	}
	c->verb = best;
	c->word = bestn ? words[0] : NULL;

	/* argv without the verb's words */
	char **rest = px_xcalloc((size_t)argc + 1, sizeof *rest);
	int nrest = 0;
	for (int i = 0, w = 0; i < argc; i++) {
		if (w < bestn && i == at[w]) {
			w++;
			continue;
		}
		rest[nrest++] = argv[i];
	}
	parse_options(c, &all, nrest, rest);
	free(words);
	free(at);

	int min, max;
	char first[64];
	verb_operands(best, &min, &max, first, sizeof first);
	if (c->argc < min) {
		char what[64];
		if (best->operand) {
			px_strlcpy(what, best->operand, sizeof what);
		} else {
			size_t i = 0;
			for (; first[i] && i + 1 < sizeof what; i++)
				what[i] = first[i] == '|' ? '/' : (char)(first[i] >= 'A' && first[i] <= 'Z'
									 ? first[i] + 32 : first[i]);
			what[i] = '\0';
		}
		px_cli_bad_usage(c, "missing %s", what);
	}
	if (max >= 0 && c->argc > max)
		px_cli_bad_usage(c, "unexpected argument '%s'", c->argv[max]);
	check_required(c);

	int rc = best->run(c);
	px_cli_status(c, rc);
	int status = px_cli_finish(c, c->w);
	c->w = NULL;
	free(rest);
	free(all.d);
	return status;
}

/* ---------- the context ---------- */

/* The columns px_cli_table_columns() gave the tables of a type, or NULL. */
static const char *const *table_cols(const struct px_cli *c, const char *type)
{
	for (int i = 0; i < c->ntable_cols; i++)
		if (!strcmp(c->table_cols[i].type, type))
			return c->table_cols[i].cols;
	return NULL;
}

static int cli_emit(struct px_ctx *cx, const struct px_rec *r, struct px_err *err)
{
	struct px_cli *c = cx->front;
	int fresh = !c->w;
	if (!c->w)
		c->w = px_cli_writer(c, c->verb ? c->verb->out : PX_FMT_AUTO);
	if (c->tables_by_type && px_writer_format(c->w) == PX_FMT_TABLE) {
		const char *type = px_rec_type(r) ? px_rec_type(r) : "";
		if (c->table_type[0] && strcmp(c->table_type, type)) {
			if (px_writer_close(c->w, err)) {
				c->w = NULL;
				return PX_ESTORE;
			}
			putchar('\n');
			c->w = writer_new(c, PX_FMT_TABLE);
			fresh = 1;
		}
		px_strlcpy(c->table_type, type, sizeof c->table_type);
	}
	if (fresh && px_writer_format(c->w) == PX_FMT_TABLE && px_rec_type(r) &&
	    table_cols(c, px_rec_type(r)))
		px_writer_columns(c->w, table_cols(c, px_rec_type(r)));
	return px_writer_put(c->w, r, err) ? PX_ESTORE : PX_OK;
}

void px_cli_tables_by_type(struct px_cli *c)
{
	c->tables_by_type = 1;
}

void px_cli_table_columns(struct px_cli *c, const char *type, const char *const *cols)
{
	int n = (int)(sizeof c->table_cols / sizeof c->table_cols[0]);
	if (c->ntable_cols < n) {
		c->table_cols[c->ntable_cols].type = type;
		c->table_cols[c->ntable_cols].cols = cols;
		c->ntable_cols++;
	}
}

static void cli_note(struct px_ctx *cx, const char *subject, const char *why)
{
	struct px_cli *c = cx->front;
	px_cli_warn(c, "%s: %s", subject, why);
}

static void cli_reject(struct px_ctx *cx, const struct px_err *err)
{
	px_cli_report(cx->front, err, NULL);
}

static void cli_warn(struct px_ctx *cx, const struct px_err *err)
{
	print_err(cx->front, err);
}

struct px_ctx *px_cli_ctx(struct px_cli *c)
{
	if (c->have_cx)
		return &c->cx;
	if (!c->store)
		px_cli_open(c, 0);
	const struct px_user *actor = px_cli_actor(c);
	memset(&c->cx, 0, sizeof c->cx);
	c->cx.st = c->store;
	c->cx.cfg = c->config;
	c->cx.actor = actor;
	c->cx.emit = cli_emit;
	c->cx.note = px_opt(c, "explain") ? cli_note : NULL;
	c->cx.reject = cli_reject;
	c->cx.warn = cli_warn;
	c->cx.front = c;
	px_hooks_register(&c->cx);
	c->have_cx = 1;
	return &c->cx;
}

struct px_ctx *px_cli_ctx_config(struct px_cli *c)
{
	if (c->have_cx)
		return &c->cx;
	px_cli_config(c);
	memset(&c->cx, 0, sizeof c->cx);
	c->cx.cfg = c->config;
	c->cx.emit = cli_emit;
	c->cx.note = px_opt(c, "explain") ? cli_note : NULL;
	c->cx.reject = cli_reject;
	c->cx.warn = cli_warn;
	c->cx.front = c;
	/* have_cx stays 0: px_cli_ctx() still opens the store */
	return &c->cx;
}

int px_cli_result(struct px_cli *c, int rc, const struct px_err *err)
{
	if (rc != PX_OK && err && err->text[0]) {
		print_err(c, err);
	}
	px_cli_status(c, rc);
	return c->status;
}

static void loop_report(const struct px_err *err, const char *raw, void *ctx)
{
	px_cli_report(ctx, err, raw);
}

static void loop_opened(void *ctx, const struct px_reader *rd)
{
	struct px_cli *c = ctx;
	if (!rd && c->progress_tty && c->progress_last > c->progress_t0)
		fputc('\n', stderr); /* the progress line stays */
	c->reading = rd;
	if (!rd)
		said_end(c); /* the count is of one file */
	else if (c->archive && rd && !c->rejects) {
		/* --archive: the file's rejects, kept beside it once it is done */
		free(c->rejects_part);
		c->rejects_part = px_xasprintf("%s/.%d.rejects", c->archive, (int)getpid());
		/* rows of patients: the owner's alone */
		int fd = open(c->rejects_part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		c->rejects = fd < 0 ? NULL : fdopen(fd, "w");
		if (fd >= 0 && !c->rejects)
			close(fd);
		c->rejects_own = c->rejects != NULL;
		free(c->rejects_header);
		c->rejects_header = NULL;
	}
}

/* A path in dir for name not taken yet: name, else name.1, name.2 ... */
static char *free_name(const char *dir, const char *name)
{
	char *p = px_xasprintf("%s/%s", dir, name);
	for (int i = 1; access(p, F_OK) == 0 && i < 10000; i++) {
		free(p);
		p = px_xasprintf("%s/%s.%d", dir, name, i);
	}
	return p;
}

/* --archive: a file read to its end goes to the archive, its rejects
 * (when any) beside it; a file that failed stays where it is. */
static void loop_done(void *ctx, const char *path, int fatal)
{
	struct px_cli *c = ctx;
	int had = 0;
	if (c->rejects_own) {
		had = ftell(c->rejects) > 0;
		if (fclose(c->rejects))
			px_cli_warn(c, "%s: cannot write rejects: %s", c->rejects_part, strerror(errno));
		c->rejects = NULL;
		c->rejects_own = 0;
	}
	if (fatal || !strcmp(path, "-")) {
		if (c->rejects_part)
			unlink(c->rejects_part);
		return;
	}
	/* a pipe or a device named on the command line (/dev/stdin, a FIFO)
	 * is read, never moved: renaming it would take it from the system */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		px_cli_warn(c, "%s: not archived: not a regular file", path);
		px_cli_status(c, PX_EINPUT);
		if (c->rejects_part)
			unlink(c->rejects_part);
		return;
	}
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char *to = free_name(c->archive, name);
	if (rename(path, to)) {
		px_cli_warn(c, "%s: not archived: %s", path, strerror(errno));
		px_cli_status(c, PX_EINPUT);
	} else if (had) {
		const char *base = strrchr(to, '/') + 1;
		char *rname = px_xasprintf("%s.rejects", base);
		char *rto = free_name(c->archive, rname);
		if (rename(c->rejects_part, rto))
			px_cli_warn(c, "%s: rejects not kept: %s", rto, strerror(errno));
		free(rname);
		free(rto);
	}
	if (c->rejects_part && !had)
		unlink(c->rejects_part);
	free(to);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* "12.3 MiB" */
static void mib(char *buf, size_t size, int64_t bytes)
{
	snprintf(buf, size, "%.1f MiB", (double)bytes / (1024.0 * 1024.0));
}

/* Where the loop is: the input's bytes read of its size, the records, the
 * rate and the time left.  On a terminal one line rewritten four times a
 * second; elsewhere (--progress into a file) a line every 10,000 records. */
static void loop_progress(void *ctx, const char *file, long records)
{
	struct px_cli *c = ctx;
	double now;
	if (c->progress_tty) {
		if (records % 64)
			return;
		now = seconds();
		if (now - c->progress_last < 0.25)
			return;
	} else {
		if (records % 10000)
			return;
		now = seconds();
	}
	c->progress_last = now;
	double dt = now - c->progress_t0;
	int64_t done = -1, size = -1;
	if (c->reading)
		px_reader_bytes(c->reading, &done, &size);
	char where[96] = "", left[48] = "", a[32], b[32];
	if (done >= 0 && size > 0) {
		mib(a, sizeof a, done);
		mib(b, sizeof b, size);
		snprintf(where, sizeof where, " %s of %s (%d%%),", a, b,
			 (int)(100.0 * (double)done / (double)size));
		if (dt > 0 && done > 0 && done < size) {
			long s = (long)((double)(size - done) * dt / (double)done);
			snprintf(left, sizeof left, ", %ld:%02ld left", s / 60, s % 60);
		}
	}
	char line[512];
	snprintf(line, sizeof line, "%s: %s:%s %ld records, %.0f records/s%s", c->prog, file, where,
		 records, dt > 0 ? records / dt : 0.0, left);
	if (c->progress_tty)
		fprintf(stderr, "\r%s\033[K", line);
	else
		fprintf(stderr, "%s\n", line);
}

/* --mllp: each message acknowledged once what became of it is committed,
 * in an MLLP block on stdout: AA applied (or seen before), AE rejected
 * with its reason, AR not readable as a message. */
static void loop_ack(void *ctx, const char *raw, int how, const struct px_err *err)
{
	struct px_cli *c = ctx;
	char iso[PX_TIME_UTC_LEN], when[24];
	px_time_format_utc(px_now(px_cli_ctx(c)), iso);
	size_t j = 0;
	for (const char *p = iso; *p && j < 14; p++)
		if (*p >= '0' && *p <= '9')
			when[j++] = *p;
	snprintf(when + j, sizeof when - j, "+0000");
	struct px_buf b = { 0 };
	/* AE: px_hl7_ack makes it AR for what is not a message at all */
	const char *code = how == PX_SETTLED_APPLIED ? "AA" : "AE";
	px_buf_addc(&b, '\v');
	px_hl7_ack(raw, code, how == PX_SETTLED_APPLIED ? NULL : reason_of(err->text), when,
		   ++c->acks, &b);
	px_buf_add(&b, "\x1c\r", 2);
	if (fwrite(b.s, 1, b.len, stdout) != b.len || fflush(stdout)) {
		px_cli_warn(c, "cannot write the acknowledgement: %s", strerror(errno));
		px_cli_status(c, PX_ESTORE);
	}
	px_buf_free(&b);
}

static int loop_pass(struct px_rec *r, void *ctx, struct px_err *err)
{
	return px_emit(ctx, r, err) ? PX_ESTORE : PX_OK;
}

/* Inside a transaction a record passed through waits, in its place among
 * the others, for the commit. */
static int loop_pass_held(struct px_rec *r, void *ctx, struct px_err *err)
{
	px_emit_after(ctx, px_rec_copy(r));
	return PX_OK;
}

static int tx_begin(void *ctx, struct px_err *err)
{
	return px_store_begin(((struct px_ctx *)ctx)->st, err);
}

static int tx_commit(void *ctx, struct px_err *err)
{
	return px_store_commit(((struct px_ctx *)ctx)->st, err);
}

static void tx_rollback(void *ctx)
{
	px_store_rollback(((struct px_ctx *)ctx)->st);
}

static int tx_flush(void *ctx, struct px_err *err)
{
	return px_emit_flush(ctx, err);
}

/* --mllp: stdout is the sender's, for acknowledgements alone; what the
 * handlers produced stays in the store. */
static int tx_keep_quiet(void *ctx, struct px_err *err)
{
	(void)err;
	px_emit_drop(ctx);
	return PX_OK;
}

static void tx_drop(void *ctx)
{
	px_emit_drop(ctx);
}

/* Opens the --rejects file when the verb has one; PX_EINPUT when it
 * cannot be written (reported). */
static int open_rejects(struct px_cli *c)
{
	const char *path = px_opt(c, "rejects");
	if (!path || c->rejects)
		return PX_OK;
	c->rejects = strcmp(path, "-") ? fopen(path, "w") : stdout;
	if (c->rejects)
		return PX_OK;
	struct px_err err;
	px_fail_at(&err, PX_EINPUT, path, 0, "cannot open: %s", strerror(errno));
	return px_cli_result(c, PX_EINPUT, &err);
}

/* The loop over the operands; the caller has set what is its own. */
static int run_loop(struct px_cli *c, const struct px_handler *handlers, struct px_loop *lp)
{
	struct px_ctx *cx = px_cli_ctx(c);
	int rc = open_rejects(c);
	if (rc)
		return rc;
	char **files = px_xcalloc((size_t)c->argc + 1, sizeof *files);
	for (int i = 0; i < c->argc; i++)
		files[i] = c->argv[i];
	lp->files = (const char *const *)files;
	lp->fmt = c->in;
	const char *d = px_opt(c, "delimiter");
	if (d) {
		if (!strcmp(d, "tab") || !strcmp(d, "\\t"))
			lp->delimiter = '\t';
		else if (strlen(d) == 1 && !strchr("\"\r\n", *d))
			lp->delimiter = *d;
		else
			px_cli_bad_usage(c, "--delimiter needs one character (or 'tab'), not '%s'", d);
	}
	if (c->in_tab)
		lp->delimiter = '\t';
	lp->encoding = px_opt(c, "encoding");
	if (px_opt(c, "mllp")) {
		if (c->argc)
			px_cli_bad_usage(c, "--mllp reads its messages from standard input, not a file");
		if (c->in != PX_FMT_AUTO && c->in != PX_FMT_HL7)
			px_cli_bad_usage(c, "--mllp reads HL7");
		if (px_opt(c, "strict") || px_opt(c, "dry-run") || px_opt(c, "archive"))
			px_cli_bad_usage(c, "--mllp acknowledges each message once applied:"
					    " no --strict, --dry-run or --archive");
		lp->fmt = PX_FMT_HL7;
		lp->settled = loop_ack;
		c->mllp = 1;
	}
	lp->handlers = handlers;
	lp->report = loop_report;
	lp->report_ctx = c;
	lp->pass_ctx = cx;
	if (!lp->ctx)
		lp->ctx = cx;
	if (c->progress || px_opt(c, "progress")) {
		lp->progress = loop_progress;
		c->progress_tty = isatty(STDERR_FILENO);
		c->progress_t0 = c->progress_last = seconds();
	}
	lp->opened = loop_opened;
	const char *archive = px_opt(c, "archive");
	if (archive) {
		struct stat sb;
		if (px_opt(c, "rejects"))
			px_cli_bad_usage(c, "--archive keeps each file's rejects beside it: no --rejects");
		if (stat(archive, &sb) || !S_ISDIR(sb.st_mode) || access(archive, W_OK)) {
			px_cli_warn(c, "--archive: %s is not a directory px may write", archive);
			free(files);
			lp->files = NULL;
			px_cli_status(c, PX_EINPUT);
			return c->status;
		}
		c->archive = archive;
		lp->done = loop_done;
	}
	c->in_loop = 1;
	px_cli_status(c, px_loop_run(lp));
	c->in_loop = 0;
	said_end(c);
	free(c->rejects_part);
	c->rejects_part = NULL;
	free(files);
	lp->files = NULL;
	return c->status;
}

int px_cli_loop(struct px_cli *c, const struct px_handler *handlers)
{
	struct px_loop loop = { .pass = loop_pass };
	return run_loop(c, handlers, &loop);
}

int px_cli_loop_tx(struct px_cli *c, const struct px_handler *handlers, struct px_loop *loop)
{
	struct px_ctx *cx = px_cli_ctx(c);
	loop->pass = loop_pass_held;
	loop->tx = (struct px_loop_tx){ tx_begin, tx_commit, tx_rollback,
		px_opt(c, "mllp") ? tx_keep_quiet : tx_flush, tx_drop, cx };
	loop->strict = px_opt(c, "strict") != NULL;
	loop->dry_run = px_opt(c, "dry-run") != NULL;
	return run_loop(c, handlers, loop);
}
