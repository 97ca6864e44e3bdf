/*
 * share: a council put into a folder (sync_share), and a new copy made
 * from one (sync_join).
 */
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/council.h"
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
	return council_whoami_set(s->st, pid, s->e) || store_local_set(s->st, SETTING_DIR, s->dir, s->e) ||
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

/* After the council was read: this machine becomes person's. */
static int join_as(struct store *st, const char *dir, const char *real, const char *person, struct err *e)
{
	char *name = NULL, pid[ID_LEN + 1];
	struct identity id;
	int rc = store_council_get(st, &name, e);
	free(name);
	if (rc)
		return rc < 0 ? -1 : error(e, E_SYNC_NOTHING_READ, dir);
	if (store_begin(st, e))
		return -1;
	if (store_local_set(st, SETTING_DIR, real, e) || replica_capture(st, true, e) ||
	    resolve_or_add(st, person, pid, e) || identity_ensure(st, pid, &id, e)) {
		store_rollback(st);
		return -1;
	}
	identity_release(&id);
	if (council_whoami_set(st, pid, e)) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, e);
}

int sync_join(const char *db_path, const char *dir, const char *person, const char *passphrase,
	      struct store **out_st, struct sync_summary *out, struct err *e)
{
	struct keyring kr = { 0 };
	struct store *st = NULL;
	char *real = realpath(dir, NULL);
	if (!real)
		return error(e, E_SYNC_FOLDER_UNREADABLE, dir, strerror(errno));
	if (db_taken(db_path, &st, e) || wraps_open(real, passphrase, &kr, NULL, e))
		goto fail;
	if (!st && store_open(db_path, true, e, &st))
		goto fail;
	if (keyring_save(st, &kr, e))
		goto fail;
	/* the council read with the keys alone: nothing is written yet */
	struct session s;
	session_begin(&s, st, real, &kr, out, e);
	int rc = run_sync(&s, false);
	session_release(&s);
	if (rc || join_as(st, dir, real, person, e))
		goto fail;
	/* the first file of this machine introduces its key */
	struct sync_summary more = { 0 };
	rc = sync_run(st, real, &more, e);
	out->sent += more.sent;
	sync_summary_release(&more);
	if (rc)
		goto fail;
	free(real);
	*out_st = st;
	return 0;
fail:
	keyring_release(&kr);
	free(real);
	store_close(st);
	return -1;
}
