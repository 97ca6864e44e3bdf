/*
 * sync: share, join and sync through the folder; conflicts and members.
 * See sync.h for the contract, merge.c for the merge, bundle.h for files.
 */
#include "sync/sync.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/council.h"
#include "core/identity.h"
#include "store/keys.h"
#include "sync/keyring.h"
#include "sync/layout.h"
#include "sync/merge.h"

void sync_summary_release(struct sync_summary *s)
{
	strvec_release(&s->from);
	strvec_release(&s->notes);
	memset(s, 0, sizeof *s);
}

/* ---- the folder ---- */

static int read_file(const char *path, unsigned char **out, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error(e, E_IO, path, strerror(errno));
	struct strbuf sb = { 0 };
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		sb_add(&sb, buf, n);
		if (sb.len > BUNDLE_MAX + 65536)
			break;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		sb_release(&sb);
		return error(e, E_IO, path, strerror(EIO));
	}
	*len = sb.len;
	*out = (unsigned char *)sb_detach(&sb);
	return 0;
}

/* Writes a file (rel: its path below dir, directories made as needed)
 * under a temporary name in its directory and renames it into place, so
 * that nobody ever sees half of it under its real name. */
static int write_file(const char *dir, const char *rel, const unsigned char *buf, size_t len, struct err *e)
{
	const char *name = layout_base(rel);
	char *path = xasprintf("%s/%s", dir, rel);
	/* the directory it goes in */
	char *sub = name > rel ? xasprintf("%s/%.*s", dir, (int)(name - rel - 1), rel) : xstrdup(dir);
	char *tmp = xasprintf("%s/.%s.tmp", sub, name);
	int rc = -1;
	struct stat sb;
	if (stat(path, &sb) == 0) {
		errorf(e, E_IO, _("%s: already exists; another copy of this database may be writing to the folder"), path);
		goto out;
	}
	if (layout_mkdirs(dir, rel)) {
		error(e, E_IO, sub, strerror(errno));
		goto out;
	}
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		error(e, E_IO, sub, strerror(errno));
		goto out;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, buf + off, len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	int err = off == len && fsync(fd) == 0 ? 0 : (errno ? errno : EIO);
	if (close(fd) && !err)
		err = errno;
	if (err || rename(tmp, path)) {
		error(e, E_IO, sub, strerror(err ? err : errno));
		unlink(tmp);
		goto out;
	}
	int dfd = open(sub, O_RDONLY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	free(path);
	free(sub);
	free(tmp);
	return rc;
}

static bool is_tool_copy(const char *name)
{
	return strstr(name, ".sync-conflict-") || strstr(name, "conflicted copy") ||
	       strstr(name, "Conflicted copy") || strstr(name, "(conflict");
}

struct entry {
	char writer[ID_LEN + 1];
	uint64_t seq;
	char *name;       /* the path below the folder */
	const char *base; /* the file's name, in name */
	size_t dir;       /* the directory it lies in (struct folder) */
	bool done;        /* applied, or found applied */
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->writer, y->writer);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every council file in the folder, by writer and number. */
static int list_dir(const char *dir, struct entry **out, size_t *n, struct err *e)
{
	struct strvec paths = { 0 };
	size_t alloc = 0;
	*out = NULL;
	*n = 0;
	if (layout_walk(dir, &paths))
		return errorf(e, E_IO, _("%s: cannot open the shared folder: %s (not mounted?); nothing changed"), dir,
			      strerror(errno));
	for (size_t i = 0; i < paths.n; i++) {
		struct entry en = { 0 };
		if (!bundle_name_parse(layout_base(paths.v[i]), en.writer, &en.seq))
			continue;
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			*out = xrealloc(*out, alloc * sizeof **out);
		}
		en.name = xstrdup(paths.v[i]);
		en.base = layout_base(en.name);
		(*out)[(*n)++] = en;
	}
	strvec_release(&paths);
	if (*n)
		qsort(*out, *n, sizeof **out, cmp_entry);
	return 0;
}

static void free_entries(struct entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/*
 * What a sync needs of the folder, from one reading of it: the files past
 * each writer's run of applied files (the only ones that may be news), a
 * few names to tell the folder is the council's, and the highest number of
 * this machine's files. A folder grows by a file a sync and is never
 * emptied, so a reading skips the files already applied by their names
 * alone, without asking the database about each.
 *
 * The folder holds a directory per writer and in it a directory per bucket
 * of a thousand files (sync/layout.h), besides the flat files of folders
 * made before. A directory whose time of last change is the one it had at
 * a listing that left nothing behind in it (no file waiting, refused or
 * copied by a tool) is not listed again: nothing came into it since, and
 * its subdirectories are the ones remembered then. That listing must have
 * come at least two seconds after the change, since a file written in the
 * same tick of the file system's clock would not move the time. So a sync
 * that brings one file lists one bucket, not the history. The times are
 * kept in the local settings, SEEN for the folder and SEEN/REL for each
 * directory below it, each with its path.
 */
#define SEEN "sync_folder_seen"

struct seen {
	char *rel;       /* "" the folder, WRITER, WRITER/BUCKET */
	int depth;       /* LAYOUT_TOP, ... */
	char *was;       /* its time of change at a clean listing, or NULL */
	char *now;       /* its time of change now, or NULL if too recent to remember */
	bool listed;     /* listed by this reading */
	bool left;       /* a file in it was left behind */
	bool gone;       /* no longer there */
};

struct folder {
	bool read;
	bool unchanged;       /* the folder itself not listed again */
	bool remembered;      /* a bucket not listed again */
	long listed;          /* directories listed */
	struct seen *dirs;    /* every directory of the folder, the folder first */
	size_t ndirs;
	struct strvec keys, vals; /* the times remembered */
	bool *used;           /* per key: its directory is still there */
	struct entry *v;      /* the files that may be news, by writer and number */
	size_t n, alloc;
	struct strvec sample; /* the first few council files' paths */
	size_t files;         /* council files listed */
	uint64_t mine;        /* the highest number of this machine's files */
	struct strvec notes;  /* copies made by sync tools */
};

static void folder_release(struct folder *f)
{
	for (size_t i = 0; i < f->ndirs; i++) {
		free(f->dirs[i].rel);
		free(f->dirs[i].was);
		free(f->dirs[i].now);
	}
	free(f->dirs);
	strvec_release(&f->keys);
	strvec_release(&f->vals);
	free(f->used);
	free_entries(f->v, f->n);
	strvec_release(&f->sample);
	strvec_release(&f->notes);
	memset(f, 0, sizeof *f);
}

static char *seen_key(const char *rel)
{
	return *rel ? xasprintf(SEEN "/%s", rel) : xstrdup(SEEN);
}

/* A directory to look at, with the time remembered for it. */
static void seen_add(struct folder *f, const char *rel, int depth)
{
	f->dirs = xrealloc(f->dirs, (f->ndirs + 1) * sizeof *f->dirs);
	struct seen *d = &f->dirs[f->ndirs++];
	char *key = seen_key(rel);
	memset(d, 0, sizeof *d);
	d->rel = xstrdup(rel);
	d->depth = depth;
	for (size_t k = 0; k < f->keys.n && !d->was; k++) {
		if (!strcmp(f->keys.v[k], key)) {
			d->was = xstrdup(f->vals.v[k]);
			f->used[k] = true;
		}
	}
	free(key);
}

/* The subdirectories remembered of an unchanged directory. */
static void seen_children(struct folder *f, size_t i)
{
	char *key = seen_key(f->dirs[i].rel), *rel = xstrdup(f->dirs[i].rel);
	size_t klen = strlen(key);
	int depth = f->dirs[i].depth;
	for (size_t k = 0; k < f->keys.n; k++) {
		const char *child = f->keys.v[k] + klen;
		if (strncmp(f->keys.v[k], key, klen) || child[0] != '/' || !child[1] || strchr(child + 1, '/'))
			continue;
		char *crel = *rel ? xasprintf("%s/%s", rel, child + 1) : xstrdup(child + 1);
		seen_add(f, crel, depth + 1);
		free(crel);
	}
	free(key);
	free(rel);
}

static int cmp_front_item(const void *a, const void *b)
{
	return strcmp(((const struct frontier_item *)a)->writer, ((const struct frontier_item *)b)->writer);
}

/* Takes the council files of a directory listed: those not yet applied. */
static void folder_take(struct folder *f, size_t di, const struct strvec *files, const struct batch *applied,
			const char *me)
{
	const char *rel = f->dirs[di].rel;
	for (size_t i = 0; i < files->n; i++) {
		const char *name = files->v[i];
		struct entry en = { 0 };
		if (!bundle_name_parse(name, en.writer, &en.seq)) {
			if (is_tool_copy(name) && strstr(name, ".gavel")) {
				char *n = xasprintf(_("skipped %s: a copy made by a sync tool"), name);
				strvec_push(&f->notes, n);
				free(n);
				f->dirs[di].left = true;
			}
			continue;
		}
		char *path = *rel ? xasprintf("%s/%s", rel, name) : xstrdup(name);
		f->files++;
		if (f->sample.n < 8)
			strvec_push(&f->sample, path);
		if (me && !strcmp(en.writer, me) && en.seq > f->mine)
			f->mine = en.seq;
		struct frontier_item key, *done;
		memcpy(key.writer, en.writer, sizeof key.writer);
		done = applied->nfront ? bsearch(&key, applied->front, applied->nfront, sizeof *applied->front,
						 cmp_front_item)
				       : NULL;
		if (done && (long long)en.seq <= done->seq) {
			free(path);
			continue;
		}
		if (f->n == f->alloc) {
			f->alloc = f->alloc ? 2 * f->alloc : 16;
			f->v = xrealloc(f->v, f->alloc * sizeof *f->v);
		}
		en.name = path;
		en.base = layout_base(path);
		en.dir = di;
		f->v[f->n++] = en;
	}
}

static int folder_read(struct store *st, const char *dir, const char *me, struct folder *f, struct err *e)
{
	char *front = NULL;
	if (f->read)
		return 0;
	if (store_local_prefix(st, SEEN, &f->keys, &f->vals, e))
		return -1;
	f->used = xcalloc(f->keys.n + 1, sizeof *f->used);
	/* each writer's run of applied files, to pass them over */
	struct batch applied = { 0 };
	if (replica_frontier(st, &front, e))
		return -1;
	batch_frontier_parse(&applied, front);
	free(front);
	if (applied.nfront)
		qsort(applied.front, applied.nfront, sizeof *applied.front, cmp_front_item);
	seen_add(f, "", LAYOUT_TOP);
	for (size_t i = 0; i < f->ndirs; i++) {
		struct seen *d = &f->dirs[i];
		struct stat sb;
		char *path = *d->rel ? xasprintf("%s/%s", dir, d->rel) : xstrdup(dir);
		if (stat(path, &sb) || !S_ISDIR(sb.st_mode)) {
			int err = errno;
			free(path);
			if (i == 0) {
				batch_release(&applied);
				return errorf(e, E_IO, _("%s: cannot open the shared folder: %s (not mounted?); nothing changed"),
					      dir, strerror(err));
			}
			d->gone = true;
			continue;
		}
		char *stamp = xasprintf("%lld.%09ld %s", (long long)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec, path);
		if (d->was && !strcmp(d->was, stamp)) {
			free(stamp);
			free(path);
			f->unchanged |= i == 0;
			f->remembered |= d->depth == LAYOUT_BUCKET_DIR;
			seen_children(f, i);
			continue;
		}
		if (clock_system() - sb.st_mtim.tv_sec >= 2)
			d->now = stamp;
		else
			free(stamp);
		struct strvec files = { 0 }, dirs = { 0 };
		int lrc = layout_list(path, d->depth, &files, &dirs), err = errno;
		free(path);
		d->listed = true;
		f->listed++;
		if (lrc && i == 0) {
			batch_release(&applied);
			return errorf(e, E_IO, _("%s: cannot open the shared folder: %s (not mounted?); nothing changed"), dir,
				      strerror(err));
		}
		d->left = lrc != 0; /* looked at again next time */
		folder_take(f, i, &files, &applied, me);
		for (size_t k = 0; k < dirs.n; k++) {
			/* seen_add moves f->dirs: d is not used past it */
			const char *rel = f->dirs[i].rel;
			char *crel = *rel ? xasprintf("%s/%s", rel, dirs.v[k]) : xstrdup(dirs.v[k]);
			seen_add(f, crel, f->dirs[i].depth + 1);
			free(crel);
		}
		strvec_release(&files);
		strvec_release(&dirs);
	}
	batch_release(&applied);
	if (f->n)
		qsort(f->v, f->n, sizeof *f->v, cmp_entry);
	f->read = true;
	return 0;
}

/* After a sync: the directories listed are remembered with their time of
 * change if nothing in them was left behind, else as to be listed again;
 * those no longer there are forgotten. */
static int folder_remember(struct store *st, struct folder *f, struct err *e)
{
	for (size_t i = 0; i < f->n; i++)
		if (!f->v[i].done)
			f->dirs[f->v[i].dir].left = true;
	for (size_t i = 0; i < f->ndirs; i++) {
		struct seen *d = &f->dirs[i];
		char *key = seen_key(d->rel);
		const char *v = d->now && !d->left ? d->now : "";
		int rc = 0;
		if (d->gone && d->was)
			rc = store_local_delete(st, key, e);
		else if (d->listed && (!d->was || strcmp(d->was, v)))
			rc = store_local_set(st, key, v, e);
		free(key);
		if (rc)
			return -1;
	}
	for (size_t k = 0; k < f->keys.n; k++)
		if (!f->used[k] && store_local_delete(st, f->keys.v[k], e))
			return -1;
	return 0;
}

/* ---- one sync ---- */

struct pending {
	struct entry *en;
	unsigned char *buf;
	size_t len;
	struct bundle b;
	struct batch batch;
	bool decoded, done, stuck;
};

static void note(struct sync_summary *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct sync_summary *s, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	strvec_push(&s->notes, sb.buf);
	sb_release(&sb);
}

static const char *person_name(struct store *st, const char *actor, char *buf, size_t size)
{
	struct member_key k = { 0 };
	struct err e;
	if (store_member_key_by_actor(st, actor, &k, &e) == 0)
		snprintf(buf, size, "%s", k.person);
	else
		snprintf(buf, size, "%.8s", actor);
	member_key_release(&k);
	return buf;
}

/* Is the writer of a file a member? Its key is a member's with its actor
 * id, or the file introduces the key itself (a member who just joined with
 * the passphrase, which the council key proves). */
static bool writer_known(struct store *st, const struct bundle *b, const struct batch *batch)
{
	char hex[2 * IDENTITY_PK_LEN + 1];
	struct member_key k = { 0 };
	struct err e;
	identity_key_hex(b->writer_pk, hex);
	int rc = store_member_key_find(st, hex, &k, &e);
	bool ok = rc == 0 && !strcmp(k.actor, b->writer);
	member_key_release(&k);
	if (ok || rc != 1 || !batch)
		return ok;
	for (size_t i = 0; i < batch->n; i++) {
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
		if (key && actor)
			return true;
	}
	return false;
}

/* What has been applied of each writer's files, cached during an import. */
struct upto {
	char writer[ID_LEN + 1];
	long long seq;
};

struct run;
static long long applied_upto(struct run *r, const char *writer);

struct run {
	struct store *st;
	const char *dir;
	struct identity *id; /* NULL when joining: nothing to write yet */
	struct keyring *kr;
	bool keys_changed;
	struct sync_summary *out;
	struct err *e;
	struct upto *upto;
	size_t nupto;
	struct folder folder; /* read once a sync */
};

static long long applied_upto(struct run *r, const char *writer)
{
	for (size_t i = 0; i < r->nupto; i++)
		if (!strcmp(r->upto[i].writer, writer))
			return r->upto[i].seq;
	long long seq = 0;
	struct err e;
	replica_applied_upto(r->st, writer, &seq, &e);
	r->upto = xrealloc(r->upto, (r->nupto + 1) * sizeof *r->upto);
	snprintf(r->upto[r->nupto].writer, sizeof r->upto[0].writer, "%s", writer);
	r->upto[r->nupto++].seq = seq;
	return seq;
}

/* A file of the writer was applied: its count may move on. */
static void applied(struct run *r, const char *writer)
{
	for (size_t i = 0; i < r->nupto; i++) {
		if (!strcmp(r->upto[i].writer, writer)) {
			struct err e;
			replica_applied_upto(r->st, writer, &r->upto[i].seq, &e);
		}
	}
}

/* Reads, checks and applies every file not yet applied, in causal order. */
static int import(struct run *r)
{
	struct strvec heard = { 0 };
	if (folder_read(r->st, r->dir, r->id ? r->id->actor : NULL, &r->folder, r->e))
		return -1;
	struct entry *ents = r->folder.v;
	size_t n = r->folder.n;
	for (size_t i = 0; i < r->folder.notes.n; i++)
		strvec_push(&r->out->notes, r->folder.notes.v[i]);
	struct pending *p = xcalloc(n ? n : 1, sizeof *p);
	size_t np = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char *front = NULL;
		int have = replica_file_get(r->st, ents[i].writer, (long long)ents[i].seq, &front, r->e);
		free(front);
		if (have < 0) {
			rc = -1;
			goto out;
		}
		if (have == 0) {
			ents[i].done = true;
			continue;
		}
		struct pending *q = &p[np];
		char why[BUNDLE_WHY], *path = xasprintf("%s/%s", r->dir, ents[i].name);
		q->en = &ents[i];
		struct err fe;
		if (read_file(path, &q->buf, &q->len, &fe)) {
			note(r->out, _("skipped %s: %s"), ents[i].base, fe.msg);
			free(path);
			r->out->refused++;
			continue;
		}
		free(path);
		int prc = bundle_parse(q->buf, q->len, &q->b, why);
		if (prc == 0 && (strcmp(q->b.writer, ents[i].writer) || q->b.seq != ents[i].seq))
			prc = -1, snprintf(why, sizeof why, "%s", _("its name does not match its content"));
		if (prc == 0 && memcmp(q->b.council, r->kr->council, BUNDLE_COUNCIL_LEN))
			prc = -1, snprintf(why, sizeof why, "%s", _("it belongs to another council"));
		if (prc == 0 && !bundle_verify(&q->b))
			prc = -1, snprintf(why, sizeof why, "%s", _("its signature does not verify (damaged or forged)"));
		if (prc) {
			note(r->out, _("skipped %s: %s"), ents[i].base, why);
			r->out->refused++;
			free(q->buf);
			continue;
		}
		np++;
	}
	/* apply whatever has its past applied, until nothing moves */
	for (bool progress = true; progress && !rc;) {
		progress = false;
		for (size_t i = 0; i < np && !rc; i++) {
			struct pending *q = &p[i];
			if (q->done || q->stuck)
				continue;
			if ((long long)q->b.seq > 1 && applied_upto(r, q->b.writer) < (long long)q->b.seq - 1)
				continue;
			char why[BUNDLE_WHY];
			if (q->b.kind == BUNDLE_KEYS) {
				if (!writer_known(r->st, &q->b, NULL) && q->b.seq != 1) {
					note(r->out, _("skipped %s: signed by a key that is not a member's"), q->en->base);
					r->out->refused++;
					q->stuck = true;
					continue;
				}
				rc = replica_file_add(r->st, q->b.writer, (long long)q->b.seq, "", 0, r->e);
				applied(r, q->b.writer);
				q->done = q->en->done = progress = true;
				continue;
			}
			if (!q->decoded) {
				if (q->b.kind == BUNDLE_REKEY && !keyring_key(r->kr, q->b.epoch)) {
					unsigned char key[BUNDLE_KEY_LEN];
					int urc = r->id ? keyring_unseal(&q->b, r->id, key) : -1;
					if (urc != 0) {
						note(r->out, _("%s: the council's key was changed and this machine was not given the new one (removed, or join again with the new passphrase)"),
						     q->en->base);
						q->stuck = true;
						r->out->refused++;
						/* left out: this machine writes nothing more */
						if (urc == 1 && store_local_set(r->st, "sync_removed", q->en->base, r->e)) {
							rc = -1;
							break;
						}
						continue;
					}
					keyring_add(r->kr, q->b.epoch, key);
					sodium_memzero(key, sizeof key);
					r->keys_changed = true;
				}
				const unsigned char *key = keyring_key(r->kr, q->b.epoch);
				unsigned char *plain = NULL;
				size_t len = 0;
				if (!key) {
					note(r->out, _("skipped %s: written with a council key this machine does not have (join again with the new passphrase)"),
					     q->en->base);
					q->stuck = true;
					r->out->refused++;
					continue;
				}
				if (bundle_open(&q->b, key, &plain, &len, why) ||
				    (q->b.kind == BUNDLE_CHANGES && batch_decode(plain, len, &q->batch, why))) {
					note(r->out, _("skipped %s: %s"), q->en->base, why);
					free(plain);
					q->stuck = true;
					r->out->refused++;
					continue;
				}
				free(plain);
				q->decoded = true;
				if (q->b.kind == BUNDLE_CHANGES && q->batch.schema > store_schema_version()) {
					note(r->out, _("skipped %s: written by a newer gavel; upgrade gavel to read it"), q->en->base);
					q->stuck = true;
					r->out->refused++;
					continue;
				}
				if (!writer_known(r->st, &q->b, &q->batch)) {
					note(r->out, _("skipped %s: signed by a key that is not a member's"), q->en->base);
					q->stuck = true;
					r->out->refused++;
					continue;
				}
			}
			/* everything the writer had seen must be here first */
			bool ready = true;
			for (size_t k = 0; k < q->batch.nfront && ready; k++)
				if (applied_upto(r, q->batch.front[k].writer) < q->batch.front[k].seq)
					ready = false;
			if (!ready)
				continue;
			struct merge_stats ms = { 0 };
			struct merge_file mf = { q->b.writer, (long long)q->b.seq, q->batch.front, q->batch.nfront };
			char *front = frontier_text(q->batch.front, q->batch.nfront);
			rc = merge_apply(r->st, &mf, &q->batch, &ms, r->e);
			if (!rc)
				rc = replica_file_add(r->st, q->b.writer, (long long)q->b.seq, front, ms.changes, r->e);
			free(front);
			if (rc)
				break;
			applied(r, q->b.writer);
			q->done = q->en->done = progress = true;
			r->out->files++;
			if (r->id && !strcmp(q->b.writer, r->id->actor))
				continue; /* our own file, written before a crash */
			r->out->received += ms.changes;
			r->out->conflicts_new += ms.conflicts;
			if (ms.changes) {
				char who[256];
				person_name(r->st, q->b.writer, who, sizeof who);
				char *line = xasprintf("%s: %ld", who, ms.changes);
				strvec_push(&heard, line);
				free(line);
			}
		}
	}
	for (size_t i = 0; i < np && !rc; i++) {
		if (!p[i].done && !p[i].stuck) {
			r->out->waiting++;
			note(r->out, _("waiting for earlier files before %s"), p[i].en->base);
		}
	}
	/* one line per member heard from, with their total */
	for (size_t i = 0; i < heard.n; i++) {
		char *colon = strrchr(heard.v[i], ':');
		long total = 0;
		*colon = '\0';
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			if (heard.v[k][0] && !strcmp(heard.v[k], heard.v[i]))
				seen = true;
		if (seen)
			continue;
		for (size_t k = i; k < heard.n; k++) {
			char *c2 = strrchr(heard.v[k], ':');
			if (k == i || (c2 && !strncmp(heard.v[k], heard.v[i], (size_t)(c2 - heard.v[k])) &&
				       heard.v[k][c2 - heard.v[k]] == ':'))
				total += atol((k == i ? colon : c2) + 1);
		}
		char *line = xasprintf(_("%s: %ld changes"), heard.v[i], total);
		strvec_push(&r->out->from, line);
		free(line);
	}
out:
	free(r->upto);
	r->upto = NULL;
	r->nupto = 0;
	for (size_t i = 0; i < np; i++) {
		free(p[i].buf);
		batch_release(&p[i].batch);
	}
	free(p);
	strvec_release(&heard);
	return rc;
}

/* The next number this machine writes: past every file of ours already in
 * the folder (one written just before a crash is read like any other). */
static int next_seq(struct run *r, long long *seq)
{
	long long last;
	if (replica_last_seq(r->st, r->id->actor, &last, r->e) ||
	    folder_read(r->st, r->dir, r->id->actor, &r->folder, r->e))
		return -1;
	if ((long long)r->folder.mine > last)
		last = (long long)r->folder.mine;
	*seq = last + 1;
	return 0;
}

static void make_header(struct run *r, struct bundle *b, int kind, long long seq, uint32_t epoch)
{
	memset(b, 0, sizeof *b);
	b->kind = kind;
	memcpy(b->council, r->kr->council, BUNDLE_COUNCIL_LEN);
	b->seq = (uint64_t)seq;
	b->epoch = epoch;
}

/* Writes this machine's changes since the last sync as one file. */
static int export(struct run *r)
{
	long long seq;
	struct batch batch = { 0 };
	char *front = NULL;
	if (next_seq(r, &seq) || replica_frontier(r->st, &front, r->e))
		return -1;
	int rc = merge_export(r->st, r->id->actor, seq, &batch, r->e);
	if (!rc && batch.n) {
		unsigned char *plain, *file;
		size_t plain_len, file_len;
		struct bundle b;
		char name[LAYOUT_PATH_MAX];
		batch.schema = store_schema_version();
		rc = replica_clock_now(r->st, &batch.clock, r->e);
		batch_frontier_parse(&batch, front);
		batch_encode(&batch, &plain, &plain_len);
		make_header(r, &b, BUNDLE_CHANGES, seq, keyring_current(r->kr));
		bundle_seal(&b, NULL, 0, plain, plain_len, keyring_key(r->kr, b.epoch), r->id, &file, &file_len);
		free(plain);
		layout_path(r->id->actor, (uint64_t)seq, name);
		if (!rc)
			rc = write_file(r->dir, name, file, file_len, r->e);
		free(file);
		if (!rc)
			rc = replica_file_add(r->st, r->id->actor, seq, front, (long long)batch.n, r->e);
		if (!rc)
			r->out->sent += (long)batch.n;
	}
	batch_release(&batch);
	free(front);
	return rc;
}

static int count_conflicts(struct store *st, long *n, struct err *e)
{
	struct sync_conflict_list l = { 0 };
	int rc = sync_conflicts(st, &l, e);
	*n = (long)l.n;
	sync_conflict_list_release(&l);
	return rc;
}

/* Does the folder hold files of this council? (An unmounted share, an
 * emptied folder or a wrong one does not, and is refused.) */
/* Is the file a council file of this council (by its header)? */
static bool file_is_ours(struct run *r, const char *name)
{
	char *path = xasprintf("%s/%s", r->dir, name);
	unsigned char head[BUNDLE_HEADER];
	bool ours = false;
	FILE *f = fopen(path, "rb");
	if (f) {
		ours = fread(head, 1, sizeof head, f) == sizeof head && !memcmp(head, BUNDLE_MAGIC, 8) &&
		       !memcmp(head + 12, r->kr->council, BUNDLE_COUNCIL_LEN);
		fclose(f);
	}
	free(path);
	return ours;
}

static int folder_is_ours(struct run *r, bool *ours)
{
	struct folder *f = &r->folder;
	*ours = false;
	if (folder_read(r->st, r->dir, r->id ? r->id->actor : NULL, f, r->e))
		return -1;
	if (f->unchanged) {
		*ours = true; /* as the reading that left it so found it */
		return 0;
	}
	for (size_t i = 0; i < f->sample.n && !*ours; i++)
		*ours = file_is_ours(r, f->sample.v[i]);
	/* a bucket unchanged since a reading that found the folder ours still
	 * holds the files it held then (taking one away changes its time) */
	if (!*ours && !f->sample.n && f->remembered)
		*ours = true;
	if (*ours || f->files <= f->sample.n)
		return 0;
	/* the first few were not: every file */
	struct entry *ents;
	size_t n;
	if (list_dir(r->dir, &ents, &n, r->e))
		return -1;
	for (size_t i = 0; i < n && !*ours; i++)
		*ours = file_is_ours(r, ents[i].name);
	free_entries(ents, n);
	return 0;
}

static int sync_folder(struct run *r, bool write)
{
	bool ours;
	struct stat sb;
	if (stat(r->dir, &sb) || !S_ISDIR(sb.st_mode))
		return errorf(r->e, E_IO, _("%s: the shared folder is not there (not mounted?); nothing changed"), r->dir);
	if (folder_is_ours(r, &ours))
		return -1;
	if (!ours)
		return errorf(r->e, E_IO,
			      _("%s holds none of this council's files (empty, not mounted, or another folder); nothing changed"),
			      r->dir);
	/* room for the pages a merge touches, given back afterwards */
	if (store_cache_mb(r->st, SYNC_CACHE_MB, r->e) || store_begin(r->st, r->e))
		return -1;
	int rc = 0;
	char *removed = NULL;
	if (write && store_local_get(r->st, "sync_removed", &removed, r->e) < 0)
		rc = -1;
	if (removed && *removed) {
		note(r->out, _("this machine was left out when the council's key was changed (%s): nothing of it is written to the folder any more"),
		     removed);
		write = false;
	}
	free(removed);
	if (write && !rc)
		rc = export(r);
	if (!rc)
		rc = replica_capture(r->st, false, r->e);
	if (!rc)
		rc = store_search_later(r->st, true, r->e);
	if (!rc)
		rc = import(r);
	if (!rc) {
		struct merge_stats ms = { 0 };
		rc = merge_finish(r->st, &ms, r->e);
	}
	if (!rc)
		rc = store_search_later(r->st, false, r->e);
	if (!rc)
		rc = replica_capture(r->st, true, r->e);
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	if (!rc)
		rc = store_local_set(r->st, "sync_last", now, r->e);
	if (!rc)
		rc = count_conflicts(r->st, &r->out->conflicts_open, r->e);
	/* a directory whose listing left nothing behind need not be listed
	 * again while it does not change (see struct folder) */
	if (!rc)
		rc = folder_remember(r->st, &r->folder, r->e);
	r->out->listed = r->folder.listed;
	if (rc) {
		store_rollback(r->st);
		store_cache_mb(r->st, 0, NULL);
		return -1;
	}
	rc = store_commit(r->st, r->e);
	store_cache_mb(r->st, 0, NULL);
	if (rc)
		return -1;
	if (r->keys_changed && keyring_save(r->st, r->kr, r->e))
		return -1;
	return 0;
}

static int run_sync(struct run *r, bool write)
{
	int rc = sync_folder(r, write);
	folder_release(&r->folder);
	return rc;
}

static int open_run(struct store *st, const char *dir, struct identity *id, struct keyring *kr,
		    struct run *r, char **dir_out, struct sync_summary *out, struct err *e)
{
	char *d = NULL;
	memset(r, 0, sizeof *r);
	if (!dir) {
		if (store_local_get(st, "sync_dir", &d, e))
			return -1;
		if (!d)
			return errorf(e, E_RULE, _("this council is not shared; use 'gavel council share DIR' or 'gavel join DIR'"));
	} else {
		d = xstrdup(dir);
	}
	int rc = identity_load(st, id, e);
	if (rc) {
		free(d);
		return rc < 0 ? -1 : errorf(e, E_RULE, _("this database has no member identity; use 'gavel join DIR --as PERSON'"));
	}
	rc = keyring_load(st, kr, e);
	if (rc) {
		free(d);
		identity_release(id);
		return rc < 0 ? -1 : errorf(e, E_RULE, _("this machine has no council key; use 'gavel join DIR' again"));
	}
	out->renewed = id->renewed;
	if (id->renewed) {
		char fp[IDENTITY_FP_SIZE];
		identity_fingerprint(id->pk, fp);
		note(out, _("this database is a copy of another: it now writes as a machine of its own (key %s)"), fp);
	}
	*r = (struct run){ .st = st, .dir = d, .id = id, .kr = kr, .out = out, .e = e };
	*dir_out = d;
	return 0;
}

int sync_run(struct store *st, const char *dir, struct sync_summary *out, struct err *e)
{
	struct identity id;
	struct keyring kr;
	struct run r;
	char *d;
	if (open_run(st, dir, &id, &kr, &r, &d, out, e))
		return -1;
	int rc = run_sync(&r, true);
	identity_release(&id);
	keyring_release(&kr);
	free(d);
	return rc;
}

/* ---- share and join ---- */

static int resolve_or_add(struct store *st, const char *person, char id[ID_LEN + 1], struct err *e)
{
	int rc = store_person_find(st, person, id, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return 0;
	return council_person_add(st, person, NULL, NULL, id, e);
}

static int write_keys_file(struct run *r, const char *passphrase, uint32_t generation, struct err *e)
{
	unsigned char *ext, *plain, *file, wrap[BUNDLE_KEY_LEN];
	size_t ext_len, plain_len, file_len;
	long long seq;
	struct bundle b;
	char name[LAYOUT_PATH_MAX];
	if (next_seq(r, &seq))
		return -1;
	keyring_wrap(r->kr, passphrase, generation, &ext, &ext_len, &plain, &plain_len, wrap);
	make_header(r, &b, BUNDLE_KEYS, seq, keyring_current(r->kr));
	bundle_seal(&b, ext, ext_len, plain, plain_len, wrap, r->id, &file, &file_len);
	sodium_memzero(wrap, sizeof wrap);
	sodium_memzero(plain, plain_len);
	free(plain);
	free(ext);
	layout_path(r->id->actor, (uint64_t)seq, name);
	int rc = write_file(r->dir, name, file, file_len, e);
	free(file);
	if (!rc)
		rc = replica_file_add(r->st, r->id->actor, seq, "", 0, e);
	if (!rc)
		rc = store_local_set(r->st, "keys_generation", generation == 1 ? "1" : "", e);
	if (!rc) {
		char g[16];
		snprintf(g, sizeof g, "%u", generation);
		rc = store_local_set(r->st, "keys_generation", g, e);
	}
	return rc;
}

/* Does dir hold council files (flat, or in writers' buckets)? */
static bool dir_has_council(const char *dir)
{
	struct entry *ents;
	size_t n;
	struct err e;
	if (list_dir(dir, &ents, &n, &e))
		return false;
	free_entries(ents, n);
	return n > 0;
}

int sync_share(struct store *st, const char *dir, const char *person, const char *passphrase,
	       struct sync_summary *out, struct err *e)
{
	char pid[ID_LEN + 1], *have = NULL, *real = NULL;
	struct identity id;
	struct keyring kr = { 0 };
	int rc = -1;
	if (store_local_get(st, "sync_dir", &have, e))
		return -1;
	if (have) {
		errorf(e, E_EXISTS, _("this council is already shared through %s"), have);
		free(have);
		return -1;
	}
	if (mkdir(dir, 0755) && errno != EEXIST)
		return error(e, E_IO, dir, strerror(errno));
	if (dir_has_council(dir))
		return errorf(e, E_EXISTS, _("%s already holds a shared council; use 'gavel join %s'"), dir, dir);
	real = realpath(dir, NULL);
	if (!real)
		return error(e, E_IO, dir, strerror(errno));
	if (store_begin(st, e)) {
		free(real);
		return -1;
	}
	if (resolve_or_add(st, person, pid, e) || identity_ensure(st, pid, &id, e))
		goto fail;
	randombytes_buf(kr.council, sizeof kr.council);
	unsigned char key[BUNDLE_KEY_LEN];
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	keyring_add(&kr, 1, key);
	sodium_memzero(key, sizeof key);
	struct run r = { .st = st, .dir = real, .id = &id, .kr = &kr, .keys_changed = true, .out = out, .e = e };
	int done = council_whoami_set(st, pid, e) || store_local_set(st, "sync_dir", real, e) ||
		   replica_capture(st, true, e) || replica_dirty_all(st, e) ||
		   write_keys_file(&r, passphrase, 1, e) || export(&r) || store_commit(st, e);
	folder_release(&r.folder);
	if (done)
		goto fail_id;
	rc = keyring_save(st, &kr, e);
	identity_release(&id);
	keyring_release(&kr);
	free(real);
	return rc;
fail_id:
	identity_release(&id);
fail:
	store_rollback(st);
	keyring_release(&kr);
	free(real);
	return -1;
}

/* The newest passphrase wrap in the folder opened with the passphrase. */
static int unlock_folder(const char *dir, const char *passphrase, struct keyring *kr, struct err *e)
{
	struct entry *ents;
	size_t n;
	if (list_dir(dir, &ents, &n, e))
		return -1;
	uint32_t best = 0;
	int rc = 1;
	char why[BUNDLE_WHY] = "";
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, ents[i].name);
		unsigned char *buf = NULL;
		size_t len;
		struct bundle b;
		struct err fe;
		if (read_file(path, &buf, &len, &fe) == 0 && bundle_parse(buf, len, &b, why) == 0 &&
		    b.kind == BUNDLE_KEYS && bundle_verify(&b) && keyring_generation(&b) > best) {
			struct keyring k;
			uint32_t gen;
			if (keyring_unwrap(&b, passphrase, &k, &gen, why) == 0) {
				keyring_release(kr);
				*kr = k;
				best = gen;
				rc = 0;
			} else {
				rc = rc == 1 ? 2 : rc;
			}
		}
		free(buf);
		free(path);
	}
	free_entries(ents, n);
	if (rc == 1)
		return errorf(e, E_IO, _("%s holds no shared council (nothing to join)"), dir);
	if (rc == 2)
		return errorf(e, E_RULE, _("wrong passphrase for the council in %s"), dir);
	return 0;
}

int sync_join(const char *db_path, const char *dir, const char *person, const char *passphrase,
	      struct store **out_st, struct sync_summary *out, struct err *e)
{
	struct keyring kr = { 0 };
	struct store *st = NULL;
	struct identity id;
	char *real = realpath(dir, NULL), pid[ID_LEN + 1], *name = NULL;
	struct stat sb;
	if (!real)
		return errorf(e, E_IO, _("%s: the shared folder is not there: %s"), dir, strerror(errno));
	if (stat(db_path, &sb) == 0) {
		if (store_open(db_path, false, e, &st))
			goto fail;
		int rc = store_council_get(st, &name, e);
		free(name);
		if (rc <= 0) {
			if (rc == 0)
				errorf(e, E_EXISTS, _("%s already holds a council; join into a new database (--db FILE)"), db_path);
			goto fail;
		}
	}
	if (unlock_folder(real, passphrase, &kr, e))
		goto fail;
	if (!st && store_open(db_path, true, e, &st))
		goto fail;
	if (keyring_save(st, &kr, e))
		goto fail;
	struct identity none;
	memset(&none, 0, sizeof none);
	struct run r = { .st = st, .dir = real, .kr = &kr, .out = out, .e = e };
	if (run_sync(&r, false))
		goto fail;
	if (store_council_get(st, &name, e) != 0) {
		free(name);
		errorf(e, E_IO, _("%s: no council could be read from the folder"), dir);
		goto fail;
	}
	free(name);
	if (store_begin(st, e))
		goto fail;
	if (store_local_set(st, "sync_dir", real, e) || replica_capture(st, true, e) ||
	    resolve_or_add(st, person, pid, e) || identity_ensure(st, pid, &id, e)) {
		store_rollback(st);
		goto fail;
	}
	identity_release(&id);
	if (council_whoami_set(st, pid, e) || store_commit(st, e))
		goto fail;
	/* the first file of this machine introduces its key */
	struct sync_summary more = { 0 };
	if (sync_run(st, real, &more, e)) {
		sync_summary_release(&more);
		goto fail;
	}
	out->sent += more.sent;
	sync_summary_release(&more);
	keyring_release(&kr);
	free(real);
	*out_st = st;
	return 0;
fail:
	keyring_release(&kr);
	free(real);
	store_close(st);
	return -1;
}

/* ---- status, conflicts, members ---- */

int sync_status(struct store *st, struct sync_status *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (store_local_get(st, "sync_dir", &out->dir, e) || store_local_get(st, "sync_last", &out->last, e))
		return -1;
	out->shared = out->dir != NULL;
	return out->shared ? count_conflicts(st, &out->conflicts, e) : 0;
}

void sync_status_release(struct sync_status *s)
{
	free(s->dir);
	free(s->last);
	memset(s, 0, sizeof *s);
}

void sync_conflict_list_release(struct sync_conflict_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct sync_conflict *c = &l->v[i];
		free(c->what);
		free(c->field);
		free(c->current);
		free(c->other);
		free(c->current_by);
		free(c->other_by);
		free(c->current_when);
		free(c->other_when);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static char *value_text(const struct rval *v)
{
	switch (v->type) {
	case RV_NULL:
		return NULL;
	case RV_INT:
		return xasprintf("%lld", v->i);
	case RV_REAL:
		return xasprintf("%g", v->d);
	case RV_TEXT:
		return xstrdup(v->s);
	}
	return NULL;
}

static char *hlc_time(long long hlc)
{
	time_t t = (time_t)((hlc >> HLC_SHIFT) / 1000);
	struct tm tm;
	char buf[32];
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

static char *row_words(struct store *st, const char *tbl, const char *row)
{
	const struct rtable *t = replica_table(st, tbl);
	struct err e;
	char *label = NULL;
	if (t) {
		struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
		if (replica_row_get(st, t, row, vals, &e) == 0) {
			static const char *const names[] = { "title", "name", "text", "short", "code" };
			for (size_t k = 0; k < ARRAY_SIZE(names) && !label; k++) {
				int c = replica_col(t, names[k]);
				if (c >= 0 && vals[c].type == RV_TEXT)
					label = xstrdup(vals[c].s);
			}
		}
		for (int c = 0; c < t->ncols; c++)
			rval_release(&vals[c]);
		free(vals);
	}
	char *w;
	if (label && strlen(label) > 40)
		label[40] = '\0';
	w = label ? xasprintf("%s %.8s (%s)", tbl, row, label) : xasprintf("%s %.8s", tbl, row);
	free(label);
	return w;
}

int sync_conflicts(struct store *st, struct sync_conflict_list *out, struct err *e)
{
	struct rconflict_list l = { 0 };
	const struct rtable *tables;
	size_t nt;
	if (replica_tables(st, &tables, &nt, e) || replica_conflicts(st, &l, e))
		return rconflict_list_release(&l), -1;
	for (size_t i = 0; i < l.n; i++) {
		struct rconflict *rc = &l.v[i];
		struct rval cur = { 0 }, oth = { 0 };
		bool del = !strcmp(rc->col, "-");
		if (!del) {
			if (replica_hist_get(st, rc->tbl, rc->row, rc->col, rc->cur.hlc, rc->cur.writer, &cur, e) < 0 ||
			    replica_hist_get(st, rc->tbl, rc->row, rc->col, rc->other.hlc, rc->other.writer, &oth, e) < 0 ||
			    merge_translate(st, rc->tbl, rc->col, &cur, e) || merge_translate(st, rc->tbl, rc->col, &oth, e))
				return rconflict_list_release(&l), -1;
			if (rval_equal(&cur, &oth)) {
				rval_release(&cur);
				rval_release(&oth);
				continue; /* the same value twice: nothing to choose */
			}
		}
		if (out->n == out->alloc) {
			out->alloc = out->alloc ? 2 * out->alloc : 16;
			out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
		}
		struct sync_conflict *c = &out->v[out->n++];
		memset(c, 0, sizeof *c);
		unsigned char h[8];
		char *key = xasprintf("%s/%s/%s/%lld/%s", rc->tbl, rc->row, rc->col, rc->other.hlc, rc->other.writer);
		crypto_generichash(h, sizeof h, (unsigned char *)key, strlen(key), NULL, 0);
		free(key);
		sodium_bin2hex(c->id, sizeof c->id, h, sizeof h);
		c->what = row_words(st, rc->tbl, rc->row);
		c->field = xstrdup(del ? "-" : rc->col);
		char who[256];
		if (del) {
			c->current = xstrdup(_("kept (changed on another machine)"));
			c->other = xstrdup(_("deleted"));
			c->current_by = xstrdup("");
			c->current_when = xstrdup("");
		} else {
			c->current = value_text(&cur);
			c->other = value_text(&oth);
			c->current_by = xstrdup(person_name(st, rc->cur.writer, who, sizeof who));
			c->current_when = hlc_time(rc->cur.hlc);
		}
		c->other_by = xstrdup(person_name(st, rc->other.writer, who, sizeof who));
		c->other_when = hlc_time(rc->other.hlc);
		rval_release(&cur);
		rval_release(&oth);
		/* keep the row and field to resolve by: in `field` order */
		free(c->field);
		c->field = xasprintf("%s", del ? "-" : rc->col);
		(void)tables;
	}
	rconflict_list_release(&l);
	return 0;
}

int sync_conflict_resolve(struct store *st, const char *id, const char *keep, struct err *e)
{
	struct rconflict_list l = { 0 };
	struct sync_conflict_list cl = { 0 };
	bool other;
	if (!strcmp(keep, "current") || !strcmp(keep, "mine") || !strcmp(keep, "kept"))
		other = false;
	else if (!strcmp(keep, "other") || !strcmp(keep, "theirs"))
		other = true;
	else
		return errorf(e, E_USAGE, _("keep 'current' or 'other', not %s"), keep);
	if (replica_conflicts(st, &l, e))
		return -1;
	int found = -1, matches = 0;
	size_t idlen = strlen(id);
	for (size_t i = 0; i < l.n; i++) {
		struct rconflict *rc = &l.v[i];
		unsigned char h[8];
		char hex[17];
		char *key = xasprintf("%s/%s/%s/%lld/%s", rc->tbl, rc->row, rc->col, rc->other.hlc, rc->other.writer);
		crypto_generichash(h, sizeof h, (unsigned char *)key, strlen(key), NULL, 0);
		free(key);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		if (idlen >= 4 && !strncmp(hex, id, idlen)) {
			found = (int)i;
			matches++;
		}
	}
	if (matches != 1) {
		rconflict_list_release(&l);
		return matches ? error(e, E_AMBIGUOUS, id) : errorf(e, E_INVALID, _("no open conflict %s; see 'gavel conflicts'"), id);
	}
	struct rconflict c = l.v[found];
	rconflict_list_release(&l);
	sync_conflict_list_release(&cl);
	const struct rtable *t = replica_table(st, c.tbl);
	if (!t)
		return errorf(e, E_INVALID, _("no open conflict %s; see 'gavel conflicts'"), id);
	int rc = 0;
	if (!strcmp(c.col, "-")) {
		if (other)
			rc = replica_row_delete(st, t, c.row, e);
		else
			rc = replica_dirty_mark(st, c.tbl, c.row, (long long)((1ULL << t->ncols) - 1), e) ||
			     replica_heads_set(st, c.tbl, c.row, "-", NULL, 0, e);
		return rc ? -1 : 0;
	}
	int ci = replica_col(t, c.col);
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	rc = replica_row_get(st, t, c.row, vals, e);
	if (!rc && other) {
		rval_release(&vals[ci]);
		rc = replica_hist_get(st, c.tbl, c.row, c.col, c.other.hlc, c.other.writer, &vals[ci], e);
		if (!rc)
			rc = merge_translate(st, c.tbl, c.col, &vals[ci], e);
		char *unique = NULL;
		if (!rc)
			rc = replica_row_update(st, t, c.row, 1ULL << ci, vals, &unique, e);
		if (rc == 2)
			rc = errorf(e, E_RULE, _("the other value clashes with another row (%s)"), unique);
		free(unique);
	}
	/* the choice is a new version of the field that saw both */
	if (!rc)
		rc = replica_dirty_mark(st, c.tbl, c.row, (long long)(1ULL << ci), e);
	if (!rc)
		rc = replica_heads_set(st, c.tbl, c.row, c.col, NULL, 0, e);
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	free(vals);
	return rc ? -1 : 0;
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
	struct identity id;
	bool have_id = identity_load(st, &id, e) == 0;
	if (store_member_key_list(st, NULL, &keys, e))
		return -1;
	for (size_t i = 0; i < keys.n; i++) {
		unsigned char pk[IDENTITY_PK_LEN];
		char fp[IDENTITY_FP_SIZE] = "?";
		if (out->n == out->alloc) {
			out->alloc = out->alloc ? 2 * out->alloc : 8;
			out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
		}
		struct sync_member *m = &out->v[out->n++];
		memset(m, 0, sizeof *m);
		if (identity_key_parse(keys.v[i].public_key, pk))
			identity_fingerprint(pk, fp);
		m->person = xstrdup(keys.v[i].person);
		m->fingerprint = xstrdup(fp);
		m->revoked = xstrdup_or_null(keys.v[i].revoked);
		m->me = have_id && !strcmp(keys.v[i].actor, id.actor);
		long long last;
		if (replica_last_seq(st, keys.v[i].actor, &last, e) == 0)
			m->files = (long)last;
		char *when = NULL;
		if (store_local_get(st, "sync_last", &when, e) == 0 && m->me)
			m->last = when;
		else
			free(when);
	}
	if (have_id)
		identity_release(&id);
	member_key_list_release(&keys);
	return 0;
}

/* A new council key for everything written from now on, sealed to every
 * member machine whose key is not revoked, and a new passphrase wrap. */
static int rekey(struct store *st, const char *passphrase, struct err *e)
{
	struct identity id;
	struct keyring kr;
	struct run r;
	struct sync_summary out = { 0 };
	char *d;
	if (open_run(st, NULL, &id, &kr, &r, &d, &out, e))
		return -1;
	struct member_key_list keys = { 0 };
	unsigned char (*pks)[IDENTITY_PK_LEN] = NULL;
	size_t n = 0;
	int rc = store_member_key_list(st, NULL, &keys, e);
	if (!rc) {
		pks = xcalloc(keys.n + 1, sizeof *pks);
		for (size_t i = 0; i < keys.n; i++)
			if (!keys.v[i].revoked && identity_key_parse(keys.v[i].public_key, pks[n]))
				n++;
	}
	uint32_t epoch = keyring_current(&kr) + 1;
	unsigned char key[BUNDLE_KEY_LEN];
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	long long seq;
	char *gen = NULL;
	if (!rc)
		rc = next_seq(&r, &seq) || store_local_get(st, "keys_generation", &gen, e) ? -1 : 0;
	if (!rc) {
		unsigned char *ext, *file;
		size_t ext_len, file_len;
		struct bundle b;
		char name[LAYOUT_PATH_MAX];
		const char msg[] = "rekey";
		keyring_seal(key, (const unsigned char(*)[IDENTITY_PK_LEN])pks, n, &ext, &ext_len);
		make_header(&r, &b, BUNDLE_REKEY, seq, epoch);
		bundle_seal(&b, ext, ext_len, (const unsigned char *)msg, sizeof msg, key, &id, &file, &file_len);
		free(ext);
		layout_path(id.actor, (uint64_t)seq, name);
		rc = write_file(d, name, file, file_len, e);
		free(file);
		if (!rc)
			rc = replica_file_add(st, id.actor, seq, "", 0, e);
		keyring_add(&kr, epoch, key);
		if (!rc)
			rc = write_keys_file(&r, passphrase, (uint32_t)(gen ? atoi(gen) : 1) + 1, e);
		if (!rc)
			rc = keyring_save(st, &kr, e);
	}
	sodium_memzero(key, sizeof key);
	folder_release(&r.folder);
	free(gen);
	free(pks);
	member_key_list_release(&keys);
	identity_release(&id);
	keyring_release(&kr);
	sync_summary_release(&out);
	free(d);
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
		return errorf(e, E_RULE, _("you cannot remove yourself; another member removes you"));
	clock_utc(now);
	if (store_begin(st, e))
		return -1;
	if (store_member_key_revoke(st, pid, now, &n, e)) {
		store_rollback(st);
		return -1;
	}
	if (n == 0) {
		store_rollback(st);
		return errorf(e, E_RULE, _("%s has no machine in the shared council"), person);
	}
	if (rekey(st, passphrase, e)) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, e);
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
