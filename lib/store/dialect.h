/*
 * dialect.h - the meaning of the store's SQL functions (listed in
 * store.h), in C, for a driver whose engine lacks them (private to
 * lib/store).  The SQLite driver registers SQL functions that call
 * these; a PostgreSQL driver defines the same names in SQL.  Nothing
 * here knows an engine.
 */
#ifndef PX_STORE_DIALECT_H
#define PX_STORE_DIALECT_H

#include <stddef.h>
#include <stdint.h>

#define PX_DIALECT_UTC_LEN 21   /* "2026-11-23T09:00:00Z" plus NUL */
#define PX_DIALECT_LOCAL_LEN 26 /* "2026-11-23T12:00:00+03:00" plus NUL */
#define PX_DIALECT_PERIOD_LEN 16

/* A time's wall-clock fields in some zone, and that zone's offset then. */
struct px_dialect_tm {
	int year, mon, day, hour, min, sec;
	long off; /* seconds east of UTC */
};

/*
 * Parses an ISO 8601 time as the store keeps them: YYYY-MM-DD, then
 * optionally 'T' (or a space) HH:MM[:SS[.fff]], then 'Z', +HH, +HHMM,
 * +HH:MM or nothing.  Unlike base/time.h's parser a time without an
 * offset is UTC (the store's times are), so the answer never depends on
 * the display zone.  Fractions of a second are dropped.  0 or -1.
 */
int px_dialect_parse(const char *s, int64_t *out);
/* t as "YYYY-MM-DDTHH:MM:SSZ"; -1 outside years 0000-9999. */
int px_dialect_format_utc(int64_t t, char buf[PX_DIALECT_UTC_LEN]);
/* t in the IANA zone (UTC and Etc/UTC included).  -1 when the zone is
 * not known to the system. */
int px_dialect_local(int64_t t, const char *zone, struct px_dialect_tm *tm);
/* "YYYY-MM-DDTHH:MM:SS+HH:MM" of a local time. */
void px_dialect_format_local(const struct px_dialect_tm *tm, char buf[PX_DIALECT_LOCAL_LEN]);
/* The label of the report period holding a local time: day
 * "2026-11-23", week "2026-W48" (ISO 8601: weeks from Monday, numbered
 * in the year of their Thursday), month "2026-11", quarter "2026-Q4",
 * year "2026".  -1 for another period name. */
int px_dialect_period(const struct px_dialect_tm *tm, const char *period, char *buf, size_t size);

#endif
