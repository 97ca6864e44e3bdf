/*
 * make_corpus: writes seed files for fuzz_bundle into a directory.
 *
 * Every kind of file the shared folder holds, written by the real writers
 * (batch_encode, bundle_seal, keyring_wrap, keyring_seal) with the fixed
 * key and identity of fixed.h, so that the fuzz target can open them:
 * batches of changes (empty, with a frontier, every kind of value, a
 * delete, many columns), a KEYS file, a REKEY file; the bare bodies of the
 * batches; files cut short at the places the reader cares about, one of a
 * newer format version, one of an unknown kind; and file names.
 *
 * To refresh the corpus:
 *   make build/fuzz/make_corpus build/fuzz/fuzz_bundle
 *   build/fuzz/make_corpus build/fuzz/seeds
 *   build/fuzz/fuzz_bundle -merge=1 tests/fuzz/corpus/bundle build/fuzz/seeds
 * (-merge=1 keeps only the files that add coverage.)
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/base.h"
#include "sync/bundle.h"
#include "sync/keyring.h"
#include "tests/fuzz/fixed.h"

static const char *dir;
static struct identity me;
static unsigned char council[BUNDLE_COUNCIL_LEN], council_key[BUNDLE_KEY_LEN];

static void put(const char *name, const void *buf, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "make_corpus: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	free(path);
}

/* ---- batches ---- */

static struct change *change(struct batch *b, int op, const char *tbl, const char *row, long long hlc)
{
	struct change *c = batch_push(b);
	c->op = op;
	snprintf(c->tbl, sizeof c->tbl, "%s", tbl);
	snprintf(c->row, sizeof c->row, "%s", row);
	c->hlc = hlc;
	return c;
}

static struct rval *column(struct change *c, const char *name)
{
	c->cols = xrealloc(c->cols, (size_t)(c->ncols + 1) * sizeof *c->cols);
	c->vals = xrealloc(c->vals, (size_t)(c->ncols + 1) * sizeof *c->vals);
	c->cols[c->ncols] = xstrdup(name);
	struct rval *v = &c->vals[c->ncols++];
	memset(v, 0, sizeof *v);
	return v;
}

static void text(struct change *c, const char *name, const char *s)
{
	struct rval *v = column(c, name);
	v->type = RV_TEXT;
	v->s = xstrdup(s);
}

static void integer(struct change *c, const char *name, long long i)
{
	struct rval *v = column(c, name);
	v->type = RV_INT;
	v->i = i;
}

static void frontier(struct batch *b, const char *writer, long long seq)
{
	b->front = xrealloc(b->front, (b->nfront + 1) * sizeof *b->front);
	snprintf(b->front[b->nfront].writer, sizeof b->front[0].writer, "%s", writer);
	b->front[b->nfront++].seq = seq;
}

#define HLC(ms, n) ((long long)(ms) << 16 | (n))
#define ITEM "5d1e8f3a9b2c4d6e7f8091a2b3c4d5e6"
#define MEETING "0a9b8c7d6e5f40312233445566778899"
#define OTHER "1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f"

/* The batches: i-th of them into *b; false after the last. */
static bool make_batch(int i, struct batch *b, const char **name)
{
	memset(b, 0, sizeof *b);
	b->schema = 9;
	b->clock = HLC(1795000000000LL, i);
	struct change *c;
	switch (i) {
	case 0:
		*name = "empty";
		return true;
	case 1:
		*name = "item";
		frontier(b, OTHER, 3);
		c = change(b, CHANGE_UPSERT, "item", ITEM, HLC(1795000000000LL, 1));
		text(c, "meeting_id", MEETING);
		integer(c, "pos", 4);
		text(c, "title", "Bredband i Dalsland");
		text(c, "kind", "case");
		column(c, "presenter_id");
		text(c, "notes", "Ordföranden hälsade välkommen. Åsa Nyström redogjorde för läget.\n\n"
				 "Rådet beslutade att ge styrgruppen i uppdrag att återkomma.");
		text(c, "status", "open");
		return true;
	case 2: {
		*name = "values";
		frontier(b, OTHER, 12);
		frontier(b, "f022e3d4c5b6a7980a1b2c3d4e5f6071", 1);
		c = change(b, CHANGE_UPSERT, "reading", "7e6d5c4b3a2910f8e7d6c5b4a3928170", HLC(1795000000001LL, 0));
		text(c, "goal_id", "2b3c4d5e6f708192a3b4c5d6e7f80912");
		integer(c, "year", 2026);
		struct rval *v = column(c, "value");
		v->type = RV_REAL;
		v->d = 87.5;
		integer(c, "big", -9223372036854775807LL - 1);
		text(c, "empty", "");
		c = change(b, CHANGE_DELETE, "paper", "3f2e1d0c9b8a79685746352413021f0e", HLC(1795000000002LL, 7));
		c = change(b, CHANGE_UPSERT, "para_counter", "0a1b2c3d4e5f60718293a4b5c6d7e8f9|2026",
			   HLC(1795000000003LL, 0));
		integer(c, "last", 41);
		return true;
	}
	case 3:
		*name = "many-columns";
		c = change(b, CHANGE_UPSERT, "action", "6a5b4c3d2e1f00112233445566778899", HLC(1795000000004LL, 2));
		for (int k = 0; k < 62; k++) {
			char col[16];
			snprintf(col, sizeof col, "c%d", k);
			if (k % 3 == 0)
				integer(c, col, k);
			else if (k % 3 == 1)
				text(c, col, "e-legitimation");
			else
				column(c, col);
		}
		return true;
	case 4:
		*name = "member-key";
		c = change(b, CHANGE_UPSERT, "member_key", "8f7e6d5c4b3a29181716151413121110", HLC(1795000000005LL, 0));
		text(c, "person_id", me.person_id);
		text(c, "actor", me.actor);
		{
			char hex[2 * IDENTITY_PK_LEN + 1];
			sodium_bin2hex(hex, sizeof hex, me.pk, sizeof me.pk);
			text(c, "public_key", hex);
		}
		integer(c, "revoked", 0);
		return true;
	default:
		return false;
	}
}

/* ---- files ---- */

static void seal(int kind, uint64_t seq, uint32_t epoch, const unsigned char *ext, size_t ext_len,
		 const unsigned char *plain, size_t plain_len, const unsigned char key[BUNDLE_KEY_LEN],
		 unsigned char **out, size_t *out_len)
{
	struct bundle b;
	memset(&b, 0, sizeof b);
	b.kind = kind;
	memcpy(b.council, council, sizeof b.council);
	b.seq = seq;
	b.epoch = epoch;
	bundle_seal(&b, ext, ext_len, plain, plain_len, key, &me, out, out_len);
}

static void put_cuts(const char *name, const unsigned char *file, size_t len)
{
	const size_t cuts[] = { 5, 10, BUNDLE_HEADER - 1, BUNDLE_HEADER + 1, len / 2, len - 1 };
	for (size_t i = 0; i < ARRAY_SIZE(cuts); i++) {
		char *cut = xasprintf("%s-cut-%zu", name, cuts[i]);
		put(cut, file, cuts[i]);
		free(cut);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: make_corpus DIR\n");
		return 2;
	}
	dir = argv[1];
	if (mkdir(dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "make_corpus: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (sodium_init() < 0)
		return 1;
	fuzz_identity(&me);
	fuzz_council(council);
	fuzz_key(council_key);

	/* batches of changes, sealed and bare */
	struct batch batch;
	const char *what;
	unsigned char *file, *plain;
	size_t file_len, plain_len;
	for (int i = 0; make_batch(i, &batch, &what); i++) {
		char *name = xasprintf("changes-%s", what);
		batch_encode(&batch, &plain, &plain_len);
		put(what, plain, plain_len);
		seal(BUNDLE_CHANGES, (uint64_t)i + 2, 1, NULL, 0, plain, plain_len, council_key, &file, &file_len);
		put(name, file, file_len);
		if (i == 1) {
			put_cuts(name, file, file_len);
			file[9] = BUNDLE_VERSION + 1;
			put("changes-newer-version", file, file_len);
			file[9] = BUNDLE_VERSION;
			file[10] = 9;
			put("changes-unknown-kind", file, file_len);
		}
		free(file);
		free(plain);
		free(name);
		batch_release(&batch);
	}

	/* the council keys, wrapped with the fixed key instead of the passphrase's */
	struct keyring kr;
	memset(&kr, 0, sizeof kr);
	memcpy(kr.council, council, sizeof kr.council);
	keyring_add(&kr, 1, council_key);
	unsigned char next[BUNDLE_KEY_LEN], *ext, unused[BUNDLE_KEY_LEN];
	size_t ext_len;
	memset(next, 0x4e, sizeof next);
	keyring_add(&kr, 2, next);
	keyring_wrap(&kr, "korrekt häftklammer hästbatteri", 3, &ext, &ext_len, &plain, &plain_len, unused);
	seal(BUNDLE_KEYS, 1, 2, ext, ext_len, plain, plain_len, council_key, &file, &file_len);
	put("keys", file, file_len);
	put_cuts("keys", file, file_len);
	free(file);
	free(ext);
	free(plain);
	keyring_release(&kr);

	/* a new key sealed to another machine and to the fixed one */
	unsigned char pks[2][IDENTITY_PK_LEN], sk[IDENTITY_SK_LEN];
	crypto_sign_keypair(pks[0], sk);
	memcpy(pks[1], me.pk, IDENTITY_PK_LEN);
	keyring_seal(next, (const unsigned char(*)[IDENTITY_PK_LEN])pks, 2, &ext, &ext_len);
	const char msg[] = "rekey";
	seal(BUNDLE_REKEY, 7, 2, ext, ext_len, (const unsigned char *)msg, sizeof msg, next, &file, &file_len);
	put("rekey", file, file_len);
	free(file);
	free(ext);

	/* names, a file's and a sync tool's copy */
	const char *names[] = { "f022e3d4c5b6a7980a1b2c3d4e5f6071-00000001.gavel",
				"f022e3d4c5b6a7980a1b2c3d4e5f6071-00000001.sync-conflict-20261207-093000.gavel" };
	put("name", names[0], strlen(names[0]));
	put("name-copy", names[1], strlen(names[1]));
	return 0;
}
