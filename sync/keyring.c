/* keyring: the council keys on this machine and in the folder. */
#include "sync/keyring.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXT_KEYS (crypto_pwhash_SALTBYTES + 8 + 8 + 4)
/* Limits accepted when reading: at least MODERATE, at most what a laptop has. */
#define OPS_MAX 64
#define MEM_MAX (2048ULL << 20)

static char *keys_path(struct store *st)
{
	return xasprintf("%s.keys", store_path(st));
}

const unsigned char *keyring_key(const struct keyring *kr, uint32_t epoch)
{
	for (size_t i = 0; i < kr->n; i++)
		if (kr->k[i].epoch == epoch)
			return kr->k[i].key;
	return NULL;
}

uint32_t keyring_current(const struct keyring *kr)
{
	uint32_t max = 0;
	for (size_t i = 0; i < kr->n; i++)
		if (kr->k[i].epoch > max)
			max = kr->k[i].epoch;
	return max;
}

void keyring_add(struct keyring *kr, uint32_t epoch, const unsigned char key[BUNDLE_KEY_LEN])
{
	for (size_t i = 0; i < kr->n; i++) {
		if (kr->k[i].epoch == epoch) {
			memcpy(kr->k[i].key, key, BUNDLE_KEY_LEN);
			return;
		}
	}
	if (kr->n < KEYRING_MAX) {
		kr->k[kr->n].epoch = epoch;
		memcpy(kr->k[kr->n].key, key, BUNDLE_KEY_LEN);
		kr->n++;
	}
}

void keyring_release(struct keyring *kr)
{
	sodium_memzero(kr, sizeof *kr);
}

int keyring_load(struct store *st, struct keyring *kr, struct err *e)
{
	char *path = keys_path(st), line[256];
	memset(kr, 0, sizeof *kr);
	FILE *f = fopen(path, "r");
	if (!f) {
		int rc = errno == ENOENT ? 1 : error(e, E_IO, path, strerror(errno));
		free(path);
		return rc;
	}
	bool header = false, council = false;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		unsigned epoch;
		char hex[80];
		size_t len;
		unsigned char key[BUNDLE_KEY_LEN];
		if (!strcmp(line, "gavel-keys 1"))
			header = true;
		else if (sscanf(line, "council %40s", hex) == 1 &&
			 sodium_hex2bin(kr->council, sizeof kr->council, hex, strlen(hex), NULL, &len, NULL) == 0 &&
			 len == sizeof kr->council)
			council = true;
		else if (sscanf(line, "key %u %70s", &epoch, hex) == 2 &&
			 sodium_hex2bin(key, sizeof key, hex, strlen(hex), NULL, &len, NULL) == 0 && len == sizeof key)
			keyring_add(kr, epoch, key);
		sodium_memzero(key, sizeof key);
		sodium_memzero(hex, sizeof hex);
	}
	sodium_memzero(line, sizeof line);
	fclose(f);
	if (!header || !council || !kr->n) {
		keyring_release(kr);
		errorf(e, E_IO, _("%s: not a gavel key file, or damaged"), path);
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

int keyring_save(struct store *st, const struct keyring *kr, struct err *e)
{
	char *path = keys_path(st), *tmp = xasprintf("%s.tmp", path);
	struct strbuf sb = { 0 };
	char hex[2 * BUNDLE_KEY_LEN + 1];
	int rc = -1;
	sb_adds(&sb, "gavel-keys 1\n");
	sodium_bin2hex(hex, sizeof hex, kr->council, sizeof kr->council);
	sb_addf(&sb, "council %s\n", hex);
	for (size_t i = 0; i < kr->n; i++) {
		sodium_bin2hex(hex, sizeof hex, kr->k[i].key, BUNDLE_KEY_LEN);
		sb_addf(&sb, "key %u %s\n", kr->k[i].epoch, hex);
	}
	sodium_memzero(hex, sizeof hex);
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		error(e, E_IO, tmp, strerror(errno));
		goto out;
	}
	bool ok = write(fd, sb.buf, sb.len) == (ssize_t)sb.len && fsync(fd) == 0;
	if (close(fd) || !ok || rename(tmp, path)) {
		error(e, E_IO, path, strerror(errno ? errno : EIO));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(sb.buf, sb.len);
	sb_release(&sb);
	free(tmp);
	free(path);
	return rc;
}

static void put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (56 - 8 * i));
}

static uint64_t get_u64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_u32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (24 - 8 * i));
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void keyring_wrap(const struct keyring *kr, const char *passphrase, uint32_t generation,
		  unsigned char **ext, size_t *ext_len, unsigned char **plain, size_t *plain_len,
		  unsigned char wrap_key[BUNDLE_KEY_LEN])
{
	unsigned char *x = xmalloc(EXT_KEYS);
	randombytes_buf(x, crypto_pwhash_SALTBYTES);
	put_u64(x + crypto_pwhash_SALTBYTES, crypto_pwhash_OPSLIMIT_MODERATE);
	put_u64(x + crypto_pwhash_SALTBYTES + 8, crypto_pwhash_MEMLIMIT_MODERATE);
	put_u32(x + crypto_pwhash_SALTBYTES + 16, generation);
	if (crypto_pwhash(wrap_key, BUNDLE_KEY_LEN, passphrase, strlen(passphrase), x,
			  crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
			  crypto_pwhash_ALG_ARGON2ID13))
		abort(); /* out of memory */
	unsigned char *p = xmalloc(4 + kr->n * (4 + BUNDLE_KEY_LEN));
	put_u32(p, (uint32_t)kr->n);
	for (size_t i = 0; i < kr->n; i++) {
		put_u32(p + 4 + i * (4 + BUNDLE_KEY_LEN), kr->k[i].epoch);
		memcpy(p + 8 + i * (4 + BUNDLE_KEY_LEN), kr->k[i].key, BUNDLE_KEY_LEN);
	}
	*ext = x;
	*ext_len = EXT_KEYS;
	*plain = p;
	*plain_len = 4 + kr->n * (4 + BUNDLE_KEY_LEN);
}

uint32_t keyring_generation(const struct bundle *b)
{
	if (b->kind != BUNDLE_KEYS || b->ext_len != EXT_KEYS)
		return 0;
	return get_u32(b->ext + crypto_pwhash_SALTBYTES + 16);
}

int keyring_unwrap(const struct bundle *b, const char *passphrase, struct keyring *kr,
		   uint32_t *generation, char why[BUNDLE_WHY])
{
	unsigned char key[BUNDLE_KEY_LEN];
	if (b->kind != BUNDLE_KEYS || b->ext_len != EXT_KEYS) {
		snprintf(why, BUNDLE_WHY, "%s", _("not a key file"));
		return -1;
	}
	uint64_t ops = get_u64(b->ext + crypto_pwhash_SALTBYTES);
	uint64_t mem = get_u64(b->ext + crypto_pwhash_SALTBYTES + 8);
	if (ops < crypto_pwhash_OPSLIMIT_MODERATE || ops > OPS_MAX || mem < crypto_pwhash_MEMLIMIT_MODERATE ||
	    mem > MEM_MAX) {
		snprintf(why, BUNDLE_WHY, "%s", _("key file with unsafe or unreasonable limits"));
		return -1;
	}
	if (crypto_pwhash(key, sizeof key, passphrase, strlen(passphrase), b->ext, ops, (size_t)mem,
			  crypto_pwhash_ALG_ARGON2ID13)) {
		snprintf(why, BUNDLE_WHY, "%s", _("not enough memory to check the passphrase"));
		return -1;
	}
	int rc = keyring_open(b, key, kr, generation, why);
	sodium_memzero(key, sizeof key);
	return rc;
}

int keyring_open(const struct bundle *b, const unsigned char wrap_key[BUNDLE_KEY_LEN], struct keyring *kr,
		 uint32_t *generation, char why[BUNDLE_WHY])
{
	if (b->kind != BUNDLE_KEYS || b->ext_len != EXT_KEYS) {
		snprintf(why, BUNDLE_WHY, "%s", _("not a key file"));
		return -1;
	}
	unsigned char *plain = NULL;
	size_t len;
	if (bundle_open(b, wrap_key, &plain, &len, why)) {
		snprintf(why, BUNDLE_WHY, "%s", _("wrong passphrase"));
		return -1;
	}
	uint32_t n = len >= 4 ? get_u32(plain) : 0;
	if (len < 4 || n == 0 || n > KEYRING_MAX || len != 4 + (size_t)n * (4 + BUNDLE_KEY_LEN)) {
		sodium_memzero(plain, len);
		free(plain);
		snprintf(why, BUNDLE_WHY, "%s", _("damaged key file"));
		return -1;
	}
	memset(kr, 0, sizeof *kr);
	memcpy(kr->council, b->council, sizeof kr->council);
	for (uint32_t i = 0; i < n; i++)
		keyring_add(kr, get_u32(plain + 4 + i * (4 + BUNDLE_KEY_LEN)), plain + 8 + i * (4 + BUNDLE_KEY_LEN));
	sodium_memzero(plain, len);
	free(plain);
	*generation = keyring_generation(b);
	return 0;
}

#define SEALED (crypto_box_SEALBYTES + BUNDLE_KEY_LEN)

void keyring_seal(const unsigned char key[BUNDLE_KEY_LEN], const unsigned char (*pks)[IDENTITY_PK_LEN],
		  size_t n, unsigned char **ext, size_t *ext_len)
{
	size_t len = 4 + n * (IDENTITY_PK_LEN + SEALED);
	unsigned char *x = xcalloc(1, len);
	put_u32(x, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		unsigned char *p = x + 4 + i * (IDENTITY_PK_LEN + SEALED), curve[crypto_box_PUBLICKEYBYTES];
		memcpy(p, pks[i], IDENTITY_PK_LEN);
		if (crypto_sign_ed25519_pk_to_curve25519(curve, pks[i]) == 0)
			crypto_box_seal(p + IDENTITY_PK_LEN, key, BUNDLE_KEY_LEN, curve);
	}
	*ext = x;
	*ext_len = len;
}

int keyring_unseal(const struct bundle *b, const struct identity *id,
		   unsigned char key[BUNDLE_KEY_LEN])
{
	if (b->kind != BUNDLE_REKEY || b->ext_len < 4)
		return -1;
	uint32_t n = get_u32(b->ext);
	if ((b->ext_len - 4) / (IDENTITY_PK_LEN + SEALED) < n || b->ext_len != 4 + (size_t)n * (IDENTITY_PK_LEN + SEALED))
		return -1;
	unsigned char cpk[crypto_box_PUBLICKEYBYTES], csk[crypto_box_SECRETKEYBYTES];
	if (crypto_sign_ed25519_pk_to_curve25519(cpk, id->pk) || crypto_sign_ed25519_sk_to_curve25519(csk, id->sk))
		return -1;
	int rc = 1;
	for (uint32_t i = 0; i < n && rc == 1; i++) {
		const unsigned char *p = b->ext + 4 + (size_t)i * (IDENTITY_PK_LEN + SEALED);
		if (memcmp(p, id->pk, IDENTITY_PK_LEN))
			continue;
		rc = crypto_box_seal_open(key, p + IDENTITY_PK_LEN, SEALED, cpk, csk) ? -1 : 0;
	}
	sodium_memzero(csk, sizeof csk);
	return rc;
}
