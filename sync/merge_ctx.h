/*
 * merge_ctx: a merge in progress, and the steps that merge.c and rows.c
 * call one another for (a row that clashes with another is merged into it,
 * which applies the incoming change again). Internal to the merge.
 */
#ifndef GAVEL_SYNC_MERGE_CTX_H
#define GAVEL_SYNC_MERGE_CTX_H

#include <stdbool.h>

#include "sync/bundle.h"

struct merge_file;  /* sync/merge.h */
struct merge_stats; /* sync/merge.h */

struct mctx {
	struct store *st;
	const struct merge_file *f; /* the file being applied */
	struct merge_stats *ms;
	struct err *e;
	int depth;     /* rows being merged, one inside another */
	bool aliases;  /* rows may have been merged away (else no alias is looked up) */
	bool no_heads; /* the row being applied has no other heads (none are looked up) */
};

/* No file: every version here is concurrent with what is merged (rows
 * merged into one, rows brought back). */
extern const struct merge_file merge_file_none;

/* ---- merge.c ---- */

/* Was version v in the past of the file being applied (its writer saw it)? */
bool merge_in_past(const struct merge_file *f, const struct rver *v);
/* A value from the history, as it stands now; 1 if the history lacks it. */
int merge_hist_value(struct mctx *m, const char *tbl, const char *row, const char *col,
		     const struct rver *v, struct rval *out);
/*
 * Merges version v (value val) into a field. *changed tells whether the
 * field's current version changed; *out gets its current value then.
 */
int merge_field(struct mctx *m, const char *tbl, const char *row, const char *col, const struct rver *v,
		const struct rval *val, bool *changed, struct rval *out);
/* Applies an upsert to a row (which may be new here). */
int merge_apply_row(struct mctx *m, const struct rtable *t, const char *row, const struct change *c);

/* ---- rows.c ---- */

/* Two rows here are the same thing: `gone` merges into `keep` and goes. */
int merge_rows(struct mctx *m, const struct rtable *t, const char *keep, const char *gone);
/*
 * Writes a row (insert, or an update of the columns in mask) that a unique
 * constraint on `unique` refused: a number gives way (renumber.c), or the
 * rows are the same thing and merge. c is the change being applied (NULL
 * when rows merge).
 */
int merge_clash(struct mctx *m, const struct rtable *t, const char *row, bool insert, unsigned long long mask,
		struct rval *vals, const char *unique, const struct change *c);

#endif
