/*
 * folder: reading the shared folder, and writing a file into it (folder.h).
 *
 * A folder grows by a file a sync and is never emptied, so a reading skips
 * the files already applied by their names alone, without asking the
 * database about each.
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
#include "sync/folder.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/base/file.h"
#include "sync/layout.h"

#define SEEN "sync_folder_seen"
/* The local settings of the files refused for good: REFUSED/REL. */
#define REFUSED "sync_refused/"
/* How long a directory must have been unchanged for its time to be
 * remembered (the file system's clock may tick this coarsely). */
#define SEEN_SETTLE_S 2
/* Council files whose header a reading looks at to tell the folder is ours. */
#define SAMPLE_FILES 8
/* No file of the folder is larger: the body and extension at their most,
 * with room for the header and signature. */
#define FILE_MAX ((off_t)BUNDLE_MAX + 65536)
/* The mode of a file written to the folder: every member's sync tool reads it. */
#define FILE_MODE 0644

static bool is_tool_copy(const char *name)
{
	return strstr(name, ".sync-conflict-") || strstr(name, "conflicted copy") ||
	       strstr(name, "Conflicted copy") || strstr(name, "(conflict");
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->writer, y->writer);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_front_item(const void *a, const void *b)
{
	return strcmp(((const struct frontier_item *)a)->writer, ((const struct frontier_item *)b)->writer);
}

char *folder_skip_note(const char *name, const char *why)
{
	return xasprintf(_("skipped %s: %s"), name, why);
}

int folder_entries(const char *dir, struct entry **out, size_t *n, struct err *e)
{
	struct strvec paths = { 0 };
	size_t alloc = 0;
	*out = NULL;
	*n = 0;
	if (layout_walk(dir, &paths))
		return error(e, E_SYNC_FOLDER_UNREADABLE, dir, strerror(errno));
	for (size_t i = 0; i < paths.n; i++) {
		struct entry en = { 0 };
		if (!bundle_name_parse(layout_base(paths.v[i]), en.writer, &en.seq))
			continue;
		ALLOC_GROW(*out, *n + 1, alloc);
		en.name = xstrdup(paths.v[i]);
		en.base = layout_base(en.name);
		(*out)[(*n)++] = en;
	}
	strvec_release(&paths);
	if (*n)
		qsort(*out, *n, sizeof **out, cmp_entry);
	return 0;
}

void entries_free(struct entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void folder_release(struct folder *f)
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
	entries_free(f->v, f->n);
	strvec_release(&f->sample);
	strvec_release(&f->notes);
	strvec_release(&f->refused);
	strvec_release(&f->refused_at);
	strvec_release(&f->own_buckets);
	strvec_release(&f->own_listed);
	free(f->own_seqs);
	memset(f, 0, sizeof *f);
}

static char *seen_key(const char *rel)
{
	return *rel ? xasprintf(SEEN "/%s", rel) : xstrdup(SEEN);
}

/* A directory to look at, with the time remembered for it. Moves f->dirs. */
static void seen_add(struct folder *f, const char *rel, int depth)
{
	ALLOC_GROW(f->dirs, f->ndirs + 1, f->dirs_alloc);
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

/* The path of a directory below the folder's rel, named name. */
static char *child_rel(const char *rel, const char *name)
{
	return *rel ? xasprintf("%s/%s", rel, name) : xstrdup(name);
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
		char *crel = child_rel(rel, child + 1);
		seen_add(f, crel, depth + 1);
		free(crel);
	}
	free(key);
	free(rel);
}

/* A file's size and time of change, as remembered of a refused one; NULL
 * if it cannot be looked at. */
static char *file_stamp(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb))
		return NULL;
	return xasprintf("%lld %lld.%09ld", (long long)sb.st_size, (long long)sb.st_mtim.tv_sec,
			 (long)sb.st_mtim.tv_nsec);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Was the file at rel (path on the disk) refused for good, as it is now? */
static bool refused_before(const struct folder *f, const char *rel, const char *path)
{
	if (!f->refused.n)
		return false;
	char *key = xasprintf(REFUSED "%s", rel);
	const char *k = key;
	char **hit = bsearch(&k, f->refused.v, f->refused.n, sizeof *f->refused.v, cmp_str);
	free(key);
	if (!hit)
		return false;
	char *stamp = file_stamp(path);
	bool same = stamp && !strcmp(stamp, f->refused_at.v[hit - f->refused.v]);
	free(stamp);
	return same;
}

int folder_refused(struct store *st, const char *dir, const struct entry *en, struct err *e)
{
	char *path = xasprintf("%s/%s", dir, en->name), *stamp = file_stamp(path), *key = xasprintf(REFUSED "%s", en->name);
	int rc = stamp ? store_local_set(st, key, stamp, e) : 0;
	free(path);
	free(stamp);
	free(key);
	return rc;
}

/* Takes the council files of a directory listed (at path): those not yet
 * applied, and not refused for good before. */
static void folder_take(struct folder *f, size_t di, const char *path_of_dir, const struct strvec *files,
			const struct batch *applied, const char *me)
{
	const char *rel = f->dirs[di].rel;
	size_t mlen = me ? strlen(me) : 0;
	bool own_bucket = me && f->dirs[di].depth == LAYOUT_BUCKET_DIR && !strncmp(rel, me, mlen) && rel[mlen] == '/';
	if (own_bucket)
		strvec_push(&f->own_listed, rel + mlen + 1);
	for (size_t i = 0; i < files->n; i++) {
		const char *name = files->v[i];
		struct entry en = { 0 };
		if (!bundle_name_parse(name, en.writer, &en.seq)) {
			if (is_tool_copy(name) && strstr(name, ".gavel")) {
				struct err why;
				error(&why, E_SYNC_TOOL_COPY);
				char *n = folder_skip_note(name, why.msg);
				strvec_push(&f->notes, n);
				free(n);
				f->dirs[di].left = true;
			}
			continue;
		}
		char *path = child_rel(rel, name);
		f->files++;
		if (f->sample.n < SAMPLE_FILES)
			strvec_push(&f->sample, path);
		if (me && !strcmp(en.writer, me) && en.seq > f->mine)
			f->mine = en.seq;
		if (own_bucket && !strcmp(en.writer, me)) {
			ALLOC_GROW(f->own_seqs, f->nown + 1, f->own_alloc);
			f->own_seqs[f->nown++] = (long long)en.seq;
		}
		struct frontier_item key, *done;
		memcpy(key.writer, en.writer, sizeof key.writer);
		done = applied->nfront ? bsearch(&key, applied->front, applied->nfront, sizeof *applied->front,
						 cmp_front_item)
				       : NULL;
		if (done && (long long)en.seq <= done->seq) {
			free(path);
			continue;
		}
		char *disk = xasprintf("%s/%s", path_of_dir, name);
		bool refused = refused_before(f, path, disk);
		free(disk);
		if (refused) {
			f->passed_over++;
			free(path);
			continue;
		}
		ALLOC_GROW(f->v, f->n + 1, f->alloc);
		en.name = path;
		en.base = layout_base(path);
		en.dir = di;
		f->v[f->n++] = en;
	}
}

/* Lists directory i of the reading (or passes over it, unchanged). */
static int read_dir(const char *dir, const char *me, struct folder *f, size_t i, const struct batch *applied,
		    struct err *e)
{
	struct seen *d = &f->dirs[i];
	struct stat sb;
	char *path = *d->rel ? xasprintf("%s/%s", dir, d->rel) : xstrdup(dir);
	/* the folder itself may be a link a member made; nothing below it is followed */
	int err = (i == 0 ? stat(path, &sb) : lstat(path, &sb)) ? errno : S_ISDIR(sb.st_mode) ? 0 : ENOTDIR;
	if (err) {
		free(path);
		if (i == 0)
			return error(e, E_SYNC_FOLDER_UNREADABLE, dir, strerror(err));
		d->gone = true;
		return 0;
	}
	char *stamp = xasprintf("%lld.%09ld %s", (long long)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec, path);
	if (d->was && !strcmp(d->was, stamp)) {
		free(stamp);
		free(path);
		f->unchanged |= i == 0;
		f->remembered |= d->depth == LAYOUT_BUCKET_DIR;
		seen_children(f, i);
		return 0;
	}
	if (clock_system() - sb.st_mtim.tv_sec >= SEEN_SETTLE_S)
		d->now = stamp;
	else
		free(stamp);
	struct strvec files = { 0 }, dirs = { 0 };
	int lrc = layout_list(path, d->depth, &files, &dirs);
	err = errno;
	d->listed = true;
	f->listed++;
	if (lrc && i == 0) {
		free(path);
		return error(e, E_SYNC_FOLDER_UNREADABLE, dir, strerror(err));
	}
	d->left = lrc != 0; /* looked at again next time */
	if (me && lrc == 0 && i == 0) {
		f->top_listed = true;
		for (size_t k = 0; k < dirs.n; k++)
			f->own_dir_there |= !strcmp(dirs.v[k], me);
	}
	if (me && lrc == 0 && d->depth == LAYOUT_WRITER && !strcmp(d->rel, me)) {
		f->own_dir_listed = true;
		for (size_t k = 0; k < dirs.n; k++)
			strvec_push(&f->own_buckets, dirs.v[k]);
	}
	folder_take(f, i, path, &files, applied, me);
	free(path);
	for (size_t k = 0; k < dirs.n; k++) {
		/* seen_add moves f->dirs, so d is not used past here */
		char *crel = child_rel(f->dirs[i].rel, dirs.v[k]);
		seen_add(f, crel, f->dirs[i].depth + 1);
		free(crel);
	}
	strvec_release(&files);
	strvec_release(&dirs);
	return 0;
}

int folder_read(struct store *st, const char *dir, const char *me, struct folder *f, struct err *e)
{
	char *front = NULL;
	if (f->read)
		return 0;
	if (store_local_prefix(st, SEEN, &f->keys, &f->vals, e) ||
	    store_local_prefix(st, REFUSED, &f->refused, &f->refused_at, e))
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
	int rc = 0;
	for (size_t i = 0; i < f->ndirs && !rc; i++)
		rc = read_dir(dir, me, f, i, &applied, e);
	batch_release(&applied);
	if (rc)
		return -1;
	if (f->n)
		qsort(f->v, f->n, sizeof *f->v, cmp_entry);
	f->read = true;
	return 0;
}

int folder_remember(struct store *st, struct folder *f, struct err *e)
{
	for (size_t i = 0; i < f->n; i++) {
		assert(f->v[i].dir < f->ndirs);
		if (!f->v[i].done)
			f->dirs[f->v[i].dir].left = true;
	}
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

/* Is the file (rel below dir) a file of this council, by its header? A
 * file that cannot be read is not. */
static bool file_is_ours(const char *dir, const char *rel, const unsigned char council[BUNDLE_COUNCIL_LEN])
{
	char *path = xasprintf("%s/%s", dir, rel);
	unsigned char head[BUNDLE_HEADER];
	bool ours = false;
	int fd = file_open_regular(path, FILE_MAX, NULL);
	if (fd >= 0) {
		ours = read(fd, head, sizeof head) == (ssize_t)sizeof head && bundle_is_council(head, sizeof head, council);
		close(fd);
	}
	free(path);
	return ours;
}

int folder_is_ours(struct store *st, const char *dir, const char *me,
		   const unsigned char council[BUNDLE_COUNCIL_LEN], struct folder *f, bool *ours,
		   struct err *e)
{
	*ours = false;
	if (folder_read(st, dir, me, f, e))
		return -1;
	if (f->unchanged) {
		*ours = true; /* as the reading that left it so found it */
		return 0;
	}
	for (size_t i = 0; i < f->sample.n && !*ours; i++)
		*ours = file_is_ours(dir, f->sample.v[i], council);
	/* a bucket unchanged since a listing that left nothing behind in it
	 * still holds the council files that listing found applied (taking
	 * one away changes its time), whatever else came into the folder */
	if (!*ours && f->remembered)
		*ours = true;
	if (*ours || f->files <= f->sample.n)
		return 0;
	/* the first few were not: every file */
	struct entry *ents;
	size_t n;
	if (folder_entries(dir, &ents, &n, e))
		return -1;
	for (size_t i = 0; i < n && !*ours; i++)
		*ours = file_is_ours(dir, ents[i].name, council);
	entries_free(ents, n);
	return 0;
}

int folder_file_read(const char *path, struct strbuf *out, struct err *e)
{
	struct err fe;
	if (file_read_regular(path, FILE_MAX, out, &fe) == 0)
		return 0;
	sb_release(out);
	if (fe.code == E_NOT_REGULAR)
		return error(e, E_SYNC_NOT_REGULAR);
	if (fe.code == E_FILE_TOO_LARGE)
		return error(e, E_SYNC_TOO_LARGE);
	if (e)
		*e = fe;
	return -1;
}

int folder_file_write(const char *dir, const char *rel, const unsigned char *buf, size_t len,
		      struct err *e)
{
	const char *name = layout_base(rel);
	char *path = xasprintf("%s/%s", dir, rel);
	struct err fe = { 0 };
	int rc = 0;
	if (layout_mkdirs(dir, rel)) {
		/* the directory it goes in */
		int err = errno;
		char *sub = name > rel ? xasprintf("%s/%.*s", dir, (int)(name - rel - 1), rel) : xstrdup(dir);
		rc = err == ELOOP || err == ENOTDIR ? error(e, E_SYNC_NOT_FOLDER_DIR, sub) : error(e, E_IO, sub, strerror(err));
		free(sub);
	} else if (file_write_atomic(path, buf, len, FILE_MODE, FILE_KEEP, &fe)) {
		rc = fe.code == E_EXISTS ? error(e, E_SYNC_FILE_EXISTS, path) : -1;
		if (fe.code != E_EXISTS && e)
			*e = fe;
	}
	free(path);
	return rc;
}
