/* Unit tests of the store: migrations from every version, search, dump. */
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>

#include "helpers.h"

static struct err e;

/* Fills a database that stands at `version` with what that version holds. */
static void fill(struct store *st, int version)
{
	char pid[ID_LEN + 1], did[ID_LEN + 1], aid[ID_LEN + 1];
	struct meeting m;
	struct item it = { 0 };
	int pos;
	struct decision d = { .year = 2025, .para = 1, .text = "att införa e-legitimation", .yes = -1,
			      .no = -1, .abstain = -1, .quorum = "unknown" };
	struct action a = { .title = "Utreda bredband på landsbygden" };
	struct goal g = { .code = "1", .title = "Enklare vardag", .indicator = "Andel med fiber" };

	ck_assert_int_eq(store_council_add(st, "Rådet", &e), 0);
	ck_assert_int_eq(store_body_add(st, "radet", "Digitaliseringsrådet", &e), 0);
	ck_assert_int_eq(store_person_add(st, "Åsa Ölund", NULL, NULL, pid, &e), 0);
	char bid[ID_LEN + 1];
	ck_assert_int_eq(store_body_find(st, "radet", bid, &e), 0);
	ck_assert_int_eq(store_meeting_add(st, bid, "2025-03-01", "09:00", NULL, "Vänersborg", &e), 0);
	ck_assert_int_eq(store_meeting_find(st, bid, "2025-03-01", &m, &e), 0);
	ck_assert_int_eq(store_item_add(st, m.id, "Bredband", "case", pid, &pos, &e), 0);
	ck_assert_int_eq(store_item_find(st, m.id, pos, &it, &e), 0);
	ck_assert_int_eq(store_item_note_append(st, it.id, "Fiberutbyggnaden i Dalsland går långsamt.", &e), 0);
	ck_assert_int_eq(store_decision_add(st, it.id, bid, &d, did, &e), 0);
	ck_assert_int_eq(store_goal_add(st, &g, &e), 0);
	snprintf(a.owner_person_id, sizeof a.owner_person_id, "%s", pid);
	ck_assert_int_eq(store_action_add(st, &a, aid, &e), 0);
	ck_assert_int_eq(store_action_note_add(st, aid, "2025-04-01", pid, "Kartläggning klar i Åmål", &e), 0);
	if (version >= 2) {
		char prop[ID_LEN + 1];
		ck_assert_int_eq(store_question_add(st, "I linje med målen?", &e), 0);
		ck_assert_int_eq(store_proposal_add(st, "Öppna data-portal", "En gemensam portal", pid,
						    "2025-05-01", prop, &e), 0);
	}
	item_release(&it);
	meeting_release(&m);
}

START_TEST(upgrade_from_every_version)
{
	for (int v = 1; v < store_schema_version(); v++) {
		struct store *st = NULL;
		char name[32];
		snprintf(name, sizeof name, "v%d.db", v);
		const char *p = test_path(name);
		unlink(p);
		ck_assert_msg(store_open_at_version(p, v, &e, &st) == 0, "%s", e.msg);
		ck_assert_int_eq(store_version(st), v);
		fill(st, v);
		char *before = test_dump(st);
		store_close(st);

		ck_assert_msg(store_open(p, false, &e, &st) == 0, "%s", e.msg);
		ck_assert_int_eq(store_version(st), store_schema_version());
		char *after = test_dump(st);
		/* everything that was there is still there */
		ck_assert_msg(strstr(after, "Fiberutbyggnaden i Dalsland") != NULL, "v%d lost notes", v);
		ck_assert_msg(strstr(after, "att införa e-legitimation") != NULL, "v%d lost decision", v);
		ck_assert_msg(strlen(after) >= strlen(before), "v%d lost rows", v);
		/* and the newest features work on it: search indexes old rows */
		struct hit_list hits = { 0 };
		ck_assert_int_eq(store_search(st, "dalsland", 10, &hits, &e), 0);
		ck_assert_int_eq((int)hits.n, 1);
		hit_list_release(&hits);
		ck_assert_int_eq(store_search(st, "åmål", 10, &hits, &e), 0);
		ck_assert_msg(hits.n == 1, "v%d: action notes not indexed", v);
		ck_assert_str_eq(hits.v[0].kind, "action");
		hit_list_release(&hits);
		free(before);
		free(after);
		store_close(st);
	}
}
END_TEST

START_TEST(newer_database_refused)
{
	struct store *st = test_open("newer.db");
	store_close(st);
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(test_path("newer.db"), &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(store_open(test_path("newer.db"), false, &e, &st), -1);
	ck_assert_msg(strstr(e.msg, "newer gavel") != NULL, "%s", e.msg);
}
END_TEST

START_TEST(wal_and_foreign_keys)
{
	struct store *st = test_open("fk.db");
	/* a meeting of a body that does not exist is refused by the schema */
	ck_assert_int_eq(store_meeting_add(st, "0000", "2025-01-01", NULL, NULL, NULL, &e), -1);
	store_close(st);
	sqlite3 *db;
	sqlite3_open(test_path("fk.db"), &db);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	sqlite3_close(db);
}
END_TEST

START_TEST(search_swedish)
{
	struct store *st = test_open("search.db");
	fill(st, store_schema_version());
	struct hit_list h = { 0 };
	/* case-insensitive with å ä ö, prefixes, ranked, with context */
	ck_assert_int_eq(store_search(st, "FIBERUTBYGGNADEN", 10, &h, &e), 0);
	ck_assert_int_eq((int)h.n, 1);
	ck_assert_str_eq(h.v[0].kind, "item");
	ck_assert_str_eq(h.v[0].ref, "radet/2025-03-01 1");
	ck_assert_msg(strstr(h.v[0].snippet, "[Fiberutbyggnaden]") != NULL, "%s", h.v[0].snippet);
	hit_list_release(&h);
	ck_assert_int_eq(store_search(st, "ÅMÅL", 10, &h, &e), 0);
	ck_assert_int_eq((int)h.n, 1);
	hit_list_release(&h);
	ck_assert_int_eq(store_search(st, "fiber", 10, &h, &e), 0); /* prefix: the note and the goal */
	ck_assert_int_eq((int)h.n, 2);
	hit_list_release(&h);
	ck_assert_int_eq(store_search(st, "amal", 10, &h, &e), 0); /* å is not a */
	ck_assert_int_eq((int)h.n, 0);
	hit_list_release(&h);
	ck_assert_int_eq(store_search(st, "e-legitimation", 10, &h, &e), 0);
	ck_assert_int_eq((int)h.n, 1);
	ck_assert_str_eq(h.v[0].ref, "radet/2025/1");
	hit_list_release(&h);
	ck_assert_int_eq(store_search(st, "\"går långsamt\"", 10, &h, &e), 0); /* phrase */
	ck_assert_int_eq((int)h.n, 1);
	hit_list_release(&h);
	ck_assert_int_eq(store_search(st, "\"långsamt går\"", 10, &h, &e), 0);
	ck_assert_int_eq((int)h.n, 0);
	hit_list_release(&h);
	/* nothing a user types is FTS syntax that can fail */
	const char *odd[] = { "AND", "OR NOT", "NEAR(a b)", "\"", "*", "a:b", "(", "^x", "-", "x\"y", "" };
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
		ck_assert_msg(store_search(st, odd[i], 10, &h, &e) == 0, "%s: %s", odd[i], e.msg);
		hit_list_release(&h);
	}
	store_close(st);
}
END_TEST

START_TEST(dump_canonical)
{
	struct store *st = test_open("dump.db");
	fill(st, store_schema_version());
	char *a = test_dump(st), *b = test_dump(st);
	ck_assert_str_eq(a, b);
	/* sorted keys, one row a line, local settings left out */
	ck_assert_msg(strstr(a, "\"action\":[\n{\"author\":") != NULL, "%.200s", a);
	ck_assert_msg(strstr(a, "\"local\"") == NULL, "local settings in the dump");
	ck_assert_msg(strstr(a, "search") == NULL, "search index in the dump");
	free(a);
	free(b);
	store_close(st);
}
END_TEST

START_TEST(paragraph_counter)
{
	struct store *st = test_open("para.db");
	char bid[ID_LEN + 1];
	int p;
	ck_assert_int_eq(store_body_add(st, "radet", "Rådet", &e), 0);
	ck_assert_int_eq(store_body_find(st, "radet", bid, &e), 0);
	for (int i = 1; i <= 3; i++) {
		ck_assert_int_eq(store_para_next(st, bid, 2025, &p, &e), 0);
		ck_assert_int_eq(p, i);
	}
	ck_assert_int_eq(store_para_next(st, bid, 2026, &p, &e), 0);
	ck_assert_int_eq(p, 1);
	/* a rolled-back transaction gives its number back; a committed one never */
	ck_assert_int_eq(store_begin(st, &e), 0);
	ck_assert_int_eq(store_para_next(st, bid, 2025, &p, &e), 0);
	ck_assert_int_eq(p, 4);
	store_rollback(st);
	ck_assert_int_eq(store_para_next(st, bid, 2025, &p, &e), 0);
	ck_assert_int_eq(p, 4);
	store_close(st);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { upgrade_from_every_version, newer_database_refused, wal_and_foreign_keys, search_swedish, dump_canonical, paragraph_counter };
	return run_suite("store", tests, sizeof tests / sizeof *tests);
}
