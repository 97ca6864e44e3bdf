/*
 * merge: from other members' batches to this copy's content. See the
 * essay at the top of merge.c; rows.c holds the rows found to be the same
 * thing, renumber.c the numbers that clash, export.c the other way (this
 * copy's changes to a batch).
 */
#ifndef GAVEL_SYNC_MERGE_H
#define GAVEL_SYNC_MERGE_H

#include "sync/bundle.h"

/* The column under which a row's tombstone (its delete) has its versions,
 * heads and history, beside the row's fields. */
#define MERGE_DEL_COL "-"

/* created, updated and author: bookkeeping, merged like every field (with
 * concurrent versions kept as heads, so that copies agree whatever the
 * order of arrival) but never shown as a conflict. */
bool merge_is_meta(const char *col);

struct merge_stats {
	long changes;   /* row changes applied */
	long fields;    /* field values that became current */
	long conflicts; /* new open conflicts */
	long merged;    /* rows found to be the same as one already here */
	long renumbered;/* rows that gave way in a clash of numbers */
	long revived;   /* deleted rows brought back by a concurrent edit */
	long skipped;   /* changes to tables or columns this build does not know */
};

/* The file a batch came in: its writer, number and what the writer had
 * applied of each writer's files (its causal past). */
struct merge_file {
	const char *writer;
	long long seq;
	const struct frontier_item *front;
	size_t nfront;
};

/* Applies one batch; in the caller's transaction, capture off. Counts
 * what it did into *ms. */
int merge_apply(struct store *st, const struct merge_file *f, const struct batch *b,
		struct merge_stats *ms, struct err *e);

/* After the batches of a sync: references to deleted rows bring them back
 * (or, with nothing to bring back, the referring row goes); § counters
 * follow the merged decisions. */
int merge_finish(struct store *st, struct merge_stats *ms, struct err *e);

/* A value of a reference column as it stands now: an id merged into
 * another row becomes that row's id. */
int merge_translate(struct store *st, const char *tbl, const char *col, struct rval *v,
		    struct err *e);

#endif
