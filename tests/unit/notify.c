/* Unit tests of the notification rules: SMS segments, backoff, quiet
 * hours, template rendering and escaping, RFC 2047 subjects. */
#include <stdlib.h>
#include <string.h>

#include "px.h"
#include "tap.h"

static void test_segments(void)
{
	char buf[400];
	int ucs2;
	memset(buf, 'a', 160);
	buf[160] = '\0';
	is_int(px_notify_sms_segments(buf, &ucs2), 1, "160 GSM-7 characters: one segment");
	ok(!ucs2, "plain ASCII is GSM-7");
	buf[160] = 'a';
	buf[161] = '\0';
	is_int(px_notify_sms_segments(buf, NULL), 2, "161 GSM-7 characters: two segments");
	memset(buf, 'a', 306);
	buf[306] = '\0';
	is_int(px_notify_sms_segments(buf, NULL), 2, "306 = 2 x 153: two segments");
	buf[306] = 'a';
	buf[307] = '\0';
	is_int(px_notify_sms_segments(buf, NULL), 3, "307: three segments");
	memset(buf, 'a', 159);
	buf[159] = '{';
	buf[160] = '\0';
	is_int(px_notify_sms_segments(buf, &ucs2), 2, "an extension character counts two septets");
	ok(!ucs2, "'{' stays GSM-7");
	is_int(px_notify_sms_segments("caf\xc3\xa9 \xc3\xa0 10\xe2\x82\xac", &ucs2), 1, "accents and euro are GSM-7");
	ok(!ucs2, "GSM-7 with accents");
	struct px_buf b = PX_BUF_INIT;
	for (int i = 0; i < 70; i++)
		px_buf_adds(&b, "\xd8\xb3"); /* Arabic seen */
	is_int(px_notify_sms_segments(b.s, &ucs2), 1, "70 Arabic characters: one UCS-2 segment");
	ok(ucs2, "Arabic is UCS-2");
	px_buf_adds(&b, "\xd8\xb3");
	is_int(px_notify_sms_segments(b.s, NULL), 2, "71 Arabic characters: two segments");
	for (int i = 71; i < 134; i++)
		px_buf_adds(&b, "\xd8\xb3");
	is_int(px_notify_sms_segments(b.s, NULL), 2, "134 = 2 x 67: two segments");
	px_buf_adds(&b, "a");
	is_int(px_notify_sms_segments(b.s, NULL), 3, "135: three segments");
	px_buf_free(&b);
	is_int(px_notify_sms_segments("ok \xf0\x9f\x98\x80", &ucs2), 1, "an emoji makes it UCS-2");
	ok(ucs2, "emoji is UCS-2");
}

static void test_backoff(void)
{
	is_int(px_notify_backoff(60, 1, 0), 60, "first retry after the base delay");
	is_int(px_notify_backoff(60, 2, 0), 120, "doubles");
	is_int(px_notify_backoff(60, 3, 0), 240, "doubles again");
	is_int(px_notify_backoff(60, 1, 0.5), 75, "jitter adds up to half");
	ok(px_notify_backoff(60, 1, 0.9999) < 90, "jitter stays under half");
	is_int(px_notify_backoff(3600, 30, 0.9), 86400, "at most a day");
}

static void test_quiet(void)
{
	int from, to;
	int64_t t, until;
	px_time_set_zone("Asia/Riyadh", NULL);
	ok(px_notify_parse_quiet("22:00-08:00", &from, &to) == 0 && from == 1320 && to == 480, "parse 22:00-08:00");
	ok(px_notify_parse_quiet("22-08", &from, &to) < 0, "malformed quiet hours");
	ok(px_notify_parse_quiet("25:00-08:00", &from, &to) < 0, "hour 25 rejected");
	px_notify_parse_quiet("22:00-08:00", &from, &to);
	px_time_parse("2026-11-23T12:00:00+03:00", &t);
	ok(!px_notify_quiet(from, to, t, &until), "noon is not quiet");
	px_time_parse("2026-11-23T23:30:00+03:00", &t);
	ok(px_notify_quiet(from, to, t, &until), "23:30 is quiet");
	char l[PX_TIME_LOCAL_LEN];
	px_time_format_local(until, l);
	is_str(l, "2026-11-24T08:00:00+03:00", "quiet until 08:00 next morning");
	px_time_parse("2026-11-24T07:59:30+03:00", &t);
	ok(px_notify_quiet(from, to, t, &until), "07:59 is quiet");
	px_time_format_local(until, l);
	is_str(l, "2026-11-24T08:00:00+03:00", "quiet until 08:00 the same morning");
	px_time_parse("2026-11-24T08:00:00+03:00", &t);
	ok(!px_notify_quiet(from, to, t, &until), "08:00 is not quiet");
	px_notify_parse_quiet("13:00-14:00", &from, &to);
	px_time_parse("2026-11-24T13:15:00+03:00", &t);
	ok(px_notify_quiet(from, to, t, &until), "a window that does not wrap");
}

static const char *vars(const char *name, void *ctx)
{
	if (!strcmp(name, "name"))
		return "Sara \"S\" <x> & co\n";
	if (!strcmp(name, "n"))
		return "5";
	return NULL;
}

static void test_template(void)
{
	struct px_buf b = PX_BUF_INIT;
	struct px_err e;
	px_err_clear(&e);
	ok(px_template_render("Hi {{n}} and {{ n }}!", PX_TPL_PLAIN, vars, NULL, &b, &e) == 0, "render");
	is_str(px_buf_str(&b), "Hi 5 and 5!", "placeholders replaced, spaces allowed");
	px_buf_reset(&b);
	ok(px_template_render("{{missing}}", PX_TPL_PLAIN, vars, NULL, &b, &e) == PX_EREJECT, "missing variable fails");
	is_str(e.text, "missing variable 'missing'", "and says which");
	px_buf_reset(&b);
	ok(px_template_render("a {{n", PX_TPL_PLAIN, vars, NULL, &b, &e) == PX_EREJECT, "unterminated placeholder fails");
	px_buf_reset(&b);
	ok(px_template_render("{{a b}}", PX_TPL_PLAIN, vars, NULL, &b, &e) == PX_EREJECT, "bad name fails");
	px_buf_reset(&b);
	px_template_render("{\"t\":\"{{name}}\"}", PX_TPL_JSON, vars, NULL, &b, &e);
	is_str(px_buf_str(&b), "{\"t\":\"Sara \\\"S\\\" <x> & co\\n\"}", "JSON escaping");
	px_buf_reset(&b);
	px_template_render("{{name}}", PX_TPL_HTML, vars, NULL, &b, &e);
	is_str(px_buf_str(&b), "Sara &quot;S&quot; &lt;x&gt; &amp; co\n", "HTML escaping");
	px_buf_reset(&b);
	px_template_render("t={{name}}", PX_TPL_FORM, vars, NULL, &b, &e);
	is_str(px_buf_str(&b), "t=Sara+%22S%22+%3Cx%3E+%26+co%0A", "form escaping");
	px_buf_free(&b);
}

static void test_mail(void)
{
	struct px_buf b = PX_BUF_INIT;
	px_smtp_encode_header(&b, "Plain subject");
	is_str(px_buf_str(&b), "Plain subject", "ASCII subject unchanged");
	px_buf_reset(&b);
	px_smtp_encode_header(&b, "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7");
	is_str(px_buf_str(&b), "=?UTF-8?B?2YXYsdit2KjYpw==?=", "Arabic subject B-encoded");
	px_buf_reset(&b);
	px_smtp_encode_header(&b, "a\r\nBcc: x@y.z");
	ok(!strchr(b.s, '\n') || strstr(b.s, "\r\n ") , "CR/LF never start a new header");
	ok(!strstr(b.s, "Bcc:"), "no injected header");
	px_buf_reset(&b);
	px_base64_lines(&b, "hello", 5);
	is_str(px_buf_str(&b), "aGVsbG8=\r\n", "base64");
	px_buf_free(&b);
	char *h = px_header_clean("Bearer x\r\nX-Evil: 1");
	is_str(h, "Bearer xX-Evil: 1", "header values lose CR and LF");
	free(h);
	ok(px_url_is_loopback("http://127.0.0.1:8080/x"), "127.0.0.1 is loopback");
	ok(px_url_is_loopback("smtp://localhost:25"), "localhost is loopback");
	ok(!px_url_is_loopback("http://127.0.0.1.evil.com/"), "a look-alike host is not");
	ok(!px_url_is_loopback("https://sms.example.com/"), "a real host is not");
}

static void test_filter(void)
{
	struct px_err e;
	px_err_clear(&e);
	ok(px_notify_state_ok("unknown") && px_notify_state_ok("sending") && !px_notify_state_ok("queued") &&
	   !px_notify_state_ok(NULL), "the outbox states");
	struct px_notify_filter f = { "bogus", NULL, NULL };
	is_int(px_notify_filter_check(&f, &e), PX_EUSAGE, "an unknown state is a usage error");
	is_str(e.text, "unknown state 'bogus'", "and names the state");
	f.state = "sent";
	f.channel = "fax";
	is_int(px_notify_filter_check(&f, &e), PX_EUSAGE, "an unknown channel is a usage error");
	is_str(e.text, "unknown channel 'fax'", "and names the channel");
	f.channel = "whatsapp";
	is_int(px_notify_filter_check(&f, &e), PX_OK, "a known state and channel pass");
}

int main(void)
{
	test_segments();
	test_backoff();
	test_quiet();
	test_template();
	test_mail();
	test_filter();
	return tap_done();
}
