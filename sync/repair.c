/* repair: this machine's lost files put back, and the folder checked (repair.h). */
#include "sync/repair.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/file.h"
#include "sync/layout.h"
#include "sync/members.h"
#include "sync/settings.h"

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

static bool listed(const struct strvec *v, const char *name)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], name))
			return true;
	return false;
}

/* The bucket's name of a file number, as layout_path names it. */
static void bucket_of(const char *me, long long seq, char out[LAYOUT_PATH_MAX])
{
	char rel[LAYOUT_PATH_MAX];
	layout_path(me, (uint64_t)seq, rel);
	const char *b = rel + strlen(me) + 1, *slash = strchr(b, '/');
	snprintf(out, LAYOUT_PATH_MAX, "%.*s", slash ? (int)(slash - b) : 0, b);
}

/* Is this machine's file number seq missing, by what the reading listed? */
static bool missing(const struct folder *f, const char *me, long long seq)
{
	char bucket[LAYOUT_PATH_MAX];
	if (f->top_listed && !f->own_dir_there)
		return true; /* the machine's whole directory is gone */
	bucket_of(me, seq, bucket);
	if (f->own_dir_listed && !listed(&f->own_buckets, bucket))
		return true; /* its bucket is gone */
	if (!listed(&f->own_listed, bucket))
		return false; /* not looked at: unchanged since it was whole */
	return !bsearch(&seq, f->own_seqs, f->nown, sizeof *f->own_seqs, cmp_ll);
}

/* Writes the kept bytes of file seq back in its place (replacing what is
 * there when replace). */
static int put_back(struct session *s, long long seq, bool replace)
{
	struct strbuf buf = { 0 };
	char rel[LAYOUT_PATH_MAX];
	int rc = replica_sent_get(s->st, s->id.actor, seq, &buf, s->e);
	if (rc) {
		sb_release(&buf);
		return rc;
	}
	layout_path(s->id.actor, (uint64_t)seq, rel);
	if (!replace) {
		rc = folder_file_write(s->dir, rel, (const unsigned char *)buf.buf, buf.len, s->e);
	} else if (layout_mkdirs(s->dir, rel)) {
		rc = error(s->e, E_SYNC_NOT_FOLDER_DIR, s->dir);
	} else {
		/* renamed over whatever is there: a link is replaced, never followed */
		char *path = xasprintf("%s/%s", s->dir, rel);
		rc = file_write_atomic(path, buf.buf, buf.len, 0644, FILE_REPLACE, s->e);
		free(path);
	}
	sb_release(&buf);
	return rc;
}

int repair_missing(struct session *s)
{
	struct folder *f = &s->folder;
	if (!s->has_id || (!f->top_listed && !f->own_dir_listed && !f->own_listed.n))
		return 0;
	long long *seqs;
	size_t n;
	if (replica_sent_seqs(s->st, s->id.actor, 1, LLONG_MAX, &seqs, &n, s->e))
		return -1;
	if (f->nown)
		qsort(f->own_seqs, f->nown, sizeof *f->own_seqs, cmp_ll);
	long put = 0;
	long long first = 0, last = 0;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		/* a file written since the folder was read is not in its reading */
		if ((s->first_written && seqs[i] >= s->first_written) || !missing(f, s->id.actor, seqs[i]))
			continue;
		struct err why;
		struct err *keep = s->e;
		s->e = &why;
		int prc = put_back(s, seqs[i], false);
		s->e = keep;
		if (prc) {
			/* something in its place: said, and the sync goes on */
			session_note(s, _("file %lld of this machine is missing from the folder and could not be put back: %s"),
				     seqs[i], why.msg);
			continue;
		}
		if (!put++)
			first = seqs[i];
		last = seqs[i];
	}
	free(seqs);
	if (put == 1)
		session_note(s, _("put back file %lld of this machine, which the folder had lost"), first);
	else if (put > 1)
		session_note(s, _("put back %ld of this machine's files that the folder had lost (numbers %lld to %lld)"), put,
			     first, last);
	return rc;
}

/* ---- gavel check, gavel repair ---- */

void sync_check_release(struct sync_check *c)
{
	strvec_release(&c->lines);
	memset(c, 0, sizeof *c);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is the file of writer number seq among the folder's names (sorted)? */
static bool in_folder(const struct strvec *names, const char *writer, long long seq)
{
	char name[BUNDLE_NAME_SIZE];
	const char *key = name;
	bundle_name(writer, (uint64_t)seq, name);
	return bsearch(&key, names->v, names->n, sizeof *names->v, cmp_str) != NULL;
}

/* This machine's own files, byte for byte; put back when repair. */
static int check_own(struct session *s, const struct strvec *names, bool repair, struct sync_check *out)
{
	long long *seqs;
	size_t n;
	if (replica_sent_seqs(s->st, s->id.actor, 1, LLONG_MAX, &seqs, &n, s->e))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char rel[LAYOUT_PATH_MAX];
		struct strbuf kept = { 0 }, there = { 0 };
		layout_path(s->id.actor, (uint64_t)seqs[i], rel);
		char *path = xasprintf("%s/%s", s->dir, rel);
		bool present = in_folder(names, s->id.actor, seqs[i]);
		rc = replica_sent_get(s->st, s->id.actor, seqs[i], &kept, s->e);
		bool same = rc == 0 && present && folder_file_read(path, &there, NULL) == 0 && there.len == kept.len &&
			    !memcmp(there.buf, kept.buf, kept.len);
		if (rc == 0 && !same) {
			if (present)
				out->own_damaged++;
			else
				out->own_missing++;
			if (repair) {
				rc = put_back(s, seqs[i], present);
				if (rc == 0)
					out->put_back++;
			}
		}
		sb_release(&kept);
		sb_release(&there);
		free(path);
	}
	free(seqs);
	return rc < 0 ? -1 : 0;
}

int sync_check(struct store *st, bool repair, struct sync_check *out, struct err *e)
{
	struct session s;
	struct sync_summary sum = { 0 };
	struct strvec paths = { 0 }, names = { 0 }, keys = { 0 }, vals = { 0 };
	char *front = NULL;
	memset(out, 0, sizeof *out);
	if (session_open(&s, st, NULL, &sum, e))
		return -1;
	int rc = 0;
	if (layout_walk(s.dir, &paths))
		rc = error(e, E_SYNC_FOLDER_UNREADABLE, s.dir, strerror(errno));
	for (size_t i = 0; i < paths.n; i++)
		strvec_push(&names, layout_base(paths.v[i]));
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, cmp_str);
	if (!rc && repair)
		rc = store_begin(st, e);
	if (!rc)
		rc = check_own(&s, &names, repair, out);
	if (repair)
		rc = rc ? (store_rollback(st), -1) : store_commit(st, e);
	/* everyone's files applied here: each writer's run from its first */
	struct batch applied = { 0 };
	if (!rc)
		rc = replica_frontier(st, &front, e);
	batch_frontier_parse(&applied, front);
	for (size_t i = 0; i < applied.nfront && !rc; i++) {
		const struct frontier_item *w = &applied.front[i];
		if (!strcmp(w->writer, s.id.actor))
			continue;
		long missing = 0;
		for (long long q = 1; q <= w->seq; q++)
			missing += !in_folder(&names, w->writer, q);
		if (!missing)
			continue;
		char *who = NULL;
		rc = members_name(st, w->writer, &who, e);
		if (!rc) {
			char *line = xasprintf(_("%ld of the files of %s's machine applied here are missing from the folder: their machine puts them back at its next sync"),
					       missing, who);
			strvec_push(&out->lines, line);
			free(line);
			out->others_missing += missing;
		}
		free(who);
	}
	batch_release(&applied);
	/* what this copy waits for, since when */
	if (!rc)
		rc = store_local_prefix(st, WAITING_FOR, &keys, &vals, e);
	for (size_t i = 0; i < keys.n && !rc; i++) {
		char *line = xasprintf(_("waiting since %s for %s"), vals.v[i], keys.v[i] + strlen(WAITING_FOR));
		strvec_push(&out->lines, line);
		free(line);
		out->waiting++;
	}
	out->files = (long)names.n;
	free(front);
	strvec_release(&paths);
	strvec_release(&names);
	strvec_release(&keys);
	strvec_release(&vals);
	session_release(&s);
	sync_summary_release(&sum);
	if (rc)
		sync_check_release(out);
	return rc;
}
