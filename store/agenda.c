/* agenda: the items of a meeting, their papers and conflicts (jäv), and
 * moving an item to another number. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

int store_item_add(struct store *st, const char *meeting_id, const char *title, const char *kind,
		   const char *presenter_id, int *pos, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE], *p = NULL;
	db_stamp(id, now);
	int rc = db_text(st, e, &p, "SELECT coalesce(max(pos), 0) + 1 FROM item WHERE meeting_id = ?", "s",
			 meeting_id);
	if (rc < 0)
		return -1;
	assert(rc == 0); /* an aggregate gives one row */
	*pos = atoi(p);
	free(p);
	return db_exec(st, e,
		       "INSERT INTO item(" DB_STAMP_COLS ", meeting_id, pos, title, kind, presenter_id)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?, ?)",
		       "sssssisss", id, now, now, st->actor, meeting_id, *pos, title, kind, presenter_id);
}

int store_item_paper_add(struct store *st, const char *item_id, const char *name, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO paper(" DB_STAMP_COLS ", item_id, name) VALUES (" DB_STAMP_VALUES ", ?, ?)",
		       "ssssss", id, now, now, st->actor, item_id, name);
}

#define ITEM_COLS "i.id, i.pos, i.title, i.kind, p.name, i.notes, i.status"

static void read_item(sqlite3_stmt *s, struct item *it)
{
	col_id(s, 0, it->id);
	it->pos = sqlite3_column_int(s, 1);
	it->title = col_text(s, 2);
	it->kind = col_text(s, 3);
	it->presenter = col_text(s, 4);
	it->notes = col_text(s, 5);
	it->status = col_text(s, 6);
}

/* Papers, conflicts and the decision (with votes and dissents) of an item. */
static int item_details(struct store *st, struct item *it, struct err *e)
{
	int rc;
	sqlite3_stmt *s = db_query(st, e, "SELECT name FROM paper WHERE item_id = ? ORDER BY created, id",
				   "s", it->id);
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		strvec_push(&it->papers, (const char *)sqlite3_column_text(s, 0));
	if (rc < 0)
		return -1;
	s = db_query(st, e,
		     "SELECT c.person_id, p.name FROM conflict c JOIN person p ON p.id = c.person_id"
		     " WHERE c.item_id = ? ORDER BY p.name",
		     "s", it->id);
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct conflict *c = conflict_list_push(&it->conflicts);
		col_id(s, 0, c->person_id);
		c->name = col_text(s, 1);
	}
	if (rc < 0)
		return -1;
	s = db_query(st, e,
		     "SELECT id, year, para, text, coalesce(yes, -1), coalesce(no, -1),"
		     " coalesce(abstain, -1), quorum FROM decision WHERE item_id = ?",
		     "s", it->id);
	if (!s)
		return -1;
	rc = db_step(st, s, e);
	if (rc <= 0)
		return rc;
	struct decision *d = it->decision = xcalloc(1, sizeof *d);
	col_id(s, 0, d->id);
	d->year = sqlite3_column_int(s, 1);
	d->para = sqlite3_column_int(s, 2);
	d->text = col_text(s, 3);
	d->yes = sqlite3_column_int(s, 4);
	d->no = sqlite3_column_int(s, 5);
	d->abstain = sqlite3_column_int(s, 6);
	d->quorum = col_text(s, 7);
	db_done(s);
	s = db_query(st, e,
		     "SELECT v.person_id, p.name, v.vote FROM vote v JOIN person p ON p.id = v.person_id"
		     " WHERE v.decision_id = ? ORDER BY v.vote DESC, p.name",
		     "s", d->id);
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct vote *v = vote_list_push(&d->votes);
		col_id(s, 0, v->person_id);
		v->name = col_text(s, 1);
		v->vote = col_text(s, 2);
	}
	if (rc < 0)
		return -1;
	s = db_query(st, e,
		     "SELECT r.person_id, p.name, r.motivation FROM dissent r JOIN person p ON p.id = r.person_id"
		     " WHERE r.decision_id = ? ORDER BY p.name",
		     "s", d->id);
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct dissent *r = dissent_list_push(&d->dissents);
		col_id(s, 0, r->person_id);
		r->name = col_text(s, 1);
		r->motivation = col_text(s, 2);
	}
	return rc;
}

int store_item_find(struct store *st, const char *meeting_id, int pos, struct item *out,
		    struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT " ITEM_COLS " FROM item i LEFT JOIN person p ON p.id = i.presenter_id"
				   " WHERE i.meeting_id = ? AND i.pos = ?",
				   "si", meeting_id, pos);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_item(s, out);
	db_done(s);
	return item_details(st, out, e);
}

int store_item_list(struct store *st, const char *meeting_id, struct item_list *out,
		    struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT " ITEM_COLS " FROM item i LEFT JOIN person p ON p.id = i.presenter_id"
				   " WHERE i.meeting_id = ? ORDER BY i.pos",
				   "s", meeting_id);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		read_item(s, item_list_push(out));
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < out->n; i++)
		if (item_details(st, &out->v[i], e))
			return -1;
	return 0;
}

int store_item_set_status(struct store *st, const char *item_id, const char *status, struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	return db_exec(st, e, "UPDATE item SET status = ?, updated = ?, author = ? WHERE id = ?", "ssss",
		       status, now, st->actor, item_id);
}

int store_item_notes_set(struct store *st, const char *item_id, const char *text, struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	return db_exec(st, e, "UPDATE item SET notes = ?, updated = ?, author = ? WHERE id = ? AND notes <> ?1",
		       "ssss", text, now, st->actor, item_id);
}

int store_item_note_append(struct store *st, const char *item_id, const char *text, struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	return db_exec(st, e,
		       "UPDATE item SET notes = CASE WHEN notes = '' THEN ?1 ELSE notes || char(10, 10) || ?1 END,"
		       " updated = ?2, author = ?3 WHERE id = ?4",
		       "ssss", text, now, st->actor, item_id);
}

int store_conflict_add(struct store *st, const char *item_id, const char *person_id, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO conflict(" DB_STAMP_COLS ", item_id, person_id) VALUES (" DB_STAMP_VALUES ", ?, ?)"
		       " ON CONFLICT DO NOTHING",
		       "ssssss", id, now, now, st->actor, item_id, person_id);
}

int store_item_move(struct store *st, const char *meeting_id, int from, int to, struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	if (from == to)
		return 0;
	/* Positions are unique per meeting and start at 1: park the moving
	 * item at 0, shift the others through negative numbers, then put it
	 * in place. */
	assert(from >= 1 && to >= 1);
	int lo = from < to ? from + 1 : to, hi = from < to ? to : from - 1, d = from < to ? -1 : 1;
	if (db_exec(st, e, "UPDATE item SET pos = 0 WHERE meeting_id = ? AND pos = ?", "si", meeting_id, from) ||
	    db_exec(st, e,
		    "UPDATE item SET pos = -(pos + ?), updated = ?, author = ?"
		    " WHERE meeting_id = ? AND pos BETWEEN ? AND ?",
		    "isssii", d, now, st->actor, meeting_id, lo, hi) ||
	    db_exec(st, e, "UPDATE item SET pos = -pos WHERE meeting_id = ? AND pos < 0", "s", meeting_id) ||
	    db_exec(st, e, "UPDATE item SET pos = ?, updated = ?, author = ? WHERE meeting_id = ? AND pos = 0",
		    "isss", to, now, st->actor, meeting_id))
		return -1;
	/* the attendance's item numbers follow their items */
	return db_exec(st, e,
		       "UPDATE attendance SET"
		       " from_item = CASE WHEN from_item = ?2 THEN ?3"
		       "  WHEN from_item BETWEEN ?4 AND ?5 THEN from_item + ?6 ELSE from_item END,"
		       " to_item = CASE WHEN to_item = ?2 THEN ?3"
		       "  WHEN to_item BETWEEN ?4 AND ?5 THEN to_item + ?6 ELSE to_item END,"
		       " updated = ?7, author = ?8"
		       " WHERE meeting_id = ?1 AND (from_item BETWEEN min(?2, ?4) AND max(?2, ?5)"
		       "  OR to_item BETWEEN min(?2, ?4) AND max(?2, ?5))",
		       "siiiiiss", meeting_id, from, to, lo, hi, d, now, st->actor);
}
