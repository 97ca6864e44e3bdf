/*
 * import: reading the other members' files and applying them (import.h).
 *
 * A file goes through the checks one by one: its name against its header,
 * the council, the writer's signature (before anything is decrypted), the
 * council key of its epoch (a REKEY file brings a new one, sealed to this
 * machine), the writer's schema, and that the writer is a member. Then it
 * waits until its writer's earlier files and everything in its frontier
 * are applied, and merges (sync/merge.c).
 */
#include "sync/import.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "store/keys.h"
#include "sync/admit.h"
#include "sync/members.h"
#include "sync/merge.h"
#include "sync/policy.h"

/* A file read, checked as far as its frame, and waiting to be applied. */
struct pending {
	struct entry *en;
	struct strbuf buf; /* the file's bytes, while they are needed */
	struct bundle b;   /* its frame: b's pointers into buf only while buf is held */
	struct batch batch;
	bool decoded, done, stuck;
};

/* What has been applied of a writer's files. */
struct upto {
	char writer[ID_LEN + 1];
	long long seq;
};

/* A member heard from, with the changes applied of theirs. */
struct heard {
	char *who;
	long changes;
};

struct import {
	struct session *s;
	struct pending *p;
	size_t np;
	struct upto *upto; /* cached: asked of the database once a writer */
	size_t nupto, upto_alloc;
	struct heard *heard;
	size_t nheard, heard_alloc;
	struct strvec asked; /* the writers of the requests to join taken */
};

/* A file skipped, with the reason: a note, and counted as refused. */
static void skip(struct session *s, const char *name, const char *why)
{
	char *n = folder_skip_note(name, why);
	strvec_push(&s->out->notes, n);
	free(n);
	s->out->refused++;
}

static void skip_code(struct session *s, const char *name, enum err_code code)
{
	char why[BUNDLE_WHY];
	bundle_why(why, -1, code);
	skip(s, name, why);
}

/* The highest number applied without a gap of the writer's files. */
static int applied_upto(struct import *im, const char *writer, long long *seq)
{
	for (size_t i = 0; i < im->nupto; i++) {
		if (!strcmp(im->upto[i].writer, writer)) {
			*seq = im->upto[i].seq;
			return 0;
		}
	}
	if (replica_applied_upto(im->s->st, writer, seq, im->s->e))
		return -1;
	ALLOC_GROW(im->upto, im->nupto + 1, im->upto_alloc);
	snprintf(im->upto[im->nupto].writer, sizeof im->upto[0].writer, "%s", writer);
	im->upto[im->nupto++].seq = *seq;
	return 0;
}

/* A file of the writer was applied: its run may have moved on. */
static int applied(struct import *im, const char *writer)
{
	for (size_t i = 0; i < im->nupto; i++)
		if (!strcmp(im->upto[i].writer, writer))
			return replica_applied_upto(im->s->st, writer, &im->upto[i].seq, im->s->e);
	return 0;
}

/* Is everything the file builds on applied (*ready)? */
static int past_applied(struct import *im, const struct pending *q, bool *ready)
{
	long long upto;
	*ready = false;
	if (q->b.seq > 1) {
		/* a writer's files apply in their order */
		if (applied_upto(im, q->b.writer, &upto))
			return -1;
		if (upto < (long long)q->b.seq - 1)
			return 0;
	}
	/* everything the writer had seen must be here first */
	for (size_t k = 0; k < q->batch.nfront; k++) {
		if (applied_upto(im, q->batch.front[k].writer, &upto))
			return -1;
		if (upto < q->batch.front[k].seq)
			return 0;
	}
	*ready = true;
	return 0;
}

/*
 * Is the writer of a file a member (*known)? Its key is a member's with
 * its actor id, or the file introduces the key itself (a member who just
 * joined with the passphrase, which the council key proves).
 */
static int writer_known(struct store *st, const struct bundle *b, const struct batch *batch, bool *known,
			bool *cut, struct err *e)
{
	char hex[2 * IDENTITY_PK_LEN + 1];
	struct member_key k = { 0 };
	identity_key_hex(b->writer_pk, hex);
	int rc = store_member_key_find(st, hex, &k, e);
	*known = rc == 0 && !strcmp(k.actor, b->writer);
	/* a removed machine's files after the removal's cut-off: refused on
	 * every copy, whatever order they come in */
	*cut = *known && k.revoked && k.cutoff >= 0 && (long long)b->seq > k.cutoff;
	if (*cut)
		*known = false;
	member_key_release(&k);
	if (rc < 0)
		return -1;
	if (*known || *cut || rc != 1 || !batch)
		return 0;
	for (size_t i = 0; i < batch->n && !*known; i++) {
		const struct change *c = &batch->v[i];
		if (strcmp(c->tbl, "member_key") || c->op != CHANGE_UPSERT)
			continue;
		bool key = false, actor = false;
		for (int j = 0; j < c->ncols; j++) {
			if (c->vals[j].type != RV_TEXT)
				continue;
			if (!strcmp(c->cols[j], "public_key") && !strcmp(c->vals[j].s, hex))
				key = true;
			if (!strcmp(c->cols[j], "actor") && !strcmp(c->vals[j].s, b->writer))
				actor = true;
		}
		*known = key && actor;
	}
	return 0;
}

/* Reads the files not yet applied and checks their frames: those that
 * pass wait in im->p. */
static int read_files(struct import *im)
{
	struct session *s = im->s;
	struct entry *ents = s->folder.v;
	for (size_t i = 0; i < s->folder.n; i++) {
		char *front = NULL;
		int have = replica_file_get(s->st, ents[i].writer, (long long)ents[i].seq, &front, s->e);
		free(front);
		if (have < 0)
			return -1;
		if (have == 0) {
			ents[i].done = true;
			continue;
		}
		assert(im->np < s->folder.n); /* a file of the folder waits at most once */
		struct pending *q = &im->p[im->np];
		char why[BUNDLE_WHY], *path = xasprintf("%s/%s", s->dir, ents[i].name);
		struct err fe;
		memset(q, 0, sizeof *q);
		q->en = &ents[i];
		int frc = folder_file_read(path, &q->buf, &fe);
		free(path);
		if (frc) {
			sb_release(&q->buf);
			skip(s, ents[i].base, fe.msg);
			if ((fe.code == E_SYNC_NOT_REGULAR || fe.code == E_SYNC_TOO_LARGE) &&
			    folder_refused(s->st, s->dir, &ents[i], s->e))
				return -1;
			continue;
		}
		const unsigned char *buf = (const unsigned char *)q->buf.buf;
		int prc = bundle_parse(buf, q->buf.len, &q->b, why);
		if (prc == 0 && (strcmp(q->b.writer, ents[i].writer) || q->b.seq != ents[i].seq))
			prc = bundle_why(why, -1, E_SYNC_NAME_MISMATCH);
		if (prc == 0 && memcmp(q->b.council, s->kr.council, BUNDLE_COUNCIL_LEN))
			prc = bundle_why(why, -1, E_SYNC_OTHER_COUNCIL);
		if (prc == 0 && !bundle_verify(&q->b))
			prc = bundle_why(why, -1, E_SYNC_FORGED);
		if (prc) {
			skip(s, ents[i].base, why);
			sb_release(&q->buf);
			/* all but a file still being copied and one of a newer gavel
			 * are refused for good, until the file changes */
			if (prc != BUNDLE_TRUNCATED && prc != BUNDLE_NEWER && folder_refused(s->st, s->dir, &ents[i], s->e))
				return -1;
			continue;
		}
		/* a batch of changes is read again when its turn comes, so that a
		 * sync holds one at a time, however many and large they are */
		if (q->b.kind == BUNDLE_CHANGES)
			sb_release(&q->buf);
		im->np++;
	}
	return 0;
}

/* Reads a file of changes again for its decoding: the same frame, its
 * signature checked again (the file may have changed since it was
 * listed). 1 when it did not hold (skipped, and stuck for this sync). */
static int reread(struct import *im, struct pending *q)
{
	struct session *s = im->s;
	char why[BUNDLE_WHY], *path = xasprintf("%s/%s", s->dir, q->en->name);
	struct err fe;
	struct bundle b;
	int frc = folder_file_read(path, &q->buf, &fe);
	free(path);
	if (frc) {
		skip(s, q->en->base, fe.msg);
		q->stuck = true;
		return 1;
	}
	int prc = bundle_parse((const unsigned char *)q->buf.buf, q->buf.len, &b, why);
	if (prc == 0 && (b.kind != q->b.kind || b.seq != q->b.seq || b.epoch != q->b.epoch ||
			 strcmp(b.writer, q->b.writer) || memcmp(b.writer_pk, q->b.writer_pk, sizeof b.writer_pk) ||
			 memcmp(b.council, q->b.council, BUNDLE_COUNCIL_LEN)))
		prc = bundle_why(why, -1, E_SYNC_NAME_MISMATCH);
	if (prc == 0 && !bundle_verify(&b))
		prc = bundle_why(why, -1, E_SYNC_FORGED);
	if (prc) {
		skip(s, q->en->base, why);
		sb_release(&q->buf);
		q->stuck = true;
		return 1;
	}
	q->b = b;
	return 0;
}

/* A removed machine's file after its cut-off: named, and recorded as read
 * with nothing of it, so that its later files are each named too and
 * whoever built on it goes on. */
static int cut_off(struct import *im, struct pending *q, bool *progress)
{
	struct session *s = im->s;
	skip_code(s, q->en->base, E_SYNC_AFTER_REMOVAL);
	if (replica_file_add(s->st, q->b.writer, (long long)q->b.seq, "", 0, s->e) || applied(im, q->b.writer))
		return -1;
	q->done = q->en->done = *progress = true;
	return 0;
}

/* A KEYS file: nothing to apply but that it was read. */
static int take_keys(struct import *im, struct pending *q, bool *progress)
{
	struct session *s = im->s;
	bool known, cut;
	if (writer_known(s->st, &q->b, NULL, &known, &cut, s->e))
		return -1;
	if (cut)
		return cut_off(im, q, progress);
	if (!known) {
		/* the founder's own first file comes before its key is recorded;
		 * anyone else's is a stranger's, refused for good */
		unsigned char founder[IDENTITY_PK_LEN];
		int frc = policy_founder(s->st, founder, s->e);
		if (frc < 0)
			return -1;
		if (q->b.seq != 1 || frc != 0 || memcmp(founder, q->b.writer_pk, IDENTITY_PK_LEN)) {
			skip_code(s, q->en->base, E_SYNC_STRANGER);
			q->stuck = true;
			return folder_refused(s->st, s->dir, q->en, s->e);
		}
	}
	if (replica_file_add(s->st, q->b.writer, (long long)q->b.seq, "", 0, s->e) || applied(im, q->b.writer))
		return -1;
	q->done = q->en->done = *progress = true;
	return 0;
}

/* A REKEY file brings a new council key, sealed to the machines that stay. */
static int take_new_key(struct import *im, struct pending *q)
{
	struct session *s = im->s;
	unsigned char key[BUNDLE_KEY_LEN];
	int urc = s->has_id ? keyring_unseal(&q->b, &s->id, key) : -1;
	if (urc != 0) {
		skip_code(s, q->en->base, E_SYNC_NOT_GIVEN_KEY);
		q->stuck = true;
		/* left out: this machine writes nothing more */
		return urc == 1 ? store_local_set(s->st, SETTING_REMOVED, q->en->base, s->e) : 0;
	}
	int added = keyring_add(&s->kr, q->b.epoch, key);
	sodium_memzero(key, sizeof key);
	if (added) {
		struct err why;
		error(&why, E_SYNC_KEYRING_FULL, KEYRING_MAX);
		skip(s, q->en->base, why.msg);
		q->stuck = true;
		return 0;
	}
	s->keys_changed = true;
	return 0;
}

/* Is the writer of a key change a member still, with the power over the
 * members (*ok), by the council's records before this file? Nothing of
 * the file is used before. */
static int key_changer(struct store *st, const struct bundle *b, bool *ok, struct err *e)
{
	return policy_power(st, b->writer_pk, b->writer, ok, e);
}

/*
 * Decrypts and decodes a file and checks its writer; q->stuck if it is
 * not to be applied. A key change is taken only from a member still in
 * the council, checked before its key is looked at, and only as the next
 * epoch: one further ahead waits for the ones between (*later).
 */
static int decode(struct import *im, struct pending *q, bool *later)
{
	struct session *s = im->s;
	char why[BUNDLE_WHY];
	*later = false;
	if (q->b.kind == BUNDLE_REKEY && !keyring_key(&s->kr, q->b.epoch)) {
		bool ok;
		if (key_changer(s->st, &q->b, &ok, s->e))
			return -1;
		if (!ok) {
			skip_code(s, q->en->base, E_SYNC_STRANGER);
			q->stuck = true;
			return folder_refused(s->st, s->dir, q->en, s->e);
		}
		if (q->b.epoch != keyring_current(&s->kr) + 1) {
			*later = q->b.epoch > keyring_current(&s->kr);
			if (!*later) {
				skip_code(s, q->en->base, E_SYNC_NO_EPOCH_KEY);
				q->stuck = true;
			}
			return 0;
		}
		if (take_new_key(im, q))
			return -1;
		if (q->stuck)
			return 0;
	}
	const unsigned char *key = keyring_key(&s->kr, q->b.epoch);
	unsigned char *plain = NULL;
	size_t len = 0;
	if (!key) {
		skip_code(s, q->en->base, E_SYNC_NO_EPOCH_KEY);
		q->stuck = true;
		return 0;
	}
	if (!q->buf.buf && reread(im, q))
		return 0;
	int bad = bundle_open(&q->b, key, &plain, &len, why) ||
		  (q->b.kind == BUNDLE_CHANGES && batch_decode(plain, len, &q->batch, why));
	free(plain);
	if (q->b.kind == BUNDLE_CHANGES) {
		/* decoded: its bytes are no longer needed */
		sb_release(&q->buf);
		q->b.ext = q->b.nonce = q->b.body = q->b.sig = NULL;
	}
	if (bad) {
		skip(s, q->en->base, why);
		q->stuck = true;
		return 0;
	}
	q->decoded = true;
	if (q->b.kind == BUNDLE_CHANGES && q->batch.schema > store_schema_version()) {
		skip_code(s, q->en->base, E_SYNC_SCHEMA_NEWER);
		q->stuck = true;
		return 0;
	}
	return 0;
}

/* Is the writer of a decoded file a member, now that everything the file
 * builds on is applied (an admission among it)? Refused for good if not. */
static int member_check(struct import *im, struct pending *q)
{
	struct session *s = im->s;
	bool known, cut;
	if (writer_known(s->st, &q->b, &q->batch, &known, &cut, s->e))
		return -1;
	if (known)
		return 0;
	if (cut) {
		bool progress;
		q->stuck = true; /* not applied: taken as read */
		return cut_off(im, q, &progress);
	}
	skip_code(s, q->en->base, E_SYNC_STRANGER);
	q->stuck = true;
	return folder_refused(s->st, s->dir, q->en, s->e);
}

/*
 * A request to join or an admission: nothing to merge. A request is
 * remembered for the members to see; an admission, whose keys are sealed
 * to the newcomer alone, is taken only from a member with the power (the
 * newcomer's own sync takes its keys before, sync/admit.h).
 */
static int take_join(struct import *im, struct pending *q, bool *progress)
{
	struct session *s = im->s;
	enum err_code code = E_OK;
	int rc = 0;
	if (q->b.kind == BUNDLE_REQUEST) {
		rc = admit_request_take(s, &q->b, &code);
		if (rc == 0)
			strvec_push(&im->asked, q->b.writer);
	} else {
		bool known, cut, power;
		rc = writer_known(s->st, &q->b, NULL, &known, &cut, s->e);
		if (!rc && !known) {
			/* not even a member's: refused for good, and not taken as
			 * read (nobody's later files wait for it) */
			skip_code(s, q->en->base, E_SYNC_STRANGER);
			q->stuck = true;
			return folder_refused(s->st, s->dir, q->en, s->e);
		}
		if (!rc)
			rc = policy_power(s->st, q->b.writer_pk, q->b.writer, &power, s->e);
		if (!rc && !power) {
			code = E_SYNC_ADMIT_STRANGER;
			rc = 1;
		}
	}
	if (rc < 0)
		return -1;
	if (rc == 1)
		skip_code(s, q->en->base, code);
	if (replica_file_add(s->st, q->b.writer, (long long)q->b.seq, "", 0, s->e) || applied(im, q->b.writer))
		return -1;
	q->done = q->en->done = *progress = true;
	return 0;
}

/* The changes of a member applied here, for the summary. */
static int heard_from(struct import *im, const char *writer, long changes)
{
	char *who;
	if (members_name(im->s->st, writer, &who, im->s->e))
		return -1;
	for (size_t i = 0; i < im->nheard; i++) {
		if (!strcmp(im->heard[i].who, who)) {
			im->heard[i].changes += changes;
			free(who);
			return 0;
		}
	}
	ALLOC_GROW(im->heard, im->nheard + 1, im->heard_alloc);
	im->heard[im->nheard++] = (struct heard){ who, changes };
	return 0;
}

/*
 * A file the database refused (a value against a constraint of the
 * schema) or the policy (policy.h): its changes undone, the file named
 * with its writer and the reason, and
 * recorded as applied with nothing of it, so that the writer's later
 * files and everyone who built on it go on. Every copy refuses it alike.
 */
static int refused(struct import *im, struct pending *q, const char *front, enum err_code code,
		   const char *reason, bool undo)
{
	struct session *s = im->s;
	char *who, *why = xstrdup(reason);
	if ((undo && store_part_undo(s->st, s->e)) || members_name(s->st, q->b.writer, &who, s->e)) {
		free(why);
		return -1;
	}
	struct err note;
	error(&note, code, who, why);
	skip(s, q->en->base, note.msg);
	free(who);
	free(why);
	int rc = replica_file_add(s->st, q->b.writer, (long long)q->b.seq, front, 0, s->e);
	if (rc || applied(im, q->b.writer))
		return -1;
	q->done = q->en->done = true;
	return 0;
}

/* Applies a file whose past is here, in a part of the sync of its own. */
static int apply(struct import *im, struct pending *q)
{
	struct session *s = im->s;
	struct merge_stats ms = { 0 };
	struct merge_file mf = { q->b.writer, (long long)q->b.seq, q->batch.front, q->batch.nfront };
	char *front = frontier_text(q->batch.front, q->batch.nfront);
	struct err against;
	int pol = policy_check(s->st, &q->b, &mf, &q->batch, &against, s->e);
	if (pol) {
		int rc = pol < 0 ? -1 : refused(im, q, front, E_SYNC_AGAINST_POLICY, against.msg, false);
		free(front);
		return rc;
	}
	if (store_part_begin(s->st, s->e)) {
		free(front);
		return -1;
	}
	int rc = merge_apply(s->st, &mf, &q->batch, &ms, s->e);
	if (rc && s->e->code == E_DB_REFUSED) {
		char *why = xstrdup(s->e->msg);
		rc = refused(im, q, front, E_SYNC_REFUSED_FILE, why, true);
		free(why);
		free(front);
		return rc;
	}
	if (!rc)
		rc = replica_file_add(s->st, q->b.writer, (long long)q->b.seq, front, ms.changes, s->e);
	if (!rc)
		rc = store_part_keep(s->st, s->e);
	free(front);
	if (rc || applied(im, q->b.writer))
		return -1;
	q->done = q->en->done = true;
	s->out->files++;
	batch_release(&q->batch); /* applied: the next file's turn */
	if (s->has_id && !strcmp(q->b.writer, s->id.actor))
		return 0; /* our own file, written before a crash */
	s->out->received += ms.changes;
	s->out->conflicts_new += ms.conflicts;
	return ms.changes ? heard_from(im, q->b.writer, ms.changes) : 0;
}

/* Applies whatever has its past applied, until nothing moves. */
static int apply_all(struct import *im)
{
	for (bool progress = true; progress;) {
		progress = false;
		for (size_t i = 0; i < im->np; i++) {
			struct pending *q = &im->p[i];
			bool ready;
			if (q->done || q->stuck)
				continue;
			/* the writer's earlier files first (the frontier is not
			 * known before the file is decoded) */
			if (past_applied(im, q, &ready))
				return -1;
			if (!ready)
				continue;
			if (q->b.kind == BUNDLE_KEYS) {
				if (take_keys(im, q, &progress))
					return -1;
				continue;
			}
			if (q->b.kind == BUNDLE_REQUEST || q->b.kind == BUNDLE_ADMIT) {
				if (take_join(im, q, &progress))
					return -1;
				continue;
			}
			bool later = false;
			if (!q->decoded && decode(im, q, &later))
				return -1;
			if (q->stuck || later)
				continue;
			if (past_applied(im, q, &ready))
				return -1;
			if (!ready)
				continue;
			if (member_check(im, q))
				return -1;
			if (q->stuck) {
				progress = progress || q->done; /* a file cut off is read */
				continue;
			}
			if (apply(im, q))
				return -1;
			progress = true;
		}
	}
	return 0;
}

/* The file a waiting file waits for (its writer's next, or one of its
 * frontier): into writer and *seq; false if it waits for nothing. */
static bool waits_for(struct import *im, const struct pending *q, char writer[ID_LEN + 1], long long *seq)
{
	long long upto;
	if (applied_upto(im, q->b.writer, &upto))
		return false;
	if ((long long)q->b.seq > upto + 1) {
		snprintf(writer, ID_LEN + 1, "%s", q->b.writer);
		*seq = upto + 1;
		return true;
	}
	for (size_t k = 0; k < q->batch.nfront; k++) {
		if (applied_upto(im, q->batch.front[k].writer, &upto))
			return false;
		if (upto < q->batch.front[k].seq) {
			snprintf(writer, ID_LEN + 1, "%s", q->batch.front[k].writer);
			*seq = upto + 1;
			return true;
		}
	}
	return false;
}

/*
 * Who has waited for which file since when: one line for each file that
 * others wait behind, missing from the folder or damaged there. Its writer
 * puts it back at its next sync (sync/repair.h); the time is this copy's
 * first sync that missed it.
 */
static int say_waiting(struct import *im)
{
	struct session *s = im->s;
	struct strvec keys = { 0 }, vals = { 0 }, now = { 0 };
	char when[CLOCK_UTC_SIZE];
	clock_utc(when);
	if (store_local_prefix(s->st, WAITING_FOR, &keys, &vals, s->e))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < im->np && !rc; i++) {
		const struct pending *q = &im->p[i];
		char writer[ID_LEN + 1];
		long long seq;
		if (q->done || q->stuck || !waits_for(im, q, writer, &seq))
			continue;
		char *key = xasprintf(WAITING_FOR "%s-%lld", writer, seq);
		bool said = false;
		for (size_t k = 0; k < now.n && !said; k++)
			said = !strcmp(now.v[k], key);
		if (said) {
			free(key);
			continue;
		}
		strvec_push(&now, key);
		const char *since = NULL;
		for (size_t k = 0; k < keys.n && !since; k++)
			if (!strcmp(keys.v[k], key))
				since = vals.v[k];
		char *who = NULL;
		rc = members_name(s->st, writer, &who, s->e);
		if (!rc && !since)
			rc = store_local_set(s->st, key, when, s->e);
		if (!rc)
			session_note(s, _("file %lld of %s's machine has been missing from the folder (or damaged) since %s: what came after it waits; their machine puts it back at its next sync"),
				     seq, who, since ? since : when);
		free(who);
		free(key);
	}
	/* the files no longer waited for are forgotten */
	for (size_t k = 0; k < keys.n && !rc; k++) {
		bool still = false;
		for (size_t j = 0; j < now.n && !still; j++)
			still = !strcmp(now.v[j], keys.v[k]);
		if (!still)
			rc = store_local_delete(s->st, keys.v[k], s->e);
	}
	strvec_release(&keys);
	strvec_release(&vals);
	strvec_release(&now);
	return rc;
}

/*
 * A removed machine's files after its cut-off that this copy had taken
 * before the removal reached it (they were concurrent with it): said once,
 * loudly, since the copies that had the removal first refuse them.
 */
static int taken_after_removal(struct session *s)
{
	struct member_key_list keys = { 0 };
	if (store_member_key_list(s->st, NULL, &keys, s->e))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < keys.n && !rc; i++) {
		const struct member_key *k = &keys.v[i];
		long long upto;
		if (!k->revoked || k->cutoff < 0)
			continue;
		rc = replica_applied_upto(s->st, k->actor, &upto, s->e);
		if (rc || upto <= k->cutoff)
			continue;
		char *key = xasprintf("sync_cutoff_noted/%s", k->actor), *noted = NULL;
		rc = store_local_get(s->st, key, &noted, s->e);
		if (!rc && !noted) {
			session_note(s, _("%s was removed after file %lld of their machine, but files up to %lld had come here first: the copies that had the removal first do not have them"),
				     k->person, k->cutoff, upto);
			rc = store_local_set(s->st, key, "1", s->e);
		}
		free(noted);
		free(key);
	}
	member_key_list_release(&keys);
	return rc;
}

int import_files(struct session *s)
{
	if (folder_read(s->st, s->dir, s->has_id ? s->id.actor : NULL, &s->folder, s->e))
		return -1;
	for (size_t i = 0; i < s->folder.notes.n; i++)
		strvec_push(&s->out->notes, s->folder.notes.v[i]);
	struct import im = { .s = s, .p = xcalloc(s->folder.n ? s->folder.n : 1, sizeof *im.p) };
	int rc = read_files(&im);
	if (!rc)
		rc = apply_all(&im);
	for (size_t i = 0; i < im.asked.n && !rc; i++)
		rc = admit_request_note(s, im.asked.v[i]);
	if (!rc)
		rc = taken_after_removal(s);
	strvec_release(&im.asked);
	for (size_t i = 0; i < im.np && !rc; i++) {
		if (!im.p[i].done && !im.p[i].stuck) {
			s->out->waiting++;
			session_note(s, _("waiting for earlier files before %s"), im.p[i].en->base);
		}
	}
	if (!rc)
		rc = say_waiting(&im);
	/* one line per member heard from, with their total */
	for (size_t i = 0; i < im.nheard; i++) {
		if (!rc) {
			char *line = xasprintf(_("%s: %ld changes"), im.heard[i].who, im.heard[i].changes);
			strvec_push(&s->out->from, line);
			free(line);
		}
		free(im.heard[i].who);
	}
	free(im.heard);
	free(im.upto);
	for (size_t i = 0; i < im.np; i++) {
		sb_release(&im.p[i].buf);
		batch_release(&im.p[i].batch);
	}
	free(im.p);
	return rc;
}
