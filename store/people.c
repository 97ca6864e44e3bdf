/* people: the council, its bodies, organisations, people and memberships. */
#include <stdio.h>
#include <string.h>

#include "store/db.h"

int store_council_get(struct store *st, char **name, struct err *e)
{
	return db_text(st, e, name, "SELECT name FROM council ORDER BY created LIMIT 1", "");
}

int store_council_add(struct store *st, const char *name, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e, "INSERT INTO council(" DB_STAMP_COLS ", name) VALUES (" DB_STAMP_VALUES ", ?)",
		       "sssss", id, now, now, st->actor, name);
}

int store_body_add(struct store *st, const char *short_name, const char *name, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e, "INSERT INTO body(" DB_STAMP_COLS ", short, name) VALUES (" DB_STAMP_VALUES ", ?, ?)",
		       "ssssss", id, now, now, st->actor, short_name, name);
}

static int find_id(struct store *st, struct err *e, char id[ID_LEN + 1], const char *sql,
		   const char *key)
{
	char *v = NULL;
	int rc = db_text(st, e, &v, sql, "s", key);
	if (rc == 0) {
		snprintf(id, ID_LEN + 1, "%s", v);
		free(v);
	}
	return rc;
}

int store_body_find(struct store *st, const char *short_name, char id[ID_LEN + 1], struct err *e)
{
	return find_id(st, e, id, "SELECT id FROM body WHERE short = ?", short_name);
}

int store_body_list(struct store *st, struct body_list *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT id, short, name FROM body ORDER BY short", "");
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct body *b = body_list_push(out);
		col_id(s, 0, b->id);
		b->short_name = col_text(s, 1);
		b->name = col_text(s, 2);
	}
	return rc;
}

int store_org_find(struct store *st, const char *name, char id[ID_LEN + 1], struct err *e)
{
	return find_id(st, e, id, "SELECT id FROM org WHERE fold(name) = fold(?1)"
		       " ORDER BY name = ?1 DESC LIMIT 1", name);
}

int store_org_ensure(struct store *st, const char *name, char id[ID_LEN + 1], struct err *e)
{
	int rc = store_org_find(st, name, id, e);
	if (rc != 1)
		return rc;
	char now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e, "INSERT INTO org(" DB_STAMP_COLS ", name) VALUES (" DB_STAMP_VALUES ", ?)",
		       "sssss", id, now, now, st->actor, name);
}

int store_person_add(struct store *st, const char *name, const char *org_id, const char *email,
		     char id[ID_LEN + 1], struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO person(" DB_STAMP_COLS ", name, org_id, email) VALUES (" DB_STAMP_VALUES ", ?, ?, ?)",
		       "sssssss", id, now, now, st->actor, name, org_id, email);
}

int store_person_find(struct store *st, const char *key, char id[ID_LEN + 1], struct err *e)
{
	int rc = find_id(st, e, id, "SELECT id FROM person WHERE fold(name) = fold(?1)"
		     " ORDER BY name = ?1 DESC LIMIT 1", key);
	if (rc != 1)
		return rc;
	return db_find_prefix(st, e, "SELECT id FROM person WHERE id LIKE ? LIMIT 2", key, PERSON_PREFIX_MIN, id);
}

int store_person_get(struct store *st, const char *id, struct person *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT p.id, p.name, o.name, p.email FROM person p"
				   " LEFT JOIN org o ON o.id = p.org_id WHERE p.id = ?",
				   "s", id);
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	col_id(s, 0, out->id);
	out->name = col_text(s, 1);
	out->org = col_text(s, 2);
	out->email = col_text(s, 3);
	db_done(s);
	return 0;
}

int store_membership_add(struct store *st, const char *body_id, const char *person_id,
			 const char *role, const char *from, const char *to, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO membership(" DB_STAMP_COLS ", body_id, person_id, role, from_date, to_date)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?, ?)",
		       "sssssssss", id, now, now, st->actor, body_id, person_id, role, from, to);
}

int store_person_roles(struct store *st, const char *person_id, struct strvec *roles, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT DISTINCT role FROM membership WHERE person_id = ? ORDER BY role",
				   "s", person_id);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		strvec_push(roles, (const char *)sqlite3_column_text(s, 0));
	return rc < 0 ? -1 : 0;
}

int store_membership_list(struct store *st, const char *body_id, const char *date,
			  struct member_list *out, struct err *e)
{
	sqlite3_stmt *s = db_query(
		st, e,
		"SELECT p.id, p.name, o.name, m.role, m.from_date, m.to_date FROM membership m"
		" JOIN person p ON p.id = m.person_id LEFT JOIN org o ON o.id = p.org_id"
		" WHERE m.body_id = ?1 AND (?2 IS NULL OR ((m.from_date IS NULL OR m.from_date <= ?2)"
		" AND (m.to_date IS NULL OR m.to_date >= ?2)))"
		" ORDER BY CASE m.role WHEN 'ordförande' THEN 1 WHEN 'vice ordförande' THEN 2"
		" WHEN 'ledamot' THEN 3 WHEN 'ersättare' THEN 4 WHEN 'adjungerad' THEN 5 ELSE 6 END,"
		" p.name",
		"ss", body_id, date);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		struct member *m = member_list_push(out);
		col_id(s, 0, m->person_id);
		m->name = col_text(s, 1);
		m->org = col_text(s, 2);
		m->role = col_text(s, 3);
		m->from = col_text(s, 4);
		m->to = col_text(s, 5);
	}
	return rc;
}

int store_person_names(struct store *st, struct strvec *names, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT name FROM person ORDER BY name", "");
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		strvec_push(names, (const char *)sqlite3_column_text(s, 0));
	return rc;
}

int store_org_names(struct store *st, struct strvec *names, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e, "SELECT name FROM org ORDER BY name", "");
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		strvec_push(names, (const char *)sqlite3_column_text(s, 0));
	return rc;
}
