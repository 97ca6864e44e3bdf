/*
 * cli_ctx: what a command's handler gets: the store, its positional
 * arguments and options as parsed against the command's table row
 * (tui/cli/cli.c), where to put its output and its error.
 */
#ifndef GAVEL_CLI_CTX_H
#define GAVEL_CLI_CTX_H

#include <stdbool.h>

#include "store/store.h"

#define MAX_OPTS 64

struct opt {
	const char *name, *value; /* value NULL for a flag */
};

struct ctx {
	struct store *st;
	int argc;           /* positional arguments */
	char **argv;
	struct opt opts[MAX_OPTS];
	int nopts;
	bool json;
	struct strbuf *out;
	struct err *e;
};

#endif
