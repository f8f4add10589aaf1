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

#ifndef PX_VERSION
#define PX_VERSION "0.1.0"
#endif

/* Option codes of the common long options (beyond any short letter). */
enum {
	PX_OPT_DB = 0x100,
	PX_OPT_AS,
	PX_OPT_CONFIG,
	PX_OPT_VERSION,
	PX_OPT_FIRST_FREE, /* commands number their own long options from here */
};

/* Add these to a command's getopt_long table and short-option string. */
#define PX_CLI_LONGOPTS                                         \
	{ "db", required_argument, NULL, PX_OPT_DB },           \
	{ "as", required_argument, NULL, PX_OPT_AS },           \
	{ "config", required_argument, NULL, PX_OPT_CONFIG },   \
	{ "input-format", required_argument, NULL, 'i' },       \
	{ "output-format", required_argument, NULL, 'o' },      \
	{ "help", no_argument, NULL, 'h' },                     \
	{ "version", no_argument, NULL, PX_OPT_VERSION }
#define PX_CLI_SHORTOPTS "hi:o:"

struct px_cli {
	const char *prog;
	const char *usage;      /* printed by -h, and after usage errors */
	const char *db, *as, *config_path;
	enum px_fmt in, out;
	int out_set;
	struct px_config *config;
	struct px_store *store;
	struct px_user user;
	int have_user;
	int status;             /* the worst status so far */
	FILE *rejects;          /* raw rejected records, when asked for */
};

/* Sets up prog and usage, SIGPIPE default, a 077 umask for what px
 * creates. */
void px_cli_init(struct px_cli *c, const char *prog, const char *usage);
/* Handles a common option returned by getopt_long: 1 handled, 0 not a
 * common option.  Exits on -h, --version and bad values. */
int px_cli_option(struct px_cli *c, int opt, const char *arg);
/*
 * A verb's options: call px_cli_verb_next until it returns -1.  It
 * restarts getopt on argv (argv[0] being the verb, renamed after the
 * program for getopt's own messages), handles the common options itself,
 * refuses with a usage error the options not in allowed (0-terminated,
 * may be NULL) and returns the others.  The operands are then
 * argv[optind..argc-1].
 */
int px_cli_verb_next(struct px_cli *c, int argc, char **argv, const struct option *opts,
		     const int *allowed);
/* Exits with a usage error unless there are min to max operands (n of
 * them, in operands); what names the missing one. */
void px_cli_operands(struct px_cli *c, int n, char **operands, int min, int max,
		     const char *what);
/* "prog: message" on stderr. */
void px_cli_warn(struct px_cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints a usage problem and the usage, exits 2. */
_Noreturn void px_cli_usage_error(struct px_cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints err and exits with its code. */
_Noreturn void px_cli_die(struct px_cli *c, const struct px_err *err);
/* Prints err, remembers its code as the worst status, and writes raw to
 * the rejects file when one is open. */
void px_cli_report(struct px_cli *c, const struct px_err *err, const char *raw);
/* A px_report_fn for px_loop (ctx is the struct px_cli). */
void px_cli_loop_report(const struct px_err *err, const char *raw, void *ctx);

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
