/*
 * run: one sync, as sync_run (sync.h) and a join run it. Internal to sync/.
 */
#ifndef GAVEL_SYNC_RUN_H
#define GAVEL_SYNC_RUN_H

#include <stdbool.h>

#include "sync/session.h"

/*
 * One sync with the session's folder, in one transaction: refused
 * (nothing changed) when the folder is not there or holds none of this
 * council's files; this machine's changes written first when `write`
 * (and the machine was not left out of the council's key), then every
 * file not yet applied taken in. The council keys the sync brought are
 * saved once it is committed.
 */
int run_sync(struct session *s, bool write);

#endif
