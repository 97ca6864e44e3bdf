/* Unit tests of the core services: numbering, locking, all-or-nothing. */
#include <locale.h>
#include <stdio.h>

#include "core/action.h"
#include "core/council.h"
#include "core/meeting.h"
#include "helpers.h"

static struct err e;

static struct store *council(const char *name)
{
	struct store *st = test_open(name);
	char id[ID_LEN + 1];
	ck_assert_int_eq(council_init(st, "Rådet", &e), 0);
	ck_assert_int_eq(council_body_add(st, "radet", "Digitaliseringsrådet", &e), 0);
	ck_assert_int_eq(council_body_add(st, "styr", "Styrgruppen", &e), 0);
	const char *people[] = { "Åsa", "Björn", "Cecilia" };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(council_person_add(st, people[i], "VGR", NULL, id, &e), 0);
		ck_assert_int_eq(council_member_add(st, "radet", people[i], i ? "ledamot" : "ordförande",
						    NULL, NULL, &e), 0);
	}
	return st;
}

/* Plans, opens and adds n items to a meeting. */
static void meeting(struct store *st, const char *body, const char *date, int n)
{
	char *name, ref[64];
	int pos;
	ck_assert_int_eq(meeting_add(st, body, date, NULL, NULL, NULL, &name, &e), 0);
	snprintf(ref, sizeof ref, "%s", name);
	free(name);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(meeting_item_add(st, ref, "Punkt", NULL, NULL, NULL, 0, &pos, &e), 0);
	ck_assert_int_eq(meeting_open(st, ref, "09:00", &e), 0);
}

static int decide(struct store *st, const char *ref, const char *item)
{
	struct decide_input in = { .text = "att besluta" };
	struct decide_result r;
	if (meeting_decide(st, ref, item, &in, &r, &e))
		return -1;
	return r.para;
}

START_TEST(numbering_per_body_and_year)
{
	struct store *st = council("num.db");
	meeting(st, "radet", "2025-02-01", 3);
	meeting(st, "radet", "2025-06-01", 2);
	meeting(st, "styr", "2025-06-02", 2);
	meeting(st, "radet", "2026-01-15", 2);
	ck_assert_int_eq(decide(st, "radet/2025-02-01", "1"), 1);
	ck_assert_int_eq(decide(st, "radet/2025-02-01", "3"), 2);
	ck_assert_int_eq(decide(st, "radet/2025-06-01", "1"), 3);
	ck_assert_int_eq(decide(st, "styr/2025-06-02", "2"), 1); /* another body */
	ck_assert_int_eq(decide(st, "radet/2026-01-15", "1"), 1); /* a new year */
	ck_assert_int_eq(decide(st, "radet/2025-02-01", "2"), 4); /* late, still unique */
	ck_assert_int_eq(decide(st, "radet/2025-02-01", "2"), -1);
	char id[ID_LEN + 1];
	ck_assert_int_eq(meeting_decision_resolve(st, "radet/2025/4", id, &e), 0);
	ck_assert_int_eq(meeting_decision_resolve(st, "styr/2025/2", id, &e), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_DECISION);
	store_close(st);
}
END_TEST

START_TEST(adjusted_is_locked)
{
	struct store *st = council("lock.db");
	const char *ref = "radet/2025-02-01";
	struct attend_input a = { .person = "Åsa" };
	meeting(st, "radet", "2025-02-01", 2);
	ck_assert_int_eq(meeting_attend(st, ref, &a, &e), 0);
	ck_assert_int_eq(decide(st, ref, "1"), 1);
	char *by[] = { "Åsa" };
	ck_assert_int_eq(meeting_adjust(st, ref, by, 1, &e), -1); /* still open */
	ck_assert_int_eq(meeting_close(st, ref, NULL, &e), 0);
	ck_assert_int_eq(meeting_adjust(st, ref, by, 1, &e), 0);
	char *before = test_dump(st);
	ck_assert_int_eq(meeting_note(st, ref, "1", "efteråt", &e), -1);
	ck_assert_int_eq(e.code, E_LOCKED);
	ck_assert_int_eq(decide(st, ref, "2"), -1);
	ck_assert_int_eq(e.code, E_LOCKED);
	a.absent = true;
	ck_assert_int_eq(meeting_attend(st, ref, &a, &e), -1);
	ck_assert_int_eq(e.code, E_LOCKED);
	char *after = test_dump(st);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	store_close(st);
}
END_TEST

START_TEST(refusal_changes_nothing)
{
	struct store *st = council("tx.db");
	const char *ref = "radet/2025-02-01";
	struct attend_input a = { .person = "Åsa" }, b = { .person = "Björn", .absent = true };
	meeting(st, "radet", "2025-02-01", 1);
	ck_assert_int_eq(meeting_attend(st, ref, &a, &e), 0);
	ck_assert_int_eq(meeting_attend(st, ref, &b, &e), 0);
	char *before = test_dump(st);
	/* the conflict and the number would be written before the dissent is
	 * checked if the order were wrong; the transaction must undo all */
	char *dissent[] = { "Björn:nej" }, *conflict[] = { "Cecilia" };
	struct decide_input in = { .text = "att besluta", .dissents = dissent, .ndissents = 1,
				   .conflicts = conflict, .nconflicts = 1 };
	struct decide_result r;
	ck_assert_int_eq(store_begin(st, &e), 0);
	ck_assert_int_eq(meeting_decide(st, ref, "1", &in, &r, &e), -1);
	store_rollback(st);
	ck_assert_msg(strstr(e.msg, "did not take part") != NULL, "%s", e.msg);
	char *after = test_dump(st);
	ck_assert_str_eq(before, after);
	/* and the number is still free */
	ck_assert_int_eq(decide(st, ref, "1"), 1);
	free(before);
	free(after);
	store_close(st);
}
END_TEST

START_TEST(quorum_marks_decision)
{
	struct store *st = council("quorum.db");
	const char *ref = "radet/2025-02-01";
	struct attend_input a = { .person = "Åsa" };
	struct decide_input in = { .text = "att besluta" };
	struct decide_result r;
	meeting(st, "radet", "2025-02-01", 2);
	ck_assert_int_eq(meeting_decide(st, ref, "1", &in, &r, &e), 0);
	ck_assert(!r.quorum.known);
	ck_assert_msg(strstr(r.warning, "quorum unknown") != NULL, "%s", r.warning);
	ck_assert_int_eq(meeting_attend(st, ref, &a, &e), 0); /* 1 of 3 */
	ck_assert_int_eq(meeting_decide(st, ref, "2", &in, &r, &e), 0);
	ck_assert(r.quorum.known && !r.quorum.ok);
	ck_assert_int_eq(r.quorum.present, 1);
	ck_assert_int_eq(r.quorum.seats, 3);
	struct meeting_view v;
	ck_assert_int_eq(meeting_view_load(st, ref, &v, &e), 0);
	ck_assert_str_eq(v.items.v[0].decision->quorum, "unknown");
	ck_assert_str_eq(v.items.v[1].decision->quorum, "no");
	ck_assert_int_eq(v.para_first, 1);
	ck_assert_int_eq(v.para_last, 2);
	meeting_view_release(&v);
	store_close(st);
}
END_TEST

START_TEST(actions_and_owners)
{
	struct store *st = council("act.db");
	char id[ID_LEN + 1];
	struct action_input in = { .title = "Plan", .owner = "VGR", .due = "2025-05-01" };
	ck_assert_int_eq(action_add(st, &in, id, &e), 0); /* an organisation */
	in.owner = "åsa"; /* a person, any case */
	ck_assert_int_eq(action_add(st, &in, id, &e), 0);
	ck_assert_int_eq(action_update(st, id, "ongoing", "påbörjad", "Björn", "2025-04-01", &e), 0);
	struct action_query q = { .owner = "Åsa" };
	struct action_list l = { 0 };
	ck_assert_int_eq(action_list(st, &q, &l, &e), 0);
	ck_assert_int_eq((int)l.n, 2); /* her own and her organisation's */
	action_list_release(&l);
	q.owner = "VGR";
	ck_assert_int_eq(action_list(st, &q, &l, &e), 0);
	ck_assert_int_eq((int)l.n, 1);
	action_list_release(&l);
	ck_assert_int_eq(action_update(st, id, "finished", NULL, NULL, NULL, &e), -1);
	ck_assert_int_eq(action_update(st, "zz", "done", NULL, NULL, NULL, &e), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_ACTION);
	store_close(st);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { numbering_per_body_and_year, adjusted_is_locked, refusal_changes_nothing, quorum_marks_decision, actions_and_owners };
	return run_suite("core", tests, sizeof tests / sizeof *tests);
}
