/* px - the dispatcher ("px survey" runs px-survey) and the admin verbs. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "px.h"

#ifndef PX_LIBEXECDIR
#define PX_LIBEXECDIR "/usr/local/libexec/px"
#endif
#ifndef PX_MANDIR
#define PX_MANDIR "/usr/local/share/man"
#endif

static const char usage[] =
	"usage: px [--db FILE] [--as USER] [--config FILE] COMMAND [ARGS...]\n"
	"       px init\n"
	"       px user add NAME --role ROLE [--hospital CODE]... [--full-name TEXT] [--email ADDR] [--phone NUMBER]\n"
	"       px user list [-o FORMAT]\n"
	"       px user grant NAME [--role ROLE] [--hospital CODE]...\n"
	"       px user revoke NAME [--hospital CODE]...\n"
	"       px org load [-i FORMAT] [-o FORMAT] [FILE...]\n"
	"       px org list [--hospital CODE] [-o FORMAT]\n"
	"       px audit [--actor USER] [--action ACTION] [--object ID] [--since TIME] [--until TIME] [-o FORMAT]\n"
	"       px help [COMMAND]\n"
	"       px --list-commands\n"
	"       px --version\n";

static const char *const builtins[] = { "audit", "help", "init", "org", "user", NULL };

enum {
	OPT_ROLE = PX_OPT_FIRST_FREE,
	OPT_HOSPITAL,
	OPT_FULL_NAME,
	OPT_EMAIL,
	OPT_PHONE,
	OPT_ACTOR,
	OPT_ACTION,
	OPT_OBJECT,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_LIST_COMMANDS,
};

static const struct option verb_opts[] = {
	PX_CLI_LONGOPTS,
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "hospital", required_argument, NULL, OPT_HOSPITAL },
	{ "full-name", required_argument, NULL, OPT_FULL_NAME },
	{ "email", required_argument, NULL, OPT_EMAIL },
	{ "phone", required_argument, NULL, OPT_PHONE },
	{ "actor", required_argument, NULL, OPT_ACTOR },
	{ "action", required_argument, NULL, OPT_ACTION },
	{ "object", required_argument, NULL, OPT_OBJECT },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ NULL, 0, NULL, 0 },
};

/* Options of one verb invocation. */
struct args {
	const char *role, *full_name, *email, *phone;
	const char *actor, *action, *object, *since, *until;
	const char **hospitals;
	size_t nhospitals;
	char **rest; /* operands after the verb */
	int nrest;
};

static struct px_cli cli;

/* Parses argv (the verb's words and options) into a; allowed is the set
 * of verb-specific option codes this verb takes. */
static void parse_verb(int argc, char **argv, struct args *a, const int *allowed)
{
	memset(a, 0, sizeof *a);
	a->hospitals = px_xcalloc((size_t)argc + 1, sizeof *a->hospitals);
	int opt;
	while ((opt = px_cli_verb_next(&cli, argc, argv, verb_opts, allowed)) != -1) {
		switch (opt) {
		case OPT_ROLE: a->role = optarg; break;
		case OPT_HOSPITAL: a->hospitals[a->nhospitals++] = optarg; break;
		case OPT_FULL_NAME: a->full_name = optarg; break;
		case OPT_EMAIL: a->email = optarg; break;
		case OPT_PHONE: a->phone = optarg; break;
		case OPT_ACTOR: a->actor = optarg; break;
		case OPT_ACTION: a->action = optarg; break;
		case OPT_OBJECT: a->object = optarg; break;
		case OPT_SINCE: a->since = optarg; break;
		case OPT_UNTIL: a->until = optarg; break;
		}
	}
	a->rest = argv + optind;
	a->nrest = argc - optind;
}

static void need_operands(const struct args *a, int min, int max, const char *what)
{
	px_cli_operands(&cli, a->nrest, a->rest, min, max, what);
}

static int put_rec(struct px_rec *r, void *ctx)
{
	px_cli_put(&cli, ctx, r);
	return 0;
}

/* ---- px init ---- */

static int cmd_init(int argc, char **argv)
{
	struct args a;
	parse_verb(argc, argv, &a, NULL);
	need_operands(&a, 0, 0, "");
	free(a.hospitals);
	struct px_err err;
	char name[128];
	px_err_clear(&err);
	px_cli_config(&cli);
	if (px_auth_actor_name(cli.as, name, sizeof name, &err))
		px_cli_die(&cli, &err);
	px_cli_open(&cli, PX_STORE_CREATE);
	int added;
	if (px_user_bootstrap(cli.store, name, &added, &err))
		px_cli_die(&cli, &err);
	return px_cli_finish(&cli, NULL);
}

/* ---- px user ---- */

static int cmd_user(int argc, char **argv)
{
	static const int add_opts[] = { OPT_ROLE, OPT_HOSPITAL, OPT_FULL_NAME, OPT_EMAIL, OPT_PHONE, 0 };
	static const int grant_opts[] = { OPT_ROLE, OPT_HOSPITAL, 0 };
	static const int revoke_opts[] = { OPT_HOSPITAL, 0 };
	if (argc < 2)
		px_cli_usage_error(&cli, "missing user verb (add, list, grant, revoke)");
	const char *verb = argv[1];
	const int *allowed = !strcmp(verb, "add") ? add_opts : !strcmp(verb, "grant") ? grant_opts
			     : !strcmp(verb, "revoke") ? revoke_opts : NULL;
	if (!allowed && strcmp(verb, "list"))
		px_cli_usage_error(&cli, "unknown user verb '%s'", verb);
	struct args a;
	parse_verb(argc - 1, argv + 1, &a, allowed);
	px_cli_open(&cli, 0);
	const struct px_user *actor = px_cli_actor(&cli);
	struct px_err err;
	px_err_clear(&err);
	if (!strcmp(verb, "list")) {
		need_operands(&a, 0, 0, "");
		free(a.hospitals);
		if (px_auth_require(actor, PX_ROLE_HOSPITAL_ADMIN, PX_SCOPE_NONE, "list users", &err))
			px_cli_die(&cli, &err);
		struct px_writer *w = px_cli_writer(&cli, PX_FMT_AUTO);
		if (px_user_each(cli.store, actor, put_rec, w, &err) < 0)
			px_cli_die(&cli, &err);
		return px_cli_finish(&cli, w);
	}
	need_operands(&a, 1, 1, "user name");
	struct px_user_spec spec = {
		.name = a.rest[0], .role = a.role, .hospitals = a.hospitals,
		.full_name = a.full_name, .email = a.email, .phone = a.phone,
	};
	int rc;
	if (!strcmp(verb, "add")) {
		if (!a.role)
			px_cli_usage_error(&cli, "user add needs --role");
		rc = px_user_add(cli.store, actor, &spec, &err);
	} else if (!strcmp(verb, "grant")) {
		if (!a.role && !a.nhospitals)
			px_cli_usage_error(&cli, "user grant needs --role or --hospital");
		rc = px_user_grant(cli.store, actor, &spec, &err);
	} else {
		rc = px_user_revoke(cli.store, actor, &spec, &err);
	}
	free(a.hospitals);
	if (rc)
		px_cli_die(&cli, &err);
	return px_cli_finish(&cli, NULL);
}

/* ---- px org ---- */

struct load_ctx {
	const struct px_user *actor;
	struct px_writer *out;
};

static int org_record(struct px_rec *r, void *vctx, struct px_err *err)
{
	struct load_ctx *ctx = vctx;
	int changed;
	int rc = px_org_apply(cli.store, ctx->actor, r, &changed, err);
	if (rc == 1)
		px_cli_put(&cli, ctx->out, r);
	return rc > 0 ? 0 : rc;
}

static int cmd_org(int argc, char **argv)
{
	static const int list_opts[] = { OPT_HOSPITAL, 0 };
	if (argc < 2)
		px_cli_usage_error(&cli, "missing org verb (load, list)");
	const char *verb = argv[1];
	struct args a;
	struct px_err err;
	px_err_clear(&err);
	if (!strcmp(verb, "load")) {
		parse_verb(argc - 1, argv + 1, &a, NULL);
		free(a.hospitals);
		px_cli_open(&cli, 0);
		struct load_ctx ctx = { px_cli_actor(&cli), px_cli_writer(&cli, PX_FMT_JSONL) };
		struct px_loop loop = {
			.files = (const char *const *)a.rest, .fmt = cli.in, .fn = org_record,
			.ctx = &ctx, .report = px_cli_loop_report, .report_ctx = &cli,
		};
		px_cli_status(&cli, px_loop_run(&loop));
		return px_cli_finish(&cli, ctx.out);
	}
	if (!strcmp(verb, "list")) {
		parse_verb(argc - 1, argv + 1, &a, list_opts);
		need_operands(&a, 0, 0, "");
		if (a.nhospitals > 1)
			px_cli_usage_error(&cli, "org list takes one --hospital");
		px_cli_open(&cli, 0);
		const struct px_user *actor = px_cli_actor(&cli);
		if (a.nhospitals) {
			int64_t hid;
			int rc = px_org_hospital_id(cli.store, a.hospitals[0], &hid, &err);
			if (rc == 0)
				px_err_set(&err, PX_EUSAGE, "unknown hospital '%s'", a.hospitals[0]);
			char what[160];
			snprintf(what, sizeof what, "see hospital '%s'", a.hospitals[0]);
			if (rc <= 0 || px_auth_require(actor, PX_ROLE_VIEWER, hid, what, &err))
				px_cli_die(&cli, &err);
		}
		struct px_writer *w = px_cli_writer(&cli, PX_FMT_AUTO);
		if (px_org_each(cli.store, actor, a.hospitals[0], put_rec, w, &err) < 0)
			px_cli_die(&cli, &err);
		free(a.hospitals);
		return px_cli_finish(&cli, w);
	}
	px_cli_usage_error(&cli, "unknown org verb '%s'", verb);
}

/* ---- px audit ---- */

static int cmd_audit(int argc, char **argv)
{
	static const int opts[] = { OPT_ACTOR, OPT_ACTION, OPT_OBJECT, OPT_SINCE, OPT_UNTIL, 0 };
	struct args a;
	parse_verb(argc, argv, &a, opts);
	need_operands(&a, 0, 0, "");
	free(a.hospitals);
	px_cli_open(&cli, 0);
	const struct px_user *actor = px_cli_actor(&cli);
	struct px_err err;
	px_err_clear(&err);
	if (px_auth_require(actor, PX_ROLE_PX_ADMIN, PX_SCOPE_ALL, "read the audit trail", &err))
		px_cli_die(&cli, &err);
	struct px_audit_filter f = { .actor = a.actor, .action = a.action, .object = a.object };
	if (a.since && px_time_parse(a.since, &f.since))
		px_cli_usage_error(&cli, "--since: not an ISO 8601 time: '%s'", a.since);
	if (a.until && px_time_parse(a.until, &f.until))
		px_cli_usage_error(&cli, "--until: not an ISO 8601 time: '%s'", a.until);
	struct px_writer *w = px_cli_writer(&cli, PX_FMT_AUTO);
	if (px_audit_each(cli.store, &f, put_rec, w, &err) < 0)
		px_cli_die(&cli, &err);
	return px_cli_finish(&cli, w);
}

/* ---- dispatch ---- */

/* The directory holding this executable, or "" (static buffer). */
static const char *self_dir(void)
{
	static char dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	if (n <= 0)
		return "";
	dir[n] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return dir;
}

static int is_exec(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, X_OK) == 0;
}

/* Where px looks for px-NAME, before PATH. */
static const char *exec_dirs(int i)
{
	switch (i) {
	case 0: return getenv("PX_EXEC_PATH");
	case 1: return self_dir();
	case 2: return PX_LIBEXECDIR;
	default: return NULL;
	}
}

static int valid_command(const char *name)
{
	return *name && strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(name);
}

static _Noreturn void run_external(const char *name, char **argv)
{
	char *prog = px_xasprintf("px-%s", name);
	argv[0] = prog;
	for (int i = 0; i < 3; i++) {
		const char *d = exec_dirs(i);
		if (!d || !*d)
			continue;
		char *path = px_xasprintf("%s/%s", d, prog);
		if (is_exec(path))
			execv(path, argv);
		free(path);
	}
	execvp(prog, argv);
	if (errno == ENOENT) {
		px_cli_warn(&cli, "'%s' is not a px command; see 'px --list-commands'", name);
		exit(PX_EUSAGE);
	}
	px_cli_warn(&cli, "cannot run '%s': %s", prog, strerror(errno));
	exit(PX_ESTORE);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_commands(void)
{
	char **names = NULL;
	size_t n = 0;
	for (const char *const *b = builtins; *b; b++) {
		names = px_xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = px_xstrdup(*b);
	}
	struct px_buf dirs = PX_BUF_INIT;
	for (int i = 0; i < 3; i++)
		if (exec_dirs(i) && *exec_dirs(i))
			px_buf_addf(&dirs, "%s:", exec_dirs(i));
	if (getenv("PATH"))
		px_buf_adds(&dirs, getenv("PATH"));
	char *all = px_buf_detach(&dirs), *save = NULL;
	for (char *d = strtok_r(all, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		DIR *dp = opendir(d);
		struct dirent *e;
		if (!dp)
			continue;
		while ((e = readdir(dp))) {
			if (strncmp(e->d_name, "px-", 3) || !valid_command(e->d_name + 3))
				continue;
			char *path = px_xasprintf("%s/%s", d, e->d_name);
			int ok = is_exec(path);
			free(path);
			if (!ok)
				continue;
			names = px_xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = px_xstrdup(e->d_name + 3);
		}
		closedir(dp);
	}
	free(all);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(names[i], names[i - 1]))
			puts(names[i]);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return px_cli_finish(&cli, NULL);
}

/* px help [NAME]: the man page of px-NAME, NAME, or px.NAME. */
static int cmd_help(int argc, char **argv)
{
	const char *topic = argc > 1 ? argv[1] : "px";
	if (argc > 2)
		px_cli_usage_error(&cli, "unexpected argument '%s'", argv[2]);
	if (!valid_command(topic) && strcmp(topic, "px.conf"))
		px_cli_usage_error(&cli, "no manual for '%s'", topic);
	const char *self = self_dir();
	char *roots[] = {
		px_xasprintf("%s/../share/man", self),
		px_xasprintf("%s/../../man", self),    /* the build tree: build/bin */
		px_xasprintf("%s/../../../man", self), /* and build/asan/bin */
		px_xstrdup(PX_MANDIR),
	};
	static const char *const forms[] = { "%s/man%c/px-%s.%c", "%s/man%c/%s.%c",
					      "%s/px-%s.%c", "%s/%s.%c" };
	static const char sections[] = "157";
	char *found = NULL;
	size_t nroots = sizeof roots / sizeof *roots;
	for (size_t r = 0; r < nroots && !found; r++)
		for (size_t f = 0; f < 4 && !found; f++)
			for (const char *s = sections; *s && !found; s++) {
				char *p = f < 2 ? px_xasprintf(forms[f], roots[r], *s, topic, *s)
						: px_xasprintf(forms[f], roots[r], topic, *s);
				if (access(p, R_OK) == 0)
					found = p;
				else
					free(p);
			}
	for (size_t r = 0; r < nroots; r++)
		free(roots[r]);
	if (!found) {
		px_cli_warn(&cli, "no manual for '%s'", topic);
		return PX_EUSAGE;
	}
	fflush(stdout);
	execlp("man", "man", "-l", found, (char *)NULL);
	execlp("mandoc", "mandoc", "-a", found, (char *)NULL);
	px_cli_warn(&cli, "cannot show '%s': neither man nor mandoc is installed", found);
	free(found);
	return PX_EINPUT;
}

int main(int argc, char **argv)
{
	px_cli_init(&cli, "px", usage);
	static const struct option opts[] = {
		{ "db", required_argument, NULL, PX_OPT_DB },
		{ "as", required_argument, NULL, PX_OPT_AS },
		{ "config", required_argument, NULL, PX_OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, PX_OPT_VERSION },
		{ "list-commands", no_argument, NULL, OPT_LIST_COMMANDS },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (opt == OPT_LIST_COMMANDS)
			return list_commands();
		px_cli_option(&cli, opt, optarg);
	}
	if (optind >= argc)
		px_cli_usage_error(&cli, "missing command");
	char **sub = argv + optind;
	int nsub = argc - optind;
	const char *name = sub[0];
	if (!strcmp(name, "init"))
		return cmd_init(nsub, sub);
	if (!strcmp(name, "user"))
		return cmd_user(nsub, sub);
	if (!strcmp(name, "org"))
		return cmd_org(nsub, sub);
	if (!strcmp(name, "audit"))
		return cmd_audit(nsub, sub);
	if (!strcmp(name, "help"))
		return cmd_help(nsub, sub);
	if (!valid_command(name)) {
		px_cli_warn(&cli, "'%s' is not a px command; see 'px --list-commands'", name);
		return PX_EUSAGE;
	}
	/* Global options reach the command through its environment. */
	if (cli.db)
		setenv("PX_DB", cli.db, 1);
	if (cli.as)
		setenv("PX_USER", cli.as, 1);
	if (cli.config_path)
		setenv("PX_CONFIG", cli.config_path, 1);
	run_external(name, sub);
}
