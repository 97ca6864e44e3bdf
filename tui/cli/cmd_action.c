/* cmd_action: actions, their status and progress notes (see cmd.h). */
#include "core/action.h"
#include "core/council.h"
#include "tui/cli/cmd.h"
#include "tui/cli/parse.h"
#include "tui/cli/print.h"

int cmd_action_add(struct ctx *c)
{
	char id[ID_LEN + 1], decision[ID_LEN + 1], goal[ID_LEN + 1];
	const char *dref = opt_value(c, "decision"), *code = opt_value(c, "goal");
	struct action_input in = {
		.title = c->argv[0],
		.description = opt_value(c, "text"),
		.due = opt_value(c, "due"),
		.decision_id = dref ? decision : NULL,
		.goal_id = code ? goal : NULL,
	};
	if (action_owner_resolve(c->st, opt_value(c, "owner"), &in.owner, c->e) ||
	    (dref && parse_decision(c->st, dref, decision, c->e)) ||
	    (code && council_goal_resolve(c->st, code, goal, c->e)) || action_add(c->st, &in, id, c->e))
		return -1;
	sb_addf(c->out, "%.8s\n", id);
	return 0;
}

int cmd_action_list(struct ctx *c)
{
	struct action_owner owner;
	const char *who = opt_value(c, "owner");
	struct action_query q = { .owner = who ? &owner : NULL, .status = opt_value(c, "status"),
				  .overdue = opt_flag(c, "overdue"), .notes = true };
	struct action_list l = { 0 };
	char today[DATE_SIZE];
	if (who && action_owner_resolve(c->st, who, &owner, c->e))
		return -1;
	clock_today(today);
	int rc = action_list(c->st, &q, &l, c->e);
	if (!rc)
		print_action_list(&l, today, c->json, c->out);
	action_list_release(&l);
	return rc;
}

int cmd_action_set(struct ctx *c)
{
	char id[ID_LEN + 1], author[ID_LEN + 1];
	const char *by = opt_value(c, "by");
	if (action_resolve(c->st, c->argv[0], id, c->e) || (by && council_person_resolve(c->st, by, author, c->e)))
		return -1;
	return action_update(c->st, id, opt_value(c, "status"), opt_value(c, "note"), by ? author : NULL,
			     opt_value(c, "date"), c->e);
}
