/*
 * dirty: the rows changed here since the last export (sync_dirty), as the
 * capture triggers (capture.c) record them, and the rows marked by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/replica/internal.h"

void rdirty_list_release(struct rdirty_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

int replica_dirty(struct store *st, struct rdirty_list *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT tbl, row, mask, hlc FROM sync_dirty ORDER BY first, tbl, row", "");
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		struct rdirty *d = &out->v[out->n++];
		snprintf(d->tbl, sizeof d->tbl, "%s", (const char *)sqlite3_column_text(s, 0));
		snprintf(d->row, sizeof d->row, "%s", (const char *)sqlite3_column_text(s, 1));
		d->mask = sqlite3_column_int64(s, 2);
		d->hlc = sqlite3_column_int64(s, 3);
	}
	return rc;
}

int replica_dirty_clear(struct store *st, struct err *e)
{
	return db_exec(st, e, "DELETE FROM sync_dirty", "");
}

int replica_dirty_mark(struct store *st, const char *tbl, const char *row, long long mask,
		       struct err *e)
{
	long long hlc;
	if (replica_clock_now(st, &hlc, e))
		return -1;
	return db_exec(st, e,
		       "INSERT INTO sync_dirty(tbl, row, mask, hlc, first) VALUES (?1, ?2, ?3, ?4, ?4)"
		       " ON CONFLICT(tbl, row) DO UPDATE SET mask = CASE WHEN mask < 0 THEN mask"
		       " ELSE mask | excluded.mask END, hlc = excluded.hlc",
		       "ssII", tbl, row, (sqlite3_int64)mask, (sqlite3_int64)hlc);
}

/* In the order of export (sync_dirty.first) the rows of the i-th table
 * begin i strides past the clock's reading: a table's rows after its
 * parents' (the tables are in rank order), each in the order made. */
#define TABLE_STRIDE "1000000000"

int replica_dirty_all(struct store *st, struct err *e)
{
	if (rtables_ensure(st, e))
		return -1;
	for (size_t i = 0; i < st->replica->ntables; i++) {
		const struct rtable *t = &st->replica->tables[i];
		struct strbuf sql = { 0 }, key = { 0 };
		long long hlc;
		if (replica_clock_now(st, &hlc, e))
			return -1;
		rkey_expr(st, t, "t", &key);
		/* parents first, then rows in the order they were made */
		sb_addf(&sql, "INSERT INTO sync_dirty(tbl, row, mask, hlc, first) SELECT '%s', %s, -1, ?1,"
			      " ?1 + %zu * " TABLE_STRIDE " + row_number() OVER (ORDER BY %s rowid) FROM \"%s\" t WHERE true"
			      " ON CONFLICT(tbl, row) DO UPDATE SET mask = -1",
			t->name, key.buf, i, replica_col(t, "created") >= 0 ? "created, " : "", t->name);
		sqlite3_stmt *s = db_query_text(st, e, sql.buf, "I", (sqlite3_int64)hlc);
		sb_release(&sql);
		sb_release(&key);
		if (!s || db_step(st, s, e) < 0)
			return -1;
	}
	return 0;
}
