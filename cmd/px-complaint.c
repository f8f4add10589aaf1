/* px-complaint - complaints and inquiries, from intake to the patient's
 * verdict, and the observations staff report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "px.h"

/* The options of 'new' and the record field each fills. */
static const char *const new_fields[][2] = {
	{ "hospital", "hospital" }, { "patient", "mrn" }, { "name", "name" },
	{ "phone", "phone" }, { "email", "email" }, { "encounter", "encounter" },
	{ "department", "department" }, { "staff", "staff" }, { "title", "title" },
	{ "description", "description" }, { "source", "source" },
	{ "reference", "reference" }, { "moh-ref", "moh_ref" }, { "chi-ref", "chi_ref" },
	{ "severity", "severity" }, { "priority", "priority" }, { "category", "category" },
	{ "language", "language" }, { NULL, NULL },
};

/* Exits with a usage error unless the option's value is one ok knows. */
static void known(struct px_cli *c, const char *opt, int (*ok)(const char *), const char *what,
		  const char *set)
{
	const char *v = px_opt(c, opt);
	if (v && !ok(v))
		px_cli_bad_usage(c, "--%s: unknown %s '%s' (%s)", opt, what, v, set);
}

static int language_ok(const char *v)
{
	return !strcmp(v, "en") || !strcmp(v, "ar");
}

static void known_values(struct px_cli *c)
{
	known(c, "source", px_complaint_source_ok, "source", px_complaint_sources());
	known(c, "severity", px_case_severity_ok, "severity", "low, medium, high, critical");
	known(c, "priority", px_case_priority_ok, "priority", "low, medium, high");
	known(c, "language", language_ok, "language", "en, ar");
}

static int take_in(struct px_cli *c, const char *kind, px_handler_fn fn)
{
	known_values(c);
	struct px_err err;
	px_err_clear(&err);
	const char *survey = px_opt(c, "from-survey");
	int negative = px_opt(c, "from-negative") != NULL, given = 0;
	for (int i = 0; new_fields[i][0]; i++)
		given |= px_opt(c, new_fields[i][0]) != NULL;
	if ((survey || negative) && (given || (survey && c->argc)))
		px_cli_bad_usage(c, "--from-survey and --from-negative take no other details");
	if (survey && negative)
		px_cli_bad_usage(c, "--from-survey and --from-negative exclude each other");
	if (survey)
		return px_cli_result(c, px_complaint_from_survey(px_cli_ctx(c), survey, &err), &err);
	if (given) {
		if (c->argc)
			px_cli_bad_usage(c, "give the details as options or as records in files, "
					 "not both");
		struct px_rec *r = px_rec_new(kind);
		for (int i = 0; new_fields[i][0]; i++) {
			const char *v = px_opt(c, new_fields[i][0]);
			if (v)
				px_rec_set_str(r, new_fields[i][1], v);
		}
		if (!px_opt(c, "source"))
			px_rec_set_str(r, "source", "patient");
		int rc = px_complaint_take(px_cli_ctx(c), kind, r, &err);
		px_rec_free(r);
		return px_cli_result(c, rc, &err);
	}
	const struct px_handler records[] = {
		{ kind, fn }, { "", fn }, { NULL, NULL },
	};
	const struct px_handler negatives[] = {
		{ "survey.negative", px_complaint_from_negative }, { NULL, NULL },
	};
	struct px_loop loop = { .batch = 500 };
	int rc = px_cli_loop_tx(c, negative ? negatives : records, &loop);
	if (px_opt(c, "progress") || px_opt(c, "dry-run"))
		px_cli_warn(c, "%s%ld records, %ld rejected", px_opt(c, "dry-run") ? "dry run: " : "",
			    loop.records, loop.rejected);
	return rc;
}

static int run_new(struct px_cli *c)
{
	return take_in(c, "complaint", px_complaint_new);
}

static int run_inquiry_new(struct px_cli *c)
{
	known(c, "category", px_inquiry_category_ok, "inquiry category", px_inquiry_categories());
	return take_in(c, "inquiry", px_inquiry_new);
}

/* The options of 'observation new' and the record field each fills. */
static const char *const observation_fields[] = {
	"hospital", "department", "category", "title", "description", "name", "phone", "email",
	"language", NULL,
};

static int run_observation_new(struct px_cli *c)
{
	known(c, "category", px_observation_category_ok, "observation category",
	      px_observation_categories());
	known(c, "language", language_ok, "language", "en, ar");
	int given = 0;
	for (int i = 0; observation_fields[i]; i++)
		given |= px_opt(c, observation_fields[i]) != NULL;
	if (given) {
		if (c->argc)
			px_cli_bad_usage(c, "give the details as options or as records in files, "
					 "not both");
		struct px_observation_spec s = {
			.hospital = px_opt(c, "hospital"), .department = px_opt(c, "department"),
			.category = px_opt(c, "category"), .title = px_opt(c, "title"),
			.description = px_opt(c, "description"), .name = px_opt(c, "name"),
			.phone = px_opt(c, "phone"), .email = px_opt(c, "email"),
			.language = px_opt(c, "language"),
		};
		struct px_err err;
		px_err_clear(&err);
		return px_cli_result(c, px_observation_new(px_cli_ctx(c), &s, &err), &err);
	}
	const struct px_handler records[] = {
		{ "observation", px_observation_record }, { "", px_observation_record },
		{ NULL, NULL },
	};
	struct px_loop loop = { .batch = 500 };
	int rc = px_cli_loop_tx(c, records, &loop);
	if (px_opt(c, "progress") || px_opt(c, "dry-run"))
		px_cli_warn(c, "%s%ld records, %ld rejected", px_opt(c, "dry-run") ? "dry run: " : "",
			    loop.records, loop.rejected);
	return rc;
}

/* The kind a verb works on: inquiries' verbs start with "inquiry",
 * observations' with "observation". */
static const char *kind_of(const struct px_cli *c)
{
	if (!strncmp(c->verb->name, "inquiry", 7))
		return "inquiry";
	if (!strncmp(c->verb->name, "observation", 11))
		return "observation";
	return "complaint";
}

static struct px_workflow *workflow(struct px_cli *c, struct px_err *err)
{
	struct px_workflow *wf = NULL;
	int rc = px_case_workflow(px_cli_ctx(c), kind_of(c), &wf, err);
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
	const char *owner = px_opt(c, "owner");
	if (owner && px_opt(c, "mine"))
		px_cli_bad_usage(c, "--owner and --mine exclude each other");
	known_values(c);
	struct px_ctx *cx = px_cli_ctx(c);
	if (px_opt(c, "mine"))
		owner = cx->actor->name;
	struct px_case_filter f = {
		.hospital = px_opt(c, "hospital"), .department = px_opt(c, "department"),
		.state = px_opt(c, "state"), .source = px_opt(c, "source"),
		.severity = px_opt(c, "severity"), .category = px_opt(c, "category"),
		.owner = owner, .since = px_opt_time(c, "since"), .until = px_opt_time(c, "until"),
	};
	static const char *const cols[] = {
		"ref", "state", "hospital", "department", "severity", "priority", "classification",
		"source", "owner", "created_at", "title", NULL,
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
	struct px_workflow *wf = workflow(c, &err);
	if (!wf)
		return c->status;
	int rc = px_case_show(px_cli_ctx(c), wf, c->argv[0], &err);
	px_workflow_free(wf);
	return px_cli_result(c, rc, &err);
}

static int run_assign(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	if (!px_opt(c, "to") && !px_opt(c, "department"))
		px_cli_bad_usage(c, "assign needs --to USER or --department CODE");
	struct px_workflow *wf = workflow(c, &err);
	if (!wf)
		return c->status;
	int rc = px_case_assign(px_cli_ctx(c), wf, c->argv[0], px_opt(c, "to"),
				px_opt(c, "department"), &err);
	px_workflow_free(wf);
	return px_cli_result(c, rc, &err);
}

static int run_note(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	struct px_workflow *wf = workflow(c, &err);
	if (!wf)
		return c->status;
	int to_person = px_opt(c, "to-patient") || px_opt(c, "to-reporter");
	int rc = px_case_note(px_cli_ctx(c), wf, c->argv[0], px_opt(c, "text"), to_person, &err);
	px_workflow_free(wf);
	return px_cli_result(c, rc, &err);
}

/* A move: the verb's last word, its options as the move's fields. */
static int run_move(struct px_cli *c)
{
	static const char *const opts[] = { "note", "resolution", "category", "reason", "response",
					    NULL };
	const char *verb = strrchr(c->verb->name, ' ');
	verb = verb ? verb + 1 : c->verb->name;
	struct px_rec *f = px_rec_new(NULL);
	for (int i = 0; opts[i]; i++)
		if (px_opt(c, opts[i]))
			px_rec_set_str(f, opts[i], px_opt(c, opts[i]));
	struct px_err err;
	px_err_clear(&err);
	int rc = px_complaint_move(px_cli_ctx(c), kind_of(c), c->argv[0], verb, f, &err);
	px_rec_free(f);
	return px_cli_result(c, rc, &err);
}

static int run_attach(struct px_cli *c)
{
	return px_cli_attach(c, kind_of(c));
}

static int run_attachment(struct px_cli *c)
{
	return px_cli_attachment(c, kind_of(c));
}

static int run_classify(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	int rc = px_complaint_classify(px_cli_ctx(c), kind_of(c), c->argv[0], px_opt(c, "category"),
				       px_opt(c, "severity"), px_opt(c, "priority"), &err);
	return px_cli_result(c, rc, &err);
}

static int run_track(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_case_track(px_cli_ctx(c), c->argv[0], &err), &err);
}

static int run_taxonomy(struct px_cli *c)
{
	struct px_err err;
	px_err_clear(&err);
	return px_cli_result(c, px_complaint_taxonomy(px_cli_ctx_config(c), px_opt(c, "lang"), &err),
			     &err);
}

#define NEW_OPTS "[--hospital CODE] [--patient MRN | --name TEXT [--phone NUMBER] " \
	"[--email ADDRESS]] [--encounter VISIT] [--department CODE] [--staff NAME] " \
	"[--title TEXT] [--description TEXT] [--source SOURCE] [--reference REF] " \
	"[--moh-ref REF] [--chi-ref REF] [--severity LEVEL] [--priority LEVEL] " \
	"[--category CODE] [--language LANG]"
#define OBSERVATION_OPTS "[--hospital CODE] [--department CODE] [--category CATEGORY] " \
	"[--title TEXT] [--description TEXT] [--name TEXT [--phone NUMBER] [--email ADDRESS]] " \
	"[--language LANG]"
#define LOOP_OPTS "[-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]"
#define LIST_OPTS "[--hospital CODE] [--department CODE] [--state STATE] [--source SOURCE] " \
	"[--severity LEVEL] [--category CODE] [--owner USER | --mine] [--since TIME] " \
	"[--until TIME] [-o FORMAT]"

static const struct px_verb verbs[] = {
	{ "new", NEW_OPTS "\n" LOOP_OPTS "\n--from-survey SURVEY\n--from-negative " LOOP_OPTS,
	  run_new, PX_FMT_JSONL },
	{ "list", LIST_OPTS, run_list },
	{ "show", "REF [-o FORMAT]", run_show, 0, "complaint reference" },
	{ "assign", "REF [--to USER] [--department CODE]", run_assign, PX_FMT_JSONL,
	  "complaint reference" },
	{ "note", "REF --text TEXT [--to-patient]", run_note, PX_FMT_JSONL, "complaint reference" },
	{ "classify", "REF [--category CODE] [--severity LEVEL] [--priority LEVEL]", run_classify,
	  PX_FMT_JSONL, "complaint reference" },
	{ "attach", "REF FILE", run_attach, PX_FMT_JSONL, "complaint reference" },
	{ "attachment", "REF ID", run_attachment, PX_FMT_JSONL, "complaint reference" },
	{ "start", "REF [--note TEXT]", run_move, PX_FMT_JSONL, "complaint reference" },
	{ "wait", "REF [--note TEXT]", run_move, PX_FMT_JSONL, "complaint reference" },
	{ "partial", "REF --resolution TEXT [--note TEXT]", run_move, PX_FMT_JSONL,
	  "complaint reference" },
	{ "resolve", "REF --category CATEGORY --resolution TEXT [--note TEXT]", run_move,
	  PX_FMT_JSONL, "complaint reference" },
	{ "close", "REF [--note TEXT]", run_move, PX_FMT_JSONL, "complaint reference" },
	{ "cancel", "REF --reason TEXT", run_move, PX_FMT_JSONL, "complaint reference" },
	{ "reopen", "REF --reason TEXT", run_move, PX_FMT_JSONL, "complaint reference" },
	{ "track", "CODE [-o FORMAT]", run_track, 0, "tracking code" },
	{ "taxonomy", "[--lang LANG] [-o FORMAT]", run_taxonomy },
	{ "inquiry new", NEW_OPTS "\n" LOOP_OPTS, run_inquiry_new, PX_FMT_JSONL },
	{ "inquiry list", LIST_OPTS, run_list },
	{ "inquiry show", "REF [-o FORMAT]", run_show, 0, "inquiry reference" },
	{ "inquiry note", "REF --text TEXT [--to-patient]", run_note, PX_FMT_JSONL,
	  "inquiry reference" },
	{ "inquiry classify", "REF [--category CATEGORY] [--priority LEVEL]", run_classify,
	  PX_FMT_JSONL, "inquiry reference" },
	{ "inquiry start", "REF [--note TEXT]", run_move, PX_FMT_JSONL, "inquiry reference" },
	{ "inquiry respond", "REF --response TEXT [--note TEXT]", run_move, PX_FMT_JSONL,
	  "inquiry reference" },
	{ "inquiry close", "REF [--note TEXT]", run_move, PX_FMT_JSONL, "inquiry reference" },
	{ "inquiry cancel", "REF --reason TEXT", run_move, PX_FMT_JSONL, "inquiry reference" },
	{ "inquiry reopen", "REF --reason TEXT", run_move, PX_FMT_JSONL, "inquiry reference" },
	{ "observation new", OBSERVATION_OPTS "\n" LOOP_OPTS, run_observation_new, PX_FMT_JSONL },
	{ "observation list", LIST_OPTS, run_list },
	{ "observation show", "REF [-o FORMAT]", run_show, 0, "observation reference" },
	{ "observation assign", "REF [--to USER] [--department CODE]", run_assign, PX_FMT_JSONL,
	  "observation reference" },
	{ "observation note", "REF --text TEXT [--to-reporter]", run_note, PX_FMT_JSONL,
	  "observation reference" },
	{ "observation classify", "REF [--category CATEGORY] [--severity LEVEL] [--priority LEVEL]",
	  run_classify, PX_FMT_JSONL, "observation reference" },
	{ "observation attach", "REF FILE", run_attach, PX_FMT_JSONL, "observation reference" },
	{ "observation attachment", "REF ID", run_attachment, PX_FMT_JSONL,
	  "observation reference" },
	{ "observation start", "REF [--note TEXT]", run_move, PX_FMT_JSONL,
	  "observation reference" },
	{ "observation resolve", "REF --resolution TEXT [--note TEXT]", run_move, PX_FMT_JSONL,
	  "observation reference" },
	{ "observation close", "REF [--note TEXT]", run_move, PX_FMT_JSONL,
	  "observation reference" },
	{ "observation cancel", "REF --reason TEXT", run_move, PX_FMT_JSONL,
	  "observation reference" },
	{ "observation reopen", "REF --reason TEXT", run_move, PX_FMT_JSONL,
	  "observation reference" },
	{ NULL },
};

static const struct px_command cmd = { "px-complaint", verbs };

int main(int argc, char **argv)
{
	return px_cli_main(&cmd, argc, argv);
}
