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
#include "core/doc/invite.h"
#include "core/doc/protocol.h"
#include "core/doc/report.h"
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
	app_refuse(app, E_FORMAT_NOT_OFFERED, buf, label);
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
	if (f < 0)
		return;
	char *name = protocol_file_name(ref, paragraph, (enum doc_format)f, NULL), path[PATH_MAX + 256];
	where(name, path, sizeof path);
	struct err e;
	if (protocol_export(app->st, ref, paragraph, (enum doc_format)f, NULL, path, &e))
		app_message(app, true, "%s", e.msg);
	else if (paragraph)
		app_message(app, false, _("the extract of § %d is in %s"), paragraph, path);
	else
		app_message(app, false, _("the protocol is in %s"), path);
	free(name);
}

void docs_invite(struct app *app, const char *ref)
{
	static const char *const formats[] = { "pdf", "ics", "txt" };
	int f = ask_format(app, formats, (int)ARRAY_SIZE(formats));
	if (f < 0)
		return;
	char *name = invite_file_name(ref, (enum doc_format)f, NULL), path[PATH_MAX + 256];
	where(name, path, sizeof path);
	struct err e;
	if (invite_export(app->st, ref, (enum doc_format)f, NULL, path, &e))
		app_message(app, true, "%s", e.msg);
	else
		app_message(app, false, _("the invitation is in %s"), path);
	free(name);
}

void docs_report(struct app *app)
{
	char year[8];
	snprintf(year, sizeof year, "%.4s", app->today);
	if (!prompt_line(app, _("The yearly report for the year:"), year, sizeof year, NULL, 0))
		return;
	char *end;
	long y = strtol(year, &end, 10);
	if (*end || y < 1900 || y > 2999) {
		app_refuse(app, E_NOT_A_YEAR, year);
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
	char *by[32];
	int n = 0;
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t && n < 32; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		size_t l = strlen(t);
		while (l && t[l - 1] == ' ')
			t[--l] = '\0';
		if (*t)
			by[n++] = t;
	}
	struct strbuf report = { 0 };
	struct err e;
	bool ok = app_tx_begin(app) &&
		  app_tx_end(app, adjust_sign(app->st, ref, by, n, paragraph, false, &report, &e), &e);
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
