/* run: one sync with the folder (run.h, sync_run of sync.h). */
#include "sync/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "core/base/clock.h"
#include "sync/admit.h"
#include "sync/conflicts.h"
#include "sync/export.h"
#include "sync/import.h"
#include "sync/merge.h"
#include "sync/renumber.h"
#include "sync/repair.h"
#include "sync/sync.h"

/* Is this machine left out of the council's key (*left: the REKEY file
 * that left it out, which the note names)? */
static int left_out(struct session *s, bool *left)
{
	char *removed = NULL;
	*left = false;
	if (store_local_get(s->st, SETTING_REMOVED, &removed, s->e) < 0)
		return -1;
	if (removed && *removed) {
		session_note(s, _("this machine was left out when the council's key was changed (%s): nothing of it is written to the folder any more"),
			     removed);
		*left = true;
	}
	free(removed);
	return 0;
}

/* This machine asked to join and is not admitted (yet): said, nothing done. */
static int not_admitted(struct session *s)
{
	char fp[IDENTITY_FP_SIZE];
	identity_fingerprint(s->id.pk, fp);
	snprintf(s->out->fingerprint, sizeof s->out->fingerprint, "%s", fp);
	s->out->waiting_admission = true;
	return 0;
}

/* The sync inside its transaction. */
static int sync_in_tx(struct session *s, bool write)
{
	bool left = false;
	if (write && left_out(s, &left))
		return -1;
	if (write && !left && export_changes(s))
		return -1;
	struct merge_stats ms = { 0 };
	char now[CLOCK_UTC_SIZE];
	/* the search index takes the sync's rows in at its end */
	if (replica_capture(s->st, false, s->e) || store_search_later(s->st, true, s->e) || import_files(s) ||
	    (write && !left && repair_missing(s)) || export_settle(s) || merge_finish(s->st, &ms, s->e) || store_search_later(s->st, false, s->e) ||
	    replica_capture(s->st, true, s->e) || sync_guard_refresh(s->st, s->e) ||
	    renumber_report(s->st, &s->out->notes, s->e))
		return -1;
	clock_utc(now);
	if (store_local_set(s->st, SETTING_LAST, now, s->e) ||
	    conflicts_count(s->st, &s->out->conflicts_open, s->e))
		return -1;
	/* a directory whose listing left nothing behind need not be listed
	 * again while it does not change (sync/folder.c) */
	return folder_remember(s->st, &s->folder, s->e);
}

int run_sync(struct session *s, bool write)
{
	bool ours;
	struct stat sb;
	if (stat(s->dir, &sb) || !S_ISDIR(sb.st_mode))
		return error(s->e, E_SYNC_FOLDER_MISSING, s->dir);
	if (folder_is_ours(s->st, s->dir, s->has_id ? s->id.actor : NULL, s->kr.council, &s->folder, &ours, s->e))
		return -1;
	if (!ours)
		return error(s->e, E_SYNC_FOLDER_FOREIGN, s->dir);
	/* room for the pages a merge touches, given back afterwards */
	if (store_cache_mb(s->st, SYNC_CACHE_MB, s->e) || store_begin(s->st, s->e))
		return -1;
	int rc = sync_in_tx(s, write);
	s->out->listed = s->folder.listed;
	if (!rc && s->id.pending) {
		/* the keys of an admission are kept only if the council read
		 * with them records this machine's key */
		bool admitted;
		rc = admit_settle(s, &admitted);
		if (!rc && !admitted) {
			store_rollback(s->st);
			store_cache_mb(s->st, 0, NULL);
			return not_admitted(s);
		}
		s->out->admitted = !rc;
	}
	/* the keys are on the disk before the database records the key
	 * change that brought them: a key file that cannot be written leaves
	 * the change unapplied (the next sync takes it again), never recorded
	 * with its key lost */
	if (!rc && s->keys_changed)
		rc = keyring_save(s->st, &s->kr, s->e);
	if (rc) {
		store_rollback(s->st);
		store_cache_mb(s->st, 0, NULL);
		return -1;
	}
	rc = store_commit(s->st, s->e);
	store_cache_mb(s->st, 0, NULL);
	/* the key file learns whose it is once the admission is kept */
	if (!rc && s->out->admitted)
		rc = identity_adopted(s->st, &s->id, s->e);
	return rc ? -1 : 0;
}

int sync_run(struct store *st, const char *dir, struct sync_summary *out, struct err *e)
{
	struct session s;
	if (session_open(&s, st, dir, out, e))
		return -1;
	int rc;
	if (s.id.pending) {
		/* asked to join: nothing to read before an admission, and each
		 * admission sealed to this machine tried until one holds */
		bool found = true;
		rc = 0;
		for (size_t tried = 0; !rc && found && !out->admitted; tried++) {
			folder_release(&s.folder);
			sync_summary_release(out);
			rc = admit_keys_find(&s, tried, &found);
			if (!rc)
				rc = found ? run_sync(&s, false) : not_admitted(&s);
		}
		session_release(&s);
		return rc;
	}
	rc = run_sync(&s, true);
	session_release(&s);
	return rc;
}
