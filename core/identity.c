/*
 * identity: the machine's Ed25519 keypair, its key file and the detection
 * of copied databases. See identity.h for the contract.
 *
 * The key file is text, one "name value" pair a line:
 *
 *   gavel-identity 1
 *   person <32 hex: the person's id>
 *   actor <32 hex: the actor id>
 *   place <32 hex: digest of machine, database path and inode>
 *   public <64 hex>
 *   secret <128 hex>
 *
 * The database's table `local` (never exchanged) holds identity_key, the
 * public key this database signs with, and identity_person. A key file
 * whose place or public key does not match its database means one of the
 * two was copied or moved.
 */
#include "core/identity.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/file.h"
#include "store/keys.h"

static void init_sodium(void)
{
	if (sodium_init() < 0)
		abort(); /* no usable source of randomness */
}

char *identity_path(struct store *st)
{
	return xasprintf("%s.identity", store_path(st));
}

void identity_key_hex(const unsigned char pk[IDENTITY_PK_LEN], char out[2 * IDENTITY_PK_LEN + 1])
{
	sodium_bin2hex(out, 2 * IDENTITY_PK_LEN + 1, pk, IDENTITY_PK_LEN);
}

static bool hex_parse(const char *hex, unsigned char *out, size_t n)
{
	size_t len;
	if (!hex || strlen(hex) != 2 * n || strspn(hex, "0123456789abcdef") != 2 * n)
		return false;
	return sodium_hex2bin(out, n, hex, 2 * n, NULL, &len, NULL) == 0 && len == n;
}

bool identity_key_parse(const char *hex, unsigned char pk[IDENTITY_PK_LEN])
{
	return hex_parse(hex, pk, IDENTITY_PK_LEN);
}

_Static_assert(IDENTITY_FP_BYTES <= crypto_generichash_BYTES, "a fingerprint is part of the hash");
_Static_assert(IDENTITY_FP_BYTES % 2 == 0, "a fingerprint is whole groups of two bytes");

void identity_fingerprint(const unsigned char pk[IDENTITY_PK_LEN], char out[IDENTITY_FP_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char h[crypto_generichash_BYTES];
	char *p = out;
	init_sodium();
	crypto_generichash(h, sizeof h, pk, IDENTITY_PK_LEN, NULL, 0);
	for (size_t i = 0; i < IDENTITY_FP_BYTES; i++) {
		if (i && i % 2 == 0)
			*p++ = ' ';
		*p++ = digits[h[i] >> 4];
		*p++ = digits[h[i] & 0x0f];
	}
	*p = '\0';
	assert(p == out + IDENTITY_FP_SIZE - 1);
}

void identity_sign(const struct identity *id, const void *buf, size_t len,
		   unsigned char sig[IDENTITY_SIG_LEN])
{
	init_sodium();
	crypto_sign_detached(sig, NULL, buf, len, id->sk);
}

bool identity_verify(const unsigned char pk[IDENTITY_PK_LEN], const void *buf, size_t len,
		     const unsigned char sig[IDENTITY_SIG_LEN])
{
	init_sodium();
	return crypto_sign_verify_detached(sig, buf, len, pk) == 0;
}

void identity_release(struct identity *id)
{
	sodium_memzero(id->sk, sizeof id->sk);
}

int identity_key_person(struct store *st, const unsigned char pk[IDENTITY_PK_LEN],
			char person_id[ID_LEN + 1], bool *revoked, struct err *e)
{
	char hex[2 * IDENTITY_PK_LEN + 1];
	struct member_key k = { 0 };
	identity_key_hex(pk, hex);
	int rc = store_member_key_find(st, hex, &k, e);
	if (rc == 0) {
		snprintf(person_id, ID_LEN + 1, "%s", k.person_id);
		if (revoked)
			*revoked = k.revoked != NULL;
	}
	member_key_release(&k);
	return rc;
}

/* The digest of a database's place, and its hex form with the NUL. */
#define PLACE_BYTES 16
#define PLACE_HEX_SIZE (2 * PLACE_BYTES + 1)
/* Longer than any line of a key file. */
#define KEY_FILE_LINE_SIZE 512

/* Where the database lives: this machine, its real path and its inode. A
 * copy elsewhere, or a file restored in its place, gives another digest. */
static void place_of(struct store *st, char out[PLACE_HEX_SIZE])
{
	crypto_generichash_state h;
	unsigned char d[PLACE_BYTES];
	char buf[PATH_MAX + 256];
	struct stat sb;
	init_sodium();
	crypto_generichash_init(&h, NULL, 0, sizeof d);
	FILE *f = fopen("/etc/machine-id", "r");
	if (f) {
		size_t n = fread(buf, 1, 64, f);
		crypto_generichash_update(&h, (unsigned char *)buf, n);
		fclose(f);
	}
	if (gethostname(buf, 256) == 0) {
		buf[255] = '\0';
		crypto_generichash_update(&h, (unsigned char *)buf, strlen(buf) + 1);
	}
	char *real = realpath(store_path(st), NULL);
	const char *path = real ? real : store_path(st);
	crypto_generichash_update(&h, (const unsigned char *)path, strlen(path) + 1);
	free(real);
	if (stat(store_path(st), &sb) == 0) {
		unsigned long long ino = (unsigned long long)sb.st_ino;
		crypto_generichash_update(&h, (unsigned char *)&ino, sizeof ino);
	}
	crypto_generichash_final(&h, d, sizeof d);
	sodium_bin2hex(out, PLACE_HEX_SIZE, d, sizeof d);
}

struct key_file {
	char person[ID_LEN + 1], actor[ID_LEN + 1], place[PLACE_HEX_SIZE];
	unsigned char pk[IDENTITY_PK_LEN], sk[IDENTITY_SK_LEN];
};

/* 0 read, 1 no file, -1 unreadable or malformed. */
static int read_key_file(const char *path, struct key_file *k, struct err *e)
{
	char line[KEY_FILE_LINE_SIZE];
	int fields = 0;
	bool header = false;
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 1;
		return error(e, E_IO, path, strerror(errno));
	}
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && (sb.st_mode & 077))
		fchmod(fileno(f), 0600); /* readable only by its owner, always */
	while (fgets(line, sizeof line, f)) {
		char *v = strchr(line, ' ');
		line[strcspn(line, "\n")] = '\0';
		if (!v)
			continue;
		*v++ = '\0';
		if (!strcmp(line, "gavel-identity"))
			header = !strcmp(v, "1");
		else if (!strcmp(line, "person") && strlen(v) == ID_LEN)
			fields |= 1, snprintf(k->person, sizeof k->person, "%s", v);
		else if (!strcmp(line, "actor") && strlen(v) == ID_LEN)
			fields |= 2, snprintf(k->actor, sizeof k->actor, "%s", v);
		else if (!strcmp(line, "place") && strlen(v) == 32)
			fields |= 4, snprintf(k->place, sizeof k->place, "%s", v);
		else if (!strcmp(line, "public") && hex_parse(v, k->pk, sizeof k->pk))
			fields |= 8;
		else if (!strcmp(line, "secret") && hex_parse(v, k->sk, sizeof k->sk))
			fields |= 16;
	}
	sodium_memzero(line, sizeof line);
	fclose(f);
	unsigned char check[IDENTITY_PK_LEN];
	if (!header || fields != 31 || crypto_sign_ed25519_sk_to_pk(check, k->sk) ||
	    memcmp(check, k->pk, sizeof check)) {
		sodium_memzero(k->sk, sizeof k->sk);
		return error(e, E_BAD_IDENTITY_FILE, path);
	}
	return 0;
}

/* Writes the key file with mode 0600 under a temporary name, then renames
 * it into place, so that a crash leaves the old file or the new one. */
static int write_key_file(const char *path, const struct key_file *k, struct err *e)
{
	char pk[2 * IDENTITY_PK_LEN + 1], sk[2 * IDENTITY_SK_LEN + 1];
	sodium_bin2hex(pk, sizeof pk, k->pk, sizeof k->pk);
	sodium_bin2hex(sk, sizeof sk, k->sk, sizeof k->sk);
	char *text = xasprintf("gavel-identity 1\nperson %s\nactor %s\nplace %s\npublic %s\nsecret %s\n",
			       k->person, k->actor, k->place, pk, sk);
	size_t len = strlen(text);
	int rc = file_write_atomic(path, text, len, 0600, FILE_REPLACE, e);
	sodium_memzero(text, len);
	sodium_memzero(sk, sizeof sk);
	free(text);
	return rc;
}

/* What a vouch signs: a tag, the new public key and its actor id. */
#define VOUCH_TAG "gavel-vouch 1"
#define VOUCH_MSG_LEN (sizeof VOUCH_TAG + IDENTITY_PK_LEN + ID_LEN)
/* A vouch's text: the older key, a space, the signature, and the NUL. */
#define VOUCH_SIZE (2 * IDENTITY_PK_LEN + 1 + 2 * IDENTITY_SIG_LEN + 1)

static void vouch_msg(const unsigned char pk[IDENTITY_PK_LEN], const char *actor, unsigned char out[VOUCH_MSG_LEN])
{
	memset(out, 0, VOUCH_MSG_LEN);
	memcpy(out, VOUCH_TAG, sizeof VOUCH_TAG);
	memcpy(out + sizeof VOUCH_TAG, pk, IDENTITY_PK_LEN);
	memcpy(out + sizeof VOUCH_TAG + IDENTITY_PK_LEN, actor, strnlen(actor, ID_LEN));
}

/* The older key's vouch for a new one, in out. */
static void vouch_make(const struct key_file *old, const unsigned char pk[IDENTITY_PK_LEN], const char *actor,
		       char out[VOUCH_SIZE])
{
	unsigned char msg[VOUCH_MSG_LEN], sig[IDENTITY_SIG_LEN];
	vouch_msg(pk, actor, msg);
	crypto_sign_detached(sig, NULL, msg, sizeof msg, old->sk);
	sodium_bin2hex(out, 2 * IDENTITY_PK_LEN + 1, old->pk, IDENTITY_PK_LEN);
	out[2 * IDENTITY_PK_LEN] = ' ';
	sodium_bin2hex(out + 2 * IDENTITY_PK_LEN + 1, 2 * IDENTITY_SIG_LEN + 1, sig, sizeof sig);
}

bool identity_vouch_check(const char *vouch, const unsigned char pk[IDENTITY_PK_LEN], const char *actor,
			  unsigned char older[IDENTITY_PK_LEN])
{
	unsigned char msg[VOUCH_MSG_LEN], sig[IDENTITY_SIG_LEN];
	char hex[2 * IDENTITY_PK_LEN + 1];
	if (!vouch || strlen(vouch) != VOUCH_SIZE - 1 || vouch[2 * IDENTITY_PK_LEN] != ' ')
		return false;
	memcpy(hex, vouch, 2 * IDENTITY_PK_LEN);
	hex[2 * IDENTITY_PK_LEN] = '\0';
	if (!hex_parse(hex, older, IDENTITY_PK_LEN) || !hex_parse(vouch + 2 * IDENTITY_PK_LEN + 1, sig, sizeof sig))
		return false;
	vouch_msg(pk, actor, msg);
	init_sodium();
	return crypto_sign_verify_detached(sig, msg, sizeof msg, older) == 0;
}

/* The person of a machine not admitted yet (its key file needs one). */
static const char nobody[ID_LEN + 1] = "00000000000000000000000000000000";

/* Makes a new keypair for person (with the given actor id), writes the key
 * file and, when record, records the public key (vouched for by old's key
 * when old is not NULL). In the caller's transaction. */
static int create(struct store *st, const char *person, const char *actor, bool record, const struct key_file *old,
		  struct identity *out, struct err *e)
{
	struct key_file k = { 0 };
	char hex[2 * IDENTITY_PK_LEN + 1], vouch[VOUCH_SIZE];
	char *path = identity_path(st);
	int rc = -1;
	init_sodium();
	crypto_sign_keypair(k.pk, k.sk);
	snprintf(k.person, sizeof k.person, "%s", person);
	snprintf(k.actor, sizeof k.actor, "%s", actor);
	place_of(st, k.place);
	identity_key_hex(k.pk, hex);
	if (old)
		vouch_make(old, k.pk, actor, vouch);
	if (store_actor_set(st, actor, e) ||
	    (record && store_member_key_add(st, person, hex, actor, old ? vouch : NULL, e)) ||
	    store_local_set(st, "identity_key", hex, e) ||
	    (strcmp(person, nobody) && store_local_set(st, "identity_person", person, e)) ||
	    write_key_file(path, &k, e))
		goto out;
	memset(out, 0, sizeof *out);
	snprintf(out->person_id, sizeof out->person_id, "%s", person);
	snprintf(out->actor, sizeof out->actor, "%s", actor);
	memcpy(out->pk, k.pk, sizeof k.pk);
	memcpy(out->sk, k.sk, sizeof k.sk);
	rc = 0;
out:
	sodium_memzero(&k, sizeof k);
	free(path);
	return rc;
}

static int load(struct store *st, struct identity *out, struct err *e)
{
	struct key_file k = { 0 };
	char *recorded = NULL, *person = NULL, place[PLACE_HEX_SIZE], hex[2 * IDENTITY_PK_LEN + 1];
	char *path = identity_path(st);
	int rc = -1;
	if (store_local_get(st, "identity_key", &recorded, e) ||
	    store_local_get(st, "identity_person", &person, e))
		goto out;
	int r = read_key_file(path, &k, e);
	if (r < 0)
		goto out;
	if (r == 0 && !strcmp(k.person, nobody)) {
		/* asked to join: no person, no key recorded */
		identity_key_hex(k.pk, hex);
		place_of(st, place);
		if (!recorded || strcmp(recorded, hex)) {
			rc = 1;
			goto out;
		}
		if (strcmp(place, k.place)) {
			/* a copy of a machine waiting: it would be admitted twice
			 * under one actor id */
			error(e, E_SYNC_PENDING_COPY);
			goto out;
		}
		memset(out, 0, sizeof *out);
		snprintf(out->actor, sizeof out->actor, "%s", k.actor);
		memcpy(out->pk, k.pk, sizeof k.pk);
		memcpy(out->sk, k.sk, sizeof k.sk);
		if (person && strlen(person) == ID_LEN) {
			/* admitted, and its key file not yet told: told now */
			snprintf(k.person, sizeof k.person, "%s", person);
			snprintf(out->person_id, sizeof out->person_id, "%s", person);
			rc = write_key_file(path, &k, e) ? -1 : 0;
			goto out;
		}
		memcpy(out->person_id, nobody, sizeof out->person_id);
		out->pending = true;
		rc = 0;
		goto out;
	}
	if (r == 0) {
		place_of(st, place);
		identity_key_hex(k.pk, hex);
		if (recorded && !strcmp(recorded, hex) && !strcmp(place, k.place)) {
			memset(out, 0, sizeof *out);
			snprintf(out->person_id, sizeof out->person_id, "%s", k.person);
			snprintf(out->actor, sizeof out->actor, "%s", k.actor);
			memcpy(out->pk, k.pk, sizeof k.pk);
			memcpy(out->sk, k.sk, sizeof k.sk);
			if (strcmp(store_actor(st), k.actor) && store_actor_set(st, k.actor, e))
				goto out;
			rc = 0;
			goto out;
		}
	}
	if (!recorded) {
		/* The database has never had an identity: a key file beside it
		 * belongs to some earlier database at this path. */
		rc = 1;
		goto out;
	}
	/* The database or its key file was copied or moved: the copy becomes a
	 * writer of its own, for the same person. */
	char actor[ID_LEN + 1], pid[ID_LEN + 1];
	struct person p = { 0 };
	if (!person || store_person_get(st, person, &p, e) != 0) {
		person_release(&p);
		rc = 1;
		goto out;
	}
	person_release(&p);
	snprintf(pid, sizeof pid, "%s", person);
	id_new(actor);
	/* the copy's key vouched for by the key it was copied with, when that
	 * key is the person's own still */
	bool vouched = r == 0 && !strcmp(k.person, pid);
	rc = create(st, pid, actor, true, vouched ? &k : NULL, out, e);
	if (rc == 0)
		out->renewed = true;
out:
	sodium_memzero(&k, sizeof k);
	free(recorded);
	free(person);
	free(path);
	return rc;
}

int identity_load(struct store *st, struct identity *out, struct err *e)
{
	if (store_begin(st, e))
		return -1;
	int rc = load(st, out, e);
	if (rc < 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, e))
		return -1;
	return rc;
}

int identity_ensure(struct store *st, const char *person_id, struct identity *out,
		    struct err *e)
{
	struct person p = { 0 };
	if (store_begin(st, e))
		return -1;
	int rc = load(st, out, e);
	if (rc == 0 && strcmp(out->person_id, person_id)) {
		int r = store_person_get(st, out->person_id, &p, e);
		error(e, E_OWNED_BY, r == 0 ? p.name : out->person_id);
		identity_release(out);
		rc = -1;
	} else if (rc == 1) {
		int r = store_person_get(st, person_id, &p, e);
		if (r != 0) {
			rc = r < 0 ? -1 : error(e, E_UNKNOWN_PERSON, person_id);
		} else {
			char actor[ID_LEN + 1];
			snprintf(actor, sizeof actor, "%s", store_actor(st));
			rc = create(st, person_id, actor, true, NULL, out, e);
		}
	}
	person_release(&p);
	if (rc < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, e);
}

int identity_new(struct store *st, struct identity *out, struct err *e)
{
	if (store_begin(st, e))
		return -1;
	char actor[ID_LEN + 1];
	snprintf(actor, sizeof actor, "%s", store_actor(st));
	if (create(st, nobody, actor, false, NULL, out, e)) {
		store_rollback(st);
		return -1;
	}
	out->pending = true;
	return store_commit(st, e);
}

int identity_adopt(struct store *st, struct identity *id, const char *person_id, struct err *e)
{
	/* the database only: the key file is told when the database has
	 * committed (identity_adopted), or by the next identity_load */
	if (store_local_set(st, "identity_person", person_id, e))
		return -1;
	snprintf(id->person_id, sizeof id->person_id, "%s", person_id);
	id->pending = false;
	return 0;
}

int identity_adopted(struct store *st, const struct identity *id, struct err *e)
{
	struct key_file k = { 0 };
	char *path = identity_path(st);
	snprintf(k.person, sizeof k.person, "%s", id->person_id);
	snprintf(k.actor, sizeof k.actor, "%s", id->actor);
	place_of(st, k.place);
	memcpy(k.pk, id->pk, sizeof k.pk);
	memcpy(k.sk, id->sk, sizeof k.sk);
	int rc = write_key_file(path, &k, e);
	sodium_memzero(&k, sizeof k);
	free(path);
	return rc;
}

bool identity_fingerprint_begins(const char *fp, const char *typed, size_t min)
{
	size_t m = 0;
	for (const char *t = typed; *t; t++) {
		if (*t == ' ')
			continue;
		while (*fp == ' ')
			fp++;
		if (*fp != *t)
			return false;
		fp++;
		m++;
	}
	return m >= min;
}
