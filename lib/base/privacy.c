/* privacy.c - keyed hashing and masking of identifiers. */
#include <string.h>

#include "base/mem.h"
#include "base/privacy.h"
#include "base/banned.h"

int px_natid_hash(const struct px_config *cfg, const char *natid,
		  char out[PX_SHA256_HEX], struct px_err *err)
{
	const char *key = px_config_get(cfg, "privacy.natid_key", NULL);
	if (!key)
		return px_err_set(err, PX_EINPUT,
				  "no national id key: set privacy.natid_key in px.conf or PX_PRIVACY_NATID_KEY");
	if (strlen(key) < 16)
		return px_err_set(err, PX_EINPUT, "privacy.natid_key is shorter than 16 bytes");
	struct px_buf norm = PX_BUF_INIT;
	for (const char *p = natid; *p; p++)
		if (*p != ' ' && *p != '-')
			px_buf_addc(&norm, *p);
	uint8_t mac[PX_SHA256_LEN];
	px_hmac_sha256(key, strlen(key), px_buf_str(&norm), norm.len, mac);
	px_hex(mac, sizeof mac, out);
	px_buf_free(&norm);
	return 0;
}

void px_mask(const char *s, char out[PX_MASK_LEN])
{
	size_t n = strlen(s), keep = n > 6 ? 4 : 0, i;
	if (n > PX_MASK_LEN - 1)
		n = PX_MASK_LEN - 1;
	for (i = 0; i < n - (keep < n ? keep : 0); i++)
		out[i] = '*';
	for (; i < n; i++)
		out[i] = s[strlen(s) - (n - i)];
	out[n] = '\0';
}
