/*
 * prepare: the chair builds the agenda of the next meeting. The standard
 * opening and closing items, the screened proposals and the actions
 * falling due by the meeting's date are offered; the chosen ones go on the
 * agenda in the conventional order (opening items first, the closing item
 * last). A proposal whose every screening answer is yes may also be put on
 * an agenda on its own.
 */
#ifndef GAVEL_PREPARE_H
#define GAVEL_PREPARE_H

#include "store/store.h"

enum offer_kind { OFFER_OPENING, OFFER_PROPOSAL, OFFER_ACTION, OFFER_CLOSING };

struct offer {
	enum offer_kind kind;
	char *title;             /* the item's title if chosen */
	char *detail;            /* who and when, for the list */
	char id[ID_LEN + 1];     /* the proposal or action */
	char presenter[ID_LEN + 1]; /* "" or the person to present it */
	bool on_agenda;          /* already there: shown, not added again */
};

struct offers {
	struct offer *v;
	size_t n, alloc;
};
void offers_release(struct offers *o);

/* The offers for the meeting (refused when it is adjusted or closed). */
int prepare_offers(struct store *st, const char *meeting_id, struct offers *out, struct err *e);
/*
 * Puts the chosen offers (chosen[i] for o->v[i]; those already on the
 * agenda are skipped) on the meeting's agenda; a proposal goes to "in
 * preparation". *added gets how many items were added.
 */
int prepare_apply(struct store *st, const char *meeting_id, const struct offers *o,
		  const bool *chosen, int *added, struct err *e);

/* True if the proposal has an answer to each of nquestions questions and
 * every answer is yes. */
bool prepare_proposal_ready(const struct proposal *p, size_t nquestions);
/* Puts a proposal on the meeting's agenda before its closing item;
 * refused unless every screening answer is yes. *pos gets the item's
 * number. */
int prepare_proposal_to_agenda(struct store *st, const char *proposal_id, const char *meeting_id,
			       int *pos, struct err *e);

#endif
