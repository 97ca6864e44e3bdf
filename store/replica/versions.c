/*
 * versions: each field's version (sync_ver), the concurrent versions not
 * chosen (sync_head, the open conflicts) and every value a field ever had
 * (sync_hist), all by table, row key and column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/replica/internal.h"

int rver_cmp(const struct rver *a, const struct rver *b)
{
	if (a->hlc != b->hlc)
		return a->hlc < b->hlc ? -1 : 1;
	return strcmp(a->writer, b->writer);
}

/* Whether a query of one row finds it: 1 or 0, -1 on error (e set). */
static int any(struct store *st, sqlite3_stmt *s, struct err *e)
{
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc == 1)
		db_done(s);
	return rc;
}

int replica_ver_get(struct store *st, const char *tbl, const char *row, const char *col,
		    struct rver *v, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT hlc, writer, seq FROM sync_ver WHERE tbl = ? AND row = ? AND col = ?",
				   "sss", tbl, row, col);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	v->hlc = sqlite3_column_int64(s, 0);
	col_id(s, 1, v->writer);
	v->seq = sqlite3_column_int64(s, 2);
	db_done(s);
	return 0;
}

int replica_ver_set(struct store *st, const char *tbl, const char *row, const char *col,
		    const struct rver *v, struct err *e)
{
	return db_exec(st, e,
		       "INSERT INTO sync_ver(tbl, row, col, hlc, writer, seq) VALUES (?, ?, ?, ?, ?, ?)"
		       " ON CONFLICT(tbl, row, col) DO UPDATE SET hlc = excluded.hlc, writer = excluded.writer,"
		       " seq = excluded.seq",
		       "sssIsI", tbl, row, col, (sqlite3_int64)v->hlc, v->writer, (sqlite3_int64)v->seq);
}

bool replica_has_versions(struct store *st, const char *tbl, const char *row)
{
	struct err e;
	int rc = any(st, db_query(st, &e, "SELECT 1 FROM sync_ver WHERE tbl = ? AND row = ? LIMIT 1", "ss", tbl, row),
		     &e);
	if (rc < 0)
		db_defer(st, &e);
	return rc == 1;
}

int replica_fields_add(struct store *st, const char *tbl, const char *row, const struct rver *v,
		       char *const *cols, const struct rval *vals, int n, struct err *e)
{
	struct strbuf sql = { 0 };
	if (n <= 0)
		return 0;
	/* the history: ?1 table, ?2 row, ?3 clock, ?4 writer, then column and value pairs */
	sb_adds(&sql, "INSERT OR IGNORE INTO sync_hist(tbl, row, col, hlc, writer, value) VALUES ");
	for (int i = 0; i < n; i++)
		sb_addf(&sql, "%s(?1, ?2, ?%d, ?3, ?4, ?%d)", i ? ", " : "", 5 + 2 * i, 6 + 2 * i);
	sqlite3_stmt *s = db_statement(st, e, sql.buf);
	int rc = !s || db_bind(st, s, e, 1, "ssIs", tbl, row, (sqlite3_int64)v->hlc, v->writer) ? -1 : 0;
	for (int i = 0; i < n && !rc; i++)
		rc = db_bind(st, s, e, 5 + 2 * i, "sv", cols[i], &vals[i]);
	if (rc || db_step(st, s, e) < 0) {
		sb_release(&sql);
		return -1;
	}
	/* the versions: ?1 table, ?2 row, ?3 clock, ?4 writer, ?5 file, then columns */
	sb_reset(&sql);
	sb_adds(&sql, "INSERT INTO sync_ver(tbl, row, col, hlc, writer, seq) VALUES ");
	for (int i = 0; i < n; i++)
		sb_addf(&sql, "%s(?1, ?2, ?%d, ?3, ?4, ?5)", i ? ", " : "", 6 + i);
	sb_adds(&sql, " ON CONFLICT(tbl, row, col) DO UPDATE SET hlc = excluded.hlc, writer = excluded.writer,"
		      " seq = excluded.seq");
	s = db_statement(st, e, sql.buf);
	sb_release(&sql);
	rc = !s || db_bind(st, s, e, 1, "ssIsI", tbl, row, (sqlite3_int64)v->hlc, v->writer, (sqlite3_int64)v->seq)
		     ? -1 : 0;
	for (int i = 0; i < n && !rc; i++)
		rc = db_bind(st, s, e, 6 + i, "s", cols[i]);
	return rc || db_step(st, s, e) < 0 ? -1 : 0;
}

bool replica_has_heads(struct store *st, const char *tbl, const char *row)
{
	struct err e;
	int rc = any(st, db_query(st, &e, "SELECT 1 FROM sync_head WHERE tbl = ? AND row = ? LIMIT 1", "ss", tbl, row),
		     &e);
	if (rc < 0)
		db_defer(st, &e);
	return rc == 1;
}

int replica_heads(struct store *st, const char *tbl, const char *row, const char *col,
		  struct rver **v, size_t *n, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT hlc, writer, seq FROM sync_head WHERE tbl = ? AND row = ? AND col = ?"
				   " ORDER BY hlc, writer",
				   "sss", tbl, row, col);
	int rc;
	size_t alloc = 0;
	*v = NULL;
	*n = 0;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		ALLOC_GROW(*v, *n + 1, alloc);
		struct rver *h = &(*v)[(*n)++];
		h->hlc = sqlite3_column_int64(s, 0);
		col_id(s, 1, h->writer);
		h->seq = sqlite3_column_int64(s, 2);
	}
	return rc;
}

int replica_heads_set(struct store *st, const char *tbl, const char *row, const char *col,
		      const struct rver *v, size_t n, struct err *e)
{
	if (db_exec(st, e, "DELETE FROM sync_head WHERE tbl = ? AND row = ? AND col = ?", "sss", tbl, row, col))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (db_exec(st, e,
			    "INSERT OR IGNORE INTO sync_head(tbl, row, col, hlc, writer, seq) VALUES (?, ?, ?, ?, ?, ?)",
			    "sssIsI", tbl, row, col, (sqlite3_int64)v[i].hlc, v[i].writer, (sqlite3_int64)v[i].seq))
			return -1;
	return 0;
}

int replica_hist_add(struct store *st, const char *tbl, const char *row, const char *col,
		     const struct rver *v, const struct rval *val, struct err *e)
{
	if (db_exec(st, e,
		    "INSERT OR IGNORE INTO sync_hist(tbl, row, col, hlc, writer, value) VALUES (?, ?, ?, ?, ?, ?)",
		    "sssIsv", tbl, row, col, (sqlite3_int64)v->hlc, v->writer, val))
		return -1;
	return sqlite3_changes(st->db) == 0 ? 1 : 0;
}

int replica_hist_get(struct store *st, const char *tbl, const char *row, const char *col,
		     long long hlc, const char *writer, struct rval *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT value FROM sync_hist WHERE tbl = ? AND row = ? AND col = ? AND hlc = ? AND writer = ?",
				   "sssIs", tbl, row, col, (sqlite3_int64)hlc, writer);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	col_value(s, 0, out);
	db_done(s);
	return 0;
}

int replica_row_creator(struct store *st, const char *tbl, const char *row, char writer[ID_LEN + 1],
			struct err *e)
{
	/* the version of its `created`: written when the row was made */
	sqlite3_stmt *s = db_query(st, e, "SELECT writer FROM sync_ver WHERE tbl = ? AND row = ? AND col = 'created'",
				   "ss", tbl, row);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	snprintf(writer, ID_LEN + 1, "%s", (const char *)sqlite3_column_text(s, 0));
	db_done(s);
	return 0;
}

int replica_hist_copy(struct store *st, const char *tbl, const char *from, const char *to,
		      struct err *e)
{
	return db_exec(st, e,
		       "INSERT OR IGNORE INTO sync_hist(tbl, row, col, hlc, writer, value)"
		       " SELECT tbl, ?3, col, hlc, writer, value FROM sync_hist WHERE tbl = ?1 AND row = ?2",
		       "sss", tbl, from, to);
}

int replica_hist_forget(struct store *st, const char *tbl, const char *row, long long hlc,
			const char *writer, struct err *e)
{
	return db_exec(st, e, "DELETE FROM sync_hist WHERE tbl = ? AND row = ? AND hlc = ? AND writer = ?", "ssIs",
		       tbl, row, (sqlite3_int64)hlc, writer);
}

int replica_forget(struct store *st, const char *tbl, const char *row, struct err *e)
{
	return db_exec(st, e, "DELETE FROM sync_ver WHERE tbl = ? AND row = ?", "ss", tbl, row) ||
	       db_exec(st, e, "DELETE FROM sync_head WHERE tbl = ? AND row = ?", "ss", tbl, row) ||
	       db_exec(st, e, "DELETE FROM sync_claim WHERE tbl = ? AND row = ?", "ss", tbl, row)
		       ? -1 : 0;
}

void rconflict_list_release(struct rconflict_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

int replica_conflicts(struct store *st, struct rconflict_list *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT h.tbl, h.row, h.col, v.hlc, v.writer, v.seq, h.hlc, h.writer, h.seq"
				   " FROM sync_head h JOIN sync_ver v USING (tbl, row, col)"
				   " ORDER BY h.tbl, h.row, h.col, h.hlc, h.writer",
				   "");
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		struct rconflict *c = &out->v[out->n++];
		snprintf(c->tbl, sizeof c->tbl, "%s", (const char *)sqlite3_column_text(s, 0));
		snprintf(c->row, sizeof c->row, "%s", (const char *)sqlite3_column_text(s, 1));
		snprintf(c->col, sizeof c->col, "%s", (const char *)sqlite3_column_text(s, 2));
		c->cur.hlc = sqlite3_column_int64(s, 3);
		col_id(s, 4, c->cur.writer);
		c->cur.seq = sqlite3_column_int64(s, 5);
		c->other.hlc = sqlite3_column_int64(s, 6);
		col_id(s, 7, c->other.writer);
		c->other.seq = sqlite3_column_int64(s, 8);
	}
	return rc;
}
