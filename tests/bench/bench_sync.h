/* bench_sync: shared by the sync figures' files (bench_sync.c, bench_hist.c). */
#ifndef GAVEL_BENCH_SYNC_H
#define GAVEL_BENCH_SYNC_H

#include <stdbool.h>

#include "store/store.h"
#include "sync/sync.h"

/* Where the shared council and its copies are kept between runs. */
#define BENCH_SYNC_DIR "build/bench-sync"
#define BENCH_PASS "korrekt häftklammer hästbatteri"

/* BENCH_SYNC_DIR/name (caller frees). */
char *bench_sync_path(const char *name);
bool bench_exists(const char *path);
/* Copies a file's bytes; an existing `to` is overwritten in place (it keeps
 * its inode, so a database restored this way is not taken for a copy). */
void bench_copy_file(const char *from, const char *to);
/* Removes a database's -wal and -shm files; with `whole` also the
 * database and its .keys and .identity. */
void bench_remove_db(const char *db, bool whole);
void bench_rm_rf(const char *path);
/* A copy of a shared council's database with its keys but not its
 * identity: at its first sync it becomes a member machine of its own. */
void bench_clone_db(const char *from, const char *to);
/* The council files of a folder (names). */
void bench_folder_list(const char *dir, struct strvec *out);
/* Hard links (a sync tool's delivery) of the files of `from` missing in `to`. */
void bench_deliver(const char *from, const char *to);
/* A new folder holding the shared council's files. */
void bench_new_folder(const char *dir);
struct store *bench_sync_open(const char *db);
/* One sync; dies on an error or a refused file. */
void bench_sync_once(struct store *st, const char *dir, struct sync_summary *s);

/*
 * Makes machine b (b_db syncing with b_dir) a copy of the shared council
 * whose history is `times` times its own, and a (a_db, a_dir) a copy that
 * has applied the same files; both still to become machines of their own.
 */
void bench_history(int times, const char *a_db, const char *a_dir, const char *b_db, const char *b_dir);

#endif
