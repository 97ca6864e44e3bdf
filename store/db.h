/*
 * db: private helpers of the store modules (not for use outside store/).
 *
 * Statements are prepared once and cached by the address of their SQL text,
 * so every SQL string passed here must be a string literal.
 * Bind signatures: one letter per parameter, 's' text (NULL binds NULL),
 * 'i' int, 'I' sqlite3_int64, 'd' double.
 */
#ifndef GAVEL_STORE_DB_H
#define GAVEL_STORE_DB_H

#include <sqlite3.h>
#include <stdlib.h>

#include "store/store.h"

#define STMT_CACHE 256

struct store {
	sqlite3 *db;
	char actor[ID_LEN + 1];
	char path[4096];
	int depth; /* nested store_begin calls */
	struct replica *replica; /* sync's schema cache (store/replica.c) */
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
};

/* A prepared, bound statement ready to step; NULL on error (e set). */
sqlite3_stmt *db_query(struct store *st, struct err *e, const char *sql, const char *types, ...);
/* Steps: 1 a row, 0 done (statement reset), -1 error (statement reset). */
int db_step(struct store *st, sqlite3_stmt *s, struct err *e);
/* Resets a statement that was not stepped to the end. */
void db_done(sqlite3_stmt *s);
/* Runs SQL text of one or more statements without parameters (not cached). */
int db_script(struct store *st, const char *sql, struct err *e);
/* Runs a statement that returns no rows. */
int db_exec(struct store *st, struct err *e, const char *sql, const char *types, ...);
/* Runs a statement that returns at most one row with one text column:
 * 0 and *out set (caller frees), 1 if no row. */
int db_text(struct store *st, struct err *e, char **out, const char *sql, const char *types, ...);
/*
 * Finds the one id that starts with `prefix` (at least `min` hex digits)
 * with `sql`, a query of ids taking a LIKE pattern: 0 found, 1 none,
 * 2 ambiguous, -1 error.
 */
int db_find_prefix(struct store *st, struct err *e, const char *sql, const char *prefix,
		   size_t min, char id[ID_LEN + 1]);
/* The message for the database's last error, or msg when given: the
 * disk-full case in words a person can act on. */
const char *db_message(struct store *st, const char *msg);
/* Sets e from the database's last error; returns -1. */
int db_error(struct store *st, struct err *e);

/* A new id and the current time for a row about to be inserted. */
void db_stamp(char id[ID_LEN + 1], char now[CLOCK_UTC_SIZE]);

/* Column helpers: copies (NULL stays NULL). */
char *col_text(sqlite3_stmt *s, int i);
void col_id(sqlite3_stmt *s, int i, char out[ID_LEN + 1]);

/* The migrations, in order; migration i takes version i to i+1. */
extern const char *const store_migrations[];
extern const int store_migration_count;

#endif
