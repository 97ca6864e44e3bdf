/*
 * store: the council's database. The only module that speaks SQL.
 *
 * One SQLite file in WAL mode with foreign keys on and a busy timeout, so
 * that the terminal interface and a `gavel sync` from cron can share it.
 * The schema is versioned with PRAGMA user_version and upgraded by forward
 * migrations when the file is opened.
 *
 * Every row carries a global id (32 hex digits), created and updated times
 * (UTC, ISO 8601) and its author (the actor id of the machine that wrote
 * it). Functions return 0 on success and -1 with `e` set on failure; lookups
 * return 1 when the thing is not there. Returned structs are owned by the
 * caller and freed with the matching *_free or *_release.
 */
#ifndef GAVEL_STORE_H
#define GAVEL_STORE_H

#include <stdbool.h>

#include "core/base/base.h"
#include "core/base/error.h"
#include "store/model.h"

struct store;

/* The fewest hex digits of an id prefix that names a row: a person's, an
 * action's or a proposal's. */
#define PERSON_PREFIX_MIN 6
#define ID_PREFIX_MIN 4
/* The message a guard trigger refuses a write with (store/replica/guard.c). */
#define STORE_GUARD_REFUSED "gavel: against the rules of the council"

/* The schema version this build writes. */
int store_schema_version(void);

/*
 * Opens (and creates, when `create`) the database at path and upgrades its
 * schema. A database newer than this build is refused.
 */
int store_open(const char *path, bool create, struct err *e, struct store **out);
/* Opens and migrates only up to `version` (tests of the migrations). */
int store_open_at_version(const char *path, int version, struct err *e, struct store **out);
void store_close(struct store *st);
/* The file the store was opened from. */
const char *store_path(struct store *st);
/* The file's current schema version; -1 if it cannot be read. */
int store_version(struct store *st);

/*
 * Transactions: everything a command does happens in one. They nest: only
 * the outermost store_commit commits, and store_rollback undoes the whole
 * transaction at once (the outer store_commit calls then do nothing).
 */
int store_begin(struct store *st, struct err *e);
/* Commits, or fails and rolls back when a function of this transaction
 * could not report an error (see store_error). */
int store_commit(struct store *st, struct err *e);
void store_rollback(struct store *st);
/*
 * A few functions answer with a plain value (a bool or a pointer, such as
 * replica_row_exists or replica_table) and cannot return an error; when
 * the database fails them they keep the first such error, and the next
 * store_commit fails with it. store_error returns -1 with e set to that
 * error, or 0 if there is none (the kept error stays until the commit or
 * store_rollback).
 */
int store_error(struct store *st, struct err *e);

/*
 * A part of the open transaction that can be undone alone (an SQLite
 * savepoint): store_part_begin, then store_part_keep or store_part_undo.
 * A sync applies each file of the folder in one, so that a file the
 * database refuses is passed over without undoing the others.
 */
int store_part_begin(struct store *st, struct err *e);
int store_part_keep(struct store *st, struct err *e);
int store_part_undo(struct store *st, struct err *e);

/*
 * The most memory the connection keeps of the database's pages, in MB
 * (0: SQLite's default, about 2 MB). A transaction that writes many rows,
 * a sync applying other machines' changes, runs faster with a large one;
 * the interface keeps the default to stay small.
 */
int store_cache_mb(struct store *st, int mb, struct err *e);

/* Local settings of this database (not part of the council's content). */
int store_local_get(struct store *st, const char *key, char **value, struct err *e);
int store_local_set(struct store *st, const char *key, const char *value, struct err *e);
int store_local_delete(struct store *st, const char *key, struct err *e);
/* Every local setting whose key begins with `prefix`, in key order (byte
 * order): keys and values pushed in pairs onto *keys and *values. */
int store_local_prefix(struct store *st, const char *prefix, struct strvec *keys, struct strvec *values,
		       struct err *e);

/* The council (one per database). Returns 1 if none yet. */
int store_council_get(struct store *st, char **name, struct err *e);
int store_council_add(struct store *st, const char *name, struct err *e);

/* Bodies, organisations, people, memberships. */
int store_body_add(struct store *st, const char *short_name, const char *name, struct err *e);
int store_body_find(struct store *st, const char *short_name, char id[ID_LEN + 1], struct err *e);
int store_body_list(struct store *st, struct body_list *out, struct err *e);
/* Finds the organisation by name, adding it when missing. */
int store_org_ensure(struct store *st, const char *name, char id[ID_LEN + 1], struct err *e);
int store_org_find(struct store *st, const char *name, char id[ID_LEN + 1], struct err *e);
int store_person_add(struct store *st, const char *name, const char *org_id, const char *email,
		     char id[ID_LEN + 1], struct err *e);
/* By exact name (case-insensitive for ASCII), or by id or a unique id prefix
 * of at least PERSON_PREFIX_MIN digits. Returns 1 if none, 2 if the prefix
 * is ambiguous. */
int store_person_find(struct store *st, const char *key, char id[ID_LEN + 1], struct err *e);
/* Every person's name, in name order (for completion). */
int store_person_names(struct store *st, struct strvec *names, struct err *e);
/* Every organisation's name, in name order. */
int store_org_names(struct store *st, struct strvec *names, struct err *e);
int store_person_get(struct store *st, const char *id, struct person *out, struct err *e);
int store_membership_add(struct store *st, const char *body_id, const char *person_id,
			 const char *role, const char *from, const char *to, struct err *e);
/* Every role a person holds in a membership of any body, whatever its
 * dates (core/rules.h, rules_role_has_power). */
int store_person_roles(struct store *st, const char *person_id, struct strvec *roles, struct err *e);
/* Memberships of a body valid on `date` (NULL: all). */
int store_membership_list(struct store *st, const char *body_id, const char *date,
			  struct member_list *out, struct err *e);

/* Goals and indicator readings. */
int store_goal_add(struct store *st, const struct goal *g, struct err *e);
int store_goal_find(struct store *st, const char *code, char id[ID_LEN + 1], struct err *e);
int store_goal_list(struct store *st, struct goal_list *out, struct err *e);
/* Adds or replaces the reading of a goal for a year. */
int store_reading_set(struct store *st, const char *goal_id, int year, double value,
		      const char *comment, struct err *e);

/* Meetings. */
int store_meeting_add(struct store *st, const char *body_id, const char *date, const char *time,
		      const char *end, const char *place, struct err *e);
/* Finds the meeting of body on date; returns 1 if none. */
int store_meeting_find(struct store *st, const char *body_id, const char *date,
		       struct meeting *out, struct err *e);
/* The body's first meeting on or after date (after), or its latest before
 * date (!after); returns 1 if there is none. */
int store_meeting_near(struct store *st, const char *body_id, const char *date, bool after,
		       struct meeting *out, struct err *e);
int store_meeting_list(struct store *st, const char *body_id, int year,
		       struct meeting_list *out, struct err *e);
/* The first planned meeting on or after `date` of each body. */
int store_meeting_next(struct store *st, const char *date, struct meeting_list *out, struct err *e);
int store_meeting_set_status(struct store *st, const char *id, const char *status,
			     const char *time_field, const char *time, struct err *e);

/* Attendance: one row per person and meeting, replaced when set again. */
int store_attend_set(struct store *st, const char *meeting_id, const struct attendee *a,
		     struct err *e);
int store_attend_list(struct store *st, const char *meeting_id, struct attendee_list *out,
		      struct err *e);

/* Agenda items, numbered 1.. within a meeting. */
int store_item_add(struct store *st, const char *meeting_id, const char *title, const char *kind,
		   const char *presenter_id, int *pos, struct err *e);
int store_item_paper_add(struct store *st, const char *item_id, const char *name, struct err *e);
int store_item_find(struct store *st, const char *meeting_id, int pos, struct item *out,
		    struct err *e);
int store_item_set_status(struct store *st, const char *item_id, const char *status, struct err *e);
/* Replaces the notes (the editor's autosave). */
int store_item_notes_set(struct store *st, const char *item_id, const char *text, struct err *e);
/* Appends text to the notes, separated by a blank line. */
int store_item_note_append(struct store *st, const char *item_id, const char *text, struct err *e);
/* The whole agenda with decisions, votes, dissents and conflicts. */
int store_item_list(struct store *st, const char *meeting_id, struct item_list *out,
		    struct err *e);
int store_conflict_add(struct store *st, const char *item_id, const char *person_id, struct err *e);
/* Moves item number `from` to number `to` (both 1 or more) in a meeting,
 * shifting the items between; "left after item N" in the attendance
 * follows the items. */
int store_item_move(struct store *st, const char *meeting_id, int from, int to, struct err *e);

/* Decisions. The next § number of body and year is taken and never reused. */
int store_para_next(struct store *st, const char *body_id, int year, int *para, struct err *e);
int store_decision_add(struct store *st, const char *item_id, const char *body_id,
		       const struct decision *d, char id[ID_LEN + 1], struct err *e);
int store_vote_add(struct store *st, const char *decision_id, const char *person_id,
		   const char *vote, struct err *e);
int store_dissent_add(struct store *st, const char *decision_id, const char *person_id,
		      const char *motivation, struct err *e);
int store_decision_find(struct store *st, const char *body_id, int year, int para,
			char id[ID_LEN + 1], struct err *e);
int store_adjuster_add(struct store *st, const char *meeting_id, const char *person_id,
		       struct err *e);
/* Names of the meeting's adjusters, in name order. */
int store_adjuster_list(struct store *st, const char *meeting_id, struct strvec *names,
			struct err *e);

/* Actions. */
int store_action_add(struct store *st, const struct action *a, char id[ID_LEN + 1], struct err *e);
/* By id or unique prefix (at least ID_PREFIX_MIN digits); 1 if none, 2 if
 * ambiguous. */
int store_action_find(struct store *st, const char *prefix, char id[ID_LEN + 1], struct err *e);
int store_action_set_status(struct store *st, const char *id, const char *status, struct err *e);
int store_action_note_add(struct store *st, const char *action_id, const char *date,
			  const char *author_id, const char *text, struct err *e);
/* The progress notes of one action, oldest first. */
int store_action_notes(struct store *st, const char *action_id, struct action_note_list *out,
		       struct err *e);
struct action_filter {
	const char *owner_person_id; /* with the person's organisation */
	const char *owner_org_id;
	const char *status;
	const char *overdue_before; /* due before this date and still open */
	const char *decision_id;    /* born from this decision */
	const char *goal_id;        /* serving this goal or one of its sub-goals */
	bool notes;                 /* with their progress notes */
	const char *due_by;         /* due on or before this date and still open */
	int limit;                  /* at most this many (0: all) */
};
int store_action_list(struct store *st, const struct action_filter *f, struct action_list *out,
		      struct err *e);

/* Decisions across all meetings, newest first. Every filter is optional:
 * the body, the calendar year (0: any), a goal (decisions with an action
 * serving it or one of its sub-goals) and text (every word, folded, in the
 * item's title or the decision's text). */
struct decision_filter {
	const char *body_id;
	int year;
	const char *goal_id;
	const char *text;
	int offset, limit; /* a page of the matches; limit 0: all */
};
int store_decision_list(struct store *st, const struct decision_filter *f,
			struct decision_row_list *out, struct err *e);
/* How many decisions match the filter's body, year and goal (its text is
 * not counted: the caller pages through those). */
int store_decision_count(struct store *st, const struct decision_filter *f, int *count,
			 struct err *e);

/* Proposals and the screening questions. */
int store_question_add(struct store *st, const char *text, struct err *e);
int store_question_list(struct store *st, struct strvec *ids, struct strvec *texts, struct err *e);
int store_proposal_add(struct store *st, const char *title, const char *text, const char *by_id,
		       const char *date, char id[ID_LEN + 1], struct err *e);
/* By id or unique prefix (at least ID_PREFIX_MIN digits); 1 if none, 2 if
 * ambiguous. */
int store_proposal_find(struct store *st, const char *prefix, char id[ID_LEN + 1], struct err *e);
int store_proposal_answer(struct store *st, const char *proposal_id, const char *question_id,
			  bool yes, struct err *e);
int store_proposal_set_status(struct store *st, const char *id, const char *status, struct err *e);
/* The proposals (of one status, or all when status is NULL), oldest first. */
int store_proposal_list(struct store *st, const char *status, struct proposal_list *out,
			struct err *e);

/* Full-text search (FTS5): ranked hits with context. */
int store_search(struct store *st, const char *query, int limit, struct hit_list *out,
		 struct err *e);
/*
 * The search index while a sync applies other machines' changes: with
 * `later`, written rows are only noted; turned off again, the noted rows
 * are indexed, all at once. In the caller's transaction (a rollback forgets
 * both), with change capture off (the indexing updates rows in place).
 */
int store_search_later(struct store *st, bool later, struct err *e);

/*
 * Calls row() for every row of the council's content: tables in name order,
 * rows in id order, columns in name order. Values are NULL, or text, with
 * `is_number` set for integers and reals (printed in canonical form).
 */
struct dump_cb {
	void (*table)(void *ctx, const char *table);
	void (*row_begin)(void *ctx);
	void (*field)(void *ctx, const char *column, const char *value, bool is_number);
	void (*row_end)(void *ctx);
	void (*table_end)(void *ctx);
	void *ctx;
};
int store_dump(struct store *st, const struct dump_cb *cb, struct err *e);

#endif
