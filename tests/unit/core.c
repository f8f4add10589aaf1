/* Unit tests of libpx's core: time, hashing, tokens, masking, config,
 * numbers and records. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "px.h"
#include "tap.h"

static void test_time(void)
{
	int64_t t;
	char u[PX_TIME_UTC_LEN], l[PX_TIME_LOCAL_LEN];
	px_time_set_zone("Asia/Riyadh", NULL);
	ok(px_time_parse("2026-11-23T09:00:00Z", &t) == 0 && t == 1795424400, "parse UTC");
	px_time_format_utc(t, u);
	is_str(u, "2026-11-23T09:00:00Z", "format UTC");
	px_time_format_local(t, l);
	is_str(l, "2026-11-23T12:00:00+03:00", "format in Asia/Riyadh");
	ok(px_time_parse("2026-11-23T12:00:00+03:00", &t) == 0 && t == 1795424400, "parse offset +03:00");
	ok(px_time_parse("2026-11-23T12:00:00+0300", &t) == 0 && t == 1795424400, "parse offset +0300");
	ok(px_time_parse("2026-11-23 12:00", &t) == 0 && t == 1795424400, "naive time is in the display zone");
	ok(px_time_parse("2026-11-23", &t) == 0 && t == 1795424400 - 12 * 3600, "bare date is local midnight");
	ok(px_time_parse("2026-11-23T09:00:00.123Z", &t) == 0 && t == 1795424400, "fraction ignored");
	ok(px_time_parse("2026-02-29", &t) < 0, "no 29 February in 2026");
	ok(px_time_parse("2028-02-29", &t) == 0, "29 February 2028");
	ok(px_time_parse("2026-11-23T24:00:00Z", &t) < 0, "hour 24 rejected");
	ok(px_time_parse("2026-11-23T09:00:00Zx", &t) < 0, "trailing bytes rejected");
	ok(px_time_parse("23/11/2026", &t) < 0, "other date forms rejected");
	ok(px_time_parse("", &t) < 0, "empty rejected");
	struct px_err e;
	px_err_clear(&e);
	ok(px_time_set_zone("Mars/Olympus", &e) < 0 && e.code == PX_EINPUT, "unknown zone is an input error");
	is_str(px_time_zone(), "Asia/Riyadh", "zone unchanged after a bad one");
	setenv("PX_NOW", "2026-01-01T00:00:00Z", 1);
	ok(px_time_now(&t, &e) == 0 && t == 1767225600, "PX_NOW overrides the clock");
	setenv("PX_NOW", "yesterday", 1);
	ok(px_time_now(&t, &e) < 0 && e.code == PX_EUSAGE, "bad PX_NOW is a usage error");
	unsetenv("PX_NOW");
}

static void test_hash(void)
{
	uint8_t h[PX_SHA256_LEN];
	char hex[PX_SHA256_HEX];
	px_sha256("abc", 3, h);
	px_hex(h, sizeof h, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of abc");
	px_sha256("", 0, h);
	px_hex(h, sizeof h, hex);
	is_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "SHA-256 of empty");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	px_sha256(m, strlen(m), h);
	px_hex(h, sizeof h, hex);
	is_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "SHA-256 of two blocks");
	/* RFC 4231 test case 2 */
	px_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, h);
	px_hex(h, sizeof h, hex);
	is_str(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "HMAC-SHA-256 RFC 4231 case 2");
	uint8_t key[131];
	memset(key, 0xaa, sizeof key);
	const char *big = "Test Using Larger Than Block-Size Key - Hash Key First";
	px_hmac_sha256(key, sizeof key, big, strlen(big), h);
	px_hex(h, sizeof h, hex);
	is_str(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", "HMAC-SHA-256 RFC 4231 case 6");
}

static void test_tokens(void)
{
	char a[PX_TOKEN_LEN], b[PX_TOKEN_LEN], id[PX_ID_LEN];
	ok(px_token_new(a, NULL) == 0 && px_token_new(b, NULL) == 0, "tokens made");
	is_int(strlen(a), 32, "token is 32 characters (192 bits)");
	ok(strcmp(a, b) != 0, "two tokens differ");
	ok(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 32, "token is URL-safe");
	char h[PX_SHA256_HEX];
	px_token_hash("abc", h);
	is_str(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "token hash is SHA-256 hex");
	ok(px_id_new("pat", id, NULL) == 0 && strlen(id) == 24 && !strncmp(id, "pat_", 4), "public id shape");
	/* ids made later sort later: their first characters are the time */
	char c[PX_ID_LEN], d[PX_ID_LEN];
	px_id_new("pat", c, NULL);
	struct timespec pause = { 0, 3 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	px_id_new("pat", d, NULL);
	ok(strcmp(c, d) < 0, "a later public id sorts after an earlier one");
	ok(strncmp(c + 4 + PX_ID_TIME, d + 4 + PX_ID_TIME, PX_ID_RANDOM) != 0, "public ids keep a random part");
	ok(strspn(c + 4, "0123456789abcdefghjkmnpqrstvwxyz") == 20, "public id is base32 without i, l, o, u");
}

static void test_mask(void)
{
	char m[PX_MASK_LEN];
	px_mask("1012345678", m);
	is_str(m, "******5678", "national id masked but the last four");
	px_mask("12345", m);
	is_str(m, "*****", "short value masked whole");
	px_mask("", m);
	is_str(m, "", "empty stays empty");
}

static void test_numbers(void)
{
	long long v;
	double d;
	ok(px_parse_int("42", 0, 100, &v) == 0 && v == 42, "int");
	ok(px_parse_int("-7", -10, 10, &v) == 0 && v == -7, "negative int");
	ok(px_parse_int("101", 0, 100, &v) < 0, "int above max");
	ok(px_parse_int("4x", 0, 100, &v) < 0, "trailing garbage");
	ok(px_parse_int(" 4", 0, 100, &v) < 0, "leading space");
	ok(px_parse_int("99999999999999999999", 0, 100, &v) < 0, "overflow");
	ok(px_parse_double("3.5", &d) == 0 && d == 3.5, "double");
	ok(px_parse_double("nan", &d) < 0, "nan rejected");
	ok(px_parse_double("1e999", &d) < 0, "infinity rejected");
}

static void test_config(void)
{
	char path[] = "/tmp/pxconfXXXXXX";
	int fd = mkstemp(path);
	const char *text = "# comment\nname = top\n[survey]\nbase_url = https://px.example/s\n"
			   "expiry_days = 30\n[smtp]\npassword = env:PX_TEST_SECRET\nquoted = \" a b \"\n";
	ok(write(fd, text, strlen(text)) == (ssize_t)strlen(text), "config written");
	close(fd);
	struct px_err e;
	px_err_clear(&e);
	struct px_config *c = px_config_load(path, &e);
	ok(c != NULL, "config loads");
	is_str(px_config_get(c, "survey.base_url", NULL), "https://px.example/s", "section key");
	is_str(px_config_get(c, "name", NULL), "top", "key before any section");
	is_str(px_config_get(c, "smtp.quoted", NULL), " a b ", "quoted value keeps spaces");
	is_str(px_config_get(c, "smtp.password", "none"), "none", "unset env: secret falls back");
	setenv("PX_TEST_SECRET", "s3cret", 1);
	is_str(px_config_get(c, "smtp.password", NULL), "s3cret", "env: secret read from environment");
	setenv("PX_SURVEY_BASE_URL", "https://override/", 1);
	is_str(px_config_get(c, "survey.base_url", NULL), "https://override/", "environment overrides file");
	unsetenv("PX_SURVEY_BASE_URL");
	long long n;
	ok(px_config_int(c, "survey.expiry_days", 7, 1, 365, &n, &e) == 0 && n == 30, "integer value");
	ok(px_config_int(c, "survey.missing", 7, 1, 365, &n, &e) == 0 && n == 7, "integer default");
	ok(px_config_int(c, "survey.base_url", 7, 1, 365, &n, &e) < 0 && e.code == PX_EINPUT, "non-integer is an input error");
	px_config_free(c);
	FILE *f = fopen(path, "w");
	fputs("[ok]\nfine = 1\nbroken line\n", f);
	fclose(f);
	px_err_clear(&e);
	ok(px_config_load(path, &e) == NULL && e.code == PX_EINPUT && e.line == 3, "malformed line names line 3");
	unlink(path);
	ok(px_config_load("/nonexistent/px.conf", &e) == NULL && e.code == PX_EINPUT, "named missing file is an error");
}

static void test_records(void)
{
	struct px_err e;
	px_err_clear(&e);
	const char *text = "{\"type\":\"x\",\"n\":3,\"f\":2.5,\"b\":true,\"s\":\"12\",\"z\":null}";
	struct px_rec *r = px_rec_parse(text, strlen(text), &e);
	if (!ok(r != NULL, "record parses"))
		return;
	is_str(px_rec_type(r), "x", "type");
	is_str(px_rec_get(r, "n"), "3", "integer as text");
	is_str(px_rec_get(r, "f"), "2.5", "real as text");
	is_str(px_rec_get(r, "b"), "true", "boolean as text");
	ok(px_rec_get(r, "z") == NULL && !px_rec_has(r, "z"), "null is absent");
	long long v;
	ok(px_rec_get_int(r, "s", &v) == 0 && v == 12, "numeric string as integer");
	ok(px_rec_get_int(r, "f", &v) == -2, "real is not an integer");
	ok(px_rec_get_int(r, "nope", &v) == -1, "absent integer");
	px_rec_set_str(r, "added", "نعم");
	char *d = px_rec_dump(r);
	is_str(d, "{\"type\":\"x\",\"n\":3,\"f\":2.5,\"b\":true,\"s\":\"12\",\"z\":null,\"added\":\"نعم\"}", "dump keeps key order and UTF-8");
	free(d);
	px_rec_free(r);
	ok(px_rec_parse("[1]", 3, &e) == NULL && e.code == PX_EREJECT, "array is not a record");
	ok(px_rec_parse("{\"a\":1,\"a\":2}", 13, &e) == NULL, "duplicate keys rejected");
	is_int(px_utf8_check("abc", 3), 3, "ASCII is UTF-8");
	is_int(px_utf8_check("نعم", 6), 6, "Arabic is UTF-8");
	is_int(px_utf8_check("a\xC3", 2), 1, "truncated sequence");
	is_int(px_utf8_check("a\xC0\xAFz", 4), 1, "overlong encoding");
	is_int(px_utf8_check("\xED\xA0\x80", 3), 0, "surrogate");
	is_int(px_utf8_check("\xF4\x90\x80\x80", 4), 0, "beyond U+10FFFF");
	struct px_rec *bad = px_rec_new(NULL);
	px_rec_set_str(bad, "k\xFF", "v\xFEw");
	char *bd = px_rec_dump(bad);
	is_str(bd, "{\"k\xEF\xBF\xBD\":\"v\xEF\xBF\xBDw\"}", "invalid bytes become U+FFFD");
	free(bd);
	px_rec_free(bad);
	enum px_fmt f;
	ok(px_fmt_parse("csv", &f) == 0 && f == PX_FMT_CSV, "format name");
	ok(px_fmt_parse("xml", &f) < 0, "unknown format");
	is_int(px_fmt_detect("\xEF\xBB\xBF{", 4), PX_FMT_JSONL, "BOM then { is JSON Lines");
	is_int(px_fmt_detect(" [", 2), PX_FMT_JSON, "[ is a JSON array");
	is_int(px_fmt_detect("MSH|^~\\&", 8), PX_FMT_HL7, "MSH is HL7");
	is_int(px_fmt_detect("\x0bMSH", 4), PX_FMT_HL7, "MLLP is HL7");
	is_int(px_fmt_detect("code,name", 9), PX_FMT_CSV, "anything else is CSV");
}

static void test_address(void)
{
	char out[PX_PHONE_LEN];
	struct px_err e;
	static const char *const good[][2] = {
		{ "0501234567", "+966501234567" },
		{ "501234567", "+966501234567" },
		{ "966501234567", "+966501234567" },
		{ "+966 50 123 4567", "+966501234567" },
		{ "00966501234567", "+966501234567" },
		{ "(050) 123-4567", "+966501234567" },
		{ "٠٥٠١٢٣٤٥٦٧", "+966501234567" },
		{ "+44 20 7946 0958", "+442079460958" },
		{ "0044 20 7946 0958", "+442079460958" },
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		px_err_clear(&e);
		int rc = px_phone_normalise(good[i][0], out, &e);
		ok(rc == 0 && !strcmp(out, good[i][1]), "phone '%s' is %s", good[i][0], good[i][1]);
	}
	static const char *const bad[] = { "", "12345", "0401234567", "+9664012345678",
					   "05012345678", "050123456x", "+0123456789", "966401234567" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ok(px_phone_normalise(bad[i], out, &e) < 0 && e.code == PX_EREJECT, "phone '%s' rejected", bad[i]);
	ok(px_email_check("sara.ali@kfh.med.sa", &e) == 0, "plain email");
	ok(px_email_check("a+tag@x.io", &e) == 0, "plus tag");
	static const char *const badmail[] = { "", "no-at", "a@b", "a@@b.com", "a b@c.com",
					       ".a@b.com", "a..b@c.com", "a@-b.com", "a@b.c" };
	for (size_t i = 0; i < sizeof badmail / sizeof *badmail; i++)
		ok(px_email_check(badmail[i], &e) < 0, "email '%s' rejected", badmail[i]);
}

int main(void)
{
	test_address();
	test_time();
	test_hash();
	test_tokens();
	test_mask();
	test_numbers();
	test_config();
	test_records();
	return tap_done();
}
