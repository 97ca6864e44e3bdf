/* Unit tests of core/base: the clock, JSON, memory, strings, numbers,
 * files, ids and errors. */
#include <check.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/base.h"
#include "core/base/file.h"
#include "core/base/json.h"
#include "helpers.h"

START_TEST(clock_set_by_the_environment)
{
	char utc[CLOCK_UTC_SIZE], day[DATE_SIZE], hhmm[HHMM_SIZE], ics[17];
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1); /* Sweden, without tzdata */
	tzset();
	unsetenv("GAVEL_TODAY");
	setenv("GAVEL_NOW", "2027-12-31T23:00:30Z", 1);
	clock_utc(utc);
	ck_assert_str_eq(utc, "2027-12-31T23:00:30Z");
	/* in Stockholm it is already the new year */
	clock_today(day);
	ck_assert_str_eq(day, "2028-01-01");
	clock_hhmm(hhmm);
	ck_assert_str_eq(hhmm, "00:00");
	clock_ics(ics);
	ck_assert_str_eq(ics, "20271231T230030Z");
	ck_assert_int_eq((long)clock_now(), 1830294030L);

	/* a day: noon of that day, local time */
	unsetenv("GAVEL_NOW");
	setenv("GAVEL_TODAY", "2026-03-29", 1); /* the day summer time begins */
	clock_today(day);
	ck_assert_str_eq(day, "2026-03-29");
	clock_hhmm(hhmm);
	ck_assert_str_eq(hhmm, "12:00");
	clock_utc(utc);
	ck_assert_str_eq(utc, "2026-03-29T10:00:00Z");

	/* GAVEL_NOW wins over GAVEL_TODAY */
	setenv("GAVEL_NOW", "2026-01-02T03:04:05Z", 1);
	clock_utc(utc);
	ck_assert_str_eq(utc, "2026-01-02T03:04:05Z");

	/* what is not a time is ignored: the day, then the system's clock */
	static const char *const bad[] = { "2026-02-30T10:00:00Z", "2026-01-02T24:00:00Z",
					   "2026-01-02 03:04:05", "2026-01-02T03:04:05", "2026-01-02T03:04:05Zx",
					   "", "tomorrow" };
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		setenv("GAVEL_NOW", bad[i], 1);
		clock_today(day);
		ck_assert_msg(!strcmp(day, "2026-03-29"), "GAVEL_NOW=%s gave %s", bad[i], day);
	}
	static const char *const bad_day[] = { "2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "x" };
	unsetenv("GAVEL_NOW");
	for (size_t i = 0; i < ARRAY_SIZE(bad_day); i++) {
		setenv("GAVEL_TODAY", bad_day[i], 1);
		time_t before = time(NULL), t = clock_now(), after = time(NULL);
		ck_assert_msg(t >= before && t <= after, "GAVEL_TODAY=%s was taken", bad_day[i]);
	}
	unsetenv("GAVEL_TODAY");
	/* the kernel's clock is never the set one */
	setenv("GAVEL_NOW", "2001-01-01T00:00:00Z", 1);
	ck_assert(clock_system() > 1700000000);
	ck_assert_int_eq(clock_now_ms(), 978307200000LL);
	unsetenv("GAVEL_NOW");
}
END_TEST

START_TEST(json_writer)
{
	struct strbuf sb = { 0 };
	struct json j;
	json_init(&j, &sb);
	json_obj_begin(&j);
	json_kv_str(&j, "name", "Åsa \"Ö\" \\ \n\t\r\x01\x1f");
	json_kv_int(&j, "n", -42);
	json_kv_bool(&j, "yes", true);
	json_key(&j, "none");
	json_str(&j, NULL);
	json_key(&j, "list");
	json_arr_begin(&j);
	json_num(&j, 0.1);
	json_num(&j, 1e300);
	json_num(&j, NAN);
	json_num(&j, INFINITY);
	json_arr_begin(&j);
	json_arr_end(&j);
	json_obj_begin(&j);
	json_obj_end(&j);
	json_raw(&j, "7");
	json_arr_end(&j);
	json_obj_end(&j);
	ck_assert_str_eq(sb.buf, "{\"name\":\"Åsa \\\"Ö\\\" \\\\ \\n\\t\\r\\u0001\\u001f\",\"n\":-42,\"yes\":true,"
				 "\"none\":null,\"list\":[0.1,1e+300,null,null,[],{},7]}");
	ck_assert_int_eq(j.depth, 0);
	sb_release(&sb);
}
END_TEST

START_TEST(memory_and_strings)
{
	/* ALLOC_GROW: capacity at least doubles, never below what is needed */
	int *v = NULL;
	size_t n = 0, alloc = 0;
	for (int i = 0; i < 1000; i++) {
		ALLOC_GROW(v, n + 1, alloc);
		ck_assert_uint_ge(alloc, n + 1);
		v[n++] = i;
	}
	ck_assert_int_eq(v[999], 999);
	free(v);
	ck_assert_uint_eq(alloc_grow_size(0, 1), 8);
	ck_assert_uint_eq(alloc_grow_size(8, 9), 16);
	ck_assert_uint_eq(alloc_grow_size(8, 100), 128);
	ck_assert_uint_eq(alloc_grow_size(64, 10), 64);

	struct strbuf sb = { 0 };
	char *empty = sb_detach(&sb);
	ck_assert_str_eq(empty, "");
	free(empty);
	for (int i = 0; i < 10000; i++)
		sb_addf(&sb, "%d,", i % 10);
	ck_assert_uint_eq(sb.len, 20000);
	ck_assert_uint_eq(strlen(sb.buf), 20000);
	sb_reset(&sb);
	ck_assert_str_eq(sb.buf, "");
	sb_add(&sb, "a\0b", 3);
	ck_assert_uint_eq(sb.len, 3);
	ck_assert_int_eq(sb.buf[3], 0);
	sb_release(&sb);
	char *s = xasprintf("%s §%d", "Beslut", 14);
	ck_assert_str_eq(s, "Beslut §14");
	free(s);
	ck_assert_ptr_null(xstrdup_or_null(NULL));

	struct strvec sv = { 0 };
	for (int i = 0; i < 100; i++)
		strvec_push(&sv, i % 2 ? "udda" : "jämn");
	ck_assert_uint_eq(sv.n, 100);
	ck_assert_str_eq(sv.v[99], "udda");
	strvec_release(&sv);
	ck_assert_uint_eq(sv.n, 0);
	ck_assert_ptr_null(sv.v);
}
END_TEST

START_TEST(utf8_and_numbers)
{
	unsigned cp;
	ck_assert_int_eq(utf8_decode("å", &cp), 2);
	ck_assert_uint_eq(cp, 0xe5);
	ck_assert_int_eq(utf8_decode("€", &cp), 3);
	ck_assert_uint_eq(cp, 0x20ac);
	ck_assert_int_eq(utf8_decode("\xf0\x9f\x99\x82", &cp), 4);
	ck_assert_uint_eq(cp, 0x1f642);
	ck_assert_int_eq(utf8_decode("\xe2\x82", &cp), 1); /* cut short */
	ck_assert_uint_eq(cp, 0xfffd);
	ck_assert_int_eq(utf8_decode("\x80", &cp), 1);
	ck_assert_uint_eq(cp, 0xfffd);
	ck_assert_int_eq(text_width("e\xcc\x81"), 1); /* e and a combining accent */
	ck_assert_int_eq(text_width("\xff"), 1);
	/* folding keeps the length, invalid bytes too */
	char *f = text_fold("\xe2\x82 ÉÅÄÖ\xff");
	ck_assert_str_eq(f, "\xe2\x82 éåäö\xff");
	free(f);

	long v;
	ck_assert(parse_int("7", 0, 10, &v) && v == 7);
	ck_assert(parse_int("-3", -5, 5, &v) && v == -3);
	ck_assert(!parse_int("11", 0, 10, &v));
	ck_assert(!parse_int("7x", 0, 10, &v));
	ck_assert(!parse_int("", 0, 10, &v));
	ck_assert(!parse_int(" 7", 0, 10, &v));
	ck_assert(!parse_int("99999999999999999999999", 0, 10, &v));
	ck_assert(!parse_int(NULL, 0, 10, &v));
	ck_assert(time_valid("00:00") && time_valid("23:59"));
	ck_assert(!time_valid("24:00") && !time_valid("9:30") && !time_valid("09:60"));
	ck_assert_int_eq(date_year("2026-12-03"), 2026);
}
END_TEST

START_TEST(files)
{
	struct err e;
	struct strbuf sb = { 0 };
	const char *path = test_path("fil.txt");
	unlink(path);
	ck_assert_int_eq(file_read(path, &sb, &e), -1);
	ck_assert_int_eq(e.code, E_IO);
	ck_assert_ptr_nonnull(strstr(e.msg, "fil.txt"));

	ck_assert_int_eq(file_write_atomic(path, "första\0", 7, 0600, FILE_KEEP, &e), 0);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(file_read(path, &sb, &e), 0);
	ck_assert_uint_eq(sb.len, 7);
	ck_assert_int_eq(memcmp(sb.buf, "första\0", 7), 0);
	sb_reset(&sb);

	/* FILE_KEEP leaves what is there, FILE_REPLACE replaces it whole */
	ck_assert_int_eq(file_write_atomic(path, "andra", 5, 0644, FILE_KEEP, &e), -1);
	ck_assert_int_eq(e.code, E_EXISTS);
	ck_assert_int_eq(file_read(path, &sb, &e), 0);
	ck_assert_str_eq(sb.buf, "första");
	sb_reset(&sb);
	ck_assert_int_eq(file_write_atomic(path, "andra", 5, 0644, FILE_REPLACE, &e), 0);
	ck_assert_int_eq(file_read(path, &sb, &e), 0);
	ck_assert_str_eq(sb.buf, "andra");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	/* no temporary file is left beside it */
	char *tmp = xasprintf("%s/.fil.txt.tmp", test_path(""));
	ck_assert_int_ne(access(tmp, F_OK), 0);
	free(tmp);

	/* into a directory that is not there: an error naming the file */
	const char *nowhere = test_path("saknas/fil.txt");
	ck_assert_int_eq(file_write_atomic(nowhere, "x", 1, 0644, FILE_REPLACE, &e), -1);
	ck_assert_int_eq(e.code, E_IO);
	ck_assert_ptr_nonnull(strstr(e.msg, "saknas/fil.txt"));
	sb_release(&sb);
}
END_TEST

START_TEST(ids_and_errors)
{
	char a[ID_LEN + 1], b[ID_LEN + 1];
	id_new(a);
	id_new(b);
	ck_assert_uint_eq(strlen(a), ID_LEN);
	ck_assert_uint_eq(strspn(a, "0123456789abcdef"), ID_LEN);
	ck_assert_str_ne(a, b);

	struct err e;
	ck_assert_int_eq(error(&e, E_UNKNOWN_BODY, "nämnd"), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_BODY);
	ck_assert_str_eq(e.msg, "unknown body: nämnd");
	ck_assert_int_eq(error_exit_status(E_USAGE), 2);
	ck_assert_int_eq(error_exit_status(E_UNKNOWN_BODY), 1);
	ck_assert_int_eq(error_exit_status(E_OK), 0);
	ck_assert_int_eq(error(NULL, E_DB, "x"), -1);
	error_clear(&e);
	ck_assert_int_eq(e.code, E_OK);
	ck_assert_str_eq(e.msg, "");
	/* a long detail is cut, never overrun */
	char big[2000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	error(&e, E_UNKNOWN_PERSON, big);
	ck_assert_uint_eq(strlen(e.msg), sizeof e.msg - 1);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { clock_set_by_the_environment, json_writer, memory_and_strings,
				       utf8_and_numbers, files, ids_and_errors };
	return run_suite("base", tests, ARRAY_SIZE(tests));
}
