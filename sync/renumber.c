/* renumber: numbers that clash, and the rows that give way (renumber.h). */
#include "sync/renumber.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Numbered columns that give way in a clash (see renumber.h). */
static const struct renumbered rules[] = {
	{ "item", "meeting_id,pos", "meeting_id", "pos" },
	{ "decision", "body_id,year,para", "body_id,year", "para" },
	{ "question", "pos", "", "pos" },
};

const struct renumbered *renumber_rule(const char *tbl, const char *unique)
{
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++)
		if (!strcmp(rules[i].tbl, tbl) && (!unique || !strcmp(rules[i].unique, unique)))
			return &rules[i];
	return NULL;
}

unsigned long long renumber_bit(const struct rtable *t, const struct renumbered *r)
{
	int c = replica_col(t, r->col);
	assert(c >= 0 && c < 64); /* the rules name columns of the schema */
	return 1ULL << c;
}

static int cmp_claim(const void *a, const void *b)
{
	const struct rclaim *x = a, *y = b;
	if (x->claim != y->claim)
		return x->claim < y->claim ? -1 : 1;
	if (x->hlc != y->hlc)
		return x->hlc < y->hlc ? -1 : 1;
	return strcmp(x->row, y->row);
}

int renumber_group(struct store *st, const struct rtable *t, const struct renumbered *r, const char *row,
		   long *renumbered, struct err *e)
{
	struct rclaim *v = NULL;
	size_t n = 0;
	bool any = false;
	if (replica_group(st, t, r->group, r->col, row, &v, &n, &any, e))
		return -1;
	if (!any) {
		free(v);
		return 0;
	}
	qsort(v, n, sizeof *v, cmp_claim);
	long long max = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].claim > max)
			max = v[i].claim;
	int rc = 0;
	long long next = max;
	long long *target = xcalloc(n ? n : 1, sizeof *target);
	for (size_t i = 0; i < n; i++) {
		bool keeper = i == 0 || v[i - 1].claim != v[i].claim;
		target[i] = keeper ? v[i].claim : ++next;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		bool keeper = target[i] == v[i].claim;
		if (keeper)
			rc = replica_claim_del(st, t->name, v[i].row, r->col, e);
		else
			rc = replica_claim_set(st, t->name, v[i].row, r->col, v[i].claim, e);
		if (v[i].now != target[i] && !keeper)
			(*renumbered)++;
	}
	/* group_set moves each row from its number now (claim) to its target (now) */
	for (size_t i = 0; i < n; i++) {
		v[i].claim = v[i].now;
		v[i].now = target[i];
	}
	free(target);
	if (!rc)
		rc = replica_group_set(st, t, r->col, v, n, e);
	free(v);
	return rc;
}

int renumber_settle(struct store *st, const struct rtable *t, const struct renumbered *r, unsigned long long mask,
		    const char *row, long *renumbered, struct err *e)
{
	if (!r || !(mask & renumber_bit(t, r)) || !replica_claims_any(st, t->name, r->col) ||
	    !replica_row_exists(st, t, row))
		return 0;
	return renumber_group(st, t, r, row, renumbered, e);
}
