/*
 * forge: what someone who can write into a council's shared folder, but
 * holds neither the passphrase nor a member's key, can make there, built
 * from gavel's own code (sync/bundle.c, sync/keyring.c) so that its files
 * are in gavel's format exactly. The end-to-end tests attack with it.
 *
 *   forge rekey DIR EPOCH KEYFILE [nobody]
 *       plants a key-change file of the given epoch, signed by a key of
 *       the forger's own, its new council key sealed to every machine key
 *       the folder shows (or, with "nobody", to none); writes that key's
 *       hex to KEYFILE
 *   forge read DIR KEYFILE
 *       prints how many files of the members (not the forger's) decrypt
 *       with the key in KEYFILE: what the outsider could read
 *
 *   forge change DB TABLE ROW COLUMN VALUE [COLUMN VALUE ...]
 *       what a member who turned against the council can make with their
 *       own machine's keys (those of the database DB): a changes file, as
 *       that machine's next, setting columns of one row (a new one, or
 *       one there) to the texts given, whatever gavel's commands would
 *       allow
 *   forge delete DB TABLE ROW
 *       the same member's file deleting one row
 *   FORGE_HLC=N sets the clock of the change (change, delete) to N
 *   forge wrap DIR GENERATION [PASSPHRASE [FOUNDER]]
 *       plants a passphrase wrap of that generation, signed by a key of
 *       the forger's: one that opens with no passphrase at all, or (for
 *       someone who knows the passphrase) the council's invitation with
 *       its founder's key replaced by FOUNDER (64 hex digits)
 *   forge junkadmit DIR PUBLICKEY [ACTOR]
 *       plants an admission sealed to that machine's key, with a council
 *       key of nobody's
 *   forge request DIR PASSPHRASE NAME
 *       a request to join claiming any name, bytes as given
 *   forge admit DB PUBLICKEY
 *       the same member seals every council key of theirs to a machine's
 *       public key (64 hex digits) in an admission file, as that
 *       machine's next, whatever their role
 *
 * Exit status 0, or 1 with a message on standard error.
 */
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/file.h"
#include "sync/bundle.h"
#include "sync/keyring.h"
#include "sync/layout.h"
#include "sync/session.h"

/* No file of the folder is larger. */
#define FILE_MAX ((size_t)BUNDLE_MAX + 65536)

static int die(const char *what)
{
	fprintf(stderr, "forge: %s\n", what);
	return 1;
}

/* Calls fn on the frame of every council file of the folder. */
static int each_file(const char *dir, int (*fn)(const struct bundle *b, void *arg), void *arg)
{
	struct strvec paths = { 0 };
	if (layout_walk(dir, &paths))
		return die("cannot list the folder");
	int rc = 0;
	for (size_t i = 0; i < paths.n && !rc; i++) {
		char writer[ID_LEN + 1];
		uint64_t seq;
		if (!bundle_name_parse(layout_base(paths.v[i]), writer, &seq))
			continue;
		char *path = xasprintf("%s/%s", dir, paths.v[i]);
		struct strbuf buf = { 0 };
		struct bundle b;
		if (file_read_regular(path, FILE_MAX, &buf, NULL) == 0 &&
		    bundle_parse((const unsigned char *)buf.buf, buf.len, &b, NULL) == 0)
			rc = fn(&b, arg);
		sb_release(&buf);
		free(path);
	}
	strvec_release(&paths);
	return rc;
}

struct forge_seen {
	unsigned char council[BUNDLE_COUNCIL_LEN];
	bool any;
	unsigned char (*pks)[IDENTITY_PK_LEN];
	size_t n;
};

static int collect(const struct bundle *b, void *arg)
{
	struct forge_seen *s = arg;
	memcpy(s->council, b->council, sizeof s->council);
	s->any = true;
	for (size_t i = 0; i < s->n; i++)
		if (!memcmp(s->pks[i], b->writer_pk, IDENTITY_PK_LEN))
			return 0;
	s->pks = xreallocarray(s->pks, s->n + 1, sizeof *s->pks);
	memcpy(s->pks[s->n++], b->writer_pk, IDENTITY_PK_LEN);
	return 0;
}

static int rekey(const char *dir, uint32_t epoch, const char *keyfile, bool nobody)
{
	struct forge_seen s = { 0 };
	if (each_file(dir, collect, &s))
		return 1;
	if (!s.any)
		return die("no council file in the folder");
	struct identity me = { 0 };
	unsigned char raw[ID_LEN / 2], key[BUNDLE_KEY_LEN];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(me.actor, sizeof me.actor, raw, sizeof raw);
	crypto_sign_keypair(me.pk, me.sk);
	crypto_secretbox_keygen(key);
	unsigned char *ext, *file;
	size_t ext_len, len;
	keyring_seal(key, (const unsigned char(*)[IDENTITY_PK_LEN])s.pks, nobody ? 0 : s.n, &ext, &ext_len);
	static const unsigned char body[] = "rekey";
	struct bundle b = { .kind = BUNDLE_REKEY, .seq = 1, .epoch = epoch };
	memcpy(b.council, s.council, sizeof b.council);
	bundle_seal(&b, ext, ext_len, body, sizeof body, key, &me, &file, &len);
	char rel[LAYOUT_PATH_MAX], hex[2 * BUNDLE_KEY_LEN + 2];
	layout_path(me.actor, 1, rel);
	char *path = xasprintf("%s/%s", dir, rel);
	int rc = layout_mkdirs(dir, rel) || file_write_atomic(path, file, len, 0644, FILE_KEEP, NULL);
	sodium_bin2hex(hex, sizeof hex - 1, key, sizeof key);
	strcat(hex, "\n"); /* room: one byte more than the hex and its NUL */
	rc = rc || file_write_atomic(keyfile, hex, strlen(hex), 0600, FILE_REPLACE, NULL) ? die("cannot write") : 0;
	if (!rc)
		printf("%s\n", me.actor);
	free(path);
	free(ext);
	free(file);
	free(s.pks);
	return rc;
}

struct outsider_read {
	unsigned char key[BUNDLE_KEY_LEN];
	unsigned char forger[IDENTITY_PK_LEN];
	bool have_forger;
	long read;
};

static int try_read(const struct bundle *b, void *arg)
{
	struct outsider_read *r = arg;
	unsigned char *plain = NULL;
	size_t len;
	if (b->kind == BUNDLE_REKEY && !r->have_forger && bundle_open(b, r->key, &plain, &len, NULL) == 0) {
		/* the forger's own file: the one the key opens first */
		memcpy(r->forger, b->writer_pk, sizeof r->forger);
		r->have_forger = true;
		free(plain);
		return 0;
	}
	if (r->have_forger && !memcmp(r->forger, b->writer_pk, sizeof r->forger))
		return 0;
	if (b->kind == BUNDLE_CHANGES && bundle_open(b, r->key, &plain, &len, NULL) == 0)
		r->read++;
	free(plain);
	return 0;
}

static int read_with(const char *dir, const char *keyfile)
{
	struct outsider_read r = { 0 };
	struct strbuf hex = { 0 };
	if (file_read(keyfile, &hex, NULL))
		return die("cannot read the key file");
	hex.buf[strcspn(hex.buf, "\n")] = '\0';
	if (sodium_hex2bin(r.key, sizeof r.key, hex.buf, strlen(hex.buf), NULL, NULL, NULL))
		return die("not a key");
	sb_release(&hex);
	/* the forger's file first, so its key is known before the others' */
	if (each_file(dir, try_read, &r))
		return 1;
	r.read = 0;
	if (each_file(dir, try_read, &r))
		return 1;
	printf("%ld\n", r.read);
	return 0;
}

static int change(const char *db, char **argv, int ncols, int op)
{
	struct store *st;
	struct session s;
	struct sync_summary out = { 0 };
	struct err e;
	if (store_open(db, false, &e, &st))
		return die(e.msg);
	if (session_open(&s, st, NULL, &out, &e)) {
		store_close(st);
		return die(e.msg);
	}
	struct batch b = { 0 };
	char *front = NULL;
	long long seq;
	int rc = session_next_seq(&s, &seq) || replica_frontier(st, &front, &e) ? -1 : 0;
	struct change *c = batch_push(&b);
	c->op = op;
	snprintf(c->tbl, sizeof c->tbl, "%s", argv[0]);
	snprintf(c->row, sizeof c->row, "%s", argv[1]);
	c->ncols = ncols;
	c->cols = xcalloc((size_t)ncols, sizeof *c->cols);
	c->vals = xcalloc((size_t)ncols, sizeof *c->vals);
	for (int i = 0; i < ncols; i++) {
		c->cols[i] = xstrdup(argv[2 + 2 * i]);
		c->vals[i].type = RV_TEXT;
		c->vals[i].s = xstrdup(argv[3 + 2 * i]);
	}
	/* FORGE_HLC: a clock of the forger's choosing (one far in the past) */
	const char *hlc = getenv("FORGE_HLC");
	if (!rc && hlc)
		c->hlc = atoll(hlc);
	else if (!rc)
		rc = replica_clock_now(st, &c->hlc, &e);
	if (!rc) {
		unsigned char *plain;
		size_t len;
		b.schema = store_schema_version();
		b.clock = c->hlc;
		batch_frontier_parse(&b, front);
		batch_encode(&b, &plain, &len);
		uint32_t epoch = keyring_current(&s.kr);
		rc = session_write(&s, BUNDLE_CHANGES, seq, epoch, NULL, 0, plain, len, keyring_key(&s.kr, epoch)) ||
			     replica_file_add(st, s.id.actor, seq, front, 1, &e)
			     ? -1 : 0;
		free(plain);
	}
	batch_release(&b);
	free(front);
	session_release(&s);
	sync_summary_release(&out);
	store_close(st);
	return rc ? die(e.msg) : 0;
}

static int admit(const char *db, const char *hex)
{
	struct store *st;
	struct session s;
	struct sync_summary out = { 0 };
	struct err e;
	unsigned char pk[IDENTITY_PK_LEN];
	if (!identity_key_parse(hex, pk))
		return die("not a public key");
	if (store_open(db, false, &e, &st))
		return die(e.msg);
	if (session_open(&s, st, NULL, &out, &e)) {
		store_close(st);
		return die(e.msg);
	}
	long long seq;
	int rc = session_next_seq(&s, &seq);
	if (!rc) {
		static const char body[] = "admit";
		unsigned char *ext;
		size_t ext_len;
		uint32_t epoch = keyring_current(&s.kr);
		keyring_seal_all(&s.kr, pk, &ext, &ext_len);
		rc = session_write(&s, BUNDLE_ADMIT, seq, epoch, ext, ext_len, (const unsigned char *)body, sizeof body,
				   keyring_key(&s.kr, epoch)) ||
				     replica_file_add(st, s.id.actor, seq, "", 0, &e)
			     ? -1
			     : 0;
		free(ext);
	}
	session_release(&s);
	sync_summary_release(&out);
	store_close(st);
	return rc ? die(e.msg) : 0;
}


#include "sync/wraps.h"

/* A first file of a fresh identity of the forger's, writer actor given or random. */
static int write_as(const char *dir, const char *actor, int kind, uint32_t epoch, const unsigned char council[BUNDLE_COUNCIL_LEN],
		    const unsigned char *ext, size_t ext_len, const unsigned char *plain, size_t plain_len,
		    const unsigned char key[BUNDLE_KEY_LEN], struct identity *me_out)
{
	struct identity me = { 0 };
	unsigned char raw[ID_LEN / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(me.actor, sizeof me.actor, raw, sizeof raw);
	if (actor)
		snprintf(me.actor, sizeof me.actor, "%s", actor);
	crypto_sign_keypair(me.pk, me.sk);
	struct bundle b = { .kind = kind, .seq = 1, .epoch = epoch };
	memcpy(b.council, council, BUNDLE_COUNCIL_LEN);
	unsigned char *file;
	size_t len;
	bundle_seal(&b, ext, ext_len, plain, plain_len, key, &me, &file, &len);
	char rel[LAYOUT_PATH_MAX];
	layout_path(me.actor, 1, rel);
	char *path = xasprintf("%s/%s", dir, rel);
	int rc = layout_mkdirs(dir, rel) || file_write_atomic(path, file, len, 0644, FILE_KEEP, NULL);
	free(path);
	free(file);
	if (me_out)
		*me_out = me;
	if (!rc) {
		char hex[65];
		sodium_bin2hex(hex, sizeof hex, me.pk, IDENTITY_PK_LEN);
		printf("%s %s\n", me.actor, hex);
	}
	return rc ? die("cannot write") : 0;
}

static int council_of(const char *dir, unsigned char council[BUNDLE_COUNCIL_LEN])
{
	struct forge_seen s = { 0 };
	if (each_file(dir, collect, &s))
		return 1;
	free(s.pks);
	if (!s.any)
		return die("no council file in the folder");
	memcpy(council, s.council, BUNDLE_COUNCIL_LEN);
	return 0;
}

/* forge wrap DIR GEN [PASSPHRASE [FOUNDERHEX]]: a passphrase wrap; without a passphrase
 * one that opens with nothing; with one, the real invitation (founder replaced if given). */
static int wrap(const char *dir, uint32_t gen, const char *pass, const char *founder)
{
	unsigned char council[BUNDLE_COUNCIL_LEN], key[BUNDLE_KEY_LEN];
	if (council_of(dir, council))
		return 1;
	if (!pass) {
		unsigned char x[crypto_pwhash_SALTBYTES + 20] = { 0 }, body[72] = { 0 };
		randombytes_buf(x, crypto_pwhash_SALTBYTES);
		x[crypto_pwhash_SALTBYTES + 7] = crypto_pwhash_OPSLIMIT_MODERATE;
		unsigned long long m = crypto_pwhash_MEMLIMIT_MODERATE;
		for (int i = 0; i < 8; i++) x[crypto_pwhash_SALTBYTES + 8 + i] = (unsigned char)(m >> (56 - 8 * i));
		for (int i = 0; i < 4; i++) x[crypto_pwhash_SALTBYTES + 16 + i] = (unsigned char)(gen >> (24 - 8 * i));
		randombytes_buf(key, sizeof key);
		return write_as(dir, NULL, BUNDLE_KEYS, 1, council, x, sizeof x, body, sizeof body, key, NULL);
	}
	struct invite inv;
	struct err e;
	if (wraps_open(dir, pass, NULL, &inv, NULL, &e))
		return die(e.msg);
	if (founder && !identity_key_parse(founder, inv.founder))
		return die("not a key");
	unsigned char *ext, *plain;
	size_t ext_len, plain_len;
	keyring_wrap(&inv, pass, gen, &ext, &ext_len, &plain, &plain_len, key);
	int rc = write_as(dir, NULL, BUNDLE_KEYS, inv.epoch, council, ext, ext_len, plain, plain_len, key, NULL);
	free(ext);
	free(plain);
	return rc;
}

/* forge junkadmit DIR PUBHEX [ACTOR]: an admission sealed to the key, with a key of nobody's */
static int junkadmit(const char *dir, const char *hex, const char *actor)
{
	unsigned char council[BUNDLE_COUNCIL_LEN], pk[IDENTITY_PK_LEN];
	if (!identity_key_parse(hex, pk))
		return die("not a public key");
	if (council_of(dir, council))
		return 1;
	struct keyring kr = { 0 };
	unsigned char k[BUNDLE_KEY_LEN];
	randombytes_buf(k, sizeof k);
	keyring_add(&kr, 1, k);
	unsigned char *ext;
	size_t ext_len;
	keyring_seal_all(&kr, pk, &ext, &ext_len);
	static const char body[] = "admit";
	int rc = write_as(dir, actor, BUNDLE_ADMIT, 1, council, ext, ext_len, (const unsigned char *)body, sizeof body, k,
			  NULL);
	free(ext);
	return rc;
}

/* forge request DIR PASSPHRASE NAME: a request with whatever name bytes */
static int request(const char *dir, const char *pass, const char *name)
{
	struct invite inv;
	struct err e;
	if (wraps_open(dir, pass, NULL, &inv, NULL, &e))
		return die(e.msg);
	return write_as(dir, NULL, BUNDLE_REQUEST, inv.epoch, inv.council, NULL, 0, (const unsigned char *)name,
			strlen(name), inv.request_key, NULL);
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0)
		return die("no libsodium");
	if (argc >= 4 && !strcmp(argv[1], "wrap"))
		return wrap(argv[2], (uint32_t)strtoul(argv[3], NULL, 10), argc > 4 ? argv[4] : NULL, argc > 5 ? argv[5] : NULL);
	if (argc >= 4 && !strcmp(argv[1], "junkadmit"))
		return junkadmit(argv[2], argv[3], argc > 4 ? argv[4] : NULL);
	if (argc == 5 && !strcmp(argv[1], "request"))
		return request(argv[2], argv[3], argv[4]);
	if (argc >= 5 && !strcmp(argv[1], "rekey"))
		return rekey(argv[2], (uint32_t)strtoul(argv[3], NULL, 10), argv[4], argc > 5 && !strcmp(argv[5], "nobody"));
	if (argc == 4 && !strcmp(argv[1], "read"))
		return read_with(argv[2], argv[3]);
	if (argc >= 7 && argc % 2 == 1 && !strcmp(argv[1], "change"))
		return change(argv[2], argv + 3, (argc - 5) / 2, CHANGE_UPSERT);
	if (argc == 5 && !strcmp(argv[1], "delete"))
		return change(argv[2], argv + 3, 0, CHANGE_DELETE);
	if (argc == 4 && !strcmp(argv[1], "admit"))
		return admit(argv[2], argv[3]);
	fprintf(stderr, "usage: forge rekey DIR EPOCH KEYFILE [nobody] | forge read DIR KEYFILE |"
			" forge change DB TABLE ROW COLUMN VALUE [COLUMN VALUE ...] | forge delete DB TABLE ROW |"
			" forge admit DB PUBLICKEY |"
			" forge wrap DIR GENERATION [PASSPHRASE [FOUNDER]] | forge junkadmit DIR PUBLICKEY [ACTOR] |"
			" forge request DIR PASSPHRASE NAME\n");
	return 2;
}
