/*
 * config.h - px.conf: "[section]" headers and "key = value" lines.
 *
 * A key is named "section.key".  The environment variable PX_SECTION_KEY
 * (upper case, dots and dashes as underscores) overrides the file, and a
 * value written "env:NAME" is read from the environment variable NAME, so
 * secrets need not be in the file at all.
 */
#ifndef PX_CONFIG_H
#define PX_CONFIG_H

#include <stddef.h>

#include "base/err.h"

#define PX_CONFIG_DEFAULT "/etc/px/px.conf"

struct px_config;

/* Loads path; with path NULL, $PX_CONFIG or else PX_CONFIG_DEFAULT, which
 * may be missing (an empty configuration).  A named file that cannot be
 * read, or a malformed line, fails with PX_EINPUT and file:line. */
struct px_config *px_config_load(const char *path, struct px_err *err);
void px_config_free(struct px_config *c);
/* The file read, or NULL when none was. */
const char *px_config_path(const struct px_config *c);

/* The value of "section.key", or def when unset.  c may be NULL. */
const char *px_config_get(const struct px_config *c, const char *key, const char *def);
/* An integer in [min, max]; def when unset.  -1 with PX_EINPUT when set
 * but malformed. */
int px_config_int(const struct px_config *c, const char *key, long long def,
		  long long min, long long max, long long *out, struct px_err *err);
/* A boolean (true/false, yes/no, on/off, 1/0); def when unset. */
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
