/* keys: the members' public keys and this database's actor id. */
#include "store/keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

#define KEY_COLS "k.id, k.person_id, p.name, k.public_key, k.actor, k.created, k.revoked, k.vouch, k.cutoff"

void member_key_release(struct member_key *k)
{
	free(k->person);
	free(k->created);
	free(k->revoked);
	free(k->vouch);
}

LIST_IMPL(member_key)

static void read_key(sqlite3_stmt *s, struct member_key *k)
{
	col_id(s, 0, k->id);
	col_id(s, 1, k->person_id);
	k->person = col_text(s, 2);
	const unsigned char *pk = sqlite3_column_text(s, 3);
	snprintf(k->public_key, sizeof k->public_key, "%s", pk ? (const char *)pk : "");
	col_id(s, 4, k->actor);
	k->created = col_text(s, 5);
	k->revoked = col_text(s, 6);
	k->vouch = col_text(s, 7);
	k->cutoff = sqlite3_column_type(s, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 8);
}

int store_member_key_add(struct store *st, const char *person_id, const char *public_key,
			 const char *actor, const char *vouch, struct err *e)
{
	char id[ID_LEN + 1], now[CLOCK_UTC_SIZE];
	db_stamp(id, now);
	return db_exec(st, e,
		       "INSERT INTO member_key(" DB_STAMP_COLS ", person_id, public_key, actor, vouch)"
		       " VALUES (" DB_STAMP_VALUES ", ?, ?, ?, ?) ON CONFLICT(public_key) DO NOTHING",
		       "ssssssss", id, now, now, st->actor, person_id, public_key, actor, vouch);
}

static int find_one(struct store *st, sqlite3_stmt *s, struct member_key *out, struct err *e)
{
	if (!s)
		return -1;
	int rc = db_step(st, s, e);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_key(s, out);
	db_done(s);
	return 0;
}

int store_member_key_find(struct store *st, const char *public_key, struct member_key *out,
			  struct err *e)
{
	return find_one(st, db_query(st, e, "SELECT " KEY_COLS " FROM member_key k"
					    " JOIN person p ON p.id = k.person_id WHERE k.public_key = ?",
				     "s", public_key), out, e);
}

int store_member_key_by_actor(struct store *st, const char *actor, struct member_key *out,
			      struct err *e)
{
	return find_one(st, db_query(st, e, "SELECT " KEY_COLS " FROM member_key k"
					    " JOIN person p ON p.id = k.person_id WHERE k.actor = ?"
					    " ORDER BY k.created DESC, k.id LIMIT 1",
				     "s", actor), out, e);
}

int store_member_key_list(struct store *st, const char *person_id, struct member_key_list *out,
			  struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT " KEY_COLS " FROM member_key k JOIN person p ON p.id = k.person_id"
				   " WHERE ?1 IS NULL OR k.person_id = ?1 ORDER BY k.created, k.id",
				   "s", person_id);
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1)
		read_key(s, member_key_list_push(out));
	return rc;
}

int store_member_key_revoke(struct store *st, const char *person_id, const char *when, int *n,
			    struct err *e)
{
	char now[CLOCK_UTC_SIZE];
	clock_utc(now);
	if (db_exec(st, e,
		    "UPDATE member_key SET revoked = ?, updated = ?, author = ?,"
		    " cutoff = coalesce((SELECT upto FROM sync_front WHERE writer = member_key.actor), 0)"
		    " WHERE person_id = ? AND revoked IS NULL",
		    "ssss", when, now, st->actor, person_id))
		return -1;
	*n = sqlite3_changes(st->db);
	return 0;
}

const char *store_actor(struct store *st)
{
	return st->actor;
}

int store_actor_set(struct store *st, const char *actor, struct err *e)
{
	if (strlen(actor) != ID_LEN)
		return error(e, E_BAD_ACTOR, actor);
	if (store_local_set(st, "actor", actor, e))
		return -1;
	snprintf(st->actor, sizeof st->actor, "%s", actor);
	return 0;
}

int store_founder_key(struct store *st, char out[KEY_HEX_LEN + 1], struct err *e)
{
	char *hex = NULL;
	int rc = db_text(st, e, &hex,
			 "SELECT k.public_key FROM member_key k WHERE k.actor ="
			 " (SELECT author FROM council ORDER BY created LIMIT 1) ORDER BY k.created LIMIT 1", "");
	if (rc)
		return rc;
	snprintf(out, KEY_HEX_LEN + 1, "%s", hex);
	free(hex);
	return 0;
}
