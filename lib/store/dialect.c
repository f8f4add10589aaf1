/* dialect.c - what the store's SQL functions compute, engine aside. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/civil.h"
#include "base/mem.h"
#include "store/dialect.h"
#include "base/banned.h"

static int64_t floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}



int px_dialect_parse(const char *s, int64_t *out)
{
	if (!s)
		return -1;
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0;
	if (px_civil_digits(&p, 4, &y) || *p++ != '-' || px_civil_digits(&p, 2, &mo) || *p++ != '-' ||
	    px_civil_digits(&p, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > px_civil_month_days(y, mo))
		return -1;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (px_civil_digits(&p, 2, &h) || *p++ != ':' || px_civil_digits(&p, 2, &mi) || h > 23 || mi > 59)
			return -1;
		if (*p == ':') {
			p++;
			if (px_civil_digits(&p, 2, &sec) || sec > 60)
				return -1;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return -1;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
	}
	long off;
	if (px_civil_offset(p, &off))
		return -1;
	*out = px_civil_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	return 0;
}

/* Fields of the wall clock t + off. */
static int fields(int64_t t, long off, struct px_dialect_tm *tm)
{
	int64_t l = t + off, days = floor_div(l, 86400), s = l - days * 86400;
	px_civil_date(days, &tm->year, &tm->mon, &tm->day);
	tm->hour = (int)(s / 3600);
	tm->min = (int)(s % 3600 / 60);
	tm->sec = (int)(s % 60);
	tm->off = off;
	return tm->year >= 0 && tm->year <= 9999 ? 0 : -1;
}

int px_dialect_format_utc(int64_t t, char buf[PX_DIALECT_UTC_LEN])
{
	struct px_dialect_tm tm;
	if (fields(t, 0, &tm))
		return -1;
	snprintf(buf, PX_DIALECT_UTC_LEN, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.year, tm.mon,
		 tm.day, tm.hour, tm.min, tm.sec);
	return 0;
}

void px_dialect_format_local(const struct px_dialect_tm *tm, char buf[PX_DIALECT_LOCAL_LEN])
{
	long off = tm->off < 0 ? -tm->off : tm->off;
	snprintf(buf, PX_DIALECT_LOCAL_LEN, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		 tm->year, tm->mon, tm->day, tm->hour, tm->min, tm->sec, tm->off < 0 ? '-' : '+',
		 (int)(off / 3600 % 100), (int)(off % 3600 / 60));
}

/* ---------- zones ---------- */

/*
 * The C library knows zones only through TZ, one at a time, and px sets
 * TZ to the display zone (base/time.c).  A zone that is the current TZ
 * is read directly; another is looked up by setting TZ for the moment
 * and putting it back.  That reads the zone file, so its offsets are
 * remembered per UTC day: a day whose first and last second have the
 * same offset has it throughout (no zone changes its clock twice in a
 * day); a day with a change is looked up second by second.  px is one
 * thread, as is the store's connection.
 */
#define DAY_SLOTS 128

static struct {
	char zone[128];
	int known;
	int64_t day[DAY_SLOTS];
	long off[DAY_SLOTS];
	unsigned char have[DAY_SLOTS];
} zc;

static int utc_name(const char *zone)
{
	return !strcmp(zone, "UTC") || !strcmp(zone, "Etc/UTC");
}

static int zone_known(const char *zone)
{
	if (utc_name(zone))
		return 1;
	if (!*zone || zone[0] == '/' || zone[0] == ':' || strstr(zone, ".."))
		return 0;
	const char *dir = getenv("TZDIR");
	char *path = px_xasprintf("%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", zone);
	struct stat st;
	int ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	free(path);
	return ok;
}

/* Offsets of n times in zone, TZ switched for the moment. */
static void offsets_in(const char *zone, const int64_t *t, long *off, int n)
{
	const char *cur = getenv("TZ");
	char *saved = cur ? px_xstrdup(cur) : NULL;
	setenv("TZ", zone, 1);
	tzset();
	for (int i = 0; i < n; i++) {
		time_t tt = (time_t)t[i];
		struct tm tm;
		off[i] = localtime_r(&tt, &tm) ? tm.tm_gmtoff : 0;
	}
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

static long zone_offset(const char *zone, int64_t t)
{
	const char *cur = getenv("TZ");
	if (cur && !strcmp(cur, zone)) {
		time_t tt = (time_t)t;
		struct tm tm;
		return localtime_r(&tt, &tm) ? tm.tm_gmtoff : 0;
	}
	int64_t day = floor_div(t, 86400);
	unsigned slot = (unsigned)(day & (DAY_SLOTS - 1));
	if (zc.have[slot] && zc.day[slot] == day)
		return zc.off[slot];
	int64_t ends[3] = { day * 86400, day * 86400 + 86399, t };
	long off[3];
	offsets_in(zone, ends, off, 3);
	if (off[0] == off[1]) {
		zc.day[slot] = day;
		zc.off[slot] = off[0];
		zc.have[slot] = 1;
	}
	return off[2];
}

int px_dialect_local(int64_t t, const char *zone, struct px_dialect_tm *tm)
{
	if (utc_name(zone))
		return fields(t, 0, tm);
	if (strlen(zone) >= sizeof zc.zone)
		return -1;
	if (strcmp(zc.zone, zone)) {
		memset(&zc, 0, sizeof zc);
		px_strlcpy(zc.zone, zone, sizeof zc.zone);
		zc.known = zone_known(zone);
	}
	if (!zc.known)
		return -1;
	return fields(t, zone_offset(zone, t), tm);
}

int px_dialect_period(const struct px_dialect_tm *tm, const char *period, char *buf, size_t size)
{
	if (!strcmp(period, "day")) {
		snprintf(buf, size, "%04d-%02d-%02d", tm->year, tm->mon, tm->day);
	} else if (!strcmp(period, "week")) {
		int year, week = px_civil_iso_week(px_civil_days(tm->year, tm->mon, tm->day), &year);
		snprintf(buf, size, "%04d-W%02d", year, week);
	} else if (!strcmp(period, "month")) {
		snprintf(buf, size, "%04d-%02d", tm->year, tm->mon);
	} else if (!strcmp(period, "quarter")) {
		snprintf(buf, size, "%04d-Q%d", tm->year, (tm->mon - 1) / 3 + 1);
	} else if (!strcmp(period, "year")) {
		snprintf(buf, size, "%04d", tm->year);
	} else {
		return -1;
	}
	return 0;
}
