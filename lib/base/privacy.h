/* privacy.h - national ids as keyed hashes, and masking for display. */
#ifndef PX_PRIVACY_H
#define PX_PRIVACY_H

#include <stddef.h>

#include "base/config.h"
#include "base/err.h"
#include "base/token.h"

#define PX_MASK_LEN 72

/* The keyed hash (hex HMAC-SHA-256) of a national id under the key
 * privacy.natid_key; spaces and dashes in the id are ignored.  -1 with
 * PX_EINPUT when no key is configured or the key is shorter than 16
 * bytes. */
int px_natid_hash(const struct px_config *cfg, const char *natid,
		  char out[PX_SHA256_HEX], struct px_err *err);
/* The masked form kept for display: all but the last four characters
 * replaced by '*' ("******1234"); short values are masked whole. */
void px_mask(const char *s, char out[PX_MASK_LEN]);

#endif
