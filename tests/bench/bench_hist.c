/*
 * bench_hist: a council whose sync history is N times the ten-year
 * council's, for the incremental sync figure.
 *
 * The ten-year council's history (1x) is its share: one version of every
 * field of every row, in one file. A longer history is what years of
 * syncs leave behind: more versions of the fields and more files applied,
 * all kept in the folder. Applying them one by one would take hours, so
 * the history is made directly, the same each run: every field of every
 * row written again N - 1 times after the share (same values, later
 * clocks), round by round by ten earlier member machines in turn, in files
 * of 20 rows (one member's session between two syncs). The versions go into
 * the database through tests/bench/synth.c; the files are written here, sealed,
 * encrypted and signed like any other, each with the frontier of what its
 * writer had applied, and recorded as applied. So the database and the
 * folder are as those syncs would have left them, as far as the
 * incremental sync can tell: the files' writers are not in the council's
 * member keys, so they are not meant to be joined from.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/bundle.h"
#include "sync/keyring.h"
#include "sync/layout.h"
#include "tests/bench/bench.h"
#include "tests/bench/bench_sync.h"
#include "tests/bench/synth.h"

#define HIST_WRITERS 10
#define ROWS_PER_FILE 20
#define STEP ((1LL << HLC_SHIFT) * 1000) /* a second between rounds */

static struct err e;

/* Prints what failed with this file's last error, and exits. */
static void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, e.msg);
	exit(1);
}

struct writer {
	struct identity id;
	long long files; /* written so far */
};

static int cmp_front(const void *a, const void *b)
{
	return strcmp(((const struct frontier_item *)a)->writer, ((const struct frontier_item *)b)->writer);
}

/* What writer w had applied when writing its next file: the share's
 * files and every file written before (the rounds go one after another). */
static size_t frontier(const struct batch *share, const struct writer *ws, int w, struct frontier_item *out)
{
	size_t n = 0;
	for (size_t i = 0; i < share->nfront; i++)
		out[n++] = share->front[i];
	for (int k = 0; k < HIST_WRITERS; k++) {
		if (!ws[k].files)
			continue;
		snprintf(out[n].writer, sizeof out[n].writer, "%s", ws[k].id.actor);
		out[n++].seq = ws[k].files;
	}
	(void)w;
	qsort(out, n, sizeof *out, cmp_front);
	return n;
}

void bench_history(int times, const char *a_db, const char *a_dir, const char *b_db, const char *b_dir)
{
	char *base = bench_sync_path("base.db");
	bench_clone_db(base, b_db);
	bench_new_folder(b_dir);
	bench_clone_db(base, a_db);
	bench_new_folder(a_dir);
	free(base);
	if (times == 1)
		return;
	struct store *a = bench_sync_open(a_db), *b = bench_sync_open(b_db);
	struct keyring kr;
	struct writer ws[HIST_WRITERS];
	const char *ids[HIST_WRITERS];
	struct batch share = { 0 };
	char *front = NULL;
	if (keyring_load(b, &kr, &e) || replica_frontier(b, &front, &e))
		die("history");
	batch_frontier_parse(&share, front);
	free(front);
	for (int w = 0; w < HIST_WRITERS; w++) {
		memset(&ws[w], 0, sizeof ws[w]);
		crypto_sign_keypair(ws[w].id.pk, ws[w].id.sk);
		id_new(ws[w].id.actor);
		ids[w] = ws[w].id.actor;
	}

	/* the versions */
	struct synth_row *rows;
	size_t nrows;
	int rounds = times - 1;
	if (synth_history(b, rounds, STEP, ids, HIST_WRITERS, ROWS_PER_FILE, &rows, &nrows, &e))
		die("synthesize history");

	/* the rows' values, which every round writes again */
	struct rval **vals = xcalloc(nrows, sizeof *vals);
	const struct rtable **tabs = xcalloc(nrows, sizeof *tabs);
	for (size_t i = 0; i < nrows; i++) {
		tabs[i] = replica_table(b, rows[i].tbl);
		if (!tabs[i])
			die("history table");
		vals[i] = xcalloc((size_t)tabs[i]->ncols, sizeof **vals);
		if (replica_row_get(b, tabs[i], rows[i].row, vals[i], &e))
			die("history row");
	}

	/* the files, in the folder and recorded as applied on both machines */
	struct frontier_item *items = xcalloc(share.nfront + HIST_WRITERS, sizeof *items);
	struct change *ch = xcalloc(ROWS_PER_FILE, sizeof *ch);
	long long top = 0;
	if (store_begin(a, &e) || store_begin(b, &e))
		die("begin");
	for (int r = 1; r <= rounds; r++) {
		struct writer *w = &ws[(r - 1) % HIST_WRITERS];
		for (size_t first = 0; first < nrows; first += ROWS_PER_FILE) {
			struct batch bt = { 0 };
			bt.schema = store_schema_version();
			bt.front = items;
			bt.nfront = frontier(&share, ws, (r - 1) % HIST_WRITERS, items);
			bt.v = ch;
			for (size_t i = first; i < nrows && i < first + ROWS_PER_FILE; i++) {
				struct change *c = &ch[bt.n++];
				memset(c, 0, sizeof *c);
				c->op = CHANGE_UPSERT;
				snprintf(c->tbl, sizeof c->tbl, "%s", rows[i].tbl);
				snprintf(c->row, sizeof c->row, "%s", rows[i].row);
				c->hlc = rows[i].hlc + r * STEP;
				c->ncols = tabs[i]->ncols;
				c->cols = tabs[i]->cols;
				c->vals = vals[i];
				if (c->hlc > bt.clock)
					bt.clock = c->hlc;
			}
			if (bt.clock > top)
				top = bt.clock;
			unsigned char *plain, *file;
			size_t plain_len, file_len;
			struct bundle hd = { 0 };
			char name[LAYOUT_PATH_MAX];
			batch_encode(&bt, &plain, &plain_len);
			hd.kind = BUNDLE_CHANGES;
			memcpy(hd.council, kr.council, sizeof hd.council);
			hd.seq = (uint64_t)(w->files + 1);
			hd.epoch = keyring_current(&kr);
			bundle_seal(&hd, NULL, 0, plain, plain_len, keyring_key(&kr, hd.epoch), &w->id, &file, &file_len);
			layout_path(w->id.actor, hd.seq, name);
			char *path = xasprintf("%s/%s", b_dir, name), *ftext = frontier_text(items, bt.nfront);
			if (layout_mkdirs(b_dir, name))
				die(path);
			FILE *f = fopen(path, "wb");
			if (!f || fwrite(file, 1, file_len, f) != file_len || fclose(f))
				die(path);
			if (replica_file_add(b, w->id.actor, (long long)hd.seq, ftext, (long long)bt.n, &e) ||
			    replica_file_add(a, w->id.actor, (long long)hd.seq, ftext, (long long)bt.n, &e))
				die("file record");
			w->files++;
			free(ftext);
			free(path);
			free(file);
			free(plain);
		}
	}
	/* their clocks, as the syncs would have taken them in */
	if (replica_clock_observe(a, top, top, &e) || replica_clock_observe(b, top, top, &e) || store_commit(a, &e) ||
	    store_commit(b, &e))
		die("commit");
	for (size_t i = 0; i < nrows; i++) {
		for (int c = 0; c < tabs[i]->ncols; c++)
			rval_release(&vals[i][c]);
		free(vals[i]);
	}
	free(vals);
	free(tabs);
	free(rows);
	free(ch);
	free(items);
	batch_release(&share);
	keyring_release(&kr);
	for (int w = 0; w < HIST_WRITERS; w++)
		identity_release(&ws[w].id);
	store_close(a);
	store_close(b);
}
