/*
 * admit: joining by admission (docs/sync-format.md, "Joining").
 *
 * The passphrase opens an invitation (keyring.h, struct invite), not the
 * council: with it a newcomer leaves a REQUEST file in the folder, its
 * claimed name encrypted under the request key of the current epoch, and
 * signed by the key its machine just made. Every member reads it and
 * lists it (`gavel members`). A member with the power (sync/policy.h)
 * admits it: records the newcomer's key for a person (a change like any
 * other, refused by every copy from a member without the power) and
 * writes an ADMIT file that seals every council key to the newcomer's key
 * alone. Only then does the newcomer read anything; its first sync after
 * that takes the keys, reads the council, and holds on to them only if the
 * council it read records its key (checked from the founder's first files
 * on, with the founder's key from the invitation). Internal to sync/.
 */
#ifndef GAVEL_SYNC_ADMIT_H
#define GAVEL_SYNC_ADMIT_H

#include "sync/session.h"

/* The longest name a request may claim, in bytes. */
#define REQUEST_NAME_MAX 200

/* Is name one a request may claim: text of at most REQUEST_NAME_MAX
 * bytes, with no control character and none that turns text around? */
bool admit_name_ok(const char *name);

/* Writes this machine's REQUEST file (number 1) to the folder, with the
 * invitation's request key, and records it. In the caller's transaction. */
int admit_request_write(struct session *s, const struct invite *inv, const char *name);

/* A REQUEST file of another machine, checked (signature and council
 * already): 0 and remembered for `gavel members` (or passed over when its
 * key is a member's already), 1 with *code when it is refused. */
int admit_request_take(struct session *s, const struct bundle *b, enum err_code *code);

/* A note for the summary if the machine of actor still waits to be
 * admitted (said once all the files of a sync are applied: an admission
 * may have come with them). */
int admit_request_note(struct session *s, const char *actor);
/* sync_requests (sync.h) with the current epoch given. */
int sync_requests_of(struct store *st, uint32_t current, struct sync_request_list *out, struct err *e);

/*
 * This machine asked to join and has no council key yet: the keys of an
 * ADMIT file of the folder sealed to it into s->kr (*found), the first
 * `skip` of those that open passed over (tried already). Nothing is kept
 * unless admit_settle finds it admitted afterwards: anyone who can write
 * into the folder can seal keys to a newcomer's key, so each admission
 * that opens is tried in turn.
 */
int admit_keys_find(struct session *s, size_t skip, bool *found);
/* After a sync with the keys of an admission: is this machine's key
 * recorded for a person (*admitted)? Then the machine becomes theirs. */
int admit_settle(struct session *s, bool *admitted);

#endif
