/*
 * claims: numbers (a decision's §, an item's place on the agenda) that
 * gave way when two copies gave the same number to different rows
 * (sync_claim), and the groups of rows such a number is unique in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/replica/internal.h"

int replica_claim_get(struct store *st, const char *tbl, const char *row, const char *col,
		      long long *value, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT value FROM sync_claim WHERE tbl = ? AND row = ? AND col = ?", "sss",
				   tbl, row, col);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*value = sqlite3_column_int64(s, 0);
	db_done(s);
	return 0;
}

int replica_claim_set(struct store *st, const char *tbl, const char *row, const char *col,
		      long long value, struct err *e)
{
	return db_exec(st, e, "INSERT INTO sync_claim(tbl, row, col, value) VALUES (?, ?, ?, ?)"
			      " ON CONFLICT(tbl, row, col) DO UPDATE SET value = excluded.value",
		       "sssI", tbl, row, col, (sqlite3_int64)value);
}

int replica_claim_del(struct store *st, const char *tbl, const char *row, const char *col,
		      struct err *e)
{
	return db_exec(st, e, "DELETE FROM sync_claim WHERE tbl = ? AND row = ? AND col = ?", "sss", tbl, row, col);
}

bool replica_claims_any(struct store *st, const char *tbl, const char *col)
{
	struct err e;
	char *v = NULL;
	int rc = db_text(st, &e, &v, "SELECT 1 FROM sync_claim WHERE tbl = ? AND col = ? LIMIT 1", "ss", tbl, col);
	free(v);
	if (rc < 0)
		db_defer(st, &e);
	return rc == 0;
}

int replica_group(struct store *st, const struct rtable *t, const char *group, const char *col,
		  const char *row, struct rclaim **out, size_t *n, bool *any_claim, struct err *e)
{
	struct strbuf sql = { 0 };
	size_t alloc = 0;
	*out = NULL;
	*n = 0;
	*any_claim = false;
	/* the number a row claims is its field's current value (the merged
	 * one, the same on every copy); sync_claim marks rows that gave way */
	sb_addf(&sql, "SELECT t.id, coalesce((SELECT h.value FROM sync_ver v JOIN sync_hist h ON h.tbl = v.tbl"
		      " AND h.row = v.row AND h.col = v.col AND h.hlc = v.hlc AND h.writer = v.writer"
		      " WHERE v.tbl = '%s' AND v.row = t.id AND v.col = '%s'), t.\"%s\"),"
		      " coalesce(v.hlc, 0), t.\"%s\", c.value IS NOT NULL"
		      " FROM \"%s\" t LEFT JOIN sync_claim c ON c.tbl = '%s' AND c.row = t.id AND c.col = '%s'"
		      " LEFT JOIN sync_ver v ON v.tbl = '%s' AND v.row = t.id AND v.col = 'created'"
		      " WHERE true",
		t->name, col, col, col, t->name, t->name, col, t->name);
	const char *p = group;
	while (*p) {
		size_t len = strcspn(p, ",");
		sb_addf(&sql, " AND t.\"%.*s\" IS (SELECT \"%.*s\" FROM \"%s\" WHERE id = ?1)", (int)len, p, (int)len,
			p, t->name);
		p += len + (p[len] == ',');
	}
	sb_adds(&sql, " ORDER BY t.id");
	sqlite3_stmt *s = db_query_text(st, e, sql.buf, "s", row);
	sb_release(&sql);
	if (!s)
		return -1;
	int rc;
	while ((rc = db_step(st, s, e)) == 1) {
		ALLOC_GROW(*out, *n + 1, alloc);
		struct rclaim *c = &(*out)[(*n)++];
		snprintf(c->row, sizeof c->row, "%s", (const char *)sqlite3_column_text(s, 0));
		c->claim = sqlite3_column_int64(s, 1);
		c->hlc = sqlite3_column_int64(s, 2);
		c->now = sqlite3_column_int64(s, 3);
		if (sqlite3_column_int(s, 4))
			*any_claim = true;
	}
	return rc;
}

int replica_group_set(struct store *st, const struct rtable *t, const char *col,
		      const struct rclaim *v, size_t n, struct err *e)
{
	char *sql = xasprintf("UPDATE \"%s\" SET \"%s\" = ?2 WHERE id = ?1", t->name, col);
	int rc = 0;
	/* first out of the way (negative numbers are never used), then in place */
	for (int pass = 0; pass < 2 && !rc; pass++) {
		for (size_t i = 0; i < n && !rc; i++) {
			if (v[i].now == v[i].claim && pass == 0)
				continue;
			sqlite3_stmt *s = db_query_text(st, e, sql, "sI", v[i].row,
							(sqlite3_int64)(pass == 0 ? -1 - (long long)i : v[i].now));
			rc = !s || db_step(st, s, e) < 0 ? -1 : 0;
		}
	}
	free(sql);
	return rc;
}

int replica_numbers_pin(struct store *st, const char *meeting_id, const char *item_id, struct err *e)
{
	/* a machine without the power leaves them: the others would judge its
	 * pin against numbers of their own (the guard's answer) */
	bool on = replica_capturing(st) && replica_guard_power(st);
	if (store_error(st, e))
		return -1;
	const struct rtable *items = on ? replica_table(st, "item") : NULL;
	const struct rtable *decisions = on ? replica_table(st, "decision") : NULL;
	if (!items || !decisions)
		return store_error(st, e) ? -1 : 0;
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT tbl, row FROM sync_claim WHERE (tbl = 'item' AND col = 'pos'"
				   " AND row IN (SELECT id FROM item WHERE meeting_id = ?1 AND (?2 IS NULL OR id = ?2)))"
				   " OR (tbl = 'decision' AND col = 'para' AND row IN (SELECT d.id FROM decision d"
				   " JOIN item i ON i.id = d.item_id WHERE i.meeting_id = ?1 AND (?2 IS NULL OR i.id = ?2)))"
				   " ORDER BY tbl, row",
				   "ss", meeting_id, item_id);
	if (!s)
		return -1;
	struct strvec tbls = { 0 }, rows = { 0 };
	int rc;
	while ((rc = db_step(st, s, e)) == 1) {
		strvec_push(&tbls, (const char *)sqlite3_column_text(s, 0));
		strvec_push(&rows, (const char *)sqlite3_column_text(s, 1));
	}
	for (size_t i = 0; i < rows.n && !rc; i++) {
		bool item = !strcmp(tbls.v[i], "item");
		const struct rtable *t = item ? items : decisions;
		int col = replica_col(t, item ? "pos" : "para");
		rc = col < 0 ? 0 : replica_dirty_mark(st, t->name, rows.v[i], 1LL << col, e);
	}
	strvec_release(&tbls);
	strvec_release(&rows);
	return rc;
}
