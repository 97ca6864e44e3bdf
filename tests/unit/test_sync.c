/*
 * Unit tests of sync: a randomized convergence test (five copies of a
 * council, thousands of random edits, random syncs and partial deliveries
 * between their folders, many seeds): after everyone has synced with
 * everyone, every copy dumps byte for byte the same and nothing anyone
 * wrote is lost. Then a clock a year ahead (clamped), a file signed by a
 * stranger's key, a database that fails under the sync (reported, not
 * taken for an answer), and what a sync brings found by search, with a folder
 * that has not changed left unread, and the folder by writer and bucket:
 * only changed directories listed, a gap filled late in an old bucket,
 * flat files of an older folder. The folder's other faults are tested
 * end to end in tests/e2e/sync_faults.sh.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "core/identity.h"
#include "store/keys.h"
#include "core/meeting.h"
#include "helpers.h"
#include "store/replica.h"
#include "store/vfs.h"
#include "sync/bundle.h"
#include "sync/keyring.h"
#include "sync/layout.h"
#include "sync/sync.h"
#include "tui/cli/cli.h"

#define PASS "korrekt häftklammer hästbatteri"
#define NREP 5

static struct err e;

/*
 * The random numbers of ids, keys and nonces come from a stream seeded per
 * test run (rng_seed), so that a run repeats exactly: a seed that once
 * showed copies that disagree shows it again.
 */
static unsigned char rng_key[crypto_stream_chacha20_ietf_KEYBYTES];
static uint64_t rng_counter;

static void rng_seed(const char *tag)
{
	crypto_generichash(rng_key, sizeof rng_key, (const unsigned char *)tag, strlen(tag), NULL, 0);
	rng_counter = 0;
}

static void rng_buf(void *const buf, const size_t size)
{
	unsigned char nonce[crypto_stream_chacha20_ietf_NONCEBYTES] = { 0 };
	uint64_t n = rng_counter++;
	memcpy(nonce, &n, sizeof n);
	crypto_stream_chacha20_ietf(buf, size, nonce, rng_key);
}

static uint32_t rng_random(void)
{
	uint32_t r;
	rng_buf(&r, sizeof r);
	return r;
}

static const char *rng_name(void)
{
	return "gavel-test";
}

static struct randombytes_implementation rng = {
	.implementation_name = rng_name,
	.random = rng_random,
	.buf = rng_buf,
};

static void run(struct store *st, const char *const *argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	struct strbuf out = { 0 };
	int rc = cli_run(st, argc, (char **)argv, &out, &e);
	ck_assert_msg(rc == 0, "%s: %s", argv[0], e.msg);
	sb_release(&out);
}

/* Runs a command that may be refused (a random edit that breaks a rule). */
#define TRY(st, out, size, ...) try_run(st, (char *[]){ __VA_ARGS__, NULL }, out, size)
static bool try_run(struct store *st, char **argv, char *out_buf, size_t size)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	struct strbuf out = { 0 };
	int rc = cli_run(st, argc, argv, &out, &e);
	if (out_buf)
		snprintf(out_buf, size, "%s", out.buf ? out.buf : "");
	sb_release(&out);
	return rc == 0;
}

static void rm_rf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* The files of a folder (paths below it). */
static void list(const char *dir, struct strvec *out)
{
	ck_assert_int_eq(layout_walk(dir, out), 0);
}

/* Copies a file of one folder to the same place in another. */
static void put(const char *from, const char *to, const char *rel)
{
	char *f = xasprintf("%s/%s", from, rel), *t = xasprintf("%s/%s", to, rel);
	ck_assert_int_eq(layout_mkdirs(to, rel), 0);
	test_copy_file(f, t);
	free(f);
	free(t);
}

/* A small council shared through `folder`, kept in base.db (made once). */
static const char *base_db(void)
{
	static char path[512];
	if (path[0])
		return path;
	snprintf(path, sizeof path, "%s", test_path("base.db"));
	char folder[512];
	snprintf(folder, sizeof folder, "%s", test_path("base-folder"));
	rm_rf(folder);
	struct store *st = test_open("base.db");
	run(st, (const char *const[]){ "init", "Rådet", NULL });
	run(st, (const char *const[]){ "body", "add", "radet", "Digitaliseringsrådet", NULL });
	static const char *const people[] = { "Åsa Ölund", "Björn Ek", "Cecilia Dahl", "Dan Ärlig", "Eva Lind" };
	for (size_t i = 0; i < ARRAY_SIZE(people); i++) {
		run(st, (const char *const[]){ "person", "add", people[i], "--org", "Västra Götalandsregionen", NULL });
		run(st, (const char *const[]){ "member", "add", "radet", people[i], i == 0 ? "ordförande" : "ledamot", NULL });
	}
	for (int m = 0; m < 3; m++) {
		char date[32], ref[64];
		snprintf(date, sizeof date, "2026-0%d-10", m + 3);
		snprintf(ref, sizeof ref, "radet/%s", date);
		run(st, (const char *const[]){ "meeting", "add", "radet", date, NULL });
		for (int i = 0; i < 4; i++)
			run(st, (const char *const[]){ "item", "add", ref, i == 0 ? "Mötets öppnande" : "Ärende", "--paper", "PM.pdf", NULL });
		run(st, (const char *const[]){ "attend", ref, "Åsa Ölund", NULL });
		run(st, (const char *const[]){ "attend", ref, "Björn Ek", NULL });
		run(st, (const char *const[]){ "attend", ref, "Cecilia Dahl", NULL });
		run(st, (const char *const[]){ "meeting", "open", ref, "--at", "09:00", NULL });
	}
	struct sync_summary s = { 0 };
	ck_assert_msg(sync_share(st, folder, "Åsa Ölund", PASS, &s, &e) == 0, "%s", e.msg);
	sync_summary_release(&s);
	store_close(st);
	return path;
}

struct replica_set {
	struct store *st[NREP];
	char db[NREP][512], dir[NREP][512];
};

/* NREP copies of the base council, each with a folder of its own (the
 * deliveries between folders play the sync tool). */
static void replicas(struct replica_set *r, const char *tag)
{
	const char *base = base_db();
	struct strvec files = { 0 };
	char *bfolder = xstrdup(test_path("base-folder"));
	list(bfolder, &files);
	for (int i = 0; i < NREP; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s-%d.db", tag, i);
		snprintf(r->db[i], sizeof r->db[i], "%s", test_path(name));
		snprintf(name, sizeof name, "%s-%d-folder", tag, i);
		snprintf(r->dir[i], sizeof r->dir[i], "%s", test_path(name));
		rm_rf(r->dir[i]);
		ck_assert_int_eq(mkdir(r->dir[i], 0755), 0);
		for (size_t k = 0; k < files.n; k++)
			put(bfolder, r->dir[i], files.v[k]);
		char *keys_from = xasprintf("%s.keys", base), *keys_to = xasprintf("%s.keys", r->db[i]);
		/* the key file copied too: the copy's new key is vouched for by it */
		char *id_from = xasprintf("%s.identity", base), *id_to = xasprintf("%s.identity", r->db[i]);
		test_copy_file(id_from, id_to);
		free(id_from);
		free(id_to);
		char *wal = xasprintf("%s-wal", r->db[i]), *shm = xasprintf("%s-shm", r->db[i]);
		unlink(wal);
		unlink(shm);
		test_copy_file(base, r->db[i]);
		test_copy_file(keys_from, keys_to);
		free(keys_from);
		free(keys_to);
		free(wal);
		free(shm);
		ck_assert_msg(store_open(r->db[i], false, &e, &r->st[i]) == 0, "%s", e.msg);
		/* the copy becomes a machine of its own at its first sync */
		struct sync_summary s = { 0 };
		ck_assert_msg(sync_run(r->st[i], r->dir[i], &s, &e) == 0, "%s", e.msg);
		ck_assert(s.renewed);
		sync_summary_release(&s);
	}
	strvec_release(&files);
	free(bfolder);
}

static void replicas_close(struct replica_set *r)
{
	for (int i = 0; i < NREP; i++)
		store_close(r->st[i]);
}

/* Copies files of folder `from` missing in `to`: all, or a random part. */
static void deliver(const char *from, const char *to, bool all, unsigned *seed)
{
	struct strvec a = { 0 }, b = { 0 };
	list(from, &a);
	list(to, &b);
	for (size_t i = 0; i < a.n; i++) {
		bool have = false;
		for (size_t k = 0; k < b.n && !have; k++)
			have = !strcmp(a.v[i], b.v[k]);
		if (have || (!all && rand_r(seed) % 3 == 0))
			continue;
		put(from, to, a.v[i]);
	}
	strvec_release(&a);
	strvec_release(&b);
}

/*
 * Values written on a copy and still there when it syncs must survive
 * everywhere (a value the same person overwrote before syncing never left
 * their machine, like every keystroke of the editor).
 */
static struct strvec pending[NREP], *must_survive;

static void sync_one(struct replica_set *r, int i)
{
	struct sync_summary s = { 0 };
	if (pending[i].n && must_survive) {
		char *d = test_dump(r->st[i]);
		for (size_t k = 0; k < pending[i].n; k++)
			if (strstr(d, pending[i].v[k]))
				strvec_push(must_survive, pending[i].v[k]);
		free(d);
	}
	strvec_release(&pending[i]);
	ck_assert_msg(sync_run(r->st[i], r->dir[i], &s, &e) == 0, "replica %d: %s", i, e.msg);
	ck_assert_msg(s.refused == 0, "replica %d refused: %s", i, s.notes.n ? s.notes.v[0] : "");
	sync_summary_release(&s);
}

static char *conflicts_of(struct store *st)
{
	struct sync_conflict_list l = { 0 };
	struct strbuf sb = { 0 };
	ck_assert_int_eq(sync_conflicts(st, &l, &e), 0);
	for (size_t i = 0; i < l.n; i++)
		sb_addf(&sb, "%s %s %s|%s|%s\n", l.v[i].id, l.v[i].what, l.v[i].field, l.v[i].current ? l.v[i].current : "",
			l.v[i].other ? l.v[i].other : "");
	sync_conflict_list_release(&l);
	return sb_detach(&sb);
}

/* Is a text in the field history of the database (or its current content)? */
static bool in_history(const char *db, const char *text)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT 1 FROM sync_hist WHERE instr(value, ?) > 0", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	bool found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	sqlite3_close(h);
	return found;
}

/* Deletes a random paper this copy added, as a future command would
 * (through gavel's file system, so that its clock is gavel's): nobody
 * deletes what another machine made (sync/policy.c). */
static void delete_paper(struct store *st, unsigned *seed)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open_v2(store_path(st), &h, SQLITE_OPEN_READWRITE, store_vfs()), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	char *sql = xasprintf("DELETE FROM paper WHERE id = (SELECT p.id FROM paper p JOIN item i ON i.id = p.item_id"
			      " JOIN meeting m ON m.id = i.meeting_id WHERE p.author = '%s' AND m.status <> 'adjusted'"
			      " ORDER BY p.id LIMIT 1 OFFSET %u)",
			      store_actor(st), rand_r(seed) % 2);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	sqlite3_close(h);
}

static void random_edit(struct replica_set *r, int i, int step, unsigned *seed)
{
	struct strvec *written = &pending[i];
	struct store *st = r->st[i];
	char ref[64], item[16], text[128], out[256];
	static const char *const people[] = { "Åsa Ölund", "Björn Ek", "Cecilia Dahl", "Dan Ärlig", "Eva Lind",
					      "Fredrik Öst", "Gun Holm" };
	snprintf(ref, sizeof ref, "radet/2026-0%u-10", 3 + rand_r(seed) % 3);
	snprintf(item, sizeof item, "%u", 1 + rand_r(seed) % 6);
	snprintf(text, sizeof text, "r%d s%d: %s", i, step, rand_r(seed) % 2 ? "beslutades enligt förslaget" : "Åtgärd följer");
	switch (rand_r(seed) % 10) {
	case 0:
		TRY(st, NULL, 0, "item", "add", ref, text);
		break;
	case 1:
	case 2: {
		/* the same field on many copies: conflicts */
		if (test_notes_set(st, ref, item, text, &e) == 0)
			strvec_push(written, text);
		break;
	}
	case 3:
		if (TRY(st, NULL, 0, "note", ref, item, text))
			strvec_push(written, text);
		break;
	case 4:
		if (TRY(st, NULL, 0, "decide", ref, item, text))
			strvec_push(written, text);
		break;
	case 5:
		TRY(st, NULL, 0, "person", "add", (char *)people[rand_r(seed) % ARRAY_SIZE(people)], "--org", "Länsstyrelsen");
		break;
	case 6:
		TRY(st, NULL, 0, "attend", ref, (char *)people[rand_r(seed) % 5]);
		break;
	case 7:
		if (TRY(st, out, sizeof out, "action", "add", text, "--owner", (char *)people[rand_r(seed) % 5], "--due", "2026-12-01")) {
			out[strcspn(out, "\n")] = '\0';
			TRY(st, NULL, 0, "action", "set", out, "--status", rand_r(seed) % 2 ? "ongoing" : "done");
		}
		break;
	case 8:
		if (rand_r(seed) % 15 == 0) {
			/* a meeting closed and adjusted: its numbers are kept from then on */
			TRY(st, NULL, 0, "meeting", "close", ref, "--at", "11:00");
			TRY(st, NULL, 0, "adjust", ref, "--by", "Åsa Ölund", "--by", "Björn Ek", "--on-paper");
		} else if (rand_r(seed) % 4) {
			delete_paper(st, seed);
		} else {
			/* this machine's clock is ahead, by up to a year */
			long long ahead = (long long)(1 + rand_r(seed) % 8760) * 3600 * 1000;
			ck_assert_msg(replica_clock_observe(st, replica_wall_hlc() + (ahead << HLC_SHIFT), LLONG_MAX, &e) == 0,
				      "%s", e.msg);
		}
		break;
	default:
		TRY(st, NULL, 0, "item", "add", ref, "Övrigt", "--paper", "Bilaga.pdf");
	}
}

static void converge_seed(unsigned seed, int steps)
{
	struct replica_set r;
	char tag[32];
	struct strvec written = { 0 };
	snprintf(tag, sizeof tag, "conv%u", seed);
	rng_seed(tag);
	replicas(&r, tag);
	must_survive = &written;
	for (int step = 0; step < steps; step++) {
		int i = (int)(rand_r(&seed) % NREP);
		unsigned what = rand_r(&seed) % 10;
		if (what < 7) {
			random_edit(&r, i, step, &seed);
		} else if (what < 9) {
			sync_one(&r, i);
		} else {
			int k = (int)(rand_r(&seed) % NREP);
			if (k != i)
				deliver(r.dir[i], r.dir[k], false, &seed);
		}
	}
	/* everyone with everyone, twice */
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < NREP; i++) {
			sync_one(&r, i);
			for (int k = 0; k < NREP; k++)
				if (k != i)
					deliver(r.dir[i], r.dir[k], true, &seed);
		}
	}
	for (int i = 0; i < NREP; i++)
		sync_one(&r, i);
	char *first = test_dump(r.st[0]), *fc = conflicts_of(r.st[0]);
	if (steps >= 1000) {
		ck_assert_msg(strlen(fc) > 0, "seed %s: no conflict arose", tag);
		ck_assert_msg(strstr(first, "\"para\":") != NULL, "seed %s: no decision", tag);
	}
	for (int i = 1; i < NREP; i++) {
		char *d = test_dump(r.st[i]), *c = conflicts_of(r.st[i]);
		if (strcmp(d, first) || strcmp(c, fc)) {
			FILE *f0 = fopen(test_path("diverged-0.json"), "w"), *f1 = fopen(test_path("diverged-1.json"), "w");
			fputs(first, f0);
			fputs(d, f1);
			fclose(f0);
			fclose(f1);
			f0 = fopen(test_path("diverged-0.conflicts"), "w");
			f1 = fopen(test_path("diverged-1.conflicts"), "w");
			fputs(fc, f0);
			fputs(c, f1);
			fclose(f0);
			fclose(f1);
		}
		ck_assert_msg(!strcmp(d, first), "seed %s: replica %d differs from replica 0 (see %s)", tag, i,
			      test_path("diverged-*.json"));
		ck_assert_msg(!strcmp(c, fc), "seed %s: conflicts of replica %d differ (see %s)", tag, i,
			      test_path("diverged-*.conflicts"));
		free(d);
		free(c);
	}
	/* nothing anyone wrote is lost: it is in the history of every copy */
	for (size_t k = 0; k < written.n; k++)
		ck_assert_msg(in_history(r.db[k % NREP], written.v[k]) || strstr(first, written.v[k]),
			      "seed %s: lost [%s]", tag, written.v[k]);
	ck_assert_msg(written.n > (size_t)steps / 20, "seed %s: only %zu values written", tag, written.n);
	free(first);
	free(fc);
	must_survive = NULL;
	strvec_release(&written);
	replicas_close(&r);
}

/* Syncs replica i, delivers everything of its folder to replica k's. */
static void hand_over(struct replica_set *r, int i, int k)
{
	struct sync_summary s = { 0 };
	ck_assert_msg(sync_run(r->st[i], r->dir[i], &s, &e) == 0, "%s", e.msg);
	sync_summary_release(&s);
	unsigned seed = 1;
	deliver(r->dir[i], r->dir[k], true, &seed);
}

static char *notes_of(struct store *st)
{
	char *d = test_dump(st), *p = strstr(d, "Klockan ");
	char *out = xasprintf("%.*s", p ? (int)strcspn(p, "\"") : 0, p ? p : "");
	free(d);
	return out;
}

/*
 * A laptop whose clock is a year ahead: its change arrives, but the
 * others' clocks are not dragged along (the clamp), and an edit made after
 * seeing its value replaces it, whatever the clocks say.
 */
START_TEST(clock_far_ahead_is_clamped)
{
	struct replica_set r;
	replicas(&r, "clock");
	long long year = (365LL * 24 * 3600 * 1000) << HLC_SHIFT, hour = (3600LL * 1000) << HLC_SHIFT;
	ck_assert_int_eq(replica_clock_observe(r.st[1], replica_wall_hlc() + year, LLONG_MAX, &e), 0);
	ck_assert_int_eq(test_notes_set(r.st[1], "radet/2026-03-10", "2", "Klockan går ett år före.", &e), 0);
	hand_over(&r, 1, 0);
	struct sync_summary s = { 0 };
	ck_assert_int_eq(sync_run(r.st[0], r.dir[0], &s, &e), 0);
	ck_assert_int_eq(s.refused, 0);
	sync_summary_release(&s);
	char *n = notes_of(r.st[0]);
	ck_assert_str_eq(n, "Klockan går ett år före.");
	free(n);
	long long now;
	ck_assert_int_eq(replica_clock_now(r.st[0], &now, &e), 0);
	ck_assert_msg(now <= replica_wall_hlc() + hour + (60LL * 1000 << HLC_SHIFT),
		      "the clock was dragged %lld ms ahead", ((now - replica_wall_hlc()) >> HLC_SHIFT));
	/* replica 0 saw the value: its edit replaces it despite the lower clock */
	ck_assert_int_eq(test_notes_set(r.st[0], "radet/2026-03-10", "2", "Klockan rättad.", &e), 0);
	hand_over(&r, 0, 1);
	ck_assert_int_eq(sync_run(r.st[1], r.dir[1], &s, &e), 0);
	sync_summary_release(&s);
	n = notes_of(r.st[1]);
	ck_assert_str_eq(n, "Klockan rättad.");
	free(n);
	char *c = conflicts_of(r.st[1]);
	ck_assert_str_eq(c, "");
	free(c);
	replicas_close(&r);
}
END_TEST

/* A file made with the council key but signed by a machine that is not a
 * member's is refused, and nothing of it is applied. */
START_TEST(stranger_key_refused)
{
	struct replica_set r;
	replicas(&r, "stranger");
	struct keyring kr;
	ck_assert_int_eq(keyring_load(r.st[0], &kr, &e), 0);
	struct identity id = { 0 };
	unsigned char actor[16];
	crypto_sign_keypair(id.pk, id.sk);
	randombytes_buf(actor, sizeof actor);
	sodium_bin2hex(id.actor, sizeof id.actor, actor, sizeof actor);
	struct batch batch = { .schema = store_schema_version(), .clock = replica_wall_hlc() };
	struct change *c = batch_push(&batch);
	c->op = CHANGE_UPSERT;
	snprintf(c->tbl, sizeof c->tbl, "person");
	snprintf(c->row, sizeof c->row, "%s", id.actor);
	c->hlc = replica_wall_hlc();
	c->ncols = 1;
	c->cols = xcalloc(1, sizeof *c->cols);
	c->vals = xcalloc(1, sizeof *c->vals);
	c->cols[0] = xstrdup("name");
	c->vals[0] = (struct rval){ .type = RV_TEXT, .s = xstrdup("Inkräktare Okänd") };
	unsigned char *plain, *file;
	size_t plain_len, file_len;
	batch_encode(&batch, &plain, &plain_len);
	struct bundle b = { .kind = BUNDLE_CHANGES, .seq = 1, .epoch = keyring_current(&kr) };
	memcpy(b.council, kr.council, sizeof b.council);
	bundle_seal(&b, NULL, 0, plain, plain_len, keyring_key(&kr, b.epoch), &id, &file, &file_len);
	char name[64], rel[LAYOUT_PATH_MAX];
	bundle_name(id.actor, 1, name);
	layout_path(id.actor, 1, rel);
	ck_assert_int_eq(layout_mkdirs(r.dir[0], rel), 0);
	char *path = xasprintf("%s/%s", r.dir[0], rel);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(file, 1, file_len, f), file_len);
	fclose(f);
	char *before = test_dump(r.st[0]);
	struct sync_summary s = { 0 };
	ck_assert_int_eq(sync_run(r.st[0], r.dir[0], &s, &e), 0);
	ck_assert_int_eq(s.refused, 1);
	bool told = false;
	for (size_t i = 0; i < s.notes.n; i++)
		told |= strstr(s.notes.v[i], name) && strstr(s.notes.v[i], "not a member's");
	ck_assert_msg(told, "no note about %s", name);
	sync_summary_release(&s);
	char *after = test_dump(r.st[0]);
	ck_assert_ptr_null(strstr(after, "Inkräktare"));
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(path);
	free(plain);
	free(file);
	batch_release(&batch);
	sodium_memzero(id.sk, sizeof id.sk);
	keyring_release(&kr);
	replicas_close(&r);
}
END_TEST

/* The § numbers of a copy's decisions, in order ("1 2 4 5"). */
static char *paras_of(const char *db)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	struct strbuf sb = { 0 };
	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT para FROM decision ORDER BY para", -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		sb_addf(&sb, "%s%lld", sb.len ? " " : "", (long long)sqlite3_column_int64(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(h);
	return sb_detach(&sb);
}

/*
 * Two secretaries record the same § offline: one decision gives way to
 * the first free number above its claim, and the sync says so. A § given
 * afterwards on either copy, the one that gave way too, is a claim like
 * any: nothing that has settled moves, and the copies agree.
 */
START_TEST(numbers_given_here_settle)
{
	struct replica_set r;
	replicas(&r, "settle");
	run(r.st[0], (const char *const[]){ "decide", "radet/2026-03-10", "2", "Först på ettan.", NULL });
	run(r.st[1], (const char *const[]){ "decide", "radet/2026-03-10", "3", "Först på tvåan.", NULL });
	hand_over(&r, 0, 1);
	hand_over(&r, 1, 0);
	struct sync_summary s = { 0 };
	ck_assert_msg(sync_run(r.st[0], r.dir[0], &s, &e) == 0, "%s", e.msg);
	bool told = false;
	for (size_t i = 0; i < s.notes.n; i++)
		told |= strstr(s.notes.v[i], "§ 1 of radet 2026 is now § 2") != NULL;
	ck_assert_msg(told, "the sync did not tell the § that moved (%zu notes)", s.notes.n);
	sync_summary_release(&s);
	char *a = paras_of(r.db[0]), *b = paras_of(r.db[1]);
	ck_assert_str_eq(a, "1 2");
	ck_assert_str_eq(b, "1 2");
	free(a);
	free(b);
	/* § 3 given on the first copy, § 4 on the one that gave way */
	run(r.st[0], (const char *const[]){ "decide", "radet/2026-03-10", "4", "Sedan på ettan.", NULL });
	hand_over(&r, 0, 1);
	run(r.st[1], (const char *const[]){ "decide", "radet/2026-03-10", "1", "Sedan på tvåan.", NULL });
	hand_over(&r, 1, 0);
	sync_one(&r, 0);
	hand_over(&r, 0, 1);
	sync_one(&r, 1);
	a = paras_of(r.db[0]);
	b = paras_of(r.db[1]);
	ck_assert_str_eq(a, b);
	ck_assert_str_eq(a, "1 2 3 4");
	free(a);
	free(b);
	char *d0 = test_dump(r.st[0]), *d1 = test_dump(r.st[1]);
	ck_assert_msg(!strcmp(d0, d1), "the copies differ");
	free(d0);
	free(d1);
	replicas_close(&r);
}
END_TEST

/*
 * The clash of the issue: § 1 recorded on two copies offline; the copy
 * whose decision gave way records another § before it hears of anything
 * else, then a third copy that had seen neither records one too. Every
 * copy ends with the same numbers, each decision the same § everywhere.
 */
START_TEST(clash_then_local_insert_converges)
{
	struct replica_set r;
	replicas(&r, "clash");
	run(r.st[0], (const char *const[]){ "decide", "radet/2026-03-10", "2", "A först.", NULL });
	run(r.st[1], (const char *const[]){ "decide", "radet/2026-03-10", "3", "B sedan, offline.", NULL });
	hand_over(&r, 0, 1);
	sync_one(&r, 1); /* B's decision gives way on B */
	run(r.st[1], (const char *const[]){ "decide", "radet/2026-03-10", "4", "B efter att ha gett vika.", NULL });
	run(r.st[2], (const char *const[]){ "decide", "radet/2026-04-10", "2", "C utan att ha sett något.", NULL });
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < NREP; i++) {
			sync_one(&r, i);
			for (int k = 0; k < NREP; k++)
				if (k != i)
					deliver(r.dir[i], r.dir[k], true, &(unsigned){ 1 });
		}
	for (int i = 0; i < NREP; i++)
		sync_one(&r, i);
	char *first = test_dump(r.st[0]);
	for (int i = 1; i < NREP; i++) {
		char *d = test_dump(r.st[i]);
		ck_assert_msg(!strcmp(d, first), "copy %d differs from copy 0", i);
		free(d);
	}
	free(first);
	char *p = paras_of(r.db[0]);
	ck_assert_str_eq(p, "1 2 3 4");
	free(p);
	replicas_close(&r);
}
END_TEST

/*
 * An adjusted protocol keeps its §§: a member offline recorded § 1 of the
 * year earlier than the secretary did, and it reaches the others only
 * after the secretary's meeting was adjusted. The adjusted decision keeps
 * § 1 on every copy, the other gives way, whichever came in first.
 */
static void adjusted_keeps_numbers(bool at_once)
{
	struct replica_set r;
	replicas(&r, at_once ? "atonce-n" : "adjusted");
	run(r.st[1], (const char *const[]){ "decide", "radet/2026-04-10", "2", "Offline först på klockan.", NULL });
	/* the secretary's clock reads later: made first, the other would keep § 1 */
	long long hour = (3600LL * 1000) << HLC_SHIFT;
	ck_assert_int_eq(replica_clock_observe(r.st[0], replica_wall_hlc() + hour, LLONG_MAX, &e), 0);
	run(r.st[0], (const char *const[]){ "decide", "radet/2026-03-10", "2", "Sekreterarens beslut.", NULL });
	hand_over(&r, 0, 2);
	if (at_once) {
		run(r.st[0], (const char *const[]){ "adjust", "radet/2026-03-10", "--paragraph", "1", "--by", "Åsa Ölund",
						    NULL });
	} else {
		run(r.st[0], (const char *const[]){ "meeting", "close", "radet/2026-03-10", "--at", "11:00", NULL });
		run(r.st[0], (const char *const[]){ "adjust", "radet/2026-03-10", "--by", "Åsa Ölund", "--by", "Björn Ek",
						    "--on-paper", NULL });
	}
	/* copy 2 had the decision before the adjustment, copy 1 gets both at once */
	hand_over(&r, 1, 2);
	sync_one(&r, 2);
	hand_over(&r, 0, 1);
	hand_over(&r, 0, 2);
	hand_over(&r, 1, 0);
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 3; i++) {
			sync_one(&r, i);
			for (int k = 0; k < 3; k++)
				if (k != i)
					deliver(r.dir[i], r.dir[k], true, &(unsigned){ 1 });
		}
	for (int i = 0; i < 3; i++)
		sync_one(&r, i);
	for (int i = 0; i < 3; i++) {
		sqlite3 *h;
		sqlite3_stmt *s;
		ck_assert_int_eq(sqlite3_open_v2(r.db[i], &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT para FROM decision WHERE text = 'Sekreterarens beslut.'", -1,
						    &s, NULL),
				 SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
		ck_assert_msg(sqlite3_column_int(s, 0) == 1, "copy %d: the adjusted decision is § %d", i,
			      sqlite3_column_int(s, 0));
		sqlite3_finalize(s);
		sqlite3_close(h);
	}
	char *d0 = test_dump(r.st[0]);
	for (int i = 1; i < 3; i++) {
		char *d = test_dump(r.st[i]);
		if (strcmp(d, d0)) {
			FILE *f0 = fopen(test_path("adjusted-0.json"), "w"), *f1 = fopen(test_path("adjusted-1.json"), "w");
			fputs(d0, f0);
			fputs(d, f1);
			fclose(f0);
			fclose(f1);
		}
		ck_assert_msg(!strcmp(d, d0), "copy %d differs from copy 0 (see %s)", i, test_path("adjusted-*.json"));
		free(d);
	}
	free(d0);
	char *p = paras_of(r.db[0]);
	ck_assert_str_eq(p, "1 2");
	free(p);
	replicas_close(&r);
}

START_TEST(adjusted_numbers_never_give_way)
{
	adjusted_keeps_numbers(false);
}
END_TEST

/* The same for a paragraph adjusted at once, its meeting still open. */
START_TEST(paragraph_numbers_never_give_way)
{
	adjusted_keeps_numbers(true);
}
END_TEST

/* The status of a meeting in a copy's database. */
static char *status_of(const char *db, const char *date)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT status FROM meeting WHERE date = ?", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	char *out = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(h);
	return out;
}

/*
 * A meeting adjusted on one machine and closed, later by the clock, on
 * another that had not seen it: the adjustment wins on every copy, and the
 * clash stays as a conflict, which nobody resolves in adjusted minutes.
 */
START_TEST(adjustment_wins_over_concurrent_status)
{
	struct replica_set r;
	replicas(&r, "status");
	run(r.st[0], (const char *const[]){ "meeting", "close", "radet/2026-03-10", "--at", "11:00", NULL });
	run(r.st[0], (const char *const[]){ "adjust", "radet/2026-03-10", "--by", "Åsa Ölund", "--by", "Björn Ek",
					    "--on-paper", NULL });
	long long hour = (3600LL * 1000) << HLC_SHIFT;
	ck_assert_int_eq(replica_clock_observe(r.st[1], replica_wall_hlc() + hour, LLONG_MAX, &e), 0);
	run(r.st[1], (const char *const[]){ "meeting", "close", "radet/2026-03-10", "--at", "11:30", NULL });
	hand_over(&r, 0, 1);
	hand_over(&r, 1, 0);
	sync_one(&r, 0);
	sync_one(&r, 1);
	for (int i = 0; i < 2; i++) {
		char *st = status_of(r.db[i], "2026-03-10");
		ck_assert_msg(!strcmp(st, "adjusted"), "copy %d: the meeting is %s", i, st);
		free(st);
	}
	char *d0 = test_dump(r.st[0]), *d1 = test_dump(r.st[1]);
	ck_assert_msg(!strcmp(d0, d1), "the copies differ");
	free(d0);
	free(d1);
	replicas_close(&r);
}
END_TEST

/* Runs SQL on a copy's database from a second connection while the store
 * stays open: a database that fails under the sync. */
static void break_db(struct store *st, const char *sql)
{
	sqlite3 *h;
	char *msg = NULL;
	ck_assert_int_eq(sqlite3_open(store_path(st), &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "");
	sqlite3_close(h);
}

/*
 * A paragraph adjusted at once is locked for everyone who has seen it: a
 * copy that took the adjustment in and then rewrites the decision (a
 * tampered program: gavel's own refuses) has its file refused by the
 * others, named, and the decision stays as signed.
 */
START_TEST(paragraph_adjusted_at_once_locked)
{
	struct replica_set r;
	replicas(&r, "atonce");
	run(r.st[0], (const char *const[]){ "decide", "radet/2026-03-10", "2", "Beslut som justeras direkt.", NULL });
	run(r.st[0], (const char *const[]){ "adjust", "radet/2026-03-10", "--paragraph", "1", "--by", "Åsa Ölund", NULL });
	hand_over(&r, 0, 1);
	sync_one(&r, 1);
	break_db(r.st[1], "UPDATE decision SET text = 'Ändrat efter justeringen' WHERE text = 'Beslut som justeras direkt.'");
	hand_over(&r, 1, 0);
	struct sync_summary s = { 0 };
	ck_assert_msg(sync_run(r.st[0], r.dir[0], &s, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(s.refused, 1);
	ck_assert_msg(s.notes.n && strstr(s.notes.v[0], "it changes a paragraph adjusted at once"), "the note: %s",
		      s.notes.n ? s.notes.v[0] : "");
	sync_summary_release(&s);
	char *d = test_dump(r.st[0]);
	ck_assert_msg(strstr(d, "Beslut som justeras direkt.") && !strstr(d, "Ändrat efter justeringen"),
		      "the adjusted decision was rewritten");
	free(d);
	replicas_close(&r);
}
END_TEST

/* A failure of the database that a call must report, not take for an answer. */
static void expect_db_error(int rc, const char *table)
{
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(e.code, E_DB);
	ck_assert_msg(strstr(e.msg, table) != NULL, "%s", e.msg);
}

/*
 * A database that fails while the sync reads it is reported as such: the
 * sync fails and changes nothing, rather than skip a member's file as
 * "signed by a key that is not a member's"; the conflicts are not listed
 * with writers' names taken for strangers'; the members are not listed
 * with no files.
 */
START_TEST(database_failure_reported)
{
	struct replica_set r;
	struct sync_summary s = { 0 };
	struct sync_conflict_list cl = { 0 };
	struct sync_member_list ml = { 0 };
	replicas(&r, "dbfail");
	/* a file of replica 0 comes in while replica 1 cannot look up keys */
	ck_assert_int_eq(test_notes_set(r.st[0], "radet/2026-03-10", "2", "Skrivet före felet.", &e), 0);
	hand_over(&r, 0, 1);
	break_db(r.st[1], "DROP TABLE member_key");
	expect_db_error(sync_run(r.st[1], r.dir[1], &s, &e), "member_key");
	ck_assert_int_eq(s.refused, 0);
	ck_assert_uint_eq(s.notes.n, 0);
	sync_summary_release(&s);
	ck_assert(!in_history(r.db[1], "Skrivet före felet."));
	/* a conflict on replica 3, whose writers' names cannot be read */
	ck_assert_int_eq(test_notes_set(r.st[2], "radet/2026-03-10", "3", "Tvåans version.", &e), 0);
	ck_assert_int_eq(test_notes_set(r.st[3], "radet/2026-03-10", "3", "Treans version.", &e), 0);
	hand_over(&r, 2, 3);
	hand_over(&r, 3, 2);
	ck_assert_int_eq(sync_conflicts(r.st[3], &cl, &e), 0);
	ck_assert_uint_ge(cl.n, 1);
	sync_conflict_list_release(&cl);
	break_db(r.st[3], "DROP TABLE member_key");
	expect_db_error(sync_conflicts(r.st[3], &cl, &e), "member_key");
	sync_conflict_list_release(&cl);
	/* the members of replica 4, whose record of files is gone */
	ck_assert_int_eq(sync_members(r.st[4], &ml, &e), 0);
	ck_assert_uint_ge(ml.n, 1);
	sync_member_list_release(&ml);
	break_db(r.st[4], "DROP TABLE sync_file");
	expect_db_error(sync_members(r.st[4], &ml, &e), "sync_file");
	sync_member_list_release(&ml);
	replicas_close(&r);
}
END_TEST

/* CONVERGE_SEEDS=FROM-TO runs those seeds instead (to look for one that fails) */
START_TEST(random_edits_converge)
{
	unsigned from = 1, to = 4;
	const char *env = getenv("CONVERGE_SEEDS");
	if (env && sscanf(env, "%u-%u", &from, &to) != 2)
		ck_abort_msg("CONVERGE_SEEDS: FROM-TO, not %s", env);
	for (unsigned seed = from; seed <= to; seed++)
		converge_seed(seed * 7919, 400);
}
END_TEST

START_TEST(random_edits_converge_more)
{
	for (unsigned seed = 5; seed <= 8; seed++)
		converge_seed(seed * 7919, 400);
}
END_TEST

START_TEST(many_edits_converge)
{
	converge_seed(4242, 2000);
}
END_TEST

/* Does a search on st find `word`? */
static bool found(struct store *st, const char *word)
{
	struct hit_list h = { 0 };
	ck_assert_msg(store_search(st, word, 20, &h, &e) == 0, "%s", e.msg);
	bool any = h.n > 0;
	hit_list_release(&h);
	return any;
}

/*
 * What a sync brings is found by search (the index takes a sync's rows in
 * at its end); a folder unchanged since a sync that left nothing behind is
 * not read again, and a file that comes in later is read all the same.
 */
START_TEST(index_and_unchanged_folder)
{
	struct replica_set r;
	struct sync_summary s = { 0 };
	replicas(&r, "index");
	ck_assert_int_eq(test_notes_set(r.st[0], "radet/2026-03-10", "2", "Bredbandskartläggningen är klar.", &e), 0);
	hand_over(&r, 0, 1);
	/* the folder as if nothing had changed in it for a minute */
	struct timespec old[2] = { { clock_system() - 60, 0 }, { clock_system() - 60, 0 } };
	ck_assert_int_eq(utimensat(AT_FDCWD, r.dir[1], old, 0), 0);
	ck_assert_int_eq(sync_run(r.st[1], r.dir[1], &s, &e), 0);
	ck_assert_int_eq(s.received, 2); /* the note, and the key of replica 0's machine */
	sync_summary_release(&s);
	ck_assert(found(r.st[1], "bredbandskartläggningen"));
	ck_assert(!found(r.st[1], "fiberplanen"));
	/* nothing new: the folder is not read, nothing changes */
	char *before = test_dump(r.st[1]);
	ck_assert_int_eq(sync_run(r.st[1], r.dir[1], &s, &e), 0);
	ck_assert_int_eq(s.received, 0);
	sync_summary_release(&s);
	char *after = test_dump(r.st[1]);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	/* a file that comes in changes the folder: it is read */
	ck_assert_int_eq(test_notes_set(r.st[0], "radet/2026-03-10", "2", "Fiberplanen antogs.", &e), 0);
	hand_over(&r, 0, 1);
	ck_assert_int_eq(sync_run(r.st[1], r.dir[1], &s, &e), 0);
	ck_assert_int_eq(s.received, 1);
	sync_summary_release(&s);
	ck_assert(found(r.st[1], "fiberplanen"));
	ck_assert(!found(r.st[1], "bredbandskartläggningen"));
	replicas_close(&r);
}
END_TEST

/* Sets the time of change of the folder's directories (all, or the one
 * at rel) to `ago` seconds back, as if nothing had come in since. */
static void age(const char *dir, const char *rel, int ago)
{
	struct timespec t[2] = { { clock_system() - ago, 0 }, { clock_system() - ago, 0 } };
	char *path = *rel ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
	ck_assert_int_eq(utimensat(AT_FDCWD, path, t, 0), 0);
	if (!*rel) {
		struct strvec files = { 0 }, writers = { 0 };
		ck_assert_int_eq(layout_list(dir, LAYOUT_TOP, &files, &writers), 0);
		for (size_t i = 0; i < writers.n; i++) {
			struct strvec f2 = { 0 }, buckets = { 0 };
			char *w = xasprintf("%s/%s", dir, writers.v[i]);
			ck_assert_int_eq(utimensat(AT_FDCWD, w, t, 0), 0);
			ck_assert_int_eq(layout_list(w, LAYOUT_WRITER, &f2, &buckets), 0);
			for (size_t k = 0; k < buckets.n; k++) {
				char *b = xasprintf("%s/%s", w, buckets.v[k]);
				ck_assert_int_eq(utimensat(AT_FDCWD, b, t, 0), 0);
				free(b);
			}
			free(w);
			strvec_release(&f2);
			strvec_release(&buckets);
		}
		strvec_release(&files);
		strvec_release(&writers);
	}
	free(path);
}

/* The files of folder `dir` that `before` (a listing of it) lacks. */
static void new_files(const char *dir, const struct strvec *before, struct strvec *out)
{
	struct strvec now = { 0 };
	list(dir, &now);
	for (size_t i = 0; i < now.n; i++) {
		bool had = false;
		for (size_t k = 0; k < before->n && !had; k++)
			had = !strcmp(now.v[i], before->v[k]);
		if (!had)
			strvec_push(out, now.v[i]);
	}
	strvec_release(&now);
}

/* Replica i writes a note and syncs: the path of the one file it wrote. */
static char *write_one(struct replica_set *r, int i, const char *text)
{
	struct strvec before = { 0 }, added = { 0 };
	struct sync_summary s = { 0 };
	list(r->dir[i], &before);
	ck_assert_int_eq(test_notes_set(r->st[i], "radet/2026-03-10", "3", text, &e), 0);
	ck_assert_msg(sync_run(r->st[i], r->dir[i], &s, &e) == 0, "%s", e.msg);
	sync_summary_release(&s);
	new_files(r->dir[i], &before, &added);
	ck_assert_uint_eq(added.n, 1);
	char *rel = xstrdup(added.v[0]);
	strvec_release(&before);
	strvec_release(&added);
	return rel;
}

static void sync_expect(struct replica_set *r, int i, long listed, long received, long waiting)
{
	struct sync_summary s = { 0 };
	ck_assert_msg(sync_run(r->st[i], r->dir[i], &s, &e) == 0, "%s", e.msg);
	ck_assert_msg(s.listed == listed && s.received == received && s.waiting == waiting && !s.refused,
		      "listed %ld received %ld waiting %ld refused %ld (want %ld %ld %ld 0): %s", s.listed, s.received,
		      s.waiting, s.refused, listed, received, waiting, s.notes.n ? s.notes.v[0] : "");
	sync_summary_release(&s);
}

/*
 * The folder by writer and bucket: every file lies at WRITER/BUCKET/NAME;
 * a sync lists only the directories that changed since a sync that left
 * nothing behind in them (an unchanged bucket is not listed, so a file
 * slipped into it without changing its time goes unseen); a file that
 * fills a gap late, in a bucket already read, is read at the next sync;
 * flat files of a folder made before the layout are read.
 */
/*
 * A large export is written as several files of EXPORT_CHUNK each, one
 * after the other, so that no reader holds more than one: eight notes of
 * nearly a megabyte make three or more files, and another copy takes them
 * all in, word for word.
 */
START_TEST(large_export_in_chunks)
{
	struct replica_set r;
	replicas(&r, "chunks");
	struct strvec before = { 0 }, added = { 0 };
	list(r.dir[0], &before);
	char *big = xcalloc(900001, 1);
	for (int n = 0; n < 8; n++) {
		char item[8];
		memset(big, 'a' + n, 900000);
		snprintf(item, sizeof item, "%d", 1 + n % 4);
		const char *ref = n < 4 ? "radet/2026-03-10" : "radet/2026-04-10";
		ck_assert_msg(test_notes_set(r.st[0], ref, item, big, &e) == 0, "%s", e.msg);
	}
	struct sync_summary s = { 0 };
	ck_assert_msg(sync_run(r.st[0], r.dir[0], &s, &e) == 0, "%s", e.msg);
	sync_summary_release(&s);
	new_files(r.dir[0], &before, &added);
	ck_assert_msg(added.n >= 3, "a 7 MB export in %zu files", added.n);
	unsigned seed = 1;
	deliver(r.dir[0], r.dir[1], true, &seed);
	sync_one(&r, 1);
	char *d0 = test_dump(r.st[0]), *d1 = test_dump(r.st[1]);
	memset(big, 'h', 900000);
	ck_assert_msg(strstr(d1, big) != NULL, "the last note did not arrive whole");
	free(d0);
	free(d1);
	free(big);
	strvec_release(&before);
	strvec_release(&added);
	replicas_close(&r);
}
END_TEST

START_TEST(folder_by_writer_and_bucket)
{
	struct replica_set r;
	struct strvec files = { 0 };
	replicas(&r, "layout");
	list(r.dir[0], &files);
	ck_assert_uint_ge(files.n, 3);
	for (size_t i = 0; i < files.n; i++) {
		char writer[ID_LEN + 1], rel[LAYOUT_PATH_MAX];
		uint64_t seq;
		ck_assert(bundle_name_parse(layout_base(files.v[i]), writer, &seq));
		layout_path(writer, seq, rel);
		ck_assert_str_eq(files.v[i], rel);
	}
	strvec_release(&files);
	/* replica 1 has read its folder; nothing in it changed for a minute */
	hand_over(&r, 0, 1);
	age(r.dir[1], "", 60);
	struct sync_summary s = { 0 };
	ck_assert_int_eq(sync_run(r.st[1], r.dir[1], &s, &e), 0);
	ck_assert_int_gt(s.listed, 2);
	sync_summary_release(&s);
	sync_expect(&r, 1, 0, 0, 0);
	/* a file in a bucket that keeps its time is not seen: it is not listed */
	char *one = write_one(&r, 0, "Tyst fil.");
	char *bucket = xasprintf("%.*s", (int)(layout_base(one) - one - 1), one);
	char *bpath = xasprintf("%s/%s", r.dir[1], bucket);
	struct stat sb;
	ck_assert_int_eq(stat(bpath, &sb), 0);
	put(r.dir[0], r.dir[1], one);
	ck_assert_int_eq(utimensat(AT_FDCWD, bpath, (struct timespec[2]){ sb.st_atim, sb.st_mtim }, 0), 0);
	sync_expect(&r, 1, 0, 0, 0);
	/* once its time moves, it is listed alone and read */
	age(r.dir[1], bucket, 30);
	sync_expect(&r, 1, 1, 1, 0);
	sync_expect(&r, 1, 0, 0, 0);
	/* a gap: the later file waits, its bucket is listed at every sync
	 * until the earlier one comes in, then read */
	char *first = write_one(&r, 0, "Först."), *second = write_one(&r, 0, "Sedan.");
	put(r.dir[0], r.dir[1], second);
	age(r.dir[1], bucket, 15);
	sync_expect(&r, 1, 1, 0, 1);
	sync_expect(&r, 1, 1, 0, 1);
	put(r.dir[0], r.dir[1], first);
	age(r.dir[1], bucket, 10);
	sync_expect(&r, 1, 1, 2, 0);
	sync_expect(&r, 1, 0, 0, 0);
	char *d = test_dump(r.st[1]);
	ck_assert_ptr_nonnull(strstr(d, "Sedan."));
	free(d);
	/* a folder of flat files, made before the layout: read the same */
	char *flat = xstrdup(test_path("layout-flat"));
	rm_rf(flat);
	ck_assert_int_eq(mkdir(flat, 0755), 0);
	list(r.dir[0], &files);
	for (size_t i = 0; i < files.n; i++) {
		char *f = xasprintf("%s/%s", r.dir[0], files.v[i]), *t = xasprintf("%s/%s", flat, layout_base(files.v[i]));
		test_copy_file(f, t);
		free(f);
		free(t);
	}
	strvec_release(&files);
	ck_assert_int_eq(sync_run(r.st[2], flat, &s, &e), 0);
	ck_assert_int_eq(s.refused + s.waiting, 0);
	ck_assert_int_eq(s.listed, 1);
	sync_summary_release(&s);
	d = test_dump(r.st[2]);
	ck_assert_ptr_nonnull(strstr(d, "Sedan."));
	free(d);
	free(flat);
	free(first);
	free(second);
	free(one);
	free(bucket);
	free(bpath);
	replicas_close(&r);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	rng_seed("gavel");
	if (randombytes_set_implementation(&rng) || sodium_init() < 0)
		return 1;
	setenv("GAVEL_TODAY", "2026-06-01", 1);
	const TTest *const tests[] = {
		clock_far_ahead_is_clamped,
		stranger_key_refused,
		database_failure_reported,
		numbers_given_here_settle, clash_then_local_insert_converges, adjusted_numbers_never_give_way, paragraph_numbers_never_give_way, large_export_in_chunks, adjustment_wins_over_concurrent_status, paragraph_adjusted_at_once_locked,
		index_and_unchanged_folder,
		folder_by_writer_and_bucket,
		random_edits_converge,
		random_edits_converge_more,
		many_edits_converge,
	};
	/* thousands of edits and syncs under the sanitizers: minutes on a slow machine */
	return run_suite_timeout("sync", tests, ARRAY_SIZE(tests), 600);
}
