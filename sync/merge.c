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
 * created, updated and author are bookkeeping: the latest version wins
 * without a conflict.
 *
 * Rows that are the same thing. Two machines may add "the same" row with
 * different ids: the same person, meeting, attendance, vote. A unique
 * constraint of the schema then refuses the second; the two rows merge
 * into the one with the smaller id (every machine picks the same), their
 * fields merge as concurrent versions, references to the other id are
 * moved over (recursively: the two meetings' attendances merge too), and
 * the other id is remembered as an alias for changes still to come.
 *
 * Numbers that clash. Agenda item numbers and § numbers are not "the same
 * thing" when they clash: two secretaries who each record § 12 offline
 * made two decisions. The rule, the same on every machine: of the rows
 * that claim one number, the one made first (clock, then id) keeps it;
 * the others give way and are numbered after the highest number claimed
 * in the group (the meeting's agenda; the body's year), in the order of
 * the numbers they claimed. Their claim is remembered, so the numbering
 * is a function of the set of rows and converges whatever the order of
 * arrival. Until a protocol is adjusted its numbers may move this way;
 * docs/sync-format.md says more.
 *
 * Deletions travel as tombstones. A tombstone deletes a row only if its
 * writer had seen every current value of the row; an edit concurrent with
 * the delete brings the row back (or keeps it) and the delete stays as an
 * open conflict. A row that another row still refers to comes back too.
 * The absence of files means nothing: only tombstones delete.
 */
#include "sync/merge.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRIFT_MS (3600LL * 1000)
#define DEL_COL "-"

/* Numbered columns that give way in a clash (see above). */
static const struct renumbered {
	const char *tbl, *unique, *group, *col;
} renumbered[] = {
	{ "item", "meeting_id,pos", "meeting_id", "pos" },
	{ "decision", "body_id,year,para", "body_id,year", "para" },
	{ "question", "pos", "", "pos" },
};

static const struct renumbered *renumber_rule(const char *tbl, const char *unique)
{
	for (size_t i = 0; i < ARRAY_SIZE(renumbered); i++)
		if (!strcmp(renumbered[i].tbl, tbl) && (!unique || !strcmp(renumbered[i].unique, unique)))
			return &renumbered[i];
	return NULL;
}

static bool is_meta(const char *col)
{
	return !strcmp(col, "created") || !strcmp(col, "updated") || !strcmp(col, "author");
}

struct mctx {
	struct store *st;
	const struct merge_file *f;
	struct merge_stats *ms;
	struct err *e;
	int depth;
	bool aliases;  /* rows may have been merged away (else no alias is looked up) */
	bool no_heads; /* the row being applied has no other heads (none are looked up) */
};

/* Was version v in the past of the file being applied (its writer saw it)? */
static bool in_past(const struct merge_file *f, const struct rver *v)
{
	if (!strcmp(v->writer, f->writer))
		return v->seq <= f->seq;
	for (size_t i = 0; i < f->nfront; i++)
		if (!strcmp(f->front[i].writer, v->writer))
			return v->seq <= f->front[i].seq;
	return false;
}

static int resolve_alias(struct mctx *m, const char *tbl, char row[ROW_KEY_MAX])
{
	if (!m->aliases)
		return 0;
	for (int hops = 0; hops < 16; hops++) {
		char to[ROW_KEY_MAX];
		int rc = replica_alias_get(m->st, tbl, row, to, m->e);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return 0;
		snprintf(row, ROW_KEY_MAX, "%s", to);
	}
	return 0;
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
	for (int hops = 0; hops < 16; hops++) {
		char to[ROW_KEY_MAX];
		int rc = replica_alias_get(st, t->parent[ci], row, to, e);
		if (rc < 0)
			return -1;
		if (rc == 1)
			break;
		snprintf(row, sizeof row, "%s", to);
	}
	if (strcmp(row, v->s)) {
		free(v->s);
		v->s = xstrdup(row);
	}
	return 0;
}

/* A value from the history, as it stands now. */
static int hist_value(struct mctx *m, const char *tbl, const char *row, const char *col,
		      const struct rver *v, struct rval *out)
{
	int rc = replica_hist_get(m->st, tbl, row, col, v->hlc, v->writer, out, m->e);
	if (rc == 0)
		rc = merge_translate(m->st, tbl, col, out, m->e);
	return rc;
}

/*
 * Merges version v (value val) into a field. *won tells whether the
 * field's current value became v's; *out gets the current value when it
 * changed to another version than v (a merge of two rows).
 */
static int field_merge(struct mctx *m, const char *tbl, const char *row, const char *col,
		       const struct rver *v, const struct rval *val, bool *changed, struct rval *out)
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
	if (!in_past(m->f, &cur))
		keep[nk++] = cur;
	for (size_t i = 0; i < nheads; i++)
		if (!in_past(m->f, &heads[i]) && rver_cmp(&heads[i], v))
			keep[nk++] = heads[i];
	keep[nk++] = *v;
	size_t w = 0;
	for (size_t i = 1; i < nk; i++)
		if (rver_cmp(&keep[i], &keep[w]) > 0)
			w = i;
	struct rver win = keep[w];
	keep[w] = keep[--nk];
	rc = 0;
	if (is_meta(col))
		nk = 0;
	if (rver_cmp(&win, &cur)) {
		*changed = true;
		if (rver_cmp(&win, v) == 0) {
			rval_copy(out, val);
			m->ms->fields++;
		} else if (hist_value(m, tbl, row, col, &win, out) != 0) {
			rc = errorf(m->e, E_DB, "history of %s %s %s lacks a version", tbl, row, col);
		}
		if (!rc)
			rc = replica_ver_set(m->st, tbl, row, col, &win, m->e);
	}
	/* count the conflicts this change opened: heads of another value */
	if (!rc && nk && nk > nheads) {
		struct rval wv = { 0 }, hv = { 0 };
		if (rver_cmp(&win, v) == 0)
			rval_copy(&wv, val);
		else
			hist_value(m, tbl, row, col, &win, &wv);
		for (size_t i = 0; i < nk; i++) {
			if (rver_cmp(&keep[i], v) == 0)
				rval_copy(&hv, val);
			else if (hist_value(m, tbl, row, col, &keep[i], &hv))
				continue;
			if (!rval_equal(&wv, &hv))
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
	rc = hist_value(m, tbl, row, col, &v, out);
	return rc < 0 ? -1 : 0;
}

static int apply_row(struct mctx *m, const struct rtable *t, const char *row, const struct change *c);

/* A clash of numbers: the row takes a number out of the way, claims the
 * one it was given, and the group is numbered again. */
static int resolve_group(struct mctx *m, const struct rtable *t, const struct renumbered *r,
			 const char *row);

static int cmp_claim(const void *a, const void *b)
{
	const struct rclaim *x = a, *y = b;
	if (x->claim != y->claim)
		return x->claim < y->claim ? -1 : 1;
	if (x->hlc != y->hlc)
		return x->hlc < y->hlc ? -1 : 1;
	return strcmp(x->row, y->row);
}

static int resolve_group(struct mctx *m, const struct rtable *t, const struct renumbered *r,
			 const char *row)
{
	struct rclaim *v = NULL;
	size_t n = 0;
	bool any = false;
	if (replica_group(m->st, t, r->group, r->col, row, &v, &n, &any, m->e))
		return -1;
	if (!any) {
		free(v);
		return 0;
	}
	qsort(v, n, sizeof *v, cmp_claim);
	long long max = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].claim > max)
			max = v[i].claim;
	int rc = 0;
	long long next = max;
	long long *target = xcalloc(n ? n : 1, sizeof *target);
	for (size_t i = 0; i < n; i++) {
		bool keeper = i == 0 || v[i - 1].claim != v[i].claim;
		target[i] = keeper ? v[i].claim : ++next;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		bool keeper = target[i] == v[i].claim;
		if (keeper)
			rc = replica_claim_del(m->st, t->name, v[i].row, r->col, m->e);
		else
			rc = replica_claim_set(m->st, t->name, v[i].row, r->col, v[i].claim, m->e);
		if (v[i].now != target[i] && !keeper)
			m->ms->renumbered++;
	}
	/* group_set moves each row from its number now (claim) to its target (now) */
	for (size_t i = 0; i < n; i++) {
		v[i].claim = v[i].now;
		v[i].now = target[i];
	}
	free(target);
	if (!rc)
		rc = replica_group_set(m->st, t, r->col, v, n, m->e);
	free(v);
	return rc;
}

static int merge_rows(struct mctx *m, const struct rtable *t, const char *keep, const char *gone);
static int clash(struct mctx *m, const struct rtable *t, const char *row, bool insert,
		 unsigned long long mask, struct rval *vals, const char *unique, const struct change *c);

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
			if (replica_children(m->st, ct, ct->cols[c], from, &rows, m->e))
				return strvec_release(&rows), -1;
			for (size_t k = 0; k < rows.n; k++) {
				struct rval *vals = xcalloc((size_t)ct->ncols, sizeof *vals);
				char *unique = NULL;
				int rc = replica_row_get(m->st, ct, rows.v[k], vals, m->e);
				if (rc == 0) {
					rval_release(&vals[c]);
					vals[c].type = RV_TEXT;
					vals[c].s = xstrdup(to);
					rc = replica_row_update(m->st, ct, rows.v[k], 1ULL << c, vals, &unique, m->e);
				}
				if (rc == 2) {
					const struct renumbered *r = renumber_rule(ct->name, unique);
					if (r) {
						int pc = replica_col(ct, r->col);
						long long claim = vals[pc].i;
						rval_release(&vals[pc]);
						vals[pc].type = RV_INT;
						vals[pc].i = -2000000000LL - (long long)(k + 1);
						free(unique);
						unique = NULL;
						rc = replica_row_update(m->st, ct, rows.v[k], (1ULL << c) | (1ULL << pc), vals,
									&unique, m->e);
						if (!rc)
							rc = replica_claim_set(m->st, ct->name, rows.v[k], r->col, claim, m->e);
						if (!rc)
							rc = resolve_group(m, ct, r, rows.v[k]);
					} else {
						char other[ROW_KEY_MAX];
						rc = replica_row_find(m->st, ct, unique, vals, other, m->e);
						if (rc == 0) {
							m->ms->merged++;
							rc = strcmp(other, rows.v[k]) < 0 ? merge_rows(m, ct, other, rows.v[k])
											  : -2;
							if (rc == -2) {
								/* this row has the smaller id: the other comes to it */
								rc = merge_rows(m, ct, rows.v[k], other);
								if (!rc)
									rc = replica_row_update(m->st, ct, rows.v[k], 1ULL << c, vals,
												NULL, m->e);
							}
						} else if (rc == 1) {
							rc = errorf(m->e, E_DB, "unique clash in %s without a row", ct->name);
						}
					}
				}
				free(unique);
				for (int x = 0; x < ct->ncols; x++)
					rval_release(&vals[x]);
				free(vals);
				if (rc) {
					strvec_release(&rows);
					return -1;
				}
			}
			strvec_release(&rows);
		}
	}
	return 0;
}

/* Two rows here are the same thing: `gone` merges into `keep` and goes. */
static int merge_rows(struct mctx *m, const struct rtable *t, const char *keep, const char *gone)
{
	if (m->depth++ > 32) {
		m->depth--;
		return errorf(m->e, E_DB, "rows of %s merge too deep", t->name);
	}
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	unsigned long long mask = 0;
	int rc = replica_hist_copy(m->st, t->name, gone, keep, m->e);
	if (!rc)
		rc = replica_row_get(m->st, t, keep, vals, m->e);
	for (int c = 0; c < t->ncols && !rc; c++) {
		/* every version of the gone row's field is concurrent with ours */
		struct rver gv, *gh = NULL;
		size_t ngh = 0;
		int r = replica_ver_get(m->st, t->name, gone, t->cols[c], &gv, m->e);
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r == 1)
			continue;
		if (replica_heads(m->st, t->name, gone, t->cols[c], &gh, &ngh, m->e)) {
			rc = -1;
			break;
		}
		static const struct merge_file none = { "", 0, NULL, 0 };
		const struct merge_file *saved = m->f;
		m->f = &none;
		for (size_t i = 0; i <= ngh && !rc; i++) {
			const struct rver *v = i == 0 ? &gv : &gh[i - 1];
			struct rval val = { 0 }, out = { 0 };
			bool changed;
			if (hist_value(m, t->name, keep, t->cols[c], v, &val) < 0) {
				rc = -1;
				break;
			}
			rc = field_merge(m, t->name, keep, t->cols[c], v, &val, &changed, &out);
			if (!rc && changed) {
				rval_release(&vals[c]);
				vals[c] = out;
				mask |= 1ULL << c;
			} else {
				rval_release(&out);
			}
			rval_release(&val);
		}
		m->f = saved;
		free(gh);
	}
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
		if (r && (mask & (1ULL << replica_col(t, r->col))))
			rc = replica_claim_del(m->st, t->name, keep, r->col, m->e);
		if (!rc)
			rc = replica_row_update(m->st, t, keep, mask, vals, &unique, m->e);
		if (rc == 2)
			rc = clash(m, t, keep, false, mask, vals, unique, NULL);
		free(unique);
	}
	if (!rc && r)
		rc = resolve_group(m, t, r, keep);
	for (int c = 0; c < t->ncols; c++)
		rval_release(&vals[c]);
	free(vals);
	m->depth--;
	return rc;
}

/* Writes a row that has a clash on unique columns. */
static int clash(struct mctx *m, const struct rtable *t, const char *row, bool insert,
		 unsigned long long mask, struct rval *vals, const char *unique, const struct change *c)
{
	const struct renumbered *r = renumber_rule(t->name, unique);
	if (r) {
		int pc = replica_col(t, r->col);
		long long claim = vals[pc].type == RV_INT ? vals[pc].i : 0;
		rval_release(&vals[pc]);
		vals[pc].type = RV_INT;
		vals[pc].i = -1000000000LL - (long long)(randombytes_uniform(1000000000));
		char *again = NULL;
		int rc = insert ? replica_row_insert(m->st, t, row, vals, &again, m->e)
				: replica_row_update(m->st, t, row, mask | (1ULL << pc), vals, &again, m->e);
		if (rc == 2) {
			/* it clashes on another unique key too: settle that first */
			rc = clash(m, t, row, insert, mask | (1ULL << pc), vals, again, c);
		}
		free(again);
		if (rc)
			return rc;
		if (replica_claim_set(m->st, t->name, row, r->col, claim, m->e))
			return -1;
		return resolve_group(m, t, r, row);
	}
	char other[ROW_KEY_MAX];
	int rc = replica_row_find(m->st, t, unique, vals, other, m->e);
	if (rc)
		return rc < 0 ? -1 : errorf(m->e, E_DB, "unique clash in %s without a row", t->name);
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
		return apply_row(m, t, other, c);
	}
	/* the incoming row has the smaller id: the row here moves to it */
	if (!insert)
		return merge_rows(m, t, row, other);
	m->aliases = true;
	if (replica_forget(m->st, t->name, row, m->e) || replica_row_rename(m->st, t, other, row, m->e) ||
	    repoint_children(m, t, other, row) || replica_alias_set(m->st, t->name, other, row, m->e))
		return -1;
	return apply_row(m, t, row, c);
}

/* The delete conflict heads ("-") that this file's writer had seen go. */
static int settle_delete(struct mctx *m, const struct rtable *t, const char *row)
{
	struct rver *h = NULL;
	size_t n = 0, k = 0;
	if (m->no_heads)
		return 0;
	if (replica_heads(m->st, t->name, row, DEL_COL, &h, &n, m->e))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!in_past(m->f, &h[i]))
			h[k++] = h[i];
	int rc = k == n ? 0 : replica_heads_set(m->st, t->name, row, DEL_COL, h, k, m->e);
	free(h);
	return rc;
}

/* A number that moved may settle a clash of its group (there is none to
 * settle while no row of the table claims a number). */
static int settle_group(struct mctx *m, const struct rtable *t, const struct renumbered *r,
			unsigned long long mask, const char *row)
{
	if (!r || !(mask & (1ULL << replica_col(t, r->col))) || !replica_claims_any(m->st, t->name, r->col) ||
	    !replica_row_exists(m->st, t, row))
		return 0;
	return resolve_group(m, t, r, row);
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
		/* references to rows merged away point at the row they became */
		if (t->parent[ci] && vals[ci].type == RV_TEXT && strlen(vals[ci].s) < ROW_KEY_MAX) {
			char to[ROW_KEY_MAX];
			snprintf(to, sizeof to, "%s", vals[ci].s);
			rc = resolve_alias(m, t->parent[ci], to);
			if (!rc && strcmp(to, vals[ci].s)) {
				free(vals[ci].s);
				vals[ci].s = xstrdup(to);
			}
		}
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
			rc = clash(m, t, row, true, 0, vals, unique, c);
		free(unique);
	}
	if (!rc)
		rc = settle_group(m, t, renumber_rule(t->name, NULL), mask, row);
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	free(vals);
	free(given);
	free(cols);
	return rc;
}

static int apply_row(struct mctx *m, const struct rtable *t, const char *row, const struct change *c)
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
		/* references to rows merged away point at the row they became */
		if (t->parent[ci] && val.type == RV_TEXT && strlen(val.s) < ROW_KEY_MAX) {
			char to[ROW_KEY_MAX];
			snprintf(to, sizeof to, "%s", val.s);
			rc = resolve_alias(m, t->parent[ci], to);
			if (!rc && strcmp(to, val.s)) {
				free(val.s);
				val.s = xstrdup(to);
			}
		}
		int dup = rc ? -1 : replica_hist_add(m->st, t->name, row, t->cols[ci], &v, &val, m->e);
		if (dup < 0) {
			rval_release(&val);
			rc = -1;
			break;
		}
		struct rval out = { 0 };
		bool changed = false;
		if (!dup)
			rc = field_merge(m, t->name, row, t->cols[ci], &v, &val, &changed, &out);
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
		int deleted = replica_ver_get(m->st, t->name, row, DEL_COL, &tomb, m->e);
		for (int ci = 0; ci < t->ncols && !rc; ci++)
			if (!(mask & (1ULL << ci)))
				rc = current_value(m, t->name, row, t->cols[ci], &vals[ci]);
		if (!rc && deleted == 0 && tomb.hlc > 0) {
			struct rver alive = { 0, "", 0 };
			m->ms->revived++;
			m->ms->conflicts++;
			rc = replica_heads_set(m->st, t->name, row, DEL_COL, &tomb, 1, m->e);
			if (!rc)
				rc = replica_ver_set(m->st, t->name, row, DEL_COL, &alive, m->e);
		}
		char *unique = NULL;
		if (!rc) {
			rc = replica_row_insert(m->st, t, row, vals, &unique, m->e);
			if (rc == 2)
				rc = clash(m, t, row, true, 0, vals, unique, c);
		}
		free(unique);
	} else if (!rc && mask) {
		char *unique = NULL;
		/* a new number for the row is its new claim */
		if (r && (mask & (1ULL << replica_col(t, r->col))))
			rc = replica_claim_del(m->st, t->name, row, r->col, m->e);
		if (!rc)
			rc = replica_row_update(m->st, t, row, mask, vals, &unique, m->e);
		if (rc == 2)
			rc = clash(m, t, row, false, mask, vals, unique, c);
		free(unique);
	}
	if (!rc)
		rc = settle_group(m, t, r, mask, row);
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
	int dup = replica_hist_add(m->st, t->name, row, DEL_COL, &v, &one, m->e);
	if (dup)
		return dup < 0 ? -1 : 0;
	if (!replica_row_exists(m->st, t, row))
		return replica_ver_set(m->st, t->name, row, DEL_COL, &v, m->e);
	/* was anything of the row changed without the deleter seeing it? */
	bool concurrent = false;
	for (int ci = 0; ci < t->ncols && !concurrent; ci++) {
		struct rver cur, *h = NULL;
		size_t n = 0;
		int rc = replica_ver_get(m->st, t->name, row, t->cols[ci], &cur, m->e);
		if (rc < 0)
			return -1;
		if (rc == 0 && !in_past(m->f, &cur) && !is_meta(t->cols[ci]))
			concurrent = true;
		if (replica_heads(m->st, t->name, row, t->cols[ci], &h, &n, m->e))
			return -1;
		for (size_t i = 0; i < n; i++)
			if (!in_past(m->f, &h[i]))
				concurrent = true;
		free(h);
	}
	if (concurrent) {
		struct rver alive = { 0, "", 0 };
		m->ms->conflicts++;
		struct rver *h = NULL;
		size_t n = 0;
		if (replica_heads(m->st, t->name, row, DEL_COL, &h, &n, m->e))
			return -1;
		h = xrealloc(h, (n + 1) * sizeof *h);
		h[n++] = v;
		int rc = replica_heads_set(m->st, t->name, row, DEL_COL, h, n, m->e) ||
			 replica_ver_set(m->st, t->name, row, DEL_COL, &alive, m->e);
		free(h);
		return rc ? -1 : 0;
	}
	if (replica_row_delete(m->st, t, row, m->e) ||
	    replica_heads_set(m->st, t->name, row, DEL_COL, NULL, 0, m->e))
		return -1;
	return replica_ver_set(m->st, t->name, row, DEL_COL, &v, m->e);
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
		ms->changes++;
		int rc;
		if (!t->has_id) {
			/* derived tables (the § counters) are made here, not taken in */
			ms->changes--;
			continue;
		} else {
			snprintf(row, sizeof row, "%s", c->row);
			rc = resolve_alias(&m, t->name, row);
			if (!rc)
				rc = c->op == CHANGE_DELETE ? apply_delete(&m, t, row, c) : apply_row(&m, t, row, c);
		}
		if (rc)
			return -1;
	}
	/* take in the writer's clock, but not further than an hour ahead of ours */
	return replica_clock_observe(st, top, replica_wall_hlc() + (DRIFT_MS << HLC_SHIFT), e);
}

int merge_finish(struct store *st, struct merge_stats *ms, struct err *e)
{
	static const struct merge_file none = { "", 0, NULL, 0 };
	struct mctx m = { .st = st, .f = &none, .ms = ms, .e = e, .aliases = replica_aliases_any(st) };
	/* rows that refer to a deleted row bring it back */
	for (int round = 0; round < 8; round++) {
		struct strvec dangling = { 0 };
		if (replica_dangling(st, &dangling, e))
			return -1;
		if (!dangling.n) {
			strvec_release(&dangling);
			break;
		}
		for (size_t i = 0; i < dangling.n; i++) {
			char *slash = strchr(dangling.v[i], '/');
			*slash = '\0';
			const struct rtable *t = replica_table(st, dangling.v[i]);
			struct rval *vals = t ? xcalloc((size_t)t->ncols, sizeof *vals) : NULL;
			if (t && replica_row_get(st, t, slash + 1, vals, e) == 0) {
				for (int c = 0; c < t->ncols; c++) {
					const struct rtable *p = t->parent[c] ? replica_table(st, t->parent[c]) : NULL;
					if (!p || vals[c].type != RV_TEXT || replica_row_exists(st, p, vals[c].s))
						continue;
					struct change revive = { .op = CHANGE_UPSERT, .ncols = 0 };
					snprintf(revive.tbl, sizeof revive.tbl, "%s", p->name);
					snprintf(revive.row, sizeof revive.row, "%s", vals[c].s);
					struct rver tomb;
					if (replica_ver_get(st, p->name, vals[c].s, DEL_COL, &tomb, e) == 0 && tomb.hlc > 0) {
						if (apply_row(&m, p, vals[c].s, &revive))
							goto fail;
					} else {
						/* nothing to bring back: the referring row cannot stay */
						if (replica_row_delete(st, t, slash + 1, e))
							goto fail;
						ms->skipped++;
						break;
					}
				}
			}
			if (vals)
				for (int c = 0; c < t->ncols; c++)
					rval_release(&vals[c]);
			free(vals);
			continue;
fail:
			for (int c = 0; c < t->ncols; c++)
				rval_release(&vals[c]);
			free(vals);
			strvec_release(&dangling);
			return -1;
		}
		strvec_release(&dangling);
	}
	return replica_counters_fix(st, e);
}

/* ---- export ---- */

int merge_export(struct store *st, const char *me, long long seq, struct batch *out,
		 struct err *e)
{
	struct rdirty_list d = { 0 };
	int rc = replica_dirty(st, &d, e);
	for (size_t i = 0; i < d.n && !rc; i++) {
		const struct rtable *t = replica_table(st, d.v[i].tbl);
		if (!t || !t->has_id || d.v[i].mask == DIRTY_GONE)
			continue; /* a table without an id is derived (the § counters) */
		struct rver v = { d.v[i].hlc, "", seq };
		snprintf(v.writer, sizeof v.writer, "%s", me);
		struct change *c = batch_push(out);
		snprintf(c->tbl, sizeof c->tbl, "%s", t->name);
		snprintf(c->row, sizeof c->row, "%s", d.v[i].row);
		c->hlc = v.hlc;
		if (d.v[i].mask == DIRTY_DELETED) {
			struct rval one = { .type = RV_INT, .i = 1 };
			c->op = CHANGE_DELETE;
			rc = replica_hist_add(st, t->name, c->row, DEL_COL, &v, &one, e) < 0 ||
			     replica_ver_set(st, t->name, c->row, DEL_COL, &v, e) ||
			     replica_heads_set(st, t->name, c->row, DEL_COL, NULL, 0, e)
				     ? -1 : 0;
			continue;
		}
		c->op = CHANGE_UPSERT;
		struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
		int r = replica_row_get(st, t, c->row, vals, e);
		if (r) {
			/* changed, then gone in a way that left no tombstone */
			out->n--;
			free(vals);
			rc = r < 0 ? -1 : 0;
			continue;
		}
		c->cols = xcalloc((size_t)t->ncols, sizeof *c->cols);
		c->vals = xcalloc((size_t)t->ncols, sizeof *c->vals);
		const struct renumbered *rn = renumber_rule(t->name, NULL);
		for (int ci = 0; ci < t->ncols && !rc; ci++) {
			if (d.v[i].mask != DIRTY_NEW && !(d.v[i].mask & (1LL << ci)))
				continue;
			c->cols[c->ncols] = xstrdup(t->cols[ci]);
			rval_copy(&c->vals[c->ncols], &vals[ci]);
			c->ncols++;
			if (!t->has_id)
				continue;
			/* a local edit saw every value of the field: it replaces them all */
			rc = replica_hist_add(st, t->name, c->row, t->cols[ci], &v, &vals[ci], e) < 0 ||
			     replica_ver_set(st, t->name, c->row, t->cols[ci], &v, e) ||
			     replica_heads_set(st, t->name, c->row, t->cols[ci], NULL, 0, e)
				     ? -1 : 0;
			if (!rc && rn && !strcmp(rn->col, t->cols[ci]))
				rc = replica_claim_del(st, t->name, c->row, rn->col, e);
		}
		if (!rc && t->has_id)
			rc = replica_heads_set(st, t->name, c->row, DEL_COL, NULL, 0, e);
		for (int ci = 0; ci < t->ncols; ci++)
			rval_release(&vals[ci]);
		free(vals);
	}
	rdirty_list_release(&d);
	if (!rc)
		rc = replica_dirty_clear(st, e);
	return rc;
}
