/*
 * map.h - --map files: the field names of another HIS export.  One
 * mapping a line, "px_field = input_field"; '#' starts a comment.
 */
#ifndef PX_MAP_H
#define PX_MAP_H

#include "base/err.h"
#include "records/record.h"

struct px_map;

/* Loads a map file; PX_EINPUT with file:line when it cannot be used. */
int px_map_load(const char *path, struct px_map **out, struct px_err *err);
/* Renames the record's input fields to px's. */
void px_map_apply(const struct px_map *map, struct px_rec *r);
void px_map_free(struct px_map *map);

#endif
