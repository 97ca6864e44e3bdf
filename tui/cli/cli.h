/*
 * cli: the scripting interface. One table of commands names each command
 * once, with its usage line, help text and handler; `gavel --help`,
 * `gavel help COMMAND` and the man page's command list come from it.
 */
#ifndef GAVEL_CLI_H
#define GAVEL_CLI_H

#include <stdio.h>

#include "store/store.h"

/* Runs gavel with argv (argv[0] is the program). Returns the exit status. */
int cli_main(int argc, char **argv);

/*
 * Runs one command (argv without the program name) on an open store, its
 * output appended to out and any error in e. Returns the exit status.
 * Used by the demo script and the tests.
 */
int cli_run(struct store *st, int argc, char **argv, struct strbuf *out, struct err *e);

/* Prints the command list as roff for the man page. */
void cli_print_man(FILE *f);

/* The database path: --db, else $GAVEL_DB, else the XDG data directory.
 * Returns a string the caller frees. */
char *cli_db_path(const char *opt);

#endif
