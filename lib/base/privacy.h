/* privacy.h - national ids as keyed hashes, and masking for display. */
#ifndef PX_PRIVACY_H
#define PX_PRIVACY_H

#include <stddef.h>

#include "base/config.h"
#include "base/err.h"
#include "base/token.h"

#define PX_MASK_LEN 72

/*
 * The store's secret for one purpose ("natid", "audit", "survey-link"):
 * HMAC-SHA-256 of the purpose under the master key, so that the
 * purposes' keys are independent and none is written anywhere.  The
 * master key is the content of the file privacy.key_file: px init writes
 * one beside the store (64 hex digits, mode 0600), which is the key's
 * default, px.db.key for px.db (the front end gives that default with
 * px_config_default).  For stores set up before key files, when the
 * default key file is not there, privacy.natid_key is the master key.
 * PX_EINPUT when there is no key, the file cannot be read or is readable
 * by others, or the key is shorter than 16 bytes.
 */
int px_secret(const struct px_config *cfg, const char *purpose, uint8_t out[PX_SHA256_LEN],
	      struct px_err *err);
/* Whether the configuration has a key at all (a key file that is there,
 * or named in px.conf, or privacy.natid_key), good or not: px_secret
 * says what is wrong with it. */
int px_secret_have(const struct px_config *cfg);
/* Writes a new key file of 32 random bytes in hex, mode 0600; refuses to
 * replace one (PX_EINPUT). */
int px_secret_create(const char *path, struct px_err *err);

/* The keyed hash (hex HMAC-SHA-256) of a national id under the key
 * privacy.natid_key when set (the hashes of stores made before key
 * files), else the "natid" secret; spaces and dashes in the id are
 * ignored.  PX_EINPUT when there is no key. */
int px_natid_hash(const struct px_config *cfg, const char *natid,
		  char out[PX_SHA256_HEX], struct px_err *err);
/* The masked form kept for display: all but the last four characters
 * replaced by '*' ("******1234"); short values are masked whole. */
void px_mask(const char *s, char out[PX_MASK_LEN]);

#endif
