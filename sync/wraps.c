/* wraps: the passphrase wraps of the folder (wraps.h). */
#include "sync/wraps.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

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

int wraps_open(const char *dir, const char *passphrase, struct invite *inv, uint32_t *newest, struct err *e)
{
	struct entry *ents;
	size_t n, nw = 0;
	if (newest)
		*newest = 0;
	if (folder_entries(dir, &ents, &n, e))
		return -1;
	struct wrap *w = xcalloc(n + 1, sizeof *w);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, ents[i].name), why[BUNDLE_WHY];
		struct strbuf buf = { 0 };
		struct bundle b;
		/* a file that cannot be read or is not a wrap is passed over */
		if (folder_file_read(path, &buf, NULL) == 0 &&
		    bundle_parse((const unsigned char *)buf.buf, buf.len, &b, why) == 0 && b.kind == BUNDLE_KEYS &&
		    bundle_verify(&b)) {
			w[nw].path = path;
			w[nw++].generation = keyring_generation(&b);
			path = NULL;
		}
		sb_release(&buf);
		free(path);
	}
	entries_free(ents, n);
	qsort(w, nw, sizeof *w, newest_first);
	int rc = nw ? error(e, E_SYNC_PASSPHRASE, dir) : error(e, E_SYNC_FOLDER_EMPTY, dir);
	if (nw && newest)
		*newest = w[0].generation;
	/* the newest generation first (two members may have written one each);
	 * an older one only to say that the passphrase was changed */
	for (size_t i = 0; i < nw; i++) {
		struct invite k = { 0 };
		int orc = try_open(w[i].path, passphrase, &k);
		if (orc == 2) {
			rc = error(e, E_SYNC_WRAP_OLD);
			break;
		}
		if (orc == 0) {
			if (w[i].generation == w[0].generation) {
				*inv = k;
				rc = 0;
			} else {
				rc = error(e, E_SYNC_PASSPHRASE_OLD, dir);
			}
			sodium_memzero(&k, sizeof k);
			break;
		}
	}
	for (size_t i = 0; i < nw; i++)
		free(w[i].path);
	free(w);
	return rc;
}
