/*
 * meeting: the services of a meeting's life: planning, attendance, the
 * agenda, notes, decisions with their § numbers, and adjustment.
 *
 * A meeting is named BODY/DATE ("radet/2026-11-22"), an item by its number
 * on the agenda, a decision BODY/YEAR/N ("radet/2026/14" for § 14).
 * Every function validates first and changes nothing when it refuses.
 */
#ifndef GAVEL_MEETING_H
#define GAVEL_MEETING_H

#include "core/rules.h"
#include "store/store.h"

/* Finds the meeting named ref; E_UNKNOWN_MEETING if none. */
int meeting_resolve(struct store *st, const char *ref, struct meeting *m, struct err *e);
/* Finds a decision named BODY/YEAR/N. */
int meeting_decision_resolve(struct store *st, const char *ref, char id[ID_LEN + 1],
			     struct err *e);

/* Plans a meeting; *name gets "BODY/DATE" (caller frees). */
int meeting_add(struct store *st, const char *body, const char *date, const char *time,
		const char *end, const char *place, char **name, struct err *e);
/* planned → open and open → closed, recording the clock time (HH:MM;
 * NULL: now). */
int meeting_open(struct store *st, const char *ref, const char *at, struct err *e);
int meeting_close(struct store *st, const char *ref, const char *at, struct err *e);

struct attend_input {
	const char *person;
	const char *role;   /* NULL: the person's role in the body, else gäst */
	const char *for_person;
	bool absent;
	const char *from_item, *to_item; /* numbers, or NULL */
};
int meeting_attend(struct store *st, const char *ref, const struct attend_input *in,
		   struct err *e);

int meeting_item_add(struct store *st, const char *ref, const char *title, const char *kind,
		     const char *presenter, char **papers, int npapers, int *pos, struct err *e);
int meeting_item_postpone(struct store *st, const char *ref, const char *item, struct err *e);
/* Moves item number `item` to place `to` (1..the number of items); the
 * items between shift by one. */
int meeting_item_move(struct store *st, const char *ref, const char *item, const char *to,
		      struct err *e);
int meeting_note(struct store *st, const char *ref, const char *item, const char *text,
		 struct err *e);
/* Replaces an item's notes with text (may be empty): the editor's save. */
int meeting_notes_set(struct store *st, const char *ref, const char *item, const char *text,
		      struct err *e);

struct decide_input {
	const char *text;
	const char *yes, *no, *abstain; /* counts, or NULL */
	char **votes; int nvotes;         /* "PERSON:yes|no|abstain" */
	char **dissents; int ndissents;   /* "PERSON[:MOTIVATION]" */
	char **conflicts; int nconflicts; /* PERSON */
};
struct decide_result {
	int para, year;
	struct quorum quorum;
	char warning[256]; /* "" or why the decision is marked */
};
int meeting_decide(struct store *st, const char *ref, const char *item,
		   const struct decide_input *in, struct decide_result *out, struct err *e);

/* closed → adjusted by the given people (who attended the meeting). */
int meeting_adjust(struct store *st, const char *ref, char **by, int nby, struct err *e);

/* Everything `meeting show` tells. */
struct meeting_view {
	struct meeting m;
	struct attendee_list att;
	struct item_list items;
	struct strvec adjusters;
	struct quorum quorum;
	int para_first, para_last; /* 0 when no decisions */
};
int meeting_view_load(struct store *st, const char *ref, struct meeting_view *v, struct err *e);
void meeting_view_release(struct meeting_view *v);

#endif
