/* cmd_goal: the goals and their indicator readings (see cmd.h). */
#include "core/council.h"
#include "tui/cli/cmd.h"
#include "tui/cli/parse.h"
#include "tui/cli/print.h"

int cmd_goal_add(struct ctx *c)
{
	struct goal g = { 0 };
	g.code = c->argv[0];
	g.title = c->argv[1];
	g.parent_code = (char *)opt_value(c, "parent");
	g.task = (char *)opt_value(c, "task");
	g.local = (char *)opt_value(c, "local");
	g.regional = (char *)opt_value(c, "regional");
	g.national = (char *)opt_value(c, "national");
	g.indicator = (char *)opt_value(c, "indicator");
	g.timeline = (char *)opt_value(c, "timeline");
	g.priority = opt_flag(c, "priority");
	return council_goal_add(c->st, &g, c->e);
}

int cmd_goal_reading(struct ctx *c)
{
	char id[ID_LEN + 1];
	int year;
	double value;
	if (parse_year(c->argv[1], &year, c->e) || parse_value(c->argv[2], &value, c->e) ||
	    council_goal_resolve(c->st, c->argv[0], id, c->e))
		return -1;
	return council_goal_reading(c->st, id, year, value, opt_value(c, "comment"), c->e);
}

int cmd_goal_list(struct ctx *c)
{
	struct goal_list l = { 0 };
	int rc = store_goal_list(c->st, &l, c->e);
	if (!rc)
		print_goal_list(&l, c->json, c->out);
	goal_list_release(&l);
	return rc;
}
