/* keyring: the council keys on this machine and in the folder. */
#include "sync/keyring.h"

#include <assert.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/file.h"
#include "sync/bytes.h"

/* A KEYS file's extension: the salt, the opslimit and memlimit (8 bytes
 * each) and the generation (4 bytes). */
#define EXT_OPS crypto_pwhash_SALTBYTES
#define EXT_MEM (EXT_OPS + 8)
#define EXT_GENERATION (EXT_MEM + 8)
#define EXT_KEYS (EXT_GENERATION + 4)
/* A KEYS file's body: a count, then per epoch its number and key. */
#define KEYS_COUNT 4
#define KEYS_ITEM (4 + BUNDLE_KEY_LEN)
/* A KEYS file's body since admission: a count of 0 (no council key),
 * the founder's public key, the epoch and the key to ask to join with. */
#define INVITE_FOUNDER KEYS_COUNT
#define INVITE_EPOCH (INVITE_FOUNDER + IDENTITY_PK_LEN)
#define INVITE_REQUEST (INVITE_EPOCH + 4)
#define INVITE_LEN (INVITE_REQUEST + BUNDLE_KEY_LEN)
/* The context of the request key's derivation (crypto_kdf: 8 bytes). */
#define REQUEST_CONTEXT "gavelreq"
/* A REKEY file's extension: a count, then per machine its key and the
 * sealed council key. */
#define SEAL_COUNT 4
#define SEALED (crypto_box_SEALBYTES + BUNDLE_KEY_LEN)
#define SEAL_ITEM (IDENTITY_PK_LEN + SEALED)
/* Limits accepted when reading: at least MODERATE, at most what a laptop has. */
#define OPS_MAX 64
#define MEM_MAX (2048ULL << 20)
/* DB.keys: its first line, its mode, and its size at most (a line for
 * the council and one for each key, none longer than 128 bytes). */
#define KEYS_FILE_HEADER "gavel-keys 1"
#define KEYS_FILE_MODE 0600
#define KEYS_FILE_MAX ((KEYRING_MAX + 2) * 128)

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

int keyring_add(struct keyring *kr, uint32_t epoch, const unsigned char key[BUNDLE_KEY_LEN])
{
	for (size_t i = 0; i < kr->n; i++) {
		if (kr->k[i].epoch == epoch) {
			memcpy(kr->k[i].key, key, BUNDLE_KEY_LEN);
			return 0;
		}
	}
	if (kr->n == KEYRING_MAX)
		return -1;
	kr->k[kr->n].epoch = epoch;
	memcpy(kr->k[kr->n].key, key, BUNDLE_KEY_LEN);
	kr->n++;
	return 0;
}

void keyring_release(struct keyring *kr)
{
	sodium_memzero(kr, sizeof *kr);
}

/* One line of DB.keys into kr; false if it is not one of its lines. */
static bool keys_line(char *line, struct keyring *kr, bool *header, bool *council)
{
	unsigned epoch;
	/* the longest hex a line holds, with room to tell a longer one */
	char hex[2 * BUNDLE_KEY_LEN + 8];
	size_t len;
	unsigned char key[BUNDLE_KEY_LEN];
	bool ok = true;
	if (!strcmp(line, KEYS_FILE_HEADER))
		*header = true;
	else if (sscanf(line, "council %40s", hex) == 1 &&
		 sodium_hex2bin(kr->council, sizeof kr->council, hex, strlen(hex), NULL, &len, NULL) == 0 &&
		 len == sizeof kr->council)
		*council = true;
	else if (sscanf(line, "key %u %70s", &epoch, hex) == 2 &&
		 sodium_hex2bin(key, sizeof key, hex, strlen(hex), NULL, &len, NULL) == 0 && len == sizeof key)
		ok = keyring_add(kr, epoch, key) == 0;
	sodium_memzero(key, sizeof key);
	sodium_memzero(hex, sizeof hex);
	return ok;
}

/* Makes sb hold n bytes without growing again, so that no copy of a key
 * is left behind in memory that a growing buffer gives back. */
static void reserve(struct strbuf *sb, size_t n)
{
	sb_addf(sb, "%*s", (int)n, "");
	sb_reset(sb);
}

int keyring_load(struct store *st, struct keyring *kr, struct err *e)
{
	char *path = keys_path(st);
	struct strbuf sb = { 0 };
	struct stat fs;
	memset(kr, 0, sizeof *kr);
	if (stat(path, &fs)) {
		int rc = errno == ENOENT ? 1 : error(e, E_IO, path, strerror(errno));
		free(path);
		return rc;
	}
	if (fs.st_size > KEYS_FILE_MAX) {
		error(e, E_SYNC_KEYS_FILE, path);
		free(path);
		return -1;
	}
	reserve(&sb, (size_t)fs.st_size);
	if (file_read(path, &sb, e)) {
		sodium_memzero(sb.buf, sb.alloc);
		sb_release(&sb);
		free(path);
		return -1;
	}
	bool header = false, council = false, ok = true;
	for (char *line = sb.buf, *next; ok && line < sb.buf + sb.len; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		ok = keys_line(line, kr, &header, &council);
	}
	sodium_memzero(sb.buf, sb.alloc);
	sb_release(&sb);
	if (!ok || !header || !council) {
		keyring_release(kr);
		error(e, E_SYNC_KEYS_FILE, path);
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

int keyring_save(struct store *st, const struct keyring *kr, struct err *e)
{
	char *path = keys_path(st);
	struct strbuf sb = { 0 };
	char hex[2 * BUNDLE_KEY_LEN + 1];
	reserve(&sb, KEYS_FILE_MAX);
	sb_adds(&sb, KEYS_FILE_HEADER "\n");
	sodium_bin2hex(hex, sizeof hex, kr->council, sizeof kr->council);
	sb_addf(&sb, "council %s\n", hex);
	for (size_t i = 0; i < kr->n; i++) {
		sodium_bin2hex(hex, sizeof hex, kr->k[i].key, BUNDLE_KEY_LEN);
		sb_addf(&sb, "key %u %s\n", kr->k[i].epoch, hex);
	}
	sodium_memzero(hex, sizeof hex);
	int rc = file_write_atomic(path, sb.buf, sb.len, KEYS_FILE_MODE, FILE_REPLACE, e);
	sodium_memzero(sb.buf, sb.alloc);
	sb_release(&sb);
	free(path);
	return rc;
}

void keyring_request_key(const unsigned char council_key[BUNDLE_KEY_LEN], uint32_t epoch,
			 unsigned char out[BUNDLE_KEY_LEN])
{
	_Static_assert(BUNDLE_KEY_LEN == crypto_kdf_KEYBYTES, "a council key derives keys");
	crypto_kdf_derive_from_key(out, BUNDLE_KEY_LEN, epoch, REQUEST_CONTEXT, council_key);
}

void keyring_wrap(const struct invite *inv, const char *passphrase, uint32_t generation, unsigned char **ext,
		  size_t *ext_len, unsigned char **plain, size_t *plain_len, unsigned char wrap_key[BUNDLE_KEY_LEN])
{
	unsigned char *x = xmalloc(EXT_KEYS);
	randombytes_buf(x, crypto_pwhash_SALTBYTES);
	put64(x + EXT_OPS, crypto_pwhash_OPSLIMIT_MODERATE);
	put64(x + EXT_MEM, crypto_pwhash_MEMLIMIT_MODERATE);
	put32(x + EXT_GENERATION, generation);
	if (crypto_pwhash(wrap_key, BUNDLE_KEY_LEN, passphrase, strlen(passphrase), x,
			  crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
			  crypto_pwhash_ALG_ARGON2ID13))
		abort(); /* out of memory */
	unsigned char *p = xcalloc(1, INVITE_LEN);
	put32(p, 0); /* no council key: an invitation */
	memcpy(p + INVITE_FOUNDER, inv->founder, IDENTITY_PK_LEN);
	put32(p + INVITE_EPOCH, inv->epoch);
	memcpy(p + INVITE_REQUEST, inv->request_key, BUNDLE_KEY_LEN);
	*ext = x;
	*ext_len = EXT_KEYS;
	*plain = p;
	*plain_len = INVITE_LEN;
}

uint32_t keyring_generation(const struct bundle *b)
{
	if (b->kind != BUNDLE_KEYS || b->ext_len != EXT_KEYS)
		return 0;
	return get32(b->ext + EXT_GENERATION);
}

int keyring_unwrap(const struct bundle *b, const char *passphrase, struct invite *inv, uint32_t *generation,
		   char why[BUNDLE_WHY])
{
	unsigned char key[BUNDLE_KEY_LEN];
	if (b->kind != BUNDLE_KEYS || b->ext_len != EXT_KEYS)
		return bundle_why(why, -1, E_SYNC_NOT_KEY_FILE);
	uint64_t ops = get64(b->ext + EXT_OPS);
	uint64_t mem = get64(b->ext + EXT_MEM);
	if (ops < crypto_pwhash_OPSLIMIT_MODERATE || ops > OPS_MAX || mem < crypto_pwhash_MEMLIMIT_MODERATE ||
	    mem > MEM_MAX)
		return bundle_why(why, -1, E_SYNC_UNSAFE_LIMITS);
	if (crypto_pwhash(key, sizeof key, passphrase, strlen(passphrase), b->ext, ops, (size_t)mem,
			  crypto_pwhash_ALG_ARGON2ID13))
		return bundle_why(why, -1, E_SYNC_PWHASH_MEMORY);
	int rc = keyring_open(b, key, inv, generation, why);
	sodium_memzero(key, sizeof key);
	return rc;
}

int keyring_open(const struct bundle *b, const unsigned char wrap_key[BUNDLE_KEY_LEN], struct invite *inv,
		 uint32_t *generation, char why[BUNDLE_WHY])
{
	if (b->kind != BUNDLE_KEYS || b->ext_len != EXT_KEYS)
		return bundle_why(why, -1, E_SYNC_NOT_KEY_FILE);
	unsigned char *plain = NULL;
	size_t len;
	if (bundle_open(b, wrap_key, &plain, &len, why))
		return bundle_why(why, -1, E_SYNC_WRONG_PASSPHRASE);
	int rc = 0;
	if (len >= KEYS_COUNT && get32(plain) != 0)
		rc = bundle_why(why, -1, E_SYNC_WRAP_OLD); /* the council's keys themselves: written before admission */
	else if (len != INVITE_LEN)
		rc = bundle_why(why, -1, E_SYNC_KEYS_DAMAGED);
	if (rc == 0) {
		memset(inv, 0, sizeof *inv);
		memcpy(inv->council, b->council, sizeof inv->council);
		memcpy(inv->founder, plain + INVITE_FOUNDER, IDENTITY_PK_LEN);
		inv->epoch = get32(plain + INVITE_EPOCH);
		memcpy(inv->request_key, plain + INVITE_REQUEST, BUNDLE_KEY_LEN);
		*generation = keyring_generation(b);
	}
	sodium_memzero(plain, len);
	free(plain);
	return rc;
}

void keyring_seal_all(const struct keyring *kr, const unsigned char pk[IDENTITY_PK_LEN], unsigned char **ext,
		      size_t *ext_len)
{
	size_t len = KEYS_COUNT + kr->n * KEYS_ITEM;
	unsigned char *p = xmalloc(len), curve[crypto_box_PUBLICKEYBYTES];
	put32(p, (uint32_t)kr->n);
	for (size_t i = 0; i < kr->n; i++) {
		put32(p + KEYS_COUNT + i * KEYS_ITEM, kr->k[i].epoch);
		memcpy(p + KEYS_COUNT + i * KEYS_ITEM + 4, kr->k[i].key, BUNDLE_KEY_LEN);
	}
	unsigned char *x = xcalloc(1, len + crypto_box_SEALBYTES);
	if (crypto_sign_ed25519_pk_to_curve25519(curve, pk) == 0)
		crypto_box_seal(x, p, len, curve);
	sodium_memzero(p, len);
	free(p);
	*ext = x;
	*ext_len = len + crypto_box_SEALBYTES;
}

int keyring_unseal_all(const struct bundle *b, const struct identity *id, struct keyring *kr)
{
	if (b->kind != BUNDLE_ADMIT || b->ext_len < crypto_box_SEALBYTES + KEYS_COUNT + KEYS_ITEM ||
	    b->ext_len > crypto_box_SEALBYTES + KEYS_COUNT + KEYRING_MAX * KEYS_ITEM)
		return 1;
	size_t len = b->ext_len - crypto_box_SEALBYTES;
	unsigned char cpk[crypto_box_PUBLICKEYBYTES], csk[crypto_box_SECRETKEYBYTES];
	unsigned char *p = xmalloc(len);
	int rc = 1;
	if (crypto_sign_ed25519_pk_to_curve25519(cpk, id->pk) == 0 &&
	    crypto_sign_ed25519_sk_to_curve25519(csk, id->sk) == 0 &&
	    crypto_box_seal_open(p, b->ext, b->ext_len, cpk, csk) == 0) {
		uint32_t n = get32(p);
		rc = n == 0 || len != KEYS_COUNT + (size_t)n * KEYS_ITEM ? -1 : 0;
		memset(kr, 0, sizeof *kr);
		memcpy(kr->council, b->council, sizeof kr->council);
		for (uint32_t i = 0; i < n && rc == 0; i++) {
			const unsigned char *item = p + KEYS_COUNT + i * KEYS_ITEM;
			rc = keyring_add(kr, get32(item), item + 4); /* n <= KEYRING_MAX: room */
		}
		if (rc)
			keyring_release(kr);
	}
	sodium_memzero(csk, sizeof csk);
	sodium_memzero(p, len);
	free(p);
	return rc;
}

void keyring_seal(const unsigned char key[BUNDLE_KEY_LEN], const unsigned char (*pks)[IDENTITY_PK_LEN],
		  size_t n, unsigned char **ext, size_t *ext_len)
{
	size_t len = SEAL_COUNT + n * SEAL_ITEM;
	unsigned char *x = xcalloc(1, len);
	put32(x, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		unsigned char *p = x + SEAL_COUNT + i * SEAL_ITEM, curve[crypto_box_PUBLICKEYBYTES];
		/* the recipient's key slot left zero: whom it is sealed to is
		 * not for the folder to tell (older versions named it) */
		if (crypto_sign_ed25519_pk_to_curve25519(curve, pks[i]) == 0)
			crypto_box_seal(p + IDENTITY_PK_LEN, key, BUNDLE_KEY_LEN, curve);
	}
	*ext = x;
	*ext_len = len;
}

int keyring_unseal(const struct bundle *b, const struct identity *id,
		   unsigned char key[BUNDLE_KEY_LEN])
{
	if (b->kind != BUNDLE_REKEY || b->ext_len < SEAL_COUNT)
		return -1;
	uint32_t n = get32(b->ext);
	if ((b->ext_len - SEAL_COUNT) / SEAL_ITEM < n || b->ext_len != SEAL_COUNT + (size_t)n * SEAL_ITEM)
		return -1;
	unsigned char cpk[crypto_box_PUBLICKEYBYTES], csk[crypto_box_SECRETKEYBYTES];
	if (crypto_sign_ed25519_pk_to_curve25519(cpk, id->pk) || crypto_sign_ed25519_sk_to_curve25519(csk, id->sk))
		return -1;
	static const unsigned char anyone[IDENTITY_PK_LEN];
	int rc = 1;
	for (uint32_t i = 0; i < n && rc == 1; i++) {
		const unsigned char *p = b->ext + SEAL_COUNT + (size_t)i * SEAL_ITEM;
		bool named = !memcmp(p, id->pk, IDENTITY_PK_LEN);
		if (!named && memcmp(p, anyone, IDENTITY_PK_LEN))
			continue;
		/* an unnamed box that does not open is someone else's */
		if (crypto_box_seal_open(key, p + IDENTITY_PK_LEN, SEALED, cpk, csk) == 0)
			rc = 0;
		else if (named)
			rc = -1;
	}
	sodium_memzero(csk, sizeof csk);
	return rc;
}
