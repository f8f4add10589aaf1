/*
 * map.h - what makes another HIS's export px's: --map files, --set
 * constants, and the times an export writes its own way.
 *
 * A map file is lines of one of three kinds; '#' starts a comment:
 *   px_field = input_field         the input's column of that name is px's field
 *   set px_field = VALUE           the field has the value on every record
 *                                  (unless the record gives one)
 *   px_field: A=a B=b ...          the field's values A, B, ... are px's a, b;
 *                                  a value not listed is a rejected record
 * Renames come first, then constants, then value maps, then the times.
 */
#ifndef PX_MAP_H
#define PX_MAP_H

#include "base/err.h"
#include "records/record.h"

struct px_map;

/* Loads a map file (path NULL: an empty map); PX_EINPUT with file:line
 * when it cannot be used. */
int px_map_load(const char *path, struct px_map **out, struct px_err *err);
/* Adds a constant, "px_field=VALUE" (--set); PX_EUSAGE when malformed. */
int px_map_set(struct px_map *map, const char *assignment, struct px_err *err);
/* The times of event_time written as fmt (strptime's, e.g.
 * "%d/%m/%Y %H:%M"), of the IANA zone (NULL: the display zone) when they
 * have no offset.  PX_EUSAGE for a zone px does not know. */
int px_map_times(struct px_map *map, const char *fmt, const char *zone, struct px_err *err);
/* Makes the record's fields px's.  PX_EREJECT, with the field and the
 * value, for a value its map does not list or a time not in the format. */
int px_map_apply(const struct px_map *map, struct px_rec *r, struct px_err *err);
/* Its two halves: the names, constants and value maps; then the time of
 * one field in the export's format. */
int px_map_names(const struct px_map *map, struct px_rec *r, struct px_err *err);
int px_map_time(const struct px_map *map, struct px_rec *r, const char *field,
		struct px_err *err);
void px_map_free(struct px_map *map);

#endif
