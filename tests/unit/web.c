/* Unit tests of px-web's forms and HTML escaping: decoding, the fields'
 * order and first value, and every way a form is refused. */
#include <stdlib.h>
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

	/* multipart/form-data: text fields, and the first file whole */
	static const char mp[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nسارة\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
		"Content-Type: text/plain\r\n\r\nline 1\r\n--not the end\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n"
		"--XyZ--\r\n";
	struct px_web_file file;
	ok(px_web_multipart(mp, sizeof mp - 1, "XyZ", &f, &file, &err) == 0, "a multipart body decodes");
	is_str(px_form_get(&f, "name"), "سارة", "its text field");
	is_str(px_form_get(&f, "empty"), "", "an empty field");
	ok(px_form_get(&f, "file") == NULL, "the file is no text field");
	is_str(file.name, "a.txt", "the file's name");
	ok(file.len == 21 && !memcmp(file.data, "line 1\r\n--not the end", 21),
	   "the file's bytes, a line that looks like a boundary kept");
	px_form_free(&f);
	free(file.field);
	free(file.name);
	free(file.data);
	static const char *const badmp[] = {
		"no boundary at all",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever ends",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--XyZ--",
	};
	for (size_t i = 0; i < sizeof badmp / sizeof *badmp; i++)
		ok(px_web_multipart(badmp[i], strlen(badmp[i]), "XyZ", &f, &file, &err) == PX_EINPUT &&
		   f.n == 0 && !file.data, "bad multipart %zu refused", i);

	struct px_buf b = { 0 };
	px_html(&b, "<a href=\"x\">Tom & Jerry's</a>");
	is_str(b.s, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;", "HTML escaping");
	px_buf_reset(&b);
	px_html(&b, NULL);
	is_int((long long)b.len, 0, "NULL escapes to nothing");
	px_buf_free(&b);
	return tap_done();
}
