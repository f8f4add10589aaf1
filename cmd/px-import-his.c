/* px-import-his - HIS visits (CSV, JSON Lines, HL7 v2 ADT) into patients,
 * encounters and journeys; prints the surveys they make due. */
#include <string.h>
#include <unistd.h>

#include "px.h"
#include "intake/adt.h"
#include "intake/due.h"
#include "intake/encounter.h"
#include "intake/import.h"
#include "intake/journey.h"

/* ", N of an unknown patient type" for the summary, or "". */
static const char *unknown_types(const struct px_import_stats *s, char *buf, size_t size)
{
	if (!s->unknown_type)
		return "";
	snprintf(buf, size, ", %ld of an unknown patient type", s->unknown_type);
	return buf;
}

static int run_import(struct px_cli *c)
{
	char buf[80];
	int progress = px_opt(c, "progress") != NULL, quiet = px_opt(c, "quiet") != NULL;
	int dry = px_opt(c, "dry-run") != NULL;
	if (progress && quiet)
		px_cli_bad_usage(c, "--progress and --quiet exclude each other");
	c->progress = !quiet && isatty(STDERR_FILENO); /* --progress by default on a terminal */
	struct px_err err;
	px_err_clear(&err);
	struct px_import *im;
	int rc = px_import_open(px_cli_ctx(c), px_opt(c, "map"), &im, &err);
	if (rc)
		return px_cli_result(c, rc, &err);
	px_import_strict(im, px_opt(c, "strict") != NULL);
	for (int i = 0; !rc && i < px_opt_count(c, "set"); i++)
		rc = px_import_set(im, px_opt_nth(c, "set", i), &err);
	if (!rc && (px_opt(c, "date-format") || px_opt(c, "tz")))
		rc = px_import_times(im, px_opt(c, "date-format"), px_opt(c, "tz"), &err);
	if (rc) {
		px_import_close(im);
		if (rc == PX_EUSAGE)
			px_cli_bad_usage(c, "%s", err.text);
		return px_cli_result(c, rc, &err);
	}
	const char *rows = px_opt(c, "rows");
	if (rows && strcmp(rows, "events") && strcmp(rows, "visits")) {
		px_import_close(im);
		px_cli_bad_usage(c, "--rows: unknown value '%s' (events, visits)", rows);
	}
	px_handler_fn one = rows && !strcmp(rows, "visits") ? px_import_visit_row : px_import_visit;
	const struct px_handler handlers[] = {
		{ "visit", one },
		{ "", one },
		{ NULL, NULL },
	};
	struct px_loop loop = { .batch = px_import_batch(im), .hl7 = px_adt_visit, .ctx = im,
				.ended = px_import_ended };
	rc = px_cli_loop_tx(c, handlers, &loop);
	const struct px_import_stats *s = px_import_stats(im);
	if (!quiet) {
		px_cli_warn(c, "%s%ld records, %ld applied, %ld already imported, %ld rejected,"
			    " %ld surveys due, %ld suppressed, %ld withdrawn%s", dry ? "dry run: " : "",
			    loop.records, s->applied, s->duplicates, loop.rejected, s->due,
			    s->suppressed, s->withdrawn, unknown_types(s, buf, sizeof buf));
		px_cli_warn_rejects(c, loop.rejected);
		for (int i = 0; i < PX_IMPORT_REASONS && s->suppressed_by[i].n; i++)
			px_cli_warn(c, "suppressed %ld: %s", s->suppressed_by[i].n,
				    s->suppressed_by[i].reason);
	}
	px_import_close(im);
	return rc;
}

static int run_due(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_due_list(px_cli_ctx(c), &err), &err);
}

static int run_journeys(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_journeys_list(px_cli_ctx_config(c), &err), &err);
}

static int run_show(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	px_cli_tables_by_type(c);
	return px_cli_result(c, px_encounter_show(px_cli_ctx(c), c->argv[0], &err), &err);
}

static const struct px_verb verbs[] = {
	{ "", "[-i FORMAT] [--delimiter CHAR] [--encoding NAME] [--map FILE] [--set FIELD=VALUE]...\n"
	      "                     [--rows ROWS] [--date-format FORMAT] [--tz ZONE]\n"
	      "                     [--rejects FILE | --archive DIR] [--strict] [--dry-run]\n"
	      "                     [--progress | --quiet] [FILE ... | --mllp]",
	  run_import, PX_FMT_JSONL },
	{ "due", "[-o FORMAT]", run_due, PX_FMT_JSONL },
	{ "journeys", "[-o FORMAT]", run_journeys },
	{ "show", "ENCOUNTER [-o FORMAT]", run_show, PX_FMT_JSONL },
	{ NULL },
};

static const struct px_command cmd = { "px-import-his", verbs };

int main(int argc, char **argv)
{
	return px_cli_main(&cmd, argc, argv);
}
