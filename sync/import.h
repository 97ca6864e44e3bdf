/*
 * import: the other members' files taken in. Internal to sync/.
 */
#ifndef GAVEL_SYNC_IMPORT_H
#define GAVEL_SYNC_IMPORT_H

#include "sync/session.h"

/*
 * Reads, checks and applies every file of the folder not yet applied, in
 * causal order: a file waits until everything its writer had seen is
 * here. A file that is truncated, damaged, forged, another council's, of
 * a newer format or from a key that is not a member's is skipped with a
 * note and counted as refused; one that waits is counted too. In the
 * caller's transaction, capture off; -1 only when the database (or the
 * folder itself) fails, nothing then to keep.
 */
int import_files(struct session *s);

#endif
