/*
 * keys: every key of the interface named once, as data (calcurse's
 * keydef[], tig's REQ_INFO).
 *
 * A row binds keys to an action where its ON_* bits say, with the help
 * text the help screen (`?`) and the man page show, and the word the
 * status line shows for it. The go keys 1-7 are made from the screen table
 * (tui/app/screens.h). The rows are in the order the help screen and the
 * status line list them: moving and opening first, then each screen's own
 * keys, then the keys of every screen, help last.
 *
 * A screen acts on the keys of its rows and on nothing else (but text
 * typed into the notes); on one screen a key has one row. The status line
 * is made from the rows, so it shows only keys that do what it says.
 * tests/unit/test_keys.c checks all three.
 */
#include <assert.h>
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/base/base.h"
#include "tui/app/tui.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC 27
/* xterm's Ctrl-← and Ctrl-→ (kLFT5, kRIT5 and their shifted twins) */
#define KEY_CTRL_LEFT 545
#define KEY_CTRL_LEFT_SHIFT 546
#define KEY_CTRL_RIGHT 560
#define KEY_CTRL_RIGHT_SHIFT 561

/* where a key is a command: everywhere but in the notes, which take text */
#define EVERY (ON_ALL & ~ON_NOTES)
/* the room for the keys of a row or of a hint as shown: "q, Esc, ←, h" */
#define KEY_NAME_SIZE 64
/* the screens with something to move in or go from */
#define MOVING (EVERY & ~ON_WELCOME)
#define ENTER_KEYS '\n', '\r', KEY_ENTER, 'l'

#define GO_ROW(id, key, on, title, help, man, of, open) \
	{ ACT_GO_##id, MOVING, { key }, NULL, help, NC_("key hint", "screens"), ON_HOME },

const struct keydef keydefs[] = {
	/* moving */
	{ ACT_UP, MOVING & ~ON_HELP, { KEY_UP, 'k' }, "↑, k", N_("up"), NC_("key hint", "choose"),
	  ON_GOALS | ON_PROPOSALS | ON_CONFLICTS | ON_SEARCH | ON_MEMBERS },
	{ ACT_DOWN, MOVING & ~ON_HELP, { KEY_DOWN, 'j' }, "↓, j", N_("down"), NC_("key hint", "choose"),
	  ON_GOALS | ON_PROPOSALS | ON_CONFLICTS | ON_SEARCH | ON_MEMBERS },
	{ ACT_UP, ON_HELP, { KEY_UP, 'k' }, "↑, k", N_("scroll up"), NC_("key hint", "scroll"), ON_HELP },
	{ ACT_DOWN, ON_HELP, { KEY_DOWN, 'j' }, "↓, j", N_("scroll down"), NC_("key hint", "scroll"), ON_HELP },
	{ ACT_TOP, MOVING, { 'g', KEY_HOME }, "g, Home", N_("first"), NULL, 0 },
	{ ACT_BOTTOM, MOVING, { 'G', KEY_END }, "G, End", N_("last"), NULL, 0 },
	{ ACT_PAGE_UP, ON_LIST & ~ON_SEARCH, { KEY_PPAGE }, "PgUp", N_("a page up"), NULL, 0 },
	{ ACT_PAGE_DOWN, ON_LIST & ~ON_SEARCH, { KEY_NPAGE }, "PgDn", N_("a page down"), NULL, 0 },
	{ ACT_CLICK, ON_MEETING | ON_MEETINGS | ON_DECISIONS | ON_GOALS | ON_ACTIONS | ON_PROPOSALS | ON_PREPARE,
	  { KEY_MOUSE }, "Click", N_("a click selects a row, a second click opens or chooses it"), NULL, 0 },

	/* opening */
	{ ACT_ENTER, ON_HOME | ON_MEETINGS, { ENTER_KEYS }, "Enter, l", N_("open the selected meeting"), NC_("key hint", "open"),
	  ON_HOME | ON_MEETINGS },
	{ ACT_ENTER, ON_MEETING, { ENTER_KEYS }, "Enter, l", N_("type the item's notes"), NULL, 0 },
	{ ACT_ENTER, ON_DECISIONS, { ENTER_KEYS }, "Enter, l", N_("open the decision's meeting at its item"),
	  NC_("key hint", "open"), ON_DECISIONS },
	{ ACT_ENTER, ON_GOALS, { ENTER_KEYS }, "Enter, l", N_("the goal's decisions"), NC_("key hint", "its decisions"), ON_GOALS },
	{ ACT_ENTER, ON_ACTIONS, { ENTER_KEYS }, "Enter, l", N_("open the meeting whose decision the action is from"),
	  NC_("key hint", "its meeting"), ON_ACTIONS },
	{ ACT_ENTER, ON_SEARCH, { ENTER_KEYS }, "Enter, l", N_("go to the hit: its meeting, at the item"),
	  NC_("key hint", "go there"), ON_SEARCH },
	{ ACT_TAB, ON_MEETING, { '\t' }, "Tab", N_("type the item's notes"), NC_("key hint", "notes"), ON_MEETING },
	SCREENS_TOP(GO_ROW)

	/* home */
	{ ACT_MEETINGS, ON_HOME, { 'm' }, NULL, N_("open the selected meeting"), NULL, 0 },
	{ ACT_WHOAMI, ON_HOME, { 'w' }, NULL, N_("who am I: the person this database belongs to"), NC_("key hint", "who am I"),
	  ON_HOME },

	/* the meeting */
	{ ACT_DECIDE, ON_MEETING, { 'd' }, NULL, N_("record the item's decision (gets its §)"), NC_("key hint", "decide"), ON_MEETING },
	{ ACT_NEW_ACTION, ON_MEETING, { 'n' }, NULL, N_("a new action from this item: owner, due date, goal"),
	  NC_("key hint", "action"), ON_MEETING },
	{ ACT_ATTENDANCE, ON_MEETING, { 'a' }, NULL, N_("attendance"), NC_("key hint", "attendance"), ON_MEETING },
	{ ACT_OPEN_MEETING, ON_MEETING, { 'o' }, NULL, N_("open the meeting (records the time)"), NC_("key hint", "open"),
	  ON_MEETING },
	{ ACT_CLOSE_MEETING, ON_MEETING, { 'C' }, NULL, N_("close the meeting (records the time)"), NC_("key hint", "close"),
	  ON_MEETING },
	{ ACT_ADD_ITEM, ON_MEETING, { '+' }, NULL, N_("add an unplanned item"), NC_("key hint", "item"), ON_MEETING },
	{ ACT_MOVE_DOWN, ON_MEETING, { 'J' }, NULL, N_("move the item down the agenda"), NC_("key hint", "move"), ON_MEETING },
	{ ACT_MOVE_UP, ON_MEETING, { 'K' }, NULL, N_("move the item up the agenda"), NC_("key hint", "move"), ON_MEETING },
	{ ACT_PREPARE, ON_MEETING, { 'P' }, NULL, N_("prepare the agenda: standard items, proposals, actions due"),
	  NC_("key hint", "prepare"), ON_MEETING },
	{ ACT_POSTPONE, ON_MEETING, { 'p' }, NULL, N_("postpone the item"), NULL, 0 },
	{ ACT_EXPORT, ON_MEETING, { 'E' }, NULL, N_("the protocol as a document (PDF, ODT, HTML, Markdown, text)"),
	  NULL, 0 },
	{ ACT_EXTRACT, ON_MEETING, { 'X' }, NULL, N_("an extract of the selected item's paragraph"), NULL, 0 },
	{ ACT_INVITE, ON_MEETING, { 'I' }, NULL, N_("the invitation with the agenda (PDF, calendar file, text)"),
	  NULL, 0 },
	{ ACT_ADJUST, ON_MEETING, { 'A' }, NULL,
	  N_("adjust: sign the protocol (or, in an open meeting, the selected paragraph)"), NULL, 0 },

	/* typing the notes */
	{ ACT_BACK, ON_NOTES, { ESC }, "Esc", N_("leave the notes (they are saved)"), NC_("key hint", "leave"), ON_NOTES },
	{ ACT_TAB, ON_NOTES, { '\t' }, "Tab", N_("leave the notes (they are saved)"), NC_("key hint", "leave"), ON_NOTES },
	{ ACT_UNDO, ON_NOTES, { CTRL('z'), CTRL('_') }, "Ctrl-Z", N_("undo"), NC_("key hint", "undo"), ON_NOTES },
	{ ACT_REDO, ON_NOTES, { CTRL('y') }, "Ctrl-Y", N_("redo"), NC_("key hint", "redo"), ON_NOTES },
	{ ACT_EDITOR, ON_MEETING | ON_NOTES, { CTRL('e') }, "Ctrl-E", N_("edit the notes in $EDITOR"), NC_("key hint", "editor"),
	  ON_NOTES },
	{ ACT_LEFT, ON_NOTES, { KEY_LEFT }, "←", N_("a character left"), NULL, 0 },
	{ ACT_RIGHT, ON_NOTES, { KEY_RIGHT }, "→", N_("a character right"), NULL, 0 },
	{ ACT_UP, ON_NOTES, { KEY_UP }, "↑", N_("a line up"), NULL, 0 },
	{ ACT_DOWN, ON_NOTES, { KEY_DOWN }, "↓", N_("a line down"), NULL, 0 },
	{ ACT_WORD_LEFT, ON_NOTES, { KEY_CTRL_LEFT, KEY_CTRL_LEFT_SHIFT }, "Ctrl-←", N_("a word left"), NULL, 0 },
	{ ACT_WORD_RIGHT, ON_NOTES, { KEY_CTRL_RIGHT, KEY_CTRL_RIGHT_SHIFT }, "Ctrl-→", N_("a word right"), NULL, 0 },
	{ ACT_LINE_START, ON_NOTES, { KEY_HOME }, "Home", N_("to the start of the line"), NULL, 0 },
	{ ACT_LINE_END, ON_NOTES, { KEY_END }, "End", N_("to the end of the line"), NULL, 0 },
	{ ACT_PAGE_UP, ON_NOTES, { KEY_PPAGE }, "PgUp", N_("a page up"), NULL, 0 },
	{ ACT_PAGE_DOWN, ON_NOTES, { KEY_NPAGE }, "PgDn", N_("a page down"), NULL, 0 },
	{ ACT_NEWLINE, ON_NOTES, { '\r', '\n', KEY_ENTER }, "Enter", N_("a new line"), NULL, 0 },
	{ ACT_DELETE_BACK, ON_NOTES, { KEY_BACKSPACE, 127, CTRL('h') }, "Backspace",
	  N_("delete the character before the cursor"), NULL, 0 },
	{ ACT_DELETE, ON_NOTES, { KEY_DC }, "Delete", N_("delete the character at the cursor"), NULL, 0 },
	{ ACT_DELETE_WORD, ON_NOTES, { CTRL('w') }, "Ctrl-W", N_("delete the word before the cursor"), NULL, 0 },
	{ ACT_PASTE, ON_NOTES, { KEY_PASTE }, "Paste", N_("pasted text goes in as it is, however long"), NULL, 0 },

	/* attendance */
	{ ACT_TOGGLE, ON_ATTEND, { ' ', 'x' }, "Space, x", N_("present / absent"), NC_("key hint", "present/absent"), ON_ATTEND },
	{ ACT_SUBSTITUTE, ON_ATTEND, { 's' }, NULL, N_("a substitute serves for this absent member"), NC_("key hint", "substitute"),
	  ON_ATTEND },
	{ ACT_GUEST, ON_ATTEND, { '+' }, NULL, N_("add a guest by name"), NC_("key hint", "guest"), ON_ATTEND },
	{ ACT_LEFT_AFTER, ON_ATTEND, { 'L' }, NULL, N_("left after item N"), NC_("key hint", "left after"), ON_ATTEND },

	/* meetings and decisions */
	{ ACT_PREV_YEAR, ON_MEETINGS, { '<', ',' }, "<", N_("the year before"), NC_("key hint", "year"), ON_MEETINGS },
	{ ACT_NEXT_YEAR, ON_MEETINGS, { '>', '.' }, ">", N_("the year after"), NC_("key hint", "year"), ON_MEETINGS },
	{ ACT_FILTER_BODY, ON_MEETINGS | ON_DECISIONS, { 'b' }, NULL, N_("filter by body"), NC_("key hint", "body"),
	  ON_MEETINGS | ON_DECISIONS },
	{ ACT_FILTER_YEAR, ON_MEETINGS | ON_DECISIONS, { 'y' }, NULL, N_("filter by year (empty: every year)"),
	  NC_("key hint", "year"), ON_MEETINGS | ON_DECISIONS },
	{ ACT_FILTER_GOAL, ON_DECISIONS, { 'o' }, NULL, N_("filter by goal"), NC_("key hint", "goal"), ON_DECISIONS },
	{ ACT_FILTER_TEXT, ON_DECISIONS, { 'f' }, NULL, N_("filter by words in the title or decision"), NC_("key hint", "words"),
	  ON_DECISIONS },
	{ ACT_PREPARE, ON_MEETINGS, { 'P' }, NULL, N_("prepare the selected meeting's agenda"), NC_("key hint", "prepare"),
	  ON_MEETINGS },

	/* goals */
	{ ACT_GOAL_ACTIONS, ON_GOALS, { 'a' }, NULL, N_("the goal's actions"), NC_("key hint", "its actions"), ON_GOALS },
	{ ACT_REPORT, ON_GOALS, { 'R' }, NULL, N_("the yearly goals report for the steering group"),
	  NC_("key hint", "yearly report"), ON_GOALS },

	/* actions */
	{ ACT_STATUS, ON_ACTIONS, { 's' }, NULL, N_("change the status"), NC_("key hint", "status"), ON_ACTIONS },
	{ ACT_NOTE, ON_ACTIONS, { 'n' }, NULL, N_("add a progress note"), NC_("key hint", "note"), ON_ACTIONS },
	{ ACT_ORDER, ON_ACTIONS, { 'o' }, NULL, N_("order by due date, owner or status"), NC_("key hint", "order"), ON_ACTIONS },
	{ ACT_MINE, ON_ACTIONS, { 'm' }, NULL, N_("my actions only / everyone's"), NC_("key hint", "mine"), ON_ACTIONS },
	{ ACT_FILTER_CLEAR, ON_DECISIONS | ON_ACTIONS, { 'x' }, NULL, N_("clear the filters"), NC_("key hint", "clear"),
	  ON_DECISIONS | ON_ACTIONS },

	/* proposals */
	{ ACT_SCREEN, ON_PROPOSALS, { 's' }, NULL, N_("screen: answer the questions yes or no"), NC_("key hint", "screen"),
	  ON_PROPOSALS },
	{ ACT_TO_AGENDA, ON_PROPOSALS, { 'A' }, NULL, N_("put on a meeting's agenda (every answer yes)"),
	  NC_("key hint", "on an agenda"), ON_PROPOSALS },

	/* preparing the agenda */
	{ ACT_TOGGLE, ON_PREPARE, { ' ', 'x' }, "Space, x", N_("choose / leave out"), NC_("key hint", "choose / leave out"),
	  ON_PREPARE },
	{ ACT_APPLY, ON_PREPARE, { 'A', ENTER_KEYS }, "A, Enter", N_("put the chosen items on the agenda"),
	  NC_("key hint", "add them"), ON_PREPARE },

	/* conflicts */
	{ ACT_KEEP_CURRENT, ON_CONFLICTS, { 'c' }, NULL, N_("settle the conflict: keep the current value"),
	  NC_("key hint", "keep current"), ON_CONFLICTS },
	{ ACT_KEEP_OTHER, ON_CONFLICTS, { 'o' }, NULL, N_("settle the conflict: keep the other value"),
	  NC_("key hint", "keep other"), ON_CONFLICTS },
	{ ACT_MEMBERS, ON_CONFLICTS, { 'm' }, NULL, N_("the members' machines, and who asks to join"),
	  NC_("key hint", "members"), ON_CONFLICTS },

	/* members */
	{ ACT_ADMIT, ON_MEMBERS, { 'a' }, NULL,
	  N_("admit the newcomer chosen: type the fingerprint they read out to you, and it must match"),
	  NC_("key hint", "admit"), ON_MEMBERS },

	/* the first start */
	{ ACT_CREATE, ON_WELCOME, { 'c' }, NULL, N_("create a council: you give its name, then add bodies and people"),
	  NC_("key hint", "create a council"), ON_WELCOME },
	{ ACT_DEMO, ON_WELCOME, { 'd' }, NULL, N_("open the demo council, Digitaliseringsrådet Västra Götaland"), NC_("key hint", "demo"), ON_WELCOME },
	{ ACT_JOIN, ON_WELCOME, { 'j' }, NULL, N_("join a council that shares a folder with its members"), NC_("key hint", "join"),
	  ON_WELCOME },
	{ ACT_SYNC, ON_WELCOME, { 'S' }, NULL, N_("look for this machine's admission"), NULL, 0 },

	/* every screen */
	{ ACT_SEARCH, EVERY & ~ON_SEARCH & ~ON_WELCOME, { '/' }, NULL, N_("search everything"), NC_("key hint", "search"),
	  ON_HOME | ON_DECISIONS | ON_GOALS | ON_PROPOSALS },
	{ ACT_SEARCH, ON_SEARCH, { '/' }, NULL, N_("search again"), NC_("key hint", "search again"), ON_SEARCH },
	{ ACT_SYNC, MOVING, { 'S' }, NULL, N_("sync with the council's shared folder"), NC_("key hint", "sync"), ON_CONFLICTS | ON_MEMBERS },
	{ ACT_BACK, EVERY & ~ON_HOME & ~ON_WELCOME, { 'q', ESC, KEY_LEFT, 'h' }, "q, Esc, ←, h", N_("back"),
	  NC_("key hint", "back"), ON_ATTEND | ON_PREPARE | ON_CONFLICTS | ON_SEARCH | ON_HELP | ON_MEMBERS },
	{ ACT_BACK, ON_HELP, { '?', KEY_F(1) }, "?, F1", N_("back"), NULL, 0 },
	{ ACT_QUIT, ON_HOME | ON_WELCOME, { 'q', 'Q' }, "q", N_("quit"), NC_("key hint", "quit"), ON_HOME | ON_WELCOME },
	{ ACT_HELP, EVERY & ~ON_HELP, { '?', KEY_F(1) }, "?, F1", N_("help: the keys of this screen"), NC_("key hint", "help"),
	  EVERY & ~ON_HELP },
};
const int keydef_count = (int)ARRAY_SIZE(keydefs);

const struct keydef *keys_row(int ch, unsigned on)
{
	for (int i = 0; i < keydef_count; i++) {
		if (!(keydefs[i].on & on))
			continue;
		for (size_t k = 0; k < ARRAY_SIZE(keydefs[i].keys) && keydefs[i].keys[k]; k++)
			if (keydefs[i].keys[k] == ch)
				return &keydefs[i];
	}
	return NULL;
}

enum key_action keys_action(int ch, unsigned on)
{
	const struct keydef *k = keys_row(ch, on);
	return k ? k->action : ACT_NONE;
}

const char *keys_label(const struct keydef *k)
{
	static char one[2];
	if (k->name)
		return k->name;
	/* a row without a name has one printable key (checked by the tests) */
	assert(k->keys[0] > ' ' && k->keys[0] < 0x7f);
	one[0] = (char)k->keys[0];
	return one;
}

const char *keys_first(enum key_action a, unsigned on)
{
	static char name[KEY_NAME_SIZE];
	for (int i = 0; i < keydef_count; i++)
		if (keydefs[i].action == a && (keydefs[i].on & on)) {
			const char *l = keys_label(&keydefs[i]);
			snprintf(name, sizeof name, "%.*s", (int)strcspn(l, ","), l);
			return name;
		}
	return "";
}

/* ---- the status line ---- */

#define HINT_ITEMS 32

struct hint_item {
	char keys[KEY_NAME_SIZE];
	const char *word; /* untranslated, as in the table */
};

/* The first key's name of a row ("q" of "q, Esc, h"). */
static void first_name(const struct keydef *k, char *out, size_t size)
{
	const char *l = keys_label(k);
	snprintf(out, size, "%.*s", (int)strcspn(l, ","), l);
}

/* Adds the name of a row to an item of the same word: "J K", "1-7", "↑↓". */
static void merge_name(struct hint_item *it, const char *name, int *run_first, int *run_last)
{
	bool digit = strlen(name) == 1 && name[0] >= '0' && name[0] <= '9';
	if (digit && *run_last >= 0 && name[0] == *run_last + 1) {
		*run_last = name[0];
		snprintf(it->keys, sizeof it->keys, "%c-%c", *run_first, *run_last);
		return;
	}
	*run_first = *run_last = -1;
	unsigned cp;
	int len = utf8_decode(name, &cp);
	bool arrow = (size_t)len == strlen(name) && cp >= 0x2190 && cp <= 0x21ff;
	size_t n = strlen(it->keys);
	snprintf(it->keys + n, sizeof it->keys - n, "%s%s", arrow ? "" : " ", name);
}

const char *keys_hint(enum screen_id s, int width)
{
	static struct strbuf text; /* kept for the next call */
	static int cached_screen = -1, cached_width = -1;
	if ((int)s == cached_screen && width == cached_width)
		return text.buf;
	assert((int)s < SCREEN_COUNT);
	unsigned on = screen_infos[s].on;
	struct hint_item items[HINT_ITEMS], help = { "", NULL };
	int n = 0, run_first = -1, run_last = -1;
	for (int i = 0; i < keydef_count; i++) {
		const struct keydef *k = &keydefs[i];
		if (!k->hint || !(k->on & on) || !(k->hint_on & on))
			continue;
		char name[KEY_NAME_SIZE];
		first_name(k, name, sizeof name);
		if (k->action == ACT_HELP) {
			snprintf(help.keys, sizeof help.keys, "%s", name);
			help.word = k->hint;
			continue;
		}
		if (n > 0 && !strcmp(items[n - 1].word, k->hint)) {
			merge_name(&items[n - 1], name, &run_first, &run_last);
			continue;
		}
		assert(n < HINT_ITEMS);
		snprintf(items[n].keys, sizeof items[n].keys, "%s", name);
		items[n].word = k->hint;
		bool digit = strlen(name) == 1 && name[0] >= '0' && name[0] <= '9';
		run_first = run_last = digit ? name[0] : -1;
		n++;
	}
	/* as many as fit, help kept at the end */
	struct strbuf line = { 0 }, item = { 0 }, last = { 0 };
	if (help.word)
		sb_addf(&last, "%s %s", help.keys, P_(help.word));
	int room = width - (last.len ? text_width(last.buf) : 0);
	for (int i = 0; i < n; i++) {
		sb_reset(&item);
		sb_addf(&item, "%s%s %s", line.len ? "  " : "", items[i].keys, P_(items[i].word));
		int w = text_width(item.buf);
		if (w + (last.len ? 2 : 0) > room)
			break;
		room -= w;
		sb_add(&line, item.buf, item.len);
	}
	if (last.len)
		sb_addf(&line, "%s%s", line.len ? "  " : "", last.buf);
	sb_release(&text);
	text = line;
	sb_release(&item);
	sb_release(&last);
	if (!text.buf)
		sb_adds(&text, "");
	cached_screen = (int)s;
	cached_width = width;
	return text.buf;
}

/* ---- the man page ---- */

/* A row applies on every top-level screen: the man page lists it once. */
static bool everywhere(const struct keydef *k)
{
	for (int s = 0; s < SCREEN_TOP_COUNT; s++)
		if (!(k->on & screen_infos[s].on))
			return false;
	return true;
}

static void man_row(FILE *f, const struct keydef *k)
{
	fputs(".TP\n.B ", f);
	for (const char *p = keys_label(k); *p; p++) {
		if (*p == '-' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	fprintf(f, "\n%s\n", k->help);
}

void keys_print_man(FILE *f)
{
	fputs(".SS Everywhere\n", f);
	for (int i = 0; i < keydef_count; i++)
		if (everywhere(&keydefs[i]))
			man_row(f, &keydefs[i]);
	for (int s = 0; s < SCREEN_COUNT; s++) {
		bool any = false;
		for (int i = 0; i < keydef_count; i++) {
			const struct keydef *k = &keydefs[i];
			if (!(k->on & screen_infos[s].on) || everywhere(k))
				continue;
			if (!any)
				fprintf(f, ".SS %s\n", screen_infos[s].man);
			any = true;
			man_row(f, k);
		}
	}
}
