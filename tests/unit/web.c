/* Unit tests of px-web's forms and HTML escaping: decoding, the fields'
 * order and first value, and every way a form is refused. */
#include <string.h>

#include "px.h"
#include "web/web.h"
#include "tap.h"

static int parses(const char *text, struct px_form *f)
{
	struct px_err err = { 0 };
	return px_form_parse(text, strlen(text), f, &err);
}

int main(void)
{
	struct px_form f;
	ok(parses("a=1&b=two+words&c=%D9%86%D8%B9%D9%85&a=again&&empty=", &f) == 0,
	   "a form of five fields decodes");
	is_int((long long)f.n, 5, "empty parts between & are no field");
	is_str(px_form_get(&f, "a"), "1", "the first value of a repeated field");
	is_str(px_form_get(&f, "b"), "two words", "+ is a blank");
	is_str(px_form_get(&f, "c"), "نعم", "percent escapes give UTF-8 bytes");
	is_str(px_form_get(&f, "empty"), "", "a field without a value is empty");
	ok(px_form_get(&f, "none") == NULL, "a field not given is NULL");
	is_str(f.name[3], "a", "fields keep their order");
	px_form_free(&f);

	ok(parses("text=line%0Aone%09tab", &f) == 0 && !strcmp(px_form_get(&f, "text"), "line\none\ttab"),
	   "newlines and tabs are allowed");
	px_form_free(&f);
	ok(parses("noequals", &f) == 0 && !strcmp(px_form_get(&f, "noequals"), ""),
	   "a name without = has an empty value");
	px_form_free(&f);

	static const char *const bad[] = {
		"a=%", "a=%4", "a=%G1", "a=%00", "a=%01", "a=%7F", "a=%C3", "a=%C3%28", "=value",
		"a=%ED%A0%80",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct px_err err = { 0 };
		int rc = px_form_parse(bad[i], strlen(bad[i]), &f, &err);
		ok(rc == PX_EINPUT && f.n == 0, "'%s' is refused", bad[i]);
		if (i == 0)
			is_str(err.text, "field 1: a bad escape, or text that is not UTF-8",
			       "the refusal names the field");
	}
	struct px_buf many = { 0 };
	for (int i = 0; i <= PX_FORM_FIELDS; i++)
		px_buf_addf(&many, "f%d=x&", i);
	struct px_err err = { 0 };
	ok(px_form_parse(many.s, many.len, &f, &err) == PX_EINPUT, "more than %d fields are refused",
	   PX_FORM_FIELDS);
	px_buf_free(&many);

	struct px_buf b = { 0 };
	px_html(&b, "<a href=\"x\">Tom & Jerry's</a>");
	is_str(b.s, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;", "HTML escaping");
	px_buf_reset(&b);
	px_html(&b, NULL);
	is_int((long long)b.len, 0, "NULL escapes to nothing");
	px_buf_free(&b);
	return tap_done();
}
