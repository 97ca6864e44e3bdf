/*
 * rows: rows that are the same thing (merge_ctx.h; the essay in merge.c).
 *
 * Two machines may add "the same" row with different ids. A unique
 * constraint of the schema then refuses the second; the two rows merge
 * into the one with the smaller id (every machine picks the same), their
 * fields merge as concurrent versions, references to the other id are
 * moved over (recursively: the two meetings' attendances merge too), and
 * the other id is remembered as an alias for changes still to come. A
 * clash on a numbered column is not the same thing: the number gives way
 * (renumber.c).
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sync/merge.h"
#include "sync/merge_ctx.h"
#include "sync/renumber.h"

/* Rows merged one inside another (a meeting's attendances inside the
 * meeting's merge) at most. */
#define MERGE_DEPTH_MAX 32

/* A child row (k-th of its table) that refers to a merged row clashes on
 * its unique columns once it refers to the row it merged into: it merges
 * with its twin, or its number gives way. */
static int child_clash(struct mctx *m, const struct rtable *ct, int c, const char *child, size_t k,
		       struct rval *vals, char **unique)
{
	const struct renumbered *r = renumber_rule(ct->name, *unique);
	if (r) {
		int pc = replica_col(ct, r->col);
		long long claim = vals[pc].i;
		rval_release(&vals[pc]);
		vals[pc].type = RV_INT;
		vals[pc].i = RENUMBER_ASIDE_CHILD - (long long)(k + 1);
		free(*unique);
		*unique = NULL;
		int rc = replica_row_update(m->st, ct, child, (1ULL << c) | renumber_bit(ct, r), vals, unique, m->e);
		if (rc == 2)
			rc = error(m->e, E_SYNC_CLASH_TWICE, ct->name, *unique);
		if (!rc)
			rc = replica_claim_set(m->st, ct->name, child, r->col, claim, m->e);
		if (!rc)
			rc = renumber_group(m->st, ct, r, child, &m->ms->renumbered, m->e);
		return rc;
	}
	char other[ROW_KEY_MAX];
	int rc = replica_row_find(m->st, ct, *unique, vals, other, m->e);
	if (rc == 1)
		return error(m->e, E_SYNC_CLASH_NO_ROW, ct->name);
	if (rc)
		return -1;
	m->ms->merged++;
	if (strcmp(other, child) < 0)
		return merge_rows(m, ct, other, child);
	/* this row has the smaller id: the other comes to it */
	rc = merge_rows(m, ct, child, other);
	if (!rc)
		rc = replica_row_update(m->st, ct, child, 1ULL << c, vals, NULL, m->e);
	return rc;
}

/* Moves the child row's reference (column c of ct) over to `to`. */
static int repoint_child(struct mctx *m, const struct rtable *ct, int c, const char *child, size_t k,
			 const char *to)
{
	struct rval *vals = xcalloc((size_t)ct->ncols, sizeof *vals);
	char *unique = NULL;
	int rc = replica_row_get(m->st, ct, child, vals, m->e);
	if (rc == 1)
		rc = 0; /* gone meanwhile: nothing to move */
	else if (rc == 0) {
		rval_release(&vals[c]);
		vals[c].type = RV_TEXT;
		vals[c].s = xstrdup(to);
		rc = replica_row_update(m->st, ct, child, 1ULL << c, vals, &unique, m->e);
	}
	if (rc == 2)
		rc = child_clash(m, ct, c, child, k, vals, &unique);
	free(unique);
	for (int x = 0; x < ct->ncols; x++)
		rval_release(&vals[x]);
	free(vals);
	return rc ? -1 : 0;
}

/* Moves the references to row `from` of table t over to `to`. */
static int repoint_children(struct mctx *m, const struct rtable *t, const char *from, const char *to)
{
	const struct rtable *tables;
	size_t nt;
	if (replica_tables(m->st, &tables, &nt, m->e))
		return -1;
	for (size_t i = 0; i < nt; i++) {
		const struct rtable *ct = &tables[i];
		for (int c = 0; c < ct->ncols; c++) {
			if (!ct->parent[c] || strcmp(ct->parent[c], t->name))
				continue;
			struct strvec rows = { 0 };
			int rc = replica_children(m->st, ct, ct->cols[c], from, &rows, m->e);
			for (size_t k = 0; k < rows.n && !rc; k++)
				rc = repoint_child(m, ct, c, rows.v[k], k, to);
			strvec_release(&rows);
			if (rc)
				return -1;
		}
	}
	return 0;
}

/* Every version of the gone row's field c, merged into the kept row's
 * (concurrent with all of them); mask and vals get the field's new value. */
static int merge_field_of(struct mctx *m, const struct rtable *t, const char *keep, const char *gone, int c,
			  unsigned long long *mask, struct rval *vals)
{
	struct rver gv, *gh = NULL;
	size_t ngh = 0;
	int rc = replica_ver_get(m->st, t->name, gone, t->cols[c], &gv, m->e);
	if (rc)
		return rc < 0 ? -1 : 0;
	if (replica_heads(m->st, t->name, gone, t->cols[c], &gh, &ngh, m->e))
		return -1;
	const struct merge_file *saved = m->f;
	m->f = &merge_file_none;
	for (size_t i = 0; i <= ngh && !rc; i++) {
		const struct rver *v = i == 0 ? &gv : &gh[i - 1];
		struct rval val = { 0 }, out = { 0 };
		bool changed;
		if (merge_hist_value(m, t->name, keep, t->cols[c], v, &val) < 0) {
			rc = -1;
			break;
		}
		rc = merge_field(m, t->name, keep, t->cols[c], v, &val, &changed, &out);
		if (!rc && changed) {
			rval_release(&vals[c]);
			vals[c] = out;
			*mask |= 1ULL << c;
		} else {
			rval_release(&out);
		}
		rval_release(&val);
	}
	m->f = saved;
	free(gh);
	return rc;
}

int merge_rows(struct mctx *m, const struct rtable *t, const char *keep, const char *gone)
{
	if (m->depth > MERGE_DEPTH_MAX)
		return error(m->e, E_SYNC_MERGE_DEEP, t->name);
	m->depth++;
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	unsigned long long mask = 0;
	int rc = replica_hist_copy(m->st, t->name, gone, keep, m->e);
	if (!rc)
		rc = replica_row_get(m->st, t, keep, vals, m->e);
	for (int c = 0; c < t->ncols && !rc; c++)
		rc = merge_field_of(m, t, keep, gone, c, &mask, vals);
	if (!rc)
		rc = repoint_children(m, t, gone, keep);
	if (!rc)
		rc = replica_row_delete(m->st, t, gone, m->e);
	if (!rc)
		rc = replica_forget(m->st, t->name, gone, m->e);
	if (!rc)
		rc = replica_alias_set(m->st, t->name, gone, keep, m->e);
	m->aliases = true;
	const struct renumbered *r = renumber_rule(t->name, NULL);
	if (!rc && mask) {
		char *unique = NULL;
		if (r && (mask & renumber_bit(t, r)))
			rc = replica_claim_del(m->st, t->name, keep, r->col, m->e);
		if (!rc)
			rc = replica_row_update(m->st, t, keep, mask, vals, &unique, m->e);
		if (rc == 2)
			rc = merge_clash(m, t, keep, false, mask, vals, unique, NULL);
		free(unique);
	}
	if (!rc && r)
		rc = renumber_group(m->st, t, r, keep, &m->ms->renumbered, m->e);
	for (int c = 0; c < t->ncols; c++)
		rval_release(&vals[c]);
	free(vals);
	m->depth--;
	return rc;
}

/* A clash on a numbered column: the row takes a number out of the way,
 * claims the one it was given, and its group is numbered again. */
static int give_way(struct mctx *m, const struct rtable *t, const struct renumbered *r, const char *row,
		    bool insert, unsigned long long mask, struct rval *vals, const struct change *c)
{
	int pc = replica_col(t, r->col);
	long long claim = vals[pc].type == RV_INT ? vals[pc].i : 0;
	rval_release(&vals[pc]);
	vals[pc].type = RV_INT;
	vals[pc].i = RENUMBER_ASIDE - (long long)randombytes_uniform(RENUMBER_ASIDE_SPAN);
	char *again = NULL;
	int rc = insert ? replica_row_insert(m->st, t, row, vals, &again, m->e)
			: replica_row_update(m->st, t, row, mask | renumber_bit(t, r), vals, &again, m->e);
	if (rc == 2) {
		/* it clashes on another unique key too: settle that first */
		rc = merge_clash(m, t, row, insert, mask | renumber_bit(t, r), vals, again, c);
	}
	free(again);
	if (rc)
		return rc;
	if (replica_claim_set(m->st, t->name, row, r->col, claim, m->e))
		return -1;
	return renumber_group(m->st, t, r, row, &m->ms->renumbered, m->e);
}

int merge_clash(struct mctx *m, const struct rtable *t, const char *row, bool insert, unsigned long long mask,
		struct rval *vals, const char *unique, const struct change *c)
{
	const struct renumbered *r = renumber_rule(t->name, unique);
	if (r)
		return give_way(m, t, r, row, insert, mask, vals, c);
	char other[ROW_KEY_MAX];
	int rc = replica_row_find(m->st, t, unique, vals, other, m->e);
	if (rc)
		return rc < 0 ? -1 : error(m->e, E_SYNC_CLASH_NO_ROW, t->name);
	m->ms->merged++;
	/* the incoming write is redone on the row it merges with */
	if (insert && replica_hist_forget(m->st, t->name, row, c->hlc, m->f->writer, m->e))
		return -1;
	if (strcmp(other, row) < 0) {
		/* the row here keeps its id; the incoming one becomes an alias */
		m->aliases = true;
		if (replica_alias_set(m->st, t->name, row, other, m->e) ||
		    replica_hist_copy(m->st, t->name, row, other, m->e))
			return -1;
		if (!insert) {
			/* an existing row changed into a clash: it merges away */
			return merge_rows(m, t, other, row);
		}
		/* its fields were recorded under `row`; merge them into `other` */
		if (replica_forget(m->st, t->name, row, m->e))
			return -1;
		return merge_apply_row(m, t, other, c);
	}
	/* the incoming row has the smaller id: the row here moves to it */
	if (!insert)
		return merge_rows(m, t, row, other);
	m->aliases = true;
	if (replica_forget(m->st, t->name, row, m->e) || replica_row_rename(m->st, t, other, row, m->e) ||
	    repoint_children(m, t, other, row) || replica_alias_set(m->st, t->name, other, row, m->e))
		return -1;
	return merge_apply_row(m, t, row, c);
}
