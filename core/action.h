/*
 * action: what must be done, by whom, by when; its status and dated
 * progress notes. An owner is a person or an organisation; an action may
 * be born from a decision and serve a goal.
 */
#ifndef GAVEL_ACTION_H
#define GAVEL_ACTION_H

#include "store/store.h"

struct action_input {
	const char *title, *description;
	const char *owner;    /* a person's name or id, or an organisation */
	const char *due;      /* YYYY-MM-DD or NULL */
	const char *decision; /* BODY/YEAR/N or NULL */
	const char *goal;     /* goal code or NULL */
};
int action_add(struct store *st, const struct action_input *in, char id[ID_LEN + 1],
	       struct err *e);

/* Resolves an action by id or unique prefix (at least 4 hex digits). */
int action_resolve(struct store *st, const char *key, char id[ID_LEN + 1], struct err *e);

/*
 * Sets the status (NULL: unchanged) and adds a progress note (NULL: none),
 * dated `date` (NULL: today), written by `by` (NULL: the database's owner).
 */
int action_update(struct store *st, const char *key, const char *status, const char *note,
		  const char *by, const char *date, struct err *e);

struct action_query {
	const char *owner;  /* person (with their organisation) or organisation */
	const char *status;
	bool overdue;
	bool notes; /* with their progress notes */
};
int action_list(struct store *st, const struct action_query *q, struct action_list *out,
		struct err *e);

#endif
