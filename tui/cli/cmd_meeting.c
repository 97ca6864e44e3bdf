/* cmd_meeting: meetings, attendance, the agenda, notes and decisions
 * (see cmd.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/council.h"
#include "core/lists.h"
#include "core/meeting.h"
#include "core/prepare.h"
#include "tui/cli/cmd.h"
#include "tui/cli/parse.h"
#include "tui/cli/print.h"

int cmd_meeting_add(struct ctx *c)
{
	char body[ID_LEN + 1], id[ID_LEN + 1];
	struct meeting_plan plan = {
		.date = c->argv[1],
		.start = opt_value(c, "time"),
		.end = opt_value(c, "end"),
		.place = opt_value(c, "place"),
	};
	/* a date in the wrong form is told before an unknown body */
	if (!date_valid(plan.date))
		return error(c->e, E_BAD_DATE, _("date"), plan.date);
	if (council_body_resolve(c->st, c->argv[0], body, c->e) || meeting_add(c->st, body, &plan, id, c->e))
		return -1;
	sb_addf(c->out, "%s/%s\n", c->argv[0], plan.date);
	return 0;
}

int cmd_meeting_list(struct ctx *c)
{
	char id[ID_LEN + 1];
	int year = 0;
	const char *body = opt_value(c, "body"), *y = opt_value(c, "year");
	struct meeting_list l = { 0 };
	if ((body && council_body_resolve(c->st, body, id, c->e)) || (y && parse_year(y, &year, c->e)))
		return -1;
	int rc = store_meeting_list(c->st, body ? id : NULL, year, &l, c->e);
	if (!rc)
		print_meeting_list(&l, c->json, c->out);
	meeting_list_release(&l);
	return rc;
}

int cmd_meeting_show(struct ctx *c)
{
	struct meeting m;
	struct meeting_view v;
	if (meeting_resolve(c->st, c->argv[0], &m, c->e))
		return -1;
	int rc = meeting_view_load(c->st, m.id, &v, c->e);
	meeting_release(&m);
	if (rc)
		return -1;
	print_meeting(&v, c->json, c->out);
	meeting_view_release(&v);
	return 0;
}

int cmd_meeting_next(struct ctx *c)
{
	char today[DATE_SIZE];
	struct meeting_list l = { 0 };
	clock_today(today);
	int rc = store_meeting_next(c->st, today, &l, c->e);
	if (!rc)
		print_meeting_list(&l, c->json, c->out);
	meeting_list_release(&l);
	return rc;
}

/* meeting open and close: the meeting, and the time it happened. */
static int transition(struct ctx *c, int (*fn)(struct store *, const char *, const char *, struct err *))
{
	struct meeting m;
	if (meeting_resolve(c->st, c->argv[0], &m, c->e))
		return -1;
	int rc = fn(c->st, m.id, opt_value(c, "at"), c->e);
	meeting_release(&m);
	return rc;
}

int cmd_meeting_open(struct ctx *c)
{
	return transition(c, meeting_open);
}

int cmd_meeting_close(struct ctx *c)
{
	return transition(c, meeting_close);
}

int cmd_attend(struct ctx *c)
{
	struct meeting m;
	char person[ID_LEN + 1], for_id[ID_LEN + 1];
	const char *for_person = opt_value(c, "for"), *from = opt_value(c, "from-item"),
		   *to = opt_value(c, "to-item");
	struct attend_input in = {
		.person_id = person,
		.role = opt_value(c, "role"),
		.for_id = for_person ? for_id : NULL,
		.absent = opt_flag(c, "absent"),
	};
	if (meeting_resolve(c->st, c->argv[0], &m, c->e))
		return -1;
	int rc = council_person_resolve(c->st, c->argv[1], person, c->e);
	if (!rc && for_person)
		rc = council_person_resolve(c->st, for_person, for_id, c->e);
	if (!rc && from)
		rc = parse_item_number(from, &in.from_item, c->e);
	if (!rc && to)
		rc = parse_item_number(to, &in.to_item, c->e);
	if (!rc)
		rc = meeting_attend(c->st, m.id, &in, c->e);
	meeting_release(&m);
	return rc;
}

int cmd_item_add(struct ctx *c)
{
	struct meeting m;
	char presenter[ID_LEN + 1];
	size_t n;
	int pos;
	const char *who = opt_value(c, "presenter");
	char **papers = opt_values(c, "paper", &n);
	struct item_input in = {
		.title = c->argv[1],
		.kind = opt_value(c, "kind"),
		.presenter_id = who ? presenter : NULL,
		.papers = (const char *const *)papers,
		.npapers = n,
	};
	int rc = meeting_resolve(c->st, c->argv[0], &m, c->e);
	if (!rc) {
		if (!(who && council_person_resolve(c->st, who, presenter, c->e)))
			rc = meeting_item_add(c->st, m.id, &in, &pos, c->e);
		else
			rc = -1;
		meeting_release(&m);
	}
	free(papers);
	if (!rc)
		sb_addf(c->out, "%d\n", pos);
	return rc;
}

int cmd_item_postpone(struct ctx *c)
{
	struct meeting m;
	char item[ID_LEN + 1];
	if (parse_meeting_item(c->st, c->argv[0], c->argv[1], &m, item, c->e))
		return -1;
	meeting_release(&m);
	return meeting_item_postpone(c->st, item, c->e);
}

int cmd_item_move(struct ctx *c)
{
	struct meeting m;
	char item[ID_LEN + 1];
	int to;
	if (parse_item_number(c->argv[2], &to, c->e) ||
	    parse_meeting_item(c->st, c->argv[0], c->argv[1], &m, item, c->e))
		return -1;
	meeting_release(&m);
	return meeting_item_move(c->st, item, to, c->e);
}

int cmd_meeting_prepare(struct ctx *c)
{
	struct meeting m;
	struct offers o = { 0 };
	const char *add = opt_value(c, "add");
	if (meeting_resolve(c->st, c->argv[0], &m, c->e))
		return -1;
	int rc = prepare_offers(c->st, m.id, &o, c->e);
	if (!rc && add) {
		bool *chosen = xcalloc(o.n ? o.n : 1, sizeof *chosen);
		int added = 0;
		rc = parse_choice(add, &o, chosen, c->e);
		if (!rc)
			rc = prepare_apply(c->st, m.id, &o, chosen, &added, c->e);
		if (!rc) {
			char *name = meeting_name(&m);
			sb_addf(c->out, ngettext("%d item added to the agenda of %s\n", "%d items added to the agenda of %s\n",
						 (unsigned long)added), added, name);
			free(name);
		}
		free(chosen);
	} else if (!rc) {
		print_offers(&o, c->json, c->out);
	}
	offers_release(&o);
	meeting_release(&m);
	return rc;
}

int cmd_note(struct ctx *c)
{
	struct strbuf in = { 0 };
	struct meeting m;
	char item[ID_LEN + 1];
	int rc = parse_meeting_item(c->st, c->argv[0], c->argv[1], &m, item, c->e);
	if (rc)
		return -1;
	meeting_release(&m);
	const char *text = ctx_text(c, 2, &in);
	rc = text ? meeting_note(c->st, item, text, c->e) : -1;
	sb_release(&in);
	return rc;
}

/* The decision's counts, if any was given (--yes, --no, --abstain; those
 * not given count 0). */
static int parse_counts(struct ctx *c, struct decide_input *in)
{
	/* the options are named as the choices are stored */
	for (int k = 0; k < VOTE_CHOICES; k++) {
		const char *s = opt_value(c, vote_choice_word((enum vote_choice)k));
		if (!s)
			continue;
		in->counted = true;
		if (parse_count((enum vote_choice)k, s, &in->counts[k], c->e))
			return -1;
	}
	return 0;
}

int cmd_decide(struct ctx *c)
{
	struct decide_input in = { 0 };
	struct decide_result r;
	struct strbuf text = { 0 };
	struct meeting m;
	char item[ID_LEN + 1];
	char **votes = NULL, **dissents = NULL, **conflicts = NULL;
	struct vote_input *v = NULL;
	struct dissent_input *d = NULL;
	struct person_ref *jav = NULL;
	int rc = -1;
	if (parse_counts(c, &in) || parse_meeting_item(c->st, c->argv[0], c->argv[1], &m, item, c->e))
		return -1;
	meeting_release(&m);
	in.text = ctx_text(c, 2, &text);
	votes = opt_values(c, "vote", &in.nvotes);
	dissents = opt_values(c, "dissent", &in.ndissents);
	conflicts = opt_values(c, "conflict", &in.nconflicts);
	if (!in.text || parse_votes(c->st, votes, in.nvotes, &v, c->e) ||
	    parse_dissents(c->st, dissents, in.ndissents, &d, c->e) ||
	    parse_people(c->st, conflicts, in.nconflicts, &jav, c->e))
		goto out;
	in.votes = v;
	in.dissents = d;
	in.conflicts = jav;
	if (meeting_decide(c->st, item, &in, &r, c->e))
		goto out;
	sb_addf(c->out, "§ %d\n", r.para);
	if (r.warning[0])
		fprintf(stderr, "gavel: %s: %s\n", _("warning"), r.warning);
	rc = 0;
out:
	free(votes);
	free(dissents);
	free(conflicts);
	free(v);
	free(d);
	free(jav);
	sb_release(&text);
	return rc;
}

int cmd_decision_list(struct ctx *c)
{
	struct decision_row_list l = { 0 };
	struct decisions_query q = { .body = opt_value(c, "body"),
				     .year = opt_value(c, "year"),
				     .goal = opt_value(c, "goal"),
				     .text = opt_value(c, "text") };
	int rc = lists_decisions(c->st, &q, &l, NULL, c->e);
	if (!rc)
		print_decision_list(&l, c->json, c->out);
	decision_row_list_release(&l);
	return rc;
}
