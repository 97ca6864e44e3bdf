/*
 * lookup: rows found by their id, for the services of core that are keyed
 * by ids: a meeting, and an item with where it stands (its meeting, its
 * decision, whether its minutes may still change), one statement each, so
 * that a service checks its rules without loading the whole agenda.
 *
 * Functions return 0, 1 when there is no such row, or -1 with `e` set.
 * What they fill in is the caller's, freed with the matching *_release.
 */
#ifndef GAVEL_STORE_LOOKUP_H
#define GAVEL_STORE_LOOKUP_H

#include "store/store.h"

/* The meeting with this id, as store_meeting_find gives it. */
int store_meeting_get(struct store *st, const char *id, struct meeting *out, struct err *e);

/* An item and where it stands, without its texts, papers or votes. */
struct item_state {
	char id[ID_LEN + 1];
	char meeting_id[ID_LEN + 1], body_id[ID_LEN + 1];
	char decision_id[ID_LEN + 1]; /* "" when no decision is recorded */
	int pos;                      /* its number on the agenda */
	int para;                     /* the decision's §, 0 when none */
	char *body_short, *date;      /* the meeting's name: BODY/DATE */
	char *meeting_status;         /* planned, open, closed or adjusted */
	char *status;                 /* the item's own */
	bool adjusted_at_once;        /* its paragraph has named signers, all signed */
};
void item_state_release(struct item_state *s);

/* The item with this id and where it stands. */
int store_item_state(struct store *st, const char *item_id, struct item_state *out, struct err *e);

/* The id of item number pos of a meeting. */
int store_item_id(struct store *st, const char *meeting_id, int pos, char id[ID_LEN + 1],
		  struct err *e);

/* Where a numbered row stands, for telling that its number moved: a
 * decision's body and year ("radet 2026"), an item's meeting
 * ("radet/2026-12-07"), "" for a screening question (caller frees). */
int store_number_place(struct store *st, const char *tbl, const char *id, char **out, struct err *e);

#endif
