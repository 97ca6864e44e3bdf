/*
 * renumber: numbers that clash (agenda items, §§). Of the rows that claim
 * one number in a group, the one made first keeps it and the others give
 * way after the group's highest claim (the essay in merge.c says more).
 * Internal to the merge.
 */
#ifndef GAVEL_SYNC_RENUMBER_H
#define GAVEL_SYNC_RENUMBER_H

#include "store/replica.h"

/* A numbered column that gives way in a clash: its table, the unique
 * constraint that clashes, the columns of its group, and the column. */
struct renumbered {
	const char *tbl, *unique, *group, *col;
};
/* The rule of a table (and of its unique constraint `unique`, unless
 * NULL), or NULL if its numbers do not give way. */
const struct renumbered *renumber_rule(const char *tbl, const char *unique);

/* The bit of the rule's column in a mask of t's columns. */
unsigned long long renumber_bit(const struct rtable *t, const struct renumbered *r);

/* The row took a number out of the way and claims the one it was given:
 * its group is numbered again; *renumbered counts the rows that moved. */
int renumber_group(struct store *st, const struct rtable *t, const struct renumbered *r, const char *row,
		   long *renumbered, struct err *e);
/* A number that moved (in mask) may settle a clash of its group (there is
 * none to settle while no row of the table claims a number). */
int renumber_settle(struct store *st, const struct rtable *t, const struct renumbered *r, unsigned long long mask,
		    const char *row, long *renumbered, struct err *e);

/* A meeting's status changed: its items and §§ are settled again, since
 * the rows of an adjusted meeting keep their numbers first. */
int renumber_meeting(struct store *st, const char *meeting, long *renumbered, struct err *e);

/* A signature came in: an item's paragraph it adjusts at once settles its
 * groups again (its numbers then come first). */
int renumber_signed(struct store *st, const char *signature, long *renumbered, struct err *e);

/* The rows whose number moved in this sync, told as one line each into
 * notes ("§ 22 of radet 2026 is now § 24: …"), then forgotten. Kept
 * meanwhile in this machine's settings under RENUMBER_NOTE, so that a
 * part of the sync that is undone takes its moves with it. */
#define RENUMBER_NOTE "renumbered/"
int renumber_report(struct store *st, struct strvec *notes, struct err *e);

/* Numbers out of the way while a group is numbered again: below every
 * number ever given. A row that clashes takes a random one in the first
 * range; a child that moves to a merged row, one in the second. */
#define RENUMBER_ASIDE (-1000000000LL)
#define RENUMBER_ASIDE_SPAN 1000000000U
#define RENUMBER_ASIDE_CHILD (-2000000000LL)

#endif
