/*
 * cli: the scripting interface. One table of commands (tui/cli/cli.c)
 * names each command once, with its arguments, options, help text and
 * handler; `gavel --help`, `gavel help COMMAND`, the usage lines and the
 * man page's command list come from it. tui/cli/program.c is the program
 * around it: the global options, the database, the demo, the interface.
 */
#ifndef GAVEL_CLI_H
#define GAVEL_CLI_H

#include <stdio.h>

#include "store/store.h"
#include "tui/cli/ctx.h"

/* Runs gavel with argv (argv[0] is the program). Returns the exit status. */
int cli_main(int argc, char **argv);

/*
 * Runs one command (argv without the program name) on an open store, its
 * output appended to out and any error in e. Returns the exit status.
 * Used by the demo script and the tests.
 */
int cli_run(struct store *st, int argc, char **argv, struct strbuf *out, struct err *e);

/* The command argv names (one or two words; *used gets how many), or NULL. */
const struct command *cli_find(int argc, char **argv, int *used);

/* `gavel --help`: the commands, one line each. */
void cli_print_help(FILE *f);
/* `gavel help COMMAND...`: one command, or the commands of a group;
 * returns the exit status. */
int cli_help_command(int argc, char **argv);
/* Prints the command list as roff for the man page. */
void cli_print_man(FILE *f);

/* The database path: --db, else $GAVEL_DB, else the XDG data directory.
 * Returns a string the caller frees. */
char *cli_db_path(const char *opt);

#endif
