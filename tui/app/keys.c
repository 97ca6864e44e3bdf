/*
 * keys: every action of the interface named once, with its keys, the
 * screens it applies on and its help text. The help screen (`?`) and the
 * status line are made from this table.
 */
#include <curses.h>
#include <stdio.h>

#include "core/base/base.h"
#include "tui/app/tui.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC 27

const struct keydef keydefs[] = {
	{ ACT_HELP, ON_ALL & ~ON_NOTES, { '?', KEY_F(1) }, "?", N_("help: the keys of this screen") },
	{ ACT_QUIT, ON_HOME, { 'q', 'Q' }, "q", N_("quit") },
	{ ACT_BACK, ON_ALL & ~ON_HOME & ~ON_NOTES & ~ON_WELCOME, { 'q', ESC, KEY_LEFT, 'h' }, "q, Esc, h", N_("back") },
	{ ACT_BACK, ON_NOTES, { ESC }, "Esc", N_("leave the notes (they are saved)") },
	{ ACT_UP, ON_ALL & ~ON_NOTES, { KEY_UP, 'k' }, "↑, k", N_("up") },
	{ ACT_DOWN, ON_ALL & ~ON_NOTES, { KEY_DOWN, 'j' }, "↓, j", N_("down") },
	{ ACT_TOP, ON_ALL & ~ON_NOTES, { 'g', KEY_HOME }, "g, Home", N_("first") },
	{ ACT_BOTTOM, ON_ALL & ~ON_NOTES, { 'G', KEY_END }, "G, End", N_("last") },
	{ ACT_PAGE_UP, ON_NOTES | ON_LIST, { KEY_PPAGE }, "PgUp", N_("a page up") },
	{ ACT_PAGE_DOWN, ON_NOTES | ON_LIST, { KEY_NPAGE }, "PgDn", N_("a page down") },
	{ ACT_ENTER, ON_ALL & ~ON_NOTES, { '\n', '\r', KEY_ENTER, 'l' }, "Enter, l", N_("open the selected line") },
	{ ACT_TAB, ON_MEETING | ON_NOTES, { '\t' }, "Tab", N_("between the agenda and the notes") },
	{ ACT_SEARCH, ON_ALL & ~ON_NOTES, { '/' }, "/", N_("search everything") },
	{ ACT_OPEN_MEETING, ON_MEETING, { 'o' }, "o", N_("open the meeting (records the time)") },
	{ ACT_CLOSE_MEETING, ON_MEETING, { 'C' }, "C", N_("close the meeting (records the time)") },
	{ ACT_ATTENDANCE, ON_MEETING, { 'a' }, "a", N_("attendance") },
	{ ACT_DECIDE, ON_MEETING, { 'd' }, "d", N_("record the item's decision (gets its §)") },
	{ ACT_NEW_ACTION, ON_MEETING, { 'n' }, "n", N_("a new action from this item: owner, due date, goal") },
	{ ACT_ADD_ITEM, ON_MEETING, { '+' }, "+", N_("add an unplanned item") },
	{ ACT_POSTPONE, ON_MEETING, { 'p' }, "p", N_("postpone the item") },
	{ ACT_EDITOR, ON_MEETING | ON_NOTES, { CTRL('e') }, "Ctrl-E", N_("edit the notes in $EDITOR") },
	{ ACT_UNDO, ON_NOTES, { CTRL('z'), CTRL('_') }, "Ctrl-Z", N_("undo") },
	{ ACT_REDO, ON_NOTES, { CTRL('y') }, "Ctrl-Y", N_("redo") },
	{ ACT_TOGGLE, ON_ATTEND, { ' ', 'x' }, "Space, x", N_("present / absent") },
	{ ACT_SUBSTITUTE, ON_ATTEND, { 's' }, "s", N_("a substitute serves for this absent member") },
	{ ACT_GUEST, ON_ATTEND, { '+' }, "+", N_("add a guest by name") },
	{ ACT_LEFT_AFTER, ON_ATTEND, { 'L' }, "L", N_("left after item N") },
	{ ACT_MEETINGS, ON_HOME, { 'm' }, "m", N_("open the selected meeting") },
	{ ACT_WHOAMI, ON_HOME, { 'w' }, "w", N_("who am I: the person this database belongs to") },
	{ ACT_GO_HOME, ON_ALL & ~ON_NOTES & ~ON_WELCOME, { '1' }, "1", N_("home") },
	{ ACT_GO_MEETINGS, ON_ALL & ~ON_NOTES & ~ON_WELCOME, { '2' }, "2", N_("meetings by body and year") },
	{ ACT_GO_DECISIONS, ON_ALL & ~ON_NOTES & ~ON_WELCOME, { '3' }, "3", N_("decisions") },
	{ ACT_GO_GOALS, ON_ALL & ~ON_NOTES & ~ON_WELCOME, { '4' }, "4", N_("goals") },
	{ ACT_GO_ACTIONS, ON_ALL & ~ON_NOTES & ~ON_WELCOME, { '5' }, "5", N_("actions") },
	{ ACT_GO_PROPOSALS, ON_ALL & ~ON_NOTES & ~ON_WELCOME, { '6' }, "6", N_("proposals") },
	{ ACT_PREPARE, ON_MEETING | ON_MEETINGS, { 'P' }, "P", N_("prepare the agenda: standard items, proposals, actions due") },
	{ ACT_MOVE_UP, ON_MEETING, { 'K' }, "K", N_("move the item up the agenda") },
	{ ACT_MOVE_DOWN, ON_MEETING, { 'J' }, "J", N_("move the item down the agenda") },
	{ ACT_FILTER_BODY, ON_MEETINGS | ON_DECISIONS, { 'b' }, "b", N_("filter by body") },
	{ ACT_PREV_YEAR, ON_MEETINGS, { '<', ',' }, "<", N_("the year before") },
	{ ACT_NEXT_YEAR, ON_MEETINGS, { '>', '.' }, ">", N_("the year after") },
	{ ACT_FILTER_YEAR, ON_MEETINGS | ON_DECISIONS, { 'y' }, "y", N_("filter by year (empty: every year)") },
	{ ACT_FILTER_GOAL, ON_DECISIONS, { 'o' }, "o", N_("filter by goal") },
	{ ACT_FILTER_TEXT, ON_DECISIONS, { 'f' }, "f", N_("filter by words in the title or decision") },
	{ ACT_FILTER_CLEAR, ON_DECISIONS | ON_ACTIONS, { 'x' }, "x", N_("clear the filters") },
	{ ACT_GOAL_ACTIONS, ON_GOALS, { 'a' }, "a", N_("the goal's actions") },
	{ ACT_ORDER, ON_ACTIONS, { 'o' }, "o", N_("order by due date, owner or status") },
	{ ACT_MINE, ON_ACTIONS, { 'm' }, "m", N_("my actions only / everyone's") },
	{ ACT_STATUS, ON_ACTIONS, { 's' }, "s", N_("change the status") },
	{ ACT_NOTE, ON_ACTIONS, { 'n' }, "n", N_("add a progress note") },
	{ ACT_SCREEN, ON_PROPOSALS, { 's' }, "s", N_("screen: answer the questions yes or no") },
	{ ACT_TO_AGENDA, ON_PROPOSALS, { 'A' }, "A", N_("put on a meeting's agenda (every answer yes)") },
	{ ACT_TOGGLE, ON_PREPARE, { ' ', 'x' }, "Space, x", N_("choose / leave out") },
	{ ACT_APPLY, ON_PREPARE, { 'A' }, "A", N_("put the chosen items on the agenda") },
	{ ACT_GO_CONFLICTS, ON_ALL & ~ON_NOTES & ~ON_WELCOME, { '7' }, "7", N_("conflicts of a shared council") },
	{ ACT_SYNC, ON_ALL & ~ON_NOTES & ~ON_WELCOME, { 'S' }, "S", N_("sync with the council's shared folder") },
	{ ACT_EXPORT, ON_MEETING, { 'E' }, "E", N_("the protocol as a document (PDF, ODT, HTML, Markdown, text)") },
	{ ACT_EXTRACT, ON_MEETING, { 'X' }, "X", N_("an extract of the selected item's paragraph") },
	{ ACT_INVITE, ON_MEETING, { 'I' }, "I", N_("the invitation with the agenda (PDF, calendar file, text)") },
	{ ACT_ADJUST, ON_MEETING, { 'A' }, "A", N_("adjust: sign the protocol (or, in an open meeting, the selected paragraph)") },
	{ ACT_REPORT, ON_GOALS, { 'R' }, "R", N_("the yearly goals report for the steering group") },
	{ ACT_CREATE, ON_WELCOME, { 'c' }, "c", N_("create a new council") },
	{ ACT_DEMO, ON_WELCOME, { 'd' }, "d", N_("open the demo council") },
	{ ACT_QUIT, ON_WELCOME, { 'q', 'Q' }, "q", N_("quit") },
};
const int keydef_count = (int)ARRAY_SIZE(keydefs);

enum key_action keys_action(int ch, unsigned on)
{
	for (int i = 0; i < keydef_count; i++) {
		if (!(keydefs[i].on & on))
			continue;
		for (int k = 0; k < 4 && keydefs[i].keys[k]; k++)
			if (keydefs[i].keys[k] == ch)
				return keydefs[i].action;
	}
	return ACT_NONE;
}

void keys_print_man(FILE *f)
{
	static const struct {
		unsigned on;
		const char *title;
	} screens[] = {
		{ 0, "Everywhere" }, { ON_HOME, "Home" }, { ON_MEETING, "Meeting" }, { ON_NOTES, "Typing notes" },
		{ ON_ATTEND, "Attendance" }, { ON_MEETINGS, "Meetings" }, { ON_DECISIONS, "Decisions" },
		{ ON_GOALS, "Goals" }, { ON_ACTIONS, "Actions" }, { ON_PROPOSALS, "Proposals" },
		{ ON_PREPARE, "Preparing the agenda" }, { ON_WELCOME, "First start" },
		{ ON_CONFLICTS, "Conflicts" },
	};
	for (size_t s = 0; s < ARRAY_SIZE(screens); s++) {
		fprintf(f, ".SS %s\n", screens[s].title);
		for (int i = 0; i < keydef_count; i++) {
			/* keys of (nearly) every screen are listed once, first */
			bool everywhere = (keydefs[i].on & ON_HOME) && (keydefs[i].on & ON_DECISIONS);
			if (screens[s].on ? !(keydefs[i].on & screens[s].on) || everywhere : !everywhere)
				continue;
			fputs(".TP\n.B ", f);
			for (const char *p = keydefs[i].name; *p; p++) {
				if (*p == '-' || *p == '\\')
					fputc('\\', f);
				fputc(*p, f);
			}
			fprintf(f, "\n%s\n", keydefs[i].help);
		}
	}
}
