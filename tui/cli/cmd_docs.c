/*
 * cmd_docs: gavel export, invite, report, adjust and verify (see cmd.h).
 *
 * Text forms go to standard output unless -o FILE is given; PDF and ODT
 * go to a file (-o FILE, else a name made from the meeting), whose name
 * is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/adjust/adjust.h"
#include "core/doc/invite.h"
#include "core/doc/protocol.h"
#include "core/doc/report.h"
#include "core/doc/verify.h"
#include "tui/cli/cmd.h"
#include "tui/cli/parse.h"

/* The --format option, checked against the formats the command writes. */
static int format_opt(struct ctx *c, const char *allowed, const char *dflt)
{
	const char *s = opt_value(c, "format");
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
		return error(c->e, E_UNKNOWN_FORMAT, s, allowed);
	return f;
}

static int lang_opt(struct ctx *c, const char **lang)
{
	*lang = opt_value(c, "lang");
	if (*lang && !doc_lang_valid(*lang))
		return error(c->e, E_DOC_LANG, *lang);
	return 0;
}

/* Writes d in format f: to -o FILE, to standard output for a text form
 * without -o, else to default_name (and says so). */
static int save(struct ctx *c, const struct doc *d, enum doc_format f, const char *default_name)
{
	const char *path = opt_value(c, "o");
	if (path && !*path)
		return error(c->e, E_OPTION_NEEDS_VALUE, "-o", c->cmd->name);
	const struct doc_writer *w = doc_writer(f);
	bool text = w && w->text;
	if ((!path && text) || (path && !strcmp(path, "-"))) {
		if (!text)
			return error(c->e, E_NOT_TO_STDOUT, doc_format_ext(f));
		return doc_bytes(d, f, c->out, c->e);
	}
	if (doc_save(d, f, path ? path : default_name, c->e))
		return -1;
	sb_addf(c->out, "%s\n", path ? path : default_name);
	return 0;
}

int cmd_export(struct ctx *c)
{
	const char *lang, *ps = opt_value(c, "paragraph");
	int para = 0;
	struct meeting m;
	int f = format_opt(c, "pdf|odt|html|md|txt", "pdf");
	if (f < 0 || lang_opt(c, &lang) || (ps && parse_paragraph(ps, &para, c->e)) ||
	    meeting_resolve(c->st, c->argv[0], &m, c->e))
		return -1;
	struct doc d;
	int rc = protocol_build(c->st, m.id, para, lang, (enum doc_format)f, &d, c->e);
	if (!rc) {
		char *name = protocol_file_name(&m, para, (enum doc_format)f, d.lang);
		rc = save(c, &d, (enum doc_format)f, name);
		free(name);
	}
	doc_release(&d);
	meeting_release(&m);
	return rc;
}

int cmd_invite(struct ctx *c)
{
	const char *lang;
	struct meeting m;
	int f = format_opt(c, "pdf|txt|ics|html|md", "pdf");
	if (f < 0 || lang_opt(c, &lang) || meeting_resolve(c->st, c->argv[0], &m, c->e))
		return -1;
	int rc;
	if (f == DOC_FMT_ICS) {
		const char *path = opt_value(c, "o");
		struct strbuf sb = { 0 };
		rc = invite_ics(c->st, m.id, lang, NULL, &sb, c->e);
		if (!rc && path && strcmp(path, "-")) {
			rc = doc_write_file(path, sb.buf, sb.len, c->e);
			if (!rc)
				sb_addf(c->out, "%s\n", path);
		} else if (!rc) {
			sb_add(c->out, sb.buf, sb.len);
		}
		sb_release(&sb);
	} else {
		struct doc d;
		rc = invite_build(c->st, m.id, lang, &d, c->e);
		if (!rc) {
			char *name = invite_file_name(&m, (enum doc_format)f, d.lang);
			rc = save(c, &d, (enum doc_format)f, name);
			free(name);
		}
		doc_release(&d);
	}
	meeting_release(&m);
	return rc;
}

int cmd_adjust(struct ctx *c)
{
	size_t n;
	int para = 0;
	struct meeting m;
	struct person_ref *by = NULL;
	const char *ps = opt_value(c, "paragraph");
	char **names = opt_values(c, "by", &n);
	int rc = -1;
	if (!(ps && parse_paragraph(ps, &para, c->e)) && !meeting_resolve(c->st, c->argv[0], &m, c->e)) {
		if (!parse_people(c->st, names, n, &by, c->e))
			rc = adjust_sign(c->st, m.id, by, n, para, opt_flag(c, "on-paper"), c->out, c->e);
		meeting_release(&m);
	}
	free(by);
	free(names);
	return rc;
}

bool cmd_verify_is_file(const char *arg)
{
	struct stat sb;
	return stat(arg, &sb) == 0 && S_ISREG(sb.st_mode);
}

int cmd_verify_file(const char *path)
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

int cmd_verify(struct ctx *c)
{
	struct meeting m;
	if (cmd_verify_is_file(c->argv[0]))
		return verify_file(c->argv[0], c->out, c->e);
	if (meeting_resolve(c->st, c->argv[0], &m, c->e))
		return -1;
	int rc = adjust_verify_meeting(c->st, m.id, c->out, c->e);
	meeting_release(&m);
	return rc;
}

int cmd_report_goals(struct ctx *c)
{
	const char *lang, *ys = opt_value(c, "year");
	char today[DATE_SIZE];
	int year;
	int f = format_opt(c, "pdf|html|md", "pdf");
	if (f < 0 || lang_opt(c, &lang))
		return -1;
	clock_today(today);
	if (!ys)
		year = date_year(today);
	else if (parse_year(ys, &year, c->e))
		return -1;
	struct doc d;
	int rc = report_goals_build(c->st, year, lang, &d, c->e);
	if (!rc) {
		char *name = report_file_name(year, (enum doc_format)f, d.lang);
		rc = save(c, &d, (enum doc_format)f, name);
		free(name);
	}
	doc_release(&d);
	return rc;
}
