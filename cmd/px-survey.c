/* px-survey - survey templates, sending, tracking, answers and scores. */
#include <stdlib.h>
#include <string.h>

#include "px.h"

static const char usage[] =
	"usage: px-survey template add FILE...\n"
	"       px-survey template list [--all] [-o FORMAT]\n"
	"       px-survey template show NAME [VERSION] [-o FORMAT]\n"
	"       px-survey template disable NAME\n"
	"       px-survey send [--explain] [-i FORMAT] [FILE...]\n"
	"       px-survey send --due [--explain]\n"
	"       px-survey send --patient MRN --hospital CODE --template NAME [--channel CHANNEL] [--explain]\n"
	"       px-survey respond [--sms] [-i FORMAT] [FILE...]\n"
	"       px-survey track [-i FORMAT] [FILE...]\n"
	"       px-survey expire\n"
	"       px-survey remind [--explain]\n"
	"       px-survey list [--hospital CODE] [--department CODE] [--template NAME] [--status STATUS] [--negative] [--since TIME] [--until TIME] [-o FORMAT]\n"
	"       px-survey show SURVEY [-o FORMAT]\n"
	"       px-survey export --template NAME [--hospital CODE] [--department CODE] [--since TIME] [--until TIME] [-o FORMAT]\n"
	"       px-survey negative [--hospital CODE] [--since TIME] [--until TIME] [-o FORMAT]\n";

enum {
	OPT_ALL = PX_OPT_FIRST_FREE,
	OPT_EXPLAIN,
	OPT_DUE,
	OPT_PATIENT,
	OPT_HOSPITAL,
	OPT_TEMPLATE,
	OPT_CHANNEL,
	OPT_SMS,
	OPT_DEPARTMENT,
	OPT_STATUS,
	OPT_NEGATIVE,
	OPT_SINCE,
	OPT_UNTIL,
};

static const struct option opts[] = {
	PX_CLI_LONGOPTS,
	{ "all", no_argument, NULL, OPT_ALL },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "due", no_argument, NULL, OPT_DUE },
	{ "patient", required_argument, NULL, OPT_PATIENT },
	{ "hospital", required_argument, NULL, OPT_HOSPITAL },
	{ "template", required_argument, NULL, OPT_TEMPLATE },
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "sms", no_argument, NULL, OPT_SMS },
	{ "department", required_argument, NULL, OPT_DEPARTMENT },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "negative", no_argument, NULL, OPT_NEGATIVE },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ NULL, 0, NULL, 0 },
};

struct args {
	int all, explain, due, sms, negative;
	const char *patient, *hospital, *tpl, *channel, *department, *status;
	const char *since, *until;
	char **rest;
	int nrest;
};

static struct px_cli cli;
static struct px_writer *out;

static void parse(int argc, char **argv, struct args *a, const int *allowed)
{
	memset(a, 0, sizeof *a);
	int opt;
	while ((opt = px_cli_verb_next(&cli, argc, argv, opts, allowed)) != -1)
		switch (opt) {
		case OPT_ALL: a->all = 1; break;
		case OPT_EXPLAIN: a->explain = 1; break;
		case OPT_DUE: a->due = 1; break;
		case OPT_PATIENT: a->patient = optarg; break;
		case OPT_HOSPITAL: a->hospital = optarg; break;
		case OPT_TEMPLATE: a->tpl = optarg; break;
		case OPT_CHANNEL: a->channel = optarg; break;
		case OPT_SMS: a->sms = 1; break;
		case OPT_DEPARTMENT: a->department = optarg; break;
		case OPT_STATUS: a->status = optarg; break;
		case OPT_NEGATIVE: a->negative = 1; break;
		case OPT_SINCE: a->since = optarg; break;
		case OPT_UNTIL: a->until = optarg; break;
		}
	a->rest = argv + optind;
	a->nrest = argc - optind;
}

static void operands(const struct args *a, int min, int max, const char *what)
{
	px_cli_operands(&cli, a->nrest, a->rest, min, max, what);
}

static void emit(const struct px_rec *r, void *ctx)
{
	(void)ctx;
	px_cli_put(&cli, out, r);
}

static int explain;
static int64_t pending; /* respond: the survey awaiting completion */

static void skip(const char *subject, const char *reason, void *ctx)
{
	(void)ctx;
	if (explain)
		px_cli_warn(&cli, "%s: not sent: %s", subject, reason);
}

static struct px_survey_io io_open(enum px_fmt def)
{
	px_cli_open(&cli, 0);
	const struct px_user *actor = px_cli_actor(&cli);
	out = px_cli_writer(&cli, def);
	struct px_survey_io io = { cli.store, cli.config, actor, emit, skip, NULL, &pending };
	return io;
}

/* A library result: -1 reported (status of err), -2 fatal. */
static void check(int rc, struct px_err *err)
{
	if (rc == -2)
		px_cli_die(&cli, err);
	if (rc == -1)
		px_cli_report(&cli, err, NULL);
}

/* ---- per-record callbacks ---- */

typedef int (*rec_verb)(const struct px_survey_io *io, struct px_rec *r, struct px_err *err);

struct loop_ctx {
	struct px_survey_io *io;
	rec_verb fn;
};

static int on_record(struct px_rec *r, void *vctx, struct px_err *err)
{
	struct loop_ctx *ctx = vctx;
	int rc = ctx->fn(ctx->io, r, err);
	if (rc == 1)
		px_cli_put(&cli, out, r);
	return rc > 0 ? 0 : rc;
}

static int run_loop(struct px_survey_io *io, rec_verb fn, const struct args *a)
{
	struct loop_ctx ctx = { io, fn };
	struct px_loop loop = {
		.files = (const char *const *)a->rest, .fmt = cli.in, .fn = on_record,
		.ctx = &ctx, .report = px_cli_loop_report, .report_ctx = &cli,
	};
	px_cli_status(&cli, px_loop_run(&loop));
	struct px_err err;
	px_err_clear(&err);
	if (px_survey_respond_end(io, &err))
		px_cli_die(&cli, &err);
	return px_cli_finish(&cli, out);
}

static void report_due(const struct px_err *e, void *ctx)
{
	(void)ctx;
	px_cli_report(&cli, e, NULL);
}

/* ---- verbs ---- */

static int cmd_template(int argc, char **argv)
{
	static const int list_opts[] = { OPT_ALL, 0 };
	if (argc < 2)
		px_cli_usage_error(&cli, "missing template verb (add, list, show, disable)");
	const char *verb = argv[1];
	struct args a;
	struct px_err err;
	px_err_clear(&err);
	if (!strcmp(verb, "add")) {
		parse(argc - 1, argv + 1, &a, NULL);
		operands(&a, 1, 1000000, "template file");
		struct px_survey_io io = io_open(PX_FMT_JSONL);
		for (int i = 0; i < a.nrest; i++) {
			const char *action;
			px_err_clear(&err);
			int rc = px_survey_template_add(&io, a.rest[i], &action, &err);
			if (rc == -1 && err.code == PX_EPERM)
				px_cli_die(&cli, &err);
			check(rc, &err);
		}
		return px_cli_finish(&cli, out);
	}
	if (!strcmp(verb, "list")) {
		parse(argc - 1, argv + 1, &a, list_opts);
		operands(&a, 0, 0, "");
		struct px_survey_io io = io_open(PX_FMT_AUTO);
		check(px_survey_template_list(&io, a.all, &err), &err);
		return px_cli_finish(&cli, out);
	}
	if (!strcmp(verb, "show")) {
		parse(argc - 1, argv + 1, &a, NULL);
		operands(&a, 1, 2, "template name");
		long long v = 0;
		if (a.nrest > 1 && px_parse_int(a.rest[1], 1, 1000000, &v))
			px_cli_usage_error(&cli, "not a template version: '%s'", a.rest[1]);
		struct px_survey_io io = io_open(PX_FMT_JSONL);
		check(px_survey_template_show(&io, a.rest[0], (long)v, &err), &err);
		return px_cli_finish(&cli, out);
	}
	if (!strcmp(verb, "disable")) {
		parse(argc - 1, argv + 1, &a, NULL);
		operands(&a, 1, 1, "template name");
		struct px_survey_io io = io_open(PX_FMT_JSONL);
		check(px_survey_template_disable(&io, a.rest[0], &err), &err);
		return px_cli_finish(&cli, out);
	}
	px_cli_usage_error(&cli, "unknown template verb '%s'", verb);
}

static int cmd_send(int argc, char **argv)
{
	static const int send_opts[] = { OPT_EXPLAIN, OPT_DUE, OPT_PATIENT, OPT_HOSPITAL, OPT_TEMPLATE,
					 OPT_CHANNEL, 0 };
	struct args a;
	struct px_err err;
	px_err_clear(&err);
	parse(argc, argv, &a, send_opts);
	explain = a.explain;
	int one = a.patient || a.hospital || a.tpl || a.channel;
	if (one && (!a.patient || !a.hospital || !a.tpl))
		px_cli_usage_error(&cli, "send needs --patient, --hospital and --template together");
	if (one && (a.due || a.nrest))
		px_cli_usage_error(&cli, "send --patient takes no files and no --due");
	if (a.due && a.nrest)
		px_cli_usage_error(&cli, "send --due takes no files");
	struct px_survey_io io = io_open(PX_FMT_JSONL);
	if (one) {
		int rc = px_survey_send_patient(&io, a.hospital, a.patient, a.tpl, a.channel, &err);
		check(rc, &err);
		return px_cli_finish(&cli, out);
	}
	if (a.due) {
		int rc = px_survey_send_pending(&io, report_due, &err);
		if (rc < 0)
			px_cli_die(&cli, &err);
		px_cli_status(&cli, rc);
		return px_cli_finish(&cli, out);
	}
	return run_loop(&io, px_survey_send, &a);
}

static int cmd_respond(int argc, char **argv)
{
	static const int respond_opts[] = { OPT_SMS, 0 };
	struct args a;
	parse(argc, argv, &a, respond_opts);
	struct px_survey_io io = io_open(PX_FMT_JSONL);
	return run_loop(&io, a.sms ? px_survey_respond_sms : px_survey_respond, &a);
}

static int cmd_track(int argc, char **argv)
{
	struct args a;
	parse(argc, argv, &a, NULL);
	struct px_survey_io io = io_open(PX_FMT_JSONL);
	return run_loop(&io, px_survey_track, &a);
}

static int cmd_cron(int argc, char **argv, int remind)
{
	static const int remind_opts[] = { OPT_EXPLAIN, 0 };
	struct args a;
	struct px_err err;
	px_err_clear(&err);
	parse(argc, argv, &a, remind ? remind_opts : NULL);
	operands(&a, 0, 0, "");
	explain = a.explain;
	struct px_survey_io io = io_open(PX_FMT_JSONL);
	long n;
	int rc = remind ? px_survey_remind(&io, &n, &err) : px_survey_expire(&io, &n, &err);
	if (rc == -1)
		px_cli_die(&cli, &err);
	check(rc, &err);
	return px_cli_finish(&cli, out);
}

static int64_t when(const char *opt, const char *s)
{
	int64_t t = 0;
	if (s && px_time_parse(s, &t))
		px_cli_usage_error(&cli, "%s: not an ISO 8601 time: '%s'", opt, s);
	return t;
}

static int cmd_read(int argc, char **argv, const char *verb)
{
	static const int list_opts[] = { OPT_HOSPITAL, OPT_DEPARTMENT, OPT_TEMPLATE, OPT_STATUS,
					 OPT_NEGATIVE, OPT_SINCE, OPT_UNTIL, 0 };
	static const int export_opts[] = { OPT_HOSPITAL, OPT_DEPARTMENT, OPT_TEMPLATE, OPT_SINCE,
					   OPT_UNTIL, 0 };
	static const int negative_opts[] = { OPT_HOSPITAL, OPT_SINCE, OPT_UNTIL, 0 };
	struct args a;
	struct px_err err;
	px_err_clear(&err);
	const int *allowed = !strcmp(verb, "list") ? list_opts : !strcmp(verb, "export") ? export_opts
			     : !strcmp(verb, "negative") ? negative_opts : NULL;
	parse(argc, argv, &a, allowed);
	operands(&a, !strcmp(verb, "show"), !strcmp(verb, "show"), "survey id");
	px_cli_config(&cli);
	struct px_survey_filter f = {
		.hospital = a.hospital, .department = a.department, .tpl = a.tpl, .status = a.status,
		.negative = a.negative, .since = when("--since", a.since), .until = when("--until", a.until),
	};
	if (!strcmp(verb, "export") && !a.tpl)
		px_cli_usage_error(&cli, "export needs --template");
	int rc;
	if (!strcmp(verb, "export")) {
		struct px_survey_io io = io_open(PX_FMT_CSV);
		rc = px_survey_export(&io, &f, &err);
	} else if (!strcmp(verb, "negative")) {
		struct px_survey_io io = io_open(PX_FMT_JSONL);
		rc = px_survey_negatives(&io, &f, &err);
	} else if (!strcmp(verb, "show")) {
		struct px_survey_io io = io_open(PX_FMT_JSONL);
		rc = px_survey_show(&io, a.rest[0], &err);
	} else {
		struct px_survey_io io = io_open(PX_FMT_AUTO);
		rc = px_survey_list(&io, &f, &err);
	}
	if (rc == -1 && err.code == PX_EPERM)
		px_cli_die(&cli, &err);
	check(rc, &err);
	return px_cli_finish(&cli, out);
}

int main(int argc, char **argv)
{
	px_cli_init(&cli, "px-survey", usage);
	/* common options may come before the verb */
	int opt;
	while ((opt = getopt_long(argc, argv, "+" PX_CLI_SHORTOPTS, opts, NULL)) != -1)
		if (!px_cli_option(&cli, opt, optarg))
			px_cli_usage_error(&cli, "option '%s' goes after the verb", argv[optind - 1]);
	if (optind >= argc)
		px_cli_usage_error(&cli, "missing verb");
	argc -= optind - 1;
	argv += optind - 1;
	const char *verb = argv[1];
	argc--;
	argv++;
	if (!strcmp(verb, "template"))
		return cmd_template(argc, argv);
	if (!strcmp(verb, "send"))
		return cmd_send(argc, argv);
	if (!strcmp(verb, "respond"))
		return cmd_respond(argc, argv);
	if (!strcmp(verb, "track"))
		return cmd_track(argc, argv);
	if (!strcmp(verb, "expire"))
		return cmd_cron(argc, argv, 0);
	if (!strcmp(verb, "remind"))
		return cmd_cron(argc, argv, 1);
	if (!strcmp(verb, "list") || !strcmp(verb, "show") || !strcmp(verb, "export") ||
	    !strcmp(verb, "negative"))
		return cmd_read(argc, argv, verb);
	px_cli_usage_error(&cli, "unknown verb '%s'", verb);
}
