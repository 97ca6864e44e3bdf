/*
 * wraps: the passphrase wraps of the folder (KEYS files), each holding an
 * invitation (keyring.h, struct invite) under a key made from a
 * passphrase, one generation for each passphrase the council has had.
 *
 * Only the newest generation lets anyone ask to join: a passphrase that
 * opens only an older wrap was changed (after a member left, say) and
 * gives nothing.
 */
#ifndef GAVEL_SYNC_WRAPS_H
#define GAVEL_SYNC_WRAPS_H

#include "sync/keyring.h"

/* The invitation of the newest wrap of the folder at dir, opened with the
 * passphrase into *inv. E_SYNC_FOLDER_EMPTY if there is none,
 * E_SYNC_PASSPHRASE_OLD if the passphrase opens only an older one,
 * E_SYNC_WRAP_OLD if it is a wrap of before admission, E_SYNC_PASSPHRASE
 * if none. *newest (if not NULL) gets the newest
 * generation found, 0 if none. */
int wraps_open(const char *dir, const char *passphrase, struct invite *inv, uint32_t *newest, struct err *e);

#endif
