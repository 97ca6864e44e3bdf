/*
 * status: the stored words of states and kinds (a meeting's "planned", an
 * action's "ongoing", an item's "case") and the words shown for them.
 */
#ifndef GAVEL_STATUS_H
#define GAVEL_STATUS_H

/* What a stored word is said of: its translation can depend on it (Swedish:
 * a "planerat" sammanträde, a "planerad" åtgärd). */
enum status_of { OF_MEETING, OF_ITEM, OF_ITEM_KIND, OF_ACTION, OF_PROPOSAL, OF_HIT };
/* The display name of a stored status or kind (an action's status also
 * "overdue", a search hit's kind), in the interface language; a word it
 * does not know is returned as it is. */
const char *status_name(enum status_of of, const char *status);

#endif
