/* action: actions, their owners and dated progress notes. */
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

static const char *or_null(const char *id)
{
	return id && id[0] ? id : NULL;
}

int store_action_add(struct store *st, const struct action *a, char id[ID_LEN + 1], struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO action(" DB_STAMP_COLS ", title, description, owner_person_id, owner_org_id,"
		       " due, status, decision_id, goal_id) VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?, ?, ?, ?, ?)",
		       "ssssssssssss", id, now, now, st->actor, a->title, a->description,
		       or_null(a->owner_person_id), or_null(a->owner_org_id), a->due,
		       a->status ? a->status : "planned", or_null(a->decision_id), or_null(a->goal_id));
}

int store_action_find(struct store *st, const char *prefix, char id[ID_LEN + 1], struct err *e)
{
	return db_find_prefix(st, e, "SELECT id FROM action WHERE id LIKE ? LIMIT 2", prefix, ID_PREFIX_MIN, id);
}

int store_action_set_status(struct store *st, const char *id, const char *status, struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	return db_exec(st, e, "UPDATE action SET status = ?, updated = ?, author = ? WHERE id = ?",
		       "ssss", status, now, st->actor, id);
}

int store_action_note_add(struct store *st, const char *action_id, const char *date,
			  const char *author_id, const char *text, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO action_note(" DB_STAMP_COLS ", action_id, date, author_id, text)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?)",
		       "ssssssss", id, now, now, st->actor, action_id, date, or_null(author_id), text);
}

/*
 * Names by id, read once per list: an action list of thousands of rows then
 * needs no join per row for its owner and goal (the ids are long text keys,
 * and those lookups were most of the list's cost).
 */
struct names {
	struct {
		char id[ID_LEN + 1];
		char *name;
	} *v;
	size_t n, alloc;
};

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b); /* the id is the entry's first member */
}

static int names_load(struct store *st, struct names *m, sqlite3_stmt *s, struct err *e)
{
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		ALLOC_GROW(m->v, m->n + 1, m->alloc);
		col_id(s, 0, m->v[m->n].id);
		m->v[m->n++].name = col_text(s, 1);
	}
	if (m->n > 1)
		qsort(m->v, m->n, sizeof *m->v, name_cmp);
	return rc;
}

static const char *names_get(const struct names *m, const char *id)
{
	if (!id || !*id || !m->n)
		return NULL;
	const char *found = bsearch(id, m->v, m->n, sizeof *m->v, name_cmp);
	return found ? m->v[(size_t)(found - (const char *)m->v) / sizeof *m->v].name : NULL;
}

static void names_release(struct names *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
}

int store_action_list(struct store *st, const struct action_filter *f, struct action_list *out,
		      struct err *e)
{
	struct names people = { 0 }, orgs = { 0 }, goals = { 0 };
	int rc = -1;
	if (names_load(st, &people, db_query(st, e, "SELECT id, name FROM person", ""), e) ||
	    names_load(st, &orgs, db_query(st, e, "SELECT id, name FROM org", ""), e) ||
	    names_load(st, &goals, db_query(st, e, "SELECT id, code FROM goal", ""), e))
		goto out;
	sqlite3_stmt *s = db_query(
		st, e,
		"SELECT a.id, a.title, a.description, a.owner_person_id, a.owner_org_id,"
		" a.due, a.status, a.decision_id, a.goal_id,"
		" CASE WHEN d.id IS NOT NULL THEN b.short || '/' || d.year || '/' || d.para END"
		" FROM action a LEFT JOIN decision d ON d.id = a.decision_id LEFT JOIN body b ON b.id = d.body_id"
		" WHERE (?1 IS NULL OR a.owner_person_id = ?1 OR a.owner_org_id ="
		"  (SELECT org_id FROM person WHERE id = ?1))"
		" AND (?2 IS NULL OR a.owner_org_id = ?2)"
		" AND (?3 IS NULL OR a.status = ?3)"
		" AND (?4 IS NULL OR (a.due < ?4 AND a.status IN ('planned','ongoing')))"
		" AND (?5 IS NULL OR a.decision_id = ?5)"
		" AND (?6 IS NULL OR a.goal_id = ?6 OR a.goal_id IN (SELECT id FROM goal WHERE parent_id = ?6))"
		" AND (?7 IS NULL OR (a.due <= ?7 AND a.status IN ('planned','ongoing')))"
		" ORDER BY a.due IS NULL, a.due, a.title, a.id LIMIT ?8",
		"sssssssi", f ? f->owner_person_id : NULL, f ? f->owner_org_id : NULL, f ? f->status : NULL,
		f ? f->overdue_before : NULL, f ? f->decision_id : NULL, f ? f->goal_id : NULL,
		f ? f->due_by : NULL, f && f->limit > 0 ? f->limit : -1);
	if (!s)
		goto out;
	while ((rc = db_step(st, s, e)) == 1) {
		struct action *a = action_list_push(out);
		col_id(s, 0, a->id);
		a->title = col_text(s, 1);
		a->description = col_text(s, 2);
		col_id(s, 3, a->owner_person_id);
		col_id(s, 4, a->owner_org_id);
		const char *owner = names_get(&people, a->owner_person_id);
		if (!owner)
			owner = names_get(&orgs, a->owner_org_id);
		a->owner = owner ? xstrdup(owner) : NULL;
		a->due = col_text(s, 5);
		a->status = col_text(s, 6);
		col_id(s, 7, a->decision_id);
		col_id(s, 8, a->goal_id);
		a->decision_ref = col_text(s, 9);
		const char *code = names_get(&goals, a->goal_id);
		a->goal_code = code ? xstrdup(code) : NULL;
	}
out:
	names_release(&people);
	names_release(&orgs);
	names_release(&goals);
	if (rc < 0)
		return -1;
	for (size_t i = 0; f && f->notes && i < out->n; i++)
		if (store_action_notes(st, out->v[i].id, &out->v[i].notes, e))
			return -1;
	return 0;
}

int store_action_notes(struct store *st, const char *action_id, struct action_note_list *out,
		       struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT n.date, p.name, n.text FROM action_note n"
				   " LEFT JOIN person p ON p.id = n.author_id WHERE n.action_id = ?"
				   " ORDER BY n.date, n.created, n.id",
				   "s", action_id);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct action_note *n = action_note_list_push(out);
		n->date = col_text(s, 0);
		n->author = col_text(s, 1);
		n->text = col_text(s, 2);
	}
	return rc < 0 ? -1 : 0;
}
