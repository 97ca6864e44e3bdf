/*
 * program: gavel around its commands. The global options (--db, --help,
 * --version, and --man-* for building the man page), the database to
 * open, the commands that run before one is open (demo, join, verify
 * FILE), and then either the full-screen interface or one command.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sync/sync.h"
#include "tui/app/tui.h"
#include "tui/cli/cli.h"
#include "tui/cli/cmd.h"
#include "tui/cli/demo.h"

char *cli_db_path(const char *opt_db)
{
	const char *env = getenv("GAVEL_DB");
	if (opt_db)
		return xstrdup(opt_db);
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/gavel/gavel.db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/gavel/gavel.db", home && *home ? home : ".");
}

/* The folder of the database, made like mkdir -p with mode 0700. */
static int make_parent(const char *path, struct err *e)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
		if (mkdir(dir, 0700) && errno != EEXIST)
			rc = error(e, E_IO, dir, strerror(errno));
	}
	free(dir);
	return rc;
}

/* Removes the database and its WAL files; a file that is not there is no
 * error. */
static int remove_db(const char *path, struct err *e)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < ARRAY_SIZE(suffix); i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		int rc = unlink(p);
		if (rc && errno != ENOENT) {
			error(e, E_IO, p, strerror(errno));
			free(p);
			return -1;
		}
		free(p);
	}
	return 0;
}

static int run_demo(const char *path, bool force, struct err *e)
{
	struct store *st = NULL;
	struct stat sb;
	if (stat(path, &sb) == 0) {
		char *name = NULL;
		if (store_open(path, false, e, &st))
			return -1;
		int rc = store_council_get(st, &name, e);
		store_close(st);
		st = NULL;
		if (rc < 0)
			return -1;
		if (rc == 0 && !force) {
			error(e, E_DEMO_EXISTS, path, name);
			free(name);
			return -1;
		}
		free(name);
		if (remove_db(path, e))
			return -1;
	}
	if (make_parent(path, e) || store_open(path, true, e, &st))
		return -1;
	int rc = demo_run(st, cli_run, e);
	store_close(st);
	if (rc) {
		remove_db(path, NULL);
		return -1;
	}
	printf(_("created the demo council in %s\n"), path);
	return 0;
}

/* The demo and join commands run before a database is open: their
 * arguments parsed against their rows of the table. */
static int run_unopened(const char *path, int argc, char **argv)
{
	int used, rc = 0;
	struct err e;
	struct ctx c = { .e = &e };
	error_clear(&e);
	const struct command *cmd = cli_find(argc, argv, &used);
	if (ctx_parse(&c, cmd, argc - used, argv + used)) {
		rc = -1;
	} else if (!strcmp(cmd->name, "demo")) {
		rc = run_demo(path, opt_flag(&c, "force"), &e);
	} else {
		int status = cmd_join(path, c.argv[0], opt_value(&c, "as"), opt_value(&c, "passphrase-file"),
				      opt_value(&c, "council"));
		ctx_release(&c);
		return status;
	}
	ctx_release(&c);
	if (!rc)
		return 0;
	fprintf(stderr, "gavel: %s\n", e.msg);
	return error_exit_status(e.code);
}

/* Opens the database (made when it is created: `init`, or a terminal's
 * first run) and runs the interface or the command. */
static int run_opened(const char *path, int argc, char **argv)
{
	struct err e;
	error_clear(&e);
	bool create = argc >= 1 && !strcmp(argv[0], "init");
	/* the interface on a terminal offers to create a council (or the demo)
	 * when there is none yet */
	bool interactive = argc == 0 && (tui_headless() || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)));
	struct stat sb;
	bool fresh = interactive && stat(path, &sb) != 0;
	if (fresh)
		create = true;
	struct store *st = NULL;
	if ((create && make_parent(path, &e)) || store_open(path, create, &e, &st)) {
		fprintf(stderr, "gavel: %s\n", e.msg);
		return error_exit_status(e.code);
	}
	int status = 0;
	if (!create || fresh) {
		char *name = NULL;
		int rc = store_council_get(st, &name, &e);
		free(name);
		if (rc == 1 && interactive) {
			status = tui_run(st);
			rc = store_council_get(st, &name, &e);
			free(name);
			store_close(st);
			if (rc == 1 && fresh)
				remove_db(path, NULL); /* left without creating anything */
			return status;
		}
		/* a machine that asked to join has no council before its admission:
		 * its sync looks for it */
		bool waiting = rc == 1 && argc >= 1 && !strcmp(argv[0], "sync");
		if (rc && !waiting) {
			if (rc == 1)
				error(&e, E_NO_COUNCIL, path);
			fprintf(stderr, "gavel: %s\n", e.msg);
			store_close(st);
			return error_exit_status(e.code);
		}
	}
	/* the guard refuses what this machine may not write (sync.h) */
	if (sync_guard_refresh(st, &e)) {
		fprintf(stderr, "gavel: %s\n", e.msg);
		store_close(st);
		return error_exit_status(e.code);
	}
	if (interactive) {
		status = tui_run(st);
		store_close(st);
		return status;
	}
	struct strbuf out = { 0 };
	char *overview[] = { "overview" };
	if (argc == 0)
		status = cli_run(st, 1, overview, &out, &e);
	else
		status = cli_run(st, argc, argv, &out, &e);
	if (out.len)
		fwrite(out.buf, 1, out.len, stdout);
	if (status)
		fprintf(stderr, "gavel: %s\n", e.msg);
	sb_release(&out);
	store_close(st);
	return status;
}

int cli_main(int argc, char **argv)
{
	const char *db_opt = NULL;
	int i = 1;
	/* global options before the command */
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			db_opt = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			db_opt = argv[i] + 5;
		} else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
			i++; /* handled in main() before anything is printed */
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_print_help(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--man-keys")) {
			keys_print_man(stdout); /* for building the man page */
			return 0;
		} else if (!strcmp(argv[i], "--man-commands")) {
			cli_print_man(stdout); /* for building the man page */
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			puts("gavel 0.1");
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			struct err e;
			error(&e, E_UNKNOWN_GLOBAL_OPTION, argv[i]);
			fprintf(stderr, "gavel: %s\n", e.msg);
			return error_exit_status(e.code);
		} else {
			break;
		}
	}
	argc -= i;
	argv += i;
	if (argc >= 1 && !strcmp(argv[0], "help")) {
		if (argc == 1) {
			cli_print_help(stdout);
			return 0;
		}
		return cli_help_command(argc - 1, argv + 1);
	}
	/* a document carries what verifying it needs: no database */
	if (argc == 2 && !strcmp(argv[0], "verify") && cmd_verify_is_file(argv[1]))
		return cmd_verify_file(argv[1]);
	char *path = cli_db_path(db_opt);
	int status;
	if (argc >= 1 && (!strcmp(argv[0], "demo") || !strcmp(argv[0], "join")))
		status = run_unopened(path, argc, argv);
	else
		status = run_opened(path, argc, argv);
	free(path);
	return status;
}
