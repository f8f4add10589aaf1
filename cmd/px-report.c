/* px-report - patient-experience KPIs as tables, CSV, JSON and HTML. */
#include <stdlib.h>
#include <string.h>

#include "px.h"

static const char usage[] =
	"usage: px-report surveys|scores|nps|negative|journeys|notify|suppressed [--by DIMENSION]\n"
	"           [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE] [--compare]\n"
	"           [--within HOURS] [--lang LANG] [-o FORMAT]\n"
	"       px-report dashboard [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE]\n"
	"           [--lang LANG]\n"
	"       px-report summary [--period PERIOD] [--hospital CODE] [--within HOURS] [--lang LANG]\n";

enum {
	OPT_BY = PX_OPT_FIRST_FREE,
	OPT_PERIOD,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_HOSPITAL,
	OPT_COMPARE,
	OPT_WITHIN,
	OPT_LANG,
};

static const struct option opts[] = {
	PX_CLI_LONGOPTS,
	{ "by", required_argument, NULL, OPT_BY },
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "hospital", required_argument, NULL, OPT_HOSPITAL },
	{ "compare", no_argument, NULL, OPT_COMPARE },
	{ "within", required_argument, NULL, OPT_WITHIN },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ NULL, 0, NULL, 0 },
};

static struct px_cli cli;
static struct px_writer *out;

static int put(struct px_rec *r, void *ctx)
{
	px_cli_put(&cli, out, r);
	return 0;
}

static void need(struct px_err *err, int rc)
{
	if (rc)
		px_cli_die(&cli, err);
}

#define BIT(o) (1u << ((o) - PX_OPT_FIRST_FREE))

int main(int argc, char **argv)
{
	px_cli_init(&cli, "px-report", usage);
	struct px_report_opts o = { 0 };
	const char *since = NULL, *until = NULL, *hospital = NULL, *lang = "en";
	int html = 0;
	unsigned seen = 0;
	int opt;
	argv[0] = (char *)cli.prog;
	while ((opt = getopt_long(argc, argv, PX_CLI_SHORTOPTS, opts, NULL)) != -1) {
		if (opt == 'o' && !strcmp(optarg, "html")) {
			html = 1;
			continue;
		}
		if (px_cli_option(&cli, opt, optarg)) {
			if (opt == 'o')
				html = 0;
			continue;
		}
		seen |= BIT(opt);
		switch (opt) {
		case OPT_BY:
			if (px_report_dim_parse(optarg, &o.by))
				px_cli_usage_error(&cli, "unknown dimension '%s'", optarg);
			break;
		case OPT_PERIOD:
			if (px_report_period_parse(optarg, &o.period))
				px_cli_usage_error(&cli, "unknown period '%s'", optarg);
			break;
		case OPT_SINCE: since = optarg; break;
		case OPT_UNTIL: until = optarg; break;
		case OPT_HOSPITAL: hospital = optarg; break;
		case OPT_COMPARE: o.compare = 1; break;
		case OPT_WITHIN: {
			long long h;
			if (px_parse_int(optarg, 1, 24 * 365, &h))
				px_cli_usage_error(&cli, "--within needs a number of hours, not '%s'", optarg);
			o.within = h * 3600;
			break;
		}
		case OPT_LANG:
			if (strcmp(optarg, "en") && strcmp(optarg, "ar"))
				px_cli_usage_error(&cli, "--lang must be 'en' or 'ar'");
			lang = optarg;
			break;
		}
	}
	if (optind >= argc)
		px_cli_usage_error(&cli, "missing report (surveys, scores, nps, negative, journeys, notify, suppressed, dashboard, summary)");
	const char *verb = argv[optind];
	if (optind + 1 < argc)
		px_cli_usage_error(&cli, "unexpected argument '%s'", argv[optind + 1]);
	int dashboard = !strcmp(verb, "dashboard"), summary = !strcmp(verb, "summary");
	if (!dashboard && !summary && px_report_kind_parse(verb, &o.kind))
		px_cli_usage_error(&cli, "unknown report '%s'", verb);
	if (dashboard && (seen & ~(BIT(OPT_PERIOD) | BIT(OPT_SINCE) | BIT(OPT_UNTIL) | BIT(OPT_HOSPITAL) | BIT(OPT_LANG))))
		px_cli_usage_error(&cli, "an option given does not apply to 'dashboard'");
	if (summary && (seen & ~(BIT(OPT_PERIOD) | BIT(OPT_HOSPITAL) | BIT(OPT_WITHIN) | BIT(OPT_LANG))))
		px_cli_usage_error(&cli, "an option given does not apply to 'summary'");
	if ((dashboard || summary) && cli.out_set)
		px_cli_usage_error(&cli, "'%s' has no -o: it prints %s", verb, dashboard ? "HTML" : "text");
	if ((seen & BIT(OPT_LANG)) && !html && !dashboard && !summary)
		px_cli_usage_error(&cli, "--lang applies to -o html, dashboard and summary");

	struct px_err err;
	px_err_clear(&err);
	px_cli_config(&cli);
	need(&err, px_time_now(&o.now, &err));
	if (since && px_time_parse(since, &o.since))
		px_cli_usage_error(&cli, "--since: bad time '%s'", since);
	if (until && px_time_parse(until, &o.until))
		px_cli_usage_error(&cli, "--until: bad time '%s'", until);
	o.has_since = !!since;
	o.has_until = !!until;
	if (dashboard && !o.has_since && !o.period)
		o.period = PX_PERIOD_MONTH;
	if (px_report_check(&o, &err))
		px_cli_usage_error(&cli, "%s", err.text);
	px_cli_open(&cli, 0);
	const struct px_user *u = px_cli_actor(&cli);
	o.user = u;
	if (hospital) {
		int f = px_org_hospital_id(cli.store, hospital, &o.hospital_id, &err);
		need(&err, f < 0);
		if (!f) {
			px_err_set(&err, PX_EINPUT, "unknown hospital '%s'", hospital);
			px_cli_die(&cli, &err);
		}
	}
	need(&err, px_auth_require(u, PX_ROLE_VIEWER, hospital ? o.hospital_id : PX_SCOPE_NONE,
				   "read reports", &err));

	if (dashboard || summary || html) {
		struct px_buf b = PX_BUF_INIT;
		int rc = dashboard ? px_dashboard_page(cli.store, &o, lang, &b, &err)
			 : summary ? px_dashboard_summary(cli.store, &o, lang, &b, &err)
				   : px_dashboard_report(cli.store, &o, lang, &b, &err);
		if (rc) {
			px_buf_free(&b);
			px_cli_die(&cli, &err);
		}
		fwrite(b.s, 1, b.len, stdout);
		px_buf_free(&b);
		return px_cli_finish(&cli, NULL);
	}
	out = px_cli_writer(&cli, PX_FMT_AUTO);
	need(&err, px_report_run(cli.store, &o, put, NULL, &err));
	return px_cli_finish(&cli, out);
}
