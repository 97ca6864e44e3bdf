/*
 * tables: the content tables (store/content.h) as sync sees them, read
 * from the schema on first use: their columns in the table's order
 * without the id, the table each column references, a rank that puts
 * parents before children, and the primary key of a table without an id.
 * And row keys in SQL: the id, or the primary key columns joined by '|'.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/content.h"
#include "store/replica/internal.h"

static void free_tables(struct replica *r)
{
	for (size_t i = 0; i < r->ntables; i++) {
		struct rtable *t = &r->tables[i];
		for (int c = 0; c < t->ncols; c++) {
			free(t->cols[c]);
			free(t->parent[c]);
		}
		free(t->cols);
		free(t->parent);
		free(t->name);
		strvec_release(&r->pk[i]);
	}
	free(r->tables);
	free(r->pk);
	r->tables = NULL;
	r->pk = NULL;
	r->ntables = 0;
}

void replica_release(struct store *st)
{
	if (!st->replica)
		return;
	free_tables(st->replica);
	free(st->replica);
	st->replica = NULL;
}

static const struct rtable *find(const struct replica *r, const char *name)
{
	for (size_t i = 0; i < r->ntables; i++)
		if (!strcmp(r->tables[i].name, name))
			return &r->tables[i];
	return NULL;
}

static int cmp_rank(const void *a, const void *b)
{
	const struct rtable *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return strcmp(x->name, y->name);
}

/* A table's columns and the tables they reference. */
static int load_columns(struct store *st, struct rtable *t, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT name FROM pragma_table_info(?) ORDER BY cid", "s", t->name);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		const char *c = (const char *)sqlite3_column_text(s, 0);
		if (!strcmp(c, "id")) {
			t->has_id = true;
			continue;
		}
		if (t->ncols == REPLICA_COLS_MAX) {
			db_done(s);
			return error(e, E_TOO_MANY_COLUMNS, t->name, REPLICA_COLS_MAX);
		}
		t->cols[t->ncols++] = xstrdup(c);
	}
	if (rc < 0)
		return -1;
	s = db_query(st, e, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", "s", t->name);
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		int c = replica_col(t, (const char *)sqlite3_column_text(s, 0));
		if (c >= 0) {
			free(t->parent[c]);
			t->parent[c] = xstrdup((const char *)sqlite3_column_text(s, 1));
		}
	}
	return rc < 0 ? -1 : 0;
}

/* The primary key columns of a table without an id, in key order. */
static int load_key(struct store *st, const struct rtable *t, struct strvec *pk, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
				   "s", t->name);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		strvec_push(pk, (const char *)sqlite3_column_text(s, 0));
	return rc < 0 ? -1 : 0;
}

int rtables_load(struct store *st, struct err *e)
{
	if (!st->replica)
		st->replica = xcalloc(1, sizeof *st->replica);
	struct replica *r = st->replica;
	struct strvec names = { 0 };
	free_tables(r);
	if (store_content_tables(st, &names, e))
		goto fail;
	r->tables = xcalloc(names.n ? names.n : 1, sizeof *r->tables);
	r->pk = xcalloc(names.n ? names.n : 1, sizeof *r->pk);
	r->ntables = names.n;
	for (size_t i = 0; i < names.n; i++) {
		struct rtable *t = &r->tables[i];
		t->name = xstrdup(names.v[i]);
		t->cols = xcalloc(REPLICA_COLS_MAX, sizeof *t->cols);
		t->parent = xcalloc(REPLICA_COLS_MAX, sizeof *t->parent);
		if (load_columns(st, t, e))
			goto fail;
	}
	/* ranks: a table comes after the tables it references */
	for (size_t pass = 0; pass < r->ntables + 1; pass++) {
		bool changed = false;
		for (size_t i = 0; i < r->ntables; i++) {
			struct rtable *t = &r->tables[i];
			for (int c = 0; c < t->ncols; c++) {
				const struct rtable *p = t->parent[c] ? find(r, t->parent[c]) : NULL;
				if (p && p != t && p->rank + 1 > t->rank) {
					t->rank = p->rank + 1;
					changed = true;
				}
			}
		}
		if (!changed)
			break;
	}
	qsort(r->tables, r->ntables, sizeof *r->tables, cmp_rank);
	for (size_t i = 0; i < r->ntables; i++)
		if (!r->tables[i].has_id && load_key(st, &r->tables[i], &r->pk[i], e))
			goto fail;
	strvec_release(&names);
	return 0;
fail:
	free_tables(r);
	strvec_release(&names);
	return -1;
}

int rtables_ensure(struct store *st, struct err *e)
{
	if (st->replica && st->replica->tables)
		return 0;
	return rtables_load(st, e);
}

int replica_tables(struct store *st, const struct rtable **out, size_t *n, struct err *e)
{
	if (rtables_ensure(st, e))
		return -1;
	*out = st->replica->tables;
	*n = st->replica->ntables;
	return 0;
}

const struct rtable *replica_table(struct store *st, const char *name)
{
	struct err e;
	if (rtables_ensure(st, &e)) {
		db_defer(st, &e);
		return NULL;
	}
	return find(st->replica, name);
}

int replica_col(const struct rtable *t, const char *col)
{
	for (int i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], col))
			return i;
	return -1;
}

/* The key columns of a table without an id. */
static const struct strvec *pk_of(struct store *st, const struct rtable *t)
{
	const struct replica *r = st->replica;
	/* every rtable is one of the store's own (replica_table, replica_tables) */
	assert(r && t >= r->tables && t < r->tables + r->ntables);
	return &r->pk[t - r->tables];
}

void rkey_expr(struct store *st, const struct rtable *t, const char *which, struct strbuf *sb)
{
	if (t->has_id) {
		sb_addf(sb, "%s.id", which);
		return;
	}
	const struct strvec *pk = pk_of(st, t);
	for (size_t i = 0; i < pk->n; i++)
		sb_addf(sb, "%s%s.\"%s\"", i ? " || '|' || " : "", which, pk->v[i]);
}

int rkey_where(struct store *st, const struct rtable *t, int first, struct strbuf *sb)
{
	if (t->has_id) {
		sb_addf(sb, "id = ?%d", first);
		return 1;
	}
	const struct strvec *pk = pk_of(st, t);
	for (size_t i = 0; i < pk->n; i++)
		sb_addf(sb, "%s\"%s\" = ?%d", i ? " AND " : "", pk->v[i], first + (int)i);
	return (int)pk->n;
}

int rkey_bind(struct store *st, sqlite3_stmt *s, const struct rtable *t, int first, const char *row,
	      struct err *e)
{
	if (t->has_id)
		return db_bind(st, s, e, first, "s", row);
	const struct strvec *pk = pk_of(st, t);
	char buf[ROW_KEY_MAX];
	size_t parts = 1;
	for (const char *p = row; *p; p++)
		parts += *p == '|';
	if (strlen(row) >= sizeof buf || parts != pk->n) {
		db_done(s);
		return error(e, E_BAD_ROW_KEY, row, t->name);
	}
	snprintf(buf, sizeof buf, "%s", row);
	char *p = buf;
	for (size_t i = 0; i < parts; i++) {
		char *bar = strchr(p, '|');
		if (bar)
			*bar = '\0';
		if (db_bind(st, s, e, first + (int)i, "s", p))
			return -1;
		if (bar)
			p = bar + 1;
	}
	return 0;
}
