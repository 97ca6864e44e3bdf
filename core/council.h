/*
 * council: the services for the council's standing data: the council
 * itself, bodies, people, memberships, goals, readings and the suggestion box.
 *
 * Each function validates its input and either changes the database or
 * returns -1 with `e` set and changes nothing of its own. Callers run each
 * command in one store transaction (see store_begin).
 */
#ifndef GAVEL_COUNCIL_H
#define GAVEL_COUNCIL_H

#include "store/store.h"

int council_init(struct store *st, const char *name, struct err *e);
/* The council's name (caller frees); E_NO_COUNCIL if there is none. */
int council_name(struct store *st, char **name, struct err *e);

int council_body_add(struct store *st, const char *short_name, const char *name, struct err *e);
/* Resolves a body by its short name; E_UNKNOWN_BODY. */
int council_body_resolve(struct store *st, const char *short_name, char id[ID_LEN + 1],
			 struct err *e);

int council_person_add(struct store *st, const char *name, const char *org, const char *email,
		       char id[ID_LEN + 1], struct err *e);
/* Resolves a person by name or id (prefix of at least 6); E_UNKNOWN_PERSON
 * or E_AMBIGUOUS. */
int council_person_resolve(struct store *st, const char *key, char id[ID_LEN + 1], struct err *e);

/* Makes a person a member of a body in a role (as typed: Swedish or
 * English, rules_role_parse) from and to a date (either may be NULL). */
int council_member_add(struct store *st, const char *body_id, const char *person_id,
		       const char *role, const char *from, const char *to, struct err *e);

/* Sets the person who owns this database. */
int council_whoami_set(struct store *st, const char *person_id, struct err *e);
/* *id is "" when not set. */
int council_whoami(struct store *st, char id[ID_LEN + 1], struct err *e);

/* g->code, g->title required; g->parent_code optional, must exist. */
int council_goal_add(struct store *st, const struct goal *g, struct err *e);
/* Resolves a goal by its code; E_UNKNOWN_GOAL. */
int council_goal_resolve(struct store *st, const char *code, char id[ID_LEN + 1], struct err *e);
/* Adds or replaces the goal's indicator reading of a year. */
int council_goal_reading(struct store *st, const char *goal_id, int year, double value,
			 const char *comment, struct err *e);

int council_question_add(struct store *st, const char *text, struct err *e);
/* A proposal by by_id (NULL: nobody named) on date (NULL: today). */
int council_proposal_add(struct store *st, const char *title, const char *text, const char *by_id,
			 const char *date, char id[ID_LEN + 1], struct err *e);
/* Resolves a proposal by id or unique prefix; E_UNKNOWN_PROPOSAL or
 * E_AMBIGUOUS. */
int council_proposal_resolve(struct store *st, const char *key, char id[ID_LEN + 1],
			     struct err *e);
/*
 * Records one yes/no answer per screening question, in order (n must be
 * the number of questions). If every answer is yes the proposal is
 * "screened" (it may go on to preparation), otherwise "rejected".
 * *status_out points to a static string.
 */
int council_proposal_screen(struct store *st, const char *proposal_id, const bool *answers,
			    size_t n, const char **status_out, struct err *e);
int council_proposal_set_status(struct store *st, const char *proposal_id, const char *status,
				struct err *e);

/* Text checks shared by the services: `what` names the text in the
 * message (E_EMPTY, E_BAD_TEXT, E_TOO_LONG); NULL passes when not
 * required. */
int check_text(const char *what, const char *s, size_t max, bool required, struct err *e);
/* NULL or a date YYYY-MM-DD (E_BAD_DATE). */
int check_date(const char *what, const char *s, struct err *e);

#endif
