/* ctx: a command's arguments and options, parsed against its row of the
 * table (see ctx.h). */
#include "tui/cli/ctx.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/file.h"

/* The command's option called name, or NULL. */
static const struct cli_opt *find_opt(const struct command *cmd, const char *name, size_t len)
{
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		if (strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	return NULL;
}

const char *opt_value(const struct ctx *c, const char *name)
{
	assert(find_opt(c->cmd, name, strlen(name)) && "an option the command does not declare");
	for (size_t i = c->nopts; i-- > 0;)
		if (!strcmp(c->opts[i].opt->name, name))
			return c->opts[i].value ? c->opts[i].value : "";
	return NULL;
}

bool opt_flag(const struct ctx *c, const char *name)
{
	return opt_value(c, name) != NULL;
}

char **opt_values(const struct ctx *c, const char *name, size_t *n)
{
	assert(find_opt(c->cmd, name, strlen(name)) && "an option the command does not declare");
	char **v = xcalloc(c->nopts + 1, sizeof *v);
	*n = 0;
	for (size_t i = 0; i < c->nopts; i++)
		if (!strcmp(c->opts[i].opt->name, name))
			v[(*n)++] = (char *)c->opts[i].value;
	return v;
}

const char *ctx_text(struct ctx *c, int i, struct strbuf *sb)
{
	assert(i >= 0 && i < c->argc);
	if (strcmp(c->argv[i], "-"))
		return c->argv[i];
	if (file_read_fd(STDIN_FILENO, "stdin", sb, c->e))
		return NULL;
	while (sb->len && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
	return sb->buf ? sb->buf : "";
}

void cli_opt_name(const struct cli_opt *o, struct strbuf *sb)
{
	sb_adds(sb, o->name[1] ? "--" : "-");
	sb_adds(sb, o->name);
}

/* Sets e to code with the option as it is written ("-o", "--name") and
 * the command's name; returns -1. */
static int refuse_opt(struct ctx *c, enum err_code code, const struct cli_opt *o)
{
	struct strbuf sb = { 0 };
	cli_opt_name(o, &sb);
	error(c->e, code, sb.buf, c->cmd->name);
	sb_release(&sb);
	return -1;
}

/* "-o FILE" or "--name VALUE", as the usage line writes it. */
static void add_opt_name(struct strbuf *sb, const struct cli_opt *o)
{
	cli_opt_name(o, sb);
	if (o->value) {
		sb_addc(sb, ' ');
		sb_adds(sb, o->value);
	}
}

void cli_usage_line(const struct command *cmd, struct strbuf *sb)
{
	sb_addf(sb, "gavel %s", cmd->name);
	if (cmd->args[0])
		sb_addf(sb, " %s", cmd->args);
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++) {
		bool required = o->flags & OPT_REQUIRED;
		sb_adds(sb, required ? " " : " [");
		add_opt_name(sb, o);
		sb_adds(sb, required ? "" : "]");
		if (o->flags & OPT_REPEATS)
			sb_adds(sb, "...");
	}
}

static bool is_negative_number(const char *s)
{
	return s[0] == '-' && ((s[1] >= '0' && s[1] <= '9') || s[1] == '.');
}

static void push_opt(struct ctx *c, const struct cli_opt *o, const char *value)
{
	ALLOC_GROW(c->opts, c->nopts + 1, c->alloc);
	c->opts[c->nopts].opt = o;
	c->opts[c->nopts++].value = value;
	if (!strcmp(o->name, "json"))
		c->json = true;
}

/* One option at argv[*i]: its row, and its value from "=VALUE" or the
 * next argument. */
static int parse_opt(struct ctx *c, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	bool short_opt = a[1] != '-';
	const char *start = a + (short_opt ? 1 : 2); /* -o is --o */
	const char *eq = short_opt ? NULL : strchr(start, '=');
	size_t n = eq ? (size_t)(eq - start) : strlen(start);
	const struct cli_opt *o = find_opt(c->cmd, start, n);
	if (!o) {
		char *shown = short_opt ? xstrdup(a) : xasprintf("--%.*s", (int)n, start);
		error(c->e, E_UNKNOWN_OPTION, shown, c->cmd->name);
		free(shown);
		return -1;
	}
	const char *value = NULL;
	if (o->value) {
		if (eq)
			value = eq + 1;
		else if (*i + 1 < argc)
			value = argv[++*i];
		else
			return refuse_opt(c, E_OPTION_NEEDS_VALUE, o);
	} else if (eq) {
		return refuse_opt(c, E_OPTION_TAKES_NO_VALUE, o);
	}
	push_opt(c, o, value);
	return 0;
}

int ctx_parse(struct ctx *c, const struct command *cmd, int argc, char **argv)
{
	bool only_args = false;
	c->cmd = cmd;
	c->argc = 0;
	c->argv = xcalloc((size_t)argc + 1, sizeof *c->argv);
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		if (!only_args && !strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		if (only_args || a[0] != '-' || !a[1] || is_negative_number(a)) {
			c->argv[c->argc++] = a;
			continue;
		}
		/* "-abc" is no option of gavel's */
		if (a[1] != '-' && a[2])
			return error(c->e, E_UNKNOWN_OPTION, a, cmd->name);
		if (parse_opt(c, argc, argv, &i))
			return -1;
	}
	if (c->argc < cmd->min_args || (cmd->max_args >= 0 && c->argc > cmd->max_args)) {
		struct strbuf sb = { 0 };
		cli_usage_line(cmd, &sb);
		error(c->e, E_USAGE_CMD, sb.buf);
		sb_release(&sb);
		return -1;
	}
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		if ((o->flags & OPT_REQUIRED) && !opt_flag(c, o->name))
			return refuse_opt(c, E_OPTION_REQUIRED, o);
	return 0;
}

void ctx_release(struct ctx *c)
{
	free(c->argv);
	free(c->opts);
	c->argv = NULL;
	c->opts = NULL;
	c->argc = 0;
	c->nopts = c->alloc = 0;
}
