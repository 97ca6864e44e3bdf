/*
 * folder: what the shared folder holds, read as little as a sync needs,
 * and the one way a file is written into it. Internal to sync/.
 *
 * A reading (folder_read) finds the files past each writer's run of
 * applied files (the only ones that may be news), a few names to tell the
 * folder is the council's, and the highest number of this machine's files.
 * A directory unchanged since a reading that left nothing behind in it is
 * not listed again (folder.c says how); folder_remember keeps the times of
 * change for the next reading, in the local settings.
 */
#ifndef GAVEL_SYNC_FOLDER_H
#define GAVEL_SYNC_FOLDER_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "sync/bundle.h"

/* A council file of the folder. */
struct entry {
	char writer[ID_LEN + 1];
	uint64_t seq;
	char *name;       /* the path below the folder */
	const char *base; /* the file's name, in name */
	size_t dir;       /* the directory it lies in (an index of folder.dirs) */
	bool done;        /* applied, or found applied */
};

/* A directory of the folder, with the time of change remembered for it. */
struct seen {
	char *rel;   /* "" the folder, WRITER, WRITER/BUCKET */
	int depth;   /* LAYOUT_TOP, ... */
	char *was;   /* its time of change at a clean listing, or NULL */
	char *now;   /* its time of change now, or NULL if too recent to remember */
	bool listed; /* listed by this reading */
	bool left;   /* a file in it was left behind */
	bool gone;   /* no longer there */
};

/* One reading of the folder. Zero-initialise; folder_release frees it. */
struct folder {
	bool read;
	bool unchanged;           /* the folder itself not listed again */
	bool remembered;          /* a bucket not listed again */
	long listed;              /* directories listed */
	struct seen *dirs;        /* every directory of the folder, the folder first */
	size_t ndirs, dirs_alloc;
	struct strvec keys, vals; /* the times remembered */
	bool *used;               /* per key: its directory is still there */
	struct entry *v;          /* the files that may be news, by writer and number */
	size_t n, alloc;
	struct strvec sample;     /* the first few council files' paths */
	size_t files;             /* council files listed */
	uint64_t mine;            /* the highest number of this machine's files */
	struct strvec notes;      /* copies made by sync tools */
	struct strvec refused, refused_at; /* files refused for good (REFUSED/REL), and their times */
	long passed_over;         /* such files passed over unread */
	/* this machine's own files, where this reading listed them (the
	 * directories that changed): for putting back what went missing */
	bool top_listed, own_dir_there; /* the folder listed; this machine's directory in it */
	bool own_dir_listed;      /* this machine's directory listed */
	struct strvec own_buckets;/* its buckets there, when listed */
	struct strvec own_listed; /* its buckets listed */
	long long *own_seqs;      /* the numbers of its files in those */
	size_t nown, own_alloc;
};

/*
 * Reads the folder at dir once (a second call does nothing); me is this
 * machine's actor id (NULL when it has none yet). E_SYNC_FOLDER_UNREADABLE
 * when the folder itself cannot be listed, E_DB when the database fails.
 */
int folder_read(struct store *st, const char *dir, const char *me, struct folder *f, struct err *e);
/* After a sync, in its transaction: the directories listed are remembered
 * with their time of change if nothing in them was left behind (an entry
 * not done), else as to be listed again; those no longer there forgotten. */
int folder_remember(struct store *st, struct folder *f, struct err *e);
void folder_release(struct folder *f);
/*
 * A file of the folder refused for good (not a regular file, too large,
 * not a sync file, another council's, forged, a stranger's): remembered
 * with its size and time of change, so that later readings pass over it
 * unread and without a note, and its directory need not be listed again,
 * until the file changes. One that cannot be looked at is not remembered.
 */
int folder_refused(struct store *st, const char *dir, const struct entry *en, struct err *e);

/*
 * Does the folder hold files of this council (by the header of one)? An
 * unmounted share, an emptied folder or a wrong one does not. Reads the
 * folder into f first (as folder_read).
 */
int folder_is_ours(struct store *st, const char *dir, const char *me,
		   const unsigned char council[BUNDLE_COUNCIL_LEN], struct folder *f, bool *ours,
		   struct err *e);

/* Every council file of the folder, by writer and number, into *out (n of
 * them; entries_free frees them). E_SYNC_FOLDER_UNREADABLE if it cannot be
 * listed. */
int folder_entries(const char *dir, struct entry **out, size_t *n, struct err *e);
void entries_free(struct entry *v, size_t n);

/* A whole file of the folder (at path) into out; E_IO, E_SYNC_TOO_LARGE
 * for a file larger than any sync file can be, E_SYNC_NOT_REGULAR for a
 * link, pipe or device (never followed, waited on or read). */
int folder_file_read(const char *path, struct strbuf *out, struct err *e);
/*
 * Writes a file at rel below dir (directories made as needed) so that
 * nobody ever sees half of it under its real name. A file already there is
 * never replaced: E_SYNC_FILE_EXISTS (another copy of this database may be
 * writing to the folder).
 */
int folder_file_write(const char *dir, const char *rel, const unsigned char *buf, size_t len,
		      struct err *e);

/* The note for a file skipped: "skipped NAME: why" (caller frees). */
char *folder_skip_note(const char *name, const char *why);

#endif
