/*
 * model: the rows of the council's database as plain C structs.
 *
 * Strings are heap-allocated and owned by the struct; NULL means "not set".
 * Ids are fixed arrays of 32 hex digits ("" when not set). Each list owns
 * its elements; *_list_release frees them all.
 */
#ifndef GAVEL_MODEL_H
#define GAVEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/base.h"

/* A list of struct type: v[0..n) of alloc. type_list_push appends a zeroed
 * element and returns it; type_list_release frees every element (with
 * type_release) and the list. */
#define LIST_OF(type) \
	struct type##_list { \
		struct type *v; \
		size_t n, alloc; \
	}; \
	struct type *type##_list_push(struct type##_list *l); \
	void type##_list_release(struct type##_list *l)

/* The functions LIST_OF declares, for the one .c that defines them. */
#define LIST_IMPL(type) \
	struct type *type##_list_push(struct type##_list *l) \
	{ \
		ALLOC_GROW(l->v, l->n + 1, l->alloc); \
		memset(&l->v[l->n], 0, sizeof l->v[0]); \
		return &l->v[l->n++]; \
	} \
	void type##_list_release(struct type##_list *l) \
	{ \
		for (size_t i = 0; i < l->n; i++) \
			type##_release(&l->v[i]); \
		free(l->v); \
		memset(l, 0, sizeof *l); \
	}

struct body {
	char id[ID_LEN + 1];
	char *short_name, *name;
};
void body_release(struct body *b);
LIST_OF(body);

struct person {
	char id[ID_LEN + 1];
	char *name, *org, *email;
};
void person_release(struct person *p);

struct member {
	char person_id[ID_LEN + 1];
	char *name, *org, *role, *from, *to;
};
void member_release(struct member *m);
LIST_OF(member);

struct reading {
	int year;
	double value;
	char *comment;
};
void reading_release(struct reading *r);
LIST_OF(reading);

struct goal {
	char id[ID_LEN + 1];
	char *code, *parent_code, *title, *task, *local, *regional, *national;
	char *indicator, *timeline;
	bool priority;
	struct reading_list readings;
	/* Actions serving this goal: done, open (planned/ongoing), overdue. */
	int actions_done, actions_open, actions_overdue;
};
void goal_release(struct goal *g);
LIST_OF(goal);

struct meeting {
	char id[ID_LEN + 1];
	char body_id[ID_LEN + 1];
	char *body_short, *body_name;
	char *date, *start, *end, *place, *status, *opened, *closed, *adjusted;
};
void meeting_release(struct meeting *m);
LIST_OF(meeting);

struct attendee {
	char person_id[ID_LEN + 1];
	char *name, *org, *role;
	char for_id[ID_LEN + 1]; /* serving for this member, or "" */
	char *for_name;
	bool absent;
	int from_item, to_item; /* 0: from the start / to the end */
};
void attendee_release(struct attendee *a);
LIST_OF(attendee);

struct vote {
	char person_id[ID_LEN + 1];
	char *name, *vote;
};
void vote_release(struct vote *v);
LIST_OF(vote);

struct dissent {
	char person_id[ID_LEN + 1];
	char *name, *motivation;
};
void dissent_release(struct dissent *d);
LIST_OF(dissent);

struct decision {
	char id[ID_LEN + 1];
	int year, para;
	char *text;
	int yes, no, abstain; /* -1: no vote count recorded */
	char *quorum;         /* "yes", "no" or "unknown" */
	struct vote_list votes;
	struct dissent_list dissents;
};
void decision_release(struct decision *d);

struct conflict {
	char person_id[ID_LEN + 1];
	char *name;
};
void conflict_release(struct conflict *c);
LIST_OF(conflict);

struct item {
	char id[ID_LEN + 1];
	int pos;
	char *title, *kind, *presenter, *notes, *status;
	struct strvec papers;
	struct conflict_list conflicts;
	struct decision *decision; /* NULL when none recorded */
};
void item_release(struct item *it);
LIST_OF(item);

struct action_note {
	char *date, *author, *text;
};
void action_note_release(struct action_note *n);
LIST_OF(action_note);

struct action {
	char id[ID_LEN + 1];
	char *title, *description;
	char owner_person_id[ID_LEN + 1], owner_org_id[ID_LEN + 1];
	char *owner; /* display name of the person or organisation */
	char *due, *status;
	char decision_id[ID_LEN + 1], goal_id[ID_LEN + 1];
	char *decision_ref; /* "body/year/N" */
	char *goal_code;
	struct action_note_list notes;
};
void action_release(struct action *a);
LIST_OF(action);

struct answer {
	char *question;
	bool yes;
};
void answer_release(struct answer *a);
LIST_OF(answer);

struct proposal {
	char id[ID_LEN + 1];
	char *title, *text, *by, *date, *status;
	struct answer_list answers;
};
void proposal_release(struct proposal *p);
LIST_OF(proposal);

/* A decision as the decisions list shows it. */
struct decision_row {
	char id[ID_LEN + 1];
	char *body_short, *date; /* the meeting: body_short/date */
	int year, para, item;    /* § para of year; the item's number */
	char *title, *text;
};
void decision_row_release(struct decision_row *d);
LIST_OF(decision_row);

struct hit {
	char *kind;    /* item, decision, action, goal, proposal */
	char *ref;     /* how to name it on the command line */
	char *title;
	char *snippet; /* context with the matches between [ and ] */
	double rank;
	char *meeting; /* "body/date" for items and decisions, else NULL */
	int item;      /* the item's number there */
};
void hit_release(struct hit *h);
LIST_OF(hit);

#endif
