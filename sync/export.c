/* export: this machine's changes, from the database to a file (export.h). */
#include "sync/export.h"

#include <assert.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/keys.h"
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

/* About how many bytes a change takes in a batch (names, values, framing). */
static size_t change_size(const struct change *c)
{
	size_t n = 32 + strlen(c->tbl) + strlen(c->row);
	for (int k = 0; k < c->ncols; k++)
		n += 8 + strlen(c->cols[k]) + (c->vals[k].type == RV_TEXT ? strlen(c->vals[k].s) : 8);
	return n;
}

int export_batch_part(struct store *st, const char *me, long long seq, const struct rdirty_list *d, size_t *from,
		      size_t budget, struct batch *out, struct err *e)
{
	int rc = 0;
	size_t size = 0;
	for (; *from < d->n && !rc && (!out->n || size < budget); (*from)++) {
		const struct rdirty *r = &d->v[*from];
		const struct rtable *t = replica_table(st, r->tbl);
		if (!t || !t->has_id || r->mask == DIRTY_GONE)
			continue; /* a table without an id is derived (the § counters) */
		struct rver v = { r->hlc, "", seq };
		snprintf(v.writer, sizeof v.writer, "%s", me);
		struct change *c = batch_push(out);
		snprintf(c->tbl, sizeof c->tbl, "%s", t->name);
		snprintf(c->row, sizeof c->row, "%s", r->row);
		c->hlc = v.hlc;
		bool gone = false;
		if (r->mask == DIRTY_DELETED)
			rc = export_delete(st, t, &v, c, e);
		else
			rc = export_upsert(st, t, r, &v, c, &gone, e);
		if (gone)
			out->n--; /* the change pushed is empty: nothing of it to free */
		else
			size += change_size(c);
	}
	return rc;
}

int export_batch(struct store *st, const char *me, long long seq, struct batch *out, struct err *e)
{
	struct rdirty_list d = { 0 };
	size_t from = 0;
	int rc = replica_dirty(st, &d, e);
	if (!rc)
		rc = export_batch_part(st, me, seq, &d, &from, SIZE_MAX, out, e);
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

/*
 * What this machine has applied of the members' files: its frontier
 * without the writers the council records no key of (a newcomer's request
 * to join, taken as read), so that a later newcomer never waits for the
 * request of one who was not admitted and whose file is gone. A writer
 * once admitted is a member, and its request comes first in its own files.
 */
static int members_frontier(struct store *st, char **out, struct err *e)
{
	char *all = NULL;
	struct batch b = { 0 };
	if (replica_frontier(st, &all, e))
		return -1;
	batch_frontier_parse(&b, all);
	free(all);
	size_t n = 0;
	int rc = 0;
	for (size_t i = 0; i < b.nfront && !rc; i++) {
		struct member_key k = { 0 };
		int found = store_member_key_by_actor(st, b.front[i].writer, &k, e);
		member_key_release(&k);
		if (found < 0)
			rc = -1;
		else if (found == 0)
			b.front[n++] = b.front[i];
	}
	if (!rc)
		*out = frontier_text(b.front, n);
	batch_release(&b);
	return rc;
}

int export_changes(struct session *s)
{
	long long seq;
	struct rdirty_list d = { 0 };
	size_t from = 0;
	if (session_next_seq(s, &seq) || replica_dirty(s->st, &d, s->e))
		return -1;
	int rc = 0;
	/* one file per EXPORT_CHUNK of changes, so that no reader holds more
	 * than one of them at a time, each building on the one before */
	while (!rc && from < d.n) {
		struct batch batch = { 0 };
		char *front = NULL;
		rc = members_frontier(s->st, &front, s->e) ||
		     export_batch_part(s->st, s->id.actor, seq, &d, &from, EXPORT_CHUNK, &batch, s->e);
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
				seq++;
			}
		}
		batch_release(&batch);
		free(front);
	}
	rdirty_list_release(&d);
	if (!rc)
		rc = replica_dirty_clear(s->st, s->e);
	return rc;
}
