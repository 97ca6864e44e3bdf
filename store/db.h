/*
 * db: private helpers of the store modules (not for use outside store/).
 *
 * One cache of prepared statements with two ways in. SQL written in the
 * source is found by the address of its text, so every SQL string given
 * to db_query, db_exec and db_text must be a string literal. SQL made at
 * run time (the replica's rows, the dump) is found by its text
 * (db_query_text, db_statement). A statement stays prepared until the
 * store is closed.
 *
 * Bind signatures: one letter per parameter, 's' text (NULL binds NULL),
 * 'i' int, 'I' sqlite3_int64, 'd' double, 'v' a field's value (const
 * struct rval *), 'b' bytes (a const void * and then an int, their count:
 * two arguments for the one parameter). The letters are as many as the statement's parameters
 * (asserted).
 */
#ifndef GAVEL_STORE_DB_H
#define GAVEL_STORE_DB_H

#include <sqlite3.h>
#include <stdlib.h>

#include "store/store.h"
#include "store/value.h"

/* Slots of the statement cache (a power of two), and how many of them may
 * be taken: more distinct statements than that is a programming error
 * (the source holds a few hundred, the replica a few per table). */
#define STMT_CACHE 2048
#define STMT_CACHE_MAX (STMT_CACHE / 4 * 3)

/* The columns every content row begins with, and their parameters. */
#define DB_STAMP_COLS "id, created, updated, author"
#define DB_STAMP_VALUES "?, ?, ?, ?"

struct stmt_slot {
	const char *sql; /* the literal, or (by_text) an owned copy */
	sqlite3_stmt *stmt;
	unsigned hash;
	bool by_text;
};

struct store {
	sqlite3 *db;
	char actor[ID_LEN + 1];
	char *path;
	int depth; /* nested store_begin calls */
	/* the first error a function answering with a plain value (a bool, a
	 * pointer) could not return: store_error, store_commit */
	struct err failed;
	struct replica *replica; /* the replica's view of the schema (store/replica/) */
	size_t nstmt;
	struct stmt_slot cache[STMT_CACHE];
};

/* A prepared, bound statement ready to step, by the address of its SQL (a
 * literal); NULL on error (e set). */
sqlite3_stmt *db_query(struct store *st, struct err *e, const char *sql, const char *types, ...);
/* The same for SQL made at run time, found by its text. */
sqlite3_stmt *db_query_text(struct store *st, struct err *e, const char *sql, const char *types,
			    ...);
/* A statement made at run time, found by its text, reset and with no
 * parameter bound yet (for parameters bound in parts with db_bind). */
sqlite3_stmt *db_statement(struct store *st, struct err *e, const char *sql);
/* Binds parameters first, first + 1, ... of s by letters; -1 (e set, the
 * statement reset) if SQLite refuses one. */
int db_bind(struct store *st, sqlite3_stmt *s, struct err *e, int first, const char *types, ...);
/* A constraint's refusal into e: E_GUARD for the guard's (store/replica/
 * guard.c), else E_DB_REFUSED with SQLite's message; -1. */
int db_refused(struct store *st, struct err *e);
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
/* Sets e from the database's last error, a full disk said as what to do
 * (E_DISK_FULL); returns -1. */
int db_error(struct store *st, struct err *e);
/* Keeps e (the first one) for store_error and the next store_commit: for
 * a function whose answer, a bool or a pointer, cannot carry an error. */
void db_defer(struct store *st, const struct err *e);
/* Finalizes every cached statement (the schema changed); none may be in
 * use. */
void db_cache_clear(struct store *st);

/* A new id and the current time for a row about to be inserted. */
void db_stamp(char id[ID_LEN + 1], char now[CLOCK_UTC_SIZE]);

/* Column helpers: copies (NULL stays NULL). */
char *col_text(sqlite3_stmt *s, int i);
void col_id(sqlite3_stmt *s, int i, char out[ID_LEN + 1]);
/* Column i as a value of its own type (text copied). */
void col_value(sqlite3_stmt *s, int i, struct rval *v);

/* The migrations, in order; migration i takes version i to i+1. */
extern const char *const store_migrations[];
extern const int store_migration_count;

#endif
