/* address.c - phone and email validation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/address.h"
#include "base/mem.h"
#include "base/regex.h"
#include "base/banned.h"

int px_phone_normalise(const char *in, char out[PX_PHONE_LEN], struct px_err *err)
{
	static struct px_regex *saudi_local, *saudi_intl, *e164;
	if (!saudi_local) {
		saudi_local = px_regex_compile("^0?5[0-9]{8}$", 0);
		saudi_intl = px_regex_compile("^(\\+|00)?9665[0-9]{8}$", 0);
		e164 = px_regex_compile("^\\+[1-9][0-9]{6,14}$", 0);
	}
	/* Keep digits (ASCII and Arabic-Indic U+0660..U+0669) and '+'. */
	char d[64];
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)in;
	while (*p) {
		if (n + 1 >= sizeof d)
			return px_err_set(err, PX_EREJECT, "phone number too long");
		if (*p >= '0' && *p <= '9') {
			d[n++] = (char)*p++;
		} else if (*p == '+' && n == 0) {
			d[n++] = '+';
			p++;
		} else if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) {
			d[n++] = (char)('0' + p[1] - 0xA0);
			p += 2;
		} else if (strchr(" -.()\t", *p)) {
			p++;
		} else {
			return px_err_set(err, PX_EREJECT, "phone number has a stray character");
		}
	}
	d[n] = '\0';
	if (!n)
		return px_err_set(err, PX_EREJECT, "empty phone number");
	/* The patterns bound the lengths, so the results fit in out. */
	char e[80];
	if (px_regex_match(saudi_local, d)) {
		snprintf(e, sizeof e, "+966%s", d[0] == '0' ? d + 1 : d);
		px_strlcpy(out, e, PX_PHONE_LEN);
		return 0;
	}
	if (px_regex_match(saudi_intl, d)) {
		snprintf(e, sizeof e, "+%s", d[0] == '+' ? d + 1 : d[0] == '0' ? d + 2 : d);
		px_strlcpy(out, e, PX_PHONE_LEN);
		return 0;
	}
	if (!strncmp(d, "00", 2)) {
		d[1] = '+';
		memmove(d, d + 1, n);
	}
	if (px_regex_match(e164, d) && strncmp(d, "+966", 4)) {
		px_strlcpy(out, d, PX_PHONE_LEN);
		return 0;
	}
	return px_err_set(err, PX_EREJECT, "not a valid phone number");
}

int px_email_check(const char *addr, struct px_err *err)
{
	static struct px_regex *re;
	if (!re)
		re = px_regex_compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
			     "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
			     "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
			     "\\.[A-Za-z]{2,63}$", 0);
	size_t n = strlen(addr);
	if (n == 0 || n > 254)
		return px_err_set(err, PX_EREJECT, "email address is empty or too long");
	if (!px_regex_match(re, addr) || strstr(addr, "..") || addr[0] == '.' ||
	    strstr(addr, ".@"))
		return px_err_set(err, PX_EREJECT, "not a valid email address");
	return 0;
}
