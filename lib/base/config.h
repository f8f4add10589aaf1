/*
 * config.h - px.conf: "[section]" headers and "key = value" lines.
 *
 * A key is named "section.key".  The environment variable PX_SECTION_KEY
 * (upper case, dots and dashes as underscores) overrides the file, and a
 * value written "env:NAME" is read from the environment variable NAME, so
 * secrets need not be in the file at all; a NAME that is unset or empty
 * leaves the key unset (px_config_env, the one rule for both).
 *
 * THE KEYS.  Every key px knows is in one table, px_config_keys
 * (base/config_keys.c): its name, the type of its value, the range or
 * the values allowed, and its default.  px_config_load checks every value
 * the file and the environment give against it, so that a bad value
 * stops every command (PX_EINPUT, with the file and line, or the
 * variable's name) before it does anything; a key the table does not
 * have is a warning (px_config_warnings), not an error, so that a newer
 * px.conf still works with an older px.  Modules read the typed values
 * through px_config_num, px_config_flag and px_config_str, which take
 * the default from the table: the table is the one place defaults live.
 */
#ifndef PX_CONFIG_H
#define PX_CONFIG_H

#include <stddef.h>

#include "base/err.h"

#define PX_CONFIG_DEFAULT "/etc/px/px.conf"

struct px_config;

/* What a key's value must be. */
enum px_config_type {
	PX_CONF_TEXT = 1, /* any text */
	PX_CONF_INT,      /* an integer from min to max */
	PX_CONF_BOOL,     /* true/false, yes/no, on/off, 1/0 */
	PX_CONF_ENUM,     /* one of values, "a|b|c" */
	PX_CONF_PATH,     /* a file or a directory */
	PX_CONF_SECRET,   /* text of at least min bytes, never printed */
	PX_CONF_URL,      /* an address whose scheme is one of values */
	PX_CONF_ZONE,     /* a time zone the system knows */
	PX_CONF_HOURS,    /* HH:MM-HH:MM, or "none" */
	PX_CONF_STATUS,   /* an HTTP status or a range of them, "200-299" */
	PX_CONF_HEADER,   /* "Name: value" */
};

/*
 * One key of the table.  A name may end in a pattern: ".*" stands for
 * any last part ("notify.templates.*": one per hospital code), ".#" for
 * a number from 1 to PX_CONFIG_NTH ("sms.header.#").  def is the default
 * as the file would write it; NULL when the key has none, or when its
 * default depends on where px runs (the data directory, the store's
 * path): then note says what it is, and the front end may give it with
 * px_config_default().
 */
struct px_config_key {
	const char *name;
	enum px_config_type type;
	long long min, max;   /* PX_CONF_INT; min bytes of a PX_CONF_SECRET */
	const char *values;   /* PX_CONF_ENUM, PX_CONF_URL: "a|b" */
	const char *def;
	const char *note;     /* a default that is not a constant */
};

#define PX_CONFIG_NTH 32

/* The table, ended by a NULL name. */
extern const struct px_config_key px_config_keys[];
/* The table's entry for a key, or NULL when px does not know it. */
const struct px_config_key *px_config_key(const char *name);

/* Loads path; with path NULL, $PX_CONFIG or else PX_CONFIG_DEFAULT, which
 * may be missing (an empty configuration).  A named file that cannot be
 * read, a malformed line, or a value the table refuses (in the file or
 * in the environment) fails with PX_EINPUT and file:line. */
struct px_config *px_config_load(const char *path, struct px_err *err);
void px_config_free(struct px_config *c);
/* The file read, or NULL when none was. */
const char *px_config_path(const struct px_config *c);
/* The warnings of the load (unknown keys, with file:line): how many, and
 * the i-th. */
int px_config_nwarnings(const struct px_config *c);
const struct px_err *px_config_warning(const struct px_config *c, int i);

/* The value of environment variable name, NULL when it is unset or
 * empty: what "env:NAME" reads, wherever it is written. */
const char *px_config_env(const char *name);

/* The value of "section.key" as the environment or the file sets it,
 * "env:NAME" resolved, or def when unset.  c may be NULL. */
const char *px_config_get(const struct px_config *c, const char *key, const char *def);
/* Whether the environment or the file sets key. */
int px_config_is_set(const struct px_config *c, const char *key);
/* Gives a key whose default depends on where px runs its default for
 * this configuration (the front end knows the store's path: the key
 * file beside it).  The environment and the file still come first. */
void px_config_default(struct px_config *c, const char *key, const char *value);

/* The typed values of the table's keys, as checked at load; the table's
 * default (or px_config_default's) when unset.  A key that is not in
 * the table, or not of the type asked, is a programming error: 0, NULL. */
long long px_config_num(const struct px_config *c, const char *key);
int px_config_flag(const struct px_config *c, const char *key);
const char *px_config_str(const struct px_config *c, const char *key);

/*
 * The older readers, for keys a module reads before the table has them.
 * For a key in the table its default and range win over def, min and
 * max.  px_config_int: an integer in [min, max]; def when unset; -1 with
 * PX_EINPUT when set but malformed.  px_config_bool: true/false,
 * yes/no, on/off, 1/0.
 */
int px_config_int(const struct px_config *c, const char *key, long long def,
		  long long min, long long max, long long *out, struct px_err *err);
int px_config_bool(const struct px_config *c, const char *key, int def,
		   int *out, struct px_err *err);

/*
 * The directory of px's shared data (share/px) named sub, such as
 * "templates" or "journeys", into buf: under $PX_DATA when set, else next
 * to the programs (an install's bin/../share/px, or the source tree's
 * build/bin/../../share/px), else under the compiled-in data directory.
 */
const char *px_config_datadir(const char *sub, char *buf, size_t size);

#endif
