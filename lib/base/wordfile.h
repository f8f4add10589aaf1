/*
 * wordfile.h - the files px reads as lines of words (workflows, SLA
 * policies, calendars): '#' starts a comment, words are separated by
 * blanks, and the words before a comment are printable ASCII.  Every
 * mistake is reported with the file and the line.
 */
#ifndef PX_WORDFILE_H
#define PX_WORDFILE_H

#include <stddef.h>

#include "base/err.h"

#define PX_WORDFILE_WORDS 32    /* the most words a line may have */
#define PX_WORDFILE_LINE 1024   /* bytes on a line at most */

/* Called with the words of each line that has any (w[n] is NULL) and
 * the line's number; returns PX_OK or the status of a mistake, which it
 * reports with px_fail_at(err, ..., path, line, ...). */
typedef int (*px_wordfile_fn)(char **w, int n, long line, void *ctx, struct px_err *err);

/* Reads the file at path line by line; stops at the first mistake.
 * PX_EINPUT for a file that cannot be read, a line too long, with more
 * than max_words words (at most PX_WORDFILE_WORDS) or with a byte that
 * is not printable ASCII before its comment. */
int px_wordfile_read(const char *path, int max_words, px_wordfile_fn fn, void *ctx,
		     struct px_err *err);
/* The same over text in memory (name in the messages). */
int px_wordfile_parse(const char *name, const char *text, size_t len, int max_words,
		      px_wordfile_fn fn, void *ctx, struct px_err *err);

#endif
