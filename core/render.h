/*
 * render: the text and JSON forms of what the command line shows.
 * Every function appends to `out`; `json` picks the form.
 */
#ifndef GAVEL_RENDER_H
#define GAVEL_RENDER_H

#include "core/meeting.h"
#include "core/prepare.h"
#include "store/store.h"

void render_meeting(const struct meeting_view *v, bool json, struct strbuf *out);
void render_meeting_list(const struct meeting_list *l, bool json, struct strbuf *out);
void render_goal_list(const struct goal_list *l, bool json, struct strbuf *out);
void render_action_list(const struct action_list *l, const char *today, bool json,
			struct strbuf *out);
void render_proposal_list(const struct proposal_list *l, bool json, struct strbuf *out);
void render_offers(const struct offers *o, bool json, struct strbuf *out);
void render_decision_list(const struct decision_row_list *l, bool json, struct strbuf *out);
void render_hits(const struct hit_list *l, bool json, struct strbuf *out);

/* The canonical JSON of the whole council: sorted, stable, one row a line. */
int render_dump(struct store *st, struct strbuf *out, struct err *e);

/* What a stored word is said of: its translation can depend on it (Swedish:
 * a "planerat" sammanträde, a "planerad" åtgärd). */
enum render_of { OF_MEETING, OF_ITEM, OF_ITEM_KIND, OF_ACTION, OF_PROPOSAL, OF_HIT };
/* The display name of a stored status or kind (an action's status also
 * "overdue", a search hit's kind), in the interface language; a word it
 * does not know is returned as it is. */
const char *render_status(enum render_of of, const char *status);

#endif
