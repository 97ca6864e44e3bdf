/*
 * adjust: the adjustment (justering) of a meeting's minutes with Ed25519
 * signatures, and their verification.
 *
 * The chair and the adjusters are named as the signers of the protocol.
 * Each signs the canonical form of the protocol (core/adjust/canonical.h) with
 * the key of their own machine (core/identity.h); the signatures travel
 * by sync. When every named signer has a valid signature, the meeting is
 * adjusted and locked. A paragraph can be adjusted at once (omedelbar
 * justering) in the same way; it is then locked on its own. Adjusters
 * confirm, they never reword: a change made after a signature makes it
 * invalid, and both `gavel verify` and the exported documents say so.

 */
#ifndef GAVEL_ADJUST_H
#define GAVEL_ADJUST_H

#include "core/adjust/state.h"

/*
 * gavel adjust: names `by` as the signers of the protocol (paragraph 0,
 * the meeting must be closed) or of § paragraph (omedelbar justering, the
 * meeting open or closed); signs with this machine's key if its person is
 * a signer (the key is made for the person of `gavel whoami` if the
 * machine has none); adjusts and locks once every signer has signed.
 * on_paper: the named people signed the paper protocol; it is adjusted
 * without digital signatures. Appends what happened to report.
 */
int adjust_sign(struct store *st, const char *meeting_id, const struct person_ref *by, size_t nby,
		int paragraph, bool on_paper, struct strbuf *report, struct err *e);

/* gavel verify MEETING: who signed when with which key; -1
 * (E_SIGNATURES_FAIL) with every problem in one line if a signature does
 * not hold, E_NO_SIGNATURES if none was made. */
int adjust_verify_meeting(struct store *st, const char *meeting_id, struct strbuf *report,
			  struct err *e);

#endif
