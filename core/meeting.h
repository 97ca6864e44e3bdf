/*
 * meeting: the services of a meeting's life: planning, attendance, the
 * agenda, notes, decisions with their § numbers, and adjustment.
 *
 * The services are keyed by row ids and take typed input: a meeting by its
 * id, an item by its id, people by their ids, counts as integers. The
 * command line resolves what a person types (tui/cli/parse.h) and the
 * interface passes the ids it holds. Each service checks the council's
 * rules (numbering, the locking of adjusted minutes, quorum, who takes
 * part) and changes nothing when it refuses; callers run it in one store
 * transaction.
 */
#ifndef GAVEL_MEETING_H
#define GAVEL_MEETING_H

#include "core/rules.h"
#include "store/store.h"

/* A person, by id, where a service takes several. */
struct person_ref {
	char id[ID_LEN + 1];
};

/*
 * The meeting named name, "BODY/DATE" ("radet/2026-11-22"), as meetings
 * are shown and as the screens pass them to one another, or "BODY/next"
 * (the body's first meeting today or later) or "BODY/last" (its latest
 * before today); E_BAD_MEETING_NAME
 * if it is not of that form, E_UNKNOWN_BODY or E_UNKNOWN_MEETING if there
 * is none. m is the caller's (meeting_release).
 */
int meeting_resolve(struct store *st, const char *name, struct meeting *m, struct err *e);
/* The meeting with this id into m (the caller's); E_UNKNOWN_MEETING. */
int meeting_get(struct store *st, const char *meeting_id, struct meeting *m, struct err *e);
/* "BODY/DATE" of a meeting, the caller frees it. */
char *meeting_name(const struct meeting *m);

/* A meeting to plan: date YYYY-MM-DD; start, end (HH:MM) and place may be
 * NULL. */
struct meeting_plan {
	const char *date, *start, *end, *place;
};
/* Plans a meeting of the body; id gets the new meeting's id. */
int meeting_add(struct store *st, const char *body_id, const struct meeting_plan *plan,
		char id[ID_LEN + 1], struct err *e);
/* planned → open and open → closed, recording the clock time (HH:MM;
 * NULL: now). */
int meeting_open(struct store *st, const char *meeting_id, const char *at, struct err *e);
int meeting_close(struct store *st, const char *meeting_id, const char *at, struct err *e);

struct attend_input {
	const char *person_id;
	const char *role;   /* as typed (rules_role_parse); NULL: the person's
			       role in the body, else gäst */
	const char *for_id; /* the absent member a substitute serves for, or NULL */
	bool absent;
	int from_item, to_item; /* came at, left after item N; 0: the whole meeting */
};
/* Records (or replaces) one person's attendance. */
int meeting_attend(struct store *st, const char *meeting_id, const struct attend_input *in,
		   struct err *e);

struct item_input {
	const char *title;
	const char *kind;         /* standard, case or information; NULL: case */
	const char *presenter_id; /* NULL: none */
	const char *const *papers;
	size_t npapers;
};
/* Adds an item at the end of the agenda; *pos gets its number. */
int meeting_item_add(struct store *st, const char *meeting_id, const struct item_input *in,
		     int *pos, struct err *e);
int meeting_item_postpone(struct store *st, const char *item_id, struct err *e);
/* Moves the item to place `to` (1..the number of items); the items between
 * shift by one. */
int meeting_item_move(struct store *st, const char *item_id, int to, struct err *e);
/* Appends text (not empty) to an item's notes, after a blank line. */
int meeting_note(struct store *st, const char *item_id, const char *text, struct err *e);
/*
 * Replaces an item's notes with text (may be empty): the editor's save.
 * Two statements: where the item stands (is it locked?) and the update.
 */
int meeting_notes_set(struct store *st, const char *item_id, const char *text, struct err *e);

enum vote_choice { VOTE_YES, VOTE_NO, VOTE_ABSTAIN, VOTE_CHOICES };
/* The stored word of a choice: "yes", "no", "abstain". */
const char *vote_choice_word(enum vote_choice v);
/* The choice as a message names it, in the interface's language. */
const char *vote_choice_name(enum vote_choice v);

struct vote_input {
	char person_id[ID_LEN + 1];
	enum vote_choice choice;
};
struct dissent_input {
	char person_id[ID_LEN + 1];
	const char *motivation; /* NULL or "": none */
};
struct decide_input {
	const char *text;
	bool counted;             /* the votes were counted: */
	int counts[VOTE_CHOICES]; /* yes, no, abstain (0..VOTES_MAX) */
	const struct vote_input *votes; size_t nvotes;          /* votes by name */
	const struct dissent_input *dissents; size_t ndissents; /* reservations */
	const struct person_ref *conflicts; size_t nconflicts;  /* jäv */
};

/* The longest warning a decision comes back with. */
#define DECIDE_WARNING_SIZE 256
struct decide_result {
	int para, year;
	struct quorum quorum;
	char warning[DECIDE_WARNING_SIZE]; /* "" or why the decision is marked */
};
/*
 * Records the item's decision under the body's next § of the meeting's
 * year: the people with jäv take no part; votes and reservations only from
 * those who take part; counts (given, or those of the named votes) within
 * the decision-makers present. A decision without quorum, or before any
 * attendance, is recorded and marked (out->warning says so).
 */
int meeting_decide(struct store *st, const char *item_id, const struct decide_input *in,
		   struct decide_result *out, struct err *e);

/* closed → adjusted by the given people (who attended the meeting). */
int meeting_adjust(struct store *st, const char *meeting_id, const struct person_ref *by,
		   size_t nby, struct err *e);

/* Everything `meeting show` tells. */
struct meeting_view {
	struct meeting m;
	struct attendee_list att;
	struct item_list items;
	struct strvec adjusters;
	struct quorum quorum;
	int para_first, para_last; /* 0 when no decisions */
};
int meeting_view_load(struct store *st, const char *meeting_id, struct meeting_view *v,
		      struct err *e);
void meeting_view_release(struct meeting_view *v);

#endif
