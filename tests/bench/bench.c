/*
 * bench: builds a ten-year council through the real services and prints
 * one line per figure, "NAME: VALUE UNIT", and the same in bench/last.json.
 *
 * Figures are medians (and p99 where named) of repeated runs; each comes
 * with a baseline measured in the same run on the same machine, so a noisy
 * machine shows in both.
 */
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tests/bench/bench.h"
#include "core/action.h"
#include "core/council.h"
#include "core/doc/protocol.h"
#include "core/doc/report.h"
#include "core/meeting.h"
#include "store/db.h"
#include "store/lookup.h"
#include "store/store.h"
#include "tests/bench/bench_sync.h"

#define BODIES 3
#define PEOPLE 60
#define MEETINGS 300
#define ITEMS 15
#define DECISIONS 3000
#define ACTIONS 2000
#define PROPOSALS 200

static struct err e;
static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

unsigned bench_rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

double bench_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

void bench_die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, e.msg);
	exit(1);
}

static const char *const words[] = {
	"digitalisering", "kommunerna", "regionen", "e-legitimation", "bredband", "fiber",
	"landsbygden", "e-tjänster", "öppna", "data", "invånare", "företag", "förvaltning",
	"samverkan", "handlingsplan", "uppföljning", "mätetal", "styrgruppen", "rådet", "beslut",
	"ärendet", "finansiering", "upphandling", "informationssäkerhet", "integritet", "skolan",
	"vården", "e-hälsa", "trygghetslarm", "kompetens", "småföretag", "innovation", "delaktighet",
	"medborgardialog", "geodata", "nyanlända", "webbplats", "IT-drift", "integrationer",
	"dubbelarbete", "resor", "hållbar", "utveckling", "Västra", "Götaland", "länsstyrelsen",
	"kommunalförbund", "Boråsregionen", "Fyrbodal", "Skaraborg", "Göteborg", "arbetsgrupp",
	"förstudie", "projekt", "pilot", "lägesrapport", "redovisade", "diskuterade", "föreslog",
	"konstaterade", "att", "och", "för", "med", "som", "det", "en", "av", "till", "på", "är",
	"inom", "under", "året", "nästa", "möte", "kansliet", "uppdrag", "ansvar", "tidplan",
	"kraftsamling", "prioriterad", "äldreomsorgen", "välfärdsteknik", "arkiv", "e-arkiv",
};
#define NWORDS (sizeof words / sizeof *words)

/*
 * The text of the minutes: a vocabulary of 4,000 words (the domain words
 * above and compounds made from them, as Swedish makes them) drawn with a
 * Zipf law, so a few words are everywhere and most are rare, as in real
 * minutes.
 */
#define VOCAB 4000
static char *vocab[VOCAB];
static double zipf_cdf[VOCAB];

static void vocab_init(void)
{
	static const char *const tails[] = { "arbetet", "frågor", "planen", "tjänster", "projektet",
					     "strategi", "utbyggnad", "samverkan", "stöd", "rapport" };
	double sum = 0;
	for (int i = 0; i < VOCAB; i++) {
		if (i < (int)NWORDS)
			vocab[i] = xstrdup(words[i]);
		else
			vocab[i] = xasprintf("%s%s%d", words[i % NWORDS], tails[(i / NWORDS) % 10], i / 400);
		sum += 1.0 / (i + 1);
		zipf_cdf[i] = sum;
	}
	for (int i = 0; i < VOCAB; i++)
		zipf_cdf[i] /= sum;
	/* shuffle which words are common, keeping "och", "att" among them */
	for (int i = VOCAB - 1; i > 0; i--) {
		int j = (int)bench_rnd((unsigned)i + 1);
		char *t = vocab[i];
		vocab[i] = vocab[j];
		vocab[j] = t;
	}
}

static const char *zipf_word(void)
{
	double u = bench_rnd(1000000) / 1e6;
	int lo = 0, hi = VOCAB - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return vocab[lo];
}

void bench_text(struct strbuf *sb, size_t len)
{
	sb_reset(sb);
	while (sb->len < len) {
		for (int i = 0, n = 6 + (int)bench_rnd(10); i < n; i++) {
			const char *w = zipf_word();
			if (i == 0) {
				/* capitalise ASCII first letters only; enough for the load */
				char c = w[0];
				sb_addc(sb, (char)(c >= 'a' && c <= 'z' ? c - 32 : c));
				sb_adds(sb, w + 1);
			} else {
				sb_addc(sb, ' ');
				sb_adds(sb, w);
			}
		}
		sb_adds(sb, ". ");
	}
}

const char *bench_person(struct store *st, const char *name)
{
	static char id[ID_LEN + 1];
	if (council_person_resolve(st, name, id, &e))
		bench_die("a person");
	return id;
}

const char *bench_body(struct store *st, const char *short_name)
{
	static char id[ID_LEN + 1];
	if (council_body_resolve(st, short_name, id, &e))
		bench_die("a body");
	return id;
}

const char *bench_item(struct store *st, const char *meeting_id, int pos)
{
	static char id[ID_LEN + 1];
	if (store_item_id(st, meeting_id, pos, id, &e))
		bench_die("an item");
	return id;
}

const char *bench_goal(struct store *st, const char *code)
{
	static char id[ID_LEN + 1];
	if (council_goal_resolve(st, code, id, &e))
		bench_die("a goal");
	return id;
}

static const char *const bodies[] = { "styrgrupp", "radet", "referens" };

static void build(struct store *st, const char *today)
{
	char id[ID_LEN + 1], name[64];
	struct strbuf sb = { 0 };
	if (store_begin(st, &e) || council_init(st, "Tioårsrådet", &e))
		bench_die("init");
	for (int b = 0; b < BODIES; b++)
		if (council_body_add(st, bodies[b], bodies[b], &e))
			bench_die("body");
	for (int p = 0; p < PEOPLE; p++) {
		char org[32];
		snprintf(name, sizeof name, "Person %02d Åström", p);
		snprintf(org, sizeof org, "Organisation %d", p % 12);
		if (council_person_add(st, name, org, NULL, id, &e))
			bench_die("person");
		/* 20 people per body: chair, 14 members, 3 substitutes, secretary, 1 co-opted */
		const char *role = p % 20 == 0 ? "ordförande" : p % 20 < 15 ? "ledamot" : p % 20 < 18 ? "ersättare"
			: p % 20 == 18 ? "sekreterare" : "adjungerad";
		if (council_member_add(st, bench_body(st, bodies[p / 20]), id, role, NULL, NULL, &e))
			bench_die("member");
	}
	for (int g = 1; g <= 3; g++) {
		struct goal goal = { .title = "Mål" };
		snprintf(name, sizeof name, "%d", g);
		goal.code = name;
		if (council_goal_add(st, &goal, &e))
			bench_die("goal");
	}
	static const int subs[] = { 9, 4, 5 };
	int year0 = date_year(today) - 10;
	for (int g = 1; g <= 3; g++)
		for (int s = 1; s <= subs[g - 1]; s++) {
			char code[32], parent[16];
			struct goal goal = { 0 };
			snprintf(code, sizeof code, "%d.%d", g, s);
			snprintf(parent, sizeof parent, "%d", g);
			bench_text(&sb, 300);
			goal.code = code;
			goal.parent_code = parent;
			goal.title = "Delmål för digital utveckling";
			goal.task = sb.buf;
			goal.indicator = "Andel kommuner";
			goal.priority = s == 1;
			if (council_goal_add(st, &goal, &e))
				bench_die("sub-goal");
			const char *goal_id = bench_goal(st, code);
			for (int y = 0; y < 10; y++) {
				double v = 20 + y * 6 + bench_rnd(5);
				if (council_goal_reading(st, goal_id, year0 + y, v, NULL, &e))
					bench_die("reading");
			}
		}
	/* 300 meetings over ten years, 100 per body, the last of each planned */
	int decisions = 0;
	for (int m = 0; m < MEETINGS; m++) {
		int b = m % BODIES;
		char date[DATE_SIZE], mid[ID_LEN + 1];
		int last = m >= MEETINGS - BODIES;
		date_add_days(today, last ? 14 + b : -3650 + m * 12 + b, date);
		struct meeting_plan plan = { date, "09:00", "12:00", "Regionens hus" };
		if (meeting_add(st, bench_body(st, bodies[b]), &plan, mid, &e))
			bench_die("meeting");
		for (int i = 1; i <= ITEMS; i++) {
			int pos;
			snprintf(name, sizeof name, "Ärende %d: %s och %s", i, words[bench_rnd(NWORDS)], words[bench_rnd(NWORDS)]);
			struct item_input item = { .title = name };
			if (meeting_item_add(st, mid, &item, &pos, &e))
				bench_die("item");
			if (last)
				continue;
			bench_text(&sb, 1500);
			if (meeting_note(st, bench_item(st, mid, pos), sb.buf, &e))
				bench_die("note");
		}
		if (last)
			continue;
		for (int p = 0; p < 15; p++) {
			struct attend_input a = { 0 };
			snprintf(name, sizeof name, "Person %02d Åström", b * 20 + p);
			a.person_id = bench_person(st, name);
			a.absent = p == 5;
			if (meeting_attend(st, mid, &a, &e))
				bench_die("attend");
		}
		if (meeting_open(st, mid, "09:00", &e))
			bench_die("open");
		for (int i = 1; i <= ITEMS && decisions < DECISIONS; i++) {
			if (i % 3 == 0 && decisions + (MEETINGS - BODIES - m) * 10 > DECISIONS - 10)
				continue;
			struct decide_input in = { 0 };
			struct decide_result r;
			bench_text(&sb, 200);
			in.text = sb.buf;
			if (meeting_decide(st, bench_item(st, mid, i), &in, &r, &e))
				bench_die("decide");
			decisions++;
		}
		if (meeting_close(st, mid, "12:00", &e))
			bench_die("close");
		struct person_ref by;
		snprintf(name, sizeof name, "Person %02d Åström", b * 20);
		memcpy(by.id, bench_person(st, name), sizeof by.id);
		if (meeting_adjust(st, mid, &by, 1, &e))
			bench_die("adjust");
	}
	for (int a = 0; a < ACTIONS; a++) {
		char due[11], goal[32], owner[64];
		struct action_input in = { 0 };
		bench_text(&sb, 200);
		snprintf(owner, sizeof owner, "Person %02d Åström", (int)bench_rnd(PEOPLE));
		snprintf(goal, sizeof goal, "%d.%d", 1 + a % 3, 1 + (int)bench_rnd(4));
		date_add_days(today, -3600 + a * 2, due);
		in.title = "Genomföra åtgärd inom digitalisering";
		in.description = sb.buf;
		in.due = due;
		in.goal_id = bench_goal(st, goal);
		if (action_owner_resolve(st, owner, &in.owner, &e) || action_add(st, &in, id, &e))
			bench_die("action");
		for (int n = 0; n < 3; n++) {
			bench_text(&sb, 150);
			if (action_update(st, id, n == 2 && a % 2 ? "done" : "ongoing", sb.buf, in.owner.person_id, due, &e))
				bench_die("action note");
		}
	}
	const char *by = bench_person(st, "Person 01 Åström");
	for (int p = 0; p < PROPOSALS; p++) {
		bench_text(&sb, 600);
		if (council_proposal_add(st, "Förslag om digital tjänst", sb.buf, by, NULL, id, &e))
			bench_die("proposal");
	}
	if (store_commit(st, &e))
		bench_die("commit");
	sb_release(&sb);
}

static const char *bench_path, *bench_today;

/* Gives the first item of each next meeting notes of `bytes` bytes. */
static void set_notes(size_t bytes)
{
	struct store *st;
	struct meeting_list next = { 0 };
	struct strbuf sb = { 0 };
	if (bytes)
		bench_text(&sb, bytes);
	if (store_open(bench_path, false, &e, &st) || store_begin(st, &e) ||
	    store_meeting_next(st, bench_today, &next, &e))
		bench_die("set notes");
	for (size_t i = 0; i < next.n; i++)
		if (meeting_notes_set(st, bench_item(st, next.v[i].id, 1), bytes ? sb.buf : "", &e))
			bench_die("notes");
	if (store_commit(st, &e))
		bench_die("commit");
	meeting_list_release(&next);
	store_close(st);
	sb_release(&sb);
}

/* True if the first item of the first next meeting has `word` in its notes. */
static bool notes_have(const char *word)
{
	struct store *st;
	struct meeting_list next = { 0 };
	struct meeting_view v;
	bool found = false;
	if (store_open(bench_path, false, &e, &st) || store_meeting_next(st, bench_today, &next, &e) || !next.n)
		bench_die("notes");
	if (meeting_view_load(st, next.v[0].id, &v, &e))
		bench_die("view");
	found = v.items.n && strstr(v.items.v[0].notes, word);
	meeting_view_release(&v);
	meeting_list_release(&next);
	store_close(st);
	return found;
}

/* A meeting of 40 items, each with 1,500 characters of notes and a
 * decision: the protocol the PDF figure typesets. Its id into id. */
static void build_40(struct store *st, const char *today, char id[ID_LEN + 1])
{
	struct strbuf sb = { 0 };
	char date[DATE_SIZE], name[128];
	struct meeting have;
	date_add_days(today, 30, date);
	/* BENCH_REUSE=1: made by an earlier run of the same day */
	snprintf(name, sizeof name, "radet/%s", date);
	if (meeting_resolve(st, name, &have, &e) == 0) {
		memcpy(id, have.id, ID_LEN + 1);
		meeting_release(&have);
		return;
	}
	struct meeting_plan plan = { date, "09:00", "16:00", "Regionens hus, Vänersborg" };
	if (store_begin(st, &e) || meeting_add(st, bench_body(st, "radet"), &plan, id, &e))
		bench_die("meeting of 40");
	for (int p = 0; p < 15; p++) {
		struct attend_input a = { 0 };
		snprintf(name, sizeof name, "Person %02d Åström", 20 + p);
		a.person_id = bench_person(st, name);
		if (meeting_attend(st, id, &a, &e))
			bench_die("attend 40");
	}
	if (meeting_open(st, id, "09:00", &e))
		bench_die("open 40");
	for (int i = 1; i <= 40; i++) {
		int pos;
		struct decide_input in = { 0 };
		struct decide_result r;
		snprintf(name, sizeof name, "Ärende %d: %s och %s", i, words[bench_rnd(NWORDS)], words[bench_rnd(NWORDS)]);
		struct item_input item = { .title = name };
		if (meeting_item_add(st, id, &item, &pos, &e))
			bench_die("item 40");
		const char *item_id = bench_item(st, id, pos);
		bench_text(&sb, 1500);
		if (meeting_note(st, item_id, sb.buf, &e))
			bench_die("note 40");
		bench_text(&sb, 200);
		in.text = sb.buf;
		if (meeting_decide(st, item_id, &in, &r, &e))
			bench_die("decide 40");
	}
	if (meeting_close(st, id, "16:00", &e) || store_commit(st, &e))
		bench_die("close 40");
	sb_release(&sb);
}

/*
 * Counts what a connection runs while `on` is set: SQLITE_TRACE_STMT
 * reports each statement as it starts, and each trigger program a
 * statement fires, whose text begins with "--".
 */
struct stmt_count {
	bool on;
	int statements, triggers;
};

static int count_stmt(unsigned type, void *ctx, void *stmt, void *sql)
{
	struct stmt_count *c = ctx;
	(void)stmt;
	if (type == SQLITE_TRACE_STMT && c->on) {
		if (!strncmp(sql, "--", 2))
			c->triggers++;
		else
			c->statements++;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b);
static double pct(double *v, int n, double p);

/*
 * note_save_us: the editor's autosave as the meeting screen makes it, the
 * notes of the first item of the next meeting replaced by a text of 2,000
 * bytes that differs each time, in a transaction of its own;
 * note_save_statements: the SQL statements one save runs (its transaction
 * and the trigger programs the update fires not counted). Baseline, run
 * after each save: the same transaction around one plain UPDATE of the same
 * row. The search index's trigger and the commit take most of the time of
 * both; note_save_beyond_update_us is what the save's call costs beyond
 * that UPDATE: the median, over the pairs, of the call's time less the
 * UPDATE's beside it (their transactions not timed).
 */
static void bench_note_save(const char *path, const char *today)
{
	enum { SAVES = 2001, TEXT = 2000 };
	static double save_us[SAVES], call_us[SAVES], base_us[SAVES], beyond_us[SAVES];
	struct store *st;
	struct meeting_list next = { 0 };
	struct strbuf text = { 0 };
	struct stmt_count count = { 0 };
	sqlite3_stmt *update;
	char item[ID_LEN + 1];
	int most = 0;
	if (store_open(path, false, &e, &st) || store_meeting_next(st, today, &next, &e) || !next.n)
		bench_die("note save: the next meeting");
	memcpy(item, bench_item(st, next.v[0].id, 1), sizeof item);
	meeting_list_release(&next);
	if (sqlite3_prepare_v2(st->db, "UPDATE item SET notes = ?, updated = ?, author = ? WHERE id = ?", -1,
			       &update, NULL))
		bench_die("note save: the baseline's statement");
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, count_stmt, &count);
	bench_text(&text, TEXT);
	for (int r = 0; r < SAVES; r++) {
		sb_addf(&text, " %d", r);
		double t = bench_now_ms();
		if (store_begin(st, &e))
			bench_die("note save: begin");
		count.on = true;
		count.statements = 0;
		double c = bench_now_ms();
		int rc = meeting_notes_set(st, item, text.buf, &e);
		call_us[r] = (bench_now_ms() - c) * 1000;
		count.on = false;
		if (rc || store_commit(st, &e))
			bench_die("note save");
		save_us[r] = (bench_now_ms() - t) * 1000;
		most = count.statements > most ? count.statements : most;

		char now[CLOCK_UTC_SIZE];
		sb_addc(&text, '.');
		t = bench_now_ms();
		if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
			bench_die("note save: the baseline's begin");
		c = bench_now_ms();
		clock_utc(now);
		sqlite3_bind_text(update, 1, text.buf, -1, SQLITE_STATIC);
		sqlite3_bind_text(update, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(update, 3, st->actor, -1, SQLITE_STATIC);
		sqlite3_bind_text(update, 4, item, -1, SQLITE_STATIC);
		if (sqlite3_step(update) != SQLITE_DONE || sqlite3_reset(update))
			bench_die("note save: the baseline");
		beyond_us[r] = call_us[r] - (bench_now_ms() - c) * 1000;
		if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL))
			bench_die("note save: the baseline's commit");
		base_us[r] = (bench_now_ms() - t) * 1000;
	}
	sqlite3_trace_v2(st->db, 0, NULL, NULL);
	sqlite3_finalize(update);
	sb_release(&text);
	store_close(st);
	bench_report("note_save_us", pct(save_us, SAVES, 0.5), "us");
	bench_report("note_save_statements", most, "stmts");
	bench_report("baseline_note_update_us", pct(base_us, SAVES, 0.5), "us");
	bench_report("note_save_beyond_update_us", pct(beyond_us, SAVES, 0.5), "us");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int i = (int)(p * (n - 1) + 0.5);
	return v[i];
}

/* The figures of a run, each with its own copy of its name and unit (a
 * caller may pass a buffer it reuses); a figure past the table's end stops
 * the run instead of being lost. */
enum { FIGURES_MAX = 64, FIGURE_NAME_SIZE = 64, FIGURE_UNIT_SIZE = 8 };
struct figure {
	char name[FIGURE_NAME_SIZE], unit[FIGURE_UNIT_SIZE];
	double value;
};
static struct figure figures[FIGURES_MAX];
static int nfig;

void bench_report(const char *name, double v, const char *unit)
{
	if (nfig >= FIGURES_MAX) {
		fprintf(stderr, "bench: more than %d figures; %s not kept\n", FIGURES_MAX, name);
		exit(1);
	}
	if (strlen(name) >= FIGURE_NAME_SIZE || strlen(unit) >= FIGURE_UNIT_SIZE) {
		fprintf(stderr, "bench: figure name or unit too long: %s %s\n", name, unit);
		exit(1);
	}
	for (int i = 0; i < nfig; i++)
		if (!strcmp(figures[i].name, name)) {
			fprintf(stderr, "bench: figure %s reported twice\n", name);
			exit(1);
		}
	struct figure *f = &figures[nfig++];
	snprintf(f->name, sizeof f->name, "%s", name);
	snprintf(f->unit, sizeof f->unit, "%s", unit);
	f->value = v;
	printf("%s: %.3f %s\n", name, v, unit);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	const char *path = argc > 1 ? argv[1] : "build/bench.db";
	char today[DATE_SIZE];
	clock_today(today);
	vocab_init();
	struct store *st;
	struct stat sb;
	/* BENCH_REUSE=1 measures the council built by an earlier run */
	const char *reuse_env = getenv("BENCH_REUSE");
	bool reuse = reuse_env && *reuse_env == '1' && stat(path, &sb) == 0;
	/*
	 * With BENCH_REUSE=1, BENCH_ONLY picks one part: sync (the sync
	 * figures), merge (the merge figures), tui (the interface), search,
	 * notes (the editor's autosave);
	 * its figures go to bench/last-PART.json.
	 */
	const char *only = getenv("BENCH_ONLY"), *part = NULL;
	static const char *const parts[] = { "sync", "merge", "tui", "search", "notes" };
	for (size_t i = 0; reuse && only && i < sizeof parts / sizeof *parts; i++)
		if (!strcmp(only, parts[i]))
			part = parts[i];
	if (only && *only && !part) {
		fprintf(stderr, "bench: BENCH_ONLY=%s needs BENCH_REUSE=1 and one of sync, merge, tui, search, notes\n", only);
		return 2;
	}
	bool sync_only = part && (!strcmp(part, "sync") || !strcmp(part, "merge"));
	bool tui_only = part && !strcmp(part, "tui"), search_only = part && !strcmp(part, "search");
	bool notes_only = part && !strcmp(part, "notes");
	if (!reuse) {
		bench_remove_db(path, true);
		double t0 = bench_now_ms();
		if (store_open(path, true, &e, &st))
			bench_die("open");
		build(st, today);
		store_close(st);
		bench_report("build_s", (bench_now_ms() - t0) / 1000, "s");
	}

	if (sync_only)
		goto sync;
	if (tui_only)
		goto tui;
	if (notes_only)
		goto notes;

	/* open the database and show the next meeting of each body, cold start each time */
	enum { RUNS = 41 };
	double open_ms[RUNS], base_ms[RUNS];
	for (int r = 0; r < RUNS; r++) {
		double t = bench_now_ms();
		struct meeting_list next = { 0 };
		if (store_open(path, false, &e, &st) || store_meeting_next(st, today, &next, &e))
			bench_die("next");
		for (size_t i = 0; i < next.n; i++) {
			struct meeting_view v;
			if (meeting_view_load(st, next.v[i].id, &v, &e))
				bench_die("view");
			meeting_view_release(&v);
		}
		meeting_list_release(&next);
		store_close(st);
		open_ms[r] = bench_now_ms() - t;
		/* baseline: plain SQLite open and one row read */
		t = bench_now_ms();
		sqlite3 *db;
		sqlite3_stmt *s;
		sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
		sqlite3_prepare_v2(db, "SELECT title FROM item LIMIT 1", -1, &s, NULL);
		sqlite3_step(s);
		sqlite3_finalize(s);
		sqlite3_close(db);
		base_ms[r] = bench_now_ms() - t;
	}
	bench_report("open_next_meeting_ms", pct(open_ms, RUNS, 0.5), "ms");
	bench_report("baseline_sqlite_open_ms", pct(base_ms, RUNS, 0.5), "ms");

	/*
	 * full-text search: 100 different queries, each run 5 times, after one
	 * untimed pass over them all: the database as a member's running gavel
	 * has it, in the page cache (this machine's kernel takes idle pages
	 * back, and the first pass after a large write reads from disk)
	 */
	if (store_open(path, false, &e, &st))
		bench_die("open");
	enum { QUERIES = 100, REPS = 5 };
	static double q_ms[QUERIES * REPS], like_ms[QUERIES];
	int nq = 0;
	static char queries[QUERIES][128];
	for (int q = 0; q < QUERIES; q++) {
		char *query = queries[q];
		/* what members search for: the domain's own words, common and rare */
		const char *w1 = words[(q * 7) % NWORDS], *w2 = vocab[(q * 37 + 11) % VOCAB];
		if (q % 3 == 0)
			snprintf(query, sizeof queries[q], "%s", w1);
		else if (q % 3 == 1)
			snprintf(query, sizeof queries[q], "%s %s", w1, w2);
		else
			snprintf(query, sizeof queries[q], "%.4s", w1); /* a prefix as typed */
	}
	for (int pass = 0; pass < 2; pass++)
		for (int q = 0; q < QUERIES; q++)
			for (int r = 0; r < (pass ? REPS : 1); r++) {
				struct hit_list h = { 0 };
				double t = bench_now_ms();
				if (store_search(st, queries[q], 20, &h, &e))
					bench_die("search");
				if (pass)
					q_ms[nq++] = bench_now_ms() - t;
				hit_list_release(&h);
			}
	store_close(st);
	if (getenv("BENCH_DEBUG"))
		for (int q = 0; q < QUERIES; q++) {
			double best = q_ms[q * REPS];
			for (int r = 1; r < REPS; r++)
				best = q_ms[q * REPS + r] < best ? q_ms[q * REPS + r] : best;
			fprintf(stderr, "search %d \"%s\": fastest of %d %.3f ms\n", q, queries[q], REPS, best);
		}
	double qcopy[QUERIES * REPS];
	memcpy(qcopy, q_ms, sizeof qcopy);
	bench_report("search_median_ms", pct(q_ms, nq, 0.5), "ms");
	bench_report("search_p99_ms", pct(qcopy, nq, 0.99), "ms");
	if (search_only)
		goto out;
	/* baseline: the same words found by a LIKE scan of the notes */
	sqlite3 *db;
	sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	for (int q = 0; q < 15; q++) {
		sqlite3_stmt *s;
		char pat[64];
		snprintf(pat, sizeof pat, "%%%s%%", words[(q * 7) % NWORDS]);
		double t = bench_now_ms();
		sqlite3_prepare_v2(db, "SELECT id FROM item WHERE notes LIKE ?", -1, &s, NULL);
		sqlite3_bind_text(s, 1, pat, -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW)
			;
		sqlite3_finalize(s);
		like_ms[q] = bench_now_ms() - t;
	}
	sqlite3_close(db);
	bench_report("baseline_like_scan_ms", pct(like_ms, 15, 0.5), "ms");

	/* documents: the PDF protocol of a 40-item meeting, and the yearly
	 * report over the ten years (PDF); baselines: the same as plain text
	 * and Markdown, without typesetting */
	if (store_open(path, false, &e, &st))
		bench_die("open");
	char ref40[ID_LEN + 1];
	build_40(st, today, ref40);
	enum { DOCS = 15 };
	double pdf_ms[DOCS], txt_ms[DOCS], rep_ms[DOCS], md_ms[DOCS];
	for (int r = 0; r < DOCS; r++) {
		double t = bench_now_ms();
		if (protocol_export(st, ref40, 0, DOC_FMT_PDF, NULL, "build/bench-40.pdf", &e))
			bench_die("pdf");
		pdf_ms[r] = bench_now_ms() - t;
		t = bench_now_ms();
		if (protocol_export(st, ref40, 0, DOC_FMT_TXT, NULL, "build/bench-40.txt", &e))
			bench_die("txt");
		txt_ms[r] = bench_now_ms() - t;
		t = bench_now_ms();
		if (report_goals_export(st, date_year(today), DOC_FMT_PDF, NULL, "build/bench-report.pdf", &e))
			bench_die("report");
		rep_ms[r] = bench_now_ms() - t;
		t = bench_now_ms();
		if (report_goals_export(st, date_year(today), DOC_FMT_MD, NULL, "build/bench-report.md", &e))
			bench_die("report md");
		md_ms[r] = bench_now_ms() - t;
	}
	store_close(st);
	bench_report("pdf_40_items_ms", pct(pdf_ms, DOCS, 0.5), "ms");
	bench_report("baseline_txt_40_items_ms", pct(txt_ms, DOCS, 0.5), "ms");
	bench_report("report_10y_ms", pct(rep_ms, DOCS, 0.5), "ms");
	bench_report("baseline_report_md_ms", pct(md_ms, DOCS, 0.5), "ms");

	stat(path, &sb);
	bench_report("db_mb", sb.st_size / 1048576.0, "MB");

	/* the editor's autosave */
notes:
	bench_note_save(path, today);
	if (notes_only)
		goto out;

	/* the terminal interface */
tui:
	bench_path = path;
	bench_today = today;
	set_notes(50 * 1024);
	if (store_open(path, false, &e, &st))
		bench_die("open");
	struct meeting_list next = { 0 };
	char next_ref[64];
	if (store_meeting_next(st, today, &next, &e) || !next.n)
		bench_die("next");
	snprintf(next_ref, sizeof next_ref, "%s/%s", next.v[0].body_short, next.v[0].date);
	meeting_list_release(&next);
	bench_tui_screens(st, next_ref);
	store_close(st);
	bench_tui_process(argc > 2 ? argv[2] : "./gavel", path, set_notes, notes_have);
	if (tui_only)
		goto out;

	/* sync: merging many machines' changes, one new change on long histories */
sync:
	bench_sync(path, today, reuse, part && !strcmp(part, "merge"));
out:

	mkdir("bench", 0755);
	char json[64];
	snprintf(json, sizeof json, "bench/last%s%s.json", part ? "-" : "", part ? part : "");
	FILE *f = fopen(json, "w");
	if (f) {
		fprintf(f, "{\n  \"date\": \"%s\",\n  \"figures\": {\n", today);
		for (int i = 0; i < nfig; i++)
			fprintf(f, "    \"%s\": %.3f%s\n", figures[i].name, figures[i].value, i + 1 < nfig ? "," : "");
		fprintf(f, "  }\n}\n");
		fclose(f);
	}
	return 0;
}
