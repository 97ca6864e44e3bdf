/*
 * record: a meeting's record (the meeting, its attendance, adjusters,
 * items, papers, conflicts of interest, decisions, votes and dissents):
 * which meeting a row of it belongs to, and whether that meeting is
 * adjusted, its record locked. The policy (policy.c) and the numbering
 * (renumber.c) ask it.
 */
#ifndef GAVEL_SYNC_RECORD_H
#define GAVEL_SYNC_RECORD_H

#include "store/replica.h"
#include "sync/bundle.h"

/* The value of column col of an existing row of table tbl into out (a
 * text of ROW_KEY_MAX); 1 if there is no such row or value. */
int record_column(struct store *st, const char *tbl, const char *row, const char *col, char out[ROW_KEY_MAX],
		  struct err *e);
/* The meeting a change's row belongs to (*meeting, "" if none: a table
 * outside a meeting's record, or a row whose meeting is not here); a row
 * new here is followed up by the change's own columns. */
int record_meeting(struct store *st, const struct change *c, char meeting[ROW_KEY_MAX], struct err *e);
/* The same for the row of table `to` the change's row lies under (an
 * item: "" for a meeting, its attendance or adjusters). */
int record_up(struct store *st, const struct change *c, const char *to, char out[ROW_KEY_MAX], struct err *e);
/* Is the row (of table tbl) of an adjusted meeting's record (*locked, and
 * the meeting's id)? */
int record_locked(struct store *st, const char *tbl, const char *row, char meeting[ROW_KEY_MAX], bool *locked,
		  struct err *e);

/* Has every signer named for a meeting's adjustment of scope (its id of an
 * item, "" the whole meeting) signed, with at least one named? With
 * `counts` given, a signature counts only if counts(ctx, its version). */
typedef bool record_counts(const void *ctx, const struct rver *v);
int record_signed(struct store *st, const char *meeting, const char *scope, record_counts *counts, const void *ctx,
		  bool *done, struct err *e);
/* Is an item's paragraph adjusted at once: signers named for it, and a
 * signature of each recorded? */
int record_at_once(struct store *st, const char *item, bool *done, struct err *e);
/* Does the row keep its number before others in a clash (renumber.c): of
 * an adjusted meeting's record, or of a paragraph adjusted at once? */
int record_fixed(struct store *st, const char *tbl, const char *row, bool *fixed, struct err *e);

#endif
