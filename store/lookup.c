/* lookup: a meeting and an item by their ids (see lookup.h). */
#include "store/lookup.h"

#include <string.h>

#include "store/db.h"

int store_meeting_get(struct store *st, const char *id, struct meeting *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT m.id, m.body_id, b.short, b.name, m.date, m.start_time, m.end_time,"
				   " m.place, m.status, m.opened_at, m.closed_at, m.adjusted_at"
				   " FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.id = ?",
				   "s", id);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(out, 0, sizeof *out);
	col_id(s, 0, out->id);
	col_id(s, 1, out->body_id);
	out->body_short = col_text(s, 2);
	out->body_name = col_text(s, 3);
	out->date = col_text(s, 4);
	out->start = col_text(s, 5);
	out->end = col_text(s, 6);
	out->place = col_text(s, 7);
	out->status = col_text(s, 8);
	out->opened = col_text(s, 9);
	out->closed = col_text(s, 10);
	out->adjusted = col_text(s, 11);
	db_done(s);
	return 0;
}

void item_state_release(struct item_state *s)
{
	free(s->body_short);
	free(s->date);
	free(s->meeting_status);
	free(s->status);
	memset(s, 0, sizeof *s);
}

int store_item_state(struct store *st, const char *item_id, struct item_state *out, struct err *e)
{
	/* adjusted at once: as store_item_adjusted, the item's scope has
	 * signers and none of them lacks a signature */
	sqlite3_stmt *s = db_query(
		st, e,
		"SELECT i.id, i.meeting_id, m.body_id, d.id, i.pos, coalesce(d.para, 0), b.short, m.date,"
		" m.status, i.status,"
		" EXISTS (SELECT 1 FROM adjust_signer a WHERE a.scope = i.id) AND NOT EXISTS ("
		"  SELECT 1 FROM adjust_signer a LEFT JOIN signature g ON g.meeting_id = a.meeting_id"
		"  AND g.scope = a.scope AND g.person_id = a.person_id WHERE a.scope = i.id AND g.id IS NULL)"
		" FROM item i JOIN meeting m ON m.id = i.meeting_id JOIN body b ON b.id = m.body_id"
		" LEFT JOIN decision d ON d.item_id = i.id WHERE i.id = ?",
		"s", item_id);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(out, 0, sizeof *out);
	col_id(s, 0, out->id);
	col_id(s, 1, out->meeting_id);
	col_id(s, 2, out->body_id);
	col_id(s, 3, out->decision_id);
	out->pos = sqlite3_column_int(s, 4);
	out->para = sqlite3_column_int(s, 5);
	out->body_short = col_text(s, 6);
	out->date = col_text(s, 7);
	out->meeting_status = col_text(s, 8);
	out->status = col_text(s, 9);
	out->adjusted_at_once = sqlite3_column_int(s, 10) != 0;
	db_done(s);
	return 0;
}

int store_item_id(struct store *st, const char *meeting_id, int pos, char id[ID_LEN + 1],
		  struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT id FROM item WHERE meeting_id = ? AND pos = ?", "si",
				   meeting_id, pos);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	col_id(s, 0, id);
	db_done(s);
	return 0;
}

int store_number_place(struct store *st, const char *tbl, const char *id, char **out, struct err *e)
{
	*out = NULL;
	if (!strcmp(tbl, "decision"))
		return db_text(st, e, out,
			       "SELECT b.short || ' ' || d.year FROM decision d JOIN body b ON b.id = d.body_id"
			       " WHERE d.id = ?",
			       "s", id);
	if (!strcmp(tbl, "item"))
		return db_text(st, e, out,
			       "SELECT b.short || '/' || m.date FROM item i JOIN meeting m ON m.id = i.meeting_id"
			       " JOIN body b ON b.id = m.body_id WHERE i.id = ?",
			       "s", id);
	*out = xstrdup("");
	return 0;
}
