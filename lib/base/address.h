/* address.h - phone numbers and email addresses: validation and E.164. */
#ifndef PX_ADDRESS_H
#define PX_ADDRESS_H

#include "base/err.h"

#define PX_PHONE_LEN 20 /* '+' and at most 15 digits, with room */

/*
 * Normalises a phone number to E.164.  Spaces, dashes, dots and
 * parentheses are ignored; Arabic-Indic digits are read as digits; a
 * leading 00 is '+'.  Saudi forms become +966: 05XXXXXXXX, 5XXXXXXXX,
 * 9665XXXXXXXX, 009665XXXXXXXX.  Other numbers must already carry '+'
 * and a country code.  -1 with PX_EREJECT and the reason otherwise.
 */
int px_phone_normalise(const char *in, char out[PX_PHONE_LEN], struct px_err *err);
/* Whether an address has the shape local@domain.tld (no spaces, no
 * control characters, at most 254 bytes).  -1 with the reason if not. */
int px_email_check(const char *addr, struct px_err *err);

#endif
