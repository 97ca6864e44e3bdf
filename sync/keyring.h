/*
 * keyring: the council's keys on this machine, and their passphrase wrap.
 *
 * The council key of each epoch (a random XChaCha20-Poly1305 key; a new
 * epoch begins when a member is removed or the passphrase changes) is kept
 * unlocked beside the database in DB.keys, mode 0600, so that a sync from
 * cron needs nothing typed. In the shared folder the keys travel only
 * wrapped: under a key made from the passphrase with Argon2id (a KEYS
 * file, for members who join), or sealed to a member machine's public key
 * (a REKEY file, for the members who stay when one leaves).
 */
#ifndef GAVEL_SYNC_KEYRING_H
#define GAVEL_SYNC_KEYRING_H

#include <stdint.h>

#include "sync/bundle.h"

#define KEYRING_MAX 64

struct keyring {
	unsigned char council[BUNDLE_COUNCIL_LEN];
	size_t n;
	struct {
		uint32_t epoch;
		unsigned char key[BUNDLE_KEY_LEN];
	} k[KEYRING_MAX];
};

/* Loads DB.keys; 1 if there is none, E_SYNC_KEYS_FILE if it is not a
 * whole key file (E_IO if it cannot be read). */
int keyring_load(struct store *st, struct keyring *kr, struct err *e);
/* Writes DB.keys (mode 0600, atomically: file_write_atomic). */
int keyring_save(struct store *st, const struct keyring *kr, struct err *e);
/* The key of an epoch, or NULL. */
const unsigned char *keyring_key(const struct keyring *kr, uint32_t epoch);
/* The newest epoch (0 if none). */
uint32_t keyring_current(const struct keyring *kr);
/* Adds (or replaces) an epoch's key; -1 (kr unchanged) when kr already
 * holds KEYRING_MAX epochs and this one is new. */
int keyring_add(struct keyring *kr, uint32_t epoch, const unsigned char key[BUNDLE_KEY_LEN]);
/* Wipes the keys. */
void keyring_release(struct keyring *kr);

/*
 * The parts of a KEYS file for the passphrase: *ext (salt, Argon2id
 * limits, generation) and *plain (every epoch's key), and the key that
 * encrypts it in wrap_key. Slow on purpose (Argon2id, MODERATE limits).
 */
void keyring_wrap(const struct keyring *kr, const char *passphrase, uint32_t generation,
		  unsigned char **ext, size_t *ext_len, unsigned char **plain, size_t *plain_len,
		  unsigned char wrap_key[BUNDLE_KEY_LEN]);
/* Opens a KEYS file with a passphrase into kr; -1 with a reason if it is
 * the wrong passphrase or a damaged file. */
int keyring_unwrap(const struct bundle *b, const char *passphrase, struct keyring *kr,
		   uint32_t *generation, char why[BUNDLE_WHY]);
/* The second half of keyring_unwrap: opens a KEYS file with wrap_key, the
 * key made from the passphrase, into kr (its council and every epoch's
 * key) and *generation; -1 with a reason if the key is wrong or the file
 * damaged, kr then untouched. No Argon2id, so it is fast. */
int keyring_open(const struct bundle *b, const unsigned char wrap_key[BUNDLE_KEY_LEN], struct keyring *kr,
		 uint32_t *generation, char why[BUNDLE_WHY]);
/* The generation of a KEYS file (from its clear extension), 0 if none. */
uint32_t keyring_generation(const struct bundle *b);

/* A REKEY file's extension: the new key sealed to each public key. */
void keyring_seal(const unsigned char key[BUNDLE_KEY_LEN], const unsigned char (*pks)[IDENTITY_PK_LEN],
		  size_t n, unsigned char **ext, size_t *ext_len);
/* Finds this machine's sealed key in a REKEY file; 1 if none for it. */
int keyring_unseal(const struct bundle *b, const struct identity *id,
		   unsigned char key[BUNDLE_KEY_LEN]);

#endif
