/*
 * policy: what a member's file may change, checked before anything of it
 * is applied. A file against the policy is refused whole and named with
 * its writer (import.c), the same on every copy: a rule looks only at the
 * file, its writer and the rows it changes.
 *
 * The rules, per table (docs/security.md lists them beside the threats):
 *
 *   member_key  a machine records only its own key (a new row's
 *               public_key and actor are the writer's); a key never
 *               changes its person, key or actor once recorded; a
 *               removal (revoked) is final: nobody clears it; no key is
 *               deleted.
 *   meeting, attendance, item, paper, decision, vote, dissent
 *               nobody changes the record of a meeting its writer had
 *               seen adjusted (the minutes are locked); a change made
 *               without having seen the adjustment is concurrent with it,
 *               merges like any, and `gavel verify` names it.
 */
#ifndef GAVEL_SYNC_POLICY_H
#define GAVEL_SYNC_POLICY_H

#include "sync/bundle.h"
#include "sync/merge.h"

/* 0 if the batch of file f (b its frame) keeps to the policy, 1 and *why (an
 * E_POLICY_... code with its message) if not, -1 on a database failure. */
int policy_check(struct store *st, const struct bundle *b, const struct merge_file *f, const struct batch *batch,
		 struct err *why, struct err *e);
/* Is the row (of table tbl) of an adjusted meeting's record (*locked, and
 * the meeting's id)? For a change made here, such as a conflict's
 * resolution, which the others would refuse. */
int policy_row_locked(struct store *st, const char *tbl, const char *row, char meeting[ROW_KEY_MAX], bool *locked,
		      struct err *e);

#endif
