/*
 * members: who the members' machines are (sync_members and
 * sync_member_remove of sync.h), and a writer's name for what the sync
 * tells. Internal to sync/.
 */
#ifndef GAVEL_SYNC_MEMBERS_H
#define GAVEL_SYNC_MEMBERS_H

#include "store/store.h"

/* The name of the person whose machine writes as `actor`, in *name (the
 * caller frees): the first eight digits of the actor id when no member's
 * key has it. -1 (E_DB) only when the database fails. */
int members_name(struct store *st, const char *actor, char **name, struct err *e);

#endif
