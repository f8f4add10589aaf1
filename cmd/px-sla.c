/* px-sla - service levels: business-hours clocks, reminders and
 * escalations that happen once. */
#include <stdlib.h>
#include <string.h>

#include "px.h"

static int run_check(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	long counts[5];
	int rc = px_sla_check(px_cli_ctx(c), counts, &err);
	if (!rc && px_opt(c, "v") && counts[4])
		px_cli_warn(c, "%ld cases opened", counts[4]);
	if (!rc && px_opt(c, "v"))
		px_cli_warn(c, "%ld open cases, %ld reminders, %ld breaches, %ld escalations",
			    counts[0], counts[1], counts[2], counts[3]);
	return px_cli_result(c, rc, &err);
}

static int run_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	px_cli_tables_by_type(c);
	return px_cli_result(c, px_sla_show(px_cli_ctx(c), c->argv[0], px_opt(c, "explain") != NULL,
					    &err), &err);
}

static int run_due(struct px_cli *c)
{
	int64_t from = px_opt_time(c, "from");
	double hours;
	if (px_parse_double(px_opt(c, "hours"), &hours) || hours < 0)
		px_cli_bad_usage(c, "--hours: not a number of hours: '%s'", px_opt(c, "hours"));
	if (px_opt(c, "clock") && px_opt(c, "calendar"))
		px_cli_bad_usage(c, "--clock and --calendar exclude each other");
	struct px_err err;
	px_err_clear(&err);
	int rc = px_sla_due(px_cli_ctx(c), from, hours, px_opt(c, "clock") == NULL,
			    px_opt(c, "calendar"), &err);
	return px_cli_result(c, rc, &err);
}

static int run_policy_list(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_sla_policy_list(px_cli_ctx_config(c), &err), &err);
}

static int run_policy_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_sla_policy_show(px_cli_ctx_config(c), c->argv[0], &err), &err);
}

static int run_policy_explain(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_sla_policy_explain(px_cli_ctx(c), c->argv[0], &err), &err);
}

static int run_calendar_list(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_sla_calendar_list(px_cli_ctx(c), &err), &err);
}

static int run_calendar_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	px_cli_tables_by_type(c);
	return px_cli_result(c, px_sla_calendar_show(px_cli_ctx(c), c->argv[0], &err), &err);
}

static int run_calendar_set(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_sla_calendar_set(px_cli_ctx(c), px_opt(c, "hospital"),
						    c->argv[0], &err), &err);
}

static int run_holiday_add(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_sla_holiday_add(px_cli_ctx(c), c->argv[0], px_opt(c, "from"),
						   px_opt(c, "to"), px_opt(c, "name"), &err), &err);
}

static int run_holiday_remove(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_sla_holiday_remove(px_cli_ctx(c), c->argv[0], px_opt(c, "from"),
						      &err), &err);
}

static const struct px_verb verbs[] = {
	{ "check", "[-v]", run_check, PX_FMT_JSONL },
	{ "show", "CASE [--explain] [-o FORMAT]", run_show, 0, "case reference" },
	{ "due", "--from TIME --hours N [--calendar NAME | --clock] [-o FORMAT]", run_due,
	  PX_FMT_JSONL },
	{ "policy list", "[-o FORMAT]", run_policy_list },
	{ "policy show", "NAME [-o FORMAT]", run_policy_show, 0, "policy name" },
	{ "policy explain", "CASE [-o FORMAT]", run_policy_explain, 0, "case reference" },
	{ "calendar list", "[-o FORMAT]", run_calendar_list },
	{ "calendar show", "NAME [-o FORMAT]", run_calendar_show, 0, "calendar name" },
	{ "calendar set", "NAME --hospital CODE", run_calendar_set, PX_FMT_JSONL,
	  "calendar name" },
	{ "calendar add-holiday", "NAME --from DATE [--to DATE] --name TEXT", run_holiday_add,
	  PX_FMT_JSONL, "calendar name" },
	{ "calendar remove-holiday", "NAME --from DATE", run_holiday_remove, PX_FMT_JSONL,
	  "calendar name" },
	{ NULL },
};

static const struct px_command cmd = { "px-sla", verbs };

int main(int argc, char **argv)
{
	return px_cli_main(&cmd, argc, argv);
}
