/* Unit tests of the record readers' shared parts: the one UTF-8 check,
 * quoting for messages, and the costs that must stay linear (a CSV
 * header of 100k columns, an HL7 field of 50k repetitions). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/utf8.h"
#include "intake/adt.h"
#include "records/hl7.h"
#include "records/record.h"
#include "tap.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_utf8(void)
{
	static const struct {
		const char *s;
		size_t valid;
		const char *what;
	} cases[] = {
		{ "abc", 3, "ASCII" },
		{ "\xd9\x81\xd9\x87\xd8\xaf", 6, "Arabic" },
		{ "\xf0\x9f\x98\x80", 4, "U+1F600" },
		{ "\xf4\x8f\xbf\xbf", 4, "U+10FFFF" },
		{ "a\xed\xa0\x80", 1, "a surrogate (U+D800)" },
		{ "a\xed\xbf\xbf", 1, "a surrogate (U+DFFF)" },
		{ "\xf4\x90\x80\x80", 0, "above U+10FFFF" },
		{ "\xc0\xaf", 0, "overlong '/'" },
		{ "\xe0\x80\xaf", 0, "overlong in three bytes" },
		{ "\xf0\x80\x80\xaf", 0, "overlong in four bytes" },
		{ "\xf8\x88\x80\x80\x80", 0, "a five-byte form" },
		{ "ab\xd9", 2, "a sequence cut short" },
		{ "\x80", 0, "a lone continuation byte" },
		{ "\xfe\xff", 0, "FE FF" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		is_int(px_utf8_check(cases[i].s, strlen(cases[i].s)), cases[i].valid, "utf8: %s",
		       cases[i].what);
	char q[64];
	is_str(px_utf8_quote("a\x1b[1m\x7f\xff\xd9\x81", 9, q, sizeof q), "a\\x1B[1m\\x7F\\xFF\xd9\x81",
	       "quote: control bytes, DEL and a bad byte as \\xNN, UTF-8 kept");
	is_str(px_utf8_quote("abc\xd9\x81", 5, q, 5), "abc", "quote: never cuts a character");
	is_str(px_utf8_quote("a\0b", 3, q, sizeof q), "a\\x00b", "quote: a NUL");
}

/* A CSV header of 100k columns, the last repeating the first: refused
 * in time that grows with its length, not its square. */
static void test_wide_header(void)
{
	struct px_buf b = PX_BUF_INIT;
	for (int i = 0; i < 100000; i++)
		px_buf_addf(&b, "c%d,", i);
	px_buf_adds(&b, "c0\nx\n");
	FILE *f = fopen("wide.csv", "w");
	fwrite(b.s, 1, b.len, f);
	fclose(f);
	px_buf_free(&b);
	double t0 = now();
	struct px_err e;
	struct px_reader *rd = px_reader_open("wide.csv", PX_FMT_CSV, &e);
	struct px_rec *r = NULL;
	int rc = rd ? px_reader_next(rd, &r, &e) : 0;
	double dt = now() - t0;
	is_int(rc, -2, "a header naming a column twice is refused");
	is_str(rc == -2 ? e.text : "", "duplicate column 'c0' in header", "naming the column");
	ok(dt < 2.0, "a 100k-column header is checked in %.2f s (under 2 s)", dt);
	px_rec_free(r);
	px_reader_close(rd);
	remove("wide.csv");
}

/* An ADT message whose PID-3, PID-5 and PID-13 hold 50k repetitions
 * each: mapped in well under a second. */
static void test_many_reps(void)
{
	struct px_buf b = PX_BUF_INIT;
	px_buf_adds(&b, "MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M1|P|2.5\r"
			"EVN|A01|20261122080000\rPID|1||");
	for (int i = 0; i < 50000; i++)
		px_buf_addf(&b, "%sX^^^^PI", i ? "~" : "");
	px_buf_adds(&b, "~M9^^^KFH^MR||");
	for (int i = 0; i < 50000; i++)
		px_buf_addf(&b, "%s^", i ? "~" : "");
	px_buf_adds(&b, "~Doe^Jane||19800101|F|||||");
	for (int i = 0; i < 50000; i++)
		px_buf_addf(&b, "%s^^X", i ? "~" : "");
	px_buf_adds(&b, "~^PRN^CP^^966^50^1234567\rPV1|1|O|OPD^^^KFH||||||||||||||||V1\r");
	struct px_hl7_msg m;
	struct px_err e;
	if (!ok(px_hl7_parse(&m, b.s, b.len, &e) == 0, "a message of %zu bytes parses", b.len)) {
		px_buf_free(&b);
		return;
	}
	double t0 = now();
	struct px_rec *r = px_adt_visit(&m, &e);
	double dt = now() - t0;
	ok(r != NULL, "and maps to a visit");
	is_str(r ? px_rec_get(r, "mrn") : NULL, "M9", "the MR repetition after 50k others is the MRN");
	is_str(r ? px_rec_get(r, "name_en") : NULL, "Jane Doe", "the name after 50k empty ones");
	is_str(r ? px_rec_get(r, "phone") : NULL, "+966501234567", "the CP phone after 50k others");
	ok(dt < 1.0, "mapped in %.3f s (well under a second)", dt);
	px_rec_free(r);
	int pid = px_hl7_seg_find(&m, "PID", 1);
	struct px_hl7_rep it = { 0 };
	int n = 0;
	t0 = now();
	while (px_hl7_rep_next(&m, pid, 3, &it))
		n++;
	dt = now() - t0;
	is_int(n, 50001, "px_hl7_rep_next walks every repetition");
	is_int(n, px_hl7_reps(&m, pid, 3), "as many as px_hl7_reps counts");
	ok(dt < 0.5, "in %.3f s", dt);
	px_hl7_msg_free(&m);
	px_buf_free(&b);
}

static void test_rep_iter(void)
{
	struct px_hl7_msg m;
	struct px_err e;
	struct px_buf b = PX_BUF_INIT;
	const char *t = "MSH|^~\\&|A\rPID|1||a^x~~c^\\T\\y&z|\r";
	ok(px_hl7_parse(&m, t, strlen(t), &e) == 0, "parse");
	struct px_hl7_rep it = { 0 };
	ok(px_hl7_rep_next(&m, 1, 3, &it) && it.index == 1, "first repetition");
	px_hl7_rep_get(&m, &it, 2, 0, &b);
	is_str(b.s, "x", "its second component");
	ok(px_hl7_rep_next(&m, 1, 3, &it) && it.n == 0, "an empty repetition");
	ok(px_hl7_rep_next(&m, 1, 3, &it) && it.index == 3, "third repetition");
	px_hl7_rep_get(&m, &it, 2, 0, &b);
	is_str(b.s, "&y&z", "components unescaped");
	px_hl7_rep_get(&m, &it, 2, 2, &b);
	is_str(b.s, "z", "a subcomponent");
	ok(!px_hl7_rep_next(&m, 1, 3, &it), "then no more");
	struct px_hl7_rep e4 = { 0 };
	ok(!px_hl7_rep_next(&m, 1, 4, &e4), "an empty field has none");
	struct px_hl7_rep e9 = { 0 };
	ok(!px_hl7_rep_next(&m, 1, 9, &e9), "an absent field has none");
	const char *t2 = "MSH|^~\\&|A\rPID|1||M\\X00\\1\r";
	px_hl7_msg_free(&m);
	ok(px_hl7_parse(&m, t2, strlen(t2), &e) == 0, "parse");
	px_hl7_get(&m, 1, 3, 1, 1, 0, &b);
	is_int(b.len, 3, "\\X00\\ is kept as a NUL byte, for the caller to refuse");
	px_hl7_msg_free(&m);
	px_buf_free(&b);
}

/* Rows of one line without quotes are split by the reader itself, the
 * others by libcsv: both give the same records and the same rejects, on
 * rows of blanks, delimiters, UTF-8 and quoted fields mixed, for every
 * delimiter px detects and a space. */
static void test_plain_rows(void)
{
	static const char *bits[] = { "a", "b", " ", "\t", ",", ";", "|", "\xd9\x81", "\"q\"", "x y" };
	static const char delims[] = { ',', ';', '\t', '|', ' ' };
	unsigned seed = 12345;
	for (size_t d = 0; d < sizeof delims; d++) {
		struct px_buf b = PX_BUF_INIT;
		px_buf_addf(&b, "c1%cc2%cc3\n", delims[d], delims[d]);
		for (int row = 0; row < 2000; row++) {
			/* three fields of up to four bits each, one of which may
			 * be a delimiter or a quoted part */
			for (int fld = 0; fld < 3; fld++) {
				int n = (int)((seed = seed * 1103515245 + 12345) >> 16) % 5;
				for (int k = 0; k < n; k++)
					px_buf_adds(&b, bits[((seed = seed * 1103515245 + 12345) >> 16) % 10]);
				if (fld < 2)
					px_buf_addc(&b, delims[d]);
			}
			px_buf_adds(&b, row % 7 ? "\n" : "\r\n");
		}
		FILE *f = fopen("plain.csv", "w");
		fwrite(b.s, 1, b.len, f);
		fclose(f);
		px_buf_free(&b);
		struct px_err e1, e2;
		struct px_reader *fast = px_reader_open("plain.csv", PX_FMT_CSV, &e1);
		struct px_reader *slow = px_reader_open("plain.csv", PX_FMT_CSV, &e2);
		px_reader_delimiter(fast, delims[d]);
		px_reader_delimiter(slow, delims[d]);
		px_reader_csv_bytewise(slow);
		int same = 1, recs = 0, rejects = 0, rc1, rc2;
		do {
			struct px_rec *r1 = NULL, *r2 = NULL;
			rc1 = px_reader_next(fast, &r1, &e1);
			rc2 = px_reader_next(slow, &r2, &e2);
			char *j1 = r1 ? px_rec_dump(r1) : NULL, *j2 = r2 ? px_rec_dump(r2) : NULL;
			if (rc1 != rc2 || (j1 && (!j2 || strcmp(j1, j2))) ||
			    (rc1 < 0 && strcmp(e1.text, e2.text)) ||
			    strcmp(px_reader_raw(fast), px_reader_raw(slow))) {
				if (same)
					fprintf(stderr, "# delimiter 0x%02x: %d %s | %d %s\n", delims[d], rc1,
					     j1 ? j1 : e1.text, rc2, j2 ? j2 : e2.text);
				same = 0;
			}
			recs += rc1 == 1;
			rejects += rc1 == -1;
			free(j1);
			free(j2);
			px_rec_free(r1);
			px_rec_free(r2);
		} while (rc1 > 0 || rc1 == -1);
		ok(same && recs > 100 && rejects > 100,
		   "delimiter 0x%02x: the split and libcsv agree (%d records, %d rejects)",
		   delims[d], recs, rejects);
		px_reader_close(fast);
		px_reader_close(slow);
	}
	remove("plain.csv");
}

int main(void)
{
	test_utf8();
	test_wide_header();
	test_plain_rows();
	test_many_reps();
	test_rep_iter();
	return tap_done();
}
