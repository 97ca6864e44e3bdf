/*
 * keys: every action of the interface named once, with its keys, the
 * screens it applies on and its help text. The help screen (`?`) and the
 * status line are made from this table.
 */
#include <curses.h>

#include "core/util.h"
#include "tui/tui.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC 27

const struct keydef keydefs[] = {
	{ ACT_HELP, ON_ALL & ~ON_NOTES, { '?', KEY_F(1) }, "?", N_("help: the keys of this screen") },
	{ ACT_QUIT, ON_HOME, { 'q', 'Q' }, "q", N_("quit") },
	{ ACT_BACK, ON_ALL & ~ON_HOME & ~ON_NOTES, { 'q', ESC, KEY_LEFT, 'h' }, "q, Esc, h", N_("back") },
	{ ACT_BACK, ON_NOTES, { ESC }, "Esc", N_("leave the notes (they are saved)") },
	{ ACT_UP, ON_ALL & ~ON_NOTES, { KEY_UP, 'k' }, "↑, k", N_("up") },
	{ ACT_DOWN, ON_ALL & ~ON_NOTES, { KEY_DOWN, 'j' }, "↓, j", N_("down") },
	{ ACT_TOP, ON_ALL & ~ON_NOTES, { 'g', KEY_HOME }, "g, Home", N_("first") },
	{ ACT_BOTTOM, ON_ALL & ~ON_NOTES, { 'G', KEY_END }, "G, End", N_("last") },
	{ ACT_PAGE_UP, ON_NOTES | ON_LIST, { KEY_PPAGE }, "PgUp", N_("a page up") },
	{ ACT_PAGE_DOWN, ON_NOTES | ON_LIST, { KEY_NPAGE }, "PgDn", N_("a page down") },
	{ ACT_ENTER, ON_ALL & ~ON_NOTES, { '\n', '\r', KEY_ENTER, 'l' }, "Enter, l", N_("open") },
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
		{ ON_HOME, "Home" }, { ON_MEETING, "Meeting" }, { ON_NOTES, "Typing notes" },
		{ ON_ATTEND, "Attendance" },
	};
	for (size_t s = 0; s < ARRAY_SIZE(screens); s++) {
		fprintf(f, ".SS %s\n", screens[s].title);
		for (int i = 0; i < keydef_count; i++) {
			if (!(keydefs[i].on & screens[s].on) || keydefs[i].on == ON_ALL)
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
