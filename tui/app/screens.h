/*
 * screens: every screen of the interface named once (tig's VIEW_INFO).
 *
 * A row is a place where keys apply: a screen, or a mode of one (typing
 * the notes is a mode of the meeting screen, with keys of its own). The
 * top-level screens come first, each with its number key; from this list
 * come the go keys of the key table (tui/app/keys.c), app_goto, the title
 * line's tabs ("1 Home": the key and the title), the sections of the help
 * screen and the man page's sections of keys.
 *
 * X(ID, number key, its ON_* bit, title, the go key's help,
 *   man page section, the screen it is a mode of, opener)
 *
 * The title and the help are N_() texts, translated where they are shown;
 * the man page is in English. The opener opens a top-level screen on top of
 * home (home itself has none: going home is going back to it).
 */
#ifndef GAVEL_TUI_SCREENS_H
#define GAVEL_TUI_SCREENS_H

/* Where a key applies: a bit for each screen or mode, one row of the list
 * below each. A row of the key table applies where its bits say. */
enum {
	ON_ALL = ~0u,
	ON_HOME = 1u << 0,
	ON_MEETING = 1u << 1,
	ON_NOTES = 1u << 2, /* typing in the notes editor */
	ON_ATTEND = 1u << 3,
	ON_MEETINGS = 1u << 4,
	ON_DECISIONS = 1u << 5,
	ON_GOALS = 1u << 6,
	ON_ACTIONS = 1u << 7,
	ON_PROPOSALS = 1u << 8,
	ON_PREPARE = 1u << 9,
	ON_WELCOME = 1u << 10,
	ON_CONFLICTS = 1u << 11,
	ON_SEARCH = 1u << 12,
	ON_HELP = 1u << 13,
	ON_MEMBERS = 1u << 14,
};
/* the screens that are a list to page through */
#define ON_LIST \
	(ON_MEETINGS | ON_DECISIONS | ON_GOALS | ON_ACTIONS | ON_PROPOSALS | ON_PREPARE | ON_CONFLICTS | \
	 ON_SEARCH | ON_HELP | ON_MEMBERS)

/* The top-level screens, in the order of their number keys. */
#define SCREENS_TOP(X) \
	X(HOME, '1', ON_HOME, N_("Home"), N_("home"), "Home", HOME, NULL) \
	X(MEETINGS, '2', ON_MEETINGS, N_("Meetings"), N_("meetings by body and year"), "Meetings", \
	  MEETINGS, open_meetings) \
	X(DECISIONS, '3', ON_DECISIONS, N_("Decisions"), N_("decisions"), "Decisions", DECISIONS, \
	  open_every_decision) \
	X(GOALS, '4', ON_GOALS, N_("Goals"), N_("goals"), "Goals", GOALS, open_goals) \
	X(ACTIONS, '5', ON_ACTIONS, N_("Actions"), N_("actions"), "Actions", ACTIONS, open_every_action) \
	X(PROPOSALS, '6', ON_PROPOSALS, N_("Proposals"), N_("proposals"), "Proposals", PROPOSALS, \
	  open_proposals) \
	X(CONFLICTS, '7', ON_CONFLICTS, N_("Conflicts"), N_("conflicts of a shared council"), \
	  "Conflicts", CONFLICTS, open_conflicts)

/* The screens opened from others, and the modes of screens. */
#define SCREENS_INNER(X) \
	X(MEETING, 0, ON_MEETING, N_("Meeting"), NULL, "Meeting", MEETING, NULL) \
	X(NOTES, 0, ON_NOTES, N_("Typing notes"), NULL, "Typing notes", MEETING, NULL) \
	X(ATTEND, 0, ON_ATTEND, N_("Attendance"), NULL, "Attendance", ATTEND, NULL) \
	X(PREPARE, 0, ON_PREPARE, N_("Prepare the agenda"), NULL, "Preparing the agenda", PREPARE, NULL) \
	X(SEARCH, 0, ON_SEARCH, N_("Search"), NULL, "Search", SEARCH, NULL) \
	X(MEMBERS, 0, ON_MEMBERS, N_("Members"), NULL, "Members", MEMBERS, NULL) \
	X(HELP, 0, ON_HELP, N_("Help"), NULL, "Help", HELP, NULL) \
	X(WELCOME, 0, ON_WELCOME, N_("Welcome"), NULL, "First start", WELCOME, NULL)

#define SCREEN_INFO(X) SCREENS_TOP(X) SCREENS_INNER(X)

#define SCREEN_ID_(id, key, on, title, help, man, of, open) SCREEN_##id,
enum screen_id { SCREEN_INFO(SCREEN_ID_) SCREEN_COUNT };
#undef SCREEN_ID_
#define SCREEN_ONE_(...) +1
/* The top-level screens are the first SCREEN_TOP_COUNT ids. */
enum { SCREEN_TOP_COUNT = 0 SCREENS_TOP(SCREEN_ONE_) };
#undef SCREEN_ONE_

struct app;

struct screen_info {
	int key;             /* the number key of a top-level screen, else 0 */
	unsigned on;         /* its ON_* bit: the rows of the key table that apply */
	const char *title;   /* N_(): in the title line, and in its tab */
	const char *help;    /* N_(): what the number key does, or NULL */
	const char *man;     /* the man page's section of its keys */
	enum screen_id of;   /* the screen this is a mode of (itself if none) */
	void (*open)(struct app *app); /* opens it on top of home, or NULL */
};

/* Indexed by enum screen_id; made from SCREEN_INFO (in app.c). */
extern const struct screen_info screen_infos[SCREEN_COUNT];

#endif
