/*
 * error: the one list of error codes, each with its message and exit code.
 *
 * Functions that can fail take a `struct err *` and `return error(e, CODE,
 * args...)`, which formats the code's message with the arguments and returns
 * -1. The message is one short lower-case line that says what is wrong
 * first, then names the thing at fault; it goes through gettext (N_ here,
 * translated when it is formatted). A refusal is always a code of this
 * list: a new kind of refusal is a new line here, its details arguments.
 * The list is grouped by the layer that refuses; a code is used by its
 * layer and the ones above it.
 */
#ifndef GAVEL_ERROR_H
#define GAVEL_ERROR_H

/* X(code, exit status, printf format of the message) */
#define ERROR_CODES(X) \
	X(E_OK, 0, N_("ok")) \
	X(E_USAGE, 2, "%s") \
	X(E_INVALID, 1, "%s") \
	X(E_RULE, 1, "%s") \
	X(E_NO_COUNCIL, 1, N_("no council in %s; create one with 'gavel init NAME' or 'gavel demo'")) \
	X(E_UNKNOWN_BODY, 1, N_("unknown body: %s")) \
	X(E_UNKNOWN_PERSON, 1, N_("unknown person: %s")) \
	X(E_UNKNOWN_OWNER, 1, N_("unknown person or organisation: %s")) \
	X(E_UNKNOWN_MEETING, 1, N_("unknown meeting: %s")) \
	X(E_UNKNOWN_ITEM, 1, N_("unknown item: %s")) \
	X(E_UNKNOWN_GOAL, 1, N_("unknown goal: %s")) \
	X(E_UNKNOWN_DECISION, 1, N_("unknown decision: %s")) \
	X(E_UNKNOWN_ACTION, 1, N_("unknown action: %s")) \
	X(E_UNKNOWN_PROPOSAL, 1, N_("unknown proposal: %s")) \
	X(E_AMBIGUOUS, 1, N_("ambiguous id %s: give more characters")) \
	X(E_EXISTS, 1, N_("%s already exists")) \
	X(E_LOCKED, 1, N_("meeting %s is adjusted: its minutes are locked and cannot be changed")) \
	X(E_DB, 1, N_("database error: %s")) \
	X(E_IO, 1, "%s: %s") \
	/* ---- the store (store/) ---- */ \
	/* ---- the domain (core/) ---- */ \
	/* ---- the sync (sync/) ---- */ \
	/* ---- the interface (tui/) ---- */ \
	X(E_TERMINAL, 1, N_("cannot start the terminal interface on %s")) \
	X(E_HEADLESS_SIZE, 2, N_("invalid GAVEL_HEADLESS: %s (give COLSxROWS, e.g. 80x24)")) \
	X(E_HEADLESS_KEY, 2, N_("invalid key in GAVEL_SCRIPT: <%s>")) \
	X(E_NOT_A_YEAR, 1, N_("invalid year: %s (give YYYY)")) \
	X(E_FORMAT_NOT_OFFERED, 1, N_("unknown format: %s (%s)")) \
	X(E_WHOAMI_UNSET, 1, N_("who you are is not set: press w on the home screen")) \
	X(E_BAD_VOTES, 1, N_("invalid votes: %s (give the numbers yes, no and abstain, e.g. 7 1 0)")) \
	X(E_EDITOR_FAILED, 1, N_("the editor %s failed: the notes are unchanged")) \
	X(E_NO_PARAGRAPH, 1, N_("item %d has no decision, so no paragraph to extract")) \
	X(E_NO_QUESTIONS, 1, N_("no screening questions: add them with gavel question add")) \
	X(E_NOT_ABSENT, 1, N_("%s is not marked absent: a substitute serves only for an absent member")) \
	X(E_ON_AGENDA, 1, N_("already on the agenda: %s")) \
	X(E_NO_DECISION, 1, N_("action %.8s was not born from a decision: no meeting to open")) \
	X(E_NOT_SHARED, 1, N_("this council is not shared: gavel council share DIR --as YOUR-NAME"))

#define ERROR_ENUM(code, exit, msg) code,
enum err_code { ERROR_CODES(ERROR_ENUM) };
#undef ERROR_ENUM

struct err {
	enum err_code code;
	char msg[512];
};

/* Sets e (if not NULL) to code with its message formatted; returns -1. */
int error(struct err *e, enum err_code code, ...);
/* Sets e to code with a message of its own (already translated); -1. */
int errorf(struct err *e, enum err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The process exit status for an error code. */
int error_exit_status(enum err_code code);
/* Clears e to E_OK. */
void error_clear(struct err *e);

#endif
