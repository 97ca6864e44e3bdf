/*
 * content: which tables of the schema hold the council's content.
 *
 * The content is what `gavel dump` prints (store/dump.c) and what the sync
 * captures, sends and merges (store/replica/). Both take their tables from
 * this one list, so no table can be dumped and not synced, or synced and
 * not dumped. The other tables are this machine's own: its settings, the
 * search index, the sync's bookkeeping. A migration that adds a table
 * adds a line to the list (tests/unit/test_content.c fails until it does).
 */
#ifndef GAVEL_STORE_CONTENT_H
#define GAVEL_STORE_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

enum table_kind {
	TABLE_CONTENT, /* the council's: dumped and synced */
	TABLE_LOCAL,   /* this database's settings */
	TABLE_SEARCH,  /* the full-text index (SQLite's FTS5 and its own tables) */
	TABLE_SYNC,    /* the sync's bookkeeping: clock, versions, files */
};

struct table_info {
	const char *name;
	enum table_kind kind;
};

/* Every table of the schema (SQLite's own sqlite_* tables aside), in name
 * order, with what it holds. */
extern const struct table_info store_tables[];
extern const size_t store_table_count;

/* The entry of a table in store_tables, or NULL if it is not there (a
 * table not in the list is not content). */
const struct table_info *store_table_info(const char *name);

/* The content tables the database has (an older schema lacks some), in
 * name order (bytes), appended to out. */
int store_content_tables(struct store *st, struct strvec *out, struct err *e);

#endif
