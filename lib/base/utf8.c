/* utf8.c - the UTF-8 check and quoting for messages; see utf8.h. */
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "base/banned.h"

size_t px_utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		size_t len;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2, min = 0x80, c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3, min = 0x800, c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4, min = 0x10000, c &= 0x07;
		} else {
			return i;
		}
		if (len > n - i)
			return i;
		for (size_t k = 1; k < len; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return i;
			c = c << 6 | (p[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return i;
		i += len;
	}
	return n;
}

int px_utf8_valid(const char *s, size_t n)
{
	return px_utf8_check(s, n) == n;
}

char *px_utf8_quote(const char *s, size_t n, char *out, size_t size)
{
	size_t o = 0, i = 0;
	if (!size)
		return out;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t seq = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		char esc[8];
		const char *put = esc;
		size_t len;
		if (c >= 0xC0 && px_utf8_check(s + i, seq <= n - i ? seq : n - i) == seq) {
			/* a valid sequence starts here: kept whole */
			len = seq;
			put = s + i;
		} else if (c < 0x20 || c == 0x7F || c >= 0x80) {
			len = (size_t)snprintf(esc, sizeof esc, "\\x%02X", c);
		} else {
			len = 1, esc[0] = (char)c;
		}
		if (o + len >= size)
			break;
		memcpy(out + o, put, len);
		o += len;
		i += put == esc ? 1 : len;
	}
	out[o] = '\0';
	return out;
}
