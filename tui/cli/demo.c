/*
 * demo: builds the demo council by running the script tui/cli/demo.gavel (compiled
 * in as demo_script) through the same commands a user types.
 *
 * Script lines are gavel commands without the word "gavel", split like a
 * shell: "double quotes" (with \" and \\), 'single quotes', a trailing
 * backslash continues a line, # starts a comment line. Inside tokens,
 * {today}, {today-N}, {today+N} become dates and {year}, {year-N} years,
 * so the demo is always current; "@name command" keeps the command's output
 * (an id) and a later token "@name" is replaced by it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/cli/demo.h"

extern const char demo_script[];

/* The kept outputs: name[i] holds value[i]. */
struct vars {
	struct strvec name, value;
};

static const char *var_get(const struct vars *v, const char *name)
{
	for (size_t i = 0; i < v->name.n; i++)
		if (!strcmp(v->name.v[i], name))
			return v->value.v[i];
	return NULL;
}

/* Expands {today±N} and {year-N} in a token. */
static char *expand(const char *tok, const char *today)
{
	struct strbuf sb = { 0 };
	const char *p = tok;
	while (*p) {
		const char *close;
		if (*p == '{' && (close = strchr(p, '}'))) {
			char *key = strndup(p + 1, (size_t)(close - p - 1));
			bool known = true;
			if (!strncmp(key, "today", 5)) {
				char d[DATE_SIZE];
				date_add_days(today, atoi(key + 5), d);
				sb_adds(&sb, d);
			} else if (!strncmp(key, "year", 4)) {
				sb_addf(&sb, "%d", date_year(today) + atoi(key + 4));
			} else {
				known = false;
			}
			free(key);
			if (known) {
				p = close + 1;
				continue;
			}
		}
		sb_addc(&sb, *p++);
	}
	return sb_detach(&sb);
}

/* Splits one logical line into tokens; returns the count. */
static int split(const char **pp, struct strvec *toks, int *lineno)
{
	const char *p = *pp;
	struct strbuf tok = { 0 };
	bool in_tok = false;
	while (*p) {
		if (*p == '\\' && p[1] == '\n') { /* continuation */
			p += 2;
			(*lineno)++;
			continue;
		}
		if (*p == '\n') {
			p++;
			(*lineno)++;
			break;
		}
		if (*p == ' ' || *p == '\t') {
			if (in_tok) {
				strvec_push(toks, tok.buf ? tok.buf : "");
				sb_reset(&tok);
				in_tok = false;
			}
			p++;
			continue;
		}
		if (*p == '#' && !in_tok && toks->n == 0) {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		in_tok = true;
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				if (*p == '\n')
					(*lineno)++;
				sb_addc(&tok, *p);
			}
			if (*p)
				p++;
			if (!tok.buf)
				sb_adds(&tok, "");
			continue;
		}
		if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				sb_addc(&tok, *p);
			if (*p)
				p++;
			if (!tok.buf)
				sb_adds(&tok, "");
			continue;
		}
		sb_addc(&tok, *p++);
	}
	if (in_tok)
		strvec_push(toks, tok.buf ? tok.buf : "");
	sb_release(&tok);
	*pp = p;
	return (int)toks->n;
}

int demo_run(struct store *st, demo_command_fn *run, struct err *e)
{
	char today[DATE_SIZE];
	struct vars vars = { 0 };
	const char *p = demo_script;
	int lineno = 1, rc = 0;
	clock_today(today);
	if (store_begin(st, e))
		return -1;
	while (*p && !rc) {
		struct strvec toks = { 0 };
		int line = lineno;
		split(&p, &toks, &lineno);
		if (toks.n == 0) {
			strvec_release(&toks);
			continue;
		}
		const char *capture = NULL;
		size_t first = 0;
		if (toks.v[0][0] == '@') {
			capture = toks.v[0] + 1;
			first = 1;
		}
		char **argv = xcalloc(toks.n + 1, sizeof *argv);
		int argc = 0;
		for (size_t i = first; i < toks.n; i++) {
			const char *val = toks.v[i][0] == '@' ? var_get(&vars, toks.v[i] + 1) : NULL;
			argv[argc++] = val ? xstrdup(val) : expand(toks.v[i], today);
		}
		struct strbuf out = { 0 };
		if (run(st, argc, argv, &out, e)) {
			char *msg = xstrdup(e->msg);
			error(e, E_DEMO_LINE, line, argc ? argv[0] : "", msg);
			free(msg);
			rc = -1;
		} else if (capture) {
			while (out.len && out.buf[out.len - 1] == '\n')
				out.buf[--out.len] = '\0';
			strvec_push(&vars.name, capture);
			strvec_push(&vars.value, out.buf ? out.buf : "");
		}
		sb_release(&out);
		for (int i = 0; i < argc; i++)
			free(argv[i]);
		free(argv);
		strvec_release(&toks);
	}
	strvec_release(&vars.name);
	strvec_release(&vars.value);
	if (rc) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, e);
}
