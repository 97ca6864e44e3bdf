/*
 * conflicts: the open conflicts (sync_conflicts, sync_conflict_resolve of
 * sync.h), counted for the other parts of sync/. Internal to sync/.
 */
#ifndef GAVEL_SYNC_CONFLICTS_H
#define GAVEL_SYNC_CONFLICTS_H

#include "store/store.h"

/* The number of open conflicts, as sync_conflicts lists them. */
int conflicts_count(struct store *st, long *n, struct err *e);

#endif
