/*
 * policy: what a member's file may change, checked before anything of it
 * is applied. A file against the policy is refused whole and named with
 * its writer (import.c), the same on every copy: a rule looks only at the
 * file, its writer and the rows it changes.
 *
 * The rules. Who may write each table is one list, store_tables in
 * store/content.c (enum table_right), which the guard triggers apply to
 * local writes too (store/replica/guard.c); docs/security.md has it as a
 * table beside the threats. "The power" is policy_power's. Besides:
 *
 *   member_key  a key of another machine is recorded (admitted) only by
 *               a member with the power (policy_power); a machine records
 *               its own key only as the founder (the council's first
 *               files) or vouched for by its person's key still in the
 *               council (a copied database); a key never changes its
 *               person, key, actor or vouch once recorded; only a member
 *               with the power removes one (revoked), and a removal is
 *               final: nobody clears it; no key is deleted.
 *   every other table
 *               a change that sets a column to the value it has, or only
 *               the bookkeeping (updated, author), changes nothing and
 *               is allowed; a row deleted here is judged by its last
 *               values; only the machine that made a row (its first
 *               version's writer) deletes it.
 *   a meeting's record (sync/record.h)
 *               nobody changes the record of a meeting its writer had
 *               seen adjusted (the minutes are locked); a change made
 *               without having seen the adjustment is concurrent with it,
 *               merges like any, and `gavel verify` names it.
 */
#ifndef GAVEL_SYNC_POLICY_H
#define GAVEL_SYNC_POLICY_H

#include "sync/bundle.h"
#include "sync/merge.h"

/* The founder's key: the one that shared the council (setting
 * SETTING_FOUNDER; for a council shared before it, the key of the
 * machine that wrote the council's own row). 1 if none is known. */
int policy_founder(struct store *st, unsigned char pk[IDENTITY_PK_LEN], struct err *e);
/* Has the machine of key pk (writing as actor) the power over the
 * council's members: a key of the council not removed, whose person is
 * the founder's or holds a role rules_role_has_power names? The founder's
 * key has it before its first file is applied. */
int policy_power(struct store *st, const unsigned char pk[IDENTITY_PK_LEN], const char *actor, bool *power,
		 struct err *e);

/* 0 if the batch of file f (b its frame) keeps to the policy, 1 and *why (an
 * E_POLICY_... code with its message) if not, -1 on a database failure. */
int policy_check(struct store *st, const struct bundle *b, const struct merge_file *f, const struct batch *batch,
		 struct err *why, struct err *e);

#endif
