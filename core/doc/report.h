/*
 * report: the yearly follow-up of the goals for the steering group, as a
 * document (PDF, HTML, Markdown).
 *
 * A summary first (goals, priority efforts, the year's decisions, actions
 * done, ongoing and overdue, how the indicators moved); then each goal and
 * sub-goal with its task, indicator and timeline, the indicator's readings
 * over the years as a chart, the decisions of the year that concern it (a
 * decision concerns a goal when an action born from it serves the goal)
 * and its actions.
 */
#ifndef GAVEL_REPORT_H
#define GAVEL_REPORT_H

#include "core/doc/doc.h"
#include "store/store.h"

/* Builds the report for year (a calendar year, 1900–2999) in lang (NULL:
 * Swedish) into d, which the caller releases. Actions count as overdue
 * when still open past their due date at the end of the year (or today,
 * for the year that is running). */
int report_goals_build(struct store *st, int year, const char *lang, struct doc *d,
		       struct err *e);

/* Writes the report in format f (pdf, html or md) to path. This is what
 * `gavel report goals` and the goals screen's report key call. */
int report_goals_export(struct store *st, int year, enum doc_format f, const char *lang,
			const char *path, struct err *e);

/* "uppfoljning-2026.pdf" ("goals-report-2026.pdf" in English); caller frees. */
char *report_file_name(int year, enum doc_format f, const char *lang);

#endif
