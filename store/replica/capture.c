/*
 * capture: the triggers that record every local write in sync_dirty,
 * capture on and off, and the hybrid logical clock they stamp it with.
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
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "store/replica/internal.h"

/* The clock's reading of now in SQL: milliseconds since 1970 shifted left
 * by HLC_SHIFT bits. */
#define CLOCK_NOW "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536"
_Static_assert(1 << HLC_SHIFT == 65536, "CLOCK_NOW multiplies by 1 << HLC_SHIFT");

/* The schema's version as text (caller frees). */
static int schema_version(struct store *st, char **out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "PRAGMA schema_version", "");
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc < 0)
		return -1;
	*out = xasprintf("%lld", rc ? (long long)sqlite3_column_int64(s, 0) : -1LL);
	if (rc)
		db_done(s);
	return 0;
}

/* The three triggers of a table: insert, update (with the mask of the
 * columns it changed), delete. */
static void add_triggers(struct store *st, const struct rtable *t, struct strbuf *sql)
{
	struct strbuf key = { 0 }, oldkey = { 0 };
	rkey_expr(st, t, "new", &key);
	rkey_expr(st, t, "old", &oldkey);
	sb_addf(sql,
		"CREATE TRIGGER \"sync_%s_i\" AFTER INSERT ON \"%s\" WHEN (SELECT capture FROM sync_state) BEGIN"
		" UPDATE sync_state SET hlc = max(hlc + 1, " CLOCK_NOW ");"
		" INSERT INTO sync_dirty(tbl, row, mask, hlc, first) SELECT '%s', %s, -1, hlc, hlc FROM sync_state WHERE true"
		" ON CONFLICT(tbl, row) DO UPDATE SET mask = -1, hlc = excluded.hlc; END;",
		t->name, t->name, t->name, key.buf);
	sb_addf(sql,
		"CREATE TRIGGER \"sync_%s_u\" AFTER UPDATE ON \"%s\" WHEN (SELECT capture FROM sync_state) BEGIN"
		" UPDATE sync_state SET hlc = max(hlc + 1, " CLOCK_NOW ");"
		" INSERT INTO sync_dirty(tbl, row, mask, hlc, first) SELECT '%s', %s, m, s.hlc, s.hlc FROM (SELECT 0",
		t->name, t->name, t->name, key.buf);
	assert(t->ncols <= REPLICA_COLS_MAX);
	for (int c = 0; c < t->ncols; c++)
		sb_addf(sql, " | ((old.\"%s\" IS NOT new.\"%s\") << %d)", t->cols[c], t->cols[c], c);
	sb_adds(sql, " AS m), sync_state s WHERE m <> 0 ON CONFLICT(tbl, row) DO UPDATE SET"
		     " mask = CASE WHEN mask < 0 THEN mask ELSE mask | excluded.mask END, hlc = excluded.hlc; END;");
	sb_addf(sql,
		"CREATE TRIGGER \"sync_%s_d\" AFTER DELETE ON \"%s\" WHEN (SELECT capture FROM sync_state) BEGIN"
		" UPDATE sync_state SET hlc = max(hlc + 1, " CLOCK_NOW ");"
		" INSERT INTO sync_dirty(tbl, row, mask, hlc, first) SELECT '%s', %s, -2, hlc, hlc FROM sync_state WHERE true"
		" ON CONFLICT(tbl, row) DO UPDATE SET mask = CASE WHEN mask IN (-1, -3) THEN -3 ELSE -2 END,"
		" hlc = excluded.hlc; END;",
		t->name, t->name, t->name, oldkey.buf);
	sb_release(&key);
	sb_release(&oldkey);
}

int replica_install(struct store *st, struct err *e)
{
	char *v = NULL, *have = NULL, *want = NULL;
	int rc = db_text(st, e, &v, "SELECT 1 FROM sqlite_schema WHERE name = 'sync_state'", "");
	free(v);
	if (rc)
		return rc < 0 ? -1 : 0; /* a schema from before sync: nothing to capture */
	if (store_local_get(st, "capture_schema", &have, e) || schema_version(st, &want, e)) {
		free(have);
		return -1;
	}
	bool same = have && !strcmp(have, want);
	free(have);
	free(want);
	if (same)
		return 0;
	struct strbuf sql = { 0 };
	rc = -1;
	if (store_begin(st, e))
		return -1;
	if (rtables_load(st, e))
		goto out;
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT name FROM sqlite_schema WHERE type = 'trigger'"
				   " AND name LIKE 'sync\\_%' ESCAPE '\\'",
				   "");
	int step;
	if (!s)
		goto out;
	while ((step = db_step(st, s, e)) == 1)
		sb_addf(&sql, "DROP TRIGGER \"%s\";", (const char *)sqlite3_column_text(s, 0));
	if (step < 0)
		goto out;
	/* the guard reads sync_state.power, which a database opened at an
	 * older version (a test of its migration) lacks */
	char *guard = NULL;
	if (db_text(st, e, &guard, "SELECT 1 FROM pragma_table_info('sync_state') WHERE name = 'power'", "") < 0)
		goto out;
	for (size_t i = 0; i < st->replica->ntables; i++) {
		add_triggers(st, &st->replica->tables[i], &sql);
		if (guard)
			guard_triggers(&st->replica->tables[i], &sql);
	}
	free(guard);
	if (db_script(st, sql.buf, e))
		goto out;
	/* the statements prepared before were made for the old schema */
	db_cache_clear(st);
	if (schema_version(st, &want, e))
		goto out;
	rc = store_local_set(st, "capture_schema", want, e);
	free(want);
out:
	sb_release(&sql);
	if (rc)
		store_rollback(st);
	else if (store_commit(st, e))
		rc = -1;
	return rc;
}

int replica_capture(struct store *st, bool on, struct err *e)
{
	return db_exec(st, e, "UPDATE sync_state SET capture = ?", "i", on ? 1 : 0);
}

bool replica_capturing(struct store *st)
{
	char *v = NULL;
	struct err e;
	int rc = db_text(st, &e, &v, "SELECT capture FROM sync_state", "");
	if (rc < 0)
		db_defer(st, &e);
	bool on = rc == 0 && v && atoi(v);
	free(v);
	return on;
}

int replica_guard_set(struct store *st, bool power, const char *person, struct err *e)
{
	/* read first: most opens find it as it was, and write nothing */
	sqlite3_stmt *s = db_query(st, e, "SELECT 1 FROM sync_state WHERE power IS ?1 AND person IS ?2", "is",
				   power ? 1 : 0, person);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		db_done(s);
		return 0;
	}
	return db_exec(st, e,
		       "UPDATE sync_state SET power = ?1, person = ?2 WHERE power IS NOT ?1 OR person IS NOT ?2", "is",
		       power ? 1 : 0, person);
}

bool replica_guard_power(struct store *st)
{
	char *v = NULL;
	struct err e;
	int rc = db_text(st, &e, &v, "SELECT NOT capture OR power FROM sync_state", "");
	if (rc < 0)
		db_defer(st, &e);
	bool power = rc == 1 || (rc == 0 && v && atoi(v));
	free(v);
	return power;
}

long long replica_wall_hlc(void)
{
	return clock_now_ms() << HLC_SHIFT;
}

int replica_clock_now(struct store *st, long long *hlc, struct err *e)
{
	sqlite3_stmt *s;
	if (db_exec(st, e, "UPDATE sync_state SET hlc = max(hlc + 1, ?)", "I", (sqlite3_int64)replica_wall_hlc()) ||
	    !(s = db_query(st, e, "SELECT hlc FROM sync_state", "")))
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : error(e, E_NO_CLOCK);
	*hlc = sqlite3_column_int64(s, 0);
	db_done(s);
	return 0;
}

int replica_clock_observe(struct store *st, long long hlc, long long max, struct err *e)
{
	if (hlc > max)
		hlc = max;
	return db_exec(st, e, "UPDATE sync_state SET hlc = max(hlc, ?)", "I", (sqlite3_int64)hlc);
}
