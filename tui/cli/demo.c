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

#define MAX_VARS 64

struct vars {
	char *name[MAX_VARS], *value[MAX_VARS];
	int n;
};

static const char *var_get(const struct vars *v, const char *name)
{
	for (int i = 0; i < v->n; i++)
		if (!strcmp(v->name[i], name))
			return v->value[i];
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
			char key[32];
			size_t n = (size_t)(close - p - 1);
			if (n < sizeof key) {
				memcpy(key, p + 1, n);
				key[n] = '\0';
				if (!strncmp(key, "today", 5)) {
					char d[11];
					date_add_days(today, atoi(key + 5), d);
					sb_adds(&sb, d);
					p = close + 1;
					continue;
				}
				if (!strncmp(key, "year", 4)) {
					sb_addf(&sb, "%d", date_year(today) + atoi(key + 4));
					p = close + 1;
					continue;
				}
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
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			errorf(e, E_INVALID, _("demo script line %d (%s): %s"), line, argc ? argv[0] : "", msg);
			rc = -1;
		} else if (capture && vars.n < MAX_VARS) {
			while (out.len && out.buf[out.len - 1] == '\n')
				out.buf[--out.len] = '\0';
			vars.name[vars.n] = xstrdup(capture);
			vars.value[vars.n++] = xstrdup(out.buf ? out.buf : "");
		}
		sb_release(&out);
		for (int i = 0; i < argc; i++)
			free(argv[i]);
		free(argv);
		strvec_release(&toks);
	}
	for (int i = 0; i < vars.n; i++) {
		free(vars.name[i]);
		free(vars.value[i]);
	}
	if (rc) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, e);
}
