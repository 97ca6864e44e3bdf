/*
 * vfs: the SQLite file system gavel opens its databases through: the
 * system's own, with one change: SQLite's idea of "now" (julianday('now'),
 * which the change-capture triggers read for the sync's logical clock) is
 * gavel's one clock (core/base/clock.h), so that a clock set for a test or
 * a demonstration is the clock of every row, signature and sync alike.
 * Another program that opens the same file (the sqlite3 shell) keeps the
 * system's clock; the logical clock never goes back either way.
 */
#ifndef GAVEL_STORE_VFS_H
#define GAVEL_STORE_VFS_H

/* The name of the file system to pass to sqlite3_open_v2, registered on
 * the first call; NULL (SQLite's default) if it cannot be. */
const char *store_vfs(void);

#endif
