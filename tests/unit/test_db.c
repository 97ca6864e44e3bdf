/*
 * Unit tests of the store's statement helpers (store/db.h): the one
 * statement cache and its two ways in, the bind letters and their count,
 * and an error that a function answering with a bool could not return
 * failing the transaction's commit.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "helpers.h"
#include "store/db.h"
#include "store/replica.h"

static struct err e;

START_TEST(one_cache_two_ways_in)
{
	struct store *st = test_open("cache.db");
	static const char sql[] = "SELECT ? + 1";
	sqlite3_stmt *a = db_query(st, &e, sql, "i", 1);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(db_step(st, a, &e), 1);
	ck_assert_int_eq(sqlite3_column_int(a, 0), 2);
	db_done(a);
	/* the same literal: the same statement, bound anew */
	ck_assert_ptr_eq(db_query(st, &e, sql, "i", 41), a);
	ck_assert_int_eq(db_step(st, a, &e), 1);
	ck_assert_int_eq(sqlite3_column_int(a, 0), 42);
	db_done(a);

	/* SQL made at run time is found by its text, whatever buffer holds it */
	char *one = xasprintf("SELECT %d + ?", 2), *two = xasprintf("SELECT %d + ?", 2);
	sqlite3_stmt *b = db_query_text(st, &e, one, "i", 3);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(b, a);
	ck_assert_int_eq(db_step(st, b, &e), 1);
	ck_assert_int_eq(sqlite3_column_int(b, 0), 5);
	db_done(b);
	free(one);
	ck_assert_ptr_eq(db_query_text(st, &e, two, "i", 4), b);
	ck_assert_int_eq(db_step(st, b, &e), 1);
	ck_assert_int_eq(sqlite3_column_int(b, 0), 6);
	db_done(b);
	/* and comes back unbound for parameters bound in parts */
	sqlite3_stmt *c = db_statement(st, &e, two);
	ck_assert_ptr_eq(c, b);
	ck_assert_int_eq(db_bind(st, c, &e, 1, "i", 7), 0);
	ck_assert_int_eq(db_step(st, c, &e), 1);
	ck_assert_int_eq(sqlite3_column_int(c, 0), 9);
	db_done(c);
	free(two);

	/* a field's value binds with its own type */
	struct rval v[] = { { .type = RV_NULL }, { .type = RV_INT, .i = 7 }, { .type = RV_REAL, .d = 0.5 },
			    { .type = RV_TEXT, .s = "å" } };
	sqlite3_stmt *t = db_query(st, &e, "SELECT typeof(?1), ?2, ?3, ?4", "vvvv", &v[0], &v[1], &v[2], &v[3]);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(db_step(st, t, &e), 1);
	ck_assert_str_eq((const char *)sqlite3_column_text(t, 0), "null");
	struct rval got;
	for (int i = 1; i < 4; i++) {
		col_value(t, i, &got);
		ck_assert_msg(rval_equal(&got, &v[i]), "value %d", i);
		rval_release(&got);
	}
	db_done(t);

	/* a statement SQLite cannot prepare is an error, not a statement */
	ck_assert_ptr_null(db_query_text(st, &e, "SELECT FROM nowhere", ""));
	ck_assert_int_eq(e.code, E_DB);
	store_close(st);
}
END_TEST

/* Fewer letters than parameters would bind NULL silently: it aborts. */
START_TEST(bind_letters_counted)
{
	struct store *st = test_open("letters.db");
	db_query(st, &e, "SELECT ?, ?", "s", "one");
}
END_TEST

START_TEST(constraint_refused)
{
	struct store *st = test_open("refused.db");
	ck_assert_int_eq(store_body_add(st, "radet", "Rådet", &e), 0);
	ck_assert_int_eq(store_body_add(st, "radet", "Rådet igen", &e), -1);
	ck_assert_int_eq(e.code, E_DB_REFUSED);
	ck_assert_msg(strstr(e.msg, "body.short") != NULL, "%s", e.msg);
	store_close(st);
}
END_TEST

/*
 * A function that answers with a bool cannot return the database's
 * failure: it keeps it, store_error shows it, and the commit of its
 * transaction fails with it and undoes the transaction.
 */
START_TEST(kept_error_fails_commit)
{
	struct store *st = test_open("kept.db");
	ck_assert_int_eq(store_error(st, &e), 0);
	ck_assert_int_eq(store_begin(st, &e), 0);
	ck_assert_int_eq(store_body_add(st, "radet", "Rådet", &e), 0);
	ck_assert_int_eq(db_script(st, "DROP TABLE sync_alias", &e), 0);
	ck_assert(!replica_aliases_any(st));
	ck_assert_int_eq(store_error(st, &e), -1);
	ck_assert_int_eq(e.code, E_DB);
	ck_assert_msg(strstr(e.msg, "sync_alias") != NULL, "%s", e.msg);
	error_clear(&e);
	ck_assert_int_eq(store_commit(st, &e), -1);
	ck_assert_msg(strstr(e.msg, "sync_alias") != NULL, "%s", e.msg);
	/* undone: no body, the table is back, and nothing is kept any more */
	char id[ID_LEN + 1];
	ck_assert_int_eq(store_body_find(st, "radet", id, &e), 1);
	ck_assert_int_eq(store_error(st, &e), 0);
	ck_assert(!replica_aliases_any(st));
	ck_assert_int_eq(store_error(st, &e), 0);

	/* a rollback forgets what was kept */
	ck_assert_int_eq(store_begin(st, &e), 0);
	ck_assert_int_eq(db_script(st, "DROP TABLE sync_alias", &e), 0);
	ck_assert(!replica_aliases_any(st));
	store_rollback(st);
	ck_assert_int_eq(store_error(st, &e), 0);
	ck_assert_int_eq(store_begin(st, &e), 0);
	ck_assert_int_eq(store_commit(st, &e), 0);
	store_close(st);
}
END_TEST

START_TEST(not_a_database)
{
	const char *p = test_path("not.db");
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < 100; i++)
		fputs("this is not an SQLite file\n", f);
	fclose(f);
	struct store *st = NULL;
	ck_assert_int_eq(store_open(p, false, &e, &st), -1);
	ck_assert_int_eq(e.code, E_NOT_DATABASE);
	ck_assert_msg(strstr(e.msg, p) != NULL, "%s", e.msg);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("db");
	tcase_add_test(tc, one_cache_two_ways_in);
	tcase_add_test_raise_signal(tc, bind_letters_counted, SIGABRT);
	tcase_add_test(tc, constraint_refused);
	tcase_add_test(tc, kept_error_fails_commit);
	tcase_add_test(tc, not_a_database);
	suite_add_tcase(s, tc);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
