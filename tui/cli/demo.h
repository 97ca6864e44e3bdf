/*
 * demo: the demo council, a script of gavel commands (tui/cli/demo.gavel)
 * compiled into the program.
 */
#ifndef GAVEL_DEMO_H
#define GAVEL_DEMO_H

#include "store/store.h"

/* Runs one command line (argv without "gavel") on st: cli_run's shape. */
typedef int demo_command_fn(struct store *st, int argc, char **argv, struct strbuf *out, struct err *e);

/* Builds the demo council in st by running each line of the script through
 * run (the command line's own dispatcher). */
int demo_run(struct store *st, demo_command_fn *run, struct err *e);

#endif
