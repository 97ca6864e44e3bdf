/*
 * parse: what a person types on the command line, resolved once into the
 * ids and typed values the services of core/ take.
 *
 * The command line's grammar lives here: an item by its number on a
 * meeting's agenda, a decision BODY/YEAR/N ("radet/2026/14" is § 14) or
 * BODY/DATE/ITEM, the vote words (yes, no, abstain; ja, nej, avstår),
 * "PERSON:MOTIVATION", counts, years, paragraph numbers, values, yes/no
 * answers and a choice of offers. Names of single things (a body, a
 * person, a goal, an owner, an action or a proposal by id prefix, a
 * meeting BODY/DATE) are looked up by core's resolvers, which the
 * interface uses too; this layer calls them once per command.
 *
 * Each function returns 0, or -1 with `e` set to the refusal (a code of
 * core/base/error.h). Arrays it returns are the caller's to free.
 */
#ifndef GAVEL_CLI_PARSE_H
#define GAVEL_CLI_PARSE_H

#include "core/meeting.h"
#include "core/prepare.h"
#include "store/store.h"

/* An item number in 1..ITEMS_MAX (E_BAD_ITEM_NUMBER). */
int parse_item_number(const char *s, int *n, struct err *e);
/* The id of item number s of the meeting (E_NO_ITEM). */
int parse_item(struct store *st, const struct meeting *m, const char *s, char id[ID_LEN + 1],
	       struct err *e);
/* A meeting (BODY/DATE, meeting_resolve) and an item of it: "MEETING ITEM"
 * as two arguments; m is the caller's (meeting_release) when it returns 0. */
int parse_meeting_item(struct store *st, const char *meeting, const char *item, struct meeting *m,
		       char id[ID_LEN + 1], struct err *e);
/* A decision BODY/YEAR/N, or BODY/DATE/ITEM for the decision of that item. */
int parse_decision(struct store *st, const char *s, char id[ID_LEN + 1], struct err *e);

/* People by name or id prefix, in order; *out holds n of them. */
int parse_people(struct store *st, char *const *names, size_t n, struct person_ref **out,
		 struct err *e);
/* "PERSON:yes", "PERSON:no", "PERSON:abstain" (or ja, nej, avstår). */
int parse_votes(struct store *st, char *const *s, size_t n, struct vote_input **out,
		struct err *e);
/* "PERSON" or "PERSON:MOTIVATION"; the motivations point into s. */
int parse_dissents(struct store *st, char *const *s, size_t n, struct dissent_input **out,
		   struct err *e);
/* A count of the votes of a choice, 0..VOTES_MAX (E_BAD_COUNT). */
int parse_count(enum vote_choice choice, const char *s, int *n, struct err *e);

/* A year YYYY in YEAR_MIN..YEAR_MAX (E_BAD_YEAR). */
int parse_year(const char *s, int *year, struct err *e);
/* A § number in 1..PARA_MAX (E_BAD_PARAGRAPH). */
int parse_paragraph(const char *s, int *para, struct err *e);
/* A finite decimal number such as 87.5 (E_BAD_VALUE). */
int parse_value(const char *s, double *v, struct err *e);
/* A number in min..max for a --limit (E_BAD_LIMIT). */
int parse_limit(const char *s, int min, int max, int *n, struct err *e);
/* Yes/no answers (yes, y, ja, j; no, n, nej), one each. */
int parse_answers(char *const *s, size_t n, bool **out, struct err *e);
/* "all" or "1,3,5" (numbers of the offers list) into chosen[o->n]. */
int parse_choice(const char *s, const struct offers *o, bool *chosen, struct err *e);

#endif
