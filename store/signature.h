/*
 * signature: the adjustment of a meeting's minutes as rows of the
 * council's database.
 *
 * A scope is what is adjusted: "" for the whole protocol, or an item's id
 * for one paragraph adjusted at once (omedelbar justering). adjust_signer
 * names who must sign a scope (the chair and the adjusters); signature
 * holds what each of them signed: the Ed25519 public key (64 hex digits),
 * the signature (128 hex digits) over the canonical form of the scope
 * (core/adjust/canonical.h) and when. Both are council content and travel by sync,
 * so each person can sign on their own machine. Functions return 0, or -1
 * with `e` set.
 */
#ifndef GAVEL_STORE_SIGNATURE_H
#define GAVEL_STORE_SIGNATURE_H

#include "store/store.h"

struct signature {
	char *scope;     /* "" or an item id */
	char person_id[ID_LEN + 1];
	char *name;      /* the person's name */
	char *key;       /* public key, hex */
	char *sig;       /* signature, hex; NULL: named but not signed yet */
	char *signed_at; /* UTC, ISO 8601; NULL when not signed */
	char *content;   /* the canonical form signed; NULL when not signed */
};
void signature_release(struct signature *s);
LIST_OF(signature);

/* Names person_id as one who must sign scope of the meeting (no-op if so). */
int store_signer_add(struct store *st, const char *meeting_id, const char *scope,
		     const char *person_id, struct err *e);
/* Records (or replaces) person_id's signature of scope. */
int store_signature_set(struct store *st, const char *meeting_id, const char *scope,
			const char *person_id, const char *key, const char *sig,
			const char *signed_at, const char *content, struct err *e);
/* Every named signer of the meeting, scope by scope (protocol first, then
 * items in agenda order), in name order, with their signature if any. */
int store_signature_list(struct store *st, const char *meeting_id, struct signature_list *out,
			 struct err *e);
/* True in *locked when the item was adjusted at once: it has named signers
 * and every one of them has signed. */
int store_item_adjusted(struct store *st, const char *item_id, bool *locked, struct err *e);

#endif
