/*
 * export: this machine's changes to the folder. Internal to sync/.
 */
#ifndef GAVEL_SYNC_EXPORT_H
#define GAVEL_SYNC_EXPORT_H

#include "sync/session.h"

/* Writes this machine's changes since the last sync to the folder as one
 * file (none when nothing changed) and records it; in the caller's
 * transaction, which must be committed for it to count. */
int export_changes(struct session *s);

#endif
