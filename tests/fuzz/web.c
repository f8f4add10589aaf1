/* web - what px-web reads from a browser, on any bytes: a query string or
 * urlencoded form, a multipart/form-data body (the first byte chooses),
 * the HTML escaping of what was decoded, an SMS reply's text, and a whole
 * CGI request as px-web reads it (px_web_request): the first five lines
 * are REQUEST_METHOD, CONTENT_TYPE, CONTENT_LENGTH, QUERY_STRING and
 * PATH_INFO, the rest is the body on standard input. */
#include "fuzz.h"
#include "px.h"
#include "surveys/survey.h"
#include "web/web.h"

/* A CGI request of the environment's five lines and a body. */
static void request(const char *text, size_t n, struct px_buf *html)
{
	static const char *vars[] = { "REQUEST_METHOD", "CONTENT_TYPE", "CONTENT_LENGTH",
				      "QUERY_STRING", "PATH_INFO" };
	const char *p = text, *end = text + n;
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *v = strndup(p, len);      /* stops at a NUL: the environment would */
		setenv(vars[i], v, 1);
		free(v);
		p = nl ? nl + 1 : end;
	}
	const char *path = fuzz_file((const uint8_t *)p, (size_t)(end - p), ".body");
	if (!freopen(path, "rb", stdin))
		abort();
	struct px_web_req r;
	px_web_request(&r, 65536, 1 << 20);
	for (size_t i = 0; i < r.form.n; i++)
		px_html(html, r.form.value[i]);
	for (size_t i = 0; i < r.query.n; i++)
		px_html(html, r.query.value[i]);
	(void)px_web_param(&r, "token");
	if (r.file.name)
		px_html(html, r.file.name);
	px_web_request_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	unsigned sel = data[0] % 4;
	const char *text = (const char *)data + 1;
	size_t n = size - 1;
	struct px_form f = { 0 };
	struct px_err err;
	struct px_buf html = PX_BUF_INIT;
	if (sel == 0) {
		if (!px_form_parse(text, n, &f, &err)) {
			for (size_t i = 0; i < f.n; i++) {
				px_html(&html, f.name[i]);
				px_html(&html, f.value[i]);
			}
			(void)px_form_get(&f, "token");
		}
	} else if (sel == 1) {
		struct px_web_file file = { 0 };
		if (!px_web_multipart(text, n, "XyZzy", &f, &file, &err))
			for (size_t i = 0; i < f.n; i++)
				px_html(&html, f.value[i]);
		free(file.field);
		free(file.name);
		free(file.data);
	} else if (sel == 3) {
		request(text, n, &html);
	} else {
		char *s = malloc(n + 1);
		memcpy(s, text, n);
		s[n] = '\0';
		long number;
		(void)px_survey_sms_parse(s, &number);
		free(s);
	}
	px_form_free(&f);
	px_buf_free(&html);
	return 0;
}
