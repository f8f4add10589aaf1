/* px-survey - survey templates, sending, tracking, answers and scores. */
#include <stdlib.h>

#include "px.h"

/* ---- templates ---- */

static int run_template_add(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	/* the operands, NULL-terminated as the verb takes them */
	const char **paths = px_xcalloc((size_t)c->argc + 1, sizeof *paths);
	for (int i = 0; i < c->argc; i++)
		paths[i] = c->argv[i];
	int rc = px_survey_template_add(px_cli_ctx(c), paths, &err);
	free(paths);
	return px_cli_result(c, rc, &err);
}

static int run_template_list(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	int rc = px_survey_template_list(px_cli_ctx(c), px_opt(c, "all") != NULL, &err);
	return px_cli_result(c, rc, &err);
}

static int run_template_show(struct px_cli *c)
{
	long long v = 0;
	if (c->argc > 1 && px_parse_int(c->argv[1], 1, 1000000, &v))
		px_cli_bad_usage(c, "not a template version: '%s'", c->argv[1]);
	struct px_err err;
	px_err_clear(&err);
	int rc = px_survey_template_show(px_cli_ctx(c), c->argv[0], (long)v, &err);
	return px_cli_result(c, rc, &err);
}

static int run_template_disable(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_survey_template_disable(px_cli_ctx(c), c->argv[0], &err), &err);
}

/* ---- sending, answers, tracking ---- */

static int run_send(struct px_cli *c)
{
	const char *patient = px_opt(c, "patient"), *hospital = px_opt(c, "hospital");
	const char *tpl = px_opt(c, "template"), *channel = px_opt(c, "channel");
	int one = patient || hospital || tpl || channel, due = px_opt(c, "due") != NULL;
	if (one && (!patient || !hospital || !tpl))
		px_cli_bad_usage(c, "send needs --patient, --hospital and --template together");
	if (one && (due || c->argc))
		px_cli_bad_usage(c, "send --patient takes no files and no --due");
	if (due && c->argc)
		px_cli_bad_usage(c, "send --due takes no files");
	struct px_err err;
	px_err_clear(&err);
	if (one)
		return px_cli_result(c, px_survey_send_patient(px_cli_ctx(c), hospital, patient, tpl,
							       channel, &err), &err);
	if (due)
		return px_cli_result(c, px_survey_send_pending(px_cli_ctx(c), &err), &err);
	static const struct px_handler handlers[] = {
		{ "survey.due", px_survey_send },
		{ NULL, NULL },
	};
	return px_cli_loop(c, handlers);
}

static int run_respond(struct px_cli *c)
{
	static const struct px_handler answers[] = {
		{ "survey.answer", px_survey_respond },
		{ "", px_survey_respond },
		{ NULL, NULL },
	};
	static const struct px_handler replies[] = {
		{ "sms.reply", px_survey_respond_sms },
		{ "", px_survey_respond_sms },
		{ NULL, NULL },
	};
	if (px_opt(c, "sms"))
		return px_cli_loop(c, replies);
	struct px_ctx *cx = px_cli_ctx(c);
	px_survey_respond_begin(cx);
	px_cli_loop(c, answers);
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_survey_respond_end(cx, &err), &err);
}

static int run_track(struct px_cli *c)
{
	static const struct px_handler handlers[] = {
		{ "survey.event", px_survey_track },
		{ "", px_survey_track },
		{ NULL, NULL },
	};
	return px_cli_loop(c, handlers);
}

/* ---- cron ---- */

static int run_expire(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_survey_expire(px_cli_ctx(c), NULL, &err), &err);
}

static int run_remind(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_survey_remind(px_cli_ctx(c), NULL, &err), &err);
}

/* ---- reading ---- */

static struct px_survey_filter filter(struct px_cli *c)
{
	struct px_survey_filter f = {
		.hospital = px_opt(c, "hospital"), .department = px_opt(c, "department"),
		.tpl = px_opt(c, "template"), .status = px_opt(c, "status"),
		.negative = px_opt(c, "negative") != NULL,
		.since = px_opt_time(c, "since"), .until = px_opt_time(c, "until"),
	};
	return f;
}

/* A survey as a table shows what fits a screen. */
static const char *const survey_cols[] = { "id", "template", "hospital", "status", "sent_at",
					   "score", "negative", NULL };

static int run_list(struct px_cli *c)
{
	px_cli_table_columns(c, "survey", survey_cols);
	struct px_survey_filter f = filter(c);
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_survey_list(px_cli_ctx(c), &f, &err), &err);
}

static int run_show(struct px_cli *c)
{
	/* As a table: the survey's row, then its answers under their own
	 * header (the survey's id is the table's above). */
	static const char *const answer_cols[] = { "question", "text", "value", "score",
						   "answered_at", NULL };
	px_cli_tables_by_type(c);
	px_cli_table_columns(c, "survey", survey_cols);
	px_cli_table_columns(c, "survey.answer", answer_cols);
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_survey_show(px_cli_ctx(c), c->argv[0], &err), &err);
}

static int run_export(struct px_cli *c)
{
	struct px_survey_filter f = filter(c);
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_survey_export(px_cli_ctx(c), &f, &err), &err);
}

static int run_negative(struct px_cli *c)
{
	struct px_survey_filter f = filter(c);
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_survey_negatives(px_cli_ctx(c), &f, &err), &err);
}

static const struct px_verb verbs[] = {
	{ "template add", "FILE...", run_template_add, PX_FMT_JSONL, "template file" },
	{ "template list", "[--all] [-o FORMAT]", run_template_list },
	{ "template show", "NAME [VERSION] [-o FORMAT]", run_template_show, PX_FMT_JSONL,
	  "template name" },
	{ "template disable", "NAME", run_template_disable, PX_FMT_JSONL, "template name" },
	{ "send", "[--explain] [-i FORMAT] [FILE...]\n"
		  "--due [--explain]\n"
		  "--patient MRN --hospital CODE --template NAME [--channel CHANNEL] [--explain]",
	  run_send, PX_FMT_JSONL },
	{ "respond", "[--sms] [-i FORMAT] [FILE...]", run_respond, PX_FMT_JSONL },
	{ "track", "[-i FORMAT] [FILE...]", run_track, PX_FMT_JSONL },
	{ "expire", "", run_expire, PX_FMT_JSONL },
	{ "remind", "[--explain]", run_remind, PX_FMT_JSONL },
	{ "list", "[--hospital CODE] [--department CODE] [--template NAME] [--status STATUS] "
		  "[--negative] [--since TIME] [--until TIME] [-o FORMAT]", run_list },
	{ "show", "SURVEY [-o FORMAT]", run_show, PX_FMT_JSONL, "survey id" },
	{ "export", "--template NAME [--hospital CODE] [--department CODE] [--since TIME] "
		    "[--until TIME] [-o FORMAT]", run_export, PX_FMT_CSV },
	{ "negative", "[--hospital CODE] [--since TIME] [--until TIME] [-o FORMAT]", run_negative,
	  PX_FMT_JSONL },
	{ NULL },
};

static const struct px_command cmd = { "px-survey", verbs };

int main(int argc, char **argv)
{
	return px_cli_main(&cmd, argc, argv);
}
