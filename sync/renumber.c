/* renumber: numbers that clash, and the rows that give way (renumber.h). */
#include "sync/renumber.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/i18n.h"
#include "store/lookup.h"
#include "sync/record.h"

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
	if (x->fixed != y->fixed)
		return x->fixed ? -1 : 1;
	if (x->hlc != y->hlc)
		return x->hlc < y->hlc ? -1 : 1;
	return strcmp(x->row, y->row);
}

/* Is n the claim of a keeper (a row that keeps the number it claims)? */
static bool kept(const struct rclaim *v, const long long *target, size_t n, long long number)
{
	for (size_t i = 0; i < n; i++)
		if (target[i] == v[i].claim && v[i].claim == number)
			return true;
	return false;
}

/* Remembers that a row's number moved from `from` to `to` in this sync, for
 * renumber_report (the first `from` of a sync stands; a row back where
 * it was is forgotten). */
static int note_move(struct store *st, const char *tbl, const char *row, long long from, long long to,
		     struct err *e)
{
	char *key = xasprintf("%s%s/%s", RENUMBER_NOTE, tbl, row), *was = NULL, *val = NULL;
	int rc = store_local_get(st, key, &was, e);
	long long first = was ? strtoll(was, NULL, 10) : from;
	if (!rc && first == to)
		rc = was ? store_local_delete(st, key, e) : 0;
	else if (!rc) {
		val = xasprintf("%lld %lld", first, to);
		rc = store_local_set(st, key, val, e);
	}
	free(key);
	free(was);
	free(val);
	return rc;
}

/*
 * The numbers of a group as a function of its rows alone: of the rows
 * that claim one number, one of an adjusted meeting's record or of a
 * paragraph adjusted at once, else the one made first (clock, then id),
 * keeps it; each other, in the order of their claims, takes the smallest
 * number above both its claim and the number the one before it took that
 * no keeper claims. A number given later on a copy that had seen a row
 * give way is a claim like any and moves nothing that has settled, so
 * every copy comes to the same numbers whatever it took in first.
 */
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
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = record_fixed(st, t->name, v[i].row, &v[i].fixed, e);
	}
	if (rc) {
		free(v);
		return -1;
	}
	qsort(v, n, sizeof *v, cmp_claim);
	long long *target = xcalloc(n ? n : 1, sizeof *target);
	for (size_t i = 0; i < n; i++) /* keepers first: every claim's first row */
		target[i] = i == 0 || v[i - 1].claim != v[i].claim ? v[i].claim : 0;
	long long last = 0;
	for (size_t i = 0; i < n; i++) {
		if (target[i])
			continue;
		long long next = (v[i].claim > last ? v[i].claim : last) + 1;
		while (kept(v, target, n, next))
			next++;
		target[i] = last = next;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		bool keeper = target[i] == v[i].claim;
		if (keeper)
			rc = replica_claim_del(st, t->name, v[i].row, r->col, e);
		else
			rc = replica_claim_set(st, t->name, v[i].row, r->col, v[i].claim, e);
		if (!rc && v[i].now != target[i]) {
			/* a row coming in from out of the way moved from its claim */
			long long from = v[i].now < 0 ? v[i].claim : v[i].now;
			if (!keeper)
				(*renumbered)++;
			rc = note_move(st, t->name, v[i].row, from, target[i], e);
		}
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

int renumber_report(struct store *st, struct strvec *notes, struct err *e)
{
	struct strvec keys = { 0 }, vals = { 0 };
	int rc = store_local_prefix(st, RENUMBER_NOTE, &keys, &vals, e);
	for (size_t i = 0; i < keys.n && !rc; i++) {
		const char *tbl = keys.v[i] + strlen(RENUMBER_NOTE), *slash = strchr(tbl, '/');
		long long from = 0, to = 0;
		char *place = NULL, name[RNAME_SIZE];
		if (!slash || sscanf(vals.v[i], "%lld %lld", &from, &to) != 2) {
			rc = store_local_delete(st, keys.v[i], e);
			continue;
		}
		snprintf(name, sizeof name, "%.*s", (int)(slash - tbl), tbl);
		rc = store_number_place(st, name, slash + 1, &place, e);
		char *line = NULL;
		if (rc == 0 && !strcmp(name, "decision"))
			line = xasprintf(_("§ %lld of %s is now § %lld: two members gave it the same number"), from,
					 place, to);
		else if (rc == 0 && !strcmp(name, "item"))
			line = xasprintf(_("item %lld of %s is now item %lld: two members gave it the same number"), from,
					 place, to);
		else if (rc == 0)
			line = xasprintf(_("screening question %lld is now question %lld: two members gave it the same number"),
					 from, to);
		if (line)
			strvec_push(notes, line);
		free(line);
		free(place);
		rc = rc < 0 ? -1 : store_local_delete(st, keys.v[i], e);
	}
	strvec_release(&keys);
	strvec_release(&vals);
	return rc;
}

/* Settles an item's groups again: its meeting's items (with `agenda`),
 * and its decision's §§ (its body's year) if it has one (*had). */
static int settle_item(struct store *st, const char *item, bool agenda, bool *had, long *renumbered, struct err *e)
{
	const struct rtable *items = replica_table(st, "item"), *decisions = replica_table(st, "decision");
	struct strvec decs = { 0 };
	*had = false;
	if (!items || !decisions)
		return store_error(st, e) ? -1 : 0;
	int rc = agenda && replica_row_exists(st, items, item)
			 ? renumber_group(st, items, renumber_rule("item", NULL), item, renumbered, e)
			 : 0;
	if (!rc)
		rc = replica_children(st, decisions, "item_id", item, &decs, e);
	*had = decs.n > 0;
	if (!rc && decs.n)
		rc = renumber_group(st, decisions, renumber_rule("decision", NULL), decs.v[0], renumbered, e);
	strvec_release(&decs);
	return rc;
}

int renumber_meeting(struct store *st, const char *meeting, long *renumbered, struct err *e)
{
	const struct rtable *items = replica_table(st, "item");
	struct strvec rows = { 0 };
	if (!items)
		return store_error(st, e) ? -1 : 0;
	int rc = replica_children(st, items, "meeting_id", meeting, &rows, e);
	/* one group of items (the meeting's), one of §§ (its body's year):
	 * the first item with a decision settles both */
	bool had = false;
	for (size_t i = 0; i < rows.n && !rc && !had; i++)
		rc = settle_item(st, rows.v[i], i == 0, &had, renumbered, e);
	strvec_release(&rows);
	return rc;
}

int renumber_signed(struct store *st, const char *signature, long *renumbered, struct err *e)
{
	char item[ROW_KEY_MAX];
	bool had;
	int rc = record_column(st, "signature", signature, "scope", item, e);
	if (rc || !*item)
		return rc < 0 ? -1 : 0; /* the whole meeting's: its status settles it */
	return settle_item(st, item, true, &had, renumbered, e);
}
