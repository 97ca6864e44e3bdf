/*
 * fuzz_bundle: a libFuzzer target for everything sync does with a file it
 * finds in the shared folder, which anyone with write access to the folder
 * (or a broken sync tool) controls byte by byte.
 *
 * Each input is taken as a file of the folder and goes the way sync.c's
 * import takes it: its name (the first bytes), the frame (bundle_parse),
 * the signature (bundle_verify), then by kind: a REKEY file's sealed keys
 * (keyring_unseal), a KEYS file's list of keys (keyring_open), a batch's
 * decryption (bundle_open) and body (batch_decode). The key and identity
 * are the fixed ones of fixed.h, so the corpus files written with them
 * decrypt; a mutated file almost never does, so each input is also decoded
 * as a bare batch body, which lets the fuzzer work on the body parser
 * directly.
 *
 * Besides the sanitizers, it checks round trips: a name that parses is
 * written back the same, and a decoded batch encodes to bytes that decode
 * and encode again to the same bytes.
 *
 * Built and run by `make fuzz`; `make check` runs it over the corpus once.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sync/bundle.h"
#include "sync/keyring.h"
#include "tests/fuzz/fixed.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct identity me;
static unsigned char council_key[BUNDLE_KEY_LEN];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	fuzz_identity(&me);
	fuzz_key(council_key);
	return 0;
}

static void check_name(const char *name)
{
	char writer[ID_LEN + 1], again[64];
	uint64_t seq;
	if (!bundle_name_parse(name, writer, &seq))
		return;
	bundle_name(writer, seq, again);
	if (strcmp(again, name))
		abort();
}

/* encode(decode(x)) is a fixed point of decode-then-encode. */
static void check_batch(const struct batch *b)
{
	unsigned char *once, *twice;
	size_t once_len, twice_len;
	struct batch again;
	char why[BUNDLE_WHY];
	batch_encode(b, &once, &once_len);
	if (batch_decode(once, once_len, &again, why))
		abort();
	batch_encode(&again, &twice, &twice_len);
	if (again.n != b->n || again.nfront != b->nfront || twice_len != once_len || memcmp(once, twice, once_len))
		abort();
	batch_release(&again);
	free(once);
	free(twice);
}

static void decode_body(const unsigned char *buf, size_t len)
{
	struct batch b;
	char why[BUNDLE_WHY];
	if (batch_decode(buf, len, &b, why) == 0) {
		check_batch(&b);
		batch_release(&b);
	} else if (!memchr(why, '\0', sizeof why)) {
		abort();
	}
}

static void read_file(const uint8_t *data, size_t size)
{
	struct bundle b;
	char why[BUNDLE_WHY];
	if (bundle_parse(data, size, &b, why))
		return;

	/* the name the file should have parses back to its writer and number */
	char name[64], writer[ID_LEN + 1];
	uint64_t seq;
	bundle_name(b.writer, b.seq, name);
	if (b.seq <= 99999999 && (!bundle_name_parse(name, writer, &seq) || strcmp(writer, b.writer) || seq != b.seq))
		abort();

	(void)bundle_verify(&b);
	(void)keyring_generation(&b);

	if (b.kind == BUNDLE_KEYS) {
		struct invite inv;
		uint32_t generation;
		memset(&inv, 0, sizeof inv);
		if (keyring_open(&b, council_key, &inv, &generation, why) == 0 &&
		    memcmp(inv.council, b.council, sizeof inv.council))
			abort();
		sodium_memzero(&inv, sizeof inv);
		return;
	}
	if (b.kind == BUNDLE_ADMIT) {
		/* the keys sealed to a newcomer: whole, or nothing */
		struct keyring kr;
		memset(&kr, 0, sizeof kr);
		int rc = keyring_unseal_all(&b, &me, &kr);
		if ((rc == 0 && (kr.n == 0 || kr.n > KEYRING_MAX)) || (rc != 0 && kr.n != 0))
			abort();
		keyring_release(&kr);
	}

	unsigned char rekey[BUNDLE_KEY_LEN];
	const unsigned char *key = council_key;
	if (b.kind == BUNDLE_REKEY && keyring_unseal(&b, &me, rekey) == 0)
		key = rekey;
	if (b.kind == BUNDLE_REQUEST) {
		keyring_request_key(council_key, b.epoch, rekey);
		key = rekey;
	}
	unsigned char *plain = NULL;
	size_t len = 0;
	if (bundle_open(&b, key, &plain, &len, why) == 0) {
		if (len > b.body_len)
			abort();
		if (b.kind == BUNDLE_CHANGES)
			decode_body(plain, len);
		free(plain);
	}
	sodium_memzero(rekey, sizeof rekey);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a file name: the input's first bytes, up to a NUL */
	char name[80];
	size_t n = size < sizeof name - 1 ? size : sizeof name - 1;
	if (n)
		memcpy(name, data, n);
	name[n] = '\0';
	check_name(name);

	read_file(data, size);
	decode_body(data, size);
	return 0;
}
