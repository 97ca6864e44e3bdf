/*
 * share: a council put into a folder (sync_share), and a new copy made
 * from one (sync_join).
 */
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/clock.h"
#include "core/council.h"
#include "sync/admit.h"
#include "sync/export.h"
#include "sync/rekey.h"
#include "sync/run.h"
#include "sync/session.h"
#include "sync/wraps.h"

/* The mode of the shared folder when share makes it. */
#define FOLDER_MODE 0755
/* The generation of the first passphrase wrap. */
#define FIRST_GENERATION 1
/* The epoch of the first council key. */
#define FIRST_EPOCH 1

static int resolve_or_add(struct store *st, const char *person, char id[ID_LEN + 1], struct err *e)
{
	int rc = store_person_find(st, person, id, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return 0;
	return council_person_add(st, person, NULL, NULL, id, e);
}

/* Does dir hold council files (flat, or in writers' buckets)? */
static int dir_has_council(const char *dir, bool *has, struct err *e)
{
	struct entry *ents;
	size_t n;
	if (folder_entries(dir, &ents, &n, e))
		return -1;
	entries_free(ents, n);
	*has = n > 0;
	return 0;
}

/* Everything of the council, written to the folder for the first time. */
static int share_in_tx(struct session *s, const char *person, const char *passphrase)
{
	char pid[ID_LEN + 1];
	unsigned char key[BUNDLE_KEY_LEN];
	if (resolve_or_add(s->st, person, pid, s->e) || identity_ensure(s->st, pid, &s->id, s->e))
		return -1;
	s->has_id = true;
	randombytes_buf(s->kr.council, sizeof s->kr.council);
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	int added = keyring_add(&s->kr, FIRST_EPOCH, key);
	sodium_memzero(key, sizeof key);
	if (added)
		return error(s->e, E_SYNC_KEYRING_FULL, KEYRING_MAX);
	s->keys_changed = true;
	char founder[2 * IDENTITY_PK_LEN + 1];
	identity_key_hex(s->id.pk, founder);
	return council_whoami_set(s->st, pid, s->e) || store_local_set(s->st, SETTING_DIR, s->dir, s->e) ||
			       store_local_set(s->st, SETTING_FOUNDER, founder, s->e) ||
			       replica_capture(s->st, true, s->e) || replica_dirty_all(s->st, s->e) ||
			       rekey_write_keys(s, passphrase, FIRST_GENERATION) || export_changes(s)
		       ? -1
		       : 0;
}

int sync_share(struct store *st, const char *dir, const char *person, const char *passphrase,
	       struct sync_summary *out, struct err *e)
{
	char *have = NULL, *real = NULL;
	bool taken;
	if (store_local_get(st, SETTING_DIR, &have, e))
		return -1;
	if (have) {
		error(e, E_SYNC_SHARED, have);
		free(have);
		return -1;
	}
	if (mkdir(dir, FOLDER_MODE) && errno != EEXIST)
		return error(e, E_IO, dir, strerror(errno));
	if (dir_has_council(dir, &taken, e))
		return -1;
	if (taken)
		return error(e, E_SYNC_FOLDER_TAKEN, dir, dir);
	real = realpath(dir, NULL);
	if (!real)
		return error(e, E_IO, dir, strerror(errno));
	struct keyring none = { 0 };
	struct session s;
	session_begin(&s, st, real, &none, out, e);
	free(real);
	if (store_begin(st, e)) {
		session_release(&s);
		return -1;
	}
	/* the keys on the disk before the database says it is shared */
	if (share_in_tx(&s, person, passphrase) || keyring_save(st, &s.kr, e) || store_commit(st, e)) {
		store_rollback(st);
		session_release(&s);
		return -1;
	}
	session_release(&s);
	return 0;
}

/* Is there a council in the database at db_path already? (It is opened
 * into *st if it is there, and may then be joined into when empty.) */
static int db_taken(const char *db_path, struct store **st, struct err *e)
{
	struct stat sb;
	char *name = NULL;
	if (stat(db_path, &sb))
		return 0;
	if (store_open(db_path, false, e, st))
		return -1;
	int rc = store_council_get(*st, &name, e);
	free(name);
	if (rc < 0)
		return -1;
	return rc == 0 ? error(e, E_SYNC_DB_TAKEN, db_path) : 0;
}

/* The request to join, in the new database's transaction. */
static int ask_in_tx(struct store *st, const char *real, const struct invite *inv, const char *person,
		     struct sync_summary *out, struct err *e)
{
	struct session s;
	struct keyring kr = { 0 };
	char founder[2 * IDENTITY_PK_LEN + 1], now[CLOCK_UTC_SIZE];
	memcpy(kr.council, inv->council, sizeof kr.council);
	session_begin(&s, st, real, &kr, out, e);
	identity_key_hex(inv->founder, founder);
	clock_utc(now);
	int rc = identity_new(st, &s.id, e);
	if (!rc) {
		s.has_id = true;
		identity_fingerprint(s.id.pk, out->fingerprint);
		out->waiting_admission = true;
		rc = store_local_set(st, SETTING_DIR, real, e) || store_local_set(st, SETTING_FOUNDER, founder, e) ||
				     store_local_set(st, SETTING_ASKED, now, e) || replica_capture(st, true, e) ||
				     admit_request_write(&s, inv, person) || keyring_save(st, &s.kr, e)
			     ? -1
			     : 0;
	}
	session_release(&s);
	return rc;
}

int sync_join(const char *db_path, const char *dir, const char *person, const char *passphrase,
	      const char *council_fp, struct store **out_st, struct sync_summary *out, struct err *e)
{
	struct invite inv = { 0 };
	struct store *st = NULL;
	char *real = realpath(dir, NULL);
	if (!real)
		return error(e, E_SYNC_FOLDER_UNREADABLE, dir, strerror(errno));
	if (!admit_name_ok(person)) {
		free(real);
		return error(e, E_BAD_PERSON_NAME, person);
	}
	bool older = false;
	if (db_taken(db_path, &st, e) || wraps_open(real, passphrase, council_fp, &inv, &older, e))
		goto fail;
	identity_fingerprint(inv.founder, out->council_fingerprint);
	out->passphrase_older = older;
	if (!st && store_open(db_path, true, e, &st))
		goto fail;
	struct identity id;
	int had = identity_load(st, &id, e);
	if (had == 0) {
		/* asked before: the same request stands */
		char fp[IDENTITY_FP_SIZE];
		identity_fingerprint(id.pk, fp);
		identity_release(&id);
		error(e, E_SYNC_NOT_ADMITTED, fp);
		goto fail;
	}
	if (had < 0 || store_begin(st, e))
		goto fail;
	if (ask_in_tx(st, real, &inv, person, out, e)) {
		store_rollback(st);
		goto fail;
	}
	if (store_commit(st, e))
		goto fail;
	sodium_memzero(&inv, sizeof inv);
	free(real);
	*out_st = st;
	return 0;
fail:
	sodium_memzero(&inv, sizeof inv);
	free(real);
	store_close(st);
	return -1;
}
