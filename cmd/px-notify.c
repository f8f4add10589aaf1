/* px-notify - sends SMS, WhatsApp and email through the outbox. */
#include <stdlib.h>
#include <string.h>

#include "px.h"

static int run_drain(struct px_cli *c)
{
	if (px_opt(c, "queue"))
		px_cli_bad_usage(c, "option '--queue' does not apply to '--drain'");
	if (px_opt(c, "i"))
		px_cli_bad_usage(c, "option '-i' does not apply to '--drain'");
	if (c->argc)
		px_cli_bad_usage(c, "unexpected argument '%s'", c->argv[0]);
	struct px_err err;
	px_err_clear(&err);
	int rc = px_notify_drain(px_cli_ctx(c), px_opt(c, "dry-run") != NULL, &err);
	return px_cli_result(c, rc, &err);
}

/* No verb: the notifications on the input, or --drain. */
static int run_records(struct px_cli *c)
{
	static const struct px_handler send[] = {
		{ "notification", px_notify_send }, { NULL, NULL },
	};
	static const struct px_handler queue[] = {
		{ "notification", px_notify_queue }, { NULL, NULL },
	};
	static const struct px_handler dry_run[] = {
		{ "notification", px_notify_dry_run }, { NULL, NULL },
	};
	if (px_opt(c, "drain"))
		return run_drain(c);
	int dry = px_opt(c, "dry-run") != NULL, queued = px_opt(c, "queue") != NULL;
	if (dry && queued)
		px_cli_bad_usage(c, "--dry-run and --queue exclude each other");
	struct px_err err;
	px_err_clear(&err);
	int rc = px_notify_ready(px_cli_ctx(c), PX_NOTIFY_SEND, &err);
	if (rc)
		return px_cli_result(c, rc, &err);
	return px_cli_loop(c, dry ? dry_run : queued ? queue : send);
}

static int run_render(struct px_cli *c)
{
	const char *lang = px_opt(c, "lang");
	if (lang && strcmp(lang, "en") && strcmp(lang, "ar"))
		px_cli_bad_usage(c, "--lang must be 'en' or 'ar'");
	int n = px_opt_count(c, "var");
	const char **vars = px_xcalloc((size_t)n + 1, sizeof *vars);
	for (int i = 0; i < n; i++) {
		vars[i] = px_opt_nth(c, "var", i);
		if (!strchr(vars[i], '=') || vars[i][0] == '=')
			px_cli_bad_usage(c, "--var needs NAME=VALUE, not '%s'", vars[i]);
	}
	struct px_notify_render_req q = {
		.template = c->argv[0], .language = lang, .hospital = px_opt(c, "hospital"),
		.vars = vars,
	};
	struct px_err err;
	px_err_clear(&err);
	int rc = px_notify_render(px_cli_ctx_config(c), &q, &err);
	free(vars);
	return px_cli_result(c, rc, &err);
}

static int run_list(struct px_cli *c)
{
	struct px_notify_filter f = {
		.state = px_opt(c, "state"), .channel = px_opt(c, "channel"),
		.hospital = px_opt(c, "hospital"),
	};
	struct px_err err;
	px_err_clear(&err);
	if (px_notify_filter_check(&f, &err))
		px_cli_bad_usage(c, "%s", err.text);
	return px_cli_result(c, px_notify_list(px_cli_ctx(c), &f, &err), &err);
}

static int run_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_notify_show(px_cli_ctx(c), c->argv[0], &err), &err);
}

static int run_status(struct px_cli *c)
{
	static const struct px_handler receipts[] = {
		{ "notification.receipt", px_notify_receipt },
		{ "", px_notify_receipt },
		{ NULL, NULL },
	};
	struct px_err err;
	px_err_clear(&err);
	int rc = px_notify_ready(px_cli_ctx(c), PX_NOTIFY_RECEIPTS, &err);
	if (rc)
		return px_cli_result(c, rc, &err);
	return px_cli_loop(c, receipts);
}

static int run_retry(struct px_cli *c)
{
	int failed = px_opt(c, "failed") != NULL;
	if (failed && c->argc)
		px_cli_bad_usage(c, "retry takes message ids or --failed, not both");
	if (!failed && !c->argc)
		px_cli_bad_usage(c, "missing message id (or --failed)");
	if (!failed && px_opt(c, "since"))
		px_cli_bad_usage(c, "option '--since' needs '--failed'");
	struct px_notify_requeue q = {
		.refs = (const char *const *)c->argv, .nrefs = c->argc, .failed = failed,
		.since = px_opt_time(c, "since"),
	};
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_notify_retry(px_cli_ctx(c), &q, &err), &err);
}

static const struct px_verb verbs[] = {
	{ "", "[--dry-run] [--queue] [-i FORMAT] [-o FORMAT] [FILE...]\n"
	      "--drain [--dry-run] [-o FORMAT]", run_records, PX_FMT_JSONL },
	{ "render", "TEMPLATE [--lang LANG] [--hospital CODE] [--var NAME=VALUE]...", run_render,
	  PX_FMT_JSONL, "template name" },
	{ "list", "[--state STATE] [--channel CHANNEL] [--hospital CODE] [-o FORMAT]", run_list },
	{ "show", "ID|KEY [-o FORMAT]", run_show, PX_FMT_JSONL, "message id or key" },
	{ "status", "[-i FORMAT] [-o FORMAT] [FILE...]", run_status, PX_FMT_JSONL },
	{ "retry", "ID... [-o FORMAT]\n"
		   "--failed [--since TIME] [-o FORMAT]", run_retry, PX_FMT_JSONL },
	{ NULL },
};

static const struct px_command cmd = { "px-notify", verbs };

int main(int argc, char **argv)
{
	return px_cli_main(&cmd, argc, argv);
}
