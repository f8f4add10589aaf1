/*
 * calendar.h - business calendars and business time on them.
 *
 * A calendar (px-calendar(5): share/px/calendars/NAME, or text kept in
 * the store) is a time zone, weekly hours (spans of wall-clock time on
 * each weekday; a day without hours is closed) and holidays (whole local
 * days, closed).  On it px reckons business time: the seconds of open
 * time between two instants, and the instant at which a number of them
 * has passed.  Deadlines are business seconds; every instant is seconds
 * since the epoch, UTC, as the store keeps them.
 *
 * An SLA clock is a series of running segments (start to pause, resume
 * to pause, ..., resume to now or to its stop).  Its caller sums the
 * segments and asks for the rest from the last resume:
 *
 *	used = between(start, pause1) + between(resume1, pause2);
 *	add(resume2, target - used, &due);
 *
 * and a clock that starts, or resumes, outside hours simply runs from
 * the next opening, since closed time counts for nothing.
 *
 * Changes of the clocks (summer time) are the zone's: a span covers the
 * real time between its two ends.  A wall-clock time the clocks skip is
 * the instant they jump (so on that day a span across the change is an
 * hour shorter), and a time they show twice is its first occurrence (so
 * a span across the change is an hour longer).  Nothing here depends on
 * the display zone or on TZ.
 *
 * The arithmetic walks local days, steps over holidays whole and counts
 * whole weeks at once where no holiday and no change of offset lies
 * ahead: a target of months costs a few dozen steps.  It answers for
 * instants from the year 1 to the end of 9999.
 */
#ifndef PX_BASE_CALENDAR_H
#define PX_BASE_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "base/err.h"

/* The calendar px uses when a policy names none. */
#define PX_CALENDAR_DEFAULT "saudi"
/* What px_calendar_next_open returns when the calendar never opens again. */
#define PX_CALENDAR_NEVER INT64_MAX
/* At most this many spans a day. */
#define PX_CALENDAR_SPANS 8

struct px_calendar;

/* Reads a calendar file; its name is the file's name (the last part of
 * path).  Anything malformed fails with PX_EINPUT and path:line. */
int px_calendar_load(const char *path, struct px_calendar **out, struct px_err *err);
/* The same from len bytes of text (a calendar kept in the store), named
 * name, which its errors also give as their source: name:line. */
int px_calendar_parse(const char *name, const char *text, size_t len,
		      struct px_calendar **out, struct px_err *err);
/* The directory of the calendar files: px.conf's sla.calendars, else
 * calendars/ in the data directory (into buf). */
const char *px_calendar_dir(const struct px_config *cfg, char *buf, size_t size);
/* Whether name may name a calendar: a lower-case letter or digit, then
 * those, '_' and '-', at most 63 bytes. */
int px_calendar_name_ok(const char *name);
/* Loads the calendar name from px_calendar_dir.  A name is a lower-case
 * letter or digit, then those, '_' and '-', at most 63 bytes; another,
 * or one without a file, is PX_EINPUT "unknown calendar 'NAME'". */
int px_calendar_find(const struct px_config *cfg, const char *name, struct px_calendar **out,
		     struct px_err *err);
void px_calendar_free(struct px_calendar *c);

const char *px_calendar_name(const struct px_calendar *c);
/* The IANA zone of the calendar's hours and holidays. */
const char *px_calendar_zone(const struct px_calendar *c);
/* The hours of weekday wday (0 Sunday ... 6 Saturday) as the file would
 * write them, "08:00-12:00 13:00-16:00", or "" when the day is closed. */
const char *px_calendar_hours(const struct px_calendar *c, int wday);

/* Closes the days from y1-m1-d1 to y2-m2-d2 (both included, dates of the
 * calendar's zone), named name (NULL or "" for none; UTF-8, at most 255
 * bytes): a site's own holidays on top of those of its file.  PX_EINPUT
 * for a date that does not exist or a range that ends before it starts. */
int px_calendar_add_holiday(struct px_calendar *c, int y1, int m1, int d1, int y2, int m2,
			    int d2, const char *name, struct px_err *err);

/* One holiday: its first and last day, "YYYY-MM-DD", and its name ("" for
 * none). */
struct px_calendar_holiday {
	char from[11], to[11];
	const char *name;
};
/* Calls fn with each holiday, in the order of their first days (those
 * of one day in the order they were given).  A non-zero return of fn
 * stops the walk and is returned; else 0. */
int px_calendar_holidays(const struct px_calendar *c,
			 int (*fn)(const struct px_calendar_holiday *h, void *ctx), void *ctx);

/* 1 when the instant t is within business hours, else 0. */
int px_calendar_open_at(const struct px_calendar *c, int64_t t);
/* t when it is within business hours, else the next opening after it;
 * PX_CALENDAR_NEVER when the calendar does not open again. */
int64_t px_calendar_next_open(const struct px_calendar *c, int64_t t);
/*
 * The earliest instant u at which seconds of business time have passed
 * since t (between(t, u) == seconds), into *out: t itself for 0, the end
 * of a span when the last second falls at it (Thursday 16:00, not the
 * next opening), and from the next opening for a t outside hours.
 * PX_EINPUT for negative seconds, a calendar that is never open, or a
 * due time past the end of 9999.
 */
int px_calendar_add(const struct px_calendar *c, int64_t t, int64_t seconds, int64_t *out,
		    struct px_err *err);
/* The business seconds from a to b; 0 when b <= a. */
int64_t px_calendar_between(const struct px_calendar *c, int64_t a, int64_t b);
/*
 * Calls fn(from, to, ctx) with each stretch of business time between a
 * and b, in order, clipped to them: the arithmetic of between, for
 * --explain.  Stretches that touch (the days of a 24x7 calendar, or
 * 08:00-12:00 12:00-16:00) come as one.  A non-zero return of fn stops
 * the walk and is returned; else 0.
 */
int px_calendar_spans(const struct px_calendar *c, int64_t a, int64_t b,
		      int (*fn)(int64_t from, int64_t to, void *ctx), void *ctx);

#endif
