/* meeting: meetings, their attendance and their adjusters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/replica.h"

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

int store_meeting_near(struct store *st, const char *body_id, const char *date, bool after,
		       struct meeting *out, struct err *e)
{
	sqlite3_stmt *s = after ? db_query(st, e,
					   "SELECT " MEETING_COLS " FROM meeting m JOIN body b ON b.id = m.body_id"
					   " WHERE m.body_id = ? AND m.date >= ? ORDER BY m.date LIMIT 1",
					   "ss", body_id, date)
				: db_query(st, e,
					   "SELECT " MEETING_COLS " FROM meeting m JOIN body b ON b.id = m.body_id"
					   " WHERE m.body_id = ? AND m.date < ? ORDER BY m.date DESC LIMIT 1",
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
	if (time_field && !strcmp(time_field, "adjusted")) {
		/* the numbers signed stay: those that gave way become claims */
		if (db_exec(st, e, "UPDATE meeting SET status = ?, adjusted_at = ?, updated = ?, author = ? WHERE id = ?",
			    "sssss", status, time, now, st->actor, id))
			return -1;
		return replica_numbers_pin(st, id, NULL, e);
	}
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
