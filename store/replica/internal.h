/*
 * internal: what the files of store/replica/ share, and nothing outside
 * store/replica/ includes: the replica's view of the schema and row keys
 * in SQL.
 *
 * The files, by what they hold:
 *   tables.c   the content tables as sync sees them; row keys in SQL
 *   capture.c  the triggers that record local writes, capture on or off,
 *              the clock
 *   guard.c    the triggers that refuse a local write against the rules
 *   dirty.c    the rows changed here since the last export
 *   rows.c     rows read, written, found, renamed; references
 *   versions.c each field's version (ordered), the other heads, the history
 *   aliases.c  rows merged away into another
 *   claims.c   numbers that gave way in a clash, and their groups
 *   files.c    the files applied and how far each writer is applied
 */
#ifndef GAVEL_STORE_REPLICA_INTERNAL_H
#define GAVEL_STORE_REPLICA_INTERNAL_H

#include "store/db.h"
#include "store/replica.h"

/*
 * The most columns (without the id) a content table may have: a dirty
 * mask holds one bit per column in a signed 64-bit integer, whose negative
 * values mean a new, deleted or gone row; 62 keep every mask positive.
 */
#define REPLICA_COLS_MAX 62

/* The schema as the replica sees it (loaded on first use, see tables.c). */
struct replica {
	struct rtable *tables; /* parents first */
	size_t ntables;
	/* per table (the same index): the primary key columns of a table
	 * without an id, in key order */
	struct strvec *pk;
};

/* Loads the tables if they are not loaded yet; rtables_load again. */
int rtables_ensure(struct store *st, struct err *e);
int rtables_load(struct store *st, struct err *e);

/* The SQL of a row's key from a trigger's NEW or OLD row (`which`). */
void rkey_expr(struct store *st, const struct rtable *t, const char *which, struct strbuf *sb);
/* "id = ?first", or "pk1 = ?first AND pk2 = ?first+1", for a row named by
 * its key; returns the number of parameters it takes. */
int rkey_where(struct store *st, const struct rtable *t, int first, struct strbuf *sb);
/* Binds a row key from parameter `first` on (split at '|' for a table
 * without an id); E_BAD_ROW_KEY when its parts are not the key's. */
int rkey_bind(struct store *st, sqlite3_stmt *s, const struct rtable *t, int first, const char *row,
	      struct err *e);

/* The guard triggers of a content table, appended to sql (guard.c). */
void guard_triggers(const struct rtable *t, struct strbuf *sql);

#endif
