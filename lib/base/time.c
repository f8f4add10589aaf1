/* time.c - parsing and formatting ISO 8601, the display zone, PX_NOW. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/civil.h"
#include "base/mem.h"
#include "base/time.h"
#include "base/banned.h"

static char zone_name[128] = "";

int px_time_zone_known(const char *zone)
{
	if (!strcmp(zone, "UTC") || !strcmp(zone, "Etc/UTC"))
		return 1;
	if (!*zone || zone[0] == '/' || strstr(zone, ".."))
		return 0;
	const char *dir = getenv("TZDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", zone);
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int px_time_set_zone(const char *zone, struct px_err *err)
{
	if (!zone || !*zone)
		zone = PX_TIME_DEFAULT_ZONE;
	if (!px_time_zone_known(zone))
		return px_err_set(err, PX_EINPUT, "unknown time zone '%s'", zone);
	px_strlcpy(zone_name, zone, sizeof zone_name);
	setenv("TZ", zone, 1);
	tzset();
	return 0;
}

int px_time_parse_hours(const char *spec, int *from, int *to)
{
	int h1, m1, h2, m2, used = 0;
	if (sscanf(spec, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &used) != 4 ||
	    (size_t)used != strlen(spec) || h1 < 0 || h1 > 23 || h2 < 0 || h2 > 24 ||
	    m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59)
		return -1;
	*from = h1 * 60 + m1;
	*to = (h2 * 60 + m2) % 1440;
	return 0;
}

const char *px_time_zone(void)
{
	if (!zone_name[0])
		px_time_set_zone(PX_TIME_DEFAULT_ZONE, NULL);
	return zone_name[0] ? zone_name : "UTC";
}

int px_time_now(int64_t *out, struct px_err *err)
{
	const char *s = getenv("PX_NOW");
	if (s && *s) {
		if (px_time_parse(s, out) < 0)
			return px_err_set(err, PX_EUSAGE, "PX_NOW is not an ISO 8601 time: '%s'", s);
		return 0;
	}
	*out = (int64_t)time(NULL);
	return 0;
}


static int fields_ok(int y, int mo, int d, int h, int mi, int s)
{
	return y >= 1900 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
	       d <= px_civil_month_days(y, mo) && h >= 0 && h <= 23 && mi >= 0 &&
	       mi <= 59 && s >= 0 && s <= 60;
}

/* The struct tm of checked fields, or -1. */
static int tm_of(int y, int mo, int d, int h, int mi, int s, struct tm *tm)
{
	if (!fields_ok(y, mo, d, h, mi, s))
		return -1;
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = s;
	return 0;
}

int px_time_from_utc(int year, int mon, int day, int hour, int min, int sec,
		     int64_t *out)
{
	struct tm tm;
	if (tm_of(year, mon, day, hour, min, sec, &tm))
		return -1;
	*out = (int64_t)timegm(&tm);
	return 0;
}

int px_time_from_local(int year, int mon, int day, int hour, int min, int sec,
		       int64_t *out)
{
	struct tm tm;
	if (tm_of(year, mon, day, hour, min, sec, &tm))
		return -1;
	px_time_zone();
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1 && !(year == 1969 || year == 1970))
		return -1;
	*out = (int64_t)t;
	return 0;
}


int px_time_parse(const char *s, int64_t *out)
{
	if (!s)
		return -1;
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0;
	if (px_civil_digits(&p, 4, &y) || *p++ != '-' || px_civil_digits(&p, 2, &mo) ||
	    *p++ != '-' || px_civil_digits(&p, 2, &d))
		return -1;
	if (!*p)
		return px_time_from_local(y, mo, d, 0, 0, 0, out);
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (px_civil_digits(&p, 2, &h) || *p++ != ':' || px_civil_digits(&p, 2, &mi))
		return -1;
	if (*p == ':') {
		p++;
		if (px_civil_digits(&p, 2, &sec))
			return -1;
		if (*p == '.' || *p == ',') {
			p++;
			if (!isdigit((unsigned char)*p))
				return -1;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	if (!*p)
		return px_time_from_local(y, mo, d, h, mi, sec, out);
	int64_t t;
	if (px_time_from_utc(y, mo, d, h, mi, sec, &t))
		return -1;
	long off;
	if (px_civil_offset(p, &off))
		return -1;
	*out = t - off;
	return 0;
}

void px_time_local(int64_t t, struct tm *tm)
{
	px_time_zone();
	time_t tt = (time_t)t;
	localtime_r(&tt, tm);
}

void px_time_format_utc(int64_t t, char buf[PX_TIME_UTC_LEN])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, PX_TIME_UTC_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void px_time_format_local(int64_t t, char buf[PX_TIME_LOCAL_LEN])
{
	struct tm tm;
	px_time_local(t, &tm);
	long off = tm.tm_gmtoff;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	char base[20];
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, PX_TIME_LOCAL_LEN, "%s%c%02d:%02d", base, sign,
		 (int)(off / 3600 % 100), (int)(off % 3600 / 60));
}
