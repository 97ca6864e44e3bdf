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
	X(E_NOT_REGULAR, 1, N_("%s: not a regular file (a link, a pipe or a device); not read")) \
	X(E_FILE_TOO_LARGE, 1, N_("%s: larger than %zu bytes; not read")) \
	/* ---- the store (store/) ---- */ \
	X(E_DISK_FULL, 1, N_("the disk is full; nothing was changed: free some space and try again")) \
	X(E_DB_REFUSED, 1, N_("refused by the database: %s")) \
	X(E_DB_NEWER, 1, N_("the database was written by a newer gavel; please upgrade")) \
	X(E_NOT_DATABASE, 1, N_("%s: not a gavel database (file is corrupt or of another kind)")) \
	X(E_BAD_ACTOR, 1, N_("invalid actor id: %s")) \
	X(E_BAD_ROW_KEY, 1, N_("malformed row key %s of table %s")) \
	X(E_TOO_MANY_COLUMNS, 1, N_("too many columns in table %s to sync: at most %d")) \
	X(E_NO_CLOCK, 1, N_("the sync's clock is missing: table sync_state has no row")) \
	X(E_SEARCH_INDEX, 1, N_("the search index is out of step: entry %lld has no row")) \
	/* ---- the domain (core/) ---- */ \
	X(E_EMPTY, 1, N_("%s must not be empty")) \
	X(E_BAD_TEXT, 1, N_("%s holds invalid UTF-8 or a control character")) \
	X(E_TOO_LONG, 1, N_("%s is too long (at most %zu bytes)")) \
	X(E_BAD_DATE, 1, N_("invalid %s: %s (expected a date YYYY-MM-DD)")) \
	X(E_BAD_TIME, 1, N_("invalid %s: %s (expected HH:MM)")) \
	X(E_BAD_YEAR, 1, N_("invalid year: %s (expected YYYY)")) \
	X(E_BAD_VALUE, 1, N_("invalid value: %s (expected a number such as 87.5)")) \
	X(E_BAD_MEETING_NAME, 1, N_("invalid meeting: %s (expected BODY/YYYY-MM-DD, BODY/next or BODY/last)")) \
	X(E_BAD_ITEM_NUMBER, 1, N_("invalid item number: %s")) \
	X(E_BAD_COUNT, 1, N_("invalid number of %s votes: %s")) \
	X(E_BAD_BODY_SHORT, 1, N_("invalid short name of a body: '%s' (use 1-%d of a-z, 0-9, - and _)")) \
	X(E_BAD_PERSON_NAME, 1, N_("invalid name: %s (a name may not hold a newline, ':' or '/')")) \
	X(E_BAD_EMAIL, 1, N_("invalid e-mail address: %s")) \
	X(E_BAD_GOAL_CODE, 1, N_("invalid goal code: %s (use numbers like 1 or 1.3)")) \
	X(E_BAD_KIND, 1, N_("invalid kind: %s (standard, case or information)")) \
	X(E_BAD_ACTION_STATUS, 1, N_("invalid status: %s (planned, ongoing, done or cancelled)")) \
	X(E_BAD_PROPOSAL_STATUS, 1, N_("invalid status: %s (new, screened, in preparation, decided, rejected)")) \
	X(E_UNKNOWN_ROLE, 1, N_("unknown role: %s (%s)")) \
	X(E_ENDS_BEFORE_START, 1, N_("%s ends before it starts (%s before %s)")) \
	X(E_COUNCIL_EXISTS, 1, N_("this database already holds the council %s")) \
	X(E_BODY_EXISTS, 1, N_("body %s already exists")) \
	X(E_PERSON_EXISTS, 1, N_("a person named %s already exists")) \
	X(E_MEETING_EXISTS, 1, N_("meeting %s already exists")) \
	X(E_GOAL_EXISTS, 1, N_("goal %s already exists")) \
	X(E_GOAL_PARENT, 1, N_("sub-goal %s does not belong under goal %s")) \
	X(E_OWNED_BY, 1, N_("this database already belongs to %s")) \
	X(E_BAD_IDENTITY_FILE, 1, N_("not a gavel identity file, or damaged: %s")) \
	X(E_MEETING_ALREADY, 1, N_("meeting %s is already %s")) \
	X(E_MEETING_TRANSITION, 1, N_("meeting %s is %s and cannot become %s")) \
	X(E_NOT_OPENED, 1, N_("meeting %s has not been opened")) \
	X(E_AGENDA_CLOSED, 1, N_("meeting %s is %s: its agenda can no longer be prepared")) \
	X(E_ITEM_LOCKED, 1, N_("item %d of %s was adjusted at once (omedelbar justering) and is locked")) \
	X(E_ITEM_DECIDED, 1, N_("item %d already has a decision (§ %d)")) \
	X(E_ITEM_POSTPONED, 1, N_("item %d is postponed")) \
	X(E_NO_PLACE, 1, N_("no place %d on the agenda: it has %zu items")) \
	X(E_LEFT_BEFORE_CAME, 1, N_("left after item %d but came at item %d")) \
	X(E_SERVES_SELF, 1, N_("%s cannot serve for themselves")) \
	X(E_NOT_DECISION_MAKER, 1, N_("%s is not a decision-making member of this body")) \
	X(E_MEMBER_PRESENT, 1, N_("%s is present; a substitute serves only for an absent member")) \
	X(E_ALREADY_SERVED, 1, N_("%s already serves for %s")) \
	X(E_ABSENT_SUBSTITUTE, 1, N_("an absent person cannot serve for another")) \
	X(E_SUBSTITUTE_SERVES, 1, N_("%s serves for %s; change that first")) \
	X(E_VOTE_NO_PART, 1, N_("cannot vote: %s takes no part in item %d (absent, not a decision-maker, or jäv)")) \
	X(E_VOTES_TWICE, 1, N_("%s votes twice")) \
	X(E_NAMED_BEYOND_COUNT, 1, N_("%d named %s votes but a count of %d")) \
	X(E_VOTES_BEYOND_PRESENT, 1, N_("%d votes counted but only %d decision-makers take part in item %d")) \
	X(E_DISSENT_NO_PART, 1, N_("no reservation: %s did not take part in the decision on item %d")) \
	X(E_DISSENTS_TWICE, 1, N_("%s enters a reservation twice")) \
	X(E_NO_SIGNERS, 2, N_("name who adjusts the minutes with --by PERSON")) \
	X(E_PAPER_PARAGRAPH, 2, N_("a paragraph is not adjusted on paper: only the whole protocol is")) \
	X(E_ALREADY_ADJUSTED, 1, N_("meeting %s is already adjusted")) \
	X(E_ADJUST_NOT_CLOSED, 1, N_("meeting %s is %s; close it before adjusting")) \
	X(E_DID_NOT_ATTEND, 1, N_("cannot adjust the minutes: %s did not attend meeting %s")) \
	X(E_PARA_ADJUSTED, 1, N_("§ %d is already adjusted")) \
	X(E_NO_PARAGRAPH, 1, N_("meeting %s has no § %d")) \
	X(E_NO_SIGNATURES, 1, N_("meeting %s has no adjustment signatures")) \
	X(E_SIGNATURES_FAIL, 1, N_("the signatures of %s do not hold: %s")) \
	X(E_FILE_UNSIGNED, 1, N_("%s carries no adjustment signatures")) \
	X(E_DOC_CHANGED, 1, N_("%s has been changed: it is not the document its signatures were exported with%s%s")) \
	X(E_DAMAGED_DATA, 1, N_("the adjustment data carried by %s is damaged")) \
	X(E_DAMAGED_PROTOCOL, 1, N_("the signed protocol carried by the file is damaged")) \
	X(E_CANNOT_VERIFY, 1, N_("gavel cannot check a %s document")) \
	X(E_NOT_ODT, 1, N_("not an OpenDocument file: %s")) \
	X(E_NO_FORM, 1, N_("this document has no %s form")) \
	X(E_PROTOCOL_ICS, 1, N_("a protocol has no calendar form; the invitation has one")) \
	X(E_DOC_LANG, 2, N_("unknown document language: %s (sv or en)")) \
	X(E_NO_QUESTIONS, 1, N_("there are no screening questions; add them with 'gavel question add'")) \
	X(E_ANSWER_COUNT, 1, N_("expected %zu answers (one per screening question), got %zu")) \
	X(E_ON_AGENDA, 1, N_("%s is already on the agenda of %s")) \
	X(E_PROPOSAL_NOT_READY, 1, N_("proposal %.8s cannot go on an agenda: every screening answer must be yes")) \
	X(E_NO_OWNER, 1, N_("an action needs one owner: a person or an organisation")) \
	X(E_NOTHING_TO_CHANGE, 2, N_("nothing to change: give a status or a note")) \
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
	X(E_SYNC_NOT_FOLDER_DIR, 1, N_("%s: not a directory of the shared folder (a link or a file in its place); nothing was sent")) \
	X(E_SYNC_FILE_EXISTS, 1, N_("%s: already exists; another copy of this database may be writing to the folder")) \
	X(E_SYNC_PASSPHRASE, 1, N_("wrong passphrase for the council in %s")) \
	X(E_SYNC_NOT_THIS_COUNCIL, 1, N_("the passphrase opens no invitation in %s of the council with the fingerprint %s: the folder may hold a forged one; ask the chair")) \
	X(E_SYNC_PENDING_COPY, 1, N_("this database is a copy of one that asked to join: ask to join again from a new database (gavel --db FILE join)")) \
	X(E_SYNC_DB_TAKEN, 1, N_("%s already holds a council; join into a new database (--db FILE)")) \
	X(E_SYNC_NOTHING_READ, 1, N_("%s: no council could be read from the folder")) \
	X(E_SYNC_KEEP, 2, N_("keep 'current' or 'other', not %s")) \
	X(E_SYNC_NO_CONFLICT, 1, N_("no open conflict %s; see 'gavel conflicts'")) \
	X(E_SYNC_CLASH, 1, N_("the other value clashes with another row (%s)")) \
	X(E_GUARD, 1, N_("only the chair, the vice chair, the secretary or the member who shared the council may change this; a member adds proposals, people and notes on actions, sets the status of their own actions and signs as a named adjuster")) \
	X(E_READ_ONLY, 1, N_("read only: the chair, the vice chair and the secretary write this")) \
	X(E_NOT_YOUR_ACTION, 1, N_("read only: the action's owner, the chair, the vice chair and the secretary set its status")) \
	X(E_NO_POWER, 1, N_("only the chair, the vice chair, the secretary or the member who shared the council may admit or remove members or change the passphrase")) \
	X(E_SYNC_NOT_WHOLE, 1, N_("the folder is not whole (above); 'gavel repair' puts back this machine's files, each other machine puts back its own at its next sync")) \
	X(E_SYNC_NO_REQUEST, 1, N_("nobody waiting to join matches %s; see 'gavel members'")) \
	X(E_SYNC_REQUEST_AMBIGUOUS, 1, N_("%s matches more than one request to join; give the fingerprint")) \
	X(E_SYNC_NOT_ADMITTED, 1, N_("this machine has asked to join and is not admitted yet (fingerprint %s): a member with the power runs 'gavel members admit', then 'gavel sync' here")) \
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
	X(E_SYNC_NOT_REGULAR, 1, N_("not a regular file (a link, a pipe or a device); not read")) \
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
	X(E_SYNC_AGAINST_POLICY, 1, N_("written by %s, against the council's rules (%s); nothing of it applied")) \
	X(E_POLICY_KEY_DELETED, 1, N_("it deletes a machine's key")) \
	X(E_POLICY_OTHERS_KEY, 1, N_("it records its own key, which no member with the power admitted")) \
	X(E_POLICY_NO_POWER, 1, N_("it admits or removes a member, and its writer has no such power")) \
	X(E_POLICY_PEOPLE, 1, N_("it changes a recorded person, and its writer has no such power")) \
	X(E_POLICY_RECORD, 1, N_("it changes the minutes or the council's plans, and its writer is not the chair, the vice chair or the secretary")) \
	X(E_POLICY_ACTION, 1, N_("it changes more of an action than the status, or an action its writer does not own")) \
	X(E_POLICY_SIGN, 1, N_("it writes a signature of another person")) \
	X(E_POLICY_DELETE, 1, N_("it deletes what another machine wrote")) \
	X(E_POLICY_CREATED, 1, N_("it rewrites when a recorded row was made")) \
	X(E_POLICY_ADDED, 1, N_("it changes a recorded proposal, organisation or note, and its writer has no such power")) \
	X(E_POLICY_ROLES, 1, N_("it changes the members' roles, and its writer has no such power")) \
	X(E_POLICY_KEY_CHANGED, 1, N_("it changes whose a recorded key is")) \
	X(E_SYNC_CONFLICT_LOCKED, 1, N_("conflict %s is in the minutes of an adjusted meeting, which are locked: it stays as it is")) \
	X(E_SYNC_CONFLICT_KEY, 1, N_("conflict %s is in the record of a machine's key, which never changes once recorded: it stays as the merge settled it")) \
	X(E_POLICY_ADJUSTED, 1, N_("it changes the record of an adjusted meeting")) \
	X(E_POLICY_PARAGRAPH, 1, N_("it changes a paragraph adjusted at once")) \
	X(E_POLICY_UNREVOKE, 1, N_("it takes back a member's removal")) \
	X(E_SYNC_REFUSED_FILE, 1, N_("written by %s, refused by the database (%s); nothing of it applied")) \
	X(E_SYNC_AFTER_REMOVAL, 1, N_("written by a removed member's machine after the removal; not taken")) \
	X(E_SYNC_OLD_REQUEST, 1, N_("a request to join made with a passphrase the council no longer has")) \
	X(E_SYNC_ADMIT_STRANGER, 1, N_("an admission written by a machine without the power to admit")) \
	X(E_SYNC_FORGED, 1, N_("its signature does not verify (damaged or forged)")) \
	X(E_SYNC_STRANGER, 1, N_("signed by a key that is not a member's")) \
	X(E_SYNC_NO_EPOCH_KEY, 1, \
	  N_("written with a council key this machine does not have (removed, or not admitted yet)")) \
	X(E_SYNC_NOT_GIVEN_KEY, 1, \
	  N_("the council's key was changed and this machine was not given the new one (removed)")) \
	X(E_SYNC_SCHEMA_NEWER, 1, N_("written by a newer gavel; upgrade gavel to read it")) \
	X(E_SYNC_TOOL_COPY, 1, N_("a copy made by a sync tool")) \
	X(E_SYNC_NOT_KEY_FILE, 1, N_("not a key file")) \
	X(E_SYNC_UNSAFE_LIMITS, 1, N_("key file with unsafe or unreasonable limits")) \
	X(E_SYNC_PWHASH_MEMORY, 1, N_("not enough memory to check the passphrase")) \
	X(E_SYNC_WRONG_PASSPHRASE, 1, N_("wrong passphrase")) \
	X(E_SYNC_KEYS_DAMAGED, 1, N_("damaged key file")) \
	X(E_SYNC_WRAP_OLD, 1, N_("a key file from before members were admitted one by one; a member with the power must set a new passphrase ('gavel council passphrase') before anyone can join")) \
	/* ---- the interface (tui/) ---- */ \
	X(E_UNKNOWN_COMMAND, 2, N_("unknown command: %s; see 'gavel --help'")) \
	X(E_UNKNOWN_GLOBAL_OPTION, 2, N_("unknown option %s; see 'gavel --help'")) \
	X(E_UNKNOWN_OPTION, 2, N_("unknown option %s; see 'gavel help %s'")) \
	X(E_OPTION_NEEDS_VALUE, 2, N_("option %s needs a value; see 'gavel help %s'")) \
	X(E_OPTION_TAKES_NO_VALUE, 2, N_("option %s takes no value; see 'gavel help %s'")) \
	X(E_OPTION_REQUIRED, 2, N_("missing option %s; see 'gavel help %s'")) \
	X(E_USAGE_CMD, 2, N_("usage: %s")) \
	X(E_UNKNOWN_FORMAT, 2, N_("unknown format: %s (%s)")) \
	X(E_NOT_TO_STDOUT, 2, N_("a %s file cannot go to standard output; give -o FILE")) \
	X(E_BAD_DECISION_NAME, 1, N_("invalid decision: %s (expected BODY/YEAR/N or BODY/DATE/ITEM)")) \
	X(E_NO_ITEM, 1, N_("unknown item: %s has no item %d")) \
	X(E_NO_DECISION_AT, 1, N_("unknown decision: %s has no decision at item %d")) \
	X(E_BAD_VOTE, 1, N_("invalid vote: %s (expected PERSON:yes, PERSON:no or PERSON:abstain)")) \
	X(E_BAD_ANSWER, 1, N_("invalid answer: %s (yes or no)")) \
	X(E_BAD_PARAGRAPH, 1, N_("invalid paragraph number: %s")) \
	X(E_BAD_LIMIT, 1, N_("invalid limit: %s")) \
	X(E_BAD_CHOICE, 1, N_("no offer %s: choose from 1 to %zu, or all")) \
	X(E_DEMO_EXISTS, 1, N_("%s already holds the council %s; use 'gavel demo --force' to replace it")) \
	X(E_DEMO_LINE, 1, N_("demo script line %d (%s): %s")) \
	X(E_NO_TERMINAL, 2, N_("no terminal to ask the passphrase on; use --passphrase-file FILE or GAVEL_PASSPHRASE")) \
	X(E_PASSPHRASES_DIFFER, 1, N_("the two passphrases differ")) \
	X(E_PASSPHRASE_EMPTY, 1, N_("the passphrase is empty")) \
	X(E_PASSPHRASE_REUSED, 1, N_("the council has had this passphrase before, and a member who left may know it: choose another")) \
	X(E_PASSPHRASE_WEAK, 1, N_("the passphrase is too easy to guess (about %d bits, at least %d): take four or five words that do not belong together")) \
	X(E_PASSPHRASE_SHORT, 1, N_("the passphrase is too short (at least %d characters)")) \
	X(E_NO_PERSON_AS, 2, N_("say who this machine belongs to with --as PERSON")) \
	X(E_TERMINAL, 1, N_("cannot start the terminal interface on %s")) \
	X(E_HEADLESS_SIZE, 2, N_("invalid GAVEL_HEADLESS: %s (give COLSxROWS, e.g. 80x24)")) \
	X(E_HEADLESS_KEY, 2, N_("invalid key in GAVEL_SCRIPT: <%s>")) \
	X(E_WHOAMI_UNSET, 1, N_("who you are is not set: press w on the home screen")) \
	X(E_BAD_VOTES, 1, N_("invalid votes: %s (give the numbers yes, no and abstain, e.g. 7 1 0)")) \
	X(E_EDITOR_FAILED, 1, N_("the editor %s failed: the notes are unchanged")) \
	X(E_ITEM_NO_PARAGRAPH, 1, N_("item %d has no decision, so no paragraph to extract")) \
	X(E_NOT_ABSENT, 1, N_("%s is not marked absent: a substitute serves only for an absent member")) \
	X(E_OFFER_ON_AGENDA, 1, N_("already on the agenda: %s")) \
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
