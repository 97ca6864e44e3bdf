/*
 * merge: how the members' copies of the council come to hold the same.
 *
 * Changes are captured per row and column by triggers (store/replica.c;
 * that file says why triggers rather than SQLite's session extension) and
 * travel in batches, one file per sync per machine. Each field of each row
 * merges on its own, so a change to a decision's text on one machine and
 * to its vote on another both survive.
 *
 * Versions. Every value a field takes has a version: the writer's hybrid
 * logical clock reading when the change was made, the writer's actor id,
 * and the number of the file that carried it. The clock is 48 bits of
 * milliseconds and 16 of counter; a machine's clock never goes back and
 * moves past every clock it has seen, except that a clock more than an
 * hour ahead of this machine's is taken in only up to that hour (clamped),
 * so one laptop set to next year cannot drag everyone's clocks with it.
 *
 * Causality, not clocks, decides what replaces what. Each batch says which
 * files of each writer its writer had applied (its frontier), and a batch
 * is applied only once everything in its frontier has been (causal
 * delivery; until then it waits, and a later sync takes it). So when a
 * change arrives, every version of the field already here is either in the
 * change's past -- its writer saw it, and the change replaces it, whatever
 * the clocks say -- or concurrent with it: two machines changed the field
 * without seeing each other's change. The concurrent versions that are not
 * replaced stay as the field's "heads". The current value is the head with
 * the highest (clock, writer), which every machine computes the same, and
 * the other heads with another value are open conflicts, listed by `gavel
 * conflicts` until a person resolves them (or edits the field, having seen
 * both). A wrong clock thus only decides which of two concurrent values is
 * shown first; it never hides the other. Every value ever written is kept
 * in the history (sync_hist) with its version, for "who wrote what, when".
 *
 * created, updated and author are bookkeeping: they merge like any field,
 * their concurrent versions kept as heads (dropping them would let the
 * order of arrival decide, with a clock that was ahead), but they are
 * never shown as conflicts and never keep a deleted row.
 *
 * Rows that are the same thing. Two machines may add "the same" row with
 * different ids: the same person, meeting, attendance, vote. A unique
 * constraint of the schema then refuses the second; the two rows merge
 * into the one with the smaller id (every machine picks the same), their
 * fields merge as concurrent versions, references to the other id are
 * moved over (recursively: the two meetings' attendances merge too), and
 * the other id is remembered as an alias for changes still to come
 * (rows.c).
 *
 * Numbers that clash. Agenda item numbers and § numbers are not "the same
 * thing" when they clash: two secretaries who each record § 12 offline
 * made two decisions. The rule, the same on every machine: of the rows
 * that claim one number, one of an adjusted meeting's record, else the
 * one made first (clock, then id), keeps it; the others give way, in the
 * order of the numbers they claimed, each to the first number above its
 * claim that no keeper claims. Their claim is remembered, so the numbering
 * is a function of the set of rows and converges whatever the order of
 * arrival (renumber.c); a number given later, on the copy that gave way
 * too, moves nothing that has settled. A group is settled again whenever
 * a number in it moves (when a row comes in, when this machine sends a
 * number it gave: export.c) and when a meeting is adjusted. Every move is
 * told by the sync. docs/sync-format.md says more.
 *
 * Deletions travel as tombstones. A tombstone deletes a row only if its
 * writer had seen every current value of the row; an edit concurrent with
 * the delete brings the row back (or keeps it) and the delete stays as an
 * open conflict. A row that another row still refers to comes back too.
 * The absence of files means nothing: only tombstones delete.
 */
#include "sync/merge.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/merge_ctx.h"
#include "sync/renumber.h"

/* A clock this far ahead of this machine's is taken in only up to here. */
#define DRIFT_MS (3600LL * 1000)
/* Aliases followed at most from a row merged away to the row it lives on as. */
#define ALIAS_HOPS_MAX 16
/* Rounds of bringing back deleted rows that other rows refer to. */
#define REVIVE_ROUNDS 8

const struct merge_file merge_file_none = { "", 0, NULL, 0 };

bool merge_is_meta(const char *col)
{
	return !strcmp(col, "created") || !strcmp(col, "updated") || !strcmp(col, "author");
}

bool merge_in_past(const struct merge_file *f, const struct rver *v)
{
	if (!strcmp(v->writer, f->writer))
		return v->seq <= f->seq;
	for (size_t i = 0; i < f->nfront; i++)
		if (!strcmp(f->front[i].writer, v->writer))
			return v->seq <= f->front[i].seq;
	return false;
}

/* Follows the aliases of a row of tbl to the row it lives on as now. */
static int follow_alias(struct store *st, const char *tbl, char row[ROW_KEY_MAX], struct err *e)
{
	for (int hops = 0; hops < ALIAS_HOPS_MAX; hops++) {
		char to[ROW_KEY_MAX];
		int rc = replica_alias_get(st, tbl, row, to, e);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return 0;
		snprintf(row, ROW_KEY_MAX, "%s", to);
	}
	return 0;
}

static int resolve_alias(struct mctx *m, const char *tbl, char row[ROW_KEY_MAX])
{
	return m->aliases ? follow_alias(m->st, tbl, row, m->e) : 0;
}

int merge_translate(struct store *st, const char *tbl, const char *col, struct rval *v,
		    struct err *e)
{
	const struct rtable *t = replica_table(st, tbl);
	int ci = t ? replica_col(t, col) : -1;
	if (ci < 0 || !t->parent[ci] || v->type != RV_TEXT || strlen(v->s) >= ROW_KEY_MAX)
		return 0;
	char row[ROW_KEY_MAX];
	snprintf(row, sizeof row, "%s", v->s);
	if (follow_alias(st, t->parent[ci], row, e))
		return -1;
	if (strcmp(row, v->s)) {
		free(v->s);
		v->s = xstrdup(row);
	}
	return 0;
}

/* A reference in a change, to a row merged away, points at the row it
 * became (val of column ci of t). */
static int translate_ref(struct mctx *m, const struct rtable *t, int ci, struct rval *val)
{
	if (!t->parent[ci] || val->type != RV_TEXT || strlen(val->s) >= ROW_KEY_MAX)
		return 0;
	char to[ROW_KEY_MAX];
	snprintf(to, sizeof to, "%s", val->s);
	if (resolve_alias(m, t->parent[ci], to))
		return -1;
	if (strcmp(to, val->s)) {
		free(val->s);
		val->s = xstrdup(to);
	}
	return 0;
}

int merge_hist_value(struct mctx *m, const char *tbl, const char *row, const char *col,
		     const struct rver *v, struct rval *out)
{
	int rc = replica_hist_get(m->st, tbl, row, col, v->hlc, v->writer, out, m->e);
	if (rc == 0)
		rc = merge_translate(m->st, tbl, col, out, m->e);
	return rc;
}

/* Does version x of a field lock a record (*rank 1): a meeting's status
 * "adjusted", which wins over any concurrent status, so that a meeting
 * closed offline while another machine adjusted it stays adjusted on
 * every copy. v and val: the version coming in and its value. */
static int locks(struct mctx *m, const char *tbl, const char *row, const char *col, const struct rver *x,
		 const struct rver *v, const struct rval *val, int *rank)
{
	*rank = 0;
	if (strcmp(tbl, "meeting") || strcmp(col, "status"))
		return 0;
	if (rver_cmp(x, v) == 0) {
		*rank = val->type == RV_TEXT && !strcmp(val->s, "adjusted");
		return 0;
	}
	struct rval hv = { 0 };
	int h = merge_hist_value(m, tbl, row, col, x, &hv);
	*rank = h == 0 && hv.type == RV_TEXT && !strcmp(hv.s, "adjusted");
	rval_release(&hv);
	return h < 0 ? -1 : 0;
}

/* A field's versions: the current one, and the heads that stay beside it
 * (merge_ctx.h). *out gets the current value when it changed, to v's or
 * to another version's (a merge of two rows). */
int merge_field(struct mctx *m, const char *tbl, const char *row, const char *col, const struct rver *v,
		const struct rval *val, bool *changed, struct rval *out)
{
	struct rver cur, *heads = NULL;
	size_t nheads = 0;
	*changed = false;
	int rc = replica_ver_get(m->st, tbl, row, col, &cur, m->e);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		*changed = true;
		rval_copy(out, val);
		m->ms->fields++;
		return replica_ver_set(m->st, tbl, row, col, v, m->e);
	}
	if (rver_cmp(&cur, v) == 0)
		return 0;
	if (!m->no_heads && replica_heads(m->st, tbl, row, col, &heads, &nheads, m->e))
		return -1;
	/* the heads that stay: those v's writer had not seen, and v */
	struct rver *keep = xcalloc(nheads + 2, sizeof *keep);
	size_t nk = 0;
	if (!merge_in_past(m->f, &cur))
		keep[nk++] = cur;
	for (size_t i = 0; i < nheads; i++)
		if (!merge_in_past(m->f, &heads[i]) && rver_cmp(&heads[i], v))
			keep[nk++] = heads[i];
	keep[nk++] = *v;
	assert(nk <= nheads + 2); /* cur, the heads and v at most */
	size_t w = 0;
	int wrank = 0;
	rc = locks(m, tbl, row, col, &keep[0], v, val, &wrank);
	for (size_t i = 1; i < nk && !rc; i++) {
		int rank;
		rc = locks(m, tbl, row, col, &keep[i], v, val, &rank);
		if (!rc && (rank > wrank || (rank == wrank && rver_cmp(&keep[i], &keep[w]) > 0))) {
			w = i;
			wrank = rank;
		}
	}
	if (rc) {
		free(keep);
		free(heads);
		return -1;
	}
	struct rver win = keep[w];
	keep[w] = keep[--nk];
	rc = 0;
	if (rver_cmp(&win, &cur)) {
		*changed = true;
		if (rver_cmp(&win, v) == 0) {
			rval_copy(out, val);
			m->ms->fields++;
		} else {
			int h = merge_hist_value(m, tbl, row, col, &win, out);
			if (h)
				rc = h < 0 ? -1 : error(m->e, E_SYNC_NO_VERSION, tbl, row, col);
		}
		if (!rc)
			rc = replica_ver_set(m->st, tbl, row, col, &win, m->e);
	}
	/* count the conflicts this change opened: heads of another value */
	if (!rc && nk && nk > nheads && !merge_is_meta(col)) {
		struct rval wv = { 0 }, hv = { 0 };
		if (rver_cmp(&win, v) == 0)
			rval_copy(&wv, val);
		else if (merge_hist_value(m, tbl, row, col, &win, &wv) < 0)
			rc = -1;
		for (size_t i = 0; i < nk && !rc; i++) {
			/* a head whose value the history lacks counts as none */
			int h = rver_cmp(&keep[i], v) == 0 ? (rval_copy(&hv, val), 0)
							    : merge_hist_value(m, tbl, row, col, &keep[i], &hv);
			if (h < 0)
				rc = -1;
			else if (h == 0 && !rval_equal(&wv, &hv))
				m->ms->conflicts++;
			rval_release(&hv);
		}
		rval_release(&wv);
	}
	if (!rc && (nheads || nk))
		rc = replica_heads_set(m->st, tbl, row, col, keep, nk, m->e);
	free(keep);
	free(heads);
	return rc;
}

/* The value of a field's current version, from its history (NULL if none). */
static int current_value(struct mctx *m, const char *tbl, const char *row, const char *col,
			 struct rval *out)
{
	struct rver v;
	memset(out, 0, sizeof *out);
	int rc = replica_ver_get(m->st, tbl, row, col, &v, m->e);
	if (rc)
		return rc < 0 ? -1 : 0;
	rc = merge_hist_value(m, tbl, row, col, &v, out);
	return rc < 0 ? -1 : 0;
}

/* The delete conflict heads ("-") that this file's writer had seen go. */
static int settle_delete(struct mctx *m, const struct rtable *t, const char *row)
{
	struct rver *h = NULL;
	size_t n = 0, k = 0;
	if (m->no_heads)
		return 0;
	if (replica_heads(m->st, t->name, row, MERGE_DEL_COL, &h, &n, m->e))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!merge_in_past(m->f, &h[i]))
			h[k++] = h[i];
	int rc = k == n ? 0 : replica_heads_set(m->st, t->name, row, MERGE_DEL_COL, h, k, m->e);
	free(h);
	return rc;
}

/*
 * A row new here, with no version of any field: every field of the change
 * becomes current. The same as apply_row's way field by field, in two
 * statements for all fields, since there is nothing to merge with; most
 * changes of a sync are such rows.
 */
static int apply_new(struct mctx *m, const struct rtable *t, const char *row, const struct change *c)
{
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals), *given = xcalloc((size_t)t->ncols + 1, sizeof *given);
	char **cols = xcalloc((size_t)t->ncols + 1, sizeof *cols);
	unsigned long long mask = 0;
	struct rver v = { c->hlc, "", m->f->seq };
	int n = 0, rc = 0;
	snprintf(v.writer, sizeof v.writer, "%s", m->f->writer);
	for (int k = 0; k < c->ncols && !rc; k++) {
		int ci = replica_col(t, c->cols[k]);
		if (ci < 0) {
			m->ms->skipped++;
			continue;
		}
		if (mask & (1ULL << ci))
			continue; /* named twice: the first stands, as in the history */
		rval_copy(&vals[ci], &c->vals[k]);
		rc = translate_ref(m, t, ci, &vals[ci]);
		mask |= 1ULL << ci;
		cols[n] = t->cols[ci];
		given[n++] = vals[ci]; /* a view: vals owns the text */
	}
	if (!rc)
		rc = replica_fields_add(m->st, t->name, row, &v, cols, given, n, m->e);
	if (!rc) {
		char *unique = NULL;
		m->ms->fields += n;
		rc = replica_row_insert(m->st, t, row, vals, &unique, m->e);
		if (rc == 2)
			rc = merge_clash(m, t, row, true, 0, vals, unique, c);
		free(unique);
	}
	if (!rc)
		rc = renumber_settle(m->st, t, renumber_rule(t->name, NULL), mask, row, &m->ms->renumbered, m->e);
	if (!rc && !strcmp(t->name, "signature"))
		rc = renumber_signed(m->st, row, &m->ms->renumbered, m->e);
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	free(vals);
	free(given);
	free(cols);
	return rc;
}

int merge_apply_row(struct mctx *m, const struct rtable *t, const char *row, const struct change *c)
{
	const struct renumbered *r = renumber_rule(t->name, NULL);
	bool exists = replica_row_exists(m->st, t, row);
	if (!exists && !replica_has_versions(m->st, t->name, row))
		return apply_new(m, t, row, c);
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	unsigned long long mask = 0;
	struct rver v = { c->hlc, "", m->f->seq };
	snprintf(v.writer, sizeof v.writer, "%s", m->f->writer);
	int rc = 0;
	if (exists)
		rc = replica_row_get(m->st, t, row, vals, m->e);
	/* most rows have no concurrent versions: one look for all fields */
	m->no_heads = !replica_has_heads(m->st, t->name, row);
	for (int k = 0; k < c->ncols && !rc; k++) {
		int ci = replica_col(t, c->cols[k]);
		if (ci < 0) {
			m->ms->skipped++;
			continue;
		}
		struct rval val;
		rval_copy(&val, &c->vals[k]);
		rc = translate_ref(m, t, ci, &val);
		int dup = rc ? -1 : replica_hist_add(m->st, t->name, row, t->cols[ci], &v, &val, m->e);
		if (dup < 0) {
			rval_release(&val);
			rc = -1;
			break;
		}
		struct rval out = { 0 };
		bool changed = false;
		if (!dup)
			rc = merge_field(m, t->name, row, t->cols[ci], &v, &val, &changed, &out);
		if (!rc && changed) {
			rval_release(&vals[ci]);
			vals[ci] = out;
			mask |= 1ULL << ci;
		} else {
			rval_release(&out);
		}
		rval_release(&val);
	}
	if (!rc)
		rc = settle_delete(m, t, row);
	m->no_heads = false;
	if (!rc && !exists) {
		/* a new row, or one deleted here that a concurrent edit brings back */
		struct rver tomb;
		int deleted = replica_ver_get(m->st, t->name, row, MERGE_DEL_COL, &tomb, m->e);
		if (deleted < 0)
			rc = -1;
		for (int ci = 0; ci < t->ncols && !rc; ci++)
			if (!(mask & (1ULL << ci)))
				rc = current_value(m, t->name, row, t->cols[ci], &vals[ci]);
		if (!rc && deleted == 0 && tomb.hlc > 0) {
			struct rver alive = { 0, "", 0 };
			m->ms->revived++;
			m->ms->conflicts++;
			rc = replica_heads_set(m->st, t->name, row, MERGE_DEL_COL, &tomb, 1, m->e);
			if (!rc)
				rc = replica_ver_set(m->st, t->name, row, MERGE_DEL_COL, &alive, m->e);
		}
		char *unique = NULL;
		if (!rc) {
			rc = replica_row_insert(m->st, t, row, vals, &unique, m->e);
			if (rc == 2)
				rc = merge_clash(m, t, row, true, 0, vals, unique, c);
		}
		free(unique);
	} else if (!rc && mask) {
		char *unique = NULL;
		/* a new number for the row is its new claim */
		if (r && (mask & renumber_bit(t, r)))
			rc = replica_claim_del(m->st, t->name, row, r->col, m->e);
		if (!rc)
			rc = replica_row_update(m->st, t, row, mask, vals, &unique, m->e);
		if (rc == 2)
			rc = merge_clash(m, t, row, false, mask, vals, unique, c);
		free(unique);
	}
	if (!rc)
		rc = renumber_settle(m->st, t, r, mask, row, &m->ms->renumbered, m->e);
	/* an adjusted meeting's numbers come first in a clash, and so do a
	 * paragraph's once its signatures adjust it at once */
	int status = replica_col(t, "status");
	if (!rc && !strcmp(t->name, "meeting") && status >= 0 && (mask & (1ULL << status)))
		rc = renumber_meeting(m->st, row, &m->ms->renumbered, m->e);
	if (!rc && !strcmp(t->name, "signature"))
		rc = renumber_signed(m->st, row, &m->ms->renumbered, m->e);
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	free(vals);
	return rc;
}

static int apply_delete(struct mctx *m, const struct rtable *t, const char *row, const struct change *c)
{
	struct rver v = { c->hlc, "", m->f->seq };
	snprintf(v.writer, sizeof v.writer, "%s", m->f->writer);
	struct rval one = { .type = RV_INT, .i = 1 };
	int dup = replica_hist_add(m->st, t->name, row, MERGE_DEL_COL, &v, &one, m->e);
	if (dup)
		return dup < 0 ? -1 : 0;
	if (!replica_row_exists(m->st, t, row))
		return replica_ver_set(m->st, t->name, row, MERGE_DEL_COL, &v, m->e);
	/* was anything of the row changed without the deleter seeing it? */
	bool concurrent = false;
	for (int ci = 0; ci < t->ncols && !concurrent; ci++) {
		if (merge_is_meta(t->cols[ci]))
			continue; /* bookkeeping: never keeps a row */
		struct rver cur, *h = NULL;
		size_t n = 0;
		int rc = replica_ver_get(m->st, t->name, row, t->cols[ci], &cur, m->e);
		if (rc < 0)
			return -1;
		if (rc == 0 && !merge_in_past(m->f, &cur))
			concurrent = true;
		if (replica_heads(m->st, t->name, row, t->cols[ci], &h, &n, m->e))
			return -1;
		for (size_t i = 0; i < n; i++)
			if (!merge_in_past(m->f, &h[i]))
				concurrent = true;
		free(h);
	}
	if (concurrent) {
		struct rver alive = { 0, "", 0 };
		m->ms->conflicts++;
		struct rver *h = NULL;
		size_t n = 0;
		if (replica_heads(m->st, t->name, row, MERGE_DEL_COL, &h, &n, m->e))
			return -1;
		h = xreallocarray(h, n + 1, sizeof *h); /* one more head: this delete */
		h[n++] = v;
		int rc = replica_heads_set(m->st, t->name, row, MERGE_DEL_COL, h, n, m->e) ||
			 replica_ver_set(m->st, t->name, row, MERGE_DEL_COL, &alive, m->e);
		free(h);
		return rc ? -1 : 0;
	}
	if (replica_row_delete(m->st, t, row, m->e) ||
	    replica_heads_set(m->st, t->name, row, MERGE_DEL_COL, NULL, 0, m->e))
		return -1;
	return replica_ver_set(m->st, t->name, row, MERGE_DEL_COL, &v, m->e);
}

int merge_apply(struct store *st, const struct merge_file *f, const struct batch *b,
		struct merge_stats *ms, struct err *e)
{
	struct mctx m = { .st = st, .f = f, .ms = ms, .e = e, .aliases = replica_aliases_any(st) };
	const struct rtable *tables;
	size_t nt;
	if (replica_tables(st, &tables, &nt, e) || replica_defer_fk(st, e))
		return -1;
	long long top = 0;
	for (size_t i = 0; i < b->n; i++) {
		const struct change *c = &b->v[i];
		const struct rtable *t = replica_table(st, c->tbl);
		char row[ROW_KEY_MAX];
		if (!t) {
			ms->skipped++;
			continue;
		}
		if (c->hlc > top)
			top = c->hlc;
		if (!t->has_id)
			continue; /* derived tables (the § counters) are made here, not taken in */
		ms->changes++;
		snprintf(row, sizeof row, "%s", c->row);
		if (resolve_alias(&m, t->name, row) ||
		    (c->op == CHANGE_DELETE ? apply_delete(&m, t, row, c) : merge_apply_row(&m, t, row, c)))
			return -1;
	}
	/* take in the writer's clock, but not further than an hour ahead of ours */
	return replica_clock_observe(st, top, replica_wall_hlc() + (DRIFT_MS << HLC_SHIFT), e);
}

/* A row that refers to rows deleted here: they come back, or, if there is
 * nothing to bring back, the row goes. */
static int revive_parents(struct mctx *m, const struct rtable *t, const char *row)
{
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	int rc = replica_row_get(m->st, t, row, vals, m->e);
	if (rc == 1)
		rc = 0; /* gone already */
	else if (rc == 0) {
		for (int c = 0; c < t->ncols && !rc; c++) {
			const struct rtable *p = t->parent[c] ? replica_table(m->st, t->parent[c]) : NULL;
			if (!p || vals[c].type != RV_TEXT || replica_row_exists(m->st, p, vals[c].s))
				continue;
			struct change revive = { .op = CHANGE_UPSERT, .ncols = 0 };
			snprintf(revive.tbl, sizeof revive.tbl, "%s", p->name);
			snprintf(revive.row, sizeof revive.row, "%s", vals[c].s);
			struct rver tomb;
			int deleted = replica_ver_get(m->st, p->name, vals[c].s, MERGE_DEL_COL, &tomb, m->e);
			if (deleted < 0) {
				rc = -1;
			} else if (deleted == 0 && tomb.hlc > 0) {
				rc = merge_apply_row(m, p, vals[c].s, &revive);
			} else {
				/* nothing to bring back: the referring row cannot stay */
				rc = replica_row_delete(m->st, t, row, m->e);
				m->ms->skipped++;
				break;
			}
		}
	}
	for (int c = 0; c < t->ncols; c++)
		rval_release(&vals[c]);
	free(vals);
	return rc ? -1 : 0;
}

int merge_finish(struct store *st, struct merge_stats *ms, struct err *e)
{
	struct mctx m = { .st = st, .f = &merge_file_none, .ms = ms, .e = e, .aliases = replica_aliases_any(st) };
	/* rows that refer to a deleted row bring it back */
	for (int round = 0; round < REVIVE_ROUNDS; round++) {
		struct strvec dangling = { 0 };
		int rc = replica_dangling(st, &dangling, e);
		bool none = !dangling.n;
		for (size_t i = 0; i < dangling.n && !rc; i++) {
			char *slash = strchr(dangling.v[i], '/');
			assert(slash); /* replica_dangling gives table/row */
			*slash = '\0';
			const struct rtable *t = replica_table(st, dangling.v[i]);
			if (t)
				rc = revive_parents(&m, t, slash + 1);
		}
		strvec_release(&dangling);
		if (rc)
			return -1;
		if (none)
			break;
	}
	return replica_counters_fix(st, e);
}
