/* action: actions, their owners and dated progress notes. */
#include <string.h>

#include "store/db.h"

#define INS_STAMP "id, created, updated, author"
#define VAL_STAMP "?, ?, ?, ?"

static const char *or_null(const char *id)
{
	return id && id[0] ? id : NULL;
}

int store_action_add(struct store *st, const struct action *a, char id[ID_LEN + 1], struct err *e)
{
	char now[21];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO action(" INS_STAMP ", title, description, owner_person_id, owner_org_id,"
		       " due, status, decision_id, goal_id) VALUES (" VAL_STAMP ", ?, ?, ?, ?, ?, ?, ?, ?)",
		       "ssssssssssss", id, now, now, st->actor, a->title, a->description,
		       or_null(a->owner_person_id), or_null(a->owner_org_id), a->due,
		       a->status ? a->status : "planned", or_null(a->decision_id), or_null(a->goal_id));
}

int store_action_find(struct store *st, const char *prefix, char id[ID_LEN + 1], struct err *e)
{
	return db_find_prefix(st, e, "SELECT id FROM action WHERE id LIKE ? LIMIT 2", prefix, 4, id);
}

int store_action_set_status(struct store *st, const char *id, const char *status, struct err *e)
{
	char now[21];
	util_now(now);
	return db_exec(st, e, "UPDATE action SET status = ?, updated = ?, author = ? WHERE id = ?",
		       "ssss", status, now, st->actor, id);
}

int store_action_note_add(struct store *st, const char *action_id, const char *date,
			  const char *author_id, const char *text, struct err *e)
{
	char id[ID_LEN + 1], now[21];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO action_note(" INS_STAMP ", action_id, date, author_id, text)"
		       " VALUES (" VAL_STAMP ", ?, ?, ?, ?)",
		       "ssssssss", id, now, now, st->actor, action_id, date, or_null(author_id), text);
}

int store_action_list(struct store *st, const struct action_filter *f, struct action_list *out,
		      struct err *e)
{
	sqlite3_stmt *s = db_query(
		st, e,
		"SELECT a.id, a.title, a.description, a.owner_person_id, a.owner_org_id,"
		" coalesce(p.name, o.name), a.due, a.status, a.decision_id, a.goal_id,"
		" CASE WHEN d.id IS NOT NULL THEN b.short || '/' || d.year || '/' || d.para END, g.code"
		" FROM action a LEFT JOIN person p ON p.id = a.owner_person_id"
		" LEFT JOIN org o ON o.id = a.owner_org_id"
		" LEFT JOIN decision d ON d.id = a.decision_id LEFT JOIN body b ON b.id = d.body_id"
		" LEFT JOIN goal g ON g.id = a.goal_id"
		" WHERE (?1 IS NULL OR a.owner_person_id = ?1 OR a.owner_org_id ="
		"  (SELECT org_id FROM person WHERE id = ?1))"
		" AND (?2 IS NULL OR a.owner_org_id = ?2)"
		" AND (?3 IS NULL OR a.status = ?3)"
		" AND (?4 IS NULL OR (a.due < ?4 AND a.status IN ('planned','ongoing')))"
		" AND (?5 IS NULL OR a.decision_id = ?5)"
		" AND (?6 IS NULL OR a.goal_id = ?6 OR a.goal_id IN (SELECT id FROM goal WHERE parent_id = ?6))"
		" ORDER BY a.due IS NULL, a.due, a.title, a.id",
		"ssssss", f ? f->owner_person_id : NULL, f ? f->owner_org_id : NULL, f ? f->status : NULL,
		f ? f->overdue_before : NULL, f ? f->decision_id : NULL, f ? f->goal_id : NULL);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct action *a = action_list_push(out);
		col_id(s, 0, a->id);
		a->title = col_text(s, 1);
		a->description = col_text(s, 2);
		col_id(s, 3, a->owner_person_id);
		col_id(s, 4, a->owner_org_id);
		a->owner = col_text(s, 5);
		a->due = col_text(s, 6);
		a->status = col_text(s, 7);
		col_id(s, 8, a->decision_id);
		col_id(s, 9, a->goal_id);
		a->decision_ref = col_text(s, 10);
		a->goal_code = col_text(s, 11);
	}
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < out->n; i++) {
		s = db_query(st, e,
			     "SELECT n.date, p.name, n.text FROM action_note n"
			     " LEFT JOIN person p ON p.id = n.author_id WHERE n.action_id = ?"
			     " ORDER BY n.date, n.created, n.id",
			     "s", out->v[i].id);
		if (!s)
			return -1;
		while ((rc = db_step(st, s, e)) == 1) {
			struct action_note *n = action_note_list_push(&out->v[i].notes);
			n->date = col_text(s, 0);
			n->author = col_text(s, 1);
			n->text = col_text(s, 2);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}
