/*
 * export: this machine's changes to the folder. Internal to sync/.
 */
#ifndef GAVEL_SYNC_EXPORT_H
#define GAVEL_SYNC_EXPORT_H

#include "sync/session.h"

/*
 * Builds the batch of this copy's changes since the last export (writer
 * `me`, file number seq): each changed field's value becomes a version of
 * its own, which replaces every version the field had here, and the
 * changes are marked sent. The batch is empty when nothing changed. In
 * the caller's transaction.
 */
int export_batch(struct store *st, const char *me, long long seq, struct batch *out, struct err *e);

/* Writes this machine's changes since the last sync to the folder as one
 * file (none when nothing changed) and records it; in the caller's
 * transaction, which must be committed for it to count. */
int export_changes(struct session *s);

#endif
