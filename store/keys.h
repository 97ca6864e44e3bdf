/*
 * keys: the public keys of the members' machines, as rows of the council's
 * database (table member_key), and this database's actor id.
 *
 * A key row is council content: it travels by sync like any other row, so
 * every copy of the council can tell which person a signing key belongs to.
 * Keys are 64 lower-case hex digits (the 32 bytes of an Ed25519 public key).
 * Functions return 0 on success, 1 where a lookup finds nothing, and -1
 * with `e` set on failure. Returned structs are owned by the caller.
 */
#ifndef GAVEL_STORE_KEYS_H
#define GAVEL_STORE_KEYS_H

#include "store/store.h"

#define KEY_HEX_LEN 64

struct member_key {
	char id[ID_LEN + 1];
	char person_id[ID_LEN + 1];
	char *person;  /* the person's name */
	char public_key[KEY_HEX_LEN + 1];
	char actor[ID_LEN + 1];
	char *created; /* when the key was recorded (UTC, ISO 8601) */
	char *revoked; /* NULL, or when the member was removed */
	char *vouch;   /* NULL, or "PUBLIC SIGNATURE": the same person's older key vouching */
	long long cutoff; /* removed: the number of the last file taken from the machine; -1 none */
};
void member_key_release(struct member_key *k);
LIST_OF(member_key);

/* Records a machine's public key for a person (vouch NULL, or as in
 * struct member_key); does nothing if the key is already recorded. */
int store_member_key_add(struct store *st, const char *person_id, const char *public_key,
			 const char *actor, const char *vouch, struct err *e);
/* The row of a public key; 1 if the key is not recorded. */
int store_member_key_find(struct store *st, const char *public_key, struct member_key *out,
			  struct err *e);
/* The row of the key a machine writes under (by its actor id); 1 if none. */
int store_member_key_by_actor(struct store *st, const char *actor, struct member_key *out,
			      struct err *e);
/* Every key (of one person, or all when person_id is NULL), oldest first. */
int store_member_key_list(struct store *st, const char *person_id, struct member_key_list *out,
			  struct err *e);
/* Marks every key of a person revoked at `when`, each cut off after the
 * last file of its machine applied here; the number revoked in *n. */
int store_member_key_revoke(struct store *st, const char *person_id, const char *when, int *n,
			    struct err *e);

/* The key of the machine that wrote the council's own row (the founder of
 * a council shared before the founder was kept in a setting); 1 if none. */
int store_founder_key(struct store *st, char out[KEY_HEX_LEN + 1], struct err *e);

/* This database's actor id (the author of the rows it writes). */
const char *store_actor(struct store *st);
/* Gives the database a new actor id (a copied database becomes a writer of
 * its own); rows written from now on carry it. */
int store_actor_set(struct store *st, const char *actor, struct err *e);

#endif
