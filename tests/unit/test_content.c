/*
 * Unit tests of the list of content tables (store/content.h): it names
 * every table of the schema, and the dump and the sync's schema both take
 * their tables from it, so that no table is dumped and not synced, or
 * synced and not dumped.
 */
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>

#include "helpers.h"
#include "store/content.h"
#include "store/replica.h"

static struct err e;

/* The tables of the database at path, as SQLite lists them. */
static void schema_tables(const char *path, struct strvec *out)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db,
					    "SELECT name FROM sqlite_schema WHERE type = 'table'"
					    " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
					    -1, &s, NULL),
			 SQLITE_OK);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		strvec_push(out, (const char *)sqlite3_column_text(s, 0));
	ck_assert_int_eq(rc, SQLITE_DONE);
	sqlite3_finalize(s);
	sqlite3_close(db);
}

START_TEST(every_table_listed)
{
	struct store *st = test_open("listed.db");
	store_close(st);
	struct strvec tables = { 0 };
	schema_tables(test_path("listed.db"), &tables);
	ck_assert_uint_gt(tables.n, 0);
	for (size_t i = 0; i < tables.n; i++)
		ck_assert_msg(store_table_info(tables.v[i]) != NULL,
			      "table %s is not in store/content.c: is it the council's content?", tables.v[i]);
	/* and the list names no table the schema lacks, in name order */
	for (size_t i = 0; i < store_table_count; i++) {
		bool found = false;
		for (size_t k = 0; k < tables.n && !found; k++)
			found = !strcmp(tables.v[k], store_tables[i].name);
		ck_assert_msg(found, "store/content.c names %s, which the schema lacks", store_tables[i].name);
		if (i)
			ck_assert_msg(strcmp(store_tables[i - 1].name, store_tables[i].name) < 0, "%s out of order",
				      store_tables[i].name);
	}
	strvec_release(&tables);
}
END_TEST

static void on_table(void *ctx, const char *table)
{
	strvec_push(ctx, table);
}
static void on_nothing(void *ctx)
{
	(void)ctx;
}
static void on_field(void *ctx, const char *column, const char *value, bool is_number)
{
	(void)ctx, (void)column, (void)value, (void)is_number;
}

/* The tables the dump visits, in its order. */
static void dumped(struct store *st, struct strvec *out)
{
	struct dump_cb cb = { on_table, on_nothing, on_field, on_nothing, on_nothing, out };
	ck_assert_msg(store_dump(st, &cb, &e) == 0, "%s", e.msg);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sync's tables by name, in name order. */
static void synced(struct store *st, struct strvec *out)
{
	const struct rtable *t;
	size_t n;
	ck_assert_msg(replica_tables(st, &t, &n, &e) == 0, "%s", e.msg);
	for (size_t i = 0; i < n; i++)
		strvec_push(out, t[i].name);
	qsort(out->v, out->n, sizeof *out->v, cmp_str);
}

static void same(const struct strvec *a, const struct strvec *b, const char *what)
{
	ck_assert_msg(a->n == b->n, "%s: %zu tables and %zu", what, a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		ck_assert_msg(!strcmp(a->v[i], b->v[i]), "%s: %s and %s", what, a->v[i], b->v[i]);
}

START_TEST(dump_and_sync_take_the_list)
{
	struct store *st = test_open("same.db");
	struct strvec list = { 0 }, dump = { 0 }, sync = { 0 };
	for (size_t i = 0; i < store_table_count; i++)
		if (store_tables[i].kind == TABLE_CONTENT)
			strvec_push(&list, store_tables[i].name);
	dumped(st, &dump);
	synced(st, &sync);
	same(&list, &dump, "the list and the dump");
	same(&list, &sync, "the list and the sync");
	ck_assert(replica_table(st, "decision") != NULL);
	ck_assert(replica_table(st, "local") == NULL);
	ck_assert(replica_table(st, "search_map") == NULL);
	ck_assert(replica_table(st, "sync_ver") == NULL);
	store_close(st);
	strvec_release(&list);
	strvec_release(&dump);
	strvec_release(&sync);

	/* a table the list does not name is neither dumped nor synced */
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(test_path("same.db"), &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE aside(id TEXT PRIMARY KEY, note TEXT)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	ck_assert_msg(store_open(test_path("same.db"), false, &e, &st) == 0, "%s", e.msg);
	dumped(st, &dump);
	synced(st, &sync);
	same(&dump, &sync, "the dump and the sync");
	for (size_t i = 0; i < dump.n; i++)
		ck_assert_str_ne(dump.v[i], "aside");
	ck_assert(replica_table(st, "aside") == NULL);
	strvec_release(&dump);
	strvec_release(&sync);
	store_close(st);
}
END_TEST

/* An older schema lacks some content tables: both leave them out. */
START_TEST(older_schema)
{
	struct store *st = NULL;
	const char *p = test_path("v1.db");
	unlink(p);
	ck_assert_msg(store_open_at_version(p, 1, &e, &st) == 0, "%s", e.msg);
	struct strvec dump = { 0 }, sync = { 0 };
	dumped(st, &dump);
	synced(st, &sync);
	same(&dump, &sync, "version 1: the dump and the sync");
	bool proposal = false;
	for (size_t i = 0; i < dump.n; i++)
		proposal |= !strcmp(dump.v[i], "proposal");
	ck_assert_msg(!proposal, "version 1 has no proposals");
	ck_assert_uint_gt(dump.n, 0);
	strvec_release(&dump);
	strvec_release(&sync);
	store_close(st);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { every_table_listed, dump_and_sync_take_the_list, older_schema };
	return run_suite("content", tests, ARRAY_SIZE(tests));
}
