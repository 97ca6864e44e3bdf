/* record: a meeting's record and whether it is locked (record.h). */
#include "sync/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tables of a meeting's record (the protocol), each with the column that leads up
 * to the meeting (through the table it names), or none: the meeting. */
static const struct {
	const char *tbl, *up, *up_tbl;
} record_tables[] = {
	{ "meeting", NULL, NULL },
	{ "attendance", "meeting_id", "meeting" },
	{ "item", "meeting_id", "meeting" },
	{ "adjuster", "meeting_id", "meeting" },
	{ "paper", "item_id", "item" },
	{ "conflict", "item_id", "item" },
	{ "decision", "item_id", "item" },
	{ "vote", "decision_id", "decision" },
	{ "dissent", "decision_id", "decision" },
};

/* How many hops at most from a row up to its meeting. */
#define UP_MAX 4

/* The value of column col in a change, or NULL if it is not there. */
static const struct rval *value_of(const struct change *c, const char *col)
{
	for (int k = 0; k < c->ncols; k++)
		if (!strcmp(c->cols[k], col))
			return &c->vals[k];
	return NULL;
}

int record_column(struct store *st, const char *tbl, const char *row, const char *col, char out[ROW_KEY_MAX],
		  struct err *e)
{
	const struct rtable *t = replica_table(st, tbl);
	int ci = t ? replica_col(t, col) : -1;
	if (ci < 0)
		return store_error(st, e) ? -1 : 1;
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	int rc = replica_row_get(st, t, row, vals, e);
	if (rc == 0 && (vals[ci].type != RV_TEXT || strlen(vals[ci].s) >= ROW_KEY_MAX))
		rc = 1;
	if (rc == 0)
		snprintf(out, ROW_KEY_MAX, "%s", vals[ci].s);
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	free(vals);
	return rc;
}

int record_meeting(struct store *st, const struct change *c, char meeting[ROW_KEY_MAX], struct err *e)
{
	return record_up(st, c, "meeting", meeting, e);
}

int record_up(struct store *st, const struct change *c, const char *to, char out[ROW_KEY_MAX], struct err *e)
{
	char row[ROW_KEY_MAX], tbl[RNAME_SIZE];
	out[0] = '\0';
	snprintf(row, sizeof row, "%s", c->row);
	snprintf(tbl, sizeof tbl, "%s", c->tbl);
	for (int hop = 0; hop < UP_MAX; hop++) {
		size_t i = 0;
		while (i < sizeof record_tables / sizeof *record_tables && strcmp(record_tables[i].tbl, tbl))
			i++;
		if (i == sizeof record_tables / sizeof *record_tables)
			return 0;
		if (!strcmp(tbl, to)) {
			snprintf(out, ROW_KEY_MAX, "%s", row);
			return 0;
		}
		if (!record_tables[i].up)
			return 0;
		char up[ROW_KEY_MAX];
		/* the row's own column, or for a row new here the change's */
		int rc = record_column(st, tbl, row, record_tables[i].up, up, e);
		if (rc < 0)
			return -1;
		if (rc == 1 && hop == 0) {
			const struct rval *v = value_of(c, record_tables[i].up);
			if (!v || v->type != RV_TEXT || strlen(v->s) >= ROW_KEY_MAX)
				return 0;
			snprintf(up, sizeof up, "%s", v->s);
		} else if (rc == 1) {
			return 0;
		}
		snprintf(row, sizeof row, "%s", up);
		snprintf(tbl, sizeof tbl, "%s", record_tables[i].up_tbl);
	}
	return 0;
}

int record_locked(struct store *st, const char *tbl, const char *row, char meeting_out[ROW_KEY_MAX], bool *locked,
		  struct err *e)
{
	struct change c = { 0 };
	char status[ROW_KEY_MAX];
	*locked = false;
	snprintf(c.tbl, sizeof c.tbl, "%s", tbl);
	snprintf(c.row, sizeof c.row, "%s", row);
	if (record_meeting(st, &c, meeting_out, e))
		return -1;
	if (!*meeting_out)
		return 0;
	int rc = record_column(st, "meeting", meeting_out, "status", status, e);
	if (rc < 0)
		return -1;
	*locked = rc == 0 && !strcmp(status, "adjusted");
	return 0;
}

/* The rows of table tbl of a meeting whose scope is `scope`. */
static int scoped(struct store *st, const char *tbl, const char *meeting, const char *scope, struct strvec *out,
		  struct err *e)
{
	const struct rtable *t = replica_table(st, tbl);
	struct strvec all = { 0 };
	if (!t)
		return store_error(st, e) ? -1 : 0;
	int rc = replica_children(st, t, "meeting_id", meeting, &all, e);
	for (size_t i = 0; i < all.n && !rc; i++) {
		char sc[ROW_KEY_MAX];
		int r = record_column(st, tbl, all.v[i], "scope", sc, e);
		if (r < 0)
			rc = -1;
		else if (r == 0 && !strcmp(sc, scope))
			strvec_push(out, all.v[i]);
	}
	strvec_release(&all);
	return rc;
}

int record_signed(struct store *st, const char *meeting, const char *scope, record_counts *counts, const void *ctx,
		  bool *done, struct err *e)
{
	struct strvec named = { 0 }, signed_rows = { 0 };
	*done = false;
	int rc = scoped(st, "adjust_signer", meeting, scope, &named, e);
	if (!rc && named.n)
		rc = scoped(st, "signature", meeting, scope, &signed_rows, e);
	bool all = named.n > 0;
	for (size_t i = 0; i < named.n && all && !rc; i++) {
		char person[ROW_KEY_MAX], who[ROW_KEY_MAX];
		bool found = false;
		rc = record_column(st, "adjust_signer", named.v[i], "person_id", person, e) < 0 ? -1 : 0;
		for (size_t k = 0; k < signed_rows.n && !rc && !found; k++) {
			struct rver v;
			int r = record_column(st, "signature", signed_rows.v[k], "person_id", who, e);
			found = r == 0 && !strcmp(who, person);
			if (found && counts) {
				r = replica_ver_get(st, "signature", signed_rows.v[k], "signature", &v, e);
				found = r == 0 && counts(ctx, &v);
			}
			rc = r < 0 ? -1 : 0;
		}
		all = found;
	}
	strvec_release(&named);
	strvec_release(&signed_rows);
	*done = !rc && all;
	return rc;
}

int record_at_once(struct store *st, const char *item, bool *done, struct err *e)
{
	char meeting[ROW_KEY_MAX];
	*done = false;
	int rc = record_column(st, "item", item, "meeting_id", meeting, e);
	return rc ? (rc < 0 ? -1 : 0) : record_signed(st, meeting, item, NULL, NULL, done, e);
}

int record_fixed(struct store *st, const char *tbl, const char *row, bool *fixed, struct err *e)
{
	char meeting[ROW_KEY_MAX], item[ROW_KEY_MAX];
	struct change c = { 0 };
	if (record_locked(st, tbl, row, meeting, fixed, e))
		return -1;
	if (*fixed)
		return 0;
	snprintf(c.tbl, sizeof c.tbl, "%s", tbl);
	snprintf(c.row, sizeof c.row, "%s", row);
	if (record_up(st, &c, "item", item, e))
		return -1;
	return *item ? record_at_once(st, item, fixed, e) : 0;
}
