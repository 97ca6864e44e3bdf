/* members: the members' machines (members.h, sync_members, sync_member_remove). */
#include "sync/members.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/council.h"
#include "core/identity.h"
#include "store/keys.h"
#include "store/replica.h"
#include "sync/policy.h"
#include "sync/rekey.h"
#include "sync/settings.h"
#include "sync/sync.h"

/* Digits of an actor id that stand for a writer no member's key names. */
#define ACTOR_SHOWN 8

int members_name(struct store *st, const char *actor, char **name, struct err *e)
{
	struct member_key k = { 0 };
	int rc = store_member_key_by_actor(st, actor, &k, e);
	if (rc == 0)
		*name = xstrdup(k.person);
	else if (rc == 1)
		*name = xasprintf("%.*s", ACTOR_SHOWN, actor);
	member_key_release(&k);
	return rc < 0 ? -1 : 0;
}

void sync_member_list_release(struct sync_member_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].person);
		free(l->v[i].fingerprint);
		free(l->v[i].last);
		free(l->v[i].revoked);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int sync_members(struct store *st, struct sync_member_list *out, struct err *e)
{
	struct member_key_list keys = { 0 };
	struct identity id = { 0 };
	char *last = NULL;
	int have_id = identity_load(st, &id, e);
	if (have_id < 0)
		return -1;
	int rc = store_member_key_list(st, NULL, &keys, e) || store_local_get(st, SETTING_LAST, &last, e) ? -1 : 0;
	for (size_t i = 0; i < keys.n && !rc; i++) {
		unsigned char pk[IDENTITY_PK_LEN];
		char fp[IDENTITY_FP_SIZE] = "?";
		long long files;
		if (replica_last_seq(st, keys.v[i].actor, &files, e)) {
			rc = -1;
			break;
		}
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		struct sync_member *m = &out->v[out->n++];
		memset(m, 0, sizeof *m);
		if (identity_key_parse(keys.v[i].public_key, pk))
			identity_fingerprint(pk, fp);
		m->person = xstrdup(keys.v[i].person);
		m->fingerprint = xstrdup(fp);
		m->revoked = xstrdup_or_null(keys.v[i].revoked);
		m->me = have_id == 0 && !strcmp(keys.v[i].actor, id.actor);
		m->files = (long)files;
		/* this machine knows only when it synced itself */
		m->last = m->me ? xstrdup_or_null(last) : NULL;
	}
	identity_release(&id);
	member_key_list_release(&keys);
	free(last);
	if (rc)
		sync_member_list_release(out);
	return rc;
}

int sync_member_remove(struct store *st, const char *person, const char *passphrase,
		       struct err *e)
{
	char pid[ID_LEN + 1], me[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	int n = 0;
	if (council_person_resolve(st, person, pid, e) || council_whoami(st, me, e))
		return -1;
	if (!strcmp(pid, me))
		return error(e, E_SYNC_REMOVE_SELF);
	clock_utc(now);
	if (store_begin(st, e))
		return -1;
	if (store_member_key_revoke(st, pid, now, &n, e)) {
		store_rollback(st);
		return -1;
	}
	if (n == 0) {
		store_rollback(st);
		return error(e, E_SYNC_NO_MACHINE, person);
	}
	if (rekey(st, passphrase, e)) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, e);
}

int sync_may_change_members(struct store *st, bool *may, struct err *e)
{
	char *dir = NULL;
	struct identity id;
	*may = true;
	if (store_local_get(st, SETTING_DIR, &dir, e))
		return -1;
	bool shared = dir != NULL;
	free(dir);
	if (!shared)
		return 0; /* a council of one machine: its owner's to change */
	int rc = identity_load(st, &id, e);
	if (rc)
		return rc < 0 ? -1 : (*may = false, 0);
	rc = policy_power(st, id.pk, id.actor, may, e);
	identity_release(&id);
	return rc;
}

int sync_guard_refresh(struct store *st, struct err *e)
{
	char *dir = NULL;
	if (store_local_get(st, SETTING_DIR, &dir, e))
		return -1;
	bool shared = dir != NULL;
	free(dir);
	if (!shared)
		return 0; /* nothing captured: the guard does not look */
	struct member_key k = { 0 };
	unsigned char pk[IDENTITY_PK_LEN];
	bool power = false;
	int rc = store_member_key_by_actor(st, store_actor(st), &k, e);
	if (rc < 0)
		return -1;
	bool mine = rc == 0 && !k.revoked && identity_key_parse(k.public_key, pk);
	if (mine && policy_power(st, pk, k.actor, &power, e))
		rc = -1;
	else
		rc = replica_guard_set(st, power, mine ? k.person_id : NULL, e);
	member_key_release(&k);
	return rc;
}

bool sync_may_write_minutes(struct store *st)
{
	return replica_guard_power(st);
}

int sync_council_fingerprint(struct store *st, char fp[IDENTITY_FP_SIZE], struct err *e)
{
	unsigned char pk[IDENTITY_PK_LEN];
	int rc = policy_founder(st, pk, e);
	if (rc == 0)
		identity_fingerprint(pk, fp);
	return rc;
}
