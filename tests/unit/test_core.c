/* Unit tests of the core services: numbering, locking, all-or-nothing,
 * typed input, and the command line's resolution of names (parse.c). */
#include <locale.h>
#include <stdio.h>

#include "core/action.h"
#include "core/council.h"
#include "core/meeting.h"
#include "store/db.h"
#include "store/lookup.h"
#include "tui/cli/cli.h"
#include "helpers.h"

static struct err e;

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
	return st;
}

/* The id of a person by name. */
static const char *person(struct store *st, const char *name)
{
	static char id[ID_LEN + 1];
	ck_assert_msg(council_person_resolve(st, name, id, &e) == 0, "%s", e.msg);
	return id;
}

/* The id of a meeting BODY/DATE. */
static const char *meeting_id(struct store *st, const char *ref)
{
	static char id[ID_LEN + 1];
	struct meeting m;
	ck_assert_msg(meeting_resolve(st, ref, &m, &e) == 0, "%s", e.msg);
	memcpy(id, m.id, sizeof id);
	meeting_release(&m);
	return id;
}

/* The id of item number pos of the meeting ref. */
static const char *item_id(struct store *st, const char *ref, int pos)
{
	static char id[ID_LEN + 1];
	ck_assert_int_eq(store_item_id(st, meeting_id(st, ref), pos, id, &e), 0);
	return id;
}

/* Plans, opens and adds n items to a meeting. */
static void meeting(struct store *st, const char *body, const char *date, int n)
{
	char bid[ID_LEN + 1], mid[ID_LEN + 1];
	struct meeting_plan plan = { .date = date };
	struct item_input item = { .title = "Punkt" };
	int pos;
	ck_assert_int_eq(council_body_resolve(st, body, bid, &e), 0);
	ck_assert_int_eq(meeting_add(st, bid, &plan, mid, &e), 0);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(meeting_item_add(st, mid, &item, &pos, &e), 0);
	ck_assert_int_eq(meeting_open(st, mid, "09:00", &e), 0);
}

static int decide(struct store *st, const char *ref, int item)
{
	struct decide_input in = { .text = "att besluta" };
	struct decide_result r;
	if (meeting_decide(st, item_id(st, ref, item), &in, &r, &e))
		return -1;
	return r.para;
}

static void attend(struct store *st, const char *ref, const char *name, bool absent)
{
	struct attend_input a = { .person_id = person(st, name), .absent = absent };
	ck_assert_msg(meeting_attend(st, meeting_id(st, ref), &a, &e) == 0, "%s", e.msg);
}

START_TEST(numbering_per_body_and_year)
{
	struct store *st = council("num.db");
	meeting(st, "radet", "2025-02-01", 3);
	meeting(st, "radet", "2025-06-01", 2);
	meeting(st, "styr", "2025-06-02", 2);
	meeting(st, "radet", "2026-01-15", 2);
	ck_assert_int_eq(decide(st, "radet/2025-02-01", 1), 1);
	ck_assert_int_eq(decide(st, "radet/2025-02-01", 3), 2);
	ck_assert_int_eq(decide(st, "radet/2025-06-01", 1), 3);
	ck_assert_int_eq(decide(st, "styr/2025-06-02", 2), 1); /* another body */
	ck_assert_int_eq(decide(st, "radet/2026-01-15", 1), 1); /* a new year */
	ck_assert_int_eq(decide(st, "radet/2025-02-01", 2), 4); /* late, still unique */
	ck_assert_int_eq(decide(st, "radet/2025-02-01", 2), -1);
	ck_assert_int_eq(e.code, E_ITEM_DECIDED);
	char id[ID_LEN + 1];
	ck_assert_int_eq(parse_decision(st, "radet/2025/4", id, &e), 0);
	ck_assert_int_eq(parse_decision(st, "styr/2025/2", id, &e), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_DECISION);
	/* the decision of an item, by the meeting's name and the item's number */
	char by_item[ID_LEN + 1];
	ck_assert_int_eq(parse_decision(st, "radet/2025-02-01/3", by_item, &e), 0);
	ck_assert_int_eq(parse_decision(st, "radet/2025/2", id, &e), 0);
	ck_assert_str_eq(by_item, id);
	ck_assert_int_eq(parse_decision(st, "radet/2025-06-01/2", id, &e), -1);
	ck_assert_int_eq(e.code, E_NO_DECISION_AT);
	ck_assert_int_eq(parse_decision(st, "§ 3", id, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_DECISION_NAME);
	store_close(st);
}
END_TEST

START_TEST(adjusted_is_locked)
{
	struct store *st = council("lock.db");
	const char *ref = "radet/2025-02-01";
	meeting(st, "radet", "2025-02-01", 2);
	attend(st, ref, "Åsa", false);
	ck_assert_int_eq(decide(st, ref, 1), 1);
	struct person_ref by;
	memcpy(by.id, person(st, "Åsa"), sizeof by.id);
	char mid[ID_LEN + 1];
	memcpy(mid, meeting_id(st, ref), sizeof mid);
	ck_assert_int_eq(meeting_adjust(st, mid, &by, 1, &e), -1); /* still open */
	ck_assert_int_eq(e.code, E_ADJUST_NOT_CLOSED);
	ck_assert_int_eq(meeting_close(st, mid, NULL, &e), 0);
	ck_assert_int_eq(meeting_adjust(st, mid, &by, 1, &e), 0);
	char *before = test_dump(st);
	ck_assert_int_eq(meeting_note(st, item_id(st, ref, 1), "efteråt", &e), -1);
	ck_assert_int_eq(e.code, E_LOCKED);
	ck_assert_int_eq(meeting_notes_set(st, item_id(st, ref, 1), "", &e), -1);
	ck_assert_int_eq(e.code, E_LOCKED);
	ck_assert_msg(strstr(e.msg, "radet/2025-02-01") != NULL, "%s", e.msg);
	ck_assert_int_eq(decide(st, ref, 2), -1);
	ck_assert_int_eq(e.code, E_LOCKED);
	struct attend_input a = { .person_id = person(st, "Åsa"), .absent = true };
	ck_assert_int_eq(meeting_attend(st, mid, &a, &e), -1);
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
	meeting(st, "radet", "2025-02-01", 1);
	attend(st, ref, "Åsa", false);
	attend(st, ref, "Björn", true);
	char *before = test_dump(st);
	/* the conflict and the number would be written before the dissent is
	 * checked if the order were wrong; the transaction must undo all */
	struct dissent_input dissent = { .motivation = "nej" };
	struct person_ref conflict;
	memcpy(dissent.person_id, person(st, "Björn"), ID_LEN + 1);
	memcpy(conflict.id, person(st, "Cecilia"), ID_LEN + 1);
	struct decide_input in = { .text = "att besluta", .dissents = &dissent, .ndissents = 1,
				   .conflicts = &conflict, .nconflicts = 1 };
	struct decide_result r;
	ck_assert_int_eq(store_begin(st, &e), 0);
	ck_assert_int_eq(meeting_decide(st, item_id(st, ref, 1), &in, &r, &e), -1);
	store_rollback(st);
	ck_assert_int_eq(e.code, E_DISSENT_NO_PART);
	ck_assert_msg(strstr(e.msg, "Björn did not take part") != NULL, "%s", e.msg);
	char *after = test_dump(st);
	ck_assert_str_eq(before, after);
	/* and the number is still free */
	ck_assert_int_eq(decide(st, ref, 1), 1);
	free(before);
	free(after);
	store_close(st);
}
END_TEST

START_TEST(votes_as_structs)
{
	struct store *st = council("votes.db");
	const char *ref = "radet/2025-02-01";
	meeting(st, "radet", "2025-02-01", 3);
	attend(st, ref, "Åsa", false);
	attend(st, ref, "Björn", false);
	attend(st, ref, "Cecilia", false);
	struct vote_input votes[2];
	memcpy(votes[0].person_id, person(st, "Åsa"), ID_LEN + 1);
	votes[0].choice = VOTE_YES;
	memcpy(votes[1].person_id, person(st, "Björn"), ID_LEN + 1);
	votes[1].choice = VOTE_NO;
	struct decide_input in = { .text = "att besluta", .votes = votes, .nvotes = 2 };
	struct decide_result r;
	/* the counts are those of the named votes */
	ck_assert_msg(meeting_decide(st, item_id(st, ref, 1), &in, &r, &e) == 0, "%s", e.msg);
	/* a count below the named votes of its choice */
	in.counted = true;
	in.counts[VOTE_YES] = 0;
	in.counts[VOTE_NO] = 1;
	ck_assert_int_eq(meeting_decide(st, item_id(st, ref, 2), &in, &r, &e), -1);
	ck_assert_int_eq(e.code, E_NAMED_BEYOND_COUNT);
	/* more votes than decision-makers take part */
	in.counts[VOTE_YES] = 3;
	in.counts[VOTE_ABSTAIN] = 1;
	ck_assert_int_eq(meeting_decide(st, item_id(st, ref, 2), &in, &r, &e), -1);
	ck_assert_int_eq(e.code, E_VOTES_BEYOND_PRESENT);
	/* a count out of range is refused before anything is looked up */
	in.counts[VOTE_YES] = -2;
	ck_assert_int_eq(meeting_decide(st, "no such item", &in, &r, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_COUNT);
	/* jäv: Cecilia takes no part, so she cannot vote */
	struct person_ref jav;
	memcpy(jav.id, person(st, "Cecilia"), ID_LEN + 1);
	memcpy(votes[0].person_id, jav.id, ID_LEN + 1);
	struct decide_input j = { .text = "att besluta", .votes = votes, .nvotes = 1, .conflicts = &jav, .nconflicts = 1 };
	ck_assert_int_eq(meeting_decide(st, item_id(st, ref, 2), &j, &r, &e), -1);
	ck_assert_int_eq(e.code, E_VOTE_NO_PART);
	ck_assert_msg(strstr(e.msg, "Cecilia") != NULL, "%s", e.msg);

	struct meeting_view v;
	ck_assert_int_eq(meeting_view_load(st, meeting_id(st, ref), &v, &e), 0);
	const struct decision *d = v.items.v[0].decision;
	ck_assert(d && d->yes == 1 && d->no == 1 && d->abstain == 0 && d->votes.n == 2);
	meeting_view_release(&v);
	store_close(st);
}
END_TEST

START_TEST(command_line_words)
{
	struct store *st = council("words.db");
	char *texts[] = { "Åsa:ja", "björn:no", "Cecilia:avstår" };
	struct vote_input *v;
	ck_assert_int_eq(parse_votes(st, texts, 3, &v, &e), 0);
	ck_assert_int_eq(v[0].choice, VOTE_YES);
	ck_assert_int_eq(v[1].choice, VOTE_NO);
	ck_assert_int_eq(v[2].choice, VOTE_ABSTAIN);
	ck_assert_str_eq(v[1].person_id, person(st, "Björn"));
	free(v);
	char *bad[] = { "Åsa:kanske" }, *nobody[] = { "Nils:yes" }, *bare[] = { "Åsa" };
	ck_assert_int_eq(parse_votes(st, bad, 1, &v, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_VOTE);
	ck_assert_int_eq(parse_votes(st, nobody, 1, &v, &e), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_PERSON);
	ck_assert_int_eq(parse_votes(st, bare, 1, &v, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_VOTE);
	char *dissents[] = { "Åsa:Jag anser: annat", "Björn" };
	struct dissent_input *d;
	ck_assert_int_eq(parse_dissents(st, dissents, 2, &d, &e), 0);
	ck_assert_str_eq(d[0].motivation, "Jag anser: annat");
	ck_assert_ptr_null(d[1].motivation);
	free(d);
	int n;
	ck_assert_int_eq(parse_count(VOTE_NO, "7", &n, &e), 0);
	ck_assert_int_eq(n, 7);
	ck_assert_int_eq(parse_count(VOTE_NO, "-1", &n, &e), -1);
	ck_assert_msg(strstr(e.msg, "invalid number of no votes: -1") != NULL, "%s", e.msg);
	ck_assert_int_eq(parse_year("20x6", &n, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_YEAR);
	char *answers[] = { "ja", "n", "yes" }, *maybe[] = { "kanske" };
	bool *yes;
	ck_assert_int_eq(parse_answers(answers, 3, &yes, &e), 0);
	ck_assert(yes[0] && !yes[1] && yes[2]);
	free(yes);
	ck_assert_int_eq(parse_answers(maybe, 1, &yes, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_ANSWER);
	meeting(st, "radet", "2025-02-01", 2);
	struct meeting m;
	char id[ID_LEN + 1];
	ck_assert_int_eq(parse_meeting_item(st, "radet/2025-02-01", "2", &m, id, &e), 0);
	meeting_release(&m);
	ck_assert_int_eq(parse_meeting_item(st, "radet/2025-02-01", "3", &m, id, &e), -1);
	ck_assert_int_eq(e.code, E_NO_ITEM);
	ck_assert_int_eq(parse_meeting_item(st, "radet/2025-02-01", "två", &m, id, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_ITEM_NUMBER);
	ck_assert_int_eq(parse_meeting_item(st, "radet", "1", &m, id, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_MEETING_NAME);
	store_close(st);
}
END_TEST

/* The options of a command are written once: the usage line and the
 * parser read the same row. */
START_TEST(options_written_once)
{
	char *decide[] = { "decide" }, *action[] = { "action", "add" };
	int used;
	const struct command *cmd = cli_find(1, decide, &used);
	ck_assert_ptr_nonnull(cmd);
	ck_assert_int_eq(used, 1);
	struct strbuf sb = { 0 };
	cli_usage_line(cmd, &sb);
	ck_assert_msg(strstr(sb.buf, "gavel decide MEETING ITEM TEXT [--yes N]") == sb.buf, "%s", sb.buf);
	ck_assert_msg(strstr(sb.buf, " [--vote PERSON:yes|no|abstain]...") != NULL, "%s", sb.buf);
	sb_release(&sb);

	char *args[] = { "radet/2025-02-01", "1", "att", "--vote", "Åsa:ja", "--vote=Björn:nej", "--yes", "-1" };
	struct ctx c = { .e = &e };
	ck_assert_int_eq(ctx_parse(&c, cmd, 8, args), 0);
	ck_assert_int_eq(c.argc, 3);
	size_t n;
	char **votes = opt_values(&c, "vote", &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(votes[1], "Björn:nej");
	ck_assert_str_eq(opt_value(&c, "yes"), "-1"); /* a value may look like a number below zero */
	ck_assert_ptr_null(opt_value(&c, "no"));
	free(votes);
	ctx_release(&c);

	char *unknown[] = { "a", "b", "c", "--colour" }, *bare[] = { "a", "b", "c", "--yes" },
	     *few[] = { "a", "b" };
	ck_assert_int_eq(ctx_parse(&c, cmd, 4, unknown), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_OPTION);
	ctx_release(&c);
	ck_assert_int_eq(ctx_parse(&c, cmd, 4, bare), -1);
	ck_assert_int_eq(e.code, E_OPTION_NEEDS_VALUE);
	ctx_release(&c);
	ck_assert_int_eq(ctx_parse(&c, cmd, 2, few), -1);
	ck_assert_int_eq(e.code, E_USAGE_CMD);
	ck_assert_msg(strstr(e.msg, "usage: gavel decide") != NULL, "%s", e.msg);
	ck_assert_int_eq(error_exit_status(e.code), 2);
	ctx_release(&c);

	/* a required option: the usage line shows it without brackets */
	cmd = cli_find(2, action, &used);
	ck_assert_int_eq(used, 2);
	cli_usage_line(cmd, &sb);
	ck_assert_msg(strstr(sb.buf, "TITLE --owner WHO [--due DATE]") != NULL, "%s", sb.buf);
	sb_release(&sb);
	char *title[] = { "Plan" };
	ck_assert_int_eq(ctx_parse(&c, cmd, 1, title), -1);
	ck_assert_int_eq(e.code, E_OPTION_REQUIRED);
	ctx_release(&c);
}
END_TEST

START_TEST(quorum_marks_decision)
{
	struct store *st = council("quorum.db");
	const char *ref = "radet/2025-02-01";
	struct decide_input in = { .text = "att besluta" };
	struct decide_result r;
	meeting(st, "radet", "2025-02-01", 2);
	ck_assert_int_eq(meeting_decide(st, item_id(st, ref, 1), &in, &r, &e), 0);
	ck_assert(!r.quorum.known);
	ck_assert_msg(strstr(r.warning, "quorum unknown") != NULL, "%s", r.warning);
	attend(st, ref, "Åsa", false); /* 1 of 3 */
	ck_assert_int_eq(meeting_decide(st, item_id(st, ref, 2), &in, &r, &e), 0);
	ck_assert(r.quorum.known && !r.quorum.ok);
	ck_assert_int_eq(r.quorum.present, 1);
	ck_assert_int_eq(r.quorum.seats, 3);
	struct meeting_view v;
	ck_assert_int_eq(meeting_view_load(st, meeting_id(st, ref), &v, &e), 0);
	ck_assert_str_eq(v.items.v[0].decision->quorum, "unknown");
	ck_assert_str_eq(v.items.v[1].decision->quorum, "no");
	ck_assert_int_eq(v.para_first, 1);
	ck_assert_int_eq(v.para_last, 2);
	meeting_view_release(&v);
	store_close(st);
}
END_TEST

/* Counts the statements a connection starts (not the trigger programs
 * they fire, whose text begins with "--"). */
static int count_statements(unsigned type, void *ctx, void *stmt, void *sql)
{
	(void)stmt;
	if (type == SQLITE_TRACE_STMT && strncmp(sql, "--", 2))
		++*(int *)ctx;
	return 0;
}

START_TEST(note_save_takes_two_statements)
{
	struct store *st = council("save.db");
	const char *ref = "radet/2025-02-01";
	meeting(st, "radet", "2025-02-01", 2);
	char item[ID_LEN + 1];
	memcpy(item, item_id(st, ref, 2), sizeof item);
	int n = 0;
	ck_assert_int_eq(store_begin(st, &e), 0);
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, count_statements, &n);
	ck_assert_int_eq(meeting_notes_set(st, item, "Anteckningar under mötet.", &e), 0);
	sqlite3_trace_v2(st->db, 0, NULL, NULL);
	ck_assert_int_eq(store_commit(st, &e), 0);
	ck_assert_int_le(n, 2);
	struct meeting_view v;
	ck_assert_int_eq(meeting_view_load(st, meeting_id(st, ref), &v, &e), 0);
	ck_assert_str_eq(v.items.v[1].notes, "Anteckningar under mötet.");
	meeting_view_release(&v);
	/* an id that names no item is refused, not taken as an empty save */
	ck_assert_int_eq(meeting_notes_set(st, "00000000000000000000000000000000", "x", &e), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_ITEM);
	store_close(st);
}
END_TEST

START_TEST(actions_and_owners)
{
	struct store *st = council("act.db");
	char id[ID_LEN + 1];
	struct action_input in = { .title = "Plan", .due = "2025-05-01" };
	ck_assert_int_eq(action_owner_resolve(st, "VGR", &in.owner, &e), 0); /* an organisation */
	ck_assert(!in.owner.person_id[0] && in.owner.org_id[0]);
	ck_assert_int_eq(action_add(st, &in, id, &e), 0);
	ck_assert_int_eq(action_owner_resolve(st, "åsa", &in.owner, &e), 0); /* a person, any case */
	ck_assert(in.owner.person_id[0] && !in.owner.org_id[0]);
	ck_assert_int_eq(action_add(st, &in, id, &e), 0);
	ck_assert_int_eq(action_update(st, id, "ongoing", "påbörjad", person(st, "Björn"), "2025-04-01", &e), 0);
	struct action_owner owner;
	ck_assert_int_eq(action_owner_resolve(st, "Åsa", &owner, &e), 0);
	struct action_query q = { .owner = &owner };
	struct action_list l = { 0 };
	ck_assert_int_eq(action_list(st, &q, &l, &e), 0);
	ck_assert_int_eq((int)l.n, 2); /* her own and her organisation's */
	action_list_release(&l);
	ck_assert_int_eq(action_owner_resolve(st, "VGR", &owner, &e), 0);
	ck_assert_int_eq(action_list(st, &q, &l, &e), 0);
	ck_assert_int_eq((int)l.n, 1);
	action_list_release(&l);
	ck_assert_int_eq(action_owner_resolve(st, "Nils", &owner, &e), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_OWNER);
	ck_assert_int_eq(action_update(st, id, "finished", NULL, NULL, NULL, &e), -1);
	ck_assert_int_eq(e.code, E_BAD_ACTION_STATUS);
	ck_assert_int_eq(action_update(st, id, NULL, NULL, NULL, NULL, &e), -1);
	ck_assert_int_eq(e.code, E_NOTHING_TO_CHANGE);
	ck_assert_int_eq(action_resolve(st, "zz", id, &e), -1);
	ck_assert_int_eq(e.code, E_UNKNOWN_ACTION);
	store_close(st);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { numbering_per_body_and_year, adjusted_is_locked, refusal_changes_nothing,
				       votes_as_structs, command_line_words, options_written_once, quorum_marks_decision,
				       note_save_takes_two_statements, actions_and_owners };
	return run_suite("core", tests, sizeof tests / sizeof *tests);
}
