/* export: this machine's changes to a file (export.h). */
#include "sync/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/merge.h"

int export_changes(struct session *s)
{
	long long seq;
	struct batch batch = { 0 };
	char *front = NULL;
	if (session_next_seq(s, &seq) || replica_frontier(s->st, &front, s->e))
		return -1;
	int rc = merge_export(s->st, s->id.actor, seq, &batch, s->e);
	if (!rc && batch.n) {
		unsigned char *plain;
		size_t plain_len;
		batch.schema = store_schema_version();
		rc = replica_clock_now(s->st, &batch.clock, s->e);
		batch_frontier_parse(&batch, front);
		if (!rc) {
			uint32_t epoch = keyring_current(&s->kr);
			batch_encode(&batch, &plain, &plain_len);
			rc = session_write(s, BUNDLE_CHANGES, seq, epoch, NULL, 0, plain, plain_len,
					   keyring_key(&s->kr, epoch));
			free(plain);
		}
		if (!rc)
			rc = replica_file_add(s->st, s->id.actor, seq, front, (long long)batch.n, s->e);
		if (!rc)
			s->out->sent += (long)batch.n;
	}
	batch_release(&batch);
	free(front);
	return rc;
}
