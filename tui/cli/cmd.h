/*
 * cmd: the handlers of the commands, one per row of the table in
 * tui/cli/cli.c, by area: the council, its bodies and people
 * (cmd_council.c), goals (cmd_goal.c), the suggestion box
 * (cmd_proposal.c), meetings and their minutes (cmd_meeting.c), actions
 * (cmd_action.c), documents and adjustment (cmd_docs.c), and the shared
 * folder (cmd_sync.c).
 *
 * A handler reads its arguments and options from c (tui/cli/ctx.h),
 * resolves what was typed once (tui/cli/parse.h), calls the services of
 * core/ with ids, and appends what it shows to c->out. It returns 0, or -1
 * with c->e set; cli_run rolls the transaction back and drops its output.
 */
#ifndef GAVEL_CLI_CMD_H
#define GAVEL_CLI_CMD_H

#include "tui/cli/ctx.h"

/* cmd_council.c */
int cmd_init(struct ctx *c);
int cmd_overview(struct ctx *c);
int cmd_body_add(struct ctx *c);
int cmd_body_list(struct ctx *c);
int cmd_person_add(struct ctx *c);
int cmd_member_add(struct ctx *c);
int cmd_member_list(struct ctx *c);
int cmd_whoami(struct ctx *c);
int cmd_search(struct ctx *c);
int cmd_dump(struct ctx *c);

/* cmd_goal.c */
int cmd_goal_add(struct ctx *c);
int cmd_goal_reading(struct ctx *c);
int cmd_goal_list(struct ctx *c);

/* cmd_proposal.c */
int cmd_question_add(struct ctx *c);
int cmd_question_list(struct ctx *c);
int cmd_proposal_add(struct ctx *c);
int cmd_proposal_screen(struct ctx *c);
int cmd_proposal_set(struct ctx *c);
int cmd_proposal_list(struct ctx *c);
int cmd_proposal_agenda(struct ctx *c);

/* cmd_meeting.c */
int cmd_meeting_add(struct ctx *c);
int cmd_meeting_list(struct ctx *c);
int cmd_meeting_next(struct ctx *c);
int cmd_meeting_show(struct ctx *c);
int cmd_meeting_open(struct ctx *c);
int cmd_meeting_close(struct ctx *c);
int cmd_meeting_prepare(struct ctx *c);
int cmd_attend(struct ctx *c);
int cmd_item_add(struct ctx *c);
int cmd_item_postpone(struct ctx *c);
int cmd_item_move(struct ctx *c);
int cmd_note(struct ctx *c);
int cmd_decide(struct ctx *c);
int cmd_decision_list(struct ctx *c);

/* cmd_action.c */
int cmd_action_add(struct ctx *c);
int cmd_action_list(struct ctx *c);
int cmd_action_set(struct ctx *c);

/* cmd_docs.c */
int cmd_export(struct ctx *c);
int cmd_invite(struct ctx *c);
int cmd_report_goals(struct ctx *c);
int cmd_adjust(struct ctx *c);
int cmd_verify(struct ctx *c);
/* gavel verify FILE needs no database: cli_main runs it before opening
 * one when the argument is a file. Returns the exit status. */
bool cmd_verify_is_file(const char *arg);
int cmd_verify_file(const char *path);

/* cmd_sync.c; a passphrase comes from --passphrase-file FILE (its first
 * line), else $GAVEL_PASSPHRASE, else it is asked on the terminal (twice
 * when it is a new one). */
int cmd_share(struct ctx *c);
int cmd_passphrase(struct ctx *c);
int cmd_sync(struct ctx *c);
int cmd_conflicts(struct ctx *c);
int cmd_conflicts_resolve(struct ctx *c);
int cmd_members(struct ctx *c);
int cmd_members_remove(struct ctx *c);
int cmd_members_admit(struct ctx *c);
int cmd_check(struct ctx *c);
int cmd_repair(struct ctx *c);
/* `gavel join DIR`: makes the database at db_path from the shared folder
 * dir as the person `as` (NULL: asked); prints to stdout. Returns the
 * exit status. */
int cmd_join(const char *db_path, const char *dir, const char *as, const char *passphrase_file,
	     const char *council_fp);

#endif
