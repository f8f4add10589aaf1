/* web - what px-web reads from a browser, on any bytes: a query string or
 * urlencoded form, a multipart/form-data body (the first byte chooses),
 * the HTML escaping of what was decoded, and an SMS reply's text. */
#include "fuzz.h"
#include "px.h"
#include "surveys/survey.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	unsigned sel = data[0] % 3;
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
