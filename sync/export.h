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
/* The same for the changed rows d from *from on, until the batch holds
 * about `budget` bytes; *from moves past the rows taken. The rows are not
 * marked sent (replica_dirty_clear, once all are taken). */
int export_batch_part(struct store *st, const char *me, long long seq, const struct rdirty_list *d, size_t *from,
		      size_t budget, struct batch *out, struct err *e);

/* The most changes, in bytes, one file of changes carries: a larger export
 * is written as several files, one after the other. */
#define EXPORT_CHUNK ((size_t)2 << 20)

/* Writes this machine's changes since the last sync to the folder, as
 * one file or as several of EXPORT_CHUNK each (none when nothing changed),
 * and records them; in the caller's
 * transaction, which must be committed for it to count. The rows whose
 * number (renumber.h) it sent are kept in s->numbered. */
int export_changes(struct session *s);

/*
 * The groups of the numbers this machine gave rows (s->numbered), settled
 * as every other machine settles them when those rows arrive: a number
 * given here above the rows that gave way in a clash moves them past it.
 * After the sync's import and before merge_finish (which raises the §
 * counters past them), capture off: the moves are the same everywhere,
 * never sent.
 */
int export_settle(struct session *s);

#endif
