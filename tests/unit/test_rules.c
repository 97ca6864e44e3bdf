/* Unit tests of core/rules and core/base: roles, life cycle, quorum, dates. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/base.h"
#include "core/rules.h"
#include "helpers.h"

START_TEST(roles_parse)
{
	ck_assert_str_eq(rules_role_parse("Ordförande", false), "ordförande");
	ck_assert_str_eq(rules_role_parse("ORDFÖRANDE", false), "ordförande");
	ck_assert_str_eq(rules_role_parse("vice-ordförande", false), "vice ordförande");
	ck_assert_str_eq(rules_role_parse("chair", false), "ordförande");
	ck_assert_str_eq(rules_role_parse("substitute", false), "ersättare");
	ck_assert_ptr_null(rules_role_parse("gäst", false));
	ck_assert_str_eq(rules_role_parse("guest", true), "gäst");
	ck_assert_ptr_null(rules_role_parse("kassör", true));
	ck_assert(rules_role_decides("ledamot"));
	ck_assert(rules_role_decides("vice ordförande"));
	ck_assert(!rules_role_decides("ersättare"));
	ck_assert(!rules_role_decides("sekreterare"));
	ck_assert(!rules_role_decides("adjungerad"));
}
END_TEST

START_TEST(life_cycle)
{
	ck_assert(rules_meeting_transition("planned", "open"));
	ck_assert(rules_meeting_transition("open", "closed"));
	ck_assert(rules_meeting_transition("closed", "adjusted"));
	ck_assert(!rules_meeting_transition("planned", "closed"));
	ck_assert(!rules_meeting_transition("adjusted", "open"));
	ck_assert(!rules_meeting_transition("closed", "open"));
	ck_assert(!rules_meeting_transition("open", "open"));
	ck_assert(rules_meeting_editable("closed"));
	ck_assert(!rules_meeting_editable("adjusted"));
}
END_TEST

static void add_member(struct member_list *l, const char *id, const char *role)
{
	struct member *m = member_list_push(l);
	snprintf(m->person_id, sizeof m->person_id, "%s", id);
	m->role = xstrdup(role);
	m->name = xstrdup(id);
}

static struct attendee *add_att(struct attendee_list *l, const char *id, const char *role,
				const char *for_id, bool absent)
{
	struct attendee *a = attendee_list_push(l);
	snprintf(a->person_id, sizeof a->person_id, "%s", id);
	snprintf(a->for_id, sizeof a->for_id, "%s", for_id ? for_id : "");
	a->role = xstrdup(role);
	a->name = xstrdup(id);
	a->absent = absent;
	return a;
}

START_TEST(quorum)
{
	struct member_list m = { 0 };
	struct attendee_list a = { 0 };
	struct conflict_list c = { 0 };
	struct quorum q;
	add_member(&m, "ordf", "ordförande");
	add_member(&m, "l1", "ledamot");
	add_member(&m, "l2", "ledamot");
	add_member(&m, "l3", "ledamot");
	add_member(&m, "ers", "ersättare");
	add_member(&m, "sekr", "sekreterare");

	rules_quorum(&m, &a, NULL, 0, &q);
	ck_assert_int_eq(q.seats, 4);
	ck_assert(!q.known);
	ck_assert(!q.ok);

	add_att(&a, "ordf", "ordförande", NULL, false);
	add_att(&a, "l1", "ledamot", NULL, false);
	add_att(&a, "sekr", "sekreterare", NULL, false);
	add_att(&a, "l2", "ledamot", NULL, true);
	rules_quorum(&m, &a, NULL, 0, &q);
	ck_assert(q.known);
	ck_assert_int_eq(q.present, 2); /* half is not more than half */
	ck_assert(!q.ok);

	add_att(&a, "ers", "ersättare", "l2", false); /* serving for l2 */
	rules_quorum(&m, &a, NULL, 0, &q);
	ck_assert_int_eq(q.present, 3);
	ck_assert(q.ok);

	/* jäv: not counted present for that item */
	struct conflict *k = conflict_list_push(&c);
	snprintf(k->person_id, sizeof k->person_id, "l1");
	rules_quorum(&m, &a, &c, 3, &q);
	ck_assert_int_eq(q.present, 2);
	ck_assert(!q.ok);
	ck_assert(!rules_takes_part(&a, &c, 3, "l1"));
	ck_assert(rules_takes_part(&a, &c, 3, "ordf"));
	ck_assert(!rules_takes_part(&a, &c, 3, "sekr"));
	ck_assert(!rules_takes_part(&a, &c, 3, "l2")); /* absent */
	ck_assert(rules_takes_part(&a, &c, 3, "ers"));

	/* left after item 2 */
	a.v[0].to_item = 2;
	ck_assert(rules_attendee_decides(&a.v[0], 2));
	ck_assert(!rules_attendee_decides(&a.v[0], 3));
	ck_assert(rules_attendee_decides(&a.v[0], 0));
	member_list_release(&m);
	attendee_list_release(&a);
	conflict_list_release(&c);
}
END_TEST

START_TEST(dates)
{
	char d[11];
	ck_assert(date_valid("2024-02-29"));
	ck_assert(!date_valid("2025-02-29"));
	ck_assert(!date_valid("2025-04-31"));
	ck_assert(!date_valid("2025-4-03"));
	ck_assert(!date_valid("2025-04-03x"));
	ck_assert(!date_valid(""));
	ck_assert(time_valid("00:00") && time_valid("23:59"));
	ck_assert(!time_valid("24:00") && !time_valid("9:00") && !time_valid("12:60"));
	date_add_days("2025-12-31", 1, d);
	ck_assert_str_eq(d, "2026-01-01");
	date_add_days("2024-03-01", -1, d);
	ck_assert_str_eq(d, "2024-02-29");
	date_add_days("2026-11-22", -365, d);
	ck_assert_str_eq(d, "2025-11-22");
}
END_TEST

START_TEST(text)
{
	ck_assert(text_valid("Åsa Ölund, § 3 – ✓"));
	ck_assert(!text_valid("\xff"));
	ck_assert(!text_valid("\xc3"));        /* truncated */
	ck_assert(!text_valid("\xc0\xaf"));    /* overlong */
	ck_assert(!text_valid("\xed\xa0\x80")); /* surrogate */
	ck_assert(!text_valid("a\x07"));
	ck_assert(text_valid("rad\nrad\ttab"));
	char *f = text_fold("ÅSA ÖLUND Élan Ł");
	ck_assert_str_eq(f, "åsa ölund élan ł");
	free(f);
	f = text_fold("");
	ck_assert_str_eq(f, "");
	free(f);
	/* the same into a buffer: a part of the text, and only if it fits */
	char buf[8];
	ck_assert(text_fold_into("ÖLUND och", 6, buf, sizeof buf));
	ck_assert_str_eq(buf, "ölund");
	ck_assert(text_fold_into("\xff" "A", 2, buf, sizeof buf));
	ck_assert_str_eq(buf, "\xff" "a");
	ck_assert(!text_fold_into("ÅÄÖÅ", 8, buf, sizeof buf)); /* 8 bytes and the NUL */
	ck_assert(text_fold_into("ÅÄÖ", 6, buf, 7));
	ck_assert_str_eq(buf, "åäö");
	ck_assert_int_eq(text_width("Åsa"), 3);
	ck_assert_int_eq(text_width("日本"), 4);
	struct strbuf sb = { 0 };
	sb_addpad(&sb, "Öst", 5);
	ck_assert_str_eq(sb.buf, "Öst  ");
	sb_release(&sb);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { roles_parse, life_cycle, quorum, dates, text };
	return run_suite("rules", tests, sizeof tests / sizeof *tests);
}
