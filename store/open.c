/*
 * open: opening and closing the database, its migrations, and this
 * machine's actor id.
 *
 * The search index maps rows by rowid (see schema.c), and SQLite keeps the
 * rowids of tables without an INTEGER PRIMARY KEY only until a VACUUM, so
 * the store never runs VACUUM.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/replica.h"
#include "store/vfs.h"

/* How long a write waits for another process's transaction to end (the
 * interface and a sync from cron share the file). */
#define BUSY_TIMEOUT_MS 5000
/* The mode of a new database (and so of its -wal and -shm files). */
#define DB_MODE 0600

int store_schema_version(void)
{
	return store_migration_count;
}

/* The file's PRAGMA user_version, or -1 when it cannot be read. */
int store_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	return v;
}

static int migrate(struct store *st, int target, struct err *e)
{
	int v = store_version(st);
	if (v < 0)
		return db_error(st, e);
	if (v > store_migration_count)
		return error(e, E_DB_NEWER);
	while (v < target) {
		char *pragma = xasprintf("PRAGMA user_version = %d;", v + 1);
		int rc = store_begin(st, e) || db_script(st, store_migrations[v], e) || db_script(st, pragma, e);
		free(pragma);
		if (rc) {
			store_rollback(st);
			return -1;
		}
		if (store_commit(st, e))
			return -1;
		v++;
	}
	return 0;
}

/* This machine's actor id, made once per database. */
static int load_actor(struct store *st, struct err *e)
{
	char *actor = NULL;
	int v = store_version(st);
	if (v < 0)
		return db_error(st, e);
	if (v < 1)
		return 0; /* no table local before version 1 */
	if (store_local_get(st, "actor", &actor, e) < 0)
		return -1;
	if (!actor) {
		char id[ID_LEN + 1];
		id_new(id);
		if (store_local_set(st, "actor", id, e))
			return -1;
		actor = xstrdup(id);
	}
	snprintf(st->actor, sizeof st->actor, "%s", actor);
	free(actor);
	return 0;
}

/* SQL function fold(text): text_fold for case-insensitive names. It is
 * registered on every connection and never used in the schema, so other
 * SQLite tools can still open the file. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *t = sqlite3_value_text(argv[0]);
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	char *f = text_fold((const char *)t);
	sqlite3_result_text(ctx, f, -1, free);
}

/*
 * The database holds minutes not yet public: only its owner reads it. A
 * new one is made 0600 before SQLite opens it (its -wal and -shm files
 * take the database's mode), and one made readable to others by an older
 * gavel is closed to them.
 */
static int private_file(const char *path, bool create, struct err *e)
{
	struct stat sb;
	if (lstat(path, &sb) == 0) {
		static const char *const side[] = { "", "-wal", "-shm" };
		for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
			char *p = xasprintf("%s%s", path, side[i]);
			int rc = lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid() &&
					 (sb.st_mode & 077) && chmod(p, sb.st_mode & 0700)
				 ? error(e, E_IO, p, strerror(errno))
				 : 0;
			free(p);
			if (rc)
				return -1;
		}
		return 0;
	}
	if (!create || errno != ENOENT)
		return 0; /* SQLite says what is wrong */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, DB_MODE);
	if (fd < 0)
		return errno == EEXIST ? 0 : error(e, E_IO, path, strerror(errno));
	close(fd);
	return 0;
}

static int open_db(const char *path, bool create, int target, struct err *e, struct store **out)
{
	struct stat sb;
	if (!create && stat(path, &sb) != 0)
		return error(e, E_NO_COUNCIL, path);
	if (private_file(path, create, e))
		return -1;
	struct store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &st->db, flags, store_vfs()) != SQLITE_OK) {
		error(e, E_IO, path, sqlite3_errmsg(st->db));
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db, 0);
	if ((sqlite3_create_function(st->db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold,
				     NULL, NULL) != SQLITE_OK && db_error(st, e)) ||
	    db_script(st, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
			    "PRAGMA synchronous = NORMAL;", e) ||
	    migrate(st, target, e) || load_actor(st, e) || replica_install(st, e)) {
		if (sqlite3_errcode(st->db) == SQLITE_NOTADB)
			error(e, E_NOT_DATABASE, path);
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

int store_open(const char *path, bool create, struct err *e, struct store **out)
{
	return open_db(path, create, store_migration_count, e, out);
}

int store_open_at_version(const char *path, int version, struct err *e, struct store **out)
{
	return open_db(path, true, version, e, out);
}

const char *store_path(struct store *st)
{
	return st->path;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	replica_release(st);
	db_cache_clear(st);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

