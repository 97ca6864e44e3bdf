/*
 * ctx: a command of the scripting interface as its handler sees it: the
 * command's row of the table (its options written once, as struct
 * cli_opt), the positional arguments and options parsed against it, the
 * store, where to put the output and the error.
 *
 * The table is in tui/cli/cli.c; the handlers, one per row, are declared
 * in tui/cli/cmd.h.
 */
#ifndef GAVEL_CLI_CTX_H
#define GAVEL_CLI_CTX_H

#include <stdbool.h>

#include "store/store.h"

/* An option may be given several times ... */
#define OPT_REPEATS 1u
/* ... or must be given. */
#define OPT_REQUIRED 2u

/* One option of a command, written once: the usage line, `gavel help
 * CMD`, the man page and the parser all read it. */
struct cli_opt {
	const char *name;  /* "time" is --time; one letter, "o", is -o */
	const char *value; /* what the value is ("HH:MM"); NULL for a flag */
	unsigned flags;    /* OPT_REPEATS, OPT_REQUIRED */
	const char *help;  /* one line, N_() */
};

struct ctx;

struct command {
	const char *name; /* one or two words */
	const char *args; /* the positional arguments of the usage line */
	const char *help; /* one line, N_() */
	const struct cli_opt *opts; /* ends with a row whose name is NULL */
	int min_args, max_args;     /* max -1: any number */
	bool writes;                /* runs in a transaction */
	int (*run)(struct ctx *c);  /* NULL: run before a database is opened */
};

/* An option as given: its row of the command's options, and its value
 * (NULL for a flag). */
struct opt_given {
	const struct cli_opt *opt;
	const char *value;
};

struct ctx {
	struct store *st;
	const struct command *cmd;
	int argc; /* positional arguments */
	char **argv;
	struct opt_given *opts;
	size_t nopts, alloc;
	bool json;
	struct strbuf *out;
	struct err *e;
};

/* The value of option `name` given last ("" for a flag), or NULL if it
 * was not given. name must be one of the command's options. */
const char *opt_value(const struct ctx *c, const char *name);
/* Was the flag (or option) given? */
bool opt_flag(const struct ctx *c, const char *name);
/* Every value of a repeatable option, in order: *n of them, in an array
 * the caller frees (the strings are argv's). */
char **opt_values(const struct ctx *c, const char *name, size_t *n);

/* Positional argument i, or all of standard input (without its trailing
 * newlines, in sb) when it is "-": a TEXT argument. NULL on a read error
 * (e set). */
const char *ctx_text(struct ctx *c, int i, struct strbuf *sb);

/*
 * Parses argv (after the command's name) against cmd's options into c:
 * positional arguments, options ("--name VALUE", "--name=VALUE", "-o
 * VALUE"; "--" ends the options; a negative number is an argument), the
 * required options and the number of arguments. E_USAGE_CMD and the
 * other usage codes on refusal. ctx_release frees what it holds.
 */
int ctx_parse(struct ctx *c, const struct command *cmd, int argc, char **argv);
void ctx_release(struct ctx *c);

/* "-o" or "--name" into sb: the option as it is typed. */
void cli_opt_name(const struct cli_opt *o, struct strbuf *sb);
/* "gavel NAME ARGS [--opt VALUE]... " into sb: the usage line. */
void cli_usage_line(const struct command *cmd, struct strbuf *sb);

#endif
