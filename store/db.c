/*
 * db: the statement helpers shared by the store modules, transactions and
 * the local settings of a database.
 */
#include "store/db.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PRAGMA cache_size counts KiB when negative; SQLite's default is 2000. */
#define KIB_PER_MB 1024
#define SQLITE_CACHE_KIB 2000

/* The error for a failure of the database, msg SQLite's words for it. */
static int fail(struct store *st, struct err *e, const char *msg)
{
	int code = sqlite3_errcode(st->db);
	if (code == SQLITE_FULL || (code == SQLITE_IOERR && sqlite3_system_errno(st->db) == ENOSPC))
		return error(e, E_DISK_FULL);
	return error(e, E_DB, msg);
}

int db_error(struct store *st, struct err *e)
{
	return fail(st, e, sqlite3_errmsg(st->db));
}

void db_defer(struct store *st, const struct err *e)
{
	if (st->failed.code == E_OK && e && e->code != E_OK)
		st->failed = *e;
}

/* ---- the statement cache ---- */

static unsigned hash_address(const char *sql)
{
	return (unsigned)(((uintptr_t)sql >> 3) * 2654435761u);
}

/* FNV-1a */
static unsigned hash_text(const char *sql)
{
	unsigned h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* The cached statement of sql, prepared on first use; reset and unbound. */
static sqlite3_stmt *cached(struct store *st, const char *sql, bool by_text, struct err *e)
{
	unsigned h = by_text ? hash_text(sql) : hash_address(sql);
	struct stmt_slot *c;
	/* at most STMT_CACHE_MAX slots are taken, so a free one ends the probe */
	for (size_t i = 0;; i++) {
		c = &st->cache[(h + i) & (STMT_CACHE - 1)];
		if (!c->stmt)
			break;
		if (c->hash == h && c->by_text == by_text && (by_text ? !strcmp(c->sql, sql) : c->sql == sql)) {
			sqlite3_reset(c->stmt);
			sqlite3_clear_bindings(c->stmt);
			return c->stmt;
		}
	}
	if (st->nstmt >= STMT_CACHE_MAX) {
		fprintf(stderr, "gavel: more than %d distinct SQL statements\n", STMT_CACHE_MAX);
		abort();
	}
	sqlite3_stmt *s;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		db_error(st, e);
		return NULL;
	}
	c->sql = by_text ? xstrdup(sql) : sql;
	c->stmt = s;
	c->hash = h;
	c->by_text = by_text;
	st->nstmt++;
	return s;
}

void db_cache_clear(struct store *st)
{
	for (size_t i = 0; i < STMT_CACHE; i++) {
		struct stmt_slot *c = &st->cache[i];
		if (!c->stmt)
			continue;
		sqlite3_finalize(c->stmt);
		if (c->by_text)
			free((char *)c->sql);
		memset(c, 0, sizeof *c);
	}
	st->nstmt = 0;
}

static int bind_value(sqlite3_stmt *s, int i, const struct rval *v)
{
	switch (v->type) {
	case RV_NULL:
		return sqlite3_bind_null(s, i);
	case RV_INT:
		return sqlite3_bind_int64(s, i, v->i);
	case RV_REAL:
		return sqlite3_bind_double(s, i, v->d);
	case RV_TEXT:
		return sqlite3_bind_text(s, i, v->s, -1, SQLITE_TRANSIENT);
	}
	return SQLITE_MISUSE;
}

static int vbind(struct store *st, sqlite3_stmt *s, int first, const char *types, va_list ap,
		 struct err *e)
{
	int rc = SQLITE_OK;
	for (int i = first; *types && rc == SQLITE_OK; types++, i++) {
		switch (*types) {
		case 's': {
			const char *v = va_arg(ap, const char *);
			rc = v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s, i);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int64(s, i, va_arg(ap, int));
			break;
		case 'I':
			rc = sqlite3_bind_int64(s, i, va_arg(ap, sqlite3_int64));
			break;
		case 'd':
			rc = sqlite3_bind_double(s, i, va_arg(ap, double));
			break;
		case 'v':
			rc = bind_value(s, i, va_arg(ap, const struct rval *));
			break;
		case 'b': {
			/* bytes: a pointer, then their count (an int) */
			const void *p = va_arg(ap, const void *);
			int n = va_arg(ap, int);
			rc = sqlite3_bind_blob(s, i, p, n, SQLITE_TRANSIENT);
			break;
		}
		default:
			assert(!"a bind letter is one of s, i, I, d, v, b");
			abort();
		}
	}
	if (rc != SQLITE_OK) {
		db_error(st, e);
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return -1;
	}
	return 0;
}

static sqlite3_stmt *vquery(struct store *st, struct err *e, const char *sql, bool by_text,
			    const char *types, va_list ap)
{
	sqlite3_stmt *s = cached(st, sql, by_text, e);
	if (!s)
		return NULL;
	/* one letter for each parameter: a missing one would bind NULL */
	assert(types && (int)strlen(types) == sqlite3_bind_parameter_count(s));
	if (vbind(st, s, 1, types, ap, e))
		return NULL;
	return s;
}

sqlite3_stmt *db_query(struct store *st, struct err *e, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *s = vquery(st, e, sql, false, types, ap);
	va_end(ap);
	return s;
}

sqlite3_stmt *db_query_text(struct store *st, struct err *e, const char *sql, const char *types,
			    ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *s = vquery(st, e, sql, true, types, ap);
	va_end(ap);
	return s;
}

sqlite3_stmt *db_statement(struct store *st, struct err *e, const char *sql)
{
	return cached(st, sql, true, e);
}

int db_bind(struct store *st, sqlite3_stmt *s, struct err *e, int first, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	assert(first >= 1 && first - 1 + (int)strlen(types) <= sqlite3_bind_parameter_count(s));
	int rc = vbind(st, s, first, types, ap, e);
	va_end(ap);
	return rc;
}

int db_refused(struct store *st, struct err *e)
{
	const char *msg = sqlite3_errmsg(st->db);
	if (!strcmp(msg, STORE_GUARD_REFUSED))
		return error(e, E_GUARD);
	return error(e, E_DB_REFUSED, msg);
}

int db_step(struct store *st, sqlite3_stmt *s, struct err *e)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	if (rc == SQLITE_CONSTRAINT)
		db_refused(st, e);
	else
		db_error(st, e);
	sqlite3_reset(s);
	return -1;
}

void db_done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
}

int db_exec(struct store *st, struct err *e, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *s = vquery(st, e, sql, false, types, ap);
	va_end(ap);
	if (!s)
		return -1;
	int rc;
	while ((rc = db_step(st, s, e)) == 1)
		;
	return rc;
}

int db_text(struct store *st, struct err *e, char **out, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *s = vquery(st, e, sql, false, types, ap);
	va_end(ap);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return 1;
	*out = col_text(s, 0);
	db_done(s);
	return 0;
}

int db_find_prefix(struct store *st, struct err *e, const char *sql, const char *prefix,
		   size_t min, char id[ID_LEN + 1])
{
	char pattern[ID_LEN + 2];
	size_t n = strlen(prefix);
	if (n < min || n > ID_LEN || strspn(prefix, "0123456789abcdef") != n)
		return 1;
	snprintf(pattern, sizeof pattern, "%s%%", prefix);
	sqlite3_stmt *s = db_query(st, e, sql, "s", pattern);
	if (!s)
		return -1;
	int found = 0, rc;
	while ((rc = db_step(st, s, e)) == 1)
		if (found++ == 0)
			col_id(s, 0, id);
	if (rc < 0)
		return -1;
	return found == 0 ? 1 : found > 1 ? 2 : 0;
}

void db_stamp(char id[ID_LEN + 1], char now[CLOCK_UTC_SIZE])
{
	id_new(id);
	clock_utc(now);
}

char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

void col_id(sqlite3_stmt *s, int i, char out[ID_LEN + 1])
{
	const unsigned char *t = sqlite3_column_text(s, i);
	out[0] = '\0';
	if (t) {
		strncpy(out, (const char *)t, ID_LEN);
		out[ID_LEN] = '\0';
	}
}

void col_value(sqlite3_stmt *s, int i, struct rval *v)
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

int db_script(struct store *st, const char *sql, struct err *e)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fail(st, e, msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_begin(struct store *st, struct err *e)
{
	assert(st->depth >= 0);
	if (st->depth++ > 0)
		return 0;
	if (db_script(st, "BEGIN IMMEDIATE", e)) {
		st->depth = 0;
		return -1;
	}
	return 0;
}

/* Undoes the open transaction, if SQLite has not already (it rolls back by
 * itself after some errors); a failure to is kept for store_error. */
static void rollback(struct store *st)
{
	struct err e;
	if (!sqlite3_get_autocommit(st->db) && db_script(st, "ROLLBACK", &e))
		db_defer(st, &e);
}

int store_part_begin(struct store *st, struct err *e)
{
	assert(st->depth > 0); /* inside a transaction */
	return db_script(st, "SAVEPOINT part", e);
}

int store_part_keep(struct store *st, struct err *e)
{
	return db_script(st, "RELEASE part", e);
}

int store_part_undo(struct store *st, struct err *e)
{
	return db_script(st, "ROLLBACK TO part; RELEASE part", e);
}

int store_commit(struct store *st, struct err *e)
{
	if (st->depth <= 0)
		return 0; /* an inner store_rollback ended the transaction */
	if (--st->depth > 0)
		return 0;
	if (st->failed.code != E_OK) {
		/* an answer in this transaction hid a failure: undo it all */
		if (e)
			*e = st->failed;
		error_clear(&st->failed);
		rollback(st);
		return -1;
	}
	if (db_script(st, "COMMIT", e)) {
		rollback(st);
		return -1;
	}
	return 0;
}

void store_rollback(struct store *st)
{
	if (st->depth <= 0)
		return;
	st->depth = 0;
	error_clear(&st->failed);
	rollback(st);
}

int store_error(struct store *st, struct err *e)
{
	if (st->failed.code == E_OK)
		return 0;
	if (e)
		*e = st->failed;
	return -1;
}

int store_cache_mb(struct store *st, int mb, struct err *e)
{
	char *pragma = xasprintf("PRAGMA cache_size = %d", mb > 0 ? -KIB_PER_MB * mb : -SQLITE_CACHE_KIB);
	int rc = db_script(st, pragma, e);
	free(pragma);
	return rc;
}

int store_local_get(struct store *st, const char *key, char **value, struct err *e)
{
	*value = NULL;
	int rc = db_text(st, e, value, "SELECT value FROM local WHERE key = ?", "s", key);
	return rc < 0 ? -1 : 0;
}

int store_local_set(struct store *st, const char *key, const char *value, struct err *e)
{
	return db_exec(st, e, "INSERT INTO local(key, value) VALUES (?, ?)"
			      " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
		       "ss", key, value);
}

int store_local_delete(struct store *st, const char *key, struct err *e)
{
	return db_exec(st, e, "DELETE FROM local WHERE key = ?", "s", key);
}

int store_local_prefix(struct store *st, const char *prefix, struct strvec *keys, struct strvec *values,
		       struct err *e)
{
	/* a range on the primary key: substr compares bytes, LIKE would not */
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT key, value FROM local WHERE key >= ?1 AND substr(key, 1, length(?1)) = ?1"
				   " ORDER BY key",
				   "s", prefix);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		strvec_push(keys, (const char *)sqlite3_column_text(s, 0));
		strvec_push(values, (const char *)sqlite3_column_text(s, 1));
	}
	return rc < 0 ? -1 : 0;
}
