/* signature: adjust_signer and signature rows. */
#include "store/signature.h"

#include <string.h>

#include "store/db.h"

void signature_release(struct signature *s)
{
	free(s->scope);
	free(s->name);
	free(s->key);
	free(s->sig);
	free(s->signed_at);
	free(s->content);
}

LIST_IMPL(signature)

int store_signer_add(struct store *st, const char *meeting_id, const char *scope,
		     const char *person_id, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO adjust_signer(" DB_STAMP_COLS ", meeting_id, scope, person_id)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?) ON CONFLICT DO NOTHING",
		       "sssssss", id, now, now, st->actor, meeting_id, scope, person_id);
}

int store_signature_set(struct store *st, const char *meeting_id, const char *scope,
			const char *person_id, const char *key, const char *sig,
			const char *signed_at, const char *content, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO signature(" DB_STAMP_COLS ", meeting_id, scope, person_id, public_key,"
		       " signature, signed_at, content) VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?, ?, ?, ?)"
		       " ON CONFLICT(meeting_id, scope, person_id) DO UPDATE SET updated = excluded.updated,"
		       " author = excluded.author, public_key = excluded.public_key,"
		       " signature = excluded.signature, signed_at = excluded.signed_at,"
		       " content = excluded.content",
		       "sssssssssss", id, now, now, st->actor, meeting_id, scope, person_id, key, sig,
		       signed_at, content);
}

int store_signature_list(struct store *st, const char *meeting_id, struct signature_list *out,
			 struct err *e)
{
	sqlite3_stmt *s = db_query(
		st, e,
		"SELECT a.scope, a.person_id, p.name, g.public_key, g.signature, g.signed_at, g.content"
		" FROM adjust_signer a JOIN person p ON p.id = a.person_id"
		" LEFT JOIN signature g ON g.meeting_id = a.meeting_id AND g.scope = a.scope"
		"  AND g.person_id = a.person_id"
		" LEFT JOIN item i ON i.id = a.scope"
		" WHERE a.meeting_id = ? ORDER BY coalesce(i.pos, 0), p.name",
		"s", meeting_id);
	if (!s)
		return -1;
	int rc;
	while ((rc = db_step(st, s, e)) == 1) {
		struct signature *g = signature_list_push(out);
		g->scope = col_text(s, 0);
		col_id(s, 1, g->person_id);
		g->name = col_text(s, 2);
		g->key = col_text(s, 3);
		g->sig = col_text(s, 4);
		g->signed_at = col_text(s, 5);
		g->content = col_text(s, 6);
	}
	return rc < 0 ? -1 : 0;
}

int store_item_adjusted(struct store *st, const char *item_id, bool *locked, struct err *e)
{
	char *v = NULL;
	int rc = db_text(st, e, &v,
			 "SELECT CASE WHEN count(*) > 0 AND count(g.id) = count(*) THEN 'y' ELSE 'n' END"
			 " FROM adjust_signer a LEFT JOIN signature g ON g.meeting_id = a.meeting_id"
			 " AND g.scope = a.scope AND g.person_id = a.person_id WHERE a.scope = ?",
			 "s", item_id);
	*locked = rc == 0 && v && v[0] == 'y';
	free(v);
	return rc < 0 ? -1 : 0;
}
