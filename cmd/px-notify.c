/* px-notify - sends SMS, WhatsApp and email through the outbox. */
#include <stdlib.h>
#include <string.h>

#include "px.h"

static const char usage[] =
	"usage: px-notify [--dry-run] [--queue] [-i FORMAT] [-o FORMAT] [FILE...]\n"
	"       px-notify --drain [--dry-run] [-o FORMAT]\n"
	"       px-notify render TEMPLATE [--lang LANG] [--hospital CODE] [--var NAME=VALUE]...\n"
	"       px-notify list [--state STATE] [--channel CHANNEL] [-o FORMAT]\n"
	"       px-notify show ID|KEY [-o FORMAT]\n"
	"       px-notify status [-i FORMAT] [-o FORMAT] [FILE...]\n";

enum {
	OPT_DRAIN = PX_OPT_FIRST_FREE,
	OPT_DRY_RUN,
	OPT_QUEUE,
	OPT_LANG,
	OPT_HOSPITAL,
	OPT_VAR,
	OPT_STATE,
	OPT_CHANNEL,
};

static const struct option opts[] = {
	PX_CLI_LONGOPTS,
	{ "drain", no_argument, NULL, OPT_DRAIN },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "queue", no_argument, NULL, OPT_QUEUE },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "hospital", required_argument, NULL, OPT_HOSPITAL },
	{ "var", required_argument, NULL, OPT_VAR },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ NULL, 0, NULL, 0 },
};

static struct px_cli cli;
static struct px_notify nt;
static struct px_writer *out;
static int drain, dry_run, queue_only;
static const char *lang, *hospital, *state, *channel;
static char **vars;
static size_t nvars;

static void need(struct px_err *err, int rc)
{
	if (rc)
		px_cli_die(&cli, err);
}

/* Emits the result of message id and says on stderr what went wrong. */
static int emit(int64_t id, int duplicate, struct px_err *err)
{
	struct px_rec *r = px_notify_result(&nt, id, err);
	if (!r)
		return -1;
	if (duplicate)
		px_rec_set_bool(r, "duplicate", 1);
	px_cli_put(&cli, out, r);
	const char *st = px_rec_get(r, "status"), *e = px_rec_get(r, "error");
	if (!strcmp(st, "failed") || !strcmp(st, "unknown") || !strcmp(st, "bounced")) {
		px_cli_warn(&cli, "%s: %s: %s", px_rec_get(r, "id"), st, e ? e : "no reason given");
		px_cli_status(&cli, PX_EREJECT);
	} else if (!strcmp(st, "pending") && e && !duplicate) {
		px_cli_warn(&cli, "%s: will retry: %s", px_rec_get(r, "id"), e);
		px_cli_status(&cli, PX_ESTORE);
	}
	px_rec_free(r);
	return 0;
}

/* Sends message id now if it is due; a configuration problem is fatal. */
static int send_now(int64_t id, struct px_err *err)
{
	int64_t claimed = id;
	int c = px_notify_claim(&nt, &claimed, err);
	if (c <= 0)
		return c;
	return px_notify_attempt(&nt, id, err);
}

static int on_notification(struct px_rec *r, void *ctx, struct px_err *err)
{
	const char *type = px_rec_type(r);
	if (!type || strcmp(type, "notification")) {
		px_cli_put(&cli, out, r);
		return 0;
	}
	struct px_notify_msg m;
	if (px_notify_prepare(&nt, r, &m, err)) {
		px_notify_msg_free(&m);
		return err->code == PX_ESTORE ? -2 : -1;
	}
	if (dry_run) {
		struct px_rec *p = px_notify_preview(&m);
		px_cli_put(&cli, out, p);
		px_rec_free(p);
		px_notify_msg_free(&m);
		return 0;
	}
	int64_t id;
	int dup;
	int rc = px_notify_store(&nt, &m, &id, &dup, err);
	px_notify_msg_free(&m);
	if (rc)
		return -2;
	if (!dup && !queue_only && send_now(id, err))
		return -2;
	return emit(id, dup, err) ? -2 : 0;
}

static int on_receipt(struct px_rec *r, void *ctx, struct px_err *err)
{
	const char *type = px_rec_type(r);
	if (type && strcmp(type, "notification.receipt")) {
		px_cli_put(&cli, out, r);
		return 0;
	}
	int64_t id;
	if (px_notify_receipt(&nt, r, &id, err))
		return err->code == PX_ESTORE ? -2 : -1;
	return emit(id, 0, err) ? -2 : 0;
}

static int emit_unknown(int64_t id, void *ctx)
{
	return emit(id, 0, ctx);
}

static int preview_due(int64_t id, void *ctx)
{
	struct px_rec *p = px_notify_preview_id(&nt, id, ctx);
	if (!p)
		return -1;
	px_cli_put(&cli, out, p);
	px_rec_free(p);
	return 0;
}

static int put_rec(struct px_rec *r, void *ctx)
{
	px_cli_put(&cli, out, r);
	return 0;
}

static void open_outbox(void)
{
	struct px_err err;
	px_err_clear(&err);
	px_cli_open(&cli, 0);
	const struct px_user *actor = px_cli_actor(&cli);
	need(&err, px_notify_open(&nt, cli.store, cli.config, actor, &err));
}

static int cmd_drain(void)
{
	struct px_err err;
	px_err_clear(&err);
	open_outbox();
	need(&err, px_auth_require(nt.user, PX_ROLE_STAFF, PX_SCOPE_NONE, "send notifications", &err));
	out = px_cli_writer(&cli, PX_FMT_JSONL);
	if (dry_run) {
		need(&err, px_notify_due_each(&nt, preview_due, &err, &err) < 0);
		return px_cli_finish(&cli, out);
	}
	need(&err, px_notify_recover(&nt, emit_unknown, &err, &err) < 0);
	for (;;) {
		int64_t id = 0;
		int c = px_notify_claim(&nt, &id, &err);
		need(&err, c < 0);
		if (!c)
			break;
		need(&err, px_notify_attempt(&nt, id, &err));
		need(&err, emit(id, 0, &err));
	}
	return px_cli_finish(&cli, out);
}

static const char *var_lookup(const char *name, void *ctx)
{
	size_t n = strlen(name);
	for (size_t i = nvars; i-- > 0;)
		if (!strncmp(vars[i], name, n) && vars[i][n] == '=')
			return vars[i] + n + 1;
	return NULL;
}

static int cmd_render(const char *tpl)
{
	struct px_err err;
	px_err_clear(&err);
	px_cli_config(&cli);
	struct px_template t;
	const char *l = lang ? lang : "en";
	if (px_template_load(cli.config, hospital, tpl, l, &t, &err)) {
		err.code = PX_EINPUT;
		px_cli_die(&cli, &err);
	}
	struct px_buf subject = PX_BUF_INIT, body = PX_BUF_INIT, html = PX_BUF_INIT;
	int rc = px_template_render(t.subject, PX_TPL_PLAIN, var_lookup, NULL, &subject, &err) ||
		 px_template_render(t.body, PX_TPL_PLAIN, var_lookup, NULL, &body, &err) ||
		 (t.html && px_template_render(t.html, PX_TPL_HTML, var_lookup, NULL, &html, &err));
	if (rc) {
		char why[sizeof err.text];
		px_strlcpy(why, err.text, sizeof why);
		px_err_set(&err, PX_EINPUT, "template '%s': %s", tpl, why);
		px_cli_die(&cli, &err);
	}
	out = px_cli_writer(&cli, PX_FMT_JSONL);
	struct px_rec *r = px_rec_new("notification.render");
	px_rec_set_str(r, "template", tpl);
	px_rec_set_str(r, "language", l);
	px_rec_set_str(r, "subject", px_buf_str(&subject));
	px_rec_set_str(r, "text", px_buf_str(&body));
	if (t.html)
		px_rec_set_str(r, "html", px_buf_str(&html));
	else
		px_rec_set_null(r, "html");
	int ucs2;
	px_rec_set_int(r, "segments", px_notify_sms_segments(px_buf_str(&body), &ucs2));
	px_rec_set_str(r, "encoding", ucs2 ? "ucs2" : "gsm7");
	px_cli_put(&cli, out, r);
	px_rec_free(r);
	px_buf_free(&subject);
	px_buf_free(&body);
	px_buf_free(&html);
	px_template_free(&t);
	return px_cli_finish(&cli, out);
}

static int only(const char *verb, unsigned seen, unsigned allowed)
{
	if (seen & ~allowed)
		px_cli_usage_error(&cli, "an option given does not apply to '%s'", verb);
	return 0;
}

#define BIT(o) (1u << ((o) - PX_OPT_FIRST_FREE))

int main(int argc, char **argv)
{
	px_cli_init(&cli, "px-notify", usage);
	vars = px_xcalloc((size_t)argc + 1, sizeof *vars);
	unsigned seen = 0;
	int opt;
	argv[0] = (char *)cli.prog;
	while ((opt = getopt_long(argc, argv, PX_CLI_SHORTOPTS, opts, NULL)) != -1) {
		if (px_cli_option(&cli, opt, optarg))
			continue;
		seen |= BIT(opt);
		switch (opt) {
		case OPT_DRAIN: drain = 1; break;
		case OPT_DRY_RUN: dry_run = 1; break;
		case OPT_QUEUE: queue_only = 1; break;
		case OPT_LANG: lang = optarg; break;
		case OPT_HOSPITAL: hospital = optarg; break;
		case OPT_VAR:
			if (!strchr(optarg, '=') || optarg[0] == '=')
				px_cli_usage_error(&cli, "--var needs NAME=VALUE, not '%s'", optarg);
			vars[nvars++] = optarg;
			break;
		case OPT_STATE: state = optarg; break;
		case OPT_CHANNEL: channel = optarg; break;
		}
	}
	char **rest = argv + optind;
	int nrest = argc - optind;
	const char *verb = nrest ? rest[0] : NULL;
	struct px_err err;
	px_err_clear(&err);
	int rc;
	if (verb && !strcmp(verb, "render")) {
		only(verb, seen, BIT(OPT_LANG) | BIT(OPT_HOSPITAL) | BIT(OPT_VAR));
		if (nrest != 2)
			px_cli_usage_error(&cli, nrest < 2 ? "render needs a template name" : "unexpected argument '%s'", rest[nrest > 2 ? 2 : 0]);
		if (lang && strcmp(lang, "en") && strcmp(lang, "ar"))
			px_cli_usage_error(&cli, "--lang must be 'en' or 'ar'");
		rc = cmd_render(rest[1]);
	} else if (verb && !strcmp(verb, "list")) {
		static const char *const states[] = { "pending", "sending", "sent", "delivered", "failed",
						       "bounced", "suppressed", "unknown", NULL };
		only(verb, seen, BIT(OPT_STATE) | BIT(OPT_CHANNEL));
		if (nrest > 1)
			px_cli_usage_error(&cli, "unexpected argument '%s'", rest[1]);
		int ok = !state;
		for (int i = 0; states[i] && !ok; i++)
			ok = !strcmp(state, states[i]);
		if (!ok)
			px_cli_usage_error(&cli, "unknown state '%s'", state);
		if (channel && strcmp(channel, "sms") && strcmp(channel, "whatsapp") && strcmp(channel, "email"))
			px_cli_usage_error(&cli, "unknown channel '%s'", channel);
		open_outbox();
		out = px_cli_writer(&cli, PX_FMT_AUTO);
		struct px_notify_filter f = { state, channel };
		need(&err, px_notify_each(&nt, &f, put_rec, NULL, &err) < 0);
		rc = px_cli_finish(&cli, out);
	} else if (verb && !strcmp(verb, "show")) {
		only(verb, seen, 0);
		if (nrest != 2)
			px_cli_usage_error(&cli, nrest < 2 ? "show needs a message id or key" : "unexpected argument '%s'", rest[nrest > 2 ? 2 : 0]);
		open_outbox();
		out = px_cli_writer(&cli, PX_FMT_JSONL);
		struct px_rec *r = px_notify_show(&nt, rest[1], &err);
		if (!r)
			px_cli_die(&cli, &err);
		px_cli_put(&cli, out, r);
		px_rec_free(r);
		rc = px_cli_finish(&cli, out);
	} else if (verb && !strcmp(verb, "status")) {
		only(verb, seen, 0);
		open_outbox();
		need(&err, px_auth_require(nt.user, PX_ROLE_STAFF, PX_SCOPE_NONE, "record delivery receipts", &err));
		out = px_cli_writer(&cli, PX_FMT_JSONL);
		struct px_loop loop = {
			.files = (const char *const *)rest + 1, .fmt = cli.in, .fn = on_receipt,
			.report = px_cli_loop_report, .report_ctx = &cli,
		};
		px_cli_status(&cli, px_loop_run(&loop));
		rc = px_cli_finish(&cli, out);
	} else if (drain) {
		only("--drain", seen, BIT(OPT_DRAIN) | BIT(OPT_DRY_RUN));
		if (nrest)
			px_cli_usage_error(&cli, "--drain reads no input: unexpected argument '%s'", rest[0]);
		rc = cmd_drain();
	} else {
		only("px-notify", seen, BIT(OPT_DRY_RUN) | BIT(OPT_QUEUE));
		if (dry_run && queue_only)
			px_cli_usage_error(&cli, "--dry-run and --queue exclude each other");
		open_outbox();
		need(&err, px_auth_require(nt.user, PX_ROLE_STAFF, PX_SCOPE_NONE, "send notifications", &err));
		out = px_cli_writer(&cli, PX_FMT_JSONL);
		struct px_loop loop = {
			.files = (const char *const *)rest, .fmt = cli.in, .fn = on_notification,
			.report = px_cli_loop_report, .report_ctx = &cli,
		};
		px_cli_status(&cli, px_loop_run(&loop));
		rc = px_cli_finish(&cli, out);
	}
	free(vars);
	return rc;
}
