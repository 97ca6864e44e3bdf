/* review: the queries behind the review screens: decisions across all
 * meetings, and moving agenda items. */
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

int store_decision_list(struct store *st, const struct decision_filter *f,
			struct decision_row_list *out, struct err *e)
{
	sqlite3_stmt *s = db_query(
		st, e,
		"SELECT d.id, b.short, m.date, d.year, d.para, i.pos, i.title, d.text"
		" FROM decision d JOIN item i ON i.id = d.item_id JOIN meeting m ON m.id = i.meeting_id"
		" JOIN body b ON b.id = d.body_id"
		" WHERE (?1 IS NULL OR d.body_id = ?1) AND (?2 = 0 OR d.year = ?2)"
		" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM action a WHERE a.decision_id = d.id"
		"  AND (a.goal_id = ?3 OR a.goal_id IN (SELECT id FROM goal WHERE parent_id = ?3))))"
		" ORDER BY m.date DESC, b.short, d.para DESC",
		"sis", f ? f->body_id : NULL, f ? f->year : 0, f ? f->goal_id : NULL);
	if (!s)
		return -1;
	char *query = f && f->text && *f->text ? text_fold(f->text) : NULL;
	int rc;
	while ((rc = db_step(st, s, e)) == 1) {
		if (query) {
			char *t = xasprintf("%s\n%s", (const char *)sqlite3_column_text(s, 6),
					    (const char *)sqlite3_column_text(s, 7));
			char *ft = text_fold(t);
			bool keep = has_words(ft, query);
			free(ft);
			free(t);
			if (!keep)
				continue;
		}
		struct decision_row *d = decision_row_list_push(out);
		col_id(s, 0, d->id);
		d->body_short = col_text(s, 1);
		d->date = col_text(s, 2);
		d->year = sqlite3_column_int(s, 3);
		d->para = sqlite3_column_int(s, 4);
		d->item = sqlite3_column_int(s, 5);
		d->title = col_text(s, 6);
		d->text = col_text(s, 7);
	}
	free(query);
	return rc < 0 ? -1 : 0;
}

int store_item_move(struct store *st, const char *meeting_id, int from, int to, struct err *e)
{
	char now[21];
	util_now(now);
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
