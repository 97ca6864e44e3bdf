/*
 * print: the text and JSON forms of what the command line shows: a
 * meeting, and every list. Every function appends to `out`; `json` picks
 * the form. (The lists' models, for the screens as well, are core/lists.h.)
 */
#ifndef GAVEL_PRINT_H
#define GAVEL_PRINT_H

#include "core/meeting.h"
#include "core/prepare.h"
#include "store/store.h"

void print_meeting(const struct meeting_view *v, bool json, struct strbuf *out);
void print_body_list(const struct body_list *l, bool json, struct strbuf *out);
void print_member_list(const struct member_list *l, bool json, struct strbuf *out);
void print_questions(const struct strvec *texts, bool json, struct strbuf *out);
void print_meeting_list(const struct meeting_list *l, bool json, struct strbuf *out);
void print_goal_list(const struct goal_list *l, bool json, struct strbuf *out);
void print_action_list(const struct action_list *l, const char *today, bool json,
			struct strbuf *out);
void print_proposal_list(const struct proposal_list *l, bool json, struct strbuf *out);
void print_offers(const struct offers *o, bool json, struct strbuf *out);
void print_decision_list(const struct decision_row_list *l, bool json, struct strbuf *out);
void print_hits(const struct hit_list *l, bool json, struct strbuf *out);

/* The canonical JSON of the whole council: sorted, stable, one row a line. */
int print_dump(struct store *st, struct strbuf *out, struct err *e);

#endif
