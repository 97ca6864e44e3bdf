/*
 * limits: the longest texts and the largest numbers the council's records
 * take, named once. The services refuse what goes past them (check_text);
 * the command line and the interface parse numbers within them.
 *
 * Text limits are in bytes of UTF-8: a name is short, a note may be the
 * whole of a long meeting's minutes pasted in.
 */
#ifndef GAVEL_LIMITS_H
#define GAVEL_LIMITS_H

/* Names: the council's, a body's, a person's, an organisation's, an
 * e-mail address. */
#define NAME_MAX_BYTES 200
/* A body's short name, 1 to this many of a-z, 0-9, - and _. */
#define BODY_SHORT_MAX 32
/* A title (an item's, a goal's, an action's, a proposal's), an item's
 * paper, a meeting's place. */
#define TITLE_MAX_BYTES 500
/* The notes of one item. */
#define NOTE_MAX_BYTES (10 * 1024 * 1024)
/* A long text: a decision, an action's description and progress notes, a
 * proposal. */
#define TEXT_MAX_BYTES 1000000
/* A reservation's motivation. */
#define MOTIVATION_MAX_BYTES 100000
/* A goal's task, responsibilities, indicator and timeline; a reading's
 * comment. */
#define GOAL_TEXT_MAX_BYTES 10000
/* A screening question of the suggestion box. */
#define QUESTION_MAX_BYTES 2000
/* A meeting's name BODY/YYYY-MM-DD and its NUL. */
#define MEETING_NAME_SIZE (BODY_SHORT_MAX + 1 + 10 + 1)
/* A goal's code: numbers and dots, "1.3.2". */
#define GOAL_CODE_MAX 16

/* The years a date, a reading or a report may be of. */
#define YEAR_MIN 1900
#define YEAR_MAX 2999
/* The most items a meeting's agenda holds, so the highest item number. */
#define ITEMS_MAX 10000
/* The highest § number of a body in a year. */
#define PARA_MAX 100000
/* The largest count of yes, no or abstain votes. */
#define VOTES_MAX 100000

/* A number written as decimal text ("%d", "%g"), with its NUL. */
#define NUMBER_TEXT_SIZE 32

#endif
