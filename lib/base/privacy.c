/* privacy.c - keyed hashing and masking of identifiers. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/privacy.h"
#include "base/banned.h"

/* Reads the master key from the key file into key (NUL-terminated);
 * *missing says the file is not there (ENOENT). */
static int read_key_file(const char *path, char *key, size_t size, int *missing,
			 struct px_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	*missing = fd < 0 && errno == ENOENT;
	if (fd < 0)
		return px_fail(err, PX_EINPUT, "privacy.key_file '%s': %s", path, strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode) || (sb.st_mode & 077)) {
		close(fd);
		return px_fail(err, PX_EINPUT,
			       "privacy.key_file '%s' must be a file only its owner can read", path);
	}
	ssize_t n = read(fd, key, size - 1);
	close(fd);
	if (n < 0)
		return px_fail(err, PX_EINPUT, "privacy.key_file '%s': %s", path, strerror(errno));
	while (n > 0 && (key[n - 1] == '\n' || key[n - 1] == '\r' || key[n - 1] == ' '))
		n--;
	key[n] = '\0';
	return PX_OK;
}

/* The master key into key: the key file's content, else (for a key file
 * that is only the default and is not there) privacy.natid_key. */
static int master_key(const struct px_config *cfg, char *key, size_t size, struct px_err *err)
{
	const char *path = px_config_str(cfg, "privacy.key_file");
	const char *natid = px_config_get(cfg, "privacy.natid_key", NULL);
	int missing = 0, rc;
	if (path && *path) {
		rc = read_key_file(path, key, size, &missing, err);
		if (!rc || !missing || px_config_is_set(cfg, "privacy.key_file"))
			return rc;
	}
	if (natid && *natid) {
		px_strlcpy(key, natid, size);
		return PX_OK;
	}
	return px_fail(err, PX_EINPUT, "no key: px init writes one beside the store "
		       "(privacy.key_file in px.conf names another)");
}

int px_secret_have(const struct px_config *cfg)
{
	const char *path = px_config_str(cfg, "privacy.key_file");
	const char *natid = px_config_get(cfg, "privacy.natid_key", NULL);
	return (path && *path && (access(path, F_OK) == 0 || errno != ENOENT ||
				  px_config_is_set(cfg, "privacy.key_file"))) ||
	       (natid && *natid);
}

int px_secret(const struct px_config *cfg, const char *purpose, uint8_t out[PX_SHA256_LEN],
	      struct px_err *err)
{
	char key[256];
	int rc = master_key(cfg, key, sizeof key, err);
	if (rc)
		return rc;
	if (strlen(key) < 16) {
		explicit_bzero(key, sizeof key);
		return px_fail(err, PX_EINPUT, "the key in %s is shorter than 16 bytes",
			       px_config_get(cfg, "privacy.natid_key", NULL) &&
			       !px_config_is_set(cfg, "privacy.key_file") ? "privacy.natid_key"
			       : "privacy.key_file");
	}
	px_hmac_sha256(key, strlen(key), purpose, strlen(purpose), out);
	explicit_bzero(key, sizeof key);
	return PX_OK;
}

int px_secret_create(const char *path, struct px_err *err)
{
	uint8_t raw[32];
	char hex[2 * sizeof raw + 2];
	int rc = px_random(raw, sizeof raw, err);
	if (rc)
		return err->code ? err->code : PX_ESTORE;
	px_hex(raw, sizeof raw, hex);
	size_t n = strlen(hex);
	hex[n++] = '\n';
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return px_fail(err, PX_EINPUT, "key file '%s': %s", path, strerror(errno));
	ssize_t w = write(fd, hex, n);
	int bad = w != (ssize_t)n || fsync(fd) != 0;
	if (close(fd) || bad) {
		unlink(path);
		return px_fail(err, PX_ESTORE, "key file '%s': cannot write it", path);
	}
	explicit_bzero(hex, sizeof hex);
	return PX_OK;
}

int px_natid_hash(const struct px_config *cfg, const char *natid,
		  char out[PX_SHA256_HEX], struct px_err *err)
{
	const char *key = px_config_get(cfg, "privacy.natid_key", NULL);
	uint8_t derived[PX_SHA256_LEN];
	size_t keylen;
	if (key && *key) {
		if (strlen(key) < 16)
			return px_fail(err, PX_EINPUT, "privacy.natid_key is shorter than 16 bytes");
		keylen = strlen(key);
	} else {
		int rc = px_secret(cfg, "natid", derived, err);
		if (rc == PX_EINPUT && !px_secret_have(cfg))
			return px_fail(err, PX_EINPUT, "no national id key: px init writes one beside "
				       "the store (privacy.key_file), or set privacy.natid_key in px.conf");
		if (rc)
			return rc;
		key = (const char *)derived;
		keylen = sizeof derived;
	}
	struct px_buf norm = PX_BUF_INIT;
	for (const char *p = natid; *p; p++)
		if (*p != ' ' && *p != '-')
			px_buf_addc(&norm, *p);
	uint8_t mac[PX_SHA256_LEN];
	px_hmac_sha256(key, keylen, px_buf_str(&norm), norm.len, mac);
	px_hex(mac, sizeof mac, out);
	px_buf_free(&norm);
	return PX_OK;
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
