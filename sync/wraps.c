/* wraps: the passphrase wraps of the folder (wraps.h). */
#include "sync/wraps.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store/keys.h"
#include "sync/folder.h"

struct wrap {
	char *path;
	uint32_t generation;
};

static int newest_first(const void *a, const void *b)
{
	uint32_t x = ((const struct wrap *)a)->generation, y = ((const struct wrap *)b)->generation;
	return x > y ? -1 : x < y;
}

/* Opens the wrap at path with the passphrase: 0, 2 if it is one of before
 * admission (E_SYNC_WRAP_OLD), or 1 if it does not open. */
static int try_open(const char *path, const char *passphrase, struct invite *inv)
{
	struct strbuf buf = { 0 };
	struct bundle b;
	char why[BUNDLE_WHY], old[BUNDLE_WHY];
	uint32_t gen;
	int rc = 1;
	bundle_why(old, -1, E_SYNC_WRAP_OLD);
	if (folder_file_read(path, &buf, NULL) == 0 &&
	    bundle_parse((const unsigned char *)buf.buf, buf.len, &b, why) == 0) {
		if (keyring_unwrap(&b, passphrase, inv, &gen, why) == 0)
			rc = 0;
		else if (!strcmp(why, old))
			rc = 2;
	}
	sb_release(&buf);
	return rc;
}

/* Does what was typed begin the fingerprint of pk (eight digits at least)? */
static bool fingerprint_is(const unsigned char pk[IDENTITY_PK_LEN], const char *typed)
{
	char fp[IDENTITY_FP_SIZE];
	identity_fingerprint(pk, fp);
	return identity_fingerprint_begins(fp, typed, 8);
}

/* The KEYS files of the folder (signed by their writers), newest first;
 * with st, only those a member's recorded key wrote. */
static int wraps_list(const char *dir, struct store *st, struct wrap **out, size_t *nout, struct err *e)
{
	struct entry *ents;
	size_t n, nw = 0;
	if (folder_entries(dir, &ents, &n, e))
		return -1;
	struct wrap *w = xcalloc(n + 1, sizeof *w);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char *path = xasprintf("%s/%s", dir, ents[i].name), why[BUNDLE_WHY];
		struct strbuf buf = { 0 };
		struct bundle b;
		/* a file that cannot be read or is not a wrap is passed over */
		if (folder_file_read(path, &buf, NULL) == 0 &&
		    bundle_parse((const unsigned char *)buf.buf, buf.len, &b, why) == 0 && b.kind == BUNDLE_KEYS &&
		    bundle_verify(&b)) {
			bool take = true;
			if (st) {
				char hex[2 * IDENTITY_PK_LEN + 1];
				struct member_key k = { 0 };
				identity_key_hex(b.writer_pk, hex);
				int r = store_member_key_find(st, hex, &k, e);
				take = r == 0 && !strcmp(k.actor, b.writer);
				member_key_release(&k);
				rc = r < 0 ? -1 : 0;
			}
			if (take) {
				w[nw].path = path;
				w[nw++].generation = keyring_generation(&b);
				path = NULL;
			}
		}
		sb_release(&buf);
		free(path);
	}
	entries_free(ents, n);
	if (nw)
		qsort(w, nw, sizeof *w, newest_first);
	*out = w;
	*nout = nw;
	return rc;
}

static void wraps_free(struct wrap *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i].path);
	free(w);
}

int wraps_open(const char *dir, const char *passphrase, const char *council_fp, struct invite *inv, bool *older,
	       struct err *e)
{
	struct wrap *w;
	size_t nw;
	if (older)
		*older = false;
	if (wraps_list(dir, NULL, &w, &nw, e))
		return -1;
	int rc = !nw ? error(e, E_SYNC_FOLDER_EMPTY, dir) : error(e, E_SYNC_PASSPHRASE, dir);
	bool opened_other = false;
	/* the newest that opens: a wrap nobody can open (someone who can
	 * write into the folder may plant one) keeps nobody out */
	for (size_t i = 0; i < nw; i++) {
		struct invite k = { 0 };
		int orc = try_open(w[i].path, passphrase, &k);
		if (orc == 2 && rc != 0) {
			rc = error(e, E_SYNC_WRAP_OLD);
			continue;
		}
		if (orc != 0)
			continue;
		if (council_fp && !fingerprint_is(k.founder, council_fp)) {
			/* another council's invitation, or one forged by someone
			 * who knows the passphrase */
			opened_other = true;
			sodium_memzero(&k, sizeof k);
			continue;
		}
		*inv = k;
		sodium_memzero(&k, sizeof k);
		if (older)
			*older = w[i].generation < w[0].generation;
		rc = 0;
		break;
	}
	if (rc && opened_other)
		rc = error(e, E_SYNC_NOT_THIS_COUNCIL, dir, council_fp);
	wraps_free(w, nw);
	return rc;
}

int wraps_newest(const char *dir, struct store *st, uint32_t *newest, struct err *e)
{
	struct wrap *w;
	size_t nw;
	if (wraps_list(dir, st, &w, &nw, e))
		return -1;
	*newest = nw ? w[0].generation : 0;
	wraps_free(w, nw);
	return 0;
}
