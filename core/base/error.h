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
	X(E_SYNC_NOT_SHARED, 1, N_("this council is not shared; use 'gavel council share DIR' or 'gavel join DIR'")) \
	X(E_SYNC_SHARED, 1, N_("this council is already shared through %s")) \
	X(E_SYNC_NO_IDENTITY, 1, N_("this database has no member identity; use 'gavel join DIR --as PERSON'")) \
	X(E_SYNC_NO_KEY, 1, N_("this machine has no council key; use 'gavel join DIR' again")) \
	X(E_SYNC_KEYS_FILE, 1, N_("%s: not a gavel key file, or damaged")) \
	X(E_SYNC_KEYRING_FULL, 1, N_("the council's key cannot be changed again: a key file holds at most %d keys")) \
	X(E_SYNC_FOLDER_MISSING, 1, N_("%s: the shared folder is not there (not mounted?); nothing changed")) \
	X(E_SYNC_FOLDER_UNREADABLE, 1, N_("%s: cannot open the shared folder: %s (not mounted?); nothing changed")) \
	X(E_SYNC_FOLDER_FOREIGN, 1, \
	  N_("%s holds none of this council's files (empty, not mounted, or another folder); nothing changed")) \
	X(E_SYNC_FOLDER_TAKEN, 1, N_("%s already holds a shared council; use 'gavel join %s'")) \
	X(E_SYNC_FOLDER_EMPTY, 1, N_("%s holds no shared council (nothing to join)")) \
	X(E_SYNC_FILE_EXISTS, 1, N_("%s: already exists; another copy of this database may be writing to the folder")) \
	X(E_SYNC_PASSPHRASE, 1, N_("wrong passphrase for the council in %s")) \
	X(E_SYNC_DB_TAKEN, 1, N_("%s already holds a council; join into a new database (--db FILE)")) \
	X(E_SYNC_NOTHING_READ, 1, N_("%s: no council could be read from the folder")) \
	X(E_SYNC_KEEP, 2, N_("keep 'current' or 'other', not %s")) \
	X(E_SYNC_NO_CONFLICT, 1, N_("no open conflict %s; see 'gavel conflicts'")) \
	X(E_SYNC_CLASH, 1, N_("the other value clashes with another row (%s)")) \
	X(E_SYNC_REMOVE_SELF, 1, N_("you cannot remove yourself; another member removes you")) \
	X(E_SYNC_NO_MACHINE, 1, N_("%s has no machine in the shared council")) \
	X(E_SYNC_NO_VERSION, 1, N_("the history of %s %s %s lacks a version")) \
	X(E_SYNC_CLASH_NO_ROW, 1, N_("a unique clash in %s has no row")) \
	X(E_SYNC_CLASH_TWICE, 1, N_("a row of %s clashes on its number and on %s at once")) \
	X(E_SYNC_MERGE_DEEP, 1, N_("rows of %s merge too deep")) \
	/* why a file of the folder is skipped: the note "skipped NAME: ..." */ \
	X(E_SYNC_NOT_SYNC_FILE, 1, N_("not a gavel sync file")) \
	X(E_SYNC_TRUNCATED, 1, N_("truncated (still being copied?)")) \
	X(E_SYNC_TOO_LARGE, 1, N_("larger than any gavel sync file")) \
	X(E_SYNC_FORMAT_NEWER, 1, N_("written by a newer gavel (format version too new); upgrade gavel to read it")) \
	X(E_SYNC_FORMAT_UNKNOWN, 1, N_("unknown format version")) \
	X(E_SYNC_KIND, 1, N_("unknown kind of file")) \
	X(E_SYNC_HEADER, 1, N_("damaged header")) \
	X(E_SYNC_TOO_LONG, 1, N_("damaged: longer than its header says")) \
	X(E_SYNC_UNDECRYPTABLE, 1, N_("cannot be decrypted with the council key (damaged, or another council's)")) \
	X(E_SYNC_PADDING, 1, N_("damaged padding")) \
	X(E_SYNC_CONTENT, 1, N_("damaged content")) \
	X(E_SYNC_NAME_MISMATCH, 1, N_("its name does not match its content")) \
	X(E_SYNC_OTHER_COUNCIL, 1, N_("it belongs to another council")) \
	X(E_SYNC_FORGED, 1, N_("its signature does not verify (damaged or forged)")) \
	X(E_SYNC_STRANGER, 1, N_("signed by a key that is not a member's")) \
	X(E_SYNC_NO_EPOCH_KEY, 1, \
	  N_("written with a council key this machine does not have (join again with the new passphrase)")) \
	X(E_SYNC_NOT_GIVEN_KEY, 1, \
	  N_("the council's key was changed and this machine was not given the new one (removed, or join again with the new passphrase)")) \
	X(E_SYNC_SCHEMA_NEWER, 1, N_("written by a newer gavel; upgrade gavel to read it")) \
	X(E_SYNC_TOOL_COPY, 1, N_("a copy made by a sync tool")) \
	X(E_SYNC_NOT_KEY_FILE, 1, N_("not a key file")) \
	X(E_SYNC_UNSAFE_LIMITS, 1, N_("key file with unsafe or unreasonable limits")) \
	X(E_SYNC_PWHASH_MEMORY, 1, N_("not enough memory to check the passphrase")) \
	X(E_SYNC_WRONG_PASSPHRASE, 1, N_("wrong passphrase")) \
	X(E_SYNC_KEYS_DAMAGED, 1, N_("damaged key file")) \
	/* ---- the interface (tui/) ---- */

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
