/*
 * files: the files of the shared folder applied here (sync_file), whose
 * and which, with what their writer had seen, and how far each writer's
 * files are applied without a gap (sync_front).
 */
#include <assert.h>
#include <limits.h>
#include <stdlib.h>

#include "core/base/clock.h"
#include "store/replica/internal.h"

/* A number that one query of one row and column gives: 0 and *v, or 1. */
static int number(struct store *st, sqlite3_stmt *s, long long *v, struct err *e)
{
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*v = sqlite3_column_int64(s, 0);
	db_done(s);
	return 0;
}

int replica_file_add(struct store *st, const char *writer, long long seq, const char *frontier,
		     long long changes, struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	long long upto;
	clock_utc(now);
	if (db_exec(st, e,
		    "INSERT OR REPLACE INTO sync_file(writer, seq, frontier, changes, applied) VALUES (?, ?, ?, ?, ?)",
		    "sIsIs", writer, (sqlite3_int64)seq, frontier, (sqlite3_int64)changes, now) ||
	    replica_applied_upto(st, writer, &upto, e))
		return -1;
	if (seq != upto + 1)
		return 0;
	/* the run of files without a gap goes on from here: each file is
	 * stepped over once, when the gap before it closes */
	for (upto = seq;; upto++) {
		long long one;
		int rc = number(st, db_query(st, e, "SELECT 1 FROM sync_file WHERE writer = ? AND seq = ?", "sI", writer,
					     (sqlite3_int64)(upto + 1)),
				&one, e);
		if (rc < 0)
			return -1;
		if (rc == 1)
			break;
	}
	return db_exec(st, e,
		       "INSERT INTO sync_front(writer, upto) VALUES (?, ?)"
		       " ON CONFLICT(writer) DO UPDATE SET upto = excluded.upto",
		       "sI", writer, (sqlite3_int64)upto);
}

int replica_file_get(struct store *st, const char *writer, long long seq, char **frontier,
		     struct err *e)
{
	return db_text(st, e, frontier, "SELECT frontier FROM sync_file WHERE writer = ? AND seq = ?", "sI", writer,
		       (sqlite3_int64)seq);
}

int replica_frontier(struct store *st, char **out, struct err *e)
{
	struct strbuf sb = { 0 };
	int rc;
	sqlite3_stmt *s = db_query(st, e, "SELECT writer, upto FROM sync_front WHERE upto > 0 ORDER BY writer", "");
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		sb_addf(&sb, "%s%s:%lld", sb.len ? "," : "", (const char *)sqlite3_column_text(s, 0),
			(long long)sqlite3_column_int64(s, 1));
	if (rc < 0) {
		sb_release(&sb);
		return -1;
	}
	*out = sb_detach(&sb);
	return 0;
}

int replica_applied_upto(struct store *st, const char *writer, long long *seq, struct err *e)
{
	*seq = 0;
	return number(st, db_query(st, e, "SELECT upto FROM sync_front WHERE writer = ?", "s", writer), seq, e) < 0
		       ? -1 : 0;
}

int replica_last_seq(struct store *st, const char *writer, long long *seq, struct err *e)
{
	*seq = 0;
	return number(st, db_query(st, e, "SELECT coalesce(max(seq), 0) FROM sync_file WHERE writer = ?", "s", writer),
		      seq, e) < 0
		       ? -1 : 0;
}

int replica_sent_add(struct store *st, const char *writer, long long seq, const unsigned char *buf, size_t len,
		     struct err *e)
{
	assert(len <= INT_MAX);
	return db_exec(st, e, "INSERT OR REPLACE INTO sync_sent(writer, seq, bytes) VALUES (?, ?, ?)", "sIb", writer,
		       (sqlite3_int64)seq, (const void *)buf, (int)len);
}

int replica_sent_get(struct store *st, const char *writer, long long seq, struct strbuf *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT bytes FROM sync_sent WHERE writer = ? AND seq = ?", "sI", writer,
				   (sqlite3_int64)seq);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	sb_reset(out);
	sb_add(out, sqlite3_column_blob(s, 0), (size_t)sqlite3_column_bytes(s, 0));
	db_done(s);
	return 0;
}

int replica_sent_seqs(struct store *st, const char *writer, long long from, long long to, long long **out,
		      size_t *n, struct err *e)
{
	size_t alloc = 0;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = db_query(st, e, "SELECT seq FROM sync_sent WHERE writer = ? AND seq BETWEEN ? AND ? ORDER BY seq",
				   "sII", writer, (sqlite3_int64)from, (sqlite3_int64)to);
	if (!s)
		return -1;
	int rc;
	while ((rc = db_step(st, s, e)) == 1) {
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}
