/* px-report - patient-experience KPIs as tables, CSV, JSON and HTML. */
#include <stdio.h>
#include <string.h>

#include "px.h"

/* The options of report kind, read into o; usage errors exit. */
static void read_opts(struct px_cli *c, enum px_report_kind kind, struct px_report_opts *o)
{
	memset(o, 0, sizeof *o);
	o->kind = kind;
	const char *by = px_opt(c, "by"), *period = px_opt(c, "period");
	const char *within = px_opt(c, "within"), *lang = px_opt(c, "lang");
	if (by && px_report_dim_parse(by, &o->by)) {
		struct px_buf dims = PX_BUF_INIT;
		for (int d = PX_DIM_NONE + 1; d < PX_DIM_NDIMS; d++)
			if (px_report_dim_ok(kind, (enum px_report_dim)d))
				px_buf_addf(&dims, "%s%s", dims.len ? ", " : "",
					    px_report_dim_name((enum px_report_dim)d));
		px_cli_bad_usage(c, "unknown dimension '%s' (%s)", by, px_buf_str(&dims));
	}
	if (period && px_report_period_parse(period, &o->period))
		px_cli_bad_usage(c, "unknown period '%s'", period);
	if (within) {
		long long h;
		if (px_parse_int(within, 1, 24 * 365, &h))
			px_cli_bad_usage(c, "--within needs a number of hours, not '%s'", within);
		o->within = h * 3600;
	}
	if (lang && strcmp(lang, "en") && strcmp(lang, "ar"))
		px_cli_bad_usage(c, "--lang must be 'en' or 'ar'");
	px_cli_config(c); /* a date alone is midnight in the display zone */
	o->since = px_opt_time(c, "since");
	o->until = px_opt_time(c, "until");
	o->has_since = px_opt(c, "since") != NULL;
	o->has_until = px_opt(c, "until") != NULL;
	o->hospital = px_opt(c, "hospital");
	o->compare = px_opt(c, "compare") != NULL;
	o->list = px_opt(c, "list") != NULL;
	o->lang = lang;
	struct px_err err;
	px_err_clear(&err);
	if (px_report_check(o, &err))
		px_cli_bad_usage(c, "%s", err.text);
}

/* Writes a page or the summary the library built. */
static int put_text(struct px_cli *c, int rc, struct px_buf *b, struct px_err *err)
{
	if (!rc)
		fwrite(b->s ? b->s : "", 1, b->len, stdout);
	px_buf_free(b);
	return px_cli_result(c, rc, err);
}

/* surveys, scores, nps, negative, journeys, notify, suppressed,
 * complaints or sla. */
static int run_report(struct px_cli *c)
{
	enum px_report_kind kind;
	if (px_report_kind_parse(c->word, &kind))
		px_cli_bad_usage(c, "unknown report '%s'", c->word);
	const char *fmt = px_opt(c, "o");
	int html = fmt && !strcmp(fmt, "html");
	struct px_report_opts o;
	read_opts(c, kind, &o);
	/* the rows of a taxonomy level carry each node's name */
	if (px_opt(c, "lang") && !html && !px_report_dim_level(o.by))
		px_cli_bad_usage(c, "--lang applies to -o html, dashboard, summary and the "
				 "taxonomy levels of complaints");
	struct px_err err;
	px_err_clear(&err);
	struct px_ctx *cx = px_cli_ctx(c);
	if (!html)
		return px_cli_result(c, px_report_run(cx, &o, &err), &err);
	struct px_buf b = PX_BUF_INIT;
	const char *lang = px_opt(c, "lang");
	return put_text(c, px_dashboard_report(cx, &o, lang ? lang : "en", &b, &err), &b, &err);
}

static int run_dashboard(struct px_cli *c)
{
	struct px_report_opts o;
	read_opts(c, PX_REPORT_SURVEYS, &o);
	const char *lang = px_opt(c, "lang");
	struct px_err err;
	px_err_clear(&err);
	struct px_buf b = PX_BUF_INIT;
	int rc = !strcmp(c->verb->name, "dashboard")
		 ? px_dashboard_page(px_cli_ctx(c), &o, lang ? lang : "en", &b, &err)
		 : px_dashboard_summary(px_cli_ctx(c), &o, lang ? lang : "en", &b, &err);
	return put_text(c, rc, &b, &err);
}

static const struct px_verb verbs[] = {
	{ "surveys|scores|nps|negative|journeys|notify|suppressed|complaints",
	  "[--by DIMENSION]\n"
	  "           [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE] [--compare]\n"
	  "           [--within HOURS] [--list] [--lang LANG] [-o FORMAT]", run_report },
	{ "sla|actions|calls", "[--by DIMENSION] [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE]\n"
		 "           [--compare] [--lang LANG] [-o FORMAT]", run_report },
	{ "dashboard", "[--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE]\n"
		       "           [--lang LANG]", run_dashboard },
	{ "summary", "[--period PERIOD] [--hospital CODE] [--within HOURS] [--lang LANG]",
	  run_dashboard },
	{ NULL },
};

static const char *const html[] = { "html", NULL };

static const struct px_command cmd = {
	.prog = "px-report", .verbs = verbs, .out_extra = html,
};

int main(int argc, char **argv)
{
	return px_cli_main(&cmd, argc, argv);
}
