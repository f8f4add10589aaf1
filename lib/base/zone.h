/*
 * zone.h - IANA time zones as values: any zone the system has, read once
 * from its TZif file (RFC 8536, the files of /usr/share/zoneinfo or
 * $TZDIR, their POSIX TZ rule for the years after the last transition),
 * then converted in without touching TZ or the display zone of
 * base/time.h.  Several zones may be open at once.
 *
 * Times are seconds since the epoch (UTC); a wall-clock time is the
 * seconds since 1970-01-01T00:00 on the zone's own calendar, so that
 * wall / 86400 counts its local days as px_civil_days counts dates.
 */
#ifndef PX_BASE_ZONE_H
#define PX_BASE_ZONE_H

#include <stdint.h>

#include "base/err.h"

struct px_zone;

/* Opens the zone name ("Asia/Riyadh", "Europe/London", "UTC").  Fails with
 * PX_EINPUT when the system has no such zone or its file is not TZif. */
int px_zone_open(const char *name, struct px_zone **out, struct px_err *err);
void px_zone_free(struct px_zone *z);
const char *px_zone_name(const struct px_zone *z);

/* Seconds east of UTC in force at the instant t. */
long px_zone_offset(const struct px_zone *z, int64_t t);
/* The wall-clock time at the instant t: t + px_zone_offset(z, t). */
int64_t px_zone_wall(const struct px_zone *z, int64_t t);
/* The first instant after t at which the zone's offset may change, or
 * INT64_MAX when it never does again. */
int64_t px_zone_next_change(const struct px_zone *z, int64_t t);
/*
 * The instant at which the zone's clocks show the wall-clock time wall.
 * A time the clocks show twice (when they go back) gives the first of
 * the two instants; a time they skip (when they go forward) gives the
 * instant of the change, when the clocks jump past it.  Never decreases
 * as wall grows.
 */
int64_t px_zone_instant(const struct px_zone *z, int64_t wall);

#endif
