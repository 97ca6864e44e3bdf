/*
 * cli_export: gavel export, invite, report, adjust and verify.
 *
 * Text forms go to standard output unless -o FILE is given; PDF and ODT
 * go to a file (-o FILE, else a name made from the meeting), whose name
 * is printed.
 */
#include "tui/cli/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/adjust/adjust.h"
#include "core/doc/invite.h"
#include "core/doc/protocol.h"
#include "core/doc/report.h"
#include "core/doc/verify.h"

static const char *opt(struct ctx *c, const char *name)
{
	for (int i = c->nopts - 1; i >= 0; i--)
		if (!strcmp(c->opts[i].name, name))
			return c->opts[i].value ? c->opts[i].value : "";
	return NULL;
}

/* The --format option, checked against the formats the command writes. */
static int format_opt(struct ctx *c, const char *allowed, const char *dflt)
{
	const char *s = opt(c, "format");
	if (!s)
		s = dflt;
	int f = doc_format_parse(s);
	size_t n = strlen(s);
	const char *p = allowed;
	bool ok = false;
	while (f >= 0 && *p) {
		size_t len = strcspn(p, "|");
		ok |= len == n && !strncmp(p, s, n);
		p += len + (p[len] == '|');
	}
	if (!ok)
		return errorf(c->e, E_USAGE, _("unknown format: %s (%s)"), s, allowed);
	return f;
}

static int lang_opt(struct ctx *c, const char **lang)
{
	*lang = opt(c, "lang");
	if (*lang && !doc_lang_valid(*lang))
		return errorf(c->e, E_USAGE, _("unknown document language: %s (sv or en)"), *lang);
	return 0;
}

/* Writes d in format f: to -o FILE, to standard output for a text form
 * without -o, else to default_name (and says so). */
static int save(struct ctx *c, const struct doc *d, enum doc_format f, const char *default_name)
{
	const char *path = opt(c, "o");
	if (path && !*path)
		return errorf(c->e, E_USAGE, _("-o needs a file name"));
	const struct doc_writer *w = doc_writer(f);
	bool text = w && w->text;
	if ((!path && text) || (path && !strcmp(path, "-"))) {
		if (!text)
			return errorf(c->e, E_USAGE, _("a %s file cannot go to standard output; give -o FILE"),
				      doc_format_ext(f));
		return doc_bytes(d, f, c->out, c->e);
	}
	if (doc_save(d, f, path ? path : default_name, c->e))
		return -1;
	sb_addf(c->out, "%s\n", path ? path : default_name);
	return 0;
}

int cli_export(struct ctx *c)
{
	const char *lang, *ps = opt(c, "paragraph");
	long para = 0;
	int f = format_opt(c, "pdf|odt|html|md|txt", "pdf");
	if (f < 0 || lang_opt(c, &lang))
		return -1;
	if (ps && !parse_int(ps, 1, 100000, &para))
		return errorf(c->e, E_INVALID, _("invalid paragraph number: %s"), ps);
	struct doc d;
	int rc = protocol_build(c->st, c->argv[0], (int)para, lang, (enum doc_format)f, &d, c->e);
	if (!rc) {
		char *name = protocol_file_name(c->argv[0], (int)para, (enum doc_format)f, d.lang);
		rc = save(c, &d, (enum doc_format)f, name);
		free(name);
	}
	doc_release(&d);
	return rc;
}

int cli_invite(struct ctx *c)
{
	const char *lang;
	int f = format_opt(c, "pdf|txt|ics|html|md", "pdf");
	if (f < 0 || lang_opt(c, &lang))
		return -1;
	if (f == DOC_FMT_ICS) {
		const char *path = opt(c, "o");
		struct strbuf sb = { 0 };
		int rc = invite_ics(c->st, c->argv[0], lang, NULL, &sb, c->e);
		if (!rc && path && strcmp(path, "-")) {
			rc = doc_write_file(path, sb.buf, sb.len, c->e);
			if (!rc)
				sb_addf(c->out, "%s\n", path);
		} else if (!rc) {
			sb_add(c->out, sb.buf, sb.len);
		}
		sb_release(&sb);
		return rc;
	}
	struct doc d;
	int rc = invite_build(c->st, c->argv[0], lang, &d, c->e);
	if (!rc) {
		char *name = invite_file_name(c->argv[0], (enum doc_format)f, d.lang);
		rc = save(c, &d, (enum doc_format)f, name);
		free(name);
	}
	doc_release(&d);
	return rc;
}

int cli_adjust(struct ctx *c)
{
	int n = 0;
	char **by = xcalloc((size_t)c->nopts + 1, sizeof *by);
	for (int i = 0; i < c->nopts; i++)
		if (!strcmp(c->opts[i].name, "by"))
			by[n++] = (char *)c->opts[i].value;
	const char *ps = opt(c, "paragraph");
	long para = 0;
	int rc = 0;
	if (ps && !parse_int(ps, 1, 100000, &para))
		rc = errorf(c->e, E_INVALID, _("invalid paragraph number: %s"), ps);
	if (!rc)
		rc = adjust_sign(c->st, c->argv[0], by, n, (int)para, opt(c, "on-paper") != NULL, c->out,
				 c->e);
	free(by);
	return rc;
}

bool cli_verify_is_file(const char *arg)
{
	struct stat sb;
	return stat(arg, &sb) == 0 && S_ISREG(sb.st_mode);
}

int cli_verify_file(const char *path)
{
	struct strbuf out = { 0 };
	struct err e;
	error_clear(&e);
	int rc = verify_file(path, &out, &e);
	if (rc) {
		fprintf(stderr, "gavel: %s\n", e.msg);
		rc = error_exit_status(e.code);
	} else {
		fwrite(out.buf, 1, out.len, stdout);
	}
	sb_release(&out);
	return rc;
}

int cli_verify(struct ctx *c)
{
	if (cli_verify_is_file(c->argv[0]))
		return verify_file(c->argv[0], c->out, c->e);
	return adjust_verify_meeting(c->st, c->argv[0], c->out, c->e);
}

int cli_report_goals(struct ctx *c)
{
	const char *lang, *ys = opt(c, "year");
	char today[DATE_SIZE];
	long year;
	int f = format_opt(c, "pdf|html|md", "pdf");
	if (f < 0 || lang_opt(c, &lang))
		return -1;
	clock_today(today);
	if (!ys)
		year = date_year(today);
	else if (!parse_int(ys, 1900, 2999, &year))
		return errorf(c->e, E_INVALID, _("invalid year: %s"), ys);
	struct doc d;
	int rc = report_goals_build(c->st, (int)year, lang, &d, c->e);
	if (!rc) {
		char *name = report_file_name((int)year, (enum doc_format)f, d.lang);
		rc = save(c, &d, (enum doc_format)f, name);
		free(name);
	}
	doc_release(&d);
	return rc;
}
