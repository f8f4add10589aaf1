/* Unit tests of base/civil: calendar arithmetic against known dates and
 * a round trip over four centuries, ISO weeks at year ends, offsets. */
#include <stdio.h>
#include <string.h>

#include "px.h"
#include "tap.h"

static void test_days(void)
{
	ok(px_civil_days(1970, 1, 1) == 0, "1970-01-01 is day 0");
	is_int(px_civil_days(2026, 11, 23), 20780, "2026-11-23 is day 20780");
	ok(px_civil_days(1969, 12, 31) == -1, "the day before is -1");
	ok(px_civil_days(2000, 3, 1) - px_civil_days(2000, 2, 28) == 2, "2000 is a leap year");
	ok(px_civil_days(1900, 3, 1) - px_civil_days(1900, 2, 28) == 1, "1900 is not");
	int bad = 0;
	for (int64_t z = px_civil_days(1900, 1, 1); z <= px_civil_days(2300, 12, 31); z++) {
		int y, m, d;
		px_civil_date(z, &y, &m, &d);
		if (px_civil_days(y, m, d) != z || d < 1 || d > px_civil_month_days(y, m))
			bad++;
	}
	ok(bad == 0, "every day from 1900 to 2300 goes to its date and back (%d wrong)", bad);
	ok(px_civil_month_days(2028, 2) == 29 && px_civil_month_days(2026, 2) == 28 &&
	   px_civil_month_days(2026, 4) == 30, "month lengths");
	ok(px_civil_weekday(px_civil_days(2026, 11, 23)) == 0, "2026-11-23 is a Monday");
	ok(px_civil_weekday(px_civil_days(2026, 11, 29)) == 6, "2026-11-29 is a Sunday");
}

static void test_weeks(void)
{
	static const struct { int y, m, d, wy, w; } c[] = {
		{ 2026, 1, 1, 2026, 1 },   /* a Thursday: week 1 */
		{ 2027, 1, 1, 2026, 53 },  /* a Friday: the last week of 2026 */
		{ 2021, 1, 3, 2020, 53 },  /* a Sunday */
		{ 2024, 12, 30, 2025, 1 }, /* a Monday: week 1 of the next year */
		{ 2026, 11, 23, 2026, 48 },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		int year, week = px_civil_iso_week(px_civil_days(c[i].y, c[i].m, c[i].d), &year);
		ok(year == c[i].wy && week == c[i].w, "%04d-%02d-%02d is %04d-W%02d (got %04d-W%02d)",
		   c[i].y, c[i].m, c[i].d, c[i].wy, c[i].w, year, week);
	}
}

static void test_offsets(void)
{
	long off;
	ok(!px_civil_offset("", &off) && off == 0, "no offset is UTC");
	ok(!px_civil_offset("Z", &off) && off == 0, "Z");
	ok(!px_civil_offset("+03", &off) && off == 10800, "+03");
	ok(!px_civil_offset("+0530", &off) && off == 19800, "+0530");
	char buf[16];
	snprintf(buf, sizeof buf, "%s", px_civil_offset("+05:30", &off) ? "refused" : "read");
	is_str(buf, "read", "+05:30");
	ok(!px_civil_offset("-03:30", &off) && off == -12600, "-03:30");
	ok(px_civil_offset("+15", &off) == -1, "+15 is refused");
	ok(px_civil_offset("+03:60", &off) == -1, "+03:60 is refused");
	ok(px_civil_offset("Zulu", &off) == -1, "Zulu is refused");
	ok(px_civil_offset("+3", &off) == -1, "one digit is refused");
	const char *p = "12x";
	int v;
	ok(px_civil_digits(&p, 3, &v) == -1 && !strcmp(p, "12x"), "a non-digit leaves the text");
	ok(px_civil_digits(&p, 2, &v) == 0 && v == 12 && *p == 'x', "two digits read");
}

int main(void)
{
	test_days();
	test_weeks();
	test_offsets();
	return tap_done();
}
