/* utf8.h - the one UTF-8 check of px, and text made safe to quote in a
 * diagnostic. */
#ifndef PX_UTF8_H
#define PX_UTF8_H

#include <stddef.h>

/* Length of the longest prefix of s (n bytes) that is valid UTF-8: n
 * when all of it is.  Strict, as RFC 3629: no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF. */
size_t px_utf8_check(const char *s, size_t n);
/* Whether all n bytes of s are valid UTF-8 (as px_utf8_check). */
int px_utf8_valid(const char *s, size_t n);
/*
 * s (n bytes) as text fit to print in a message, into out (size bytes,
 * always terminated): control bytes, DEL and bytes that are not valid
 * UTF-8 become \xNN; at most size - 1 bytes, never a sequence cut in
 * two.  Returns out.
 */
char *px_utf8_quote(const char *s, size_t n, char *out, size_t size);

#endif
