/*
 * replica: the store's side of sync. Change capture, and the row, version
 * and history primitives the merge (sync/merge.c) is built from.
 *
 * Capture. Triggers made from the schema at open (one set per content
 * table, the tables store/content.h names) record each local insert,
 * update and delete in sync_dirty with a column mask and a hybrid logical
 * clock reading, when capture is on (a shared council). The clock is kept
 * in SQL (sync_state.hlc): 48 bits of milliseconds since 1970 and 16 bits
 * of counter, never going back.
 *
 * Rows are named by table and row key: the id, or for a table without one
 * its primary key columns joined by '|'. Columns are named; their order is
 * the table's order without the id (the bit order of dirty masks).
 * Functions return 0 on success, 1 where a lookup finds nothing, -1 with
 * `e` set on failure. The few that answer with a bool or a pointer keep a
 * failure of the database for the next store_commit (store_error).
 *
 * The implementation is in store/replica/, one file per part of this
 * header (store/replica/internal.h lists them).
 */
#ifndef GAVEL_STORE_REPLICA_H
#define GAVEL_STORE_REPLICA_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "store/value.h"

#define HLC_SHIFT 16
/* Room for a row key, and for a table's or a column's name, with the NUL. */
#define ROW_KEY_MAX 96
#define RNAME_SIZE 64

/* A version of a field: the writer's clock reading, the writer (an actor
 * id) and the sequence number of the file that first carried it. */
struct rver {
	long long hlc;
	char writer[ID_LEN + 1];
	long long seq;
};
/* Total order of versions: clock, then writer. */
int rver_cmp(const struct rver *a, const struct rver *b);

/* A content table as sync sees it. */
struct rtable {
	char *name;
	bool has_id;
	int ncols;        /* without id */
	char **cols;
	char **parent;    /* per column: the table it references, or NULL */
	int rank;         /* parents before children */
};
/* The content tables, parents first. Owned by the store; every struct
 * rtable the functions below take is one of these. */
int replica_tables(struct store *st, const struct rtable **out, size_t *n, struct err *e);
/* The content table of that name; NULL if there is none (or the schema
 * cannot be read: store_error). */
const struct rtable *replica_table(struct store *st, const char *name);
/* The index of a column in t->cols, or -1. */
int replica_col(const struct rtable *t, const char *col);

/* Installs the capture triggers if the schema changed since (at open). */
int replica_install(struct store *st, struct err *e);

/* Capture on or off (off for a council that is not shared); whether it
 * is on (false when it cannot be read: store_error). */
int replica_capture(struct store *st, bool on, struct err *e);
bool replica_capturing(struct store *st);

/* The guard (store/replica/guard.c): whether this machine has the power
 * over the council's minutes and plans, and its person (NULL: none); the
 * local writes the rules do not allow it fail with E_GUARD. Written only
 * when it changes. */
int replica_guard_set(struct store *st, bool power, const char *person, struct err *e);
/* Does the guard let this machine write what only the power may (true
 * when writes are not captured; false when it cannot be read: store_error)? */
bool replica_guard_power(struct store *st);

/* The clock: now (advancing it), and taking in a clock seen elsewhere,
 * never further than `max` (the clamp for clocks far in the future). */
int replica_clock_now(struct store *st, long long *hlc, struct err *e);
int replica_clock_observe(struct store *st, long long hlc, long long max, struct err *e);
/* The wall clock as a clock reading (for the clamp). */
long long replica_wall_hlc(void);

/* Rows changed here since the last export, oldest first change first. */
#define DIRTY_NEW -1
#define DIRTY_DELETED -2
#define DIRTY_GONE -3 /* made and deleted before any export: nothing to send */
struct rdirty {
	char tbl[RNAME_SIZE];
	char row[ROW_KEY_MAX];
	long long mask, hlc;
};
struct rdirty_list {
	struct rdirty *v;
	size_t n, alloc;
};
void rdirty_list_release(struct rdirty_list *l);
/* replica_dirty appends them to out; replica_dirty_clear forgets them all
 * (after an export). */
int replica_dirty(struct store *st, struct rdirty_list *out, struct err *e);
int replica_dirty_clear(struct store *st, struct err *e);
/* Marks columns of a row changed here (a conflict resolved to the value it
 * already has must still be sent). */
int replica_dirty_mark(struct store *st, const char *tbl, const char *row, long long mask,
		       struct err *e);
/* Marks every row of the council changed (the first export of a council). */
int replica_dirty_all(struct store *st, struct err *e);

/* The current values of a row's columns (vals has t->ncols entries);
 * 1 if there is no such row. */
int replica_row_get(struct store *st, const struct rtable *t, const char *row, struct rval *vals,
		    struct err *e);
/* Is there such a row (false when it cannot be read: store_error)? */
bool replica_row_exists(struct store *st, const struct rtable *t, const char *row);
/*
 * Writes a row: all columns (insert) or those in mask (update). Returns 2
 * and sets *unique ("c1,c2", caller frees) when a unique constraint on
 * those columns refuses it, with nothing written.
 */
int replica_row_insert(struct store *st, const struct rtable *t, const char *row,
		       const struct rval *vals, char **unique, struct err *e);
int replica_row_update(struct store *st, const struct rtable *t, const char *row,
		       unsigned long long mask, const struct rval *vals, char **unique,
		       struct err *e);
/* Deletes a row (none there: nothing to do). */
int replica_row_delete(struct store *st, const struct rtable *t, const char *row, struct err *e);
/* The row whose columns `cols` ("c1,c2") hold the values in vals (indexed
 * as t->cols); 1 if none, or if t has no such column. */
int replica_row_find(struct store *st, const struct rtable *t, const char *cols,
		     const struct rval *vals, char row[ROW_KEY_MAX], struct err *e);
/* Changes a row's id (content and bookkeeping), leaving its children. */
int replica_row_rename(struct store *st, const struct rtable *t, const char *from, const char *to,
		       struct err *e);
/* Copies a row's history to another row key (rows merged into one). */
int replica_hist_copy(struct store *st, const char *tbl, const char *from, const char *to,
		      struct err *e);
/* Forgets the history of one version of a row (a write that is redone). */
int replica_hist_forget(struct store *st, const char *tbl, const char *row, long long hlc,
			const char *writer, struct err *e);
/* Forgets a row's versions, other heads and claims, not its history (a
 * row merged into another). */
int replica_forget(struct store *st, const char *tbl, const char *row, struct err *e);
/* Raises each § counter to the highest § recorded (after a merge). */
int replica_counters_fix(struct store *st, struct err *e);
/* Rows of `child` whose column `col` holds `value`. */
int replica_children(struct store *st, const struct rtable *child, const char *col,
		     const char *value, struct strvec *rows, struct err *e);

/* Versions and history. The version of a field; 1 if it has none. */
int replica_ver_get(struct store *st, const char *tbl, const char *row, const char *col,
		    struct rver *v, struct err *e);
/* Makes v the version of a field. */
int replica_ver_set(struct store *st, const char *tbl, const char *row, const char *col,
		    const struct rver *v, struct err *e);
/* Has the row any version (of a field, or a tombstone)? */
bool replica_has_versions(struct store *st, const char *tbl, const char *row);
/* Records n fields of a row new here at once, as replica_hist_add and
 * replica_ver_set would one by one: version v of cols[i] has vals[i]. */
int replica_fields_add(struct store *st, const char *tbl, const char *row, const struct rver *v,
		       char *const *cols, const struct rval *vals, int n, struct err *e);
/* The other heads of a field (concurrent versions not chosen); whether a
 * row has any, of any field. replica_heads sets *v (caller frees) and *n,
 * in version order; replica_heads_set replaces a field's heads with n. */
bool replica_has_heads(struct store *st, const char *tbl, const char *row);
int replica_heads(struct store *st, const char *tbl, const char *row, const char *col,
		  struct rver **v, size_t *n, struct err *e);
int replica_heads_set(struct store *st, const char *tbl, const char *row, const char *col,
		      const struct rver *v, size_t n, struct err *e);
/* Who made a row: the writer of the version of its `created` (which no
 * member's file may change once the row is known: sync/policy.c); 1 if
 * it has none. */
int replica_row_creator(struct store *st, const char *tbl, const char *row, char writer[ID_LEN + 1],
			struct err *e);
/* Records a value in the history; 1 if that version was already there. */
int replica_hist_add(struct store *st, const char *tbl, const char *row, const char *col,
		     const struct rver *v, const struct rval *val, struct err *e);
/* The value of one version of a field (out owned by the caller); 1 if the
 * history lacks it. */
int replica_hist_get(struct store *st, const char *tbl, const char *row, const char *col,
		     long long hlc, const char *writer, struct rval *out, struct err *e);

/* Open conflicts: fields with other heads, every one. */
struct rconflict {
	char tbl[RNAME_SIZE], row[ROW_KEY_MAX], col[RNAME_SIZE];
	struct rver cur, other;
};
struct rconflict_list {
	struct rconflict *v;
	size_t n, alloc;
};
void rconflict_list_release(struct rconflict_list *l);
/* Appends every open conflict to out, by table, row, column, version. */
int replica_conflicts(struct store *st, struct rconflict_list *out, struct err *e);

/* Rows merged away: whether there is any; the row one lives on as (1 if
 * it was not merged away); recording that row lives on as target (rows
 * that lived on as row follow it). */
bool replica_aliases_any(struct store *st);
int replica_alias_get(struct store *st, const char *tbl, const char *row, char out[ROW_KEY_MAX],
		      struct err *e);
int replica_alias_set(struct store *st, const char *tbl, const char *row, const char *target,
		      struct err *e);

/* Numbers that gave way in a clash: the number a row claims (1 if it
 * claims none), set, forgotten. */
int replica_claim_get(struct store *st, const char *tbl, const char *row, const char *col,
		      long long *value, struct err *e);
int replica_claim_set(struct store *st, const char *tbl, const char *row, const char *col,
		      long long value, struct err *e);
int replica_claim_del(struct store *st, const char *tbl, const char *row, const char *col,
		      struct err *e);
/* A meeting adjusted here (or one item's paragraph of it, item_id not
 * NULL): the numbers of its items and decisions that gave way in a clash
 * become their claims, sent as changes of this machine's, so that every
 * copy keeps the numbers that were signed (nothing to do while writes are
 * not captured). */
int replica_numbers_pin(struct store *st, const char *meeting_id, const char *item_id, struct err *e);
/* Does any row of the table claim a number in col? */
bool replica_claims_any(struct store *st, const char *tbl, const char *col);
/* The rows of a group (rows equal in `group` columns, "c1,c2", to row's),
 * in id order, with their claimed number, their insert clock and their
 * current number in col: *out (caller frees) and *n; *any_claim if one of
 * them claims a number that gave way. */
struct rclaim {
	char row[ROW_KEY_MAX];
	long long claim, hlc, now;
	bool fixed; /* the caller's: in the record of an adjusted meeting */
};
int replica_group(struct store *st, const struct rtable *t, const char *group, const char *col,
		  const char *row, struct rclaim **out, size_t *n, bool *any_claim, struct err *e);
/* Sets the number of each row of a group at once (two passes, so that no
 * unique constraint sees a transient clash). */
int replica_group_set(struct store *st, const struct rtable *t, const char *col,
		      const struct rclaim *v, size_t n, struct err *e);

/* Files applied: whose, which, what their writer had seen. replica_file_add
 * records one (and moves the writer's run without a gap on);
 * replica_file_get gives its frontier (caller frees), 1 if not applied. */
int replica_file_add(struct store *st, const char *writer, long long seq, const char *frontier,
		     long long changes, struct err *e);
int replica_file_get(struct store *st, const char *writer, long long seq, char **frontier,
		     struct err *e);
/* Per writer, the highest sequence number applied without a gap before
 * it: "writer:seq" items joined by ',' in writer order (caller frees). */
int replica_frontier(struct store *st, char **out, struct err *e);
/* The highest sequence number of a writer applied without a gap before it. */
int replica_applied_upto(struct store *st, const char *writer, long long *seq, struct err *e);
/* The highest sequence number applied of one writer (0 if none). */
int replica_last_seq(struct store *st, const char *writer, long long *seq, struct err *e);
/* The files this machine wrote, byte for byte (sync_sent): one kept, one
 * given back into out (1 if not kept), the numbers kept between from and
 * to (caller frees *out). */
int replica_sent_add(struct store *st, const char *writer, long long seq, const unsigned char *buf, size_t len,
		     struct err *e);
int replica_sent_get(struct store *st, const char *writer, long long seq, struct strbuf *out, struct err *e);
int replica_sent_seqs(struct store *st, const char *writer, long long from, long long to, long long **out,
		      size_t *n, struct err *e);

/* Rows whose references point at nothing (after a merge, in its
 * transaction, foreign keys deferred), as table/row appended to rows. A
 * table without an id is derived (the § counters) and not reported. */
int replica_dangling(struct store *st, struct strvec *rows, struct err *e);
/* Turns deferred foreign key checks on for the current transaction. */
int replica_defer_fk(struct store *st, struct err *e);

/* Frees the cached schema and statements (store_close calls it). */
void replica_release(struct store *st);

#endif
