/*
 * docs: the documents from the interface, one key each: the protocol and
 * an extract of one paragraph (meeting screen), the invitation, the
 * adjustment signatures, and the yearly goals report (goals screen). Each
 * asks only what it must (the format, the signers, the year) and writes
 * the file in the current folder, named as `gavel export` names it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/adjust/adjust.h"
#include "core/council.h"
#include "core/doc/invite.h"
#include "core/doc/protocol.h"
#include "core/doc/report.h"
#include "core/limits.h"
#include "tui/app/tui.h"

/* Asks for a format among `allowed` (the first is the default); -1 on Esc
 * or a format that is not one of them (with a message). */
static int ask_format(struct app *app, const char *const *allowed, int n)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%s", allowed[0]);
	char label[256] = "";
	for (int i = 0; i < n; i++) {
		size_t l = strlen(label);
		snprintf(label + l, sizeof label - l, "%s%s", i ? ", " : "", allowed[i]);
	}
	char prompt[320];
	snprintf(prompt, sizeof prompt, _("Format (%s; Tab cycles):"), label);
	if (!prompt_line(app, prompt, buf, sizeof buf, allowed, n))
		return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(buf, allowed[i]))
			return doc_format_parse(buf);
	app_refuse(app, E_UNKNOWN_FORMAT, buf, label);
	return -1;
}

/* The full path of a file name in the current folder, for the message. */
static void where(const char *name, char *out, size_t size)
{
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd))
		snprintf(out, size, "%s/%s", cwd, name);
	else
		snprintf(out, size, "%s", name);
}

void docs_export(struct app *app, const char *ref, int paragraph)
{
	static const char *const formats[] = { "pdf", "odt", "html", "md", "txt" };
	int f = ask_format(app, formats, (int)ARRAY_SIZE(formats));
	struct meeting m;
	struct err e;
	if (f < 0)
		return;
	if (meeting_resolve(app->st, ref, &m, &e)) {
		app_message(app, true, "%s", e.msg);
		return;
	}
	char *name = protocol_file_name(&m, paragraph, (enum doc_format)f, NULL), path[PATH_MAX + 256];
	where(name, path, sizeof path);
	if (protocol_export(app->st, m.id, paragraph, (enum doc_format)f, NULL, path, &e))
		app_message(app, true, "%s", e.msg);
	else if (paragraph)
		app_message(app, false, _("the extract of § %d is in %s"), paragraph, path);
	else
		app_message(app, false, _("the protocol is in %s"), path);
	free(name);
	meeting_release(&m);
}

void docs_invite(struct app *app, const char *ref)
{
	static const char *const formats[] = { "pdf", "ics", "txt" };
	int f = ask_format(app, formats, (int)ARRAY_SIZE(formats));
	struct meeting m;
	struct err e;
	if (f < 0)
		return;
	if (meeting_resolve(app->st, ref, &m, &e)) {
		app_message(app, true, "%s", e.msg);
		return;
	}
	char *name = invite_file_name(&m, (enum doc_format)f, NULL), path[PATH_MAX + 256];
	where(name, path, sizeof path);
	if (invite_export(app->st, m.id, (enum doc_format)f, NULL, path, &e))
		app_message(app, true, "%s", e.msg);
	else
		app_message(app, false, _("the invitation is in %s"), path);
	free(name);
	meeting_release(&m);
}

void docs_report(struct app *app)
{
	char year[8];
	snprintf(year, sizeof year, "%.4s", app->today);
	if (!prompt_line(app, _("The yearly report for the year:"), year, sizeof year, NULL, 0))
		return;
	long y;
	if (strlen(year) != 4 || !parse_int(year, YEAR_MIN, YEAR_MAX, &y)) {
		app_refuse(app, E_BAD_YEAR, year);
		return;
	}
	static const char *const formats[] = { "pdf", "html", "md" };
	int f = ask_format(app, formats, (int)ARRAY_SIZE(formats));
	if (f < 0)
		return;
	char *name = report_file_name((int)y, (enum doc_format)f, NULL), path[PATH_MAX + 256];
	where(name, path, sizeof path);
	struct err e;
	if (report_goals_export(app->st, (int)y, (enum doc_format)f, NULL, path, &e))
		app_message(app, true, "%s", e.msg);
	else
		app_message(app, false, _("the report is in %s"), path);
	free(name);
}

bool docs_adjust(struct app *app, const char *ref, int paragraph, const struct strvec *adjusters,
		 const struct strvec *names)
{
	/* the signers, comma-separated: the adjusters chosen at the meeting */
	char buf[1024] = "";
	for (size_t i = 0; i < adjusters->n; i++) {
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "%s%s", i ? ", " : "", adjusters->v[i]);
	}
	if (!prompt_line(app, paragraph ? _("Adjust this paragraph now; signers, comma-separated:")
					 : _("Signers of the protocol, comma-separated (Tab completes a name):"),
			 buf, sizeof buf, (const char *const *)names->v, (int)names->n) || !buf[0])
		return false;
	struct person_ref *by = xcalloc(sizeof buf / 2 + 1, sizeof *by);
	size_t n = 0;
	struct meeting m = { 0 };
	struct err e;
	bool ok = meeting_resolve(app->st, ref, &m, &e) == 0;
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); ok && t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		size_t l = strlen(t);
		while (l && t[l - 1] == ' ')
			t[--l] = '\0';
		if (*t)
			ok = council_person_resolve(app->st, t, by[n++].id, &e) == 0;
	}
	if (!ok)
		app_message(app, true, "%s", e.msg);
	struct strbuf report = { 0 };
	ok = ok && app_tx_begin(app) &&
	     app_tx_end(app, adjust_sign(app->st, m.id, by, n, paragraph, false, &report, &e), &e);
	meeting_release(&m);
	free(by);
	if (ok) {
		/* the report's last line says what happened */
		while (report.len && report.buf[report.len - 1] == '\n')
			report.buf[--report.len] = '\0';
		const char *last = report.buf ? strrchr(report.buf, '\n') : NULL;
		app_message(app, false, "%s", last ? last + 1 : report.buf ? report.buf : "");
	}
	sb_release(&report);
	return ok;
}
