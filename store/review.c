/* review: the queries behind the review screens: decisions across all
 * meetings, and moving agenda items. */
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

/* True if every word of the folded query occurs in the folded text. */
static bool has_words(const char *folded_text, const char *folded_query)
{
	char word[256];
	for (const char *p = folded_query; *p;) {
		p += strspn(p, " ");
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		if (n >= sizeof word)
			n = sizeof word - 1;
		memcpy(word, p, n);
		word[n] = '\0';
		if (!strstr(folded_text, word))
			return false;
		p += strcspn(p, " ");
	}
	return true;
}

#define DECISION_COLS "d.id, b.short, m.date, d.year, d.para, i.pos, i.title, d.text"

static void read_row(sqlite3_stmt *s, struct decision_row *d)
{
	col_id(s, 0, d->id);
	d->body_short = col_text(s, 1);
	d->date = col_text(s, 2);
	d->year = sqlite3_column_int(s, 3);
	d->para = sqlite3_column_int(s, 4);
	d->item = sqlite3_column_int(s, 5);
	d->title = col_text(s, 6);
	d->text = col_text(s, 7);
}

/* True if the row's title and text hold every word of the folded query. */
static bool row_matches(sqlite3_stmt *s, const char *query)
{
	char *t = xasprintf("%s\n%s", (const char *)sqlite3_column_text(s, 6),
			    (const char *)sqlite3_column_text(s, 7));
	char *ft = text_fold(t);
	bool keep = has_words(ft, query);
	free(ft);
	free(t);
	return keep;
}

int store_decision_list(struct store *st, const struct decision_filter *f,
			struct decision_row_list *out, struct err *e)
{
	struct decision_filter none = { 0 };
	if (!f)
		f = &none;
	bool text = f->text && *f->text;
	/* without words to look for, SQLite pages; with them, this loop */
	int sql_limit = !text && f->limit > 0 ? f->limit : -1, sql_offset = !text ? f->offset : 0;
	sqlite3_stmt *s;
	if (f->goal_id)
		/* few decisions have actions for a goal: start from those */
		s = db_query(st, e,
			     "SELECT " DECISION_COLS " FROM decision d JOIN item i ON i.id = d.item_id"
			     " JOIN meeting m ON m.id = i.meeting_id JOIN body b ON b.id = m.body_id"
			     " WHERE d.id IN (SELECT a.decision_id FROM action a WHERE a.goal_id = ?3"
			     "  UNION SELECT a.decision_id FROM action a JOIN goal g ON g.id = a.goal_id"
			     "  WHERE g.parent_id = ?3)"
			     " AND (?1 IS NULL OR m.body_id = ?1) AND (?2 = 0 OR d.year = ?2)"
			     " ORDER BY m.date DESC, b.short, i.pos DESC LIMIT ?4 OFFSET ?5",
			     "sisii", f->body_id, f->year, f->goal_id, sql_limit, sql_offset);
	else
		/* meetings newest first through their date index, then their
		 * agenda through the covering index item_agenda: no sort of the
		 * whole list, and the items' long notes are never read */
		s = db_query(st, e,
			     "SELECT " DECISION_COLS " FROM meeting m CROSS JOIN item i ON i.meeting_id = m.id"
			     " CROSS JOIN decision d ON d.item_id = i.id JOIN body b ON b.id = m.body_id"
			     " WHERE (?1 IS NULL OR m.body_id = ?1) AND (?2 = 0 OR d.year = ?2)"
			     " ORDER BY m.date DESC, b.short, i.pos DESC LIMIT ?3 OFFSET ?4",
			     "siii", f->body_id, f->year, sql_limit, sql_offset);
	if (!s)
		return -1;
	char *query = text ? text_fold(f->text) : NULL;
	int rc, skip = text ? f->offset : 0;
	while ((rc = db_step(st, s, e)) == 1) {
		if (query && !row_matches(s, query))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		read_row(s, decision_row_list_push(out));
		if (query && f->limit > 0 && (int)out->n >= f->limit) {
			db_done(s);
			break;
		}
	}
	free(query);
	return rc < 0 ? -1 : 0;
}

int store_decision_count(struct store *st, const struct decision_filter *f, int *count,
			 struct err *e)
{
	char *n = NULL;
	int rc = db_text(st, e, &n,
			 "SELECT count(*) FROM decision d WHERE (?1 IS NULL OR d.body_id = ?1)"
			 " AND (?2 = 0 OR d.year = ?2) AND (?3 IS NULL OR d.id IN (SELECT a.decision_id"
			 "  FROM action a LEFT JOIN goal g ON g.id = a.goal_id"
			 "  WHERE a.goal_id = ?3 OR g.parent_id = ?3))",
			 "sis", f ? f->body_id : NULL, f ? f->year : 0, f ? f->goal_id : NULL);
	*count = n ? atoi(n) : 0;
	free(n);
	return rc < 0 ? -1 : 0;
}

int store_item_move(struct store *st, const char *meeting_id, int from, int to, struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	if (from == to)
		return 0;
	/* Positions are unique per meeting: park the moving item at 0, shift
	 * the others through negative numbers, then put it in place. */
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
