/*
 * lists: the models behind the review screens (decisions, goals, actions,
 * meetings by body and year). Pure functions where they can be, so that
 * the screens only draw and the tests need no terminal.
 */
#ifndef GAVEL_LISTS_H
#define GAVEL_LISTS_H

#include "store/store.h"

/* ---- decisions ---- */

/* The decisions list's filter as the user typed it; NULL or "" is "any". */
struct decisions_query {
	const char *body; /* a body's short name */
	const char *year; /* YYYY */
	const char *goal; /* a goal's code: it and its sub-goals */
	const char *text; /* words, each found in the title or the decision */
	int offset, limit; /* a page of the matches; limit 0: all */
};
/* Appends the decisions matching q, newest first, to out. An unknown body
 * or goal or a year that is not one is refused with one message. *total,
 * if not NULL, gets how many there are in all, or -1 when words are given
 * (they are found page by page). */
int lists_decisions(struct store *st, const struct decisions_query *q,
		     struct decision_row_list *out, int *total, struct err *e);

/* ---- goals ---- */

/* Orders goals as a tree: each goal followed by its sub-goals, codes
 * compared number by number (1.2 before 1.10). */
void lists_goals_tree(struct goal_list *l);
/* Adds each sub-goal's action counts to its goal's, so that a goal's bar
 * shows everything done for it. Call once per loaded list. */
void lists_goals_rollup(struct goal_list *l);
/* Splits `width` columns between done, open and overdue in proportion,
 * every non-zero part at least one column; out[] gets the three widths
 * (all 0 when there are no actions). */
void lists_bar(int done, int open, int overdue, int width, int out[3]);
/* The readings as a row of block characters (▁ to █), one a year from the
 * first year to the last, a space for a year without a reading; scaled
 * between the smallest and the largest value. Appends to `out`. */
void lists_spark(const struct reading_list *r, struct strbuf *out);

/* ---- actions ---- */

enum action_order { ORDER_DUE, ORDER_OWNER, ORDER_STATUS, ORDER_COUNT };
/* The order's name, N_() text. */
const char *lists_order_name(enum action_order o);
/* True for an action still to do whose due date is before today. */
bool lists_overdue(const struct action *a, const char *today);
/* Sorts for the order: by due date (none last), owner then due, or status
 * (overdue, ongoing, planned, done, cancelled) then due. */
void lists_actions_sort(struct action_list *l, enum action_order o, const char *today);
/* The heading the action falls under in that order: the owner's name, the
 * status ("overdue" or the stored status: show it with status_name), or
 * the due month YYYY-MM (a static buffer, valid until the next call) or
 * N_("no due date"); a new heading starts where it changes. */
const char *lists_action_group(const struct action *a, enum action_order o, const char *today);

#endif
