/* meeting: meetings, attendance, agenda items, decisions and adjusters. */
#include <stdio.h>
#include <string.h>

#include "store/db.h"

#define MEETING_COLS \
	"m.id, m.body_id, b.short, b.name, m.date, m.start_time, m.end_time, m.place, m.status," \
	" m.opened_at, m.closed_at, m.adjusted_at"

static void read_meeting(sqlite3_stmt *s, struct meeting *m)
{
	col_id(s, 0, m->id);
	col_id(s, 1, m->body_id);
	m->body_short = col_text(s, 2);
	m->body_name = col_text(s, 3);
	m->date = col_text(s, 4);
	m->start = col_text(s, 5);
	m->end = col_text(s, 6);
	m->place = col_text(s, 7);
	m->status = col_text(s, 8);
	m->opened = col_text(s, 9);
	m->closed = col_text(s, 10);
	m->adjusted = col_text(s, 11);
}

int store_meeting_add(struct store *st, const char *body_id, const char *date, const char *time,
		      const char *end, const char *place, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO meeting(" DB_STAMP_COLS ", body_id, date, start_time, end_time, place)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?, ?)",
		       "sssssssss", id, now, now, st->actor, body_id, date, time, end, place);
}

int store_meeting_find(struct store *st, const char *body_id, const char *date,
		       struct meeting *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT " MEETING_COLS " FROM meeting m JOIN body b ON b.id = m.body_id"
				   " WHERE m.body_id = ? AND m.date = ?",
				   "ss", body_id, date);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_meeting(s, out);
	db_done(s);
	return 0;
}

int store_meeting_list(struct store *st, const char *body_id, int year,
		       struct meeting_list *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT " MEETING_COLS " FROM meeting m JOIN body b ON b.id = m.body_id"
				   " WHERE (?1 IS NULL OR m.body_id = ?1)"
				   " AND (?2 = 0 OR m.date BETWEEN printf('%04d-01-01', ?2) AND printf('%04d-12-31', ?2))"
				   " ORDER BY m.date, b.short",
				   "si", body_id, year);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		read_meeting(s, meeting_list_push(out));
	return rc;
}

int store_meeting_next(struct store *st, const char *date, struct meeting_list *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT " MEETING_COLS " FROM body b JOIN meeting m ON m.id = ("
				   " SELECT id FROM meeting WHERE body_id = b.id AND date >= ?"
				   " AND status IN ('planned','open') ORDER BY date LIMIT 1)"
				   " ORDER BY m.date, b.short",
				   "s", date);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		read_meeting(s, meeting_list_push(out));
	return rc;
}

int store_meeting_set_status(struct store *st, const char *id, const char *status,
			     const char *time_field, const char *time, struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	/* time_field picks one of the fixed statements; never SQL from input. */
	if (time_field && !strcmp(time_field, "opened"))
		return db_exec(st, e, "UPDATE meeting SET status = ?, opened_at = ?, updated = ?, author = ? WHERE id = ?",
			       "sssss", status, time, now, st->actor, id);
	if (time_field && !strcmp(time_field, "closed"))
		return db_exec(st, e, "UPDATE meeting SET status = ?, closed_at = ?, updated = ?, author = ? WHERE id = ?",
			       "sssss", status, time, now, st->actor, id);
	if (time_field && !strcmp(time_field, "adjusted"))
		return db_exec(st, e, "UPDATE meeting SET status = ?, adjusted_at = ?, updated = ?, author = ? WHERE id = ?",
			       "sssss", status, time, now, st->actor, id);
	return db_exec(st, e, "UPDATE meeting SET status = ?, updated = ?, author = ? WHERE id = ?",
		       "ssss", status, now, st->actor, id);
}

int store_attend_set(struct store *st, const char *meeting_id, const struct attendee *a,
		     struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO attendance(" DB_STAMP_COLS ", meeting_id, person_id, role, for_id, absent,"
		       " from_item, to_item) VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?, ?, ?, ?)"
		       " ON CONFLICT(meeting_id, person_id) DO UPDATE SET role = excluded.role,"
		       " for_id = excluded.for_id, absent = excluded.absent, from_item = excluded.from_item,"
		       " to_item = excluded.to_item, updated = excluded.updated, author = excluded.author",
		       "ssssssssiii", id, now, now, st->actor, meeting_id, a->person_id, a->role,
		       a->for_id[0] ? a->for_id : NULL, a->absent ? 1 : 0, a->from_item, a->to_item);
}

int store_attend_list(struct store *st, const char *meeting_id, struct attendee_list *out,
		      struct err *e)
{
	sqlite3_stmt *s = db_query(
		st, e,
		"SELECT a.person_id, p.name, o.name, a.role, a.for_id, f.name, a.absent, a.from_item,"
		" a.to_item FROM attendance a JOIN person p ON p.id = a.person_id"
		" LEFT JOIN org o ON o.id = p.org_id LEFT JOIN person f ON f.id = a.for_id"
		" WHERE a.meeting_id = ? ORDER BY a.absent,"
		" CASE a.role WHEN 'ordförande' THEN 1 WHEN 'vice ordförande' THEN 2 WHEN 'ledamot' THEN 3"
		" WHEN 'ersättare' THEN 4 WHEN 'sekreterare' THEN 5 WHEN 'adjungerad' THEN 6 ELSE 7 END, p.name",
		"s", meeting_id);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct attendee *a = attendee_list_push(out);
		col_id(s, 0, a->person_id);
		a->name = col_text(s, 1);
		a->org = col_text(s, 2);
		a->role = col_text(s, 3);
		col_id(s, 4, a->for_id);
		a->for_name = col_text(s, 5);
		a->absent = sqlite3_column_int(s, 6);
		a->from_item = sqlite3_column_int(s, 7);
		a->to_item = sqlite3_column_int(s, 8);
	}
	return rc;
}

int store_item_add(struct store *st, const char *meeting_id, const char *title, const char *kind,
		   const char *presenter_id, int *pos, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE], *p = NULL;
	db_stamp(id, now);
	if (db_text(st, e, &p, "SELECT coalesce(max(pos), 0) + 1 FROM item WHERE meeting_id = ?", "s",
		    meeting_id) != 0)
		return -1;
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

int store_para_next(struct store *st, const char *body_id, int year, int *para, struct err *e)
{
	char *v = NULL;
	if (db_exec(st, e,
		    "INSERT INTO para_counter(body_id, year, last) VALUES (?1, ?2, 1)"
		    " ON CONFLICT(body_id, year) DO UPDATE SET last = last + 1",
		    "si", body_id, year))
		return -1;
	if (db_text(st, e, &v, "SELECT last FROM para_counter WHERE body_id = ? AND year = ?", "si",
		    body_id, year) != 0)
		return -1;
	*para = atoi(v);
	free(v);
	return 0;
}

int store_decision_add(struct store *st, const char *item_id, const char *body_id,
		       const struct decision *d, char id[ID_LEN + 1], struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO decision(" DB_STAMP_COLS ", item_id, body_id, year, para, text, yes, no,"
		       " abstain, quorum) VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?, ?,"
		       " nullif(?, -1), nullif(?, -1), nullif(?, -1), ?)",
		       "ssssssiisiiis", id, now, now, st->actor, item_id, body_id, d->year, d->para,
		       d->text, d->yes, d->no, d->abstain, d->quorum);
}

int store_vote_add(struct store *st, const char *decision_id, const char *person_id,
		   const char *vote, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO vote(" DB_STAMP_COLS ", decision_id, person_id, vote) VALUES (" DB_STAMP_VALUES ", ?, ?, ?)",
		       "sssssss", id, now, now, st->actor, decision_id, person_id, vote);
}

int store_dissent_add(struct store *st, const char *decision_id, const char *person_id,
		      const char *motivation, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO dissent(" DB_STAMP_COLS ", decision_id, person_id, motivation)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?)",
		       "sssssss", id, now, now, st->actor, decision_id, person_id, motivation);
}

int store_decision_find(struct store *st, const char *body_id, int year, int para,
			char id[ID_LEN + 1], struct err *e)
{
	char *v = NULL;
	int rc = db_text(st, e, &v, "SELECT id FROM decision WHERE body_id = ? AND year = ? AND para = ?",
			 "sii", body_id, year, para);
	if (rc == 0) {
		snprintf(id, ID_LEN + 1, "%s", v);
		free(v);
	}
	return rc;
}

int store_adjuster_add(struct store *st, const char *meeting_id, const char *person_id,
		       struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO adjuster(" DB_STAMP_COLS ", meeting_id, person_id) VALUES (" DB_STAMP_VALUES ", ?, ?)"
		       " ON CONFLICT DO NOTHING",
		       "ssssss", id, now, now, st->actor, meeting_id, person_id);
}

int store_adjuster_list(struct store *st, const char *meeting_id, struct strvec *names,
			struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT p.name FROM adjuster a JOIN person p ON p.id = a.person_id"
				   " WHERE a.meeting_id = ? ORDER BY p.name",
				   "s", meeting_id);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		strvec_push(names, (const char *)sqlite3_column_text(s, 0));
	return rc;
}
