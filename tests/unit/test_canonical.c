/* Unit tests of core/adjust/canonical: the signed form of a protocol is
 * read back exactly, escapes every character that could break a line or a
 * field, holds only its own paragraph when it is one paragraph's, and
 * refuses what is not one. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/adjust/canonical.h"
#include "core/adjust/record.h"
#include "core/base/base.h"
#include "core/meeting.h"
#include "helpers.h"
#include "tui/cli/cli.h"
#include "tui/cli/demo.h"

static struct err e;

/* The demo council, with the day fixed, and the record of its meeting
 * `ago` days before that day. */
static struct store *demo(void)
{
	setenv("GAVEL_TODAY", "2026-11-23", 1);
	struct store *st = test_open("canonical.db");
	ck_assert_msg(store_begin(st, &e) == 0 && demo_run(st, cli_run, &e) == 0 && store_commit(st, &e) == 0,
		      "%s", e.msg);
	return st;
}

static void load(struct store *st, const char *name, struct record *r)
{
	struct meeting m;
	ck_assert_msg(meeting_resolve(st, name, &m, &e) == 0, "%s", e.msg);
	ck_assert_msg(record_load(st, m.id, r, &e) == 0, "%s", e.msg);
	meeting_release(&m);
}

/* Writes the form, reads it back, writes it again: the same bytes. */
static void round_trip(const struct record *r)
{
	struct strbuf a = { 0 }, b = { 0 };
	canonical_write(&r->v, r->council, r->secretary, NULL, &a);
	struct meeting_view v;
	char *council = NULL, *secretary = NULL;
	ck_assert_msg(canonical_read(a.buf, &v, &council, &secretary, &e) == 0, "%s", e.msg);
	canonical_write(&v, council, secretary, NULL, &b);
	ck_assert_str_eq(a.buf, b.buf);
	ck_assert_str_eq(council, r->council);
	ck_assert_uint_eq(v.items.n, r->v.items.n);
	for (size_t i = 0; i < v.items.n; i++) {
		ck_assert_str_eq(v.items.v[i].title, r->v.items.v[i].title);
		ck_assert_int_eq(!!v.items.v[i].decision, !!r->v.items.v[i].decision);
	}
	meeting_view_release(&v);
	free(council);
	free(secretary);
	sb_release(&a);
	sb_release(&b);
}

START_TEST(every_demo_meeting_reads_back)
{
	struct store *st = demo();
	static const char *const names[] = { "radet/2026-07-26", "styrgrupp/2026-08-15", "radet/2026-09-14",
					     "radet/2026-10-26", "radet/2026-12-07" };
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct record r;
		load(st, names[i], &r);
		round_trip(&r);
		record_release(&r);
	}
	store_close(st);
}
END_TEST

START_TEST(fields_are_escaped)
{
	struct store *st = demo();
	struct record r;
	load(st, "radet/2026-10-26", &r);
	/* text that would break a line or a field if it were written as it is */
	struct item *it = &r.v.items.v[1];
	free(it->notes);
	it->notes = xstrdup("rad ett\nrad\ttvå \\n inte ett radbrott\\\n\\0 och \\t");
	free(it->title);
	it->title = xstrdup("Titel\tmed tabb");
	round_trip(&r);
	struct strbuf a = { 0 };
	canonical_write(&r.v, r.council, r.secretary, NULL, &a);
	ck_assert_ptr_null(strstr(a.buf, "rad ett\n"));
	ck_assert_ptr_nonnull(strstr(a.buf, "rad ett\\nrad\\ttvå \\\\n inte"));
	/* every line has the same number of fields it began with: no stray tab
	 * or newline from the text */
	ck_assert_ptr_null(strstr(a.buf, "Titel\tmed"));
	sb_release(&a);
	record_release(&r);
	store_close(st);
}
END_TEST

START_TEST(a_paragraph_holds_only_itself)
{
	struct store *st = demo();
	struct record r;
	load(st, "radet/2026-07-26", &r);
	const struct item *with = NULL;
	for (size_t i = 0; i < r.v.items.n && !with; i++)
		if (r.v.items.v[i].decision && r.v.items.v[i].notes && *r.v.items.v[i].notes)
			with = &r.v.items.v[i];
	ck_assert_ptr_nonnull(with);
	struct strbuf one = { 0 }, all = { 0 };
	canonical_write(&r.v, r.council, r.secretary, with, &one);
	canonical_write(&r.v, r.council, r.secretary, NULL, &all);
	ck_assert_ptr_nonnull(strstr(one.buf, with->decision->text ? with->decision->text : ""));
	ck_assert_uint_lt(one.len, all.len);
	for (size_t i = 0; i < r.v.items.n; i++) {
		const struct item *other = &r.v.items.v[i];
		if (other == with || !other->title || strstr(with->title, other->title))
			continue;
		ck_assert_msg(!strstr(one.buf, other->title), "the form of item %d holds item %d's title", with->pos,
			      other->pos);
	}
	/* attendance, the secretary and the adjusters are not in a paragraph's
	 * form (they may still change after it is adjusted at once) */
	ck_assert_ptr_nonnull(strstr(all.buf, "\nattendee\t"));
	ck_assert_ptr_null(strstr(one.buf, "\nattendee\t"));
	ck_assert_ptr_null(strstr(one.buf, "\nsecretary\t"));
	ck_assert_ptr_null(strstr(one.buf, "\nadjuster\t"));
	ck_assert(!strncmp(one.buf, "gavel-paragraph\t1\n", 18));
	sb_release(&one);
	sb_release(&all);
	record_release(&r);
	store_close(st);
}
END_TEST

START_TEST(damaged_forms_refused)
{
	struct meeting_view v;
	char *council = NULL, *secretary = NULL;
	static const char *const bad[] = { "", "nonsense", "council\n", "item\tx\n", "\xff\xfe", "council\tRådet\tmer\tän\tså\n" };
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int rc = canonical_read(bad[i], &v, &council, &secretary, &e);
		ck_assert_msg(rc == -1, "form %zu was read", i);
		ck_assert_int_eq(e.code, E_DAMAGED_PROTOCOL);
	}
	/* a field split with \0 and escapes */
	char *f[4] = { 0 };
	const char *line = "tag\t\\0\ta\\tb\\nc\\\\";
	ck_assert_int_eq(canonical_split(line, strlen(line), f, 4), 3);
	ck_assert_str_eq(f[0], "tag");
	ck_assert_ptr_null(f[1]);
	ck_assert_str_eq(f[2], "a\tb\nc\\");
	free(f[0]);
	free(f[2]);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { every_demo_meeting_reads_back, fields_are_escaped, a_paragraph_holds_only_itself,
				       damaged_forms_refused };
	return run_suite("canonical", tests, ARRAY_SIZE(tests));
}
