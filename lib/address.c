/* address.c - phone and email validation with pcre2. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "mem.h"
#include "banned.h"

/* Compiled once per process; patterns are constants, so failure to
 * compile is a programming error. */
static pcre2_code *compile(const char *pattern)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF, &code, &off, NULL);
	if (!re)
		abort();
	return re;
}

static int matches(pcre2_code *re, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	if (!md)
		abort();
	int rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

int px_phone_normalise(const char *in, char out[PX_PHONE_LEN], struct px_err *err)
{
	static pcre2_code *saudi_local, *saudi_intl, *e164;
	if (!saudi_local) {
		saudi_local = compile("^0?5[0-9]{8}$");
		saudi_intl = compile("^(\\+|00)?9665[0-9]{8}$");
		e164 = compile("^\\+[1-9][0-9]{6,14}$");
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
	if (matches(saudi_local, d)) {
		snprintf(e, sizeof e, "+966%s", d[0] == '0' ? d + 1 : d);
		px_strlcpy(out, e, PX_PHONE_LEN);
		return 0;
	}
	if (matches(saudi_intl, d)) {
		snprintf(e, sizeof e, "+%s", d[0] == '+' ? d + 1 : d[0] == '0' ? d + 2 : d);
		px_strlcpy(out, e, PX_PHONE_LEN);
		return 0;
	}
	if (!strncmp(d, "00", 2)) {
		d[1] = '+';
		memmove(d, d + 1, n);
	}
	if (matches(e164, d) && strncmp(d, "+966", 4)) {
		px_strlcpy(out, d, PX_PHONE_LEN);
		return 0;
	}
	return px_err_set(err, PX_EREJECT, "not a valid phone number");
}

int px_email_check(const char *addr, struct px_err *err)
{
	static pcre2_code *re;
	if (!re)
		re = compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
			     "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
			     "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
			     "\\.[A-Za-z]{2,63}$");
	size_t n = strlen(addr);
	if (n == 0 || n > 254)
		return px_err_set(err, PX_EREJECT, "email address is empty or too long");
	if (!matches(re, addr) || strstr(addr, "..") || addr[0] == '.' ||
	    strstr(addr, ".@"))
		return px_err_set(err, PX_EREJECT, "not a valid email address");
	return 0;
}
