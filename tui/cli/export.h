/*
 * cli_export: the command-line handlers of the documents: export of the
 * protocol and its extracts, the invitation, the yearly report, and the
 * adjustment signatures. Each is a row of the command table in cli.c.
 */
#ifndef GAVEL_CLI_EXPORT_H
#define GAVEL_CLI_EXPORT_H

#include "tui/cli/ctx.h"

int cli_export(struct ctx *c);
int cli_invite(struct ctx *c);
int cli_report_goals(struct ctx *c);
int cli_adjust(struct ctx *c);
int cli_verify(struct ctx *c);

/* gavel verify FILE needs no database: cli_main runs it before opening
 * one when the argument is a file. Returns the exit status. */
bool cli_verify_is_file(const char *arg);
int cli_verify_file(const char *path);

#endif
