/*
 * wraps: the passphrase wraps of the folder (KEYS files), each holding an
 * invitation (keyring.h, struct invite) under a key made from a
 * passphrase, one generation for each passphrase the council has had.
 *
 * A passphrase that opens only an older wrap was changed (after a member
 * left, say): a request made with it is refused by every member.
 */
#ifndef GAVEL_SYNC_WRAPS_H
#define GAVEL_SYNC_WRAPS_H

#include "sync/keyring.h"

/*
 * The invitation of the newest wrap of the folder at dir that opens with
 * the passphrase (and, with council_fp, whose founder's key has that
 * fingerprint: eight digits of it at least), into *inv; *older (if not
 * NULL) tells that a newer wrap is there that it does not open (the
 * passphrase may have been changed). E_SYNC_FOLDER_EMPTY if there is no
 * wrap, E_SYNC_NOT_THIS_COUNCIL if the passphrase opens only others'
 * invitations, E_SYNC_WRAP_OLD if only one of before admission,
 * E_SYNC_PASSPHRASE if none.
 *
 * A wrap's generation is not proof of anything (whoever can write into
 * the folder can plant a file that claims any), so none that does not open
 * keeps anyone out; a request made with a passphrase of before a key
 * change is refused by the members (its epoch is old).
 */
int wraps_open(const char *dir, const char *passphrase, const char *council_fp, struct invite *inv, bool *older,
	       struct err *e);
/* The newest generation among the wraps a member's recorded key wrote
 * (0 if none). */
int wraps_newest(const char *dir, struct store *st, uint32_t *newest, struct err *e);

#endif
