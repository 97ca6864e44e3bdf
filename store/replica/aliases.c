/*
 * aliases: rows merged away into another row with the same natural key
 * (sync_alias), and the row each now lives on as.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store/replica/internal.h"

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
	if (rc < 0)
		db_defer(st, &e);
	return rc == 0;
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
