/*
 * conflicts: the open conflicts in words, and their settling
 * (conflicts.h, sync_conflicts and sync_conflict_resolve of sync.h).
 *
 * A conflict is a field with another head besides its current version
 * (sync/merge.c says how they arise), or a delete that a concurrent edit
 * kept from happening (the column "-"). Its id is a hash of the field and
 * the other head's version, so it is the same on every machine.
 */
#include "sync/conflicts.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/clock.h"
#include "sync/members.h"
#include "sync/merge.h"
#include "sync/record.h"
#include "sync/sync.h"

/* The bytes of a conflict's id (shown as twice as many hex digits). */
#define CONFLICT_ID_BYTES 8
_Static_assert(sizeof ((struct sync_conflict *)0)->id == 2 * CONFLICT_ID_BYTES + 1, "a conflict's id");
/* The fewest digits of an id that settle a conflict. */
#define CONFLICT_ID_MIN 4
/* The most bytes of a row's label in a conflict's words. */
#define LABEL_MAX 40
/* Digits of a row key shown. */
#define ROW_SHOWN 8

static void conflict_id(const struct rconflict *rc, char hex[2 * CONFLICT_ID_BYTES + 1])
{
	unsigned char h[CONFLICT_ID_BYTES];
	char *key = xasprintf("%s/%s/%s/%lld/%s", rc->tbl, rc->row, rc->col, rc->other.hlc, rc->other.writer);
	crypto_generichash(h, sizeof h, (unsigned char *)key, strlen(key), NULL, 0);
	free(key);
	sodium_bin2hex(hex, 2 * CONFLICT_ID_BYTES + 1, h, sizeof h);
}

void sync_conflict_list_release(struct sync_conflict_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct sync_conflict *c = &l->v[i];
		free(c->what);
		free(c->field);
		free(c->current);
		free(c->other);
		free(c->current_by);
		free(c->other_by);
		free(c->current_when);
		free(c->other_when);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static char *value_text(const struct rval *v)
{
	switch (v->type) {
	case RV_NULL:
		return NULL;
	case RV_INT:
		return xasprintf("%lld", v->i);
	case RV_REAL:
		return xasprintf("%g", v->d);
	case RV_TEXT:
		return xstrdup(v->s);
	}
	return NULL;
}

/* When a version was written, UTC. */
static char *hlc_time(long long hlc)
{
	time_t t = (time_t)((hlc >> HLC_SHIFT) / 1000);
	struct tm tm;
	char buf[CLOCK_UTC_SIZE];
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

/* The row in words: "decision 1a2b3c4d (Beslut om ...)". */
static int row_words(struct store *st, const char *tbl, const char *row, char **out, struct err *e)
{
	static const char *const names[] = { "title", "name", "text", "short", "code" };
	const struct rtable *t = replica_table(st, tbl);
	char *label = NULL;
	int rc = 0;
	if (t) {
		struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
		rc = replica_row_get(st, t, row, vals, e);
		for (size_t k = 0; k < ARRAY_SIZE(names) && !label && rc == 0; k++) {
			int c = replica_col(t, names[k]);
			if (c >= 0 && vals[c].type == RV_TEXT)
				label = xstrdup(vals[c].s);
		}
		for (int c = 0; c < t->ncols; c++)
			rval_release(&vals[c]);
		free(vals);
	}
	if (rc < 0)
		return -1;
	if (label && strlen(label) > LABEL_MAX)
		label[LABEL_MAX] = '\0';
	*out = label ? xasprintf("%s %.*s (%s)", tbl, ROW_SHOWN, row, label) : xasprintf("%s %.*s", tbl, ROW_SHOWN, row);
	free(label);
	return 0;
}

/* The conflict in words, into c (zeroed). */
static int describe(struct store *st, const struct rconflict *rc, const struct rval *cur, const struct rval *oth,
		    struct sync_conflict *c, struct err *e)
{
	bool del = !strcmp(rc->col, MERGE_DEL_COL);
	conflict_id(rc, c->id);
	c->field = xstrdup(rc->col);
	if (del) {
		c->current = xstrdup(_("kept (changed on another machine)"));
		c->other = xstrdup(_("deleted"));
		c->current_by = xstrdup("");
		c->current_when = xstrdup("");
	} else {
		c->current = value_text(cur);
		c->other = value_text(oth);
		c->current_when = hlc_time(rc->cur.hlc);
		if (members_name(st, rc->cur.writer, &c->current_by, e))
			return -1;
	}
	c->other_when = hlc_time(rc->other.hlc);
	if (members_name(st, rc->other.writer, &c->other_by, e))
		return -1;
	return row_words(st, rc->tbl, rc->row, &c->what, e);
}

/* The current and the other value of a field in conflict, as they stand
 * now; *same when they are equal (nothing to choose). */
static int values(struct store *st, const struct rconflict *rc, struct rval *cur, struct rval *oth, bool *same,
		  struct err *e)
{
	*same = false;
	if (!strcmp(rc->col, MERGE_DEL_COL))
		return 0;
	if (replica_hist_get(st, rc->tbl, rc->row, rc->col, rc->cur.hlc, rc->cur.writer, cur, e) < 0 ||
	    replica_hist_get(st, rc->tbl, rc->row, rc->col, rc->other.hlc, rc->other.writer, oth, e) < 0 ||
	    merge_translate(st, rc->tbl, rc->col, cur, e) || merge_translate(st, rc->tbl, rc->col, oth, e))
		return -1;
	*same = rval_equal(cur, oth);
	return 0;
}

int sync_conflicts(struct store *st, struct sync_conflict_list *out, struct err *e)
{
	struct rconflict_list l = { 0 };
	int rc = replica_conflicts(st, &l, e);
	for (size_t i = 0; i < l.n && !rc; i++) {
		struct rval cur = { 0 }, oth = { 0 };
		bool same;
		if (merge_is_meta(l.v[i].col))
			continue;
		rc = values(st, &l.v[i], &cur, &oth, &same, e);
		if (!rc && !same) {
			ALLOC_GROW(out->v, out->n + 1, out->alloc);
			struct sync_conflict *c = &out->v[out->n++];
			memset(c, 0, sizeof *c);
			rc = describe(st, &l.v[i], &cur, &oth, c, e);
		}
		rval_release(&cur);
		rval_release(&oth);
	}
	rconflict_list_release(&l);
	if (rc)
		sync_conflict_list_release(out);
	return rc;
}

int conflicts_count(struct store *st, long *n, struct err *e)
{
	struct sync_conflict_list l = { 0 };
	int rc = sync_conflicts(st, &l, e);
	*n = (long)l.n;
	sync_conflict_list_release(&l);
	return rc;
}

/* The open conflict whose id begins with `id` (at least CONFLICT_ID_MIN
 * digits, and only one such). */
static int find(struct store *st, const char *id, struct rconflict *out, struct err *e)
{
	struct rconflict_list l = { 0 };
	if (replica_conflicts(st, &l, e))
		return -1;
	size_t idlen = strlen(id), matches = 0;
	for (size_t i = 0; i < l.n; i++) {
		char hex[2 * CONFLICT_ID_BYTES + 1];
		if (merge_is_meta(l.v[i].col))
			continue;
		conflict_id(&l.v[i], hex);
		if (idlen >= CONFLICT_ID_MIN && !strncmp(hex, id, idlen)) {
			*out = l.v[i];
			matches++;
		}
	}
	rconflict_list_release(&l);
	if (matches != 1)
		return matches ? error(e, E_AMBIGUOUS, id) : error(e, E_SYNC_NO_CONFLICT, id);
	return 0;
}

/* A delete kept from happening: done after all, or the row kept for good. */
static int resolve_delete(struct store *st, const struct rtable *t, const struct rconflict *c, bool other,
			  struct err *e)
{
	if (other)
		return replica_row_delete(st, t, c->row, e);
	/* the row as it is, sent again whole */
	if (replica_dirty_mark(st, c->tbl, c->row, (long long)((1ULL << t->ncols) - 1), e) ||
	    replica_heads_set(st, c->tbl, c->row, MERGE_DEL_COL, NULL, 0, e))
		return -1;
	return 0;
}

int sync_conflict_resolve(struct store *st, const char *id, const char *keep, struct err *e)
{
	struct rconflict c;
	bool other;
	if (!strcmp(keep, "current") || !strcmp(keep, "mine") || !strcmp(keep, "kept"))
		other = false;
	else if (!strcmp(keep, "other") || !strcmp(keep, "theirs"))
		other = true;
	else
		return error(e, E_SYNC_KEEP, keep);
	if (find(st, id, &c, e))
		return -1;
	const struct rtable *t = replica_table(st, c.tbl);
	if (!t)
		return error(e, E_SYNC_NO_CONFLICT, id);
	/* the choice is sent as this machine's change, marked without a write
	 * the guard would see: only a member with the power makes it */
	if (!replica_guard_power(st))
		return store_error(st, e) ? -1 : error(e, E_GUARD);
	/* the minutes of an adjusted meeting are locked: the others would
	 * refuse the choice, and the copies would disagree */
	char meeting[ROW_KEY_MAX];
	bool locked;
	if (record_locked(st, c.tbl, c.row, meeting, &locked, e))
		return -1;
	if (locked)
		return error(e, E_SYNC_CONFLICT_LOCKED, id);
	/* a key's person, actor or vouch never changes once recorded: every
	 * other copy would refuse the choice */
	if (!strcmp(c.tbl, "member_key"))
		return error(e, E_SYNC_CONFLICT_KEY, id);
	if (!strcmp(c.col, MERGE_DEL_COL))
		return resolve_delete(st, t, &c, other, e);
	int ci = replica_col(t, c.col);
	if (ci < 0)
		return error(e, E_SYNC_NO_CONFLICT, id); /* a column this build does not know */
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	int rc = replica_row_get(st, t, c.row, vals, e);
	if (rc == 1)
		rc = error(e, E_SYNC_NO_CONFLICT, id); /* the row is gone */
	if (!rc && other) {
		char *unique = NULL;
		rval_release(&vals[ci]);
		rc = replica_hist_get(st, c.tbl, c.row, c.col, c.other.hlc, c.other.writer, &vals[ci], e);
		if (rc == 1)
			rc = error(e, E_SYNC_NO_VERSION, c.tbl, c.row, c.col);
		if (!rc)
			rc = merge_translate(st, c.tbl, c.col, &vals[ci], e);
		if (!rc)
			rc = replica_row_update(st, t, c.row, 1ULL << ci, vals, &unique, e);
		if (rc == 2)
			rc = error(e, E_SYNC_CLASH, unique);
		free(unique);
	}
	/* the choice is a new version of the field that saw both */
	if (!rc)
		rc = replica_dirty_mark(st, c.tbl, c.row, (long long)(1ULL << ci), e);
	if (!rc)
		rc = replica_heads_set(st, c.tbl, c.row, c.col, NULL, 0, e);
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	free(vals);
	return rc ? -1 : 0;
}
