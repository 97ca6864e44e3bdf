/* goal: goals and their indicator readings. */
#include <stdio.h>
#include <string.h>

#include "store/db.h"

int store_goal_add(struct store *st, const struct goal *g, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO goal(" DB_STAMP_COLS ", code, parent_id, title, task, local_resp,"
		       " regional_resp, national_resp, indicator, timeline, priority)"
		       " VALUES (" DB_STAMP_VALUES ", ?, (SELECT id FROM goal WHERE code = ?), ?, ?, ?, ?, ?, ?, ?, ?)",
		       "sssssssssssssi", id, now, now, st->actor, g->code, g->parent_code, g->title,
		       g->task, g->local, g->regional, g->national, g->indicator, g->timeline,
		       g->priority ? 1 : 0);
}

int store_goal_find(struct store *st, const char *code, char id[ID_LEN + 1], struct err *e)
{
	char *v = NULL;
	int rc = db_text(st, e, &v, "SELECT id FROM goal WHERE code = ?", "s", code);
	if (rc == 0) {
		snprintf(id, ID_LEN + 1, "%s", v);
		free(v);
	}
	return rc;
}

int store_goal_list(struct store *st, struct goal_list *out, struct err *e)
{
	char today[DATE_SIZE];
	clock_today(today);
	/* Goal codes sort as versions: "1.10" after "1.9". */
	sqlite3_stmt *s = db_query(
		st, e,
		"SELECT g.id, g.code, p.code, g.title, g.task, g.local_resp, g.regional_resp,"
		" g.national_resp, g.indicator, g.timeline, g.priority,"
		" (SELECT count(*) FROM action a WHERE a.goal_id = g.id AND a.status = 'done'),"
		" (SELECT count(*) FROM action a WHERE a.goal_id = g.id AND a.status IN ('planned','ongoing')"
		"  AND (a.due IS NULL OR a.due >= ?1)),"
		" (SELECT count(*) FROM action a WHERE a.goal_id = g.id AND a.status IN ('planned','ongoing')"
		"  AND a.due < ?1)"
		" FROM goal g LEFT JOIN goal p ON p.id = g.parent_id"
		" ORDER BY CAST(g.code AS INTEGER), CAST(substr(g.code, instr(g.code, '.') + 1) AS INTEGER)"
		"  * (instr(g.code, '.') > 0), g.code",
		"s", today);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct goal *g = goal_list_push(out);
		col_id(s, 0, g->id);
		g->code = col_text(s, 1);
		g->parent_code = col_text(s, 2);
		g->title = col_text(s, 3);
		g->task = col_text(s, 4);
		g->local = col_text(s, 5);
		g->regional = col_text(s, 6);
		g->national = col_text(s, 7);
		g->indicator = col_text(s, 8);
		g->timeline = col_text(s, 9);
		g->priority = sqlite3_column_int(s, 10);
		g->actions_done = sqlite3_column_int(s, 11);
		g->actions_open = sqlite3_column_int(s, 12);
		g->actions_overdue = sqlite3_column_int(s, 13);
	}
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < out->n; i++) {
		struct goal *g = &out->v[i];
		s = db_query(st, e, "SELECT year, value, comment FROM reading WHERE goal_id = ? ORDER BY year",
			     "s", g->id);
		if (!s)
			return -1;
		while ((rc = db_step(st, s, e)) == 1) {
			struct reading *r = reading_list_push(&g->readings);
			r->year = sqlite3_column_int(s, 0);
			r->value = sqlite3_column_double(s, 1);
			r->comment = col_text(s, 2);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

int store_reading_set(struct store *st, const char *goal_id, int year, double value,
		      const char *comment, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO reading(" DB_STAMP_COLS ", goal_id, year, value, comment)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?) ON CONFLICT(goal_id, year) DO UPDATE SET"
		       " value = excluded.value, comment = excluded.comment, updated = excluded.updated,"
		       " author = excluded.author",
		       "sssssids", id, now, now, st->actor, goal_id, year, value, comment);
}
