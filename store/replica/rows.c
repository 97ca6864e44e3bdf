/*
 * rows: the merge's rows, by table and row key: read, written, found by
 * the values of a unique constraint, renamed, and the references between
 * them. The SQL is made from the table's columns and cached by its text.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/replica/internal.h"

/* The most columns of a unique constraint replica_row_find looks a row up
 * by (the schema's have up to three). */
#define UNIQUE_COLS_MAX 16

int replica_row_get(struct store *st, const struct rtable *t, const char *row, struct rval *vals,
		    struct err *e)
{
	struct strbuf sql = { 0 };
	sb_adds(&sql, "SELECT ");
	for (int c = 0; c < t->ncols; c++)
		sb_addf(&sql, "%s\"%s\"", c ? ", " : "", t->cols[c]);
	sb_addf(&sql, " FROM \"%s\" WHERE ", t->name);
	rkey_where(st, t, 1, &sql);
	sqlite3_stmt *s = db_statement(st, e, sql.buf);
	sb_release(&sql);
	if (!s || rkey_bind(st, s, t, 1, row, e))
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	for (int c = 0; c < t->ncols; c++)
		col_value(s, c, &vals[c]);
	db_done(s);
	return 0;
}

bool replica_row_exists(struct store *st, const struct rtable *t, const char *row)
{
	struct strbuf sql = { 0 };
	struct err e;
	sb_addf(&sql, "SELECT 1 FROM \"%s\" WHERE ", t->name);
	rkey_where(st, t, 1, &sql);
	sqlite3_stmt *s = db_statement(st, &e, sql.buf);
	sb_release(&sql);
	int rc = !s || rkey_bind(st, s, t, 1, row, &e) ? -1 : db_step(st, s, &e);
	if (rc < 0) {
		db_defer(st, &e);
		return false;
	}
	if (rc == 1)
		db_done(s);
	return rc == 1;
}

/* A write refused: by a unique constraint, 2 and the columns it names
 * (when the caller asks for them); else the database's error. */
static int write_failed(struct store *st, const struct rtable *t, char **unique, struct err *e)
{
	static const char prefix[] = "UNIQUE constraint failed: ";
	const char *msg = sqlite3_errmsg(st->db);
	const char *p = strstr(msg, prefix);
	if (!p || !unique) {
		/* a value against the schema's rules: refused, not a failure */
		if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT)
			return db_refused(st, e);
		return db_error(st, e);
	}
	p += strlen(prefix);
	struct strbuf cols = { 0 };
	size_t tn = strlen(t->name);
	while (*p) {
		if (!strncmp(p, t->name, tn) && p[tn] == '.')
			p += tn + 1;
		size_t n = strcspn(p, ",");
		if (cols.len)
			sb_addc(&cols, ',');
		sb_add(&cols, p, n);
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
	*unique = sb_detach(&cols);
	return 2;
}

/* Steps a statement that writes a row: 0, 2 (a unique constraint, see
 * write_failed) or -1; the statement is reset. */
static int write_step(struct store *st, const struct rtable *t, sqlite3_stmt *s, char **unique,
		      struct err *e)
{
	int rc = sqlite3_step(s);
	/* the error's message is read before the reset */
	rc = rc == SQLITE_DONE ? 0 : write_failed(st, t, unique, e);
	sqlite3_reset(s);
	return rc;
}

int replica_row_insert(struct store *st, const struct rtable *t, const char *row,
		       const struct rval *vals, char **unique, struct err *e)
{
	struct strbuf sql = { 0 };
	int n = 0;
	sb_addf(&sql, "INSERT INTO \"%s\"(", t->name);
	if (t->has_id)
		sb_adds(&sql, "id"), n++;
	for (int c = 0; c < t->ncols; c++)
		sb_addf(&sql, "%s\"%s\"", n++ ? ", " : "", t->cols[c]);
	sb_adds(&sql, ") VALUES (");
	for (int i = 0; i < n; i++)
		sb_addf(&sql, "%s?%d", i ? ", " : "", i + 1);
	sb_adds(&sql, ")");
	sqlite3_stmt *s = db_statement(st, e, sql.buf);
	sb_release(&sql);
	if (!s)
		return -1;
	int k = 1;
	if (t->has_id && db_bind(st, s, e, k++, "s", row))
		return -1;
	for (int c = 0; c < t->ncols; c++)
		if (db_bind(st, s, e, k++, "v", &vals[c]))
			return -1;
	return write_step(st, t, s, unique, e);
}

int replica_row_update(struct store *st, const struct rtable *t, const char *row,
		       unsigned long long mask, const struct rval *vals, char **unique,
		       struct err *e)
{
	struct strbuf sql = { 0 };
	int n = 0;
	if (!mask)
		return 0;
	assert(t->ncols <= REPLICA_COLS_MAX && mask >> t->ncols == 0);
	sb_addf(&sql, "UPDATE \"%s\" SET ", t->name);
	for (int c = 0; c < t->ncols; c++) {
		if (mask & (1ULL << c)) {
			sb_addf(&sql, "%s\"%s\" = ?%d", n ? ", " : "", t->cols[c], n + 1);
			n++;
		}
	}
	sb_adds(&sql, " WHERE ");
	rkey_where(st, t, n + 1, &sql);
	sqlite3_stmt *s = db_statement(st, e, sql.buf);
	sb_release(&sql);
	if (!s)
		return -1;
	int k = 1;
	for (int c = 0; c < t->ncols; c++)
		if ((mask & (1ULL << c)) && db_bind(st, s, e, k++, "v", &vals[c]))
			return -1;
	if (rkey_bind(st, s, t, k, row, e))
		return -1;
	return write_step(st, t, s, unique, e);
}

int replica_row_delete(struct store *st, const struct rtable *t, const char *row, struct err *e)
{
	struct strbuf sql = { 0 };
	sb_addf(&sql, "DELETE FROM \"%s\" WHERE ", t->name);
	rkey_where(st, t, 1, &sql);
	sqlite3_stmt *s = db_statement(st, e, sql.buf);
	sb_release(&sql);
	if (!s || rkey_bind(st, s, t, 1, row, e) || db_step(st, s, e) < 0)
		return -1;
	return 0;
}

/* The column named by len bytes at p, or -1. */
static int col_named(const struct rtable *t, const char *p, size_t len)
{
	for (int i = 0; i < t->ncols; i++)
		if (strlen(t->cols[i]) == len && !strncmp(t->cols[i], p, len))
			return i;
	return -1;
}

int replica_row_find(struct store *st, const struct rtable *t, const char *cols,
		     const struct rval *vals, char row[ROW_KEY_MAX], struct err *e)
{
	struct strbuf sql = { 0 }, key = { 0 };
	int idx[UNIQUE_COLS_MAX], n = 0;
	rkey_expr(st, t, "t", &key);
	sb_addf(&sql, "SELECT %s FROM \"%s\" t WHERE ", key.buf, t->name);
	sb_release(&key);
	for (const char *p = cols; *p;) {
		size_t len = strcspn(p, ",");
		int c = col_named(t, p, len);
		if (c < 0) {
			/* no row has a column the table lacks */
			sb_release(&sql);
			return 1;
		}
		assert(n < UNIQUE_COLS_MAX);
		sb_addf(&sql, "%s\"%s\" = ?%d", n ? " AND " : "", t->cols[c], n + 1);
		idx[n++] = c;
		p += len + (p[len] == ',');
	}
	sqlite3_stmt *s = db_statement(st, e, sql.buf);
	sb_release(&sql);
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (db_bind(st, s, e, i + 1, "v", &vals[idx[i]]))
			return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	snprintf(row, ROW_KEY_MAX, "%s", (const char *)sqlite3_column_text(s, 0));
	db_done(s);
	return 0;
}

int replica_row_rename(struct store *st, const struct rtable *t, const char *from, const char *to,
		       struct err *e)
{
	struct strbuf sql = { 0 };
	sb_addf(&sql, "UPDATE \"%s\" SET id = ?2 WHERE id = ?1", t->name);
	sqlite3_stmt *s = db_query_text(st, e, sql.buf, "ss", from, to);
	sb_release(&sql);
	if (!s || db_step(st, s, e) < 0)
		return -1;
	return replica_hist_copy(st, t->name, from, to, e) ||
	       db_exec(st, e, "UPDATE sync_ver SET row = ?3 WHERE tbl = ?1 AND row = ?2", "sss", t->name, from, to) ||
	       db_exec(st, e, "UPDATE OR IGNORE sync_head SET row = ?3 WHERE tbl = ?1 AND row = ?2", "sss", t->name, from, to) ||
	       db_exec(st, e, "UPDATE OR IGNORE sync_claim SET row = ?3 WHERE tbl = ?1 AND row = ?2", "sss", t->name, from, to)
		       ? -1 : 0;
}

/* The § counters are derived from the merged decisions: the highest § of
 * each body and year (so that every copy holds the same). */
int replica_counters_fix(struct store *st, struct err *e)
{
	return db_exec(st, e,
		       "DELETE FROM para_counter WHERE NOT EXISTS (SELECT 1 FROM decision d"
		       " WHERE d.body_id = para_counter.body_id AND d.year = para_counter.year)", "") ||
	       db_exec(st, e,
		       "INSERT INTO para_counter(body_id, year, last) SELECT body_id, year, max(para) FROM decision"
		       " WHERE true GROUP BY body_id, year ON CONFLICT(body_id, year) DO UPDATE SET"
		       " last = excluded.last",
		       "")
		       ? -1 : 0;
}

int replica_children(struct store *st, const struct rtable *child, const char *col,
		     const char *value, struct strvec *rows, struct err *e)
{
	struct strbuf sql = { 0 }, key = { 0 };
	rkey_expr(st, child, "t", &key);
	sb_addf(&sql, "SELECT %s FROM \"%s\" t WHERE \"%s\" = ?1 ORDER BY 1", key.buf, child->name, col);
	sb_release(&key);
	sqlite3_stmt *s = db_query_text(st, e, sql.buf, "s", value);
	sb_release(&sql);
	if (!s)
		return -1;
	int rc;
	while ((rc = db_step(st, s, e)) == 1)
		strvec_push(rows, (const char *)sqlite3_column_text(s, 0));
	return rc;
}

/* The id of the row at rowid of table t: 0, 1 if none. */
static int row_at(struct store *st, const struct rtable *t, sqlite3_int64 rowid, char **id, struct err *e)
{
	char *sql = xasprintf("SELECT id FROM \"%s\" WHERE rowid = ?", t->name);
	int rc = -1;
	sqlite3_stmt *s = db_query_text(st, e, sql, "I", rowid);
	free(sql);
	if (s && (rc = db_step(st, s, e)) == 1) {
		*id = col_text(s, 0);
		db_done(s);
		rc = 0;
	} else if (rc == 0) {
		rc = 1;
	}
	return rc;
}

int replica_dangling(struct store *st, struct strvec *rows, struct err *e)
{
	int now = 0, high = 0;
	/* SQLite counts the references this transaction left pointing at
	 * nothing; none, and the whole database need not be checked */
	if (sqlite3_db_status(st->db, SQLITE_DBSTATUS_DEFERRED_FKS, &now, &high, 0) == SQLITE_OK && now == 0)
		return 0;
	if (rtables_ensure(st, e))
		return -1;
	sqlite3_stmt *s = db_query(st, e, "SELECT \"table\", rowid FROM pragma_foreign_key_check", "");
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		const struct rtable *t = replica_table(st, (const char *)sqlite3_column_text(s, 0));
		char *id = NULL;
		/* a table without an id is derived (the § counters): replica_counters_fix makes it anew */
		if (!t || !t->has_id)
			continue;
		int found = row_at(st, t, sqlite3_column_int64(s, 1), &id, e);
		if (found < 0) {
			db_done(s);
			return -1;
		}
		if (found == 0) {
			char *item = xasprintf("%s/%s", t->name, id);
			strvec_push(rows, item);
			free(item);
			free(id);
		}
	}
	return rc < 0 ? -1 : 0;
}

int replica_defer_fk(struct store *st, struct err *e)
{
	return db_exec(st, e, "PRAGMA defer_foreign_keys = ON", "");
}
