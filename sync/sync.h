/*
 * sync: a council shared through a folder. The API of `gavel council
 * share`, `gavel join`, `gavel sync`, `gavel conflicts` and `gavel members`,
 * and for the terminal interface (a status line, a sync key, a conflicts
 * screen).
 *
 * The folder holds only files that each machine writes once under a
 * temporary name and renames into place: no lock files, nothing shared
 * that two machines change, laid out by writer and by bucket of a thousand
 * files (sync/layout.h). A sync first writes this machine's changes since
 * the last sync as one file, then reads every file it has not yet applied,
 * listing only the directories that changed since a sync that left nothing
 * behind in them (see sync/merge.c for how they merge, docs/sync-format.md
 * for the bytes). A file that is truncated, damaged, forged, of a newer format or
 * made by a sync tool as a conflict copy is skipped with a note and taken
 * later if it may still complete; nothing in the database changes because
 * of it. A sync either completes or changes nothing (one transaction).
 *
 * Functions return 0 on success and -1 with `e` set on failure: a refusal
 * is one of the E_SYNC_ codes of core/base/error.h, a failing database
 * E_DB (never taken for an answer such as "not a member"). Which file of
 * sync/ holds what: sync/README.md.
 */
#ifndef GAVEL_SYNC_SYNC_H
#define GAVEL_SYNC_SYNC_H

#include <stdint.h>

#include "core/identity.h"
#include "store/store.h"

/* The page cache during a sync, in MB. */
#define SYNC_CACHE_MB 64

/* What one sync did. */
struct sync_summary {
	long sent;          /* changes this machine wrote to the folder */
	long received;      /* changes of other members applied here */
	long files;         /* files applied */
	long conflicts_new; /* conflicts this sync opened */
	long conflicts_open;/* conflicts open after it */
	long waiting;       /* files waiting for an earlier file they build on */
	long refused;       /* files skipped (see notes) */
	long listed;        /* directories of the folder listed (the others had not changed) */
	bool renewed;       /* this database turned out to be a copy: it got its own identity */
	bool waiting_admission; /* this machine asked to join and is not admitted yet */
	bool admitted;      /* this sync took the keys of this machine's admission */
	char fingerprint[IDENTITY_FP_SIZE]; /* this machine's key, when it asked or was admitted */
	char council_fingerprint[IDENTITY_FP_SIZE]; /* the council's (its founder's key), when it asked */
	bool passphrase_older; /* asked with a wrap older than one it could not open */
	struct strvec from; /* "Åsa Ölund: 12 changes", one per member heard from */
	struct strvec notes;/* one line per file skipped or event worth telling */
};
/* Frees the lists of a summary and zeroes it (it may be used again). */
void sync_summary_release(struct sync_summary *s);

/*
 * Makes `dir` the council's shared folder (created if missing; it must not
 * hold another council's files): this machine becomes `person`'s (added
 * to the council if not there) and its founder, the council gets a random
 * key, `passphrase` lets newcomers ask to join (sync_join), and everything
 * in the database is written to the folder.
 */
int sync_share(struct store *st, const char *dir, const char *person, const char *passphrase,
	       struct sync_summary *out, struct err *e);

/*
 * Asks to join the council of the folder `dir` with its passphrase, into a
 * new database at db_path (which must not hold a council), claiming to be
 * `person`: a key for this machine is made, and a request to join left in
 * the folder (sync/admit.h). Nothing of the council is read until a member
 * with the power admits the request; the next sync_run then reads it.
 * With council_fp (the council's fingerprint, which the chair hands out
 * with the passphrase), only an invitation whose founder's key has it is
 * taken (E_SYNC_NOT_THIS_COUNCIL). The database is left open in *out_st;
 * out->fingerprint is this machine's key, for the member who admits it to
 * compare, and out->council_fingerprint the founder's key of the
 * invitation taken, for the newcomer to compare.
 */
int sync_join(const char *db_path, const char *dir, const char *person, const char *passphrase,
	      const char *council_fp, struct store **out_st, struct sync_summary *out, struct err *e);

/* One sync with the council's folder (or `dir` when not NULL). */
int sync_run(struct store *st, const char *dir, struct sync_summary *out, struct err *e);

/* For a status line: the folder, the last sync (UTC, ISO 8601) and the
 * number of open conflicts. shared is false for a council not shared. */
struct sync_status {
	bool shared;
	char *dir, *last;
	long conflicts;
};
int sync_status(struct store *st, struct sync_status *out, struct err *e);
/* Frees the strings of a status and zeroes it. */
void sync_status_release(struct sync_status *s);

/* An open conflict: a field with two values written concurrently. */
struct sync_conflict {
	char id[17];          /* stable on every machine */
	char *what;           /* the row in words: "decision radet/2026/3" */
	char *field;          /* the column ("-": the row was deleted on one side) */
	char *current, *other;/* the values (NULL: no value) */
	char *current_by, *other_by;    /* who wrote them */
	char *current_when, *other_when;/* when (UTC) */
};
struct sync_conflict_list {
	struct sync_conflict *v;
	size_t n, alloc;
};
/* Frees every conflict of the list and zeroes it. */
void sync_conflict_list_release(struct sync_conflict_list *l);
/* The open conflicts into *out (two values that are the same are none);
 * after a failure *out is left empty. */
int sync_conflicts(struct store *st, struct sync_conflict_list *out, struct err *e);
/* Settles a conflict by id (or a unique prefix of at least four digits):
 * keep "current" or "other" (E_SYNC_KEEP otherwise; E_SYNC_NO_CONFLICT,
 * E_AMBIGUOUS for an id). The choice is a change like any other: it
 * travels at the next sync. In the caller's transaction. */
int sync_conflict_resolve(struct store *st, const char *id, const char *keep, struct err *e);

/* The members' machines: who, key fingerprint, files written, last seen. */
struct sync_member {
	char *person, *fingerprint, *last, *revoked;
	long files;
	bool me;
};
struct sync_member_list {
	struct sync_member *v;
	size_t n, alloc;
};
/* Frees every member of the list and zeroes it. */
void sync_member_list_release(struct sync_member_list *l);
/* Every member machine's key (revoked ones too, oldest first) into *out;
 * `last` is known only of this machine. After a failure *out is empty. */
int sync_members(struct store *st, struct sync_member_list *out, struct err *e);

/* A newcomer waiting to be admitted: the name it claims, its machine's
 * key and fingerprint (to compare with theirs, read out over the phone),
 * the epoch of the passphrase it asked with. */
struct sync_request {
	char *name, *actor;
	unsigned char pk[IDENTITY_PK_LEN];
	char fingerprint[IDENTITY_FP_SIZE];
	uint32_t epoch;
	int machines; /* machines the council records for a person of that name */
};
struct sync_request_list {
	struct sync_request *v;
	size_t n, alloc;
};
void sync_request_list_release(struct sync_request_list *l);
/* The requests to join made with the passphrase of now and not admitted
 * yet (read by the syncs before), into *out. */
int sync_requests(struct store *st, struct sync_request_list *out, struct err *e);
/* Has this machine asked to join and not been admitted yet (*waiting)?
 * fp: its key's fingerprint, when it has a key ("" if not). */
int sync_waiting(struct store *st, bool *waiting, char fp[IDENTITY_FP_SIZE], struct err *e);
/*
 * Admits the newcomer whose request `who` names (its claimed name, or its
 * fingerprint from the start, eight digits at least) as the person `as`
 * (NULL: the name it claims; a person not in the council is added): its
 * key recorded for the person and every council key sealed to it, both
 * written to the folder at once (dir, or the council's own when NULL).
 * Only a member with the power may
 * (E_NO_POWER; sync/policy.h). *admitted_as: the person's name.
 */
int sync_admit(struct store *st, const char *dir, const char *who, const char *as, char **admitted_as,
	       struct err *e);

/* The council's fingerprint: its founder's key's, which the chair hands
 * out with the passphrase (`gavel join --council`); 1 if not known. */
int sync_council_fingerprint(struct store *st, char fp[IDENTITY_FP_SIZE], struct err *e);

/* May this machine change the council's members and roles (*may)? Yes
 * for a council not shared; in a shared one only with the power
 * (sync/policy.h), since every other copy refuses the change otherwise. */
int sync_may_change_members(struct store *st, bool *may, struct err *e);
/* Tells the guard (store/replica.h, replica_guard_set) whether this
 * machine has the power over the minutes and plans, and its person, as
 * the council records them now: after opening a shared council and after
 * each sync. */
int sync_guard_refresh(struct store *st, struct err *e);
/* May this machine write the minutes and the council's plans (the guard's
 * answer as sync_guard_refresh last set it)? */
bool sync_may_write_minutes(struct store *st);

/*
 * A member leaves: their machines' keys are revoked, a new council key is
 * made for everything written from now on and sealed to each remaining
 * member machine's key, and `passphrase` becomes the passphrase for
 * future joins. The former member keeps what they had; they read nothing
 * written after this.
 */
int sync_member_remove(struct store *st, const char *person, const char *passphrase,
		       struct err *e);
/* What a copy can tell of the folder (`gavel check`): this machine's own
 * files, each compared byte for byte with the copy it kept (missing,
 * damaged), everyone's files applied here that are gone from the folder,
 * and what this copy waits for since when. With repair (`gavel repair`),
 * this machine's missing and damaged files are put back. */
struct sync_check {
	long files;                  /* council files in the folder */
	long own_missing, own_damaged, put_back;
	long others_missing, waiting;
	struct strvec lines;         /* one line for each of the others, in words */
};
void sync_check_release(struct sync_check *c);
int sync_check(struct store *st, bool repair, struct sync_check *out, struct err *e);

/* A new passphrase (and with it a new council key, as above, for all). */
int sync_passphrase(struct store *st, const char *passphrase, struct err *e);

#endif
