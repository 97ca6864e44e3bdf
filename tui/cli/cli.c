/*
 * cli: parsing, dispatch and the commands of the scripting interface.
 *
 * Every command runs in one transaction: if it refuses, nothing it did is
 * kept, and its output is printed only once the transaction has committed.
 */
#include "tui/cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/action.h"
#include "core/base/json.h"
#include "core/council.h"
#include "core/lists.h"
#include "core/meeting.h"
#include "core/prepare.h"
#include "core/status.h"
#include "tui/app/tui.h"
#include "tui/cli/ctx.h"
#include "tui/cli/demo.h"
#include "tui/cli/export.h"
#include "tui/cli/print.h"
#include "tui/cli/sync.h"

struct command {
	const char *name;   /* one or two words */
	const char *args;   /* usage after the name */
	const char *help;
	const char *opts;   /* accepted options: "name=" takes a value, "name" is a flag,
			       "name=*" repeats */
	int min_args, max_args; /* -1: any number */
	bool writes;
	int (*run)(struct ctx *c);
};

static const char *opt(struct ctx *c, const char *name)
{
	for (int i = c->nopts - 1; i >= 0; i--)
		if (!strcmp(c->opts[i].name, name))
			return c->opts[i].value ? c->opts[i].value : "";
	return NULL;
}

static bool flag(struct ctx *c, const char *name)
{
	return opt(c, name) != NULL;
}

/* All values of a repeatable option, in order; the caller frees the array. */
static char **opt_all(struct ctx *c, const char *name, int *n)
{
	char **v = xcalloc((size_t)c->nopts + 1, sizeof *v);
	*n = 0;
	for (int i = 0; i < c->nopts; i++)
		if (!strcmp(c->opts[i].name, name))
			v[(*n)++] = (char *)c->opts[i].value;
	return v;
}

/* ---- the commands ---- */

static int cmd_init(struct ctx *c)
{
	if (council_init(c->st, c->argv[0], c->e))
		return -1;
	sb_addf(c->out, _("created the council %s in %s\n"), c->argv[0], store_path(c->st));
	return 0;
}

static int cmd_body_add(struct ctx *c)
{
	return council_body_add(c->st, c->argv[0], c->argv[1], c->e);
}

static int cmd_body_list(struct ctx *c)
{
	struct body_list l = { 0 };
	if (store_body_list(c->st, &l, c->e))
		return body_list_release(&l), -1;
	if (c->json) {
		struct json j;
		json_init(&j, c->out);
		json_arr_begin(&j);
		for (size_t i = 0; i < l.n; i++) {
			json_obj_begin(&j);
			json_kv_str(&j, "short", l.v[i].short_name);
			json_kv_str(&j, "name", l.v[i].name);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(c->out, '\n');
	}
	for (size_t i = 0; !c->json && i < l.n; i++)
	{
		sb_addpad(c->out, l.v[i].short_name, 12);
		sb_addf(c->out, " %s\n", l.v[i].name);
	}
	body_list_release(&l);
	return 0;
}

static int cmd_person_add(struct ctx *c)
{
	char id[ID_LEN + 1];
	if (council_person_add(c->st, c->argv[0], opt(c, "org"), opt(c, "email"), id, c->e))
		return -1;
	sb_addf(c->out, "%.8s\n", id);
	return 0;
}

static int cmd_member_add(struct ctx *c)
{
	return council_member_add(c->st, c->argv[0], c->argv[1], c->argv[2], opt(c, "from"),
				  opt(c, "to"), c->e);
}

static int cmd_member_list(struct ctx *c)
{
	char id[ID_LEN + 1];
	struct member_list l = { 0 };
	if (council_body_resolve(c->st, c->argv[0], id, c->e) ||
	    store_membership_list(c->st, id, opt(c, "date"), &l, c->e))
		return member_list_release(&l), -1;
	if (c->json) {
		struct json j;
		json_init(&j, c->out);
		json_arr_begin(&j);
		for (size_t i = 0; i < l.n; i++) {
			json_obj_begin(&j);
			json_kv_str(&j, "person", l.v[i].name);
			json_kv_str(&j, "organisation", l.v[i].org);
			json_kv_str(&j, "role", l.v[i].role);
			json_kv_str(&j, "from", l.v[i].from);
			json_kv_str(&j, "to", l.v[i].to);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(c->out, '\n');
	}
	for (size_t i = 0; !c->json && i < l.n; i++)
	{
		sb_addpad(c->out, l.v[i].name, 28);
		sb_addc(c->out, ' ');
		sb_addpad(c->out, l.v[i].role, 16);
		sb_addf(c->out, " %s\n", l.v[i].org ? l.v[i].org : "");
	}
	member_list_release(&l);
	return 0;
}

static int cmd_whoami(struct ctx *c)
{
	char id[ID_LEN + 1];
	struct person p = { 0 };
	if (c->argc == 1)
		return council_whoami_set(c->st, c->argv[0], c->e);
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

static int cmd_goal_add(struct ctx *c)
{
	struct goal g = { 0 };
	g.code = c->argv[0];
	g.title = c->argv[1];
	g.parent_code = (char *)opt(c, "parent");
	g.task = (char *)opt(c, "task");
	g.local = (char *)opt(c, "local");
	g.regional = (char *)opt(c, "regional");
	g.national = (char *)opt(c, "national");
	g.indicator = (char *)opt(c, "indicator");
	g.timeline = (char *)opt(c, "timeline");
	g.priority = flag(c, "priority");
	return council_goal_add(c->st, &g, c->e);
}

static int cmd_goal_reading(struct ctx *c)
{
	return council_goal_reading(c->st, c->argv[0], c->argv[1], c->argv[2], opt(c, "comment"), c->e);
}

static int cmd_goal_list(struct ctx *c)
{
	struct goal_list l = { 0 };
	int rc = store_goal_list(c->st, &l, c->e);
	if (!rc)
		print_goal_list(&l, c->json, c->out);
	goal_list_release(&l);
	return rc;
}

static int cmd_meeting_add(struct ctx *c)
{
	char *name;
	if (meeting_add(c->st, c->argv[0], c->argv[1], opt(c, "time"), opt(c, "end"), opt(c, "place"),
			&name, c->e))
		return -1;
	sb_addf(c->out, "%s\n", name);
	free(name);
	return 0;
}

static int cmd_meeting_list(struct ctx *c)
{
	char id[ID_LEN + 1];
	long year = 0;
	const char *body = opt(c, "body"), *y = opt(c, "year");
	struct meeting_list l = { 0 };
	if (body && council_body_resolve(c->st, body, id, c->e))
		return -1;
	if (y && !parse_int(y, 1900, 2999, &year))
		return errorf(c->e, E_INVALID, _("invalid year: %s"), y);
	int rc = store_meeting_list(c->st, body ? id : NULL, (int)year, &l, c->e);
	if (!rc)
		print_meeting_list(&l, c->json, c->out);
	meeting_list_release(&l);
	return rc;
}

static int cmd_meeting_show(struct ctx *c)
{
	struct meeting_view v;
	if (meeting_view_load(c->st, c->argv[0], &v, c->e))
		return -1;
	print_meeting(&v, c->json, c->out);
	meeting_view_release(&v);
	return 0;
}

static int cmd_meeting_next(struct ctx *c)
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

static int cmd_meeting_open(struct ctx *c)
{
	return meeting_open(c->st, c->argv[0], opt(c, "at"), c->e);
}

static int cmd_meeting_close(struct ctx *c)
{
	return meeting_close(c->st, c->argv[0], opt(c, "at"), c->e);
}

static int cmd_attend(struct ctx *c)
{
	struct attend_input in = {
		.person = c->argv[1],
		.role = opt(c, "role"),
		.for_person = opt(c, "for"),
		.absent = flag(c, "absent"),
		.from_item = opt(c, "from-item"),
		.to_item = opt(c, "to-item"),
	};
	return meeting_attend(c->st, c->argv[0], &in, c->e);
}

static int cmd_item_add(struct ctx *c)
{
	int n, pos;
	char **papers = opt_all(c, "paper", &n);
	int rc = meeting_item_add(c->st, c->argv[0], c->argv[1], opt(c, "kind"), opt(c, "presenter"),
				  papers, n, &pos, c->e);
	free(papers);
	if (!rc)
		sb_addf(c->out, "%d\n", pos);
	return rc;
}

static int cmd_item_postpone(struct ctx *c)
{
	return meeting_item_postpone(c->st, c->argv[0], c->argv[1], c->e);
}

static int cmd_item_move(struct ctx *c)
{
	return meeting_item_move(c->st, c->argv[0], c->argv[1], c->argv[2], c->e);
}

/* Parses "all" or "1,3,5" (numbers of the offers list) into chosen[]. */
static int parse_choice(const char *s, const struct offers *o, bool *chosen, struct err *e)
{
	if (!strcmp(s, "all")) {
		for (size_t i = 0; i < o->n; i++)
			chosen[i] = true;
		return 0;
	}
	char *copy = xstrdup(s), *save = NULL;
	int rc = 0;
	for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save)) {
		long n;
		if (!parse_int(t, 1, (long)o->n, &n))
			rc = errorf(e, E_INVALID, _("no offer %s: choose from 1 to %zu, or all"), t, o->n);
		else
			chosen[n - 1] = true;
	}
	free(copy);
	return rc;
}

static int cmd_meeting_prepare(struct ctx *c)
{
	struct offers o = { 0 };
	const char *add = opt(c, "add");
	int rc = prepare_offers(c->st, c->argv[0], &o, c->e);
	if (!rc && add) {
		bool *chosen = xcalloc(o.n ? o.n : 1, sizeof *chosen);
		int added = 0;
		rc = parse_choice(add, &o, chosen, c->e);
		if (!rc)
			rc = prepare_apply(c->st, c->argv[0], &o, chosen, &added, c->e);
		if (!rc)
			sb_addf(c->out, ngettext("%d item added to the agenda of %s\n", "%d items added to the agenda of %s\n", (unsigned long)added), added, c->argv[0]);
		free(chosen);
	} else if (!rc) {
		print_offers(&o, c->json, c->out);
	}
	offers_release(&o);
	return rc;
}

static int cmd_decision_list(struct ctx *c)
{
	struct decision_row_list l = { 0 };
	struct decisions_query q = { .body = opt(c, "body"), .year = opt(c, "year"), .goal = opt(c, "goal"), .text = opt(c, "text") };
	int rc = lists_decisions(c->st, &q, &l, NULL, c->e);
	if (!rc)
		print_decision_list(&l, c->json, c->out);
	decision_row_list_release(&l);
	return rc;
}

static int cmd_proposal_agenda(struct ctx *c)
{
	int pos;
	if (prepare_proposal_to_agenda(c->st, c->argv[0], c->argv[1], &pos, c->e))
		return -1;
	sb_addf(c->out, _("on the agenda of %s as item %d\n"), c->argv[1], pos);
	return 0;
}

/* Reads all of standard input (for TEXT "-"). */
static int read_stdin(struct strbuf *sb, struct err *e)
{
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		sb_add(sb, buf, n);
	if (ferror(stdin))
		return error(e, E_IO, "stdin", strerror(errno));
	while (sb->len && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
	return 0;
}

static int cmd_note(struct ctx *c)
{
	struct strbuf in = { 0 };
	const char *text = c->argv[2];
	if (!strcmp(text, "-")) {
		if (read_stdin(&in, c->e))
			return sb_release(&in), -1;
		text = in.buf ? in.buf : "";
	}
	int rc = meeting_note(c->st, c->argv[0], c->argv[1], text, c->e);
	sb_release(&in);
	return rc;
}

static int cmd_decide(struct ctx *c)
{
	struct decide_input in = {
		.text = c->argv[2],
		.yes = opt(c, "yes"),
		.no = opt(c, "no"),
		.abstain = opt(c, "abstain"),
	};
	struct decide_result r;
	struct strbuf text = { 0 };
	if (!strcmp(in.text, "-")) {
		if (read_stdin(&text, c->e))
			return sb_release(&text), -1;
		in.text = text.buf ? text.buf : "";
	}
	in.votes = opt_all(c, "vote", &in.nvotes);
	in.dissents = opt_all(c, "dissent", &in.ndissents);
	in.conflicts = opt_all(c, "conflict", &in.nconflicts);
	int rc = meeting_decide(c->st, c->argv[0], c->argv[1], &in, &r, c->e);
	free(in.votes);
	free(in.dissents);
	free(in.conflicts);
	sb_release(&text);
	if (rc)
		return -1;
	sb_addf(c->out, "§ %d\n", r.para);
	if (r.warning[0])
		fprintf(stderr, "gavel: %s: %s\n", _("warning"), r.warning);
	return 0;
}

static int cmd_action_add(struct ctx *c)
{
	char id[ID_LEN + 1];
	struct action_input in = {
		.title = c->argv[0],
		.description = opt(c, "text"),
		.owner = opt(c, "owner"),
		.due = opt(c, "due"),
		.decision = opt(c, "decision"),
		.goal = opt(c, "goal"),
	};
	if (action_add(c->st, &in, id, c->e))
		return -1;
	sb_addf(c->out, "%.8s\n", id);
	return 0;
}

static int cmd_action_list(struct ctx *c)
{
	struct action_query q = { opt(c, "owner"), opt(c, "status"), flag(c, "overdue"), true };
	struct action_list l = { 0 };
	char today[DATE_SIZE];
	clock_today(today);
	int rc = action_list(c->st, &q, &l, c->e);
	if (!rc)
		print_action_list(&l, today, c->json, c->out);
	action_list_release(&l);
	return rc;
}

static int cmd_action_set(struct ctx *c)
{
	return action_update(c->st, c->argv[0], opt(c, "status"), opt(c, "note"), opt(c, "by"),
			     opt(c, "date"), c->e);
}

static int cmd_question_add(struct ctx *c)
{
	return council_question_add(c->st, c->argv[0], c->e);
}

static int cmd_question_list(struct ctx *c)
{
	struct strvec ids = { 0 }, texts = { 0 };
	int rc = store_question_list(c->st, &ids, &texts, c->e);
	if (!rc && c->json) {
		struct json j;
		json_init(&j, c->out);
		json_arr_begin(&j);
		for (size_t i = 0; i < texts.n; i++)
			json_str(&j, texts.v[i]);
		json_arr_end(&j);
		sb_addc(c->out, '\n');
	}
	for (size_t i = 0; !rc && !c->json && i < texts.n; i++)
		sb_addf(c->out, "%zu. %s\n", i + 1, texts.v[i]);
	strvec_release(&ids);
	strvec_release(&texts);
	return rc;
}

static int cmd_proposal_add(struct ctx *c)
{
	char id[ID_LEN + 1];
	if (council_proposal_add(c->st, c->argv[0], opt(c, "text"), opt(c, "by"), opt(c, "date"), id, c->e))
		return -1;
	sb_addf(c->out, "%.8s\n", id);
	return 0;
}

static int cmd_proposal_screen(struct ctx *c)
{
	const char *status;
	if (council_proposal_screen(c->st, c->argv[0], c->argv + 1, c->argc - 1, &status, c->e))
		return -1;
	sb_addf(c->out, "%s\n", status_name(OF_PROPOSAL, status));
	return 0;
}

static int cmd_proposal_set(struct ctx *c)
{
	const char *status = opt(c, "status");
	if (!status)
		return errorf(c->e, E_USAGE, _("give the new status with --status S"));
	return council_proposal_set_status(c->st, c->argv[0], status, c->e);
}

static int cmd_proposal_list(struct ctx *c)
{
	struct proposal_list l = { 0 };
	int rc = store_proposal_list(c->st, NULL, &l, c->e);
	if (!rc)
		print_proposal_list(&l, c->json, c->out);
	proposal_list_release(&l);
	return rc;
}

static int cmd_search(struct ctx *c)
{
	struct hit_list l = { 0 };
	struct strbuf q = { 0 };
	long limit = 20;
	const char *lim = opt(c, "limit");
	if (lim && !parse_int(lim, 1, 1000, &limit))
		return errorf(c->e, E_INVALID, _("invalid limit: %s"), lim);
	for (int i = 0; i < c->argc; i++) {
		if (i)
			sb_addc(&q, ' ');
		sb_adds(&q, c->argv[i]);
	}
	if (!text_valid(q.buf)) {
		sb_release(&q);
		return errorf(c->e, E_INVALID, _("the search text is not valid UTF-8"));
	}
	int rc = store_search(c->st, q.buf, (int)limit, &l, c->e);
	if (!rc)
		print_hits(&l, c->json, c->out);
	hit_list_release(&l);
	sb_release(&q);
	return rc;
}

static int cmd_dump(struct ctx *c)
{
	return print_dump(c->st, c->out, c->e);
}

/* The sync commands live in cli_sync.c. */
static int cmd_sync_cmd(struct ctx *c, int (*fn)(struct cli_sync_args *))
{
	struct cli_sync_args a = { c->st, c->argc, c->argv, opt(c, "as"), opt(c, "passphrase-file"),
				   c->json, c->out, c->e };
	return fn(&a);
}
static int cmd_share(struct ctx *c) { return cmd_sync_cmd(c, cli_sync_share); }
static int cmd_sync(struct ctx *c) { return cmd_sync_cmd(c, cli_sync_run); }
static int cmd_conflicts(struct ctx *c) { return cmd_sync_cmd(c, cli_sync_conflicts); }
static int cmd_resolve(struct ctx *c) { return cmd_sync_cmd(c, cli_sync_resolve); }
static int cmd_members(struct ctx *c) { return cmd_sync_cmd(c, cli_sync_members); }
static int cmd_members_remove(struct ctx *c) { return cmd_sync_cmd(c, cli_sync_remove); }
static int cmd_passphrase(struct ctx *c) { return cmd_sync_cmd(c, cli_sync_passphrase); }

static int cmd_overview(struct ctx *c);

/* The table of commands. Names of two words come before their first word
 * could be mistaken for a one-word command. */
static const struct command commands[] = {
	{ "init", "NAME", N_("create a new council in the database"), "", 1, 1, true, cmd_init },
	{ "demo", "[--force]", N_("create the demo council Digitaliseringsrådet Västra Götaland"), "force", 0, 0, true, NULL },
	{ "overview", "", N_("a plain-text overview of the council"), "", 0, 0, false, cmd_overview },
	{ "body add", "SHORT NAME", N_("add a body (styrgrupp, råd, referensgrupp)"), "", 2, 2, true, cmd_body_add },
	{ "body list", "[--json]", N_("list the bodies"), "json", 0, 0, false, cmd_body_list },
	{ "person add", "NAME [--org ORG] [--email EMAIL]", N_("add a person; prints the id"), "org=,email=", 1, 1, true, cmd_person_add },
	{ "member add", "BODY PERSON ROLE [--from DATE] [--to DATE]",
	  N_("make a person a member of a body: ordförande, vice ordförande, sekreterare, ledamot, ersättare, adjungerad"),
	  "from=,to=", 3, 3, true, cmd_member_add },
	{ "member list", "BODY [--date DATE] [--json]", N_("list a body's members (on a date)"), "date=,json", 1, 1, false, cmd_member_list },
	{ "whoami", "[PERSON]", N_("show or set the person who owns this database"), "", 0, 1, true, cmd_whoami },
	{ "goal add", "CODE TITLE [--parent CODE] [--task T] [--local T] [--regional T] [--national T] [--indicator T] [--timeline T] [--priority]",
	  N_("add a goal or sub-goal"), "parent=,task=,local=,regional=,national=,indicator=,timeline=,priority", 2, 2, true, cmd_goal_add },
	{ "goal reading", "CODE YEAR VALUE [--comment T]", N_("record the indicator's value for a year"), "comment=", 3, 3, true, cmd_goal_reading },
	{ "goal list", "[--json]", N_("the goals, their readings and actions"), "json", 0, 0, false, cmd_goal_list },
	{ "meeting add", "BODY DATE [--time HH:MM] [--end HH:MM] [--place T]", N_("plan a meeting; prints its name BODY/DATE"),
	  "time=,end=,place=", 2, 2, true, cmd_meeting_add },
	{ "meeting list", "[--body B] [--year Y] [--json]", N_("list meetings"), "body=,year=,json", 0, 0, false, cmd_meeting_list },
	{ "meeting next", "[--json]", N_("the next meeting of each body"), "json", 0, 0, false, cmd_meeting_next },
	{ "meeting show", "MEETING [--json]", N_("a meeting: attendance, quorum, agenda, notes, decisions"), "json", 1, 1, false, cmd_meeting_show },
	{ "meeting open", "MEETING [--at HH:MM]", N_("open the meeting (records the time)"), "at=", 1, 1, true, cmd_meeting_open },
	{ "meeting close", "MEETING [--at HH:MM]", N_("close the meeting (records the time)"), "at=", 1, 1, true, cmd_meeting_close },
	{ "attend", "MEETING PERSON [--role ROLE] [--for PERSON] [--absent] [--from-item N] [--to-item N]",
	  N_("record attendance: present, absent, a substitute serving for a member, a guest, who left after which item"),
	  "role=,for=,absent,from-item=,to-item=", 2, 2, true, cmd_attend },
	{ "item add", "MEETING TITLE [--kind standard|case|information] [--presenter PERSON] [--paper NAME]...",
	  N_("add an agenda item; prints its number"), "kind=,presenter=,paper=*", 2, 2, true, cmd_item_add },
	{ "item postpone", "MEETING ITEM", N_("postpone an item"), "", 2, 2, true, cmd_item_postpone },
	{ "item move", "MEETING ITEM TO", N_("move an item to another place on the agenda"), "", 3, 3, true, cmd_item_move },
	{ "meeting prepare", "MEETING [--add all|N,N...] [--json]",
	  N_("the chair's offers for the agenda: standard items, screened proposals, actions falling due; --add puts them on it"),
	  "add=,json", 1, 1, true, cmd_meeting_prepare },
	{ "note", "MEETING ITEM TEXT", N_("append to an item's notes (TEXT - reads standard input)"), "", 3, 3, true, cmd_note },
	{ "decide", "MEETING ITEM TEXT [--yes N --no N --abstain N] [--vote PERSON:yes|no|abstain]... [--dissent PERSON[:MOTIVATION]]... [--conflict PERSON]...",
	  N_("record the item's decision; prints its § number"), "yes=,no=,abstain=,vote=*,dissent=*,conflict=*", 3, 3, true, cmd_decide },
	{ "decision list", "[--body B] [--year Y] [--goal CODE] [--text WORDS] [--json]",
	  N_("decisions across all meetings, newest first"), "body=,year=,goal=,text=,json", 0, 0, false, cmd_decision_list },
	{ "adjust", "MEETING --by PERSON [--by PERSON]... [--paragraph N] [--on-paper]",
	  N_("adjust (justera) the minutes: names the chair and adjusters, signs with this machine's key; locked once all have signed; --paragraph N: omedelbar justering of § N; --on-paper: signed on paper"),
	  "by=*,paragraph=,on-paper", 1, 1, true, cli_adjust },
	{ "verify", "MEETING | FILE", N_("check the adjustment signatures of a meeting, or of an exported document (no database needed)"),
	  "", 1, 1, false, cli_verify },
	{ "export", "MEETING [--format pdf|odt|html|md|txt] [--paragraph N] [--lang sv|en] [-o FILE]",
	  N_("the protocol of a meeting as a document; --paragraph N: the extract of § N (protokollsutdrag)"),
	  "format=,paragraph=,lang=,o=", 1, 1, false, cli_export },
	{ "invite", "MEETING [--format pdf|txt|ics|html|md] [--lang sv|en] [-o FILE]",
	  N_("the invitation (kallelse) with the agenda; --format ics: a calendar event"),
	  "format=,lang=,o=", 1, 1, false, cli_invite },
	{ "report goals", "[--year YEAR] [--format pdf|html|md] [--lang sv|en] [-o FILE]",
	  N_("the yearly follow-up of the goals for the steering group: indicators as charts, the year's decisions, actions"),
	  "year=,format=,lang=,o=", 0, 0, false, cli_report_goals },
	{ "action add", "TITLE --owner WHO [--due DATE] [--decision BODY/YEAR/N] [--goal CODE] [--text T]",
	  N_("add an action; prints its id"), "owner=,due=,decision=,goal=,text=", 1, 1, true, cmd_action_add },
	{ "action list", "[--owner WHO] [--status S] [--overdue] [--json]", N_("list actions"), "owner=,status=,overdue,json", 0, 0, false, cmd_action_list },
	{ "action set", "ID [--status S] [--note TEXT] [--by PERSON] [--date DATE]",
	  N_("change an action's status (planned, ongoing, done, cancelled) and add a progress note"), "status=,note=,by=,date=", 1, 1, true, cmd_action_set },
	{ "question add", "TEXT", N_("add a screening question of the suggestion box"), "", 1, 1, true, cmd_question_add },
	{ "question list", "[--json]", N_("the screening questions"), "json", 0, 0, false, cmd_question_list },
	{ "proposal add", "TITLE [--by PERSON] [--text T] [--date DATE]", N_("add a proposal; prints its id"), "by=,text=,date=", 1, 1, true, cmd_proposal_add },
	{ "proposal screen", "ID ANSWER...", N_("answer the screening questions, yes or no, one each"), "", 2, -1, true, cmd_proposal_screen },
	{ "proposal set", "ID --status S", N_("set a proposal's status (new, screened, in preparation, decided, rejected)"), "status=", 1, 1, true, cmd_proposal_set },
	{ "proposal list", "[--json]", N_("the suggestion box"), "json", 0, 0, false, cmd_proposal_list },
	{ "proposal agenda", "ID MEETING", N_("put a proposal whose every screening answer is yes on a meeting's agenda"),
	  "", 2, 2, true, cmd_proposal_agenda },
	{ "search", "QUERY... [--limit N] [--json]", N_("full-text search of notes, decisions, actions, goals and proposals"), "limit=,json", 1, -1, false, cmd_search },
	{ "dump", "", N_("the whole database as canonical JSON"), "", 0, 0, false, cmd_dump },
	{ "council share", "DIR --as PERSON [--passphrase-file FILE]", N_("make DIR the council's shared folder (asks a new passphrase)"), "as=,passphrase-file=", 1, 1, false, cmd_share },
	{ "council passphrase", "[--passphrase-file FILE]", N_("change the council's passphrase (and its key)"), "passphrase-file=", 0, 0, false, cmd_passphrase },
	{ "join", "DIR --as PERSON [--passphrase-file FILE]", N_("make a new copy of a shared council from its folder (asks the passphrase)"), "as=,passphrase-file=", 1, 1, false, NULL },
	{ "sync", "[DIR] [--json]", N_("write this machine's changes to the shared folder and read everyone else's"), "json", 0, 1, false, cmd_sync },
	{ "conflicts resolve", "ID current|other", N_("settle a conflict: keep the current value or the other"), "", 2, 2, false, cmd_resolve },
	{ "conflicts", "[--json]", N_("fields two members changed at the same time"), "json", 0, 0, false, cmd_conflicts },
	{ "members remove", "PERSON [--passphrase-file FILE]", N_("a member leaves: a new council key and passphrase for the others"), "passphrase-file=", 1, 1, false, cmd_members_remove },
	{ "members", "[--json]", N_("the members' machines: key fingerprints and files written"), "json", 0, 0, false, cmd_members },
};

static int cmd_overview(struct ctx *c)
{
	char *name = NULL, today[DATE_SIZE];
	struct meeting_list next = { 0 };
	struct action_list overdue = { 0 };
	struct goal_list goals = { 0 };
	struct action_query q = { NULL, NULL, true, true };
	int rc = -1;
	clock_today(today);
	if (council_name(c->st, &name, c->e) || store_meeting_next(c->st, today, &next, c->e) ||
	    action_list(c->st, &q, &overdue, c->e) || store_goal_list(c->st, &goals, c->e))
		goto out;
	sb_addf(c->out, "%s\n\n%s\n", name, _("Next meetings"));
	for (size_t i = 0; i < next.n; i++) {
		struct meeting_view v;
		char ref[128];
		snprintf(ref, sizeof ref, "%s/%s", next.v[i].body_short, next.v[i].date);
		if (meeting_view_load(c->st, ref, &v, c->e))
			goto out;
		sb_addf(c->out, "  %s  %s %s  %s\n", ref, v.m.start ? v.m.start : "", v.m.place ? v.m.place : "",
			v.m.body_name);
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

/* ---- parsing and dispatch ---- */

static const struct command *find_command(int argc, char **argv, int *used)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		const char *name = commands[i].name;
		const char *sp = strchr(name, ' ');
		if (sp) {
			if (argc >= 2 && !strncmp(argv[0], name, (size_t)(sp - name)) &&
			    argv[0][sp - name] == '\0' && !strcmp(argv[1], sp + 1)) {
				*used = 2;
				return &commands[i];
			}
		} else if (argc >= 1 && !strcmp(argv[0], name)) {
			*used = 1;
			return &commands[i];
		}
	}
	return NULL;
}

/* Does the spec accept option `name`? Sets *takes_value. */
static bool opt_accepted(const char *spec, const char *name, bool *takes_value)
{
	size_t n = strlen(name);
	const char *p = spec;
	while (p && *p) {
		size_t len = strcspn(p, ",");
		size_t base = strcspn(p, "=,");
		if (base == n && !strncmp(p, name, n)) {
			*takes_value = base < len;
			return true;
		}
		p += len + (p[len] == ',');
	}
	return false;
}

static bool is_negative_number(const char *s)
{
	return s[0] == '-' && ((s[1] >= '0' && s[1] <= '9') || s[1] == '.');
}

static void usage_line(struct strbuf *sb, const struct command *cmd)
{
	sb_addf(sb, _("usage: gavel %s%s%s"), cmd->name, cmd->args[0] ? " " : "", cmd->args);
}

static int parse(const struct command *cmd, int argc, char **argv, struct ctx *c)
{
	static char *pos[256];
	bool only_args = false;
	c->argc = 0;
	c->argv = pos;
	c->nopts = 0;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		if (!only_args && !strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		bool short_opt = !only_args && a[0] == '-' && a[1] && a[1] != '-' && !a[2] &&
				 !is_negative_number(a);
		if (only_args || a[0] != '-' || !a[1] || is_negative_number(a) || (a[1] != '-' && !short_opt)) {
			if (!only_args && a[0] == '-' && a[1] && !is_negative_number(a))
				return errorf(c->e, E_USAGE, _("unknown option %s; see 'gavel help %s'"), a, cmd->name);
			if (c->argc >= (int)ARRAY_SIZE(pos))
				return errorf(c->e, E_USAGE, _("too many arguments"));
			pos[c->argc++] = a;
			continue;
		}
		char name[64];
		const char *start = a + (short_opt ? 1 : 2); /* -o is --o */
		const char *eq = short_opt ? NULL : strchr(start, '=');
		size_t n = eq ? (size_t)(eq - start) : strlen(start);
		snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), start);
		bool takes_value;
		if (!opt_accepted(cmd->opts, name, &takes_value) && short_opt)
			return errorf(c->e, E_USAGE, _("unknown option %s; see 'gavel help %s'"), a, cmd->name);
		if (!opt_accepted(cmd->opts, name, &takes_value))
			return errorf(c->e, E_USAGE, _("unknown option --%s; see 'gavel help %s'"), name, cmd->name);
		if (c->nopts >= MAX_OPTS)
			return errorf(c->e, E_USAGE, _("too many options"));
		const char *value = NULL;
		if (takes_value) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return errorf(c->e, E_USAGE, _("option --%s needs a value"), name);
		} else if (eq) {
			return errorf(c->e, E_USAGE, _("option --%s takes no value"), name);
		}
		static char names[MAX_OPTS][64];
		snprintf(names[c->nopts], sizeof names[0], "%s", name);
		c->opts[c->nopts].name = names[c->nopts];
		if (!strcmp(name, "json"))
			c->json = true;
		c->opts[c->nopts++].value = value;
	}
	/* options given twice that do not repeat: the last wins (like most tools) */
	if (c->argc < cmd->min_args || (cmd->max_args >= 0 && c->argc > cmd->max_args)) {
		struct strbuf sb = { 0 };
		usage_line(&sb, cmd);
		errorf(c->e, E_USAGE, "%s", sb.buf);
		sb_release(&sb);
		return -1;
	}
	return 0;
}

int cli_run(struct store *st, int argc, char **argv, struct strbuf *out, struct err *e)
{
	int used;
	struct ctx c = { .st = st, .out = out, .e = e };
	const struct command *cmd = find_command(argc, argv, &used);
	error_clear(e);
	if (!cmd || !cmd->run) {
		errorf(e, E_USAGE, _("unknown command: %s; see 'gavel --help'"), argc ? argv[0] : "");
		return 2;
	}
	if (parse(cmd, argc - used, argv + used, &c))
		return error_exit_status(e->code);
	if (cmd->writes && store_begin(st, e))
		return error_exit_status(e->code);
	size_t mark = out->len;
	if (cmd->run(&c)) {
		if (cmd->writes)
			store_rollback(st);
		out->len = mark;
		if (out->buf)
			out->buf[mark] = '\0';
		return error_exit_status(e->code ? e->code : E_DB);
	}
	if (cmd->writes && store_commit(st, e))
		return error_exit_status(e->code);
	return 0;
}

/* ---- help ---- */

static void print_help(FILE *f)
{
	fputs(_("gavel — a council's records: meetings, minutes, decisions, actions and goals\n\n"
		"usage: gavel [--db FILE] [--lang sv|en] [COMMAND [ARGS]]\n\n"
		"With no command, opens the council's overview.\n\n"
		"Commands:\n"), f);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-18s %s\n", commands[i].name, _(commands[i].help));
	fputs(_("\nMeetings are named BODY/DATE (radet/2026-11-22), decisions BODY/YEAR/N\n"
		"(radet/2026/14 is § 14), items by their number on the agenda.\n"
		"The database is --db FILE, else $GAVEL_DB, else $XDG_DATA_HOME/gavel/gavel.db.\n"
		"Exit status: 0 success, 1 refused input, 2 usage error.\n"
		"'gavel help COMMAND' describes one command; 'man gavel' has them all.\n"), f);
}

static int help_command(int argc, char **argv)
{
	int used;
	const struct command *cmd = find_command(argc, argv, &used);
	if (!cmd) {
		/* a group: "gavel help meeting" lists its commands */
		bool any = false;
		for (size_t i = 0; argc && i < ARRAY_SIZE(commands); i++) {
			size_t n = strlen(argv[0]);
			if (!strncmp(commands[i].name, argv[0], n) && commands[i].name[n] == ' ') {
				printf("gavel %s %s\n    %s\n", commands[i].name, commands[i].args, _(commands[i].help));
				any = true;
			}
		}
		if (any)
			return 0;
		fprintf(stderr, "gavel: %s: %s\n", _("unknown command"), argc ? argv[0] : "");
		return 2;
	}
	printf("gavel %s %s\n\n    %s\n", cmd->name, cmd->args, _(cmd->help));
	return 0;
}

void cli_print_man(FILE *f)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		fprintf(f, ".TP\n.B gavel %s", commands[i].name);
		if (commands[i].args[0]) {
			fputs(" ", f);
			for (const char *p = commands[i].args; *p; p++) {
				if (*p == '-' || *p == '\\')
					fputc('\\', f);
				fputc(*p, f);
			}
		}
		fprintf(f, "\n%s\n", commands[i].help);
	}
}

/* ---- the program ---- */

char *cli_db_path(const char *opt_db)
{
	const char *env = getenv("GAVEL_DB");
	if (opt_db)
		return xstrdup(opt_db);
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/gavel/gavel.db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/gavel/gavel.db", home && *home ? home : ".");
}

/* mkdir -p of the directory that holds path. */
static int make_parent(const char *path, struct err *e)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
		if (mkdir(dir, 0700) && errno != EEXIST)
			rc = error(e, E_IO, dir, strerror(errno));
	}
	free(dir);
	return rc;
}

static int remove_db(const char *path, struct err *e)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < ARRAY_SIZE(suffix); i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		int rc = unlink(p);
		if (rc && errno != ENOENT) {
			error(e, E_IO, p, strerror(errno));
			free(p);
			return -1;
		}
		free(p);
	}
	return 0;
}

static int run_demo(const char *path, bool force, struct err *e)
{
	struct store *st = NULL;
	struct stat sb;
	if (stat(path, &sb) == 0) {
		char *name = NULL;
		if (store_open(path, false, e, &st))
			return -1;
		int rc = store_council_get(st, &name, e);
		store_close(st);
		st = NULL;
		if (rc < 0)
			return -1;
		if (rc == 0 && !force) {
			errorf(e, E_EXISTS, _("%s already holds the council %s; use 'gavel demo --force' to replace it"),
			       path, name);
			free(name);
			return -1;
		}
		free(name);
		if (remove_db(path, e))
			return -1;
	}
	if (make_parent(path, e) || store_open(path, true, e, &st))
		return -1;
	int rc = demo_run(st, cli_run, e);
	store_close(st);
	if (rc) {
		remove_db(path, NULL);
		return -1;
	}
	printf(_("created the demo council in %s\n"), path);
	return 0;
}

int cli_main(int argc, char **argv)
{
	const char *db_opt = NULL;
	int i = 1;
	struct err e;
	error_clear(&e);
	/* global options before the command */
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			db_opt = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			db_opt = argv[i] + 5;
		} else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
			i++; /* handled in main() before anything is printed */
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_help(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--man-keys")) {
			keys_print_man(stdout); /* for building the man page */
			return 0;
		} else if (!strcmp(argv[i], "--man-commands")) {
			cli_print_man(stdout); /* for building the man page */
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			puts("gavel 0.1");
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "gavel: %s %s; %s\n", _("unknown option"), argv[i], _("see 'gavel --help'"));
			return 2;
		} else {
			break;
		}
	}
	argc -= i;
	argv += i;
	if (argc >= 1 && !strcmp(argv[0], "help")) {
		if (argc == 1) {
			print_help(stdout);
			return 0;
		}
		return help_command(argc - 1, argv + 1);
	}
	/* a document carries what verifying it needs: no database */
	if (argc == 2 && !strcmp(argv[0], "verify") && cli_verify_is_file(argv[1]))
		return cli_verify_file(argv[1]);
	char *path = cli_db_path(db_opt);
	int status = 0;
	if (argc >= 1 && !strcmp(argv[0], "demo")) {
		bool force = false;
		for (int k = 1; k < argc; k++) {
			if (!strcmp(argv[k], "--force")) {
				force = true;
			} else {
				fprintf(stderr, "gavel: %s\n", _("usage: gavel demo [--force]"));
				free(path);
				return 2;
			}
		}
		if (run_demo(path, force, &e)) {
			fprintf(stderr, "gavel: %s\n", e.msg);
			status = error_exit_status(e.code);
		}
		free(path);
		return status;
	}
	if (argc >= 1 && !strcmp(argv[0], "join")) {
		status = cli_sync_join(path, argc - 1, argv + 1);
		free(path);
		return status;
	}
	bool create = argc >= 1 && !strcmp(argv[0], "init");
	/* the interface on a terminal offers to create a council (or the demo)
	 * when there is none yet */
	bool interactive = argc == 0 && (tui_headless() || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)));
	struct stat sb;
	bool fresh = interactive && stat(path, &sb) != 0;
	if (fresh)
		create = true;
	struct store *st = NULL;
	if (create && make_parent(path, &e)) {
		fprintf(stderr, "gavel: %s\n", e.msg);
		free(path);
		return 1;
	}
	if (store_open(path, create, &e, &st)) {
		fprintf(stderr, "gavel: %s\n", e.msg);
		free(path);
		return error_exit_status(e.code);
	}
	if (!create || fresh) {
		char *name = NULL;
		int rc = store_council_get(st, &name, &e);
		free(name);
		if (rc == 1 && interactive) {
			status = tui_run(st);
			rc = store_council_get(st, &name, &e);
			free(name);
			store_close(st);
			if (rc == 1 && fresh)
				remove_db(path, NULL); /* left without creating anything */
			free(path);
			return status;
		}
		if (rc) {
			if (rc == 1)
				error(&e, E_NO_COUNCIL, path);
			fprintf(stderr, "gavel: %s\n", e.msg);
			store_close(st);
			free(path);
			return 1;
		}
	}
	struct strbuf out = { 0 };
	char *overview[] = { "overview" };
	if (interactive) {
		status = tui_run(st);
		store_close(st);
		free(path);
		return status;
	}
	if (argc == 0)
		status = cli_run(st, 1, overview, &out, &e);
	else
		status = cli_run(st, argc, argv, &out, &e);
	if (out.len)
		fwrite(out.buf, 1, out.len, stdout);
	if (status)
		fprintf(stderr, "gavel: %s\n", e.msg);
	sb_release(&out);
	store_close(st);
	free(path);
	return status;
}
