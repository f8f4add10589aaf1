/* regex.c - pcre2 behind px_regex; pcre2 types stay in this file. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/regex.h"
#include "base/banned.h"

struct px_regex {
	pcre2_code *code;
};

struct px_regex *px_regex_compile(const char *pattern, int flags)
{
	int ec;
	PCRE2_SIZE eo;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP;
	if (flags & PX_REGEX_CASELESS)
		opts |= PCRE2_CASELESS;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
					 &ec, &eo, NULL);
	if (!code)
		px_oom(); /* the patterns are constants of px: only memory can fail */
	struct px_regex *re = px_xmalloc(sizeof *re);
	re->code = code;
	return re;
}

int px_regex_match(const struct px_regex *re, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (!md)
		px_oom();
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc > 0;
}
