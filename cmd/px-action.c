/* px-action - improvement actions raised by negative feedback, routed,
 * worked with evidence and root causes, and approved before they close. */
#include <stdlib.h>
#include <string.h>

#include "px.h"

static int run_raise(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	struct px_ctx *cx = px_cli_ctx(c);
	if (px_opt(c, "from-store")) {
		if (c->argc)
			px_cli_bad_usage(c, "--from-store reads no files");
		long counts[2];
		int rc = px_report_raise(cx, counts, &err);
		if (!rc && px_opt(c, "v"))
			px_cli_warn(c, "%ld triggers, %ld actions raised", counts[0], counts[1]);
		return px_cli_result(c, rc, &err);
	}
	const struct px_handler handlers[] = {
		{ "survey.negative", px_raise_record }, { "survey.escalated", px_raise_record },
		{ "complaint.unsatisfied", px_raise_record }, { "case", px_raise_record },
		{ "call", px_raise_record }, { NULL, px_raise_record }, { NULL, NULL },
	};
	struct px_loop loop = { .batch = 500 };
	int rc = px_cli_loop_tx(c, handlers, &loop);
	px_raise_done(cx);
	if (px_opt(c, "progress") || px_opt(c, "dry-run"))
		px_cli_warn(c, "%s%ld records, %ld rejected", px_opt(c, "dry-run") ? "dry run: " : "",
			    loop.records, loop.rejected);
	return rc;
}

static int run_new(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	struct px_action_new n = {
		.hospital = px_opt(c, "hospital"), .department = px_opt(c, "department"),
		.title = px_opt(c, "title"), .description = px_opt(c, "description"),
		.priority = px_opt(c, "priority"), .owner = px_opt(c, "owner"),
		.owner_department = px_opt(c, "owner-department"),
	};
	return px_cli_result(c, px_action_open(px_cli_ctx(c), &n, &err), &err);
}

static struct px_workflow *workflow(struct px_cli *c, struct px_err *err)
{
	struct px_workflow *wf = NULL;
	int rc = px_case_workflow(px_cli_ctx(c), "action", &wf, err);
	if (rc) {
		px_cli_result(c, rc, err);
		return NULL;
	}
	return wf;
}

static int run_list(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	const char *owner = px_opt(c, "owner"), *state = px_opt(c, "state");
	if (owner && px_opt(c, "mine"))
		px_cli_bad_usage(c, "--owner and --mine exclude each other");
	if (state && px_opt(c, "awaiting-approval"))
		px_cli_bad_usage(c, "--state and --awaiting-approval exclude each other");
	struct px_ctx *cx = px_cli_ctx(c);
	if (px_opt(c, "mine"))
		owner = cx->actor->name;
	if (px_opt(c, "awaiting-approval"))
		state = "pending_approval";
	struct px_case_filter f = {
		.hospital = px_opt(c, "hospital"), .department = px_opt(c, "department"),
		.state = state, .source = px_opt(c, "source"), .owner = owner,
		.since = px_opt_time(c, "since"), .until = px_opt_time(c, "until"),
		.overdue = px_opt(c, "overdue") != NULL,
	};
	static const char *const cols[] = {
		"ref", "state", "hospital", "department", "owner_department", "owner", "priority",
		"source", "created_at", "title", NULL,
	};
	px_cli_table_columns(c, "case", cols);
	struct px_workflow *wf = workflow(c, &err);
	if (!wf)
		return c->status;
	int rc = px_case_list(cx, wf, &f, &err);
	px_workflow_free(wf);
	return px_cli_result(c, rc, &err);
}

static int run_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	px_cli_tables_by_type(c);
	return px_cli_result(c, px_action_show(px_cli_ctx(c), c->argv[0], &err), &err);
}

static int run_assign(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	if (!px_opt(c, "to") && !px_opt(c, "department"))
		px_cli_bad_usage(c, "assign needs --to USER or --department CODE");
	return px_cli_result(c, px_action_assign(px_cli_ctx(c), c->argv[0], px_opt(c, "to"),
						 px_opt(c, "department"), &err), &err);
}

static int run_note(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_action_note(px_cli_ctx(c), c->argv[0], px_opt(c, "text"),
					       px_opt(c, "evidence") != NULL, &err), &err);
}

/* A move: the verb's name, its options as the move's fields. */
static int run_move(struct px_cli *c)
{
	static const char *const opts[] = { "note", "reason", NULL };
	struct px_rec *f = px_rec_new(NULL);
	for (int i = 0; opts[i]; i++)
		if (px_opt(c, opts[i]))
			px_rec_set_str(f, opts[i], px_opt(c, opts[i]));
	struct px_err err;
	px_err_clear(&err);
	int rc = px_action_move(px_cli_ctx(c), c->argv[0], c->verb->name, f, &err);
	px_rec_free(f);
	return px_cli_result(c, rc, &err);
}

static int run_attach(struct px_cli *c)
{
	return px_cli_attach(c, "action");
}

static int run_attachment(struct px_cli *c)
{
	return px_cli_attachment(c, "action");
}

static int run_route(struct px_cli *c)
{
	if (!px_opt(c, "explain"))
		px_cli_bad_usage(c, "route needs --explain");
	const struct px_handler handlers[] = { { NULL, px_route_explain }, { NULL, NULL } };
	return px_cli_loop(c, handlers);
}

/* A number from 1 to 5 of an option, or a usage error. */
static int score(struct px_cli *c, const char *opt)
{
	long long v;
	const char *s = px_opt(c, opt);
	if (!s || px_parse_int(s, 1, 5, &v))
		px_cli_bad_usage(c, "--%s needs a number from 1 to 5, not '%s'", opt, s ? s : "");
	return (int)v;
}

static int run_rca(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	struct px_ctx *cx = px_cli_ctx(c);
	const char *verb = strchr(c->verb->name, ' ') + 1, *ref = c->argv[0];
	int rc;
	if (!strcmp(verb, "add-cause")) {
		const char *cat = px_opt(c, "category");
		if (!px_rca_category_ok(cat))
			px_cli_bad_usage(c, "--category: unknown category '%s' (%s)", cat,
					 px_rca_categories());
		rc = px_rca_cause_add(cx, ref, cat, px_opt(c, "text"), &err);
	} else if (!strcmp(verb, "add-corrective")) {
		rc = px_rca_corrective_add(cx, ref, px_opt(c, "text"), px_opt(c, "owner"),
					   px_opt(c, "due"), &err);
	} else if (!strcmp(verb, "review")) {
		long long n;
		if (px_parse_int(c->argv[1], 1, 1000000, &n))
			px_cli_bad_usage(c, "review needs the number of a corrective action, not '%s'",
					 c->argv[1]);
		rc = px_rca_review(cx, ref, (int)n, score(c, "effectiveness"), &err);
	} else if (!strcmp(verb, "risk")) {
		rc = px_rca_risk(cx, ref, score(c, "likelihood"), score(c, "impact"), &err);
	} else {
		px_cli_tables_by_type(c);
		rc = px_rca_show(cx, ref, &err);
	}
	return px_cli_result(c, rc, &err);
}

static int run_rules(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	struct px_ctx *cx = px_cli_ctx(c);
	const char *verb = strchr(c->verb->name, ' ') + 1;
	int routing = px_opt(c, "routing") != NULL, rc;
	if (!strcmp(verb, "show")) {
		char *text = NULL, from[512];
		rc = px_action_rules_text(cx, routing, &text, from, &err);
		if (!rc && (fputs(text, stdout) == EOF || fflush(stdout))) {
			px_cli_warn(c, "standard output: write error");
			px_cli_status(c, PX_ESTORE);
		}
		free(text);
		return px_cli_result(c, rc, &err);
	}
	if (!strcmp(verb, "reset"))
		return px_cli_result(c, px_action_rules_store(cx, routing, NULL, 0, NULL, &err), &err);
	/* load FILE: read whole ("-": standard input) */
	const char *path = c->argv[0];
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		px_cli_warn(c, "%s: cannot read it", path);
		px_cli_status(c, PX_EINPUT);
		return c->status;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	char chunk[4096];
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n > cap)
			buf = px_xrealloc(buf, cap = 2 * (len + n));
		memcpy(buf + len, chunk, n);
		len += n;
	}
	int bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad) {
		free(buf);
		px_cli_warn(c, "%s: cannot read it", path);
		px_cli_status(c, PX_EINPUT);
		return c->status;
	}
	rc = px_action_rules_store(cx, routing, buf ? buf : "", len, path, &err);
	free(buf);
	return px_cli_result(c, rc, &err);
}

#define LOOP_OPTS "[-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]"
#define LIST_OPTS "[--hospital CODE] [--department CODE] [--state STATE | --awaiting-approval] " \
	"[--source SOURCE] [--owner USER | --mine] [--overdue] [--since TIME] [--until TIME] " \
	"[-o FORMAT]"

static const struct px_verb verbs[] = {
	{ "raise", LOOP_OPTS "\n--from-store [-v]", run_raise, PX_FMT_JSONL },
	{ "new", "--hospital CODE --title TEXT [--department CODE] [--description TEXT] "
		 "[--priority LEVEL] [--owner USER] [--owner-department CODE]", run_new, PX_FMT_JSONL },
	{ "list", LIST_OPTS, run_list },
	{ "show", "REF [-o FORMAT]", run_show, 0, "action reference" },
	{ "assign", "REF [--to USER] [--department CODE]", run_assign, PX_FMT_JSONL,
	  "action reference" },
	{ "note", "REF --text TEXT [--evidence]", run_note, PX_FMT_JSONL, "action reference" },
	{ "attach", "REF FILE", run_attach, PX_FMT_JSONL, "action reference" },
	{ "attachment", "REF ID", run_attachment, PX_FMT_JSONL, "action reference" },
	{ "start", "REF [--note TEXT]", run_move, PX_FMT_JSONL, "action reference" },
	{ "submit", "REF [--note TEXT]", run_move, PX_FMT_JSONL, "action reference" },
	{ "approve", "REF [--note TEXT]", run_move, PX_FMT_JSONL, "action reference" },
	{ "reject", "REF --reason TEXT [--note TEXT]", run_move, PX_FMT_JSONL, "action reference" },
	{ "close", "REF [--note TEXT]", run_move, PX_FMT_JSONL, "action reference" },
	{ "cancel", "REF --reason TEXT", run_move, PX_FMT_JSONL, "action reference" },
	{ "route", "--explain [-i FORMAT] [-o FORMAT] [FILE...]", run_route },
	{ "rca add-cause", "REF --category CATEGORY --text TEXT", run_rca, PX_FMT_JSONL,
	  "case reference" },
	{ "rca add-corrective", "REF --text TEXT --owner USER --due DAY", run_rca, PX_FMT_JSONL,
	  "case reference" },
	{ "rca review", "REF N --effectiveness SCORE", run_rca, PX_FMT_JSONL, "case reference" },
	{ "rca risk", "REF --likelihood SCORE --impact SCORE", run_rca, PX_FMT_JSONL,
	  "case reference" },
	{ "rca show", "REF [-o FORMAT]", run_rca, 0, "case reference" },
	{ "rules show", "[--routing]", run_rules },
	{ "rules load", "FILE [--routing]", run_rules, PX_FMT_JSONL },
	{ "rules reset", "[--routing]", run_rules, PX_FMT_JSONL },
	{ NULL },
};

static const struct px_command cmd = { "px-action", verbs };

int main(int argc, char **argv)
{
	return px_cli_main(&cmd, argc, argv);
}
