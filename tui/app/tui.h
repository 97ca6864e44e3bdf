/*
 * tui: the full-screen interface. Shared by the screens (tui/screens/),
 * the key table (keys.c), the drawing helpers (draw.c) and the main loop
 * (app.c). Only these files include curses.
 *
 * Every screen is a `struct screen_ops` (tig's view_ops): open, draw, key,
 * close, and its row of the screen table (screens.h: title, number key,
 * where its keys apply). Screens are stacked: Enter pushes one, Esc or q
 * pops it. A screen acts on actions of the key table (keys.c), never on a
 * key by itself; the status line's hints come from that table too.
 */
#ifndef GAVEL_TUI_H
#define GAVEL_TUI_H

#include <stdbool.h>
#include <time.h>

#include <curses.h>
#include <stdio.h>

#include "store/store.h"
#include "tui/app/screens.h"

/* The actions a key can ask for; their keys and help are in keys.c. */
#define ACT_GO_(id, key, on, title, help, man, of, open) ACT_GO_##id,
enum key_action {
	ACT_NONE,
	ACT_QUIT, ACT_BACK, ACT_HELP, ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_TOP, ACT_BOTTOM,
	ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_ENTER, ACT_TAB, ACT_SEARCH, ACT_CLICK,
	ACT_OPEN_MEETING, ACT_CLOSE_MEETING, ACT_ATTENDANCE, ACT_DECIDE, ACT_ADD_ITEM, ACT_POSTPONE,
	ACT_NEW_ACTION, ACT_TOGGLE, ACT_SUBSTITUTE, ACT_GUEST, ACT_LEFT_AFTER, ACT_EDITOR, ACT_UNDO, ACT_REDO,
	ACT_LINE_START, ACT_LINE_END, ACT_WORD_LEFT, ACT_WORD_RIGHT, ACT_DELETE_BACK, ACT_DELETE,
	ACT_DELETE_WORD, ACT_NEWLINE, ACT_PASTE,
	ACT_MEETINGS, SCREENS_TOP(ACT_GO_)
	ACT_FILTER_BODY, ACT_FILTER_YEAR, ACT_FILTER_GOAL, ACT_FILTER_TEXT, ACT_FILTER_CLEAR,
	ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_ORDER, ACT_MINE, ACT_STATUS, ACT_NOTE, ACT_SCREEN,
	ACT_TO_AGENDA, ACT_PREPARE, ACT_MOVE_UP, ACT_MOVE_DOWN, ACT_WHOAMI, ACT_GOAL_ACTIONS,
	ACT_APPLY, ACT_CREATE, ACT_DEMO, ACT_JOIN, ACT_SYNC, ACT_KEEP_CURRENT, ACT_KEEP_OTHER,
	ACT_EXPORT, ACT_EXTRACT, ACT_INVITE, ACT_ADJUST, ACT_REPORT, ACT_MEMBERS, ACT_ADMIT,
	ACT_COUNT
};
#undef ACT_GO_
/* The go key of top-level screen s, and the screen a go key goes to (-1:
 * a is no go key). */
#define ACT_GO(s) ((enum key_action)(ACT_GO_HOME + (int)(s)))
static inline int act_go_screen(enum key_action a)
{
	return a >= ACT_GO_HOME && a < ACT_GO_HOME + SCREEN_TOP_COUNT ? (int)(a - ACT_GO_HOME) : -1;
}

/*
 * A row of the key table: an action, the keys that ask for it and where.
 * An action may have several rows (what Enter does differs by screen); on
 * one screen a key has one row only (tests/unit/test_keys.c checks).
 */
struct keydef {
	enum key_action action;
	unsigned on;      /* ON_*: where it applies */
	int keys[6];      /* curses key codes; 0 ends */
	const char *name; /* the keys as shown: "q, Esc"; NULL: its one key, a printable character */
	const char *help; /* N_(): what it does, on the help screen and in the man page */
	const char *hint; /* NC_("key hint", ...): its word in the status line, or NULL */
	unsigned hint_on; /* ON_*: the screens whose status line shows it */
};
extern const struct keydef keydefs[];
extern const int keydef_count;
/* The action of key `ch` where `on` (ON_* bits) applies; ACT_NONE if none. */
enum key_action keys_action(int ch, unsigned on);
/* The row of key `ch` where `on` applies, or NULL. */
const struct keydef *keys_row(int ch, unsigned on);
/* The keys of a row as shown ("q, Esc, h"); a static buffer for a row
 * named by its one key. */
const char *keys_label(const struct keydef *k);
/* The first key of action a where `on` applies, as shown ("c"); "" if no
 * row has it. A static buffer. */
const char *keys_first(enum key_action a, unsigned on);
/*
 * The status line's hint of keys for the screen or mode s at most `width`
 * columns wide, translated: "Enter open  1-7 screens  ? help", made from
 * the rows' hints in the table's order, rows with the same word merged
 * ("J K move"), "? help" always last, as many as fit. The text stays valid
 * until the next call.
 */
const char *keys_hint(enum screen_id s, int width);
/* Prints the key table as roff for the man page, a section per screen. */
void keys_print_man(FILE *f);

struct app;

struct screen_ops {
	enum screen_id id; /* its row of SCREEN_INFO: its title and its keys */
	/* Loads its data; returns -1 with a message shown when it cannot. */
	int (*open)(struct app *app, void *self);
	void (*draw)(struct app *app, void *self);
	/* Handles the key ch, asking for a (its row of the key table where the
	 * screen is, ACT_NONE if it has none); returns true if the screen used
	 * it. A screen acts on keys of the table only, but for text typed in a
	 * mode that takes text. */
	bool (*key)(struct app *app, void *self, int ch, enum key_action a);
	/* Saves what must be saved (called on pop, quit and signals). */
	void (*save)(struct app *app, void *self);
	/* Called a few times a second while the screen is on top (autosave). */
	void (*tick)(struct app *app, void *self);
	void (*close)(struct app *app, void *self);
	/* The mode the screen is in (a row of SCREEN_INFO whose `of` is the
	 * screen), for a screen with modes; NULL: always its own id. */
	enum screen_id (*mode)(void *self);
};

#define MAX_SCREENS 16
struct app {
	struct store *st;
	int rows, cols;
	bool color;
	bool quit;
	struct {
		const struct screen_ops *ops;
		void *self;
	} stack[MAX_SCREENS];
	int depth;
	char message[512]; /* one line for the status bar; cleared on the next key */
	bool message_is_error;
	char today[DATE_SIZE];
	char council[256];
	/* a bracketed paste, delivered as KEY_PASTE with its text here */
	struct strbuf paste;
	/* where the terminal's cursor goes after a redraw (a screen's draw sets
	 * it when it shows one, e.g. in the notes editor); -1: hidden */
	int cursor_y, cursor_x;
	/* the title line's sync state: "synced 14:02 UTC · 2 conflicts", or "" */
	char sync_line[128];
};

/* The key code of a bracketed paste (its text is in app->paste). */
#define KEY_PASTE (KEY_MAX + 1)

/* Pushes a screen (self is owned by the screen and freed by its close). */
void app_push(struct app *app, const struct screen_ops *ops, void *self);
/* Pops the top screen, saving it first. */
void app_pop(struct app *app);
/* A message in the status line. */
void app_message(struct app *app, bool is_error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The error e in the status line. */
void app_error(struct app *app, const struct err *e);
/* A refusal of the interface in the status line: a code of the error list
 * (core/base/error.h) with its arguments. */
#define app_refuse(app, ...) \
	do { \
		struct err app_refuse_e_; \
		error(&app_refuse_e_, __VA_ARGS__); \
		app_error((app), &app_refuse_e_); \
	} while (0)
/* Refuses (true, with a message) what only a member with the power writes,
 * before anything is typed, on a machine without it (sync.h). */
bool app_read_only(struct app *app);
/* Where the keys of the top screen apply now: its id, or its mode's. */
enum screen_id app_where(const struct app *app);
/* True once SIGTERM or SIGHUP came or the terminal went away: every loop
 * waiting for keys must then give up (the main loop saves and leaves). */
bool app_hangup(void);
/* Reads one key (bracketed paste arrives as KEY_PASTE); ERR on timeout. */
int app_read_key(struct app *app);
/* Runs one change in a transaction: begin, then app_tx_end with the
 * change's result commits (or rolls back and shows e's message). Returns
 * true when the change was kept. */
bool app_tx_begin(struct app *app);
bool app_tx_end(struct app *app, int rc, struct err *e);
/* Runs the interface on the store; returns the process exit status. */
int tui_run(struct store *st);
/* True when GAVEL_HEADLESS asks for the interface without a terminal
 * (tui/app/headless.h): it then runs whatever standard input and output
 * are. */
bool tui_headless(void);

/* ---- drawing (draw.c) ---- */
enum color { C_NORMAL, C_TITLE, C_SELECTED, C_DIM, C_ERROR, C_OK, C_WARN, C_STATUS, C_HEADER };
void draw_color(struct app *app, enum color c, bool on);
/* Writes UTF-8 text at (y, x) clipped to `width` columns; returns columns used. */
int draw_text(int y, int x, const char *s, int width);
/* Like draw_text for n bytes. */
int draw_textn(int y, int x, const char *s, size_t n, int width);
/* Fills the rest of a row from x with spaces up to x + width. */
void draw_fill(int y, int x, int width);
void draw_hline(int y, int x, int width);
void draw_vline(int y, int x, int height);

/*
 * A one-line prompt in the status row: edits `buf` (UTF-8) until Enter
 * (true) or Esc (false). `complete`, if set, is offered candidates for the
 * word being typed.
 */
bool prompt_line(struct app *app, const char *label, char *buf, size_t size,
		 const char *const *complete, int ncomplete);

/*
 * A list's selection and scroll. listnav_key handles the moving keys
 * (↑↓ j k g G PgUp PgDn) for n rows shown `height` at a time; listnav_fit
 * keeps the selection in range and in view; listnav_click selects the row
 * clicked at screen row y (the list starting at row `first`) and returns
 * true when it was already selected (a second click opens).
 */
struct listnav {
	int sel, top;
};
bool listnav_key(struct listnav *l, enum key_action a, int n, int height);
void listnav_fit(struct listnav *l, int n, int height);
bool listnav_click(struct listnav *l, int y, int first, int n);
/* Draws one list row at y: selected rows highlighted, `c` otherwise. */
void draw_row(struct app *app, int y, const char *text, bool selected, enum color c);
/* A header line in the header colour. */
void draw_header(struct app *app, int y, const char *text);

/* Goes to top-level screen s (SCREEN_HOME … SCREEN_CONFLICTS): back to
 * home, then its opener (screen_infos[s].open) on top. */
void app_goto(struct app *app, enum screen_id s);

/* ---- screens ---- */
extern const struct screen_ops screen_home;
extern const struct screen_ops screen_meeting;
extern const struct screen_ops screen_attend;
extern const struct screen_ops screen_help;
extern const struct screen_ops screen_search;
extern const struct screen_ops screen_meetings;
extern const struct screen_ops screen_decisions;
extern const struct screen_ops screen_goals;
extern const struct screen_ops screen_actions;
extern const struct screen_ops screen_proposals;
extern const struct screen_ops screen_prepare;
extern const struct screen_ops screen_welcome;
extern const struct screen_ops screen_conflicts;
void open_conflicts(struct app *app);
extern const struct screen_ops screen_members;
void open_members(struct app *app);
/* Syncs with the council's shared folder (nothing when it is not shared;
 * quiet: no message unless something came in); true if it synced. */
bool tui_sync(struct app *app, bool quiet);
/* Reads the sync state into app->sync_line. */
void sync_line_update(struct app *app);

/* ---- documents (docs.c), written in the current folder ---- */
/* The protocol (paragraph 0) or the extract of § paragraph. */
void docs_export(struct app *app, const char *ref, int paragraph);
void docs_invite(struct app *app, const char *ref);
void docs_report(struct app *app);
/* Names the signers (the adjusters offered) and signs with this
 * machine's key; paragraph > 0 adjusts that paragraph at once. True if it
 * changed something. */
bool docs_adjust(struct app *app, const char *ref, int paragraph, const struct strvec *adjusters,
		 const struct strvec *names);
/* Opens the meeting named ref (BODY/DATE). */
void open_meeting(struct app *app, const char *ref);
/* Opens the meeting with item number `item` selected. */
void open_meeting_at(struct app *app, const char *ref, int item);
void open_search(struct app *app);
void open_attendance(struct app *app, const char *ref);
/* The keys of screen s (and of its modes), from the key table. */
void open_help(struct app *app, enum screen_id s);
void open_meetings(struct app *app);
/* The decisions list, filtered to a goal (NULL: all). */
void open_decisions(struct app *app, const char *goal);
/* The decisions list unfiltered: the opener of the go key 3. */
void open_every_decision(struct app *app);
void open_goals(struct app *app);
/* The actions, of one goal (NULL: all). */
void open_actions(struct app *app, const char *goal);
/* Everyone's actions of every goal: the opener of the go key 5. */
void open_every_action(struct app *app);
void open_proposals(struct app *app);
/* The chair's preparation of the agenda of meeting ref. */
void open_prepare(struct app *app, const char *ref);

#endif
