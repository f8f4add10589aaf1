/* Unit tests of the table writer: display widths, times in the display
 * zone, the type column, fitting a width without cutting ids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "px.h"
#include "records/table.h"
#include "tap.h"

/* The table of these rows (3 columns) printed at this width. */
static char *print(const char *const *cols, const char *const (*rows)[3], size_t n, size_t width)
{
	static const int str[3] = { 1, 1, 1 };
	struct px_table *t = px_table_new(cols, 3, width);
	for (size_t i = 0; i < n; i++)
		px_table_add(t, rows[i], str);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	px_table_print(t, f);
	fclose(f);
	return out;
}

static void test_width(void)
{
	is_int(px_table_text_width("abc"), 3, "ASCII: one column a character");
	is_int(px_table_text_width("مُسْتَشْفَى"), 6, "Arabic harakat take no column");
	is_int(px_table_text_width("病院"), 4, "wide characters take two");
	is_int(px_table_text_width("a\tb"), 3, "a control character is one blank");
}

static void test_time(void)
{
	char buf[64];
	px_time_set_zone("Asia/Riyadh", NULL);
	ok(px_table_time("2026-11-23T09:00:00Z", buf, sizeof buf), "a UTC time is a time");
	is_str(buf, "2026-11-23 12:00 +03", "shown in Riyadh time, no seconds when zero");
	px_table_time("2026-11-23T23:00:05Z", buf, sizeof buf);
	is_str(buf, "2026-11-24 02:00:05 +03", "the next day, with its seconds");
	px_table_time("2026-11-23T12:00:00+03:00", buf, sizeof buf);
	is_str(buf, "2026-11-23 12:00 +03", "a time with an offset");
	ok(!px_table_time("2026-11-23", buf, sizeof buf), "a date is not a time");
	ok(!px_table_time("2026-11-23T09:00:00", buf, sizeof buf), "nor a time without zone");
	ok(!px_table_time("2026-11-23T09:00:00Z ", buf, sizeof buf), "nor one followed by text");
	px_time_set_zone("Asia/Kolkata", NULL);
	px_table_time("2026-11-23T09:00:00Z", buf, sizeof buf);
	is_str(buf, "2026-11-23 14:30 +05:30", "an offset with minutes");
	px_time_set_zone("UTC", NULL);
	px_table_time("2026-11-23T09:00:00Z", buf, sizeof buf);
	is_str(buf, "2026-11-23 09:00 +00", "UTC");
	px_time_set_zone("Asia/Riyadh", NULL);
}

static void test_type(void)
{
	static const char *const cols[] = { "type", "code", "name" };
	static const char *const same[][3] = { { "note", "a", "x" }, { "note", "b", "y" } };
	static const char *const mixed[][3] = { { "note", "a", "x" }, { "memo", "b", "y" } };
	char *s = print(cols, same, 2, 100);
	is_str(s, "CODE  NAME\na     x\nb     y\n", "one type: no type column");
	free(s);
	s = print(cols, mixed, 2, 100);
	is_str(s, "TYPE  CODE  NAME\nnote  a     x\nmemo  b     y\n", "two types: a type column");
	free(s);
}

static void test_fit(void)
{
	static const char *const cols[] = { "id", "patient", "text" };
	static const char *const rows[][3] = {
		{ "cmp_0123456789abcdefghij", "pat_abcdefghij0123456789",
		  "Long wait, rude desk, and nobody could say when" },
	};
	char *s = print(cols, rows, 1, 70);
	is_str(s, "ID                        PATIENT                   TEXT\n"
		  "cmp_0123456789abcdefghij  pat_abcdefghij0123456789  Long wait, rude d…\n",
	       "text cut to fit, ids whole");
	free(s);
	s = print(cols, rows, 1, 40);
	is_str(s, "ID                        PATIENT\n"
		  "cmp_0123456789abcdefghij  pat_abcdefghij0123456789\n",
	       "text left out when cutting is not enough, ids never");
	free(s);
	s = print(cols, rows, 1, 0);
	ok(strstr(s, "nobody could say when\n") != NULL, "width 0: nothing cut");
	free(s);
	static const char *const ar[][3] = {
		{ "nte_0123456789abcdefghij", "x", "مُسْتَشْفَى الْمَلِكِ" },
	};
	s = print(cols, ar, 1, 24 + 2 + 7 + 2 + 8);
	ok(strstr(s, "  مُسْتَشْفَى …\n") != NULL, "Arabic cut after a letter and its marks");
	free(s);
	s = print(cols, ar, 1, 24 + 2 + 7 + 2 + 10);
	ok(strstr(s, "  مُسْتَشْفَى الْ…\n") != NULL, "a mark stays with its letter");
	free(s);
}

int main(void)
{
	test_width();
	test_time();
	test_type();
	test_fit();
	return tap_done();
}
