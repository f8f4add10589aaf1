/* regex.h - regular expressions (pcre2, UTF-8) for px's fixed patterns. */
#ifndef PX_REGEX_H
#define PX_REGEX_H

enum {
	PX_REGEX_CASELESS = 1, /* case-insensitive, Unicode-aware */
};

struct px_regex;

/* Compiles a constant pattern (UTF-8, Unicode properties).  A pattern
 * that does not compile is a programming error: the process aborts. */
struct px_regex *px_regex_compile(const char *pattern, int flags);
/* Whether s matches anywhere (anchor the pattern to match whole). */
int px_regex_match(const struct px_regex *re, const char *s);

#endif
