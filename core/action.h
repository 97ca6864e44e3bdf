/*
 * action: what must be done, by whom, by when; its status and dated
 * progress notes. An owner is a person or an organisation; an action may
 * be born from a decision and serve a goal. The services take ids; the
 * owner's name as people type it is resolved by action_owner_resolve.
 */
#ifndef GAVEL_ACTION_H
#define GAVEL_ACTION_H

#include "store/store.h"

/* Who owns an action: a person, or an organisation (exactly one set). */
struct action_owner {
	char person_id[ID_LEN + 1]; /* "" when an organisation owns it */
	char org_id[ID_LEN + 1];    /* "" when a person owns it */
};
/* A person by name or id first, then an organisation by name;
 * E_UNKNOWN_OWNER or E_AMBIGUOUS. */
int action_owner_resolve(struct store *st, const char *name, struct action_owner *out,
			 struct err *e);

struct action_input {
	const char *title, *description;
	struct action_owner owner;
	const char *due;         /* YYYY-MM-DD or NULL */
	const char *decision_id; /* born from this decision, or NULL */
	const char *goal_id;     /* serving this goal, or NULL */
};
int action_add(struct store *st, const struct action_input *in, char id[ID_LEN + 1],
	       struct err *e);

/* Resolves an action by id or unique prefix (at least 4 hex digits). */
int action_resolve(struct store *st, const char *key, char id[ID_LEN + 1], struct err *e);

/*
 * Sets the status (NULL: unchanged) and adds a progress note (NULL: none),
 * dated `date` (NULL: today), written by author_id (NULL: the database's
 * owner). One of status and note must be given.
 */
int action_update(struct store *st, const char *action_id, const char *status, const char *note,
		  const char *author_id, const char *date, struct err *e);

struct action_query {
	const struct action_owner *owner; /* a person (with their organisation)
					     or an organisation; NULL: anyone */
	const char *status;               /* NULL: any */
	bool overdue;
	bool notes; /* with their progress notes */
};
int action_list(struct store *st, const struct action_query *q, struct action_list *out,
		struct err *e);

#endif
