/* wordfile.c - reading files of lines of words (wordfile.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/wordfile.h"
#include "base/banned.h"

static const char hexd[] = "0123456789abcdef";

/* One line (len bytes at s, no newline): its bytes checked, its words
 * split off and handed to fn. */
static int one_line(const char *name, long line, char *s, size_t len, int max,
		    px_wordfile_fn fn, void *ctx, struct px_err *err)
{
	if (len > PX_WORDFILE_LINE)
		return px_fail_at(err, PX_EINPUT, name, line, "line longer than %d bytes",
				  PX_WORDFILE_LINE);
	char *hash = memchr(s, '#', len);
	size_t words_len = hash ? (size_t)(hash - s) : len;
	for (size_t i = 0; i < words_len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
			char hex[3] = { hexd[c >> 4], hexd[c & 15], 0 };
			return px_fail_at(err, PX_EINPUT, name, line,
					  "byte 0x%s is not printable ASCII", hex);
		}
	}
	s[words_len] = '\0';
	char *w[PX_WORDFILE_WORDS + 1];
	int n = 0;
	char *save = NULL;
	for (char *t = strtok_r(s, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
		if (n == max)
			return px_fail_at(err, PX_EINPUT, name, line, "more than %d words", max);
		w[n++] = t;
	}
	w[n] = NULL;
	return n ? fn(w, n, line, ctx, err) : PX_OK;
}

int px_wordfile_parse(const char *name, const char *text, size_t len, int max_words,
		      px_wordfile_fn fn, void *ctx, struct px_err *err)
{
	if (max_words < 1 || max_words > PX_WORDFILE_WORDS)
		max_words = PX_WORDFILE_WORDS;
	char *copy = px_xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	long line = 0;
	int rc = PX_OK;
	for (char *s = copy; !rc && s < copy + len;) {
		char *nl = memchr(s, '\n', (size_t)(copy + len - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(copy + len - s);
		if (memchr(s, '\0', n)) {
			rc = px_fail_at(err, PX_EINPUT, name, line + 1, "byte 0x00 is not printable ASCII");
			break;
		}
		rc = one_line(name, ++line, s, n, max_words, fn, ctx, err);
		s += n + 1;
	}
	free(copy);
	return rc;
}

int px_wordfile_read(const char *path, int max_words, px_wordfile_fn fn, void *ctx,
		     struct px_err *err)
{
	if (max_words < 1 || max_words > PX_WORDFILE_WORDS)
		max_words = PX_WORDFILE_WORDS;
	FILE *f = fopen(path, "r");
	if (!f)
		return px_fail(err, PX_EINPUT, "%s: %s", path, strerror(errno));
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	long line = 0;
	int rc = PX_OK;
	while (!rc && (len = getline(&buf, &cap, f)) >= 0) {
		line++;
		if (len && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (memchr(buf, '\0', (size_t)len))
			rc = px_fail_at(err, PX_EINPUT, path, line, "byte 0x00 is not printable ASCII");
		else
			rc = one_line(path, line, buf, (size_t)len, max_words, fn, ctx, err);
	}
	if (!rc && ferror(f))
		rc = px_fail_at(err, PX_EINPUT, path, 0, "cannot read: %s", strerror(errno));
	free(buf);
	fclose(f);
	return rc;
}
