/* rekey: the council's keys in the folder (rekey.h, sync_passphrase). */
#include "sync/rekey.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#include "store/keys.h"
#include "sync/policy.h"
#include "sync/wraps.h"

/* The plain body of a REKEY file (docs/sync-format.md): its NUL included. */
static const char rekey_body[] = "rekey";

int rekey_write_keys(struct session *s, const char *passphrase, uint32_t generation)
{
	unsigned char *ext, *plain, wrap[BUNDLE_KEY_LEN];
	size_t ext_len, plain_len;
	long long seq;
	struct invite inv = { .epoch = keyring_current(&s->kr) };
	memcpy(inv.council, s->kr.council, sizeof inv.council);
	int frc = policy_founder(s->st, inv.founder, s->e);
	if (frc < 0)
		return -1;
	if (frc == 1)
		memcpy(inv.founder, s->id.pk, sizeof inv.founder); /* sharing: this machine founds it */
	keyring_request_key(keyring_key(&s->kr, inv.epoch), inv.epoch, inv.request_key);
	if (session_next_seq(s, &seq)) {
		sodium_memzero(&inv, sizeof inv);
		return -1;
	}
	keyring_wrap(&inv, passphrase, generation, &ext, &ext_len, &plain, &plain_len, wrap);
	sodium_memzero(&inv, sizeof inv);
	int rc = session_write(s, BUNDLE_KEYS, seq, keyring_current(&s->kr), ext, ext_len, plain, plain_len, wrap);
	sodium_memzero(wrap, sizeof wrap);
	sodium_memzero(plain, plain_len);
	free(plain);
	free(ext);
	if (!rc)
		rc = replica_file_add(s->st, s->id.actor, seq, "", 0, s->e);
	if (!rc) {
		char g[sizeof "4294967295"];
		snprintf(g, sizeof g, "%u", generation);
		rc = store_local_set(s->st, SETTING_GENERATION, g, s->e);
	}
	return rc;
}

/* The public keys of the member machines not revoked (*pks, caller frees). */
static int keys_kept(struct store *st, unsigned char (**pks)[IDENTITY_PK_LEN], size_t *n, struct err *e)
{
	struct member_key_list keys = { 0 };
	*pks = NULL;
	*n = 0;
	if (store_member_key_list(st, NULL, &keys, e))
		return -1;
	*pks = xcalloc(keys.n + 1, sizeof **pks);
	for (size_t i = 0; i < keys.n; i++)
		if (!keys.v[i].revoked && identity_key_parse(keys.v[i].public_key, (*pks)[*n]))
			(*n)++;
	member_key_list_release(&keys);
	return 0;
}

/* The generation of the newest passphrase wrap this machine wrote. */
static int generation(struct store *st, uint32_t *out, struct err *e)
{
	char *gen = NULL;
	if (store_local_get(st, SETTING_GENERATION, &gen, e))
		return -1;
	*out = gen ? (uint32_t)strtoul(gen, NULL, 10) : 1;
	free(gen);
	return 0;
}

/*
 * Has the council had this passphrase (0 if not)? A member who left may
 * know any passphrase of before, so none is used again. *gen becomes at
 * least the newest generation of the folder, so that the new wrap is
 * newer than every one there.
 */
static int not_had(struct session *s, const char *passphrase, uint32_t *gen)
{
	struct invite k = { 0 };
	struct err fe;
	uint32_t newest = 0;
	int rc = wraps_open(s->dir, passphrase, NULL, &k, NULL, &fe);
	sodium_memzero(&k, sizeof k);
	if (rc == 0 || fe.code == E_SYNC_WRAP_OLD)
		return error(s->e, E_PASSPHRASE_REUSED);
	/* the members' wraps alone count: a generation planted by someone
	 * else could be the largest there is */
	if (wraps_newest(s->dir, s->st, &newest, s->e))
		return -1;
	if (newest > *gen)
		*gen = newest;
	if (*gen == UINT32_MAX)
		return error(s->e, E_SYNC_KEYRING_FULL, KEYRING_MAX);
	return 0;
}

int rekey(struct store *st, const char *passphrase, struct err *e)
{
	struct session s;
	struct sync_summary out = { 0 };
	if (session_open(&s, st, NULL, &out, e))
		return -1;
	unsigned char (*pks)[IDENTITY_PK_LEN] = NULL, key[BUNDLE_KEY_LEN];
	size_t n = 0;
	uint32_t epoch = keyring_current(&s.kr) + 1, gen = 0;
	long long seq;
	int rc = 0;
	bool power = false;
	if (policy_power(st, s.id.pk, s.id.actor, &power, e)) {
		session_release(&s);
		return -1;
	}
	if (!power)
		rc = error(e, E_NO_POWER);
	else if (s.kr.n == KEYRING_MAX)
		rc = error(e, E_SYNC_KEYRING_FULL, KEYRING_MAX);
	if (!rc)
		rc = keys_kept(st, &pks, &n, e) || session_next_seq(&s, &seq) || generation(st, &gen, e) ? -1 : 0;
	if (!rc)
		rc = not_had(&s, passphrase, &gen);
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	if (!rc) {
		unsigned char *ext;
		size_t ext_len;
		keyring_seal(key, (const unsigned char(*)[IDENTITY_PK_LEN])pks, n, &ext, &ext_len);
		rc = session_write(&s, BUNDLE_REKEY, seq, epoch, ext, ext_len, (const unsigned char *)rekey_body,
				   sizeof rekey_body, key);
		free(ext);
	}
	if (!rc)
		rc = replica_file_add(st, s.id.actor, seq, "", 0, e);
	if (!rc)
		rc = keyring_add(&s.kr, epoch, key); /* room: checked above */
	if (!rc)
		rc = rekey_write_keys(&s, passphrase, gen + 1);
	if (!rc)
		rc = keyring_save(st, &s.kr, e);
	sodium_memzero(key, sizeof key);
	free(pks);
	session_release(&s);
	sync_summary_release(&out);
	return rc;
}

int sync_passphrase(struct store *st, const char *passphrase, struct err *e)
{
	if (store_begin(st, e))
		return -1;
	if (rekey(st, passphrase, e)) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, e);
}
