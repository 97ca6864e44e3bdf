/* cmd_council: the council, its bodies, people and members, the overview,
 * search and the dump (see cmd.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/action.h"
#include "core/council.h"
#include "core/meeting.h"
#include "sync/sync.h"
#include "tui/cli/cmd.h"
#include "tui/cli/parse.h"
#include "tui/cli/print.h"

int cmd_init(struct ctx *c)
{
	if (council_init(c->st, c->argv[0], c->e))
		return -1;
	sb_addf(c->out, _("created the council %s in %s\n"), c->argv[0], store_path(c->st));
	return 0;
}

int cmd_body_add(struct ctx *c)
{
	return council_body_add(c->st, c->argv[0], c->argv[1], c->e);
}

int cmd_body_list(struct ctx *c)
{
	struct body_list l = { 0 };
	int rc = store_body_list(c->st, &l, c->e);
	if (!rc)
		print_body_list(&l, c->json, c->out);
	body_list_release(&l);
	return rc;
}

int cmd_person_add(struct ctx *c)
{
	char id[ID_LEN + 1];
	if (council_person_add(c->st, c->argv[0], opt_value(c, "org"), opt_value(c, "email"), id, c->e))
		return -1;
	sb_addf(c->out, "%.8s\n", id);
	return 0;
}

int cmd_member_add(struct ctx *c)
{
	bool may;
	if (sync_may_change_members(c->st, &may, c->e))
		return -1;
	if (!may)
		return error(c->e, E_NO_POWER);
	char body[ID_LEN + 1], person[ID_LEN + 1];
	if (council_body_resolve(c->st, c->argv[0], body, c->e) ||
	    council_person_resolve(c->st, c->argv[1], person, c->e))
		return -1;
	return council_member_add(c->st, body, person, c->argv[2], opt_value(c, "from"), opt_value(c, "to"),
				  c->e);
}

int cmd_member_list(struct ctx *c)
{
	char id[ID_LEN + 1];
	struct member_list l = { 0 };
	int rc = council_body_resolve(c->st, c->argv[0], id, c->e);
	if (!rc)
		rc = store_membership_list(c->st, id, opt_value(c, "date"), &l, c->e);
	if (!rc)
		print_member_list(&l, c->json, c->out);
	member_list_release(&l);
	return rc;
}

int cmd_whoami(struct ctx *c)
{
	char id[ID_LEN + 1];
	struct person p = { 0 };
	if (c->argc == 1)
		return council_person_resolve(c->st, c->argv[0], id, c->e) || council_whoami_set(c->st, id, c->e)
			       ? -1
			       : 0;
	if (council_whoami(c->st, id, c->e))
		return -1;
	if (!id[0]) {
		sb_addf(c->out, "%s\n", _("not set; say who you are with 'gavel whoami PERSON'"));
		return 0;
	}
	if (store_person_get(c->st, id, &p, c->e))
		return -1;
	sb_addf(c->out, "%s\n", p.name);
	person_release(&p);
	return 0;
}

int cmd_overview(struct ctx *c)
{
	char *name = NULL, today[DATE_SIZE];
	struct meeting_list next = { 0 };
	struct action_list overdue = { 0 };
	struct goal_list goals = { 0 };
	struct action_query q = { .overdue = true, .notes = true };
	int rc = -1;
	clock_today(today);
	if (council_name(c->st, &name, c->e) || store_meeting_next(c->st, today, &next, c->e) ||
	    action_list(c->st, &q, &overdue, c->e) || store_goal_list(c->st, &goals, c->e))
		goto out;
	sb_addf(c->out, "%s\n\n%s\n", name, _("Next meetings"));
	for (size_t i = 0; i < next.n; i++) {
		struct meeting_view v;
		if (meeting_view_load(c->st, next.v[i].id, &v, c->e))
			goto out;
		char *ref = meeting_name(&v.m);
		sb_addf(c->out, "  %s  %s %s  %s\n", ref, v.m.start ? v.m.start : "", v.m.place ? v.m.place : "",
			v.m.body_name);
		free(ref);
		for (size_t k = 0; k < v.items.n; k++)
			sb_addf(c->out, "      %2d. %s\n", v.items.v[k].pos, v.items.v[k].title);
		meeting_view_release(&v);
	}
	sb_addf(c->out, "\n%s\n", _("Overdue actions"));
	print_action_list(&overdue, today, false, c->out);
	sb_addf(c->out, "\n%s\n", _("Goals"));
	for (size_t i = 0; i < goals.n; i++) {
		const struct goal *g = &goals.v[i];
		sb_addf(c->out, "  %-5s %s%s\n", g->code, g->title, g->priority ? " *" : "");
	}
	sb_addf(c->out, "\n%s\n", _("More: gavel meeting list, gavel meeting show MEETING, gavel action list, gavel search WORDS, gavel --help"));
	rc = 0;
out:
	free(name);
	meeting_list_release(&next);
	action_list_release(&overdue);
	goal_list_release(&goals);
	return rc;
}

/* At most this many hits when --limit is not given, and at most this many
 * when it is. */
#define SEARCH_LIMIT 20
#define SEARCH_LIMIT_MAX 1000

int cmd_search(struct ctx *c)
{
	struct hit_list l = { 0 };
	struct strbuf q = { 0 };
	int limit = SEARCH_LIMIT;
	const char *lim = opt_value(c, "limit");
	if (lim && parse_limit(lim, 1, SEARCH_LIMIT_MAX, &limit, c->e))
		return -1;
	for (int i = 0; i < c->argc; i++) {
		if (i)
			sb_addc(&q, ' ');
		sb_adds(&q, c->argv[i]);
	}
	if (!text_valid(q.buf)) {
		sb_release(&q);
		return error(c->e, E_BAD_TEXT, _("the search text"));
	}
	int rc = store_search(c->st, q.buf, limit, &l, c->e);
	if (!rc)
		print_hits(&l, c->json, c->out);
	hit_list_release(&l);
	sb_release(&q);
	return rc;
}

int cmd_dump(struct ctx *c)
{
	return print_dump(c->st, c->out, c->e);
}
