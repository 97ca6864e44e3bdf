/*
 * cli_sync: the command-line side of sync: share, join, sync, conflicts,
 * members and the passphrase (see sync/sync.h). The command table in
 * cli.c calls these; each appends its output to `out`.
 *
 * A passphrase comes from --passphrase-file FILE (its first line), else
 * $GAVEL_PASSPHRASE, else it is asked on the terminal (twice when it is a
 * new one).
 */
#ifndef GAVEL_CLI_SYNC_H
#define GAVEL_CLI_SYNC_H

#include <stdbool.h>

#include "store/store.h"

struct cli_sync_args {
	struct store *st;
	int argc;
	char **argv;
	const char *as;              /* --as PERSON */
	const char *passphrase_file; /* --passphrase-file FILE */
	bool json;
	struct strbuf *out;
	struct err *e;
};

int cli_sync_share(struct cli_sync_args *a);
int cli_sync_run(struct cli_sync_args *a);
int cli_sync_conflicts(struct cli_sync_args *a);
int cli_sync_resolve(struct cli_sync_args *a);
int cli_sync_members(struct cli_sync_args *a);
int cli_sync_remove(struct cli_sync_args *a);
int cli_sync_passphrase(struct cli_sync_args *a);

/* `gavel join DIR`: makes the database at db_path; prints to stdout.
 * argv holds the arguments after "join". Returns the exit status. */
int cli_sync_join(const char *db_path, int argc, char **argv);

#endif
