/* Unit tests of the member identity: keys, signatures, fingerprints, and a
 * copied database that must not sign as the original. */
#include <sodium.h>
#include <stdio.h>
#include <sys/stat.h>

#include "core/council.h"
#include "core/identity.h"
#include "helpers.h"
#include "store/keys.h"

static struct err e;

static struct store *council(const char *name, char person[ID_LEN + 1])
{
	struct store *st = test_open(name);
	char *key = xasprintf("%s.identity", test_path(name));
	unlink(key);
	free(key);
	ck_assert_msg(council_init(st, "Rådet", &e) == 0, "%s", e.msg);
	ck_assert_msg(council_person_add(st, "Åsa Ölund", "Västra Götalandsregionen", NULL, person, &e) == 0,
		      "%s", e.msg);
	return st;
}

START_TEST(ensure_creates_and_records)
{
	char pid[ID_LEN + 1], owner[ID_LEN + 1], hex[65];
	struct identity id, again;
	struct store *st = council("id1.db", pid);
	ck_assert_int_eq(identity_load(st, &id, &e), 1);
	ck_assert_msg(identity_ensure(st, pid, &id, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(id.person_id, pid);
	ck_assert_str_eq(id.actor, store_actor(st));
	ck_assert(!id.renewed);

	/* the key file is readable only by its owner */
	struct stat sb;
	char *path = identity_path(st);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	free(path);

	/* the public key is the council's to see */
	bool revoked = true;
	ck_assert_int_eq(identity_key_person(st, id.pk, owner, &revoked, &e), 0);
	ck_assert_str_eq(owner, pid);
	ck_assert(!revoked);
	identity_key_hex(id.pk, hex);
	struct member_key k = { 0 };
	ck_assert_int_eq(store_member_key_find(st, hex, &k, &e), 0);
	ck_assert_str_eq(k.person, "Åsa Ölund");
	ck_assert_str_eq(k.actor, id.actor);
	member_key_release(&k);

	/* loading again gives the same keys; ensuring again changes nothing */
	ck_assert_int_eq(identity_load(st, &again, &e), 0);
	ck_assert_mem_eq(again.pk, id.pk, sizeof id.pk);
	ck_assert_mem_eq(again.sk, id.sk, sizeof id.sk);
	identity_release(&again);
	ck_assert_int_eq(identity_ensure(st, pid, &again, &e), 0);
	ck_assert_mem_eq(again.pk, id.pk, sizeof id.pk);
	struct member_key_list l = { 0 };
	ck_assert_int_eq(store_member_key_list(st, NULL, &l, &e), 0);
	ck_assert_uint_eq(l.n, 1);
	member_key_list_release(&l);

	/* a machine belongs to one person */
	char other[ID_LEN + 1];
	ck_assert_int_eq(council_person_add(st, "Björn Ek", NULL, NULL, other, &e), 0);
	ck_assert_int_eq(identity_ensure(st, other, &again, &e), -1);
	ck_assert_int_eq(e.code, E_OWNED_BY);
	ck_assert_ptr_nonnull(strstr(e.msg, "Åsa Ölund"));
	identity_release(&id);
	identity_release(&again);
	store_close(st);
}
END_TEST

START_TEST(sign_and_verify)
{
	char pid[ID_LEN + 1], fp[IDENTITY_FP_SIZE], fp2[IDENTITY_FP_SIZE];
	unsigned char sig[IDENTITY_SIG_LEN], pk[IDENTITY_PK_LEN];
	struct identity id;
	const char msg[] = "§ 14 att ge kansliet i uppdrag";
	struct store *st = council("id2.db", pid);
	ck_assert_int_eq(identity_ensure(st, pid, &id, &e), 0);
	identity_sign(&id, msg, sizeof msg, sig);
	ck_assert(identity_verify(id.pk, msg, sizeof msg, sig));

	char tampered[sizeof msg];
	memcpy(tampered, msg, sizeof msg);
	tampered[3] ^= 1;
	ck_assert(!identity_verify(id.pk, tampered, sizeof msg, sig));
	ck_assert(!identity_verify(id.pk, msg, sizeof msg - 1, sig));
	sig[10] ^= 0x40;
	ck_assert(!identity_verify(id.pk, msg, sizeof msg, sig));
	sig[10] ^= 0x40;

	/* another key does not verify it */
	unsigned char opk[IDENTITY_PK_LEN], osk[IDENTITY_SK_LEN];
	crypto_sign_keypair(opk, osk);
	ck_assert(!identity_verify(opk, msg, sizeof msg, sig));

	identity_fingerprint(id.pk, fp);
	identity_fingerprint(opk, fp2);
	ck_assert_str_ne(fp, fp2);

	char hex[65];
	identity_key_hex(id.pk, hex);
	ck_assert(identity_key_parse(hex, pk));
	ck_assert_mem_eq(pk, id.pk, sizeof pk);
	ck_assert(!identity_key_parse("xyz", pk));
	hex[5] = 'G';
	ck_assert(!identity_key_parse(hex, pk));

	/* a key not in the council */
	char who[ID_LEN + 1];
	ck_assert_int_eq(identity_key_person(st, opk, who, NULL, &e), 1);
	identity_release(&id);
	store_close(st);
}
END_TEST

/* Is fp eight groups of four lower-case hex digits, single spaces between? */
static bool fingerprint_form(const char *fp)
{
	for (int g = 0; g < 8; g++, fp += 5) {
		if (strspn(fp, "0123456789abcdef") < 4)
			return false;
		if (fp[4] != (g < 7 ? ' ' : '\0'))
			return false;
	}
	return true;
}

/* A fingerprint is 128 bits, grouped for reading out over the phone: the
 * same for the same key, always, and another for another key. */
START_TEST(fingerprint)
{
	char fp[IDENTITY_FP_SIZE], again[IDENTITY_FP_SIZE], other[IDENTITY_FP_SIZE];
	unsigned char pk[IDENTITY_PK_LEN], sk[IDENTITY_SK_LEN], fixed[IDENTITY_PK_LEN];
	ck_assert_int_ge(sodium_init(), 0);
	ck_assert_uint_eq(IDENTITY_FP_SIZE, 8 * 4 + 7 + 1);

	/* a fixed key: its fingerprint does not change between versions (the
	 * first 16 bytes of BLAKE2b-256 of the bytes 0, 1, ..., 31) */
	for (size_t i = 0; i < sizeof fixed; i++)
		fixed[i] = (unsigned char)i;
	identity_fingerprint(fixed, fp);
	ck_assert_str_eq(fp, "cb2f 5160 fc1f 7e05 a55e f49d 340b 48da");
	memset(fixed, 0, sizeof fixed);
	identity_fingerprint(fixed, fp);
	ck_assert_str_eq(fp, "89eb 0d6a 8a69 1dae 2cd1 5ed0 3699 31ce");

	/* real keys: the form, the same twice, two keys apart */
	for (int i = 0; i < 50; i++) {
		crypto_sign_keypair(pk, sk);
		memset(fp, 'x', sizeof fp);
		identity_fingerprint(pk, fp);
		ck_assert_msg(fingerprint_form(fp), "fingerprint \"%s\"", fp);
		ck_assert_uint_eq(strlen(fp), IDENTITY_FP_SIZE - 1);
		identity_fingerprint(pk, again);
		ck_assert_str_eq(fp, again);
		if (i)
			ck_assert_str_ne(fp, other);
		memcpy(other, fp, sizeof other);
		/* one bit of the key changes it */
		pk[31] ^= 0x01;
		identity_fingerprint(pk, again);
		ck_assert_str_ne(fp, again);
	}
	ck_assert(!fingerprint_form("3f2a 9c1b 77d0 e4a5"));
	ck_assert(!fingerprint_form("3f2a 9c1b 77d0 e4a5 0b12 aa90 5c33 1E07"));
	ck_assert(!fingerprint_form("3f2a9c1b 77d0 e4a5 0b12 aa90 5c33 1e07 "));
	ck_assert(fingerprint_form("3f2a 9c1b 77d0 e4a5 0b12 aa90 5c33 1e07"));
	sodium_memzero(sk, sizeof sk);
}
END_TEST

START_TEST(copied_database_gets_its_own_identity)
{
	char pid[ID_LEN + 1];
	struct identity orig, copy;
	struct store *st = council("id3.db", pid);
	ck_assert_int_eq(identity_ensure(st, pid, &orig, &e), 0);
	char *key = identity_path(st);
	store_close(st);

	/* the database and its key file copied side by side */
	char *copy_db = xstrdup(test_path("id3-copy.db"));
	char *copy_key = xasprintf("%s.identity", copy_db);
	test_copy_file(test_path("id3.db"), copy_db);
	test_copy_file(key, copy_key);
	ck_assert_int_eq(store_open(copy_db, false, &e, &st), 0);
	ck_assert_msg(identity_load(st, &copy, &e) == 0, "%s", e.msg);
	ck_assert(copy.renewed);
	ck_assert_str_eq(copy.person_id, pid);
	ck_assert_mem_ne(copy.pk, orig.pk, sizeof orig.pk);
	ck_assert_str_ne(copy.actor, orig.actor);
	ck_assert_str_eq(store_actor(st), copy.actor);
	/* both keys are the person's */
	struct member_key_list l = { 0 };
	ck_assert_int_eq(store_member_key_list(st, pid, &l, &e), 0);
	ck_assert_uint_eq(l.n, 2);
	member_key_list_release(&l);
	/* from now on it is stable */
	struct identity again;
	ck_assert_int_eq(identity_load(st, &again, &e), 0);
	ck_assert(!again.renewed);
	ck_assert_mem_eq(again.pk, copy.pk, sizeof copy.pk);
	identity_release(&again);
	identity_release(&copy);
	store_close(st);

	/* the database copied without its key file */
	char *bare = xstrdup(test_path("id3-bare.db"));
	test_copy_file(test_path("id3.db"), bare);
	ck_assert_int_eq(store_open(bare, false, &e, &st), 0);
	ck_assert_int_eq(identity_load(st, &copy, &e), 0);
	ck_assert(copy.renewed);
	ck_assert_mem_ne(copy.pk, orig.pk, sizeof orig.pk);
	identity_release(&copy);
	store_close(st);

	/* the original is untouched */
	ck_assert_int_eq(store_open(test_path("id3.db"), false, &e, &st), 0);
	ck_assert_int_eq(identity_load(st, &again, &e), 0);
	ck_assert(!again.renewed);
	ck_assert_mem_eq(again.pk, orig.pk, sizeof orig.pk);
	ck_assert_str_eq(store_actor(st), orig.actor);
	identity_release(&again);
	identity_release(&orig);
	store_close(st);
	free(key);
	free(copy_db);
	free(copy_key);
	free(bare);
}
END_TEST

START_TEST(damaged_key_file_refused)
{
	char pid[ID_LEN + 1];
	struct identity id;
	struct store *st = council("id4.db", pid);
	ck_assert_int_eq(identity_ensure(st, pid, &id, &e), 0);
	identity_release(&id);
	char *key = identity_path(st);
	FILE *f = fopen(key, "r+");
	ck_assert_ptr_nonnull(f);
	fseek(f, -10, SEEK_END);
	fputs("00000", f);
	fclose(f);
	ck_assert_int_eq(identity_load(st, &id, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_IDENTITY_FILE);
	ck_assert_ptr_nonnull(strstr(e.msg, "identity"));
	free(key);
	store_close(st);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		ensure_creates_and_records,
		sign_and_verify,
		fingerprint,
		copied_database_gets_its_own_identity,
		damaged_key_file_refused,
	};
	return run_suite("identity", tests, ARRAY_SIZE(tests));
}
