/*
 * civil.h - the proleptic Gregorian calendar as arithmetic: days since
 * 1970-01-01 of a date and back, month lengths, and the small pieces of
 * ISO 8601 text every time parser of px reads (fixed-width digits, a UTC
 * offset).  No zone and no C library time functions: base/time.c adds
 * the display zone, store/dialect.c any IANA zone, report the periods.
 */
#ifndef PX_BASE_CIVIL_H
#define PX_BASE_CIVIL_H

#include <stdint.h>

/* Days since 1970-01-01 of year y, month m (1-12), day d (negative
 * before it); exact for every proleptic Gregorian date. */
int64_t px_civil_days(int64_t y, int m, int d);
/* The date of a day counted as px_civil_days counts it. */
void px_civil_date(int64_t days, int *y, int *m, int *d);
/* Days in month m (1-12) of year y. */
int px_civil_month_days(int y, int m);
/* Days since the Monday that starts the week of a day (0 for a Monday). */
int px_civil_weekday(int64_t days);
/* The ISO 8601 week of a day (weeks from Monday; the week's Thursday
 * names its year, into *year). */
int px_civil_iso_week(int64_t days, int *year);
/* Reads exactly n decimal digits at *p into *out and moves *p past them;
 * -1 (and *p unchanged) when any of them is not a digit. */
int px_civil_digits(const char **p, int n, int *out);
/* The whole of p as a UTC offset: "" or "Z" (0), +HH, +HHMM or +HH:MM
 * (up to 14:59 either way), in seconds east of UTC; -1 for anything else. */
int px_civil_offset(const char *p, long *off);

#endif
