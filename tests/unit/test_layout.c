/*
 * Unit tests of where the files lie in the shared folder (sync/layout.c,
 * docs/sync-format.md "The folder"): a file's path and bucket, the
 * directories made for it, a directory listed at each depth (writers,
 * buckets, files; temporary files and strays left out), the whole folder
 * walked, bucketed and flat files together.
 */
#include <errno.h>
#include <locale.h>
#include <sys/stat.h>

#include "helpers.h"
#include "sync/bundle.h"
#include "sync/layout.h"

#define W1 "0123456789abcdef0123456789abcdef"
#define W2 "fedcba9876543210fedcba9876543210"

static void rm_rf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* An empty directory of the test's own. */
static char *fresh(const char *name)
{
	char *dir = xstrdup(test_path(name));
	rm_rf(dir);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	return dir;
}

static void touch(const char *dir, const char *rel)
{
	char *path = xasprintf("%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	fputs("x", f);
	fclose(f);
	free(path);
}

static void mkdir_in(const char *dir, const char *rel)
{
	char *path = xasprintf("%s/%s", dir, rel);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	free(path);
}

static bool has(const struct strvec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], s))
			return true;
	return false;
}

START_TEST(path_and_bucket)
{
	static const struct {
		uint64_t seq;
		const char *path;
	} cases[] = {
		{ 1, W1 "/00000/" W1 "-00000001.gavel" },
		{ 999, W1 "/00000/" W1 "-00000999.gavel" },
		{ 1000, W1 "/00001/" W1 "-00001000.gavel" },
		{ 1234, W1 "/00001/" W1 "-00001234.gavel" },
		{ 99999999, W1 "/99999/" W1 "-99999999.gavel" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char rel[LAYOUT_PATH_MAX], writer[ID_LEN + 1];
		uint64_t seq;
		layout_path(W1, cases[i].seq, rel);
		ck_assert_str_eq(rel, cases[i].path);
		/* the name at its end is the file's, and names it */
		ck_assert(bundle_name_parse(layout_base(rel), writer, &seq));
		ck_assert_str_eq(writer, W1);
		ck_assert_uint_eq(seq, cases[i].seq);
	}
	ck_assert_str_eq(layout_base("a/b/c.gavel"), "c.gavel");
	ck_assert_str_eq(layout_base("flat.gavel"), "flat.gavel");
	ck_assert_str_eq(layout_base("dir/"), "");
}
END_TEST

START_TEST(directories_made)
{
	char *dir = fresh("mkdirs");
	char rel[LAYOUT_PATH_MAX];
	struct stat sb;
	layout_path(W1, 1234, rel);
	ck_assert_int_eq(layout_mkdirs(dir, rel), 0);
	char *bucket = xasprintf("%s/" W1 "/00001", dir);
	ck_assert_int_eq(stat(bucket, &sb), 0);
	ck_assert(S_ISDIR(sb.st_mode));
	/* the file itself is not made; directories already there are fine */
	char *file = xasprintf("%s/%s", dir, rel);
	ck_assert_int_eq(stat(file, &sb), -1);
	ck_assert_int_eq(layout_mkdirs(dir, rel), 0);
	/* a file where a directory should be: refused, with errno */
	touch(dir, W2);
	layout_path(W2, 1, rel);
	errno = 0;
	ck_assert_int_eq(layout_mkdirs(dir, rel), -1);
	ck_assert_int_eq(errno, ENOTDIR);
	/* a flat name needs no directory */
	ck_assert_int_eq(layout_mkdirs(dir, "flat.gavel"), 0);
	free(file);
	free(bucket);
	free(dir);
}
END_TEST

START_TEST(listed_by_depth)
{
	char *dir = fresh("list");
	mkdir_in(dir, W1);
	mkdir_in(dir, W1 "/00000");
	mkdir_in(dir, W1 "/00001");
	mkdir_in(dir, W1 "/0001");   /* not a bucket's name */
	mkdir_in(dir, W1 "/abcde");  /* nor this */
	mkdir_in(dir, "stray");      /* not a writer's name */
	mkdir_in(dir, ".stfolder");  /* a sync tool's own */
	touch(dir, W2);              /* a writer's name, but a file */
	touch(dir, W1 "-00000001.gavel");
	touch(dir, ".x.gavel.tmp");
	touch(dir, W1 "/00000/" W1 "-00000002.gavel");
	touch(dir, W1 "/00000/.syncthing." W1 "-00000003.gavel.tmp");
	mkdir_in(dir, W1 "/00000/00000"); /* a bucket holds no directories */

	struct strvec files = { 0 }, dirs = { 0 };
	ck_assert_int_eq(layout_list(dir, LAYOUT_TOP, &files, &dirs), 0);
	ck_assert_uint_eq(dirs.n, 1);
	ck_assert_str_eq(dirs.v[0], W1);
	ck_assert_uint_eq(files.n, 3);
	ck_assert(has(&files, W2) && has(&files, "stray") && has(&files, W1 "-00000001.gavel"));
	strvec_release(&files);
	strvec_release(&dirs);

	char *w = xasprintf("%s/" W1, dir);
	ck_assert_int_eq(layout_list(w, LAYOUT_WRITER, &files, &dirs), 0);
	ck_assert_uint_eq(dirs.n, 2);
	ck_assert(has(&dirs, "00000") && has(&dirs, "00001"));
	ck_assert_uint_eq(files.n, 2);
	ck_assert(has(&files, "0001") && has(&files, "abcde"));
	strvec_release(&files);
	strvec_release(&dirs);

	char *b = xasprintf("%s/" W1 "/00000", dir);
	ck_assert_int_eq(layout_list(b, LAYOUT_BUCKET_DIR, &files, &dirs), 0);
	ck_assert_uint_eq(dirs.n, 0);
	ck_assert_uint_eq(files.n, 2);
	ck_assert(has(&files, W1 "-00000002.gavel") && has(&files, "00000"));
	strvec_release(&files);
	strvec_release(&dirs);

	char *missing = xasprintf("%s/nothing", dir);
	errno = 0;
	ck_assert_int_eq(layout_list(missing, LAYOUT_TOP, &files, &dirs), -1);
	ck_assert_int_eq(errno, ENOENT);
	free(missing);
	free(b);
	free(w);
	free(dir);
}
END_TEST

/* The whole folder: files in writers' buckets and flat files of a folder
 * made before the layout, together; strays and temporary files left out. */
START_TEST(walked_flat_and_bucketed)
{
	char *dir = fresh("walk");
	char rel[LAYOUT_PATH_MAX];
	struct strvec want = { 0 };
	for (uint64_t seq = 998; seq <= 1001; seq++) {
		layout_path(W2, seq, rel);
		ck_assert_int_eq(layout_mkdirs(dir, rel), 0);
		touch(dir, rel);
		strvec_push(&want, rel);
	}
	char name[BUNDLE_NAME_SIZE];
	bundle_name(W1, 1, name);
	touch(dir, name); /* flat, as before the layout */
	strvec_push(&want, name);
	touch(dir, "notes.txt"); /* a file of another kind: listed; the name decides later */
	strvec_push(&want, "notes.txt");
	mkdir_in(dir, "stray");
	touch(dir, "stray/" W1 "-00000002.gavel");
	layout_path(W2, 1, rel);
	ck_assert_int_eq(layout_mkdirs(dir, rel), 0);
	char *tmp = xasprintf("%.*s/.%s.tmp", (int)(layout_base(rel) - rel - 1), rel, layout_base(rel));
	touch(dir, tmp);

	struct strvec got = { 0 };
	ck_assert_int_eq(layout_walk(dir, &got), 0);
	for (size_t i = 0; i < want.n; i++)
		ck_assert_msg(has(&got, want.v[i]), "%s not walked", want.v[i]);
	/* "stray" is a file of the top as far as the layout goes */
	ck_assert_uint_eq(got.n, want.n + 1);
	ck_assert(has(&got, "stray"));
	strvec_release(&got);

	char *missing = xasprintf("%s/nothing", dir);
	ck_assert_int_eq(layout_walk(missing, &got), -1);
	ck_assert_uint_eq(got.n, 0);
	free(missing);
	free(tmp);
	strvec_release(&want);
	free(dir);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { path_and_bucket, directories_made, listed_by_depth, walked_flat_and_bucketed };
	return run_suite("layout", tests, ARRAY_SIZE(tests));
}
