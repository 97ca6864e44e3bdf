/*
 * decision: the § counters, decisions with their votes and reservations,
 * and the list of decisions across all meetings (the review screens).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

int store_para_next(struct store *st, const char *body_id, int year, int *para, struct err *e)
{
	char *v = NULL;
	if (db_exec(st, e,
		    "INSERT INTO para_counter(body_id, year, last) VALUES (?1, ?2, 1)"
		    " ON CONFLICT(body_id, year) DO UPDATE SET last = last + 1",
		    "si", body_id, year))
		return -1;
	int rc = db_text(st, e, &v, "SELECT last FROM para_counter WHERE body_id = ? AND year = ?", "si",
			 body_id, year);
	if (rc < 0)
		return -1;
	assert(rc == 0); /* the row the statement before wrote */
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

/* Does text hold the n bytes at w (n > 0)? */
static bool holds(const char *text, const char *w, size_t n)
{
	for (const char *p = text; (p = strchr(p, *w)); p++)
		if (!strncmp(p, w, n))
			return true;
	return false;
}

/* True if every word of the folded query occurs in the folded text. */
static bool has_words(const char *folded_text, const char *folded_query)
{
	for (const char *p = folded_query; *p;) {
		p += strspn(p, " ");
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		if (!holds(folded_text, p, n))
			return false;
		p += n;
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
