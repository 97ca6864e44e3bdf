/*
 * identity: this machine's signing key as a member of the council.
 *
 * Each copy of the council's database (one per member machine) has an
 * Ed25519 keypair (libsodium crypto_sign) that belongs to one person of the
 * council. The keypair is kept beside the database in DB.identity, a small
 * text file of mode 0600 (readable only by its owner). The public half is
 * recorded in the council's database (table member_key, see store/keys.h)
 * with the person and the machine's actor id, so it travels by sync and
 * anyone can verify what the machine signed and show who wrote what.
 *
 * The file also records where it belongs: a digest of the machine, the
 * database's path and its inode. A database copied elsewhere (a restored
 * backup, a cloned laptop, `cp gavel.db other.db`) therefore does not go
 * on signing as the original: identity_load notices the move and gives the
 * copy a keypair and an actor id of its own, for the same person.
 *
 * All functions that touch the database run in a transaction of their own
 * (nested in the caller's if one is open). They return 0 on success, 1
 * where said, and -1 with `e` set on failure.
 */
#ifndef GAVEL_SYNC_IDENTITY_H
#define GAVEL_SYNC_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

#define IDENTITY_PK_LEN 32
#define IDENTITY_SK_LEN 64
#define IDENTITY_SIG_LEN 64
/* A fingerprint's bytes (128 bits), and its text with the NUL: eight groups
 * of four hex digits, "3f2a 9c1b 77d0 e4a5 0b12 aa90 5c33 1e07" */
#define IDENTITY_FP_BYTES 16
#define IDENTITY_FP_SIZE (IDENTITY_FP_BYTES / 2 * 5)

struct identity {
	char person_id[ID_LEN + 1]; /* the person this machine belongs to */
	char actor[ID_LEN + 1];     /* the actor id the machine writes rows as */
	unsigned char pk[IDENTITY_PK_LEN];
	unsigned char sk[IDENTITY_SK_LEN]; /* secret: wiped by identity_release */
	bool renewed; /* identity_load made a new keypair for a copied database */
	bool pending; /* asked to join, not admitted yet: person_id is all zeros */
};

/*
 * Loads this database's identity into *out. Returns 1 if the database has
 * none yet. If the database or its key file was copied or moved (see
 * above), makes a new keypair and actor id for the same person, records
 * the new public key, sets out->renewed and returns 0.
 */
int identity_load(struct store *st, struct identity *out, struct err *e);

/*
 * Loads the identity, creating it for person_id (an existing person's id)
 * if the database has none: a new keypair, the key file written with mode
 * 0600 and the public key recorded. Refuses (E_OWNED_BY) if the database
 * already belongs to another person.
 */
int identity_ensure(struct store *st, const char *person_id, struct identity *out,
		    struct err *e);

/*
 * A machine that asks to join (sync/share.c): a new keypair and key file
 * with no person, nothing recorded in the council. identity_load gives it
 * back with out->pending until identity_adopt names the person whose key
 * the council recorded when a member admitted it.
 */
int identity_new(struct store *st, struct identity *out, struct err *e);
/* In the caller's transaction: the database records the person; once it
 * has committed, identity_adopted tells the key file (identity_load does
 * it too, if it was not told). A copy of a waiting database, made
 * elsewhere, is refused by identity_load (E_SYNC_PENDING_COPY). */
int identity_adopt(struct store *st, struct identity *id, const char *person_id, struct err *e);
int identity_adopted(struct store *st, const struct identity *id, struct err *e);

/* Does vouch (member_key.vouch) hold an older key's signature of pk with
 * actor? The older key in *older. A copied database's new key is vouched
 * for by the key it was copied with; the council takes it as the same
 * person's only when that key is theirs and not removed (sync/policy.c). */
bool identity_vouch_check(const char *vouch, const unsigned char pk[IDENTITY_PK_LEN], const char *actor,
			  unsigned char older[IDENTITY_PK_LEN]);

/* A detached signature of len bytes of buf. */
void identity_sign(const struct identity *id, const void *buf, size_t len,
		   unsigned char sig[IDENTITY_SIG_LEN]);

/* Does sig sign buf under the public key pk? */
bool identity_verify(const unsigned char pk[IDENTITY_PK_LEN], const void *buf, size_t len,
		     const unsigned char sig[IDENTITY_SIG_LEN]);

/* The fingerprint of a public key, for people to compare by reading it out
 * (over the phone, say): the first IDENTITY_FP_BYTES bytes of its BLAKE2b
 * hash (32 bytes), in eight groups of four lower-case hex digits separated
 * by single spaces. Its first four groups are the 8-byte fingerprint that
 * earlier versions showed. */
void identity_fingerprint(const unsigned char pk[IDENTITY_PK_LEN], char out[IDENTITY_FP_SIZE]);

/* Does what was typed begin the fingerprint fp (at least min digits,
 * spaces anywhere, as someone reads it out)? */
bool identity_fingerprint_begins(const char *fp, const char *typed, size_t min);

/* Public keys as 64 lower-case hex digits (as stored in member_key) and
 * back; identity_key_parse returns false on anything else. */
void identity_key_hex(const unsigned char pk[IDENTITY_PK_LEN], char out[2 * IDENTITY_PK_LEN + 1]);
bool identity_key_parse(const char *hex, unsigned char pk[IDENTITY_PK_LEN]);

/* The person a public key belongs to, by the council's records: 0 and the
 * person's id (and *revoked when the member was removed), 1 if the key is
 * not a member's. */
int identity_key_person(struct store *st, const unsigned char pk[IDENTITY_PK_LEN],
			char person_id[ID_LEN + 1], bool *revoked, struct err *e);

/* The key file's path: the database's path with ".identity" (caller frees). */
char *identity_path(struct store *st);

/* Wipes the secret key. */
void identity_release(struct identity *id);

#endif
