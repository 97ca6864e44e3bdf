/*
 * record: a meeting's minutes as they are signed and shown: the meeting
 * with its attendance and items, the council's name, the secretary and the
 * state of the adjustment signatures. The adjustment signs it; the protocol
 * document (core/doc/protocol.c) renders it.
 */
#ifndef GAVEL_RECORD_H
#define GAVEL_RECORD_H

#include "core/adjust/state.h"
#include "store/store.h"

struct record {
	struct meeting_view v;
	char *council, *secretary;
	struct adjust_state adj;
};

/* Loads the minutes of the meeting from the database. */
int record_load(struct store *st, const char *meeting_id, struct record *pd, struct err *e);
/* Frees what pd holds. */
void record_release(struct record *pd);

#endif
