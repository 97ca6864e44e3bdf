/* status: the sync's state for a status line (sync_status of sync.h). */
#include <stdlib.h>
#include <string.h>

#include "sync/conflicts.h"
#include "sync/settings.h"
#include "sync/sync.h"

int sync_status(struct store *st, struct sync_status *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (store_local_get(st, SETTING_DIR, &out->dir, e) || store_local_get(st, SETTING_LAST, &out->last, e))
		return -1;
	out->shared = out->dir != NULL;
	return out->shared ? conflicts_count(st, &out->conflicts, e) : 0;
}

void sync_status_release(struct sync_status *s)
{
	free(s->dir);
	free(s->last);
	memset(s, 0, sizeof *s);
}
