/* civil.c - calendar arithmetic (Howard Hinnant's days-from-civil
 * algorithms) and the ISO 8601 pieces every time parser shares. */
#include <ctype.h>

#include "base/civil.h"
#include "base/banned.h"

int64_t px_civil_days(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void px_civil_date(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int px_civil_month_days(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int px_civil_weekday(int64_t days)
{
	return (int)(((days % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

int px_civil_iso_week(int64_t days, int *year)
{
	int64_t thursday = days - px_civil_weekday(days) + 3;
	int m, d;
	px_civil_date(thursday, year, &m, &d);
	return (int)((thursday - px_civil_days(*year, 1, 1)) / 7 + 1);
}

int px_civil_digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

int px_civil_offset(const char *p, long *off)
{
	*off = 0;
	if (!*p || ((*p == 'Z' || *p == 'z') && !p[1]))
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
	if (px_civil_digits(&p, 2, &oh))
		return -1;
	if (*p == ':')
		p++;
	if (*p && px_civil_digits(&p, 2, &om))
		return -1;
	if (*p || oh > 14 || om > 59)
		return -1;
	*off = sign * (oh * 3600L + om * 60L);
	return 0;
}
