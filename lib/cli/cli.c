/* cli.c - the common shape of every px command's main(). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/banned.h"

void px_cli_init(struct px_cli *c, const char *prog, const char *usage)
{
	memset(c, 0, sizeof *c);
	c->prog = prog;
	c->usage = usage;
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

_Noreturn void px_cli_usage_error(struct px_cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", c->prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	fputs(c->usage, stderr);
	exit(PX_EUSAGE);
}

static void print_err(struct px_cli *c, const struct px_err *err)
{
	char buf[2048];
	px_err_format(err, buf, sizeof buf);
	fprintf(stderr, "%s: %s\n", c->prog, buf);
}

_Noreturn void px_cli_die(struct px_cli *c, const struct px_err *err)
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

void px_cli_report(struct px_cli *c, const struct px_err *err, const char *raw)
{
	print_err(c, err);
	px_cli_status(c, err->code ? err->code : PX_EREJECT);
	if (c->rejects && raw) {
		fputs(raw, c->rejects);
		fputc('\n', c->rejects);
		fflush(c->rejects);
	}
}

void px_cli_loop_report(const struct px_err *err, const char *raw, void *ctx)
{
	px_cli_report(ctx, err, raw);
}

int px_cli_option(struct px_cli *c, int opt, const char *arg)
{
	switch (opt) {
	case PX_OPT_DB:
		if (!*arg)
			px_cli_usage_error(c, "--db needs a file name");
		c->db = arg;
		return 1;
	case PX_OPT_AS:
		c->as = arg;
		return 1;
	case PX_OPT_CONFIG:
		c->config_path = arg;
		return 1;
	case 'i':
		if (px_fmt_parse(arg, &c->in) || c->in == PX_FMT_TABLE)
			px_cli_usage_error(c, "unknown input format '%s'", arg);
		return 1;
	case 'o':
		if (px_fmt_parse(arg, &c->out) || c->out == PX_FMT_HL7)
			px_cli_usage_error(c, "unknown output format '%s'", arg);
		c->out_set = 1;
		return 1;
	case 'h':
		fputs(c->usage, stdout);
		exit(fflush(stdout) ? PX_ESTORE : PX_OK);
	case PX_OPT_VERSION:
		printf("%s %s\n", c->prog, PX_VERSION);
		exit(fflush(stdout) ? PX_ESTORE : PX_OK);
	case '?':
		fputs(c->usage, stderr);
		exit(PX_EUSAGE);
	}
	return 0;
}

int px_cli_verb_next(struct px_cli *c, int argc, char **argv, const struct option *opts,
		     const int *allowed)
{
	if (argv[0] != (char *)c->prog) {
		/* 0: a full restart of glibc's getopt, after any earlier scan */
		optind = 0;
		argv[0] = (char *)c->prog;
	}
	int opt;
	while ((opt = getopt_long(argc, argv, PX_CLI_SHORTOPTS, opts, NULL)) != -1) {
		if (px_cli_option(c, opt, optarg))
			continue;
		for (const int *p = allowed; p && *p; p++)
			if (*p == opt)
				return opt;
		px_cli_usage_error(c, "option '%s' does not apply here", argv[optind - 1]);
	}
	return -1;
}

void px_cli_operands(struct px_cli *c, int n, char **operands, int min, int max,
		     const char *what)
{
	if (n < min)
		px_cli_usage_error(c, "missing %s", what);
	if (n > max)
		px_cli_usage_error(c, "unexpected argument '%s'", operands[max]);
}

void px_cli_config(struct px_cli *c)
{
	if (c->config)
		return;
	struct px_err err;
	px_err_clear(&err);
	c->config = px_config_load(c->config_path, &err);
	if (!c->config)
		px_cli_die(c, &err);
	if (px_time_set_zone(px_config_get(c->config, "time.zone", PX_TIME_DEFAULT_ZONE), &err))
		px_cli_die(c, &err);
	int64_t now;
	if (px_time_now(&now, &err))
		px_cli_die(c, &err);
}

const char *px_cli_db_path(struct px_cli *c)
{
	const char *p = c->db;
	if (!p || !*p)
		p = getenv("PX_DB");
	if (!p || !*p)
		p = px_config_get(c->config, "store.db", NULL);
	return p && *p ? p : "px.db";
}

struct px_store *px_cli_open(struct px_cli *c, int flags)
{
	struct px_err err;
	px_err_clear(&err);
	px_cli_config(c);
	c->store = px_store_open(px_cli_db_path(c), flags, &err);
	if (!c->store)
		px_cli_die(c, &err);
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
		px_cli_die(c, &err);
	c->have_user = 1;
	return &c->user;
}

struct px_writer *px_cli_writer(struct px_cli *c, enum px_fmt def)
{
	enum px_fmt f = c->out_set ? c->out : def;
	if (f == PX_FMT_AUTO)
		f = isatty(STDOUT_FILENO) ? PX_FMT_TABLE : PX_FMT_JSONL;
	return px_writer_new(stdout, f);
}

void px_cli_put(struct px_cli *c, struct px_writer *w, const struct px_rec *r)
{
	struct px_err err;
	px_err_clear(&err);
	if (px_writer_put(w, r, &err))
		px_cli_die(c, &err);
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
