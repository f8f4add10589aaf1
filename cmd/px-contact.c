/* px-contact - the closed loop on negative surveys, feedback, and the
 * calls of the call centres. */
#include "px.h"

/* Exits with a usage error unless the option's value is one that parse
 * knows (the names are lib/cases'). */
static void known(struct px_cli *c, const char *opt, int (*parse)(const char *))
{
	const char *v = px_opt(c, opt);
	if (v && parse(v) < 0)
		px_cli_bad_usage(c, "--%s: unknown value '%s'", opt, v);
}

/* ---- the loop ---- */

static int run_queue(struct px_cli *c)
{
	known(c, "state", px_followup_states_parse);
	struct px_followup_filter f = {
		.hospital = px_opt(c, "hospital"), .department = px_opt(c, "department"),
		.state = px_opt(c, "state"), .all = px_opt(c, "all") != NULL,
		.since = px_opt_time(c, "since"), .until = px_opt_time(c, "until"),
	};
	if (c->argc) {
		static const struct px_handler handlers[] = {
			{ "survey.negative", px_followup_queue_record },
			{ NULL, NULL },
		};
		/* a filter in a pipe: records out as they came in */
		if (!c->out_set) {
			c->out = PX_FMT_JSONL;
			c->out_set = 1;
		}
		return px_cli_loop(c, handlers);
	}
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_followup_queue(px_cli_ctx(c), &f, &err), &err);
}

static int run_log(struct px_cli *c)
{
	int resolved = px_opt(c, "resolved") != NULL, explained = px_opt(c, "explained") != NULL;
	if (resolved && explained)
		px_cli_bad_usage(c, "--resolved and --explained exclude each other");
	struct px_err err;
	px_err_clear(&err);
	int rc = px_followup_log(px_cli_ctx(c), c->argv[0], px_opt(c, "notes"),
				 resolved ? "resolved" : explained ? "explained" : NULL, &err);
	return px_cli_result(c, rc, &err);
}

static int run_satisfaction(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	int rc = px_followup_satisfaction(px_cli_ctx(c), c->argv[0], px_opt(c, "again") != NULL,
					  &err);
	return px_cli_result(c, rc, &err);
}

static int run_close(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	int rc = px_followup_close(px_cli_ctx(c), c->argv[0], px_opt(c, "notes"), &err);
	return px_cli_result(c, rc, &err);
}

static int run_escalate(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	int rc = px_followup_escalate(px_cli_ctx(c), c->argv[0], px_opt(c, "notes"), &err);
	return px_cli_result(c, rc, &err);
}

static int run_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_followup_show(px_cli_ctx(c), c->argv[0], &err), &err);
}

/* ---- feedback ---- */

static int run_feedback_list(struct px_cli *c)
{
	known(c, "type", px_feedback_type_parse);
	known(c, "status", px_feedback_status_parse);
	struct px_feedback_filter f = { px_opt(c, "hospital"), px_opt(c, "type"), px_opt(c, "status") };
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_feedback_list(px_cli_ctx(c), &f, &err), &err);
}

static int run_feedback_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_followup_feedback_show(px_cli_ctx(c), c->argv[0], &err), &err);
}

static int run_feedback_add(struct px_cli *c)
{
	known(c, "type", px_feedback_type_parse);
	struct px_feedback_spec spec = {
		.type = px_opt(c, "type"), .hospital = px_opt(c, "hospital"),
		.department = px_opt(c, "department"), .mrn = px_opt(c, "patient"),
		.notes = px_opt(c, "notes"),
	};
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_feedback_add(px_cli_ctx(c), &spec, &err), &err);
}

static int run_feedback_set(struct px_cli *c)
{
	known(c, "status", px_feedback_status_parse);
	struct px_err err;
	px_err_clear(&err);
	int rc = px_feedback_set(px_cli_ctx(c), c->argv[0], px_opt(c, "status"), px_opt(c, "notes"),
				 &err);
	return px_cli_result(c, rc, &err);
}

/* ---- calls ---- */

static int run_call_import(struct px_cli *c)
{
	static const struct px_handler handlers[] = { { NULL, px_call_take }, { NULL, NULL } };
	struct px_loop loop = { .batch = 500 };
	int rc = px_cli_loop_tx(c, handlers, &loop);
	if (px_opt(c, "progress") || px_opt(c, "dry-run"))
		px_cli_warn(c, "%s%ld records, %ld rejected", px_opt(c, "dry-run") ? "dry run: " : "",
			    loop.records, loop.rejected);
	return rc;
}

static int run_call_list(struct px_cli *c)
{
	const char *type = px_opt(c, "type"), *max = px_opt(c, "rating-max");
	if (type && !px_call_type_parse(type))
		px_cli_bad_usage(c, "--type: unknown type of call '%s' (%s)", type, px_call_types());
	long long n = 0;
	if (max && px_parse_int(max, 1, 5, &n))
		px_cli_bad_usage(c, "--rating-max: '%s' is not a rating from 1 to 5", max);
	struct px_call_filter f = {
		.hospital = px_opt(c, "hospital"), .agent = px_opt(c, "agent"), .type = type,
		.rating_max = (int)n, .since = px_opt_time(c, "since"), .until = px_opt_time(c, "until"),
	};
	static const char *const cols[] = {
		"external_id", "started_at", "hospital", "department", "call_type", "agent", "rating",
		"resolution", NULL,
	};
	px_cli_table_columns(c, "call", cols);
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_call_list(px_cli_ctx(c), &f, &err), &err);
}

static int run_call_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_call_show(px_cli_ctx(c), c->argv[0], &err), &err);
}

static const struct px_verb verbs[] = {
	{ "queue", "[--hospital CODE] [--department CODE] [--state STATE] [--all] [--since TIME] "
		   "[--until TIME] [-o FORMAT] [FILE...]", run_queue },
	{ "log", "SURVEY --notes TEXT [--resolved | --explained]", run_log, PX_FMT_JSONL, "survey id" },
	{ "satisfaction", "SURVEY [--again]", run_satisfaction, PX_FMT_JSONL, "survey id" },
	{ "close", "SURVEY --notes TEXT", run_close, PX_FMT_JSONL, "survey id" },
	{ "escalate", "SURVEY --notes TEXT", run_escalate, PX_FMT_JSONL, "survey id" },
	{ "show", "SURVEY [-o FORMAT]", run_show, 0, "survey id" },
	{ "feedback list", "[--hospital CODE] [--type TYPE] [--status STATUS] [-o FORMAT]",
	  run_feedback_list },
	{ "feedback show", "FEEDBACK [-o FORMAT]", run_feedback_show, 0, "feedback id" },
	{ "feedback add", "--type TYPE --hospital CODE [--department CODE] [--patient MRN] "
			  "--notes TEXT", run_feedback_add, PX_FMT_JSONL },
	{ "feedback set", "FEEDBACK --status STATUS [--notes TEXT]", run_feedback_set, PX_FMT_JSONL,
	  "feedback id" },
	{ "call import", "[-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]",
	  run_call_import, PX_FMT_JSONL },
	{ "call list", "[--hospital CODE] [--agent NAME] [--type TYPE] [--rating-max N] "
		       "[--since TIME] [--until TIME] [-o FORMAT]", run_call_list },
	{ "call show", "ID [-o FORMAT]", run_call_show, 0, "call id" },
	{ NULL },
};

static const struct px_command cmd = { "px-contact", verbs };

int main(int argc, char **argv)
{
	return px_cli_main(&cmd, argc, argv);
}
