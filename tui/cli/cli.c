/*
 * cli: the table of commands and their dispatch.
 *
 * Each command is one row: its name, arguments, help and options (each
 * option once, with its value and a line of help), whether it writes, and
 * its handler (tui/cli/cmd.h). The usage line, `gavel --help`, `gavel
 * help COMMAND` and the man page's command list are all made from the
 * table. Every command that writes runs in one transaction: if it
 * refuses, nothing it did is kept, and its output is printed only once the
 * transaction has committed.
 */
#include "tui/cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/cli/cmd.h"
#include "tui/cli/ctx.h"

#define OPT_JSON { "json", NULL, 0, N_("print JSON instead of text") }
#define OPT_LANG { "lang", "sv|en", 0, N_("the document's language (default: Swedish)") }
#define OPT_OUT { "o", "FILE", 0, N_("the file to write (- : standard output)") }
#define OPT_PASSPHRASE_FILE \
	{ "passphrase-file", "FILE", 0, N_("read the passphrase from the first line of FILE") }
#define OPT_AS { "as", "PERSON", 0, N_("who this machine belongs to (asked when not given)") }
#define OPTS(...) ((const struct cli_opt[]){ __VA_ARGS__, { 0 } })
#define NO_OPTS ((const struct cli_opt[]){ { 0 } })

/* The table of commands. Names of two words come before their first word
 * could be mistaken for a one-word command. */
static const struct command commands[] = {
	{ "init", "NAME", N_("create a new council in the database"), NO_OPTS, 1, 1, true, cmd_init },
	{ "demo", "", N_("create the demo council Digitaliseringsrådet Västra Götaland"),
	  OPTS({ "force", NULL, 0, N_("replace the council the database holds") }), 0, 0, true, NULL },
	{ "overview", "", N_("a plain-text overview of the council"), NO_OPTS, 0, 0, false, cmd_overview },
	{ "body add", "SHORT NAME", N_("add a body (styrgrupp, råd, referensgrupp)"), NO_OPTS, 2, 2, true,
	  cmd_body_add },
	{ "body list", "", N_("list the bodies"), OPTS(OPT_JSON), 0, 0, false, cmd_body_list },
	{ "person add", "NAME", N_("add a person; prints the id"),
	  OPTS({ "org", "ORG", 0, N_("the organisation the person is from") },
	       { "email", "EMAIL", 0, N_("the person's e-mail address") }),
	  1, 1, true, cmd_person_add },
	{ "member add", "BODY PERSON ROLE",
	  N_("make a person a member of a body: ordförande, vice ordförande, sekreterare, ledamot, ersättare, adjungerad"),
	  OPTS({ "from", "DATE", 0, N_("the first day of the membership") },
	       { "to", "DATE", 0, N_("the last day of the membership") }),
	  3, 3, true, cmd_member_add },
	{ "member list", "BODY", N_("list a body's members (on a date)"),
	  OPTS({ "date", "DATE", 0, N_("the members on that day") }, OPT_JSON), 1, 1, false, cmd_member_list },
	{ "whoami", "[PERSON]", N_("show or set the person who owns this database"), NO_OPTS, 0, 1, true,
	  cmd_whoami },
	{ "goal add", "CODE TITLE", N_("add a goal or sub-goal"),
	  OPTS({ "parent", "CODE", 0, N_("the goal this one is a sub-goal of") },
	       { "task", "T", 0, N_("the task the goal sets") },
	       { "local", "T", 0, N_("what the municipalities are responsible for") },
	       { "regional", "T", 0, N_("what the region is responsible for") },
	       { "national", "T", 0, N_("what the state is responsible for") },
	       { "indicator", "T", 0, N_("how the goal is measured") },
	       { "timeline", "T", 0, N_("by when") },
	       { "priority", NULL, 0, N_("a priority effort") }),
	  2, 2, true, cmd_goal_add },
	{ "goal reading", "CODE YEAR VALUE", N_("record the indicator's value for a year"),
	  OPTS({ "comment", "T", 0, N_("what the value rests on") }), 3, 3, true, cmd_goal_reading },
	{ "goal list", "", N_("the goals, their readings and actions"), OPTS(OPT_JSON), 0, 0, false, cmd_goal_list },
	{ "meeting add", "BODY DATE", N_("plan a meeting; prints its name BODY/DATE"),
	  OPTS({ "time", "HH:MM", 0, N_("when it starts") }, { "end", "HH:MM", 0, N_("when it ends") },
	       { "place", "T", 0, N_("where it is held") }),
	  2, 2, true, cmd_meeting_add },
	{ "meeting list", "", N_("list meetings"),
	  OPTS({ "body", "B", 0, N_("the meetings of one body") }, { "year", "Y", 0, N_("the meetings of one year") },
	       OPT_JSON),
	  0, 0, false, cmd_meeting_list },
	{ "meeting next", "", N_("the next meeting of each body"), OPTS(OPT_JSON), 0, 0, false, cmd_meeting_next },
	{ "meeting show", "MEETING", N_("a meeting: attendance, quorum, agenda, notes, decisions"), OPTS(OPT_JSON),
	  1, 1, false, cmd_meeting_show },
	{ "meeting open", "MEETING", N_("open the meeting (records the time)"),
	  OPTS({ "at", "HH:MM", 0, N_("the time it opened (default: now)") }), 1, 1, true, cmd_meeting_open },
	{ "meeting close", "MEETING", N_("close the meeting (records the time)"),
	  OPTS({ "at", "HH:MM", 0, N_("the time it closed (default: now)") }), 1, 1, true, cmd_meeting_close },
	{ "attend", "MEETING PERSON",
	  N_("record attendance: present, absent, a substitute serving for a member, a guest, who left after which item"),
	  OPTS({ "role", "ROLE", 0, N_("the role at the meeting (default: the person's role in the body, else guest)") },
	       { "for", "PERSON", 0, N_("the absent member a substitute serves for") },
	       { "absent", NULL, 0, N_("the person is absent") },
	       { "from-item", "N", 0, N_("came at item N") }, { "to-item", "N", 0, N_("left after item N") }),
	  2, 2, true, cmd_attend },
	{ "item add", "MEETING TITLE", N_("add an agenda item; prints its number"),
	  OPTS({ "kind", "standard|case|information", 0, N_("the kind of item (default: case)") },
	       { "presenter", "PERSON", 0, N_("who presents it") },
	       { "paper", "NAME", OPT_REPEATS, N_("a paper that goes with it") }),
	  2, 2, true, cmd_item_add },
	{ "item postpone", "MEETING ITEM", N_("postpone an item"), NO_OPTS, 2, 2, true, cmd_item_postpone },
	{ "item move", "MEETING ITEM TO", N_("move an item to another place on the agenda"), NO_OPTS, 3, 3, true,
	  cmd_item_move },
	{ "meeting prepare", "MEETING",
	  N_("the chair's offers for the agenda: standard items, screened proposals, actions falling due; --add puts them on it"),
	  OPTS({ "add", "all|N,N...", 0, N_("put these offers on the agenda") }, OPT_JSON), 1, 1, true,
	  cmd_meeting_prepare },
	{ "note", "MEETING ITEM TEXT", N_("append to an item's notes (TEXT - reads standard input)"), NO_OPTS, 3, 3,
	  true, cmd_note },
	{ "decide", "MEETING ITEM TEXT", N_("record the item's decision; prints its § number"),
	  OPTS({ "yes", "N", 0, N_("the count of yes votes") }, { "no", "N", 0, N_("the count of no votes") },
	       { "abstain", "N", 0, N_("the count of those who abstained") },
	       { "vote", "PERSON:yes|no|abstain", OPT_REPEATS, N_("one person's vote (also ja, nej, avstår)") },
	       { "dissent", "PERSON[:MOTIVATION]", OPT_REPEATS, N_("a reservation against the decision") },
	       { "conflict", "PERSON", OPT_REPEATS, N_("jäv: the person takes no part in the item") }),
	  3, 3, true, cmd_decide },
	{ "decision list", "", N_("decisions across all meetings, newest first"),
	  OPTS({ "body", "B", 0, N_("the decisions of one body") }, { "year", "Y", 0, N_("the decisions of one year") },
	       { "goal", "CODE", 0, N_("decisions with an action serving the goal or its sub-goals") },
	       { "text", "WORDS", 0, N_("decisions whose title or text holds every word") }, OPT_JSON),
	  0, 0, false, cmd_decision_list },
	{ "adjust", "MEETING",
	  N_("adjust (justera) the minutes: names the chair and adjusters, signs with this machine's key; locked once all have signed; --paragraph N: omedelbar justering of § N; --on-paper: signed on paper"),
	  OPTS({ "by", "PERSON", OPT_REPEATS, N_("a signer: the chair or an adjuster") },
	       { "paragraph", "N", 0, N_("adjust § N at once (omedelbar justering)") },
	       { "on-paper", NULL, 0, N_("the named people signed the protocol on paper") }),
	  1, 1, true, cmd_adjust },
	{ "verify", "MEETING | FILE",
	  N_("check the adjustment signatures of a meeting, or of an exported document (no database needed)"), NO_OPTS,
	  1, 1, false, cmd_verify },
	{ "export", "MEETING", N_("the protocol of a meeting as a document; --paragraph N: the extract of § N (protokollsutdrag)"),
	  OPTS({ "format", "pdf|odt|html|md|txt", 0, N_("the document's format (default: pdf)") },
	       { "paragraph", "N", 0, N_("the extract of § N") }, OPT_LANG, OPT_OUT),
	  1, 1, false, cmd_export },
	{ "invite", "MEETING", N_("the invitation (kallelse) with the agenda; --format ics: a calendar event"),
	  OPTS({ "format", "pdf|txt|ics|html|md", 0, N_("the document's format (default: pdf)") }, OPT_LANG, OPT_OUT),
	  1, 1, false, cmd_invite },
	{ "report goals", "",
	  N_("the yearly follow-up of the goals for the steering group: indicators as charts, the year's decisions, actions"),
	  OPTS({ "year", "YEAR", 0, N_("the year followed up (default: this year)") },
	       { "format", "pdf|html|md", 0, N_("the document's format (default: pdf)") }, OPT_LANG, OPT_OUT),
	  0, 0, false, cmd_report_goals },
	{ "action add", "TITLE", N_("add an action; prints its id"),
	  OPTS({ "owner", "WHO", OPT_REQUIRED, N_("the person or organisation who does it") },
	       { "due", "DATE", 0, N_("when it is due") },
	       { "decision", "BODY/YEAR/N", 0, N_("the decision it was born from") },
	       { "goal", "CODE", 0, N_("the goal it serves") }, { "text", "T", 0, N_("what is to be done") }),
	  1, 1, true, cmd_action_add },
	{ "action list", "", N_("list actions"),
	  OPTS({ "owner", "WHO", 0, N_("the actions of a person (with their organisation's) or an organisation") },
	       { "status", "S", 0, N_("the actions in one status") },
	       { "overdue", NULL, 0, N_("only those past their due date") }, OPT_JSON),
	  0, 0, false, cmd_action_list },
	{ "action set", "ID", N_("change an action's status (planned, ongoing, done, cancelled) and add a progress note"),
	  OPTS({ "status", "S", 0, N_("the new status") }, { "note", "TEXT", 0, N_("a progress note") },
	       { "by", "PERSON", 0, N_("who writes the note (default: the owner of this database)") },
	       { "date", "DATE", 0, N_("the note's date (default: today)") }),
	  1, 1, true, cmd_action_set },
	{ "question add", "TEXT", N_("add a screening question of the suggestion box"), NO_OPTS, 1, 1, true,
	  cmd_question_add },
	{ "question list", "", N_("the screening questions"), OPTS(OPT_JSON), 0, 0, false, cmd_question_list },
	{ "proposal add", "TITLE", N_("add a proposal; prints its id"),
	  OPTS({ "by", "PERSON", 0, N_("who proposes it") }, { "text", "T", 0, N_("the proposal") },
	       { "date", "DATE", 0, N_("when it came in (default: today)") }),
	  1, 1, true, cmd_proposal_add },
	{ "proposal screen", "ID ANSWER...", N_("answer the screening questions, yes or no, one each"), NO_OPTS, 2, -1,
	  true, cmd_proposal_screen },
	{ "proposal set", "ID", N_("set a proposal's status (new, screened, in preparation, decided, rejected)"),
	  OPTS({ "status", "S", OPT_REQUIRED, N_("the new status") }), 1, 1, true, cmd_proposal_set },
	{ "proposal list", "", N_("the suggestion box"), OPTS(OPT_JSON), 0, 0, false, cmd_proposal_list },
	{ "proposal agenda", "ID MEETING", N_("put a proposal whose every screening answer is yes on a meeting's agenda"),
	  NO_OPTS, 2, 2, true, cmd_proposal_agenda },
	{ "search", "QUERY...", N_("full-text search of notes, decisions, actions, goals and proposals"),
	  OPTS({ "limit", "N", 0, N_("at most N hits (default: 20)") }, OPT_JSON), 1, -1, false, cmd_search },
	{ "dump", "", N_("the whole database as canonical JSON"), NO_OPTS, 0, 0, false, cmd_dump },
	{ "council share", "DIR", N_("make DIR the council's shared folder (asks a new passphrase)"),
	  OPTS(OPT_AS, OPT_PASSPHRASE_FILE), 1, 1, false, cmd_share },
	{ "council passphrase", "", N_("change the council's passphrase (and its key)"), OPTS(OPT_PASSPHRASE_FILE), 0, 0,
	  false, cmd_passphrase },
	{ "join", "DIR", N_("ask to join a shared council from its folder (asks the passphrase); a member admits you"),
	  OPTS(OPT_AS, OPT_PASSPHRASE_FILE,
	       { "council", "FINGERPRINT", 0, N_("the council's fingerprint, as the chair gives it with the passphrase") }),
	  1, 1, false, NULL },
	{ "sync", "[DIR]", N_("write this machine's changes to the shared folder and read everyone else's"),
	  OPTS(OPT_JSON), 0, 1, false, cmd_sync },
	{ "conflicts resolve", "ID current|other", N_("settle a conflict: keep the current value or the other"), NO_OPTS,
	  2, 2, false, cmd_conflicts_resolve },
	{ "conflicts", "", N_("fields two members changed at the same time"), OPTS(OPT_JSON), 0, 0, false, cmd_conflicts },
	{ "check", "", N_("compare the shared folder with this copy: this machine's files byte for byte, everyone's it applied"),
	  NO_OPTS, 0, 0, false, cmd_check },
	{ "repair", "", N_("put back this machine's files that the shared folder lost or damaged"), NO_OPTS, 0, 0, false,
	  cmd_repair },
	{ "members admit", "NAME|FINGERPRINT", N_("let a newcomer who asked to join in: compare their fingerprint first"),
	  OPTS({ "as", "PERSON", 0, N_("the person of the council they are (the name they gave when not given)") }), 1, 1,
	  false, cmd_members_admit },
	{ "members remove", "PERSON", N_("a member leaves: a new council key and passphrase for the others"),
	  OPTS(OPT_PASSPHRASE_FILE), 1, 1, false, cmd_members_remove },
	{ "members", "", N_("the members' machines: key fingerprints and files written"), OPTS(OPT_JSON), 0, 0, false,
	  cmd_members },
};

const struct command *cli_find(int argc, char **argv, int *used)
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

int cli_run(struct store *st, int argc, char **argv, struct strbuf *out, struct err *e)
{
	int used;
	struct ctx c = { .st = st, .out = out, .e = e };
	const struct command *cmd = cli_find(argc, argv, &used);
	error_clear(e);
	if (!cmd || !cmd->run) {
		error(e, E_UNKNOWN_COMMAND, argc ? argv[0] : "");
		return error_exit_status(e->code);
	}
	int status = 0;
	size_t mark = out->len;
	if (ctx_parse(&c, cmd, argc - used, argv + used) || (cmd->writes && store_begin(st, e))) {
		status = error_exit_status(e->code);
	} else if (cmd->run(&c)) {
		if (cmd->writes)
			store_rollback(st);
		out->len = mark;
		if (out->buf)
			out->buf[mark] = '\0';
		status = error_exit_status(e->code ? e->code : E_DB);
	} else if (cmd->writes && store_commit(st, e)) {
		status = error_exit_status(e->code);
	}
	ctx_release(&c);
	return status;
}

/* ---- help ---- */

void cli_print_help(FILE *f)
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

/* The command's usage line, its help and one line for each option. */
static void describe(FILE *f, const struct command *cmd)
{
	struct strbuf sb = { 0 };
	cli_usage_line(cmd, &sb);
	fprintf(f, "%s\n\n    %s\n", sb.buf, _(cmd->help));
	if (cmd->opts[0].name)
		fputc('\n', f);
	for (const struct cli_opt *o = cmd->opts; o->name; o++) {
		sb_reset(&sb);
		cli_opt_name(o, &sb);
		if (o->value)
			sb_addf(&sb, " %s", o->value);
		fprintf(f, "    ");
		struct strbuf pad = { 0 };
		sb_addpad(&pad, sb.buf, 28);
		fprintf(f, "%s %s\n", pad.buf, _(o->help));
		sb_release(&pad);
	}
	sb_release(&sb);
}

int cli_help_command(int argc, char **argv)
{
	int used;
	const struct command *cmd = cli_find(argc, argv, &used);
	if (cmd) {
		describe(stdout, cmd);
		return 0;
	}
	/* a group: "gavel help meeting" lists its commands */
	bool any = false;
	for (size_t i = 0; argc && i < ARRAY_SIZE(commands); i++) {
		size_t n = strlen(argv[0]);
		if (!strncmp(commands[i].name, argv[0], n) && commands[i].name[n] == ' ') {
			struct strbuf sb = { 0 };
			cli_usage_line(&commands[i], &sb);
			printf("%s\n    %s\n", sb.buf, _(commands[i].help));
			sb_release(&sb);
			any = true;
		}
	}
	if (any)
		return 0;
	struct err e;
	error(&e, E_UNKNOWN_COMMAND, argc ? argv[0] : "");
	fprintf(stderr, "gavel: %s\n", e.msg);
	return error_exit_status(e.code);
}

/* Text for roff: a backslash before each '-' and '\'. */
static void roff(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '-' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
}

void cli_print_man(FILE *f)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		const struct command *cmd = &commands[i];
		struct strbuf sb = { 0 };
		cli_usage_line(cmd, &sb);
		fputs(".TP\n.B ", f);
		roff(f, sb.buf);
		fprintf(f, "\n%s\n", cmd->help);
		sb_release(&sb);
		if (!cmd->opts[0].name)
			continue;
		fputs(".RS\n", f);
		for (const struct cli_opt *o = cmd->opts; o->name; o++) {
			struct strbuf name = { 0 };
			cli_opt_name(o, &name);
			if (o->value)
				sb_addf(&name, " %s", o->value);
			fputs(".TP\n.B ", f);
			roff(f, name.buf);
			fprintf(f, "\n%s\n", o->help);
			sb_release(&name);
		}
		fputs(".RE\n", f);
	}
}
