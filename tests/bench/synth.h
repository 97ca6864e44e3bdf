/*
 * synth: a long sync history made at once. For the benchmark only
 * (tests/bench/bench_sync.c); nothing in gavel itself calls it.
 *
 * A council shared for years holds every value its fields ever had
 * (sync_hist), the version of each field's current value (sync_ver) and
 * every file it applied (sync_file). Applying years of files one by one
 * would take the benchmark hours, so it makes such a history directly: as
 * if, after the share, every field of every row had been written again
 * `rounds` times with the value it has. Round r (1..rounds) is written by
 * writers[(r - 1) % nwriters] at clock readings `step` apart; each writer
 * numbers its files from 1 on, `per_file` rows a file, every round in the
 * same row order. The benchmark writes those files to the folder itself
 * and records them with replica_file_add; this module writes the versions.
 *
 * Functions return 0 on success and -1 with `e` set on failure.
 */
#ifndef GAVEL_STORE_SYNTH_H
#define GAVEL_STORE_SYNTH_H

#include <stddef.h>

#include "store/replica.h"

/* A row of the history, in the order the files hold them, with the clock
 * reading of its current version before the rounds (round r adds r * step). */
struct synth_row {
	char tbl[64];
	char row[ROW_KEY_MAX];
	long long hlc;
};

/*
 * Adds the rounds to sync_hist and makes the last round's versions
 * current in sync_ver (each with the number of the file that carries it).
 * *rows (caller frees) gets the rows in file order, *nrows their number.
 * Runs its own transactions, one per table, so that the write-ahead log
 * stays small; a failure leaves the rounds of the tables done so far.
 */
int synth_history(struct store *st, int rounds, long long step, const char *const *writers,
		  size_t nwriters, int per_file, struct synth_row **rows, size_t *nrows, struct err *e);

/* The size of the history: field versions (sync_hist rows) and files
 * applied (sync_file rows). */
int synth_history_size(struct store *st, long long *versions, long long *files, struct err *e);

#endif
