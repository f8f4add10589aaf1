/* token.c - SHA-256 (FIPS 180-4), HMAC (RFC 2104), CSPRNG tokens and ids. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <pthread.h>

#include "base/token.h"
#include "base/banned.h"

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	uint8_t buf[64];
	size_t n;
};

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(struct sha256 *c, const uint8_t *p)
{
	uint32_t w[64], a, b, cc, d, e, f, g, h;
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3];
	e = c->h[4], f = c->h[5], g = c->h[6], h = c->h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
			      ((e & f) ^ (~e & g)) + K[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
			      ((a & b) ^ (a & cc) ^ (b & cc));
		h = g, g = f, f = e, e = d + t1;
		d = cc, cc = b, b = a, a = t1 + t2;
	}
	c->h[0] += a, c->h[1] += b, c->h[2] += cc, c->h[3] += d;
	c->h[4] += e, c->h[5] += f, c->h[6] += g, c->h[7] += h;
}

static void sha256_init(struct sha256 *c)
{
	static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
					0xa54ff53a, 0x510e527f, 0x9b05688c,
					0x1f83d9ab, 0x5be0cd19 };
	memcpy(c->h, iv, sizeof iv);
	c->len = 0;
	c->n = 0;
}

static void sha256_update(struct sha256 *c, const void *data, size_t len)
{
	const uint8_t *p = data;
	c->len += len;
	while (len) {
		size_t k = 64 - c->n < len ? 64 - c->n : len;
		memcpy(c->buf + c->n, p, k);
		c->n += k, p += k, len -= k;
		if (c->n == 64) {
			sha256_block(c, c->buf);
			c->n = 0;
		}
	}
}

static void sha256_final(struct sha256 *c, uint8_t out[PX_SHA256_LEN])
{
	uint64_t bits = c->len * 8;
	uint8_t pad = 0x80, zero = 0, lenbuf[8];
	sha256_update(c, &pad, 1);
	while (c->n != 56)
		sha256_update(c, &zero, 1);
	for (int i = 0; i < 8; i++)
		lenbuf[i] = (uint8_t)(bits >> (56 - 8 * i));
	sha256_update(c, lenbuf, 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(c->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)c->h[i];
	}
}

void px_sha256(const void *data, size_t len, uint8_t out[PX_SHA256_LEN])
{
	struct sha256 c;
	sha256_init(&c);
	sha256_update(&c, data, len);
	sha256_final(&c, out);
}

void px_hmac_sha256(const void *key, size_t keylen, const void *data,
		    size_t len, uint8_t out[PX_SHA256_LEN])
{
	uint8_t k[64] = { 0 }, ipad[64], opad[64], inner[PX_SHA256_LEN];
	if (keylen > 64)
		px_sha256(key, keylen, k);
	else if (keylen)
		memcpy(k, key, keylen);
	for (int i = 0; i < 64; i++) {
		ipad[i] = k[i] ^ 0x36;
		opad[i] = k[i] ^ 0x5c;
	}
	struct sha256 c;
	sha256_init(&c);
	sha256_update(&c, ipad, 64);
	sha256_update(&c, data, len);
	sha256_final(&c, inner);
	sha256_init(&c);
	sha256_update(&c, opad, 64);
	sha256_update(&c, inner, sizeof inner);
	sha256_final(&c, out);
}

void px_hex(const uint8_t *p, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hx[p[i] >> 4];
		out[2 * i + 1] = hx[p[i] & 15];
	}
	out[2 * n] = '\0';
}

int px_random(void *buf, size_t n, struct px_err *err)
{
	uint8_t *p = buf;
	while (n) {
		ssize_t r = getrandom(p, n, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return px_err_set(err, PX_ESTORE, "cannot read random bytes: %s",
					  strerror(errno));
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

size_t px_base64(char *out, const void *data, size_t n, enum px_b64 kind)
{
	const char *a = kind == PX_B64_URL
		? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const uint8_t *p = data;
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		out[o++] = a[(v >> 18) & 63];
		out[o++] = a[(v >> 12) & 63];
		if (i + 1 < n)
			out[o++] = a[(v >> 6) & 63];
		else if (kind == PX_B64_STD)
			out[o++] = '=';
		if (i + 2 < n)
			out[o++] = a[v & 63];
		else if (kind == PX_B64_STD)
			out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

int px_token_new(char out[PX_TOKEN_LEN], struct px_err *err)
{
	uint8_t r[PX_TOKEN_BYTES];
	if (px_random(r, sizeof r, err))
		return -1;
	px_base64(out, r, sizeof r, PX_B64_URL);
	return 0;
}

void px_token_hash(const char *token, char out[PX_SHA256_HEX])
{
	uint8_t h[PX_SHA256_LEN];
	px_sha256(token, strlen(token), h);
	px_hex(h, sizeof h, out);
}

static uint8_t id_pool[4096];
static size_t id_pool_used = sizeof id_pool;
static int id_pool_forks;

static void id_pool_drop(void)
{
	id_pool_used = sizeof id_pool;
}

int px_id_new(const char *prefix, char out[PX_ID_LEN], struct px_err *err)
{
	static const char b32[] = "0123456789abcdefghjkmnpqrstvwxyz";
	/* an import makes ids by the million: their random bytes come from
	 * the CSPRNG 4 KiB at a time; a forked child draws its own, so that
	 * parent and child never make the same id */
	if (!id_pool_forks) {
		pthread_atfork(NULL, NULL, id_pool_drop);
		id_pool_forks = 1;
	}
	if (id_pool_used + PX_ID_RANDOM > sizeof id_pool) {
		if (px_random(id_pool, sizeof id_pool, err))
			return -1;
		id_pool_used = 0;
	}
	const uint8_t *r = id_pool + id_pool_used;
	id_pool_used += PX_ID_RANDOM;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	size_t n = strlen(prefix);
	if (n > 8)
		n = 8;
	memcpy(out, prefix, n);
	out[n] = '_';
	char *o = out + n + 1;
	for (int i = PX_ID_TIME - 1; i >= 0; i--, ms >>= 5)
		o[i] = b32[ms & 31];
	for (int i = 0; i < PX_ID_RANDOM; i++)
		o[PX_ID_TIME + i] = b32[r[i] & 31];
	o[PX_ID_TIME + PX_ID_RANDOM] = '\0';
	return 0;
}
