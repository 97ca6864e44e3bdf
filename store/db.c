/*
 * db: the statement helpers shared by the store modules, transactions and
 * the local settings of a database.
 */
#include "store/db.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *db_message(struct store *st, const char *msg)
{
	int code = sqlite3_errcode(st->db);
	if (code == SQLITE_FULL || (code == SQLITE_IOERR && sqlite3_system_errno(st->db) == ENOSPC))
		return _("the disk is full; nothing was changed: free some space and try again");
	return msg ? msg : sqlite3_errmsg(st->db);
}

int db_error(struct store *st, struct err *e)
{
	return error(e, E_DB, db_message(st, NULL));
}

static sqlite3_stmt *prepare(struct store *st, const char *sql, struct err *e)
{
	size_t h = ((uintptr_t)sql >> 3) % STMT_CACHE;
	for (size_t i = 0; i < STMT_CACHE; i++) {
		size_t k = (h + i) % STMT_CACHE;
		if (st->cache[k].sql == sql)
			return st->cache[k].stmt;
		if (!st->cache[k].sql) {
			sqlite3_stmt *s;
			if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL)) {
				db_error(st, e);
				return NULL;
			}
			st->cache[k].sql = sql;
			st->cache[k].stmt = s;
			return s;
		}
	}
	/* The cache is full: a programming error, there are fewer statements. */
	abort();
}

static int bind(struct store *st, sqlite3_stmt *s, const char *types, va_list ap, struct err *e)
{
	int rc = SQLITE_OK;
	for (int i = 1; types && *types && rc == SQLITE_OK; types++, i++) {
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
		default:
			abort();
		}
	}
	if (rc != SQLITE_OK) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return db_error(st, e);
	}
	return 0;
}

static sqlite3_stmt *vquery(struct store *st, struct err *e, const char *sql, const char *types,
			    va_list ap)
{
	sqlite3_stmt *s = prepare(st, sql, e);
	if (!s)
		return NULL;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (bind(st, s, types, ap, e))
		return NULL;
	return s;
}

sqlite3_stmt *db_query(struct store *st, struct err *e, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *s = vquery(st, e, sql, types, ap);
	va_end(ap);
	return s;
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
		error(e, E_RULE, sqlite3_errmsg(st->db));
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
	sqlite3_stmt *s = vquery(st, e, sql, types, ap);
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
	sqlite3_stmt *s = vquery(st, e, sql, types, ap);
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

int db_script(struct store *st, const char *sql, struct err *e)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error(e, E_DB, db_message(st, msg));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_begin(struct store *st, struct err *e)
{
	if (st->depth++ > 0)
		return 0;
	if (db_script(st, "BEGIN IMMEDIATE", e)) {
		st->depth = 0;
		return -1;
	}
	return 0;
}

int store_commit(struct store *st, struct err *e)
{
	if (st->depth <= 0)
		return 0;
	if (--st->depth > 0)
		return 0;
	if (db_script(st, "COMMIT", e)) {
		db_script(st, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

void store_rollback(struct store *st)
{
	if (st->depth <= 0)
		return;
	st->depth = 0;
	db_script(st, "ROLLBACK", NULL);
}

int store_cache_mb(struct store *st, int mb, struct err *e)
{
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size = %d", mb > 0 ? -1024 * mb : -2000);
	return db_script(st, pragma, e);
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
