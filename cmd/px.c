/* px - the dispatcher ("px survey" runs px-survey) and the admin verbs. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/patient_find.h"
#include "px.h"

#ifndef PX_LIBEXECDIR
#define PX_LIBEXECDIR "/usr/local/libexec/px"
#endif
#ifndef PX_MANDIR
#define PX_MANDIR "/usr/local/share/man"
#endif

static const char *const builtins[] = { "audit", "help", "init", "org", "patient", "user", NULL };

/* ---- px init ---- */

/* Whether the store at path is yet to be made (no file, or an empty one). */
static int store_is_new(const char *path)
{
	struct stat sb;
	if (!strncmp(path, "sqlite:", 7))
		path += 7;
	return strstr(path, "://") == NULL && (stat(path, &sb) != 0 || sb.st_size == 0);
}

/*
 * The key file, made when the store would otherwise have no key of its
 * own: for a new store, or one that has none at all.  An older store
 * keyed by privacy.natid_key keeps that key (its audit chain and its
 * national id hashes were made under it), unless px.conf names a key
 * file for it.
 */
static int init_key(struct px_cli *c, struct px_err *err)
{
	const char *path = px_config_str(c->config, "privacy.key_file");
	if (!path || !*path || access(path, F_OK) == 0)
		return PX_OK;
	if (!store_is_new(px_cli_db_path(c)) && px_secret_have(c->config) &&
	    !px_config_is_set(c->config, "privacy.key_file"))
		return PX_OK;
	return px_secret_create(path, err);
}

static int run_init(struct px_cli *c)
{
	struct px_err err;
	char name[128];
	px_err_clear(&err);
	px_cli_config(c);
	if (px_auth_actor_name(c->as, name, sizeof name, &err))
		return px_cli_result(c, err.code, &err);
	int rc = init_key(c, &err);
	if (rc)
		return px_cli_result(c, rc, &err);
	px_cli_open(c, PX_STORE_CREATE);
	struct px_ctx cx = { .st = c->store, .cfg = c->config };
	int added;
	return px_cli_result(c, px_user_bootstrap(&cx, name, &added, &err), &err);
}

/* ---- px user ---- */

/* The values of a repeated option, NULL-terminated (caller frees). */
static const char **values(struct px_cli *c, const char *opt)
{
	int n = px_opt_count(c, opt);
	const char **h = px_xcalloc((size_t)n + 1, sizeof *h);
	for (int i = 0; i < n; i++)
		h[i] = px_opt_nth(c, opt, i);
	return h;
}

static int run_user(struct px_cli *c)
{
	struct px_ctx *cx = px_cli_ctx(c);
	struct px_err err;
	px_err_clear(&err);
	const char *verb = c->verb->name + strlen("user ");
	if (!strcmp(verb, "list"))
		return px_cli_result(c, px_user_list(cx, &err), &err);
	const char **h = values(c, "hospital"), **d = values(c, "department");
	struct px_user_spec spec = {
		.name = c->argv[0], .role = px_opt(c, "role"), .hospitals = h, .departments = d,
		.full_name = px_opt(c, "full-name"), .email = px_opt(c, "email"),
		.phone = px_opt(c, "phone"),
	};
	int rc;
	if (!strcmp(verb, "add")) {
		rc = px_user_add(cx, &spec, &err);
	} else if (!strcmp(verb, "grant")) {
		if (!spec.role && !h[0] && !d[0])
			px_cli_bad_usage(c, "user grant needs --role, --hospital or --department");
		rc = px_user_grant(cx, &spec, &err);
	} else {
		rc = px_user_revoke(cx, &spec, &err);
	}
	free(h);
	free(d);
	return px_cli_result(c, rc, &err);
}

/* ---- px org ---- */

static int run_org_load(struct px_cli *c)
{
	static const struct px_handler handlers[] = {
		{ "hospital", px_org_apply },
		{ "department", px_org_apply },
		{ "", px_org_apply },
		{ NULL, NULL },
	};
	return px_cli_loop(c, handlers);
}

static int run_org_list(struct px_cli *c)
{
	if (px_opt_count(c, "hospital") > 1)
		px_cli_bad_usage(c, "org list takes one --hospital");
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_org_list(px_cli_ctx(c), px_opt(c, "hospital"), &err), &err);
}

/* ---- px audit ---- */

static int run_audit(struct px_cli *c)
{
	struct px_audit_filter f = {
		.actor = px_opt(c, "actor"), .action = px_opt(c, "action"),
		.object = px_opt(c, "object"),
		.since = px_opt_time(c, "since"), .until = px_opt_time(c, "until"),
	};
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_audit_list(px_cli_ctx(c), &f, &err), &err);
}

static int run_audit_verify(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_audit_verify(px_cli_ctx(c), &err), &err);
}

/* ---- px workflow ---- */

static int run_workflow_check(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_case_workflow_check(px_cli_ctx_config(c), c->argv, c->argc, &err),
			     &err);
}

/* ---- px patient ---- */

static int run_patient_find(struct px_cli *c)
{
	struct px_patient_query q = {
		.hospital = px_opt(c, "hospital"), .mrn = px_opt(c, "mrn"),
		.phone = px_opt(c, "phone"), .natid = px_opt(c, "natid"),
	};
	if (!!q.mrn + !!q.phone + !!q.natid != 1)
		px_cli_bad_usage(c, "patient find needs one of --mrn, --phone, --natid");
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_patient_find(px_cli_ctx(c), &q, &err), &err);
}

static int run_patient_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_patient_show(px_cli_ctx(c), c->argv[0], &err), &err);
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

/* A command px runs: px-web is the web server's program, not one. */
static int valid_command(const char *name)
{
	return *name && strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(name) &&
	       strcmp(name, "web");
}

static _Noreturn void run_external(struct px_cli *c, const char *name, char **argv)
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
		px_cli_warn(c, "'%s' is not a px command; see 'px --list-commands'", name);
		exit(PX_EUSAGE);
	}
	px_cli_warn(c, "cannot run '%s': %s", prog, strerror(errno));
	exit(PX_ESTORE);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_commands(struct px_cli *c)
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
	return PX_OK;
}

/* px help [NAME]: the man page of px-NAME, NAME, or px.NAME. */
static int run_help(struct px_cli *c)
{
	const char *topic = c->argc > 0 ? c->argv[0] : "px";
	if (!valid_command(topic) && strcmp(topic, "px.conf"))
		px_cli_bad_usage(c, "no manual for '%s'", topic);
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
		px_cli_warn(c, "no manual for '%s'", topic);
		return PX_EUSAGE;
	}
	fflush(stdout);
	execlp("man", "man", "-l", found, (char *)NULL);
	execlp("mandoc", "mandoc", "-a", found, (char *)NULL);
	px_cli_warn(c, "cannot show '%s': neither man nor mandoc is installed", found);
	free(found);
	return PX_EINPUT;
}

/* No verb: --list-commands, or a command is missing. */
static int run_none(struct px_cli *c)
{
	if (px_opt(c, "list-commands"))
		return list_commands(c);
	px_cli_bad_usage(c, "missing command");
}

/* A word that names no verb of px's own: the command px-NAME. */
static int run_other(struct px_cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'a' },
		{ "config", required_argument, NULL, 'c' },
		{ "columns", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (opt == '?')
			px_cli_bad_usage(c, "unknown option '%s'", argv[optind - 1]);
		/* Global options reach the command through its environment. */
		setenv(opt == 'd' ? "PX_DB" : opt == 'a' ? "PX_USER" : opt == 'w' ? "PX_COLUMNS"
		       : "PX_CONFIG", optarg, 1);
	}
	const char *name = argv[optind];
	if (!valid_command(name)) {
		px_cli_warn(c, "'%s' is not a px command; see 'px --list-commands'", name);
		return PX_EUSAGE;
	}
	run_external(c, name, argv + optind);
}

static const struct px_verb verbs[] = {
	{ "init", "", run_init },
	{ "user add", "NAME --role ROLE [--hospital CODE]... [--department CODE]... [--full-name TEXT] "
		      "[--email ADDR] [--phone NUMBER]",
	  run_user, 0, "user name" },
	{ "user list", "[-o FORMAT]", run_user },
	{ "user grant", "NAME [--role ROLE] [--hospital CODE]... [--department CODE]...", run_user, 0,
	  "user name" },
	{ "user revoke", "NAME [--hospital CODE]... [--department CODE]...", run_user, 0,
	  "user name" },
	{ "org load", "[-i FORMAT] [-o FORMAT] [FILE...]", run_org_load, PX_FMT_JSONL },
	{ "org list", "[--hospital CODE] [-o FORMAT]", run_org_list },
	{ "audit", "[--actor USER] [--action ACTION] [--object ID] [--since TIME] [--until TIME] [-o FORMAT]",
	  run_audit },
	{ "audit verify", "[-o FORMAT]", run_audit_verify },
	{ "workflow check", "[-o FORMAT] [FILE...]", run_workflow_check },
	{ "patient find", "[--hospital CODE] [--mrn MRN | --phone NUMBER | --natid ID] [-o FORMAT]",
	  run_patient_find },
	{ "patient show", "PATIENT [-o FORMAT]", run_patient_show, 0, "patient id" },
	{ "help", "[COMMAND]", run_help },
	{ "", "--list-commands", run_none },
	{ NULL },
};

static const struct px_command px_cmd = {
	"px", verbs,
	"px [--db FILE] [--as USER] [--config FILE] COMMAND [ARGS...]",
	"px --version",
	run_other,
};

int main(int argc, char **argv)
{
	return px_cli_main(&px_cmd, argc, argv);
}
