/* proposal: the suggestion box, its screening questions and answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

int store_question_add(struct store *st, const char *text, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO question(" DB_STAMP_COLS ", pos, text) VALUES (" DB_STAMP_VALUES ","
		       " (SELECT coalesce(max(pos), 0) + 1 FROM question), ?)",
		       "sssss", id, now, now, st->actor, text);
}

int store_question_list(struct store *st, struct strvec *ids, struct strvec *texts, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT id, text FROM question ORDER BY pos", "");
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		strvec_push(ids, (const char *)sqlite3_column_text(s, 0));
		strvec_push(texts, (const char *)sqlite3_column_text(s, 1));
	}
	return rc;
}

int store_proposal_add(struct store *st, const char *title, const char *text, const char *by_id,
		       const char *date, char id[ID_LEN + 1], struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO proposal(" DB_STAMP_COLS ", title, text, by_id, date)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?)",
		       "ssssssss", id, now, now, st->actor, title, text, by_id, date);
}

int store_proposal_find(struct store *st, const char *prefix, char id[ID_LEN + 1], struct err *e)
{
	return db_find_prefix(st, e, "SELECT id FROM proposal WHERE id LIKE ? LIMIT 2", prefix, ID_PREFIX_MIN, id);
}

int store_proposal_answer(struct store *st, const char *proposal_id, const char *question_id,
			  bool yes, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO answer(" DB_STAMP_COLS ", proposal_id, question_id, yes)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?) ON CONFLICT(proposal_id, question_id) DO UPDATE"
		       " SET yes = excluded.yes, updated = excluded.updated, author = excluded.author",
		       "ssssssi", id, now, now, st->actor, proposal_id, question_id, yes ? 1 : 0);
}

int store_proposal_set_status(struct store *st, const char *id, const char *status, struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	return db_exec(st, e, "UPDATE proposal SET status = ?, updated = ?, author = ? WHERE id = ?",
		       "ssss", status, now, st->actor, id);
}

int store_proposal_list(struct store *st, const char *status, struct proposal_list *out,
			struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT p.id, p.title, p.text, b.name, p.date, p.status FROM proposal p"
				   " LEFT JOIN person b ON b.id = p.by_id WHERE ?1 IS NULL OR p.status = ?1"
				   " ORDER BY p.date, p.id",
				   "s", status);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct proposal *p = proposal_list_push(out);
		col_id(s, 0, p->id);
		p->title = col_text(s, 1);
		p->text = col_text(s, 2);
		p->by = col_text(s, 3);
		p->date = col_text(s, 4);
		p->status = col_text(s, 5);
	}
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < out->n; i++) {
		s = db_query(st, e,
			     "SELECT q.text, a.yes FROM answer a JOIN question q ON q.id = a.question_id"
			     " WHERE a.proposal_id = ? ORDER BY q.pos",
			     "s", out->v[i].id);
		if (!s)
			return -1;
		while ((rc = db_step(st, s, e)) == 1) {
			struct answer *a = answer_list_push(&out->v[i].answers);
			a->question = col_text(s, 0);
			a->yes = sqlite3_column_int(s, 1);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}
