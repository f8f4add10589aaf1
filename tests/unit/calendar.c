/* Unit tests of base/zone and base/calendar: zones against the C
 * library's, the shipped calendars, malformed files refused at their
 * line, business time worked by hand (the cases of an SLA clock: filed
 * late on a Thursday, before opening, over a weekend, over the Eid
 * holiday, two pauses, a reopen), summer time in Europe/London, and
 * random deadlines against a walk of every minute. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "px.h"
#include "tap.h"

#define H 3600
#define MIN 60

static char data[1024];

static int64_t T(const char *s)
{
	int64_t t;
	if (px_time_parse(s, &t))
		abort();
	return t;
}

/* Whether got is the instant want (ISO 8601 with its offset). */
__attribute__((format(printf, 3, 4))) static void is_time(int64_t got, const char *want,
							  const char *fmt, ...)
{
	char name[512], g[PX_TIME_UTC_LEN], w[PX_TIME_UTC_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	int64_t wt = T(want);
	if (!ok(got == wt, "%s", name)) {
		px_time_format_utc(got, g);
		px_time_format_utc(wt, w);
		printf("#   got:  %s\n#   want: %s (%s)\n", g, w, want);
	}
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		abort();
}

static struct px_calendar *text_calendar(const char *name, const char *text)
{
	struct px_calendar *c;
	struct px_err e;
	px_err_clear(&e);
	if (px_calendar_parse(name, text, strlen(text), &c, &e)) {
		printf("# %s: %s\n", name, e.text);
		abort();
	}
	return c;
}

static struct px_calendar *shipped(const char *name)
{
	char path[1200];
	struct px_calendar *c;
	struct px_err e;
	snprintf(path, sizeof path, "%s/calendars/%s", data, name);
	px_err_clear(&e);
	if (px_calendar_load(path, &c, &e)) {
		printf("# %s: %s\n", path, e.text);
		abort();
	}
	return c;
}

static int64_t add(const struct px_calendar *c, int64_t t, int64_t seconds)
{
	int64_t out;
	struct px_err e;
	px_err_clear(&e);
	if (px_calendar_add(c, t, seconds, &out, &e)) {
		printf("# add: %s\n", e.text);
		return -1;
	}
	return out;
}

/* ---------- zones ---------- */

static long libc_offset(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	return localtime_r(&tt, &tm) ? tm.tm_gmtoff : -999999;
}

/* Whether instant(w) is right: the first instant showing w, or, when
 * none does, the change at which the clocks jump over it. */
static int instant_right(const struct px_zone *z, int64_t w)
{
	int64_t t = px_zone_instant(z, w);
	if (px_zone_wall(z, t) == w) {
		static const int back[] = { 900, 1800, 3600, 7200 };
		for (int i = 0; i < 4; i++)
			if (px_zone_wall(z, t - back[i]) == w)
				return 0;
		return 1;
	}
	return px_zone_wall(z, t) > w && px_zone_wall(z, t - 1) < w;
}

static void test_zones(void)
{
	static const char *const zones[] = {
		"Europe/London",    "America/New_York", "Australia/Sydney",  "Asia/Riyadh",
		"America/Sao_Paulo", "Pacific/Chatham", "Africa/Casablanca", "Asia/Tehran",
		"America/Santiago", "Europe/Dublin",    "Asia/Kolkata",      "Pacific/Apia",
		"America/St_Johns", "Australia/Lord_Howe", "UTC",
	};
	char *saved = getenv("TZ") ? px_xstrdup(getenv("TZ")) : NULL;
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		struct px_zone *z;
		struct px_err e;
		px_err_clear(&e);
		if (!ok(px_zone_open(zones[i], &z, &e) == PX_OK, "zone %s opens (%s)", zones[i], e.text))
			continue;
		setenv("TZ", zones[i], 1);
		tzset();
		int wrong = 0, changes = 0, instants = 0;
		int64_t first = 0;
		/* every 3 days and an hour from 1900 to 2100 */
		for (int64_t t = T("1900-01-01T00:00:00Z"); t < T("2100-01-01T00:00:00Z");
		     t += 3 * 86400 + 3607)
			if (px_zone_offset(z, t) != libc_offset(t) && !wrong++)
				first = t;
		/* both sides of every change from 2020 to 2060, the rule after
		 * the file's last transition read as the C library reads it */
		for (int64_t t = T("2020-01-01T00:00:00Z"), n;
		     (n = px_zone_next_change(z, t)) < T("2060-01-01T00:00:00Z"); t = n) {
			changes++;
			if ((px_zone_offset(z, n - 1) != libc_offset(n - 1) ||
			     px_zone_offset(z, n) != libc_offset(n)) && !wrong++)
				first = n;
		}
		for (int64_t w = T("2026-01-01T00:00:00Z"); w < T("2028-01-01T00:00:00Z"); w += 900)
			instants += !instant_right(z, w);
		ok(!wrong, "%s: the offsets of the C library, 1900-2100 and at %d changes (%d wrong, first %lld)",
		   zones[i], changes, wrong, (long long)first);
		ok(!instants, "%s: the instant of every quarter hour of 2026 and 2027 (%d wrong)", zones[i],
		   instants);
		px_zone_free(z);
	}
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);

	struct px_zone *z;
	struct px_err e;
	px_err_clear(&e);
	ok(px_zone_open("Europe/London", &z, &e) == PX_OK, "Europe/London opens");
	is_int(px_zone_offset(z, T("2026-03-29T00:59:59Z")), 0, "London: GMT until 01:00 UTC on 29 March 2026");
	is_int(px_zone_offset(z, T("2026-03-29T01:00:00Z")), 3600, "London: BST from then");
	is_int(px_zone_next_change(z, T("2026-03-01T00:00:00Z")), T("2026-03-29T01:00:00Z"),
	       "London: the next change after 1 March 2026");
	is_int(px_zone_instant(z, T("2026-03-29T01:30:00Z")), T("2026-03-29T01:00:00Z"),
	       "London: 01:30 on 29 March 2026 is skipped, its instant the change");
	is_int(px_zone_instant(z, T("2026-10-25T01:30:00Z")), T("2026-10-25T01:30:00+01:00"),
	       "London: 01:30 on 25 October 2026 comes twice, its instant the first (BST)");
	px_zone_free(z);

	px_err_clear(&e);
	ok(px_zone_open("Mars/Olympus", &z, &e) == PX_EINPUT && !z, "an unknown zone is refused");
	is_str(e.text, "unknown time zone 'Mars/Olympus'", "its message");
	px_err_clear(&e);
	ok(px_zone_open("../../../etc/passwd", &z, &e) == PX_EINPUT, "a path out of the zones is refused");
	px_err_clear(&e);
	ok(px_zone_open("/etc/passwd", &z, &e) == PX_EINPUT, "an absolute path is refused");
	px_err_clear(&e);
	ok(px_zone_open("", &z, &e) == PX_EINPUT, "an empty name is refused");
	if (access("/usr/share/zoneinfo/right/UTC", R_OK) == 0 && !getenv("TZDIR")) {
		px_err_clear(&e);
		ok(px_zone_open("right/UTC", &z, &e) == PX_EINPUT, "a zone of leap seconds is refused");
		is_str(e.text, "time zone 'right/UTC' counts leap seconds, which px does not", "its message");
	}
}

/* ---------- the shipped files ---------- */

static int list_holiday(const struct px_calendar_holiday *h, void *ctx)
{
	char *buf = ctx;
	size_t n = strlen(buf);
	snprintf(buf + n, 4096 - n, "%s..%s %s|", h->from, h->to, h->name);
	return 0;
}

static void test_shipped(void)
{
	struct px_calendar *c = shipped("saudi");
	is_str(px_calendar_name(c), "saudi", "saudi: named as its file");
	is_str(px_calendar_zone(c), "Asia/Riyadh", "saudi: in Asia/Riyadh");
	static const char *const want[7] = { "08:00-16:00", "08:00-16:00", "08:00-16:00",
					     "08:00-16:00", "08:00-16:00", "", "" };
	int same = 1;
	for (int d = 0; d < 7; d++)
		same &= !strcmp(px_calendar_hours(c, d), want[d]);
	ok(same, "saudi: Sunday to Thursday 08:00-16:00, Friday and Saturday closed");
	char list[4096] = "";
	px_calendar_holidays(c, list_holiday, list);
	is_str(list,
	       "2026-02-22..2026-02-22 Founding Day|2026-03-19..2026-03-24 Eid al-Fitr|"
	       "2026-05-26..2026-05-31 Eid al-Adha|2026-09-23..2026-09-24 National Day|"
	       "2027-02-21..2027-02-22 Founding Day|2027-03-09..2027-03-14 Eid al-Fitr|"
	       "2027-05-15..2027-05-20 Eid al-Adha|2027-09-23..2027-09-23 National Day|",
	       "saudi: the holidays of 2026 and 2027");
	/* each Eid is four working days off, the government sector's least, and
	 * a working day left alone before the weekend is closed too */
	static const char *const eids[][2] = {
		{ "2026-03-18T16:00:00+03:00", "2026-03-25T08:00:00+03:00" },
		{ "2026-05-25T16:00:00+03:00", "2026-06-01T08:00:00+03:00" },
		{ "2027-03-08T16:00:00+03:00", "2027-03-15T08:00:00+03:00" },
		{ "2027-05-13T16:00:00+03:00", "2027-05-23T08:00:00+03:00" },
	};
	for (int i = 0; i < 4; i++) {
		int64_t a = T(eids[i][0]), b = T(eids[i][1]);
		ok(px_calendar_between(c, a, b) == 0 && px_calendar_next_open(c, a) == b,
		   "saudi: closed from %.10s to %.10s", eids[i][0], eids[i][1]);
	}
	is_int(px_calendar_between(c, T("2026-11-22T00:00:00+03:00"), T("2026-11-29T00:00:00+03:00")),
	       40 * H, "saudi: 40 hours in a week without a holiday");
	px_calendar_free(c);

	c = shipped("always");
	same = 1;
	for (int d = 0; d < 7; d++)
		same &= !strcmp(px_calendar_hours(c, d), "00:00-24:00");
	ok(same, "always: every day 00:00-24:00");
	is_int(px_calendar_between(c, T("2026-03-15T10:00:00Z"), T("2026-03-29T10:00:00Z")),
	       14 * 24 * H, "always: a fortnight is 336 hours");
	is_time(add(c, T("2026-03-19T23:30:00+03:00"), 48 * H), "2026-03-21T23:30:00+03:00",
		"always: 48 business hours are 48 hours, Eid or not");
	px_calendar_free(c);

	struct px_err e;
	px_err_clear(&e);
	ok(px_calendar_find(NULL, "saudi", &c, &e) == PX_OK && c, "find 'saudi' in the data directory (%s)",
	   e.text);
	px_calendar_free(c);
	px_err_clear(&e);
	ok(px_calendar_find(NULL, "../workflows/complaint", &c, &e) == PX_EINPUT && !c,
	   "a name with a path is refused");
	is_str(e.text, "unknown calendar '../workflows/complaint'", "its message");
	char dir[1200], msg[1400];
	px_calendar_dir(NULL, dir, sizeof dir);
	snprintf(msg, sizeof msg, "unknown calendar 'mars' (no file in %s)", dir);
	px_err_clear(&e);
	ok(px_calendar_find(NULL, "mars", &c, &e) == PX_EINPUT, "a calendar without a file is refused");
	is_str(e.text, msg, "its message");

	/* px.conf's sla.calendars names another directory */
	mkdir("cals", 0700);
	write_file("cals/night", "zone UTC\nmon-fri 00:00-06:00 22:00-24:00\n");
	write_file("px-cal.conf", "[sla]\ncalendars = cals\n");
	px_err_clear(&e);
	struct px_config *cfg = px_config_load("px-cal.conf", &e);
	ok(cfg && px_calendar_find(cfg, "night", &c, &e) == PX_OK, "sla.calendars: the site's directory (%s)",
	   e.text);
	if (c)
		is_str(px_calendar_hours(c, 1), "00:00-06:00 22:00-24:00", "sla.calendars: its file read");
	px_calendar_free(c);
	px_err_clear(&e);
	ok(px_calendar_find(cfg, "saudi", &c, &e) == PX_EINPUT, "sla.calendars: only that directory");
	is_str(e.text, "unknown calendar 'saudi' (no file in cals)", "its message");
	px_config_free(cfg);
}

/* ---------- malformed files ---------- */

static void refused(const char *text, const char *want)
{
	struct px_calendar *c;
	struct px_err e;
	char got[1400];
	write_file("cal.test", text);
	px_err_clear(&e);
	int rc = px_calendar_load("cal.test", &c, &e);
	px_err_format(&e, got, sizeof got);
	ok(rc == PX_EINPUT && !c, "refused: %s", want);
	is_str(got, want, "with its place");
	px_calendar_free(c);
}

static void test_refusals(void)
{
	refused("zone Mars/Olympus\n", "cal.test:1: unknown time zone 'Mars/Olympus'");
	refused("zone Asia/Riyadh\n# UTC\nzone UTC\n", "cal.test:3: a second 'zone' line");
	refused("zone\n", "cal.test:1: 'zone' needs one time zone, such as Asia/Riyadh");
	refused("sun 8:00-16:00\n", "cal.test:1: bad span '8:00-16:00' (HH:MM-HH:MM, from 00:00 to 24:00)");
	refused("sun 08:00-24:30\n", "cal.test:1: bad span '08:00-24:30' (HH:MM-HH:MM, from 00:00 to 24:00)");
	refused("\n\nsun 22:00-06:00\n",
		"cal.test:3: span '22:00-06:00' does not end after it starts (a span may not pass midnight)");
	refused("sun 08:00-12:00 11:00-16:00\n", "cal.test:1: spans '08:00-12:00' and '11:00-16:00' overlap");
	refused("sun-thu 08:00-16:00\nthu 09:00-10:00\n", "cal.test:2: the hours of 'thu' are given twice");
	refused("sat-mon 08:00-16:00\nsun closed\n", "cal.test:2: the hours of 'sun' are given twice");
	refused("sunday 08:00-16:00\n",
		"cal.test:1: bad day 'sunday' (sun, mon, tue, wed, thu, fri or sat, or a range such as sun-thu)");
	refused("sun-sun 08:00-16:00\n",
		"cal.test:1: bad day 'sun-sun' (sun, mon, tue, wed, thu, fri or sat, or a range such as sun-thu)");
	refused("sun\n", "cal.test:1: 'sun' needs its hours, such as 08:00-16:00, or 'closed'");
	refused("sun 01:00-02:00 02:30-03:00 03:30-04:00 04:30-05:00 05:30-06:00 06:30-07:00 "
		"07:30-08:00 08:30-09:00 09:30-10:00\n",
		"cal.test:1: more than 8 spans in a day");
	refused("holiday 2026-02-30 Founding Day\n",
		"cal.test:1: bad date '2026-02-30' (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)");
	refused("holiday 2026-03-19...2026-03-24 Eid\n",
		"cal.test:1: bad date '2026-03-19...2026-03-24' (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)");
	refused("holiday 2026-03-24..2026-03-19 Eid al-Fitr\n",
		"cal.test:1: the holiday '2026-03-24..2026-03-19' ends before it starts");
	refused("holiday\n", "cal.test:1: 'holiday' needs a date, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD");
	refused("always\nsun 08:00-16:00\n", "cal.test:2: weekly hours after 'always'");
	refused("sun 08:00-16:00\nalways\n", "cal.test:2: 'always' after weekly hours");
	refused("always 24x7\n", "cal.test:1: 'always' takes nothing after it");
	refused("hours 08:00-16:00\n",
		"cal.test:1: unknown line 'hours' (zone, always, holiday, or a day such as sun or sun-thu)");
	refused("sun 08:00-16:00\x01\n", "cal.test:1: byte 0x01 is not printable");
	refused("holiday 2026-01-01 \xff\xfe\n", "cal.test:1: the line is not UTF-8");

	struct px_calendar *c;
	struct px_err e;
	px_err_clear(&e);
	ok(px_calendar_load("no-such-calendar", &c, &e) == PX_EINPUT, "a missing file is refused");
	is_str(e.text, "no-such-calendar: No such file or directory", "its message");

	/* from memory: the name is the source */
	static const char text[] = "zone Asia/Riyadh\nsun-thu 07:30-15:30\nholiday 2026-13-01 x\n";
	char got[1400];
	px_err_clear(&e);
	ok(px_calendar_parse("hq", text, sizeof text - 1, &c, &e) == PX_EINPUT, "text from the store is checked too");
	px_err_format(&e, got, sizeof got);
	is_str(got, "hq:3: bad date '2026-13-01' (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)", "and named by its name");

	/* what is accepted: CRLF, tabs, comments, 24:00, touching spans, a
	 * range that wraps, UTF-8 names, no final newline */
	static const char good[] =
		"# a site\r\nzone\tEurope/London  # its zone\r\n"
		"thu-mon 09:00-12:00 12:00-13:00\t14:00-24:00\r\n"
		"holiday 2026-12-25..2026-12-26 Christmas  Day\r\n"
		"holiday 2026-03-19 \xd8\xb9\xd9\x8a\xd8\xaf";
	px_err_clear(&e);
	ok(px_calendar_parse("site", good, sizeof good - 1, &c, &e) == PX_OK, "a file of every form is read (%s)",
	   e.text);
	if (c) {
		is_str(px_calendar_hours(c, 4), "09:00-13:00 14:00-24:00", "touching spans are one");
		ok(!strcmp(px_calendar_hours(c, 1), "09:00-13:00 14:00-24:00") &&
		   !strcmp(px_calendar_hours(c, 2), "") && !strcmp(px_calendar_hours(c, 0), px_calendar_hours(c, 6)),
		   "thu-mon runs Thursday to Monday");
		char list[4096] = "";
		px_calendar_holidays(c, list_holiday, list);
		is_str(list, "2026-03-19..2026-03-19 \xd8\xb9\xd9\x8a\xd8\xaf|2026-12-25..2026-12-26 Christmas Day|",
		       "holidays in date order, names in UTF-8, spaces made one");
	}
	px_calendar_free(c);
}

/* ---------- business time, worked by hand ---------- */

static int span_text(int64_t from, int64_t to, void *ctx)
{
	char *buf = ctx, f[PX_TIME_UTC_LEN], t[PX_TIME_UTC_LEN];
	size_t n = strlen(buf);
	px_time_format_utc(from, f);
	px_time_format_utc(to, t);
	snprintf(buf + n, 4096 - n, "%s/%s %lldm|", f, t, (long long)(to - from) / 60);
	return 0;
}

static int stop_at_first(int64_t from, int64_t to, void *ctx)
{
	(void)from;
	(void)to;
	(*(int *)ctx)++;
	return 7;
}

static void test_riyadh(void)
{
	struct px_calendar *c = shipped("saudi");
	int64_t t;

	/* a complaint filed Thursday 26 November 2026 at 15:30 with 8 business hours:
	 * 30 minutes on Thursday, the weekend closed, 7h30 on Sunday */
	t = T("2026-11-26T15:30:00+03:00");
	is_time(add(c, t, 8 * H), "2026-11-29T15:30:00+03:00", "Thursday 15:30 + 8h is Sunday 15:30");
	char s[4096] = "";
	px_calendar_spans(c, t, T("2026-11-29T15:30:00+03:00"), span_text, s);
	is_str(s, "2026-11-26T12:30:00Z/2026-11-26T13:00:00Z 30m|2026-11-29T05:00:00Z/2026-11-29T12:30:00Z 450m|",
	       "its spans: Thursday 15:30-16:00, Sunday 08:00-15:30");
	int calls = 0;
	is_int(px_calendar_spans(c, t, T("2026-11-29T15:30:00+03:00"), stop_at_first, &calls), 7,
	       "a callback's non-zero return stops the spans");
	is_int(calls, 1, "after the first");

	/* the edges of a day */
	is_time(add(c, T("2026-11-26T15:00:00+03:00"), H), "2026-11-26T16:00:00+03:00",
		"Thursday 15:00 + 1h is Thursday 16:00, not Sunday 08:00");
	is_time(add(c, T("2026-11-26T16:00:00+03:00"), 1), "2026-11-29T08:00:01+03:00",
		"Thursday 16:00 + 1s is Sunday 08:00:01");
	is_time(add(c, T("2026-11-27T10:00:00+03:00"), 0), "2026-11-27T10:00:00+03:00", "+ 0 is the instant itself");
	ok(px_calendar_open_at(c, T("2026-11-26T15:59:59+03:00")), "open at Thursday 15:59:59");
	ok(!px_calendar_open_at(c, T("2026-11-26T16:00:00+03:00")), "closed at Thursday 16:00");
	ok(!px_calendar_open_at(c, T("2026-11-29T07:59:59+03:00")), "closed at Sunday 07:59:59");
	ok(px_calendar_open_at(c, T("2026-11-29T08:00:00+03:00")), "open at Sunday 08:00");
	is_time(px_calendar_next_open(c, T("2026-11-26T16:00:00+03:00")), "2026-11-29T08:00:00+03:00",
		"the next opening after Thursday 16:00 is Sunday 08:00");
	is_time(px_calendar_next_open(c, T("2026-11-24T11:00:00+03:00")), "2026-11-24T11:00:00+03:00",
		"an open instant is its own next opening");

	/* across the weekend: filed on Friday, the clock starts on Sunday */
	is_time(add(c, T("2026-11-27T10:00:00+03:00"), H), "2026-11-29T09:00:00+03:00",
		"Friday 10:00 + 1h is Sunday 09:00");
	is_time(add(c, T("2026-11-25T12:00:00+03:00"), 16 * H), "2026-11-29T12:00:00+03:00",
		"Wednesday 12:00 + 16h is Sunday 12:00");

	/* starting at 02:00: the clock starts at 08:00 */
	t = T("2026-11-23T02:00:00+03:00");
	is_time(add(c, t, 8 * H), "2026-11-23T16:00:00+03:00", "Monday 02:00 + 8h is Monday 16:00");
	is_int(px_calendar_between(c, t, T("2026-11-23T10:00:00+03:00")), 2 * H, "02:00 to 10:00 is 2 business hours");

	/* across a holiday range: Eid al-Fitr 2026, Thursday 19 to Tuesday 24 March */
	t = T("2026-03-18T14:00:00+03:00");
	is_time(add(c, t, 8 * H), "2026-03-25T14:00:00+03:00",
		"Wednesday 18 March 14:00 + 8h is Wednesday 25 March 14:00, after Eid");
	is_int(px_calendar_between(c, t, T("2026-03-25T14:00:00+03:00")), 8 * H, "and back");
	/* a weekend then a holiday: Founding Day, Sunday 22 February 2026 */
	is_time(add(c, T("2026-02-19T10:00:00+03:00"), 16 * H), "2026-02-24T10:00:00+03:00",
		"Thursday 19 February 10:00 + 16h is Tuesday 24 February 10:00, past Founding Day");

	/* two pauses: a 24-hour target started Sunday 22 November 09:00,
	 * waiting on the patient from Sunday 15:00 to Tuesday 11:00, and on a
	 * third party from Wednesday 10:00 to Thursday 14:00 */
	int64_t start = T("2026-11-22T09:00:00+03:00"), pause1 = T("2026-11-22T15:00:00+03:00"),
		resume1 = T("2026-11-24T11:00:00+03:00"), pause2 = T("2026-11-25T10:00:00+03:00"),
		resume2 = T("2026-11-26T14:00:00+03:00"), target = 24 * H;
	int64_t used = px_calendar_between(c, start, pause1) + px_calendar_between(c, resume1, pause2);
	is_int(used, 13 * H, "two pauses: 6h before the first, 5h + 2h before the second");
	is_time(add(c, resume2, target - used), "2026-11-30T09:00:00+03:00",
		"the 11h left from Thursday 14:00: 2h, 8h on Sunday, 1h on Monday: due Monday 09:00");
	s[0] = '\0';
	px_calendar_spans(c, resume1, pause2, span_text, s);
	is_str(s, "2026-11-24T08:00:00Z/2026-11-24T13:00:00Z 300m|2026-11-25T05:00:00Z/2026-11-25T07:00:00Z 120m|",
	       "the spans of the second run: Tuesday 11:00-16:00, Wednesday 08:00-10:00");

	/* reopened after 3 days: a 40-hour resolution target from Sunday 22
	 * November 08:00, resolved Tuesday 12:00 (20h used), reopened three
	 * days later, Friday 12:00: the clock resumes at Sunday 08:00 */
	start = T("2026-11-22T08:00:00+03:00");
	int64_t resolved = T("2026-11-24T12:00:00+03:00"), reopened = resolved + 3 * 86400;
	used = px_calendar_between(c, start, resolved);
	is_int(used, 20 * H, "reopen: 20 hours used before it was resolved");
	int64_t due = add(c, reopened, 40 * H - used);
	is_time(due, "2026-12-01T12:00:00+03:00", "reopened Friday: due Tuesday 1 December 12:00");
	is_int(px_calendar_between(c, reopened, due), 20 * H, "20 hours from the reopening to the due time");

	/* 30 business days: six working weeks from Sunday 22 November */
	is_time(add(c, T("2026-11-22T08:00:00+03:00"), 30 * 8 * H), "2026-12-31T16:00:00+03:00",
		"30 business days from Sunday 22 November end on Thursday 31 December");
	/* a year of business days over the 2027 holidays, both ways */
	t = T("2027-01-03T08:00:00+03:00");
	due = add(c, t, 240 * 8 * H);
	is_int(px_calendar_between(c, t, due), 240 * 8 * H, "240 business days from 3 January 2027 and back");

	/* a site's own holiday on top of the file's */
	struct px_err e;
	px_err_clear(&e);
	ok(px_calendar_add_holiday(c, 2026, 11, 29, 2026, 11, 29, "Site closure", &e) == PX_OK,
	   "a site's holiday is added");
	is_time(add(c, T("2026-11-26T15:30:00+03:00"), 8 * H), "2026-11-30T15:30:00+03:00",
		"with Sunday 29 November closed, Thursday 15:30 + 8h is Monday 15:30");
	px_err_clear(&e);
	ok(px_calendar_add_holiday(c, 2026, 2, 30, 2026, 3, 1, NULL, &e) == PX_EINPUT, "30 February is refused");
	is_str(e.text, "no such date: '2026-02-30'", "its message");
	px_err_clear(&e);
	ok(px_calendar_add_holiday(c, 2026, 3, 2, 2026, 3, 1, "x", &e) == PX_EINPUT, "a range backwards is refused");
	is_str(e.text, "the holiday ends before it starts", "its message");
	px_err_clear(&e);
	ok(px_calendar_add_holiday(c, 2026, 3, 2, 2026, 3, 2, "a\nb", &e) == PX_EINPUT, "a name of two lines is refused");
	px_err_clear(&e);
	ok(px_calendar_add(c, t, -1, &due, &e) == PX_EINPUT, "negative business time is refused");
	is_str(e.text, "negative business time (-1 seconds)", "its message");
	px_calendar_free(c);
}

static void test_london(void)
{
	/* the same arithmetic in a zone with summer time: Europe/London goes
	 * to BST at 01:00 UTC on Sunday 29 March 2026 and back at 01:00 UTC
	 * on Sunday 25 October 2026 */
	struct px_calendar *c = text_calendar("london", "zone Europe/London\nmon-fri 09:00-17:00\n");
	is_time(add(c, T("2026-03-27T16:00:00+00:00"), 8 * H), "2026-03-30T16:00:00+01:00",
		"London: Friday 16:00 GMT + 8h is Monday 16:00 BST (15:00 UTC)");
	is_int(px_calendar_between(c, T("2026-03-27T09:00:00+00:00"), T("2026-03-30T17:00:00+01:00")), 16 * H,
	       "London: Friday and Monday around the spring change are 8h each");
	ok(!px_calendar_open_at(c, T("2026-03-27T08:30:00Z")) && px_calendar_open_at(c, T("2026-03-30T08:30:00Z")),
	   "London: 08:30 UTC is closed on Friday (08:30 GMT), open on Monday (09:30 BST)");
	is_time(add(c, T("2026-10-23T16:00:00+01:00"), 8 * H), "2026-10-26T16:00:00+00:00",
		"London: Friday 16:00 BST + 8h is Monday 16:00 GMT (16:00 UTC)");
	is_time(px_calendar_next_open(c, T("2026-10-23T17:00:00+01:00")), "2026-10-26T09:00:00+00:00",
		"London: the opening after the autumn weekend is Monday 09:00 GMT");
	/* weeks over both changes at once: 30 business days from 2 March */
	int64_t t = T("2026-03-02T09:00:00+00:00");
	is_time(add(c, t, 30 * 8 * H), "2026-04-10T17:00:00+01:00",
		"London: 30 business days from Monday 2 March end Friday 10 April 17:00 BST");
	is_time(add(c, T("2026-10-05T09:00:00+01:00"), 30 * 8 * H), "2026-11-13T17:00:00+00:00",
		"London: 30 business days from Monday 5 October end Friday 13 November 17:00 GMT");
	px_calendar_free(c);

	c = text_calendar("london-24x7", "zone Europe/London\nalways\n");
	is_int(px_calendar_between(c, T("2026-03-28T00:00:00+00:00"), T("2026-03-30T00:00:00+01:00")), 47 * H,
	       "London 24x7: the spring weekend is 47 hours");
	is_int(px_calendar_between(c, T("2026-10-24T00:00:00+01:00"), T("2026-10-26T00:00:00+00:00")), 49 * H,
	       "London 24x7: the autumn weekend is 49 hours");
	is_int(px_calendar_between(c, T("2026-01-01T00:00:00Z"), T("2026-07-01T00:00:00+01:00")),
	       (181 * 24 - 1) * H, "London 24x7: the first half of 2026 is an hour short of 181 days");
	is_int(px_calendar_between(c, T("2026-01-01T00:00:00Z"), T("2027-01-01T00:00:00Z")), 365 * 24 * H,
	       "London 24x7: the whole of 2026 is 365 days");
	is_time(add(c, T("2026-03-01T12:00:00Z"), 60 * 24 * H), "2026-04-30T13:00:00+01:00",
		"London 24x7: 60 days of hours from 1 March noon end at 13:00 BST on 30 April");
	char s[4096] = "";
	px_calendar_spans(c, T("2026-03-28T12:00:00Z"), T("2026-03-30T12:00:00Z"), span_text, s);
	is_str(s, "2026-03-28T12:00:00Z/2026-03-30T12:00:00Z 2880m|", "London 24x7: one span over the change");
	px_calendar_free(c);

	/* a span over the changes themselves: the real time between its ends */
	c = text_calendar("night", "zone Europe/London\nsun 00:30-02:30\n");
	is_int(px_calendar_between(c, T("2026-03-22T00:00:00Z"), T("2026-03-23T00:00:00Z")), 2 * H,
	       "00:30-02:30 on an ordinary Sunday is 2 hours");
	is_int(px_calendar_between(c, T("2026-03-29T00:00:00Z"), T("2026-03-30T00:00:00Z")), 1 * H,
	       "on 29 March it is 1 hour: 01:00-02:00 is skipped");
	is_int(px_calendar_between(c, T("2026-10-24T12:00:00Z"), T("2026-10-26T00:00:00Z")), 3 * H,
	       "on 25 October it is 3 hours: 01:00-02:00 comes twice");
	is_time(add(c, T("2026-03-29T00:30:00+00:00"), 45 * MIN), "2026-03-29T02:15:00+01:00",
		"00:30 GMT + 45 minutes on 29 March is 02:15 BST");
	px_calendar_free(c);
}

static void test_never(void)
{
	struct px_calendar *c = text_calendar("closed", "zone UTC\n# no hours at all\n");
	int64_t due, t = T("2026-06-01T00:00:00Z");
	struct px_err e;
	px_err_clear(&e);
	ok(px_calendar_add(c, t, H, &due, &e) == PX_EINPUT, "a calendar never open: add fails");
	is_str(e.text, "calendar 'closed' is never open", "its message");
	is_int(px_calendar_next_open(c, t), PX_CALENDAR_NEVER, "it never opens");
	ok(!px_calendar_open_at(c, t), "it is not open");
	is_int(px_calendar_between(c, t, t + 86400 * 365), 0, "no business time in a year");
	px_calendar_free(c);

	/* closed for 74 years: the run is stepped over whole */
	c = text_calendar("long", "always\nholiday 2026-01-01..2099-12-31 Closed\n");
	is_time(add(c, T("2026-06-01T12:00:00+03:00"), H), "2100-01-01T01:00:00+03:00",
		"closed to 2099: an hour is 01:00 on 1 January 2100");
	px_err_clear(&e);
	ok(px_calendar_add(c, T("2026-06-01T12:00:00+03:00"), INT64_MAX / 2, &due, &e) == PX_EINPUT,
	   "a target past the year 9999 fails");
	px_calendar_free(c);

	c = text_calendar("sparse", "zone Asia/Riyadh\nsun 08:00-08:01\n");
	px_err_clear(&e);
	ok(px_calendar_add(c, T("2026-06-01T12:00:00+03:00"), 60LL * 500000, &due, &e) == PX_EINPUT,
	   "a minute a week for 500000 weeks ends after 9999, and says so");
	is_str(e.text, "30000000 business seconds on calendar 'sparse' end after the year 9999", "its message");
	ok(!px_calendar_add(c, T("2026-06-01T12:00:00+03:00"), 60LL * 300000, &due, &e), "but 300000 weeks do not");
	is_time(due, "7776-01-07T08:01:00+03:00", "ending at 08:01 on Sunday 7 January 7776");
	px_calendar_free(c);
}

/* ---------- random deadlines against every minute ---------- */

struct oracle {
	const char *zone;
	char open[7][1440];
	int64_t hol_from[8], hol_to[8];
	int nhol;
};

static void oracle_hours(struct oracle *o, int day, int from, int to)
{
	for (int m = from; m < to; m++)
		o->open[day][m] = 1;
}

static int oracle_open(const struct oracle *o, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	int64_t d = px_civil_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	for (int i = 0; i < o->nhol; i++)
		if (d >= o->hol_from[i] && d <= o->hol_to[i])
			return 0;
	return o->open[tm.tm_wday][tm.tm_hour * 60 + tm.tm_min];
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

/* Random starts in 2026 and 2027, targets of up to three weeks' hours
 * (so that whole weeks are counted at once), spans of up to 40 days. */
static void random_cases(const char *label, const struct px_calendar *c, const struct oracle *o, int cases)
{
	int64_t week = 0;
	for (int d = 0; d < 7; d++)
		for (int m = 0; m < 1440; m++)
			week += o->open[d][m];
	const char *saved = getenv("TZ");
	char *keep = saved ? px_xstrdup(saved) : NULL;
	setenv("TZ", o->zone, 1);
	tzset();
	int wrong_add = 0, wrong_between = 0;
	int64_t base = T("2026-01-01T00:00:00Z");
	for (int i = 0; i < cases; i++) {
		int64_t t = base + (int64_t)rnd(2 * 365 * 1440 - 40 * 1440) * 60;
		int64_t minutes = 1 + (int64_t)rnd(i % 2 ? 8 * 60 : (uint64_t)(3 * week));
		/* the oracle: each minute from t, open or not */
		int64_t u = t, left = minutes;
		for (; left; u += 60)
			if (oracle_open(o, u))
				left--;
		if (add(c, t, minutes * 60) != u && !wrong_add++)
			printf("# %s: add from %lld of %lld minutes\n", label, (long long)t, (long long)minutes);
		int64_t b = t + (int64_t)rnd(i % 2 ? 3 * 1440 : 40 * 1440) * 60, n = 0;
		for (int64_t v = t; v < b; v += 60)
			n += oracle_open(o, v);
		if (px_calendar_between(c, t, b) != n * 60 && !wrong_between++)
			printf("# %s: between %lld and %lld\n", label, (long long)t, (long long)b);
	}
	ok(!wrong_add, "%s: %d random deadlines as a walk of every minute finds them (%d wrong)", label, cases,
	   wrong_add);
	ok(!wrong_between, "%s: %d random spans of time counted as every minute (%d wrong)", label, cases,
	   wrong_between);
	if (keep)
		setenv("TZ", keep, 1);
	else
		unsetenv("TZ");
	tzset();
	free(keep);
}

static void test_random(void)
{
	static struct oracle saudi = { .zone = "Asia/Riyadh" };
	for (int d = 0; d <= 4; d++)
		oracle_hours(&saudi, d, 8 * 60, 16 * 60);
	static const char *const hol[][2] = {
		{ "2026-02-22", "2026-02-22" }, { "2026-03-19", "2026-03-24" }, { "2026-05-26", "2026-05-31" },
		{ "2026-09-23", "2026-09-24" }, { "2027-02-21", "2027-02-22" }, { "2027-03-09", "2027-03-14" },
		{ "2027-05-15", "2027-05-20" }, { "2027-09-23", "2027-09-23" },
	};
	for (int i = 0; i < 8; i++) {
		int y, m, d;
		sscanf(hol[i][0], "%d-%d-%d", &y, &m, &d);
		saudi.hol_from[i] = px_civil_days(y, m, d);
		sscanf(hol[i][1], "%d-%d-%d", &y, &m, &d);
		saudi.hol_to[i] = px_civil_days(y, m, d);
	}
	saudi.nhol = 8;
	struct px_calendar *c = shipped("saudi");
	random_cases("saudi", c, &saudi, 60);
	px_calendar_free(c);

	static struct oracle london = { .zone = "Europe/London" };
	for (int d = 1; d <= 5; d++) {
		oracle_hours(&london, d, 9 * 60, 12 * 60 + 30);
		oracle_hours(&london, d, 13 * 60 + 30, 17 * 60);
	}
	oracle_hours(&london, 6, 10 * 60, 14 * 60);
	london.hol_from[0] = px_civil_days(2026, 12, 25);
	london.hol_to[0] = px_civil_days(2026, 12, 28);
	london.hol_from[1] = px_civil_days(2027, 3, 26);
	london.hol_to[1] = px_civil_days(2027, 3, 29);
	london.nhol = 2;
	c = text_calendar("london", "zone Europe/London\nmon-fri 09:00-12:30 13:30-17:00\nsat 10:00-14:00\n"
				    "holiday 2026-12-25..2026-12-28 Christmas\nholiday 2027-03-26..2027-03-29 Easter\n");
	random_cases("london", c, &london, 60);
	px_calendar_free(c);

	static struct oracle sydney = { .zone = "Australia/Sydney" };
	for (int d = 0; d <= 5; d++)
		oracle_hours(&sydney, d, 0, 1440);
	c = text_calendar("sydney", "zone Australia/Sydney\nsun-fri 00:00-24:00\n");
	random_cases("sydney", c, &sydney, 40);
	px_calendar_free(c);
}

int main(void)
{
	px_config_datadir("", data, sizeof data);
	size_t n = strlen(data);
	if (n && data[n - 1] == '/')
		data[n - 1] = '\0';
	test_zones();
	test_shipped();
	test_refusals();
	test_riyadh();
	test_london();
	test_never();
	test_random();
	return tap_done();
}
