/*
 * fixed: the council key and the member machine that the fuzz target and
 * its corpus generator share.
 *
 * A real folder's files are encrypted with a random council key, so a
 * fuzzer that only had them would never get past decryption. The corpus
 * generator (make_corpus.c) writes its files with this key and this
 * identity instead, and the target opens every file with them: the seeds
 * decrypt, and the code that reads what is inside a file is run on real
 * content. Never use these outside the tests.
 */
#ifndef GAVEL_TESTS_FUZZ_FIXED_H
#define GAVEL_TESTS_FUZZ_FIXED_H

#include <sodium.h>
#include <string.h>

#include "sync/bundle.h"

/* The council: its id and the key of every epoch (a KEYS file is wrapped
 * with the same key, in place of one made from a passphrase). */
static inline void fuzz_council(unsigned char council[BUNDLE_COUNCIL_LEN])
{
	memset(council, 0xc0, BUNDLE_COUNCIL_LEN);
}

static inline void fuzz_key(unsigned char key[BUNDLE_KEY_LEN])
{
	memset(key, 0x4b, BUNDLE_KEY_LEN);
}

/* The member machine: a keypair from a fixed seed, a fixed actor id.
 * Needs sodium_init. */
static inline void fuzz_identity(struct identity *id)
{
	unsigned char seed[crypto_sign_SEEDBYTES];
	memset(id, 0, sizeof *id);
	memset(seed, 0x49, sizeof seed);
	crypto_sign_seed_keypair(id->pk, id->sk, seed);
	memcpy(id->person_id, "9e5a0c1d2b3f4a5e6d7c8b9a0f1e2d3c", ID_LEN);
	memcpy(id->actor, "f022e3d4c5b6a7980a1b2c3d4e5f6071", ID_LEN);
}

#endif
