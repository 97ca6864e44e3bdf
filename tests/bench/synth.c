/*
 * synth: a long sync history made at once (see synth.h).
 *
 * The versions are written in the order of sync_hist's key (table, row,
 * column, clock), each next to the one before, so that the history of a
 * hundred times the council is written in one pass over the table rather
 * than one pass per round.
 */
#include "tests/bench/synth.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

int synth_history(struct store *st, int rounds, long long step, const char *const *writers,
		  size_t nwriters, int per_file, struct synth_row **rows, size_t *nrows, struct err *e)
{
	struct strvec tables = { 0 };
	size_t alloc = 0;
	int rc;
	*rows = NULL;
	*nrows = 0;
	assert(rounds > 0 && nwriters > 0 && per_file > 0);
	/* the current versions with their values, in key order; the rows in
	 * that order, numbered; the rounds and their writers */
	if (store_begin(st, e))
		return -1;
	if (db_exec(st, e, "DROP TABLE IF EXISTS temp.synth_ver", "") ||
	    db_exec(st, e, "DROP TABLE IF EXISTS temp.synth_rows", "") ||
	    db_exec(st, e, "DROP TABLE IF EXISTS temp.synth_round", "") ||
	    db_exec(st, e,
		    "CREATE TEMP TABLE synth_ver AS SELECT v.tbl AS tbl, v.row AS row, v.col AS col, v.hlc AS hlc,"
		    " h.value AS value FROM sync_ver v JOIN sync_hist h ON h.tbl = v.tbl AND h.row = v.row"
		    " AND h.col = v.col AND h.hlc = v.hlc AND h.writer = v.writer WHERE v.col <> '-'"
		    " ORDER BY v.tbl, v.row, v.col",
		    "") ||
	    db_exec(st, e,
		    "CREATE TEMP TABLE synth_rows(tbl TEXT NOT NULL, row TEXT NOT NULL, i INTEGER NOT NULL,"
		    " hlc INTEGER NOT NULL, PRIMARY KEY(tbl, row)) WITHOUT ROWID",
		    "") ||
	    db_exec(st, e,
		    "INSERT INTO temp.synth_rows(tbl, row, i, hlc) SELECT tbl, row,"
		    " row_number() OVER (ORDER BY tbl, row) - 1, min(hlc) FROM temp.synth_ver GROUP BY tbl, row",
		    "") ||
	    db_exec(st, e, "CREATE TEMP TABLE synth_round(r INTEGER PRIMARY KEY, writer TEXT NOT NULL)", ""))
		goto fail;
	for (int r = 1; r <= rounds; r++)
		if (db_exec(st, e, "INSERT INTO temp.synth_round(r, writer) VALUES (?, ?)", "is", r,
			    writers[(size_t)(r - 1) % nwriters]))
			goto fail;
	sqlite3_stmt *s = db_query(st, e, "SELECT tbl, row, hlc FROM temp.synth_rows ORDER BY i", "");
	if (!s)
		goto fail;
	while ((rc = db_step(st, s, e)) == 1) {
		ALLOC_GROW(*rows, *nrows + 1, alloc);
		struct synth_row *w = &(*rows)[(*nrows)++];
		snprintf(w->tbl, sizeof w->tbl, "%s", (const char *)sqlite3_column_text(s, 0));
		snprintf(w->row, sizeof w->row, "%s", (const char *)sqlite3_column_text(s, 1));
		w->hlc = sqlite3_column_int64(s, 2);
	}
	if (rc < 0)
		goto fail;
	s = db_query(st, e, "SELECT DISTINCT tbl FROM temp.synth_rows ORDER BY tbl", "");
	if (!s)
		goto fail;
	while ((rc = db_step(st, s, e)) == 1)
		strvec_push(&tables, (const char *)sqlite3_column_text(s, 0));
	if (rc < 0 || store_commit(st, e))
		goto fail;

	/* the rounds, table by table; CROSS JOIN keeps the versions outside and
	 * the rounds inside, so that each insert lands next to the one before */
	for (size_t i = 0; i < tables.n; i++) {
		if (store_begin(st, e))
			goto fail;
		if (db_exec(st, e,
			    "INSERT INTO sync_hist(tbl, row, col, hlc, writer, value) SELECT s.tbl, s.row, s.col,"
			    " s.hlc + n.r * ?1, n.writer, s.value FROM temp.synth_ver s CROSS JOIN temp.synth_round n"
			    " WHERE s.tbl = ?2",
			    "Is", (sqlite3_int64)step, tables.v[i]) ||
		    store_commit(st, e))
			goto fail;
	}

	/* the last round is current: its writer's file that holds each row */
	long long per_round = ((long long)*nrows + per_file - 1) / per_file;
	long long seq0 = (long long)((size_t)(rounds - 1) / nwriters) * per_round + 1;
	if (store_begin(st, e) ||
	    db_exec(st, e,
		    "UPDATE sync_ver SET hlc = hlc + ?1, writer = ?2, seq = ?3 + (SELECT r.i FROM temp.synth_rows r"
		    " WHERE r.tbl = sync_ver.tbl AND r.row = sync_ver.row) / ?4 WHERE col <> '-'",
		    "IsIi", (sqlite3_int64)(rounds * step), writers[(size_t)(rounds - 1) % nwriters],
		    (sqlite3_int64)seq0, per_file) ||
	    db_exec(st, e, "DROP TABLE temp.synth_ver", "") || db_exec(st, e, "DROP TABLE temp.synth_rows", "") ||
	    db_exec(st, e, "DROP TABLE temp.synth_round", "") || store_commit(st, e))
		goto fail;
	strvec_release(&tables);
	return 0;
fail:
	store_rollback(st);
	strvec_release(&tables);
	free(*rows);
	*rows = NULL;
	*nrows = 0;
	return -1;
}

int synth_history_size(struct store *st, long long *versions, long long *files, struct err *e)
{
	char *v = NULL, *f = NULL;
	if (db_text(st, e, &v, "SELECT count(*) FROM sync_hist", "") ||
	    db_text(st, e, &f, "SELECT count(*) FROM sync_file", "")) {
		free(v);
		return -1;
	}
	*versions = atoll(v);
	*files = atoll(f);
	free(v);
	free(f);
	return 0;
}
