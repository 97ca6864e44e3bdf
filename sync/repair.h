/*
 * repair: a writer puts back its own files that the folder lost or
 * damaged, the same bytes under the same number, from the copies it keeps
 * (sync_sent, store/replica.h); and what a member's copy can tell of the
 * folder (sync_check and sync_repair of sync.h). Internal to sync/.
 *
 * At each sync the writer looks only where the folder's reading listed
 * (the directories that changed, sync/folder.h): a file taken away changes
 * its directory, so a sync after it notices, and the cost does not grow
 * with the history. `gavel check` and `gavel repair` read every one of
 * this machine's files and compare them byte for byte.
 */
#ifndef GAVEL_SYNC_REPAIR_H
#define GAVEL_SYNC_REPAIR_H

#include "sync/session.h"

/* Puts back this machine's files missing where the folder was listed; a
 * note says how many. In the sync's transaction. */
int repair_missing(struct session *s);

#endif
