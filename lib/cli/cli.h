/*
 * cli.h - what every px command shares: common options, diagnostics in
 * the "prog: file:line: problem" form, opening the configuration and the
 * store, the acting user, output, and the exit status.  This is the one
 * module that talks to the user; the rest of libpx never prints.
 */
#ifndef PX_CLI_H
#define PX_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "core/auth.h"
#include "base/config.h"
#include "base/err.h"
#include "records/record.h"
#include "store/store.h"
#include "core/ctx.h"

#ifndef PX_VERSION
#define PX_VERSION "0.1.0"
#endif


/*
 * A command declares its verbs in one table, and px_cli_main() does the
 * rest: it finds the verb in argv, parses the options, checks them and
 * the operands against the verb's synopsis, runs the verb and exits with
 * the worst status.  The synopsis is the single source of truth: the
 * usage is printed from it, and the options a verb allows and how many
 * operands it takes are read from it:
 *   --name VALUE, -x VALUE  an option taking a value (VALUE upper case)
 *   --name                  a flag
 *   WORD                    an operand (upper case), optional inside
 *                           [...], any number when followed by "..."
 * Forms are separated by '\n'; a line starting with a space continues the
 * form before it.  The common options (--db, --as, --config, --columns,
 * -h/--help, --version) apply to every verb.
 */
struct px_cli;
typedef int (*px_verb_fn)(struct px_cli *c);

struct px_verb {
	const char *name;     /* "template list"; "a|b" alternatives; "" none */
	const char *synopsis; /* what follows the name in the usage */
	px_verb_fn run;       /* returns the verb's status */
	enum px_fmt out;      /* default output: 0 a table on a terminal and
	                       * JSON Lines otherwise; PX_FMT_JSONL always */
	const char *operand;  /* how a missing operand is named ("survey id");
	                       * default: the synopsis' word in lower case */
};

struct px_command {
	const char *prog;
	const struct px_verb *verbs; /* ends with a NULL name */
	/* Usage lines printed before and after the verbs' (NULL: none). */
	const char *head, *tail;
	/* When set, called with the whole argv when the first operand names
	 * no verb (px passes it to another command). */
	int (*other)(struct px_cli *c, int argc, char **argv);
	/* -o values beyond the record formats that the command writes
	 * itself (NULL-terminated; px-report's "html"): accepted, and read
	 * with px_opt(c, "o"). */
	const char *const *out_extra;
};

/* One parsed option: name is the long name, or the letter of a short one. */
struct px_cli_opt {
	const char *name;
	const char *value; /* NULL for a flag */
};

struct px_cli {
	const char *prog;
	const char *db, *as, *config_path;
	enum px_fmt in, out;
	int in_tab;       /* -i tsv: CSV with tabs */
	int out_set;
	struct px_config *config;
	struct px_store *store;
	struct px_user user;
	int have_user;
	int status;             /* the worst status so far */
	FILE *rejects;          /* raw rejected records, when asked for */
	const struct px_reader *reading; /* the file the loop reads now */
	char *rejects_header;   /* the CSV header last written to rejects */
	int in_loop;            /* the record loop runs */
	const char *archive;    /* --archive DIR */
	char *rejects_part;     /* the rejects of the file read now, with --archive */
	int rejects_own;        /* rejects is rejects_part's */
	struct said *said;      /* the reasons it said, and how often */
	size_t nsaid;
	struct said *tally;     /* the reasons of the run's rejects, counted */
	size_t ntally;
	int mllp;               /* --mllp: an HL7 ACK for each message on stdout */
	long acks;
	int progress;           /* show the loop's progress (--progress, or the verb's choice) */
	int progress_tty;       /* on a terminal: one line, rewritten */
	double progress_t0, progress_last;

	/* set by px_cli_main */
	const struct px_command *cmd;
	const struct px_verb *verb;
	const char *word;       /* the verb's first word as given */
	int argc;               /* the operands */
	char **argv;
	struct px_cli_opt *opts;
	int nopts;
	struct px_writer *w;    /* opened by the first record out */
	struct px_ctx cx;
	int have_cx;
	/* px_cli_tables_by_type */
	int tables_by_type;
	char table_type[64];
	/* --columns: the width tables fit (-1: not given) */
	long columns;
	/* px_cli_table_columns */
	struct {
		const char *type;
		const char *const *cols;
	} table_cols[8];
	int ntable_cols;
};

/* --- the verb table --- */

/* Runs the command: returns the exit status for main(). */
int px_cli_main(const struct px_command *cmd, int argc, char **argv);
/* The value of an option (the last one given), or NULL. */
const char *px_opt(const struct px_cli *c, const char *name);
/* How many times an option was given. */
int px_opt_count(const struct px_cli *c, const char *name);
/* The i-th value of a repeated option, or NULL past the last. */
const char *px_opt_nth(const struct px_cli *c, const char *name, int i);
/* A time option (ISO 8601 or a date) as UTC seconds; 0 when absent.
 * A malformed value is a usage error. */
int64_t px_opt_time(struct px_cli *c, const char *name);
/* Exits with a usage error naming the verb. */
_Noreturn void px_cli_bad_usage(struct px_cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The context for library verbs: configuration, store, acting user, the
 * writer on stdout as its sink; opened on first use. */
struct px_ctx *px_cli_ctx(struct px_cli *c);
/* A context without store or acting user, for a verb that reads no
 * data (a template rendered from the configuration alone, definitions
 * kept in files): the configuration, the writer on stdout as its sink. */
struct px_ctx *px_cli_ctx_config(struct px_cli *c);
/* The one exit helper: prints err when rc is not PX_OK (and err has a
 * text: rejects were reported already), remembers the worst status and
 * returns it. */
int px_cli_result(struct px_cli *c, int rc, const struct px_err *err);
/* Runs the record loop over the operands (stdin when none) with the
 * handlers, records of other types passed through; rejects reported.
 * When the verb has them: --rejects FILE writes each rejected record
 * there as read ("-": standard output), --progress reports the count
 * every 10000 records on standard error.  Returns the status so far. */
int px_cli_loop(struct px_cli *c, const struct px_handler *handlers);
/*
 * The same loop with the loop's transactions, for handlers that write
 * inside the caller's transaction: the store's begin, commit and
 * rollback, loop->batch records to a transaction (committed early when
 * the input waits), --strict and --dry-run when the verb has them; the
 * records the handlers hold with px_emit_after(), and those passed
 * through, printed after each commit and dropped after a rollback.  The
 * caller sets loop->batch, loop->hl7 and loop->ctx (what the handlers
 * get; NULL for the struct px_ctx), and reads the counts afterwards.
 */
int px_cli_loop_tx(struct px_cli *c, const struct px_handler *handlers, struct px_loop *loop);
/* What every front end (the commands, px-web) opens first: the
 * configuration at path (NULL: PX_CONFIG, else the default places), with
 * the display zone set and the key file placed beside the store db (NULL:
 * PX_DB, else store.db, else px.db), and then that store with its audit
 * key.  NULL with err. */
struct px_config *px_front_config(const char *path, const char *db, struct px_err *err);
struct px_store *px_front_store(const struct px_config *cfg, const char *db, int flags,
				struct px_err *err);
/* The verbs attach REF FILE and attachment REF ID (cli/attach.c) on the
 * cases of a kind. */
int px_cli_attach(struct px_cli *c, const char *kind);
int px_cli_attachment(struct px_cli *c, const char *kind);
/* Table output, when it is the verb's: one table for each run of
 * records of one type, each with its own columns, a blank line between
 * them. */
void px_cli_tables_by_type(struct px_cli *c);
/* The columns of a table (NULL-terminated, kept, not copied) whose
 * first record has this type, instead of that record's fields: for a
 * table that leaves out what the table before it says, or a listing for
 * people that shows what fits a screen (CSV and JSON keep every field). */
void px_cli_table_columns(struct px_cli *c, const char *type, const char *const *cols);

/* --- what the verbs and the loop share --- */

/* "prog: message" on stderr. */
void px_cli_warn(struct px_cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* After the record loop: its rejects by reason, the most frequent first,
 * a line each ("rejected 40: REASON"), ten at most and a last line for
 * the others; rejected is the loop's count. */
void px_cli_warn_rejects(struct px_cli *c, long rejected);
/* Prints err, remembers its code as the worst status, and writes raw to
 * the rejects file when one is open. */
void px_cli_report(struct px_cli *c, const struct px_err *err, const char *raw);

/* Loads px.conf and the display zone; exits 4 when invalid. */
void px_cli_config(struct px_cli *c);
/* The database path: --db, $PX_DB, store.db in px.conf, ./px.db. */
const char *px_cli_db_path(struct px_cli *c);
/* Loads the configuration and opens the store; exits on failure. */
struct px_store *px_cli_open(struct px_cli *c, int flags);
/* Loads the acting user from the store; exits 3 when unknown. */
const struct px_user *px_cli_actor(struct px_cli *c);
/* A writer on stdout in the -o format, else def (PX_FMT_AUTO: a table on
 * a terminal for listings, JSON Lines otherwise). */
struct px_writer *px_cli_writer(struct px_cli *c, enum px_fmt def);
/* Puts a record; a write error ends the command with status 5. */
void px_cli_put(struct px_cli *c, struct px_writer *w, const struct px_rec *r);
/* Closes the writer (may be NULL) and the store, flushes stdout and
 * returns the exit status to return from main. */
int px_cli_finish(struct px_cli *c, struct px_writer *w);
/* Records a status; the worst one wins. */
void px_cli_status(struct px_cli *c, int status);

#endif
