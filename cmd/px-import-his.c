/* px-import-his - HIS visits (CSV, JSON Lines, HL7 v2 ADT) into patients,
 * encounters and journeys; prints the surveys they make due. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "px.h"
#include "records/hl7.h"
#include "intake/journey.h"
#include "intake/visit.h"

static const char usage[] =
	"usage: px-import-his [-i FORMAT] [--map FILE] [--rejects FILE] [--strict] [--dry-run] [--progress | --quiet] [FILE ...]\n"
	"       px-import-his due [-o FORMAT]\n"
	"       px-import-his journeys [-o FORMAT]\n"
	"       px-import-his show ENCOUNTER [-o FORMAT]\n";

enum {
	OPT_MAP = PX_OPT_FIRST_FREE,
	OPT_REJECTS,
	OPT_STRICT,
	OPT_DRY_RUN,
	OPT_PROGRESS,
	OPT_QUIET,
};

static const struct option opts[] = {
	PX_CLI_LONGOPTS,
	{ "map", required_argument, NULL, OPT_MAP },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ NULL, 0, NULL, 0 },
};

static struct px_cli cli;

/* A record passed on (its text), or a survey.due made here. */
struct queued {
	char *text;
	struct px_rec *due;
};

struct imp {
	struct px_visit *v;
	struct px_writer *w;
	struct px_visit_map *map;
	struct queued *queue; /* records to print once their batch is committed */
	size_t nqueue, capqueue;
	long withdrawn0; /* surveys withdrawn before the batch */
	long inbatch, batch, records, rejected;
	int strict, dry, progress, quiet, in_tx, failed;
	const char *file;
};

/* Queues a record passed on (r borrowed) or a survey.due (due owned). */
static void enqueue(struct imp *im, const struct px_rec *r, struct px_rec *due)
{
	if (im->dry) {
		if (due)
			px_rec_free(due);
		return;
	}
	if (im->nqueue == im->capqueue) {
		im->capqueue = im->capqueue ? im->capqueue * 2 : 64;
		im->queue = px_xrealloc(im->queue, im->capqueue * sizeof *im->queue);
	}
	struct queued *q = &im->queue[im->nqueue++];
	q->text = r ? px_rec_dump(r) : NULL;
	q->due = due;
}

static void drop_queue(struct imp *im)
{
	for (size_t i = 0; i < im->nqueue; i++) {
		free(im->queue[i].text);
		if (im->queue[i].due)
			px_rec_free(im->queue[i].due);
	}
	im->nqueue = 0;
}

static void flush_queue(struct imp *im)
{
	struct px_err err;
	/* a later record of the batch may have withdrawn a survey printed here */
	int recheck = px_visit_stats(im->v)->withdrawn != im->withdrawn0;
	for (size_t i = 0; i < im->nqueue; i++) {
		struct queued *q = &im->queue[i];
		struct px_rec *r = q->due;
		if (!r)
			r = px_rec_parse(q->text, strlen(q->text), &err);
		int skip = 0;
		if (r && q->due && recheck)
			skip = px_visit_due_current(cli.store, px_rec_get(r, "id"), &err) == 0;
		if (r && !skip)
			px_cli_put(&cli, im->w, r);
		if (r && !q->due)
			px_rec_free(r);
	}
	drop_queue(im);
}

/* Ends the open transaction: commit and print, or (dry run, strict
 * failure, fatal error) roll back and forget. */
static int end_batch(struct imp *im, int keep)
{
	struct px_err err;
	im->inbatch = 0;
	if (!im->in_tx)
		return 0;
	im->in_tx = 0;
	if (!keep || im->dry) {
		px_store_rollback(cli.store);
		drop_queue(im);
		return 0;
	}
	if (px_store_commit(cli.store, &err)) {
		px_store_rollback(cli.store);
		drop_queue(im);
		px_cli_report(&cli, &err, NULL);
		return -1;
	}
	flush_queue(im);
	return 0;
}

/* The input has nothing more for now (a pipe fed by a slow writer): the
 * batch is committed and its surveys printed at once rather than holding
 * the store while waiting.  Not with --strict or --dry-run, whose
 * transaction spans the file. */
static int on_idle(void *ctx)
{
	struct imp *im = ctx;
	if (!im->in_tx || im->strict || im->dry)
		return 0;
	return end_batch(im, 1) ? PX_ESTORE : 0;
}

static void on_due(struct px_rec *due, void *ctx)
{
	enqueue(ctx, NULL, due);
}

static int on_record(struct px_rec *r, void *ctx, struct px_err *err)
{
	struct imp *im = ctx;
	if (!im->in_tx) {
		if (px_store_begin(cli.store, err))
			return -2;
		im->in_tx = 1;
		im->withdrawn0 = px_visit_stats(im->v)->withdrawn;
	}
	const char *type = px_rec_type(r);
	if (im->map && (!type || !strcmp(type, "visit")))
		px_visit_map_apply(im->map, r);
	im->records++;
	int rc = px_visit_apply(im->v, r, on_due, im, err);
	if (rc == 1)
		enqueue(im, r, NULL);
	if (rc == -1) {
		im->rejected++;
		if (im->strict) {
			im->failed = 1;
			return -2;
		}
		return -1;
	}
	if (rc == -2)
		return -2;
	if (im->progress && im->records % 10000 == 0)
		fprintf(stderr, "%s: %s: %ld records\n", cli.prog, im->file, im->records);
	if (!im->strict && ++im->inbatch >= im->batch && end_batch(im, 1))
		return px_err_set(err, PX_ESTORE, "commit failed"), -2;
	return 0;
}

/* ---------- HL7 ---------- */

static void hl7_report(struct imp *im, struct px_err *err, const char *name,
		       const struct px_hl7_msg *m, const char *raw)
{
	if (!err->source[0])
		px_strlcpy(err->source, name, sizeof err->source);
	if (!err->line)
		err->line = m->line;
	if (strncmp(err->text, "message ", 8)) {
		char t[sizeof err->text];
		snprintf(t, sizeof t, "message %ld: %.900s", m->number, err->text);
		px_strlcpy(err->text, t, sizeof err->text);
	}
	px_cli_report(&cli, err, raw);
	(void)im;
}

/* Returns 0, or the code of a fatal error. */
static int run_hl7(struct imp *im, const char *path)
{
	struct px_err err;
	px_err_clear(&err);
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		px_err_at(&err, PX_EINPUT, path, 0, "cannot open: %s", strerror(errno));
		px_cli_report(&cli, &err, NULL);
		return PX_EINPUT;
	}
	struct px_hl7_reader *rd = px_hl7_reader_new(f, path);
	const struct px_hl7_msg *m;
	int rc, fatal = 0;
	for (;;) {
		if (!px_hl7_ready(rd) && (fatal = on_idle(im)))
			break;
		if ((rc = px_hl7_next(rd, &m, &err)) == 0)
			break;
		if (rc == -2) {
			px_cli_report(&cli, &err, NULL);
			fatal = PX_EINPUT;
			break;
		}
		if (rc == -1) {
			im->records++;
			im->rejected++;
			px_cli_report(&cli, &err, px_hl7_raw(rd));
			if (im->strict) {
				im->failed = 1;
				break;
			}
			continue;
		}
		px_err_clear(&err);
		struct px_rec *r = px_visit_from_hl7(m, &err);
		if (!r) {
			im->records++;
			im->rejected++;
			hl7_report(im, &err, path, m, px_hl7_raw(rd));
			if (im->strict) {
				im->failed = 1;
				break;
			}
			continue;
		}
		px_rec_set_pos(r, path, m->line);
		int k = on_record(r, im, &err);
		px_rec_free(r);
		if (k < 0) {
			hl7_report(im, &err, path, m, im->failed || k == -1 ? px_hl7_raw(rd) : NULL);
			if (k == -2) {
				fatal = im->failed ? 0 : (err.code ? err.code : PX_ESTORE);
				break;
			}
		}
		px_err_clear(&err);
	}
	px_hl7_reader_free(rd);
	if (f != stdin)
		fclose(f);
	return fatal;
}

/* ---------- format detection ---------- */

/* Detects the format of path; for stdin, the bytes read are put back in
 * front of it through a pipe fed by a child process. */
static enum px_fmt detect(const char *path)
{
	char buf[512];
	ssize_t n = 0;
	if (strcmp(path, "-")) {
		FILE *f = fopen(path, "rb");
		if (!f)
			return PX_FMT_AUTO; /* the reader reports it */
		n = (ssize_t)fread(buf, 1, sizeof buf, f);
		fclose(f);
		return n > 0 ? px_fmt_detect(buf, (size_t)n) : PX_FMT_JSONL;
	}
	for (;;) {
		ssize_t k = read(0, buf + n, sizeof buf - (size_t)n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += k;
		if (n >= 16 || memchr(buf, '\n', (size_t)n))
			break;
	}
	enum px_fmt fmt = n > 0 ? px_fmt_detect(buf, (size_t)n) : PX_FMT_JSONL;
	int p[2];
	if (n <= 0 || pipe(p))
		return fmt;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return fmt;
	}
	if (pid == 0) {
		close(p[0]);
		char b[65536];
		ssize_t k = n;
		const char *s = buf;
		for (;;) {
			while (k > 0) {
				ssize_t w = write(p[1], s, (size_t)k);
				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0)
					_exit(0);
				s += w;
				k -= w;
			}
			k = read(0, b, sizeof b);
			if (k < 0 && errno == EINTR) {
				k = 0;
				continue;
			}
			if (k <= 0)
				_exit(0);
			s = b;
		}
	}
	close(p[1]);
	dup2(p[0], 0);
	close(p[0]);
	return fmt;
}

/* ---------- verbs ---------- */

static int put_rec(struct px_rec *r, void *ctx)
{
	px_cli_put(&cli, ctx, r);
	return 0;
}

static void load_journeys(struct px_journeys *js)
{
	char buf[4096];
	struct px_err err;
	px_cli_config(&cli);
	if (px_journeys_load(px_journeys_dir(cli.config, buf, sizeof buf), js, &err))
		px_cli_die(&cli, &err);
}

static int parse(int argc, char **argv, struct imp *im, const char **map_path,
		 const char **rejects, int import)
{
	int opt;
	optind = 0;
	argv[0] = (char *)cli.prog;
	while ((opt = getopt_long(argc, argv, PX_CLI_SHORTOPTS, opts, NULL)) != -1) {
		if (px_cli_option(&cli, opt, optarg))
			continue;
		if (!import)
			px_cli_usage_error(&cli, "option '%s' does not apply here", argv[optind - 1]);
		switch (opt) {
		case OPT_MAP: *map_path = optarg; break;
		case OPT_REJECTS: *rejects = optarg; break;
		case OPT_STRICT: im->strict = 1; break;
		case OPT_DRY_RUN: im->dry = 1; break;
		case OPT_PROGRESS: im->progress = 1; break;
		case OPT_QUIET: im->quiet = 1; break;
		}
	}
	if (im->progress && im->quiet)
		px_cli_usage_error(&cli, "--progress and --quiet exclude each other");
	return optind;
}

static int cmd_due(int argc, char **argv)
{
	struct imp im = { 0 };
	const char *m = NULL, *rj = NULL;
	int i = parse(argc, argv, &im, &m, &rj, 0);
	if (i < argc)
		px_cli_usage_error(&cli, "unexpected argument '%s'", argv[i]);
	px_cli_open(&cli, 0);
	const struct px_user *u = px_cli_actor(&cli);
	struct px_writer *w = px_cli_writer(&cli, PX_FMT_JSONL);
	struct px_err err;
	if (px_visit_due_each(cli.store, u, put_rec, w, &err) < 0)
		px_cli_die(&cli, &err);
	return px_cli_finish(&cli, w);
}

static int cmd_journeys(int argc, char **argv)
{
	struct imp im = { 0 };
	const char *m = NULL, *rj = NULL;
	int i = parse(argc, argv, &im, &m, &rj, 0);
	if (i < argc)
		px_cli_usage_error(&cli, "unexpected argument '%s'", argv[i]);
	struct px_journeys js;
	load_journeys(&js);
	struct px_writer *w = px_cli_writer(&cli, PX_FMT_AUTO);
	px_visit_journeys_each(&js, put_rec, w);
	px_journeys_free(&js);
	return px_cli_finish(&cli, w);
}

/* show as tables: one per record type (encounter, events, stages,
 * surveys), each with its own columns, a blank line between them. */
struct show_out {
	struct px_writer *w;
	char type[32];
};

static int put_show(struct px_rec *r, void *ctx)
{
	struct show_out *o = ctx;
	const char *type = px_rec_type(r) ? px_rec_type(r) : "";
	if (px_writer_format(o->w) == PX_FMT_TABLE && o->type[0] && strcmp(o->type, type)) {
		struct px_err err;
		px_err_clear(&err);
		if (px_writer_close(o->w, &err))
			px_cli_die(&cli, &err);
		putchar('\n');
		o->w = px_writer_new(stdout, PX_FMT_TABLE);
	}
	px_strlcpy(o->type, type, sizeof o->type);
	px_cli_put(&cli, o->w, r);
	return 0;
}

static int cmd_show(int argc, char **argv)
{
	struct imp im = { 0 };
	const char *m = NULL, *rj = NULL;
	int i = parse(argc, argv, &im, &m, &rj, 0);
	if (i >= argc)
		px_cli_usage_error(&cli, "missing encounter");
	if (i + 1 < argc)
		px_cli_usage_error(&cli, "unexpected argument '%s'", argv[i + 1]);
	px_cli_open(&cli, 0);
	const struct px_user *u = px_cli_actor(&cli);
	struct show_out o = { .w = px_cli_writer(&cli, PX_FMT_JSONL) };
	struct px_err err;
	px_err_clear(&err);
	if (px_visit_show(cli.store, u, argv[i], put_show, &o, &err) < 0)
		px_cli_die(&cli, &err);
	return px_cli_finish(&cli, o.w);
}

static int cmd_import(int argc, char **argv)
{
	struct imp im = { 0 };
	const char *map_path = NULL, *rejects = NULL;
	int i = parse(argc, argv, &im, &map_path, &rejects, 1);
	struct px_err err;
	px_err_clear(&err);
	struct px_journeys js;
	load_journeys(&js);
	long long batch;
	if (px_config_int(cli.config, "import.batch", 10000, 1, 1000000, &batch, &err))
		px_cli_die(&cli, &err);
	im.batch = (long)batch;
	if (map_path && !(im.map = px_visit_map_load(map_path, &err)))
		px_cli_die(&cli, &err);
	if (rejects) {
		cli.rejects = strcmp(rejects, "-") ? fopen(rejects, "w") : stdout;
		if (!cli.rejects) {
			px_err_at(&err, PX_EINPUT, rejects, 0, "cannot open: %s", strerror(errno));
			px_cli_die(&cli, &err);
		}
	}
	px_cli_open(&cli, 0);
	const struct px_user *actor = px_cli_actor(&cli);
	if (!(im.v = px_visit_new(cli.store, cli.config, actor, &js, &err)))
		px_cli_die(&cli, &err);
	im.w = px_cli_writer(&cli, PX_FMT_JSONL);
	static const char *const stdin_only[] = { "-", NULL };
	const char *const *files = i < argc ? (const char *const *)argv + i : stdin_only;
	for (; *files; files++) {
		im.file = *files;
		im.failed = 0;
		long rejected0 = im.rejected;
		enum px_fmt fmt = cli.in == PX_FMT_AUTO ? detect(*files) : cli.in;
		int fatal;
		if (fmt == PX_FMT_HL7) {
			fatal = run_hl7(&im, *files);
		} else {
			const char *one[] = { *files, NULL };
			struct px_loop loop = {
				.files = one, .fmt = fmt == PX_FMT_AUTO ? PX_FMT_AUTO : fmt,
				.fn = on_record, .ctx = &im, .idle = on_idle,
				.report = px_cli_loop_report, .report_ctx = &cli,
			};
			fatal = px_loop_run(&loop);
			if (fatal == PX_EREJECT || im.failed)
				fatal = 0;
			/* records the reader itself rejected never reached on_record */
			long by_reader = loop.rejected - (im.rejected - rejected0 - im.failed);
			im.records += by_reader;
			im.rejected += by_reader;
		}
		if (im.failed) {
			end_batch(&im, 0);
			px_cli_warn(&cli, "%s: nothing applied (--strict)", *files);
			px_cli_status(&cli, PX_EINPUT);
			continue;
		}
		if (fatal && fatal != PX_EINPUT) {
			end_batch(&im, 0);
			px_cli_status(&cli, fatal);
			break;
		}
		if (end_batch(&im, 1))
			break;
	}
	const struct px_visit_stats *s = px_visit_stats(im.v);
	if ((im.dry || im.progress) && !im.quiet)
		fprintf(stderr, "%s: %s%ld records, %ld applied, %ld already imported, %ld rejected,"
			" %ld surveys due, %ld suppressed, %ld withdrawn\n", cli.prog,
			im.dry ? "dry run: " : "", im.records, s->applied, s->duplicates, im.rejected,
			s->due, s->suppressed, s->withdrawn);
	px_visit_free(im.v);
	px_visit_map_free(im.map);
	px_journeys_free(&js);
	free(im.queue);
	int st = px_cli_finish(&cli, im.w);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return st;
}

int main(int argc, char **argv)
{
	px_cli_init(&cli, "px-import-his", usage);
	if (argc > 1 && !strcmp(argv[1], "due"))
		return cmd_due(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "journeys"))
		return cmd_journeys(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "show"))
		return cmd_show(argc - 1, argv + 1);
	return cmd_import(argc, argv);
}
