/* limit.c - slowing down whoever guesses survey links or tracking codes:
 * the wrong ones a client tried this hour, counted under a hash of its
 * address cut to its network. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "base/privacy.h"
#include "base/time.h"
#include "base/token.h"
#include "store/store.h"
#include "web/web.h"
#include "base/banned.h"

int px_web_client(const struct px_config *cfg, const char *addr, char out[PX_SHA256_HEX],
		  struct px_err *err)
{
	unsigned char ip[16] = { 0 };
	size_t keep;
	if (inet_pton(AF_INET, addr, ip) == 1)
		keep = 3;                    /* a /24 */
	else if (inet_pton(AF_INET6, addr, ip) == 1)
		keep = 6;                    /* a /48 */
	else
		keep = 0;                    /* no address: one client for all */
	memset(ip + keep, 0, sizeof ip - keep);
	uint8_t key[PX_SHA256_LEN], mac[PX_SHA256_LEN];
	if (px_secret(cfg, "web-client", key, err))
		return err->code ? err->code : PX_EINPUT;
	px_hmac_sha256(key, sizeof key, ip, sizeof ip, mac);
	explicit_bzero(key, sizeof key);
	px_hex(mac, sizeof mac, out);
	return PX_OK;
}

static void hour_of(int64_t now, char hour[16])
{
	char t[PX_TIME_UTC_LEN];
	px_time_format_utc(now, t);
	memcpy(hour, t, 13);
	hour[13] = '\0';
}

int px_web_failures(struct px_store *st, const char *client, int64_t now, long long *n,
		    struct px_err *err)
{
	char hour[16];
	hour_of(now, hour);
	*n = 0;
	struct px_stmt *s = px_stmt_prepare(st,
		"SELECT failures FROM web_failures WHERE client = ?1 AND hour = ?2", err);
	if (!s)
		return err->code;
	px_stmt_text(s, 1, client);
	px_stmt_text(s, 2, hour);
	int rc = px_stmt_step(s, err);
	if (rc == 1)
		*n = px_stmt_col_int(s, 0);
	px_stmt_reset(s);
	return rc < 0 ? err->code : PX_OK;
}

int px_web_failed(struct px_store *st, const char *client, int64_t now, struct px_err *err)
{
	char hour[16];
	hour_of(now, hour);
	int rc = px_store_begin(st, err);
	if (rc)
		return rc;
	struct px_stmt *s = px_stmt_prepare(st,
		"INSERT INTO web_failures (client, hour, failures) VALUES (?1, ?2, 1) "
		"ON CONFLICT (client, hour) DO UPDATE SET failures = web_failures.failures + 1", err);
	rc = s ? PX_OK : err->code;
	if (!rc) {
		px_stmt_text(s, 1, client);
		px_stmt_text(s, 2, hour);
		rc = px_stmt_run(s, err);
	}
	/* the hours gone by are of no use */
	if (!rc && (s = px_stmt_prepare(st, "DELETE FROM web_failures WHERE hour < ?1", err))) {
		px_stmt_text(s, 1, hour);
		rc = px_stmt_run(s, err);
	} else if (!rc) {
		rc = err->code;
	}
	if (rc) {
		px_store_rollback(st);
		return rc;
	}
	return px_store_commit(st, err);
}
