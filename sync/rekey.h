/*
 * rekey: the council's keys in the folder: the passphrase wrap that a
 * machine joining opens (a KEYS file), and a new council key for the
 * machines that stay when one is left out (a REKEY file). Internal to
 * sync/; sync_passphrase and sync_member_remove (sync.h) use it.
 */
#ifndef GAVEL_SYNC_REKEY_H
#define GAVEL_SYNC_REKEY_H

#include <stdint.h>

#include "sync/session.h"

/* Writes a KEYS file of every key in s->kr, wrapped with the passphrase,
 * as the wrap of the given generation (the newest one in the folder wins),
 * and records it. In the caller's transaction. */
int rekey_write_keys(struct session *s, const char *passphrase, uint32_t generation);

/*
 * A new council key for everything written from now on, sealed to every
 * member machine whose key is not revoked, and a new passphrase wrap of
 * it; DB.keys saved. In the caller's transaction. E_SYNC_KEYRING_FULL
 * when the council has had as many keys as a key file holds.
 */
int rekey(struct store *st, const char *passphrase, struct err *e);

#endif
