/*
 * Unit tests of the store's side of sync (store/replica.h, store/replica/):
 * change capture and the clock, dirty rows, rows by key (a table without
 * an id too), versions, heads and history, aliases, claims and their
 * groups, the files applied. The merge built on them is tested in
 * test_sync.c.
 */
#include <locale.h>
#include <stdio.h>

#include "helpers.h"
#include "store/keys.h"
#include "store/replica.h"

static struct err e;

#define OK(call) ck_assert_msg((call) == 0, "%s: %s", #call, e.msg)

static const struct rtable *table(struct store *st, const char *name)
{
	const struct rtable *t = replica_table(st, name);
	ck_assert_msg(t != NULL, "no table %s", name);
	return t;
}

static long long bit(const struct rtable *t, const char *col)
{
	int c = replica_col(t, col);
	ck_assert_msg(c >= 0, "no column %s.%s", t->name, col);
	return 1LL << c;
}

/* The dirty row of tbl/row, or NULL. */
static const struct rdirty *dirty_of(const struct rdirty_list *l, const char *tbl, const char *row)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].tbl, tbl) && !strcmp(l->v[i].row, row))
			return &l->v[i];
	return NULL;
}

/* A council with a body, a person, a meeting and `items` agenda items. */
struct council {
	char body[ID_LEN + 1], person[ID_LEN + 1];
	struct meeting m;
	char item[3][ID_LEN + 1];
};

static void council(struct store *st, struct council *c, int items)
{
	OK(store_body_add(st, "radet", "Digitaliseringsrådet", &e));
	OK(store_body_find(st, "radet", c->body, &e));
	OK(store_person_add(st, "Åsa Ölund", NULL, NULL, c->person, &e));
	OK(store_meeting_add(st, c->body, "2026-03-10", "09:00", NULL, "Vänersborg", &e));
	OK(store_meeting_find(st, c->body, "2026-03-10", &c->m, &e));
	for (int i = 0; i < items && i < 3; i++) {
		char title[32];
		int pos;
		struct item it = { 0 };
		snprintf(title, sizeof title, "Ärende %d", i + 1);
		OK(store_item_add(st, c->m.id, title, "case", NULL, &pos, &e));
		ck_assert_int_eq(pos, i + 1);
		OK(store_item_find(st, c->m.id, pos, &it, &e));
		snprintf(c->item[i], sizeof c->item[i], "%s", it.id);
		item_release(&it);
	}
}

START_TEST(capture_records_writes)
{
	struct store *st = test_open("capture.db");
	struct council c;
	struct rdirty_list d = { 0 };
	/* off: nothing is recorded */
	ck_assert(!replica_capturing(st));
	council(st, &c, 1);
	OK(replica_dirty(st, &d, &e));
	ck_assert_uint_eq(d.n, 0);

	OK(replica_capture(st, true, &e));
	ck_assert(replica_capturing(st));
	char pid[ID_LEN + 1];
	OK(store_person_add(st, "Björn Ek", NULL, NULL, pid, &e));
	OK(store_item_notes_set(st, c.item[0], "Fiber till alla.", &e));
	OK(replica_dirty(st, &d, &e));
	ck_assert_uint_eq(d.n, 2);
	/* oldest change first: the new row, then the changed columns */
	ck_assert_str_eq(d.v[0].tbl, "person");
	ck_assert_str_eq(d.v[0].row, pid);
	ck_assert_int_eq(d.v[0].mask, DIRTY_NEW);
	const struct rtable *item = table(st, "item");
	ck_assert_str_eq(d.v[1].tbl, "item");
	long long mask = d.v[1].mask;
	ck_assert_msg(mask & bit(item, "notes"), "mask %llx", mask);
	ck_assert_msg((mask & ~(bit(item, "notes") | bit(item, "updated") | bit(item, "author"))) == 0, "mask %llx",
		      mask);
	ck_assert_int_lt(d.v[0].hlc, d.v[1].hlc);
	rdirty_list_release(&d);

	/* changed again: the masks add up; a new row stays new */
	OK(store_item_set_status(st, c.item[0], "done", &e));
	OK(replica_dirty_mark(st, "person", pid, bit(table(st, "person"), "email"), &e));
	OK(replica_dirty(st, &d, &e));
	ck_assert_int_eq(dirty_of(&d, "item", c.item[0])->mask, mask | bit(item, "status"));
	ck_assert_int_eq(dirty_of(&d, "person", pid)->mask, DIRTY_NEW);
	rdirty_list_release(&d);

	/* after an export: deleted; made and deleted before the next, gone */
	OK(replica_dirty_clear(st, &e));
	OK(replica_row_delete(st, item, c.item[0], &e));
	char other[ID_LEN + 1];
	OK(store_person_add(st, "Cecilia Dahl", NULL, NULL, other, &e));
	OK(replica_row_delete(st, table(st, "person"), other, &e));
	OK(replica_dirty(st, &d, &e));
	ck_assert_uint_eq(d.n, 2);
	ck_assert_int_eq(dirty_of(&d, "item", c.item[0])->mask, DIRTY_DELETED);
	ck_assert_int_eq(dirty_of(&d, "person", other)->mask, DIRTY_GONE);
	rdirty_list_release(&d);
	meeting_release(&c.m);
	store_close(st);
}
END_TEST

/* Every row marked, parents before children, each table's rows in the
 * order they were made. */
START_TEST(dirty_all_parents_first)
{
	struct store *st = test_open("all.db");
	struct council c;
	struct rdirty_list d = { 0 };
	council(st, &c, 3);
	OK(replica_dirty_all(st, &e));
	OK(replica_dirty(st, &d, &e));
	size_t body = d.n, meeting = d.n, items[3] = { d.n, d.n, d.n };
	for (size_t i = 0; i < d.n; i++) {
		ck_assert_int_eq(d.v[i].mask, DIRTY_NEW);
		if (!strcmp(d.v[i].row, c.body))
			body = i;
		if (!strcmp(d.v[i].row, c.m.id))
			meeting = i;
		for (int k = 0; k < 3; k++)
			if (!strcmp(d.v[i].row, c.item[k]))
				items[k] = i;
	}
	ck_assert_uint_lt(body, meeting);
	ck_assert_uint_lt(meeting, items[0]);
	ck_assert_uint_lt(items[0], items[1]);
	ck_assert_uint_lt(items[1], items[2]);
	ck_assert_uint_lt(items[2], d.n);
	rdirty_list_release(&d);
	meeting_release(&c.m);
	store_close(st);
}
END_TEST

START_TEST(clock_never_goes_back)
{
	struct store *st = test_open("clock.db");
	long long a, b, c;
	OK(replica_clock_now(st, &a, &e));
	OK(replica_clock_now(st, &b, &e));
	ck_assert_int_lt(a, b);
	ck_assert_int_le(a, replica_wall_hlc() + 1);
	/* a clock far ahead is taken in only up to the clamp */
	long long clamp = replica_wall_hlc() + (10000LL << HLC_SHIFT);
	OK(replica_clock_observe(st, clamp + (1000000LL << HLC_SHIFT), clamp, &e));
	OK(replica_clock_now(st, &c, &e));
	ck_assert_int_eq(c, clamp + 1);
	/* and one behind changes nothing */
	OK(replica_clock_observe(st, a, clamp, &e));
	OK(replica_clock_now(st, &c, &e));
	ck_assert_int_eq(c, clamp + 2);
	store_close(st);
}
END_TEST

START_TEST(rows_by_key)
{
	struct store *st = test_open("rows.db");
	struct council c;
	council(st, &c, 1);
	const struct rtable *body = table(st, "body");
	ck_assert(body->has_id);
	struct rval *v = xcalloc((size_t)body->ncols, sizeof *v);
	OK(replica_row_get(st, body, c.body, v, &e));
	ck_assert(replica_row_exists(st, body, c.body));
	int sc = replica_col(body, "short");
	ck_assert_str_eq(v[sc].s, "radet");

	/* a copy under another id clashes on the unique short name */
	char *unique = NULL;
	const char *copy = "0123456789abcdef0123456789abcdef";
	ck_assert_int_eq(replica_row_insert(st, body, copy, v, &unique, &e), 2);
	ck_assert_str_eq(unique, "short");
	char found[ROW_KEY_MAX];
	OK(replica_row_find(st, body, unique, v, found, &e));
	ck_assert_str_eq(found, c.body);
	ck_assert_int_eq(replica_row_find(st, body, "no_such_column", v, found, &e), 1);
	free(unique);
	ck_assert(!replica_row_exists(st, body, copy));
	/* with another name it goes in; an update writes only the masked columns */
	rval_release(&v[sc]);
	v[sc] = (struct rval){ .type = RV_TEXT, .s = xstrdup("styr") };
	OK(replica_row_insert(st, body, copy, v, NULL, &e));
	int nc = replica_col(body, "name");
	rval_release(&v[nc]);
	v[nc] = (struct rval){ .type = RV_TEXT, .s = xstrdup("Styrgruppen") };
	rval_release(&v[sc]);
	v[sc] = (struct rval){ .type = RV_TEXT, .s = xstrdup("radet") };
	OK(replica_row_update(st, body, copy, 1ULL << nc, v, NULL, &e));
	struct rval *w = xcalloc((size_t)body->ncols, sizeof *w);
	OK(replica_row_get(st, body, copy, w, &e));
	ck_assert_str_eq(w[nc].s, "Styrgruppen");
	ck_assert_str_eq(w[sc].s, "styr");
	for (int i = 0; i < body->ncols; i++)
		rval_release(&w[i]);
	/* the short name of the first, by update: refused, with the columns */
	ck_assert_int_eq(replica_row_update(st, body, copy, 1ULL << sc, v, &unique, &e), 2);
	ck_assert_str_eq(unique, "short");
	free(unique);

	/* children by a column's value; a row renamed keeps its history */
	struct strvec kids = { 0 };
	OK(replica_children(st, table(st, "meeting"), "body_id", c.body, &kids, &e));
	ck_assert_uint_eq(kids.n, 1);
	ck_assert_str_eq(kids.v[0], c.m.id);
	strvec_release(&kids);
	struct rver ver = { 7LL << HLC_SHIFT, "", 1 };
	snprintf(ver.writer, sizeof ver.writer, "%s", store_actor(st));
	OK(replica_hist_add(st, "body", copy, "name", &ver, &v[nc], &e));
	OK(replica_ver_set(st, "body", copy, "name", &ver, &e));
	const char *renamed = "fedcba9876543210fedcba9876543210";
	OK(replica_row_rename(st, body, copy, renamed, &e));
	ck_assert(!replica_row_exists(st, body, copy));
	ck_assert(replica_row_exists(st, body, renamed));
	struct rver got;
	OK(replica_ver_get(st, "body", renamed, "name", &got, &e));
	ck_assert_int_eq(got.hlc, ver.hlc);
	struct rval hv;
	OK(replica_hist_get(st, "body", renamed, "name", ver.hlc, ver.writer, &hv, &e));
	ck_assert_str_eq(hv.s, "Styrgruppen");
	rval_release(&hv);
	OK(replica_row_delete(st, body, renamed, &e));
	ck_assert(!replica_row_exists(st, body, renamed));
	ck_assert_int_eq(replica_row_get(st, body, renamed, w, &e), 1);
	for (int i = 0; i < body->ncols; i++)
		rval_release(&v[i]);
	free(v);
	free(w);
	ck_assert_int_eq(store_error(st, &e), 0);
	meeting_release(&c.m);
	store_close(st);
}
END_TEST

/* The § counters have no id: a row is named by its key columns. */
START_TEST(row_without_id)
{
	struct store *st = test_open("noid.db");
	struct council c;
	int para;
	council(st, &c, 0);
	OK(store_para_next(st, c.body, 2026, &para, &e));
	OK(store_para_next(st, c.body, 2026, &para, &e));
	const struct rtable *pc = table(st, "para_counter");
	ck_assert(!pc->has_id);
	char key[ROW_KEY_MAX];
	snprintf(key, sizeof key, "%s|2026", c.body);
	ck_assert(replica_row_exists(st, pc, key));
	struct rval *v = xcalloc((size_t)pc->ncols, sizeof *v);
	OK(replica_row_get(st, pc, key, v, &e));
	ck_assert_int_eq(v[replica_col(pc, "last")].i, 2);
	for (int i = 0; i < pc->ncols; i++)
		rval_release(&v[i]);
	snprintf(key, sizeof key, "%s|2027", c.body);
	ck_assert_int_eq(replica_row_get(st, pc, key, v, &e), 1);
	/* a key of the wrong shape is refused, not "no such row" */
	ck_assert_int_eq(replica_row_get(st, pc, c.body, v, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_ROW_KEY);
	ck_assert_int_eq(replica_row_get(st, pc, "a|b|c", v, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_ROW_KEY);
	free(v);
	/* the capture names the row by the same key */
	OK(replica_capture(st, true, &e));
	OK(store_para_next(st, c.body, 2026, &para, &e));
	struct rdirty_list d = { 0 };
	OK(replica_dirty(st, &d, &e));
	snprintf(key, sizeof key, "%s|2026", c.body);
	ck_assert_ptr_nonnull(dirty_of(&d, "para_counter", key));
	rdirty_list_release(&d);
	meeting_release(&c.m);
	store_close(st);
}
END_TEST

START_TEST(versions_and_history)
{
	struct store *st = test_open("versions.db");
	struct rver a = { 100, "aaaa", 1 }, b = { 100, "bbbb", 2 }, got;
	struct rval one = { .type = RV_TEXT, .s = "ett" }, two = { .type = RV_INT, .i = 2 }, val;
	ck_assert_int_lt(rver_cmp(&a, &b), 0);
	ck_assert_int_gt(rver_cmp(&(struct rver){ 101, "aaaa", 1 }, &b), 0);
	ck_assert_int_eq(rver_cmp(&a, &a), 0);

	ck_assert(!replica_has_versions(st, "item", "r1"));
	ck_assert_int_eq(replica_ver_get(st, "item", "r1", "title", &got, &e), 1);
	OK(replica_ver_set(st, "item", "r1", "title", &a, &e));
	ck_assert(replica_has_versions(st, "item", "r1"));
	OK(replica_ver_get(st, "item", "r1", "title", &got, &e));
	ck_assert_int_eq(got.hlc, 100);
	ck_assert_str_eq(got.writer, "aaaa");
	ck_assert_int_eq(got.seq, 1);
	OK(replica_ver_set(st, "item", "r1", "title", &b, &e));
	OK(replica_ver_get(st, "item", "r1", "title", &got, &e));
	ck_assert_str_eq(got.writer, "bbbb");

	/* the history keeps each version's value once */
	ck_assert_int_eq(replica_hist_add(st, "item", "r1", "title", &a, &one, &e), 0);
	ck_assert_int_eq(replica_hist_add(st, "item", "r1", "title", &a, &two, &e), 1);
	ck_assert_int_eq(replica_hist_add(st, "item", "r1", "title", &b, &two, &e), 0);
	OK(replica_hist_get(st, "item", "r1", "title", a.hlc, a.writer, &val, &e));
	ck_assert(rval_equal(&val, &one));
	rval_release(&val);
	OK(replica_hist_get(st, "item", "r1", "title", b.hlc, b.writer, &val, &e));
	ck_assert(rval_equal(&val, &two));
	rval_release(&val);
	ck_assert_int_eq(replica_hist_get(st, "item", "r1", "title", 99, "aaaa", &val, &e), 1);
	OK(replica_hist_copy(st, "item", "r1", "r2", &e));
	OK(replica_hist_get(st, "item", "r2", "title", a.hlc, a.writer, &val, &e));
	ck_assert(rval_equal(&val, &one));
	rval_release(&val);
	OK(replica_hist_forget(st, "item", "r2", a.hlc, a.writer, &e));
	ck_assert_int_eq(replica_hist_get(st, "item", "r2", "title", a.hlc, a.writer, &val, &e), 1);
	OK(replica_hist_get(st, "item", "r2", "title", b.hlc, b.writer, &val, &e));
	rval_release(&val);

	/* n fields at once, as one by one */
	char *cols[] = { "title", "notes", "pos" };
	struct rval vals[] = { { .type = RV_TEXT, .s = "Bredband" }, { .type = RV_NULL }, { .type = RV_REAL, .d = 1.5 } };
	struct rver c = { 300, "cccc", 9 };
	OK(replica_fields_add(st, "item", "r3", &c, cols, vals, 3, &e));
	for (int i = 0; i < 3; i++) {
		OK(replica_ver_get(st, "item", "r3", cols[i], &got, &e));
		ck_assert_int_eq(got.hlc, c.hlc);
		ck_assert_str_eq(got.writer, c.writer);
		ck_assert_int_eq(got.seq, c.seq);
		OK(replica_hist_get(st, "item", "r3", cols[i], c.hlc, c.writer, &val, &e));
		ck_assert_msg(rval_equal(&val, &vals[i]), "field %s", cols[i]);
		rval_release(&val);
		ck_assert_int_eq(replica_hist_add(st, "item", "r3", cols[i], &c, &vals[i], &e), 1);
	}
	OK(replica_fields_add(st, "item", "r3", &c, cols, vals, 0, &e));

	/* other heads: an open conflict of each against the chosen version */
	struct rver heads[] = { { 90, "zzzz", 3 }, { 95, "yyyy", 4 } }, *h = NULL;
	size_t n;
	ck_assert(!replica_has_heads(st, "item", "r1"));
	OK(replica_heads_set(st, "item", "r1", "title", heads, 2, &e));
	ck_assert(replica_has_heads(st, "item", "r1"));
	OK(replica_heads(st, "item", "r1", "title", &h, &n, &e));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(h[0].writer, "zzzz");
	ck_assert_str_eq(h[1].writer, "yyyy");
	free(h);
	struct rconflict_list cl = { 0 };
	OK(replica_conflicts(st, &cl, &e));
	ck_assert_uint_eq(cl.n, 2);
	ck_assert_str_eq(cl.v[0].row, "r1");
	ck_assert_str_eq(cl.v[0].col, "title");
	ck_assert_str_eq(cl.v[0].cur.writer, "bbbb");
	ck_assert_str_eq(cl.v[0].other.writer, "zzzz");
	rconflict_list_release(&cl);
	OK(replica_heads_set(st, "item", "r1", "title", NULL, 0, &e));
	ck_assert(!replica_has_heads(st, "item", "r1"));

	/* a row forgotten loses its versions, heads and claims, not its history */
	OK(replica_heads_set(st, "item", "r1", "title", heads, 1, &e));
	OK(replica_claim_set(st, "item", "r1", "pos", 4, &e));
	OK(replica_forget(st, "item", "r1", &e));
	ck_assert(!replica_has_versions(st, "item", "r1"));
	ck_assert(!replica_has_heads(st, "item", "r1"));
	long long claim;
	ck_assert_int_eq(replica_claim_get(st, "item", "r1", "pos", &claim, &e), 1);
	OK(replica_hist_get(st, "item", "r1", "title", a.hlc, a.writer, &val, &e));
	rval_release(&val);
	ck_assert_int_eq(store_error(st, &e), 0);
	store_close(st);
}
END_TEST

START_TEST(aliases_follow)
{
	struct store *st = test_open("aliases.db");
	char to[ROW_KEY_MAX];
	ck_assert(!replica_aliases_any(st));
	ck_assert_int_eq(replica_alias_get(st, "org", "a", to, &e), 1);
	OK(replica_alias_set(st, "org", "a", "b", &e));
	ck_assert(replica_aliases_any(st));
	OK(replica_alias_get(st, "org", "a", to, &e));
	ck_assert_str_eq(to, "b");
	/* b merged into c: a lives on as c too */
	OK(replica_alias_set(st, "org", "b", "c", &e));
	OK(replica_alias_get(st, "org", "a", to, &e));
	ck_assert_str_eq(to, "c");
	OK(replica_alias_get(st, "org", "b", to, &e));
	ck_assert_str_eq(to, "c");
	ck_assert_int_eq(replica_alias_get(st, "person", "a", to, &e), 1);
	store_close(st);
}
END_TEST

START_TEST(claims_and_groups)
{
	struct store *st = test_open("claims.db");
	struct council c;
	long long v;
	council(st, &c, 3);
	const struct rtable *item = table(st, "item");
	ck_assert(!replica_claims_any(st, "item", "pos"));
	ck_assert_int_eq(replica_claim_get(st, "item", c.item[0], "pos", &v, &e), 1);

	/* the group of an item: the items of its meeting, by id */
	struct rclaim *g = NULL;
	size_t n;
	bool any;
	OK(replica_group(st, item, "meeting_id", "pos", c.item[1], &g, &n, &any, &e));
	ck_assert_uint_eq(n, 3);
	ck_assert(!any);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(g[i].claim, g[i].now);
		if (i)
			ck_assert_str_lt(g[i - 1].row, g[i].row);
	}
	free(g);

	OK(replica_claim_set(st, "item", c.item[2], "pos", 1, &e));
	ck_assert(replica_claims_any(st, "item", "pos"));
	ck_assert(!replica_claims_any(st, "item", "title"));
	OK(replica_claim_get(st, "item", c.item[2], "pos", &v, &e));
	ck_assert_int_eq(v, 1);
	OK(replica_group(st, item, "meeting_id", "pos", c.item[0], &g, &n, &any, &e));
	ck_assert(any);

	/* numbered again all at once: 1 2 3 become 2 3 1, no unique clash */
	for (size_t i = 0; i < n; i++) {
		g[i].claim = g[i].now;
		g[i].now = g[i].claim % 3 + 1;
	}
	OK(replica_group_set(st, item, "pos", g, n, &e));
	free(g);
	struct item_list items = { 0 };
	OK(store_item_list(st, c.m.id, &items, &e));
	ck_assert_uint_eq(items.n, 3);
	ck_assert_str_eq(items.v[0].id, c.item[2]);
	ck_assert_str_eq(items.v[1].id, c.item[0]);
	ck_assert_str_eq(items.v[2].id, c.item[1]);
	item_list_release(&items);

	OK(replica_claim_del(st, "item", c.item[2], "pos", &e));
	ck_assert(!replica_claims_any(st, "item", "pos"));
	meeting_release(&c.m);
	store_close(st);
}
END_TEST

START_TEST(files_and_frontier)
{
	struct store *st = test_open("files.db");
	long long upto, last;
	char *f = NULL;
	const char *w = "aaaa", *x = "bbbb";
	OK(replica_applied_upto(st, w, &upto, &e));
	ck_assert_int_eq(upto, 0);
	OK(replica_last_seq(st, w, &last, &e));
	ck_assert_int_eq(last, 0);
	OK(replica_frontier(st, &f, &e));
	ck_assert_str_eq(f, "");
	free(f);

	OK(replica_file_add(st, w, 1, "", 10, &e));
	OK(replica_file_add(st, w, 3, "bbbb:1", 5, &e));
	OK(replica_applied_upto(st, w, &upto, &e));
	ck_assert_int_eq(upto, 1); /* 2 is missing */
	OK(replica_last_seq(st, w, &last, &e));
	ck_assert_int_eq(last, 3);
	OK(replica_file_add(st, x, 1, "aaaa:1", 1, &e));
	OK(replica_frontier(st, &f, &e));
	ck_assert_str_eq(f, "aaaa:1,bbbb:1");
	free(f);
	/* the gap closes: the run goes on past the file that waited */
	OK(replica_file_add(st, w, 2, "", 2, &e));
	OK(replica_applied_upto(st, w, &upto, &e));
	ck_assert_int_eq(upto, 3);
	OK(replica_frontier(st, &f, &e));
	ck_assert_str_eq(f, "aaaa:3,bbbb:1");
	free(f);
	OK(replica_file_get(st, w, 3, &f, &e));
	ck_assert_str_eq(f, "bbbb:1");
	free(f);
	ck_assert_int_eq(replica_file_get(st, w, 4, &f, &e), 1);
	store_close(st);
}
END_TEST

/* A row whose parent went is found by the check at the end of a merge. */
START_TEST(dangling_references)
{
	struct store *st = test_open("dangling.db");
	struct council c;
	struct strvec rows = { 0 };
	council(st, &c, 0);
	OK(store_begin(st, &e));
	OK(replica_defer_fk(st, &e));
	OK(replica_dangling(st, &rows, &e));
	ck_assert_uint_eq(rows.n, 0);
	OK(replica_row_delete(st, table(st, "body"), c.body, &e));
	OK(replica_dangling(st, &rows, &e));
	/* the meeting; the § counters are derived and made anew */
	ck_assert_uint_eq(rows.n, 1);
	char *want = xasprintf("meeting/%s", c.m.id);
	ck_assert_str_eq(rows.v[0], want);
	free(want);
	strvec_release(&rows);
	store_rollback(st);
	meeting_release(&c.m);
	store_close(st);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { capture_records_writes, dirty_all_parents_first, clock_never_goes_back,
				       rows_by_key, row_without_id, versions_and_history, aliases_follow,
				       claims_and_groups, files_and_frontier, dangling_references };
	return run_suite("replica", tests, ARRAY_SIZE(tests));
}
