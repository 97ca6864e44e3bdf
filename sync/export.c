/* export: this machine's changes, from the database to a file (export.h). */
#include "sync/export.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/merge.h"
#include "sync/renumber.h"

/* A row deleted here: its tombstone, the newest version of the row. */
static int export_delete(struct store *st, const struct rtable *t, const struct rver *v, struct change *c,
			 struct err *e)
{
	struct rval one = { .type = RV_INT, .i = 1 };
	c->op = CHANGE_DELETE;
	if (replica_hist_add(st, t->name, c->row, MERGE_DEL_COL, v, &one, e) < 0 ||
	    replica_ver_set(st, t->name, c->row, MERGE_DEL_COL, v, e) ||
	    replica_heads_set(st, t->name, c->row, MERGE_DEL_COL, NULL, 0, e))
		return -1;
	return 0;
}

/* A row made or changed here: the fields in mask (all of a new row). *gone
 * when the row is no longer there (nothing to send). */
static int export_upsert(struct store *st, const struct rtable *t, const struct rdirty *d, const struct rver *v,
			 struct change *c, bool *gone, struct err *e)
{
	c->op = CHANGE_UPSERT;
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	int rc = replica_row_get(st, t, c->row, vals, e);
	*gone = rc == 1;
	if (rc) {
		/* changed, then gone in a way that left no tombstone */
		free(vals);
		return rc < 0 ? -1 : 0;
	}
	c->cols = xcalloc((size_t)t->ncols, sizeof *c->cols);
	c->vals = xcalloc((size_t)t->ncols, sizeof *c->vals);
	const struct renumbered *rn = renumber_rule(t->name, NULL);
	for (int ci = 0; ci < t->ncols && !rc; ci++) {
		if (d->mask != DIRTY_NEW && !(d->mask & (1LL << ci)))
			continue;
		c->cols[c->ncols] = xstrdup(t->cols[ci]);
		rval_copy(&c->vals[c->ncols], &vals[ci]);
		c->ncols++;
		/* a local edit saw every value of the field: it replaces them all */
		rc = replica_hist_add(st, t->name, c->row, t->cols[ci], v, &vals[ci], e) < 0 ||
		     replica_ver_set(st, t->name, c->row, t->cols[ci], v, e) ||
		     replica_heads_set(st, t->name, c->row, t->cols[ci], NULL, 0, e)
			     ? -1 : 0;
		/* a number given here is no longer a claim that gave way */
		if (!rc && rn && !strcmp(rn->col, t->cols[ci]))
			rc = replica_claim_del(st, t->name, c->row, rn->col, e);
	}
	if (!rc)
		rc = replica_heads_set(st, t->name, c->row, MERGE_DEL_COL, NULL, 0, e);
	for (int ci = 0; ci < t->ncols; ci++)
		rval_release(&vals[ci]);
	free(vals);
	return rc;
}

int export_batch(struct store *st, const char *me, long long seq, struct batch *out, struct err *e)
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
		bool gone = false;
		if (d.v[i].mask == DIRTY_DELETED)
			rc = export_delete(st, t, &v, c, e);
		else
			rc = export_upsert(st, t, &d.v[i], &v, c, &gone, e);
		if (gone)
			out->n--; /* the change pushed is empty: nothing of it to free */
	}
	rdirty_list_release(&d);
	if (!rc)
		rc = replica_dirty_clear(st, e);
	return rc;
}

/* Keeps the rows of the batch whose number it carries, to settle them. */
static void keep_numbered(struct session *s, const struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct change *c = &b->v[i];
		const struct renumbered *rn = renumber_rule(c->tbl, NULL);
		for (int k = 0; rn && c->op == CHANGE_UPSERT && k < c->ncols; k++) {
			if (!strcmp(c->cols[k], rn->col)) {
				char *key = xasprintf("%s/%s", c->tbl, c->row);
				strvec_push(&s->numbered, key);
				free(key);
				break;
			}
		}
	}
}

int export_settle(struct session *s)
{
	long renumbered = 0;
	for (size_t i = 0; i < s->numbered.n; i++) {
		const char *key = s->numbered.v[i], *slash = strchr(key, '/');
		char tbl[BATCH_NAME_SIZE];
		assert(slash && (size_t)(slash - key) < sizeof tbl); /* as keep_numbered made it */
		snprintf(tbl, sizeof tbl, "%.*s", (int)(slash - key), key);
		const struct rtable *t = replica_table(s->st, tbl);
		const struct renumbered *rn = renumber_rule(tbl, NULL);
		if (t && rn && renumber_settle(s->st, t, rn, renumber_bit(t, rn), slash + 1, &renumbered, s->e))
			return -1;
	}
	return 0;
}

int export_changes(struct session *s)
{
	long long seq;
	struct batch batch = { 0 };
	char *front = NULL;
	if (session_next_seq(s, &seq) || replica_frontier(s->st, &front, s->e))
		return -1;
	int rc = export_batch(s->st, s->id.actor, seq, &batch, s->e);
	if (!rc && batch.n) {
		unsigned char *plain;
		size_t plain_len;
		batch.schema = store_schema_version();
		rc = replica_clock_now(s->st, &batch.clock, s->e);
		batch_frontier_parse(&batch, front);
		if (!rc) {
			uint32_t epoch = keyring_current(&s->kr);
			batch_encode(&batch, &plain, &plain_len);
			rc = session_write(s, BUNDLE_CHANGES, seq, epoch, NULL, 0, plain, plain_len,
					   keyring_key(&s->kr, epoch));
			free(plain);
		}
		if (!rc)
			rc = replica_file_add(s->st, s->id.actor, seq, front, (long long)batch.n, s->e);
		if (!rc) {
			s->out->sent += (long)batch.n;
			keep_numbered(s, &batch);
		}
	}
	batch_release(&batch);
	free(front);
	return rc;
}
