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

/* The display name of a stored status or kind, in the interface language. */
const char *render_status(const char *status);

#endif
