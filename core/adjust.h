/*
 * adjust: the adjustment (justering) of a meeting's minutes with Ed25519
 * signatures, and their verification.
 *
 * The chair and the adjusters are named as the signers of the protocol.
 * Each signs the canonical form of the protocol (core/canonical.h) with
 * the key of their own machine (sync/identity.h); the signatures travel
 * by sync. When every named signer has a valid signature, the meeting is
 * adjusted and locked. A paragraph can be adjusted at once (omedelbar
 * justering) in the same way; it is then locked on its own. Adjusters
 * confirm, they never reword: a change made after a signature makes it
 * invalid, and both `gavel verify` and the exported documents say so.
 *
 * Exported documents carry the signed form and the signatures (the
 * "payload"), so that `gavel verify FILE` can check them, and rebuild the
 * document to compare, without the database.
 */
#ifndef GAVEL_ADJUST_H
#define GAVEL_ADJUST_H

#include "core/meeting.h"

/* One named signer of the protocol (pos 0) or of item pos's paragraph. */
struct adjust_sig {
	int pos;
	char *name;
	char *key, *sig, *signed_at; /* hex, hex, UTC; NULL when not signed */
	bool valid;                  /* signed, and it holds for the protocol as it is */
	char *problem;               /* why it does not hold (translated), or NULL */
};

struct adjust_state {
	struct adjust_sig *v;
	size_t n;
};
void adjust_state_release(struct adjust_state *a);

/* True if scope pos has named signers and all of them signed validly. */
bool adjust_complete(const struct adjust_state *a, int pos);

/*
 * Loads the meeting's signers and checks each signature against the
 * protocol as it is now (v, council and secretary as for canonical_write),
 * and that the key is a member's key of that person.
 */
int adjust_state_load(struct store *st, const struct meeting_view *v, const char *council,
		      const char *secretary, struct adjust_state *out, struct err *e);

/*
 * gavel adjust: names `by` as the signers of the protocol (paragraph 0,
 * the meeting must be closed) or of § paragraph (omedelbar justering, the
 * meeting open or closed); signs with this machine's key if its person is
 * a signer (the key is made for the person of `gavel whoami` if the
 * machine has none); adjusts and locks once every signer has signed.
 * on_paper: the named people signed the paper protocol; it is adjusted
 * without digital signatures. Appends what happened to report.
 */
int adjust_sign(struct store *st, const char *ref, char **by, int nby, int paragraph,
		bool on_paper, struct strbuf *report, struct err *e);

/* gavel verify MEETING: who signed when with which key; -1 (E_RULE) with
 * every problem in one line if a signature does not hold. */
int adjust_verify_meeting(struct store *st, const char *ref, struct strbuf *report,
			  struct err *e);

/*
 * gavel verify FILE: checks the signatures a document carries and that the
 * document is the one they sign, by rebuilding it from what it carries and
 * comparing; needs no database.
 */
int adjust_verify_file(const char *path, struct strbuf *report, struct err *e);

/* The payload an exported document carries (base64, caller frees). */
char *adjust_payload(const struct meeting_view *v, const char *council, const char *secretary,
		     const struct adjust_state *a, int paragraph, const char *lang,
		     const char *format);

#endif
