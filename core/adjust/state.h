/*
 * state: who is named to sign a meeting's protocol (scope 0) and each
 * paragraph adjusted at once (scope: the item's number), and whether each
 * signature holds for the protocol as it is now.
 */
#ifndef GAVEL_ADJUST_STATE_H
#define GAVEL_ADJUST_STATE_H

#include <stdbool.h>

#include "core/meeting.h"

/* One named signer of the protocol (pos 0) or of item pos's paragraph. */
struct adjust_sig {
	int pos;
	char person_id[ID_LEN + 1];
	char *name;
	char *key, *sig, *signed_at; /* hex, hex, UTC; NULL when not signed */
	bool valid;                  /* signed, and it holds for the protocol as it is */
	char *problem;               /* why it does not hold (translated), or NULL */
};

struct adjust_state {
	struct adjust_sig *v;
	size_t n, alloc;
};
void adjust_state_release(struct adjust_state *a);
/* A new, zeroed signer at the end of a. */
struct adjust_sig *adjust_state_push(struct adjust_state *a);

/* True if scope pos has named signers and all of them signed validly. */
bool adjust_complete(const struct adjust_state *a, int pos);

/*
 * Loads the meeting's signers and checks each signature against the
 * protocol as it is now (v, council and secretary as for canonical_write),
 * and that the key is a member's key of that person.
 */
int adjust_state_load(struct store *st, const struct meeting_view *v, const char *council,
		      const char *secretary, struct adjust_state *out, struct err *e);

/* The canonical form of scope pos (0: the protocol) into out; false if
 * the item is gone. */
bool adjust_scope_form(const struct meeting_view *v, const char *council, const char *secretary,
		       int pos, struct strbuf *out);
/* True if sig (hex) by key (hex) holds for text. */
bool adjust_sig_holds(const char *key, const char *sig, const char *text, size_t len);
/* The report's lines for every scope into out; returns how many signatures
 * do not hold and gathers why in problems. */
int adjust_state_report(const struct meeting_view *v, const struct adjust_state *a,
			struct strbuf *out, struct strbuf *problems);

#endif
