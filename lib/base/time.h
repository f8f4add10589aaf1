/* time.h - ISO 8601 times: UTC in the store, a display zone for people. */
#ifndef PX_TIME_H
#define PX_TIME_H

#include <stdint.h>
#include <time.h>

#include "base/err.h"

#define PX_TIME_DEFAULT_ZONE "Asia/Riyadh"
#define PX_TIME_UTC_LEN 21   /* "2026-11-23T09:00:00Z" plus NUL */
#define PX_TIME_LOCAL_LEN 26 /* "2026-11-23T12:00:00+03:00" plus NUL */

/* Sets the display zone (an IANA name such as Asia/Riyadh).  Fails with
 * PX_EINPUT when the zone is not known to the system. */
int px_time_set_zone(const char *zone, struct px_err *err);
const char *px_time_zone(void);
/* Whether the system knows the zone (px_time_set_zone would take it). */
int px_time_zone_known(const char *zone);

/* A daily span of wall-clock hours, "22:00-08:00" (it may wrap past
 * midnight; "24:00" ends a day), as minutes after midnight: to is from
 * when the span is empty.  -1 when malformed. */
int px_time_parse_hours(const char *spec, int *from, int *to);

/* Now, or the time in $PX_NOW when set (so tests and replays are
 * deterministic).  A malformed $PX_NOW fails with PX_EUSAGE. */
int px_time_now(int64_t *out, struct px_err *err);

/*
 * Parses ISO 8601: YYYY-MM-DD, YYYY-MM-DDTHH:MM, ...:SS, ...:SS.fff, with a
 * 'T' or a space, then 'Z', +HH:MM, +HHMM, +HH or nothing.  A time without
 * an offset is a wall-clock time in the display zone; a bare date is its
 * local midnight.  Returns 0, or -1 with no error text (the caller names
 * the field).
 */
int px_time_parse(const char *s, int64_t *out);

/* Wall-clock fields in the display zone to seconds since the epoch. */
int px_time_from_local(int year, int mon, int day, int hour, int min, int sec,
		       int64_t *out);
/* Fields in UTC to seconds since the epoch. */
int px_time_from_utc(int year, int mon, int day, int hour, int min, int sec,
		     int64_t *out);
/* Broken-down time in the display zone. */
void px_time_local(int64_t t, struct tm *tm);

void px_time_format_utc(int64_t t, char buf[PX_TIME_UTC_LEN]);
void px_time_format_local(int64_t t, char buf[PX_TIME_LOCAL_LEN]);

#endif
