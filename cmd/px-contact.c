/* px-contact - the closed loop on negative surveys. */
#include <stdlib.h>
#include <string.h>

#include "px.h"

static const char usage[] =
	"usage: px-contact queue [--hospital CODE] [--department CODE] [--state STATE] [--all] [--since TIME] [--until TIME] [-o FORMAT] [FILE...]\n"
	"       px-contact log SURVEY --notes TEXT [--resolved | --explained]\n"
	"       px-contact satisfaction SURVEY [--again]\n"
	"       px-contact close SURVEY --notes TEXT\n"
	"       px-contact escalate SURVEY --notes TEXT\n"
	"       px-contact show SURVEY [-o FORMAT]\n"
	"       px-contact feedback list [--hospital CODE] [--type TYPE] [--status STATUS] [-o FORMAT]\n"
	"       px-contact feedback show FEEDBACK [-o FORMAT]\n"
	"       px-contact feedback add --type TYPE --hospital CODE [--department CODE] [--patient MRN] --notes TEXT\n"
	"       px-contact feedback set FEEDBACK --status STATUS [--notes TEXT]\n";

enum {
	OPT_HOSPITAL = PX_OPT_FIRST_FREE,
	OPT_DEPARTMENT,
	OPT_STATE,
	OPT_ALL,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_NOTES,
	OPT_RESOLVED,
	OPT_EXPLAINED,
	OPT_AGAIN,
	OPT_TYPE,
	OPT_STATUS,
	OPT_PATIENT,
};

static const struct option opts[] = {
	PX_CLI_LONGOPTS,
	{ "hospital", required_argument, NULL, OPT_HOSPITAL },
	{ "department", required_argument, NULL, OPT_DEPARTMENT },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "notes", required_argument, NULL, OPT_NOTES },
	{ "resolved", no_argument, NULL, OPT_RESOLVED },
	{ "explained", no_argument, NULL, OPT_EXPLAINED },
	{ "again", no_argument, NULL, OPT_AGAIN },
	{ "type", required_argument, NULL, OPT_TYPE },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "patient", required_argument, NULL, OPT_PATIENT },
	{ NULL, 0, NULL, 0 },
};

struct args {
	const char *hospital, *department, *state, *since, *until, *notes, *type, *status, *patient;
	int all, resolved, explained, again;
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
		case OPT_HOSPITAL: a->hospital = optarg; break;
		case OPT_DEPARTMENT: a->department = optarg; break;
		case OPT_STATE: a->state = optarg; break;
		case OPT_ALL: a->all = 1; break;
		case OPT_SINCE: a->since = optarg; break;
		case OPT_UNTIL: a->until = optarg; break;
		case OPT_NOTES: a->notes = optarg; break;
		case OPT_RESOLVED: a->resolved = 1; break;
		case OPT_EXPLAINED: a->explained = 1; break;
		case OPT_AGAIN: a->again = 1; break;
		case OPT_TYPE: a->type = optarg; break;
		case OPT_STATUS: a->status = optarg; break;
		case OPT_PATIENT: a->patient = optarg; break;
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

static int64_t time_arg(const char *opt, const char *v)
{
	int64_t t = 0;
	if (v && px_time_parse(v, &t))
		px_cli_usage_error(&cli, "%s: not an ISO 8601 time: '%s'", opt, v);
	return t;
}

static const char *const states[] = { "awaiting_contact", "contacted", "satisfaction_sent",
				      "closed", "escalated", NULL };
static const char *const fb_types[] = { "compliment", "suggestion", "general", "inquiry",
					"satisfaction_check", NULL };
static const char *const fb_statuses[] = { "submitted", "reviewed", "acknowledged", "closed", NULL };

static void one_of(const char *opt, const char *v, const char *const *allowed)
{
	if (!v)
		return;
	for (const char *const *p = allowed; *p; p++)
		if (!strcmp(v, *p))
			return;
	px_cli_usage_error(&cli, "%s: unknown value '%s'", opt, v);
}

static int queue_record(struct px_rec *r, void *ctx, struct px_err *err)
{
	int rc = px_contact_queue_record(ctx, r, err);
	if (rc == 1)
		px_cli_put(&cli, out, r);
	return rc > 0 ? 0 : rc;
}

/* Ends the command after a single-object verb. */
static int done(int rc, struct px_err *err)
{
	if (rc)
		px_cli_report(&cli, err, NULL);
	return px_cli_finish(&cli, out);
}

int main(int argc, char **argv)
{
	static const int queue_opts[] = { OPT_HOSPITAL, OPT_DEPARTMENT, OPT_STATE, OPT_ALL,
					  OPT_SINCE, OPT_UNTIL, 0 };
	static const int log_opts[] = { OPT_NOTES, OPT_RESOLVED, OPT_EXPLAINED, 0 };
	static const int sat_opts[] = { OPT_AGAIN, 0 };
	static const int notes_opts[] = { OPT_NOTES, 0 };
	static const int fb_opts[] = { OPT_HOSPITAL, OPT_TYPE, OPT_STATUS, 0 };
	static const int fb_add_opts[] = { OPT_TYPE, OPT_HOSPITAL, OPT_DEPARTMENT, OPT_PATIENT,
					   OPT_NOTES, 0 };
	static const int fb_set_opts[] = { OPT_STATUS, OPT_NOTES, 0 };

	px_cli_init(&cli, "px-contact", usage);
	int opt;
	while ((opt = getopt_long(argc, argv, "+" PX_CLI_SHORTOPTS, opts, NULL)) != -1)
		if (!px_cli_option(&cli, opt, optarg))
			px_cli_usage_error(&cli, "option '%s' must follow the verb", argv[optind - 1]);
	if (optind >= argc)
		px_cli_usage_error(&cli, "missing verb");
	char **sub = argv + optind;
	int nsub = argc - optind;
	const char *verb = sub[0];
	struct args a;
	struct px_err err;
	px_err_clear(&err);
	struct px_contact_io io = { .emit = emit };
	int listing = !strcmp(verb, "queue") || !strcmp(verb, "show") ||
		      (!strcmp(verb, "feedback") && nsub > 1 && (!strcmp(sub[1], "list") ||
								 !strcmp(sub[1], "show")));
	const int *allowed = !strcmp(verb, "queue") ? queue_opts : !strcmp(verb, "log") ? log_opts
			     : !strcmp(verb, "satisfaction") ? sat_opts
			     : !strcmp(verb, "close") || !strcmp(verb, "escalate") ? notes_opts
			     : !strcmp(verb, "feedback") ? fb_opts
			     : !strcmp(verb, "show") ? (const int[]){ 0 } : NULL;
	if (!allowed)
		px_cli_usage_error(&cli, "unknown verb '%s'", verb);
	/* parse() names argv[0] after the program: keep the verbs first */
	const char *fverb = nsub > 1 ? sub[1] : "";
	int fshow = !strcmp(fverb, "show"), fadd = !strcmp(fverb, "add"), fset = !strcmp(fverb, "set");
	if (!strcmp(verb, "feedback")) {
		if (strcmp(fverb, "list") && !fshow && !fadd && !fset)
			px_cli_usage_error(&cli, "feedback needs 'list', 'show', 'add' or 'set'");
		parse(nsub - 1, sub + 1, &a, fshow ? (const int[]){ 0 } : fadd ? fb_add_opts
					     : fset ? fb_set_opts : fb_opts);
	} else {
		parse(nsub, sub, &a, allowed);
	}
	if (!strcmp(verb, "queue")) {
		one_of("--state", a.state, states);
	} else if (!strcmp(verb, "feedback")) {
		one_of("--type", a.type, fb_types);
		one_of("--status", a.status, fb_statuses);
		if (fshow || fset)
			operands(&a, 1, 1, "feedback id");
		else
			operands(&a, 0, 0, "");
		if (fadd && (!a.type || !a.hospital || !a.notes || !*a.notes))
			px_cli_usage_error(&cli, "feedback add needs --type, --hospital and --notes");
		if (fset && !a.status)
			px_cli_usage_error(&cli, "feedback set needs --status");
	} else {
		operands(&a, 1, 1, "survey id");
	}
	if (!strcmp(verb, "log") && a.resolved && a.explained)
		px_cli_usage_error(&cli, "--resolved and --explained exclude each other");
	if ((!strcmp(verb, "log") || !strcmp(verb, "close") || !strcmp(verb, "escalate")) &&
	    (!a.notes || !*a.notes))
		px_cli_usage_error(&cli, "%s needs --notes", verb);
	struct px_contact_filter f = {
		.hospital = a.hospital, .department = a.department, .state = a.state, .all = a.all,
		.since = time_arg("--since", a.since), .until = time_arg("--until", a.until),
	};

	io.st = px_cli_open(&cli, 0);
	io.cfg = cli.config;
	io.actor = px_cli_actor(&cli);
	out = px_cli_writer(&cli, listing && !(a.nrest && !strcmp(verb, "queue")) ? PX_FMT_AUTO
											 : PX_FMT_JSONL);
	if (!strcmp(verb, "queue")) {
		if (!a.nrest)
			return done(px_contact_queue(&io, &f, &err), &err);
		struct px_loop loop = {
			.files = (const char *const *)a.rest, .fmt = cli.in, .fn = queue_record,
			.ctx = &io, .report = px_cli_loop_report, .report_ctx = &cli,
		};
		px_cli_status(&cli, px_loop_run(&loop));
		return px_cli_finish(&cli, out);
	}
	if (!strcmp(verb, "feedback")) {
		if (fshow)
			return done(px_contact_feedback_show(&io, a.rest[0], &err), &err);
		if (fadd)
			return done(px_contact_feedback_add(&io, a.type, a.hospital, a.department,
							    a.patient, a.notes, &err), &err);
		if (fset)
			return done(px_contact_feedback_set(&io, a.rest[0], a.status, a.notes, &err), &err);
		struct px_feedback_filter ff = { a.hospital, a.type, a.status };
		return done(px_contact_feedback_list(&io, &ff, &err), &err);
	}
	const char *survey = a.rest[0];
	int rc;
	if (!strcmp(verb, "log"))
		rc = px_contact_log(&io, survey, a.notes,
				    a.resolved ? "resolved" : a.explained ? "explained" : NULL, &err);
	else if (!strcmp(verb, "satisfaction"))
		rc = px_contact_satisfaction(&io, survey, a.again, &err);
	else if (!strcmp(verb, "close"))
		rc = px_contact_close(&io, survey, a.notes, &err);
	else if (!strcmp(verb, "escalate"))
		rc = px_contact_escalate(&io, survey, a.notes, &err);
	else
		rc = px_contact_show(&io, survey, &err);
	return done(rc, &err);
}
