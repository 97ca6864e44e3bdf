/*
 * replica: change capture and the merge's row primitives (see replica.h).
 *
 * Why triggers and not SQLite's session extension (which Debian's SQLite
 * has): a session records only what its own connection writes while it is
 * attached, so every process that writes (the interface, a cron sync, a
 * script, the sqlite3 shell) would have to attach one and save its
 * changesets somewhere. Triggers record every write from any connection,
 * in the writer's own transaction, and they can stamp each change with the
 * hybrid logical clock the merge orders by, and name the changed columns
 * that per-field merging needs. Their SQL is made from the schema, so a
 * column added by a later migration is captured without touching this file.
 */
#include "store/replica.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "store/db.h"

#define DYN_CACHE 1024

struct replica {
	struct rtable *tables;
	size_t ntables;
	struct {
		char *sql;
		sqlite3_stmt *stmt;
	} cache[DYN_CACHE];
};

void rval_release(struct rval *v)
{
	free(v->s);
	memset(v, 0, sizeof *v);
}

bool rval_equal(const struct rval *a, const struct rval *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case RV_NULL:
		return true;
	case RV_INT:
		return a->i == b->i;
	case RV_REAL:
		return a->d == b->d || (isnan(a->d) && isnan(b->d));
	case RV_TEXT:
		return !strcmp(a->s, b->s);
	}
	return false;
}

void rval_copy(struct rval *dst, const struct rval *src)
{
	*dst = *src;
	dst->s = src->type == RV_TEXT ? xstrdup(src->s) : NULL;
}

int rver_cmp(const struct rver *a, const struct rver *b)
{
	if (a->hlc != b->hlc)
		return a->hlc < b->hlc ? -1 : 1;
	return strcmp(a->writer, b->writer);
}

/* ---- statements made at run time, cached by their text ---- */

static sqlite3_stmt *dyn(struct store *st, const char *sql, struct err *e)
{
	struct replica *r = st->replica;
	unsigned h = 5381;
	for (const char *p = sql; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (size_t i = 0; i < DYN_CACHE; i++) {
		size_t k = (h + i) % DYN_CACHE;
		if (r->cache[k].sql && !strcmp(r->cache[k].sql, sql)) {
			sqlite3_reset(r->cache[k].stmt);
			sqlite3_clear_bindings(r->cache[k].stmt);
			return r->cache[k].stmt;
		}
		if (!r->cache[k].sql) {
			sqlite3_stmt *s;
			if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL)) {
				db_error(st, e);
				return NULL;
			}
			r->cache[k].sql = xstrdup(sql);
			r->cache[k].stmt = s;
			return s;
		}
	}
	abort(); /* more distinct statements than tables times operations */
}

static void bind_val(sqlite3_stmt *s, int i, const struct rval *v)
{
	switch (v->type) {
	case RV_NULL:
		sqlite3_bind_null(s, i);
		break;
	case RV_INT:
		sqlite3_bind_int64(s, i, v->i);
		break;
	case RV_REAL:
		sqlite3_bind_double(s, i, v->d);
		break;
	case RV_TEXT:
		sqlite3_bind_text(s, i, v->s, -1, SQLITE_TRANSIENT);
		break;
	}
}

static void col_val(sqlite3_stmt *s, int i, struct rval *v)
{
	memset(v, 0, sizeof *v);
	switch (sqlite3_column_type(s, i)) {
	case SQLITE_INTEGER:
		v->type = RV_INT;
		v->i = sqlite3_column_int64(s, i);
		break;
	case SQLITE_FLOAT:
		v->type = RV_REAL;
		v->d = sqlite3_column_double(s, i);
		break;
	case SQLITE_NULL:
		v->type = RV_NULL;
		break;
	default:
		v->type = RV_TEXT;
		v->s = xstrdup((const char *)sqlite3_column_text(s, i));
	}
}

/* ---- the schema ---- */

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
	}
	free(r->tables);
	r->tables = NULL;
	r->ntables = 0;
}

void replica_release(struct store *st)
{
	struct replica *r = st->replica;
	if (!r)
		return;
	free_tables(r);
	for (size_t i = 0; i < DYN_CACHE; i++) {
		if (r->cache[i].stmt)
			sqlite3_finalize(r->cache[i].stmt);
		free(r->cache[i].sql);
	}
	free(r);
	st->replica = NULL;
}

static int cmp_rank(const void *a, const void *b)
{
	const struct rtable *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return strcmp(x->name, y->name);
}

static int load_tables(struct store *st, struct err *e)
{
	struct replica *r = st->replica;
	struct strvec names = { 0 };
	sqlite3_stmt *s;
	free_tables(r);
	if (sqlite3_prepare_v2(st->db,
			       "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
			       " AND name NOT LIKE 'search%' AND name NOT LIKE 'sync\\_%' ESCAPE '\\'"
			       " AND name <> 'local' ORDER BY name",
			       -1, &s, NULL))
		return db_error(st, e);
	while (sqlite3_step(s) == SQLITE_ROW)
		strvec_push(&names, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	r->tables = xcalloc(names.n ? names.n : 1, sizeof *r->tables);
	r->ntables = names.n;
	for (size_t i = 0; i < names.n; i++) {
		struct rtable *t = &r->tables[i];
		t->name = xstrdup(names.v[i]);
		t->cols = xcalloc(64, sizeof *t->cols);
		t->parent = xcalloc(64, sizeof *t->parent);
		if (sqlite3_prepare_v2(st->db, "SELECT name FROM pragma_table_info(?) ORDER BY cid", -1, &s, NULL))
			return strvec_release(&names), db_error(st, e);
		sqlite3_bind_text(s, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *c = (const char *)sqlite3_column_text(s, 0);
			if (!strcmp(c, "id"))
				t->has_id = true;
			else if (t->ncols < 62)
				t->cols[t->ncols++] = xstrdup(c);
		}
		sqlite3_finalize(s);
		if (sqlite3_prepare_v2(st->db, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", -1, &s, NULL))
			return strvec_release(&names), db_error(st, e);
		sqlite3_bind_text(s, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW) {
			int c = replica_col(t, (const char *)sqlite3_column_text(s, 0));
			if (c >= 0) {
				free(t->parent[c]);
				t->parent[c] = xstrdup((const char *)sqlite3_column_text(s, 1));
			}
		}
		sqlite3_finalize(s);
	}
	strvec_release(&names);
	/* ranks: a table comes after the tables it references */
	for (size_t pass = 0; pass < r->ntables + 1; pass++) {
		bool changed = false;
		for (size_t i = 0; i < r->ntables; i++) {
			struct rtable *t = &r->tables[i];
			for (int c = 0; c < t->ncols; c++) {
				const struct rtable *p = t->parent[c] ? replica_table(st, t->parent[c]) : NULL;
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
	return 0;
}

static int ensure(struct store *st, struct err *e)
{
	if (!st->replica)
		st->replica = xcalloc(1, sizeof *st->replica);
	if (!st->replica->tables)
		return load_tables(st, e);
	return 0;
}

int replica_tables(struct store *st, const struct rtable **out, size_t *n, struct err *e)
{
	if (ensure(st, e))
		return -1;
	*out = st->replica->tables;
	*n = st->replica->ntables;
	return 0;
}

const struct rtable *replica_table(struct store *st, const char *name)
{
	struct err e;
	if (ensure(st, &e))
		return NULL;
	for (size_t i = 0; i < st->replica->ntables; i++)
		if (!strcmp(st->replica->tables[i].name, name))
			return &st->replica->tables[i];
	return NULL;
}

int replica_col(const struct rtable *t, const char *col)
{
	for (int i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], col))
			return i;
	return -1;
}

/* The primary key columns of a table without an id, in key order. */
static void pk_cols(struct store *st, const struct rtable *t, struct strvec *out)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", -1,
			       &s, NULL))
		return;
	sqlite3_bind_text(s, 1, t->name, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW)
		strvec_push(out, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

/* The SQL of a row's key from a trigger's NEW or OLD row. */
static void key_expr(struct store *st, const struct rtable *t, const char *which, struct strbuf *sb)
{
	if (t->has_id) {
		sb_addf(sb, "%s.id", which);
		return;
	}
	struct strvec pk = { 0 };
	pk_cols(st, t, &pk);
	for (size_t i = 0; i < pk.n; i++)
		sb_addf(sb, "%s%s.\"%s\"", i ? " || '|' || " : "", which, pk.v[i]);
	strvec_release(&pk);
}

/* "id = ?1" or "pk1 = ?1 AND pk2 = ?2", for a row named by its key. */
static void key_where(struct store *st, const struct rtable *t, int first, struct strbuf *sb)
{
	if (t->has_id) {
		sb_addf(sb, "id = ?%d", first);
		return;
	}
	struct strvec pk = { 0 };
	pk_cols(st, t, &pk);
	for (size_t i = 0; i < pk.n; i++)
		sb_addf(sb, "%s\"%s\" = ?%d", i ? " AND " : "", pk.v[i], first + (int)i);
	strvec_release(&pk);
}

/* Binds a row key (split at '|' for tables without an id). */
static void bind_key(sqlite3_stmt *s, const struct rtable *t, int first, const char *row)
{
	if (t->has_id) {
		sqlite3_bind_text(s, first, row, -1, SQLITE_TRANSIENT);
		return;
	}
	char buf[ROW_KEY_MAX];
	snprintf(buf, sizeof buf, "%s", row);
	char *p = buf;
	for (int i = first;; i++) {
		char *bar = strchr(p, '|');
		if (bar)
			*bar = '\0';
		sqlite3_bind_text(s, i, p, -1, SQLITE_TRANSIENT);
		if (!bar)
			break;
		p = bar + 1;
	}
}

#define CLOCK_NOW "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536"

int replica_install(struct store *st, struct err *e)
{
	char *have = NULL, want[32];
	sqlite3_stmt *s;
	int rc = -1;
	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_schema WHERE name = 'sync_state'", -1, &s, NULL))
		return db_error(st, e);
	bool synced = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	if (!synced)
		return 0;
	if (store_local_get(st, "capture_schema", &have, e))
		return -1;
	if (sqlite3_prepare_v2(st->db, "PRAGMA schema_version", -1, &s, NULL))
		return free(have), db_error(st, e);
	snprintf(want, sizeof want, "%lld", sqlite3_step(s) == SQLITE_ROW ? (long long)sqlite3_column_int64(s, 0) : -1LL);
	sqlite3_finalize(s);
	if (have && !strcmp(have, want)) {
		free(have);
		return 0;
	}
	free(have);
	struct strbuf sql = { 0 }, key = { 0 }, oldkey = { 0 };
	struct strvec old = { 0 };
	if (store_begin(st, e))
		return -1;
	if (ensure(st, e) || load_tables(st, e))
		goto out;
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'", -1, &s, NULL)) {
		db_error(st, e);
		goto out;
	}
	while (sqlite3_step(s) == SQLITE_ROW)
		strvec_push(&old, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	for (size_t i = 0; i < old.n; i++)
		sb_addf(&sql, "DROP TRIGGER \"%s\";", old.v[i]);
	for (size_t i = 0; i < st->replica->ntables; i++) {
		const struct rtable *t = &st->replica->tables[i];
		sb_reset(&key);
		sb_reset(&oldkey);
		key_expr(st, t, "new", &key);
		key_expr(st, t, "old", &oldkey);
		sb_addf(&sql,
			"CREATE TRIGGER \"sync_%s_i\" AFTER INSERT ON \"%s\" WHEN (SELECT capture FROM sync_state) BEGIN"
			" UPDATE sync_state SET hlc = max(hlc + 1, " CLOCK_NOW ");"
			" INSERT INTO sync_dirty(tbl, row, mask, hlc, first) SELECT '%s', %s, -1, hlc, hlc FROM sync_state WHERE true"
			" ON CONFLICT(tbl, row) DO UPDATE SET mask = -1, hlc = excluded.hlc; END;",
			t->name, t->name, t->name, key.buf);
		sb_addf(&sql,
			"CREATE TRIGGER \"sync_%s_u\" AFTER UPDATE ON \"%s\" WHEN (SELECT capture FROM sync_state) BEGIN"
			" UPDATE sync_state SET hlc = max(hlc + 1, " CLOCK_NOW ");"
			" INSERT INTO sync_dirty(tbl, row, mask, hlc, first) SELECT '%s', %s, m, s.hlc, s.hlc FROM (SELECT 0",
			t->name, t->name, t->name, key.buf);
		for (int c = 0; c < t->ncols; c++)
			sb_addf(&sql, " | ((old.\"%s\" IS NOT new.\"%s\") << %d)", t->cols[c], t->cols[c], c);
		sb_adds(&sql, " AS m), sync_state s WHERE m <> 0 ON CONFLICT(tbl, row) DO UPDATE SET"
			      " mask = CASE WHEN mask < 0 THEN mask ELSE mask | excluded.mask END, hlc = excluded.hlc; END;");
		sb_addf(&sql,
			"CREATE TRIGGER \"sync_%s_d\" AFTER DELETE ON \"%s\" WHEN (SELECT capture FROM sync_state) BEGIN"
			" UPDATE sync_state SET hlc = max(hlc + 1, " CLOCK_NOW ");"
			" INSERT INTO sync_dirty(tbl, row, mask, hlc, first) SELECT '%s', %s, -2, hlc, hlc FROM sync_state WHERE true"
			" ON CONFLICT(tbl, row) DO UPDATE SET mask = CASE WHEN mask IN (-1, -3) THEN -3 ELSE -2 END,"
			" hlc = excluded.hlc; END;",
			t->name, t->name, t->name, oldkey.buf);
	}
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql.buf, NULL, NULL, &msg) != SQLITE_OK) {
		error(e, E_DB, msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		goto out;
	}
	/* the statements made before refer to the old schema */
	for (size_t i = 0; i < DYN_CACHE; i++) {
		if (st->replica->cache[i].stmt)
			sqlite3_finalize(st->replica->cache[i].stmt);
		free(st->replica->cache[i].sql);
		st->replica->cache[i].stmt = NULL;
		st->replica->cache[i].sql = NULL;
	}
	if (sqlite3_prepare_v2(st->db, "PRAGMA schema_version", -1, &s, NULL)) {
		db_error(st, e);
		goto out;
	}
	snprintf(want, sizeof want, "%lld", sqlite3_step(s) == SQLITE_ROW ? (long long)sqlite3_column_int64(s, 0) : -1LL);
	sqlite3_finalize(s);
	if (store_local_set(st, "capture_schema", want, e))
		goto out;
	rc = 0;
out:
	strvec_release(&old);
	sb_release(&sql);
	sb_release(&key);
	sb_release(&oldkey);
	if (rc)
		store_rollback(st);
	else if (store_commit(st, e))
		rc = -1;
	return rc;
}

/* ---- capture and the clock ---- */

int replica_capture(struct store *st, bool on, struct err *e)
{
	return db_exec(st, e, "UPDATE sync_state SET capture = ?", "i", on ? 1 : 0);
}

bool replica_capturing(struct store *st)
{
	char *v = NULL;
	struct err e;
	bool on = db_text(st, &e, &v, "SELECT capture FROM sync_state", "") == 0 && v && atoi(v);
	free(v);
	return on;
}

long long replica_wall_hlc(void)
{
	return clock_system_ms() << HLC_SHIFT;
}

int replica_clock_now(struct store *st, long long *hlc, struct err *e)
{
	char *v = NULL;
	if (db_exec(st, e, "UPDATE sync_state SET hlc = max(hlc + 1, ?)", "I", (sqlite3_int64)replica_wall_hlc()) ||
	    db_text(st, e, &v, "SELECT hlc FROM sync_state", "") != 0)
		return -1;
	*hlc = atoll(v);
	free(v);
	return 0;
}

int replica_clock_observe(struct store *st, long long hlc, long long max, struct err *e)
{
	if (hlc > max)
		hlc = max;
	return db_exec(st, e, "UPDATE sync_state SET hlc = max(hlc, ?)", "I", (sqlite3_int64)hlc);
}

/* ---- dirty rows ---- */

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
		if (out->n == out->alloc) {
			out->alloc = out->alloc ? 2 * out->alloc : 64;
			out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
		}
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

int replica_dirty_all(struct store *st, struct err *e)
{
	if (ensure(st, e))
		return -1;
	for (size_t i = 0; i < st->replica->ntables; i++) {
		const struct rtable *t = &st->replica->tables[i];
		struct strbuf sql = { 0 }, key = { 0 };
		long long hlc;
		if (replica_clock_now(st, &hlc, e))
			return -1;
		key_expr(st, t, "t", &key);
		/* parents first, then rows in the order they were made */
		sb_addf(&sql, "INSERT INTO sync_dirty(tbl, row, mask, hlc, first) SELECT '%s', %s, -1, ?1,"
			      " ?1 + %zu * 1000000000 + row_number() OVER (ORDER BY %s rowid) FROM \"%s\" t WHERE true"
			      " ON CONFLICT(tbl, row) DO UPDATE SET mask = -1",
			t->name, key.buf, i, replica_col(t, "created") >= 0 ? "created, " : "", t->name);
		sqlite3_stmt *s = dyn(st, sql.buf, e);
		sb_release(&sql);
		sb_release(&key);
		if (!s)
			return -1;
		sqlite3_bind_int64(s, 1, hlc);
		if (db_step(st, s, e) < 0)
			return -1;
		sqlite3_reset(s);
	}
	return 0;
}

/* ---- rows ---- */

int replica_row_get(struct store *st, const struct rtable *t, const char *row, struct rval *vals,
		    struct err *e)
{
	struct strbuf sql = { 0 };
	sb_adds(&sql, "SELECT ");
	for (int c = 0; c < t->ncols; c++)
		sb_addf(&sql, "%s\"%s\"", c ? ", " : "", t->cols[c]);
	sb_addf(&sql, " FROM \"%s\" WHERE ", t->name);
	key_where(st, t, 1, &sql);
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	bind_key(s, t, 1, row);
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	for (int c = 0; c < t->ncols; c++)
		col_val(s, c, &vals[c]);
	sqlite3_reset(s);
	return 0;
}

bool replica_row_exists(struct store *st, const struct rtable *t, const char *row)
{
	struct strbuf sql = { 0 };
	struct err e;
	sb_addf(&sql, "SELECT 1 FROM \"%s\" WHERE ", t->name);
	key_where(st, t, 1, &sql);
	sqlite3_stmt *s = dyn(st, sql.buf, &e);
	sb_release(&sql);
	if (!s)
		return false;
	bind_key(s, t, 1, row);
	bool found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

/* A write refused by a unique constraint: the columns it names. */
static int write_failed(struct store *st, const struct rtable *t, char **unique, struct err *e)
{
	const char *msg = sqlite3_errmsg(st->db);
	const char *p = strstr(msg, "UNIQUE constraint failed: ");
	if (!p || !unique)
		return db_error(st, e);
	p += strlen("UNIQUE constraint failed: ");
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
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	int k = 1;
	if (t->has_id)
		sqlite3_bind_text(s, k++, row, -1, SQLITE_TRANSIENT);
	for (int c = 0; c < t->ncols; c++)
		bind_val(s, k++, &vals[c]);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		rc = write_failed(st, t, unique, e);
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return 0;
}

int replica_row_update(struct store *st, const struct rtable *t, const char *row,
		       unsigned long long mask, const struct rval *vals, char **unique,
		       struct err *e)
{
	struct strbuf sql = { 0 };
	int n = 0;
	if (!mask)
		return 0;
	sb_addf(&sql, "UPDATE \"%s\" SET ", t->name);
	for (int c = 0; c < t->ncols; c++) {
		if (mask & (1ULL << c)) {
			sb_addf(&sql, "%s\"%s\" = ?%d", n ? ", " : "", t->cols[c], n + 1);
			n++;
		}
	}
	sb_adds(&sql, " WHERE ");
	key_where(st, t, n + 1, &sql);
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	int k = 1;
	for (int c = 0; c < t->ncols; c++)
		if (mask & (1ULL << c))
			bind_val(s, k++, &vals[c]);
	bind_key(s, t, k, row);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		rc = write_failed(st, t, unique, e);
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	return 0;
}

int replica_row_delete(struct store *st, const struct rtable *t, const char *row, struct err *e)
{
	struct strbuf sql = { 0 };
	sb_addf(&sql, "DELETE FROM \"%s\" WHERE ", t->name);
	key_where(st, t, 1, &sql);
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	bind_key(s, t, 1, row);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, e);
}

int replica_row_find(struct store *st, const struct rtable *t, const char *cols,
		     const struct rval *vals, char row[ROW_KEY_MAX], struct err *e)
{
	struct strbuf sql = { 0 };
	int idx[16], n = 0;
	struct strbuf key = { 0 };
	key_expr(st, t, "t", &key);
	sb_addf(&sql, "SELECT %s FROM \"%s\" t WHERE ", key.buf, t->name);
	sb_release(&key);
	const char *p = cols;
	while (*p && n < 16) {
		size_t len = strcspn(p, ",");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)len, p);
		int c = replica_col(t, name);
		if (c < 0) {
			sb_release(&sql);
			return 1;
		}
		sb_addf(&sql, "%s\"%s\" = ?%d", n ? " AND " : "", name, n + 1);
		idx[n++] = c;
		p += len + (p[len] == ',');
	}
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		bind_val(s, i + 1, &vals[idx[i]]);
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	snprintf(row, ROW_KEY_MAX, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return 0;
}

int replica_row_rename(struct store *st, const struct rtable *t, const char *from, const char *to,
		       struct err *e)
{
	struct strbuf sql = { 0 };
	sb_addf(&sql, "UPDATE \"%s\" SET id = ?2 WHERE id = ?1", t->name);
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, e);
	return replica_hist_copy(st, t->name, from, to, e) ||
	       db_exec(st, e, "UPDATE sync_ver SET row = ?3 WHERE tbl = ?1 AND row = ?2", "sss", t->name, from, to) ||
	       db_exec(st, e, "UPDATE OR IGNORE sync_head SET row = ?3 WHERE tbl = ?1 AND row = ?2", "sss", t->name, from, to) ||
	       db_exec(st, e, "UPDATE OR IGNORE sync_claim SET row = ?3 WHERE tbl = ?1 AND row = ?2", "sss", t->name, from, to)
		       ? -1 : 0;
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
	key_expr(st, child, "t", &key);
	sb_addf(&sql, "SELECT %s FROM \"%s\" t WHERE \"%s\" = ?1 ORDER BY 1", key.buf, child->name, col);
	sb_release(&key);
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, value, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = db_step(st, s, e)) == 1)
		strvec_push(rows, (const char *)sqlite3_column_text(s, 0));
	return rc;
}

/* ---- versions, heads, history ---- */

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
	char *v = NULL;
	int rc = db_text(st, &e, &v, "SELECT 1 FROM sync_ver WHERE tbl = ? AND row = ? LIMIT 1", "ss", tbl, row);
	free(v);
	return rc != 1;
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
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	if (!s) {
		sb_release(&sql);
		return -1;
	}
	sqlite3_bind_text(s, 1, tbl, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, row, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, v->hlc);
	sqlite3_bind_text(s, 4, v->writer, -1, SQLITE_TRANSIENT);
	for (int i = 0; i < n; i++) {
		sqlite3_bind_text(s, 5 + 2 * i, cols[i], -1, SQLITE_TRANSIENT);
		bind_val(s, 6 + 2 * i, &vals[i]);
	}
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		sb_release(&sql);
		return db_error(st, e);
	}
	/* the versions: ?1 table, ?2 row, ?3 clock, ?4 writer, ?5 file, then columns */
	sb_reset(&sql);
	sb_adds(&sql, "INSERT INTO sync_ver(tbl, row, col, hlc, writer, seq) VALUES ");
	for (int i = 0; i < n; i++)
		sb_addf(&sql, "%s(?1, ?2, ?%d, ?3, ?4, ?5)", i ? ", " : "", 6 + i);
	sb_adds(&sql, " ON CONFLICT(tbl, row, col) DO UPDATE SET hlc = excluded.hlc, writer = excluded.writer,"
		      " seq = excluded.seq");
	s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, tbl, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, row, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, v->hlc);
	sqlite3_bind_text(s, 4, v->writer, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, v->seq);
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(s, 6 + i, cols[i], -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, e);
}

bool replica_has_heads(struct store *st, const char *tbl, const char *row)
{
	struct err e;
	char *v = NULL;
	int rc = db_text(st, &e, &v, "SELECT 1 FROM sync_head WHERE tbl = ? AND row = ? LIMIT 1", "ss", tbl, row);
	free(v);
	return rc != 1;
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
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 4;
			*v = xrealloc(*v, alloc * sizeof **v);
		}
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
	sqlite3_stmt *s = db_query(st, e,
				   "INSERT OR IGNORE INTO sync_hist(tbl, row, col, hlc, writer, value) VALUES (?, ?, ?, ?, ?, ?)",
				   "sssIs", tbl, row, col, (sqlite3_int64)v->hlc, v->writer);
	if (!s)
		return -1;
	bind_val(s, 6, val);
	int rc = db_step(st, s, e);
	if (rc < 0)
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
	col_val(s, 0, out);
	db_done(s);
	return 0;
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
		if (out->n == out->alloc) {
			out->alloc = out->alloc ? 2 * out->alloc : 16;
			out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
		}
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

/* ---- aliases and claims ---- */

int replica_alias_get(struct store *st, const char *tbl, const char *row, char out[ROW_KEY_MAX],
		      struct err *e)
{
	char *v = NULL;
	int rc = db_text(st, e, &v, "SELECT target FROM sync_alias WHERE tbl = ? AND row = ?", "ss", tbl, row);
	if (rc == 0) {
		snprintf(out, ROW_KEY_MAX, "%s", v);
		free(v);
	}
	return rc;
}

bool replica_aliases_any(struct store *st)
{
	struct err e;
	char *v = NULL;
	int rc = db_text(st, &e, &v, "SELECT 1 FROM sync_alias LIMIT 1", "");
	free(v);
	return rc != 1;
}

int replica_alias_set(struct store *st, const char *tbl, const char *row, const char *target,
		      struct err *e)
{
	/* rows that were merged into `row` now live on as `target` too */
	return db_exec(st, e, "UPDATE sync_alias SET target = ?3 WHERE tbl = ?1 AND target = ?2", "sss", tbl, row, target) ||
	       db_exec(st, e, "INSERT INTO sync_alias(tbl, row, target) VALUES (?, ?, ?)"
			      " ON CONFLICT(tbl, row) DO UPDATE SET target = excluded.target",
		       "sss", tbl, row, target)
		       ? -1 : 0;
}

int replica_claim_get(struct store *st, const char *tbl, const char *row, const char *col,
		      long long *value, struct err *e)
{
	char *v = NULL;
	int rc = db_text(st, e, &v, "SELECT value FROM sync_claim WHERE tbl = ? AND row = ? AND col = ?", "sss",
			 tbl, row, col);
	if (rc == 0) {
		*value = atoll(v);
		free(v);
	}
	return rc;
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
	return rc != 1;
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
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, row, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = db_step(st, s, e)) == 1) {
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			*out = xrealloc(*out, alloc * sizeof **out);
		}
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
	struct strbuf sql = { 0 };
	sb_addf(&sql, "UPDATE \"%s\" SET \"%s\" = ?2 WHERE id = ?1", t->name, col);
	sqlite3_stmt *s = dyn(st, sql.buf, e);
	sb_release(&sql);
	if (!s)
		return -1;
	/* first out of the way (negative numbers are never used), then in place */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			if (v[i].now == v[i].claim && pass == 0)
				continue;
			sqlite3_bind_text(s, 1, v[i].row, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(s, 2, pass == 0 ? -1 - (long long)i : v[i].now);
			int rc = sqlite3_step(s);
			sqlite3_reset(s);
			if (rc != SQLITE_DONE)
				return db_error(st, e);
		}
	}
	return 0;
}

/* ---- files ---- */

int replica_file_add(struct store *st, const char *writer, long long seq, const char *frontier,
		     long long changes, struct err *e)
{
	char now[CLOCK_UTC_SIZE], *v = NULL;
	long long upto;
	clock_utc(now);
	if (db_exec(st, e,
		    "INSERT OR REPLACE INTO sync_file(writer, seq, frontier, changes, applied) VALUES (?, ?, ?, ?, ?)",
		    "sIsIs", writer, (sqlite3_int64)seq, frontier, (sqlite3_int64)changes, now) ||
	    replica_applied_upto(st, writer, &upto, e))
		return -1;
	if (seq != upto + 1)
		return 0;
	/* the run of files without a gap goes on from here: each file is
	 * stepped over once, when the gap before it closes */
	for (upto = seq;; upto++) {
		int rc = db_text(st, e, &v, "SELECT 1 FROM sync_file WHERE writer = ? AND seq = ?", "sI", writer,
				 (sqlite3_int64)(upto + 1));
		if (rc < 0)
			return -1;
		free(v);
		v = NULL;
		if (rc == 1)
			break;
	}
	return db_exec(st, e,
		       "INSERT INTO sync_front(writer, upto) VALUES (?, ?)"
		       " ON CONFLICT(writer) DO UPDATE SET upto = excluded.upto",
		       "sI", writer, (sqlite3_int64)upto);
}

int replica_file_get(struct store *st, const char *writer, long long seq, char **frontier,
		     struct err *e)
{
	return db_text(st, e, frontier, "SELECT frontier FROM sync_file WHERE writer = ? AND seq = ?", "sI", writer,
		       (sqlite3_int64)seq);
}

int replica_frontier(struct store *st, char **out, struct err *e)
{
	struct strbuf sb = { 0 };
	int rc;
	sqlite3_stmt *s = db_query(st, e, "SELECT writer, upto FROM sync_front WHERE upto > 0 ORDER BY writer", "");
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		sb_addf(&sb, "%s%s:%lld", sb.len ? "," : "", (const char *)sqlite3_column_text(s, 0),
			(long long)sqlite3_column_int64(s, 1));
	if (rc < 0) {
		sb_release(&sb);
		return -1;
	}
	*out = sb_detach(&sb);
	return 0;
}

int replica_applied_upto(struct store *st, const char *writer, long long *seq, struct err *e)
{
	char *v = NULL;
	int rc = db_text(st, e, &v, "SELECT upto FROM sync_front WHERE writer = ?", "s", writer);
	if (rc < 0)
		return -1;
	*seq = v ? atoll(v) : 0;
	free(v);
	return 0;
}

int replica_last_seq(struct store *st, const char *writer, long long *seq, struct err *e)
{
	char *v = NULL;
	int rc = db_text(st, e, &v, "SELECT coalesce(max(seq), 0) FROM sync_file WHERE writer = ?", "s", writer);
	if (rc < 0)
		return -1;
	*seq = v ? atoll(v) : 0;
	free(v);
	return 0;
}

int replica_dangling(struct store *st, struct strvec *rows, struct err *e)
{
	sqlite3_stmt *s;
	int now = 0, high = 0;
	/* SQLite counts the references this transaction left pointing at
	 * nothing; none, and the whole database need not be checked */
	if (sqlite3_db_status(st->db, SQLITE_DBSTATUS_DEFERRED_FKS, &now, &high, 0) == SQLITE_OK && now == 0)
		return 0;
	if (sqlite3_prepare_v2(st->db, "SELECT \"table\", rowid FROM pragma_foreign_key_check", -1, &s, NULL))
		return db_error(st, e);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *tbl = (const char *)sqlite3_column_text(s, 0);
		char *sql = xasprintf("SELECT id FROM \"%s\" WHERE rowid = %lld", tbl,
				      (long long)sqlite3_column_int64(s, 1));
		sqlite3_stmt *q;
		if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) == SQLITE_OK) {
			if (sqlite3_step(q) == SQLITE_ROW) {
				char *item = xasprintf("%s/%s", tbl, (const char *)sqlite3_column_text(q, 0));
				strvec_push(rows, item);
				free(item);
			}
			sqlite3_finalize(q);
		}
		free(sql);
	}
	sqlite3_finalize(s);
	return 0;
}

int replica_defer_fk(struct store *st, struct err *e)
{
	return db_exec(st, e, "PRAGMA defer_foreign_keys = ON", "");
}
