/* Shared helpers of the unit tests: temporary databases and dumps. */
#ifndef GAVEL_TEST_HELPERS_H
#define GAVEL_TEST_HELPERS_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/meeting.h"
#include "store/store.h"
#include "tui/cli/parse.h"
#include "tui/cli/print.h"

static char test_dir[] = "/tmp/gavel-test-XXXXXX";

static inline const char *test_path(const char *name)
{
	static char path[256];
	static bool made; /* the name mkdtemp picks may itself end in 'X' */
	if (!made && !mkdtemp(test_dir)) {
		perror(test_dir);
		abort();
	}
	made = true;
	snprintf(path, sizeof path, "%s/%s", test_dir, name);
	return path;
}

static inline struct store *test_open(const char *name)
{
	struct err e;
	struct store *st = NULL;
	const char *p = test_path(name);
	char *wal = xasprintf("%s-wal", p), *shm = xasprintf("%s-shm", p);
	unlink(p);
	unlink(wal);
	unlink(shm);
	free(wal);
	free(shm);
	ck_assert_msg(store_open(p, true, &e, &st) == 0, "%s", e.msg);
	return st;
}

static inline char *test_dump(struct store *st)
{
	struct strbuf sb = { 0 };
	struct err e;
	ck_assert_msg(print_dump(st, &sb, &e) == 0, "%s", e.msg);
	return sb_detach(&sb);
}

/* The editor's save of the notes of an item named as the command line
 * names it: MEETING (BODY/DATE) and the item's number. */
static inline int test_notes_set(struct store *st, const char *meeting, const char *item,
				 const char *text, struct err *e)
{
	struct meeting m;
	char id[ID_LEN + 1];
	if (parse_meeting_item(st, meeting, item, &m, id, e))
		return -1;
	meeting_release(&m);
	return meeting_notes_set(st, id, text, e);
}

/* Runs one suite of tests (Check forks each); the process exit status. */
/* Runs the tests, each in a child process stopped after `seconds`. */
/* Copies a file byte for byte (a database, a file of the shared folder). */
static inline void test_copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;
	ck_assert_ptr_nonnull(in);
	ck_assert_ptr_nonnull(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
}

static inline int run_suite_timeout(const char *name, const TTest *const tests[], size_t n, double seconds)
{
	Suite *s = suite_create(name);
	TCase *tc = tcase_create(name);
	tcase_set_timeout(tc, seconds);
	for (size_t i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static inline int run_suite(const char *name, const TTest *const tests[], size_t n)
{
	return run_suite_timeout(name, tests, n, 60);
}

#endif
