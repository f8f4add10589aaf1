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

static void test_retry(void)
{
	int64_t st[8];
	is_int(px_notify_parse_retry("1m 5m 15m 1h 3h 6h", st, 8), 6, "the default schedule parses");
	ok(st[0] == 60 && st[1] == 300 && st[2] == 900 && st[3] == 3600 && st[4] == 10800 &&
	   st[5] == 21600, "into seconds");
	is_int(px_notify_parse_retry("30, 90s,2d", st, 8), 3, "commas, bare seconds, days");
	ok(st[0] == 30 && st[1] == 90 && st[2] == 172800, "read right");
	is_int(px_notify_parse_retry("", st, 8), -1, "an empty schedule is malformed");
	is_int(px_notify_parse_retry("1x", st, 8), -1, "an unknown unit is malformed");
	is_int(px_notify_parse_retry("8d", st, 8), -1, "more than 7 days is refused");
	is_int(px_notify_parse_retry("0", st, 8), -1, "0 is refused");
	is_int(px_notify_parse_retry("1 2 3", st, 2), -1, "more delays than room is refused");
	px_notify_parse_retry("1m 5m 15m 1h 3h 6h", st, 8);
	is_int(px_notify_retry_delay(st, 6, 1, 25, 0), 60, "after the first attempt: the first delay");
	is_int(px_notify_retry_delay(st, 6, 5, 25, 0), 10800, "after the fifth: the fifth");
	is_int(px_notify_retry_delay(st, 6, 40, 25, 0), 21600, "the last one repeats");
	is_int(px_notify_retry_delay(st, 6, 1, 25, 0.5), 67, "jitter adds up to the percent");
	ok(px_notify_retry_delay(st, 6, 1, 25, 0.99999) < 75, "and stays under it");
	is_int(px_notify_retry_delay(st, 6, 4, 0, 0.9), 3600, "no jitter at 0");
}

static void test_link(void)
{
	char *t = px_notify_link_fill("Open {{link}} or {{link}}.", "https://x/s/a&b", PX_TPL_PLAIN);
	is_str(t, "Open https://x/s/a&b or https://x/s/a&b.", "every placeholder gets the link");
	free(t);
	t = px_notify_link_fill("<a href=\"{{link}}\">", "https://x/s/a&b", PX_TPL_HTML);
	is_str(t, "<a href=\"https://x/s/a&amp;b\">", "escaped as HTML in the HTML part");
	free(t);
	ok(px_notify_link_fill(NULL, "u", PX_TPL_PLAIN) == NULL, "no text, no text");
	is_str(px_notify_link_mark(), "{{link}}", "the placeholder");
	struct px_notify_link l = { "survey-link", "srv_1", "0123456789abcdef0123456789abcdef", "https://x/s/" };
	char *j = px_notify_link_json(&l), *own = NULL;
	struct px_notify_link back;
	struct px_err e;
	px_err_clear(&e);
	ok(px_notify_link_parse(j, &back, &own, &e) == PX_OK && !strcmp(back.purpose, "survey-link") &&
	   !strcmp(back.object, "srv_1") && !strcmp(back.salt, l.salt) && !strcmp(back.base, l.base),
	   "the outbox's form reads back");
	ok(!strstr(j, "token"), "and holds no token");
	free(j);
	free(own);
	char salt[PX_NOTIFY_SALT_LEN], salt2[PX_NOTIFY_SALT_LEN];
	ok(px_notify_link_salt(salt, &e) == PX_OK && strlen(salt) == 32 &&
	   px_notify_link_salt(salt2, &e) == PX_OK && strcmp(salt, salt2), "salts: 128 bits, fresh");
	/* the key: the run's PX_PRIVACY_NATID_KEY */
	struct px_config *cfg = px_config_load(NULL, &e);
	char t1[PX_TOKEN_LEN], t2[PX_TOKEN_LEN], t3[PX_TOKEN_LEN];
	l.salt = salt;
	int made = cfg && px_notify_link_token(cfg, &l, t1, &e) == PX_OK &&
		   px_notify_link_token(cfg, &l, t2, &e) == PX_OK;
	ok(made && !strcmp(t1, t2) && strlen(t1) == 32, "a token: 32 characters, made again alike");
	l.salt = salt2;
	ok(made && px_notify_link_token(cfg, &l, t3, &e) == PX_OK && strcmp(t1, t3),
	   "another salt, another token");
	l.object = "srv_2";
	ok(made && px_notify_link_token(cfg, &l, t2, &e) == PX_OK && strcmp(t2, t3),
	   "another survey, another token");
	px_config_free(cfg);
	struct px_config *none = px_config_load("/dev/null", &e);
	unsetenv("PX_PRIVACY_NATID_KEY");
	is_int(px_notify_link_token(none, &l, t1, &e), PX_EINPUT, "no key: no token");
	px_config_free(none);
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
	test_retry();
	test_link();
	test_quiet();
	test_template();
	test_mail();
	test_filter();
	return tap_done();
}
