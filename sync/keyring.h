/*
 * keyring: the council's keys on this machine, and their passphrase wrap.
 *
 * The council key of each epoch (a random XChaCha20-Poly1305 key; a new
 * epoch begins when a member is removed or the passphrase changes) is kept
 * unlocked beside the database in DB.keys, mode 0600, so that a sync from
 * cron needs nothing typed. In the shared folder the keys travel only
 * sealed to a member machine's public key: all of them to a newcomer a
 * member admitted (an ADMIT file), a new one to the members who stay when
 * one leaves (a REKEY file). The passphrase opens no key of the council:
 * its KEYS file holds an invitation (struct invite) to ask to join with.
 * A machine that asked and is not admitted yet has a DB.keys with the
 * council's id and no key.
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
 * What the passphrase opens (a KEYS file): enough to ask to join, nothing
 * to read. The council key of `epoch` derives the request key, so every
 * member reads the requests made with it; the founder's key is the one
 * member that introduces itself (the council's first files), the root of
 * the membership that a newcomer checks all else against.
 */
struct invite {
	unsigned char council[BUNDLE_COUNCIL_LEN];
	unsigned char founder[IDENTITY_PK_LEN];
	uint32_t epoch;
	unsigned char request_key[BUNDLE_KEY_LEN];
};
/* The request key of an epoch, from that epoch's council key (BLAKE2b,
 * crypto_kdf): one-way, so it tells nothing of the council key. */
void keyring_request_key(const unsigned char council_key[BUNDLE_KEY_LEN], uint32_t epoch,
			 unsigned char out[BUNDLE_KEY_LEN]);
/*
 * The parts of a KEYS file for the passphrase: *ext (salt, Argon2id
 * limits, generation) and *plain (the invitation), and the key that
 * encrypts it in wrap_key. Slow on purpose (Argon2id, MODERATE limits).
 */
void keyring_wrap(const struct invite *inv, const char *passphrase, uint32_t generation, unsigned char **ext,
		  size_t *ext_len, unsigned char **plain, size_t *plain_len, unsigned char wrap_key[BUNDLE_KEY_LEN]);
/* Opens a KEYS file with a passphrase into inv; -1 with a reason if it is
 * the wrong passphrase, a damaged file or one of before admission (which
 * held the council's keys themselves: E_SYNC_WRAP_OLD). */
int keyring_unwrap(const struct bundle *b, const char *passphrase, struct invite *inv, uint32_t *generation,
		   char why[BUNDLE_WHY]);
/* The second half of keyring_unwrap: opens a KEYS file with wrap_key, the
 * key made from the passphrase; no Argon2id, so it is fast. inv is
 * untouched on failure. */
int keyring_open(const struct bundle *b, const unsigned char wrap_key[BUNDLE_KEY_LEN], struct invite *inv,
		 uint32_t *generation, char why[BUNDLE_WHY]);
/* The generation of a KEYS file (from its clear extension), 0 if none. */
uint32_t keyring_generation(const struct bundle *b);

/* A REKEY file's extension: the new key sealed to each public key. */
void keyring_seal(const unsigned char key[BUNDLE_KEY_LEN], const unsigned char (*pks)[IDENTITY_PK_LEN],
		  size_t n, unsigned char **ext, size_t *ext_len);
/* Finds this machine's sealed key in a REKEY file; 1 if none for it. */
int keyring_unseal(const struct bundle *b, const struct identity *id,
		   unsigned char key[BUNDLE_KEY_LEN]);

/* An ADMIT file's extension: every epoch's key of kr sealed to a
 * newcomer's public key alone (crypto_box_seal: nobody else can tell whom). */
void keyring_seal_all(const struct keyring *kr, const unsigned char pk[IDENTITY_PK_LEN], unsigned char **ext,
		      size_t *ext_len);
/* Opens an ADMIT file's keys with this machine's key into kr (its council
 * from the header); 1 if they are not sealed to it, -1 if damaged. */
int keyring_unseal_all(const struct bundle *b, const struct identity *id, struct keyring *kr);

#endif
