/* admit: requests to join, admissions, and a newcomer taking its keys (admit.h). */
#include "sync/admit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/council.h"
#include "store/keys.h"
#include "sync/export.h"
#include "sync/policy.h"

/* The plain body of an ADMIT file: its NUL included. */
static const char admit_body[] = "admit";

int admit_request_write(struct session *s, const struct invite *inv, const char *name)
{
	long long seq;
	if (session_next_seq(s, &seq))
		return -1;
	if (session_write(s, BUNDLE_REQUEST, seq, inv->epoch, NULL, 0, (const unsigned char *)name, strlen(name),
			  inv->request_key))
		return -1;
	return replica_file_add(s->st, s->id.actor, seq, "", 0, s->e);
}

bool admit_name_ok(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len > REQUEST_NAME_MAX || !text_valid(name))
		return false;
	for (const char *p = name; *p;) {
		unsigned cp;
		p += utf8_decode(p, &cp);
		/* no control character, and none that turns text around on a
		 * terminal (bidirectional overrides and isolates) */
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfffd)
			return false;
	}
	return true;
}

/* A claimed name a member can be shown. */
static bool name_ok(const unsigned char *p, size_t len)
{
	if (len == 0 || len > REQUEST_NAME_MAX || memchr(p, '\0', len))
		return false;
	char name[REQUEST_NAME_MAX + 1];
	memcpy(name, p, len);
	name[len] = '\0';
	return admit_name_ok(name);
}

int admit_request_take(struct session *s, const struct bundle *b, enum err_code *code)
{
	char hex[2 * IDENTITY_PK_LEN + 1], why[BUNDLE_WHY];
	struct member_key k = { 0 };
	identity_key_hex(b->writer_pk, hex);
	int rc = store_member_key_find(s->st, hex, &k, s->e);
	member_key_release(&k);
	if (rc <= 0)
		return rc; /* a member's machine asked before it was admitted */
	/* only with the passphrase of now: a removal changes the epoch */
	const unsigned char *key = keyring_key(&s->kr, b->epoch);
	if (!key || b->epoch != keyring_current(&s->kr)) {
		*code = E_SYNC_OLD_REQUEST;
		return 1;
	}
	unsigned char rkey[BUNDLE_KEY_LEN], *plain = NULL;
	size_t len = 0;
	keyring_request_key(key, b->epoch, rkey);
	int orc = bundle_open(b, rkey, &plain, &len, why);
	sodium_memzero(rkey, sizeof rkey);
	if (orc || !name_ok(plain, len)) {
		free(plain);
		*code = orc ? E_SYNC_UNDECRYPTABLE : E_SYNC_CONTENT;
		return 1;
	}
	char *key_name = xasprintf(SETTING_REQUEST "%s", b->writer);
	char *value = xasprintf("%u %s %.*s", b->epoch, hex, (int)len, (const char *)plain);
	rc = store_local_set(s->st, key_name, value, s->e);
	free(key_name);
	free(value);
	free(plain);
	return rc;
}

int admit_keys_find(struct session *s, size_t skip, bool *found)
{
	struct entry *ents;
	size_t n;
	*found = false;
	if (folder_entries(s->dir, &ents, &n, s->e))
		return -1;
	for (size_t i = 0; i < n && !*found; i++) {
		if (!strcmp(ents[i].writer, s->id.actor))
			continue;
		char *path = xasprintf("%s/%s", s->dir, ents[i].name), why[BUNDLE_WHY];
		struct strbuf buf = { 0 };
		struct bundle b;
		struct keyring kr;
		bool opens = folder_file_read(path, &buf, NULL) == 0 &&
			     bundle_parse((const unsigned char *)buf.buf, buf.len, &b, why) == 0 && b.kind == BUNDLE_ADMIT &&
			     !memcmp(b.council, s->kr.council, BUNDLE_COUNCIL_LEN) && bundle_verify(&b) &&
			     keyring_unseal_all(&b, &s->id, &kr) == 0;
		/* the ones tried before (an admission that did not hold) passed over */
		if (opens && skip > 0) {
			skip--;
			keyring_release(&kr);
		} else if (opens) {
			keyring_release(&s->kr);
			s->kr = kr;
			keyring_release(&kr);
			s->keys_changed = true;
			*found = true;
		}
		sb_release(&buf);
		free(path);
	}
	entries_free(ents, n);
	return 0;
}

int admit_settle(struct session *s, bool *admitted)
{
	char hex[2 * IDENTITY_PK_LEN + 1];
	struct member_key k = { 0 };
	identity_key_hex(s->id.pk, hex);
	int rc = store_member_key_find(s->st, hex, &k, s->e);
	*admitted = rc == 0 && !k.revoked && !strcmp(k.actor, s->id.actor);
	if (rc < 0 || !*admitted) {
		member_key_release(&k);
		return rc < 0 ? -1 : 0;
	}
	rc = identity_adopt(s->st, &s->id, k.person_id, s->e) || council_whoami_set(s->st, k.person_id, s->e) ||
			     store_local_delete(s->st, SETTING_ASKED, s->e)
		     ? -1
		     : 0;
	member_key_release(&k);
	return rc;
}

/* ---- the requests a member sees, and admitting one ---- */

int admit_request_note(struct session *s, const char *actor)
{
	struct sync_request_list l = { 0 };
	if (sync_requests_of(s->st, keyring_current(&s->kr), &l, s->e))
		return -1;
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.v[i].actor, actor))
			session_note(s, _("%s asks to join the council (fingerprint %s): compare it with theirs, then run gavel members admit \"%s\""),
				     l.v[i].name, l.v[i].fingerprint, l.v[i].fingerprint);
	sync_request_list_release(&l);
	return 0;
}

void sync_request_list_release(struct sync_request_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].actor);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* A remembered request ("EPOCH KEY NAME") into r; false if malformed. */
static bool request_parse(const char *actor, const char *value, struct sync_request *r)
{
	unsigned epoch;
	char hex[2 * IDENTITY_PK_LEN + 1];
	int used = 0;
	if (sscanf(value, "%u %64s %n", &epoch, hex, &used) != 2 || !used || !identity_key_parse(hex, r->pk))
		return false;
	r->epoch = epoch;
	r->name = xstrdup(value + used);
	r->actor = xstrdup(actor);
	identity_fingerprint(r->pk, r->fingerprint);
	return true;
}

int sync_requests(struct store *st, struct sync_request_list *out, struct err *e)
{
	struct keyring kr;
	int krc = keyring_load(st, &kr, e);
	if (krc < 0)
		return -1;
	uint32_t current = krc == 0 ? keyring_current(&kr) : 0;
	keyring_release(&kr);
	return sync_requests_of(st, current, out, e);
}

int sync_requests_of(struct store *st, uint32_t current, struct sync_request_list *out, struct err *e)
{
	struct strvec keys = { 0 }, values = { 0 };
	if (store_local_prefix(st, SETTING_REQUEST, &keys, &values, e))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < keys.n && !rc; i++) {
		struct sync_request r = { 0 };
		if (!request_parse(keys.v[i] + strlen(SETTING_REQUEST), values.v[i], &r))
			continue;
		char hex[2 * IDENTITY_PK_LEN + 1];
		struct member_key k = { 0 };
		identity_key_hex(r.pk, hex);
		int found = store_member_key_find(st, hex, &k, e);
		member_key_release(&k);
		/* admitted since, or asked with a passphrase of before */
		if (found < 0)
			rc = -1;
		if (found != 1 || r.epoch != current) {
			free(r.name);
			free(r.actor);
			continue;
		}
		/* a name that already has a machine: a new one of theirs, or
		 * someone else using it; the members are told */
		char pid[ID_LEN + 1];
		int p = store_person_find(st, r.name, pid, e);
		struct member_key_list ks = { 0 };
		if (p == 0 && store_member_key_list(st, pid, &ks, e))
			p = -1;
		for (size_t j = 0; j < ks.n; j++)
			r.machines += !ks.v[j].revoked;
		member_key_list_release(&ks);
		if (p < 0) {
			rc = -1;
			free(r.name);
			free(r.actor);
			continue;
		}
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = r;
	}
	strvec_release(&keys);
	strvec_release(&values);
	if (rc)
		sync_request_list_release(out);
	return rc;
}

/* Does what a member typed name this request: its name (in any case) or
 * its fingerprint, spaces or not, from its start? */
static bool request_matches(const struct sync_request *r, const char *who)
{
	char *a = text_fold(r->name), *b = text_fold(who);
	bool same = !strcmp(a, b);
	free(a);
	free(b);
	if (same)
		return true;
	/* eight digits at least, so that a name is not taken for one */
	return strspn(who, "0123456789abcdef ") == strlen(who) && identity_fingerprint_begins(r->fingerprint, who, 8);
}

/* The admission itself, in the caller's transaction. */
static int admit_in_tx(struct session *s, const struct sync_request *r, const char *person, char **admitted_as)
{
	char pid[ID_LEN + 1], hex[2 * IDENTITY_PK_LEN + 1];
	int rc = store_person_find(s->st, person, pid, s->e);
	if (rc < 0)
		return -1;
	if (rc == 1 && council_person_add(s->st, person, NULL, NULL, pid, s->e))
		return -1;
	struct person p = { 0 };
	if (store_person_get(s->st, pid, &p, s->e) != 0) {
		person_release(&p);
		return -1;
	}
	*admitted_as = xstrdup(p.name);
	person_release(&p);
	identity_key_hex(r->pk, hex);
	/* the key's record first, then the keys: a newcomer that reads the
	 * keys finds itself recorded */
	if (store_member_key_add(s->st, pid, hex, r->actor, NULL, s->e) || export_changes(s))
		return -1;
	unsigned char *ext;
	size_t ext_len;
	long long seq;
	uint32_t epoch = keyring_current(&s->kr);
	if (session_next_seq(s, &seq))
		return -1;
	keyring_seal_all(&s->kr, r->pk, &ext, &ext_len);
	rc = session_write(s, BUNDLE_ADMIT, seq, epoch, ext, ext_len, (const unsigned char *)admit_body,
			   sizeof admit_body, keyring_key(&s->kr, epoch));
	sodium_memzero(ext, ext_len);
	free(ext);
	if (rc || replica_file_add(s->st, s->id.actor, seq, "", 0, s->e))
		return -1;
	char *key = xasprintf(SETTING_REQUEST "%s", r->actor);
	rc = store_local_delete(s->st, key, s->e);
	free(key);
	return rc;
}

int sync_admit(struct store *st, const char *dir, const char *who, const char *as, char **admitted_as,
	       struct err *e)
{
	struct sync_request_list l = { 0 };
	struct sync_summary out = { 0 };
	struct session s;
	bool power = false;
	*admitted_as = NULL;
	if (session_open(&s, st, dir, &out, e))
		return -1;
	int rc = policy_power(st, s.id.pk, s.id.actor, &power, e) ? -1 : power ? 0 : error(e, E_NO_POWER);
	if (!rc)
		rc = sync_requests(st, &l, e);
	const struct sync_request *r = NULL;
	for (size_t i = 0; i < l.n && !rc; i++) {
		if (!request_matches(&l.v[i], who))
			continue;
		if (r)
			rc = error(e, E_SYNC_REQUEST_AMBIGUOUS, who);
		r = &l.v[i];
	}
	if (!rc && !r)
		rc = error(e, E_SYNC_NO_REQUEST, who);
	if (!rc && store_begin(st, e))
		rc = -1;
	else if (!rc) {
		rc = admit_in_tx(&s, r, as ? as : r->name, admitted_as);
		if (rc)
			store_rollback(st);
		else
			rc = store_commit(st, e);
	}
	if (rc) {
		free(*admitted_as);
		*admitted_as = NULL;
	}
	sync_request_list_release(&l);
	session_release(&s);
	sync_summary_release(&out);
	return rc;
}

int sync_waiting(struct store *st, bool *waiting, char fp[IDENTITY_FP_SIZE], struct err *e)
{
	struct identity id;
	*waiting = false;
	fp[0] = '\0';
	int rc = identity_load(st, &id, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		*waiting = id.pending;
		identity_fingerprint(id.pk, fp);
		identity_release(&id);
	}
	return 0;
}
