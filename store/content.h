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

/*
 * Who may write a content table's rows: the one table of the council's
 * rules for its content. sync/policy.c checks every member's file against
 * it on every copy; the guard triggers (store/replica/capture.c) refuse a
 * local write against it before it is made, so that no copy records what
 * the others would refuse. "The power" is the chair's, the vice chair's,
 * the secretary's and the founder's (sync/policy.h). Nobody deletes a row
 * another machine made.
 */
enum table_right {
	RIGHT_NONE,     /* not content: this machine's own */
	RIGHT_POWER,    /* the minutes and the council's plans and structure */
	RIGHT_ADD,      /* any member adds a row; one with the power changes it */
	RIGHT_PROGRESS, /* RIGHT_POWER, but an action's owner sets its status */
	RIGHT_SIGN,     /* a member writes their own signature */
	RIGHT_MEETING,  /* RIGHT_POWER, but a named adjuster marks it adjusted */
	RIGHT_KEYS,     /* the machines' keys: rules of their own (sync/policy.c) */
};

struct table_info {
	const char *name;
	enum table_kind kind;
	enum table_right right;
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
