/*
 * session: what one operation with the shared folder holds open (a sync,
 * a share, a join, a change of the council's key): the database, the
 * folder, this machine's identity and the council's keys, the reading of
 * the folder and what the operation tells (struct sync_summary). Internal
 * to sync/; the operations themselves are run.c, share.c and rekey.c.
 */
#ifndef GAVEL_SYNC_SESSION_H
#define GAVEL_SYNC_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/identity.h"
#include "sync/folder.h"
#include "sync/keyring.h"
#include "sync/settings.h"
#include "sync/sync.h"

struct session {
	struct store *st;
	char *dir;            /* the folder (owned) */
	struct identity id;   /* this machine, when has_id */
	bool has_id;          /* false while joining: nothing can be written yet */
	struct keyring kr;    /* the council's keys on this machine */
	bool keys_changed;    /* kr gained a key: saved once the sync is committed */
	struct sync_summary *out;
	struct err *e;
	struct folder folder; /* read at most once a session */
	struct strvec numbered; /* rows this machine gave a number, "table/row" (export.h) */
	long long first_written; /* the first file this session wrote (0: none), after the folder was read */
};

/*
 * Opens a session with the folder `dir` (NULL: the council's own, from
 * the settings) for this machine: its identity and council keys loaded
 * (E_SYNC_NOT_SHARED, E_SYNC_NO_IDENTITY, E_SYNC_NO_KEY when it lacks
 * them). A database found to be a copy gets its own identity, with a note.
 */
int session_open(struct session *s, struct store *st, const char *dir, struct sync_summary *out,
		 struct err *e);
/* A session of a machine that has keys in kr but no identity yet (a
 * join): dir copied; kr moved into the session (and wiped in the caller). */
void session_begin(struct session *s, struct store *st, const char *dir, struct keyring *kr,
		   struct sync_summary *out, struct err *e);
/* Frees and wipes what the session holds (not the summary). */
void session_release(struct session *s);

/* A line for the summary's notes. */
void session_note(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The next number this machine writes: past every file of its own already
 * in the folder (one written just before a crash is read like any other).
 * Reads the folder. */
int session_next_seq(struct session *s, long long *seq);

/*
 * Writes file number seq of this machine to the folder: of the given kind
 * and key epoch, with the extension in the clear and plain encrypted with
 * key, signed with the machine's key. The caller records it as applied.
 */
int session_write(struct session *s, int kind, long long seq, uint32_t epoch, const unsigned char *ext,
		  size_t ext_len, const unsigned char *plain, size_t plain_len,
		  const unsigned char key[BUNDLE_KEY_LEN]);

#endif
