/*
 * bench_sync: the sync figures, on copies of the ten-year council shared
 * through a folder (`gavel council share`, kept in build/bench-sync/).
 *
 * merge_us_per_change: twenty copies of the shared council, each a member
 * machine of its own, make about 500 changes each (a secretary's meeting
 * with its agenda, attendance and decisions, notes on the next meetings'
 * agendas, attendance announced, progress notes and status of actions
 * across the ten years, new actions, indicator readings, proposals) and
 * sync them to their own folders. A fresh copy of the ten-year council then
 * takes all their files in one sync: that sync is timed, divided by the
 * changes it applied. merge_vs_sqlite_ratio sets it against a baseline
 * timed in the same run: the same rows (each change's row id and values)
 * written with plain SQLite, one prepared statement per table and column
 * set, in one transaction, into a copy of the same council (insert_council
 * below). merge_vs_bare_tables_ratio, for comparison only, sets it against
 * the same rows inserted into a new database of bare tables.
 *
 * join_s: a newcomer asks to join (one passphrase derivation), a machine
 * of the founder's admits it, and the newcomer's first sync reads the
 * whole ten-year council; the figure is the newcomer's part (its join and
 * that sync), the median of JOIN_RUNS.
 *
 * sync_peak_mb: the most memory (peak resident set) one `gavel sync`
 * takes to write a batch of 100 MB of changes (a hundred progress notes of
 * a megabyte each) and, on another machine, to read it in; each sync is a
 * process of its own (the real ./gavel), measured by the kernel. sync_base_mb, the baseline
 * of the same run: a sync of the same council with nothing to write or
 * read. The batch goes as files of EXPORT_CHUNK each, and a sync holds
 * one of them at a time.
 *
 * incremental_sync_ms_1x, _10x, _100x: one member's machine adds a note to
 * an item and syncs; the figure is the sync of another machine that brings
 * that one change in, on a council whose sync history is 1, 10 or 100
 * times the ten-year council's (see bench_hist.c for how the longer
 * histories are made). It should not grow with the history.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/bench/bench_sync.h"
#include "core/action.h"
#include "core/council.h"
#include "core/meeting.h"
#include "store/db.h"
#include "store/replica.h"
#include "sync/bundle.h"
#include "sync/keyring.h"
#include "sync/layout.h"
#include "sync/sync.h"
#include "tests/bench/bench.h"
#include "tests/bench/synth.h"

#define WRITERS 20
#define WRITER_CHANGES 500
#define MERGE_RUNS 5
#define INCR_RUNS 21
#define JOIN_RUNS 3

static struct err e;

/* Prints what failed with this file's last error, and exits. */
static void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, e.msg);
	exit(1);
}

/* ---- files ---- */

char *bench_sync_path(const char *name)
{
	return xasprintf("%s/%s", BENCH_SYNC_DIR, name);
}

bool bench_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

void bench_copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (in < 0 || out < 0) {
		fprintf(stderr, "bench: copy %s to %s: %s\n", from, to, strerror(errno));
		exit(1);
	}
	for (;;) {
		ssize_t n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
		if (n == 0)
			break;
		if (n < 0) {
			/* another file system: by hand */
			char buf[1 << 16];
			ssize_t r;
			while ((r = read(in, buf, sizeof buf)) > 0)
				if (write(out, buf, (size_t)r) != r)
					break;
			break;
		}
	}
	close(in);
	close(out);
}

void bench_rm_rf(const char *path)
{
	char *cmd = xasprintf("rm -rf '%s'", path);
	if (system(cmd) != 0) {
		fprintf(stderr, "bench: %s failed\n", cmd);
		exit(1);
	}
	free(cmd);
}

void bench_remove_db(const char *db, bool whole)
{
	static const char *const sfx[] = { "-wal", "-shm", "", ".keys", ".identity" };
	for (size_t i = 0; i < (whole ? ARRAY_SIZE(sfx) : 2); i++) {
		char *p = xasprintf("%s%s", db, sfx[i]);
		unlink(p);
		free(p);
	}
}
void bench_clone_db(const char *from, const char *to)
{
	char *kf = xasprintf("%s.keys", from), *kt = xasprintf("%s.keys", to);
	char *idf = xasprintf("%s.identity", from), *idt = xasprintf("%s.identity", to);
	bench_remove_db(to, true);
	bench_copy_file(from, to);
	bench_copy_file(kf, kt);
	/* with its key file: the copy's own key is vouched for by it */
	bench_copy_file(idf, idt);
	free(kf);
	free(kt);
	free(idf);
	free(idt);
}

void bench_folder_list(const char *dir, struct strvec *out)
{
	struct strvec all = { 0 };
	if (layout_walk(dir, &all)) {
		fprintf(stderr, "bench: %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	for (size_t i = 0; i < all.n; i++)
		if (strstr(layout_base(all.v[i]), ".gavel"))
			strvec_push(out, all.v[i]);
	strvec_release(&all);
}

void bench_deliver(const char *from, const char *to)
{
	struct strvec names = { 0 };
	bench_folder_list(from, &names);
	for (size_t i = 0; i < names.n; i++) {
		char *f = xasprintf("%s/%s", from, names.v[i]), *t = xasprintf("%s/%s", to, names.v[i]);
		if (layout_mkdirs(to, names.v[i])) {
			fprintf(stderr, "bench: %s: %s\n", t, strerror(errno));
			exit(1);
		}
		if (!bench_exists(t) && link(f, t) != 0)
			bench_copy_file(f, t);
		free(f);
		free(t);
	}
	strvec_release(&names);
}

void bench_new_folder(const char *dir)
{
	char *base = bench_sync_path("base-folder");
	bench_rm_rf(dir);
	if (mkdir(dir, 0755)) {
		fprintf(stderr, "bench: %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	bench_deliver(base, dir);
	free(base);
}

struct store *bench_sync_open(const char *db)
{
	struct store *st;
	if (store_open(db, false, &e, &st))
		die(db);
	return st;
}

void bench_sync_once(struct store *st, const char *dir, struct sync_summary *s)
{
	memset(s, 0, sizeof *s);
	if (sync_run(st, dir, s, &e))
		die("sync");
	if (s->refused) {
		fprintf(stderr, "bench: sync refused files: %s\n", s->notes.n ? s->notes.v[0] : "");
		exit(1);
	}
}

/* A member machine: a copy of the shared council at `name`.db syncing with
 * `name`-folder, which holds the share's files; its first sync is done. */
static struct store *machine(const char *name)
{
	char *db = xasprintf("%s/%s.db", BENCH_SYNC_DIR, name), *dir = xasprintf("%s/%s-folder", BENCH_SYNC_DIR, name);
	char *base = bench_sync_path("base.db");
	bench_clone_db(base, db);
	bench_new_folder(dir);
	struct store *st = bench_sync_open(db);
	struct sync_summary s;
	bench_sync_once(st, dir, &s);
	if (!s.renewed)
		die("a copy did not become a machine of its own");
	sync_summary_release(&s);
	free(db);
	free(dir);
	free(base);
	return st;
}

/* ---- the shared council ---- */

/* build/bench-sync/base.db: the ten-year council shared through base-folder. */
static void share(const char *council)
{
	char *db = bench_sync_path("base.db"), *dir = bench_sync_path("base-folder");
	struct store *st;
	struct sync_summary s = { 0 };
	bench_rm_rf(BENCH_SYNC_DIR);
	if (mkdir(BENCH_SYNC_DIR, 0755))
		die("mkdir");
	bench_copy_file(council, db);
	double t = bench_now_ms();
	if (store_open(db, false, &e, &st) || sync_share(st, dir, "Person 00 Åström", BENCH_PASS, &s, &e))
		die("share");
	store_close(st);
	printf("shared the ten-year council: %ld changes in %.1f s\n", s.sent, (bench_now_ms() - t) / 1000);
	sync_summary_release(&s);
	free(db);
	free(dir);
}

/* ---- merge: twenty machines' changes ---- */

/* Changes this machine will send at its next sync. */
static long pending(struct store *st)
{
	struct rdirty_list d = { 0 };
	long n = 0;
	if (replica_dirty(st, &d, &e))
		die("dirty");
	for (size_t i = 0; i < d.n; i++) {
		const struct rtable *t = replica_table(st, d.v[i].tbl);
		if (t && t->has_id && d.v[i].mask != DIRTY_GONE)
			n++;
	}
	rdirty_list_release(&d);
	return n;
}

static const char *const bodies[] = { "styrgrupp", "radet", "referens" };

/* Member machine w's work between two syncs: about WRITER_CHANGES changes. */
static void member_work(struct store *st, int w, const char *today, const struct action_list *acts)
{
	struct strbuf sb = { 0 };
	struct meeting_list next = { 0 };
	char name[64], date[DATE_SIZE], id[ID_LEN + 1];
	if (store_begin(st, &e) || store_meeting_next(st, today, &next, &e) || next.n < 3)
		die("next meetings");
	/* the secretaries of the three bodies hold a meeting each */
	if (w < 3) {
		char mid[ID_LEN + 1];
		date_add_days(today, 60 + w, date);
		struct meeting_plan plan = { date, "09:00", "12:00", "Regionens hus" };
		if (meeting_add(st, bench_body(st, bodies[w]), &plan, mid, &e))
			die("meeting");
		for (int i = 1; i <= 12; i++) {
			int p;
			snprintf(name, sizeof name, "Ärende %d", i);
			struct item_input item = { .title = name };
			bench_text(&sb, 1500);
			if (meeting_item_add(st, mid, &item, &p, &e) || meeting_note(st, bench_item(st, mid, i), sb.buf, &e))
				die("item");
		}
		for (int p = 0; p < 15; p++) {
			struct attend_input a = { 0 };
			snprintf(name, sizeof name, "Person %02d Åström", w * 20 + p);
			a.person_id = bench_person(st, name);
			a.absent = p == 3;
			if (meeting_attend(st, mid, &a, &e))
				die("attend");
		}
		if (meeting_open(st, mid, "09:00", &e))
			die("open");
		for (int i = 1; i <= 10; i++) {
			struct decide_input in = { 0 };
			struct decide_result r;
			bench_text(&sb, 200);
			in.text = sb.buf;
			if (meeting_decide(st, bench_item(st, mid, i), &in, &r, &e))
				die("decide");
		}
		if (meeting_close(st, mid, "12:00", &e))
			die("close");
	}
	/* attendance announced for the next meetings */
	for (int k = 0; k < 3; k++) {
		struct attend_input a = { 0 };
		int body = (int)(strcmp(next.v[k].body_short, "styrgrupp") ? strcmp(next.v[k].body_short, "radet") ? 2 : 1 : 0);
		snprintf(name, sizeof name, "Person %02d Åström", body * 20 + (w + k * 7) % 20);
		a.person_id = bench_person(st, name);
		a.absent = (w + k) % 5 == 0;
		if (meeting_attend(st, next.v[k].id, &a, &e))
			die("attend next");
	}
	while (pending(st) < WRITER_CHANGES) {
		unsigned u = bench_rnd(10);
		if (u < 5) {
			/* progress on an action of the ten years */
			const struct action *a = &acts->v[bench_rnd((unsigned)acts->n)];
			bench_text(&sb, 150);
			if (action_update(st, a->id, bench_rnd(3) ? "ongoing" : "done", sb.buf, NULL, NULL, &e))
				die("action update");
		} else if (u < 7) {
			struct action_input in = { 0 };
			char owner[64], goal[16], due[11];
			bench_text(&sb, 200);
			snprintf(owner, sizeof owner, "Person %02d Åström", (int)bench_rnd(60));
			snprintf(goal, sizeof goal, "%u.%u", 1 + bench_rnd(3), 1 + bench_rnd(4));
			date_add_days(today, 30 + (int)bench_rnd(300), due);
			in.title = "Följa upp åtgärden";
			in.description = sb.buf;
			in.due = due;
			in.goal_id = bench_goal(st, goal);
			if (action_owner_resolve(st, owner, &in.owner, &e) || action_add(st, &in, id, &e))
				die("action");
		} else if (u < 8) {
			char code[16];
			snprintf(code, sizeof code, "%u.%u", 1 + bench_rnd(3), 1 + bench_rnd(4));
			int year = date_year(today) - (int)bench_rnd(10);
			double value = 20 + bench_rnd(70);
			if (council_goal_reading(st, bench_goal(st, code), year, value, NULL, &e))
				die("reading");
		} else if (u < 9) {
			bench_text(&sb, 600);
			snprintf(name, sizeof name, "Person %02d Åström", (int)bench_rnd(60));
			if (council_proposal_add(st, "Förslag om digital tjänst", sb.buf, bench_person(st, name), NULL, id, &e))
				die("proposal");
		} else {
			const struct meeting *m = &next.v[bench_rnd(3)];
			int pos = 1 + (int)bench_rnd(15);
			bench_text(&sb, 400);
			if (meeting_note(st, bench_item(st, m->id, pos), sb.buf, &e))
				die("note");
		}
	}
	if (store_commit(st, &e))
		die("commit");
	meeting_list_release(&next);
	sb_release(&sb);
}

/* merge-folder: the share's files and the twenty machines' files. */
static void make_writers(const char *today)
{
	char *merge = bench_sync_path("merge-folder");
	bench_new_folder(merge);
	double t = bench_now_ms();
	long sent = 0;
	for (int w = 0; w < WRITERS; w++) {
		char name[16];
		snprintf(name, sizeof name, "w%02d", w);
		struct store *st = machine(name);
		struct action_list acts = { 0 };
		struct action_filter f = { 0 };
		if (store_action_list(st, &f, &acts, &e) || !acts.n)
			die("actions");
		member_work(st, w, today, &acts);
		action_list_release(&acts);
		char *db = xasprintf("%s/%s.db", BENCH_SYNC_DIR, name), *dir = xasprintf("%s/%s-folder", BENCH_SYNC_DIR, name);
		struct sync_summary s;
		bench_sync_once(st, dir, &s);
		sent += s.sent;
		sync_summary_release(&s);
		store_close(st);
		bench_deliver(dir, merge);
		/* only their files are kept */
		bench_remove_db(db, true);
		bench_rm_rf(dir);
		free(db);
		free(dir);
	}
	printf("merge: %d machines wrote %ld changes in %.1f s\n", WRITERS, sent, (bench_now_ms() - t) / 1000);
	free(merge);
}

/* The changes in the machines' files (the base's files are not read). */
static void read_changes(struct store *st, const char *dir, struct batch *all)
{
	struct keyring kr;
	struct strvec names = { 0 }, base = { 0 };
	char *bdir = bench_sync_path("base-folder");
	if (keyring_load(st, &kr, &e))
		die("keys");
	bench_folder_list(dir, &names);
	bench_folder_list(bdir, &base);
	for (size_t i = 0; i < names.n; i++) {
		bool shared = false;
		for (size_t k = 0; k < base.n; k++)
			shared = shared || !strcmp(base.v[k], names.v[i]);
		if (shared)
			continue;
		char *path = xasprintf("%s/%s", dir, names.v[i]), why[BUNDLE_WHY];
		struct strbuf buf = { 0 };
		FILE *f = fopen(path, "rb");
		char chunk[65536];
		size_t n;
		while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
			sb_add(&buf, chunk, n);
		if (f)
			fclose(f);
		struct bundle b;
		unsigned char *plain = NULL;
		size_t len;
		struct batch one = { 0 };
		if (bundle_parse((unsigned char *)buf.buf, buf.len, &b, why) ||
		    bundle_open(&b, keyring_key(&kr, b.epoch), &plain, &len, why) || batch_decode(plain, len, &one, why)) {
			fprintf(stderr, "bench: %s: %s\n", path, why);
			exit(1);
		}
		/* the changes move over to `all` */
		for (size_t c = 0; c < one.n; c++)
			*batch_push(all) = one.v[c];
		one.n = 0;
		batch_release(&one);
		free(plain);
		sb_release(&buf);
		free(path);
	}
	keyring_release(&kr);
	strvec_release(&names);
	strvec_release(&base);
	free(bdir);
}

/* Binds a change's values from parameter `first` on. */
static void bind_values(sqlite3_stmt *s, int first, const struct change *c)
{
	for (int k = 0; k < c->ncols; k++) {
		const struct rval *v = &c->vals[k];
		if (v->type == RV_INT)
			sqlite3_bind_int64(s, first + k, v->i);
		else if (v->type == RV_REAL)
			sqlite3_bind_double(s, first + k, v->d);
		else if (v->type == RV_TEXT)
			sqlite3_bind_text(s, first + k, v->s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, first + k);
	}
}

/* Prepares sql once per distinct text, kept in the cache. */
struct stmt_cache {
	char *sql[256];
	sqlite3_stmt *s[256];
	size_t n;
};

static sqlite3_stmt *cached(sqlite3 *db, struct stmt_cache *sc, const char *sql)
{
	for (size_t k = 0; k < sc->n; k++)
		if (!strcmp(sc->sql[k], sql))
			return sc->s[k];
	if (sc->n == ARRAY_SIZE(sc->s) || sqlite3_prepare_v2(db, sql, -1, &sc->s[sc->n], NULL)) {
		fprintf(stderr, "bench: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
	sc->sql[sc->n] = xstrdup(sql);
	return sc->s[sc->n++];
}

static void cache_release(struct stmt_cache *sc)
{
	for (size_t k = 0; k < sc->n; k++) {
		sqlite3_finalize(sc->s[k]);
		free(sc->sql[k]);
	}
}

/* verb ("INSERT OR …") the change's row: its id and the values it carries;
 * sql is the caller's buffer for the statement's text. */
static void insert_row(sqlite3 *db, struct stmt_cache *sc, struct strbuf *sql, const char *verb,
		       const struct change *c)
{
	sb_reset(sql);
	sb_addf(sql, "%s INTO \"%s\"(id", verb, c->tbl);
	for (int k = 0; k < c->ncols; k++)
		sb_addf(sql, ", \"%s\"", c->cols[k]);
	sb_adds(sql, ") VALUES (?");
	for (int k = 0; k < c->ncols; k++)
		sb_adds(sql, ", ?");
	sb_adds(sql, ")");
	sqlite3_stmt *s = cached(db, sc, sql->buf);
	sqlite3_bind_text(s, 1, c->row, -1, SQLITE_STATIC);
	bind_values(s, 2, c);
	if (sqlite3_step(s) != SQLITE_DONE)
		die(sqlite3_errmsg(db));
	sqlite3_reset(s);
}

/*
 * For comparison, not the target: the same rows inserted with plain SQLite
 * into a new database of bare tables, the council's columns and types with
 * only their key: no other index, no search index, no council around them.
 * Milliseconds.
 */
static double insert_bare(const char *path, const char *target, const struct batch *all)
{
	sqlite3 *db, *tdb;
	struct strvec made = { 0 };
	struct strbuf sql = { 0 };
	bench_remove_db(path, true);
	if (sqlite3_open(path, &db) || sqlite3_open_v2(target, &tdb, SQLITE_OPEN_READONLY, NULL) ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", NULL, NULL, NULL))
		die("baseline open");
	/* tables of the target's columns and types, with only their key */
	for (size_t i = 0; i < all->n; i++) {
		const char *tbl = all->v[i].tbl;
		bool have = false;
		for (size_t k = 0; k < made.n && !have; k++)
			have = !strcmp(made.v[k], tbl);
		if (have)
			continue;
		strvec_push(&made, tbl);
		sqlite3_stmt *s;
		sb_reset(&sql);
		sb_addf(&sql, "CREATE TABLE \"%s\"(", tbl);
		sqlite3_prepare_v2(tdb, "SELECT name, type FROM pragma_table_info(?) ORDER BY cid", -1, &s, NULL);
		sqlite3_bind_text(s, 1, tbl, -1, SQLITE_STATIC);
		for (int c = 0; sqlite3_step(s) == SQLITE_ROW; c++) {
			const char *name = (const char *)sqlite3_column_text(s, 0);
			sb_addf(&sql, "%s\"%s\" %s%s", c ? ", " : "", name, (const char *)sqlite3_column_text(s, 1),
				!strcmp(name, "id") ? " PRIMARY KEY" : "");
		}
		sqlite3_finalize(s);
		sb_adds(&sql, ")");
		if (sqlite3_exec(db, sql.buf, NULL, NULL, NULL))
			die(sqlite3_errmsg(db));
	}
	sqlite3_close(tdb);
	/* one statement per table and set of columns, prepared when first met */
	struct stmt_cache sc = { 0 };
	double t = bench_now_ms();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	for (size_t i = 0; i < all->n; i++) {
		const struct change *c = &all->v[i];
		insert_row(db, &sc, &sql, "INSERT OR REPLACE", c);
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL))
		die("baseline commit");
	t = bench_now_ms() - t;
	cache_release(&sc);
	sqlite3_close(db);
	strvec_release(&made);
	sb_release(&sql);
	return t;
}

/*
 * The baseline of merge_vs_sqlite_ratio: the same rows written with plain
 * SQLite into a copy of the council as it was before the merge, its own
 * tables with their indexes and search index: an existing row updated in
 * the columns the change carries, a new row inserted, a deleted row
 * deleted; one transaction. Set up as the merge runs, untimed: change
 * capture off, the same page cache, and the search index fed once at the
 * end (timed) as the merge feeds it, since FTS5 indexing row by row costs
 * more than all the rest. Foreign keys are off, SQLite's default for a
 * plain connection (the merge keeps them on, deferred, so it looks up each
 * reference as it writes: that favours the baseline). *unwritten counts
 * the changes that wrote no row: a unique clash the merge resolves (two
 * decisions given one § offline), a row the baseline does not have; again
 * in the baseline's favour. What the merge costs beyond it is its own work:
 * reading and checking files, versions, history, conflicts, the § rules.
 * Milliseconds.
 */
static double insert_council(const char *path, const char *snap, const struct batch *all, long *unwritten)
{
	struct stmt_cache sc = { 0 };
	struct strbuf sql = { 0 };
	bench_remove_db(path, false);
	bench_copy_file(snap, path);
	struct store *st = bench_sync_open(path);
	sqlite3 *db = st->db;
	if (sqlite3_exec(db, "UPDATE sync_state SET capture = 0; PRAGMA foreign_keys = OFF;", NULL, NULL, NULL) ||
	    store_cache_mb(st, SYNC_CACHE_MB, &e) || store_search_later(st, true, &e))
		die("council baseline set-up");
	*unwritten = 0;
	double t = bench_now_ms();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	for (size_t i = 0; i < all->n; i++) {
		const struct change *c = &all->v[i];
		sqlite3_stmt *s;
		if (c->op == CHANGE_DELETE) {
			sb_reset(&sql);
			sb_addf(&sql, "DELETE FROM \"%s\" WHERE id = ?", c->tbl);
			s = cached(db, &sc, sql.buf);
			sqlite3_bind_text(s, 1, c->row, -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_DONE)
				die(sqlite3_errmsg(db));
			sqlite3_reset(s);
			*unwritten += !sqlite3_changes(db);
			continue;
		}
		int changed = 0;
		if (c->ncols > 0) {
			sb_reset(&sql);
			sb_addf(&sql, "UPDATE \"%s\" SET ", c->tbl);
			for (int k = 0; k < c->ncols; k++)
				sb_addf(&sql, "%s\"%s\" = ?", k ? ", " : "", c->cols[k]);
			sb_addf(&sql, " WHERE id = ?%d", c->ncols + 1);
			s = cached(db, &sc, sql.buf);
			bind_values(s, 1, c);
			sqlite3_bind_text(s, c->ncols + 1, c->row, -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_DONE)
				die(sqlite3_errmsg(db));
			sqlite3_reset(s);
			changed = sqlite3_changes(db);
		}
		if (changed)
			continue;
		insert_row(db, &sc, &sql, "INSERT OR IGNORE", c);
		*unwritten += !sqlite3_changes(db);
	}
	if (store_search_later(st, false, &e))
		die("council baseline index");
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL))
		die("council baseline commit");
	t = bench_now_ms() - t;
	cache_release(&sc);
	store_close(st);
	sb_release(&sql);
	return t;
}

static double median(double *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && v[k] < v[k - 1]; k--) {
			double x = v[k];
			v[k] = v[k - 1];
			v[k - 1] = x;
		}
	return v[n / 2];
}

/*
 * The merge folder as the writers left it: its file names, one a line, in
 * `manifest`. The machine that takes the changes in writes a file of its
 * own at each timed sync; keep_manifest removes those, so that every run
 * (and a later BENCH_REUSE run) starts from the same folder.
 */
static void write_manifest(const char *dir, const char *manifest)
{
	struct strvec names = { 0 };
	FILE *f = fopen(manifest, "w");
	if (!f) {
		fprintf(stderr, "bench: %s: %s\n", manifest, strerror(errno));
		exit(1);
	}
	bench_folder_list(dir, &names);
	for (size_t i = 0; i < names.n; i++)
		fprintf(f, "%s\n", names.v[i]);
	if (fclose(f)) {
		fprintf(stderr, "bench: %s: %s\n", manifest, strerror(errno));
		exit(1);
	}
	strvec_release(&names);
}

static bool manifest_made(const char *manifest)
{
	struct stat sb;
	return stat(manifest, &sb) == 0 && sb.st_size > 0;
}

static void keep_manifest(const char *dir, const char *manifest)
{
	struct strvec names = { 0 }, keep = { 0 };
	char line[512];
	FILE *f = fopen(manifest, "r");
	if (!f) {
		fprintf(stderr, "bench: %s: %s\n", manifest, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		if (*line)
			strvec_push(&keep, line);
	}
	fclose(f);
	bench_folder_list(dir, &names);
	for (size_t i = 0; i < names.n; i++) {
		bool kept = false;
		for (size_t k = 0; k < keep.n && !kept; k++)
			kept = !strcmp(keep.v[k], names.v[i]);
		if (kept)
			continue;
		char *path = xasprintf("%s/%s", dir, names.v[i]);
		unlink(path);
		free(path);
	}
	strvec_release(&names);
	strvec_release(&keep);
}

static void bench_merge(const char *today, bool reuse)
{
	char *merge = bench_sync_path("merge-folder"), *ready = bench_sync_path("merge-folder/.ready");
	char *target = bench_sync_path("target.db"), *snap = bench_sync_path("target-snapshot.db");
	char *plain = bench_sync_path("baseline.db"), *plain_council = bench_sync_path("baseline-council.db");
	if (!reuse || !manifest_made(ready) || !bench_exists(snap)) {
		make_writers(today);
		/* the machine that takes them in, as it was before */
		store_close(machine("target"));
		bench_copy_file(target, snap);
		write_manifest(merge, ready);
	}
	struct batch all = { 0 };
	struct store *st = bench_sync_open(target);
	read_changes(st, merge, &all);
	store_close(st);
	double merge_ms[MERGE_RUNS], base_ms[MERGE_RUNS], bare_ms[MERGE_RUNS];
	long changes = 0, files = 0, conflicts = 0, unwritten = 0;
	for (int r = 0; r < MERGE_RUNS; r++) {
		/* a fresh copy of the council each time: the same file, the same identity */
		bench_remove_db(target, false);
		bench_copy_file(snap, target);
		keep_manifest(merge, ready);
		st = bench_sync_open(target);
		struct sync_summary s;
		double t = bench_now_ms();
		bench_sync_once(st, merge, &s);
		merge_ms[r] = bench_now_ms() - t;
		store_close(st);
		changes = s.received;
		files = s.files;
		conflicts = s.conflicts_open;
		sync_summary_release(&s);
		if (changes != (long)all.n) {
			fprintf(stderr, "bench: the merge applied %ld changes of %zu\n", changes, all.n);
			exit(1);
		}
		base_ms[r] = insert_council(plain_council, snap, &all, &unwritten);
		bare_ms[r] = insert_bare(plain, target, &all);
	}
	keep_manifest(merge, ready);
	printf("merge: %ld changes in %ld files, %ld conflicts open after\n", changes, files, conflicts);
	/* a unique clash the merge resolves (two § numbers), a row the baseline lacks */
	printf("baseline: %ld of %zu changes wrote no row\n", unwritten, all.n);
	double m = median(merge_ms, MERGE_RUNS), b = median(base_ms, MERGE_RUNS), bb = median(bare_ms, MERGE_RUNS);
	bench_report("merge_us_per_change", m * 1000 / (double)changes, "us");
	bench_report("baseline_sqlite_insert_us_per_change", b * 1000 / (double)changes, "us");
	bench_report("merge_vs_sqlite_ratio", m / b, "x");
	bench_report("baseline_bare_tables_us_per_change", bb * 1000 / (double)changes, "us");
	bench_report("merge_vs_bare_tables_ratio", m / bb, "x");
	batch_release(&all);
	free(merge);
	free(ready);
	free(target);
	free(snap);
	free(plain);
	free(plain_council);
}

/* ---- one new change ---- */

struct level {
	int times;
	struct store *a, *b; /* a writes the change, b's sync is timed */
	char *adir, *bdir;
	double ms[INCR_RUNS];
};

static void level_open(struct level *l, bool reuse)
{
	char *a = xasprintf("%s/a%d.db", BENCH_SYNC_DIR, l->times), *b = xasprintf("%s/hist%d.db", BENCH_SYNC_DIR, l->times);
	char *ready = xasprintf("%s/hist%d-folder/.ready", BENCH_SYNC_DIR, l->times);
	l->adir = xasprintf("%s/a%d-folder", BENCH_SYNC_DIR, l->times);
	l->bdir = xasprintf("%s/hist%d-folder", BENCH_SYNC_DIR, l->times);
	if (!reuse || !bench_exists(ready)) {
		double t = bench_now_ms();
		bench_history(l->times, a, l->adir, b, l->bdir);
		/* each becomes a machine of its own; b hears of a */
		l->a = bench_sync_open(a);
		struct sync_summary s;
		bench_sync_once(l->a, l->adir, &s);
		sync_summary_release(&s);
		bench_deliver(l->adir, l->bdir);
		l->b = bench_sync_open(b);
		bench_sync_once(l->b, l->bdir, &s);
		sync_summary_release(&s);
		close(open(ready, O_WRONLY | O_CREAT, 0644));
		printf("history %dx made in %.1f s\n", l->times, (bench_now_ms() - t) / 1000);
	} else {
		/* as an earlier run left them: a change it made and did not
		 * send (a run stopped half-way) goes out now, untimed */
		struct sync_summary s;
		l->a = bench_sync_open(a);
		bench_sync_once(l->a, l->adir, &s);
		sync_summary_release(&s);
		bench_deliver(l->adir, l->bdir);
		l->b = bench_sync_open(b);
		bench_sync_once(l->b, l->bdir, &s);
		sync_summary_release(&s);
	}
	free(a);
	free(b);
	free(ready);
}

static void bench_incremental(const char *today, bool reuse)
{
	struct level lv[] = { { .times = 1 }, { .times = 10 }, { .times = 100 } };
	struct strbuf about = { 0 };
	for (size_t i = 0; i < ARRAY_SIZE(lv); i++)
		level_open(&lv[i], reuse);
	for (size_t i = 0; i < ARRAY_SIZE(lv); i++) {
		long long versions, files;
		struct strvec names = { 0 };
		if (synth_history_size(lv[i].b, &versions, &files, &e))
			die("history size");
		bench_folder_list(lv[i].bdir, &names);
		sb_addf(&about, "%s%dx = %lld field versions, %lld files applied, %zu in the folder", i ? "; " : "",
			lv[i].times, versions, files, names.n);
		strvec_release(&names);
	}
	printf("incremental sync, the histories: %s\n", about.buf);
	sb_release(&about);
	struct meeting_list next = { 0 };
	char item[ID_LEN + 1];
	if (store_meeting_next(lv[0].a, today, &next, &e) || !next.n)
		die("next");
	/* item 2: the first item holds the typing benchmark's long note; the
	 * copies share their ids */
	memcpy(item, bench_item(lv[0].a, next.v[0].id, 2), sizeof item);
	meeting_list_release(&next);
	/* the levels in turn, so that a noisy moment touches all three */
	for (int r = 0; r < INCR_RUNS; r++) {
		for (size_t i = 0; i < ARRAY_SIZE(lv); i++) {
			struct level *l = &lv[i];
			struct sync_summary s;
			char text[64];
			snprintf(text, sizeof text, "Tillägg %d från en annan ledamot.", r + 1);
			if (meeting_note(l->a, item, text, &e))
				die("note");
			bench_sync_once(l->a, l->adir, &s);
			if (s.sent != 1) {
				fprintf(stderr, "bench: %dx: the note went out as %ld changes, not one\n", l->times, s.sent);
				exit(1);
			}
			sync_summary_release(&s);
			bench_deliver(l->adir, l->bdir);
			double t = bench_now_ms();
			bench_sync_once(l->b, l->bdir, &s);
			l->ms[r] = bench_now_ms() - t;
			if (s.received != 1) {
				fprintf(stderr, "bench: the sync brought %ld changes, not 1\n", s.received);
				exit(1);
			}
			sync_summary_release(&s);
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(lv); i++) {
		char name[64];
		snprintf(name, sizeof name, "incremental_sync_ms_%dx", lv[i].times);
		bench_report(name, median(lv[i].ms, INCR_RUNS), "ms");
		store_close(lv[i].a);
		store_close(lv[i].b);
		free(lv[i].adir);
		free(lv[i].bdir);
	}
}

/* ---- join: a newcomer admitted, and its first sync ---- */

static void bench_join(void)
{
	struct store *chair = machine("chair");
	char *dir = bench_sync_path("chair-folder"), *db = bench_sync_path("newcomer.db");
	double ms[JOIN_RUNS];
	for (int r = 0; r < JOIN_RUNS; r++) {
		struct store *st = NULL;
		struct sync_summary s = { 0 };
		char *as = NULL, name[64];
		snprintf(name, sizeof name, "Ny ledamot %d", r);
		bench_remove_db(db, true);
		double t = bench_now_ms();
		if (sync_join(db, dir, name, BENCH_PASS, NULL, &st, &s, &e))
			die("join");
		double asked = bench_now_ms() - t;
		sync_summary_release(&s);
		/* the chair reads the request and admits it (not timed) */
		bench_sync_once(chair, dir, &s);
		sync_summary_release(&s);
		if (sync_admit(chair, dir, name, NULL, &as, &e))
			die("admit");
		free(as);
		t = bench_now_ms();
		bench_sync_once(st, dir, &s);
		ms[r] = asked + bench_now_ms() - t;
		if (!s.admitted || !s.received)
			die("the newcomer read nothing");
		sync_summary_release(&s);
		store_close(st);
	}
	bench_report("join_s", median(ms, JOIN_RUNS) / 1000, "s");
	store_close(chair);
	free(dir);
	free(db);
}

/* ---- memory: a batch of 100 MB ---- */

#define PEAK_NOTES 100
#define PEAK_NOTE_BYTES 1000000

/* The peak resident memory, in MB, of one `gavel sync DIR` of db: the
 * real program in a process of its own. */
static double sync_peak(const char *db, const char *dir)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execl("./gavel", "gavel", "--db", db, "sync", dir, (char *)NULL);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		die("the measured sync");
	return (double)ru.ru_maxrss / 1024.0;
}

static void bench_peak(void)
{
	struct store *w = machine("peak-writer"), *r = machine("peak-reader");
	char *wdb = bench_sync_path("peak-writer.db"), *wdir = bench_sync_path("peak-writer-folder");
	char *rdb = bench_sync_path("peak-reader.db"), *rdir = bench_sync_path("peak-reader-folder");
	struct action_list acts = { 0 };
	if (store_action_list(w, &(struct action_filter){ .limit = PEAK_NOTES }, &acts, &e) || !acts.n)
		die("actions");
	/* a hundred notes of a megabyte: words of their own, so that nothing
	 * compresses or repeats */
	char *text = xcalloc(PEAK_NOTE_BYTES + 1, 1);
	if (store_begin(w, &e))
		die("begin");
	for (int n = 0; n < PEAK_NOTES; n++) {
		unsigned char raw[8];
		size_t len = 0;
		while (len + 17 < PEAK_NOTE_BYTES) {
			randombytes_buf(raw, sizeof raw);
			sodium_bin2hex(text + len, 17, raw, sizeof raw);
			len += 16;
			text[len++] = ' ';
		}
		text[len] = '\0';
		if (store_action_note_add(w, acts.v[(size_t)n % acts.n].id, "2026-01-01", NULL, text, &e))
			die("note");
	}
	if (store_commit(w, &e))
		die("commit");
	free(text);
	action_list_release(&acts);
	store_close(w);
	store_close(r);
	double base = sync_peak(rdb, rdir);
	double wrote = sync_peak(wdb, wdir);
	bench_deliver(wdir, rdir);
	double read = sync_peak(rdb, rdir);
	printf("a 100 MB batch: the writer's sync %.1f MB, the reader's %.1f MB; a sync with nothing to do %.1f MB\n",
	       wrote, read, base);
	bench_report("sync_peak_mb", wrote > read ? wrote : read, "MB");
	bench_report("sync_base_mb", base, "MB");
	free(wdb);
	free(wdir);
	free(rdb);
	free(rdir);
}

void bench_sync(const char *council, const char *today, bool reuse, bool merge_only)
{
	char *base = bench_sync_path("base.db");
	if (sodium_init() < 0)
		die("libsodium");
	if (!reuse || !bench_exists(base)) {
		share(council);
		reuse = false;
	}
	free(base);
	bench_merge(today, reuse);
	if (!merge_only) {
		bench_join();
		bench_peak();
		bench_incremental(today, reuse);
	}
}
