/* Unit tests of the review screens' models and the chair's preparation. */
#include <locale.h>
#include <stdio.h>

#include "core/action.h"
#include "core/council.h"
#include "core/lists.h"
#include "core/meeting.h"
#include "core/prepare.h"
#include "helpers.h"

static struct err e;

/* The id of a meeting BODY/DATE (a static buffer). */
static const char *mid(struct store *st, const char *ref)
{
	static char id[ID_LEN + 1];
	struct meeting m;
	ck_assert_msg(meeting_resolve(st, ref, &m, &e) == 0, "%s", e.msg);
	memcpy(id, m.id, sizeof id);
	meeting_release(&m);
	return id;
}

/* The id of a person by name (a static buffer). */
static const char *pid(struct store *st, const char *name)
{
	static char id[ID_LEN + 1];
	ck_assert_msg(council_person_resolve(st, name, id, &e) == 0, "%s", e.msg);
	return id;
}

/* Plans a meeting of a body on a date. */
static void plan(struct store *st, const char *body, const char *date)
{
	char bid[ID_LEN + 1], id[ID_LEN + 1];
	struct meeting_plan p = { .date = date };
	ck_assert_int_eq(council_body_resolve(st, body, bid, &e), 0);
	ck_assert_msg(meeting_add(st, bid, &p, id, &e) == 0, "%s", e.msg);
}

static struct store *council(const char *name)
{
	struct store *st = test_open(name);
	char id[ID_LEN + 1], radet[ID_LEN + 1];
	ck_assert_int_eq(council_init(st, "Rådet", &e), 0);
	ck_assert_int_eq(council_body_add(st, "radet", "Digitaliseringsrådet", &e), 0);
	ck_assert_int_eq(council_body_add(st, "styr", "Styrgruppen", &e), 0);
	ck_assert_int_eq(council_body_resolve(st, "radet", radet, &e), 0);
	const char *people[] = { "Åsa", "Björn", "Cecilia" };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(council_person_add(st, people[i], "VGR", NULL, id, &e), 0);
		ck_assert_int_eq(council_member_add(st, radet, id, i ? "ledamot" : "ordförande", NULL, NULL, &e), 0);
	}
	struct goal g = { .code = "1", .title = "Infrastruktur" };
	ck_assert_int_eq(council_goal_add(st, &g, &e), 0);
	struct goal s = { .code = "1.1", .parent_code = "1", .title = "Bredband" };
	ck_assert_int_eq(council_goal_add(st, &s, &e), 0);
	struct goal t = { .code = "2", .title = "Tjänster" };
	ck_assert_int_eq(council_goal_add(st, &t, &e), 0);
	return st;
}

static void item(struct store *st, const char *ref, const char *title)
{
	int pos;
	struct item_input in = { .title = title };
	ck_assert_msg(meeting_item_add(st, mid(st, ref), &in, &pos, &e) == 0, "%s", e.msg);
}

/* The id of item `it` of meeting ref. */
static const char *iid(struct store *st, const char *ref, const char *it)
{
	static char id[ID_LEN + 1];
	struct meeting m;
	ck_assert_msg(parse_meeting_item(st, ref, it, &m, id, &e) == 0, "%s", e.msg);
	meeting_release(&m);
	return id;
}

static void decide(struct store *st, const char *ref, const char *it, const char *text)
{
	struct decide_input in = { .text = text };
	struct decide_result r;
	ck_assert_msg(meeting_decide(st, iid(st, ref, it), &in, &r, &e) == 0, "%s", e.msg);
}

static size_t decisions(struct store *st, const char *body, const char *year, const char *goal,
			const char *text)
{
	struct decisions_query q = { body, year, goal, text, 0, 0 };
	struct decision_row_list l = { 0 };
	ck_assert_msg(lists_decisions(st, &q, &l, NULL, &e) == 0, "%s", e.msg);
	size_t n = l.n;
	decision_row_list_release(&l);
	return n;
}

START_TEST(decisions_filtered)
{
	struct store *st = council("dec.db");
	char id[ID_LEN + 1], decision[ID_LEN + 1], goal[ID_LEN + 1];
	plan(st, "radet", "2025-03-01");
	plan(st, "radet", "2026-03-01");
	plan(st, "styr", "2026-04-01");
	item(st, "radet/2025-03-01", "Öppna data");
	item(st, "radet/2026-03-01", "Bredband på landsbygden");
	item(st, "radet/2026-03-01", "E-arkiv");
	item(st, "styr/2026-04-01", "Finansiering");
	ck_assert_int_eq(meeting_open(st, mid(st, "radet/2025-03-01"), "09:00", &e), 0);
	ck_assert_int_eq(meeting_open(st, mid(st, "radet/2026-03-01"), "09:00", &e), 0);
	ck_assert_int_eq(meeting_open(st, mid(st, "styr/2026-04-01"), "09:00", &e), 0);
	decide(st, "radet/2025-03-01", "1", "att publicera ÖPPNA data");
	decide(st, "radet/2026-03-01", "1", "att bygga ut fibernätet");
	decide(st, "radet/2026-03-01", "2", "att utreda ett gemensamt e-arkiv");
	decide(st, "styr/2026-04-01", "1", "att avsätta medel för bredband");
	ck_assert_int_eq(parse_decision(st, "radet/2026/1", decision, &e), 0);
	ck_assert_int_eq(council_goal_resolve(st, "1.1", goal, &e), 0);
	struct action_input a = { .title = "Fiber", .decision_id = decision, .goal_id = goal };
	ck_assert_int_eq(action_owner_resolve(st, "Åsa", &a.owner, &e), 0);
	ck_assert_int_eq(action_add(st, &a, id, &e), 0);

	ck_assert_int_eq(decisions(st, NULL, NULL, NULL, NULL), 4);
	ck_assert_int_eq(decisions(st, "radet", NULL, NULL, NULL), 3);
	ck_assert_int_eq(decisions(st, "radet", "2026", NULL, NULL), 2);
	ck_assert_int_eq(decisions(st, NULL, "2026", NULL, NULL), 3);
	ck_assert_int_eq(decisions(st, NULL, NULL, "1", NULL), 1);   /* through its sub-goal */
	ck_assert_int_eq(decisions(st, NULL, NULL, "1.1", NULL), 1);
	ck_assert_int_eq(decisions(st, NULL, NULL, "2", NULL), 0);
	ck_assert_int_eq(decisions(st, NULL, NULL, NULL, "bredband"), 2); /* title or text */
	ck_assert_int_eq(decisions(st, NULL, NULL, NULL, "öppna DATA"), 1); /* folded, every word */
	ck_assert_int_eq(decisions(st, NULL, NULL, NULL, "öppna fiber"), 0);
	ck_assert_int_eq(decisions(st, "styr", NULL, NULL, "bredband"), 1);

	/* newest first */
	struct decisions_query q = { 0 };
	struct decision_row_list l = { 0 };
	ck_assert_int_eq(lists_decisions(st, &q, &l, NULL, &e), 0);
	ck_assert_str_eq(l.v[0].date, "2026-04-01");
	ck_assert_str_eq(l.v[3].date, "2025-03-01");
	ck_assert_int_eq(l.v[1].para, 2);
	ck_assert_int_eq(l.v[1].item, 2);
	decision_row_list_release(&l);

	/* pages, with and without words, and the count */
	int total;
	struct decisions_query page = { .offset = 1, .limit = 2 };
	ck_assert_int_eq(lists_decisions(st, &page, &l, &total, &e), 0);
	ck_assert_int_eq(total, 4);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.v[0].date, "2026-03-01");
	ck_assert_int_eq(l.v[0].para, 2);
	decision_row_list_release(&l);
	struct decisions_query words = { .text = "att", .offset = 3, .limit = 2 };
	ck_assert_int_eq(lists_decisions(st, &words, &l, &total, &e), 0);
	ck_assert_int_eq(total, -1);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.v[0].date, "2025-03-01");
	decision_row_list_release(&l);
	struct decisions_query by_goal = { .goal = "1" };
	ck_assert_int_eq(lists_decisions(st, &by_goal, &l, &total, &e), 0);
	ck_assert_int_eq(total, 1);
	decision_row_list_release(&l);

	struct decisions_query bad[] = { { .body = "nope" }, { .year = "26" }, { .year = "20x6" },
					 { .goal = "9.9" } };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_int_eq(lists_decisions(st, &bad[i], &l, NULL, &e), -1);
		ck_assert_int_eq((int)l.n, 0);
	}
	store_close(st);
}
END_TEST

START_TEST(bars_and_sparks)
{
	int w[3];
	lists_bar(0, 0, 0, 20, w);
	ck_assert(w[0] == 0 && w[1] == 0 && w[2] == 0);
	lists_bar(5, 5, 0, 20, w);
	ck_assert(w[0] == 10 && w[1] == 10 && w[2] == 0);
	lists_bar(98, 1, 1, 10, w); /* small parts still show */
	ck_assert(w[1] == 1 && w[2] == 1 && w[0] == 8);
	lists_bar(1, 2, 3, 7, w);
	ck_assert_int_eq(w[0] + w[1] + w[2], 7);
	lists_bar(1, 1, 1, 2, w); /* fewer columns than parts: never negative */
	ck_assert(w[0] >= 0 && w[1] >= 0 && w[2] >= 0);

	struct reading_list r = { 0 };
	struct strbuf sb = { 0 };
	lists_spark(&r, &sb);
	ck_assert_uint_eq(sb.len, 0);
	int years[] = { 2020, 2021, 2023 };
	double values[] = { 10, 50, 100 };
	for (int i = 0; i < 3; i++) {
		struct reading *x = reading_list_push(&r);
		x->year = years[i];
		x->value = values[i];
	}
	lists_spark(&r, &sb);
	ck_assert_str_eq(sb.buf, "▁▄ █"); /* 2022 has no reading */
	reading_list_release(&r);
	sb_release(&sb);
}
END_TEST

START_TEST(goals_as_a_tree)
{
	struct goal_list l = { 0 };
	const char *codes[] = { "2.1", "1.10", "2", "1", "1.2", "1.9" };
	const char *parents[] = { "2", "1", NULL, NULL, "1", "1" };
	for (int i = 0; i < 6; i++) {
		struct goal *g = goal_list_push(&l);
		g->code = xstrdup(codes[i]);
		g->parent_code = parents[i] ? xstrdup(parents[i]) : NULL;
	}
	l.v[0].actions_done = 2; /* 2.1 */
	l.v[2].actions_open = 1; /* 2 itself */
	l.v[4].actions_overdue = 3; /* 1.2 */
	lists_goals_rollup(&l);
	lists_goals_tree(&l);
	ck_assert_int_eq(l.v[0].actions_overdue, 3); /* 1 */
	ck_assert_int_eq(l.v[4].actions_done, 2);    /* 2 */
	ck_assert_int_eq(l.v[4].actions_open, 1);
	ck_assert_int_eq(l.v[5].actions_done, 2);    /* 2.1 unchanged */
	const char *want[] = { "1", "1.2", "1.9", "1.10", "2", "2.1" };
	for (int i = 0; i < 6; i++)
		ck_assert_str_eq(l.v[i].code, want[i]);
	goal_list_release(&l);
}
END_TEST

static void push_action(struct action_list *l, const char *title, const char *owner, const char *due,
			const char *status)
{
	struct action *a = action_list_push(l);
	snprintf(a->id, sizeof a->id, "%032zu", l->n);
	a->title = xstrdup(title);
	a->owner = xstrdup(owner);
	a->due = due ? xstrdup(due) : NULL;
	a->status = xstrdup(status);
}

START_TEST(actions_in_order)
{
	struct action_list l = { 0 };
	const char *today = "2026-06-01";
	push_action(&l, "D", "Örjan", NULL, "planned");
	push_action(&l, "C", "Anna", "2026-09-01", "done");
	push_action(&l, "B", "Örjan", "2026-05-01", "ongoing");
	push_action(&l, "A", "anders", "2026-07-01", "planned");
	lists_actions_sort(&l, ORDER_DUE, today);
	ck_assert_str_eq(l.v[0].title, "B");
	ck_assert_str_eq(l.v[3].title, "D"); /* no due date last */
	ck_assert(lists_overdue(&l.v[0], today));
	ck_assert(!lists_overdue(&l.v[1], today));
	ck_assert_str_eq(lists_action_group(&l.v[0], ORDER_DUE, today), "2026-05");
	ck_assert_str_eq(lists_action_group(&l.v[3], ORDER_DUE, today), "no due date");

	lists_actions_sort(&l, ORDER_OWNER, today);
	ck_assert_str_eq(l.v[0].owner, "anders"); /* case folded */
	ck_assert_str_eq(l.v[1].owner, "Anna");
	ck_assert_str_eq(l.v[2].title, "B");      /* Örjan's, by due date */
	ck_assert_str_eq(l.v[3].title, "D");
	ck_assert_str_eq(lists_action_group(&l.v[2], ORDER_OWNER, today), "Örjan");

	lists_actions_sort(&l, ORDER_STATUS, today);
	const char *want[] = { "B", "A", "D", "C" }; /* overdue, planned by due, done */
	for (int i = 0; i < 4; i++)
		ck_assert_str_eq(l.v[i].title, want[i]);
	ck_assert_str_eq(lists_action_group(&l.v[3], ORDER_STATUS, today), "done");
	action_list_release(&l);
}
END_TEST

static void agenda(struct store *st, const char *ref, struct item_list *l)
{
	memset(l, 0, sizeof *l);
	ck_assert_int_eq(store_item_list(st, mid(st, ref), l, &e), 0);
}

START_TEST(chair_prepares)
{
	struct store *st = council("prep.db");
	char id[ID_LEN + 1], prop[ID_LEN + 1], rid[ID_LEN + 1], m[ID_LEN + 1];
	plan(st, "radet", "2026-06-10");
	memcpy(m, mid(st, "radet/2026-06-10"), sizeof m);
	item(st, "radet/2026-06-10", "Val av justerare");
	item(st, "radet/2026-06-10", "Ett ärende");
	ck_assert_int_eq(council_question_add(st, "Ligger det i linje med målen?", &e), 0);
	ck_assert_int_eq(council_question_add(st, "Gynnar det flera kommuner?", &e), 0);
	ck_assert_int_eq(council_proposal_add(st, "E-arkiv", NULL, pid(st, "Åsa"), "2026-05-01", prop, &e), 0);
	ck_assert_int_eq(council_proposal_add(st, "Gatlyktor", NULL, pid(st, "Björn"), "2026-05-02", rid, &e), 0);
	const char *status;
	bool yes[] = { true, true }, no[] = { true, false };
	ck_assert_int_eq(council_proposal_screen(st, prop, yes, 2, &status, &e), 0);
	ck_assert_str_eq(status, "screened");
	ck_assert_int_eq(council_proposal_screen(st, rid, no, 2, &status, &e), 0);
	ck_assert_str_eq(status, "rejected");
	ck_assert_int_eq(council_proposal_screen(st, rid, no, 1, &status, &e), -1);
	ck_assert_int_eq(e.code, E_ANSWER_COUNT);
	struct action_input a = { .title = "Enkät", .due = "2026-06-01" };
	ck_assert_int_eq(action_owner_resolve(st, "Björn", &a.owner, &e), 0);
	ck_assert_int_eq(action_add(st, &a, id, &e), 0);
	a.title = "Senare";
	a.due = "2026-12-01"; /* not due by the meeting */
	ck_assert_int_eq(action_add(st, &a, id, &e), 0);

	struct offers o = { 0 };
	ck_assert_int_eq(prepare_offers(st, m, &o, &e), 0);
	/* 4 opening, the screened proposal, the action due, the closing */
	ck_assert_uint_eq(o.n, 7);
	ck_assert(o.v[1].on_agenda && !o.v[0].on_agenda);
	ck_assert_int_eq(o.v[4].kind, OFFER_PROPOSAL);
	ck_assert_str_eq(o.v[4].title, "E-arkiv");
	ck_assert_int_eq(o.v[5].kind, OFFER_ACTION);
	ck_assert_str_eq(o.v[5].title, "Uppföljning: Enkät");
	bool all[7] = { true, true, true, true, true, true, true };
	int added;
	ck_assert_int_eq(prepare_apply(st, m, &o, all, &added, &e), 0);
	ck_assert_int_eq(added, 6);
	offers_release(&o);

	struct item_list l;
	agenda(st, "radet/2026-06-10", &l);
	const char *want[] = { "Mötets öppnande", "Val av justerare", "Godkännande av dagordningen",
			       "Föregående protokoll", "Ett ärende", "E-arkiv", "Uppföljning: Enkät",
			       "Mötets avslutande" };
	ck_assert_uint_eq(l.n, 8);
	for (int i = 0; i < 8; i++)
		ck_assert_str_eq(l.v[i].title, want[i]);
	ck_assert_str_eq(l.v[6].presenter, "Björn");
	item_list_release(&l);

	/* offered again: everything is there, nothing is added twice */
	ck_assert_int_eq(prepare_offers(st, m, &o, &e), 0);
	for (size_t i = 0; i < o.n; i++)
		ck_assert(o.v[i].on_agenda || o.v[i].kind == OFFER_PROPOSAL);
	offers_release(&o);

	/* a rejected proposal cannot go on an agenda; an unknown one is named */
	int pos;
	ck_assert_int_eq(prepare_proposal_to_agenda(st, rid, m, &pos, &e), -1);
	ck_assert_int_eq(e.code, E_PROPOSAL_NOT_READY);
	ck_assert_int_eq(prepare_proposal_to_agenda(st, "ffffffff", m, &pos, &e), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_PROPOSAL);

	/* a closed meeting's agenda is no longer prepared */
	ck_assert_int_eq(meeting_open(st, m, "09:00", &e), 0);
	ck_assert_int_eq(meeting_close(st, m, "10:00", &e), 0);
	ck_assert_int_eq(prepare_offers(st, m, &o, &e), -1);
	ck_assert_int_eq(e.code, E_AGENDA_CLOSED);
	store_close(st);
}
END_TEST

START_TEST(items_move)
{
	struct store *st = council("move.db");
	const char *ref = "radet/2026-06-10";
	plan(st, "radet", "2026-06-10");
	const char *titles[] = { "A", "B", "C", "D" };
	for (int i = 0; i < 4; i++)
		item(st, ref, titles[i]);
	struct attend_input in = { .person_id = pid(st, "Björn"), .to_item = 2 }; /* left after B */
	ck_assert_int_eq(meeting_attend(st, mid(st, ref), &in, &e), 0);
	ck_assert_int_eq(meeting_item_move(st, iid(st, ref, "4"), 1, &e), 0);
	ck_assert_int_eq(meeting_item_move(st, iid(st, ref, "2"), 3, &e), 0);
	struct item_list l;
	agenda(st, "radet/2026-06-10", &l);
	const char *want[] = { "D", "B", "A", "C" };
	for (int i = 0; i < 4; i++)
		ck_assert_str_eq(l.v[i].title, want[i]);
	item_list_release(&l);
	/* Björn still left after B, now item 2 */
	struct meeting_view v;
	ck_assert_int_eq(meeting_view_load(st, mid(st, ref), &v, &e), 0);
	ck_assert_int_eq(v.att.v[0].to_item, 2);
	meeting_view_release(&v);
	ck_assert_int_eq(meeting_item_move(st, iid(st, ref, "1"), 5, &e), -1);
	ck_assert_int_eq(e.code, E_NO_PLACE);
	ck_assert_int_eq(meeting_item_move(st, iid(st, ref, "1"), 0, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_ITEM_NUMBER);
	struct meeting m;
	char id[ID_LEN + 1];
	ck_assert_int_eq(parse_meeting_item(st, ref, "9", &m, id, &e), -1);
	ck_assert_int_eq(e.code, E_NO_ITEM);
	store_close(st);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { decisions_filtered, bars_and_sparks, goals_as_a_tree,
				       actions_in_order, chair_prepares, items_move };
	return run_suite("review", tests, sizeof tests / sizeof *tests);
}
