/* Unit tests of px_base64: RFC 4648's test vectors in both alphabets,
 * and the bytes where the two differ. */
#include <string.h>

#include "px.h"
#include "tap.h"

int main(void)
{
	static const struct { const char *in, *std, *url; } v[] = {
		{ "", "", "" },
		{ "f", "Zg==", "Zg" },
		{ "fo", "Zm8=", "Zm8" },
		{ "foo", "Zm9v", "Zm9v" },
		{ "foob", "Zm9vYg==", "Zm9vYg" },
		{ "fooba", "Zm9vYmE=", "Zm9vYmE" },
		{ "foobar", "Zm9vYmFy", "Zm9vYmFy" },
		{ "\xfb\xff\xbf", "+/+/", "-_-_" },
	};
	char out[32];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		size_t n = strlen(v[i].in);
		is_int(px_base64(out, v[i].in, n, PX_B64_STD), strlen(v[i].std), "length of '%s'", v[i].std);
		is_str(out, v[i].std, "base64 of vector %zu", i);
		px_base64(out, v[i].in, n, PX_B64_URL);
		is_str(out, v[i].url, "base64url of vector %zu", i);
	}
	char token[PX_TOKEN_LEN];
	ok(px_token_new(token, NULL) == 0 && strlen(token) == 32 &&
	   strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 32,
	   "a token is 32 URL-safe characters");
	return tap_done();
}
