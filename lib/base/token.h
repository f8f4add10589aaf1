/* token.h - random tokens, public ids, SHA-256 and HMAC-SHA-256. */
#ifndef PX_TOKEN_H
#define PX_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define PX_SHA256_LEN 32
#define PX_SHA256_HEX 65       /* 64 hex digits plus NUL */
#define PX_TOKEN_BYTES 24      /* 192 bits of CSPRNG output */
#define PX_TOKEN_LEN 33        /* base64url of 24 bytes plus NUL */
#define PX_ID_LEN 32           /* "pat_" + 20 base32 chars, with room */

void px_sha256(const void *data, size_t len, uint8_t out[PX_SHA256_LEN]);
void px_hmac_sha256(const void *key, size_t keylen, const void *data,
		    size_t len, uint8_t out[PX_SHA256_LEN]);
void px_hex(const uint8_t *p, size_t n, char *out);

/* Fills buf from the operating system's CSPRNG (getrandom).  -1 on
 * failure with PX_ESTORE. */
int px_random(void *buf, size_t n, struct px_err *err);

/* base64 of n bytes into out, which holds 4 * ((n + 2) / 3) + 1 bytes:
 * PX_B64_STD is RFC 4648's alphabet with '=' padding (mail), PX_B64_URL
 * its URL-safe one without padding (tokens and links).  Returns the
 * length written. */
enum px_b64 { PX_B64_STD, PX_B64_URL };
size_t px_base64(char *out, const void *p, size_t n, enum px_b64 kind);

/* A new URL-safe token for survey links: 192 bits, base64url. */
int px_token_new(char out[PX_TOKEN_LEN], struct px_err *err);
/* The hex SHA-256 of a token: the only form the store keeps. */
void px_token_hash(const char *token, char out[PX_SHA256_HEX]);

/* A new public id "PREFIX_" followed by 20 base32 characters: 9 of the
 * creation time in milliseconds, then 11 random (55 bits).  Ids made
 * later sort later, so the store's indexes on them grow at one end
 * instead of being split at random places by a bulk import. */
#define PX_ID_TIME 9
#define PX_ID_RANDOM 11
int px_id_new(const char *prefix, char out[PX_ID_LEN], struct px_err *err);

#endif
